package iec62443_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// exampleReport is the report on the example dossier, assessed once for the
// tests that only read it.
var exampleReport = sync.OnceValues(func() (*iec62443.Report, error) {
	d, err := exampleDossier()
	if err != nil {
		return nil, err
	}
	return iec62443.Assess(ctx, d, exampleNow, nil)
})

// assessExample returns the shared report on the example dossier: read it,
// never modify it (clone what you change).
func assessExample(t testing.TB) *iec62443.Report {
	t.Helper()
	rep, err := exampleReport()
	require.NoError(t, err)
	return rep
}

func TestAssessExample(t *testing.T) {
	rep := assessExample(t)
	assert.Equal(t, annex.ClassImportantI, rep.Classification.CRAClass, "the VPN function makes the PLC class I")
	assert.Equal(t, annex.Category3, rep.Classification.Category)
	assert.Equal(t, annex.ProfileSP2, rep.Classification.Profile)
	assert.False(t, rep.Verdict.Holds)
	assert.Equal(t, requirement.OutcomeFail, rep.Verdict.Outcome)
	assert.NotEmpty(t, rep.Verdict.Reasons)
	require.NotNil(t, rep.SoA)
	assert.Len(t, rep.SoA.Entries, requirement.Default().Len())
	require.NotNil(t, rep.Maturity)
	require.NotNil(t, rep.SBOM)
	assert.Len(t, rep.Coverage, len(annex.EssentialRequirements()))
	assert.NotEmpty(t, rep.NextActions)
	assert.LessOrEqual(t, len(rep.NextActions), 10)
	// every finding is sorted within its group and carries a rule and message
	for _, g := range rep.Findings {
		for i, f := range g.Findings {
			assert.NotEmpty(t, f.Rule)
			assert.NotEmpty(t, f.Message)
			assert.True(t, f.Severity.Valid())
			if i > 0 {
				assert.LessOrEqual(t, requirement.CompareFindings(g.Findings[i-1], f), 0)
			}
		}
	}
	// the open CRA clock of the exploited vulnerability is reported
	require.NotEmpty(t, rep.Deadlines)
	assert.Equal(t, "CVE-2026-44120", rep.Deadlines[0].Event)
}

func TestAssessDeterministic(t *testing.T) {
	a := assessExample(t)
	b, err := iec62443.Assess(ctx, loadExample(t), exampleNow, nil)
	require.NoError(t, err)
	var ja, jb bytes.Buffer
	require.NoError(t, iec62443.RenderJSON(&ja, a, nil))
	require.NoError(t, iec62443.RenderJSON(&jb, b, nil))
	assert.Equal(t, ja.String(), jb.String())
}

func TestAssessErrors(t *testing.T) {
	_, err := iec62443.Assess(ctx, nil, exampleNow, nil)
	require.ErrorIs(t, err, problem.ErrNilInput)
	_, err = iec62443.Assess(ctx, loadExample(t), time.Time{}, nil)
	require.ErrorIs(t, err, problem.ErrNoDate, "the SDK never reads the clock")
	d := loadExample(t)
	d.Register = nil
	_, err = iec62443.Assess(ctx, d, exampleNow, nil)
	require.ErrorIs(t, err, problem.ErrInvalidValue)

	// A zero edition is invalid, as it is everywhere in the SDK (it used to
	// mean A11 here).
	d = loadExample(t)
	d.Edition = 0
	_, err = iec62443.Assess(ctx, d, exampleNow, nil)
	require.ErrorIs(t, err, problem.ErrUnknownEdition)
	// A catalog of another edition than the dossier's.
	c2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	_, err = iec62443.Assess(ctx, loadExample(t), exampleNow, &iec62443.Options{Catalog: c2018})
	require.ErrorIs(t, err, problem.ErrWrongEdition)
}

func TestAssessWithoutEvidenceIsUnknown(t *testing.T) {
	d := loadExample(t)
	d.Evidence = nil
	d.SBOM = iec62443.SBOMRef{}
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeUnknown, rep.Verdict.ML3.Outcome, "missing evidence is unknown, never pass")
	assert.Equal(t, requirement.OutcomeFail, rep.Verdict.Outcome, "high findings decide the verdict even while maturity is unknown")
	assert.False(t, rep.Verdict.Holds)
	assert.Nil(t, rep.Maturity)
	rules := map[requirement.RuleID]bool{}
	for _, f := range rep.AllFindings() {
		rules[f.Rule] = true
	}
	assert.True(t, rules[requirement.RuleID("dossier.no-evidence")])
	assert.True(t, rules[requirement.RuleID("dossier.no-sbom")])
}

func TestReportGolden(t *testing.T) {
	rep := assessExample(t)
	for _, tt := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		// the Markdown golden is shared with the example program that prints it
		{"../examples/assess/testdata/report.golden.md", func(b *bytes.Buffer) error { return iec62443.RenderMarkdown(b, rep, nil) }},
		{"report.golden.json", func(b *bytes.Buffer) error { return iec62443.RenderJSON(b, rep, nil) }},
		{"report.golden.html", func(b *bytes.Buffer) error { return iec62443.RenderHTML(b, rep, nil) }},
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

func TestReportJSONValidates(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, iec62443.RenderJSON(&buf, assessExample(t), nil))
	s := schema.MustCompile(iec62443.ReportSchemaID, iec62443.ReportSchema())
	tree, errs := docjson.Parse(buf.Bytes(), docjson.Limits{})
	require.Nil(t, errs)
	assert.Empty(t, s.Validate(tree))
}

func TestHTMLEscapesUserText(t *testing.T) {
	d := loadExample(t)
	d.Product.Name = `<script>alert("x")</script>`
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, iec62443.RenderHTML(&buf, rep, nil))
	assert.NotContains(t, buf.String(), `<script>alert`)
	assert.Contains(t, buf.String(), `&lt;script&gt;`)
	assert.NotContains(t, buf.String(), `src="http`, "self-contained: no external assets")
	assert.NotContains(t, buf.String(), `href="http`)
}

func TestMarkdownEscapesUserText(t *testing.T) {
	d := loadExample(t)
	d.Product.Name = "PLC | *bold* [click](javascript:alert(1)) `code` <b>x</b>\n# heading"
	d.Manufacturer.Name = "Acme | Co"
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, iec62443.RenderMarkdown(&buf, rep, nil))
	head, _, _ := strings.Cut(buf.String(), "\n\n> **Provisional content.**")
	assert.Equal(t, "# Conformity report: PLC \\| \\*bold\\* \\[click\\](javascript:alert(1)) \\`code\\` &lt;b>x&lt;/b> # heading 3.2\n\n"+
		"Manufacturer: Acme \\| Co  \nAssessed: 2026-11-20 12:00 UTC against EN IEC 62443-4-1 A11, catalog \"A11 draft 2026.1\"", head)
}

func TestConcurrentUse(t *testing.T) {
	d := loadExample(t)
	var want bytes.Buffer
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	require.NoError(t, iec62443.RenderJSON(&want, rep, nil))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = requirement.Default().Len()
			// Load runs every compiled schema validator (dossier, register,
			// evidence, test records) and the catalog lookups.
			if _, err := iec62443.Load(ctx, os.DirFS(exampleDir), "dossier.json", nil); err != nil {
				t.Error(err)
				return
			}
			r, err := iec62443.Assess(ctx, d, exampleNow, nil)
			if err != nil {
				t.Error(err)
				return
			}
			var got bytes.Buffer
			if err := iec62443.RenderJSON(&got, r, nil); err != nil {
				t.Error(err)
				return
			}
			if got.String() != want.String() {
				t.Error("concurrent Assess differs from the sequential result")
			}
		}()
	}
	wg.Wait()
}

func TestAssessGivenStatementIsCompared(t *testing.T) {
	resolved := assessExample(t).SoA
	require.NotNil(t, resolved)
	st := *resolved
	st.Entries = slices.Clone(resolved.Entries)
	st.Product.Version = "2.0"
	st.Category, st.Profile = annex.Category1, annex.ProfileSP1
	var excluded, stale requirement.ID
	for i, e := range st.Entries {
		switch {
		case excluded == "" && e.Basis == soa.BasisRisk && e.Applies():
			// A risk-driven requirement excluded, without the assessment recorded.
			st.Entries[i].Decision, st.Entries[i].Assessed = soa.NotApplicable, 0
			st.Entries[i].Justification = "Not needed for this product, in the manufacturer's view."
			st.Entries[i].Risks, st.Entries[i].Status, st.Entries[i].Evidence = nil, 0, nil
			excluded = e.Requirement
		case stale == "" && excluded != "" && e.Basis == soa.BasisRisk && e.Applies():
			// The recorded assessment no longer matches the register.
			st.Entries[i].Assessed = soa.NotApplicable
			stale = e.Requirement
		}
	}
	require.NotEmpty(t, excluded)
	require.NotEmpty(t, stale)

	d := loadExample(t)
	d.SoA = iec62443.SoAInput{Statement: &st}
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	got := map[requirement.RuleID][]requirement.Finding{}
	for _, g := range rep.Findings {
		if g.Source == iec62443.SourceSoA {
			assert.Equal(t, "#/soa/statement", g.Document, "a given inline statement is located in the dossier's soa.statement")
			for _, f := range g.Findings {
				got[f.Rule] = append(got[f.Rule], f)
			}
		}
	}
	require.Len(t, got[requirement.RuleID("dossier.soa-product-mismatch")], 1)
	assert.Equal(t, "/product", got[requirement.RuleID("dossier.soa-product-mismatch")][0].Pointer)
	require.Len(t, got[requirement.RuleID("dossier.soa-classification-mismatch")], 1)
	assert.Contains(t, got[requirement.RuleID("dossier.soa-classification-mismatch")][0].Message, "category C1 and profile SP1, the dossier's context gives C3 and SP2")
	require.Len(t, got[requirement.RuleID("dossier.soa-excludes-applicable")], 1)
	assert.Equal(t, excluded, got[requirement.RuleID("dossier.soa-excludes-applicable")][0].Requirement)
	assert.Equal(t, requirement.SeverityHigh, got[requirement.RuleID("dossier.soa-excludes-applicable")][0].Severity)
	require.Len(t, got[requirement.RuleID("dossier.soa-assessment-stale")], 1)
	assert.Equal(t, stale, got[requirement.RuleID("dossier.soa-assessment-stale")][0].Requirement)
	assert.False(t, rep.Verdict.Holds)

	// The resolved statement of the same dossier raises none of them.
	for _, f := range assessExample(t).AllFindings() {
		assert.NotContains(t, []requirement.RuleID{requirement.RuleID("dossier.soa-product-mismatch"), requirement.RuleID("dossier.soa-classification-mismatch"),
			requirement.RuleID("dossier.soa-excludes-applicable"), requirement.RuleID("dossier.soa-assessment-stale")}, f.Rule)
	}
}

func TestFindingGroupsNameTheirDocument(t *testing.T) {
	rep := assessExample(t)
	docs := map[iec62443.Source][]string{}
	for _, g := range rep.Findings {
		docs[g.Source] = append(docs[g.Source], g.Document)
	}
	assert.Equal(t, []string{"register.json"}, docs[iec62443.SourceRisk])
	assert.Equal(t, []string{"report#/soa"}, docs[iec62443.SourceSoA])
	assert.Equal(t, []string{"osv/SYNTH-2026-0106.json", "sbom.cdx.json"}, docs[iec62443.SourceSBOM],
		"an advisory that cannot be matched is located in its OSV file")
	assert.Equal(t, []string{"evidence.json"}, docs[iec62443.SourceMaturity])
	assert.Equal(t, []string{""}, docs[iec62443.SourceCRA], "CRA findings point into the dossier")

	// Without test records and SBOM, the findings about them point into the dossier.
	d := loadExample(t)
	d.TestRecords, d.SBOM = nil, iec62443.SBOMRef{}
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	for _, g := range rep.Findings {
		if g.Source == iec62443.SourceTests || g.Source == iec62443.SourceSBOM {
			assert.Empty(t, g.Document, "%s", g.Source)
		}
	}
}
