package iec62443

import (
	"cmp"
	"slices"
	"sync"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/sbom"
	"github.com/sdlkit/iec62443/soa"
)

// Rule IDs of the findings this package adds to those of the other packages.
// [Rules] describes each.
const (
	// `dossier.no-sbom` (critical): the dossier names no SBOM.
	ruleNoSBOM requirement.RuleID = "dossier.no-sbom"
	// `dossier.no-evidence` (high): the dossier has no evidence manifest, so
	// maturity is unknown.
	ruleNoEvidence requirement.RuleID = "dossier.no-evidence"
	// `dossier.no-test-records` (high): the dossier has no test records.
	ruleNoTestRecords requirement.RuleID = "dossier.no-test-records"
	// `dossier.no-cvd-policy` (high): no published coordinated vulnerability
	// disclosure policy.
	ruleNoCVDPolicy requirement.RuleID = "dossier.no-cvd-policy"
	// `dossier.no-reporting-contact` (high): no contact for vulnerability reports.
	ruleNoReportingContact requirement.RuleID = "dossier.no-reporting-contact"
	// `dossier.advisory-not-machine-readable` (medium): an advisory is only human-readable.
	ruleAdvisoryNotMachine requirement.RuleID = "dossier.advisory-not-machine-readable"
	// `dossier.cra-deadline-overdue` (critical): a CRA Art. 14 report is overdue.
	ruleDeadlineOverdue requirement.RuleID = "dossier.cra-deadline-overdue"
	// `dossier.cra-deadline-open` (medium; info while its clock has not started): a
	// CRA Art. 14 report is due.
	ruleDeadlineOpen requirement.RuleID = "dossier.cra-deadline-open"
	// `dossier.soa-product-mismatch` (high): a given statement of applicability
	// names another product or version than the dossier.
	ruleSoAProductMismatch requirement.RuleID = "dossier.soa-product-mismatch"
	// `dossier.soa-classification-mismatch` (high): a given statement records
	// another Annex B category or security profile than the dossier's
	// context gives.
	ruleSoAClassificationMismatch requirement.RuleID = "dossier.soa-classification-mismatch"
	// `dossier.soa-excludes-applicable` (high): a given statement excludes a
	// requirement that the current risk-driven applicability assessment
	// finds applicable, without recording that assessment.
	ruleSoAExcludesApplicable requirement.RuleID = "dossier.soa-excludes-applicable"
	// `dossier.soa-assessment-stale` (medium): an entry of a given statement records
	// an assessed decision that the current register no longer supports.
	ruleSoAAssessmentStale requirement.RuleID = "dossier.soa-assessment-stale"
	// `dossier.techdoc-point-missing` (medium): nothing in the dossier covers a
	// point of CRA Annex VII (see [TechDocPoints]).
	ruleTechDocPointMissing requirement.RuleID = "dossier.techdoc-point-missing"
	// `dossier.no-advisory-snapshot` (medium): the dossier gives no advisory
	// snapshot, so the components were not checked for known
	// vulnerabilities.
	ruleNoAdvisorySnapshot requirement.RuleID = "dossier.no-advisory-snapshot"
	// `dossier.known-vulnerability` (high): a component's version is affected by
	// an advisory of the snapshot and no VEX statement says not_affected
	// or fixed.
	ruleKnownVulnerability requirement.RuleID = "dossier.known-vulnerability"
	// `dossier.vulnerability-undetermined` (medium): a component matches an
	// advisory but whether its version is affected cannot be decided, and
	// no VEX statement says not_affected or fixed.
	ruleVulnerabilityUndetermined requirement.RuleID = "dossier.vulnerability-undetermined"
	// `dossier.vulnerability-match-skipped` (info): a component or an affected
	// package of an advisory could not be matched.
	ruleVulnerabilityMatchSkipped requirement.RuleID = "dossier.vulnerability-match-skipped"
)

func a11(id requirement.ID) requirement.Ref {
	return requirement.Ref{Edition: requirement.EditionA11, ID: id}
}

func ed2018(id requirement.ID) requirement.Ref {
	return requirement.Ref{Edition: requirement.Edition2018, ID: id}
}

// rules is the table of this package's rules. Each rule names its
// requirement per edition: a rule without a 2018 entry raises its findings
// against no requirement in a 2018 assessment.
var rules = []requirement.Rule{
	{ID: ruleNoSBOM, Severity: requirement.SeverityCritical, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.SM15)},
		Description:  "the dossier names an SBOM (CRA Annex I Part II (1) asks for one in a machine-readable format)"},
	{ID: ruleNoEvidence, Severity: requirement.SeverityHigh, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.SM1), ed2018("SM-1")},
		Description:  "the dossier has an evidence manifest, without which the maturity of the process is unknown"},
	{ID: ruleNoTestRecords, Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional,
		Requirements: []requirement.Ref{a11(requirement.SVV6)},
		Description:  "the dossier has test records for the Annex D test modules of its security profile"},
	{ID: ruleNoCVDPolicy, Severity: requirement.SeverityHigh, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.DM7)},
		Description:  "a coordinated vulnerability disclosure policy is published (CRA Annex I Part II (5))"},
	{ID: ruleNoReportingContact, Severity: requirement.SeverityHigh, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.DM7), ed2018("DM-1")},
		Description:  "a contact address for vulnerability reports is given (CRA Annex I Part II (6), Art. 13(17); 2018 DM-1 receives notifications through it)"},
	{ID: ruleAdvisoryNotMachine, Severity: requirement.SeverityMedium, Basis: requirement.BasisProvisional,
		Requirements: []requirement.Ref{a11(requirement.DM9)},
		Description:  "each security advisory is published in a machine-readable format (CSAF or VEX)"},
	{ID: ruleDeadlineOverdue, Severity: requirement.SeverityCritical, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.SM16)},
		Description:  "no CRA Art. 14 notification of a reported event is overdue at the assessment date"},
	{ID: ruleDeadlineOpen, Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.SM16)},
		Description:  "a CRA Art. 14 notification of a reported event is due (info while its clock has not started)"},
	{ID: ruleSoAProductMismatch, Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional,
		Requirements: []requirement.Ref{a11(requirement.SR3)},
		Description:  "a given statement of applicability covers the dossier's product and version"},
	{ID: ruleSoAClassificationMismatch, Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional,
		Requirements: []requirement.Ref{a11(requirement.SR2)},
		Description:  "a given statement records the Annex B category and security profile the dossier's context gives"},
	{ID: ruleSoAExcludesApplicable, Severity: requirement.SeverityHigh, Basis: requirement.BasisProvisional,
		Description: "a given statement does not exclude, without the recorded assessment, a requirement the current register makes applicable"},
	{ID: ruleSoAAssessmentStale, Severity: requirement.SeverityMedium, Basis: requirement.BasisProvisional,
		Description: "the assessed decision a given statement records is the one the current register supports"},
	{ID: ruleTechDocPointMissing, Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.SM17)},
		Description:  "something in the dossier covers each point of the technical documentation (CRA Art. 31 and Annex VII; which evidence covers which point is the SDK's reading)"},
	{ID: ruleNoAdvisorySnapshot, Severity: requirement.SeverityMedium, Basis: requirement.BasisProvisional,
		Requirements: []requirement.Ref{a11(requirement.DM10)},
		Description:  "the dossier gives an advisory snapshot (OSV records) to match the SBOM's components against"},
	{ID: ruleKnownVulnerability, Severity: requirement.SeverityHigh, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.DM10)},
		Description:  "no component is affected by a known vulnerability of the advisory snapshot without a VEX statement saying not_affected or fixed (CRA Annex I Part I (2)(a))"},
	{ID: ruleVulnerabilityUndetermined, Severity: requirement.SeverityMedium, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.DM10)},
		Description:  "every component an advisory of the snapshot names is decided affected or not, or has a VEX statement (CRA Annex I Part I (2)(a))"},
	{ID: ruleVulnerabilityMatchSkipped, Severity: requirement.SeverityInfo, Basis: requirement.BasisPublished,
		Requirements: []requirement.Ref{a11(requirement.DM10)},
		Description:  "a component without a usable purl, or an affected package of an advisory whose identity is unknown, could not be matched (CRA Annex I Part I (2)(a))"},
}

// rule returns this package's rule id; the table is the only source of
// severities and bases.
func rule(id requirement.RuleID) requirement.Rule {
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	panic("iec62443: no rule " + string(id)) // a programming error, caught by the tests
}

// registry is every rule of the SDK, sorted by ID, and its index.
var registry = sync.OnceValues(func() ([]requirement.Rule, map[requirement.RuleID]int) {
	var all []requirement.Rule
	for _, r := range rules {
		r.Requirements = slices.Clone(r.Requirements)
		all = append(all, r)
	}
	// The rules of every package that raises findings.
	for _, part := range [][]requirement.Rule{annex.Rules(), maturity.Rules(), risk.Rules(), sbom.Rules(), soa.Rules()} {
		all = append(all, part...)
	}
	slices.SortFunc(all, func(a, b requirement.Rule) int { return cmp.Compare(a.ID, b.ID) })
	index := make(map[requirement.RuleID]int, len(all))
	for i, r := range all {
		index[r.ID] = i
	}
	return all, index
})

// Rules returns the rule registry: every rule the SDK can report, from every
// package, sorted by ID, in a fresh slice. Each names the package that raises
// it, its default severity, its basis (published text, or the SDK's
// provisional modelling of the A11 draft), its requirement in each edition
// and what it checks.
func Rules() []requirement.Rule {
	all, _ := registry()
	out := make([]requirement.Rule, len(all))
	for i, r := range all {
		r.Requirements = slices.Clone(r.Requirements)
		out[i] = r
	}
	return out
}

// LookupRule returns the registry entry of rule id, and false when no
// package of the SDK reports such a rule.
func LookupRule(id requirement.RuleID) (requirement.Rule, bool) {
	all, index := registry()
	i, ok := index[id]
	if !ok {
		return requirement.Rule{}, false
	}
	r := all[i]
	r.Requirements = slices.Clone(r.Requirements)
	return r, true
}
