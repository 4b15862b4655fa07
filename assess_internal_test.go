package iec62443

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

// TestEditionMapper: against the 2018 catalog, the A11 IDs that the packages
// name are mapped to the 2018 requirement they supersede, or dropped.
func TestEditionMapper(t *testing.T) {
	cat, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	m := editionMapper(cat)
	for _, c := range []struct {
		in, want requirement.ID
		suffix   string
	}{
		{"SRM-3", "SR-2", " (A11 SRM-3, which carries 2018 SR-2)"},              // threat model: moved
		{"SM-15", "", " (A11 SM-15; the 2018 edition has no such requirement)"}, // SBOM: new in A11
		{"SM-1", "SM-1", ""}, // in both editions
		{"", "", ""},         // about the whole document
	} {
		f := requirement.Finding{Rule: "x.y", Requirement: c.in, Message: "m"}
		m(&f)
		assert.Equal(t, c.want, f.Requirement, "%s", c.in)
		assert.Equal(t, "m"+c.suffix, f.Message, "%s", c.in)
	}
	a11, err := requirement.ForEdition(requirement.EditionA11)
	require.NoError(t, err)
	f := requirement.Finding{Requirement: "SM-15", Message: "m"}
	editionMapper(a11)(&f)
	assert.Equal(t, requirement.Finding{Requirement: "SM-15", Message: "m"}, f, "A11 findings are left alone")
}
