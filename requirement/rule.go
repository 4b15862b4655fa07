package requirement

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// Basis says what a rule rests on: the published text of a standard or law,
// or the SDK's own provisional modelling of the A11 draft. The zero value is
// unset.
type Basis int

const (
	// BasisPublished: the rule checks what published text asks for
	// (EN IEC 62443-4-1:2018, the CRA, BSI TR-03183-2, the NTIA minimum
	// elements). A gap it finds is a gap against that text.
	BasisPublished Basis = iota + 1
	// BasisProvisional: the rule checks the SDK's reading of the A11 draft
	// (or another unpublished text). A gap it finds may change when the
	// final text is cited.
	BasisProvisional
)

var basisNames = []string{BasisPublished: "published", BasisProvisional: "provisional"}

// Bases returns every basis in a fresh slice.
func Bases() []Basis { return []Basis{BasisPublished, BasisProvisional} }

// Valid reports whether b is known.
func (b Basis) Valid() bool { return b == BasisPublished || b == BasisProvisional }

// String returns "published" or "provisional", "unset" for the zero value and
// "invalid(N)" otherwise.
func (b Basis) String() string { return enum.Name(basisNames, int(b)) }

// MarshalText implements [encoding.TextMarshaler].
func (b Basis) MarshalText() ([]byte, error) {
	if !b.Valid() {
		return nil, fmt.Errorf("requirement: marshal basis %s: %w", b, problem.ErrInvalidValue)
	}
	return []byte(b.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *Basis) UnmarshalText(t []byte) error {
	v, ok := enum.Parse(basisNames, string(t))
	if !ok {
		return fmt.Errorf("requirement: basis %q: %w (want published or provisional)", clip(string(t)), problem.ErrInvalidValue)
	}
	*b = Basis(v)
	return nil
}

// Ref names one requirement of one edition: identity is (edition, ID), since
// A11's SR-2 is not 2018's SR-2.
type Ref struct {
	// Edition is the edition the ID belongs to.
	Edition Edition
	// ID is the requirement's ID in that edition.
	ID ID
}

// String returns "A11:SR-2" or "2018:SR-2".
func (r Ref) String() string { return r.Edition.String() + ":" + string(r.ID) }

// Rule describes one rule the SDK can report: an entry of the rule registry.
// Every package that raises findings lists its rules (a Rules function), and
// the root package joins them into the one registry (iec62443.Rules).
type Rule struct {
	// ID is the stable rule ID that findings carry.
	ID RuleID `json:"id"`
	// Package is the import path suffix of the package that raises it, such
	// as "risk" or "" for the root package.
	Package string `json:"package"`
	// Severity is the severity the rule reports by default; a finding may be
	// graded up or down by what it found (see Description).
	Severity Severity `json:"severity"`
	// Basis says whether the rule rests on published text or on the SDK's
	// provisional modelling.
	Basis Basis `json:"basis"`
	// Requirements are the requirements the rule always concerns, per
	// edition; empty when the rule concerns whichever requirement the
	// document names (an SoA entry, an evidence record).
	Requirements []Ref `json:"requirements,omitzero"`
	// Description says in one line what the rule checks.
	Description string `json:"description"`
}

// RequirementIn returns the requirement the rule concerns in edition e, and
// false when the rule names none there.
func (r Rule) RequirementIn(e Edition) (ID, bool) {
	for _, ref := range r.Requirements {
		if ref.Edition == e {
			return ref.ID, true
		}
	}
	return "", false
}

// String returns the rule ID and its description.
func (r Rule) String() string {
	var b strings.Builder
	b.WriteString(string(r.ID))
	b.WriteString(" (")
	b.WriteString(r.Basis.String())
	b.WriteString("): ")
	b.WriteString(r.Description)
	return b.String()
}

// Finding builds a finding of this rule at its default severity and basis.
// The edition is left for the caller, which knows the catalog in use.
func (r Rule) Finding(req ID, pointer, subject, format string, args ...any) Finding {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return Finding{Rule: r.ID, Severity: r.Severity, Basis: r.Basis, Requirement: req, Pointer: pointer, Subject: subject, Message: msg}
}
