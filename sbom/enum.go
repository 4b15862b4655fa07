package sbom

import (
	"fmt"

	"github.com/sdlkit/iec62443/problem"
)

// enumString renders v with names, or "Type(n)" when v is out of range.
func enumString(names []string, v int, typ string) string {
	if v <= 0 || v >= len(names) || names[v] == "" {
		return fmt.Sprintf("%s(%d)", typ, v)
	}
	return names[v]
}

// enumMarshal is MarshalText for an int enum.
func enumMarshal(names []string, v int, typ string) ([]byte, error) {
	if v <= 0 || v >= len(names) || names[v] == "" {
		return nil, fmt.Errorf("sbom: marshal %s(%d): %w", typ, v, problem.ErrInvalidValue)
	}
	return []byte(names[v]), nil
}

// enumUnmarshal is UnmarshalText for an int enum.
func enumUnmarshal(names []string, b []byte, typ string) (int, error) {
	for i, n := range names {
		if i > 0 && n != "" && n == string(b) {
			return i, nil
		}
	}
	s := string(b)
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return 0, fmt.Errorf("sbom: %s %q: %w", typ, s, problem.ErrInvalidValue)
}
