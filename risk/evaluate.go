package risk

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// ReviewInterval is how long a released product's threat model may go
// without a review (SR-2 of 2018, SRM-6 of A11: at least yearly).
const ReviewInterval = 1 // years

// Evaluation is a register judged once, as of a date and against a catalog:
// the workflow state of the product and of every risk, and every finding.
// Build it with [Evaluate]; the renderers ([RenderCSV], [RenderMarkdown])
// and [Evaluation.RiskState] read it without judging the register again.
//
// An Evaluation refers to its register: do not modify the register while
// the Evaluation is in use (a renderer given an Evaluation whose register
// has grown or shrunk since returns an error).
type Evaluation struct {
	// Register is the register evaluated.
	Register *Register
	// Edition and CatalogVersion identify the catalog the register was
	// checked against; the requirements of the findings belong to it.
	Edition        requirement.Edition
	CatalogVersion string
	// AsOf is the assessment date.
	AsOf requirement.Date
	// State is the workflow state the data supports for the product: the
	// lowest state of its risks, capped by the product-level conditions
	// (context defined, threats modelled, every threat rated).
	State State
	// Findings are the gaps of the risk chain, sorted by
	// [requirement.SortFindings].
	Findings []requirement.Finding

	ix     *index
	states []State // per risk, in register order
}

// RiskState returns the workflow state the data supports for the risk with
// ID id, and false when the register has no such risk. It costs one map
// lookup: the states of all risks were derived by [Evaluate].
func (e *Evaluation) RiskState(id string) (State, bool) {
	if e == nil || e.ix == nil {
		return 0, false
	}
	i, ok := e.ix.risks[id]
	if !ok || i >= len(e.states) {
		return 0, false
	}
	return e.states[i], true
}

// LastReview returns the date of the last review on or before AsOf (zero
// when there is none).
func (e *Evaluation) LastReview() requirement.Date {
	if e == nil || e.ix == nil {
		return requirement.Date{}
	}
	return e.ix.lastReview
}

// usable reports why e cannot be rendered, or nil.
func (e *Evaluation) usable(w io.Writer) error {
	if w == nil {
		return fmt.Errorf("risk: render: nil writer: %w", problem.ErrNilInput)
	}
	if e == nil || e.ix == nil || e.Register == nil {
		return fmt.Errorf("risk: render: evaluation is nil or not built by Evaluate: %w", problem.ErrNilInput)
	}
	r := e.Register
	if e.ix.reg != r || len(r.Risks) != len(e.states) || len(r.Threats) != e.ix.risksOfThreat.nodes() ||
		len(r.Mitigations) != e.ix.risksOfMitigation.nodes() || len(r.Verifications) != e.ix.verifThreats.nodes() ||
		len(r.Interfaces) != len(e.ix.threatsOfInterface) {
		return fmt.Errorf("risk: render: the register changed after it was evaluated (evaluate it again): %w", problem.ErrInvalidValue)
	}
	return nil
}

// Evaluate checks reg against catalog cat (nil means [requirement.Default],
// the A11 catalog) and judges it once as of now, the date the assessment is
// made: the workflow state of the product and of every risk, and every gap
// of its risk chain as a finding. The work is linear in the size of the
// register.
//
// A zero now is an error wrapping [problem.ErrNoDate]; a nil register an
// error wrapping [problem.ErrNilInput]. A malformed register (see [Check])
// returns the Check error: dangling references, unknown requirement IDs and
// cycles are input errors, not findings. A well-formed register always
// yields its evaluation with all of its findings.
//
// # Findings
//
// [Rules] lists every rule with its severity, basis (published text or the
// SDK's provisional modelling) and requirements per edition. Each finding
// carries the rule's basis, the edition of cat with a requirement of that
// edition (rules are written for A11 and translated for the 2018 catalog:
// SRM-3, SRM-4 and SRM-6 become SR-2, SR-1 becomes SR-3, SRM-5 becomes
// SVV-2), its JSON pointer and the ID of the risk, threat, mitigation or
// verification it concerns.
//
// # Judged against the declared state
//
// A register or a risk that declares a workflow state (Register.State,
// Risk.State; a risk without one takes the register's) is judged against
// that state: the gaps of later states are not findings of their own (a
// risk declared risks-assessed gets no "risk without treatment"). They are
// summed up, per declaration, in one `risk.workflow-in-progress` finding that
// names the next step (medium; high for a released product). Without a
// declared state everything is judged against the whole workflow. Failed
// verifications, dates after now and the reviews a released product owes
// are findings whatever the declared state.
//
// # Dates
//
// A date after now is an error in the data and counts for nothing: such a
// review is not the last review, such a verification does not pass, such an
// approval does not complete an acceptance. A verification counts for a
// threat only when it names the mitigations it exercises or an Annex D
// module that can verify the threat's category ([ModuleCovers]): a bare
// test record shows that something was tested, not that the threat's
// mitigation was.
func Evaluate(reg *Register, cat *requirement.Catalog, now time.Time) (*Evaluation, error) {
	if now.IsZero() {
		return nil, errNoDate("evaluate")
	}
	if cat == nil {
		cat = requirement.Default()
	}
	ix, errs := check(reg, cat)
	if errs != nil {
		return nil, errs.Err()
	}
	today := requirement.DateOf(now)
	ix.asOf(today)
	e := &Evaluation{Register: reg, Edition: cat.Edition(), CatalogVersion: cat.Version(), AsOf: today, ix: ix,
		states: make([]State, len(reg.Risks))}
	for i := range reg.Risks {
		e.states[i] = ix.riskState(i)
	}
	e.State = ix.productStateWith(e.states)
	v := newValidator(ix, cat, e.states)
	v.run()
	e.Findings = requirement.SortFindings(v.out)
	return e, nil
}

// Validate returns the findings of [Evaluate]: the gaps in reg's risk chain
// as of now, against catalog cat (nil means [requirement.Default]).
func Validate(reg *Register, cat *requirement.Catalog, now time.Time) ([]requirement.Finding, error) {
	e, err := Evaluate(reg, cat, now)
	if err != nil {
		return nil, err
	}
	return e.Findings, nil
}

// registerOwner is the owner of gaps judged against the register's declaration.
const registerOwner = -1

type validator struct {
	ix     *index
	cat    *requirement.Catalog
	ed     requirement.Edition
	states []State // derived, per risk

	regTarget State   // the state the register is judged against
	target    []State // per risk: the state it is judged against
	owner     []int   // per risk: the risk whose declaration sets target, or registerOwner
	held      map[int]*held
	out       []requirement.Finding
}

// held sums up the gaps of later states than one declaration.
type held struct {
	stage State          // the earliest state a held gap belongs to
	req   requirement.ID // the A11 requirement of that gap
	rules map[requirement.RuleID]int
	n     int
}

func newValidator(ix *index, cat *requirement.Catalog, states []State) *validator {
	reg := ix.reg
	v := &validator{ix: ix, cat: cat, ed: cat.Edition(), states: states, regTarget: StateMonitored,
		target: make([]State, len(reg.Risks)), owner: make([]int, len(reg.Risks))}
	if reg.State.Valid() {
		v.regTarget = reg.State
	}
	for i := range reg.Risks {
		v.target[i], v.owner[i] = v.regTarget, registerOwner
		if s := reg.Risks[i].State; s.Valid() {
			v.target[i], v.owner[i] = s, i
		}
	}
	return v
}

// req returns A11 requirement id in the catalog's edition, "" when the
// catalog has no counterpart.
func (v *validator) req(id requirement.ID) requirement.ID {
	if id == "" {
		return ""
	}
	out := inEdition(id, v.ed)
	if out == "" || !v.cat.Has(out) {
		return ""
	}
	return out
}

// add reports a gap of rule id against A11 requirement a11 (translated to
// the catalog's edition). A gap of a state later than target (stage 0: of
// no particular state) is held for the declaration of owner instead; add
// then returns nil, otherwise the finding, so that the caller may grade its
// severity.
func (v *validator) add(stage, target State, owner int, id requirement.RuleID, a11 requirement.ID, ptr, subject, format string, args ...any) *requirement.Finding {
	if stage > target {
		h := v.held[owner]
		if h == nil {
			if v.held == nil {
				v.held = map[int]*held{}
			}
			h = &held{rules: map[requirement.RuleID]int{}}
			v.held[owner] = h
		}
		if h.stage == 0 || stage < h.stage {
			h.stage, h.req = stage, a11
		}
		h.rules[id]++
		h.n++
		return nil
	}
	e := &ruleTable[ruleIndex[id]]
	f := requirement.Finding{Rule: id, Severity: e.severity, Basis: e.basis, Requirement: v.req(a11), Pointer: ptr, Subject: subject,
		Message: fmt.Sprintf(format, args...)}
	if f.Requirement != "" {
		f.Edition = v.ed
	}
	v.out = append(v.out, f)
	return &v.out[len(v.out)-1]
}

// run applies every rule. Each collection of the register is walked once,
// all the rules about its entries applied on the way, so that a large
// register is streamed through the cache once rather than once per rule.
func (v *validator) run() {
	ix, reg, rt := v.ix, v.ix.reg, v.regTarget
	today := ix.today
	if blank(reg.IntendedUse.Purpose) {
		v.add(StateContextDefined, rt, registerOwner, ruleContextUndefined, requirement.SRM1, "/intended_use/purpose", "",
			"the intended use has no purpose: state what the product is for before modelling threats")
	}
	if blank(reg.IntendedUse.Environment) {
		v.add(StateContextDefined, rt, registerOwner, ruleContextUndefined, requirement.SRM2, "/intended_use/environment", "",
			"the intended use has no operational environment: describe where and how the product is deployed")
	}
	if len(reg.Threats) == 0 && ix.contextDefined() {
		v.add(StateThreatsModelled, rt, registerOwner, ruleNoThreats, requirement.SRM3, "/threats", "",
			"the threat model is empty: identify threats against the assets and interfaces")
	}
	if reg.Product.Released && reg.Product.ReleaseDate.After(today) {
		v.add(0, rt, registerOwner, ruleDateInFuture, "", "/product/release_date", "",
			"the product is marked released on %s, after the assessment date %s: correct the date, or mark the product released only once it is", reg.Product.ReleaseDate, today)
	}
	stale := v.reviews()
	for ti := range reg.Threats {
		t := &reg.Threats[ti]
		p := func() string { return jsonptr.Index("/threats", ti) }
		if len(ix.risksOfThreat.of(ti)) == 0 {
			v.add(StateRisksAssessed, rt, registerOwner, ruleThreatWithoutRisk, requirement.SRM4, p(), t.ID,
				"threat %q is not rated by any risk: add a risk that lists it", t.ID)
		}
		switch {
		case t.Identified.After(today):
			v.add(0, rt, registerOwner, ruleDateInFuture, requirement.SRM3, p()+"/identified", t.ID,
				"threat %q is dated as identified on %s, after the assessment date %s: correct the date", t.ID, t.Identified, today)
		case stale && t.Identified.After(ix.lastReview):
			v.add(0, rt, registerOwner, ruleReviewStale, requirement.SRM6, p()+"/identified", t.ID,
				"threat %q was identified on %s, after the last review (%s): hold a new-threat review of the released product", t.ID, t.Identified, ix.lastReview)
		}
	}
	for i := range reg.Risks {
		v.risk(i)
	}
	for mi := range reg.Mitigations {
		v.mitigation(mi)
	}
	for vi := range reg.Verifications {
		v.verification(vi)
	}
	for fi := range reg.Interfaces {
		f := &reg.Interfaces[fi]
		if ix.threatsOfInterface[fi] {
			continue
		}
		if f.External || f.Kind == InterfacePhysical || f.Kind == InterfaceDebug {
			v.add(StateThreatsModelled, rt, registerOwner, ruleInterfaceNotAnalysed, requirement.SRM3, jsonptr.Index("/interfaces", fi), f.ID,
				"%s interface %q is an entry point but no threat enters through it: analyse it or record why it is out of scope", f.Kind, f.ID)
		}
	}
	if reg.State.Valid() {
		if d := ix.productStateWith(v.states); reg.State > d {
			v.add(0, rt, registerOwner, ruleStateAhead, "", "/state", "",
				"declared state %s is ahead of the data, which supports %s: %s", reg.State, d, nextStep(d))
		}
	}
	v.flushHeld()
}

func (v *validator) risk(i int) {
	ix := v.ix
	r := &ix.reg.Risks[i]
	tg, ow, id := v.target[i], v.owner[i], r.ID
	p := func() string { return jsonptr.Index("/risks", i) }
	tp := func() string { return p() + "/treatment" }
	rating, residual := ix.ratingOf(ix.rating[i]), ix.ratingOf(ix.residual[i])
	if rating.IsZero() {
		v.add(StateRisksAssessed, tg, ow, ruleRiskNotRated, requirement.SRM4, p(), id,
			"risk %q has no likelihood and impact: rate it on the matrix (%s x %s)", id, strings.Join(ix.matrix.Likelihood, "/"), strings.Join(ix.matrix.Impact, "/"))
	}
	t := &r.Treatment
	if t.Approved.After(ix.today) {
		v.add(0, tg, ow, ruleDateInFuture, requirement.SRM4, tp()+"/approved", id,
			"the treatment of risk %q is dated as approved on %s, after the assessment date %s: correct the date; until then the approval does not count", id, t.Approved, ix.today)
	}
	above := rating.IsZero() || rating.Rank > ix.maxAccept.Rank
	switch t.Option {
	case 0:
		v.add(StateApplicabilityDecided, tg, ow, ruleRiskWithoutTreatment, requirement.SRM4, tp(), id,
			"risk %q has no treatment decision: choose mitigate, avoid, transfer or accept", id)
	case TreatMitigate:
		if len(t.Mitigations) == 0 {
			v.add(StateMitigationsDesigned, tg, ow, ruleTreatmentIncomplete, requirement.SRM4, tp()+"/mitigations", id,
				"risk %q is to be mitigated but lists no mitigation: link the mitigations that treat it", id)
		}
	case TreatAvoid:
		if blank(t.Justification) {
			v.add(StateTreated, tg, ow, ruleTreatmentIncomplete, requirement.SRM4, tp()+"/justification", id,
				"risk %q is avoided without a justification: record what was removed or changed", id)
		}
	case TreatTransfer:
		if blank(t.TransferredTo) || blank(t.Justification) {
			v.add(StateTreated, tg, ow, ruleTreatmentIncomplete, requirement.SRM4, tp(), id,
				"risk %q is transferred without naming the receiving party and the justification: record both (transferred_to, justification)", id)
		}
	case TreatAccept:
		if blank(t.Justification) || blank(t.Approver) {
			missing := missingOf(t)
			if above {
				v.add(StateTreated, tg, ow, ruleAcceptanceUnjustified, requirement.SRM4, tp(), id,
					"risk %q (rating %s) is above the acceptance criteria (%s) and accepted without %s: record the justification and the approver, or treat it otherwise", id, rating, ix.maxAccept, missing)
			} else if f := v.add(StateTreated, tg, ow, ruleAcceptanceUnjustified, requirement.SRM4, tp(), id,
				"risk %q (rating %s) is within the acceptance criteria but accepted without %s: record them for the audit trail", id, rating, missing); f != nil {
				f.Severity = requirement.SeverityLow
			}
		}
	}
	if (t.Option == TreatMitigate || t.Option == TreatTransfer) && residual.IsZero() {
		v.add(StateTreated, tg, ow, ruleResidualMissing, requirement.SRM4, p()+"/residual", id,
			"risk %q is %s but its residual risk is not rated: rate likelihood and impact after treatment", id, pastTense(t.Option))
	}
	if !residual.IsZero() && t.Option != TreatAccept && residual.Rank > ix.maxAccept.Rank {
		v.add(StateTreated, tg, ow, ruleResidualAboveCriteria, requirement.SRM4, p()+"/residual", id,
			"risk %q keeps a residual rating of %s, above the acceptance criteria (%s): mitigate further, or accept it with a justification and an approver", id, residual, ix.maxAccept)
	}
	if t.Option == TreatMitigate {
		if un := ix.unverifiedThreats(i); len(un) > 0 {
			v.add(StateVerified, tg, ow, ruleMitigatedUnverified, requirement.SRM5, p(), id,
				"mitigated risk %q has no passing verification for threat(s) %s: test the mitigations against the product and record a passing result", id, strings.Join(un, ", "))
		}
	}
	if r.State.Valid() {
		if d := v.states[i]; r.State > d {
			v.add(0, tg, ow, ruleStateAhead, "", p()+"/state", id,
				"risk %q: declared state %s is ahead of the data, which supports %s: %s", id, r.State, d, nextStep(d))
		}
	}
}

func (v *validator) mitigation(mi int) {
	ix := v.ix
	m := &ix.reg.Mitigations[mi]
	p := func() string { return jsonptr.Index("/mitigations", mi) }
	risks := ix.risksOfMitigation.of(mi)
	// Judged against the latest state any of its risks declares.
	tg, ow := v.regTarget, registerOwner
	// The design rule concerns the risks to be mitigated that are rated.
	dtg, dow := State(0), registerOwner
	var designFor []string
	for k, ri := range risks {
		if k == 0 || v.target[ri] > tg {
			tg, ow = v.target[ri], v.owner[ri]
		}
		r := &ix.reg.Risks[ri]
		if r.Treatment.Option == TreatMitigate && ix.rating[ri] != 0 {
			designFor = append(designFor, r.ID)
			if v.target[ri] > dtg {
				dtg, dow = v.target[ri], v.owner[ri]
			}
		}
	}
	if len(m.Requirements) == 0 {
		v.add(StateMitigationsDesigned, tg, ow, ruleMitigationNoRequirement, requirement.SR1, p()+"/requirements", m.ID,
			"mitigation %q links no requirement: name the requirements (Practice 3 and others) it realises", m.ID)
	}
	if len(designFor) > 0 && !hasDesign(m) {
		v.add(StateMitigationsDesigned, dtg, dow, ruleMitigationNoDesign, requirement.SD1, p()+"/design_elements", m.ID,
			"mitigation %q of rated risk(s) %s names no design element: name the design elements (Practice 4) that implement it, so that the design is traced to the risks it mitigates", m.ID, strings.Join(designFor, ", "))
	}
	if len(risks) == 0 {
		v.add(StateApplicabilityDecided, v.regTarget, registerOwner, ruleMitigationUnused, requirement.SRM4, p(), m.ID,
			"mitigation %q treats no risk: list it in a risk's treatment or remove it", m.ID)
	}
}

func (v *validator) verification(vi int) {
	ix, rt := v.ix, v.regTarget
	ver := &ix.reg.Verifications[vi]
	p := func() string { return jsonptr.Index("/verifications", vi) }
	if ver.Outcome == requirement.OutcomeFail {
		v.add(0, rt, registerOwner, ruleVerificationFailed, requirement.SVV2, p()+"/outcome", ver.ID,
			"verification %q failed: fix the mitigation and re-run the test, or reassess the risks of its threats", ver.ID)
	}
	if ver.Date.After(ix.today) {
		v.add(0, rt, registerOwner, ruleDateInFuture, requirement.SRM5, p()+"/date", ver.ID,
			"verification %q is dated %s, after the assessment date %s: correct the date; until then it does not count as passed", ver.ID, ver.Date, ix.today)
	}
	if ix.unlinked(vi) {
		v.add(StateVerified, rt, registerOwner, ruleVerificationUnlinked, requirement.SRM5, p()+"/mitigations", ver.ID,
			"verification %q names neither an Annex D module nor the mitigations it exercises, so it verifies none of the threats it claims: list the mitigations it tests, or its module", ver.ID)
		return
	}
	for j, ti := range ix.verifThreats.of(vi) {
		if c := ix.claim(vi, int(ti)); c != claimOK && c != claimNotYet {
			v.add(StateVerified, rt, registerOwner, ruleVerificationClaim, requirement.SRM5, jsonptr.Index(p()+"/threats", j), ver.ID,
				"verification %q claims threat %q but %s", ver.ID, ver.Threats[j], ix.claimWhy(vi, int(ti), c))
		}
	}
}

// flushHeld reports, per declaration, the gaps held back as work in progress.
func (v *validator) flushHeld() {
	if len(v.held) == 0 {
		return
	}
	reg := v.ix.reg
	owners := make([]int, 0, len(v.held))
	for o := range v.held {
		owners = append(owners, o)
	}
	slices.Sort(owners)
	for _, o := range owners {
		h := v.held[o]
		rules := make([]string, 0, len(h.rules))
		for id, n := range h.rules {
			s := string(id)
			if n > 1 {
				s += fmt.Sprintf(" x%d", n)
			}
			rules = append(rules, s)
		}
		slices.Sort(rules)
		who, declared, ptr, subject := "the register", reg.State, "/state", ""
		if o != registerOwner {
			r := &reg.Risks[o]
			who, declared, ptr, subject = fmt.Sprintf("risk %q", r.ID), r.State, jsonptr.Index("/risks", o)+"/state", r.ID
		}
		market := ""
		if reg.Product.Released {
			market = "; the product is released, so they are open on the market"
		}
		f := v.add(0, 0, o, ruleWorkflowInProgress, h.req, ptr, subject,
			"%s declares state %s: %d gap(s) of later workflow states are work in progress, not reported one by one (%s)%s; next: %s",
			who, declared, h.n, strings.Join(rules, ", "), market, nextStep(declared))
		if reg.Product.Released {
			f.Severity = requirement.SeverityHigh
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
// whether the threats must be checked for a stale review (see run). The
// reviews a released product owes are findings whatever the declared state.
func (v *validator) reviews() bool {
	ix, reg, today := v.ix, v.ix.reg, v.ix.today
	for i := range reg.Reviews {
		if d := reg.Reviews[i].Date; d.After(today) {
			v.add(0, v.regTarget, registerOwner, ruleDateInFuture, requirement.SRM6, jsonptr.Index("/reviews", i)+"/date", "",
				"review %d is dated %s, after the assessment date %s: correct the date; until then it does not count as a review", i, d, today)
		}
	}
	if !reg.Product.Released {
		return false
	}
	if ix.lastReview.IsZero() {
		v.add(0, v.regTarget, registerOwner, ruleReviewOverdue, requirement.SRM6, "/reviews", "",
			"released product has no threat model review: review it now and at least every %d year(s)", ReviewInterval)
		return false
	}
	if !ix.reviewCurrent() {
		v.add(0, v.regTarget, registerOwner, ruleReviewOverdue, requirement.SRM6, "/reviews", "",
			"the last threat model review was on %s, more than %d year(s) before %s: review the threat model of the released product", ix.lastReview, ReviewInterval, today)
	}
	return true
}
