package risk

import (
	"errors"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/requirement"
)

// SchemaVersion is the version of the register document format that this
// package reads and writes (the "schema_version" member).
const SchemaVersion = "1"

// Errors of this package. Input problems are reported as
// [problem.List] whose entries wrap one of the requirement
// sentinels or [ErrCycle]; workflow errors are [*TransitionError]s wrapping
// [ErrInvalidTransition].
var (
	// ErrCycle: a reference graph of the register (asset part_of, threat
	// derived_from, mitigation depends_on) loops back on itself.
	ErrCycle = errors.New("reference cycle")
	// ErrInvalidTransition: a workflow transition is not allowed from the
	// current state, or the register does not yet satisfy the target state.
	ErrInvalidTransition = errors.New("invalid workflow transition")
	// ErrUnknownRisk: a workflow function was given a risk ID the register lacks.
	ErrUnknownRisk = errors.New("unknown risk")
)

// Register is the security risk register of one product: the data that A11
// Practice 2 (SRM, provisional) and its Annex C workflow chain together, from
// intended use to monitoring. Every cross-reference is by ID within the
// register. A Register is plain data; [Check] tells whether it is well formed
// and [Validate] where its chain is broken.
type Register struct {
	// SchemaVersion is always [SchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// Product is the product the register is about.
	Product Product `json:"product"`
	// IntendedUse is the intended use and context (SRM-1, SRM-2; CRA Art. 13(3)).
	IntendedUse IntendedUse `json:"intended_use"`
	// Matrix is the likelihood x impact rating matrix; zero means [DefaultMatrix].
	Matrix Matrix `json:"matrix,omitzero"`
	// Acceptance is the risk acceptance criteria.
	Acceptance AcceptanceCriteria `json:"acceptance,omitzero"`
	// State is the workflow state the team declared (see [Advance]); zero
	// means not declared. [Validate] reports a declared state the data does not support.
	State State `json:"state,omitzero"`
	// Assets are the things worth protecting.
	Assets []Asset `json:"assets,omitzero"`
	// TrustBoundaries separate zones of different trust.
	TrustBoundaries []TrustBoundary `json:"trust_boundaries,omitzero"`
	// Interfaces are the entry points, physical and debug ports included.
	Interfaces []Interface `json:"interfaces,omitzero"`
	// Threats is the threat model.
	Threats []Threat `json:"threats,omitzero"`
	// Risks rate threats and record their treatment.
	Risks []Risk `json:"risks,omitzero"`
	// Mitigations link treatments to requirements and design.
	Mitigations []Mitigation `json:"mitigations,omitzero"`
	// Verifications are the tests that verify the threat model against the product.
	Verifications []Verification `json:"verifications,omitzero"`
	// Reviews are the threat model and risk reviews held so far.
	Reviews []Review `json:"reviews,omitzero"`
}

// Product identifies the product and its release status.
type Product struct {
	// Name of the product.
	Name string `json:"name"`
	// Version of the product the register is about; optional.
	Version string `json:"version,omitzero"`
	// Released reports whether the product has been placed on the market.
	Released bool `json:"released,omitzero"`
	// ReleaseDate is when it was first released; required when Released.
	ReleaseDate requirement.Date `json:"release_date,omitzero"`
}

// IntendedUse is the intended use and security context of the product.
type IntendedUse struct {
	// Purpose is what the product is for.
	Purpose string `json:"purpose"`
	// ForeseeableUse lists reasonably foreseeable uses beyond the purpose.
	ForeseeableUse []string `json:"foreseeable_use,omitzero"`
	// ForeseeableMisuse lists reasonably foreseeable misuse.
	ForeseeableMisuse []string `json:"foreseeable_misuse,omitzero"`
	// Environment is the operational environment.
	Environment string `json:"environment"`
	// Boundaries lists what is inside and outside the product's scope.
	Boundaries []string `json:"boundaries,omitzero"`
	// Assumptions lists what the analysis assumes about the environment.
	Assumptions []string `json:"assumptions,omitzero"`
}

// Asset is something of value: a component, data, a function, a credential,
// or an external entity that interacts with the product.
type Asset struct {
	ID   string    `json:"id"`
	Name string    `json:"name"`
	Kind AssetKind `json:"kind"`
	// PartOf is the ID of the asset that contains this one; the containment
	// graph must not have cycles.
	PartOf      string `json:"part_of,omitzero"`
	Description string `json:"description,omitzero"`
	// ExternalRef identifies the element in the tool it was imported from.
	ExternalRef string `json:"external_ref,omitzero"`
}

// TrustBoundary separates zones of different trust.
type TrustBoundary struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitzero"`
	ExternalRef string `json:"external_ref,omitzero"`
}

// Interface is an entry point of the product.
type Interface struct {
	ID   string        `json:"id"`
	Name string        `json:"name"`
	Kind InterfaceKind `json:"kind"`
	// External reports whether the interface is reachable from outside the product.
	External bool `json:"external,omitzero"`
	// Protocols lists the protocols spoken (e.g. "OPC UA", "HTTPS").
	Protocols []string `json:"protocols,omitzero"`
	// TrustBoundaries lists the IDs of the trust boundaries the interface crosses.
	TrustBoundaries []string `json:"trust_boundaries,omitzero"`
	// Assets lists the IDs of the assets reachable through the interface.
	Assets      []string `json:"assets,omitzero"`
	Description string   `json:"description,omitzero"`
	ExternalRef string   `json:"external_ref,omitzero"`
}

// Threat is one entry of the threat model.
type Threat struct {
	ID           string       `json:"id"`
	Title        string       `json:"title"`
	Description  string       `json:"description,omitzero"`
	Category     Stride       `json:"stride"`
	AttackVector AttackVector `json:"attack_vector,omitzero"`
	Source       ThreatSource `json:"source,omitzero"`
	// Assets lists the IDs of the affected assets.
	Assets []string `json:"assets,omitzero"`
	// Interfaces lists the IDs of the interfaces the threat enters through.
	Interfaces []string `json:"interfaces,omitzero"`
	// DerivedFrom lists the IDs of threats this one refines; the graph must not have cycles.
	DerivedFrom []string `json:"derived_from,omitzero"`
	// Identified is when the threat entered the model; a threat identified
	// after the last review makes the review stale.
	Identified  requirement.Date `json:"identified,omitzero"`
	ExternalRef string           `json:"external_ref,omitzero"`
}

// Risk rates one or more threats and records their treatment.
type Risk struct {
	ID    string `json:"id"`
	Title string `json:"title,omitzero"`
	// Threats lists the IDs of the threats the risk rates (at least one).
	Threats []string `json:"threats"`
	// Likelihood and Impact are level names of the register's matrix; empty
	// means not yet rated.
	Likelihood string `json:"likelihood,omitzero"`
	Impact     string `json:"impact,omitzero"`
	// CVSS is an optional CVSS v3.1 or v4.0 vector (see [ParseCVSS]).
	CVSS      string    `json:"cvss,omitzero"`
	Treatment Treatment `json:"treatment,omitzero"`
	// Residual is the rating after treatment; zero means not yet assessed.
	Residual Residual `json:"residual,omitzero"`
	// State is the declared workflow state of this risk (see [AdvanceRisk]).
	State State `json:"state,omitzero"`
}

// Treatment is the decision taken on a risk.
type Treatment struct {
	// Option is the decision; zero means not decided.
	Option TreatmentOption `json:"option,omitzero"`
	// Mitigations lists the IDs of the mitigations that treat the risk
	// (required for mitigate; proposals may be listed before a decision).
	Mitigations []string `json:"mitigations,omitzero"`
	// Justification explains an accept, avoid or transfer decision.
	Justification string `json:"justification,omitzero"`
	// Approver is who accepted the risk (a named role or person).
	Approver string `json:"approver,omitzero"`
	// Approved is when the approver signed off.
	Approved requirement.Date `json:"approved,omitzero"`
	// TransferredTo is who takes a transferred risk.
	TransferredTo string `json:"transferred_to,omitzero"`
}

// Residual is the rating of a risk after its treatment.
type Residual struct {
	Likelihood string `json:"likelihood"`
	Impact     string `json:"impact"`
	Rationale  string `json:"rationale,omitzero"`
}

// AcceptanceCriteria says which risks may be accepted without more.
type AcceptanceCriteria struct {
	// MaxRating is the highest rating (a matrix rating name) a risk may have
	// and still be accepted as tolerable; above it, accepting needs a
	// justification and an approver. Empty means the lowest rating.
	MaxRating   string `json:"max_rating,omitzero"`
	Description string `json:"description,omitzero"`
}

// Mitigation is a measure that reduces risk, traced to requirements
// (Practice 3 and others of the catalog) and design elements (Practice 4).
type Mitigation struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitzero"`
	// Requirements lists the catalog requirements the mitigation realises.
	Requirements []requirement.ID `json:"requirements,omitzero"`
	// DesignElements names design elements (Practice 4 documents) that implement it.
	DesignElements []string `json:"design_elements,omitzero"`
	// DependsOn lists the IDs of mitigations this one needs; the graph must not have cycles.
	DependsOn []string `json:"depends_on,omitzero"`
}

// Verification is a test that verifies the threat model against the product
// (threat model verification, Practice 6 testing).
type Verification struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Module is the Annex D test module the test belongs to; optional when TestRecord is given.
	Module annex.Module `json:"module,omitzero"`
	// TestRecord references the test record (report ID, CI run URL).
	TestRecord string `json:"test_record,omitzero"`
	// Outcome is pass or fail; unset or unknown means not passed.
	Outcome requirement.Outcome `json:"outcome,omitzero"`
	// Date is when the test ran.
	Date requirement.Date `json:"date,omitzero"`
	// Threats lists the IDs of the threats the test claims to verify.
	Threats []string `json:"threats"`
	// Mitigations lists the IDs of the mitigations the test exercises.
	Mitigations []string `json:"mitigations,omitzero"`
}

// Review is one review of the threat model and the risks.
type Review struct {
	Date     requirement.Date `json:"date"`
	Reviewer string           `json:"reviewer"`
	Trigger  ReviewTrigger    `json:"trigger"`
	Notes    string           `json:"notes,omitzero"`
}
