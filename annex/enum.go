package annex

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/problem"
)

// enumName returns names[v] for a valid v, or "Type(n)" otherwise.
func enumName[T ~int](typ string, names []string, v T) string {
	if v < 1 || int(v) >= len(names) {
		return fmt.Sprintf("%s(%d)", typ, int(v))
	}
	return names[v]
}

// enumMarshal is MarshalText for an int enum whose names are indexed by value.
func enumMarshal[T ~int](typ string, names []string, v T) ([]byte, error) {
	if v < 1 || int(v) >= len(names) {
		return nil, fmt.Errorf("annex: marshal %s(%d): %w", typ, int(v), problem.ErrInvalidValue)
	}
	return []byte(names[v]), nil
}

// enumParse is UnmarshalText for an int enum whose names are indexed by value.
func enumParse[T ~int](what string, names []string, b []byte) (T, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == string(b) {
			return T(i), nil
		}
	}
	return 0, fmt.Errorf("annex: %s %q: %w (want %s)", what, clip(string(b)), problem.ErrInvalidValue, strings.Join(names[1:], ", "))
}

// enumValues returns 1..len(names)-1 as a fresh slice.
func enumValues[T ~int](names []string) []T {
	out := make([]T, 0, len(names)-1)
	for i := 1; i < len(names); i++ {
		out = append(out, T(i))
	}
	return out
}
