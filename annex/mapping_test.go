package annex

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestMappingsAgainstCatalog(t *testing.T) {
	cat := requirement.Default()
	clause := regexp.MustCompile(`^[5-7]\.[0-9]{1,2}$`)
	en13 := regexp.MustCompile(`^(APP|PRE|RCP|VRF|RMD|RLS|PRA)-[1-9][0-9]?(-R[QC]-[0-9]{2}(-RE)?)?$`)
	for _, f := range Frameworks() {
		ms := Mappings(f)
		require.NotEmpty(t, ms, f.String())
		assert.True(t, slices.IsSortedFunc(ms, compareMappings), "%s sorted", f)
		seen := map[[2]string]bool{}
		for _, m := range ms {
			key := [2]string{m.Source, string(m.Requirement)}
			assert.False(t, seen[key], "duplicate mapping %v", key)
			seen[key] = true
			assert.True(t, cat.Has(m.Requirement), "%s %s: %s is not in the A11 catalog", f, m.Source, m.Requirement)
			assert.True(t, m.Relationship.Valid())
			assert.True(t, m.Confidence.Valid())
			assert.NotEmpty(t, m.Rationale)
			assert.NotEmpty(t, m.Provenance)
			assert.True(t, m.Provisional)
			if m.Joint {
				assert.False(t, m.Relationship.Covers(), "a joint entry is a partial one: %v", key)
			}
			switch f {
			case FrameworkCRA:
				r, ok := m.CRARef()
				require.True(t, ok, m.Source)
				assert.Equal(t, m.Source, r.String(), "CRA sources are canonical")
			case FrameworkEN4000012:
				assert.Regexp(t, clause, m.Source)
			case FrameworkEN4000013:
				assert.Regexp(t, en13, m.Source)
			}
		}
	}
}

// TestEveryRequirementReachesTheCRA checks both ways: every A11 requirement is
// mapped to a CRA provision or listed as deliberately unmapped (never both),
// and every unmapped ID exists in the catalog.
func TestEveryRequirementReachesTheCRA(t *testing.T) {
	cat := requirement.Default()
	unmapped := map[requirement.ID]string{}
	for _, u := range CRAUnmapped() {
		assert.True(t, cat.Has(u.Requirement), "unmapped %s is not in the catalog", u.Requirement)
		assert.NotEmpty(t, u.Reason)
		unmapped[u.Requirement] = u.Reason
	}
	for _, id := range cat.IDs() {
		var cra int
		for _, m := range MappingsForRequirement(id) {
			if m.Framework == FrameworkCRA {
				cra++
			}
		}
		_, isUnmapped := unmapped[id]
		assert.NotEqual(t, cra > 0, isUnmapped, "%s: %d CRA mappings, unmapped=%v (want exactly one of the two)", id, cra, isUnmapped)
	}
	// Pinned by hand: the deliberately unmapped requirements.
	assert.Equal(t, []requirement.ID{requirement.SM2, requirement.SM4, requirement.SM5, requirement.SM12, requirement.SM13, requirement.DM6},
		func() []requirement.ID {
			var ids []requirement.ID
			for _, u := range CRAUnmapped() {
				ids = append(ids, u.Requirement)
			}
			return ids
		}())
}

func TestMappingLookups(t *testing.T) {
	t.Run("forward CRA, any reference form", func(t *testing.T) {
		a := MappingsForSource(FrameworkCRA, "I.I.2.j")
		b := MappingsForSource(FrameworkCRA, "Annex I Part I (2)(j)")
		require.NotEmpty(t, a)
		assert.Equal(t, a, b)
		assert.Equal(t, requirement.SD1, a[0].Requirement)
		assert.Equal(t, requirement.SD6, a[1].Requirement)
		assert.Equal(t, RelEquivalent, a[1].Relationship)
		assert.Nil(t, MappingsForSource(FrameworkCRA, "not a ref"))
	})
	t.Run("brief's Art. 13/14 anchors", func(t *testing.T) {
		for ref, id := range map[string]requirement.ID{"Art. 14(2)": requirement.SM16, "Art. 14(4)": requirement.SM16, "Art. 13(8)": requirement.SM18, "Art. 31": requirement.SM17, "Annex VII": requirement.SM17, "Art. 13(3)": requirement.SRM1} {
			var ids []requirement.ID
			for _, m := range MappingsForSource(FrameworkCRA, ref) {
				ids = append(ids, m.Requirement)
			}
			assert.Contains(t, ids, id, ref)
		}
	})
	t.Run("containment", func(t *testing.T) {
		part2 := MappingsForCRA(MustParseCRARef("Annex I Part II"))
		require.NotEmpty(t, part2)
		for _, m := range part2 {
			r, _ := m.CRARef()
			assert.Equal(t, 2, r.Part)
		}
		assert.NotEmpty(t, MappingsForCRA(Art(14, 0, 0)))
	})
	t.Run("reverse", func(t *testing.T) {
		ms := MappingsForRequirement(requirement.SM15)
		var got []string
		for _, m := range ms {
			got = append(got, m.Framework.String()+" "+m.Source)
		}
		assert.Equal(t, []string{"en-40000-1-2 7.5", "en-40000-1-3 PRE-7", "en-40000-1-3 PRE-7-RQ-03", "en-40000-1-3 PRE-7-RQ-04", "en-40000-1-3 PRE-7-RQ-05", "cra Annex I Part II (1)"}, got)
	})
	t.Run("EN 40000 examples from the brief", func(t *testing.T) {
		for src, id := range map[string]requirement.ID{"PRE-7-RQ-04": requirement.SM15, "RCP-2": requirement.DM10, "RLS-2": requirement.DM5} {
			ms := MappingsForSource(FrameworkEN4000013, src)
			require.NotEmpty(t, ms, src)
			assert.Equal(t, id, ms[0].Requirement)
		}
		assert.NotEmpty(t, MappingsForSource(FrameworkEN4000012, "6.4"))
	})
	t.Run("natural order", func(t *testing.T) {
		assert.Negative(t, naturalCompare("7.9", "7.10"))
		assert.Negative(t, naturalCompare("PRE-9", "PRE-10"))
		assert.Negative(t, naturalCompare("PRE-7", "PRE-7-RQ-01"))
		assert.Zero(t, naturalCompare("5.2", "5.2"))
	})
}

func TestCRACoverage(t *testing.T) {
	level := func(cov []ProvisionCoverage, ref string) ProvisionCoverage {
		r := MustParseCRARef(ref)
		for _, c := range cov {
			if c.Provision == r {
				return c
			}
		}
		t.Fatalf("%s not in coverage", ref)
		return ProvisionCoverage{}
	}
	t.Run("nothing satisfied", func(t *testing.T) {
		cov, err := CRACoverage(nil, nil)
		require.NoError(t, err)
		require.Len(t, cov, 22)
		assert.Equal(t, EssentialRequirements(), func() []CRARef {
			var out []CRARef
			for _, c := range cov {
				out = append(out, c.Provision)
			}
			return out
		}())
		for _, c := range cov {
			assert.Equal(t, CoverageNone, c.Level, c.Provision.String())
			assert.NotEmpty(t, c.Missing, "%s has mappings", c.Provision)
		}
	})
	t.Run("whole catalog covers every essential requirement", func(t *testing.T) {
		cov, err := CRACoverage(nil, requirement.Default().IDs())
		require.NoError(t, err)
		for _, c := range cov {
			// Provisions with only intersecting mappings stay partial: 4-1
			// alone does not give them.
			// (2)(b) and (2)(c) also ask for product functions (reset to the
			// original state; automatic updates on by default) that 4-1 has
			// no requirement for. Part II (6) rests on a low-confidence
			// joint entry (DM-8), so full coverage is not claimed. Part II
			// (7) asks for automatic distribution where applicable and
			// Part II (8) for updates free of charge: no requirement asks
			// for either.
			switch c.Provision.String() {
			case "Annex I Part I (2)(b)", "Annex I Part I (2)(c)",
				"Annex I Part I (2)(d)", "Annex I Part I (2)(e)", "Annex I Part I (2)(f)", "Annex I Part I (2)(g)", "Annex I Part I (2)(h)",
				"Annex I Part I (2)(i)", "Annex I Part I (2)(k)", "Annex I Part I (2)(l)", "Annex I Part I (2)(m)",
				"Annex I Part II (6)", "Annex I Part II (7)", "Annex I Part II (8)":
				assert.Equal(t, CoveragePartial, c.Level, c.Provision.String())
			default:
				assert.Equal(t, CoverageFull, c.Level, c.Provision.String())
			}
			assert.Empty(t, c.Missing)
		}
	})
	t.Run("equivalent requirement gives full", func(t *testing.T) {
		cov, err := CRACoverage(nil, []requirement.ID{requirement.SD6, requirement.DM7})
		require.NoError(t, err)
		assert.Equal(t, CoverageFull, level(cov, "I.I.2.j").Level)
		assert.Contains(t, level(cov, "I.I.2.j").Reason, "SD-6")
		assert.Equal(t, CoverageFull, level(cov, "I.II.5").Level)
		assert.Equal(t, CoverageNone, level(cov, "I.II.1").Level)
	})
	t.Run("joint set: partial until complete", func(t *testing.T) {
		cov, err := CRACoverage(nil, []requirement.ID{requirement.SM14, requirement.SM15})
		require.NoError(t, err)
		c := level(cov, "I.II.1")
		assert.Equal(t, CoveragePartial, c.Level)
		assert.Equal(t, []requirement.ID{requirement.SM14, requirement.SM15}, c.Satisfied)
		assert.Equal(t, []requirement.ID{requirement.DM10}, c.Missing)
		cov, err = CRACoverage(nil, []requirement.ID{requirement.SM14, requirement.SM15, requirement.DM10, requirement.SM14})
		require.NoError(t, err)
		assert.Equal(t, CoverageFull, level(cov, "I.II.1").Level)
	})
	t.Run("secure by default and automatic updates stay partial", func(t *testing.T) {
		// SUM-7 only notifies users of updates: it does not complete (2)(c).
		cov, err := CRACoverage(nil, []requirement.ID{requirement.SD5, requirement.SG4, requirement.SG3, requirement.SUM1, requirement.SUM4, requirement.SUM6, requirement.SUM7})
		require.NoError(t, err)
		for _, ref := range []string{"I.I.2.b", "I.I.2.c"} {
			c := level(cov, ref)
			assert.Equal(t, CoveragePartial, c.Level, ref)
			assert.Empty(t, c.Missing, ref)
		}
		for _, ref := range []string{"I.I.2.b", "I.I.2.c"} {
			for _, m := range MappingsForSource(FrameworkCRA, ref) {
				assert.False(t, m.Joint, "%s %s: no joint set covers the provision", ref, m.Requirement)
			}
		}
		sum7 := MappingsForSource(FrameworkCRA, "I.I.2.c")
		require.Len(t, sum7, 4)
		assert.Equal(t, requirement.SUM7, sum7[3].Requirement)
		assert.Equal(t, RelIntersects, sum7[3].Relationship)
	})
	t.Run("SG-4 is not mapped to secure by default", func(t *testing.T) {
		// Disposal guidance is neither a secure default nor a reset
		// function (the old table mapped it to (2)(b)).
		var ids []requirement.ID
		for _, m := range MappingsForSource(FrameworkCRA, "I.I.2.b") {
			ids = append(ids, m.Requirement)
		}
		assert.Equal(t, []requirement.ID{requirement.SD5, requirement.SG3}, ids)
		cov, err := CRACoverage(nil, []requirement.ID{requirement.SG4})
		require.NoError(t, err)
		assert.Equal(t, CoverageNone, level(cov, "I.I.2.b").Level)
	})
	t.Run("Part II (7) and (8) stay partial with every mapped requirement", func(t *testing.T) {
		// The old table gave full from SUM-4 + SM-6 and SUM-5 + SUM-2; no
		// requirement asks for automatic distribution or free updates.
		for _, ref := range []string{"I.II.7", "I.II.8"} {
			var ids []requirement.ID
			for _, m := range MappingsForSource(FrameworkCRA, ref) {
				assert.False(t, m.Joint, "%s %s", ref, m.Requirement)
				assert.False(t, m.Relationship.Covers(), "%s %s", ref, m.Requirement)
				ids = append(ids, m.Requirement)
			}
			cov, err := CRACoverage(nil, ids)
			require.NoError(t, err)
			c := level(cov, ref)
			assert.Equal(t, CoveragePartial, c.Level, ref)
			assert.Empty(t, c.Missing, ref)
		}
		why := func(ref string, id requirement.ID) string {
			for _, m := range MappingsForSource(FrameworkCRA, ref) {
				if m.Requirement == id {
					return m.Rationale
				}
			}
			return ""
		}
		assert.Contains(t, why("I.II.7", requirement.SUM4), "automatically")
		assert.Contains(t, why("I.II.8", requirement.SUM5), "pay")
	})
	t.Run("Art. 14(8) and Art. 13(6) have explicit mappings", func(t *testing.T) {
		for ref, want := range map[string][]requirement.ID{
			"Art. 14(8)": {requirement.DM5, requirement.DM9, requirement.SUM7},
			"Art. 13(6)": {requirement.DM4, requirement.DM10},
		} {
			var ids []requirement.ID
			for _, m := range MappingsForSource(FrameworkCRA, ref) {
				ids = append(ids, m.Requirement)
				assert.NotEmpty(t, m.Rationale)
			}
			assert.Equal(t, want, ids, ref)
		}
		assert.NotEmpty(t, MappingsForCRA(Art(14, 8, 0)))
	})
	t.Run("low-confidence joint entry never gives full", func(t *testing.T) {
		cov, err := CRACoverage(nil, []requirement.ID{requirement.DM1, requirement.DM8})
		require.NoError(t, err)
		c := level(cov, "I.II.6")
		assert.Equal(t, CoveragePartial, c.Level)
		assert.Empty(t, c.Missing)
		assert.Contains(t, c.Reason, "DM-8")
		assert.Contains(t, c.Reason, "low confidence")
	})
	t.Run("bad IDs are located errors", func(t *testing.T) {
		_, err := CRACoverage(nil, []requirement.ID{"SM-1", "XX-1", "SM-99"})
		require.Error(t, err)
		assert.ErrorIs(t, err, problem.ErrInvalidID)
		assert.ErrorIs(t, err, problem.ErrUnknownID)
		var list problem.List
		require.ErrorAs(t, err, &list)
		require.Len(t, list, 2)
		assert.Equal(t, "/1", list[0].Pointer)
		assert.Equal(t, "/2", list[1].Pointer)
	})
}

// TestCRACoverage2018 fails on the old CRACoverage, which read 2018 IDs as
// A11 IDs: 2018 SR-1 (product security context) was credited as A11 SR-1
// (product security requirements).
func TestCRACoverage2018(t *testing.T) {
	c18, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	part1 := func(cov []ProvisionCoverage) ProvisionCoverage { return cov[0] } // Annex I Part I (1)
	cov, err := CRACoverage(c18, []requirement.ID{"SR-1"})
	require.NoError(t, err)
	pc := part1(cov)
	require.Equal(t, AnnexIPartI(1, 0), pc.Provision)
	assert.NotContains(t, pc.Satisfied, requirement.SR1, "2018 SR-1 is not A11 SR-1")
	assert.Contains(t, pc.Missing, requirement.SR1)
	assert.Equal(t, []requirement.ID{requirement.SRM2}, pc.PartlyMet, "2018 SR-1 is carried by A11 SRM-2, whose content changed")
	assert.Equal(t, CoveragePartial, pc.Level)
	assert.Contains(t, pc.Reason, "2018")

	// An unchanged requirement is credited in full: 2018 DM-4 is A11 DM-4.
	cov, err = CRACoverage(c18, []requirement.ID{"DM-4", "SUM-5"})
	require.NoError(t, err)
	for _, c := range cov {
		if c.Provision == AnnexIPartII(2) {
			assert.Equal(t, []requirement.ID{requirement.DM4, requirement.SUM5}, c.Satisfied)
			assert.Empty(t, c.PartlyMet)
		}
	}
	// The whole 2018 catalog never reaches full through a requirement A11
	// changed or added, and names A11 IDs only through the delta.
	cov, err = CRACoverage(c18, c18.IDs())
	require.NoError(t, err)
	a11, err := CRACoverage(nil, requirement.Default().IDs())
	require.NoError(t, err)
	for i, c := range cov {
		assert.LessOrEqual(t, c.Level, a11[i].Level, c.Provision.String())
		for _, id := range c.Satisfied {
			assert.True(t, requirement.Default().Has(id))
		}
	}
	// IDs are checked against the catalog given: A11-only IDs are unknown
	// in 2018.
	_, err = CRACoverage(c18, []requirement.ID{requirement.SM15})
	assert.ErrorIs(t, err, problem.ErrUnknownID)
}

// TestCoverProvisionConfidence checks the decision on hand-made entries, so
// that it does not depend on the current table.
func TestCoverProvisionConfidence(t *testing.T) {
	ref := AnnexIPartI(2, 'j')
	a, b := requirement.SD1, requirement.SD6
	all := map[requirement.ID]credit{a: creditFull, b: creditFull}
	tests := []struct {
		name    string
		entries []Mapping
		want    CoverageLevel
		reason  string
	}{
		{"covering, medium", []Mapping{{Requirement: b, Relationship: RelEquivalent, Confidence: ConfidenceMedium}}, CoverageFull, "SD-6 covers"},
		{"covering, low", []Mapping{{Requirement: b, Relationship: RelSuperset, Confidence: ConfidenceLow}}, CoveragePartial, "low confidence"},
		{"low covering next to medium covering", []Mapping{
			{Requirement: a, Relationship: RelEquivalent, Confidence: ConfidenceLow},
			{Requirement: b, Relationship: RelEquivalent, Confidence: ConfidenceHigh},
		}, CoverageFull, "SD-6 covers"},
		{"joint, all medium", []Mapping{
			{Requirement: a, Relationship: RelSubset, Joint: true, Confidence: ConfidenceMedium},
			{Requirement: b, Relationship: RelSubset, Joint: true, Confidence: ConfidenceHigh},
		}, CoverageFull, "joint set is satisfied"},
		{"joint, one low", []Mapping{
			{Requirement: a, Relationship: RelSubset, Joint: true, Confidence: ConfidenceMedium},
			{Requirement: b, Relationship: RelSubset, Joint: true, Confidence: ConfidenceLow},
		}, CoveragePartial, "mapping of SD-6 has low confidence"},
		{"no entries", nil, CoverageNone, "no A11 requirement is mapped"},
		{"partly met only", []Mapping{{Requirement: b, Relationship: RelEquivalent, Confidence: ConfidenceHigh}}, CoveragePartial, "2018 requirements whose content A11 changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			have := all
			if strings.HasPrefix(tt.name, "partly") {
				have = map[requirement.ID]credit{b: creditPartly}
			}
			pc := coverProvision(ref, tt.entries, have)
			assert.Equal(t, tt.want, pc.Level)
			assert.Contains(t, pc.Reason, tt.reason)
		})
	}
}

// TestJointSets checks the joint sets of the CRA table: each has at least
// two entries (a single entry that covers a provision alone is equivalent or
// a superset, not joint).
func TestJointSets(t *testing.T) {
	joint := map[string]int{}
	for _, m := range Mappings(FrameworkCRA) {
		if m.Joint {
			joint[m.Source]++
		}
	}
	require.NotEmpty(t, joint)
	for src, n := range joint {
		assert.GreaterOrEqual(t, n, 2, "%s: a joint set of one", src)
	}
}

func BenchmarkCRACoverage(b *testing.B) {
	ids := requirement.Default().IDs()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CRACoverage(nil, ids); err != nil {
			b.Fatal(err)
		}
	}
}
