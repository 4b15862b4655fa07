package attest_test

import (
	"bytes"
	"io"
	"testing"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/attest"
	"github.com/sdlkit/iec62443/internal/exporttest"
	"github.com/sdlkit/iec62443/requirement"
)

func BenchmarkEncodeCatalog(b *testing.B) {
	for _, tc := range []struct {
		name string
		cat  *requirement.Catalog
	}{{"a11-71", requirement.Default()}, {"synthetic-891", exporttest.SyntheticCatalog(b)}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := attest.EncodeCatalog(io.Discard, tc.cat, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncodeAssessment(b *testing.B) {
	cat := exporttest.SyntheticCatalog(b)
	for _, tc := range []struct {
		name string
		rep  *iec62443.Report
		opts *attest.Options
	}{{"example", exampleReport(b), nil}, {"synthetic-891", exporttest.SyntheticReport(cat, exampleNow), &attest.Options{Catalog: cat}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := attest.EncodeAssessment(io.Discard, tc.rep, tc.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeClaims(b *testing.B) {
	cat := exporttest.SyntheticCatalog(b)
	for _, tc := range []struct {
		name string
		rep  *iec62443.Report
		opts *attest.Options
	}{{"example", exampleReport(b), nil}, {"synthetic-891", exporttest.SyntheticReport(cat, exampleNow), &attest.Options{Catalog: cat}}} {
		var buf bytes.Buffer
		if err := attest.EncodeAssessment(&buf, tc.rep, tc.opts); err != nil {
			b.Fatal(err)
		}
		data := buf.Bytes()
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := attest.DecodeClaims(bytes.NewReader(data), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSyntheticRoundTrip: the synthetic assessment is valid and round-trips,
// so the benchmarks measure real documents.
func TestSyntheticRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("large documents")
	}
	cat := exporttest.SyntheticCatalog(t)
	rep := exporttest.SyntheticReport(cat, exampleNow)
	var buf bytes.Buffer
	if err := attest.EncodeAssessment(&buf, rep, &attest.Options{Catalog: cat}); err != nil {
		t.Fatal(err)
	}
	assertOfficial(t, buf.Bytes())
	claims, err := attest.DecodeClaims(&buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := attest.ClaimsOf(rep); len(claims) != len(want) || claims[890].Requirement != want[890].Requirement {
		t.Fatalf("got %d claims, want %d", len(claims), len(want))
	}
}
