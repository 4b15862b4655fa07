package maturity

import (
	"fmt"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// GapKind classifies a piece of missing evidence. Each kind blocks one level
// ([GapKind.Level]); the kinds that block ML1 to ML3 have a stable finding
// rule ([GapKind.Rule]). Constant names match the text form ("no-evidence",
// "missing-procedure", ...). The zero value is unset.
type GapKind int

const (
	// GapNoEvidence (blocks ML1): no evidence record supports the requirement.
	GapNoEvidence GapKind = iota + 1
	// GapMissingProcedure (blocks ML2): the practice has no documented procedure.
	GapMissingProcedure
	// GapProcedureNotApproved (blocks ML2): the practice's procedures record
	// no approver and approval day.
	GapProcedureNotApproved
	// GapMissingCompetence (blocks ML2): nobody has a verified training or
	// competence record for the practice.
	GapMissingCompetence
	// GapMissingArtifact (blocks ML3): an expected artifact is missing for an
	// in-scope project and release.
	GapMissingArtifact
	// GapRetentionTooShort (blocks ML3): the artifact exists but is kept for less
	// than the release's retention period.
	GapRetentionTooShort
	// GapRetentionUnknown (blocks ML3): the artifact exists, but its retention
	// or the release's retention period cannot be determined.
	GapRetentionUnknown
	// GapMissingControlMetric (blocks ML4): no metric with a target that was
	// reviewed against it steers the practice.
	GapMissingControlMetric
	// GapMissingIncidentImprovement (blocks ML4): no improvement action for the
	// practice driven by incident data was closed.
	GapMissingIncidentImprovement
	// GapMissingAuditImprovement (blocks ML4): no improvement action for the
	// practice raised by an internal audit was closed.
	GapMissingAuditImprovement
)

var gapInfo = [...]struct {
	name  string
	level Level
	rule  requirement.RuleID // "" for ML4 gaps, which give no finding
}{
	GapNoEvidence:                 {"no-evidence", ML1, ruleNoEvidence},
	GapMissingProcedure:           {"missing-procedure", ML2, ruleMissingProcedure},
	GapProcedureNotApproved:       {"procedure-not-approved", ML2, ruleProcedureNotApproved},
	GapMissingCompetence:          {"missing-competence", ML2, ruleMissingCompetence},
	GapMissingArtifact:            {"missing-artifact", ML3, ruleMissingArtifact},
	GapRetentionTooShort:          {"retention-too-short", ML3, ruleRetentionTooShort},
	GapRetentionUnknown:           {"retention-unknown", ML3, ruleRetentionUnknown},
	GapMissingControlMetric:       {"missing-control-metric", ML4, ""},
	GapMissingIncidentImprovement: {"missing-incident-improvement", ML4, ""},
	GapMissingAuditImprovement:    {"missing-audit-improvement", ML4, ""},
}

// gapNames are the text forms, indexed by kind.
var gapNames = func() []string {
	out := make([]string, len(gapInfo))
	for k, g := range gapInfo {
		out[k] = g.name
	}
	return out
}()

// GapKinds returns every gap kind, in the order of the levels they block, in
// a fresh slice.
func GapKinds() []GapKind {
	out := make([]GapKind, 0, len(gapInfo)-1)
	for k := GapNoEvidence; k <= GapMissingAuditImprovement; k++ {
		out = append(out, k)
	}
	return out
}

// Valid reports whether k is known.
func (k GapKind) Valid() bool { return k >= GapNoEvidence && k <= GapMissingAuditImprovement }

// String returns the kebab-case name, such as "missing-artifact"; "unset"
// for the zero value and "invalid(N)" otherwise.
func (k GapKind) String() string { return enum.Name(gapNames, int(k)) }

// Level returns the level the gap blocks; 0 for an invalid kind.
func (k GapKind) Level() Level {
	if !k.Valid() {
		return 0
	}
	return gapInfo[k].level
}

// Rule returns the stable finding rule ID of a gap that blocks ML1 to ML3,
// such as "maturity.missing-artifact" (see [Rules]); "" for ML4 gaps, which
// are improvements rather than conformity gaps and give no finding, and for
// an invalid kind.
func (k GapKind) Rule() requirement.RuleID {
	if !k.Valid() {
		return ""
	}
	return gapInfo[k].rule
}

// Severity returns the default severity of the gap's finding (see [Rules]):
// high for no evidence at all, medium for the other gaps below ML3, info for
// ML4 gaps; 0 for an invalid kind.
func (k GapKind) Severity() requirement.Severity {
	switch {
	case !k.Valid():
		return 0
	case gapInfo[k].rule == "":
		return requirement.SeverityInfo
	}
	return rule(gapInfo[k].rule).Severity
}

// MarshalText implements [encoding.TextMarshaler].
func (k GapKind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("maturity: marshal gap kind %s: %w", k, problem.ErrInvalidValue)
	}
	return []byte(gapInfo[k].name), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *GapKind) UnmarshalText(b []byte) error {
	v, ok := enum.Parse(gapNames, string(b))
	if !ok {
		return fmt.Errorf("maturity: gap kind %q: %w", clip(string(b)), problem.ErrInvalidValue)
	}
	*k = GapKind(v)
	return nil
}

// Gap is one piece of missing evidence that keeps a requirement below a
// level.
type Gap struct {
	// Kind classifies the gap.
	Kind GapKind `json:"kind"`
	// Level is the level the gap blocks (Kind.Level()).
	Level Level `json:"level"`
	// Artifact is the missing or insufficiently kept artifact kind; "" for
	// gaps that are not about an artifact, and for a requirement whose
	// expectation is "any artifact".
	Artifact requirement.ArtifactKind `json:"artifact,omitzero"`
	// Project is the project the gap concerns; "" when not about one.
	Project string `json:"project,omitzero"`
	// Release is the release the gap concerns; "" when not about one.
	Release string `json:"release,omitzero"`
	// Record is the ID of the record the gap concerns (the evidence record
	// kept too briefly, the unapproved procedure); "" when not about one.
	Record string `json:"record,omitzero"`
	// Pointer locates the place in the manifest to fix (RFC 6901).
	Pointer string `json:"pointer"`
	// Message says what is missing and how to close the gap.
	Message string `json:"message"`
}
