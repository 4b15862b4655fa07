package risk

import (
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
		want Decision
	}{
		{requirement.SM1, Decision{Requirement: "SM-1", Applies: true, Basis: BasisBaseline, Rationale: "SM-1 is a lifecycle process requirement (practice SM) that applies to every product"}},
		{requirement.SR1, Decision{Requirement: "SR-1", Applies: true, Basis: BasisBaseline, Risks: []string{"R-1"}, Rationale: "SR-1 is a lifecycle process requirement (practice SR) that applies to every product; risks R-1 also rely on it"}},
		{requirement.SD7, Decision{Requirement: "SD-7", Applies: true, Basis: BasisRiskDriven, Risks: []string{"R-1"}, Rationale: "mitigations of risks R-1 realise SD-7"}},
		{requirement.SD1, Decision{Requirement: "SD-1", Applies: true, Basis: BasisContext, Context: []string{"category=C2 (applies from C1)"}, Rationale: "no risk links SD-1, but the product context demands it (category=C2 (applies from C1))"}},
		{requirement.SVV3, Decision{Requirement: "SVV-3", Applies: true, Basis: BasisContext, Context: []string{"category=C2 (applies from C2)", "entry-points=IF-1"}, Rationale: "no risk links SVV-3, but the product context demands it (category=C2 (applies from C2); entry-points=IF-1)"}},
		{requirement.SD6, Decision{Requirement: "SD-6", Applies: true, Basis: BasisContext, Context: []string{"entry-points=IF-1"}, Rationale: "no risk links SD-6, but the product context demands it (entry-points=IF-1)"}},
		{requirement.SVV4, Decision{Requirement: "SVV-4", Basis: BasisNotApplicable, Rationale: "no mitigation of any risk links SVV-4 and neither category C2 nor the register's interfaces demand it; confirm the exclusion in the statement of applicability"}},
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

	// Category C3 pulls in penetration testing.
	a3, err := AssessApplicability(reg, nil, annex.Category3, nil)
	require.NoError(t, err)
	d, _ := a3.Lookup(requirement.SVV4)
	assert.True(t, d.Applies)
	assert.Equal(t, BasisContext, d.Basis)

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
