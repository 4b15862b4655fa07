package risk

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/requirement"
)

func TestRulesRegistry(t *testing.T) {
	rules := Rules()
	require.Len(t, rules, len(ruleTable))
	assert.True(t, slices.IsSortedFunc(rules, func(a, b requirement.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) }))
	cat2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	cats := map[requirement.Edition]*requirement.Catalog{requirement.EditionA11: requirement.Default(), requirement.Edition2018: cat2018}
	for i, r := range rules {
		if i > 0 {
			assert.NotEqual(t, rules[i-1].ID, r.ID, "duplicate rule")
		}
		assert.True(t, strings.HasPrefix(string(r.ID), "risk."), r.ID)
		assert.Equal(t, "risk", r.Package)
		assert.True(t, r.Severity.Valid(), r.ID)
		assert.True(t, r.Basis.Valid(), r.ID)
		assert.NotEmpty(t, r.Description, r.ID)
		for _, ref := range r.Requirements {
			assert.True(t, cats[ref.Edition].Has(ref.ID), "%s names %s, which its catalog lacks", r.ID, ref)
		}
	}
	// A fresh copy.
	rules[0].Requirements = nil
	assert.NotEqual(t, rules[0], Rules()[0])
}

// TestA11To2018 pins the per-edition table by hand and checks it against the
// edition delta wherever the delta carries a requirement over: 2018 SR-1 to
// SR-3 mean other things than A11 SR-1 to SR-3.
func TestA11To2018(t *testing.T) {
	want := map[requirement.ID]requirement.ID{
		"SRM-1": "SR-1", "SRM-2": "SR-1", "SRM-3": "SR-2", "SRM-4": "SR-2", "SRM-5": "SVV-2", "SRM-6": "SR-2",
		"SR-1": "SR-3", "SVV-2": "SVV-2", "SD-1": "SD-1",
	}
	assert.Equal(t, want, a11To2018)
	for _, r := range ruleTable {
		for _, id := range r.a11 {
			assert.NotEmpty(t, a11To2018[id], "%s: A11 %s has no 2018 counterpart in the table", r.id, id)
		}
	}
	cat2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	changes, err := requirement.Delta(cat2018, requirement.Default())
	require.NoError(t, err)
	for _, c := range changes {
		if got, ok := a11To2018[c.To]; ok && c.From != "" {
			assert.Equal(t, c.From, got, "A11 %s carries 2018 %s", c.To, c.From)
		}
	}
	title := func(id requirement.ID) string { r, _ := cat2018.Lookup(id); return r.Title() }
	assert.Equal(t, "Product security requirements", title(a11To2018[requirement.SR1]))
	assert.Equal(t, "Threat model", title(a11To2018[requirement.SRM4]))
}

// checkFinding asserts that f comes from the registry: a registered rule,
// its basis, the catalog's edition with a requirement of that catalog (one
// the rule lists for the edition, where it lists any).
func checkFinding(t *testing.T, cat *requirement.Catalog, f requirement.Finding) {
	t.Helper()
	i, ok := ruleIndex[f.Rule]
	require.True(t, ok, "finding of unregistered rule %s", f.Rule)
	r := rule(ruleTable[i].id)
	assert.Equal(t, r.Basis, f.Basis, f.Rule)
	assert.True(t, f.Basis.Valid(), f.Rule)
	assert.True(t, f.Severity.Valid(), f.Rule)
	if f.Requirement == "" {
		assert.Zero(t, f.Edition, f.Rule)
		return
	}
	assert.Equal(t, cat.Edition(), f.Edition, f.Rule)
	assert.True(t, cat.Has(f.Requirement), "%s names %s, not in %s", f.Rule, f.Requirement, cat.Version())
	if len(r.Requirements) > 0 {
		assert.Contains(t, r.Requirements, requirement.Ref{Edition: f.Edition, ID: f.Requirement}, f.Rule)
	}
}

// TestFindings2018 evaluates registers against the 2018 catalog: every
// finding names the 2018 requirement that asks for the same thing, never an
// A11 ID that means something else in 2018.
func TestFindings2018(t *testing.T) {
	cat2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	reg := base()
	reg.IntendedUse.Purpose = ""
	reg.Mitigations[0].Requirements = nil
	reg.Mitigations = append(reg.Mitigations, Mitigation{ID: "M-2", Title: "Spare", Requirements: []requirement.ID{"SR-3"}})
	reg.Verifications[0].Outcome = requirement.OutcomeFail
	reg.Product.Released, reg.Product.ReleaseDate = true, requirement.NewDate(2024, 1, 1)
	e, err := Evaluate(reg, cat2018, testNow)
	require.NoError(t, err)
	got := map[requirement.RuleID]requirement.ID{}
	for _, f := range e.Findings {
		checkFinding(t, cat2018, f)
		got[f.Rule] = f.Requirement
	}
	assert.Equal(t, map[requirement.RuleID]requirement.ID{
		ruleContextUndefined:        "SR-1",
		ruleMitigationNoRequirement: "SR-3", // A11 SR-1, product security requirements
		ruleMitigationUnused:        "SR-2",
		ruleMitigatedUnverified:     "SVV-2",
		ruleVerificationFailed:      "SVV-2",
		ruleReviewOverdue:           "SR-2",
	}, got)
}

// TestModuleCoversEveryModule: every Annex D module of package annex has a
// row in the module-to-STRIDE table, so that a verification by a new
// module is judged, not silently refused.
func TestModuleCoversEveryModule(t *testing.T) {
	for _, m := range annex.Modules() {
		_, ok := moduleCovers[m]
		assert.True(t, ok, "no moduleCovers row for %s", m)
	}
}
