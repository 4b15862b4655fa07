package iec62443

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

// TestEditionMapper: a finding names a requirement of the catalog's edition
// and says which. A finding of another edition is translated along the
// catalogs' supersedes links, or names no requirement; an ID that both
// editions use for different requirements (SR-2) is never carried over as
// is.
func TestEditionMapper(t *testing.T) {
	c2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	a11 := requirement.Default()
	const (
		e18 = requirement.Edition2018
		eA  = requirement.EditionA11
	)
	for _, c := range []struct {
		name      string
		cat       *requirement.Catalog
		in        requirement.ID
		from      requirement.Edition
		want      requirement.ID
		edition   requirement.Edition
		suffix    string
		unchanged bool
	}{
		{"A11 threat modelling in 2018", c2018, "SRM-3", eA, "SR-2", e18, " (A11 SRM-3, which carries 2018 SR-2)", false},
		{"A11 SR-2 (applicability) in 2018: not 2018 SR-2 (threat model)", c2018, "SR-2", eA, "", 0, " (A11 SR-2; the 2018 edition has no such requirement)", false},
		{"A11 SBOM in 2018: none", c2018, "SM-15", eA, "", 0, " (A11 SM-15; the 2018 edition has no such requirement)", false},
		{"in both editions", c2018, "SM-1", eA, "SM-1", e18, " (A11 SM-1, which carries 2018 SM-1)", false},
		{"2018 threat model in A11", a11, "SR-2", e18, "SRM-3", eA, " (2018 SR-2, which carries A11 SRM-3)", false},
		{"2018 finding in 2018", c2018, "SR-2", e18, "SR-2", e18, "", true},
		{"A11 finding in A11", a11, "SM-15", eA, "SM-15", eA, "", true},
		{"no edition: the catalog's when it has the ID", c2018, "SR-2", 0, "SR-2", e18, "", false},
		{"no edition, ID only in A11: taken as A11", c2018, "SM-15", 0, "", 0, " (A11 SM-15; the 2018 edition has no such requirement)", false},
		{"about the whole document", c2018, "", eA, "", 0, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := requirement.Finding{Rule: "x.y", Requirement: c.in, Edition: c.from, Message: "m"}
			editionMapper(c.cat)(&f)
			assert.Equal(t, c.want, f.Requirement)
			assert.Equal(t, c.edition, f.Edition)
			assert.Equal(t, "m"+c.suffix, f.Message)
		})
	}
}

// TestRootFindingsPerEdition: this package's findings name the rule's
// requirement in the catalog's edition, or none.
func TestRootFindingsPerEdition(t *testing.T) {
	c2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	a := &assessment{ctx: context.Background(), cat: c2018, edition: c2018.Edition()}
	f := a.finding(ruleNoEvidence, "/evidence", "", "m")
	assert.Equal(t, requirement.ID("SM-1"), f.Requirement)
	assert.Equal(t, requirement.Edition2018, f.Edition)
	assert.Equal(t, requirement.BasisPublished, f.Basis)
	f = a.finding(ruleSoAClassificationMismatch, "/category", "", "m")
	assert.Empty(t, f.Requirement, "A11 SR-2 is not carried into a 2018 finding")
	assert.Zero(t, f.Edition)
	f = a.finding(ruleNoReportingContact, "/cvd/contact", "", "m")
	assert.Equal(t, requirement.ID("DM-1"), f.Requirement)

	a = &assessment{ctx: context.Background(), cat: requirement.Default(), edition: requirement.EditionA11}
	f = a.finding(ruleSoAClassificationMismatch, "/category", "", "m")
	assert.Equal(t, requirement.ID("SR-2"), f.Requirement)
	assert.Equal(t, requirement.EditionA11, f.Edition)
	assert.Equal(t, requirement.BasisProvisional, f.Basis)
}

// TestRuleTable: every rule of this package's table is well formed and
// looked up by ID.
func TestRuleTable(t *testing.T) {
	seen := map[requirement.RuleID]bool{}
	for _, r := range rules {
		assert.False(t, seen[r.ID], "%s twice", r.ID)
		seen[r.ID] = true
		assert.True(t, strings.HasPrefix(string(r.ID), "dossier."), "%s", r.ID)
		assert.Empty(t, r.Package, "%s: the root package", r.ID)
		assert.Equal(t, r, rule(r.ID))
	}
	assert.Panics(t, func() { rule("dossier.nope") }, "a programming error")
}

func TestClip(t *testing.T) {
	assert.Equal(t, "short", clip("short", 10))
	got := clip(strings.Repeat("é", 10), 5) // 2 bytes each: cut on a rune boundary
	assert.Equal(t, "éé… (16 more bytes)", got)
}
