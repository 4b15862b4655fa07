package risk

import (
	"fmt"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/requirement"
)

// Rule IDs of the findings [Validate] returns. They are stable across releases.
const (
	RuleContextUndefined        requirement.RuleID = "risk.context-undefined"
	RuleNoThreats               requirement.RuleID = "risk.no-threats"
	RuleThreatWithoutRisk       requirement.RuleID = "risk.threat-without-risk"
	RuleRiskNotRated            requirement.RuleID = "risk.risk-not-rated"
	RuleRiskWithoutTreatment    requirement.RuleID = "risk.risk-without-treatment"
	RuleTreatmentIncomplete     requirement.RuleID = "risk.treatment-incomplete"
	RuleAcceptanceUnjustified   requirement.RuleID = "risk.acceptance-unjustified"
	RuleResidualMissing         requirement.RuleID = "risk.residual-missing"
	RuleResidualAboveCriteria   requirement.RuleID = "risk.residual-above-criteria"
	RuleMitigationNoRequirement requirement.RuleID = "risk.mitigation-without-requirement"
	RuleMitigationUnused        requirement.RuleID = "risk.mitigation-unused"
	RuleMitigatedUnverified     requirement.RuleID = "risk.mitigated-risk-unverified"
	RuleVerificationClaim       requirement.RuleID = "risk.verification-claim-invalid"
	RuleVerificationFailed      requirement.RuleID = "risk.verification-failed"
	RuleInterfaceNotAnalysed    requirement.RuleID = "risk.interface-not-analysed"
	RuleReviewOverdue           requirement.RuleID = "risk.review-overdue"
	RuleReviewStale             requirement.RuleID = "risk.review-stale"
	RuleStateAhead              requirement.RuleID = "risk.state-ahead-of-data"
	RuleVerificationUnlinked    requirement.RuleID = "risk.verification-unlinked"
	RuleDateInFuture            requirement.RuleID = "risk.date-in-future"
)

// ReviewInterval is how long a released product's threat model may go
// without a review (SR-2 of 2018, SRM-6 of A11: at least yearly).
const ReviewInterval = 1 // years

// Validate checks reg against catalog cat (nil means [requirement.Default])
// and returns the gaps in its risk chain as findings sorted by
// [requirement.SortFindings]. now is the date the assessment is made (for the
// review interval, the workflow states and dates in the future). A
// malformed register (see [Check]) returns the Check
// error and no findings: dangling references, unknown requirement IDs and
// cycles are input errors, not findings.
//
// The rules, their requirement (A11 IDs, provisional) and severity:
//
//	risk.context-undefined             SRM-1/SRM-2 high    purpose or environment missing
//	risk.no-threats                    SRM-3 high          context defined, threat model empty
//	risk.threat-without-risk           SRM-4 high          a threat no risk rates
//	risk.risk-not-rated                SRM-4 medium        likelihood/impact missing
//	risk.risk-without-treatment        SRM-4 high          no treatment option decided
//	risk.treatment-incomplete          SRM-4 medium        mitigate without mitigations, avoid/transfer without justification or party
//	risk.acceptance-unjustified        SRM-4 high/low      accepted without justification or approver (high above the criteria or unrated, low within)
//	risk.residual-missing              SRM-4 medium        mitigated/transferred risk without residual rating
//	risk.residual-above-criteria       SRM-4 high          residual rating above the criteria and not accepted
//	risk.mitigation-without-requirement SR-1 medium        mitigation links no requirement
//	risk.mitigation-unused             SRM-4 low           no treatment uses the mitigation
//	risk.mitigated-risk-unverified     SRM-5 high          a threat of a mitigated risk has no passing, valid verification
//	risk.verification-claim-invalid    SRM-5 medium        the test's module cannot verify the threat's category, or the threat is not treated by the tested mitigations
//	risk.verification-unlinked         SRM-5 medium        the test names neither its Annex D module nor the mitigations it exercises, so it verifies no threat
//	risk.verification-failed           SVV-2 high          a verification failed
//	risk.interface-not-analysed        SRM-3 medium        an external, physical or debug interface no threat enters through
//	risk.review-overdue                SRM-6 high          released product, no review within a year of now
//	risk.review-stale                  SRM-6 medium        released product, threat identified after the last review
//	risk.date-in-future                SRM-3..6 medium     a review, identification, verification, approval or release dated after now
//	risk.state-ahead-of-data           (none) medium       declared state beyond what the data supports
//
// A date after now is an error in the data: such a review does not count as
// the last review, and such a verification does not count as passed, so that
// a mistyped year cannot hide an overdue review or a missing test. A
// verification counts for a threat only when it names the mitigations it
// exercises or an Annex D module: a bare test record shows that something
// was tested, not that the threat's mitigation was.
func Validate(reg *Register, now time.Time, cat *requirement.Catalog) ([]requirement.Finding, error) {
	ix, errs := check(reg, cat)
	if errs != nil {
		return nil, errs.Err()
	}
	today := requirement.DateOf(now)
	ix.asOf(today)
	v := &validator{ix: ix}
	v.run(today)
	return requirement.SortFindings(v.out), nil
}

type validator struct {
	ix  *index
	out []requirement.Finding
}

func (v *validator) add(rule requirement.RuleID, sev requirement.Severity, req requirement.ID, ptr, format string, args ...any) {
	v.out = append(v.out, requirement.Finding{Rule: rule, Severity: sev, Requirement: req, Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// run applies every rule. Each collection of the register is walked once,
// all the rules about its entries applied on the way, so that a large
// register is streamed through the cache once rather than once per rule.
func (v *validator) run(today requirement.Date) {
	ix, reg := v.ix, v.ix.reg
	if blank(reg.IntendedUse.Purpose) {
		v.add(RuleContextUndefined, requirement.SeverityHigh, requirement.SRM1, "/intended_use/purpose", "the intended use has no purpose: state what the product is for before modelling threats")
	}
	if blank(reg.IntendedUse.Environment) {
		v.add(RuleContextUndefined, requirement.SeverityHigh, requirement.SRM2, "/intended_use/environment", "the intended use has no operational environment: describe where and how the product is deployed")
	}
	if len(reg.Threats) == 0 && ix.contextDefined() {
		v.add(RuleNoThreats, requirement.SeverityHigh, requirement.SRM3, "/threats", "the threat model is empty: identify threats against the assets and interfaces")
	}
	if reg.Product.Released && reg.Product.ReleaseDate.After(today) {
		v.add(RuleDateInFuture, requirement.SeverityMedium, "", "/product/release_date",
			"the product is marked released on %s, after the assessment date %s: correct the date, or mark the product released only once it is", reg.Product.ReleaseDate, today)
	}
	stale := v.reviews(today)
	for ti := range reg.Threats {
		t := &reg.Threats[ti]
		if len(ix.risksOfThreat.of(ti)) == 0 {
			v.add(RuleThreatWithoutRisk, requirement.SeverityHigh, requirement.SRM4, jsonptr.Index("/threats", ti),
				"threat %q is not rated by any risk: add a risk that lists it", t.ID)
		}
		switch {
		case t.Identified.After(today):
			v.add(RuleDateInFuture, requirement.SeverityMedium, requirement.SRM3, jsonptr.Index("/threats", ti)+"/identified",
				"threat %q is dated as identified on %s, after the assessment date %s: correct the date", t.ID, t.Identified, today)
		case stale && t.Identified.After(ix.lastReview):
			v.add(RuleReviewStale, requirement.SeverityMedium, requirement.SRM6, jsonptr.Index("/threats", ti)+"/identified",
				"threat %q was identified on %s, after the last review (%s): hold a new-threat review of the released product", t.ID, t.Identified, ix.lastReview)
		}
	}
	for i := range reg.Risks {
		v.risk(i, today)
	}
	for mi := range reg.Mitigations {
		m := &reg.Mitigations[mi]
		p := func() string { return jsonptr.Index("/mitigations", mi) }
		if len(m.Requirements) == 0 {
			v.add(RuleMitigationNoRequirement, requirement.SeverityMedium, requirement.SR1, p()+"/requirements",
				"mitigation %q links no requirement: name the requirements (Practice 3 and others) it realises", m.ID)
		}
		if len(ix.risksOfMitigation.of(mi)) == 0 {
			v.add(RuleMitigationUnused, requirement.SeverityLow, requirement.SRM4, p(),
				"mitigation %q treats no risk: list it in a risk's treatment or remove it", m.ID)
		}
	}
	for vi := range reg.Verifications {
		ver := &reg.Verifications[vi]
		p := func() string { return jsonptr.Index("/verifications", vi) }
		if ver.Outcome == requirement.OutcomeFail {
			v.add(RuleVerificationFailed, requirement.SeverityHigh, requirement.SVV2, p()+"/outcome",
				"verification %q failed: fix the mitigation and re-run the test, or reassess the risks of its threats", ver.ID)
		}
		if ver.Date.After(today) {
			v.add(RuleDateInFuture, requirement.SeverityMedium, requirement.SRM5, p()+"/date",
				"verification %q is dated %s, after the assessment date %s: correct the date; until then it does not count as passed", ver.ID, ver.Date, today)
		}
		if ix.unlinked(vi) {
			v.add(RuleVerificationUnlinked, requirement.SeverityMedium, requirement.SRM5, p()+"/mitigations",
				"verification %q names neither an Annex D module nor the mitigations it exercises, so it verifies none of the threats it claims: list the mitigations it tests, or its module", ver.ID)
			continue
		}
		for j, ti := range ix.verifThreats.of(vi) {
			if c := ix.claim(vi, int(ti)); c != claimOK && c != claimNotYet {
				v.add(RuleVerificationClaim, requirement.SeverityMedium, requirement.SRM5, jsonptr.Index(p()+"/threats", j),
					"verification %q claims threat %q but %s", ver.ID, ver.Threats[j], ix.claimWhy(vi, int(ti), c))
			}
		}
	}
	for fi := range reg.Interfaces {
		f := &reg.Interfaces[fi]
		if ix.threatsOfInterface[fi] {
			continue
		}
		if f.External || f.Kind == InterfacePhysical || f.Kind == InterfaceDebug {
			v.add(RuleInterfaceNotAnalysed, requirement.SeverityMedium, requirement.SRM3, jsonptr.Index("/interfaces", fi),
				"%s interface %q is an entry point but no threat enters through it: analyse it or record why it is out of scope", f.Kind, f.ID)
		}
	}
	if reg.State.Valid() {
		if d := ix.productState(); reg.State > d {
			v.add(RuleStateAhead, requirement.SeverityMedium, "", "/state",
				"declared state %s is ahead of the data, which supports %s: %s", reg.State, d, nextStep(d))
		}
	}
}

func (v *validator) risk(i int, today requirement.Date) {
	ix := v.ix
	r := &ix.reg.Risks[i]
	p := func() string { return jsonptr.Index("/risks", i) }
	rating, residual := ix.ratingOf(ix.rating[i]), ix.ratingOf(ix.residual[i])
	if rating.IsZero() {
		v.add(RuleRiskNotRated, requirement.SeverityMedium, requirement.SRM4, p(),
			"risk %q has no likelihood and impact: rate it on the matrix (%s x %s)", r.ID, strings.Join(ix.matrix.Likelihood, "/"), strings.Join(ix.matrix.Impact, "/"))
	}
	t := &r.Treatment
	tp := func() string { return p() + "/treatment" }
	if t.Approved.After(today) {
		v.add(RuleDateInFuture, requirement.SeverityMedium, requirement.SRM4, tp()+"/approved",
			"the treatment of risk %q is dated as approved on %s, after the assessment date %s: correct the date", r.ID, t.Approved, today)
	}
	above := rating.IsZero() || rating.Rank > ix.maxAccept.Rank
	switch t.Option {
	case 0:
		v.add(RuleRiskWithoutTreatment, requirement.SeverityHigh, requirement.SRM4, tp(),
			"risk %q has no treatment decision: choose mitigate, avoid, transfer or accept", r.ID)
	case TreatMitigate:
		if len(t.Mitigations) == 0 {
			v.add(RuleTreatmentIncomplete, requirement.SeverityMedium, requirement.SRM4, tp()+"/mitigations",
				"risk %q is to be mitigated but lists no mitigation: link the mitigations that treat it", r.ID)
		}
	case TreatAvoid:
		if blank(t.Justification) {
			v.add(RuleTreatmentIncomplete, requirement.SeverityMedium, requirement.SRM4, tp()+"/justification",
				"risk %q is avoided without a justification: record what was removed or changed", r.ID)
		}
	case TreatTransfer:
		if blank(t.TransferredTo) || blank(t.Justification) {
			v.add(RuleTreatmentIncomplete, requirement.SeverityMedium, requirement.SRM4, tp(),
				"risk %q is transferred without naming the receiving party and the justification: record both (transferred_to, justification)", r.ID)
		}
	case TreatAccept:
		if blank(t.Justification) || blank(t.Approver) {
			missing := missingOf(t)
			if above {
				v.add(RuleAcceptanceUnjustified, requirement.SeverityHigh, requirement.SRM4, tp(),
					"risk %q (rating %s) is above the acceptance criteria (%s) and accepted without %s: record the justification and the approver, or treat it otherwise", r.ID, rating, ix.maxAccept, missing)
			} else {
				v.add(RuleAcceptanceUnjustified, requirement.SeverityLow, requirement.SRM4, tp(),
					"risk %q (rating %s) is within the acceptance criteria but accepted without %s: record them for the audit trail", r.ID, rating, missing)
			}
		}
	}
	if (t.Option == TreatMitigate || t.Option == TreatTransfer) && residual.IsZero() {
		v.add(RuleResidualMissing, requirement.SeverityMedium, requirement.SRM4, p()+"/residual",
			"risk %q is %s but its residual risk is not rated: rate likelihood and impact after treatment", r.ID, pastTense(t.Option))
	}
	if !residual.IsZero() && t.Option != TreatAccept && residual.Rank > ix.maxAccept.Rank {
		v.add(RuleResidualAboveCriteria, requirement.SeverityHigh, requirement.SRM4, p()+"/residual",
			"risk %q keeps a residual rating of %s, above the acceptance criteria (%s): mitigate further, or accept it with a justification and an approver", r.ID, residual, ix.maxAccept)
	}
	if t.Option == TreatMitigate {
		if un := ix.unverifiedThreats(i); len(un) > 0 {
			v.add(RuleMitigatedUnverified, requirement.SeverityHigh, requirement.SRM5, p(),
				"mitigated risk %q has no passing verification for threat(s) %s: test the mitigations against the product and record a passing result", r.ID, strings.Join(un, ", "))
		}
	}
	if r.State.Valid() {
		if d := ix.riskState(i); r.State > d {
			v.add(RuleStateAhead, requirement.SeverityMedium, "", p()+"/state",
				"risk %q: declared state %s is ahead of the data, which supports %s: %s", r.ID, r.State, d, nextStep(d))
		}
	}
}

func missingOf(t *Treatment) string {
	switch {
	case blank(t.Justification) && blank(t.Approver):
		return "a justification and an approver"
	case blank(t.Justification):
		return "a justification"
	}
	return "an approver"
}

func pastTense(o TreatmentOption) string {
	switch o {
	case TreatMitigate:
		return "mitigated"
	case TreatAvoid:
		return "avoided"
	case TreatTransfer:
		return "transferred"
	case TreatAccept:
		return "accepted"
	}
	return "untreated"
}

// reviews applies the review rules of a released product and reports
// whether the threats must be checked for a stale review (see run).
func (v *validator) reviews(today requirement.Date) bool {
	ix, reg := v.ix, v.ix.reg
	for i := range reg.Reviews {
		if d := reg.Reviews[i].Date; d.After(today) {
			v.add(RuleDateInFuture, requirement.SeverityMedium, requirement.SRM6, jsonptr.Index("/reviews", i)+"/date",
				"review %d is dated %s, after the assessment date %s: correct the date; until then it does not count as a review", i, d, today)
		}
	}
	if !reg.Product.Released {
		return false
	}
	if ix.lastReview.IsZero() {
		v.add(RuleReviewOverdue, requirement.SeverityHigh, requirement.SRM6, "/reviews",
			"released product has no threat model review: review it now and at least every %d year(s)", ReviewInterval)
		return false
	}
	if ix.lastReview.AddYears(ReviewInterval).Before(today) {
		v.add(RuleReviewOverdue, requirement.SeverityHigh, requirement.SRM6, "/reviews",
			"the last threat model review was on %s, more than %d year(s) before %s: review the threat model of the released product", ix.lastReview, ReviewInterval, today)
	}
	return true
}

// moduleCovers lists, per Annex D module, the STRIDE categories whose
// mitigation a test of that module can show to work against the product (own
// modelling, provisional). Static code analysis and software composition
// analysis examine code and binaries, not the running product: they support
// but cannot on their own verify a threat's mitigation.
var moduleCovers = map[annex.Module][]Stride{
	annex.ModuleSecurityRequirementsTesting: {Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModuleThreatMitigationTesting:     {Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModulePenetrationTesting:          {Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModuleAbuseCaseTesting:            {Tampering, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModuleAttackSurfaceAnalysis:       {Spoofing, InformationDisclosure, ElevationOfPrivilege},
	annex.ModuleKnownVulnerabilityScanning:  {Tampering, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModuleDynamicRuntimeTesting:       {InformationDisclosure, DenialOfService},
	annex.ModuleSoftwareCompositionAnalysis: nil,
	annex.ModuleStaticCodeAnalysis:          nil,
}

// ModuleCovers reports whether a test of module m can verify the mitigation
// of a threat of category s (own modelling, provisional; see [Validate]). An
// empty module (a test known only by its record) covers every category; such
// a test still counts only when it names the mitigations it exercises.
func ModuleCovers(m annex.Module, s Stride) bool {
	if m == "" {
		return true
	}
	for _, c := range moduleCovers[m] {
		if c == s {
			return true
		}
	}
	return false
}

// claimKind says whether a verification can verify a threat it claims, and if not, why.
type claimKind uint8

const (
	claimOK          claimKind = iota
	claimUnlinked              // neither module nor mitigations named
	claimNotYet                // dated after the assessment date
	claimModule                // the module cannot verify the threat's category
	claimMitigations           // none of the tested mitigations treats a risk of the threat
)

// unlinked reports whether verification vi names neither a module nor a mitigation.
func (ix *index) unlinked(vi int) bool {
	return ix.reg.Verifications[vi].Module == "" && len(ix.verifMits.of(vi)) == 0
}

// claim says whether verification vi can verify threat ti.
func (ix *index) claim(vi, ti int) claimKind {
	ver := &ix.reg.Verifications[vi]
	if ix.unlinked(vi) {
		return claimUnlinked
	}
	if !ModuleCovers(ver.Module, ix.reg.Threats[ti].Category) {
		return claimModule
	}
	if !ix.treatedBy(vi, ti) {
		return claimMitigations
	}
	if !ix.today.IsZero() && ver.Date.After(ix.today) {
		return claimNotYet
	}
	return claimOK
}

// treatedBy reports whether verification vi tests no particular mitigation,
// or one that treats a risk of threat ti.
func (ix *index) treatedBy(vi, ti int) bool {
	vms := ix.verifMits.of(vi)
	if len(vms) == 0 {
		return true
	}
	for _, ri := range ix.risksOfThreat.of(ti) {
		for _, m := range ix.riskMits.of(int(ri)) {
			for _, vm := range vms {
				if m == vm {
					return true
				}
			}
		}
	}
	return false
}

// claimWhy explains why verification vi cannot verify threat ti.
func (ix *index) claimWhy(vi, ti int, c claimKind) string {
	ver := &ix.reg.Verifications[vi]
	switch c {
	case claimModule:
		return fmt.Sprintf("its module %s cannot verify the mitigation of a threat of category %s: use a module that tests the running product (e.g. %s), or drop the claim (a verification that claims no other threat is removed, not emptied)", ver.Module, ix.reg.Threats[ti].Category, annex.ModuleThreatMitigationTesting)
	case claimMitigations:
		return fmt.Sprintf("none of the mitigations it tests (%s) treats a risk of that threat: link the threat to the risk those mitigations treat, or correct the claim", strings.Join(ver.Mitigations, ", "))
	case claimUnlinked:
		return "it names neither an Annex D module nor the mitigations it exercises"
	case claimNotYet:
		return "it is dated after the assessment date"
	case claimOK:
	}
	return ""
}

// passed reports whether verification vi passed and can verify threat ti.
func (ix *index) passed(vi, ti int) bool {
	return ix.reg.Verifications[vi].Outcome == requirement.OutcomePass && ix.claim(vi, ti) == claimOK
}

// verified reports whether every threat of risk i has a passing, valid verification.
func (ix *index) verified(i int) bool {
	for _, ti := range ix.riskThreats.of(i) {
		if !ix.threatVerified(int(ti)) {
			return false
		}
	}
	return true
}

func (ix *index) threatVerified(ti int) bool {
	for _, vi := range ix.verifsOfThreat.of(ti) {
		if ix.passed(int(vi), ti) {
			return true
		}
	}
	return false
}

// unverifiedThreats lists the IDs of the threats of risk i without a
// passing, valid verification (nil when there are none).
func (ix *index) unverifiedThreats(i int) []string {
	var out []string
	for k, ti := range ix.riskThreats.of(i) {
		if !ix.threatVerified(int(ti)) {
			out = append(out, ix.reg.Risks[i].Threats[k])
		}
	}
	return out
}
