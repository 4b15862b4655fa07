package maturity

import (
	"fmt"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// SchemaVersion is the schema_version of the evidence manifests this package
// reads and writes.
const SchemaVersion = "1"

// Manifest is an evidence manifest: the scope of an assessment (projects and
// their releases) and every record an assessor would look at. Decode reads
// one from JSON; it can equally be built in Go and checked with
// [Manifest.Validate]. Slices keep the order they were given in; encoding
// writes them unchanged.
type Manifest struct {
	// SchemaVersion must be [SchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// Organisation names the manufacturer; "" when not given.
	Organisation string `json:"organisation,omitzero"`
	// Scope lists the projects and releases in scope. ML3 requires evidence
	// for every one of them.
	Scope Scope `json:"scope"`
	// Evidence lists the artifacts produced by the lifecycle.
	Evidence []Evidence `json:"evidence,omitzero"`
	// Procedures lists the documented procedures, one or more per practice.
	Procedures []Procedure `json:"procedures,omitzero"`
	// Competence lists training and competence records of people.
	Competence []Competence `json:"competence,omitzero"`
	// Metrics lists the process measurements.
	Metrics []Metric `json:"metrics,omitzero"`
	// Improvements lists improvement actions on the lifecycle.
	Improvements []Improvement `json:"improvements,omitzero"`
	// Audits lists internal audits of the lifecycle.
	Audits []Audit `json:"audits,omitzero"`
}

// Scope is what an assessment covers.
type Scope struct {
	// Projects lists the in-scope projects (at least one).
	Projects []Project `json:"projects"`
}

// Project is one development project (typically one product or product
// family) with its in-scope releases.
type Project struct {
	// ID identifies the project within the manifest, such as "plc-cpu".
	ID string `json:"id"`
	// Name is a human-readable name; "" when not given.
	Name string `json:"name,omitzero"`
	// Product names the product with digital elements; "" when not given.
	Product string `json:"product,omitzero"`
	// Releases lists the in-scope releases (at least one).
	Releases []Release `json:"releases"`
}

// Release is one release of a project. Its two dates decide how long its
// artifacts must be kept: until the later of SupportEnd and ten years after
// PlacedOnMarket (CRA Art. 13(13)). When either is unset the period is
// unknown, and nothing that depends on it can pass.
type Release struct {
	// ID identifies the release within its project, such as "4.2".
	ID string `json:"id"`
	// PlacedOnMarket is the day the release was first placed on the market;
	// zero when not (yet) known.
	PlacedOnMarket requirement.Date `json:"placed_on_market,omitzero"`
	// SupportEnd is the last day of the security support period; zero when
	// not known.
	SupportEnd requirement.Date `json:"support_end,omitzero"`
}

// RetentionRequired returns the day until which the release's artifacts must
// be kept, max(SupportEnd, PlacedOnMarket + 10 years), and false when either
// date is unset.
func (r Release) RetentionRequired() (requirement.Date, bool) {
	if r.PlacedOnMarket.IsZero() || r.SupportEnd.IsZero() {
		return requirement.Date{}, false
	}
	return maxDate(r.SupportEnd, r.PlacedOnMarket.AddYears(10)), true
}

// Evidence is one artifact produced by the lifecycle, such as a threat model
// or a signed release record.
//
// Project and Release say what the artifact belongs to: both unset means it
// applies to the whole organisation (a policy, say) and counts for every
// in-scope project and release; Project alone means every release of that
// project; both mean that release only.
type Evidence struct {
	// ID identifies the record within the manifest.
	ID string `json:"id"`
	// Kind is the artifact kind.
	Kind requirement.ArtifactKind `json:"kind"`
	// Requirements lists the requirements the artifact supports (at least one).
	Requirements []requirement.ID `json:"requirements"`
	// Project is the project ID; "" for an organisation-wide artifact.
	Project string `json:"project,omitzero"`
	// Release is the release ID within Project; "" for every release of it.
	Release string `json:"release,omitzero"`
	// URI locates the artifact.
	URI string `json:"uri"`
	// SHA256 is the artifact's SHA-256 digest: 64 lower-case hex digits.
	SHA256 string `json:"sha256"`
	// Produced is the day the artifact was produced.
	Produced requirement.Date `json:"produced"`
	// Producer names the person or tool that produced it.
	Producer string `json:"producer"`
	// RetentionUntil is the day until which the artifact will be kept; zero
	// when not recorded (retention then cannot be shown).
	RetentionUntil requirement.Date `json:"retention_until,omitzero"`
	// Approver names who approved the artifact; "" when not approved or not
	// recorded. Policies and procedures should carry it.
	Approver string `json:"approver,omitzero"`
	// Approved is the approval day; zero when not approved or not recorded.
	Approved requirement.Date `json:"approved,omitzero"`
	// Notification holds the reporting times of a record of kind
	// incident-notification, which the vulnerability-handling ML3
	// demonstration checks against the CRA Art. 14 deadlines; zero when not
	// recorded, and always zero for other kinds.
	Notification Notification `json:"notification,omitzero"`
}

// IsApproved reports whether the record names both its approver and its
// approval day.
func (e Evidence) IsApproved() bool { return e.Approver != "" && !e.Approved.IsZero() }

// Procedure is a documented procedure for a practice.
type Procedure struct {
	// ID identifies the record within the manifest.
	ID string `json:"id"`
	// Practice is the practice the procedure governs.
	Practice practice.Practice `json:"practice"`
	// Title names the procedure.
	Title string `json:"title"`
	// URI locates the document.
	URI string `json:"uri"`
	// Version is the document version; "" when not given.
	Version string `json:"version,omitzero"`
	// Approver names who approved it; "" when not approved.
	Approver string `json:"approver,omitzero"`
	// Approved is the approval day; zero when not approved.
	Approved requirement.Date `json:"approved,omitzero"`
}

// IsApproved reports whether the procedure names both its approver and its
// approval day.
func (p Procedure) IsApproved() bool { return p.Approver != "" && !p.Approved.IsZero() }

// CompetenceKind says what a [Competence] record shows. The zero value is unset.
type CompetenceKind int

const (
	// CompetenceTraining: the person attended security training.
	CompetenceTraining CompetenceKind = iota + 1
	// CompetenceAssessment: the person's role-specific competence was assessed.
	CompetenceAssessment
)

var competenceKindNames = [...]string{CompetenceTraining: "training", CompetenceAssessment: "assessment"}

// CompetenceKinds returns every kind in a fresh slice.
func CompetenceKinds() []CompetenceKind {
	return []CompetenceKind{CompetenceTraining, CompetenceAssessment}
}

// Valid reports whether k is known.
func (k CompetenceKind) Valid() bool { return k == CompetenceTraining || k == CompetenceAssessment }

// String returns "training" or "assessment"; "unset" for the zero value and
// "invalid(N)" otherwise.
func (k CompetenceKind) String() string { return enum.Name(competenceKindNames[:], int(k)) }

// MarshalText implements [encoding.TextMarshaler].
func (k CompetenceKind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("maturity: marshal competence kind %s: %w", k, problem.ErrInvalidValue)
	}
	return []byte(competenceKindNames[k]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *CompetenceKind) UnmarshalText(b []byte) error {
	if v, ok := enum.Parse(competenceKindNames[:], string(b)); ok {
		*k = CompetenceKind(v)
		return nil
	}
	return fmt.Errorf("maturity: competence kind %q: %w (want training or assessment)", clip(string(b)), problem.ErrInvalidValue)
}

// Competence is a training or competence record of one person.
type Competence struct {
	// Person identifies the person (a name or staff ID).
	Person string `json:"person"`
	// Role is the person's role, such as "developer" or "tester".
	Role string `json:"role"`
	// Kind says whether this is a training or a competence assessment.
	Kind CompetenceKind `json:"kind"`
	// Practices lists the practices the record qualifies the person for (at
	// least one).
	Practices []practice.Practice `json:"practices"`
	// Date is the day of the training or assessment.
	Date requirement.Date `json:"date"`
	// Verified reports whether completion (or the assessment result) was
	// verified; only verified records count.
	Verified bool `json:"verified"`
	// URI locates the record; "" when not given.
	URI string `json:"uri,omitzero"`
}

// Metric is a process measurement.
type Metric struct {
	// ID identifies the record within the manifest.
	ID string `json:"id"`
	// Practice is the practice measured.
	Practice practice.Practice `json:"practice"`
	// Name says what is measured, such as "median days from report to fix".
	Name string `json:"name"`
	// Target is the threshold the practice is steered by; "" when none was
	// set (the metric is then only observed, not used for control).
	Target string `json:"target,omitzero"`
	// Reviewed is the last day the measurement was reviewed against Target;
	// zero when never.
	Reviewed requirement.Date `json:"reviewed,omitzero"`
	// URI locates the data or dashboard; "" when not given.
	URI string `json:"uri,omitzero"`
}

// UsedForControl reports whether the metric has a target and was reviewed
// against it, which is what ML4 asks of a metric.
func (m Metric) UsedForControl() bool { return m.Target != "" && !m.Reviewed.IsZero() }

// ImprovementSource is where an improvement action came from. The zero value
// is unset.
type ImprovementSource int

const (
	// SourceIncidentData: the action follows from security incidents or
	// vulnerability reports in the field.
	SourceIncidentData ImprovementSource = iota + 1
	// SourceInternalAudit: the action follows from an internal audit.
	SourceInternalAudit
	// SourceMetrics: the action follows from process measurements.
	SourceMetrics
)

var sourceNames = [...]string{SourceIncidentData: "incident-data", SourceInternalAudit: "internal-audit", SourceMetrics: "metrics"}

// ImprovementSources returns every source in a fresh slice.
func ImprovementSources() []ImprovementSource {
	return []ImprovementSource{SourceIncidentData, SourceInternalAudit, SourceMetrics}
}

// Valid reports whether s is known.
func (s ImprovementSource) Valid() bool { return s >= SourceIncidentData && s <= SourceMetrics }

// String returns "incident-data", "internal-audit" or "metrics"; "unset" for
// the zero value and "invalid(N)" otherwise.
func (s ImprovementSource) String() string { return enum.Name(sourceNames[:], int(s)) }

// MarshalText implements [encoding.TextMarshaler].
func (s ImprovementSource) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("maturity: marshal improvement source %s: %w", s, problem.ErrInvalidValue)
	}
	return []byte(sourceNames[s]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *ImprovementSource) UnmarshalText(b []byte) error {
	if v, ok := enum.Parse(sourceNames[:], string(b)); ok {
		*s = ImprovementSource(v)
		return nil
	}
	return fmt.Errorf("maturity: improvement source %q: %w (want incident-data, internal-audit or metrics)", clip(string(b)), problem.ErrInvalidValue)
}

// Improvement is an improvement action on the lifecycle.
type Improvement struct {
	// ID identifies the record within the manifest.
	ID string `json:"id"`
	// Practice is the practice improved.
	Practice practice.Practice `json:"practice"`
	// Source says what triggered the action.
	Source ImprovementSource `json:"source"`
	// Audit is the ID of the [Audit] that raised it; required when Source is
	// SourceInternalAudit, "" otherwise. For ML4 the action counts only when
	// that audit covered Practice and ended no later than Opened.
	Audit string `json:"audit,omitzero"`
	// Summary says what is changed, in a sentence.
	Summary string `json:"summary"`
	// Opened is the day the action was opened.
	Opened requirement.Date `json:"opened"`
	// Closed is the day it was closed; zero while open.
	Closed requirement.Date `json:"closed,omitzero"`
}

// Audit is an internal audit of the lifecycle.
type Audit struct {
	// ID identifies the record within the manifest.
	ID string `json:"id"`
	// Date is the day the audit ended.
	Date requirement.Date `json:"date"`
	// Auditor names the auditor or audit team.
	Auditor string `json:"auditor"`
	// Practices lists the practices audited (at least one).
	Practices []practice.Practice `json:"practices"`
	// URI locates the audit report; "" when not given.
	URI string `json:"uri,omitzero"`
}
