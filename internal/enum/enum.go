// Package enum holds the string conventions of the SDK's closed enumerations:
// a name for every valid value, "unset" for the zero value and "invalid(N)"
// for anything else, so no enum prints as a bare number.
package enum

import "strconv"

// Name returns names[v] for a valid value (index 1 up, non-empty name),
// "unset" for 0 and "invalid(N)" otherwise.
func Name(names []string, v int) string {
	if v == 0 {
		return "unset"
	}
	if v > 0 && v < len(names) && names[v] != "" {
		return names[v]
	}
	return "invalid(" + strconv.Itoa(v) + ")"
}

// Parse returns the index of name in names (index 1 up), and false when no
// valid value has that name.
func Parse(names []string, name string) (int, bool) {
	for i := 1; i < len(names); i++ {
		if names[i] != "" && names[i] == name {
			return i, true
		}
	}
	return 0, false
}
