// Package jsonptr builds and parses RFC 6901 JSON pointers.
package jsonptr

import (
	"strconv"
	"strings"
)

var escaper = strings.NewReplacer("~", "~0", "/", "~1")
var unescaper = strings.NewReplacer("~1", "/", "~0", "~")

// Escape escapes one reference token.
func Escape(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return escaper.Replace(token)
}

// Append returns ptr extended by the reference tokens, each escaped.
func Append(ptr string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(ptr)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(Escape(t))
	}
	return b.String()
}

// Index returns ptr extended by an array index.
func Index(ptr string, i int) string { return ptr + "/" + strconv.Itoa(i) }

// Split returns the unescaped reference tokens of ptr. The root pointer ""
// has no tokens. ok is false when ptr is not a valid pointer.
func Split(ptr string) (tokens []string, ok bool) {
	if ptr == "" {
		return nil, true
	}
	if ptr[0] != '/' {
		return nil, false
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		for j := 0; j < len(p); j++ {
			if p[j] == '~' && (j+1 >= len(p) || (p[j+1] != '0' && p[j+1] != '1')) {
				return nil, false
			}
		}
		parts[i] = unescaper.Replace(p)
	}
	return parts, true
}

// Valid reports whether ptr is a syntactically valid RFC 6901 pointer.
func Valid(ptr string) bool {
	_, ok := Split(ptr)
	return ok
}
