package risk

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestAssessApplicability(t *testing.T) {
	reg := base()
	reg.Mitigations[0].Requirements = []requirement.ID{requirement.SR1, requirement.SD7}
	a, err := AssessApplicability(reg, nil, annex.Category2, nil)
	require.NoError(t, err)
	cat := requirement.Default()
	require.Len(t, a.Entries, cat.Len())
	assert.Equal(t, cat.IDs(), func() []requirement.ID {
		var ids []requirement.ID
		for _, d := range a.Entries {
			ids = append(ids, d.Requirement)
		}
		return ids
	}(), "catalog order")
	assert.Equal(t, practice.EditionA11, a.Edition)
	assert.Equal(t, annex.Category2, a.Category)

	tests := []struct {
		id   requirement.ID
		want ApplicabilityDecision
	}{
		{requirement.SM1, ApplicabilityDecision{Requirement: "SM-1", Applies: true, Basis: BasisBaseline, Rationale: "SM-1 is a lifecycle process requirement (practice SM) that applies to every product"}},
		{requirement.SR1, ApplicabilityDecision{Requirement: "SR-1", Applies: true, Basis: BasisBaseline, Risks: []string{"R-1"}, Rationale: "SR-1 is a lifecycle process requirement (practice SR) that applies to every product; risks R-1 (rated high) also rely on it"}},
		{requirement.SD7, ApplicabilityDecision{Requirement: "SD-7", Applies: true, Basis: BasisRiskDriven, Risks: []string{"R-1"}, Rationale: "mitigations of risks rated above the acceptance criteria (up to low) and treated by mitigation realise SD-7: R-1 (rated high)"}},
		{requirement.SD1, ApplicabilityDecision{Requirement: "SD-1", Applies: true, Basis: BasisContext, Context: []string{"category=C2 (applies from C1)"}, Rationale: "no risk's rating demands SD-1, but the product context demands it (category=C2 (applies from C1))"}},
		{requirement.SVV3, ApplicabilityDecision{Requirement: "SVV-3", Applies: true, Basis: BasisBaseline, Rationale: "SVV-3 applies at every category: the Annex D test plan requires its test modules (abuse-case-testing, attack-surface-analysis, known-vulnerability-scanning, software-composition-analysis, dynamic-runtime-resource-testing) at every security profile (provisional)"}},
		{requirement.SI3, ApplicabilityDecision{Requirement: "SI-3", Applies: true, Basis: BasisBaseline, Rationale: "SI-3 applies at every category: the Annex D test plan requires its test modules (static-code-analysis) at every security profile (provisional)"}},
		{requirement.SVV4, ApplicabilityDecision{Requirement: "SVV-4", Applies: true, Basis: BasisBaseline, Rationale: "SVV-4 applies at every category: the Annex D test plan requires its test modules (penetration-testing) at every security profile (provisional)"}},
		{requirement.SD6, ApplicabilityDecision{Requirement: "SD-6", Applies: true, Basis: BasisContext, Context: []string{"entry-points=IF-1"}, Rationale: "no risk's rating demands SD-6, but the product context demands it (entry-points=IF-1)"}},
		{requirement.SD2, ApplicabilityDecision{Requirement: "SD-2", Applies: true, Basis: BasisContext, Context: []string{"category=C2 (applies from C2)"}, Rationale: "no risk's rating demands SD-2, but the product context demands it (category=C2 (applies from C2))"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			got, ok := a.Lookup(tt.id)
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
		})
	}
	_, ok := a.Lookup("XX-1")
	assert.False(t, ok)

	// Category C1 does not demand SD-2.
	a1, err := AssessApplicability(reg, nil, annex.Category1, nil)
	require.NoError(t, err)
	d, _ := a1.Lookup(requirement.SD2)
	assert.Equal(t, ApplicabilityDecision{Requirement: "SD-2", Basis: BasisNotApplicable, Rationale: "no mitigation of a risk whose rating demands treatment links SD-2 and neither category C1 nor the register's interfaces demand it; confirm the exclusion in the statement of applicability"}, d)

	// Every not-applicable decision has a rationale.
	for _, d := range a.Entries {
		assert.NotEmpty(t, d.Rationale, d.Requirement)
		assert.Equal(t, d.Basis != BasisNotApplicable, d.Applies)
	}
}

func TestAssessApplicabilityOptionsAndErrors(t *testing.T) {
	reg := base()
	a, err := AssessApplicability(reg, nil, annex.Category1, &ApplicabilityOptions{BaselinePractices: []practice.Practice{practice.SM}})
	require.NoError(t, err)
	d, _ := a.Lookup(requirement.SR1)
	assert.Equal(t, BasisRiskDriven, d.Basis)
	d, _ = a.Lookup(requirement.DM1)
	assert.Equal(t, BasisNotApplicable, d.Basis)

	_, err = AssessApplicability(reg, nil, annex.Category(0), nil)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	reg.Mitigations[0].Requirements = []requirement.ID{"SRM-1"}
	cat2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	_, err = AssessApplicability(reg, cat2018, annex.Category1, nil)
	assert.ErrorIs(t, err, problem.ErrUnknownID)

	reg = base()
	a, err = AssessApplicability(reg, cat2018, annex.Category1, nil)
	require.NoError(t, err)
	assert.Len(t, a.Entries, cat2018.Len())
	d, _ = a.Lookup(requirement.SD1)
	assert.Equal(t, BasisContext, d.Basis)
	assert.Equal(t, []string{"category=C1 (no context rules for edition 2018: applies by default)"}, d.Context)
}

// TestApplicabilityAgreesWithTestPlan: for every category and security
// profile, no requirement whose Annex D test module the test plan requires
// is marked not applicable (one source of truth with package annex), even
// for a register whose risks link nothing.
func TestApplicabilityAgreesWithTestPlan(t *testing.T) {
	reg := base()
	reg.Interfaces[0].External = false
	reg.Mitigations[0].Requirements = []requirement.ID{requirement.SR1}
	for _, c := range annex.Categories() {
		a, err := AssessApplicability(reg, nil, c, nil)
		require.NoError(t, err)
		for _, p := range annex.SecurityProfiles() {
			plan, err := annex.PlanTests(p, nil)
			require.NoError(t, err)
			for _, pm := range plan.Modules {
				if pm.Need != annex.NeedRequired || len(pm.Evidences) == 0 {
					continue
				}
				id := pm.Evidences[0]
				d, ok := a.Lookup(id)
				require.True(t, ok, "%s", id)
				assert.True(t, d.Applies, "%s at %s: %s requires %s, but %s is %s: %s", c, p, p, pm.Module, id, d.Basis, d.Rationale)
			}
		}
	}
}

// TestApplicabilityFollowsRatings: only a mitigation of a risk whose rating
// demands treatment (above the acceptance criteria, treated by mitigation)
// makes a requirement apply; the rationale names the risks and ratings, and
// why the others do not count.
func TestApplicabilityFollowsRatings(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(r *Register)
		applies bool
		risks   []string
		why     string
	}{
		{"rated above the criteria, mitigated", func(r *Register) {}, true, []string{"R-1"}, "R-1 (rated high)"},
		{"rated within the criteria, mitigated", func(r *Register) { r.Acceptance.MaxRating = "high" }, false, nil,
			"mitigations of R-1 (rated high, within the acceptance criteria) link it too"},
		{"accepted", func(r *Register) {
			r.Risks[0].Treatment = Treatment{Option: TreatAccept, Mitigations: []string{"M-1"}, Justification: "j", Approver: "a"}
		}, false, nil, "mitigations of R-1 (accepted) link it too, but a risk within the acceptance criteria, or accepted, avoided or transferred, does not make a requirement apply by itself"},
		{"transferred", func(r *Register) {
			r.Risks[0].Treatment = Treatment{Option: TreatTransfer, Mitigations: []string{"M-1"}, Justification: "j", TransferredTo: "operator"}
		}, false, nil, "R-1 (transferred)"},
		{"avoided", func(r *Register) {
			r.Risks[0].Treatment = Treatment{Option: TreatAvoid, Mitigations: []string{"M-1"}, Justification: "j"}
		}, false, nil, "R-1 (avoided)"},
		{"not yet rated counts", func(r *Register) { r.Risks[0].Likelihood, r.Risks[0].Impact = "", "" }, true, []string{"R-1"},
			"R-1 (not yet rated, counted as above the criteria)"},
		{"not yet decided counts", func(r *Register) { r.Risks[0].Treatment.Option = 0 }, true, []string{"R-1"},
			"R-1 (rated high; treatment not yet decided, its proposed mitigations count)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := base()
			reg.Mitigations[0].Requirements = []requirement.ID{requirement.SD7}
			tt.mutate(reg)
			a, err := AssessApplicability(reg, nil, annex.Category1, nil)
			require.NoError(t, err)
			d, _ := a.Lookup(requirement.SD7)
			assert.Equal(t, tt.applies, d.Applies)
			assert.Equal(t, tt.risks, d.Risks)
			assert.Contains(t, d.Rationale, tt.why)
		})
	}
}

// TestApplicability2018NamesOnly2018Requirements: against the 2018 catalog
// every entry and every rationale names 2018 requirements; the test plan
// baseline is carried over (SVV-3, SVV-4) and A11-only SI-3 has no entry.
func TestApplicability2018NamesOnly2018Requirements(t *testing.T) {
	cat2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	reg := base()
	reg.Mitigations[0].Requirements = []requirement.ID{"SR-3"}
	a, err := AssessApplicability(reg, cat2018, annex.Category1, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.Edition2018, a.Edition)
	idRe := regexp.MustCompile(`\b[A-Z]{2,3}-\d+\b`)
	for _, d := range a.Entries {
		assert.True(t, cat2018.Has(d.Requirement), d.Requirement)
		for _, id := range idRe.FindAllString(d.Rationale, -1) {
			if strings.HasPrefix(id, "R-") || strings.HasPrefix(id, "IF-") {
				continue
			}
			assert.True(t, cat2018.Has(requirement.ID(id)), "%s rationale names %s: %s", d.Requirement, id, d.Rationale)
		}
	}
	for _, id := range []requirement.ID{requirement.SVV3, requirement.SVV4} {
		d, _ := a.Lookup(id)
		assert.Equal(t, BasisBaseline, d.Basis, id)
	}
	_, ok := a.Lookup(requirement.SI3)
	assert.False(t, ok)
	d, _ := a.Lookup("SR-3")
	assert.Equal(t, []string{"R-1"}, d.Risks)
}
