package iec62443_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// TestNilAndZeroInput calls every exported function and method of the
// package that takes a pointer, slice, map or interface with nil and zero
// values: none panics, and a required nil argument is an error wrapping
// problem.ErrNilInput.
func TestNilAndZeroInput(t *testing.T) {
	var nilCtx context.Context // a variable, so that linters let the test pass nil
	var nilReport *iec62443.Report
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	type call struct {
		name string
		f    func() error
		want error // nil: any outcome but a panic
	}
	calls := []call{
		{"Load nil context", func() error { _, err := iec62443.Load(nilCtx, fstest.MapFS{}, "d.json", nil); return err }, problem.ErrNilInput},
		{"Load nil fs", func() error { _, err := iec62443.Load(ctx, nil, "d.json", nil); return err }, problem.ErrNilInput},
		{"Load empty name", func() error { _, err := iec62443.Load(ctx, fstest.MapFS{}, "", &iec62443.LoadOptions{}); return err }, nil},
		{"Decode nil context", func() error { _, err := iec62443.Decode(nilCtx, strings.NewReader("{}"), nil, nil); return err }, problem.ErrNilInput},
		{"Decode nil reader", func() error { _, err := iec62443.Decode(ctx, nil, nil, nil); return err }, problem.ErrNilInput},
		{"DecodeYAML nil reader", func() error { _, err := iec62443.DecodeYAML(ctx, nil, nil, nil); return err }, problem.ErrNilInput},
		{"Decode empty", func() error {
			_, err := iec62443.Decode(ctx, strings.NewReader(""), nil, &iec62443.LoadOptions{})
			return err
		}, problem.ErrInvalidDocument},
		{"Encode nil dossier", func() error { return iec62443.Encode(&bytes.Buffer{}, nil) }, problem.ErrNilInput},
		{"Encode nil writer", func() error { return iec62443.Encode(nil, loadExample(t)) }, problem.ErrNilInput},
		{"Encode zero dossier", func() error { return iec62443.Encode(&bytes.Buffer{}, &iec62443.Dossier{}) }, problem.ErrUnknownEdition},
		{"Assess nil context", func() error { _, err := iec62443.Assess(nilCtx, loadExample(t), now, nil); return err }, problem.ErrNilInput},
		{"Assess nil dossier", func() error { _, err := iec62443.Assess(ctx, nil, now, nil); return err }, problem.ErrNilInput},
		{"Assess zero dossier", func() error { _, err := iec62443.Assess(ctx, &iec62443.Dossier{}, now, nil); return err }, problem.ErrUnknownEdition},
		{"Assess zero dossier with edition", func() error {
			_, err := iec62443.Assess(ctx, &iec62443.Dossier{Edition: requirement.EditionA11}, now, &iec62443.Options{})
			return err
		}, problem.ErrInvalidValue},
		{"Assess zero date", func() error { _, err := iec62443.Assess(ctx, loadExample(t), time.Time{}, nil); return err }, problem.ErrNoDate},
		{"RenderMarkdown nil", func() error { return iec62443.RenderMarkdown(nil, nil, nil) }, problem.ErrNilInput},
		{"RenderHTML nil", func() error { return iec62443.RenderHTML(nil, nil, nil) }, problem.ErrNilInput},
		{"RenderJSON nil", func() error { return iec62443.RenderJSON(nil, nil, nil) }, problem.ErrNilInput},
		{"RenderMarkdown zero", func() error {
			return iec62443.RenderMarkdown(&bytes.Buffer{}, &iec62443.Report{}, &iec62443.RenderOptions{})
		}, nil},
		{"RenderHTML zero", func() error {
			return iec62443.RenderHTML(&bytes.Buffer{}, &iec62443.Report{}, &iec62443.RenderOptions{})
		}, nil},
		{"RenderJSON zero", func() error {
			return iec62443.RenderJSON(&bytes.Buffer{}, &iec62443.Report{}, &iec62443.RenderOptions{MaxFindingsPerRule: 1})
		}, nil},
		{"Report methods on nil", func() error {
			_ = nilReport.AllFindings()
			_ = nilReport.Count(requirement.SeverityInfo)
			return nil
		}, nil},
		{"zero values", func() error {
			_ = iec62443.Advisory{}.MachineReadable()
			_ = iec62443.SBOMRef{}.IsZero()
			_ = iec62443.SoAInput{}.IsZero()
			_ = iec62443.FindingGroup{}.Total()
			_ = (&iec62443.Report{}).AllFindings()
			_, _ = iec62443.LookupRule("")
			_ = iec62443.Rules()
			_ = iec62443.Sources()
			_ = iec62443.DossierSchema()
			_ = iec62443.ReportSchema()
			_ = iec62443.VEXStatementsSchema()
			_ = iec62443.TechDocPoints()
			_ = iec62443.TechDocPoint("").Valid()
			_ = iec62443.TechDocPoint("").Title()
			_ = iec62443.VulnerabilityMonitoring{}.IsZero()
			var nilSummary *iec62443.VulnerabilitySummary
			_ = nilSummary.String()
			_ = (&iec62443.VulnerabilitySummary{}).String()
			return nil
		}, nil},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = c.f() })
			if c.want != nil {
				assert.ErrorIs(t, err, c.want)
			}
		})
	}
}
