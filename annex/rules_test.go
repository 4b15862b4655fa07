package annex

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

func TestRulesRegistry(t *testing.T) {
	rules := Rules()
	require.Len(t, rules, len(ruleTable))
	assert.True(t, slices.IsSortedFunc(rules, func(a, b requirement.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) }))
	c18, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	cats := map[requirement.Edition]*requirement.Catalog{requirement.EditionA11: requirement.Default(), requirement.Edition2018: c18}
	seen := map[requirement.RuleID]bool{}
	for _, r := range rules {
		assert.False(t, seen[r.ID], "%s listed twice", r.ID)
		seen[r.ID] = true
		assert.True(t, strings.HasPrefix(string(r.ID), "annex."), r.ID)
		assert.Equal(t, "annex", r.Package)
		assert.True(t, r.Severity.Valid(), r.ID)
		assert.True(t, r.Basis.Valid(), r.ID)
		assert.NotEmpty(t, r.Description, r.ID)
		for _, ref := range r.Requirements {
			assert.True(t, cats[ref.Edition].Has(ref.ID), "%s names %s", r.ID, ref)
		}
	}
	// The registry is a fresh copy.
	rules[0].Requirements = append(rules[0].Requirements, requirement.Ref{})
	rules[0].Description = "changed"
	assert.NotEqual(t, "changed", Rules()[0].Description)

	// Pinned by hand: what rests on published text (the CRA, the 2018 test
	// types and Table 3) and what on the SDK's reading of A11 Annex D.
	want := map[requirement.RuleID]requirement.Basis{
		ruleCRAClassUnderstated: requirement.BasisPublished, ruleCRAClassUnexplained: requirement.BasisProvisional,
		ruleModuleMissing: requirement.BasisPublished, ruleProfileModuleMissing: requirement.BasisProvisional,
		ruleModuleRecommended: requirement.BasisProvisional, ruleIndependenceBelow2018: requirement.BasisPublished,
		ruleIndependenceInsufficient: requirement.BasisProvisional, ruleRecordFieldMissing: requirement.BasisProvisional,
		ruleRecordFutureDate: requirement.BasisProvisional, ruleRecordUnknownModule: requirement.BasisProvisional,
		ruleSupportPeriodMissing: requirement.BasisPublished, ruleSupportPeriodTooShort: requirement.BasisPublished,
		ruleSupportPeriodRationale: requirement.BasisPublished, ruleSupportPeriodExpectedUse: requirement.BasisPublished,
		ruleSupportPeriodUnjustified: requirement.BasisPublished,
	}
	got := map[requirement.RuleID]requirement.Basis{}
	for _, r := range rules {
		got[r.ID] = r.Basis
	}
	assert.Equal(t, want, got)
	// The A11 product security context was 2018 SR-1, never 2018 SRM-2.
	id, ok := rule(ruleCRAClassUnderstated).RequirementIn(requirement.Edition2018)
	assert.True(t, ok)
	assert.Equal(t, requirement.ID("SR-1"), id)
}

// TestEveryFindingIsRegistered produces a finding of every rule and checks
// that each carries its registry entry's severity and basis, an A11
// edition for its requirement, and a subject where an entity is concerned.
func TestEveryFindingIsRegistered(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	var all []requirement.Finding
	cls, err := Classify(Context{Kind: KindSoftware, Exposure: ExposureIsolated, TargetSLC: 1, CRAProducts: []CRAProduct{CRAVPN}, CRAClass: ClassDefault}, nil)
	require.NoError(t, err)
	all = append(all, cls.Findings...)
	cls, err = Classify(Context{Kind: KindSoftware, Exposure: ExposureIsolated, TargetSLC: 1, CRAClass: ClassCritical}, nil)
	require.NoError(t, err)
	all = append(all, cls.Findings...)
	for _, sp := range []SupportPeriod{{}, {Months: 36}, {Months: 12, ExpectedUseMonths: 24}, {Months: 60, ExpectedUseMonths: 96}} {
		all = append(all, CheckSupportPeriod(sp)...)
	}
	for _, p := range SecurityProfiles() {
		plan := planOf(t, p)
		recs := []TestRecord{
			{ID: "X-1", Module: "manual-review"},
			{ID: "X-2", Module: ModulePenetrationTesting, Date: requirement.NewDate(2027, 1, 1)},
			{ID: "X-3", Module: ModulePenetrationTesting, Independence: IndependencePerson},
			{Module: ModulePenetrationTesting, Independence: IndependenceDepartment},
		}
		fs, err := CheckTestRecords(plan, recs, now)
		require.NoError(t, err)
		all = append(all, fs...)
	}
	registry := map[requirement.RuleID]requirement.Rule{}
	for _, r := range Rules() {
		registry[r.ID] = r
	}
	produced := map[requirement.RuleID]bool{}
	for _, f := range all {
		r, ok := registry[f.Rule]
		if !assert.True(t, ok, "finding of unregistered rule %s", f.Rule) {
			continue
		}
		produced[f.Rule] = true
		assert.Equal(t, r.Severity, f.Severity, f.Rule)
		assert.Equal(t, r.Basis, f.Basis, f.Rule)
		assert.NotEmpty(t, f.Requirement, f.Rule)
		assert.Equal(t, requirement.EditionA11, f.Edition, f.Rule)
		assert.True(t, requirement.Default().Has(f.Requirement), f.Rule)
		if id, ok := r.RequirementIn(requirement.EditionA11); ok {
			assert.Equal(t, id, f.Requirement, f.Rule)
		}
		if strings.Contains(string(f.Rule), "test-") || strings.Contains(string(f.Rule), "tester-") {
			assert.NotEmpty(t, f.Subject, "%s names the record or module", f.Rule)
		}
	}
	for id := range registry {
		assert.True(t, produced[id], "no test produces %s", id)
	}
}
