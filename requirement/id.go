package requirement

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
)

// ID is a requirement identifier such as "SM-1" or "SVV-5": a practice prefix,
// a hyphen and a number from 1 to 99 without leading zeros. An ID names a
// requirement only together with an [Edition]: A11's SR-2 is not 2018's SR-2.
type ID string

// ParseID parses and validates the syntax of an ID. It does not check that a
// catalog holds it; use [Catalog.Lookup] for that. Surrounding white space and
// lower-case prefixes are rejected: IDs are compared byte for byte.
func ParseID(s string) (ID, error) {
	if _, _, err := split(s); err != nil {
		return "", err
	}
	return ID(s), nil
}

// MustParseID is ParseID for literals known to be valid; it panics otherwise.
func MustParseID(s string) ID {
	id, err := ParseID(s)
	if err != nil {
		panic(err)
	}
	return id
}

func split(s string) (practice.Practice, int, error) {
	prefix, num, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("requirement: ID %q: %w: want PREFIX-N such as \"SM-1\"", clip(s), problem.ErrInvalidID)
	}
	p, err := practice.Parse(prefix)
	if err != nil {
		return 0, 0, fmt.Errorf("requirement: ID %q: %w: unknown practice prefix %q (want SM, SRM, SR, SD, SI, SVV, DM, SUM or SG)", clip(s), problem.ErrInvalidID, clip(prefix))
	}
	if len(num) == 0 || len(num) > 2 || num[0] == '0' {
		return 0, 0, fmt.Errorf("requirement: ID %q: %w: number must be 1 to 99 without leading zeros", clip(s), problem.ErrInvalidID)
	}
	for i := 0; i < len(num); i++ {
		if num[i] < '0' || num[i] > '9' {
			return 0, 0, fmt.Errorf("requirement: ID %q: %w: number must be decimal digits", clip(s), problem.ErrInvalidID)
		}
	}
	n, _ := strconv.Atoi(num)
	return p, n, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Valid reports whether id is syntactically valid.
func (id ID) Valid() bool {
	_, _, err := split(string(id))
	return err == nil
}

// Practice returns the practice the ID's prefix names, or 0 for an invalid ID.
func (id ID) Practice() practice.Practice {
	p, _, err := split(string(id))
	if err != nil {
		return 0
	}
	return p
}

// Number returns the number after the prefix, or 0 for an invalid ID.
func (id ID) Number() int {
	_, n, err := split(string(id))
	if err != nil {
		return 0
	}
	return n
}

// String returns the ID as text.
func (id ID) String() string { return string(id) }

// Compare orders IDs by practice (in A11 order: SM, SRM, SR, SD, SI, SVV, DM,
// SUM, SG) and then numerically, so that SM-2 sorts before SM-10. Invalid IDs
// sort after valid ones, by their text. It returns -1, 0 or +1.
func Compare(a, b ID) int {
	pa, na, ea := split(string(a))
	pb, nb, eb := split(string(b))
	switch {
	case ea != nil && eb != nil:
		return strings.Compare(string(a), string(b))
	case ea != nil:
		return 1
	case eb != nil:
		return -1
	}
	if c := cmp.Compare(pa, pb); c != 0 {
		return c
	}
	return cmp.Compare(na, nb)
}

// Compare is [Compare] as a method: id.Compare(other).
func (id ID) Compare(other ID) int { return Compare(id, other) }

// MarshalText implements [encoding.TextMarshaler]; invalid IDs are an error.
func (id ID) MarshalText() ([]byte, error) {
	if _, _, err := split(string(id)); err != nil {
		return nil, err
	}
	return []byte(id), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] using [ParseID].
func (id *ID) UnmarshalText(b []byte) error {
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}
