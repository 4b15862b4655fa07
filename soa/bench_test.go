package soa_test

import (
	"fmt"
	"io"
	"testing"

	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// BenchmarkResolveValidateEncode: one statement for the full A11 catalog
// (71 requirements): resolve, validate and encode as JSON.
func BenchmarkResolveValidateEncode(b *testing.B) {
	cat := reqpkg.Default()
	a, m, o := plcAssessment(cat), plcMeta(), plcOverrides()
	b.ReportAllocs()
	for b.Loop() {
		s, _, err := soa.Resolve(cat, m, a, o, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := soa.Validate(s, cat, nil); err != nil {
			b.Fatal(err)
		}
		if err := soa.Encode(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPortfolio: 1,000 products (statements), each resolved, validated
// and encoded.
func BenchmarkPortfolio(b *testing.B) {
	cat := reqpkg.Default()
	a, o := plcAssessment(cat), plcOverrides()
	metas := make([]soa.Metadata, 1000)
	for i := range metas {
		metas[i] = plcMeta()
		metas[i].Product.Name = fmt.Sprintf("PLC-%04d", i)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range metas {
			s, _, err := soa.Resolve(cat, m, a, o, nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := soa.Validate(s, cat, nil); err != nil {
				b.Fatal(err)
			}
			if err := soa.Encode(io.Discard, s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	s, _ := plcResolved(b)
	var buf []byte
	{
		w := &sliceWriter{}
		if err := soa.Encode(w, s); err != nil {
			b.Fatal(err)
		}
		buf = w.b
	}
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := soa.Decode(&sliceReader{b: buf}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderHTML(b *testing.B) {
	s, fs := plcResolved(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := soa.RenderHTML(io.Discard, s, &soa.RenderOptions{Findings: fs}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMigrate(b *testing.B) {
	old := load2018(b)
	c18, a11 := catalogs(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := soa.Migrate(old, c18, a11, nil); err != nil {
			b.Fatal(err)
		}
	}
}

type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

type sliceReader struct {
	b []byte
	i int
}

func (r *sliceReader) Read(p []byte) (int, error) {
	if r.i >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.i:])
	r.i += n
	return n, nil
}
