package docjson_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/located"
)

// bigObject returns an object with keys k0..k(n-1) followed by the extra keys.
func bigObject(n int, extra ...string) string {
	var b strings.Builder
	b.WriteString(`{`)
	for i := range n {
		fmt.Fprintf(&b, `"k%d":%d,`, i, i)
	}
	for _, k := range extra {
		fmt.Fprintf(&b, `%q:0,`, k)
	}
	return strings.TrimSuffix(b.String(), ",") + `}`
}

// TestPointersAtDepth pins the pointer, kind and message of every problem
// found in nested objects and arrays, with keys that need escaping.
func TestPointersAtDepth(t *testing.T) {
	type problem struct {
		ptr string
		err error
		msg string // "" for syntax errors, whose text comes from encoding/json
	}
	dup := func(ptr, key string) problem {
		return problem{ptr, located.ErrDuplicateKey, fmt.Sprintf("key %q appears more than once in this object (keep one)", key)}
	}
	tests := []struct {
		name string
		in   string
		lim  docjson.Limits
		want []problem
	}{
		{"duplicate in nested arrays and objects", `{"a~b":{"c/d":[0,{"e":[1,{"f":1,"f":2}]}]}}`, docjson.Limits{},
			[]problem{dup("/a~0b/c~1d/1/e/1/f", "f")}},
		{"every duplicate", `{"a":1,"a":2,"a":3}`, docjson.Limits{},
			[]problem{dup("/a", "a"), dup("/a", "a")}},
		{"empty keys", `{"":{"":1,"":2}}`, docjson.Limits{},
			[]problem{dup("//", "")}},
		{"duplicates past the small-object scan", `{"o":[` + bigObject(40, "k3", "k39", "~/", "~/", "k0") + `]}`, docjson.Limits{},
			[]problem{dup("/o/0/k3", "k3"), dup("/o/0/k39", "k39"), dup("/o/0/~0~1", "~/"), dup("/o/0/k0", "k0")}},
		{"duplicate at the small-object boundary", bigObject(16, "k15", "k0"), docjson.Limits{},
			[]problem{dup("/k15", "k15"), dup("/k0", "k0")}},
		{"duplicates after a closed child", `{"a":{"b":{"a":1}},"b":1,"a":2}`, docjson.Limits{},
			[]problem{dup("/a", "a")}},
		{"depth", `{"a/b":[{"~":[[1]]}]}`, docjson.Limits{MaxDepth: 4},
			[]problem{{"/a~1b/0/~0/0", located.ErrLimit, "nesting deeper than 4 levels (raise MaxDepth in the options)"}}},
		{"string in nested array", `[["ok","toolong"]]`, docjson.Limits{MaxStringLen: 5},
			[]problem{{"/0/1", located.ErrLimit, "string is 7 bytes long, over the limit of 5 (raise MaxStringLen in the options)"}}},
		{"key in object in array", `{"x":[{"toolongkey":1}]}`, docjson.Limits{MaxStringLen: 5},
			[]problem{{"/x/0", located.ErrLimit, "a key is 10 bytes long, over the limit of 5"}}},
		{"elements", `{"a":[{"b":[1,2,3]}]}`, docjson.Limits{MaxEntries: 2},
			[]problem{{"/a/0/b", located.ErrLimit, "array has more than 2 elements (raise MaxEntries in the options)"}}},
		{"members", `[{},{"a":1,"b":2,"c":3}]`, docjson.Limits{MaxEntries: 2},
			[]problem{{"/1", located.ErrLimit, "object has more than 2 members (raise MaxEntries in the options)"}}},
		{"syntax in nested array", `{"a":[{"b~":[1,2,}]}`, docjson.Limits{},
			[]problem{{"/a/0/b~0/2", located.ErrSyntax, ""}}},
		{"syntax before the first key", `[{,`, docjson.Limits{},
			[]problem{{"/0/", located.ErrSyntax, ""}}},
		{"end after an element", `{"a":[{"b":1},`, docjson.Limits{},
			[]problem{{"/a/1", located.ErrSyntax, "unexpected end of document"}}},
		{"end after a key", `{"a":{"b~/":`, docjson.Limits{},
			[]problem{{"/a/b~0~1", located.ErrSyntax, "unexpected end of document"}}},
		{"trailing data", `[1,[2,{"a":[]}]] x`, docjson.Limits{},
			[]problem{{"", located.ErrSyntax, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := docjson.Parse([]byte(tt.in), tt.lim)
			check := docjson.Check([]byte(tt.in), tt.lim)
			require.Len(t, errs, len(tt.want), "%v", errs)
			assert.Equal(t, errs, check, "Check reports what Parse reports")
			for i, w := range tt.want {
				assert.Equal(t, w.ptr, errs[i].Pointer)
				assert.ErrorIs(t, errs[i], w.err)
				if w.msg != "" {
					assert.Equal(t, w.msg, errs[i].Message)
				}
			}
		})
	}
}

func TestParseLargeContainers(t *testing.T) {
	in := `{"big":` + bigObject(40) + `,"list":[` + strings.Repeat(`{"a":[1,"x"]},`, 99) + `{"a":[]}]}`
	tree, errs := docjson.Parse([]byte(in), docjson.Limits{})
	require.Nil(t, errs)
	m := tree.(map[string]any)
	big := m["big"].(map[string]any)
	require.Len(t, big, 40)
	for i := range 40 {
		assert.Equal(t, fmt.Sprint(i), fmt.Sprint(big[fmt.Sprintf("k%d", i)]))
	}
	list := m["list"].([]any)
	require.Len(t, list, 100)
	assert.Equal(t, map[string]any{"a": []any{json.Number("1"), "x"}}, list[0])
	assert.Equal(t, map[string]any{"a": []any{}}, list[99])
}
