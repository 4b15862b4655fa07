package risk

import (
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/requirement"
)

// Rule IDs of the findings [Evaluate] (and [Validate]) report. They are
// stable across releases; [Rules] describes each.
const (
	ruleContextUndefined        requirement.RuleID = "risk.context-undefined"
	ruleNoThreats               requirement.RuleID = "risk.no-threats"
	ruleThreatWithoutRisk       requirement.RuleID = "risk.threat-without-risk"
	ruleRiskNotRated            requirement.RuleID = "risk.risk-not-rated"
	ruleRiskWithoutTreatment    requirement.RuleID = "risk.risk-without-treatment"
	ruleTreatmentIncomplete     requirement.RuleID = "risk.treatment-incomplete"
	ruleAcceptanceUnjustified   requirement.RuleID = "risk.acceptance-unjustified"
	ruleResidualMissing         requirement.RuleID = "risk.residual-missing"
	ruleResidualAboveCriteria   requirement.RuleID = "risk.residual-above-criteria"
	ruleMitigationNoRequirement requirement.RuleID = "risk.mitigation-without-requirement"
	ruleMitigationNoDesign      requirement.RuleID = "risk.mitigation-without-design"
	ruleMitigationUnused        requirement.RuleID = "risk.mitigation-unused"
	ruleMitigatedUnverified     requirement.RuleID = "risk.mitigated-risk-unverified"
	ruleVerificationClaim       requirement.RuleID = "risk.verification-claim-invalid"
	ruleVerificationFailed      requirement.RuleID = "risk.verification-failed"
	ruleVerificationUnlinked    requirement.RuleID = "risk.verification-unlinked"
	ruleInterfaceNotAnalysed    requirement.RuleID = "risk.interface-not-analysed"
	ruleReviewOverdue           requirement.RuleID = "risk.review-overdue"
	ruleReviewStale             requirement.RuleID = "risk.review-stale"
	ruleDateInFuture            requirement.RuleID = "risk.date-in-future"
	ruleStateAhead              requirement.RuleID = "risk.state-ahead-of-data"
	ruleWorkflowInProgress      requirement.RuleID = "risk.workflow-in-progress"
)

// ruleEntry is one rule of the package: its registry entry, written with
// the A11 requirements it concerns (translated for 2018 by a11To2018).
type ruleEntry struct {
	id       requirement.RuleID
	severity requirement.Severity
	basis    requirement.Basis
	a11      []requirement.ID
	desc     string
}

const (
	published   = requirement.BasisPublished
	provisional = requirement.BasisProvisional
)

// ruleTable lists every rule of the package. A rule is "published" when what
// it checks is asked by published text: EN IEC 62443-4-1:2018 SR-1 (product
// security context), SR-2 (threat model: threats with a severity and a
// mitigation or disposition each, physical and debug ports, yearly and
// new-threat reviews of released products) and SVV-2 (each mitigation
// tested), or CRA Art. 13(3) (intended purpose and foreseeable use in the
// risk assessment). Everything that rests on the SDK's model of A11
// Practice 2 and Annex C (acceptance criteria, residual ratings, the
// workflow states, the Annex D module table, design traceability) is
// "provisional".
var ruleTable = []ruleEntry{
	{ruleContextUndefined, requirement.SeverityHigh, published, []requirement.ID{requirement.SRM1, requirement.SRM2},
		"the intended use has no purpose or no operational environment"},
	{ruleNoThreats, requirement.SeverityHigh, published, []requirement.ID{requirement.SRM3},
		"the context is defined but the threat model is empty"},
	{ruleThreatWithoutRisk, requirement.SeverityHigh, published, []requirement.ID{requirement.SRM4},
		"a threat that no risk rates"},
	{ruleRiskNotRated, requirement.SeverityMedium, published, []requirement.ID{requirement.SRM4},
		"a risk without likelihood and impact"},
	{ruleRiskWithoutTreatment, requirement.SeverityHigh, published, []requirement.ID{requirement.SRM4},
		"a risk without a treatment decision (mitigate, avoid, transfer or accept)"},
	{ruleTreatmentIncomplete, requirement.SeverityMedium, provisional, []requirement.ID{requirement.SRM4},
		"mitigate without mitigations, avoid or transfer without justification or receiving party"},
	{ruleAcceptanceUnjustified, requirement.SeverityHigh, provisional, []requirement.ID{requirement.SRM4},
		"an accepted risk without justification or approver (high above the acceptance criteria or unrated, low within)"},
	{ruleResidualMissing, requirement.SeverityMedium, provisional, []requirement.ID{requirement.SRM4},
		"a mitigated or transferred risk without a residual rating"},
	{ruleResidualAboveCriteria, requirement.SeverityHigh, provisional, []requirement.ID{requirement.SRM4},
		"a residual rating above the acceptance criteria on a risk that is not accepted"},
	{ruleMitigationNoRequirement, requirement.SeverityMedium, provisional, []requirement.ID{requirement.SR1},
		"a mitigation that links no requirement"},
	{ruleMitigationNoDesign, requirement.SeverityMedium, provisional, []requirement.ID{requirement.SD1},
		"a mitigation of a rated risk to be mitigated names no design element (design traced to rated risks)"},
	{ruleMitigationUnused, requirement.SeverityLow, provisional, []requirement.ID{requirement.SRM4},
		"a mitigation that no risk's treatment lists"},
	{ruleMitigatedUnverified, requirement.SeverityHigh, published, []requirement.ID{requirement.SRM5},
		"a threat of a mitigated risk without a passing, valid verification"},
	{ruleVerificationClaim, requirement.SeverityMedium, provisional, []requirement.ID{requirement.SRM5},
		"a verification claims a threat its module cannot verify or its mitigations do not treat"},
	{ruleVerificationFailed, requirement.SeverityHigh, published, []requirement.ID{requirement.SVV2},
		"a verification failed"},
	{ruleVerificationUnlinked, requirement.SeverityMedium, provisional, []requirement.ID{requirement.SRM5},
		"a verification names neither its Annex D module nor the mitigations it exercises"},
	{ruleInterfaceNotAnalysed, requirement.SeverityMedium, published, []requirement.ID{requirement.SRM3},
		"an external, physical or debug interface that no threat enters through"},
	{ruleReviewOverdue, requirement.SeverityHigh, published, []requirement.ID{requirement.SRM6},
		"a released product without a threat model review within the review interval"},
	{ruleReviewStale, requirement.SeverityMedium, published, []requirement.ID{requirement.SRM6},
		"a released product with a threat identified after the last review"},
	{ruleDateInFuture, requirement.SeverityMedium, provisional, []requirement.ID{requirement.SRM3, requirement.SRM4, requirement.SRM5, requirement.SRM6},
		"a review, identification, verification, approval or release dated after the assessment date (it counts for nothing)"},
	{ruleStateAhead, requirement.SeverityMedium, provisional, nil,
		"a declared workflow state beyond what the data supports"},
	{ruleWorkflowInProgress, requirement.SeverityMedium, provisional, nil,
		"a declared workflow state leaves gaps of later states open (high for a released product); names the requirement of the next step"},
}

// a11To2018 translates the A11 requirements the rules are written in to the
// 2018 requirement that asks for the same thing (an explicit table: SR-1 to
// SR-3 mean different things in the two editions, and several Practice 2
// requirements of A11 are parts of 2018 SR-2). Every rule requirement has an
// entry.
var a11To2018 = map[requirement.ID]requirement.ID{
	requirement.SRM1: "SR-1",  // intended use: part of the 2018 product security context
	requirement.SRM2: "SR-1",  // product security context (moved)
	requirement.SRM3: "SR-2",  // threat modelling (moved)
	requirement.SRM4: "SR-2",  // severity and mitigation or disposition of each threat
	requirement.SRM5: "SVV-2", // each mitigation of a modelled threat tested
	requirement.SRM6: "SR-2",  // yearly and new-threat review of released products
	requirement.SR1:  "SR-3",  // product security requirements (moved)
	requirement.SVV2: "SVV-2",
	requirement.SD1:  "SD-1", // the design explains how it counters the threats
}

// inEdition returns the ID of A11 requirement id in edition e ("" when e
// has none).
func inEdition(id requirement.ID, e requirement.Edition) requirement.ID {
	switch e {
	case requirement.EditionA11:
		return id
	case requirement.Edition2018:
		return a11To2018[id]
	}
	return ""
}

var ruleIndex = func() map[requirement.RuleID]int {
	m := make(map[requirement.RuleID]int, len(ruleTable))
	for i, r := range ruleTable {
		m[r.id] = i
	}
	return m
}()

// rule returns the registry entry of id.
func rule(id requirement.RuleID) requirement.Rule {
	r := ruleTable[ruleIndex[id]]
	out := requirement.Rule{ID: r.id, Package: "risk", Severity: r.severity, Basis: r.basis, Description: r.desc}
	for _, e := range []requirement.Edition{requirement.EditionA11, requirement.Edition2018} {
		for _, a := range r.a11 {
			ref := requirement.Ref{Edition: e, ID: inEdition(a, e)}
			if ref.ID != "" && !slices.Contains(out.Requirements, ref) {
				out.Requirements = append(out.Requirements, ref)
			}
		}
	}
	return out
}

// Rules returns the registry entries of every rule the package reports, in
// a fresh slice sorted by ID. Requirements lists, per edition, the
// requirements a rule's findings name; `risk.state-ahead-of-data` names none and
// `risk.workflow-in-progress` names the requirement of the next open step.
func Rules() []requirement.Rule {
	out := make([]requirement.Rule, 0, len(ruleTable))
	for _, r := range ruleTable {
		out = append(out, rule(r.id))
	}
	slices.SortFunc(out, func(a, b requirement.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return out
}
