package maturity

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestEndToEndPLCFamily assesses the realistic fixture: a PLC product family
// (CPU firmware, I/O module firmware, engineering software; two releases
// each) with four planted gaps: no penetration test report for nx-io 2.1,
// an SG procedure that was never approved, a threat model of nx-studio
// 2025.1 kept for too short a time, and a vulnerability notification sent
// after the 72-hour deadline (its early warning, EV-0274, was in time). The
// golden ends with the verdict once the planted gaps are closed, which shows
// what each demonstration rests on.
func TestEndToEndPLCFamily(t *testing.T) {
	m := loadFixture(t)
	a, err := Assess(m, testNow, nil)
	require.NoError(t, err)

	// Planted gap 1: one record short of ML3.
	svv4, ok := a.Requirement(requirement.SVV4)
	require.True(t, ok)
	assert.Equal(t, ML2, svv4.Level)
	require.NotEmpty(t, svv4.Next())
	assert.Contains(t, svv4.Next(), Gap{Kind: GapMissingArtifact, Level: ML3, Artifact: requirement.ArtifactPenetrationTestReport,
		Project: "nx-io", Release: "2.1", Pointer: "/scope/projects/1/releases/1",
		Message: `SVV-4: no "penetration-test-report" evidence for project "nx-io" release "2.1" (add the record, listing SVV-4 in its requirements)`})
	svv, _ := a.Practice(practice.SVV)
	assert.Equal(t, ML2, svv.Level)
	assert.Contains(t, svv.Limiting, requirement.SVV4)

	// Planted gap 2: unapproved procedure holds all of SG at ML1.
	sg, _ := a.Practice(practice.SG)
	assert.Equal(t, ML1, sg.Level)
	for _, id := range sg.Requirements {
		r, _ := a.Requirement(id)
		assert.Equal(t, ML1, r.Level, "%s", id)
		assert.Equal(t, []GapKind{GapProcedureNotApproved}, gapKinds(r.Next()))
	}

	// Planted gap 3: retention too short.
	srm3, _ := a.Requirement(requirement.SRM3)
	assert.Contains(t, gapKinds(srm3.Next()), GapRetentionTooShort)

	// DM has metrics and closed improvements from incidents and audits, so
	// nothing beyond artifacts keeps it from ML4.
	for _, id := range []requirement.ID{requirement.DM7, requirement.DM8} {
		r, _ := a.Requirement(id)
		assert.Equal(t, ML4, r.Level, "%s: %v", id, r.Gaps)
	}

	v, err := a.Verdict(ObligationMandatory)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeFail, v.Outcome)
	assert.Contains(t, v.BelowML3, requirement.SVV4)
	assert.Contains(t, v.BelowML3, requirement.SG1)

	// Planted gap 4: the notification EV-0275 is late; the early warning
	// EV-0274 on the same vulnerability is in time.
	vh := v.Checks[CheckVulnerabilityHandling-1]
	assert.Equal(t, requirement.OutcomeFail, vh.Outcome)
	require.Len(t, vh.Reasons, 1)
	assert.Contains(t, vh.Reasons[0], `notification "EV-0275"`)

	fixed, err := Assess(fixedFixture(t), testNow, nil)
	require.NoError(t, err)
	fv, err := fixed.Verdict(ObligationMandatory)
	require.NoError(t, err)
	assert.True(t, fv.Met(), "%v", fv.Reasons)

	var b strings.Builder
	b.WriteString(render(a, v))
	b.WriteString("\nwith the planted gaps closed:\n")
	renderVerdict(&b, fv)
	checkGolden(t, "testdata/plc-family.golden", b.String())
}

func renderVerdict(b *strings.Builder, v ML3Verdict) {
	fmt.Fprintf(b, "verdict (%s): %s\n", v.Obligation, v.Outcome)
	for _, c := range v.Checks {
		fmt.Fprintf(b, "  %-22s %s\n", c.Check, c.Outcome)
		for _, r := range c.Reasons {
			fmt.Fprintf(b, "      %s\n", r)
		}
	}
}

func render(a *Assessment, v ML3Verdict) string {
	var b strings.Builder
	fmt.Fprintf(&b, "catalog %s\n\npractices:\n", a.Catalog)
	for _, p := range a.Practices {
		fmt.Fprintf(&b, "  %-4s %s\n", p.Practice, p.Level)
	}
	b.WriteString("\nrequirements below ML3:\n")
	for _, r := range a.Requirements {
		if r.Reached && r.Level >= ML3 {
			continue
		}
		fmt.Fprintf(&b, "  %-6s %s\n", r.Requirement, r.Level)
		for _, g := range r.Next() {
			fmt.Fprintf(&b, "         next: %s\n", g.Message)
		}
	}
	b.WriteString("\n")
	renderVerdict(&b, v)
	b.WriteString("\nfindings:\n")
	for _, f := range append(a.Findings(), v.Findings()...) {
		fmt.Fprintf(&b, "  %s\n", f)
	}
	return b.String()
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), got, "run go test ./maturity -run TestEndToEnd -update after a deliberate change (such as new catalog artifact data)")
}

func TestAssessmentJSON(t *testing.T) {
	m := loadFixture(t)
	m.Evidence = m.Evidence[:0:0] // nothing supports anything: levels are unset
	a, err := Assess(m, testNow, nil)
	require.NoError(t, err)
	v, err := a.Verdict(ObligationRecommended)
	require.NoError(t, err)
	first, err := json.Marshal(struct {
		A *Assessment
		V ML3Verdict
	}{a, v})
	require.NoError(t, err, "unset levels are omitted, not marshalled")
	assert.Contains(t, string(first), `"reached":false`)
	assert.Contains(t, string(first), `"obligation":"recommended"`)

	a, err = Assess(loadFixture(t), testNow, nil)
	require.NoError(t, err)
	b1, err := json.Marshal(a)
	require.NoError(t, err)
	a2, err := Assess(loadFixture(t), testNow, nil)
	require.NoError(t, err)
	b2, err := json.Marshal(a2)
	require.NoError(t, err)
	assert.Equal(t, string(b1), string(b2), "deterministic")
	assert.Contains(t, string(b1), `"level":"ML2"`)
}
