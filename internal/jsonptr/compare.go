package jsonptr

import "strings"

// Compare orders two pointers token by token, comparing tokens that are both
// array indexes (decimal digits) numerically, so that "/components/2" sorts
// before "/components/10". A pointer sorts before its extensions. It returns
// -1, 0 or +1.
func Compare(a, b string) int {
	for a != "" && b != "" {
		ta, ra := next(a)
		tb, rb := next(b)
		if c := compareToken(ta, tb); c != 0 {
			return c
		}
		a, b = ra, rb
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

// next splits "/tok/rest" into "tok" and "/rest".
func next(p string) (string, string) {
	p = p[1:]
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i], p[i:]
	}
	return p, ""
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func compareToken(a, b string) int {
	if isIndex(a) && isIndex(b) {
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
	}
	return strings.Compare(a, b)
}
