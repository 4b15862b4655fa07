package problem_test

import (
	"testing"

	"github.com/sdlkit/iec62443/internal/nilwalk"
	"github.com/sdlkit/iec62443/problem"
)

// TestNilInput calls every exported function and method of the package with
// nil and zero input: none may panic.
func TestNilInput(t *testing.T) {
	fns := map[string]any{
		"Error.Error":   (*problem.Error).Error,
		"Error.Unwrap":  (*problem.Error).Unwrap,
		"List.Len":      problem.List.Len,
		"List.Pointers": problem.List.Pointers,
		"List.Sort":     (*problem.List).Sort,
		"List.Err":      problem.List.Err,
		"List.Error":    problem.List.Error,
		"List.Unwrap":   problem.List.Unwrap,
	}
	skip := map[string]string{}
	for _, n := range unmarshalers {
		skip[n] = "encoding.TextUnmarshaler: a nil receiver is a caller bug, as in the standard library"
	}
	nilwalk.Check(t, ".", fns, skip)
}

var unmarshalers = []string{}
