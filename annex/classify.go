package annex

import (
	"fmt"

	"github.com/sdlkit/iec62443/requirement"
)

// Factor is one parameter value that decided an outcome.
type Factor struct {
	// Parameter names the input, such as "exposure".
	Parameter Parameter `json:"parameter"`
	// Value is the input's value as text, such as "remote-access";
	// "unstated" for an environment or user types the context leaves out;
	// the user types joined by "+", such as "operator+maintenance".
	Value string `json:"value"`
}

// TraceStep records how one outcome (the CRA class, the category or the
// profile) was decided: one step of a [Classification]'s trace.
type TraceStep struct {
	// Outcome is ParamCRAClass, ParamCategory or ParamProfile.
	Outcome Parameter `json:"outcome"`
	// Value is the outcome's value as text, such as "C3".
	Value string `json:"value"`
	// Rule is the ID of the rule that fired; "cra-class-derivation" for the
	// CRA class, which is not table-driven.
	Rule string `json:"rule"`
	// Decisive lists the parameters the rule looked at, with their values.
	Decisive []Factor `json:"decisive"`
	// Rationale says why the rule decides as it does.
	Rationale string `json:"rationale"`
}

// Classification is the result of [Classify].
type Classification struct {
	// CRAClass is the effective CRA class: the highest of the declared class
	// and the class derived from the listed Annex III/IV points.
	CRAClass CRAClass `json:"cra_class"`
	// Category is the Annex B product security context category.
	Category Category `json:"category"`
	// Profile is the security profile Annex D keys the test modules on.
	Profile SecurityProfile `json:"profile"`
	// RuleTable names the decision table used ("name version").
	RuleTable string `json:"rule_table"`
	// Provisional is true when the decision table is provisional.
	Provisional bool `json:"provisional,omitzero"`
	// Trace holds one decision per outcome, in the order they were taken:
	// CRA class, category, profile.
	Trace []TraceStep `json:"trace"`
	// Findings lists problems with the context that do not stop the
	// classification, such as an understated CRA class.
	Findings []requirement.Finding `json:"findings,omitzero"`
}

// Decisive returns the parameters that decided outcome (ParamCRAClass,
// ParamCategory or ParamProfile), in trace order; nil for other parameters.
func (c Classification) Decisive(outcome Parameter) []Parameter {
	for _, d := range c.Trace {
		if d.Outcome == outcome {
			out := make([]Parameter, len(d.Decisive))
			for i, f := range d.Decisive {
				out[i] = f.Parameter
			}
			return out
		}
	}
	return nil
}

// Classify decides the CRA class, the Annex B category and the security
// profile of a product from its context, with a trace of the parameters that
// decided each outcome.
//
// The CRA class is the highest class among ctx.CRAProducts (default when none
// is listed), or the declared ctx.CRAClass when that is higher. A declared
// class lower than the derived one does not stop the classification: the
// derived class is used and a finding with rule `annex.cra-class-understated`
// (high, against SRM-2) says so. The category and the profile come from the
// rule table; a nil table means [DefaultRuleTable].
//
// An invalid context is an error: a [problem.List] list from
// [Context.Validate].
func Classify(ctx Context, table *RuleTable) (Classification, error) {
	rules := table.orDefault()
	if err := ctx.Validate(); err != nil {
		return Classification{}, err
	}
	out := Classification{RuleTable: rules.String(), Provisional: rules.provisional}

	// CRA class.
	derived := ctx.DerivedCRAClass()
	class := derived
	dec := TraceStep{Outcome: ParamCRAClass, Rule: "cra-class-derivation"}
	var drivers []CRAProduct
	for _, p := range ctx.sortedProducts() {
		if p.Class() == derived {
			drivers = append(drivers, p)
		}
	}
	for _, p := range drivers {
		dec.Decisive = append(dec.Decisive, Factor{ParamCRAProducts, fmt.Sprintf("%s (%s)", p, p.Ref())})
	}
	switch {
	case ctx.CRAClass != 0 && ctx.CRAClass < derived:
		out.Findings = append(out.Findings, finding(ruleCRAClassUnderstated, requirement.SRM2, "/cra_class", "",
			"declared CRA class %s is lower than %s, the class of %s; declare %s (the classification uses it)",
			ctx.CRAClass, derived, describeProducts(drivers), derived))
		dec.Rationale = "the listed Annex III/IV points outrank the declared class, so the derived class applies"
	case ctx.CRAClass > derived:
		class = ctx.CRAClass
		dec.Decisive = []Factor{{ParamDeclaredCRAClass, ctx.CRAClass.String()}}
		dec.Rationale = "the manufacturer declares a higher class than the listed Annex III/IV points call for; the SDK honours it"
		if len(ctx.CRAProducts) == 0 && ctx.CRAClass.Important() {
			out.Findings = append(out.Findings, finding(ruleCRAClassUnexplained, requirement.SRM2, "/cra_products", "",
				"CRA class %s is declared but no Annex III/IV point is listed; list the point(s) the product's core functionality falls under", ctx.CRAClass))
		}
	case len(drivers) == 0:
		dec.Decisive = []Factor{{ParamCRAProducts, "none listed"}}
		dec.Rationale = "no Annex III or IV point is listed, so the product has the default class"
	default:
		dec.Rationale = "the highest class among the listed Annex III/IV points"
	}
	dec.Value = class.String()
	out.CRAClass = class
	out.Trace = append(out.Trace, dec)

	p := point{int(ctx.Exposure) - 1, int(class) - 1, b2i(ctx.SafetyRelated), b2i(ctx.EssentialFunctions), ctx.TargetSLC - 1,
		int(ctx.Kind) - 1, int(ctx.Environment), int(userSet(ctx.UserTypes)), 0}
	ci := firstMatch(rules.category, p)
	if ci < 0 { // impossible for a validated table
		return Classification{}, fmt.Errorf("annex: rule table %s: no category rule matches %s: %w", rules, describeProduct(p, dimCategory), ErrRuleGap)
	}
	out.Category = Category(rules.category[ci].outcome)
	out.Trace = append(out.Trace, decision(ParamCategory, out.Category.String(), rules.category[ci], p))
	p[dimCategory] = int(out.Category) - 1
	pi := firstMatch(rules.profile, p)
	if pi < 0 {
		return Classification{}, fmt.Errorf("annex: rule table %s: no profile rule matches %s: %w", rules, describeProduct(p, numDims), ErrRuleGap)
	}
	out.Profile = SecurityProfile(rules.profile[pi].outcome)
	out.Trace = append(out.Trace, decision(ParamProfile, out.Profile.String(), rules.profile[pi], p))
	return out, nil
}

func decision(outcome Parameter, value string, r TableRule, p point) TraceStep {
	d := TraceStep{Outcome: outcome, Value: value, Rule: r.id, Rationale: r.rationale}
	for dim := range numDims {
		if !r.constrains(dim) {
			continue
		}
		v := dimValue(dim, p[dim], allUsers)
		if dim == dimUsers && p[dim] != 0 {
			v = userNames(uint8(p[dim]), "+") // the product's user types, not what they exclude
		}
		d.Decisive = append(d.Decisive, Factor{dimParams[dim], v})
	}
	return d
}
