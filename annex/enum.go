package annex

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// enumName returns the name of v (see internal/enum): names[v] for a valid
// v, "unset" for 0 and "invalid(N)" otherwise.
func enumName[T ~int](names []string, v T) string { return enum.Name(names, int(v)) }

// enumMarshal is MarshalText for an int enum whose names are indexed by
// value; what names the type in the message ("need").
func enumMarshal[T ~int](what string, names []string, v T) ([]byte, error) {
	if v < 1 || int(v) >= len(names) {
		return nil, fmt.Errorf("annex: marshal %s %s: %w", what, enum.Name(names, int(v)), problem.ErrInvalidValue)
	}
	return []byte(names[v]), nil
}

// enumParse is UnmarshalText for an int enum whose names are indexed by value.
func enumParse[T ~int](what string, names []string, b []byte) (T, error) {
	if i, ok := enum.Parse(names, string(b)); ok {
		return T(i), nil
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

// unmarshalEnum is UnmarshalText for an int enum: it parses b into *dst; a
// nil dst is an error wrapping [problem.ErrNilInput].
func unmarshalEnum[T ~int](dst *T, what string, names []string, b []byte) error {
	if dst == nil {
		return fmt.Errorf("annex: unmarshal %s into a nil pointer: %w", what, problem.ErrNilInput)
	}
	v, err := enumParse[T](what, names, b)
	if err == nil {
		*dst = v
	}
	return err
}
