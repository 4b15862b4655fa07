package requirement

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/problem"
)

// Severity grades a [Finding]. Higher values are more severe; the zero value
// is unset.
type Severity int

const (
	// SeverityInfo: worth knowing, no gap.
	SeverityInfo Severity = iota + 1
	// SeverityLow: a minor gap or a recommendation not followed.
	SeverityLow
	// SeverityMedium: a gap an assessor would record.
	SeverityMedium
	// SeverityHigh: a gap that blocks conformity of the requirement.
	SeverityHigh
	// SeverityCritical: a gap that blocks conformity of the product or a
	// legal obligation (such as a CRA reporting deadline).
	SeverityCritical
)

var severityNames = [...]string{SeverityInfo: "info", SeverityLow: "low", SeverityMedium: "medium", SeverityHigh: "high", SeverityCritical: "critical"}

// Severities returns every severity, least severe first, in a fresh slice.
func Severities() []Severity {
	return []Severity{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
}

// Valid reports whether s is known.
func (s Severity) Valid() bool { return s >= SeverityInfo && s <= SeverityCritical }

// String returns the lower-case name, such as "high".
func (s Severity) String() string {
	if !s.Valid() {
		return enum.Name(nil, int(s))
	}
	return severityNames[s]
}

// MarshalText implements [encoding.TextMarshaler].
func (s Severity) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("requirement: marshal %s: %w", s, problem.ErrInvalidValue)
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Severity) UnmarshalText(b []byte) error {
	for _, v := range Severities() {
		if severityNames[v] == string(b) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("requirement: severity %q: %w (want info, low, medium, high or critical)", clip(string(b)), problem.ErrInvalidValue)
}

// RuleID names the rule that produced a [Finding]. Rule IDs are stable across
// releases: "package.rule-name", such as "risk.threat-without-risk".
type RuleID string

// Finding is a compliance gap (or observation) in a valid document: the
// document is well formed but describes a product or process that does not
// (yet) meet a requirement. Malformed input is an error, never a Finding.
type Finding struct {
	// Rule is the stable ID of the rule that fired; the registry
	// (iec62443.Rules) describes it.
	Rule RuleID `json:"rule"`
	// Severity grades the gap.
	Severity Severity `json:"severity"`
	// Basis says whether the rule rests on published text or on the SDK's
	// provisional modelling of the A11 draft.
	Basis Basis `json:"basis,omitzero"`
	// Edition is the edition of the catalog the finding was raised against:
	// Requirement is an ID of that edition. Zero when the finding names no
	// requirement.
	Edition Edition `json:"edition,omitzero"`
	// Requirement is the requirement the gap is against; "" when the rule is
	// about the document as a whole.
	Requirement ID `json:"requirement,omitzero"`
	// Pointer locates the gap in the assessed document (RFC 6901); "" is the root.
	Pointer string `json:"pointer"`
	// Subject is the ID of the entity the finding concerns (a risk, threat,
	// SoA entry, component bom-ref, test record, evidence record), so a tool
	// need not resolve the pointer; "" when the finding concerns the document.
	Subject string `json:"subject,omitzero"`
	// Message says what is missing or wrong and how to close the gap.
	Message string `json:"message"`
}

// String renders the finding on one line.
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.Severity.String())
	b.WriteString(" ")
	b.WriteString(string(f.Rule))
	if f.Requirement != "" {
		b.WriteString(" [")
		b.WriteString(string(f.Requirement))
		b.WriteString("]")
	}
	if f.Pointer != "" {
		b.WriteString(" at ")
		b.WriteString(f.Pointer)
	}
	b.WriteString(": ")
	b.WriteString(f.Message)
	return b.String()
}

// CompareFindings defines the SDK's one order of findings: by requirement ID
// ([Compare]; findings without requirement last), then severity (most severe
// first), rule, pointer (array indexes compared as numbers, so /x/2 comes
// before /x/10) and message.
func CompareFindings(a, b Finding) int {
	switch {
	case a.Requirement == "" && b.Requirement != "":
		return 1
	case a.Requirement != "" && b.Requirement == "":
		return -1
	}
	if c := Compare(a.Requirement, b.Requirement); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Rule), string(b.Rule)); c != 0 {
		return c
	}
	if c := jsonptr.Compare(a.Pointer, b.Pointer); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// SortFindings sorts fs in place by [CompareFindings] and returns it.
func SortFindings(fs []Finding) []Finding {
	slices.SortStableFunc(fs, CompareFindings)
	return fs
}

// Outcome is the result of a check. Missing data gives OutcomeUnknown, never
// OutcomePass. The zero value is unset.
type Outcome int

const (
	// OutcomePass: the evidence shows the check is met.
	OutcomePass Outcome = iota + 1
	// OutcomeFail: the evidence shows the check is not met.
	OutcomeFail
	// OutcomeUnknown: the data needed to decide is missing.
	OutcomeUnknown
	// OutcomeNotApplicable: the check does not apply (with a recorded reason).
	OutcomeNotApplicable
)

var outcomeNames = [...]string{OutcomePass: "pass", OutcomeFail: "fail", OutcomeUnknown: "unknown", OutcomeNotApplicable: "not-applicable"}

// Outcomes returns every outcome in a fresh slice.
func Outcomes() []Outcome {
	return []Outcome{OutcomePass, OutcomeFail, OutcomeUnknown, OutcomeNotApplicable}
}

// Valid reports whether o is known.
func (o Outcome) Valid() bool { return o >= OutcomePass && o <= OutcomeNotApplicable }

// String returns "pass", "fail", "unknown" or "not-applicable".
func (o Outcome) String() string {
	if !o.Valid() {
		return enum.Name(nil, int(o))
	}
	return outcomeNames[o]
}

// MarshalText implements [encoding.TextMarshaler].
func (o Outcome) MarshalText() ([]byte, error) {
	if !o.Valid() {
		return nil, fmt.Errorf("requirement: marshal %s: %w", o, problem.ErrInvalidValue)
	}
	return []byte(o.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (o *Outcome) UnmarshalText(b []byte) error {
	for _, v := range Outcomes() {
		if outcomeNames[v] == string(b) {
			*o = v
			return nil
		}
	}
	return fmt.Errorf("requirement: outcome %q: %w (want pass, fail, unknown or not-applicable)", clip(string(b)), problem.ErrInvalidValue)
}
