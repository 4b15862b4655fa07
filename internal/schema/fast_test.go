package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const draft7 = `"$schema":"http://json-schema.org/draft-07/schema#",`

// decode reads JSON as Validate takes it.
func decode(t *testing.T, s string) any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	require.NoError(t, d.Decode(&v))
	return v
}

// agree checks the fast path against Validate on one instance: a fast
// "valid" must never disagree, and want (the expected validity) holds.
func agree(t *testing.T, s *Schema, instance string, want bool) {
	t.Helper()
	v := decode(t, instance)
	full := len(s.Validate(v)) == 0
	require.Equal(t, want, full, "Validate on %s", instance)
	fastBytes := s.ValidJSON([]byte(instance))
	fastValue := s.Valid(v)
	if !full {
		assert.False(t, fastBytes, "ValidJSON accepts %s, which Validate rejects", instance)
		assert.False(t, fastValue, "Valid accepts %s, which Validate rejects", instance)
	}
	assert.Equal(t, fastBytes, fastValue, "ValidJSON and Valid on %s", instance)
}

// TestFastPathKeywords: the fast path decides each keyword as jsonschema/v5
// does; it may say "cannot tell" (false) but never accepts what Validate
// rejects, and accepts what it can decide.
func TestFastPathKeywords(t *testing.T) {
	tests := []struct {
		schema  string
		valid   []string
		invalid []string
		unknown []string // valid, but the fast path cannot tell
	}{
		{`{"type":"object","required":["a"],"properties":{"a":{"type":"string","minLength":2,"maxLength":3}},"additionalProperties":false}`,
			[]string{`{"a":"xy"}`, `{"a":"ééé"}`}, []string{`{}`, `{"a":"x"}`, `{"a":"xyzw"}`, `{"a":"xy","b":1}`, `{"a":1}`, `[]`}, nil},
		{`{"type":"integer","minimum":1,"exclusiveMaximum":10,"multipleOf":0.5}`,
			[]string{`1`, `9.0`, `2e0`}, []string{`0`, `10`, `1.5`, `"1"`}, nil},
		{`{"enum":["a",1,{"k":[1,2]},null,true]}`,
			[]string{`"a"`, `1.0`, `{"k":[1,2.0]}`, `null`, `true`}, []string{`"b"`, `2`, `{"k":[2,1]}`, `false`}, nil},
		{`{"const":{"a":1,"b":"x"}}`, []string{`{"b":"x","a":1}`}, []string{`{"a":1}`, `{"a":1,"b":"y"}`}, nil},
		{`{"anyOf":[{"type":"string"},{"type":"number"}]}`, []string{`"x"`, `1`}, []string{`null`, `[]`}, nil},
		{`{"oneOf":[{"type":"number"},{"type":"integer"}]}`, []string{`1.5`}, []string{`1`, `"x"`}, nil},
		{`{"not":{"type":"string"}}`, []string{`1`}, []string{`"x"`}, nil},
		{`{"allOf":[{"minProperties":1},{"maxProperties":2}]}`, []string{`{"a":1}`}, []string{`{}`, `{"a":1,"b":2,"c":3}`}, nil},
		{`{"if":{"required":["a"]},"then":{"required":["b"]},"else":{"required":["c"]}}`,
			[]string{`{"a":1,"b":1}`, `{"c":1}`}, []string{`{"a":1}`, `{}`}, nil},
		{`{"type":"array","items":{"type":"string"},"uniqueItems":true,"minItems":1,"maxItems":3}`,
			[]string{`["a","b"]`}, []string{`[]`, `["a","a"]`, `["a",1]`, `["a","b","c","d"]`}, nil},
		{`{"uniqueItems":true}`, []string{`[1,"1",{"a":1},{"a":2}]`}, []string{`[1,1.0]`, `[{"a":1,"b":2},{"b":2,"a":1}]`, `[[1],[1]]`}, nil},
		{`{` + draft7 + `"type":"array","items":[{"type":"string"}],"additionalItems":false}`, []string{`["a"]`, `[]`}, []string{`["a",1]`, `[1]`}, nil},
		{`{"contains":{"type":"string"}}`, []string{`[1,"a"]`}, []string{`[1,2]`}, nil},
		{`{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":{"type":"number"}}`,
			[]string{`{"x-a":"s","b":1}`}, []string{`{"x-a":1}`, `{"b":"s"}`}, nil},
		{`{"propertyNames":{"pattern":"^[a-z]+$"}}`, []string{`{"abc":1}`}, []string{`{"aBc":1}`}, nil},
		{`{"dependencies":{"a":["b"],"c":{"required":["d"]}}}`, []string{`{"a":1,"b":1}`, `{"c":1,"d":1}`}, []string{`{"a":1}`, `{"c":1}`}, nil},
		{`{"type":"string","format":"email"}`, []string{`"a@b.example"`}, []string{`"not an address"`}, nil},
		{`{"type":"string","format":"date-time"}`, []string{`"2026-01-02T03:04:05Z"`}, []string{`"2026-01-02"`}, nil},
		{`{"pattern":"^([a-f0-9]{4}|[a-f0-9]{8})$"}`, []string{`"abcd"`, `"0123abcd"`, `5`}, []string{`"abc"`, `"abcde"`, `"ABCD"`, `"abcé"`}, nil},
		{`{"type":"string","pattern":"é"}`, []string{`"\u00e9"`, `"xé"`}, []string{`"e"`}, nil},
		{`{` + draft7 + `"type":"string","contentEncoding":"base64"}`, nil, []string{`"!"`}, []string{`"aGk="`}},
		{`{"$schema":"https://json-schema.org/draft/2020-12/schema","unevaluatedProperties":false,"properties":{"a":true}}`,
			nil, []string{`{"b":1}`}, []string{`{"a":1}`}},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			s, err := Compile(fmt.Sprintf("https://x.test/%d.json", i), []byte(tt.schema))
			require.NoError(t, err)
			for _, in := range tt.valid {
				agree(t, s, in, true)
				assert.True(t, s.ValidJSON([]byte(in)), "fast path decides %s", in)
			}
			for _, in := range tt.invalid {
				agree(t, s, in, false)
			}
			for _, in := range tt.unknown {
				agree(t, s, in, true)
				assert.False(t, s.ValidJSON([]byte(in)), "the fast path cannot decide %s", in)
			}
		})
	}
}

// TestFastPathRefsAndLoops: $ref is followed; a schema that refers to
// itself on the same value is left to Validate.
func TestFastPathRefsAndLoops(t *testing.T) {
	s, err := Compile("https://x.test/r.json", []byte(`{"definitions":{"n":{"type":"object","properties":{"next":{"$ref":"#/definitions/n"}}}},"$ref":"#/definitions/n"}`))
	require.NoError(t, err)
	agree(t, s, `{"next":{"next":{}}}`, true)
	agree(t, s, `{"next":{"next":1}}`, false)

	// jsonschema/v5 refuses to compile a loop of $refs on one value; the
	// fast path gives up on a chain longer than maxFastDepth all the same.
	var tp tape
	require.NoError(t, tp.fromJSON([]byte(`{}`)))
	assert.Equal(t, fastUnknown, fastValidate(s.s, &tp, 0, maxFastDepth+1))
}

// TestFastPathInput: ValidJSON refuses what is not JSON; escapes mean what
// they mean to encoding/json.
func TestFastPathInput(t *testing.T) {
	s, err := Compile("https://x.test/i.json", []byte(`{"properties":{"a":{"const":"\u00e9\ud83d\ude00"}},"required":["a"]}`))
	require.NoError(t, err)
	assert.True(t, s.ValidJSON([]byte(`{"\u0061":"\u00e9\ud83d\ude00"}`)))
	assert.True(t, s.ValidJSON([]byte(" {\"a\" : \"é😀\"} \n")))
	for _, bad := range []string{``, `{`, `{"a":"x"`, `{"a" "x"}`, `[1,]`, `{"a":"é😀"} x`, `tru`} {
		assert.False(t, s.ValidJSON([]byte(bad)), bad)
	}
	var nilSchema *Schema
	assert.False(t, nilSchema.ValidJSON([]byte(`{}`)))
	assert.False(t, nilSchema.Valid(map[string]any{}))
	_, _, ok := nilSchema.ValidJSONKey([]byte(`{}`))
	assert.False(t, ok)
	assert.False(t, s.Valid(struct{}{}), "not a JSON value")
}

// TestUniqueKey: values equal as JSON Schema compares them share a key
// (member order, number spelling and escapes aside); others do not.
func TestUniqueKey(t *testing.T) {
	s, err := Compile("https://x.test/k.json", []byte(`{}`))
	require.NoError(t, err)
	key := func(doc string) UniqueKey {
		_, k, ok := s.ValidJSONKey([]byte(doc))
		require.True(t, ok, doc)
		kv, ok := KeyOf(decode(t, doc))
		require.True(t, ok)
		assert.Equal(t, k, kv, "bytes and value give one key: %s", doc)
		return k
	}
	same := [][2]string{
		{`{"a":1,"b":[true,null,"x"]}`, `{"b":[true,null,"\u0078"],"a":1.0}`},
		{`-0`, `0`}, {`100`, `1e2`}, {`{}`, ` { } `},
	}
	for _, p := range same {
		assert.Equal(t, key(p[0]), key(p[1]), "%s and %s", p[0], p[1])
		assert.True(t, EqualJSON(decode(t, p[0]), decode(t, p[1])))
	}
	differ := []string{`{"a":1}`, `{"a":"1"}`, `{"b":1}`, `[1,2]`, `[2,1]`, `[[1,2]]`, `"ab"`, `["a","b"]`, `{"a":1,"b":1}`, `{"ab":1}`, `null`, `false`, `true`, `0`, `""`, `[]`, `{}`}
	seen := map[UniqueKey]string{}
	for _, d := range differ {
		k := key(d)
		if prev, ok := seen[k]; ok {
			t.Errorf("%s and %s share a key", prev, d)
		}
		seen[k] = d
	}
	_, ok := KeyOf(struct{}{})
	assert.False(t, ok)
}

// TestClassPatterns: an anchored run of one ASCII class is matched by
// class and length, with the answer of the pattern itself, on random
// strings; other patterns go to regexp.
func TestClassPatterns(t *testing.T) {
	patterns := map[string]bool{
		`^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$`: true,
		`^[A-Z]{2}$`:             true,
		`^[0-9]+$`:               true,
		`^(?:[a-z]{2,4})?$`:      true,
		`^[a-z]{2}(-[A-Z]{2})?$`: false, // two classes
		`[a-z]{2}`:               false, // not anchored
		`^[a-z]{2}$|^x$`:         false,
		`^(?m)[a-z]$`:            false,
		`^[é]{2}$`:               false, // not ASCII
		`^.{3}$`:                 false,
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("abcdefABCDEF0123456789xyzXYZ-_ \n\xc3\xa9")
	for p, simple := range patterns {
		re := regexp.MustCompile(p)
		assert.Equal(t, simple, classPatternOf(re).simple, p)
		for range 3000 {
			n := r.IntN(140)
			if r.IntN(2) == 0 {
				n = []int{0, 1, 2, 3, 4, 32, 40, 64, 96, 128}[r.IntN(10)]
			}
			b := make([]byte, n)
			for i := range b {
				if r.IntN(4) == 0 {
					b[i] = alphabet[r.IntN(len(alphabet))]
				} else {
					b[i] = "0123456789abcdef"[r.IntN(16)]
				}
			}
			if n == 2 && r.IntN(2) == 0 {
				b = []byte("DE")
			}
			require.Equal(t, re.Match(b), matchPattern(re, b), "%s on %q", p, b)
		}
	}
	long := bytes.Repeat([]byte("a"), maxCachedLength+1)
	re := regexp.MustCompile(`^[a-z]+$`)
	assert.True(t, matchPattern(re, long))
}

// TestSplit: an array constrained by items (and maxItems, uniqueItems)
// under a root without applicators can be validated element by element.
func TestSplit(t *testing.T) {
	s, err := Compile("https://x.test/s.json", []byte(`{"type":"object","properties":{
		"a":{"type":"array","items":{"type":"string"},"uniqueItems":true,"maxItems":5},
		"b":{"type":"array","items":{"type":"string"},"minItems":1},
		"c":{"type":"array","prefixItems":[{"type":"string"}]},
		"d":{"type":"string"}}}`))
	require.NoError(t, err)
	sp, ok := s.Split("a")
	require.True(t, ok)
	assert.Equal(t, 5, sp.MaxItems)
	assert.True(t, sp.Unique)
	assert.True(t, sp.Items.ValidJSON([]byte(`"x"`)))
	for _, p := range []string{"b", "c", "d", "e"} {
		_, ok := s.Split(p)
		assert.False(t, ok, p)
	}
	withAllOf, err := Compile("https://x.test/s2.json", []byte(`{"allOf":[{}],"properties":{"a":{"type":"array","items":{}}}}`))
	require.NoError(t, err)
	_, ok = withAllOf.Split("a")
	assert.False(t, ok, "a root applicator may look at the array")
	var nilSchema *Schema
	_, ok = nilSchema.Split("a")
	assert.False(t, ok)
}

// hasDuplicateKeys reports whether a JSON document repeats a key in one
// object (ValidJSON's input never does: the SDK's readers refuse it).
func hasDuplicateKeys(data []byte) bool {
	d := json.NewDecoder(bytes.NewReader(data))
	var stack []map[string]bool
	expectKey := []bool{}
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		switch x := tok.(type) {
		case json.Delim:
			switch x {
			case '{':
				stack = append(stack, map[string]bool{})
				expectKey = append(expectKey, true)
				continue
			case '[':
				stack = append(stack, nil)
				expectKey = append(expectKey, false)
				continue
			default:
				stack, expectKey = stack[:len(stack)-1], expectKey[:len(expectKey)-1]
			}
		case string:
			if n := len(stack); n > 0 && stack[n-1] != nil && expectKey[n-1] {
				if stack[n-1][x] {
					return true
				}
				stack[n-1][x] = true
				expectKey[n-1] = false
				continue
			}
		}
		if n := len(stack); n > 0 && stack[n-1] != nil {
			expectKey[n-1] = true
		}
	}
}

// FuzzFastPath: on any JSON document, the fast path accepts only what
// Validate accepts, against the official CycloneDX 1.6 schema, and reads
// bytes and decoded values alike.
func FuzzFastPath(f *testing.F) {
	dir := filepath.Join("..", "..", "sbom", "schemas", "cyclonedx")
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(f, err)
		return b
	}
	var extra []Resource
	for _, n := range []string{"spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"} {
		extra = append(extra, Resource{URL: "http://cyclonedx.org/schema/" + n, Data: read(n)})
	}
	s, err := Compile("http://cyclonedx.org/schema/bom-1.6.schema.json", read("bom-1.6.schema.json"), extra...)
	require.NoError(f, err)
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "examples", "sbomcheck", "testdata", "formats", "widget-1.6.cdx.json"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "sbom", "testdata", "check", "*.cdx.json"))
	for _, p := range append(seeds, more...) {
		b, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","hashes":[{"alg":"SHA-256","content":"00"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) || hasDuplicateKeys(data) {
			return
		}
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var v any
		if d.Decode(&v) != nil {
			return
		}
		fast := s.ValidJSON(data)
		if fast && len(s.Validate(v)) > 0 {
			t.Fatalf("the fast path accepts what Validate rejects: %s", data)
		}
		if fast != s.Valid(v) {
			t.Fatalf("ValidJSON %v, Valid %v on %s", fast, s.Valid(v), data)
		}
	})
}
