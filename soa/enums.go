package soa

import (
	"fmt"

	"github.com/sdlkit/iec62443/problem"
)

// Decision says whether a requirement applies to the product and how. The
// zero value is unset and not valid.
type Decision int

const (
	// DecisionApplicable: the requirement applies in full.
	DecisionApplicable Decision = iota + 1
	// DecisionNotApplicable: the requirement does not apply; the
	// justification says why (intended use, context, absent feature).
	DecisionNotApplicable
	// DecisionTailored: the requirement applies in part or in an adapted
	// form; the justification says what is left out or changed and why.
	DecisionTailored
	// DecisionInherited: a component or platform the product builds on meets
	// the requirement (see [Entry.InheritedFrom]); the justification says how
	// that is known.
	DecisionInherited
)

var decisionNames = []string{"", "applicable", "not-applicable", "tailored", "inherited"}

// Decisions returns every decision in a fresh slice.
func Decisions() []Decision {
	return []Decision{DecisionApplicable, DecisionNotApplicable, DecisionTailored, DecisionInherited}
}

// Valid reports whether d is a defined decision.
func (d Decision) Valid() bool { return d >= DecisionApplicable && d <= DecisionInherited }

// Applies reports whether the requirement is in scope: every decision except
// DecisionNotApplicable (and the unset zero value).
func (d Decision) Applies() bool { return d.Valid() && d != DecisionNotApplicable }

// NeedsJustification reports whether an entry with decision d must carry a
// justification: every decision except DecisionApplicable.
func (d Decision) NeedsJustification() bool { return d != DecisionApplicable }

// String returns "applicable", "not-applicable", "tailored" or "inherited".
func (d Decision) String() string {
	if !d.Valid() {
		return fmt.Sprintf("Decision(%d)", int(d))
	}
	return decisionNames[d]
}

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (d Decision) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, fmt.Errorf("soa: marshal %s: %w", d, problem.ErrInvalidValue)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (d *Decision) UnmarshalText(b []byte) error {
	v, err := parseEnum[Decision]("decision", decisionNames, b)
	if err == nil {
		*d = v
	}
	return err
}

// Status is how far the implementation of an applicable requirement got.
// Values are ordered: a later status implies the earlier ones. The zero value
// is unset (used only for not-applicable entries).
type Status int

const (
	// StatusPlanned: the work is planned but not started.
	StatusPlanned Status = iota + 1
	// StatusInProgress: the work has started.
	StatusInProgress
	// StatusImplemented: the requirement is implemented but not yet verified.
	StatusImplemented
	// StatusVerified: implementation is verified and evidenced.
	StatusVerified
)

var statusNames = []string{"", "planned", "in-progress", "implemented", "verified"}

// Statuses returns every status, least advanced first, in a fresh slice.
func Statuses() []Status {
	return []Status{StatusPlanned, StatusInProgress, StatusImplemented, StatusVerified}
}

// Valid reports whether s is a defined status.
func (s Status) Valid() bool { return s >= StatusPlanned && s <= StatusVerified }

// String returns "planned", "in-progress", "implemented" or "verified".
func (s Status) String() string {
	if !s.Valid() {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (s Status) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("soa: marshal %s: %w", s, problem.ErrInvalidValue)
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Status) UnmarshalText(b []byte) error {
	v, err := parseEnum[Status]("status", statusNames, b)
	if err == nil {
		*s = v
	}
	return err
}

// Basis says where an entry's decision comes from. The zero value is unset.
type Basis int

const (
	// BasisRisk: the applicability assessment linked the requirement to rated risks.
	BasisRisk Basis = iota + 1
	// BasisContext: the Annex B context (category, profile, intended use) decided it.
	BasisContext
	// BasisBaseline: the requirement applies to every product (a process
	// requirement of the organisation's lifecycle).
	BasisBaseline
	// BasisOverride: the manufacturer's override decided it.
	BasisOverride
	// BasisUnassessed: the assessment said nothing about the requirement; the
	// decision is the conservative default (applicable).
	BasisUnassessed
	// BasisMigrated: carried over from a statement of an older edition.
	BasisMigrated
)

var basisNames = []string{"", "risk", "context", "baseline", "override", "unassessed", "migrated"}

// Bases returns every basis in a fresh slice.
func Bases() []Basis {
	return []Basis{BasisRisk, BasisContext, BasisBaseline, BasisOverride, BasisUnassessed, BasisMigrated}
}

// Valid reports whether b is a defined basis.
func (b Basis) Valid() bool { return b >= BasisRisk && b <= BasisMigrated }

// String returns the lower-case name, such as "risk".
func (b Basis) String() string {
	if !b.Valid() {
		return fmt.Sprintf("Basis(%d)", int(b))
	}
	return basisNames[b]
}

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (b Basis) MarshalText() ([]byte, error) {
	if !b.Valid() {
		return nil, fmt.Errorf("soa: marshal %s: %w", b, problem.ErrInvalidValue)
	}
	return []byte(b.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *Basis) UnmarshalText(t []byte) error {
	v, err := parseEnum[Basis]("basis", basisNames, t)
	if err == nil {
		*b = v
	}
	return err
}

// Flag marks an entry that needs attention. The set is closed (see [Flags]).
type Flag string

// The flags.
const (
	// FlagNewRequirement: the requirement is new in the statement's edition
	// (set by [Migrate]); its decision is a placeholder until assessed.
	FlagNewRequirement Flag = "new-requirement"
	// FlagReKeyed: the entry was migrated from a requirement with another ID.
	FlagReKeyed Flag = "re-keyed"
	// FlagRequirementChanged: the requirement asks for more or something else
	// than the one the entry was migrated from; re-verify the evidence.
	FlagRequirementChanged Flag = "requirement-changed"
	// FlagMerged: several older entries were merged into this one.
	FlagMerged Flag = "merged"
	// FlagOverride: an override replaced the assessed decision.
	FlagOverride Flag = "override"
)

// Flags returns every flag in a fresh slice, sorted.
func Flags() []Flag {
	return []Flag{FlagMerged, FlagNewRequirement, FlagOverride, FlagReKeyed, FlagRequirementChanged}
}

// Known reports whether f is a defined flag.
func (f Flag) Known() bool {
	for _, g := range Flags() {
		if g == f {
			return true
		}
	}
	return false
}

// String returns the flag as text.
func (f Flag) String() string { return string(f) }

// UnmarshalText implements [encoding.TextUnmarshaler]; unknown flags are an error.
func (f *Flag) UnmarshalText(b []byte) error {
	v := Flag(b)
	if !v.Known() {
		return fmt.Errorf("soa: flag %q: %w (see soa.Flags)", clip(string(b)), problem.ErrInvalidValue)
	}
	*f = v
	return nil
}
