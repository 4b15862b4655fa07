package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

// wholeDocument validates data as the package did before validation was
// split: the whole decoded tree against the whole schema, every problem
// of jsonschema/v5, the licence choice of CycloneDX before 1.7 explained,
// sorted and capped. It is the reference the split validation must
// match.
func wholeDocument(t *testing.T, key string, data []byte) schemaResult {
	t.Helper()
	s := officialSchemas[key]
	compiled, err := compiledSchemas[key]()
	require.NoError(t, err)
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&v))
	var probs []schemaProblem
	for _, e := range compiled.Validate(v) {
		probs = append(probs, schemaProblem{Pointer: e.Pointer, Message: e.Message})
	}
	if strings.HasPrefix(key, "cyclonedx-") && key != "cyclonedx-1.7" {
		probs = explainLicenceChoice(s.name, v, probs)
	}
	sortSchemaProblems(probs)
	res := schemaResult{schema: s.name}
	if len(probs) > maxSchemaProblems {
		res.omitted = len(probs) - maxSchemaProblems
		probs = probs[:maxSchemaProblems]
	}
	res.problems = probs
	return res
}

// streamed validates a CycloneDX JSON document as CheckCycloneDX reads it:
// streamed through the checker, in small reads.
func streamed(t *testing.T, data []byte) schemaResult {
	t.Helper()
	var sr schemaResult
	_, _, _, err := decodeCycloneDX(context.Background(), iotest.HalfReader(bytes.NewReader(data)), EncodingJSON, requirement.Limits{}, &sr, false)
	require.NoError(t, err)
	return sr
}

// kept validates it as DecodeCycloneDX reads it: whole, then streamed
// from memory.
func kept(t *testing.T, data []byte) schemaResult {
	t.Helper()
	var sr schemaResult
	_, _, _, err := decodeCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, requirement.Limits{}, &sr, true)
	require.NoError(t, err)
	return sr
}

func sameResult(t *testing.T, want, got schemaResult, how string) {
	t.Helper()
	assert.Equal(t, want.schema, got.schema, how)
	assert.Equal(t, want.omitted+want.unexamined, got.omitted+got.unexamined, how)
	require.Len(t, got.problems, len(want.problems), "%s: %v", how, got.problems)
	for i := range want.problems {
		assert.Equal(t, want.problems[i], got.problems[i], "%s: problem %d", how, i)
	}
}

// mutations returns variants of a CycloneDX JSON document with violations
// planted in components, the metadata and the arrays: the wrong type, a
// missing name, a bad hash value, an unknown member, two expressions in
// one licences array, equal components without bom-ref, a bad timestamp.
func mutations(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	out := map[string][]byte{}
	mutate := func(name string, f func(doc map[string]any) bool) {
		var c map[string]any
		b, _ := json.Marshal(doc)
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		require.NoError(t, d.Decode(&c))
		if f(c) {
			b, err := json.Marshal(c)
			require.NoError(t, err)
			out[name] = b
		}
	}
	comps := func(doc map[string]any) []any { cs, _ := doc["components"].([]any); return cs }
	last := func(doc map[string]any) map[string]any {
		cs := comps(doc)
		if len(cs) == 0 {
			return nil
		}
		m, _ := cs[len(cs)-1].(map[string]any)
		return m
	}
	mutate("bad type", func(doc map[string]any) bool {
		c := last(doc)
		if c == nil {
			return false
		}
		c["type"] = "bogus"
		return true
	})
	mutate("no name, unknown member", func(doc map[string]any) bool {
		c := last(doc)
		if c == nil {
			return false
		}
		delete(c, "name")
		c["colour"] = "blue"
		return true
	})
	mutate("bad hash", func(doc map[string]any) bool {
		c := last(doc)
		if c == nil {
			return false
		}
		c["hashes"] = []any{map[string]any{"alg": "SHA-512", "content": "not hex"}, map[string]any{"alg": "MD5"}}
		return true
	})
	mutate("two expressions", func(doc map[string]any) bool {
		c := last(doc)
		if c == nil {
			return false
		}
		c["licenses"] = []any{map[string]any{"expression": "MIT"}, map[string]any{"expression": "Zlib"}}
		return true
	})
	mutate("equal components", func(doc map[string]any) bool {
		c := last(doc)
		if c == nil {
			return false
		}
		delete(c, "bom-ref")
		cs := comps(doc)
		doc["components"] = append(cs, c, map[string]any{"type": "library", "name": "other"}, c)
		delete(doc, "dependencies")
		delete(doc, "compositions")
		return true
	})
	mutate("metadata and root", func(doc map[string]any) bool {
		m, _ := doc["metadata"].(map[string]any)
		if m == nil {
			m = map[string]any{}
			doc["metadata"] = m
		}
		m["timestamp"] = "yesterday"
		doc["extra"] = true
		return true
	})
	mutate("bad dependency", func(doc map[string]any) bool {
		deps, _ := doc["dependencies"].([]any)
		if len(deps) == 0 {
			return false
		}
		doc["dependencies"] = append(deps, map[string]any{"dependsOn": []any{"x", "x"}})
		return true
	})
	return out
}

// TestSplitValidationMatchesWhole: validating a document element by
// element (a decoded tree, or the CycloneDX stream read whole or piece by
// piece) finds exactly the problems the whole document gives, at the same
// pointers, on every SBOM of the repository and on variants of the
// CycloneDX ones with violations planted.
func TestSplitValidationMatchesWhole(t *testing.T) {
	n := 0
	for _, f := range repositorySBOMs(t) {
		if f.syntax != SyntaxJSON && f.syntax != SyntaxJSONLD {
			continue
		}
		data, err := os.ReadFile(f.path)
		require.NoError(t, err)
		docs := map[string][]byte{"as is": data}
		if f.syntax == SyntaxJSON && strings.HasPrefix(f.key, "cyclonedx-") {
			for name, d := range mutations(t, data) {
				docs[name] = d
			}
		}
		for name, d := range docs {
			how := f.path + ": " + name
			want := wholeDocument(t, f.key, d)
			got, err := validateOfficial(context.Background(), f.key, d)
			require.NoError(t, err, how)
			sameResult(t, want, got, how+" (tree)")
			if f.syntax == SyntaxJSON && strings.HasPrefix(f.key, "cyclonedx-") {
				sameResult(t, want, streamed(t, d), how+" (stream)")
				sameResult(t, want, kept(t, d), how+" (kept)")
			}
			if name != "as is" && name != "two expressions" { // valid in 1.4 and 1.7
				assert.NotEmpty(t, want.problems, how)
			}
			n++
		}
	}
	assert.Greater(t, n, 100)
}

// TestSchemaPointersInComponents: a violation inside components[i] is
// located at /components/i/..., whichever way the document is read.
func TestSchemaPointersInComponents(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[`)
	for i := range 150 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"library","bom-ref":"c%d","name":"c%d","version":"1"`, i, i)
		if i == 3 || i == 97 {
			b.WriteString(`,"hashes":[{"alg":"SHA-512","content":"xyz"}]`)
		}
		b.WriteString(`}`)
	}
	b.WriteString(`]}`)
	data := []byte(b.String())
	want := []string{"/components/3/hashes/0/content", "/components/97/hashes/0/content"}
	for how, res := range map[string]schemaResult{"whole": wholeDocument(t, "cyclonedx-1.6", data), "stream": streamed(t, data), "kept": kept(t, data)} {
		var ptrs []string
		for _, p := range res.problems {
			ptrs = append(ptrs, p.Pointer)
			assert.Contains(t, p.Message, "does not match pattern", how)
		}
		assert.Equal(t, want, ptrs, how)
	}
	rep, err := CheckCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, ProfileCRA, nil, nil)
	require.NoError(t, err)
	var ptrs []string
	for _, f := range findingsOf(rep, ruleSchemaValid) {
		ptrs = append(ptrs, f.Pointer)
	}
	assert.Equal(t, want, ptrs)
}

// TestSchemaEqualComponents: two equal components without a bom-ref
// violate uniqueItems, reported at /components as jsonschema/v5 reports it,
// also when they are far apart in a large array.
func TestSchemaEqualComponents(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[`)
	for i := range 300 {
		if i > 0 {
			b.WriteByte(',')
		}
		switch i {
		case 5, 250:
			b.WriteString(`{"name":"twin","type":"library","version":"1"}`)
		case 260:
			b.WriteString(`{"type":"library","version":"1","name":"tw\u0069n"}`) // equal to 5 and 250 as JSON values
		default:
			fmt.Fprintf(&b, `{"type":"library","name":"c%d","version":"1"}`, i)
		}
	}
	b.WriteString(`]}`)
	data := []byte(b.String())
	want := wholeDocument(t, "cyclonedx-1.6", data)
	var found bool
	for _, p := range want.problems {
		if p.Pointer == "/components" {
			found = true
			assert.Equal(t, "items at index 5 and 250 are equal (schema uniqueItems)", p.Message)
		}
	}
	require.True(t, found)
	sameResult(t, want, streamed(t, data), "stream")
	sameResult(t, want, kept(t, data), "kept")
	got, err := validateOfficial(context.Background(), "cyclonedx-1.6", data)
	require.NoError(t, err)
	sameResult(t, want, got, "tree")
}

// TestSchemaComponentsBeforeSpecVersion: components that come before the
// specVersion member are held and validated once the version is known.
func TestSchemaComponentsBeforeSpecVersion(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"components":[`)
	for i := range 200 {
		if i > 0 {
			b.WriteByte(',')
		}
		typ := "library"
		if i == 150 {
			typ = "bogus"
		}
		fmt.Fprintf(&b, `{"type":%q,"name":"c%d"}`, typ, i)
	}
	b.WriteString(`],"bomFormat":"CycloneDX","version":1,"specVersion":"1.5"}`)
	data := []byte(b.String())
	want := wholeDocument(t, "cyclonedx-1.5", data)
	require.Len(t, want.problems, 1)
	assert.Equal(t, "/components/150/type", want.problems[0].Pointer)
	sameResult(t, want, streamed(t, data), "stream")
	sameResult(t, want, kept(t, data), "kept")
}

// TestSchemaWorkBounded: once a split array has given maxSchemaProblems
// problems, its later failing elements are counted, not examined; the
// listing is the first maxSchemaProblems problems in document order.
func TestSchemaWorkBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[`)
	n := 3 * maxSchemaProblems
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"bogus","name":"c%d"}`, i)
	}
	b.WriteString(`]}`)
	data := []byte(b.String())
	want := wholeDocument(t, "cyclonedx-1.6", data)
	for how, got := range map[string]schemaResult{"stream": streamed(t, data), "kept": kept(t, data)} {
		require.Len(t, got.problems, maxSchemaProblems, how)
		assert.Equal(t, want.problems, got.problems, how)
		assert.Equal(t, n-maxSchemaProblems, got.omitted+got.unexamined, how)
		assert.Positive(t, got.unexamined, how)
	}
}

// TestSchemaStreamCancelled: cancelling the context stops a streamed
// validation with ctx.Err().
func TestSchemaStreamCancelled(t *testing.T) {
	data := genSBOM(t, 3000)
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancelOnRead{r: bytes.NewReader(data), n: len(data) / 2, cancel: cancel}
	_, err := CheckCycloneDX(ctx, r, EncodingJSON, ProfileCRA, nil, nil)
	require.ErrorIs(t, err, context.Canceled)
}

// cancelOnRead cancels its context once n bytes have been read.
type cancelOnRead struct {
	r      *bytes.Reader
	n      int
	read   int
	cancel context.CancelFunc
}

func (c *cancelOnRead) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += n
	if c.read >= c.n {
		c.cancel()
	}
	return n, err
}

// TestNoAugment: an inventory read with NoAugment is the same inventory,
// without the copy of the document: EncodeCycloneDX refuses it, EncodeSPDX
// writes it.
func TestNoAugment(t *testing.T) {
	data := genSBOM(t, 50)
	kept, err := DecodeCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, nil)
	require.NoError(t, err)
	lean, err := DecodeCycloneDX(context.Background(), iotest.OneByteReader(bytes.NewReader(data)), EncodingJSON, &DecodeOptions{NoAugment: true})
	require.NoError(t, err)
	require.NotNil(t, kept.orig)
	assert.Nil(t, lean.orig)
	assert.Equal(t, kept.Components, lean.Components)
	assert.Equal(t, kept.Subject, lean.Subject)
	assert.Equal(t, *kept.schema, *lean.schema)
	err = EncodeCycloneDX(&bytes.Buffer{}, lean, EncodingJSON, nil)
	require.ErrorIs(t, err, ErrNotRepresentable)
	assert.Contains(t, err.Error(), "NoAugment")
	require.NoError(t, EncodeSPDX(&bytes.Buffer{}, lean, &SPDXOptions{AllowLoss: true}))

	// Decode and CheckCycloneDX agree with and without it.
	for _, opts := range []*DecodeOptions{nil, {NoAugment: true}} {
		inv, err := Decode(context.Background(), bytes.NewReader(data), opts)
		require.NoError(t, err)
		rep, err := Check(context.Background(), inv, ProfileTR03183v2_1, nil)
		require.NoError(t, err)
		direct, err := CheckCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, ProfileTR03183v2_1, nil, nil)
		require.NoError(t, err)
		assert.Equal(t, direct, rep)
	}
}
