package oscal_test

import (
	"bytes"
	"io"
	"testing"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/exporttest"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

func BenchmarkEncodeCatalog(b *testing.B) {
	for _, tc := range []struct {
		name string
		cat  *requirement.Catalog
	}{{"a11-71", requirement.Default()}, {"synthetic-891", exporttest.SyntheticCatalog(b)}} {
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
	if err := oscal.EncodeCatalog(&buf, exporttest.SyntheticCatalog(b), exportTime); err != nil {
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
	}{{"example", rep.SoA}, {"synthetic-891", exporttest.SyntheticStatement(exporttest.SyntheticCatalog(b))}} {
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
	}{{"example", rep, &oscal.ResultsOptions{Register: d.Register}}, {"synthetic-891", exporttest.SyntheticReport(exporttest.SyntheticCatalog(b), exampleNow), nil}} {
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
	cat := exporttest.SyntheticCatalog(t)
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
	require(oscal.EncodeProfile(&buf, exporttest.SyntheticStatement(cat), exportTime))
	assertOfficial(t, "1.2.2", buf.Bytes())
	buf.Reset()
	require(oscal.EncodeAssessmentResults(&buf, exporttest.SyntheticReport(cat, exampleNow), exportTime, nil))
	assertOfficial(t, "1.2.2", buf.Bytes())
}
