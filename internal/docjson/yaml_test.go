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
	"github.com/sdlkit/iec62443/problem"
)

func yamlJSON(t *testing.T, in string) any {
	t.Helper()
	j, errs := docjson.FromYAML([]byte(in), docjson.Limits{})
	require.Nil(t, errs, "%v", errs)
	var v any
	require.NoError(t, json.Unmarshal(j, &v), "%s", j)
	_, perrs := docjson.Parse(j, docjson.Limits{})
	require.Nil(t, perrs, "the JSON passes the strict parser")
	return v
}

func jsonValue(t *testing.T, s string) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal([]byte(s), &v))
	return v
}

func TestFromYAMLValues(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"block mapping", "a: 1\nb: [x, 'y', \"z\"]\nc: {d: null}\n", `{"a":1,"b":["x","y","z"],"c":{"d":null}}`},
		{"YAML 1.2 core scalars", "t: true\nf: False\nn: ~\ne:\nyes: yes\nno: no\non: on\n", `{"t":true,"f":false,"n":null,"e":null,"yes":"yes","no":"no","on":"on"}`},
		{"numbers", "a: 0x1F\nb: 1_000\nc: +5\nd: 0o17\ne: .5\nf: 1e3\ng: -0.25\nh: 12345678901234567890123\n",
			`{"a":31,"b":1000,"c":5,"d":15,"e":0.5,"f":1e3,"g":-0.25,"h":12345678901234567890123}`},
		{"timestamps and binary stay text", "d: 2024-01-02\nt: 2024-01-02T10:00:00Z\nb: !!binary aGk=\n", `{"d":"2024-01-02","t":"2024-01-02T10:00:00Z","b":"aGk="}`},
		{"quoted numbers are strings", "v: \"1\"\nw: !!str 2\n", `{"v":"1","w":"2"}`},
		{"keys in JSON form", "1: a\ntrue: b\nnull: c\n0x10: d\n", `{"1":"a","true":"b","null":"c","16":"d"}`},
		{"escapes", "s: \"tab\\tquote\\\"nl\\n\\u0001é\"\n", `{"s":"tab\tquote\"nl\n\u0001é"}`},
		{"block scalars", "l: |\n  one\n  two\nf: >\n  one\n  two\n", `{"l":"one\ntwo\n","f":"one two\n"}`},
		{"anchors and aliases", "a: &x [1, {b: 2}]\nc: *x\n", `{"a":[1,{"b":2}],"c":[1,{"b":2}]}`},
		{"explicit document markers", "---\na: 1\n...\n", `{"a":1}`},
		{"only a scalar", "hello\n", `"hello"`},
		{"an empty document", "---\n", `null`},
		// Merge keys: the mapping's own keys override merged ones, wherever
		// the merge key stands; an earlier merged mapping overrides a later.
		{"merge with override", "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  x: 3\n", `{"base":{"x":1,"y":2},"d":{"x":3,"y":2}}`},
		{"override before the merge", "base: &b {x: 1, y: 2}\nd:\n  x: 3\n  <<: *b\n", `{"base":{"x":1,"y":2},"d":{"x":3,"y":2}}`},
		{"merge list, earlier wins", "a: &a {k: a, ka: 1}\nb: &b {k: b, kb: 2}\nm:\n  <<: [*a, *b]\n", `{"a":{"k":"a","ka":1},"b":{"k":"b","kb":2},"m":{"k":"a","ka":1,"kb":2}}`},
		{"merge of a merge", "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\n", `{"a":{"x":1},"b":{"x":1,"y":2},"c":{"x":1,"y":2,"z":3}}`},
		{"inline merge", "m:\n  <<: {x: 1}\n  y: 2\n", `{"m":{"x":1,"y":2}}`},
		{"a quoted << is a key", "m: {'<<': 1}\n", `{"m":{"<<":1}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, jsonValue(t, tt.want), yamlJSON(t, tt.in))
		})
	}
}

// yamlProblem is what one problem of FromYAML must say.
type yamlProblem struct {
	ptr  string
	line int
	err  error
	msg  string // a part of the message
}

func TestFromYAMLProblems(t *testing.T) {
	many := func(n int, format string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		in   string
		lim  docjson.Limits
		want []yamlProblem
	}{
		{"two documents", "a: 1\n---\nb: 2\n", docjson.Limits{},
			[]yamlProblem{{"", 2, problem.ErrSyntax, "YAML stream has 2 documents, want one"}}},
		{"three documents", "---\na: 1\n---\nb: 2\n---\nc: 3\n", docjson.Limits{},
			[]yamlProblem{{"", 3, problem.ErrSyntax, "YAML stream has 3 documents, want one"}}},
		{"a trailing separator starts a document", "a: 1\n---\n", docjson.Limits{},
			[]yamlProblem{{"", 2, problem.ErrSyntax, "YAML stream has 2 documents"}}},
		{"syntax error has its line", "a: 1\nb: [1, 2\n", docjson.Limits{},
			[]yamlProblem{{"", 2, problem.ErrSyntax, "malformed YAML: did not find expected ',' or ']'"}}},
		{"syntax error in a later document", "a: 1\n---\nb: [\n", docjson.Limits{},
			[]yamlProblem{{"", 3, problem.ErrSyntax, "malformed YAML: did not find expected node content"}}},
		{"scanner error has its line", "a: 1\nb: c: d\n", docjson.Limits{},
			[]yamlProblem{{"", 2, problem.ErrSyntax, "malformed YAML: mapping values are not allowed in this context"}}},
		{"error on the first line", "[1, 2", docjson.Limits{},
			[]yamlProblem{{"", 1, problem.ErrSyntax, "malformed YAML: did not find expected ',' or ']'"}}},
		{"parser error past the first line", "a:\n  - 1\n  b: 2\n", docjson.Limits{},
			[]yamlProblem{{"", 2, problem.ErrSyntax, "malformed YAML: did not find expected '-' indicator"}}},
		{"empty", "", docjson.Limits{}, []yamlProblem{{"", 1, problem.ErrSyntax, "empty document, want a YAML mapping"}}},
		{"only comments", "# nothing\n", docjson.Limits{}, []yamlProblem{{"", 2, problem.ErrSyntax, "empty document, want a YAML mapping"}}},
		{"invalid UTF-8", "a: 1\nb: \"\xff\"\n", docjson.Limits{}, []yamlProblem{{"", 2, problem.ErrSyntax, "invalid UTF-8 at byte offset 9"}}},
		{"duplicate keys, each located", "a:\n  b: 1\n  c: 2\n  b: 3\nd: 1\nd: 2\n", docjson.Limits{},
			[]yamlProblem{
				{"/a/b", 4, problem.ErrDuplicateKey, `key "b" is given twice in one mapping (line 4; first on line 2): keep one`},
				{"/d", 6, problem.ErrDuplicateKey, `key "d" is given twice in one mapping (line 6; first on line 5)`},
			}},
		{"duplicate in JSON form", "1: a\n\"1\": b\n", docjson.Limits{},
			[]yamlProblem{{"/1", 2, problem.ErrDuplicateKey, `key "1"`}}},
		{"duplicate past the small-mapping scan", many(20, "k%d: 1\n") + "k3: 2\n", docjson.Limits{},
			[]yamlProblem{{"/k3", 21, problem.ErrDuplicateKey, `key "k3"`}}},
		{"duplicate in an anchored mapping, reported once", "a: &a {x: 1, x: 2}\nb: *a\nc: *a\nd: {<<: *a}\n", docjson.Limits{},
			[]yamlProblem{{"/a/x", 1, problem.ErrDuplicateKey, `key "x"`}}},
		{"too many members", "top:\n" + many(10, "  k%d: 1\n"), docjson.Limits{MaxEntries: 5},
			[]yamlProblem{{"/top", 2, problem.ErrLimit, "mapping has 10 members, more than 5"}}},
		{"too many elements", "top:\n  list: [1, 2, 3]\n", docjson.Limits{MaxEntries: 2},
			[]yamlProblem{{"/top/list", 2, problem.ErrLimit, "sequence has 3 elements, more than 2"}}},
		{"too many members after merging", "a: &a {x: 1, y: 2}\nb: {<<: *a, z: 3}\n", docjson.Limits{MaxEntries: 2},
			[]yamlProblem{{"/b", 2, problem.ErrLimit, "mapping has more than 2 members after merging"}}},
		{"long string", "a:\n  - ok\n  - " + strings.Repeat("x", 20) + "\n", docjson.Limits{MaxStringLen: 10},
			[]yamlProblem{{"/a/1", 3, problem.ErrLimit, "string is 20 bytes long, over the limit of 10"}}},
		{"long key", "a:\n  " + strings.Repeat("k", 20) + ": 1\n", docjson.Limits{MaxStringLen: 10},
			[]yamlProblem{{"/a", 2, problem.ErrLimit, "a key is 20 bytes long"}}},
		{"deep", "a: {b: {c: [1]}}\n", docjson.Limits{MaxDepth: 3},
			[]yamlProblem{{"/a/b/c", 1, problem.ErrLimit, "nesting deeper than 3 levels"}}},
		{"deep through an alias", "a: &a {b: {c: 1}}\nd: {e: *a}\n", docjson.Limits{MaxDepth: 3},
			[]yamlProblem{{"/d/e/b", 1, problem.ErrLimit, "nesting deeper than 3 levels"}}},
		{"expansion past MaxBytes", "a: &a [" + strings.Repeat("x,", 20) + "x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n", docjson.Limits{MaxBytes: 200},
			[]yamlProblem{{"/b/1/5", 1, problem.ErrLimit, "document expands to more than 200 bytes of JSON"}}},
		{"larger than MaxBytes", "a: " + strings.Repeat("x", 100) + "\n", docjson.Limits{MaxBytes: 50},
			[]yamlProblem{{"", 0, problem.ErrLimit, "document is larger than the limit of 50 bytes"}}},
		{"alias cycle", "a: &a [1, *a]\n", docjson.Limits{},
			[]yamlProblem{{"/a/1/1", 1, problem.ErrSyntax, "alias *a is part of the node it names"}}},
		{"merge cycle", "a: &a {x: 1, <<: *a}\n", docjson.Limits{},
			[]yamlProblem{{"/a", 1, problem.ErrSyntax, "merge key takes in the mapping that contains it"}}},
		{"merge of a scalar", "a: &s 1\nb: {<<: *s}\n", docjson.Limits{},
			[]yamlProblem{{"/b", 2, problem.ErrSyntax, "a merge key takes a mapping or a sequence of mappings, not a scalar"}}},
		{"merge of a list of scalars", "b: {<<: [1]}\n", docjson.Limits{},
			[]yamlProblem{{"/b", 1, problem.ErrSyntax, "this sequence holds a scalar"}}},
		{"infinity", "a:\n  x: .inf\n", docjson.Limits{},
			[]yamlProblem{{"/a/x", 2, problem.ErrInvalidValue, ".inf has no JSON form"}}},
		{"not a number", "a: [.NaN]\n", docjson.Limits{},
			[]yamlProblem{{"/a/0", 1, problem.ErrInvalidValue, ".NaN has no JSON form"}}},
		{"mapping as key", "a:\n  ? [1, 2]\n  : x\n", docjson.Limits{},
			[]yamlProblem{{"/a", 2, problem.ErrInvalidValue, "a mapping key is a sequence"}}},
		{"bad explicit tag", "a: !!int x\n", docjson.Limits{},
			[]yamlProblem{{"/a", 1, problem.ErrInvalidValue, `int value "x"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, errs := docjson.FromYAML([]byte(tt.in), tt.lim)
			require.NotNil(t, errs, "accepted: %s", j)
			assert.Nil(t, j)
			require.Len(t, errs, len(tt.want), "%v", errs.List())
			for i, w := range tt.want {
				e := errs[i]
				assert.Equal(t, w.ptr, e.Pointer, "pointer of %v", e)
				assert.Equal(t, w.line, e.Line, "line of %v", e)
				assert.ErrorIs(t, e, w.err, "%v", e)
				assert.Contains(t, e.Message, w.msg)
			}
		})
	}
}

// TestFromYAMLLimitsBeforeConverting: the entry limit stops a large mapping
// before any of its members is converted (the old conversion built the
// whole JSON first and let the JSON parser find the overrun: 10^6 keys took
// 15 s and 700 MB), and alias expansion stops at MaxBytes of output.
func TestFromYAMLLimitsBeforeConverting(t *testing.T) {
	var b strings.Builder
	for i := range 50_000 {
		fmt.Fprintf(&b, "k%d: %d\n", i, i)
	}
	_, errs := docjson.FromYAML([]byte(b.String()), docjson.Limits{MaxEntries: 1000})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], problem.ErrLimit)
	assert.Equal(t, "mapping has 50000 members, more than 1000 (raise MaxEntries in the options)", errs[0].Message, "counted from the parsed mapping, not from converted JSON")
	assert.Equal(t, 1, errs[0].Line)

	// The billion laughs: nine levels of nine aliases, 9^9 strings.
	b.Reset()
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n")
		prev = n
	}
	_, errs = docjson.FromYAML([]byte(b.String()), docjson.Limits{MaxBytes: 1 << 20})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], problem.ErrLimit)
	assert.Contains(t, errs[0].Message, "document expands to more than 1048576 bytes of JSON")

	// Merge keys that multiply work without output are bounded too.
	b.Reset()
	b.WriteString("a0: &a0 {" + strings.TrimSuffix(strings.Repeat("k: 1, ", 1), ", ") + "}\n")
	for i := 1; i < 30; i++ {
		fmt.Fprintf(&b, "a%d: &a%d {<<: [%s], k: 2}\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 50), ", "))
	}
	j, errs := docjson.FromYAML([]byte(b.String()), docjson.Limits{MaxBytes: 1 << 20})
	require.Nil(t, errs, "the members of each mapping are computed once")
	assert.Contains(t, string(j), `"a29":{"k":2}`)
}

func TestFromYAMLLinesForSchemaUse(t *testing.T) {
	// The conversion's own problems are located by pointer and line, and the
	// caller's problem list keeps both.
	_, errs := docjson.FromYAML([]byte("product:\n  name: P\n  name: Q\n"), docjson.Limits{})
	require.Len(t, errs, 1)
	err := errs.Err()
	var list problem.List
	require.ErrorAs(t, err, &list)
	assert.Equal(t, "/product/name (line 3): key \"name\" is given twice in one mapping (line 3; first on line 2): keep one", list[0].Error())
	assert.ErrorIs(t, err, located.ErrDuplicateKey)
}

func FuzzFromYAML(f *testing.F) {
	for _, s := range []string{
		"a: 1\n", "a: [1, {b: 2}]\n", "a: &a {x: 1}\nb: {<<: *a, x: 2}\n", "a: 1\n---\nb: 2\n", "a: &a [*a]\n",
		"a: 1\na: 2\n", "? [1]\n: x\n", "a: .inf\n", "a: !!binary aGk=\n", "- |\n  x\n", "'\xff'", "{a: [b, {c: *d}]}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := docjson.Limits{MaxBytes: 1 << 16, MaxDepth: 8, MaxEntries: 64, MaxStringLen: 256}
		j, errs := docjson.FromYAML(data, lim)
		if errs != nil {
			for _, e := range errs {
				if e.Err == nil || e.Message == "" {
					t.Fatalf("unclassified problem %+v", e)
				}
			}
			return
		}
		// What the conversion accepts is strict JSON within the same limits.
		if _, perrs := docjson.Parse(j, lim); perrs != nil {
			t.Fatalf("converted JSON %q is rejected: %v", j, perrs.List())
		}
	})
}
