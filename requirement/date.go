package requirement

import (
	"fmt"
	"time"

	"github.com/sdlkit/iec62443/problem"
)

// Date is a calendar day without time of day or zone, written "2006-01-02" in
// documents: the one date type of every document of the SDK (evidence dates,
// reviews, SoA dates). The zero value is unset; dates compare with
// [Date.Compare], [Date.Before] and [Date.After], and == is day equality.
type Date struct {
	v int32 // year*10000 + month*100 + day; 0 is unset
}

// NewDate returns the date y-m-d, normalised like time.Date (so February 30
// becomes March 1 or 2). Years outside 1 to 9999 give the zero Date.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Year() < 1 || t.Year() > 9999 {
		return Date{}
	}
	return Date{v: int32(t.Year()*10000 + int(t.Month())*100 + t.Day())}
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

// ParseDate parses "YYYY-MM-DD". Other layouts and impossible days (such as
// 2026-02-30) are an error wrapping [problem.ErrInvalidValue].
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 1 {
		return Date{}, fmt.Errorf("requirement: date %q: %w (want YYYY-MM-DD)", clip(s), problem.ErrInvalidValue)
	}
	return DateOf(t), nil
}

// MustParseDate is ParseDate for literals known to be valid; it panics
// otherwise.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.v == 0 }

// Valid reports whether d is set. Every Date built by this package's
// functions is a real calendar day.
func (d Date) Valid() bool { return d.v != 0 }

func (d Date) parts() (int, time.Month, int) {
	return int(d.v / 10000), time.Month(d.v / 100 % 100), int(d.v % 100)
}

// Year, Month and Day return the parts of d; zero for the zero Date.
func (d Date) Year() int { y, _, _ := d.parts(); return y }

// Month returns the month of d; zero for the zero Date.
func (d Date) Month() time.Month { _, m, _ := d.parts(); return m }

// Day returns the day of the month of d; zero for the zero Date.
func (d Date) Day() int { _, _, day := d.parts(); return day }

// Time returns midnight UTC of d; the zero time for the zero Date.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	y, m, day := d.parts()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// AddYears returns d plus n years; February 29 becomes March 1 in a common
// year. The zero Date stays zero.
func (d Date) AddYears(n int) Date {
	if d.IsZero() {
		return d
	}
	y, m, day := d.parts()
	return NewDate(y+n, m, day)
}

// AddDays returns d plus n days. The zero Date stays zero.
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	y, m, day := d.parts()
	return NewDate(y, m, day+n)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e. The zero
// Date sorts first.
func (d Date) Compare(e Date) int {
	switch {
	case d.v < e.v:
		return -1
	case d.v > e.v:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.v < e.v }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.v > e.v }

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.parts()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
}

// MarshalText implements [encoding.TextMarshaler]; the zero Date is an error
// (optional fields use omitzero).
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return nil, fmt.Errorf("requirement: marshal unset date: %w", problem.ErrInvalidValue)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] using [ParseDate].
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
