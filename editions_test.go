package iec62443_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// The other example dossiers of examples/assess: the same PLC one release
// later with every blocking gap closed, and the same PLC assessed against
// the 2018 edition.
var (
	holdsDir = filepath.Join("examples", "assess", "testdata", "holds")
	plc2018  = filepath.Join("examples", "assess", "testdata", "plc-2018")
)

func loadDir(t testing.TB, dir string) *iec62443.Dossier {
	t.Helper()
	d, err := iec62443.Load(ctx, os.DirFS(dir), "dossier.json", nil)
	require.NoError(t, err)
	return d
}

func assessDossier(t testing.TB, d *iec62443.Dossier) *iec62443.Report {
	t.Helper()
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	return rep
}

// rendered returns the report in the three formats.
func rendered(t testing.TB, rep *iec62443.Report) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, render := range renderers {
		var buf bytes.Buffer
		require.NoError(t, render(&buf, rep, nil))
		out[name] = buf.String()
	}
	return out
}

// c1Dossier is the example PLC as a C1 product: no Annex III function,
// reached only over a local fieldbus, without essential functions.
func c1Dossier(t testing.TB) *iec62443.Dossier {
	t.Helper()
	d := loadExample(t)
	d.Context.CRAProducts = nil
	d.Context.Exposure = annex.ExposureLocalFieldbus
	d.Context.EssentialFunctions = false
	d.Context.TargetSLC = 1
	return d
}

// sp3Dossier is the holding dossier designed for SL-C 3, which puts it at
// security profile SP3, with records of the two modules the SDK's test
// matrix adds at SP3: its penetration test, by an independent department,
// meets the 2018 minimum independence but not the SDK's grading for SP3.
func sp3Dossier(t testing.TB) *iec62443.Dossier {
	t.Helper()
	d := loadDir(t, holdsDir)
	d.Context.TargetSLC = 3
	for _, m := range []annex.Module{annex.ModuleCryptographyTesting, annex.ModuleUpdateMechanismTesting} {
		d.TestRecords = append(d.TestRecords, annex.TestRecord{
			ID: "TR-SP3-" + string(m), Module: m, Scope: "CX-500 firmware 3.3.0", Tool: "in-house suite", ToolVersion: "1.0",
			Date: requirement.NewDate(2026, 10, 20), Tester: "Test team B", Independence: annex.IndependencePerson,
			Findings: "none", ThreatsCovered: []string{"T-01"},
		})
	}
	return d
}

// TestVerdictSeparatesProvisionalGaps: a penetration test by an independent
// department at SP3 meets the 2018 minimum but fails the SDK's own grading.
// The verdict counts that as a gap of the provisional modelling, not as a
// gap against published requirements, and every output says so.
func TestVerdictSeparatesProvisionalGaps(t *testing.T) {
	rep := assessDossier(t, sp3Dossier(t))
	require.Equal(t, annex.ProfileSP3, rep.Classification.Profile)
	var high []requirement.Finding
	for _, f := range rep.AllFindings() {
		if f.Severity >= requirement.SeverityHigh {
			high = append(high, f)
		}
	}
	require.Len(t, high, 1, "only the independence of the penetration test: %v", high)
	assert.Equal(t, requirement.RuleID("annex.tester-independence-insufficient"), high[0].Rule)
	assert.Equal(t, requirement.BasisProvisional, high[0].Basis)

	v := rep.Verdict
	assert.Equal(t, requirement.OutcomePass, v.PublishedOutcome, "no published requirement finds a gap")
	assert.Zero(t, v.PublishedGaps)
	assert.Equal(t, requirement.OutcomeFail, v.ProvisionalOutcome)
	assert.Equal(t, 1, v.ProvisionalGaps)
	assert.Equal(t, requirement.OutcomeFail, v.Outcome, "the A11 draft's ML3 demand, as modelled, is not met")
	assert.False(t, v.Holds)
	assert.NotContains(t, strings.Join(v.Reasons, "\n"), "against published requirements")

	out := rendered(t, rep)
	const sentence = "No gap remains against published requirements; the product would fail under the A11 draft as the SDK models it: its ML3 demand is not met."
	assert.Contains(t, out["markdown"], "\n"+sentence+"\n")
	assert.Contains(t, out["markdown"], "- Published requirements (the 2018 edition, the CRA, BSI TR-03183-2, NTIA): **pass**: no high or critical finding")
	assert.Contains(t, out["markdown"], "| high | SVV-5 | annex.tester-independence-insufficient | provisional |")
	assert.Contains(t, out["html"], strings.ReplaceAll(sentence, "'", "&#39;"))
	assert.Contains(t, out["html"], "<td>annex.tester-independence-insufficient</td><td>provisional</td>")
	assert.Contains(t, out["json"], `"published_outcome": "pass"`)
	assert.Contains(t, out["json"], `"provisional_outcome": "fail"`)

	// The example's published gaps are counted apart from the provisional ones.
	ex := assessExample(t).Verdict
	assert.Equal(t, requirement.OutcomeFail, ex.PublishedOutcome)
	assert.Positive(t, ex.PublishedGaps)
	assert.Equal(t, requirement.OutcomeFail, ex.ProvisionalOutcome)
	assert.Equal(t, rep.Count(requirement.SeverityHigh), v.PublishedGaps+v.ProvisionalGaps)
	assert.Equal(t, assessExample(t).Count(requirement.SeverityHigh), ex.PublishedGaps+ex.ProvisionalGaps)

	// A holding verdict passes both parts.
	holds := assessDossier(t, loadDir(t, holdsDir)).Verdict
	assert.True(t, holds.Holds)
	assert.Equal(t, requirement.OutcomePass, holds.PublishedOutcome)
	assert.Equal(t, requirement.OutcomePass, holds.ProvisionalOutcome)
}

// jsonMemberPresumption matches a JSON member whose name speaks of
// presumption.
var jsonMemberPresumption = regexp.MustCompile(`"[a-z_]*presum[a-z_]*"\s*:`)

// TestVerdictClaimsNoPresumption: no output claims a presumption of
// conformity; every one says what the verdict is and is not.
func TestVerdictClaimsNoPresumption(t *testing.T) {
	for name, d := range map[string]*iec62443.Dossier{
		"example": loadExample(t), "holds": loadDir(t, holdsDir), "2018": loadDir(t, plc2018),
	} {
		for format, out := range rendered(t, assessDossier(t, d)) {
			assert.NotContains(t, out, "Presumption of conformity at ML3", "%s %s: the old headline", name, format)
			assert.NotContains(t, out, "presumption-of-conformity", "%s %s", name, format)
			assert.False(t, jsonMemberPresumption.MatchString(out), "%s %s: no JSON member's name claims it", name, format)
			if format != "json" {
				assert.Contains(t, out, "This verdict is not a presumption of conformity. Under CRA Art. 27", "%s %s", name, format)
				assert.Contains(t, out, "ML3 demand", "%s %s", name, format)
			}
		}
	}
}

// TestProvisionalMarkedBothEditions: the classification, test plan,
// applicability, CRA coverage and verdict are marked provisional where a
// person reads them, in a 2018 report as in an A11 report; a 2018 report
// calls the classification the SDK's A11 Annex B modelling, never "Annex B"
// alone (in 2018, Annex B is the table of requirements).
func TestProvisionalMarkedBothEditions(t *testing.T) {
	for _, tc := range []struct {
		name    string
		d       *iec62443.Dossier
		marks   []string // in the Markdown report
		absent  []string
		catalog bool
	}{
		{"A11", loadExample(t), []string{
			"> **Provisional content.** A11 is a draft not yet cited in the Official Journal of the EU",
			"| Product security context category (Annex B, provisional) | C3 |",
			"| Security profile (Annex D, provisional) | SP2 |",
			"| Risk workflow state (Annex C, provisional) |",
			"| Applicable requirements (Annex C, provisional) |",
			"## Classification (Annex B, provisional)",
			"## Test plan (Annex D, provisional; profile SP2)",
			"## CRA essential requirements (through the SDK's provisional CRA mapping)",
			"## ML3 demonstrations (the A11 draft's ML3 demand as the SDK models it, provisional)",
			"the mapping of requirements to CRA essential requirements behind the CRA coverage",
			"the rules that decide which requirements apply",
			"decisions come from the SDK's provisional applicability rules",
			"The SDK's provisional modelling of the A11 draft (its ML3 demand and the provisional rules): **fail**",
		}, nil, true},
		{"2018", loadDir(t, plc2018), []string{
			"> **Provisional content.** The requirements assessed are those of the published 2018 edition, but these parts of the report are the SDK's provisional modelling of the A11 draft",
			"(the SDK's A11 Annex B modelling; in the 2018 edition, Annex B is the table of requirements)",
			"| Product security context category (A11 Annex B as the SDK models it, provisional) | C3 |",
			"| Security profile (A11 Annex D as the SDK models it, provisional) | SP2 |",
			"| Risk workflow state (A11 Annex C as the SDK models it, provisional) |",
			"## Classification (A11 Annex B as the SDK models it, provisional)",
			"The 2018 edition has neither: in it, Annex B is the table of requirements.",
			"## Test plan (A11 Annex D as the SDK models it, provisional; profile SP2)",
			"## CRA essential requirements (through the SDK's provisional CRA mapping)",
			"the satisfied 2018 requirements are translated through the edition delta first",
			"| Provision | Coverage | Satisfied | Partly met | Missing | Why |",
			"## ML3 demonstrations (the A11 draft's ML3 demand as the SDK models it, provisional)",
			"The SDK's provisional modelling of the A11 draft (its ML3 demand and the provisional rules): **fail**",
		}, []string{"(Annex B", "(Annex C", "(Annex D", "IDs, titles and content of the A11 draft"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := assessDossier(t, tc.d)
			assert.Equal(t, tc.catalog, rep.IsProvisional(iec62443.ProvisionalCatalog))
			for _, p := range []iec62443.ProvisionalPart{iec62443.ProvisionalClassification, iec62443.ProvisionalRiskWorkflow,
				iec62443.ProvisionalApplicability, iec62443.ProvisionalTestPlan, iec62443.ProvisionalCoverage, iec62443.ProvisionalML3Demand} {
				assert.True(t, rep.IsProvisional(p), "%s", p)
			}
			out := rendered(t, rep)
			for _, m := range tc.marks {
				assert.Contains(t, out["markdown"], m)
			}
			for _, m := range tc.absent {
				assert.NotContains(t, out["markdown"], m)
			}
			html := out["html"]
			assert.Contains(t, html, `<p class="provisional"><strong>Provisional content.</strong>`)
			assert.Contains(t, html, "<h2>CRA essential requirements (through the SDK&#39;s provisional CRA mapping)</h2>")
			assert.Contains(t, html, "applicable <span class=\"mark\">(provisional)</span>", "SoA decisions of the SDK's rules are marked")
			var doc struct {
				Provisional []string `json:"provisional"`
			}
			require.NoError(t, json.Unmarshal([]byte(out["json"]), &doc))
			assert.Contains(t, doc.Provisional, "classification")
			assert.Contains(t, doc.Provisional, "ml3-demand")
		})
	}
}

// TestMilestonesInEveryReport: every report gives the CRA milestones and how
// far the assessment date is from each.
func TestMilestonesInEveryReport(t *testing.T) {
	rep := assessExample(t)
	require.Len(t, rep.Milestones, 3)
	want := []struct {
		m       annex.Milestone
		date    string
		days    int
		applies bool
	}{
		{annex.MilestoneNotifiedBodies, "2026-06-11", -162, true},
		{annex.MilestoneReporting, "2026-09-11", -70, true},
		{annex.MilestoneApplication, "2027-12-11", 386, false},
	}
	for i, w := range want {
		got := rep.Milestones[i]
		assert.Equal(t, w.m, got.Milestone)
		assert.Equal(t, w.date, got.Date.String())
		assert.Equal(t, w.days, got.Days)
		assert.Equal(t, w.applies, got.Applies)
	}
	out := rendered(t, rep)
	assert.Contains(t, out["markdown"], "## CRA milestones")
	assert.Contains(t, out["markdown"], "| general-application | the Regulation applies in general | 2027-12-11 | Art. 71(2) | not yet applicable, in 386 day(s) |")
	assert.Contains(t, out["markdown"], "| notified-bodies | Chapter IV (notification of conformity assessment bodies) applies | 2026-06-11 | Art. 71(2) | applies, 162 day(s) ago |")
	assert.Contains(t, out["markdown"], "| Next CRA milestone | general-application on 2027-12-11, in 386 day(s) |")
	assert.Contains(t, out["html"], "<h2>CRA milestones</h2>")
	assert.Contains(t, out["html"], "<td>not yet applicable, in 386 day(s)</td>")
	assert.Contains(t, out["json"], `"milestone": "general-application"`)

	// The 2018 report too, at another date: the day before general
	// application, and after it.
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2027, 12, 10, 12, 0, 0, 0, time.UTC), "| Next CRA milestone | general-application on 2027-12-11, in 1 day(s) |"},
		{time.Date(2028, 1, 10, 12, 0, 0, 0, time.UTC), "| Next CRA milestone | none: every part of the CRA applies |"},
	} {
		late, err := iec62443.Assess(ctx, loadDir(t, plc2018), tc.at, nil)
		require.NoError(t, err)
		require.Len(t, late.Milestones, 3)
		assert.Contains(t, rendered(t, late)["markdown"], tc.want)
	}
}

// TestEdition2018EndToEnd assesses the 2018 example dossier: every finding
// names a requirement of the 2018 catalog (or none), the rule's registry
// requirement for 2018 where it names one, and the CRA coverage is computed
// through the delta: 2018 SR-1 (product security context) is never credited
// as A11 SR-1 (product security requirements).
func TestEdition2018EndToEnd(t *testing.T) {
	rep := assessDossier(t, loadDir(t, plc2018))
	assert.Equal(t, requirement.Edition2018, rep.Edition)
	c2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	assert.Len(t, rep.SoA.Entries, c2018.Len())
	all := rep.AllFindings()
	require.NotEmpty(t, all)
	checkFindings(t, "2018 example", all)
	for _, f := range all {
		if f.Requirement != "" {
			assert.Equal(t, requirement.Edition2018, f.Edition, "%s %s", f.Rule, f.Requirement)
		}
	}
	// 2018 SR-1 is verified in the statement, 2018 SR-3 too.
	for _, id := range []requirement.ID{"SR-1", "SR-3"} {
		i := slices.IndexFunc(rep.SoA.Entries, func(e soa.Entry) bool { return e.Requirement == id })
		require.GreaterOrEqual(t, i, 0)
		assert.Equal(t, soa.StatusVerified, rep.SoA.Entries[i].Status, "%s", id)
	}
	// Read as A11 IDs, the satisfied 2018 requirements would credit A11
	// SR-1 under Annex I Part I (1); through the delta they do not.
	var naive []requirement.ID
	for _, e := range rep.SoA.Entries {
		if e.Applies() && e.Status == soa.StatusVerified && requirement.Default().Has(e.Requirement) {
			naive = append(naive, e.Requirement)
		}
	}
	wrong, err := annex.CRACoverage(requirement.Default(), naive)
	require.NoError(t, err)
	part1 := func(cs []annex.ProvisionCoverage) annex.ProvisionCoverage {
		i := slices.IndexFunc(cs, func(c annex.ProvisionCoverage) bool { return c.Provision.String() == "Annex I Part I (1)" })
		require.GreaterOrEqual(t, i, 0)
		return cs[i]
	}
	require.Contains(t, part1(wrong).Satisfied, requirement.ID("SR-1"), "the mistake the delta prevents")
	got := part1(rep.Coverage)
	assert.NotContains(t, got.Satisfied, requirement.ID("SR-1"), "2018 SR-1 is not A11 SR-1")
	assert.Contains(t, got.PartlyMet, requirement.ID("SRM-2"), "2018 SR-1 partly meets A11 SRM-2, its successor")
	assert.Contains(t, got.PartlyMet, requirement.ID("SR-1"), "2018 SR-3 partly meets A11 SR-1, its successor")
}

// TestReport2018Golden: the 2018 example's report, Markdown (shared with
// examples/assess) and JSON, against their golden files.
func TestReport2018Golden(t *testing.T) {
	rep := assessDossier(t, loadDir(t, plc2018))
	for _, tt := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"../examples/assess/testdata/plc-2018.golden.md", func(b *bytes.Buffer) error { return iec62443.RenderMarkdown(b, rep, nil) }},
		{"report-2018.golden.json", func(b *bytes.Buffer) error { return iec62443.RenderJSON(b, rep, nil) }},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, tt.write(&buf))
			path := filepath.Join("testdata", tt.file)
			if *update {
				require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test . -run Golden -update")
			assert.Equal(t, string(want), buf.String(), "golden %s differs: run go test . -run Golden -update and review the diff", path)
		})
	}
}

// TestNoFindingAgainstExcludedRequirement is the invariant between the
// statement of applicability and the findings: over the example dossiers
// (A11, holding, 2018) and a C1 variant, no finding names a requirement the
// report's statement marks not applicable, except the findings about that
// decision itself (which question the exclusion, not the requirement).
func TestNoFindingAgainstExcludedRequirement(t *testing.T) {
	aboutDecision := map[requirement.RuleID]bool{
		requirement.RuleID("soa.override-contradicts-assessment"): true,
		requirement.RuleID("soa.justification-missing"):           true,
		requirement.RuleID("soa.justification-generic"):           true,
		requirement.RuleID("soa.not-applicable-with-risks"):       true,
		requirement.RuleID("soa.exclusion-unconfirmed"):           true,
		requirement.RuleID("soa.status-on-exclusion"):             true,
		requirement.RuleID("dossier.soa-excludes-applicable"):     true,
		requirement.RuleID("dossier.soa-assessment-stale"):        true,
	}
	c1 := c1Dossier(t)
	for name, d := range map[string]*iec62443.Dossier{
		"A11": loadExample(t), "holds": loadDir(t, holdsDir), "2018": loadDir(t, plc2018), "C1": c1,
	} {
		t.Run(name, func(t *testing.T) {
			rep := assessDossier(t, d)
			if name == "C1" {
				require.Equal(t, annex.Category1, rep.Classification.Category)
			}
			excluded := map[requirement.ID]bool{}
			for _, e := range rep.SoA.Entries {
				if !e.Applies() {
					excluded[e.Requirement] = true
				}
			}
			if name == "C1" {
				assert.NotEmpty(t, excluded, "a C1 product excludes some requirements")
			}
			for _, f := range rep.AllFindings() {
				if f.Requirement == "" || aboutDecision[f.Rule] {
					continue
				}
				assert.False(t, excluded[f.Requirement], "%s names %s, which the statement marks not applicable: %s", f.Rule, f.Requirement, f.Message)
			}
		})
	}
}

// TestOmittedFindingsShowBasis: findings a report counts without listing
// them still say what their rule rests on, in Markdown and HTML.
func TestOmittedFindingsShowBasis(t *testing.T) {
	rep := assessExample(t)
	opts := &iec62443.RenderOptions{MaxFindingsPerRule: 1}
	var md, html bytes.Buffer
	require.NoError(t, iec62443.RenderMarkdown(&md, rep, opts))
	require.NoError(t, iec62443.RenderHTML(&html, rep, opts))
	assert.Contains(t, md.String(), "| low | | sbom.source-uri | published | | and ")
	assert.Contains(t, md.String(), "| medium | | maturity.below-ml3 | provisional | | and ")
	assert.Contains(t, html.String(), "<td></td><td>sbom.source-uri</td><td>published</td><td></td><td>and ")
}
