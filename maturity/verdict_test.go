package maturity

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// fixedFixture is the PLC fixture with its four planted gaps closed by hand:
// the unapproved SG procedure, the threat model EV-0224 kept too briefly,
// the missing penetration test report of nx-io 2.1 and the late
// vulnerability notification EV-0275. It fails the test when any other gap
// blocks ML3, so the passing verdict tests rest on the fixture, not on the
// assessment's own output.
func fixedFixture(t testing.TB) *Manifest {
	t.Helper()
	m := loadFixture(t)

	var sg *Procedure
	for i := range m.Procedures {
		if m.Procedures[i].ID == "PROC-SG" {
			sg = &m.Procedures[i]
		}
	}
	require.NotNil(t, sg, "planted gap: procedure PROC-SG")
	require.False(t, sg.IsApproved(), "planted gap: PROC-SG is unapproved")
	sg.Approver, sg.Approved = "Head of Product Security", requirement.MustParseDate("2024-02-12")

	tm := evidence(m, "EV-0224")
	require.Equal(t, requirement.MustParseDate("2031-12-31"), tm.RetentionUntil, "planted gap: EV-0224 is kept too briefly")
	tm.RetentionUntil = requirement.MustParseDate("2040-12-31")

	for _, e := range m.Evidence {
		require.False(t, e.Kind == requirement.ArtifactPenetrationTestReport && e.Project == "nx-io" && e.Release == "2.1",
			"planted gap: nx-io 2.1 has no penetration test report")
	}
	m.Evidence = append(m.Evidence, record("EV-9001", requirement.ArtifactPenetrationTestReport, "nx-io", "2.1", "2040-12-31", requirement.SVV4))

	late := &evidence(m, "EV-0275").Notification
	require.Equal(t, StageNotification, late.Stage)
	require.True(t, late.Sent.After(late.Aware.Add(72*time.Hour)), "planted gap: EV-0275 is sent after 72 hours")
	late.Sent = late.Aware.Add(71 * time.Hour)

	a, err := Assess(m, testNow, nil)
	require.NoError(t, err)
	for _, r := range a.Requirements {
		for _, g := range r.Gaps {
			if g.Level <= ML3 {
				t.Fatalf("the fixture has a gap besides the planted ones (fix testdata/plc-family.json): %s", g.Message)
			}
		}
	}
	return m
}

func TestVerdictChecks(t *testing.T) {
	kind := func(m *Manifest, k requirement.ArtifactKind, f func(e *Evidence)) {
		for i := range m.Evidence {
			if m.Evidence[i].Kind == k {
				f(&m.Evidence[i])
			}
		}
	}
	drop := func(m *Manifest, k requirement.ArtifactKind, project, release string) {
		var out []Evidence
		for _, e := range m.Evidence {
			if e.Kind == k && (project == "" || e.Project == project) && (release == "" || e.Release == release) {
				continue
			}
			out = append(out, e)
		}
		m.Evidence = out
	}
	tests := []struct {
		name    string
		mutate  func(m *Manifest)
		check   Check
		outcome requirement.Outcome
		reason  string
	}{
		{name: "specification after design", check: CheckSecurityByDesign, outcome: requirement.OutcomeFail, reason: "nx-cpu 4.1: requirements specification",
			mutate: func(m *Manifest) {
				kind(m, requirement.ArtifactRequirementsSpecification, func(e *Evidence) {
					if e.Project == "nx-cpu" && e.Release == "4.1" {
						e.Produced = requirement.MustParseDate("2026-01-30")
					}
				})
			}},
		{name: "no specification", check: CheckSecurityByDesign, outcome: requirement.OutcomeFail, reason: "nx-io 2.0 has no requirements-specification",
			mutate: func(m *Manifest) { drop(m, requirement.ArtifactRequirementsSpecification, "nx-io", "2.0") }},
		{name: "nothing to compare with", check: CheckSecurityByDesign, outcome: requirement.OutcomeUnknown, reason: "nx-io 2.0 has no design",
			mutate: func(m *Manifest) {
				for _, k := range []requirement.ArtifactKind{requirement.ArtifactDesignSpecification, requirement.ArtifactDesignReviewRecord, requirement.ArtifactAttackSurfaceAnalysis,
					requirement.ArtifactImplementationReviewRecord, requirement.ArtifactStaticAnalysisReport, requirement.ArtifactCodingStandardCompliance} {
					drop(m, k, "nx-io", "2.0")
				}
			}},
		{name: "policy not approved", check: CheckVulnerabilityHandling, outcome: requirement.OutcomeUnknown, reason: "records no approval",
			mutate: func(m *Manifest) {
				kind(m, requirement.ArtifactVulnerabilityHandlingPolicy, func(e *Evidence) { e.Approver, e.Approved = "", requirement.Date{} })
			}},
		{name: "no reporting procedure", check: CheckVulnerabilityHandling, outcome: requirement.OutcomeFail, reason: "no reporting-procedure evidence covers nx-cpu 4.0",
			mutate: func(m *Manifest) { drop(m, requirement.ArtifactReportingProcedure, "", "") }},
		{name: "coding standard not approved", check: CheckSecureCoding, outcome: requirement.OutcomeUnknown,
			reason: "the coding-standard evidence covering nx-cpu 4.0, nx-cpu 4.1, nx-io 2.0, nx-io 2.1, nx-studio 2025.1, nx-studio 2026.1 records no approval",
			mutate: func(m *Manifest) {
				kind(m, requirement.ArtifactCodingStandard, func(e *Evidence) { e.Approver, e.Approved = "", requirement.Date{} })
			}},
		{name: "compliance reports need no approval", check: CheckSecureCoding, outcome: requirement.OutcomePass,
			mutate: func(m *Manifest) {
				kind(m, requirement.ArtifactCodingStandardCompliance, func(e *Evidence) { e.Approver, e.Approved = "", requirement.Date{} })
			}},
		{name: "late notification", check: CheckVulnerabilityHandling, outcome: requirement.OutcomeFail,
			reason: `notification "EV-0275" (notification) was sent 2026-10-08T09:40:01+02:00, 1s after its deadline 2026-10-08T09:40:00+02:00 (CRA Art. 14(2)(b))`,
			mutate: func(m *Manifest) {
				n := &evidence(m, "EV-0275").Notification
				n.Sent = n.Aware.Add(72*time.Hour + time.Second)
			}},
		{name: "compliance missing for one release", check: CheckSecureCoding, outcome: requirement.OutcomeFail, reason: "no coding-standard-compliance evidence covers nx-studio 2026.1",
			mutate: func(m *Manifest) { drop(m, requirement.ArtifactCodingStandardCompliance, "nx-studio", "2026.1") }},
		{name: "no key management", check: CheckDeliveryIntegrity, outcome: requirement.OutcomeFail, reason: "key-management-record",
			mutate: func(m *Manifest) { drop(m, requirement.ArtifactKeyManagementRecord, "", "") }},
		{name: "update delivery record replaces integrity mechanism", check: CheckDeliveryIntegrity, outcome: requirement.OutcomePass,
			mutate: func(m *Manifest) { drop(m, requirement.ArtifactIntegrityMechanism, "nx-io", "2.1") }},
		{name: "neither integrity evidence", check: CheckDeliveryIntegrity, outcome: requirement.OutcomeFail, reason: "no integrity-mechanism or update-delivery-record evidence covers nx-io 2.1",
			mutate: func(m *Manifest) {
				drop(m, requirement.ArtifactIntegrityMechanism, "nx-io", "2.1")
				drop(m, requirement.ArtifactUpdateDeliveryRecord, "nx-io", "2.1")
			}},
		{name: "retention period unknown", check: CheckArtifactRetention, outcome: requirement.OutcomeUnknown, reason: "nx-cpu 4.0 has no placed_on_market or support_end",
			mutate: func(m *Manifest) { m.Scope.Projects[0].Releases[0].SupportEnd = requirement.Date{} }},
		{name: "retention unset", check: CheckArtifactRetention, outcome: requirement.OutcomeUnknown, reason: "record no retention_until",
			mutate: func(m *Manifest) { m.Evidence[len(m.Evidence)-1].RetentionUntil = requirement.Date{} }},
		{name: "support beyond ten years", check: CheckArtifactRetention, outcome: requirement.OutcomeFail, reason: "required period ending 2041-12-31",
			mutate: func(m *Manifest) {
				m.Scope.Projects[2].Releases[1].SupportEnd = requirement.MustParseDate("2041-12-31")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixedFixture(t)
			tt.mutate(m)
			a, err := Assess(m, testNow, nil)
			require.NoError(t, err)
			v, err := a.Verdict(ObligationMandatory)
			require.NoError(t, err)
			c := v.Checks[tt.check-1]
			require.Equal(t, tt.check, c.Check)
			assert.Equal(t, tt.outcome, c.Outcome, "reasons: %v", c.Reasons)
			if tt.reason != "" {
				assert.Contains(t, strings.Join(c.Reasons, "\n"), tt.reason)
			}
			if tt.outcome != requirement.OutcomePass {
				assert.False(t, v.Met())
				found := false
				for _, r := range v.Reasons {
					found = found || strings.HasPrefix(r, tt.check.String()+": ")
				}
				assert.True(t, found, "the verdict lists the check's reasons: %v", v.Reasons)
				found = false
				for _, f := range v.Findings() {
					if f.Rule == tt.check.Rule() {
						found = true
					}
				}
				assert.True(t, found, "a finding with rule %s", tt.check.Rule())
			}
		})
	}
}

func TestVerdictUnknownOnly(t *testing.T) {
	m := fixedFixture(t)
	for i := range m.Evidence {
		if m.Evidence[i].Kind == requirement.ArtifactReportingProcedure {
			m.Evidence[i].Approver, m.Evidence[i].Approved = "", requirement.Date{}
		}
	}
	a, err := Assess(m, testNow, nil)
	require.NoError(t, err)
	v, err := a.Verdict(ObligationMandatory)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeUnknown, v.Outcome)
	fs := v.Findings()
	require.Len(t, fs, 2)
	for _, f := range fs {
		assert.Equal(t, requirement.SeverityHigh, f.Severity)
	}
}

// A decoded or hand-built Assessment has no evidence behind it: Verdict says
// so instead of panicking.
func TestVerdictNotAssessed(t *testing.T) {
	a, err := Assess(fullSI(), testNow, siOptions())
	require.NoError(t, err)
	b, err := json.Marshal(a)
	require.NoError(t, err)
	var decoded Assessment
	require.NoError(t, json.Unmarshal(b, &decoded))
	for name, a := range map[string]*Assessment{
		"decoded": &decoded,
		"literal": {Edition: a.Edition, Catalog: a.Catalog, Requirements: a.Requirements, Practices: a.Practices},
		"zero":    {},
	} {
		t.Run(name, func(t *testing.T) {
			var v ML3Verdict
			var err error
			require.NotPanics(t, func() { v, err = a.Verdict(ObligationMandatory) })
			require.ErrorIs(t, err, ErrNotAssessed)
			assert.Contains(t, err.Error(), "run Assess")
			assert.Zero(t, v.Outcome)
		})
	}
	var none *Assessment
	v, err := none.Verdict(ObligationMandatory)
	require.ErrorIs(t, err, problem.ErrNilInput)
	assert.Zero(t, v.Outcome)
}

func TestVerdictInvalidObligation(t *testing.T) {
	a, err := Assess(fullSI(), testNow, siOptions())
	require.NoError(t, err)
	_, err = a.Verdict(0)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
}

func TestChecksText(t *testing.T) {
	for _, c := range Checks() {
		b, err := c.MarshalText()
		require.NoError(t, err)
		var back Check
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, c, back)
		assert.NotEmpty(t, c.Requirements(requirement.Default().Edition()))
		for _, id := range c.Requirements(requirement.Default().Edition()) {
			assert.True(t, requirement.Default().Has(id), "%s names %s", c, id)
		}
	}
	assert.ErrorIs(t, new(Check).UnmarshalText([]byte("x")), problem.ErrInvalidValue)
	assert.False(t, Check(0).Valid())
}

func TestChecksName2018Requirements(t *testing.T) {
	c := mustCatalog(t, practice.Edition2018)
	for _, ch := range Checks() {
		for _, id := range ch.Requirements(practice.Edition2018) {
			assert.True(t, c.Has(id), "%s names %s", ch, id)
		}
	}
}

func TestAssess2018Catalog(t *testing.T) {
	opts := siOptions(requirement.SI1, requirement.SI2)
	opts.Catalog = mustCatalog(t, practice.Edition2018)
	delete(opts.Artifacts, requirement.SI3) // SI-3 is new in A11
	a, err := Assess(without(fullSI(), "EV-6", "EV-7"), testNow, opts)
	require.NoError(t, err)
	assert.Equal(t, practice.Edition2018, a.Edition)
	p, _ := a.Practice(practice.SI)
	assert.Equal(t, ML4, p.Level)
	v, err := a.Verdict(ObligationRecommended)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeFail, v.Outcome, "the small manifest lacks the ML3 demonstrations")
	for _, f := range v.Findings() {
		assert.Equal(t, requirement.SeverityLow, f.Severity)
	}
}
