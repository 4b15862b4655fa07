package soa

import (
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
)

// Override is what the manufacturer states about one requirement beyond the
// applicability assessment: a different or confirmed decision, and the
// implementation state (status, evidence, owner, maturity).
type Override struct {
	// Requirement is the requirement, in the catalog's edition.
	Requirement requirement.ID `json:"requirement"`
	// Decision replaces the assessed decision; zero keeps it. Setting the
	// assessed decision again confirms it when Justification gives the
	// manufacturer's reasons (the basis becomes [BasisOverride]); without a
	// justification it changes nothing, and an exclusion the assessment
	// proposed stays unconfirmed ([RuleExclusionUnconfirmed]).
	Decision Decision `json:"decision,omitzero"`
	// Justification replaces the assessment's rationale. It is mandatory
	// when Decision contradicts the assessment (a requirement the assessment
	// found applicable made not applicable, or the reverse) and for every
	// decision except DecisionApplicable.
	Justification string `json:"justification,omitzero"`
	// InheritedFrom names the component or platform for DecisionInherited.
	InheritedFrom string `json:"inherited_from,omitzero"`
	// Status is the implementation status; zero means StatusPlanned for a
	// requirement that applies.
	Status Status `json:"status,omitzero"`
	// Evidence lists the artifacts that show the requirement is met.
	Evidence []Evidence `json:"evidence,omitzero"`
	// Owner is the person or role accountable.
	Owner string `json:"owner,omitzero"`
	// TargetMaturity is the target level; zero means [ResolveOptions.DefaultTarget].
	TargetMaturity maturity.Level `json:"target_maturity,omitzero"`
	// AchievedMaturity is the level reached; zero means not assessed.
	AchievedMaturity maturity.Level `json:"achieved_maturity,omitzero"`
}

// ResolveOptions tunes [Resolve]. A nil *ResolveOptions means the defaults.
type ResolveOptions struct {
	// DefaultTarget is the target maturity of every entry that applies and
	// whose override sets none. Zero leaves the target unset.
	DefaultTarget maturity.Level
	// Validate tunes the validation of the result. Nil means the defaults.
	Validate *ValidateOptions
}

// Resolve builds the statement of applicability of a product from the
// catalog cat, the product's applicability assessment (package risk), the
// document header meta and the manufacturer's overrides. It returns the
// statement, one entry per catalog requirement in catalog order, and its
// findings ([Validate]). The result depends only on the arguments.
//
// Per requirement:
//
//   - the assessment's decision gives the decision (applicable or not
//     applicable), the basis, the driving risks and a justification (the
//     assessment's rationale);
//   - a requirement the assessment does not cover is applicable by default
//     (missing data is never a pass), with [BasisUnassessed];
//   - an override replaces the decision and justification and sets the
//     implementation state; a decision that differs from the assessment keeps
//     the assessed one visible in [Entry.Assessed] and is flagged
//     [FlagOverride]; one that contradicts it (applies versus does not apply)
//     also yields a [RuleOverrideContradicts] finding;
//   - an exclusion the assessment proposed and no override confirmed yields
//     a [RuleExclusionUnconfirmed] finding.
//
// meta.Edition and meta.CatalogVersion are set from cat; meta.Category is
// taken from the assessment when zero. Problems in the inputs are returned as
// a [problem.List] list whose pointers address a virtual
// document {"metadata": meta, "assessment": assessment, "overrides":
// overrides}: an assessment of another edition or category, unknown,
// invalid or duplicate requirement IDs, a contradicting override without a
// justification. The assembled statement is then validated against cat;
// problems found there (such as an override's trivial justification or a
// malformed evidence digest) are located in the statement.
func Resolve(cat *requirement.Catalog, meta Metadata, assessment *risk.Applicability, overrides []Override, opts *ResolveOptions) (*Statement, []requirement.Finding, error) {
	var errs located.Errors
	if cat == nil || assessment == nil {
		errs.Add("", problem.ErrInvalidValue, "soa: resolve: nil catalog or assessment")
		return nil, nil, errs.Err()
	}
	if opts == nil {
		opts = &ResolveOptions{}
	}
	if assessment.Edition != cat.Edition() {
		errs.Add("/assessment/edition", problem.ErrWrongEdition, "soa: the assessment is for edition %s but the catalog is %s (assess against the same catalog)", assessment.Edition, cat.Version())
	}
	meta.Edition, meta.CatalogVersion = cat.Edition(), cat.Version()
	switch {
	case meta.Category == 0:
		meta.Category = assessment.Category
	case assessment.Category != 0 && meta.Category != assessment.Category:
		errs.Add("/metadata/category", problem.ErrInvalidValue, "soa: category %s differs from the assessment's %s (resolve with the category the assessment used)", meta.Category, assessment.Category)
	}
	assessed := indexAssessment(&errs, cat, assessment)
	over := indexOverrides(&errs, cat, overrides)
	if len(errs) > 0 {
		errs.Sort()
		return nil, nil, errs.Err()
	}
	s := &Statement{SchemaVersion: SchemaVersion, Metadata: meta, Entries: make([]Entry, 0, cat.Len())}
	for r := range cat.All() {
		id := r.ID()
		e := Entry{Requirement: id, Title: r.Title()}
		if d, ok := assessed[id]; ok {
			e.Decision, e.Basis, e.Justification = DecisionNotApplicable, BasisRisk, d.Rationale
			if d.Applies {
				e.Decision = DecisionApplicable
				switch d.Basis {
				case risk.BasisBaseline:
					e.Basis = BasisBaseline
				case risk.BasisContext:
					e.Basis = BasisContext
				case risk.BasisRiskDriven, risk.BasisNotApplicable:
					e.Basis = BasisRisk
				}
			}
			e.Risks = slices.Clone(d.Risks)
		} else {
			e.Decision, e.Basis = DecisionApplicable, BasisUnassessed
		}
		if i, ok := over[id]; ok {
			applyOverride(&errs, &e, overrides[i], jsonptr.Index("/overrides", i))
		}
		if e.Applies() {
			if e.Status == 0 {
				e.Status = StatusPlanned
			}
			if e.TargetMaturity == 0 {
				e.TargetMaturity = opts.DefaultTarget
			}
		}
		s.Entries = append(s.Entries, e)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, nil, errs.Err()
	}
	fs, err := Validate(s, cat, opts.Validate)
	if err != nil {
		return nil, nil, err
	}
	return s, fs, nil
}

func indexAssessment(errs *located.Errors, cat *requirement.Catalog, a *risk.Applicability) map[requirement.ID]risk.Decision {
	m := make(map[requirement.ID]risk.Decision, len(a.Entries))
	for i, d := range a.Entries {
		ptr := jsonptr.Append(jsonptr.Index("/assessment/entries", i), "requirement")
		switch {
		case !d.Requirement.Valid():
			errs.Add(ptr, problem.ErrInvalidID, "soa: assessment decision %q: not a requirement ID", clip(string(d.Requirement)))
		case !cat.Has(d.Requirement):
			errs.Add(ptr, problem.ErrUnknownID, "soa: assessment decision %q: not in catalog %s (assess against the catalog you resolve with)", d.Requirement, cat.Version())
		default:
			if _, dup := m[d.Requirement]; dup {
				errs.Add(ptr, problem.ErrDuplicate, "soa: assessment decides %q twice (keep one decision per requirement)", d.Requirement)
				continue
			}
			m[d.Requirement] = d
		}
	}
	return m
}

func indexOverrides(errs *located.Errors, cat *requirement.Catalog, os []Override) map[requirement.ID]int {
	m := make(map[requirement.ID]int, len(os))
	for i, o := range os {
		ptr := jsonptr.Index("/overrides", i)
		switch {
		case !o.Requirement.Valid():
			errs.Add(jsonptr.Append(ptr, "requirement"), problem.ErrInvalidID, "soa: override %q: not a requirement ID", clip(string(o.Requirement)))
			continue
		case !cat.Has(o.Requirement):
			errs.Add(jsonptr.Append(ptr, "requirement"), problem.ErrUnknownID, "soa: override %q: not in catalog %s", o.Requirement, cat.Version())
			continue
		}
		if j, dup := m[o.Requirement]; dup {
			errs.Add(jsonptr.Append(ptr, "requirement"), problem.ErrDuplicate, "soa: override %q: already overridden by override %d (merge them)", o.Requirement, j)
			continue
		}
		if o.Decision != 0 && !o.Decision.Valid() {
			errs.Add(jsonptr.Append(ptr, "decision"), problem.ErrInvalidValue, "soa: override %q: decision %d is not defined", o.Requirement, int(o.Decision))
		}
		if o.Status != 0 && !o.Status.Valid() {
			errs.Add(jsonptr.Append(ptr, "status"), problem.ErrInvalidValue, "soa: override %q: status %d is not defined", o.Requirement, int(o.Status))
		}
		m[o.Requirement] = i
	}
	return m
}

func applyOverride(errs *located.Errors, e *Entry, o Override, ptr string) {
	if o.Decision.Valid() && o.Decision != e.Decision {
		contradicts := o.Decision.Applies() != e.Decision.Applies() && e.Basis != BasisUnassessed
		if contradicts && strings.TrimSpace(o.Justification) == "" {
			errs.Add(jsonptr.Append(ptr, "justification"), problem.ErrInvalidValue, "soa: override %q: decision %s contradicts the assessment (%s, basis %s) and needs a justification", o.Requirement, o.Decision, e.Decision, e.Basis)
		}
		if e.Basis != BasisUnassessed {
			e.Assessed = e.Decision
			e.Flags = []Flag{FlagOverride}
		}
		e.Justification = "" // the assessment's rationale argued for the other decision
		e.Decision, e.Basis = o.Decision, BasisOverride
	}
	// Repeating the assessed decision confirms it only in the manufacturer's
	// own words: without a justification the entry keeps the assessment's
	// basis and rationale (so an unconfirmed exclusion stays reported).
	if o.Justification != "" {
		e.Justification = o.Justification
		if o.Decision.Valid() || e.Decision == DecisionNotApplicable {
			e.Basis = BasisOverride
		}
	}
	e.InheritedFrom = o.InheritedFrom
	e.Status = o.Status
	e.Evidence = slices.Clone(o.Evidence)
	e.Owner = o.Owner
	e.TargetMaturity, e.AchievedMaturity = o.TargetMaturity, o.AchievedMaturity
}
