package maturity

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/nilwalk"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// future2099 moves every date of m that a record carries (production,
// approval, training, review, opening, closing, audit) to 2099.
func future2099(m *Manifest) *Manifest {
	d := requirement.MustParseDate("2099-01-01")
	for i := range m.Evidence {
		m.Evidence[i].Produced = d
		if !m.Evidence[i].Approved.IsZero() {
			m.Evidence[i].Approved = d
		}
		m.Evidence[i].RetentionUntil = requirement.MustParseDate("2140-01-01")
	}
	for i := range m.Procedures {
		m.Procedures[i].Approved = d
	}
	for i := range m.Competence {
		m.Competence[i].Date = d
	}
	for i := range m.Metrics {
		m.Metrics[i].Reviewed = d
	}
	for i := range m.Improvements {
		m.Improvements[i].Opened, m.Improvements[i].Closed = d, d
	}
	for i := range m.Audits {
		m.Audits[i].Date = d
	}
	return m
}

// Evidence, procedures and training dated in 2099 used to reach ML3 (ML4
// here): what is dated after the assessment date now counts for nothing and
// is a finding.
func TestFutureDatedRecordsCountForNothing(t *testing.T) {
	a, err := Assess(fullSI(), testNow, siOptions(requirement.SI2))
	require.NoError(t, err)
	r, _ := a.Requirement(requirement.SI2)
	require.Equal(t, ML4, r.Level, "the manifest as dated reaches ML4")
	assert.Empty(t, a.Ignored)

	a, err = Assess(future2099(fullSI()), testNow, siOptions(requirement.SI2))
	require.NoError(t, err)
	r, _ = a.Requirement(requirement.SI2)
	assert.False(t, r.Reached, "2099 evidence supports nothing: %v", r.Reasons)
	assert.Equal(t, 0, r.Evidence)
	assert.Equal(t, requirement.MustParseDate("2027-01-15"), a.Date)

	var ptrs []string
	for _, f := range a.Ignored {
		assert.Equal(t, ruleDatedAfterAssessment, f.Rule)
		assert.Equal(t, requirement.BasisPublished, f.Basis)
		assert.Equal(t, requirement.SeverityMedium, f.Severity)
		assert.NotEmpty(t, f.Subject, "%s", f)
		ptrs = append(ptrs, f.Pointer)
	}
	assert.Equal(t, []string{
		"/evidence/0/produced", "/evidence/1/produced", "/evidence/2/produced", "/evidence/3/produced",
		"/evidence/4/produced", "/evidence/5/produced", "/evidence/6/produced",
		"/procedures/0/approved", "/competence/0/date", "/metrics/0/reviewed",
		"/audits/0/date", "/improvements/0/opened", "/improvements/1/opened",
	}, ptrs)
	assert.Equal(t, `procedure "P-SI": approved 2099-01-01 is after the assessment date 2027-01-15, so its approval counts for nothing (correct the date, or assess on a later date)`, a.Ignored[7].Message)
	assert.Equal(t, "P-SI", a.Ignored[7].Subject)
	assert.Equal(t, "dev", a.Ignored[8].Subject, "a competence record is named by its person")
	fs := a.Findings()
	for _, f := range a.Ignored {
		assert.Contains(t, fs, f, "Findings includes the ignored records")
	}
	v, err := a.Verdict(ObligationMandatory)
	require.NoError(t, err)
	assert.False(t, v.Met())

	// The assessment date itself counts: a record of that day is in.
	m := fullSI()
	m.Evidence[0].Produced = requirement.DateOf(testNow)
	a, err = Assess(m, testNow, siOptions(requirement.SI2))
	require.NoError(t, err)
	assert.Empty(t, a.Ignored)
}

// Each dated thing is judged on its own: a future approval voids only the
// approval, a future closing only the closing, a future review only the
// review; an audit from the future raises no action that counts.
func TestFutureDatesPerField(t *testing.T) {
	later := requirement.DateOf(testNow).AddDays(1)
	tests := []struct {
		name   string
		mutate func(m *Manifest)
		level  Level
		gap    GapKind
		ptr    string
	}{
		{"procedure approved tomorrow", func(m *Manifest) { m.Procedures[0].Approved = later }, ML1, GapProcedureNotApproved, "/procedures/0/approved"},
		{"training tomorrow", func(m *Manifest) { m.Competence[0].Date = later }, ML1, GapMissingCompetence, "/competence/0/date"},
		{"standard produced tomorrow", func(m *Manifest) { m.Evidence[0].Produced = later }, ML2, GapMissingArtifact, "/evidence/0/produced"},
		{"metric reviewed tomorrow", func(m *Manifest) { m.Metrics[0].Reviewed = later }, ML3, GapMissingControlMetric, "/metrics/0/reviewed"},
		{"incident action closed tomorrow", func(m *Manifest) { m.Improvements[0].Closed = later }, ML3, GapMissingIncidentImprovement, "/improvements/0/closed"},
		{"audit action opened tomorrow", func(m *Manifest) { m.Improvements[1].Opened, m.Improvements[1].Closed = later, later }, ML3, GapMissingAuditImprovement, "/improvements/1/opened"},
		{"audit ends tomorrow", func(m *Manifest) { m.Audits[0].Date = later }, ML3, GapMissingAuditImprovement, "/audits/0/date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fullSI()
			tt.mutate(m)
			a, err := Assess(m, testNow, siOptions(requirement.SI2))
			require.NoError(t, err)
			r, _ := a.Requirement(requirement.SI2)
			assert.Equal(t, tt.level, r.Level)
			assert.Contains(t, gapKinds(r.Next()), tt.gap)
			require.NotEmpty(t, a.Ignored)
			assert.Equal(t, tt.ptr, a.Ignored[0].Pointer)
		})
	}
}

// A notification time after the assessment time voids the record, so it
// can neither pass nor fail the vulnerability-handling demonstration; an
// approval of the vulnerability-handling policy after the assessment date
// counts for nothing.
func TestFutureNotificationAndApproval(t *testing.T) {
	m := fixedFixture(t)
	n := record("N", requirement.ArtifactIncidentNotification, "", "", "2045-12-31", requirement.SM16)
	n.Notification = Notification{Event: annex.EventExploitedVulnerability, Stage: StageEarlyWarning,
		Aware: testNow.Add(-time.Hour), Sent: testNow.Add(time.Hour)} // "sent" in an hour: a late one would fail
	m.Evidence = append(m.Evidence, n)
	a, err := Assess(m, testNow, nil)
	require.NoError(t, err)
	require.Len(t, a.Ignored, 1)
	assert.Equal(t, fmt.Sprintf("/evidence/%d/notification/sent", len(m.Evidence)-1), a.Ignored[0].Pointer)
	v, err := a.Verdict(ObligationMandatory)
	require.NoError(t, err)
	assert.True(t, v.Met(), "the voided record counts for nothing: %v", v.Reasons)

	m = fixedFixture(t)
	for i := range m.Evidence {
		if m.Evidence[i].Kind == requirement.ArtifactVulnerabilityHandlingPolicy {
			m.Evidence[i].Approved = requirement.MustParseDate("2099-01-01")
		}
	}
	a, err = Assess(m, testNow, nil)
	require.NoError(t, err)
	v, err = a.Verdict(ObligationMandatory)
	require.NoError(t, err)
	c := v.Checks[CheckVulnerabilityHandling-1]
	assert.Equal(t, requirement.OutcomeUnknown, c.Outcome, "an approval from the future is no approval: %v", c.Reasons)
}

func TestAssessNeedsADateAndAManifest(t *testing.T) {
	_, err := Assess(fullSI(), time.Time{}, nil)
	require.ErrorIs(t, err, problem.ErrNoDate)
	_, err = Assess(nil, testNow, nil)
	require.ErrorIs(t, err, problem.ErrNilInput)
	_, err = Assess(nil, time.Time{}, nil)
	require.ErrorIs(t, err, problem.ErrNilInput)
	_, err = Assess(fullSI(), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), nil)
	require.ErrorIs(t, err, problem.ErrInvalidValue)
	require.ErrorIs(t, (*Manifest)(nil).Validate(nil), problem.ErrNilInput)
	_, err = Decode(nil, nil)
	require.ErrorIs(t, err, problem.ErrNilInput)
	require.ErrorIs(t, Encode(nil, fullSI()), problem.ErrNilInput)
	require.ErrorIs(t, Encode(&bytes.Buffer{}, nil), problem.ErrNilInput)
}

// TestNilInput calls every exported function and method of the package with
// nil and zero input: none may panic.
func TestNilInput(t *testing.T) {
	fns := map[string]any{
		"Assess":                        Assess,
		"Assessment.Requirement":        (*Assessment).Requirement,
		"Assessment.Practice":           (*Assessment).Practice,
		"Assessment.BelowML3":           (*Assessment).BelowML3,
		"Assessment.Findings":           (*Assessment).Findings,
		"Assessment.Verdict":            (*Assessment).Verdict,
		"RequirementResult.Next":        RequirementResult.Next,
		"Rules":                         Rules,
		"Schema":                        Schema,
		"Decode":                        Decode,
		"Encode":                        Encode,
		"Manifest.Validate":             (*Manifest).Validate,
		"Release.RetentionRequired":     Release.RetentionRequired,
		"Evidence.IsApproved":           Evidence.IsApproved,
		"Procedure.IsApproved":          Procedure.IsApproved,
		"Metric.UsedForControl":         Metric.UsedForControl,
		"CompetenceKinds":               CompetenceKinds,
		"CompetenceKind.Valid":          CompetenceKind.Valid,
		"CompetenceKind.String":         CompetenceKind.String,
		"CompetenceKind.MarshalText":    CompetenceKind.MarshalText,
		"ImprovementSources":            ImprovementSources,
		"ImprovementSource.Valid":       ImprovementSource.Valid,
		"ImprovementSource.String":      ImprovementSource.String,
		"ImprovementSource.MarshalText": ImprovementSource.MarshalText,
		"Levels":                        Levels,
		"Level.Valid":                   Level.Valid,
		"Level.String":                  Level.String,
		"Level.Title":                   Level.Title,
		"Level.Description":             Level.Description,
		"Level.MarshalText":             Level.MarshalText,
		"ParseLevel":                    ParseLevel,
		"ObligationFor":                 ObligationFor,
		"Obligations":                   Obligations,
		"Obligation.Valid":              Obligation.Valid,
		"Obligation.String":             Obligation.String,
		"Obligation.MarshalText":        Obligation.MarshalText,
		"GapKinds":                      GapKinds,
		"GapKind.Valid":                 GapKind.Valid,
		"GapKind.String":                GapKind.String,
		"GapKind.Level":                 GapKind.Level,
		"GapKind.Rule":                  GapKind.Rule,
		"GapKind.Severity":              GapKind.Severity,
		"GapKind.MarshalText":           GapKind.MarshalText,
		"Checks":                        Checks,
		"Check.Valid":                   Check.Valid,
		"Check.String":                  Check.String,
		"Check.Rule":                    Check.Rule,
		"Check.Requirements":            Check.Requirements,
		"Check.MarshalText":             Check.MarshalText,
		"ML3Verdict.Met":                ML3Verdict.Met,
		"ML3Verdict.Findings":           ML3Verdict.Findings,
		"NotificationStages":            NotificationStages,
		"NotificationStage.Valid":       NotificationStage.Valid,
		"NotificationStage.String":      NotificationStage.String,
		"NotificationStage.MarshalText": NotificationStage.MarshalText,
		"Notification.IsZero":           Notification.IsZero,
	}
	skip := map[string]string{}
	for _, n := range []string{"Level.UnmarshalText", "Obligation.UnmarshalText", "CompetenceKind.UnmarshalText",
		"ImprovementSource.UnmarshalText", "GapKind.UnmarshalText", "Check.UnmarshalText", "NotificationStage.UnmarshalText"} {
		skip[n] = "encoding.TextUnmarshaler: a nil receiver is a caller bug, as in the standard library"
	}
	nilwalk.Check(t, ".", fns, skip)
	// and with a zero manifest and a date: an invalid manifest, not a panic
	_, err := Assess(&Manifest{}, testNow, &Options{})
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
}

// findingScenarios runs the package on manifests that, together, raise every
// rule of the registry, and returns their findings by scenario.
func findingScenarios(t *testing.T) map[string][]requirement.Finding {
	t.Helper()
	out := map[string][]requirement.Finding{}
	run := func(name string, m *Manifest, opts *Options) {
		a, err := Assess(m, testNow, opts)
		require.NoError(t, err, name)
		v, err := a.Verdict(ObligationMandatory)
		require.NoError(t, err, name)
		out[name] = append(a.Findings(), v.Findings()...)
	}
	run("plc family", loadFixture(t), nil)
	run("empty evidence", &Manifest{SchemaVersion: SchemaVersion, Scope: fullSI().Scope}, siOptions(requirement.SI1))
	unapproved := fullSI()
	unapproved.Procedures[0].Approver = ""
	eachRelease(unapproved, func(r *Release) { r.SupportEnd = requirement.Date{} })
	run("unapproved, release dates unknown", unapproved, siOptions(requirement.SI2))
	short := without(fullSI(), "EV-2")
	evidence(short, "EV-1").RetentionUntil = requirement.MustParseDate("2030-01-01")
	evidence(short, "EV-3").RetentionUntil = requirement.Date{}
	run("short and unrecorded retention", short, siOptions(requirement.SI2))
	run("2099", future2099(fullSI()), siOptions(requirement.SI2))
	opts := siOptions(requirement.SI1, requirement.SI2)
	opts.Catalog = mustCatalog(t, practice.Edition2018)
	delete(opts.Artifacts, requirement.SI3)
	run("2018 catalog", without(fullSI(), "EV-6", "EV-7", "EV-4"), opts)
	return out
}

// eachRelease calls f on every release of the manifest's scope.
func eachRelease(m *Manifest, f func(r *Release)) {
	for i := range m.Scope.Projects {
		for j := range m.Scope.Projects[i].Releases {
			f(&m.Scope.Projects[i].Releases[j])
		}
	}
}

// Every finding the package raises has a registered rule with a valid basis,
// carries that basis, and names the edition of the catalog with its
// requirement; every registered rule is raised by some scenario.
func TestRulesRegistry(t *testing.T) {
	reg := Rules()
	require.NotEmpty(t, reg)
	byID := map[requirement.RuleID]requirement.Rule{}
	for i, r := range reg {
		assert.Equal(t, "maturity", r.Package)
		assert.True(t, r.Severity.Valid(), "%s", r.ID)
		assert.True(t, r.Basis.Valid(), "%s", r.ID)
		assert.NotEmpty(t, r.Description, "%s", r.ID)
		assert.True(t, strings.HasPrefix(string(r.ID), "maturity."), "%s", r.ID)
		if i > 0 {
			assert.Less(t, reg[i-1].ID, r.ID, "sorted by ID, no duplicates")
		}
		for _, ref := range r.Requirements {
			c := mustCatalog(t, ref.Edition)
			assert.True(t, c.Has(ref.ID), "%s names %s, which the %s catalog lacks", r.ID, ref, ref.Edition)
		}
		byID[r.ID] = r
	}
	reg[0].Description = "changed"
	if len(reg[len(reg)-1].Requirements) > 0 {
		reg[len(reg)-1].Requirements[0].ID = "XX-1"
	}
	assert.NotEqual(t, "changed", Rules()[0].Description, "a fresh copy")
	for _, r := range Rules() {
		for _, ref := range r.Requirements {
			assert.NotEqual(t, requirement.ID("XX-1"), ref.ID, "a deep copy")
		}
	}

	raised := map[requirement.RuleID]bool{}
	for name, fs := range findingScenarios(t) {
		for _, f := range fs {
			r, ok := byID[f.Rule]
			if !assert.True(t, ok, "%s: finding of unregistered rule: %s", name, f) {
				continue
			}
			raised[f.Rule] = true
			assert.Equal(t, r.Basis, f.Basis, "%s: %s", name, f)
			assert.True(t, f.Severity.Valid(), "%s: %s", name, f)
			if f.Requirement != "" {
				assert.True(t, f.Edition.Valid(), "%s: a requirement without edition: %s", name, f)
				assert.True(t, mustCatalog(t, f.Edition).Has(f.Requirement), "%s: %s names a requirement of another edition", name, f)
			}
			if name == "2018 catalog" && f.Requirement != "" {
				assert.Equal(t, practice.Edition2018, f.Edition, "%s", f)
			}
		}
	}
	for id := range byID {
		assert.True(t, raised[id], "no scenario raises %s", id)
	}
	for _, k := range GapKinds() {
		if k.Rule() != "" {
			assert.Contains(t, byID, k.Rule())
		}
	}
	for _, c := range Checks() {
		r := byID[c.Rule()]
		for _, e := range []practice.Edition{practice.Edition2018, practice.EditionA11} {
			var want []requirement.ID
			for _, ref := range r.Requirements {
				if ref.Edition == e {
					want = append(want, ref.ID)
				}
			}
			assert.Equal(t, want, c.Requirements(e), "%s in %s", c, e)
		}
	}
}

// A finding about a record, procedure or release names it in Subject.
func TestFindingSubjects(t *testing.T) {
	subjects := map[requirement.RuleID][]string{}
	for _, fs := range findingScenarios(t) {
		for _, f := range fs {
			if f.Subject != "" && !slices.Contains(subjects[f.Rule], f.Subject) {
				subjects[f.Rule] = append(subjects[f.Rule], f.Subject)
			}
		}
	}
	assert.Contains(t, subjects[ruleProcedureNotApproved], "P-SI")
	assert.Contains(t, subjects[ruleRetentionTooShort], "EV-1")
	assert.Contains(t, subjects[ruleRetentionUnknown], "EV-3")
	assert.Contains(t, subjects[ruleRetentionUnknown], "a/1", "a release whose period is unknown")
	assert.Contains(t, subjects[ruleMissingArtifact], "a/1")
	assert.Contains(t, subjects[ruleDatedAfterAssessment], "EV-1")
	assert.Empty(t, subjects[ruleBelowML3], "about the requirement, which the finding names")
}

func TestDecodeLimitsAndBOM(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, fullSI()))
	m, err := Decode(bytes.NewReader(append([]byte("\xef\xbb\xbf"), buf.Bytes()...)), nil)
	require.NoError(t, err, "a leading byte-order mark is accepted")
	assert.Equal(t, fullSI(), m)

	bad := fullSI()
	for i := range bad.Evidence {
		bad.Evidence[i].SHA256 = "x"
		bad.Evidence[i].URI = ""
	}
	buf.Reset()
	require.NoError(t, Encode(&buf, bad))
	_, err = Decode(bytes.NewReader(buf.Bytes()), &DecodeOptions{Limits: requirement.Limits{MaxProblems: 3}})
	var list problem.List
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 4, "three problems and the count of the rest")
	assert.ErrorIs(t, list[3], problem.ErrLimit)
	assert.Contains(t, list[3].Message, "and 11 more problems")
}

// Enum constant names match their text.
func TestEnumNamesMatchText(t *testing.T) {
	camel := func(s string) string {
		var b strings.Builder
		for _, part := range strings.Split(s, "-") {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
		return b.String()
	}
	names := map[GapKind]string{
		GapNoEvidence: "GapNoEvidence", GapMissingProcedure: "GapMissingProcedure", GapProcedureNotApproved: "GapProcedureNotApproved",
		GapMissingCompetence: "GapMissingCompetence", GapMissingArtifact: "GapMissingArtifact", GapRetentionTooShort: "GapRetentionTooShort",
		GapRetentionUnknown: "GapRetentionUnknown", GapMissingControlMetric: "GapMissingControlMetric",
		GapMissingIncidentImprovement: "GapMissingIncidentImprovement", GapMissingAuditImprovement: "GapMissingAuditImprovement",
	}
	require.Len(t, names, len(GapKinds()))
	for k, n := range names {
		assert.Equal(t, n, "Gap"+camel(k.String()))
	}
	for _, s := range ImprovementSources() {
		assert.Contains(t, []string{"SourceIncidentData", "SourceInternalAudit", "SourceMetrics"}, "Source"+camel(s.String()))
	}
	for _, v := range []fmt.Stringer{Level(0), Obligation(0), CompetenceKind(0), ImprovementSource(0), GapKind(0), Check(0), NotificationStage(0)} {
		assert.Equal(t, "unset", v.String(), "%T", v)
	}
	for _, v := range []fmt.Stringer{Level(7), Obligation(7), CompetenceKind(7), ImprovementSource(7), GapKind(70), Check(7), NotificationStage(7)} {
		assert.True(t, strings.HasPrefix(v.String(), "invalid("), "%T: %s", v, v)
	}
}
