package oscal_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// syntheticCatalog is the A11 catalog filled up to every ID the ID syntax
// allows (nine practices, numbers 1 to 99: 891 requirements), the largest
// catalog an overlay can build, each addition with a summary, a two-item
// enumeration, an artifact kind and provenance.
func syntheticCatalog(tb testing.TB) *requirement.Catalog {
	tb.Helper()
	base := requirement.Default()
	ov := &requirement.Overlay{SchemaVersion: requirement.OverlaySchemaVersion, Edition: base.Edition(), CatalogVersion: "A11 synthetic 891"}
	for _, p := range base.Practices() {
		clause, _ := p.Clause(base.Edition())
		for n := 1; n <= 99; n++ {
			id := requirement.ID(fmt.Sprintf("%s-%d", p.Prefix(), n))
			if base.Has(id) {
				continue
			}
			ov.Add = append(ov.Add, requirement.OverlayAdd{
				ID: id, Clause: fmt.Sprintf("%s.%d", clause, n), Title: "Synthetic requirement " + string(id),
				Summary:     "A synthetic requirement that asks for a documented, reviewed and verified activity of its practice.",
				Artifacts:   []requirement.ArtifactKind{requirement.ArtifactProcessDescription},
				Lists:       []requirement.List{{Name: "elements", Items: []requirement.Item{{Label: "a", Text: "plan it"}, {Label: "b", Text: "record it"}}}},
				Provenance:  []requirement.Provenance{{Source: "synthetic", Locator: "benchmark", Confidence: requirement.ConfidenceUncertain}},
				Provisional: true,
			})
		}
	}
	cat, err := base.Apply(ov)
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// syntheticStatement is a statement over cat: every tenth requirement
// excluded, the others implemented with one evidence artifact each.
func syntheticStatement(cat *requirement.Catalog) *soa.Statement {
	st := &soa.Statement{Metadata: soa.Metadata{
		Product: soa.Product{Name: "Synthetic", Version: "1", Manufacturer: "Bench GmbH"},
		Edition: cat.Edition(), CatalogVersion: cat.Version(), Author: "PSO", Issued: requirement.MustParseDate("2026-01-01"),
	}}
	i := 0
	for r := range cat.All() {
		e := soa.Entry{Requirement: r.ID(), Title: r.Title(), Decision: soa.Applicable, Basis: soa.BasisRisk, Status: soa.StatusImplemented,
			Justification: "Applies: the risk register relies on it.", Risks: []string{"R-01"},
			Evidence: []soa.EvidenceRef{{URI: fmt.Sprintf("https://dms.example/ev/%d", i), SHA256: fmt.Sprintf("%064x", i), Date: requirement.MustParseDate("2025-12-01"), Kind: requirement.ArtifactProcessDescription, Description: "record"}}}
		if i%10 == 0 {
			e = soa.Entry{Requirement: r.ID(), Title: r.Title(), Decision: soa.NotApplicable, Basis: soa.BasisContext, Justification: "Out of scope for this product."}
		}
		st.Entries = append(st.Entries, e)
		i++
	}
	return st
}

// syntheticReport is a report over the synthetic statement with one
// finding per requirement.
func syntheticReport(cat *requirement.Catalog) *iec62443.Report {
	st := syntheticStatement(cat)
	rep := &iec62443.Report{Edition: cat.Edition(), CatalogVersion: cat.Version(), AssessedAt: exampleNow,
		Product: iec62443.Product{Name: "Synthetic", Version: "1"}, Manufacturer: iec62443.Manufacturer{Name: "Bench GmbH"}, SoA: st}
	g := iec62443.FindingGroup{Source: iec62443.SourceSoA, Document: "soa.json"}
	for i, e := range st.Entries {
		g.Findings = append(g.Findings, requirement.Finding{Rule: "soa.not-verified", Severity: requirement.SeverityLow, Basis: requirement.BasisProvisional,
			Edition: cat.Edition(), Requirement: e.Requirement, Pointer: fmt.Sprintf("/entries/%d/status", i), Subject: string(e.Requirement), Message: "implemented but not verified"})
	}
	rep.Findings = []iec62443.FindingGroup{g}
	return rep
}

func BenchmarkEncodeCatalog(b *testing.B) {
	for _, tc := range []struct {
		name string
		cat  *requirement.Catalog
	}{{"a11-71", requirement.Default()}, {"synthetic-891", syntheticCatalog(b)}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := oscal.EncodeCatalog(io.Discard, tc.cat, exportTime); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkImportCatalog(b *testing.B) {
	var buf bytes.Buffer
	if err := oscal.EncodeCatalog(&buf, syntheticCatalog(b), exportTime); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.Run("synthetic-891", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			doc, err := oscal.DecodeCatalog(bytes.NewReader(data), nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := oscal.ImportCatalog(nil, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEncodeMappings(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := oscal.EncodeMappings(io.Discard, exportTime); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeProfile(b *testing.B) {
	_, rep := example(b)
	for _, tc := range []struct {
		name string
		st   *soa.Statement
	}{{"example", rep.SoA}, {"synthetic-891", syntheticStatement(syntheticCatalog(b))}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := oscal.EncodeProfile(io.Discard, tc.st, exportTime); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncodeAssessmentResults(b *testing.B) {
	d, rep := example(b)
	for _, tc := range []struct {
		name string
		rep  *iec62443.Report
		opts *oscal.ResultsOptions
	}{{"example", rep, &oscal.ResultsOptions{Register: d.Register}}, {"synthetic-891", syntheticReport(syntheticCatalog(b)), nil}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := oscal.EncodeAssessmentResults(io.Discard, tc.rep, exportTime, tc.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSyntheticOfficialSchema: the synthetic exports are valid too, so the
// benchmarks measure real documents.
func TestSyntheticOfficialSchema(t *testing.T) {
	if testing.Short() {
		t.Skip("large documents")
	}
	cat := syntheticCatalog(t)
	require := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	require(oscal.EncodeCatalog(&buf, cat, exportTime))
	assertOfficial(t, "1.2.2", buf.Bytes())
	buf.Reset()
	require(oscal.EncodeProfile(&buf, syntheticStatement(cat), exportTime))
	assertOfficial(t, "1.2.2", buf.Bytes())
	buf.Reset()
	require(oscal.EncodeAssessmentResults(&buf, syntheticReport(cat), exportTime, nil))
	assertOfficial(t, "1.2.2", buf.Bytes())
}
