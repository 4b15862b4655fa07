package requirement

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

// TestDeltaCarriedTwice builds, past Apply's checks, a catalog in which two
// requirements carry the same 2018 requirement: Delta must refuse it rather
// than emit two entries for one 2018 requirement.
func TestDeltaCarriedTwice(t *testing.T) {
	reqs := []Requirement{}
	for r := range Default().All() {
		reqs = append(reqs, r)
	}
	extra, ok := Default().Lookup(SM6)
	require.True(t, ok)
	extra.id, extra.lifecycle = "SM-30", LifecycleMoved
	c, err := build(EditionA11, "A11 carrying SM-6 twice", append(reqs, extra))
	require.NoError(t, err)
	_, err = Delta(default2018(), c)
	assert.ErrorIs(t, err, problem.ErrDuplicate)
	assert.ErrorContains(t, err, `"SM-6"`)

	// One requirement naming the same 2018 ID twice is refused as well.
	twice, _ := Default().Lookup(SM7)
	twice.supersedes = []ID{SM7, SM7}
	reqs2 := []Requirement{}
	for r := range Default().All() {
		if r.id == SM7 {
			r = twice
		}
		reqs2 = append(reqs2, r)
	}
	c, err = build(EditionA11, "A11 naming SM-7 twice", reqs2)
	require.NoError(t, err)
	_, err = Delta(default2018(), c)
	assert.ErrorIs(t, err, problem.ErrDuplicate)
}

// TestLifecycleOfMatchesEmbeddedData: the rule Apply uses to derive
// lifecycles gives the lifecycle the reviewed data states, for every
// requirement of both embedded catalogs, so an overlay never reclassifies
// a requirement it does not touch.
func TestLifecycleOfMatchesEmbeddedData(t *testing.T) {
	for _, c := range []*Catalog{default2018(), defaultA11()} {
		for r := range c.All() {
			assert.Equal(t, r.lifecycle, lifecycleOf(c.edition, r.id, r.supersedes, r.change), "%s %s", c.edition, r.id)
		}
	}
}
