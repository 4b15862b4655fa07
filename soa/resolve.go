package soa

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
)

// Override is what the manufacturer states about one requirement beyond the
// applicability assessment: a different or confirmed decision, and the
// implementation state (status, evidence, owner, maturity).
type Override struct {
	// Requirement is the requirement, in the edition of the catalog the
	// statement is resolved against (2018 SR-2 is not A11 SR-2); an ID of the
	// other edition is an error wrapping problem.ErrWrongEdition.
	Requirement requirement.ID `json:"requirement"`
	// Decision replaces the assessed decision; zero keeps it. Setting the
	// assessed decision again confirms it when Justification gives the
	// manufacturer's reasons (the basis becomes [BasisOverride]); without a
	// justification it changes nothing, and an exclusion the assessment
	// proposed stays unconfirmed (`soa.exclusion-unconfirmed`).
	Decision Disposition `json:"decision,omitzero"`
	// Justification replaces the assessment's rationale, in the
	// manufacturer's words, naming the basis of the decision. A decision that
	// differs from the assessment without one keeps no justification at all
	// (the assessment's argued for the other decision), which is a finding
	// (`soa.justification-missing`).
	Justification string `json:"justification,omitzero"`
	// InheritedFrom names the component or platform for [Inherited].
	InheritedFrom string `json:"inherited_from,omitzero"`
	// Status is the implementation status; zero means StatusPlanned for a
	// requirement that applies.
	Status Status `json:"status,omitzero"`
	// Evidence lists the artifacts that show the requirement is met.
	Evidence []EvidenceRef `json:"evidence,omitzero"`
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
// catalog cat (nil means [requirement.Default], the A11 catalog), the
// product's applicability assessment (package risk), the document header
// meta and the manufacturer's overrides. It returns the statement, one entry
// per catalog requirement in catalog order, and all of its findings
// ([Validate]). The result depends only on the arguments.
//
// Per requirement:
//
//   - the assessment's decision gives the decision (applicable or not
//     applicable), the basis, the driving risks and a justification: the
//     assessment's rationale, or for a baseline requirement a sentence that
//     names the baseline rule of its practice and why that practice applies
//     to every product. Such an entry is flagged [FlagProvisional]: its
//     content is the SDK's modelling, not the manufacturer's statement;
//   - a requirement the assessment does not cover is applicable by default
//     (missing data is never a pass), with [BasisUnassessed];
//   - an override replaces the decision and justification and sets the
//     implementation state; a decision that differs from the assessment keeps
//     the assessed one visible in [Entry.Assessed] and is flagged
//     [FlagOverride]; one that contradicts it (applies versus does not apply)
//     also yields a `soa.override-contradicts-assessment` finding, and without a
//     justification a `soa.justification-missing` one;
//   - an exclusion the assessment proposed and no override confirmed yields
//     a `soa.exclusion-unconfirmed` finding.
//
// meta.Edition and meta.CatalogVersion are set from cat; meta.Category is
// taken from the assessment when zero. Only input that cannot be read is an
// error: a nil assessment (problem.ErrNilInput), and problems returned as a
// [problem.List] whose pointers address a virtual document {"metadata": meta,
// "assessment": assessment, "overrides": overrides}: an assessment of another
// edition or category, requirement IDs that are malformed, unknown, of the
// other edition or given twice, undefined enum values. The assembled
// statement is then validated against cat; what cannot be read there (such
// as an override's malformed evidence digest) is located in the statement.
// An incomplete statement (an unjustified exclusion, work not started) is
// returned with its findings, never as an error.
func Resolve(cat *requirement.Catalog, meta Metadata, assessment *risk.Applicability, overrides []Override, opts *ResolveOptions) (*Statement, []requirement.Finding, error) {
	if assessment == nil {
		return nil, nil, fmt.Errorf("soa: resolve: nil assessment: %w (assess with risk.AssessApplicability)", problem.ErrNilInput)
	}
	if cat == nil {
		cat = requirement.Default()
	}
	if opts == nil {
		opts = &ResolveOptions{}
	}
	var errs located.Errors
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
	other := otherCatalog(cat.Edition())
	assessed := indexAssessment(&errs, cat, other, assessment)
	over := indexOverrides(&errs, cat, other, overrides)
	if len(errs) > 0 {
		errs.Sort()
		return nil, nil, errs.Err()
	}
	s := &Statement{SchemaVersion: SchemaVersion, Metadata: meta, Entries: make([]Entry, 0, cat.Len())}
	for r := range cat.All() {
		id := r.ID()
		e := Entry{Requirement: id, Title: r.Title()}
		if d, ok := assessed[id]; ok {
			e.Decision, e.Basis, e.Justification = NotApplicable, BasisRisk, d.Rationale
			if d.Applies {
				e.Decision = Applicable
				switch d.Basis {
				case risk.BasisBaseline:
					e.Basis = BasisBaseline
					if j, ok := baselineJustification(r, d.Risks); ok {
						e.Justification = j
					}
				case risk.BasisContext:
					e.Basis = BasisContext
				case risk.BasisRiskDriven, risk.BasisNotApplicable:
					e.Basis = BasisRisk
				}
			}
			e.Risks = slices.Clone(d.Risks)
			e.Flags = []Flag{FlagProvisional}
		} else {
			e.Decision, e.Basis = Applicable, BasisUnassessed
		}
		if i, ok := over[id]; ok {
			applyOverride(&e, overrides[i])
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
	fs, err := Validate(s, cat, opts.Validate)
	if err != nil {
		return nil, nil, err
	}
	return s, fs, nil
}

// otherCatalog returns the embedded catalog of the edition other than ed, to
// tell an ID of the other edition from an unknown one; nil if there is none.
func otherCatalog(ed requirement.Edition) *requirement.Catalog {
	for _, e := range practice.Editions() {
		if e != ed {
			if c, err := requirement.ForEdition(e); err == nil {
				return c
			}
		}
	}
	return nil
}

// checkID reports a requirement ID that is malformed, not in cat, or an ID
// of the other edition (other), at ptr; what names the referring item.
func checkID(errs *located.Errors, cat, other *requirement.Catalog, id requirement.ID, ptr, what string) bool {
	switch {
	case !id.Valid():
		errs.Add(ptr, problem.ErrInvalidID, "soa: %s %q: not a requirement ID (want PREFIX-N such as \"SM-1\")", what, clip(string(id)))
	case cat.Has(id):
		return true
	case other != nil && other.Has(id):
		errs.Add(ptr, problem.ErrWrongEdition, "soa: %s %q: not in catalog %s; it is a requirement of edition %s (name the requirement by its ID in edition %s)", what, id, cat.Version(), other.Edition(), cat.Edition())
	default:
		errs.Add(ptr, problem.ErrUnknownID, "soa: %s %q: not in catalog %s", what, id, cat.Version())
	}
	return false
}

func indexAssessment(errs *located.Errors, cat, other *requirement.Catalog, a *risk.Applicability) map[requirement.ID]risk.ApplicabilityDecision {
	m := make(map[requirement.ID]risk.ApplicabilityDecision, len(a.Entries))
	for i, d := range a.Entries {
		ptr := jsonptr.Append(jsonptr.Index("/assessment/entries", i), "requirement")
		if !checkID(errs, cat, other, d.Requirement, ptr, "assessment decision") {
			continue
		}
		if _, dup := m[d.Requirement]; dup {
			errs.Add(ptr, problem.ErrDuplicate, "soa: assessment decides %q twice (keep one decision per requirement)", d.Requirement)
			continue
		}
		m[d.Requirement] = d
	}
	return m
}

func indexOverrides(errs *located.Errors, cat, other *requirement.Catalog, os []Override) map[requirement.ID]int {
	m := make(map[requirement.ID]int, len(os))
	for i, o := range os {
		ptr := jsonptr.Index("/overrides", i)
		if !checkID(errs, cat, other, o.Requirement, jsonptr.Append(ptr, "requirement"), "override") {
			continue
		}
		if j, dup := m[o.Requirement]; dup {
			errs.Add(jsonptr.Append(ptr, "requirement"), problem.ErrDuplicate, "soa: override %q: already overridden by override %d (merge them)", o.Requirement, j)
			continue
		}
		if o.Decision != 0 && !o.Decision.Valid() {
			errs.Add(jsonptr.Append(ptr, "decision"), problem.ErrInvalidValue, "soa: override %q: decision %s is not defined", o.Requirement, o.Decision)
		}
		if o.Status != 0 && !o.Status.Valid() {
			errs.Add(jsonptr.Append(ptr, "status"), problem.ErrInvalidValue, "soa: override %q: status %s is not defined", o.Requirement, o.Status)
		}
		m[o.Requirement] = i
	}
	return m
}

func applyOverride(e *Entry, o Override) {
	if o.Decision.Valid() && o.Decision != e.Decision {
		if e.Basis != BasisUnassessed {
			e.Assessed = e.Decision
			e.Flags = withFlag(e.Flags, FlagOverride)
		}
		// The assessment's rationale argued for the other decision.
		e.Justification = ""
		e.Flags = withoutFlag(e.Flags, FlagProvisional)
		e.Decision, e.Basis = o.Decision, BasisOverride
	}
	// Repeating the assessed decision confirms it only in the manufacturer's
	// own words: without a justification the entry keeps the assessment's
	// basis and rationale (so an unconfirmed exclusion stays reported).
	if o.Justification != "" {
		e.Justification = o.Justification
		e.Flags = withoutFlag(e.Flags, FlagProvisional)
		if o.Decision.Valid() || e.Decision == NotApplicable {
			e.Basis = BasisOverride
		}
	}
	e.InheritedFrom = o.InheritedFrom
	e.Status = o.Status
	e.Evidence = slices.Clone(o.Evidence)
	e.Owner = o.Owner
	e.TargetMaturity, e.AchievedMaturity = o.TargetMaturity, o.AchievedMaturity
}

// baselineWhy says, per practice prefix, why the SDK's baseline rule makes
// every requirement of the practice apply to every product (own words).
var baselineWhy = map[string]string{
	"SM":  "the organisation runs one secure development process for all its products, so its requirements cannot be scoped out for a single product",
	"SRM": "every product needs its intended use, security context and risks established before its security requirements can be derived",
	"SR":  "every product needs security requirements derived from its context and risks, and a record of which of them apply",
	"DM":  "every product placed on the market needs its security issues and vulnerabilities handled for its whole support period (CRA Annex I Part II)",
	"SUM": "every product needs security updates qualified, documented and delivered during its support period (CRA Annex I Part II)",
	"SG":  "every product must reach its users with the information they need to install, operate, maintain and dispose of it securely (CRA Annex II)",
}

// baselineJustification is the justification of a requirement of a
// baseline practice (risk.DefaultBaselinePractices) that the assessment
// applies by the baseline rule: which rule, and why. It reports false for
// other baseline decisions (a practice the caller's applicability options
// put in the baseline, a requirement whose Annex D test modules every
// profile needs), whose rationale the assessment words itself.
func baselineJustification(r requirement.Requirement, risks []string) (string, bool) {
	p := r.Practice()
	why, ok := baselineWhy[p.Prefix()]
	if !ok {
		return "", false
	}
	s := fmt.Sprintf("%s (%s) applies to every product under the baseline rule for practice %s (%s): %s", r.ID(), r.Title(), p.Prefix(), p.Name(), why)
	if len(risks) > 0 {
		s += fmt.Sprintf("; risks %s also rely on it", strings.Join(risks, ", "))
	}
	return s + ".", true
}
