package soa

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
)

// TestCarryOrigin checks that a carried entry records the edition of the
// statement it comes from, whatever that edition is. Through Migrate the
// older edition is always 2018 today (requirement.Delta goes from an older
// edition to a newer one and there are two), so carry is called directly
// with each edition.
func TestCarryOrigin(t *testing.T) {
	old := map[requirement.ID]*Entry{"SR-3": {Requirement: "SR-3", Title: "Security requirements", Decision: Applicable, Status: StatusVerified}}
	group := []requirement.Change{{Kind: requirement.ChangeMoved, From: "SR-3", To: "SR-1", ToTitle: "Product security requirements"}}
	for _, ed := range practice.Editions() {
		t.Run(ed.String(), func(t *testing.T) {
			e := carry(ed, group, old)
			assert.Equal(t, Origin{Edition: ed, Requirement: "SR-3"}, e.Origin)
			assert.Equal(t, requirement.ID("SR-1"), e.Requirement)
		})
	}
}

func TestValidDigest(t *testing.T) {
	d := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	assert.True(t, validDigest(d))
	assert.False(t, validDigest(d[:63]))
	assert.False(t, validDigest("G"+d[1:]))
	assert.False(t, validDigest(""))
}
