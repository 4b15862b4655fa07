package maturity

import (
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/requirement"
)

// The rules of the package: every finding [Assessment.Findings] and
// [ML3Verdict.Findings] return carries one of these IDs, and [Rules]
// describes each.
const (
	// `maturity.no-evidence`: no evidence record supports an applicable requirement
	// (blocks ML1).
	ruleNoEvidence requirement.RuleID = "maturity.no-evidence"
	// `maturity.missing-procedure`: the requirement's practice has no documented
	// procedure (blocks ML2).
	ruleMissingProcedure requirement.RuleID = "maturity.missing-procedure"
	// `maturity.procedure-not-approved`: the practice's procedures record no approval
	// (blocks ML2).
	ruleProcedureNotApproved requirement.RuleID = "maturity.procedure-not-approved"
	// `maturity.missing-competence`: nobody has a verified training or competence
	// record for the practice (blocks ML2).
	ruleMissingCompetence requirement.RuleID = "maturity.missing-competence"
	// `maturity.missing-artifact`: an expected artifact is missing for an in-scope
	// release (blocks ML3).
	ruleMissingArtifact requirement.RuleID = "maturity.missing-artifact"
	// `maturity.retention-too-short`: an artifact is kept for less than its release's
	// retention period (blocks ML3).
	ruleRetentionTooShort requirement.RuleID = "maturity.retention-too-short"
	// `maturity.retention-unknown`: an artifact's retention, or its release's
	// retention period, is not recorded (blocks ML3).
	ruleRetentionUnknown requirement.RuleID = "maturity.retention-unknown"
	// `maturity.below-ml3`: an applicable requirement is below ML3.
	ruleBelowML3 requirement.RuleID = "maturity.below-ml3"
	// `maturity.ml3-security-by-design`: the security-by-design demonstration of an ML3
	// claim did not pass.
	ruleML3SecurityByDesign requirement.RuleID = "maturity.ml3-security-by-design"
	// `maturity.ml3-vulnerability-handling`: the vulnerability-handling demonstration
	// did not pass.
	ruleML3VulnerabilityHandling requirement.RuleID = "maturity.ml3-vulnerability-handling"
	// `maturity.ml3-secure-coding`: the secure-coding demonstration did not pass.
	ruleML3SecureCoding requirement.RuleID = "maturity.ml3-secure-coding"
	// `maturity.ml3-delivery-integrity`: the delivery-integrity demonstration did not
	// pass.
	ruleML3DeliveryIntegrity requirement.RuleID = "maturity.ml3-delivery-integrity"
	// `maturity.ml3-artifact-retention`: the artifact-retention demonstration did not
	// pass.
	ruleML3ArtifactRetention requirement.RuleID = "maturity.ml3-artifact-retention"
	// `maturity.ml3-not-met`: the evidence does not meet the A11 draft's ML3 demand.
	ruleML3NotMet requirement.RuleID = "maturity.ml3-not-met"
	// `maturity.dated-after-assessment`: a record, approval, review or notification
	// is dated after the assessment date; it counts for nothing.
	ruleDatedAfterAssessment requirement.RuleID = "maturity.dated-after-assessment"
)

// refs returns the requirements of check c in both editions.
func refs(c Check) []requirement.Ref {
	var out []requirement.Ref
	for _, e := range []requirement.Edition{requirement.Edition2018, requirement.EditionA11} {
		for _, id := range c.Requirements(e) {
			out = append(out, requirement.Ref{Edition: e, ID: id})
		}
	}
	return out
}

// rules is the package's rule table. The level rules read the maturity
// level definitions of the published 2018 edition (clause 4.2) and, for
// retention, CRA Art. 13(13); what A11 adds (ML3 as the route to presumption
// of conformity, the five demonstrations after public commentary on the
// draft) is provisional.
var rules = []requirement.Rule{
	{ID: ruleNoEvidence, Package: "maturity", Severity: requirement.SeverityHigh, Basis: requirement.BasisPublished,
		Description: "no evidence record supports an applicable requirement, so it reaches no maturity level (ML1 asks that the work be done at all)"},
	{ID: ruleMissingProcedure, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Description: "the requirement's practice has no documented procedure, which ML2 (managed) asks for"},
	{ID: ruleProcedureNotApproved, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Description: "none of the practice's procedures records an approver and an approval day, which ML2 asks for"},
	{ID: ruleMissingCompetence, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Description: "nobody has a verified training or competence record for the practice, which ML2 asks for"},
	{ID: ruleMissingArtifact, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Description: "an artifact the requirement expects is missing for an in-scope release, so the process is not shown to be practised everywhere (ML3)"},
	{ID: ruleRetentionTooShort, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Description: "an artifact is kept for less than its release's retention period, the later of support end and ten years after placing on the market (CRA Art. 13(13))"},
	{ID: ruleRetentionUnknown, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Description: "an artifact records no retention, or its release records no placing-on-market or support-end date, so keeping it long enough is not shown (CRA Art. 13(13))"},
	{ID: ruleBelowML3, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisProvisional,
		Description: "an applicable requirement is below ML3, the level the A11 draft ties to presumption of conformity under the CRA"},
	{ID: ruleML3SecurityByDesign, Package: "maturity", Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional, Requirements: refs(CheckSecurityByDesign),
		Description: "an in-scope release has no requirements specification produced before its first design or implementation artifact (ML3 demonstration after the A11 commentary)"},
	{ID: ruleML3VulnerabilityHandling, Package: "maturity", Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional, Requirements: refs(CheckVulnerabilityHandling),
		Description: "no approved vulnerability-handling policy or reporting procedure covers a release, or a recorded CRA Art. 14 notification was late or its times are unknown (ML3 demonstration)"},
	{ID: ruleML3SecureCoding, Package: "maturity", Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional, Requirements: refs(CheckSecureCoding),
		Description: "no approved secure coding standard, or no evidence of compliance with it, covers an in-scope release (ML3 demonstration)"},
	{ID: ruleML3DeliveryIntegrity, Package: "maturity", Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional, Requirements: refs(CheckDeliveryIntegrity),
		Description: "an in-scope release has no integrity protection evidence or no record of signing-key control (ML3 demonstration)"},
	{ID: ruleML3ArtifactRetention, Package: "maturity", Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional, Requirements: refs(CheckArtifactRetention),
		Description: "evidence records are not shown to be kept for the support period or ten years, whichever is longer (ML3 demonstration)"},
	{ID: ruleML3NotMet, Package: "maturity", Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional,
		Description: "the evidence does not meet the A11 draft's ML3 demand (not a presumption of conformity: no edition is cited in the Official Journal): a requirement is below ML3 or a demonstration did not pass (critical or high when ML3 is mandatory for the product, low when recommended)"},
	{ID: ruleDatedAfterAssessment, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Description: "a record, approval, review or notification is dated after the assessment date: it cannot show a level reached by then and counts for nothing"},
}

// Rules returns every rule the package can report, sorted by ID, in a fresh
// slice.
func Rules() []requirement.Rule {
	out := make([]requirement.Rule, len(rules))
	for i, r := range rules {
		r.Requirements = slices.Clone(r.Requirements)
		out[i] = r
	}
	slices.SortFunc(out, func(a, b requirement.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return out
}

// rule returns the table entry of id; the IDs the package uses are all in
// the table (a test checks it).
func rule(id requirement.RuleID) requirement.Rule {
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	return requirement.Rule{ID: id, Package: "maturity", Severity: requirement.SeverityMedium, Basis: requirement.BasisProvisional}
}
