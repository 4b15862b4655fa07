package practice_test

import (
	"testing"

	"github.com/sdlkit/iec62443/internal/nilwalk"
	"github.com/sdlkit/iec62443/practice"
)

// TestNilInput calls every exported function and method of the package with
// nil and zero input: none may panic.
func TestNilInput(t *testing.T) {
	fns := map[string]any{
		"Editions":             practice.Editions,
		"Edition.Valid":        practice.Edition.Valid,
		"Edition.String":       practice.Edition.String,
		"Edition.Title":        practice.Edition.Title,
		"Edition.Provisional":  practice.Edition.Provisional,
		"ParseEdition":         practice.ParseEdition,
		"Edition.MarshalText":  practice.Edition.MarshalText,
		"Values":               practice.Values,
		"ForEdition":           practice.ForEdition,
		"Practice.Valid":       practice.Practice.Valid,
		"Practice.Prefix":      practice.Practice.Prefix,
		"Practice.String":      practice.Practice.String,
		"Practice.Name":        practice.Practice.Name,
		"Practice.Purpose":     practice.Practice.Purpose,
		"Practice.In":          practice.Practice.In,
		"Practice.Provisional": practice.Practice.Provisional,
		"Practice.Number":      practice.Practice.Number,
		"Practice.Clause":      practice.Practice.Clause,
		"ByNumber":             practice.ByNumber,
		"Parse":                practice.Parse,
		"Practice.MarshalText": practice.Practice.MarshalText,
	}
	skip := map[string]string{}
	for _, n := range unmarshalers {
		skip[n] = "encoding.TextUnmarshaler: a nil receiver is a caller bug, as in the standard library"
	}
	nilwalk.Check(t, ".", fns, skip)
}

var unmarshalers = []string{
	"Edition.UnmarshalText",
	"Practice.UnmarshalText",
}
