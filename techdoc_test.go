package iec62443_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
)

// findingsOf returns the findings of rule id in rep, in report order.
func findingsOf(rep *iec62443.Report, id requirement.RuleID) []requirement.Finding {
	var out []requirement.Finding
	for _, f := range rep.AllFindings() {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

// techDocEntry returns the index entry of point p.
func techDocEntry(t *testing.T, rep *iec62443.Report, p iec62443.TechDocPoint) iec62443.TechDocEntry {
	t.Helper()
	for _, e := range rep.TechnicalDocumentation {
		if e.Point == p {
			return e
		}
	}
	t.Fatalf("no entry for point %s", p)
	return iec62443.TechDocEntry{}
}

func locations(e iec62443.TechDocEntry) []string {
	var out []string
	for _, ev := range e.Evidence {
		out = append(out, ev.Location)
	}
	return out
}

// TestTechDocPoints: the ten points of CRA Annex VII (point 2 in its three
// sub-points) in the Annex's order, each with a title.
func TestTechDocPoints(t *testing.T) {
	want := []iec62443.TechDocPoint{"1", "2(a)", "2(b)", "2(c)", "3", "4", "5", "6", "7", "8"}
	assert.Equal(t, want, iec62443.TechDocPoints())
	for _, p := range want {
		assert.True(t, p.Valid(), "%s", p)
		assert.NotEmpty(t, p.Title(), "%s", p)
	}
	assert.False(t, iec62443.TechDocPoint("9").Valid())
	assert.False(t, iec62443.TechDocPoint("").Valid())
	assert.Empty(t, iec62443.TechDocPoint("2").Title(), "point 2 is indexed by its sub-points")
}

// TestTechnicalDocumentationExample: the example's report indexes every
// point with what covers it, and the one point nothing covers (the EU
// declaration of conformity) is a finding of SM-17.
func TestTechnicalDocumentationExample(t *testing.T) {
	rep := assessExample(t)
	require.Len(t, rep.TechnicalDocumentation, 10)
	for i, p := range iec62443.TechDocPoints() {
		e := rep.TechnicalDocumentation[i]
		assert.Equal(t, p, e.Point)
		assert.Equal(t, p.Title(), e.Title)
		assert.Equal(t, p != iec62443.TechDocDeclaration, e.Covered, "point %s", p)
		assert.Equal(t, len(e.Evidence) > 0, e.Covered, "point %s", p)
	}
	assert.Equal(t, []string{"register.json#/intended_use"}, locations(techDocEntry(t, rep, iec62443.TechDocGeneral)),
		"the intended-use statements of the manifest belong to other products' projects and do not count")
	assert.Equal(t, []string{"/technical_documentation/0"}, locations(techDocEntry(t, rep, iec62443.TechDocDesign)),
		"design specifications of other projects do not count; the listed document does")
	assert.Equal(t, []string{"/sbom", "/cvd/policy_url", "/cvd/contact", "/vulnerability_monitoring", "/evidence", "/evidence", "/evidence"},
		locations(techDocEntry(t, rep, iec62443.TechDocVulnerabilityHandling)))
	assert.Equal(t, []string{"register.json#/risks"}, locations(techDocEntry(t, rep, iec62443.TechDocRiskAssessment)))
	assert.Equal(t, []string{"/context/support_period"}, locations(techDocEntry(t, rep, iec62443.TechDocSupportPeriod)))
	assert.Equal(t, []string{"report#/soa"}, locations(techDocEntry(t, rep, iec62443.TechDocStandards)))
	assert.Equal(t, []string{"tests.json"}, locations(techDocEntry(t, rep, iec62443.TechDocTestReports)))
	assert.Equal(t, []string{"/sbom"}, locations(techDocEntry(t, rep, iec62443.TechDocSBOM)))
	ev := techDocEntry(t, rep, iec62443.TechDocProduction).Evidence
	require.NotEmpty(t, ev)
	assert.Equal(t, requirement.ArtifactProcessDescription, ev[0].Kind)
	assert.Equal(t, "EV-0001", ev[0].Latest)
	assert.Equal(t, 1, ev[0].Count)

	fs := findingsOf(rep, requirement.RuleID("dossier.techdoc-point-missing"))
	require.Len(t, fs, 1)
	f := fs[0]
	assert.Equal(t, "7", f.Subject)
	assert.Equal(t, "/technical_documentation", f.Pointer)
	assert.Equal(t, requirement.SM17, f.Requirement)
	assert.Equal(t, requirement.EditionA11, f.Edition)
	assert.Equal(t, requirement.SeverityMedium, f.Severity)
	assert.Equal(t, requirement.BasisPublished, f.Basis)
	assert.Contains(t, f.Message, "EU declaration of conformity")
}

// minimalDossier is a dossier of edition e with nothing but what Assess
// needs: no SBOM, no evidence, no test records, no CVD, an empty register.
func minimalDossier(e requirement.Edition) *iec62443.Dossier {
	return &iec62443.Dossier{
		SchemaVersion: iec62443.DossierSchemaVersion, Edition: e,
		Product:      iec62443.Product{Name: "Gateway", Version: "2.0"},
		Manufacturer: iec62443.Manufacturer{Name: "Example AG"},
		Context:      annex.Context{Kind: annex.KindSoftware, Exposure: annex.ExposurePlantNetwork, TargetSLC: 1},
		Register:     &risk.Register{SchemaVersion: risk.SchemaVersion, Product: risk.Product{Name: "Gateway", Version: "2.0"}},
	}
}

// TestTechDocEmptyDossier: in a dossier with nothing to show, every point
// but 5 (the statement of applicability the report resolves) is a finding,
// in either edition; in 2018 the findings name no requirement (the 2018
// edition has no counterpart of SM-17).
func TestTechDocEmptyDossier(t *testing.T) {
	for _, e := range []requirement.Edition{requirement.EditionA11, requirement.Edition2018} {
		t.Run(e.String(), func(t *testing.T) {
			rep, err := iec62443.Assess(ctx, minimalDossier(e), exampleNow, nil)
			require.NoError(t, err)
			var missing []string
			for _, f := range findingsOf(rep, requirement.RuleID("dossier.techdoc-point-missing")) {
				missing = append(missing, f.Subject)
				if e == requirement.Edition2018 {
					assert.Empty(t, f.Requirement)
					assert.Zero(t, f.Edition)
				} else {
					assert.Equal(t, requirement.SM17, f.Requirement)
				}
			}
			assert.Equal(t, []string{"1", "2(a)", "2(b)", "2(c)", "3", "4", "6", "7", "8"}, missing)
			assert.Equal(t, []string{"report#/soa"}, locations(techDocEntry(t, rep, iec62443.TechDocStandards)))
			var own []requirement.Finding
			for _, f := range rep.AllFindings() {
				if strings.HasPrefix(string(f.Rule), "dossier.") {
					own = append(own, f)
				}
			}
			checkFindings(t, "empty dossier", own)
		})
	}
}

// TestTechDocEvidenceRecords: evidence records count for the product when
// organisation-wide or of a project of this product (and, when they name a
// release, of its version), and only when produced by the assessment date;
// test records count when dated by then; documents listed under
// technical_documentation cover their point.
func TestTechDocEvidenceRecords(t *testing.T) {
	day := requirement.MustParseDate
	rec := func(id string, kind requirement.ArtifactKind, project, release, produced string) maturity.Evidence {
		return maturity.Evidence{ID: id, Kind: kind, Requirements: []requirement.ID{requirement.SM17}, Project: project, Release: release,
			URI: "https://docs.example/" + id, SHA256: strings.Repeat("a", 64), Produced: day(produced), Producer: "QA"}
	}
	d := minimalDossier(requirement.EditionA11)
	d.Evidence = &maturity.Manifest{
		SchemaVersion: maturity.SchemaVersion, Organisation: "Example AG",
		Scope: maturity.Scope{Projects: []maturity.Project{
			{ID: "gw", Product: "gateway", Releases: []maturity.Release{{ID: "2.0"}, {ID: "1.0"}}}, // this product, any case
			{ID: "other", Product: "Another product", Releases: []maturity.Release{{ID: "2.0"}}},
		}},
		Evidence: []maturity.Evidence{
			rec("EV-1", requirement.ArtifactDesignSpecification, "gw", "2.0", "2026-01-10"),
			rec("EV-2", requirement.ArtifactDesignSpecification, "gw", "", "2026-03-10"),
			rec("EV-3", requirement.ArtifactDesignSpecification, "gw", "1.0", "2026-04-10"),    // another version
			rec("EV-4", requirement.ArtifactDesignSpecification, "other", "2.0", "2026-05-10"), // another product
			rec("EV-5", requirement.ArtifactSupportPeriodStatement, "", "", "2027-01-01"),      // after the assessment
			rec("EV-6", requirement.ArtifactProcessDescription, "", "", "2025-01-01"),          // organisation-wide
		},
	}
	d.TestRecords = []annex.TestRecord{
		{ID: "T-1", Module: annex.ModuleStaticCodeAnalysis, Date: day("2026-10-01")},
		{ID: "T-2", Module: annex.ModulePenetrationTesting, Date: day("2027-01-01")}, // after the assessment
	}
	d.TechnicalDocumentation = []iec62443.TechDocDocument{
		{Point: iec62443.TechDocDeclaration, Title: "EU declaration of conformity", URI: "https://docs.example/doc.pdf"},
	}
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)

	design := techDocEntry(t, rep, iec62443.TechDocDesign)
	require.Len(t, design.Evidence, 1)
	assert.Equal(t, iec62443.TechDocEvidence{Location: "/evidence", Kind: requirement.ArtifactDesignSpecification, Count: 2, Latest: "EV-2",
		Description: "2 evidence record(s) of kind design-specification, latest EV-2 of 2026-03-10"}, design.Evidence[0])
	assert.False(t, techDocEntry(t, rep, iec62443.TechDocSupportPeriod).Covered, "a record produced after the assessment counts for nothing")
	assert.Equal(t, []string{"/evidence"}, locations(techDocEntry(t, rep, iec62443.TechDocProduction)))
	tests := techDocEntry(t, rep, iec62443.TechDocTestReports)
	require.Len(t, tests.Evidence, 1)
	assert.Equal(t, 1, tests.Evidence[0].Count, "a test record dated after the assessment counts for nothing")
	decl := techDocEntry(t, rep, iec62443.TechDocDeclaration)
	assert.True(t, decl.Covered)
	assert.Equal(t, []string{"/technical_documentation/0"}, locations(decl))
	var missing []string
	for _, f := range findingsOf(rep, requirement.RuleID("dossier.techdoc-point-missing")) {
		missing = append(missing, f.Subject)
	}
	assert.Equal(t, []string{"1", "2(b)", "3", "4", "8"}, missing)
}

// TestTechDocDossierMember: technical_documentation is read, validated by
// the schema (an unknown point is a located problem) and written back.
func TestTechDocDossierMember(t *testing.T) {
	doc := `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
	  "register": {"schema_version": "1", "product": {"name": "P"}, "intended_use": {"purpose": "x", "environment": "y"}},
	  "technical_documentation": [{"point": "7", "title": "EU DoC", "uri": "https://docs.example/doc.pdf", "sha256": "` + strings.Repeat("0", 64) + `"}]}`
	d, err := iec62443.Decode(ctx, strings.NewReader(doc), nil, nil)
	require.NoError(t, err)
	require.Len(t, d.TechnicalDocumentation, 1)
	assert.Equal(t, iec62443.TechDocDeclaration, d.TechnicalDocumentation[0].Point)
	var buf bytes.Buffer
	require.NoError(t, iec62443.Encode(&buf, d))
	tree, errs := docjson.Parse(buf.Bytes(), docjson.Limits{})
	require.Nil(t, errs)
	assert.Empty(t, dossierSchema().Validate(tree))
	back, err := iec62443.Decode(ctx, &buf, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, d, back)

	bad := strings.Replace(doc, `"point": "7"`, `"point": "9"`, 1)
	_, err = iec62443.Decode(ctx, strings.NewReader(bad), nil, nil)
	got := located(t, err)
	if assert.Contains(t, got, "#/technical_documentation/0/point") {
		assert.ErrorIs(t, got["#/technical_documentation/0/point"], problem.ErrSchema)
	}
}

// TestTechDocRendered: the index is a section of the Markdown and HTML
// reports, and the report's JSON carries it.
func TestTechDocRendered(t *testing.T) {
	rep := assessExample(t)
	var md, html, js bytes.Buffer
	require.NoError(t, iec62443.RenderMarkdown(&md, rep, nil))
	require.NoError(t, iec62443.RenderHTML(&html, rep, nil))
	require.NoError(t, iec62443.RenderJSON(&js, rep, nil))
	assert.Contains(t, md.String(), "\n## Technical documentation (CRA Annex VII)\n")
	assert.Contains(t, md.String(), "\n| 7 | Copy of the EU declaration of conformity | **nothing** (a finding) |\n")
	assert.Contains(t, md.String(), "| 2(a) | Design and development, with the system architecture | CX-500 3.2 system architecture and design description")
	assert.Contains(t, html.String(), "<h2>Technical documentation (CRA Annex VII)</h2>")
	assert.Contains(t, html.String(), "<td>7</td><td>Copy of the EU declaration of conformity</td><td><strong class=\"sev-medium\">nothing</strong> (a finding)</td>")
	assert.Contains(t, js.String(), `"technical_documentation": [`)
	assert.Contains(t, js.String(), `"point": "2(a)"`)
}

// TestTechDocNoTime: the index does not depend on the clock: the same
// dossier assessed at two dates a year apart, with nothing dated between,
// gives the same index.
func TestTechDocNoTime(t *testing.T) {
	d := loadExample(t)
	a, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	b, err := iec62443.Assess(ctx, d, exampleNow.Add(24*time.Hour), nil)
	require.NoError(t, err)
	assert.Equal(t, a.TechnicalDocumentation, b.TechnicalDocumentation)
}
