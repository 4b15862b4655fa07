package maturity

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Check names one of the five demonstrations an ML3 claim for presumption of
// conformity rests on (after the A11 commentary's list; provisional). The
// zero value is unset.
type Check int

const (
	// CheckSecurityByDesign: security requirements were specified at the start
	// of each release: a requirements-specification exists for every
	// in-scope release and was produced no later than its first design or
	// implementation artifact.
	CheckSecurityByDesign Check = iota + 1
	// CheckVulnerabilityHandling: an approved policy on vulnerability handling
	// and an approved procedure for reporting exploited vulnerabilities and
	// severe incidents cover every in-scope release, and every recorded
	// notification that was due under CRA Art. 14 was sent in time (see
	// [Notification]): early warning 24 hours and notification 72 hours after
	// awareness, final report 14 days after a corrective measure is available
	// (vulnerability) or one month after the incident notification
	// (incident). A late notification fails the check; one whose times are
	// not recorded makes it unknown; one about an event the manufacturer
	// became aware of before the obligation started (2026-09-10T20:00Z, the
	// earliest local midnight of 11 September 2026 in the EU) is not due.
	// When no notification was due, the check rests on the process evidence
	// and its reason says so.
	CheckVulnerabilityHandling
	// CheckSecureCoding: an approved secure coding standard is in force and
	// compliance with it is evidenced for every in-scope release.
	CheckSecureCoding
	// CheckDeliveryIntegrity: every in-scope release has integrity protection
	// evidence (an integrity mechanism such as code signing, or a record of
	// authenticated update delivery) and the signing keys are under recorded
	// control.
	CheckDeliveryIntegrity
	// CheckArtifactRetention: every evidence record is kept until the later of
	// the support end and ten years after placing on the market of every
	// release it belongs to (CRA Art. 13(13)).
	CheckArtifactRetention
)

var checkNames = [...]string{
	CheckSecurityByDesign:      "security-by-design",
	CheckVulnerabilityHandling: "vulnerability-handling",
	CheckSecureCoding:          "secure-coding",
	CheckDeliveryIntegrity:     "delivery-integrity",
	CheckArtifactRetention:     "artifact-retention",
}

// Checks returns the five checks in a fresh slice, in the order a verdict
// lists them.
func Checks() []Check {
	return []Check{CheckSecurityByDesign, CheckVulnerabilityHandling, CheckSecureCoding, CheckDeliveryIntegrity, CheckArtifactRetention}
}

// Valid reports whether c is known.
func (c Check) Valid() bool { return c >= CheckSecurityByDesign && c <= CheckArtifactRetention }

// String returns the kebab-case name, such as "secure-coding"; "unset" for
// the zero value and "invalid(N)" otherwise.
func (c Check) String() string { return enum.Name(checkNames[:], int(c)) }

var checkRules = [...]requirement.RuleID{
	CheckSecurityByDesign:      ruleML3SecurityByDesign,
	CheckVulnerabilityHandling: ruleML3VulnerabilityHandling,
	CheckSecureCoding:          ruleML3SecureCoding,
	CheckDeliveryIntegrity:     ruleML3DeliveryIntegrity,
	CheckArtifactRetention:     ruleML3ArtifactRetention,
}

// Rule returns the finding rule of a check that is not passed, such as
// "maturity.ml3-secure-coding" (see [Rules]); "" for an invalid check.
func (c Check) Rule() requirement.RuleID {
	if !c.Valid() {
		return ""
	}
	return checkRules[c]
}

// Requirements returns the requirements of edition e the check chiefly
// evidences, in catalog order, in a fresh slice. Any edition other than
// Edition2018 (including the zero value) means A11.
func (c Check) Requirements(e practice.Edition) []requirement.ID {
	a11 := e != practice.Edition2018
	switch c {
	case CheckSecurityByDesign:
		if a11 {
			return []requirement.ID{requirement.SR1}
		}
		return []requirement.ID{requirement.SR3}
	case CheckVulnerabilityHandling:
		if a11 {
			return []requirement.ID{requirement.SM16, requirement.DM8}
		}
		return []requirement.ID{requirement.DM1}
	case CheckSecureCoding:
		return []requirement.ID{requirement.SI2}
	case CheckDeliveryIntegrity:
		return []requirement.ID{requirement.SM6, requirement.SM8, requirement.SUM4}
	case CheckArtifactRetention:
		if a11 {
			return []requirement.ID{requirement.SM17}
		}
		return nil
	}
	return nil
}

// MarshalText implements [encoding.TextMarshaler].
func (c Check) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("maturity: marshal check %s: %w", c, problem.ErrInvalidValue)
	}
	return []byte(checkNames[c]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Check) UnmarshalText(b []byte) error {
	if v, ok := enum.Parse(checkNames[:], string(b)); ok {
		*c = Check(v)
		return nil
	}
	return fmt.Errorf("maturity: check %q: %w (want %s)", clip(string(b)), problem.ErrInvalidValue, strings.Join(checkNames[1:], ", "))
}

// CheckResult is the outcome of one ML3 demonstration.
type CheckResult struct {
	// Check names the demonstration.
	Check Check `json:"check"`
	// Outcome is pass, fail (the evidence shows it is not met, or the
	// demonstrating artifact is absent) or unknown (an artifact exists but a
	// date or approval needed to decide is not recorded).
	Outcome requirement.Outcome `json:"outcome"`
	// Reasons says why the outcome is not pass, one line per problem; for a
	// pass, what showed it.
	Reasons []string `json:"reasons"`
}

// ML3Verdict says whether the evidence meets the A11 draft's ML3 demand (the
// draft's intended route to presumption of conformity once it is cited; no
// edition is cited in the Official Journal, so meeting it does not give
// presumption of conformity under CRA Art. 27). The root package's iec62443.Verdict is the verdict on the whole
// product; this is its maturity part).
type ML3Verdict struct {
	// Obligation says whether ML3 is mandatory or recommended for the product.
	Obligation Obligation `json:"obligation"`
	// Outcome is pass when every applicable requirement is at ML3 or above
	// and every check passes; fail when a requirement is below ML3 or a check
	// fails; unknown otherwise.
	Outcome requirement.Outcome `json:"outcome"`
	// BelowML3 lists the applicable requirements below ML3, in catalog order.
	BelowML3 []requirement.ID `json:"below_ml3,omitzero"`
	// Checks holds the five demonstrations, in [Checks] order.
	Checks []CheckResult `json:"checks"`
	// Reasons lists every reason the verdict is not pass; empty on a pass.
	Reasons []string `json:"reasons,omitzero"`

	edition practice.Edition
}

// Met reports whether the verdict is a pass.
func (v ML3Verdict) Met() bool { return v.Outcome == requirement.OutcomePass }

// ErrNotAssessed is wrapped by the error of [Assessment.Verdict] on an
// Assessment that [Assess] did not return (decoded from JSON or built as a
// literal): the verdict needs the evidence behind the levels, which only
// Assess keeps.
var ErrNotAssessed = errors.New("assessment not produced by Assess")

// Verdict decides whether the assessment meets the A11 draft's ML3 demand for a product with obligation ob (derive it from the product's CRA
// class: [ObligationFor](class.Important())). The checks read the evidence as
// of the assessment date: records dated after it count for nothing. An
// invalid ob is an error wrapping [problem.ErrInvalidValue]; a nil
// Assessment is an error wrapping [problem.ErrNilInput], and one that
// [Assess] did not return an error wrapping [ErrNotAssessed].
func (a *Assessment) Verdict(ob Obligation) (ML3Verdict, error) {
	if !ob.Valid() {
		return ML3Verdict{}, fmt.Errorf("maturity: verdict for obligation %s: %w (want ObligationRecommended or ObligationMandatory)", ob, problem.ErrInvalidValue)
	}
	if a == nil {
		return ML3Verdict{}, fmt.Errorf("maturity: verdict: nil assessment: %w", problem.ErrNilInput)
	}
	if a.ix == nil {
		return ML3Verdict{}, fmt.Errorf("maturity: verdict: %w (a decoded or hand-built Assessment lacks the evidence the checks read: run Assess on the manifest)", ErrNotAssessed)
	}
	v := ML3Verdict{Obligation: ob, Outcome: requirement.OutcomePass, edition: a.Edition}
	v.BelowML3 = a.BelowML3()
	if len(v.BelowML3) > 0 {
		v.Outcome = requirement.OutcomeFail
		parts := make([]string, 0, len(v.BelowML3))
		for _, id := range v.BelowML3 {
			r, _ := a.Requirement(id)
			at := "no level"
			if r.Reached {
				at = r.Level.String()
			}
			parts = append(parts, fmt.Sprintf("%s (%s)", id, at))
		}
		v.Reasons = append(v.Reasons, fmt.Sprintf("%d applicable requirement(s) below ML3: %s", len(parts), strings.Join(parts, ", ")))
	}
	ix := a.ix
	v.Checks = []CheckResult{
		ix.checkDesign(),
		ix.checkVulnerabilityHandling(),
		ix.checkPresence(CheckSecureCoding,
			kindGroup{kinds: []requirement.ArtifactKind{requirement.ArtifactCodingStandard}, approval: true},
			kindGroup{kinds: []requirement.ArtifactKind{requirement.ArtifactCodingStandardCompliance}}),
		ix.checkPresence(CheckDeliveryIntegrity,
			kindGroup{kinds: []requirement.ArtifactKind{requirement.ArtifactIntegrityMechanism, requirement.ArtifactUpdateDeliveryRecord}},
			kindGroup{kinds: []requirement.ArtifactKind{requirement.ArtifactKeyManagementRecord}}),
		ix.checkRetention(),
	}
	for _, c := range v.Checks {
		switch c.Outcome {
		case requirement.OutcomeFail:
			v.Outcome = requirement.OutcomeFail
		case requirement.OutcomeUnknown:
			if v.Outcome == requirement.OutcomePass {
				v.Outcome = requirement.OutcomeUnknown
			}
		case requirement.OutcomePass, requirement.OutcomeNotApplicable:
			continue
		}
		for _, r := range c.Reasons {
			v.Reasons = append(v.Reasons, c.Check.String()+": "+r)
		}
	}
	return v, nil
}

// Findings returns the verdict's gaps as findings, sorted with
// [requirement.SortFindings]: one per check that did not pass (rule
// [Check.Rule], naming the first requirement the check evidences in the
// assessment's edition) and one `maturity.ml3-not-met` when the verdict is not a
// pass. Severities follow the obligation: for a mandatory ML3 a failure is
// critical and an unknown high; for a recommended ML3 both are low. Every
// finding has basis provisional (the ML3 demand is the A11 draft's). The
// per-requirement gaps are in [Assessment.Findings].
func (v ML3Verdict) Findings() []requirement.Finding {
	sev := func(o requirement.Outcome) requirement.Severity {
		switch {
		case v.Obligation != ObligationMandatory:
			return requirement.SeverityLow
		case o == requirement.OutcomeFail:
			return requirement.SeverityCritical
		}
		return requirement.SeverityHigh
	}
	var out []requirement.Finding
	for _, c := range v.Checks {
		if c.Outcome == requirement.OutcomePass || c.Outcome == requirement.OutcomeNotApplicable {
			continue
		}
		if !c.Check.Valid() {
			continue
		}
		var req requirement.ID
		if ids := c.Check.Requirements(v.edition); len(ids) > 0 {
			req = ids[0]
		}
		f := rule(c.Check.Rule()).Finding(req, "", "", "ML3 demonstration %q is %s: %s", c.Check, c.Outcome, strings.Join(c.Reasons, "; "))
		f.Severity = sev(c.Outcome)
		if req != "" {
			f.Edition = v.edition
		}
		out = append(out, f)
	}
	if !v.Met() {
		f := rule(ruleML3NotMet).Finding("", "", "", "the A11 draft's ML3 demand (%s for this product) is not met: %d reason(s); close the gaps of the below-ml3 and ml3-* findings", v.Obligation, len(v.Reasons))
		f.Severity = sev(v.Outcome)
		out = append(out, f)
	}
	return requirement.SortFindings(out)
}

func (ix *index) releaseName(pi int) string {
	p := &ix.pairs[pi]
	return p.project + " " + p.release
}

func (ix *index) checkDesign() CheckResult {
	res := CheckResult{Check: CheckSecurityByDesign, Outcome: requirement.OutcomePass}
	np := len(ix.pairs)
	spec, design := make([]int32, np), make([]int32, np)
	for i := range spec {
		spec[i], design[i] = -1, -1
	}
	earlier := func(slot *int32, ri int32) {
		if *slot < 0 || ix.m.Evidence[ri].Produced.Before(ix.m.Evidence[*slot].Produced) {
			*slot = ri
		}
	}
	for i := range ix.m.Evidence {
		var slots []int32
		switch ix.m.Evidence[i].Kind {
		case requirement.ArtifactRequirementsSpecification:
			slots = spec
		case requirement.ArtifactDesignSpecification, requirement.ArtifactDesignReviewRecord,
			requirement.ArtifactAttackSurfaceAnalysis, requirement.ArtifactImplementationReviewRecord,
			requirement.ArtifactStaticAnalysisReport, requirement.ArtifactCodingStandardCompliance:
			slots = design
		default:
			continue
		}
		sp := ix.rng[i]
		for pi := sp[0]; pi < sp[1]; pi++ {
			earlier(&slots[pi], int32(i))
		}
	}
	var fail, unknown []string
	for pi := range np {
		name := ix.releaseName(pi)
		switch {
		case spec[pi] < 0:
			fail = append(fail, fmt.Sprintf("%s has no requirements-specification (specify the security requirements before design starts)", name))
		case design[pi] < 0:
			unknown = append(unknown, fmt.Sprintf("%s has no design or implementation artifact to show the specification came first", name))
		default:
			s, d := &ix.m.Evidence[spec[pi]], &ix.m.Evidence[design[pi]]
			if s.Produced.After(d.Produced) {
				fail = append(fail, fmt.Sprintf("%s: requirements specification %q (%s) came after %s %q (%s)", name, s.ID, s.Produced, d.Kind, d.ID, d.Produced))
			}
		}
	}
	return res.settle(fail, unknown, fmt.Sprintf("requirements specified before design for all %d in-scope release(s)", np))
}

func (c CheckResult) settle(fail, unknown []string, pass string) CheckResult {
	switch {
	case len(fail) > 0:
		c.Outcome = requirement.OutcomeFail
	case len(unknown) > 0:
		c.Outcome = requirement.OutcomeUnknown
	default:
		c.Reasons = []string{pass}
		return c
	}
	c.Reasons = append(fail, unknown...)
	return c
}

// kindGroup is one piece of evidence a presence check asks for: a record of
// any of kinds, approved when approval is set.
type kindGroup struct {
	kinds    []requirement.ArtifactKind
	approval bool
}

// checkPresence passes when, for every in-scope release, each group has at
// least one record (of any kind of the group) covering it; for a group with
// approval set, the record must also be approved (an unapproved one makes the
// outcome unknown).
func (ix *index) checkPresence(c Check, groups ...kindGroup) CheckResult {
	res := CheckResult{Check: c, Outcome: requirement.OutcomePass}
	fail, unknown, pass := ix.presence(groups)
	return res.settle(fail, unknown, pass)
}

// checkVulnerabilityHandling combines the process evidence (an approved
// policy and reporting procedure for every release) with the Art. 14
// timeliness of every recorded notification.
func (ix *index) checkVulnerabilityHandling() CheckResult {
	res := CheckResult{Check: CheckVulnerabilityHandling, Outcome: requirement.OutcomePass}
	fail, unknown, pass := ix.presence([]kindGroup{
		{kinds: []requirement.ArtifactKind{requirement.ArtifactVulnerabilityHandlingPolicy}, approval: true},
		{kinds: []requirement.ArtifactKind{requirement.ArtifactReportingProcedure}, approval: true},
	})
	t := ix.checkNotifications()
	fail = append(fail, t.fail...)
	unknown = append(unknown, t.unknown...)
	return res.settle(fail, unknown, pass+"; "+t.summary())
}

// presence returns the problems of a presence check and the reason for a pass.
func (ix *index) presence(groups []kindGroup) (fail, unknown []string, pass string) {
	np := len(ix.pairs)
	const (
		absent uint8 = iota
		unapproved
		present
	)
	state := make([]uint8, len(groups)*np)
	for i := range ix.m.Evidence {
		e := &ix.m.Evidence[i]
		for g, grp := range groups {
			if !containsKind(grp.kinds, e.Kind) {
				continue
			}
			s := present
			if grp.approval && !ix.approved[i] {
				s = unapproved
			}
			sp := ix.rng[i]
			for pi := sp[0]; pi < sp[1]; pi++ {
				state[g*np+int(pi)] = max(state[g*np+int(pi)], s)
			}
		}
	}
	for g, grp := range groups {
		what := kindList(grp.kinds)
		var missing, notApproved []string
		for pi := range np {
			switch state[g*np+pi] {
			case absent:
				missing = append(missing, ix.releaseName(pi))
			case unapproved:
				notApproved = append(notApproved, ix.releaseName(pi))
			}
		}
		if missing != nil {
			fail = append(fail, fmt.Sprintf("no %s evidence covers %s (add it, organisation-wide or per release)", what, strings.Join(missing, ", ")))
		}
		if notApproved != nil {
			unknown = append(unknown, fmt.Sprintf("the %s evidence covering %s records no approval (set approver and approved)", what, strings.Join(notApproved, ", ")))
		}
	}
	all := make([]string, 0, len(groups))
	for _, g := range groups {
		w := kindList(g.kinds)
		if g.approval {
			w = "approved " + w
		}
		all = append(all, w)
	}
	return fail, unknown, fmt.Sprintf("%s evidence covers all %d in-scope release(s)", strings.Join(all, " and "), np)
}

func (ix *index) checkRetention() CheckResult {
	res := CheckResult{Check: CheckArtifactRetention, Outcome: requirement.OutcomePass}
	np := len(ix.pairs)
	type tally struct {
		records, short, unset int
		examples              []string
	}
	t := make([]tally, np)
	for i := range ix.m.Evidence {
		e := &ix.m.Evidence[i]
		sp := ix.rng[i]
		for pi := sp[0]; pi < sp[1]; pi++ {
			p, tp := &ix.pairs[pi], &t[pi]
			tp.records++
			switch {
			case !p.known:
			case e.RetentionUntil.IsZero():
				tp.unset++
			case e.RetentionUntil.Before(p.required):
				tp.short++
				if len(tp.examples) < 10 {
					tp.examples = append(tp.examples, e.ID)
				}
			}
		}
	}
	var fail, unknown []string
	for pi := range np {
		p, tp := &ix.pairs[pi], &t[pi]
		name := ix.releaseName(pi)
		switch {
		case tp.records == 0:
			unknown = append(unknown, fmt.Sprintf("%s has no evidence records, so nothing shows they are retained", name))
			continue
		case !p.known:
			unknown = append(unknown, fmt.Sprintf("%s has no placed_on_market or support_end date, so its retention period is unknown (set both)", name))
			continue
		}
		if tp.short > 0 {
			more := ""
			if tp.short > len(tp.examples) {
				more = fmt.Sprintf(" and %d more", tp.short-len(tp.examples))
			}
			fail = append(fail, fmt.Sprintf("%s: %d record(s) kept for less than the required period ending %s: %s%s (extend retention_until)", name, tp.short, p.required, strings.Join(tp.examples, ", "), more))
		}
		if tp.unset > 0 {
			unknown = append(unknown, fmt.Sprintf("%s: %d record(s) record no retention_until (set it to %s or later)", name, tp.unset, p.required))
		}
	}
	return res.settle(fail, unknown, fmt.Sprintf("every evidence record is kept for the required period of all %d in-scope release(s)", np))
}

func containsKind(ks []requirement.ArtifactKind, k requirement.ArtifactKind) bool {
	for _, v := range ks {
		if v == k {
			return true
		}
	}
	return false
}

func kindList(ks []requirement.ArtifactKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, " or ")
}
