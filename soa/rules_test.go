package soa_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// assertRegistered checks that every finding has a rule of the registry, a
// valid basis equal to the rule's, the edition when it names a requirement,
// and a subject when it is about an entry.
func assertRegistered(t *testing.T, fs []reqpkg.Finding) {
	t.Helper()
	rules := map[reqpkg.RuleID]reqpkg.Rule{}
	for _, r := range soa.Rules() {
		rules[r.ID] = r
	}
	for _, f := range fs {
		r, ok := rules[f.Rule]
		if !assert.True(t, ok, "finding of unregistered rule %s", f.Rule) {
			continue
		}
		assert.True(t, f.Basis.Valid(), "%s: basis", f)
		assert.Equal(t, r.Basis, f.Basis, "%s: the registry's basis", f)
		if f.Requirement != "" {
			assert.True(t, f.Edition.Valid(), "%s: a finding naming a requirement names its edition", f)
		} else {
			assert.Zero(t, f.Edition, "%s", f)
		}
		if strings.HasPrefix(f.Pointer, "/entries/") {
			assert.Equal(t, string(f.Requirement), f.Subject, "%s: the subject is the entry's requirement", f)
		}
	}
}

func TestRules(t *testing.T) {
	rs := soa.Rules()
	require.NotEmpty(t, rs)
	assert.True(t, slices.IsSortedFunc(rs, func(a, b reqpkg.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) }))
	seen := map[reqpkg.RuleID]bool{}
	for _, r := range rs {
		assert.False(t, seen[r.ID], "%s twice", r.ID)
		seen[r.ID] = true
		assert.True(t, strings.HasPrefix(string(r.ID), "soa."), r.ID)
		assert.Equal(t, "soa", r.Package)
		assert.True(t, r.Severity.Valid(), r.ID)
		// The statement of applicability is an A11 template read by the
		// SDK: no soa rule rests on published text.
		assert.Equal(t, reqpkg.BasisProvisional, r.Basis, r.ID)
		assert.NotEmpty(t, r.Description, r.ID)
		for _, ref := range r.Requirements {
			c := mustCatalog(ref.Edition)
			assert.True(t, c.Has(ref.ID), "%s names %s, which its edition lacks", r.ID, ref)
		}
		_, in2018 := r.RequirementIn(reqpkg.Edition2018)
		assert.False(t, in2018, "%s: the 2018 edition has no statement of applicability requirement", r.ID)
	}
	// A fresh copy each time.
	rs[0].Requirements = append(rs[0].Requirements, reqpkg.Ref{Edition: reqpkg.Edition2018, ID: "SM-1"})
	rs[0].Description = "changed"
	assert.NotEqual(t, "changed", soa.Rules()[0].Description)
}

// TestFindingsRegistered runs the package's fixtures (the resolved A11
// statement, the 2018 statement, its migration, a 2018 statement resolved
// against the 2018 catalog) and checks every finding against the registry.
func TestFindingsRegistered(t *testing.T) {
	_, fs := plcResolved(t)
	assertRegistered(t, fs)
	c18 := mustCatalog(reqpkg.Edition2018)
	fs, err := soa.Validate(plc2018(), c18, nil)
	require.NoError(t, err)
	assertRegistered(t, fs)
	for _, f := range fs {
		if f.Requirement != "" {
			assert.Equal(t, reqpkg.Edition2018, f.Edition, "%s", f)
		}
	}
	migrated, _, err := migrateFixture()
	require.NoError(t, err)
	fs, err = soa.Validate(migrated, reqpkg.Default(), nil)
	require.NoError(t, err)
	assertRegistered(t, fs)
	s18, fs := resolved2018(t)
	require.NotNil(t, s18)
	assertRegistered(t, fs)
}
