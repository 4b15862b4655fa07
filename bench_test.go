package iec62443_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/sdlkit/iec62443"
)

func BenchmarkLoadExample(b *testing.B) {
	fsys := os.DirFS(exampleDir)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := iec62443.Load(ctx, fsys, "dossier.json", nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAssessExample(b *testing.B) {
	d := loadExample(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := iec62443.Assess(ctx, d, exampleNow, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderExample(b *testing.B) {
	rep, err := iec62443.Assess(ctx, loadExample(b), exampleNow, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{"md", "json", "html"} {
		b.Run(f, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				buf.Reset()
				switch f {
				case "md":
					err = iec62443.RenderMarkdown(&buf, rep, nil)
				case "json":
					err = iec62443.RenderJSON(&buf, rep, nil)
				default:
					err = iec62443.RenderHTML(&buf, rep, nil)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPortfolio assesses a portfolio of 1,000 product dossiers (the
// example with 1,000 product identities) per iteration.
func BenchmarkPortfolio(b *testing.B) {
	base := loadExample(b)
	portfolio := make([]*iec62443.Dossier, 1000)
	for i := range portfolio {
		d := *base
		d.Product.Name = fmt.Sprintf("%s variant %04d", base.Product.Name, i)
		portfolio[i] = &d
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range portfolio {
			if _, err := iec62443.Assess(ctx, d, exampleNow, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}
