package iec62443_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/requirement"
)

// TestRulesRegistry: every rule of the SDK is listed once, sorted, with a
// valid severity and basis, a description, its package, and requirements
// that exist in the catalog of their edition.
func TestRulesRegistry(t *testing.T) {
	rules := iec62443.Rules()
	require.NotEmpty(t, rules)
	packages := map[string]int{}
	for i, r := range rules {
		if i > 0 {
			assert.Less(t, string(rules[i-1].ID), string(r.ID), "sorted by ID, each once")
		}
		assert.True(t, r.Severity.Valid(), "%s: severity", r.ID)
		assert.True(t, r.Basis.Valid(), "%s: basis", r.ID)
		assert.NotEmpty(t, r.Description, "%s: description", r.ID)
		prefix, _, _ := strings.Cut(string(r.ID), ".")
		if r.Package == "" {
			assert.Equal(t, "dossier", prefix, "%s: the root package's rules are dossier.*", r.ID)
		}
		packages[r.Package]++
		for _, ref := range r.Requirements {
			cat, err := requirement.ForEdition(ref.Edition)
			if assert.NoError(t, err, "%s: %s", r.ID, ref) {
				assert.True(t, cat.Has(ref.ID), "%s: %s is not in the %s catalog", r.ID, ref, ref.Edition)
			}
		}
		got, ok := iec62443.LookupRule(r.ID)
		assert.True(t, ok, "%s", r.ID)
		assert.Equal(t, r, got)
	}
	for _, pkg := range []string{"", "annex", "maturity", "risk", "sbom", "soa"} {
		assert.Positive(t, packages[pkg], "the rules of package %q are registered", pkg)
	}
	_, ok := iec62443.LookupRule("no.such-rule")
	assert.False(t, ok)

	// Fresh copies: a caller cannot change the registry.
	rules[0].Description = "changed"
	if len(rules[0].Requirements) > 0 {
		rules[0].Requirements[0].ID = "XX-1"
	}
	again := iec62443.Rules()
	assert.NotEqual(t, "changed", again[0].Description)
	if len(again[0].Requirements) > 0 {
		assert.NotEqual(t, requirement.ID("XX-1"), again[0].Requirements[0].ID)
	}
}

// TestRootRulesPerEdition: this package's rules name their requirement per
// edition, and a rule without a 2018 requirement names none in 2018 (never an
// A11 ID such as SR-2, which means another thing in 2018).
func TestRootRulesPerEdition(t *testing.T) {
	want := map[requirement.RuleID][2]requirement.ID{ // A11, 2018
		requirement.RuleID("dossier.no-sbom"):                       {"SM-15", ""},
		requirement.RuleID("dossier.no-evidence"):                   {"SM-1", "SM-1"},
		requirement.RuleID("dossier.no-test-records"):               {"SVV-6", ""},
		requirement.RuleID("dossier.no-cvd-policy"):                 {"DM-7", ""},
		requirement.RuleID("dossier.no-reporting-contact"):          {"DM-7", "DM-1"},
		requirement.RuleID("dossier.advisory-not-machine-readable"): {"DM-9", ""},
		requirement.RuleID("dossier.cra-deadline-overdue"):          {"SM-16", ""},
		requirement.RuleID("dossier.cra-deadline-open"):             {"SM-16", ""},
		requirement.RuleID("dossier.soa-product-mismatch"):          {"SR-3", ""},
		requirement.RuleID("dossier.soa-classification-mismatch"):   {"SR-2", ""},
		requirement.RuleID("dossier.soa-excludes-applicable"):       {"", ""},
		requirement.RuleID("dossier.soa-assessment-stale"):          {"", ""},
		requirement.RuleID("dossier.techdoc-point-missing"):         {"SM-17", ""},
		requirement.RuleID("dossier.no-advisory-snapshot"):          {"DM-10", ""},
		requirement.RuleID("dossier.known-vulnerability"):           {"DM-10", ""},
		requirement.RuleID("dossier.vulnerability-undetermined"):    {"DM-10", ""},
		requirement.RuleID("dossier.vulnerability-match-skipped"):   {"DM-10", ""},
	}
	n := 0
	for _, r := range iec62443.Rules() {
		if r.Package != "" {
			continue
		}
		n++
		w, ok := want[r.ID]
		if !assert.True(t, ok, "%s is not in this test's table", r.ID) {
			continue
		}
		a11, _ := r.RequirementIn(requirement.EditionA11)
		e2018, _ := r.RequirementIn(requirement.Edition2018)
		assert.Equal(t, w[0], a11, "%s in A11", r.ID)
		assert.Equal(t, w[1], e2018, "%s in 2018", r.ID)
	}
	assert.Len(t, want, n, "every rule of the package is in the registry")
}

// checkFindings asserts that every finding has a registered rule and that
// rule's basis, and names a requirement of the catalog of its edition (the
// rule's requirement in that edition, when the rule names one).
func checkFindings(t *testing.T, what string, fs []requirement.Finding) {
	t.Helper()
	for _, f := range fs {
		r, ok := iec62443.LookupRule(f.Rule)
		if !assert.True(t, ok, "%s: rule %s is not registered", what, f.Rule) {
			continue
		}
		assert.True(t, f.Basis.Valid(), "%s: %s has no valid basis", what, f.Rule)
		assert.Equal(t, r.Basis, f.Basis, "%s: %s: the basis of its rule", what, f.Rule)
		if f.Requirement == "" {
			assert.Zero(t, f.Edition, "%s: %s: no requirement, no edition", what, f.Rule)
			continue
		}
		cat, err := requirement.ForEdition(f.Edition)
		if !assert.NoError(t, err, "%s: %s %s: edition %s", what, f.Rule, f.Requirement, f.Edition) {
			continue
		}
		assert.True(t, cat.Has(f.Requirement), "%s: %s: %s is not in the %s catalog", what, f.Rule, f.Requirement, f.Edition)
		if len(r.Requirements) > 0 {
			want, ok := r.RequirementIn(f.Edition)
			assert.True(t, ok, "%s: %s names %s, but the rule has no requirement in %s", what, f.Rule, f.Requirement, f.Edition)
			assert.Equal(t, want, f.Requirement, "%s: %s: the rule's requirement in %s", what, f.Rule, f.Edition)
		}
	}
}

// TestGoldenFindingsRegistered: every finding of every golden report, and of
// the reports of the other example dossiers, has a registered rule, a valid
// basis, and a requirement that exists in the catalog of its edition.
func TestGoldenFindingsRegistered(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "report.golden.json"))
	require.NoError(t, err)
	var golden iec62443.Report
	require.NoError(t, json.Unmarshal(b, &golden))
	require.NotEmpty(t, golden.Findings)
	checkFindings(t, "report.golden.json", golden.AllFindings())

	holds, err := iec62443.Load(ctx, os.DirFS(filepath.Join("examples", "assess", "testdata", "holds")), "dossier.json", nil)
	require.NoError(t, err)
	for name, d := range map[string]*iec62443.Dossier{
		"example": loadExample(t),
		"holds":   holds,
		"no evidence, sbom": func() *iec62443.Dossier {
			d := loadExample(t)
			d.Evidence, d.SBOM, d.TestRecords = nil, iec62443.SBOMRef{}, nil
			return d
		}(),
		"no cvd, advisories": func() *iec62443.Dossier { d := loadExample(t); d.CVD = iec62443.CVD{}; return d }(),
	} {
		rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
		require.NoError(t, err, name)
		checkFindings(t, name, rep.AllFindings())
	}
}

// TestAssessFillsBasis: the report never carries a finding without a basis,
// whatever its package set.
func TestAssessFillsBasis(t *testing.T) {
	for _, f := range assessExample(t).AllFindings() {
		assert.True(t, f.Basis.Valid(), "%s", f.Rule)
	}
	rules := map[requirement.Basis]int{}
	for _, r := range iec62443.Rules() {
		rules[r.Basis]++
	}
	assert.Positive(t, rules[requirement.BasisPublished])
	assert.Positive(t, rules[requirement.BasisProvisional])
	assert.True(t, slices.ContainsFunc(assessExample(t).AllFindings(), func(f requirement.Finding) bool {
		return f.Basis == requirement.BasisPublished
	}), "the example has findings on published text")
}
