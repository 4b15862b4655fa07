package soa

import (
	"fmt"
	"slices"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// Disposition is an entry's decision: whether a requirement applies to the
// product, and how. The zero value is unset and not valid.
type Disposition int

const (
	// Applicable: the requirement applies in full.
	Applicable Disposition = iota + 1
	// NotApplicable: the requirement does not apply; the justification says
	// why (intended use, context, absent feature).
	NotApplicable
	// Tailored: the requirement applies in part or in an adapted form; the
	// justification says what is left out or changed and why.
	Tailored
	// Inherited: a component or platform the product builds on meets the
	// requirement (see [Entry.InheritedFrom]); the justification says how
	// that is known.
	Inherited
)

var dispositionNames = []string{"", "applicable", "not-applicable", "tailored", "inherited"}

// Dispositions returns every decision in a fresh slice.
func Dispositions() []Disposition {
	return []Disposition{Applicable, NotApplicable, Tailored, Inherited}
}

// Valid reports whether d is a defined decision.
func (d Disposition) Valid() bool { return d >= Applicable && d <= Inherited }

// Applies reports whether the requirement is in scope: every decision except
// [NotApplicable] (and the unset zero value).
func (d Disposition) Applies() bool { return d.Valid() && d != NotApplicable }

// String returns "applicable", "not-applicable", "tailored" or "inherited";
// "unset" for the zero value and "invalid(N)" otherwise.
func (d Disposition) String() string { return enum.Name(dispositionNames, int(d)) }

// MarshalText implements [encoding.TextMarshaler]; an unset or undefined
// value is an error.
func (d Disposition) MarshalText() ([]byte, error) {
	return marshalEnum("decision", dispositionNames, int(d))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (d *Disposition) UnmarshalText(b []byte) error {
	v, err := parseEnum[Disposition]("decision", dispositionNames, b)
	if err == nil && d != nil {
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

// String returns "planned", "in-progress", "implemented" or "verified";
// "unset" for the zero value and "invalid(N)" otherwise.
func (s Status) String() string { return enum.Name(statusNames, int(s)) }

// MarshalText implements [encoding.TextMarshaler]; an unset or undefined
// value is an error.
func (s Status) MarshalText() ([]byte, error) { return marshalEnum("status", statusNames, int(s)) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Status) UnmarshalText(b []byte) error {
	v, err := parseEnum[Status]("status", statusNames, b)
	if err == nil && s != nil {
		*s = v
	}
	return err
}

// DecisionBasis says where an entry's decision comes from. The zero value is
// unset.
type DecisionBasis int

const (
	// BasisRisk: the applicability assessment linked the requirement to
	// rated risks (or found no risk that demands it).
	BasisRisk DecisionBasis = iota + 1
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

// DecisionBases returns every decision basis in a fresh slice.
func DecisionBases() []DecisionBasis {
	return []DecisionBasis{BasisRisk, BasisContext, BasisBaseline, BasisOverride, BasisUnassessed, BasisMigrated}
}

// Valid reports whether b is a defined basis.
func (b DecisionBasis) Valid() bool { return b >= BasisRisk && b <= BasisMigrated }

// String returns the lower-case name, such as "risk"; "unset" for the zero
// value and "invalid(N)" otherwise.
func (b DecisionBasis) String() string { return enum.Name(basisNames, int(b)) }

// MarshalText implements [encoding.TextMarshaler]; an unset or undefined
// value is an error.
func (b DecisionBasis) MarshalText() ([]byte, error) {
	return marshalEnum("basis", basisNames, int(b))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *DecisionBasis) UnmarshalText(t []byte) error {
	v, err := parseEnum[DecisionBasis]("basis", basisNames, t)
	if err == nil && b != nil {
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
	// FlagProvisional: the decision and its justification come from the
	// SDK's own modelling of the A11 draft (the applicability rules of
	// package risk, the baseline rule), not from the manufacturer; set by
	// [Resolve] for either edition and cleared when an override gives the
	// manufacturer's own justification. Renderers mark such content
	// "(provisional)".
	FlagProvisional Flag = "provisional"
)

// Flags returns every flag in a fresh slice, sorted.
func Flags() []Flag {
	return []Flag{FlagMerged, FlagNewRequirement, FlagOverride, FlagProvisional, FlagReKeyed, FlagRequirementChanged}
}

// Known reports whether f is a defined flag.
func (f Flag) Known() bool { return slices.Contains(Flags(), f) }

// String returns the flag as text.
func (f Flag) String() string { return string(f) }

// UnmarshalText implements [encoding.TextUnmarshaler]; unknown flags are an error.
func (f *Flag) UnmarshalText(b []byte) error {
	v := Flag(b)
	if !v.Known() {
		return fmt.Errorf("soa: flag %q: %w (see soa.Flags)", clip(string(b)), problem.ErrInvalidValue)
	}
	if f != nil {
		*f = v
	}
	return nil
}

// withFlag returns flags with f added, sorted and without duplicates.
func withFlag(flags []Flag, f Flag) []Flag {
	if slices.Contains(flags, f) {
		return flags
	}
	out := append(slices.Clone(flags), f)
	slices.Sort(out)
	return out
}

// withoutFlag returns flags without f (nil when none is left).
func withoutFlag(flags []Flag, f Flag) []Flag {
	if !slices.Contains(flags, f) {
		return flags
	}
	out := slices.DeleteFunc(slices.Clone(flags), func(g Flag) bool { return g == f })
	if len(out) == 0 {
		return nil
	}
	return out
}
