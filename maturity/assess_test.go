package maturity

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestAssessLevelBoundaries(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(m *Manifest)
		reached bool
		level   Level
		next    []Gap // Kind, Artifact, Project, Release are compared
	}{
		{name: "everything present gives ML4", mutate: func(*Manifest) {}, reached: true, level: ML4},
		{name: "no closed audit improvement stops at ML3", mutate: func(m *Manifest) { m.Improvements = m.Improvements[:1] },
			reached: true, level: ML3, next: []Gap{{Kind: GapMissingAuditImprovement}}},
		{name: "an open improvement does not count", mutate: func(m *Manifest) { m.Improvements[1].Closed = requirement.Date{} },
			reached: true, level: ML3, next: []Gap{{Kind: GapMissingAuditImprovement}}},
		{name: "an audit action for a practice the audit did not cover does not count", mutate: func(m *Manifest) {
			m.Audits[0].Practices = []practice.Practice{practice.DM}
		}, reached: true, level: ML3, next: []Gap{{Kind: GapMissingAuditImprovement}}},
		{name: "an audit action opened before the audit ended does not count", mutate: func(m *Manifest) {
			m.Improvements[1].Opened = requirement.MustParseDate("2025-02-19")
		}, reached: true, level: ML3, next: []Gap{{Kind: GapMissingAuditImprovement}}},
		{name: "an audit action opened on the audit's last day counts", mutate: func(m *Manifest) {
			m.Improvements[1].Opened = requirement.MustParseDate("2025-02-20")
		}, reached: true, level: ML4},
		{name: "no incident improvement stops at ML3", mutate: func(m *Manifest) { m.Improvements = m.Improvements[1:] },
			reached: true, level: ML3, next: []Gap{{Kind: GapMissingIncidentImprovement}}},
		{name: "a metric without target is not control", mutate: func(m *Manifest) { m.Metrics[0].Target = "" },
			reached: true, level: ML3, next: []Gap{{Kind: GapMissingControlMetric}}},
		{name: "one record short of ML3 gives ML2 and names it", mutate: func(m *Manifest) { without(m, "EV-4") },
			reached: true, level: ML2, next: []Gap{{Kind: GapMissingArtifact, Artifact: requirement.ArtifactCodingStandardCompliance, Project: "b", Release: "1"}}},
		{name: "the org-wide record missing is missing everywhere", mutate: func(m *Manifest) { without(m, "EV-1") },
			reached: true, level: ML2, next: []Gap{
				{Kind: GapMissingArtifact, Artifact: requirement.ArtifactCodingStandard, Project: "a", Release: "1"},
				{Kind: GapMissingArtifact, Artifact: requirement.ArtifactCodingStandard, Project: "a", Release: "2"},
				{Kind: GapMissingArtifact, Artifact: requirement.ArtifactCodingStandard, Project: "b", Release: "1"},
			}},
		{name: "a project-level record covers all its releases", mutate: func(m *Manifest) {
			without(m, "EV-3")
			evidence(m, "EV-2").Release = ""
		}, reached: true, level: ML4},
		{name: "retention one day short gives ML2", mutate: func(m *Manifest) { evidence(m, "EV-2").RetentionUntil = requirement.MustParseDate("2034-12-31") },
			reached: true, level: ML2, next: []Gap{{Kind: GapRetentionTooShort, Artifact: requirement.ArtifactCodingStandardCompliance, Project: "a", Release: "1"}}},
		{name: "retention exactly the required day is enough", mutate: func(m *Manifest) { evidence(m, "EV-2").RetentionUntil = requirement.MustParseDate("2035-01-01") },
			reached: true, level: ML4},
		{name: "a longer support period extends the retention", mutate: func(m *Manifest) {
			m.Scope.Projects[1].Releases[0].SupportEnd = requirement.MustParseDate("2036-06-30")
		},
			reached: true, level: ML2, next: []Gap{{Kind: GapRetentionTooShort, Artifact: requirement.ArtifactCodingStandardCompliance, Project: "b", Release: "1"}}},
		{name: "unrecorded retention is unknown, not a pass", mutate: func(m *Manifest) { evidence(m, "EV-3").RetentionUntil = requirement.Date{} },
			reached: true, level: ML2, next: []Gap{{Kind: GapRetentionUnknown, Artifact: requirement.ArtifactCodingStandardCompliance, Project: "a", Release: "2"}}},
		{name: "unknown release dates make retention unknown", mutate: func(m *Manifest) { m.Scope.Projects[1].Releases[0].PlacedOnMarket = requirement.Date{} },
			reached: true, level: ML2, next: []Gap{
				{Kind: GapRetentionUnknown, Artifact: requirement.ArtifactCodingStandard, Project: "b", Release: "1"},
				{Kind: GapRetentionUnknown, Artifact: requirement.ArtifactCodingStandardCompliance, Project: "b", Release: "1"},
			}},
		{name: "no verified competence gives ML1", mutate: func(m *Manifest) { m.Competence[0].Verified = false },
			reached: true, level: ML1, next: []Gap{{Kind: GapMissingCompetence}}},
		{name: "an unapproved procedure gives ML1", mutate: func(m *Manifest) { m.Procedures[0].Approver = "" },
			reached: true, level: ML1, next: []Gap{{Kind: GapProcedureNotApproved}}},
		{name: "no procedure gives ML1", mutate: func(m *Manifest) { m.Procedures = nil },
			reached: true, level: ML1, next: []Gap{{Kind: GapMissingProcedure}}},
		{name: "a procedure of another practice does not count", mutate: func(m *Manifest) { m.Procedures[0].Practice = practice.SD },
			reached: true, level: ML1, next: []Gap{{Kind: GapMissingProcedure}}},
		{name: "no evidence reaches no level", mutate: func(m *Manifest) { without(m, "EV-1", "EV-2", "EV-3", "EV-4") },
			reached: false, next: []Gap{{Kind: GapNoEvidence}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fullSI()
			tt.mutate(m)
			a, err := Assess(m, testNow, siOptions(requirement.SI2))
			require.NoError(t, err)
			r, ok := a.Requirement(requirement.SI2)
			require.True(t, ok)
			assert.Equal(t, tt.reached, r.Reached)
			assert.Equal(t, tt.level, r.Level)
			var got []Gap
			for _, g := range r.Next() {
				assert.NotEmpty(t, g.Message)
				assert.NotEmpty(t, g.Pointer)
				got = append(got, Gap{Kind: g.Kind, Artifact: g.Artifact, Project: g.Project, Release: g.Release})
			}
			assert.Equal(t, tt.next, got)
			for _, g := range r.Gaps {
				assert.Greater(t, g.Level, r.Level, "a gap below the reached level: %+v", g)
				assert.Equal(t, g.Kind.Level(), g.Level)
			}
			assert.Len(t, r.Reasons, int(r.Level))
		})
	}
}

func TestAssessMissingRecordIsNamed(t *testing.T) {
	a, err := Assess(without(fullSI(), "EV-4"), testNow, siOptions(requirement.SI2))
	require.NoError(t, err)
	r, _ := a.Requirement(requirement.SI2)
	require.Len(t, r.Next(), 1)
	g := r.Next()[0]
	assert.Equal(t, "/scope/projects/1/releases/0", g.Pointer)
	assert.Contains(t, g.Message, `"coding-standard-compliance"`)
	assert.Contains(t, g.Message, `project "b" release "1"`)
}

func TestAssessLowestOf(t *testing.T) {
	tests := []struct {
		name       string
		mutate     func(m *Manifest)
		applicable []requirement.ID
		reached    bool
		level      Level
		limiting   []requirement.ID
	}{
		{name: "all at ML4", mutate: func(*Manifest) {}, reached: true, level: ML4,
			limiting: []requirement.ID{requirement.SI1, requirement.SI2, requirement.SI3}},
		{name: "one requirement at ML2 holds the practice at ML2", mutate: func(m *Manifest) { without(m, "EV-7") },
			reached: true, level: ML2, limiting: []requirement.ID{requirement.SI3}},
		{name: "two at the lowest level both limit", mutate: func(m *Manifest) { without(m, "EV-7", "EV-4") },
			reached: true, level: ML2, limiting: []requirement.ID{requirement.SI2, requirement.SI3}},
		{name: "a requirement without evidence leaves the practice without level", mutate: func(m *Manifest) { without(m, "EV-5", "EV-7") },
			reached: false, limiting: []requirement.ID{requirement.SI1}},
		{name: "a non-applicable requirement does not count", mutate: func(m *Manifest) { without(m, "EV-7") },
			applicable: []requirement.ID{requirement.SI2, requirement.SI1}, reached: true, level: ML4,
			limiting: []requirement.ID{requirement.SI1, requirement.SI2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fullSI()
			tt.mutate(m)
			app := tt.applicable
			if app == nil {
				app = []requirement.ID{requirement.SI3, requirement.SI1, requirement.SI2, requirement.SI1}
			}
			a, err := Assess(m, testNow, siOptions(app...))
			require.NoError(t, err)
			require.Len(t, a.Practices, 1)
			p, ok := a.Practice(practice.SI)
			require.True(t, ok)
			assert.Equal(t, tt.reached, p.Reached)
			assert.Equal(t, tt.level, p.Level)
			assert.Equal(t, tt.limiting, p.Limiting)
			assert.NotEmpty(t, p.Reasons)
			// The practice level is the minimum of its requirements.
			for _, r := range a.Requirements {
				if p.Reached {
					assert.GreaterOrEqual(t, r.Level, p.Level)
				}
			}
			_, ok = a.Practice(practice.SD)
			assert.False(t, ok, "a practice without applicable requirements has no result")
		})
	}
}

func TestAssessDefaultsCoverTheCatalog(t *testing.T) {
	a, err := Assess(fullSI(), testNow, nil)
	require.NoError(t, err)
	assert.Len(t, a.Requirements, requirement.Default().Len())
	assert.Equal(t, practice.EditionA11, a.Edition)
	for i, r := range a.Requirements {
		assert.Equal(t, requirement.Default().IDs()[i], r.Requirement, "catalog order")
	}
	// SM has no evidence at all in this manifest.
	sm, ok := a.Practice(practice.SM)
	require.True(t, ok)
	assert.False(t, sm.Reached)
}

func TestAssessEmptyExpectationMeansAnyArtifact(t *testing.T) {
	opts := siOptions(requirement.SI3)
	opts.Artifacts[requirement.SI3] = nil
	a, err := Assess(fullSI(), testNow, opts)
	require.NoError(t, err)
	r, _ := a.Requirement(requirement.SI3)
	assert.Equal(t, ML4, r.Level)
	a, err = Assess(without(fullSI(), "EV-7"), testNow, opts)
	require.NoError(t, err)
	r, _ = a.Requirement(requirement.SI3)
	assert.Equal(t, ML2, r.Level)
	require.Len(t, r.Next(), 1)
	assert.Equal(t, Gap{Kind: GapMissingArtifact, Level: ML3, Project: "b", Release: "1"}, Gap{Kind: r.Next()[0].Kind, Level: r.Next()[0].Level, Project: r.Next()[0].Project, Release: r.Next()[0].Release})
}

func TestAssessErrors(t *testing.T) {
	tests := []struct {
		name   string
		m      func() *Manifest
		opts   *Options
		target error
	}{
		{name: "unknown applicable ID", m: fullSI, opts: &Options{Applicable: []requirement.ID{"SM-99"}}, target: problem.ErrUnknownID},
		{name: "unknown ID in Artifacts", m: fullSI, opts: &Options{Artifacts: map[requirement.ID][]requirement.ArtifactKind{"SG-42": nil}}, target: problem.ErrUnknownID},
		{name: "unknown kind in Artifacts", m: fullSI, opts: &Options{Artifacts: map[requirement.ID][]requirement.ArtifactKind{requirement.SI1: {"scroll"}}}, target: problem.ErrInvalidValue},
		{name: "invalid manifest", m: func() *Manifest { m := fullSI(); m.Evidence[0].SHA256 = "ABC"; return m }, target: problem.ErrInvalidDocument},
		{name: "2018 catalog and SRM", m: func() *Manifest { m := fullSI(); m.Procedures[0].Practice = practice.SRM; return m },
			opts: &Options{Catalog: mustCatalog(t, practice.Edition2018)}, target: problem.ErrWrongEdition},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Assess(tt.m(), testNow, tt.opts)
			assert.Nil(t, a)
			assert.ErrorIs(t, err, tt.target)
		})
	}
}

func mustCatalog(t *testing.T, e practice.Edition) *requirement.Catalog {
	c, err := requirement.ForEdition(e)
	require.NoError(t, err)
	return c
}

func TestAssessDoesNotModifyManifest(t *testing.T) {
	m := fullSI()
	before := fullSI()
	_, err := Assess(m, testNow, siOptions())
	require.NoError(t, err)
	assert.Equal(t, before, m)
}

func TestAssessmentFindings(t *testing.T) {
	m := without(fullSI(), "EV-4")
	m.Metrics = nil
	a, err := Assess(m, testNow, siOptions(requirement.SI1, requirement.SI2, requirement.SI3))
	require.NoError(t, err)
	fs := a.Findings()
	require.Len(t, fs, 2, "ML4 gaps give no findings: %v", fs)
	assert.Equal(t, ruleBelowML3, fs[0].Rule)
	assert.Contains(t, fs[0].Message, "SI-2 is at ML2")
	assert.Equal(t, requirement.RuleID("maturity.missing-artifact"), fs[1].Rule)
	assert.Equal(t, requirement.SI2, fs[1].Requirement)
	assert.Equal(t, "/scope/projects/1/releases/0", fs[1].Pointer)
	assert.True(t, isSorted(fs))

	a, err = Assess(&Manifest{SchemaVersion: SchemaVersion, Scope: fullSI().Scope}, testNow, siOptions(requirement.SI1))
	require.NoError(t, err)
	rules := map[requirement.RuleID]bool{}
	for _, f := range a.Findings() {
		rules[f.Rule] = true
	}
	for _, r := range []requirement.RuleID{"maturity.no-evidence", "maturity.missing-procedure", "maturity.missing-competence", "maturity.missing-artifact", ruleBelowML3} {
		assert.True(t, rules[r], "rule %s", r)
	}
}

// The below-ml3 finding names each gap kind once, however the gaps of
// several artifacts and releases interleave.
func TestAssessmentFindingsNameEachGapKindOnce(t *testing.T) {
	m := without(fullSI(), "EV-2") // compliance missing for a 1
	// The org-wide coding standard and the compliance report of a 2 are kept
	// too briefly (until 2030; 2035-01-01 is required).
	evidence(m, "EV-1").RetentionUntil = requirement.MustParseDate("2030-01-01")
	evidence(m, "EV-3").RetentionUntil = requirement.MustParseDate("2030-01-01")
	a, err := Assess(m, testNow, siOptions(requirement.SI2))
	require.NoError(t, err)
	r, _ := a.Requirement(requirement.SI2)
	require.Equal(t, []GapKind{GapRetentionTooShort, GapRetentionTooShort, GapRetentionTooShort, GapMissingArtifact, GapRetentionTooShort}, gapKinds(r.Next()),
		"the kinds interleave")
	var below []string
	for _, f := range a.Findings() {
		if f.Rule == ruleBelowML3 {
			below = append(below, f.Message)
		}
	}
	assert.Equal(t, []string{"SI-2 is at ML2, below ML3 (close the 5 gap(s) listed for it: retention-too-short, missing-artifact)"}, below)
}

// An audit action that does not count says why in the gap.
func TestAssessAuditActionNotTraced(t *testing.T) {
	m := fullSI()
	m.Audits[0].Practices = []practice.Practice{practice.DM}
	a, err := Assess(m, testNow, siOptions(requirement.SI2))
	require.NoError(t, err)
	r, _ := a.Requirement(requirement.SI2)
	require.Len(t, r.Next(), 1)
	assert.Equal(t, "SI-2: no closed improvement action from an internal audit for practice SI (0 open for it; 1 closed one(s) name an audit that did not cover SI or ended after the action was opened)", r.Next()[0].Message)
}

func isSorted(fs []requirement.Finding) bool {
	for i := 1; i < len(fs); i++ {
		if requirement.CompareFindings(fs[i-1], fs[i]) > 0 {
			return false
		}
	}
	return true
}

func TestGapKinds(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range GapKinds() {
		assert.True(t, k.Valid())
		assert.True(t, k.Level().Valid())
		assert.True(t, k.Severity().Valid())
		assert.False(t, seen[k.String()])
		seen[k.String()] = true
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back GapKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
		if k.Level() == ML4 {
			assert.Empty(t, k.Rule(), "ML4 gaps give no finding, so they have no rule")
			assert.Equal(t, requirement.SeverityInfo, k.Severity())
		} else {
			assert.Equal(t, requirement.RuleID("maturity."+k.String()), k.Rule(), "the rule ID is the gap's name")
			assert.Equal(t, rule(k.Rule()).Severity, k.Severity(), "the default severity is the registry's")
		}
	}
	var k GapKind
	assert.False(t, k.Valid())
	assert.Empty(t, k.Rule())
	assert.Equal(t, "unset", k.String())
	assert.Equal(t, "invalid(42)", GapKind(42).String())
	_, err := k.MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.ErrorIs(t, k.UnmarshalText([]byte("nope")), problem.ErrInvalidValue)
}
