package soa_test

import (
	"testing"

	"github.com/sdlkit/iec62443/internal/nilwalk"
	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// TestNilInput calls every exported function and method of the package with
// nil and zero input: none may panic.
func TestNilInput(t *testing.T) {
	fns := map[string]any{
		"Dispositions":                  soa.Dispositions,
		"Disposition.Valid":             soa.Disposition.Valid,
		"Disposition.Applies":           soa.Disposition.Applies,
		"Disposition.String":            soa.Disposition.String,
		"Disposition.MarshalText":       soa.Disposition.MarshalText,
		"Disposition.UnmarshalText":     (*soa.Disposition).UnmarshalText,
		"Statuses":                      soa.Statuses,
		"Status.Valid":                  soa.Status.Valid,
		"Status.String":                 soa.Status.String,
		"Status.MarshalText":            soa.Status.MarshalText,
		"Status.UnmarshalText":          (*soa.Status).UnmarshalText,
		"DecisionBases":                 soa.DecisionBases,
		"DecisionBasis.Valid":           soa.DecisionBasis.Valid,
		"DecisionBasis.String":          soa.DecisionBasis.String,
		"DecisionBasis.MarshalText":     soa.DecisionBasis.MarshalText,
		"DecisionBasis.UnmarshalText":   (*soa.DecisionBasis).UnmarshalText,
		"Flags":                         soa.Flags,
		"Flag.Known":                    soa.Flag.Known,
		"Flag.String":                   soa.Flag.String,
		"Flag.UnmarshalText":            (*soa.Flag).UnmarshalText,
		"Entry.Applies":                 soa.Entry.Applies,
		"Entry.HasFlag":                 soa.Entry.HasFlag,
		"Origin.IsZero":                 soa.Origin.IsZero,
		"Schema":                        soa.Schema,
		"Decode":                        soa.Decode,
		"Encode":                        soa.Encode,
		"Resolve":                       soa.Resolve,
		"Validate":                      soa.Validate,
		"Rules":                         soa.Rules,
		"Diff":                          soa.Diff,
		"DiffKinds":                     soa.DiffKinds,
		"DiffKind.Valid":                soa.DiffKind.Valid,
		"DiffKind.String":               soa.DiffKind.String,
		"DiffKind.MarshalText":          soa.DiffKind.MarshalText,
		"DiffKind.UnmarshalText":        (*soa.DiffKind).UnmarshalText,
		"Difference.String":             soa.Difference.String,
		"Migrate":                       soa.Migrate,
		"MigrationActions":              soa.MigrationActions,
		"MigrationAction.Valid":         soa.MigrationAction.Valid,
		"MigrationAction.String":        soa.MigrationAction.String,
		"MigrationAction.MarshalText":   soa.MigrationAction.MarshalText,
		"MigrationAction.UnmarshalText": (*soa.MigrationAction).UnmarshalText,
		"MigrationReport.From":          (*soa.MigrationReport).From,
		"MigrationReport.Count":         (*soa.MigrationReport).Count,
		"RenderMarkdown":                soa.RenderMarkdown,
		"RenderHTML":                    soa.RenderHTML,
		"RenderCSV":                     soa.RenderCSV,
		"CSVHeader":                     soa.CSVHeader,
	}
	nilwalk.Check(t, ".", fns, nil)
	// Zero values, not only nil: an empty statement renders and validates
	// without a panic.
	var s soa.Statement
	nilwalk.Call(t, "Validate(&Statement{})", func() { _, _ = soa.Validate(&s, nil, nil) })
	nilwalk.Call(t, "RenderMarkdown(&Statement{})", func() { _ = soa.RenderMarkdown(discard{}, &s, &soa.RenderOptions{}) })
	nilwalk.Call(t, "RenderHTML(&Statement{})", func() { _ = soa.RenderHTML(discard{}, &s, &soa.RenderOptions{}) })
	nilwalk.Call(t, "RenderCSV(&Statement{})", func() { _ = soa.RenderCSV(discard{}, &s, &soa.RenderOptions{}) })
	nilwalk.Call(t, "Encode(&Statement{})", func() { _ = soa.Encode(discard{}, &s) })
	nilwalk.Call(t, "Diff(&Statement{}, &Statement{})", func() { _, _ = soa.Diff(&s, &s) })
	nilwalk.Call(t, "Migrate(&Statement{})", func() { _, _, _ = soa.Migrate(&s, mustCatalog(reqpkg.Edition2018), nil, nil) })
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
