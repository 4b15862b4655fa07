package sarif_test

import (
	"io"
	"testing"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/exporttest"
	"github.com/sdlkit/iec62443/sarif"
)

func BenchmarkEncodeReport(b *testing.B) {
	for _, tc := range []struct {
		name string
		rep  *iec62443.Report
		opts *sarif.Options
	}{
		{"example", exampleReport(b), nil},
		{"example-lines", exampleReport(b), &sarif.Options{Dossier: "dossier.json", Root: exampleDossier}},
		{"synthetic-891", exporttest.SyntheticReport(exporttest.SyntheticCatalog(b), exampleNow), nil},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := sarif.EncodeReport(io.Discard, tc.rep, tc.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
