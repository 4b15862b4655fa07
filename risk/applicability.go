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

// Basis is why a requirement applies, or that it does not. The zero value is unset.
type Basis int

// The bases of an applicability decision.
const (
	// BasisBaseline: the requirement belongs to a practice that always
	// applies (a process requirement of the lifecycle).
	BasisBaseline Basis = iota + 1
	// BasisRiskDriven: a mitigation of one or more risks links the requirement.
	BasisRiskDriven
	// BasisContext: the product category or the register's context (its
	// interfaces) demands the requirement.
	BasisContext
	// BasisNotApplicable: nothing demands the requirement; the stated
	// rationale must be confirmed in the statement of applicability.
	BasisNotApplicable
)

var basisNames = enumNames{"applicability basis", []string{"", "baseline", "risk-driven", "context", "not-applicable"}}

// Bases returns every basis in a fresh slice.
func Bases() []Basis {
	return []Basis{BasisBaseline, BasisRiskDriven, BasisContext, BasisNotApplicable}
}

// Valid reports whether b is known.
func (b Basis) Valid() bool { return basisNames.valid(int(b)) }

// String returns "baseline", "risk-driven", "context" or "not-applicable".
func (b Basis) String() string { return basisNames.str("Basis", int(b)) }

// MarshalText implements [encoding.TextMarshaler].
func (b Basis) MarshalText() ([]byte, error) { return basisNames.marshal("Basis", int(b)) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *Basis) UnmarshalText(t []byte) error {
	n, err := basisNames.parse(t)
	*b = Basis(n)
	return err
}

// Applicability is the requirements applicability assessment of one
// product: one [Decision] per requirement of the catalog, in catalog order.
// Package soa builds the statement of applicability on it.
type Applicability struct {
	// Edition and CatalogVersion identify the catalog assessed against.
	Edition        practice.Edition `json:"edition"`
	CatalogVersion string           `json:"catalog_version"`
	// Category is the Annex B product security context category used.
	Category annex.Category `json:"category"`
	// Entries holds one decision per catalog requirement, in catalog order.
	Entries []Decision `json:"entries"`
}

// Decision says whether one requirement applies and why.
type Decision struct {
	// Requirement is the requirement decided on.
	Requirement requirement.ID `json:"requirement"`
	// Applies reports whether the requirement applies to the product.
	Applies bool `json:"applies"`
	// Basis is the strongest reason: baseline, then risk-driven, then context.
	Basis Basis `json:"basis"`
	// Risks lists the IDs of the risks whose mitigations link the
	// requirement, in register order (also for baseline and context decisions).
	Risks []string `json:"risks,omitzero"`
	// Context lists the context parameters that demand the requirement, such
	// as "category=C3" or "external-interfaces=IF-1,IF-2".
	Context []string `json:"context,omitzero"`
	// Rationale explains the decision in one sentence.
	Rationale string `json:"rationale"`
}

// Lookup returns the decision for id.
func (a *Applicability) Lookup(id requirement.ID) (Decision, bool) {
	for _, d := range a.Entries {
		if d.Requirement == id {
			return d, true
		}
	}
	return Decision{}, false
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
	requirement.SI3:  {minCategory: annex.Category2},
	requirement.SVV1: {minCategory: annex.Category1},
	requirement.SVV2: {minCategory: annex.Category1},
	requirement.SVV3: {minCategory: annex.Category2, interfaces: true},
	requirement.SVV4: {minCategory: annex.Category3},
	requirement.SVV5: {minCategory: annex.Category1},
	requirement.SVV6: {minCategory: annex.Category1},
}

// AssessApplicability decides, for every requirement of cat (nil means
// [requirement.Default]) in catalog order, whether it applies to the product
// of reg in Annex B category category, and why. reg must be well formed for
// cat ([Check]); otherwise the Check error is returned. An invalid category
// is an error wrapping [problem.ErrInvalidValue].
//
// The rules (own modelling of the A11 draft's Annex C, provisional; the
// standard's own rules are not public):
//
//  1. Requirements of the baseline practices ([DefaultBaselinePractices]:
//     SM, SRM, SR, DM, SUM, SG) always apply: they are the lifecycle processes.
//  2. Any other requirement applies when a mitigation listed in a risk's
//     treatment links it (risk-driven; Risks names those risks). Proposed
//     mitigations count as soon as a risk lists them.
//  3. Otherwise it applies when the context demands it (context): for the
//     A11 catalog, from a minimum category (SD-1, SD-3, SD-4, SD-5, SI-1,
//     SI-2, SVV-1, SVV-2, SVV-5, SVV-6 from C1; SD-2, SI-3, SVV-3 from C2;
//     SD-6, SD-7, SVV-4 from C3), and SD-6 and SVV-3 whenever the register
//     has an external, physical or debug interface. For the 2018 catalog no
//     context rules are defined and every such requirement applies by
//     category (conservative).
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
	// Requirement -> risks whose treatment mitigations link it (register order, unique).
	byReq := make(map[requirement.ID][]string)
	for ri := range reg.Risks {
		rid := reg.Risks[ri].ID
		for _, m := range ix.riskMits.of(ri) {
			for _, id := range reg.Mitigations[m].Requirements {
				if l := byReq[id]; len(l) == 0 || l[len(l)-1] != rid {
					byReq[id] = append(l, rid)
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
	out := &Applicability{Edition: cat.Edition(), CatalogVersion: cat.Version(), Category: category}
	for req := range cat.All() {
		id := req.ID()
		d := Decision{Requirement: id, Risks: byReq[id]}
		var ctx []string
		if rule, ok := a11ContextRules[id]; ok && cat.Edition() == practice.EditionA11 {
			if rule.minCategory != 0 && category >= rule.minCategory {
				ctx = append(ctx, fmt.Sprintf("category=%s (applies from %s)", category, rule.minCategory))
			}
			if rule.interfaces && len(entry) > 0 {
				ctx = append(ctx, "entry-points="+strings.Join(entry, ","))
			}
		} else if cat.Edition() != practice.EditionA11 {
			ctx = append(ctx, fmt.Sprintf("category=%s (no context rules for edition %s: applies by default)", category, cat.Edition()))
		}
		d.Context = ctx
		switch {
		case slices.Contains(baseline, id.Practice()):
			d.Applies, d.Basis = true, BasisBaseline
			d.Context = nil
			d.Rationale = fmt.Sprintf("%s is a lifecycle process requirement (practice %s) that applies to every product", id, id.Practice())
			if len(d.Risks) > 0 {
				d.Rationale += fmt.Sprintf("; risks %s also rely on it", strings.Join(d.Risks, ", "))
			}
		case len(d.Risks) > 0:
			d.Applies, d.Basis = true, BasisRiskDriven
			d.Rationale = fmt.Sprintf("mitigations of risks %s realise %s", strings.Join(d.Risks, ", "), id)
		case len(ctx) > 0:
			d.Applies, d.Basis = true, BasisContext
			d.Rationale = fmt.Sprintf("no risk links %s, but the product context demands it (%s)", id, strings.Join(ctx, "; "))
		default:
			d.Basis = BasisNotApplicable
			d.Rationale = fmt.Sprintf("no mitigation of any risk links %s and neither category %s nor the register's interfaces demand it; confirm the exclusion in the statement of applicability", id, category)
		}
		out.Entries = append(out.Entries, d)
	}
	return out, nil
}
