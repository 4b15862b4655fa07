package risk

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// base returns a minimal register whose chain is complete: Validate finds nothing.
func base() *Register {
	return &Register{
		SchemaVersion: SchemaVersion,
		Product:       Product{Name: "Test controller"},
		IntendedUse:   IntendedUse{Purpose: "Control a pump.", Environment: "Plant network."},
		Assets:        []Asset{{ID: "A-1", Name: "Firmware", Kind: AssetComponent}},
		Interfaces:    []Interface{{ID: "IF-1", Name: "Ethernet", Kind: InterfaceNetwork, External: true, Assets: []string{"A-1"}}},
		Threats:       []Threat{{ID: "T-1", Title: "Spoofed engineer", Category: Spoofing, Assets: []string{"A-1"}, Interfaces: []string{"IF-1"}}},
		Risks: []Risk{{ID: "R-1", Threats: []string{"T-1"}, Likelihood: "medium", Impact: "high",
			Treatment: Treatment{Option: TreatMitigate, Mitigations: []string{"M-1"}},
			Residual:  Residual{Likelihood: "low", Impact: "medium"}}},
		Mitigations:   []Mitigation{{ID: "M-1", Title: "Authenticate users", Requirements: []requirement.ID{requirement.SR1}, DesignElements: []string{"DE-1 login service"}}},
		Verifications: []Verification{{ID: "V-1", Title: "Auth test", Module: annex.ModuleThreatMitigationTesting, Outcome: requirement.OutcomePass, Threats: []string{"T-1"}, Mitigations: []string{"M-1"}}},
	}
}

func TestValidateBaseIsClean(t *testing.T) {
	e, err := Evaluate(base(), nil, testNow)
	require.NoError(t, err)
	assert.Empty(t, e.Findings)
	assert.Equal(t, StateVerified, e.State)
	s, ok := e.RiskState("R-1")
	assert.True(t, ok)
	assert.Equal(t, StateVerified, s)
}

// firstQuoted finds the subject of a finding in its message: every message
// names the entity it concerns first, quoted.
var firstQuoted = regexp.MustCompile(`^[^"]*?(?:risk|threat|mitigation|verification|interface) "([^"]+)"`)

// f is the finding the tests expect: the rule's basis from the registry,
// the A11 edition when a requirement is named, and as subject the first
// quoted ID of the message.
func f(rule requirement.RuleID, sev requirement.Severity, req requirement.ID, ptr, msg string) requirement.Finding {
	out := requirement.Finding{Rule: rule, Severity: sev, Basis: ruleTable[ruleIndex[rule]].basis, Requirement: req, Pointer: ptr, Message: msg}
	if req != "" {
		out.Edition = requirement.EditionA11
	}
	if m := firstQuoted.FindStringSubmatch(msg); m != nil {
		out.Subject = m[1]
	}
	return out
}

func TestValidateRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(r *Register)
		want   []requirement.Finding
	}{
		{"context undefined", func(r *Register) { r.IntendedUse = IntendedUse{} }, []requirement.Finding{
			f(ruleContextUndefined, requirement.SeverityHigh, requirement.SRM1, "/intended_use/purpose", "the intended use has no purpose: state what the product is for before modelling threats"),
			f(ruleContextUndefined, requirement.SeverityHigh, requirement.SRM2, "/intended_use/environment", "the intended use has no operational environment: describe where and how the product is deployed"),
		}},
		{"no threats", func(r *Register) {
			r.Threats, r.Risks, r.Verifications, r.Mitigations, r.Interfaces = nil, nil, nil, nil, nil
		}, []requirement.Finding{
			f(ruleNoThreats, requirement.SeverityHigh, requirement.SRM3, "/threats", "the threat model is empty: identify threats against the assets and interfaces"),
		}},
		{"threat without risk", func(r *Register) {
			r.Threats = append(r.Threats, Threat{ID: "T-2", Title: "Flood", Category: DenialOfService, Interfaces: []string{"IF-1"}})
		}, []requirement.Finding{
			f(ruleThreatWithoutRisk, requirement.SeverityHigh, requirement.SRM4, "/threats/1", `threat "T-2" is not rated by any risk: add a risk that lists it`),
		}},
		{"risk not rated", func(r *Register) { r.Risks[0].Likelihood, r.Risks[0].Impact = "", "" }, []requirement.Finding{
			f(ruleRiskNotRated, requirement.SeverityMedium, requirement.SRM4, "/risks/0", `risk "R-1" has no likelihood and impact: rate it on the matrix (low/medium/high x low/medium/high)`),
		}},
		{"risk without treatment", func(r *Register) {
			r.Risks[0].Treatment = Treatment{}
			r.Risks[0].Residual = Residual{}
			r.Verifications = nil
			r.Mitigations = nil
		}, []requirement.Finding{
			f(ruleRiskWithoutTreatment, requirement.SeverityHigh, requirement.SRM4, "/risks/0/treatment", `risk "R-1" has no treatment decision: choose mitigate, avoid, transfer or accept`),
		}},
		{"mitigate without mitigations", func(r *Register) {
			r.Risks[0].Treatment.Mitigations = nil
			r.Verifications[0].Mitigations = nil
		}, []requirement.Finding{
			f(ruleTreatmentIncomplete, requirement.SeverityMedium, requirement.SRM4, "/risks/0/treatment/mitigations", `risk "R-1" is to be mitigated but lists no mitigation: link the mitigations that treat it`),
			f(ruleMitigationUnused, requirement.SeverityLow, requirement.SRM4, "/mitigations/0", `mitigation "M-1" treats no risk: list it in a risk's treatment or remove it`),
		}},
		{"avoid without justification", func(r *Register) {
			r.Risks[0].Treatment = Treatment{Option: TreatAvoid}
			r.Risks[0].Residual = Residual{}
			r.Mitigations, r.Verifications = nil, nil
		}, []requirement.Finding{
			f(ruleTreatmentIncomplete, requirement.SeverityMedium, requirement.SRM4, "/risks/0/treatment/justification", `risk "R-1" is avoided without a justification: record what was removed or changed`),
		}},
		{"transfer incomplete", func(r *Register) {
			r.Risks[0].Treatment = Treatment{Option: TreatTransfer, Justification: "Operator firewall."}
			r.Mitigations, r.Verifications = nil, nil
		}, []requirement.Finding{
			f(ruleTreatmentIncomplete, requirement.SeverityMedium, requirement.SRM4, "/risks/0/treatment", `risk "R-1" is transferred without naming the receiving party and the justification: record both (transferred_to, justification)`),
		}},
		{"accepted above criteria without approver", func(r *Register) {
			r.Risks[0].Treatment = Treatment{Option: TreatAccept, Justification: "Low exposure."}
			r.Risks[0].Residual = Residual{}
			r.Mitigations, r.Verifications = nil, nil
		}, []requirement.Finding{
			f(ruleAcceptanceUnjustified, requirement.SeverityHigh, requirement.SRM4, "/risks/0/treatment", `risk "R-1" (rating high) is above the acceptance criteria (low) and accepted without an approver: record the justification and the approver, or treat it otherwise`),
		}},
		{"accepted within criteria without justification", func(r *Register) {
			r.Acceptance.MaxRating = "high"
			r.Risks[0].Treatment = Treatment{Option: TreatAccept, Approver: "PSO"}
			r.Risks[0].Residual = Residual{}
			r.Mitigations, r.Verifications = nil, nil
		}, []requirement.Finding{
			f(ruleAcceptanceUnjustified, requirement.SeverityLow, requirement.SRM4, "/risks/0/treatment", `risk "R-1" (rating high) is within the acceptance criteria but accepted without a justification: record them for the audit trail`),
		}},
		{"accepted unrated counts as above", func(r *Register) {
			r.Risks[0].Likelihood, r.Risks[0].Impact = "", ""
			r.Risks[0].Treatment = Treatment{Option: TreatAccept}
			r.Risks[0].Residual = Residual{}
			r.Mitigations, r.Verifications = nil, nil
		}, []requirement.Finding{
			f(ruleAcceptanceUnjustified, requirement.SeverityHigh, requirement.SRM4, "/risks/0/treatment", `risk "R-1" (rating unrated) is above the acceptance criteria (low) and accepted without a justification and an approver: record the justification and the approver, or treat it otherwise`),
			f(ruleRiskNotRated, requirement.SeverityMedium, requirement.SRM4, "/risks/0", `risk "R-1" has no likelihood and impact: rate it on the matrix (low/medium/high x low/medium/high)`),
		}},
		{"residual missing", func(r *Register) { r.Risks[0].Residual = Residual{} }, []requirement.Finding{
			f(ruleResidualMissing, requirement.SeverityMedium, requirement.SRM4, "/risks/0/residual", `risk "R-1" is mitigated but its residual risk is not rated: rate likelihood and impact after treatment`),
		}},
		{"residual above criteria", func(r *Register) { r.Risks[0].Residual = Residual{Likelihood: "medium", Impact: "medium"} }, []requirement.Finding{
			f(ruleResidualAboveCriteria, requirement.SeverityHigh, requirement.SRM4, "/risks/0/residual", `risk "R-1" keeps a residual rating of medium, above the acceptance criteria (low): mitigate further, or accept it with a justification and an approver`),
		}},
		{"mitigation without requirement", func(r *Register) { r.Mitigations[0].Requirements = nil }, []requirement.Finding{
			f(ruleMitigationNoRequirement, requirement.SeverityMedium, requirement.SR1, "/mitigations/0/requirements", `mitigation "M-1" links no requirement: name the requirements (Practice 3 and others) it realises`),
		}},
		{"mitigated risk without verification", func(r *Register) { r.Verifications = nil }, []requirement.Finding{
			f(ruleMitigatedUnverified, requirement.SeverityHigh, requirement.SRM5, "/risks/0", `mitigated risk "R-1" has no passing verification for threat(s) T-1: test the mitigations against the product and record a passing result`),
		}},
		{"verification unknown outcome", func(r *Register) { r.Verifications[0].Outcome = requirement.OutcomeUnknown }, []requirement.Finding{
			f(ruleMitigatedUnverified, requirement.SeverityHigh, requirement.SRM5, "/risks/0", `mitigated risk "R-1" has no passing verification for threat(s) T-1: test the mitigations against the product and record a passing result`),
		}},
		{"verification failed", func(r *Register) { r.Verifications[0].Outcome = requirement.OutcomeFail }, []requirement.Finding{
			f(ruleMitigatedUnverified, requirement.SeverityHigh, requirement.SRM5, "/risks/0", `mitigated risk "R-1" has no passing verification for threat(s) T-1: test the mitigations against the product and record a passing result`),
			f(ruleVerificationFailed, requirement.SeverityHigh, requirement.SVV2, "/verifications/0/outcome", `verification "V-1" failed: fix the mitigation and re-run the test, or reassess the risks of its threats`),
		}},
		{"verification module cannot verify the threat", func(r *Register) { r.Verifications[0].Module = annex.ModuleSoftwareCompositionAnalysis }, []requirement.Finding{
			f(ruleMitigatedUnverified, requirement.SeverityHigh, requirement.SRM5, "/risks/0", `mitigated risk "R-1" has no passing verification for threat(s) T-1: test the mitigations against the product and record a passing result`),
			f(ruleVerificationClaim, requirement.SeverityMedium, requirement.SRM5, "/verifications/0/threats/0", `verification "V-1" claims threat "T-1" but its module software-composition-analysis cannot verify the mitigation of a threat of category spoofing: use a module that tests the running product (e.g. threat-mitigation-testing), or drop the claim (a verification that claims no other threat is removed, not emptied)`),
		}},
		{"verification claims a threat its mitigations do not treat", func(r *Register) {
			r.Mitigations = append(r.Mitigations, Mitigation{ID: "M-2", Title: "Other", Requirements: []requirement.ID{requirement.SD2}, DesignElements: []string{"DE-2"}})
			r.Threats = append(r.Threats, Threat{ID: "T-2", Title: "Flood", Category: DenialOfService, Interfaces: []string{"IF-1"}})
			r.Risks = append(r.Risks, Risk{ID: "R-2", Threats: []string{"T-2"}, Likelihood: "low", Impact: "low", Treatment: Treatment{Option: TreatMitigate, Mitigations: []string{"M-2"}}, Residual: Residual{Likelihood: "low", Impact: "low"}})
			r.Verifications = append(r.Verifications, Verification{ID: "V-2", Title: "Flood test", Module: annex.ModuleAbuseCaseTesting, Outcome: requirement.OutcomePass, Threats: []string{"T-2"}, Mitigations: []string{"M-1"}})
		}, []requirement.Finding{
			f(ruleMitigatedUnverified, requirement.SeverityHigh, requirement.SRM5, "/risks/1", `mitigated risk "R-2" has no passing verification for threat(s) T-2: test the mitigations against the product and record a passing result`),
			f(ruleVerificationClaim, requirement.SeverityMedium, requirement.SRM5, "/verifications/1/threats/0", `verification "V-2" claims threat "T-2" but none of the mitigations it tests (M-1) treats a risk of that threat: link the threat to the risk those mitigations treat, or correct the claim`),
		}},
		{"debug interface not analysed", func(r *Register) {
			r.Interfaces = append(r.Interfaces, Interface{ID: "IF-2", Name: "JTAG", Kind: InterfaceDebug})
		}, []requirement.Finding{
			f(ruleInterfaceNotAnalysed, requirement.SeverityMedium, requirement.SRM3, "/interfaces/1", `debug interface "IF-2" is an entry point but no threat enters through it: analyse it or record why it is out of scope`),
		}},
		{"released without review", func(r *Register) {
			r.Product.Released, r.Product.ReleaseDate = true, requirement.NewDate(2025, 1, 10)
		}, []requirement.Finding{
			f(ruleReviewOverdue, requirement.SeverityHigh, requirement.SRM6, "/reviews", "released product has no threat model review: review it now and at least every 1 year(s)"),
		}},
		{"released, review older than a year", func(r *Register) {
			r.Product.Released, r.Product.ReleaseDate = true, requirement.NewDate(2024, 1, 10)
			r.Reviews = []Review{{Date: requirement.NewDate(2025, 11, 21), Reviewer: "PSO", Trigger: TriggerPeriodic}}
		}, []requirement.Finding{
			f(ruleReviewOverdue, requirement.SeverityHigh, requirement.SRM6, "/reviews", "the last threat model review was on 2025-11-21, more than 1 year(s) before 2026-11-22: review the threat model of the released product"),
		}},
		{"released, threat identified after the last review", func(r *Register) {
			r.Product.Released, r.Product.ReleaseDate = true, requirement.NewDate(2024, 1, 10)
			r.Reviews = []Review{{Date: requirement.NewDate(2026, 3, 1), Reviewer: "PSO", Trigger: TriggerNewThreat}}
			r.Threats[0].Identified = requirement.NewDate(2026, 5, 2)
		}, []requirement.Finding{
			f(ruleReviewStale, requirement.SeverityMedium, requirement.SRM6, "/threats/0/identified", `threat "T-1" was identified on 2026-05-02, after the last review (2026-03-01): hold a new-threat review of the released product`),
		}},
		{"verification with a bare test record verifies nothing", func(r *Register) {
			r.Verifications[0].Module, r.Verifications[0].Mitigations, r.Verifications[0].TestRecord = "", nil, "CI run 4711"
		}, []requirement.Finding{
			f(ruleMitigatedUnverified, requirement.SeverityHigh, requirement.SRM5, "/risks/0", `mitigated risk "R-1" has no passing verification for threat(s) T-1: test the mitigations against the product and record a passing result`),
			f(ruleVerificationUnlinked, requirement.SeverityMedium, requirement.SRM5, "/verifications/0/mitigations", `verification "V-1" names neither an Annex D module nor the mitigations it exercises, so it verifies none of the threats it claims: list the mitigations it tests, or its module`),
		}},
		{"verification with a test record and the mitigations it tests counts", func(r *Register) {
			r.Verifications[0].Module, r.Verifications[0].TestRecord = "", "CI run 4711"
		}, nil},
		{"released, a review dated after now does not hide the overdue one", func(r *Register) {
			r.Product.Released, r.Product.ReleaseDate = true, requirement.NewDate(2024, 1, 10)
			r.Reviews = []Review{{Date: requirement.NewDate(2025, 11, 21), Reviewer: "PSO", Trigger: TriggerPeriodic}, {Date: requirement.NewDate(2062, 11, 21), Reviewer: "PSO", Trigger: TriggerPeriodic}}
		}, []requirement.Finding{
			f(ruleReviewOverdue, requirement.SeverityHigh, requirement.SRM6, "/reviews", "the last threat model review was on 2025-11-21, more than 1 year(s) before 2026-11-22: review the threat model of the released product"),
			f(ruleDateInFuture, requirement.SeverityMedium, requirement.SRM6, "/reviews/1/date", "review 1 is dated 2062-11-21, after the assessment date 2026-11-22: correct the date; until then it does not count as a review"),
		}},
		{"released, a review dated after now does not hide a stale one", func(r *Register) {
			r.Product.Released, r.Product.ReleaseDate = true, requirement.NewDate(2024, 1, 10)
			r.Reviews = []Review{{Date: requirement.NewDate(2026, 3, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}, {Date: requirement.NewDate(2027, 1, 1), Reviewer: "PSO", Trigger: TriggerNewThreat}}
			r.Threats[0].Identified = requirement.NewDate(2026, 5, 2)
		}, []requirement.Finding{
			f(ruleDateInFuture, requirement.SeverityMedium, requirement.SRM6, "/reviews/1/date", "review 1 is dated 2027-01-01, after the assessment date 2026-11-22: correct the date; until then it does not count as a review"),
			f(ruleReviewStale, requirement.SeverityMedium, requirement.SRM6, "/threats/0/identified", `threat "T-1" was identified on 2026-05-02, after the last review (2026-03-01): hold a new-threat review of the released product`),
		}},
		{"threat identified after now", func(r *Register) {
			r.Product.Released, r.Product.ReleaseDate = true, requirement.NewDate(2024, 1, 10)
			r.Reviews = []Review{{Date: requirement.NewDate(2026, 3, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
			r.Threats[0].Identified = requirement.NewDate(2026, 12, 24)
		}, []requirement.Finding{
			f(ruleDateInFuture, requirement.SeverityMedium, requirement.SRM3, "/threats/0/identified", `threat "T-1" is dated as identified on 2026-12-24, after the assessment date 2026-11-22: correct the date`),
		}},
		{"verification, approval and release dated after now", func(r *Register) {
			r.Product.Released, r.Product.ReleaseDate = true, requirement.NewDate(2027, 2, 1)
			r.Reviews = []Review{{Date: requirement.NewDate(2026, 3, 1), Reviewer: "PSO", Trigger: TriggerRelease}}
			r.Verifications[0].Date = requirement.NewDate(2027, 1, 15)
			r.Risks[0].Treatment.Approved = requirement.NewDate(2027, 1, 2)
		}, []requirement.Finding{
			f(ruleDateInFuture, requirement.SeverityMedium, requirement.SRM4, "/risks/0/treatment/approved", `the treatment of risk "R-1" is dated as approved on 2027-01-02, after the assessment date 2026-11-22: correct the date; until then the approval does not count`),
			f(ruleMitigatedUnverified, requirement.SeverityHigh, requirement.SRM5, "/risks/0", `mitigated risk "R-1" has no passing verification for threat(s) T-1: test the mitigations against the product and record a passing result`),
			f(ruleDateInFuture, requirement.SeverityMedium, requirement.SRM5, "/verifications/0/date", `verification "V-1" is dated 2027-01-15, after the assessment date 2026-11-22: correct the date; until then it does not count as passed`),
			f(ruleDateInFuture, requirement.SeverityMedium, "", "/product/release_date", "the product is marked released on 2027-02-01, after the assessment date 2026-11-22: correct the date, or mark the product released only once it is"),
		}},
		{"declared monitored with an overdue review", func(r *Register) {
			r.Reviews = []Review{{Date: requirement.NewDate(2025, 11, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
			r.Risks[0].State = StateMonitored
		}, []requirement.Finding{
			f(ruleStateAhead, requirement.SeverityMedium, "", "/risks/0/state", `risk "R-1": declared state monitored is ahead of the data, which supports verified: review the threat model after the last threat and verification`),
		}},
		{"declared state ahead of data", func(r *Register) { r.State = StateMonitored; r.Risks[0].State = StateMonitored }, []requirement.Finding{
			f(ruleStateAhead, requirement.SeverityMedium, "", "/risks/0/state", `risk "R-1": declared state monitored is ahead of the data, which supports verified: review the threat model after the last threat and verification`),
			f(ruleStateAhead, requirement.SeverityMedium, "", "/state", "declared state monitored is ahead of the data, which supports verified: review the threat model after the last threat and verification"),
		}},
		{"mitigation without design element", func(r *Register) { r.Mitigations[0].DesignElements = nil }, []requirement.Finding{
			f(ruleMitigationNoDesign, requirement.SeverityMedium, requirement.SD1, "/mitigations/0/design_elements", `mitigation "M-1" of rated risk(s) R-1 names no design element: name the design elements (Practice 4) that implement it, so that the design is traced to the risks it mitigates`),
		}},
		{"mitigation of an accepted risk needs no design element", func(r *Register) {
			r.Mitigations[0].DesignElements = nil
			r.Risks[0].Treatment = Treatment{Option: TreatAccept, Mitigations: []string{"M-1"}, Justification: "j", Approver: "a"}
			r.Verifications = nil
		}, nil},
		{"risk declared risks-assessed: later gaps are work in progress", func(r *Register) {
			r.Risks[0].Treatment = Treatment{}
			r.Risks[0].Residual = Residual{}
			r.Risks[0].State = StateRisksAssessed
			r.Verifications = nil
		}, []requirement.Finding{
			f(ruleWorkflowInProgress, requirement.SeverityMedium, requirement.SRM4, "/risks/0/state", `risk "R-1" declares state risks-assessed: 1 gap(s) of later workflow states are work in progress, not reported one by one (risk.risk-without-treatment); next: decide a treatment option for every risk`),
			f(ruleMitigationUnused, requirement.SeverityLow, requirement.SRM4, "/mitigations/0", `mitigation "M-1" treats no risk: list it in a risk's treatment or remove it`),
		}},
		{"register declared threats-modelled on a released product", func(r *Register) {
			r.Product.Released, r.Product.ReleaseDate = true, requirement.NewDate(2024, 1, 10)
			r.Reviews = []Review{{Date: requirement.NewDate(2026, 3, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
			r.State = StateThreatsModelled
			r.Threats = append(r.Threats, Threat{ID: "T-2", Title: "Flood", Category: DenialOfService, Interfaces: []string{"IF-1"}})
			r.Risks[0].Likelihood, r.Risks[0].Impact = "", ""
			r.Verifications = nil
		}, []requirement.Finding{
			f(ruleWorkflowInProgress, requirement.SeverityHigh, requirement.SRM4, "/state", `the register declares state threats-modelled: 3 gap(s) of later workflow states are work in progress, not reported one by one (risk.mitigated-risk-unverified, risk.risk-not-rated, risk.threat-without-risk); the product is released, so they are open on the market; next: rate every threat with a risk (likelihood and impact)`),
		}},
	}
	seen := map[requirement.RuleID]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := base()
			tt.mutate(reg)
			got, err := Validate(reg, nil, testNow)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			for _, g := range got {
				checkFinding(t, requirement.Default(), g)
			}
		})
		for _, w := range tt.want {
			seen[w.Rule] = true
		}
	}
	for _, rule := range Rules() {
		assert.True(t, seen[rule.ID], "no test for rule %s", rule.ID)
	}
}

func TestCheckInputErrors(t *testing.T) {
	type want struct {
		ptr  string
		kind error
		msg  string
	}
	tests := []struct {
		name   string
		mutate func(r *Register)
		want   []want
	}{
		{"dangling threat reference", func(r *Register) { r.Risks[0].Threats = []string{"T-9"} }, []want{
			{"/risks/0/threats/0", problem.ErrDanglingReference, `/risks/0/threats/0: risk "R-1": no threat has ID "T-9" (add it or fix the reference)`},
		}},
		{"dangling mitigation and verification references", func(r *Register) {
			r.Risks[0].Treatment.Mitigations = []string{"M-9"}
			r.Verifications[0].Threats = []string{"T-1", "T-8"}
		}, []want{
			{"/risks/0/treatment/mitigations/0", problem.ErrDanglingReference, `/risks/0/treatment/mitigations/0: risk "R-1": no mitigation has ID "M-9" (add it or fix the reference)`},
			{"/verifications/0/threats/1", problem.ErrDanglingReference, `/verifications/0/threats/1: verification "V-1": no threat has ID "T-8" (add it or fix the reference)`},
		}},
		{"unknown requirement ID", func(r *Register) { r.Mitigations[0].Requirements = []requirement.ID{"SR-9"} }, []want{
			{"/mitigations/0/requirements/0", problem.ErrUnknownID, `/mitigations/0/requirements/0: mitigation "M-1": requirement "SR-9" is not in the A11 catalog ` + requirement.Default().Version() + ` (check the ID or use the catalog of the right edition)`},
		}},
		{"invalid requirement ID", func(r *Register) { r.Mitigations[0].Requirements = []requirement.ID{"sr-1"} }, []want{
			{"/mitigations/0/requirements/0", problem.ErrInvalidID, `/mitigations/0/requirements/0: mitigation "M-1": "sr-1" is not a requirement ID (want PREFIX-N such as "SD-4")`},
		}},
		{"duplicate ID", func(r *Register) { r.Assets = append(r.Assets, Asset{ID: "A-1", Name: "Dup", Kind: AssetData}) }, []want{
			{"/assets/1/id", problem.ErrDuplicate, `/assets/1/id: ID "A-1" is already used at /assets/0 (IDs must be unique)`},
		}},
		{"asset containment cycle", func(r *Register) {
			r.Assets = append(r.Assets, Asset{ID: "A-2", Name: "Board", Kind: AssetComponent, PartOf: "A-1"})
			r.Assets[0].PartOf = "A-2"
		}, []want{
			{"/assets/1/part_of", ErrCycle, `/assets/1/part_of: asset graph "part_of" has a cycle: A-1 -> A-2 -> A-1 (break it)`},
		}},
		{"threat derivation cycle", func(r *Register) { r.Threats[0].DerivedFrom = []string{"T-1"} }, []want{
			{"/threats/0/derived_from/0", ErrCycle, `/threats/0/derived_from/0: threat graph "derived_from" has a cycle: T-1 -> T-1 (break it)`},
		}},
		{"mitigation dependency cycle", func(r *Register) {
			r.Mitigations = append(r.Mitigations, Mitigation{ID: "M-2", Title: "B", Requirements: []requirement.ID{"SD-2"}, DependsOn: []string{"M-3"}},
				Mitigation{ID: "M-3", Title: "C", Requirements: []requirement.ID{"SD-2"}, DependsOn: []string{"M-2"}})
		}, []want{
			{"/mitigations/2/depends_on/0", ErrCycle, `/mitigations/2/depends_on/0: mitigation graph "depends_on" has a cycle: M-2 -> M-3 -> M-2 (break it)`},
		}},
		{"rating levels not in matrix", func(r *Register) { r.Risks[0].Likelihood = "frequent" }, []want{
			{"/risks/0/likelihood", problem.ErrInvalidValue, `/risks/0/likelihood: risk "R-1": likelihood "frequent" is not a level of the matrix (low, medium, high)`},
		}},
		{"bad CVSS vector", func(r *Register) { r.Risks[0].CVSS = "CVSS:3.1/AV:X" }, []want{
			{"/risks/0/cvss", problem.ErrInvalidValue, ""},
		}},
		{"released without date", func(r *Register) { r.Product.Released = true }, []want{
			{"/product/release_date", problem.ErrSchema, "/product/release_date: a released product needs its release_date"},
		}},
		{"matrix falls", func(r *Register) {
			r.Matrix = DefaultMatrix()
			r.Matrix.Cells[2][2] = "low"
		}, []want{
			{"/matrix/cells/2/2", problem.ErrInvalidValue, `/matrix/cells/2/2: rating "low" is lower than at the lower impact "medium" (ratings must not fall as impact rises)`},
			{"/matrix/cells/2/2", problem.ErrInvalidValue, `/matrix/cells/2/2: rating "low" is lower than at the lower likelihood "medium" (ratings must not fall as likelihood rises)`},
		}},
		{"matrix too small", func(r *Register) {
			r.Matrix = Matrix{Likelihood: []string{"a", "b"}, Impact: []string{"a", "b", "c"}, Ratings: []string{"x", "y"}, Cells: [][]string{{"x", "x", "x"}, {"x", "y", "y"}}}
		}, []want{
			{"/matrix/likelihood", problem.ErrInvalidValue, "/matrix/likelihood: likelihood has 2 levels, want 3 to 5"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := base()
			tt.mutate(reg)
			err := Check(reg, nil)
			require.Error(t, err)
			var list problem.List
			require.ErrorAs(t, err, &list)
			require.Len(t, list, len(tt.want), "%v", list)
			for i, w := range tt.want {
				assert.Equal(t, w.ptr, list[i].Pointer)
				assert.ErrorIs(t, list[i], w.kind)
				if w.msg != "" {
					assert.Equal(t, w.msg, list[i].Error())
				}
			}
			assert.ErrorIs(t, err, problem.ErrInvalidDocument)
			_, verr := Validate(reg, nil, testNow)
			assert.Equal(t, err, verr, "Validate returns the Check error")
		})
	}
}

func TestCheck2018Catalog(t *testing.T) {
	reg := base()
	reg.Mitigations[0].Requirements = []requirement.ID{"SRM-1"}
	cat, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	err = Check(reg, cat)
	assert.ErrorIs(t, err, problem.ErrUnknownID)
	assert.NoError(t, Check(reg, nil))
}

// TestSentinelsHaveNoPrefix: the messages that wrap a sentinel name the
// package once ("risk: ...: reference cycle"), not twice.
func TestSentinelsHaveNoPrefix(t *testing.T) {
	for _, err := range []error{ErrCycle, ErrInvalidTransition, ErrUnknownRisk} {
		assert.NotContains(t, err.Error(), "risk:")
	}
}
