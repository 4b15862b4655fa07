package soa

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
)

// TestBaselineWhyCoversDefaultBaseline keeps the reasons of the baseline
// sentences in step with the baseline practices of package risk.
func TestBaselineWhyCoversDefaultBaseline(t *testing.T) {
	var want, got []string
	for _, p := range risk.DefaultBaselinePractices() {
		want = append(want, p.Prefix())
	}
	for k := range baselineWhy {
		got = append(got, k)
	}
	slices.Sort(want)
	slices.Sort(got)
	assert.Equal(t, want, got)

	// Another practice (put in the baseline by the caller's options) keeps
	// the assessment's own rationale.
	r, ok := requirement.Default().Lookup(requirement.SVV3)
	assert.True(t, ok)
	_, ok = baselineJustification(r, nil)
	assert.False(t, ok)
	r, _ = requirement.Default().Lookup(requirement.SM14)
	j, ok := baselineJustification(r, []string{"R-05"})
	assert.True(t, ok)
	assert.Equal(t, "SM-14 (Component inventory) applies to every product under the baseline rule for practice SM (Security management): "+
		"the organisation runs one secure development process for all its products, so its requirements cannot be scoped out for a single product; risks R-05 also rely on it.", j)
}
