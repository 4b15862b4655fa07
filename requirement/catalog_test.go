package requirement_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestDefaultIsA11(t *testing.T) {
	c := requirement.Default()
	assert.Same(t, c, requirement.Default(), "Default is built once")
	assert.Equal(t, requirement.EditionA11, c.Edition())
	a11, err := requirement.ForEdition(requirement.EditionA11)
	require.NoError(t, err)
	assert.Same(t, c, a11)
	assert.Equal(t, 71, c.Len())
	assert.Len(t, c.Provisional(), c.Len(), "every A11 requirement rests on the draft")
}

func TestForEditionUnknown(t *testing.T) {
	_, err := requirement.ForEdition(0)
	assert.ErrorIs(t, err, problem.ErrUnknownEdition)
	_, err = requirement.ForEdition(7)
	assert.ErrorIs(t, err, problem.ErrUnknownEdition)
}

func TestCatalogOrderAndPractices(t *testing.T) {
	for _, e := range practice.Editions() {
		c, err := requirement.ForEdition(e)
		require.NoError(t, err)
		var ids []requirement.ID
		for r := range c.All() {
			ids = append(ids, r.ID())
			assert.Equal(t, e, r.Edition())
			assert.Equal(t, r.ID().Practice(), r.Practice())
		}
		assert.True(t, slices.IsSortedFunc(ids, requirement.Compare), "catalog order is ID order")
		assert.Equal(t, ids, c.IDs())
		total := 0
		for _, p := range c.Practices() {
			n := 0
			for r := range c.ByPractice(p) {
				assert.Equal(t, p, r.Practice())
				n++
			}
			assert.Positive(t, n, "practice %s has requirements in %s", p, e)
			total += n
		}
		assert.Equal(t, c.Len(), total)
		for i, id := range ids {
			pos, ok := c.Position(id)
			require.True(t, ok)
			assert.Equal(t, i, pos)
		}
	}
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	n := 0
	for range c18.ByPractice(practice.SRM) {
		n++
	}
	assert.Zero(t, n, "2018 has no SRM practice")
	for range c18.ByPractice(0) {
		t.Fatal("invalid practice yields nothing")
	}
}

// TestClauseUnderPracticeClause: every requirement's clause is a subclause of
// its practice's clause in its edition (SVV-1 is 9.2 in 2018 and 10.2 in A11).
func TestClauseUnderPracticeClause(t *testing.T) {
	for _, e := range practice.Editions() {
		c, err := requirement.ForEdition(e)
		require.NoError(t, err)
		for r := range c.All() {
			pc, ok := r.Practice().Clause(e)
			require.True(t, ok, "%s %s: practice %s not in the edition", e, r.ID(), r.Practice())
			assert.True(t, strings.HasPrefix(r.Clause(), pc+"."), "%s %s: clause %q is not under clause %s of %s", e, r.ID(), r.Clause(), pc, r.Practice())
			assert.NotEqual(t, pc+".", r.Clause())
		}
	}
}

func TestLookupIdentityIsEditionAndID(t *testing.T) {
	c18, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	a11 := requirement.Default()
	r18, ok := c18.Lookup(requirement.SR2)
	require.True(t, ok)
	rA, ok := a11.Lookup(requirement.SR2)
	require.True(t, ok)
	assert.Equal(t, "Threat model", r18.Title())
	assert.Equal(t, "Requirements applicability assessment", rA.Title())
	assert.NotEqual(t, r18.Edition(), rA.Edition())
	_, ok = c18.Lookup(requirement.SRM1)
	assert.False(t, ok)
	assert.False(t, a11.Has("SM-77"))
	assert.True(t, a11.Has(requirement.SM14))
}

func TestRequirementAccessorsReturnCopies(t *testing.T) {
	c, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	r, ok := c.Lookup(requirement.SR2)
	require.True(t, ok)
	arts := r.Artifacts()
	if len(arts) > 0 {
		arts[0] = "mutated"
		again, _ := c.Lookup(requirement.SR2)
		assert.NotEqual(t, requirement.ArtifactKind("mutated"), again.Artifacts()[0])
	}
	lists := r.Lists()
	if len(lists) > 0 && len(lists[0].Items) > 0 {
		lists[0].Items[0].Text = "mutated"
		again, _ := c.Lookup(requirement.SR2)
		assert.NotEqual(t, "mutated", again.Lists()[0].Items[0].Text)
	}
	a11 := requirement.Default()
	m, _ := a11.Lookup(requirement.SRM3)
	sup := m.Supersedes()
	require.Equal(t, []requirement.ID{requirement.SR2}, sup)
	sup[0] = "SM-1"
	m2, _ := a11.Lookup(requirement.SRM3)
	assert.Equal(t, []requirement.ID{requirement.SR2}, m2.Supersedes())
	assert.Equal(t, requirement.LifecycleMoved, m2.Lifecycle())
	assert.Equal(t, "SRM-3 Threat modelling", m2.String())
}

func TestCatalogConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := requirement.Default()
			for r := range c.All() {
				got, ok := c.Lookup(r.ID())
				if !ok || got.ID() != r.ID() {
					t.Errorf("lookup %s failed", r.ID())
				}
				_ = got.Artifacts()
			}
		}()
	}
	wg.Wait()
}

func TestDelta2018ToA11(t *testing.T) {
	c18, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	delta, err := requirement.Delta(c18, requirement.Default())
	require.NoError(t, err)
	byTo := map[requirement.ID]requirement.Change{}
	counts := map[requirement.ChangeKind]int{}
	seenFrom := map[requirement.ID]int{}
	for _, ch := range delta {
		counts[ch.Kind]++
		if ch.To != "" {
			byTo[ch.To] = ch
		}
		if ch.From != "" {
			seenFrom[ch.From]++
		}
		assert.NotEmpty(t, ch.Summary, "%+v", ch)
	}
	// every 2018 requirement is accounted for exactly once
	for r := range c18.All() {
		assert.Equal(t, 1, seenFrom[r.ID()], "2018 %s", r.ID())
	}
	srm3 := byTo["SRM-3"]
	assert.Equal(t, requirement.Change{Kind: requirement.ChangeMoved, From: "SR-2", FromTitle: "Threat model", To: "SRM-3",
		ToTitle: "Threat modelling", TitleChanged: true, ContentChanged: true, Provisional: true, Summary: srm3.Summary}, srm3)
	assert.True(t, strings.HasPrefix(srm3.Summary, `Now SRM-3 "Threat modelling" (was SR-2 "Threat model"): re-key the evidence. `), srm3.Summary)
	assert.Contains(t, srm3.Summary, "security risk management practice")
	assert.Contains(t, srm3.Summary, "feeds the risk assessment")
	assert.Equal(t, requirement.ChangeMoved, byTo["SRM-2"].Kind)
	assert.Equal(t, requirement.ID("SR-1"), byTo["SRM-2"].From)
	assert.Equal(t, requirement.ChangeMoved, byTo["SR-1"].Kind)
	assert.Equal(t, requirement.ID("SR-3"), byTo["SR-1"].From)
	assert.Equal(t, requirement.ChangeAdded, byTo["SR-2"].Kind)
	assert.Equal(t, requirement.ChangeAdded, byTo["SM-14"].Kind)
	assert.Equal(t, requirement.ChangeChanged, byTo["SM-4"].Kind)
	assert.Equal(t, requirement.ChangeChanged, byTo["SM-3"].Kind)
	assert.Equal(t, requirement.ChangeChanged, byTo["SM-5"].Kind)
	assert.Equal(t, requirement.ChangeChanged, byTo["SD-2"].Kind)
	assert.Contains(t, byTo["SM-5"].Summary, "statement of applicability")
	assert.Equal(t, requirement.ChangeUnchanged, byTo["SM-6"].Kind)
	assert.Equal(t, "No change: existing evidence carries over.", byTo["SM-6"].Summary)
	assert.Equal(t, 24, counts[requirement.ChangeAdded], "A11 adds 24 requirements")
	assert.Equal(t, 3, counts[requirement.ChangeMoved])
	assert.Zero(t, counts[requirement.ChangeRetired])
	assert.Len(t, delta, 71)
	assertLifecyclesAgreeWithDelta(t, requirement.Default())

	_, err = requirement.Delta(requirement.Default(), c18)
	assert.ErrorIs(t, err, problem.ErrWrongEdition)
	_, err = requirement.Delta(nil, c18)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
}
