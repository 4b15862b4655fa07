package maturity

import (
	"fmt"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// GapKind classifies a piece of missing evidence. Each kind blocks one level
// ([GapKind.Level]) and has a stable finding rule ([GapKind.Rule]). The zero
// value is unset.
type GapKind int

const (
	// GapNoEvidence (blocks ML1): no evidence record supports the requirement.
	GapNoEvidence GapKind = iota + 1
	// GapNoProcedure (blocks ML2): the practice has no documented procedure.
	GapNoProcedure
	// GapProcedureNotApproved (blocks ML2): the practice's procedures record
	// no approver and approval day.
	GapProcedureNotApproved
	// GapNoCompetence (blocks ML2): nobody has a verified training or
	// competence record for the practice.
	GapNoCompetence
	// GapMissingArtifact (blocks ML3): an expected artifact is missing for an
	// in-scope project and release.
	GapMissingArtifact
	// GapRetentionShort (blocks ML3): the artifact exists but is kept for less
	// than the release's retention period.
	GapRetentionShort
	// GapRetentionUnknown (blocks ML3): the artifact exists, but its retention
	// or the release's retention period cannot be determined.
	GapRetentionUnknown
	// GapNoControlMetric (blocks ML4): no metric with a target that was
	// reviewed against it steers the practice.
	GapNoControlMetric
	// GapNoIncidentImprovement (blocks ML4): no improvement action for the
	// practice driven by incident data was closed.
	GapNoIncidentImprovement
	// GapNoAuditImprovement (blocks ML4): no improvement action for the
	// practice raised by an internal audit was closed.
	GapNoAuditImprovement
)

var gapInfo = [...]struct {
	name  string
	level Level
	sev   requirement.Severity
}{
	GapNoEvidence:            {"no-evidence", ML1, requirement.SeverityHigh},
	GapNoProcedure:           {"missing-procedure", ML2, requirement.SeverityMedium},
	GapProcedureNotApproved:  {"procedure-not-approved", ML2, requirement.SeverityMedium},
	GapNoCompetence:          {"missing-competence", ML2, requirement.SeverityMedium},
	GapMissingArtifact:       {"missing-artifact", ML3, requirement.SeverityMedium},
	GapRetentionShort:        {"retention-too-short", ML3, requirement.SeverityMedium},
	GapRetentionUnknown:      {"retention-unknown", ML3, requirement.SeverityMedium},
	GapNoControlMetric:       {"missing-control-metric", ML4, requirement.SeverityInfo},
	GapNoIncidentImprovement: {"missing-incident-improvement", ML4, requirement.SeverityInfo},
	GapNoAuditImprovement:    {"missing-audit-improvement", ML4, requirement.SeverityInfo},
}

// GapKinds returns every gap kind, in the order of the levels they block, in
// a fresh slice.
func GapKinds() []GapKind {
	out := make([]GapKind, 0, len(gapInfo)-1)
	for k := GapNoEvidence; k <= GapNoAuditImprovement; k++ {
		out = append(out, k)
	}
	return out
}

// Valid reports whether k is known.
func (k GapKind) Valid() bool { return k >= GapNoEvidence && k <= GapNoAuditImprovement }

// String returns the kebab-case name, such as "missing-artifact".
func (k GapKind) String() string {
	if !k.Valid() {
		return fmt.Sprintf("GapKind(%d)", int(k))
	}
	return gapInfo[k].name
}

// Level returns the level the gap blocks; 0 for an invalid kind.
func (k GapKind) Level() Level {
	if !k.Valid() {
		return 0
	}
	return gapInfo[k].level
}

// Rule returns the stable finding rule ID, such as "maturity.missing-artifact";
// "" for an invalid kind.
func (k GapKind) Rule() requirement.RuleID {
	if !k.Valid() {
		return ""
	}
	return requirement.RuleID("maturity." + gapInfo[k].name)
}

// Severity returns the severity of the gap's finding: high for no evidence at
// all, medium for gaps below ML3, info for ML4 gaps; 0 for an invalid kind.
func (k GapKind) Severity() requirement.Severity {
	if !k.Valid() {
		return 0
	}
	return gapInfo[k].sev
}

// MarshalText implements [encoding.TextMarshaler].
func (k GapKind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("maturity: marshal %s: %w", k, problem.ErrInvalidValue)
	}
	return []byte(gapInfo[k].name), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *GapKind) UnmarshalText(b []byte) error {
	for _, v := range GapKinds() {
		if gapInfo[v].name == string(b) {
			*k = v
			return nil
		}
	}
	return fmt.Errorf("maturity: gap kind %q: %w", clip(string(b)), problem.ErrInvalidValue)
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
	// Pointer locates the place in the manifest to fix (RFC 6901).
	Pointer string `json:"pointer"`
	// Message says what is missing and how to close the gap.
	Message string `json:"message"`
}
