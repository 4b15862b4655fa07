package risk

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// ApplicabilityBasis is why a requirement applies, or that it does not. The
// zero value is unset.
type ApplicabilityBasis int

// The bases of an applicability decision.
const (
	// BasisBaseline: the requirement applies to every product: it belongs to
	// a practice that always applies (a process requirement of the
	// lifecycle), or the Annex D test plan requires its test module at
	// every security profile.
	BasisBaseline ApplicabilityBasis = iota + 1
	// BasisRiskDriven: a mitigation of a risk whose rating demands treatment
	// (above the acceptance criteria, treated by mitigation) links the
	// requirement.
	BasisRiskDriven
	// BasisContext: the product category or the register's context (its
	// interfaces) demands the requirement.
	BasisContext
	// BasisNotApplicable: nothing demands the requirement; the stated
	// rationale must be confirmed in the statement of applicability.
	BasisNotApplicable
)

var basisNames = enumNames{"applicability basis", []string{"", "baseline", "risk-driven", "context", "not-applicable"}}

// ApplicabilityBases returns every basis in a fresh slice.
func ApplicabilityBases() []ApplicabilityBasis {
	return []ApplicabilityBasis{BasisBaseline, BasisRiskDriven, BasisContext, BasisNotApplicable}
}

// Valid reports whether b is known.
func (b ApplicabilityBasis) Valid() bool { return basisNames.valid(int(b)) }

// String returns "baseline", "risk-driven", "context" or "not-applicable"
// ("unset" for the zero value, "invalid(N)" otherwise).
func (b ApplicabilityBasis) String() string { return basisNames.str(int(b)) }

// MarshalText implements [encoding.TextMarshaler].
func (b ApplicabilityBasis) MarshalText() ([]byte, error) { return basisNames.marshal(int(b)) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *ApplicabilityBasis) UnmarshalText(t []byte) error {
	if b == nil {
		return errNilTarget("ApplicabilityBasis")
	}
	n, err := basisNames.parse(t)
	*b = ApplicabilityBasis(n)
	return err
}

// Applicability is the requirements applicability assessment of one
// product: one [ApplicabilityDecision] per requirement of the catalog, in
// catalog order. Package soa builds the statement of applicability on it.
type Applicability struct {
	// Edition and CatalogVersion identify the catalog assessed against; every
	// requirement ID of the entries and rationales belongs to that edition.
	Edition        practice.Edition `json:"edition"`
	CatalogVersion string           `json:"catalog_version"`
	// Category is the Annex B product security context category used.
	Category annex.Category `json:"category"`
	// Entries holds one decision per catalog requirement, in catalog order.
	Entries []ApplicabilityDecision `json:"entries"`
}

// ApplicabilityDecision says whether one requirement applies and why.
type ApplicabilityDecision struct {
	// Requirement is the requirement decided on.
	Requirement requirement.ID `json:"requirement"`
	// Applies reports whether the requirement applies to the product.
	Applies bool `json:"applies"`
	// Basis is the strongest reason: baseline, then risk-driven, then context.
	Basis ApplicabilityBasis `json:"basis"`
	// Risks lists, in register order, the IDs of the risks that drive the
	// requirement: rated above the acceptance criteria (or not yet rated),
	// treated by mitigation (or not yet decided), with a mitigation that
	// links it. Also given for baseline and context decisions. Risks whose
	// mitigations link the requirement without driving it are named in the
	// rationale only.
	Risks []string `json:"risks,omitzero"`
	// Context lists the context parameters that demand the requirement, such
	// as "category=C3" or "entry-points=IF-1,IF-2".
	Context []string `json:"context,omitzero"`
	// Rationale explains the decision, naming the driving risks with their
	// rating.
	Rationale string `json:"rationale"`
}

// Lookup returns the decision for id; false when a is nil or has none.
func (a *Applicability) Lookup(id requirement.ID) (ApplicabilityDecision, bool) {
	if a == nil {
		return ApplicabilityDecision{}, false
	}
	for _, d := range a.Entries {
		if d.Requirement == id {
			return d, true
		}
	}
	return ApplicabilityDecision{}, false
}

// ApplicabilityOptions tunes [AssessApplicability]. The zero value (or nil)
// gives the documented defaults.
type ApplicabilityOptions struct {
	// BaselinePractices are the practices whose requirements always apply.
	// Nil means [DefaultBaselinePractices].
	BaselinePractices []practice.Practice
}

// DefaultBaselinePractices returns the practices whose requirements apply to
// every product (the lifecycle processes): SM, SRM, SR, DM, SUM and SG, in a
// fresh slice.
func DefaultBaselinePractices() []practice.Practice {
	return []practice.Practice{practice.SM, practice.SRM, practice.SR, practice.DM, practice.SUM, practice.SG}
}

// a11TestPlanBaseline lists the A11 product requirements outside the
// baseline practices that apply at every category because the Annex D test
// plan of package annex requires their test module at every security
// profile (one source of truth with [annex.PlanTests]; a test checks it).
var a11TestPlanBaseline = map[requirement.ID][]annex.Module{
	requirement.SI3: {annex.ModuleStaticCodeAnalysis},
	requirement.SVV3: {annex.ModuleAbuseCaseTesting, annex.ModuleAttackSurfaceAnalysis, annex.ModuleKnownVulnerabilityScanning,
		annex.ModuleSoftwareCompositionAnalysis, annex.ModuleDynamicRuntimeTesting},
	requirement.SVV4: {annex.ModulePenetrationTesting},
}

// contextRule is the own-modelling rule that makes a product-capability
// requirement apply without a risk: from a minimum category on, or when the
// register has external, physical or debug interfaces.
type contextRule struct {
	minCategory annex.Category // 0: never by category
	interfaces  bool           // entry points demand it
}

// a11ContextRules keys the rules by A11 requirement ID (provisional).
var a11ContextRules = map[requirement.ID]contextRule{
	requirement.SD1:  {minCategory: annex.Category1},
	requirement.SD2:  {minCategory: annex.Category2},
	requirement.SD3:  {minCategory: annex.Category1},
	requirement.SD4:  {minCategory: annex.Category1},
	requirement.SD5:  {minCategory: annex.Category1},
	requirement.SD6:  {minCategory: annex.Category3, interfaces: true},
	requirement.SD7:  {minCategory: annex.Category3},
	requirement.SI1:  {minCategory: annex.Category1},
	requirement.SI2:  {minCategory: annex.Category1},
	requirement.SVV1: {minCategory: annex.Category1},
	requirement.SVV2: {minCategory: annex.Category1},
	requirement.SVV5: {minCategory: annex.Category1},
	requirement.SVV6: {minCategory: annex.Category1},
}

// link is one risk whose mitigations link a requirement.
type link struct {
	risk   int
	drives bool
}

// AssessApplicability decides, for every requirement of cat (nil means
// [requirement.Default], the A11 catalog) in catalog order, whether it
// applies to the product of reg in Annex B category category, and why. reg
// must be well formed for cat ([Check]); otherwise the Check error is
// returned (a nil reg wraps [problem.ErrNilInput]). An invalid category is
// an error wrapping [problem.ErrInvalidValue]. Every requirement ID in the
// result, rationales included, belongs to cat's edition.
//
// The rules (own modelling of the A11 draft's Annex C, provisional; the
// standard's own rules are not public):
//
//  1. Baseline: requirements of the baseline practices
//     ([DefaultBaselinePractices]: SM, SRM, SR, DM, SUM, SG) always apply:
//     they are the lifecycle processes. So do SI-3, SVV-3 and SVV-4 (for
//     the 2018 catalog, the requirements they carry over: SVV-3 and SVV-4),
//     whose Annex D test modules [annex.PlanTests] requires at every
//     security profile: applicability and the test plan agree.
//  2. Risk-driven: any other requirement applies when a mitigation of a risk
//     whose Practice 2 rating demands treatment links it: a risk rated above
//     the acceptance criteria and treated by mitigation. A risk not yet rated
//     counts as above the criteria, and a risk whose treatment is not yet
//     decided counts with its proposed mitigations, so that no exclusion
//     rests on missing data. The mitigations of a risk within the
//     acceptance criteria, or of an accepted, avoided or transferred risk,
//     do not make a requirement apply by themselves; the rationale names
//     such risks and says why.
//  3. Context: otherwise it applies when the context demands it: for the
//     A11 catalog, from a minimum category (SD-1, SD-3, SD-4, SD-5, SI-1,
//     SI-2, SVV-1, SVV-2, SVV-5, SVV-6 from C1; SD-2 from C2; SD-6, SD-7
//     from C3), and SD-6 whenever the register has an external, physical or
//     debug interface. For the 2018 catalog no context rules are defined and
//     every such requirement applies by category (conservative).
//  4. Otherwise it does not apply, with a rationale that names what was
//     checked; the statement of applicability must confirm it.
func AssessApplicability(reg *Register, cat *requirement.Catalog, category annex.Category, opts *ApplicabilityOptions) (*Applicability, error) {
	if cat == nil {
		cat = requirement.Default()
	}
	if !category.Valid() {
		return nil, fmt.Errorf("risk: applicability: category %s: %w (want C1 to C4)", category, problem.ErrInvalidValue)
	}
	ix, errs := check(reg, cat)
	if errs != nil {
		return nil, errs.Err()
	}
	baseline := DefaultBaselinePractices()
	if opts != nil && opts.BaselinePractices != nil {
		baseline = opts.BaselinePractices
	}
	planBaseline, err := testPlanBaseline(cat)
	if err != nil {
		return nil, err
	}
	// Requirement -> risks whose treatment mitigations link it (register order, unique).
	byReq := make(map[requirement.ID][]link)
	for ri := range reg.Risks {
		drives := ix.drives(ri)
		for _, m := range ix.riskMits.of(ri) {
			for _, id := range reg.Mitigations[m].Requirements {
				if l := byReq[id]; len(l) == 0 || l[len(l)-1].risk != ri {
					byReq[id] = append(l, link{ri, drives})
				}
			}
		}
	}
	var entry []string
	for _, f := range reg.Interfaces {
		if f.External || f.Kind == InterfacePhysical || f.Kind == InterfaceDebug {
			entry = append(entry, f.ID)
		}
	}
	labels := make([]string, len(reg.Risks)) // per risk, built on first use
	label := func(ri int, drives bool) string {
		if labels[ri] == "" {
			if drives {
				labels[ri] = ix.driverLabel(ri)
			} else {
				labels[ri] = ix.otherLabel(ri)
			}
		}
		return labels[ri]
	}
	a11 := cat.Edition() == practice.EditionA11
	out := &Applicability{Edition: cat.Edition(), CatalogVersion: cat.Version(), Category: category}
	for req := range cat.All() {
		id := req.ID()
		d := ApplicabilityDecision{Requirement: id}
		var drivers, others []string
		for _, l := range byReq[id] {
			if l.drives {
				d.Risks = append(d.Risks, reg.Risks[l.risk].ID)
				drivers = append(drivers, label(l.risk, true))
			} else {
				others = append(others, label(l.risk, false))
			}
		}
		var ctx []string
		if rule, ok := a11ContextRules[id]; ok && a11 {
			if rule.minCategory != 0 && category >= rule.minCategory {
				ctx = append(ctx, fmt.Sprintf("category=%s (applies from %s)", category, rule.minCategory))
			}
			if rule.interfaces && len(entry) > 0 {
				ctx = append(ctx, "entry-points="+strings.Join(entry, ","))
			}
		} else if !a11 {
			ctx = append(ctx, fmt.Sprintf("category=%s (no context rules for edition %s: applies by default)", category, cat.Edition()))
		}
		d.Context = ctx
		modules, byPlan := planBaseline[id]
		switch {
		case slices.Contains(baseline, id.Practice()):
			d.Applies, d.Basis, d.Context = true, BasisBaseline, nil
			d.Rationale = fmt.Sprintf("%s is a lifecycle process requirement (practice %s) that applies to every product", id, id.Practice())
		case byPlan:
			d.Applies, d.Basis, d.Context = true, BasisBaseline, nil
			d.Rationale = fmt.Sprintf("%s applies at every category: the Annex D test plan requires its test modules (%s) at every security profile (provisional)", id, joinModules(modules))
		case len(drivers) > 0:
			d.Applies, d.Basis = true, BasisRiskDriven
			d.Rationale = fmt.Sprintf("mitigations of risks rated above the acceptance criteria (up to %s) and treated by mitigation realise %s: %s", ix.maxAccept, id, strings.Join(drivers, ", "))
			drivers = nil
		case len(ctx) > 0:
			d.Applies, d.Basis = true, BasisContext
			d.Rationale = fmt.Sprintf("no risk's rating demands %s, but the product context demands it (%s)", id, strings.Join(ctx, "; "))
		default:
			d.Basis = BasisNotApplicable
			d.Rationale = fmt.Sprintf("no mitigation of a risk whose rating demands treatment links %s and neither category %s nor the register's interfaces demand it; confirm the exclusion in the statement of applicability", id, category)
		}
		if len(drivers) > 0 {
			d.Rationale += fmt.Sprintf("; risks %s also rely on it", strings.Join(drivers, ", "))
		}
		if len(others) > 0 {
			d.Rationale += fmt.Sprintf("; mitigations of %s link it too, but a risk within the acceptance criteria, or accepted, avoided or transferred, does not make a requirement apply by itself", strings.Join(others, ", "))
		}
		out.Entries = append(out.Entries, d)
	}
	return out, nil
}

// drives reports whether the mitigations of risk i make the requirements
// they link apply: the risk is rated above the acceptance criteria (or not
// yet rated) and treated by mitigation (or not yet decided).
func (ix *index) drives(i int) bool {
	r := &ix.reg.Risks[i]
	above := ix.rating[i] == 0 || int(ix.rating[i]) > ix.maxAccept.Rank
	return above && (r.Treatment.Option == TreatMitigate || r.Treatment.Option == 0)
}

// driverLabel names a driving risk with its rating, and what is provisional
// about it.
func (ix *index) driverLabel(i int) string {
	r := &ix.reg.Risks[i]
	rating := "not yet rated, counted as above the criteria"
	if ix.rating[i] != 0 {
		rating = "rated " + ix.ratingOf(ix.rating[i]).Name
	}
	if r.Treatment.Option == 0 {
		return r.ID + " (" + rating + "; treatment not yet decided, its proposed mitigations count)"
	}
	return r.ID + " (" + rating + ")"
}

// otherLabel names a risk whose mitigations link a requirement without
// driving it, and why.
func (ix *index) otherLabel(i int) string {
	r := &ix.reg.Risks[i]
	if o := r.Treatment.Option; o != TreatMitigate && o != 0 {
		return r.ID + " (" + pastTense(o) + ")"
	}
	return r.ID + " (rated " + ix.ratingOf(ix.rating[i]).Name + ", within the acceptance criteria)"
}

// testPlanBaseline returns the requirements of cat that apply at every
// category because of the test plan, with their module: the A11 table, or
// for another edition the requirements the A11 ones carry over, found
// through [requirement.Delta].
func testPlanBaseline(cat *requirement.Catalog) (map[requirement.ID][]annex.Module, error) {
	if cat.Edition() == practice.EditionA11 {
		return a11TestPlanBaseline, nil
	}
	changes, err := requirement.Delta(cat, requirement.Default())
	if err != nil {
		return nil, fmt.Errorf("risk: applicability: translate the test plan baseline to %s: %w", cat.Version(), err)
	}
	out := map[requirement.ID][]annex.Module{}
	for _, c := range changes {
		if m, ok := a11TestPlanBaseline[c.To]; ok && c.From != "" && cat.Has(c.From) {
			out[c.From] = m
		}
	}
	return out, nil
}

func joinModules(ms []annex.Module) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = string(m)
	}
	return strings.Join(s, ", ")
}
