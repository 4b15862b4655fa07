package docjson_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
)

func pointers(t *testing.T, errs located.Errors) map[string]error {
	t.Helper()
	out := map[string]error{}
	for _, e := range errs {
		out[e.Pointer] = e.Err
	}
	return out
}

func TestParseTree(t *testing.T) {
	tree, errs := docjson.Parse([]byte(`{"a":[1,{"b":"x"},[]],"c":{},"d":null,"e":true,"f~/g":2.5}`), docjson.Limits{})
	require.Nil(t, errs)
	m := tree.(map[string]any)
	assert.Len(t, m["a"], 3)
	assert.Equal(t, map[string]any{"b": "x"}, m["a"].([]any)[1])
	assert.Equal(t, []any{}, m["a"].([]any)[2])
	assert.Equal(t, map[string]any{}, m["c"])
	assert.Nil(t, m["d"])
	assert.Equal(t, true, m["e"])
	assert.Equal(t, "2.5", string(m["f~/g"].(interface{ String() string }).String()))
}

func TestStrictProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		lim  docjson.Limits
		ptr  string
		want error
	}{
		{"duplicate key", `{"a":1,"b":{"c":1,"c":2}}`, docjson.Limits{}, "/b/c", located.ErrDuplicateKey},
		{"duplicate escaped key", `{"x/y":1,"x/y":2}`, docjson.Limits{}, "/x~1y", located.ErrDuplicateKey},
		{"depth", `{"a":[[[[1]]]]}`, docjson.Limits{MaxDepth: 3}, "/a/0/0", located.ErrLimit},
		{"string length", `{"a":"` + strings.Repeat("x", 100) + `"}`, docjson.Limits{MaxStringLen: 10}, "/a", located.ErrLimit},
		{"entries", `[1,2,3,4]`, docjson.Limits{MaxEntries: 3}, "", located.ErrLimit},
		{"members", `{"a":1,"b":2}`, docjson.Limits{MaxEntries: 1}, "", located.ErrLimit},
		{"syntax", `{"a":[1,2,}`, docjson.Limits{}, "/a/2", located.ErrSyntax},
		{"truncated", `{"a":[1,2`, docjson.Limits{}, "/a/2", located.ErrSyntax},
		{"empty", ``, docjson.Limits{}, "", located.ErrSyntax},
		{"nan", `{"a":NaN}`, docjson.Limits{}, "/a", located.ErrSyntax},
		{"invalid utf-8", "{\"a\":\"\xff\"}", docjson.Limits{}, "", located.ErrSyntax},
		{"trailing garbage", `{} {}`, docjson.Limits{}, "", located.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := docjson.Parse([]byte(tt.in), tt.lim)
			require.NotEmpty(t, errs)
			got := pointers(t, errs)
			require.Contains(t, got, tt.ptr, "%v", errs)
			assert.ErrorIs(t, got[tt.ptr], tt.want)
			assert.ErrorIs(t, errs.Err(), located.ErrInvalidDocument)
		})
	}
}

func TestReadAllLimit(t *testing.T) {
	_, errs := docjson.ReadAll(bytes.NewReader(make([]byte, 100)), docjson.Limits{MaxBytes: 10})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], located.ErrLimit)
}

type doc struct {
	SchemaVersion string `json:"schema_version"`
	Name          string `json:"name"`
	Count         int    `json:"count"`
}

var testSchema = []byte(`{
 "$schema": "https://json-schema.org/draft/2020-12/schema",
 "$id": "https://example.test/doc.json",
 "type": "object", "additionalProperties": false,
 "required": ["schema_version", "name"],
 "properties": {"schema_version": {"const": "1"}, "name": {"type": "string", "minLength": 2}, "count": {"type": "integer", "minimum": 0}}
}`)

func TestDecodeWithSchema(t *testing.T) {
	s := schema.MustCompile("https://example.test/doc.json", testSchema)
	var d doc
	require.NoError(t, docjson.Decode(strings.NewReader(`{"schema_version":"1","name":"ok","count":3}`), docjson.Limits{}, s, &d))
	assert.Equal(t, doc{"1", "ok", 3}, d)

	err := docjson.Decode(strings.NewReader(`{"schema_version":"2","name":"x","count":-1,"extra":1}`), docjson.Limits{}, s, &d)
	var list problem.List
	require.ErrorAs(t, err, &list)
	got := pointers(t, located.Errors(list))
	for _, p := range []string{"/schema_version", "/name", "/count", ""} {
		assert.Contains(t, got, p, "%v", err)
		assert.ErrorIs(t, got[p], located.ErrSchema)
	}

	// without a schema, unknown fields and type errors are still located
	err = docjson.Decode(strings.NewReader(`{"name":"x","surprise":1}`), docjson.Limits{}, nil, &d)
	assert.ErrorIs(t, err, located.ErrSchema)
	err = docjson.Decode(strings.NewReader(`{"count":"three"}`), docjson.Limits{}, nil, &d)
	require.ErrorAs(t, err, &list)
	assert.Equal(t, "/count", list[0].Pointer)
}

func TestErrorsList(t *testing.T) {
	var l located.Errors
	assert.NoError(t, l.Err())
	l.Add("/b", located.ErrSchema, "second")
	l.Add("/a", located.ErrLimit, "first %d", 1)
	l.Add("/a", located.ErrLimit, "first %d", 1)
	l.Sort()
	require.Len(t, l, 2)
	assert.Equal(t, "/a: first 1 (and 1 more problems)", l.Err().Error())
	assert.ErrorIs(t, l.Err(), located.ErrLimit)
	assert.ErrorIs(t, l.Err(), located.ErrSchema)
	assert.ErrorIs(t, l.Err(), located.ErrInvalidDocument)
	assert.Equal(t, "(root): x", (&located.Error{Message: "x"}).Error())
}

func TestMarshal(t *testing.T) {
	b, err := docjson.Marshal(map[string]string{"b": "<&>", "a": "x"})
	require.NoError(t, err)
	assert.Equal(t, "{\n  \"a\": \"x\",\n  \"b\": \"<&>\"\n}\n", string(b)) //nolint:testifylint // the exact bytes (indentation, no HTML escaping) are the point
	_, err = docjson.Marshal(func() {})
	assert.Error(t, err)
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{"b":null}],"c":"\u00e9"}`, `{"a":1,"a":2}`, `[[[[[]]]]]`, `"x"`, `1e999`, `{"a":}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := docjson.Limits{MaxDepth: 8, MaxEntries: 64, MaxStringLen: 256}
		tree, errs := docjson.Parse(data, lim)
		if errs != nil {
			for _, e := range errs {
				if e.Err == nil || e.Message == "" {
					t.Fatalf("unclassified problem %+v", e)
				}
			}
			return
		}
		// a tree we accepted re-encodes and parses to the same tree
		b, err := docjson.Marshal(tree)
		if err != nil {
			t.Fatalf("marshal accepted tree: %v", err)
		}
		tree2, errs := docjson.Parse(b, docjson.Limits{})
		if errs != nil {
			t.Fatalf("re-parse: %v", errs)
		}
		b2, _ := docjson.Marshal(tree2)
		if !bytes.Equal(b, b2) {
			t.Fatalf("round trip differs:\n%s\n%s", b, b2)
		}
	})
}

func TestRebase(t *testing.T) {
	var l located.Errors
	l.Add("/threats/0", located.ErrSchema, "bad")
	r := l.Rebase("risk/register.json", "/register")
	assert.Equal(t, "risk/register.json#/register/threats/0: bad", r[0].Error())
	assert.Equal(t, "/threats/0", l[0].Pointer, "the original is not modified")
}
