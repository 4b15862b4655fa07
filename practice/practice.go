package practice

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// Edition identifies an edition of EN IEC 62443-4-1. The zero value is
// unset and not valid.
type Edition int

const (
	// Edition2018 is EN IEC 62443-4-1:2018 (IEC 62443-4-1 Ed. 1.0), eight
	// practices and 47 requirements.
	Edition2018 Edition = iota + 1
	// EditionA11 is EN IEC 62443-4-1:2018/A11:2026, the European CRA
	// amendment. It is a draft: everything it adds is provisional.
	EditionA11
)

// Editions returns every known edition, oldest first, in a fresh slice.
func Editions() []Edition { return []Edition{Edition2018, EditionA11} }

// Valid reports whether e is a known edition.
func (e Edition) Valid() bool { return e == Edition2018 || e == EditionA11 }

// String returns "2018" or "A11", or "Edition(n)" for an invalid value.
func (e Edition) String() string {
	switch e {
	case Edition2018:
		return "2018"
	case EditionA11:
		return "A11"
	}
	return enum.Name(nil, int(e))
}

// Title returns the full designation of the edition.
func (e Edition) Title() string {
	switch e {
	case Edition2018:
		return "EN IEC 62443-4-1:2018"
	case EditionA11:
		return "EN IEC 62443-4-1:2018/A11:2026 (draft)"
	}
	return e.String()
}

// Provisional reports whether the edition is not yet final (A11 is a draft
// not yet cited in the Official Journal of the EU).
func (e Edition) Provisional() bool { return e == EditionA11 }

// ParseEdition parses "2018" or "A11" (case-insensitive).
func ParseEdition(s string) (Edition, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "2018":
		return Edition2018, nil
	case "A11":
		return EditionA11, nil
	}
	return 0, fmt.Errorf("practice: edition %q: %w (want \"2018\" or \"A11\")", s, problem.ErrUnknownEdition)
}

// MarshalText implements [encoding.TextMarshaler]. An invalid edition is an error.
func (e Edition) MarshalText() ([]byte, error) {
	if !e.Valid() {
		return nil, fmt.Errorf("practice: marshal %s: %w", e, problem.ErrUnknownEdition)
	}
	return []byte(e.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] using [ParseEdition].
func (e *Edition) UnmarshalText(b []byte) error {
	v, err := ParseEdition(string(b))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// Practice is one of the practices of the standard. The same practice keeps
// its identity across editions; only its number and clause change (A11 inserts
// Security risk management as practice 2 and shifts the later ones by one).
// The zero value is unset and not valid.
type Practice int

// The practices, in A11 order. SRM exists only in EditionA11.
const (
	SM  Practice = iota + 1 // Security management
	SRM                     // Security risk management (new in A11)
	SR                      // Specification of security requirements
	SD                      // Secure by design
	SI                      // Secure implementation
	SVV                     // Security verification and validation testing
	DM                      // Management of security-related issues
	SUM                     // Security update management
	SG                      // Security guidelines
)

type info struct {
	prefix  string
	name    string
	purpose string
}

var infos = [...]info{
	SM:  {"SM", "Security management", "Plan, document and run the security activities of the whole product life cycle, and manage the organisation behind them."},
	SRM: {"SRM", "Security risk management", "Define the intended use and security context, model threats, assess and evaluate risks, verify the threat model against the product and keep risks under review."},
	SR:  {"SR", "Specification of security requirements", "Decide which security requirements apply to the product and record the capabilities it needs for its security context."},
	SD:  {"SD", "Secure by design", "Design the product so that it is secure, with layered defences traceable to the threats it faces."},
	SI:  {"SI", "Secure implementation", "Implement the product's features securely, following enforced coding standards and reviewed by analysis."},
	SVV: {"SVV", "Security verification and validation testing", "Test that every security requirement is met and that the product stays secure in its intended context."},
	DM:  {"DM", "Management of security-related issues", "Receive, analyse, fix and disclose security issues of products in the field."},
	SUM: {"SUM", "Security update management", "Qualify security updates against regressions and deliver them to users in good time."},
	SG:  {"SG", "Security guidelines", "Tell users how to integrate, configure, operate, maintain and retire the product securely."},
}

// Values returns the nine practices in A11 order, in a fresh slice.
func Values() []Practice { return []Practice{SM, SRM, SR, SD, SI, SVV, DM, SUM, SG} }

// ForEdition returns the practices of edition e in that edition's order, in a
// fresh slice; nil for an invalid edition.
func ForEdition(e Edition) []Practice {
	switch e {
	case Edition2018:
		return []Practice{SM, SR, SD, SI, SVV, DM, SUM, SG}
	case EditionA11:
		return Values()
	}
	return nil
}

// Valid reports whether p is one of the nine practices.
func (p Practice) Valid() bool { return p >= SM && p <= SG }

// Prefix returns the requirement ID prefix of the practice, such as "SVV".
func (p Practice) Prefix() string {
	if !p.Valid() {
		return ""
	}
	return infos[p].prefix
}

// String returns the prefix, or "Practice(n)" for an invalid value.
func (p Practice) String() string {
	if !p.Valid() {
		return enum.Name(nil, int(p))
	}
	return infos[p].prefix
}

// Name returns the official name of the practice, such as "Secure by design".
// The name of SRM is provisional (A11 draft).
func (p Practice) Name() string {
	if !p.Valid() {
		return ""
	}
	return infos[p].name
}

// Purpose returns a one-sentence summary of the practice's aim, in our own words.
func (p Practice) Purpose() string {
	if !p.Valid() {
		return ""
	}
	return infos[p].purpose
}

// In reports whether the practice exists in edition e.
func (p Practice) In(e Edition) bool {
	switch e {
	case Edition2018:
		return p.Valid() && p != SRM
	case EditionA11:
		return p.Valid()
	}
	return false
}

// Provisional reports whether the practice's place in edition e rests on the
// A11 draft: true for every practice in A11 (the renumbering is a consequence
// of the draft's new practice 2), false for 2018.
func (p Practice) Provisional(e Edition) bool { return e == EditionA11 && p.In(e) }

// Number returns the practice number in edition e (1-based) and whether the
// practice exists there. In A11, 2018 practice n becomes practice n+1 for n >= 2.
func (p Practice) Number(e Edition) (int, bool) {
	if !p.In(e) {
		return 0, false
	}
	n := int(p)
	if e == Edition2018 && p > SRM {
		n--
	}
	return n, true
}

// Clause returns the clause number of the practice in edition e, such as "9"
// for SVV in 2018 and "10" in A11, and whether the practice exists there. The
// practices start at clause 5 in both editions.
func (p Practice) Clause(e Edition) (string, bool) {
	n, ok := p.Number(e)
	if !ok {
		return "", false
	}
	return fmt.Sprint(n + 4), true
}

// ByNumber returns the practice with number n in edition e.
func ByNumber(e Edition, n int) (Practice, bool) {
	for _, p := range ForEdition(e) {
		if m, _ := p.Number(e); m == n {
			return p, true
		}
	}
	return 0, false
}

// Parse returns the practice with the given prefix, such as "SVV". Matching is
// exact (prefixes are upper case).
func Parse(prefix string) (Practice, error) {
	for _, p := range Values() {
		if infos[p].prefix == prefix {
			return p, nil
		}
	}
	return 0, fmt.Errorf("practice: %q: %w (want one of SM, SRM, SR, SD, SI, SVV, DM, SUM, SG)", prefix, problem.ErrInvalidValue)
}

// MarshalText implements [encoding.TextMarshaler]; the text is the prefix.
func (p Practice) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, fmt.Errorf("practice: marshal %s: %w", p, problem.ErrInvalidValue)
	}
	return []byte(infos[p].prefix), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] using [Parse].
func (p *Practice) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
