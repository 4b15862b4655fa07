package sbom

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// firstProblem decodes doc as CycloneDX JSON and returns the first located
// problem of the error, failing when there is none.
func firstProblem(t *testing.T, doc string, opts *DecodeOptions) *problem.Error {
	t.Helper()
	_, err := DecodeCycloneDX(context.Background(), strings.NewReader(doc), EncodingJSON, opts)
	require.Error(t, err, doc)
	var list problem.List
	require.ErrorAs(t, err, &list, doc)
	return list[0]
}

const cdxHead = `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,`

// TestDuplicateKeys: the SBOM readers used to take the last of duplicate
// keys silently (a component "good" became "evil"); every decoder of the
// SDK rejects them, located by JSON pointer. Keys a decoder reads into one
// field (the same letters in another case, or an escaped spelling) are
// duplicates too.
func TestDuplicateKeys(t *testing.T) {
	var many strings.Builder
	for i := range 20 {
		many.WriteString(`"k` + string(rune('a'+i)) + `":1,`)
	}
	tests := []struct {
		name, doc, ptr string
	}{
		{"same key", cdxHead + `"components":[{"type":"library","name":"good","name":"evil"}]}`, "/components/0/name"},
		{"other case", cdxHead + `"components":[{"type":"library","name":"good","NAME":"evil"}]}`, "/components/0/NAME"},
		{"escaped", cdxHead + `"components":[{"type":"library","name":"good","n\u0061me":"evil"}]}`, "/components/0/name"},
		{"top level", cdxHead + `"components":[],"components":[{"type":"library","name":"evil"}]}`, "/components"},
		{"kelvin sign", cdxHead + `"components":[{"type":"library","name":"a","kk":1,"\u212ak":2}]}`, "/components/0/\u212ak"},
		{"large object", cdxHead + `"components":[{` + many.String() + `"type":"library","name":"a","kc":2}]}`, "/components/0/kc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := firstProblem(t, tt.doc, nil)
			assert.ErrorIs(t, p, problem.ErrDuplicateKey)
			assert.Equal(t, tt.ptr, p.Pointer)
			assert.Contains(t, p.Message, "more than once")
			assert.Positive(t, p.Offset)
			assert.Equal(t, 1, p.Line)
		})
	}
	// The same key in sibling or nested objects is no duplicate.
	_, err := DecodeCycloneDX(context.Background(), strings.NewReader(cdxHead+`"components":[{"type":"library","name":"a","components":[{"type":"library","name":"b"}]},{"type":"library","name":"c"}]}`), EncodingJSON, nil)
	require.NoError(t, err)

	_, err = DecodeSPDX(context.Background(), strings.NewReader(`{"spdxVersion":"SPDX-2.3","name":"a","name":"b"}`), nil)
	require.ErrorIs(t, err, problem.ErrDuplicateKey)
}

// TestSyntaxErrorsLocated: a JSON syntax error carries the JSON pointer of
// the value being read, its line and byte offset; an empty document says
// so.
func TestSyntaxErrorsLocated(t *testing.T) {
	tests := []struct {
		name, doc, ptr string
		line           int
		offset         int64
		msg            string
	}{
		{"bad value", `{"a": [1, 2, x]}`, "/a/2", 1, 13, "invalid character 'x'"},
		{"line", "{\n  \"components\": [\n    {\"name\": tru}\n  ]\n}", "/components/0/name", 3, 36, "in literal true"},
		{"empty", "", "", 0, 0, "empty document"},
		{"blank", " \n\t ", "", 0, 4, "empty document"},
		{"truncated", `{"a": [`, "/a", 1, 7, "unexpected end"},
		{"trailing", `{} x`, "", 1, 3, "after the end of the document"},
		{"bad escape", `{"a": "\q"}`, "/a", 1, 8, `invalid escape \q`},
		{"control character", "{\"a\": \"x\ty\"}", "/a", 1, 8, "control character"},
		{"leading zero", `{"a": 01}`, "/a", 1, 7, "invalid character '1' in a number"},
		{"missing colon", `{"a" 1}`, "/a", 1, 5, "want ':'"},
		{"missing comma", `[1 2]`, "/0", 1, 3, "want ',' or ']'"},
		{"key not a string", `{1: 2}`, "", 1, 1, "object key"},
		{"bad UTF-8", "{\"a\": \"\xff\"}", "/a", 1, 7, "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, oneByte := range []bool{false, true} {
				var r io.Reader = strings.NewReader(tt.doc)
				if oneByte {
					r = iotest.OneByteReader(r)
				}
				_, err := DecodeCycloneDX(context.Background(), r, EncodingJSON, nil)
				var list problem.List
				require.ErrorAs(t, err, &list)
				p := list[0]
				assert.ErrorIs(t, p, problem.ErrSyntax)
				assert.Equal(t, tt.ptr, p.Pointer, "pointer")
				assert.Equal(t, tt.line, p.Line, "line")
				assert.Equal(t, tt.offset, p.Offset, "offset")
				assert.Contains(t, p.Message, tt.msg)
				assert.True(t, strings.HasPrefix(p.Message, "CycloneDX JSON: "), p.Message)
			}
		})
	}
}

// TestByteOrderMark: a leading UTF-8 BOM is removed (the SDK's one BOM
// policy), in JSON and XML; one anywhere else is an error.
func TestByteOrderMark(t *testing.T) {
	doc := cdxHead + `"components":[{"type":"library","name":"a"}]}`
	inv, err := DecodeCycloneDX(context.Background(), strings.NewReader("\ufeff"+doc), EncodingJSON, nil)
	require.NoError(t, err)
	assert.Equal(t, "a", inv.Components[0].Name)
	_, err = DecodeCycloneDX(context.Background(), iotest.OneByteReader(strings.NewReader("\ufeff"+doc)), EncodingJSON, nil)
	require.NoError(t, err)
	p := firstProblem(t, " \ufeff"+doc, nil)
	assert.ErrorIs(t, p, problem.ErrSyntax)
	p = firstProblem(t, "\ufeff", nil)
	assert.Contains(t, p.Message, "empty document")

	xmlDoc := "\ufeff" + `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="library"><name>a</name></component></components></bom>`
	inv, err = DecodeCycloneDX(context.Background(), strings.NewReader(xmlDoc), EncodingXML, nil)
	require.NoError(t, err)
	assert.Equal(t, "a", inv.Components[0].Name)

	inv, err = DecodeSPDX(context.Background(), strings.NewReader("\ufeff"+`{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"x","dataLicense":"CC0-1.0","documentNamespace":"https://x.example/1","creationInfo":{"created":"2026-01-01T00:00:00Z","creators":["Tool: x"]}}`), nil)
	require.NoError(t, err)
	assert.Equal(t, FormatSPDX, inv.Format)
}

// refuseRead is a reader that says its size and fails the test when read.
type refuseRead struct {
	t    *testing.T
	size int64
}

func (r refuseRead) Size() int64 { return r.size }

func (r refuseRead) Read([]byte) (int, error) {
	r.t.Error("read although the size said it is too large")
	return 0, io.EOF
}

// TestSizeCheckedBeforeReading: when the reader can say its size (a
// regular file, fs.File, a Size method), a document over the limit is
// refused before a byte is read.
func TestSizeCheckedBeforeReading(t *testing.T) {
	p := firstProblem(t, "", &DecodeOptions{Limits: requirement.Limits{MaxBytes: 1 << 20}})
	assert.Contains(t, p.Message, "empty document")

	_, err := DecodeCycloneDX(context.Background(), refuseRead{t, 2 << 30}, EncodingJSON, nil)
	require.ErrorIs(t, err, problem.ErrLimit)
	assert.Contains(t, err.Error(), "2147483648 bytes, larger than the limit of 536870912 bytes")

	// A sparse file of 64 MiB with a limit of 1 MiB: refused by its size,
	// nothing read.
	name := filepath.Join(t.TempDir(), "sparse.cdx.json")
	f, err := os.Create(name)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(64<<20))
	_, err = DecodeCycloneDX(context.Background(), f, EncodingXML, &DecodeOptions{Limits: requirement.Limits{MaxBytes: 1 << 20}})
	require.ErrorIs(t, err, problem.ErrLimit)
	off, err := f.Seek(0, io.SeekCurrent)
	require.NoError(t, err)
	assert.Zero(t, off, "nothing read")
	require.NoError(t, f.Close())

	// Through an fs.FS (fs.File has Stat).
	ff, err := os.DirFS(filepath.Dir(name)).Open(filepath.Base(name))
	require.NoError(t, err)
	defer ff.Close()
	_, err = DecodeSPDX(context.Background(), ff, &DecodeOptions{Limits: requirement.Limits{MaxBytes: 1 << 20}})
	require.ErrorIs(t, err, problem.ErrLimit)
}

// endless is an unbounded reader that counts what it gives.
type endless struct {
	head []byte
	n    int64
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		if e.n < int64(len(e.head)) {
			p[i] = e.head[e.n]
		} else {
			p[i] = 'x'
		}
		e.n++
	}
	return len(p), nil
}

// TestReadBounded: a reader that does not say its size is read no further
// than one byte past the limit, and the buffer never holds more (it used
// to grow to about 2.4 times the limit before "larger than the limit").
func TestReadBounded(t *testing.T) {
	const limit = 1 << 20
	r := &endless{head: []byte(`{"a":"`)}
	_, err := DecodeCycloneDX(context.Background(), r, EncodingJSON, &DecodeOptions{Limits: requirement.Limits{MaxBytes: limit}})
	require.ErrorIs(t, err, problem.ErrLimit)
	assert.LessOrEqual(t, r.n, int64(limit+1))

	r = &endless{head: []byte(`<bom>`)}
	_, err = DecodeCycloneDX(context.Background(), r, EncodingXML, &DecodeOptions{Limits: requirement.Limits{MaxBytes: limit}})
	require.ErrorIs(t, err, problem.ErrLimit)
	assert.LessOrEqual(t, r.n, int64(limit+1))

	// A document of exactly the limit, of unknown size: one buffer of at
	// most limit+1 bytes.
	doc := []byte(`{"a":"` + strings.Repeat("x", limit-8) + `"}`)
	require.Len(t, doc, limit)
	lr := newLimitReader(struct{ io.Reader }{bytes.NewReader(doc)}, requirement.Limits{MaxBytes: limit}, true)
	data, err := lr.readAll()
	require.NoError(t, err)
	assert.Equal(t, doc, data)
	assert.LessOrEqual(t, cap(data), limit+1)
}

// TestLimitsWhileStreaming: entries and string length are bounded as the
// document streams, located.
func TestLimitsWhileStreaming(t *testing.T) {
	p := firstProblem(t, cdxHead+`"components":[{"type":"library","name":"abcdefghijklmnopqrstuvwxyz"}]}`, &DecodeOptions{Limits: requirement.Limits{MaxStringLen: 20}})
	assert.ErrorIs(t, p, problem.ErrLimit)
	assert.Equal(t, "/components/0/name", p.Pointer)
	p = firstProblem(t, cdxHead+`"components":[{"type":"library","name":"a"},{"type":"library","name":"b"},{"type":"library","name":"c"}]}`, &DecodeOptions{Limits: requirement.Limits{MaxEntries: 2}})
	assert.ErrorIs(t, p, problem.ErrLimit)
	assert.Contains(t, p.Message, "more than 2")
}

// TestXMLDepthBounded: elements the model does not know used to be
// skipped at any depth (10^7 levels: 35 s, 1.6 GB); nesting is bounded
// while the tokens stream, and the error gives the line.
func TestXMLDepthBounded(t *testing.T) {
	head := `<?xml version="1.0"?>` + "\n" + `<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">` + "\n"
	deep := head + strings.Repeat("<x>\n", 200) + strings.Repeat("</x>", 200) + "</bom>"
	_, err := DecodeCycloneDX(context.Background(), strings.NewReader(deep), EncodingXML, nil)
	require.ErrorIs(t, err, problem.ErrLimit)
	var list problem.List
	require.ErrorAs(t, err, &list)
	assert.Equal(t, 2+DefaultMaxDepth, list[0].Line, "the line of the element that passes the limit")
	assert.Contains(t, list[0].Message, "deeper than 128")

	// Very deep nesting stops at the limit, quickly and in little memory.
	start := time.Now()
	huge := head + strings.Repeat("<x>", 1_000_000)
	_, err = DecodeCycloneDX(context.Background(), strings.NewReader(huge), EncodingXML, nil)
	require.ErrorIs(t, err, problem.ErrLimit)
	assert.Less(t, time.Since(start), 10*time.Second)

	// A mismatched end tag is located by its line.
	_, err = DecodeCycloneDX(context.Background(), strings.NewReader(head+"<components>\n</x></bom>"), EncodingXML, nil)
	require.ErrorIs(t, err, problem.ErrSyntax)
	require.ErrorAs(t, err, &list)
	assert.Equal(t, 4, list[0].Line)

	p, err := DecodeCycloneDX(context.Background(), strings.NewReader(""), EncodingXML, nil)
	assert.Nil(t, p)
	require.ErrorIs(t, err, problem.ErrSyntax)
	assert.Contains(t, err.Error(), "empty document")
}

// cancelAfter is a context whose Err reports cancellation after n calls,
// to cancel work midway.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n <= 0 {
		return context.Canceled
	}
	c.n--
	return nil
}

// TestCancellation: the functions whose work grows with the input stop
// with the context's error, when cancelled before and while they work.
func TestCancellation(t *testing.T) {
	data := genSBOM(t, 3000)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	inv, err := DecodeCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, &DecodeOptions{SkipSchema: true})
	require.NoError(t, err)
	rec := &OSVRecord{ID: "OSV-1", Affected: []OSVAffected{{Package: OSVPackage{Ecosystem: "npm", Name: "component-000000"}}}}
	recs := make([]*OSVRecord, 3000)
	for i := range recs {
		recs[i] = rec
	}
	calls := map[string]func(ctx context.Context) error{
		"DecodeCycloneDX": func(ctx context.Context) error {
			_, err := DecodeCycloneDX(ctx, bytes.NewReader(data), EncodingJSON, &DecodeOptions{SkipSchema: true})
			return err
		},
		"DecodeSPDX": func(ctx context.Context) error {
			_, err := DecodeSPDX(ctx, openFixture(t, "spdx/gateway.spdx.json"), nil)
			return err
		},
		"DecodeOSV": func(ctx context.Context) error {
			_, err := DecodeOSV(ctx, strings.NewReader(`{"id":"x","modified":"2026-01-01T00:00:00Z"}`), nil)
			return err
		},
		"Check": func(ctx context.Context) error {
			_, err := Check(ctx, inv, ProfileTR03183v2_1, nil)
			return err
		},
		"CheckCycloneDX": func(ctx context.Context) error {
			_, err := CheckCycloneDX(ctx, bytes.NewReader(data), EncodingJSON, ProfileNTIA, &DecodeOptions{SkipSchema: true}, nil)
			return err
		},
		"MatchOSV": func(ctx context.Context) error {
			_, err := MatchOSV(ctx, inv, recs)
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, call(cancelled), context.Canceled, "cancelled before")
			if name == "DecodeOSV" || name == "DecodeSPDX" {
				return // small documents: looked at before and after reading only
			}
			assert.ErrorIs(t, call(&cancelAfter{Context: context.Background(), n: 2}), context.Canceled, "cancelled while working")
			require.NoError(t, call(context.Background()))
		})
	}
}

// TestInventoryKeepsNoTree: a decoded inventory keeps its original document
// as compact JSON bytes for augmenting (not the decoded tree, which takes
// many times the memory), and CheckCycloneDX keeps nothing.
func TestInventoryKeepsNoTree(t *testing.T) {
	data := genSBOM(t, 200)
	inv, err := DecodeCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, &DecodeOptions{SkipSchema: true})
	require.NoError(t, err)
	require.NotNil(t, inv.orig)
	assert.Len(t, inv.orig.json, len(data))
	inv, err = decodeInventory(context.Background(), bytes.NewReader(data), EncodingJSON, &DecodeOptions{SkipSchema: true}, false)
	require.NoError(t, err)
	assert.Nil(t, inv.orig)
}

// TestScannerErrorsClassified: every problem of the streaming checker
// wraps exactly one of syntax, limit or duplicate key, and the list wraps
// ErrInvalidDocument.
func TestScannerErrorsClassified(t *testing.T) {
	for _, doc := range []string{`[`, `{"a":1,"a":2}`, strings.Repeat("[", 200)} {
		_, err := DecodeCycloneDX(context.Background(), strings.NewReader(doc), EncodingJSON, nil)
		require.ErrorIs(t, err, problem.ErrInvalidDocument)
		n := 0
		for _, s := range []error{problem.ErrSyntax, problem.ErrLimit, problem.ErrDuplicateKey} {
			if errors.Is(err, s) {
				n++
			}
		}
		assert.Equal(t, 1, n, doc)
	}
}

// TestProblemsCapped: an SBOM with many bad references lists at most
// Limits.MaxProblems of them, the last saying how many more there are.
func TestProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(cdxHead + `"components":[{"bom-ref":"a","type":"library","name":"a"}],"dependencies":[{"ref":"a","dependsOn":[`)
	for i := range 50 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"missing-` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `"`)
	}
	b.WriteString(`]}]}`)
	_, err := DecodeCycloneDX(context.Background(), strings.NewReader(b.String()), EncodingJSON, &DecodeOptions{Limits: requirement.Limits{MaxProblems: 10}})
	var list problem.List
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 11)
	assert.ErrorIs(t, list[10], problem.ErrLimit)
	assert.Contains(t, list[10].Message, "and 40 more problems")
}
