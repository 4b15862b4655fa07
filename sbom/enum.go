package sbom

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// enumString renders v with names: its name, "unset" for 0, "invalid(N)"
// otherwise (internal/enum, the SDK's convention).
func enumString(names []string, v int) string { return enum.Name(names, v) }

// enumMarshal is MarshalText for an int enum; typ names the type in the
// error.
func enumMarshal(names []string, v int, typ string) ([]byte, error) {
	if v <= 0 || v >= len(names) || names[v] == "" {
		return nil, fmt.Errorf("sbom: marshal %s %s: %w", typ, enum.Name(names, v), problem.ErrInvalidValue)
	}
	return []byte(names[v]), nil
}

// enumUnmarshal is UnmarshalText for an int enum; typ names the type in the
// error, which lists the names accepted.
func enumUnmarshal(names []string, b []byte, typ string) (int, error) {
	if v, ok := enum.Parse(names, string(b)); ok {
		return v, nil
	}
	s := string(b)
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	var want []string
	for _, n := range names {
		if n != "" {
			want = append(want, n)
		}
	}
	return 0, fmt.Errorf("sbom: %s %q: %w (want %s)", typ, s, problem.ErrInvalidValue, strings.Join(want, ", "))
}
