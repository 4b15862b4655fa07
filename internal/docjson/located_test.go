package docjson_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
)

// TestSyntaxErrorsLocated: every JSON syntax problem carries the byte offset
// and the line where the parser stopped, from Parse, Check and Unmarshal
// alike, and an empty document says what was expected.
func TestSyntaxErrorsLocated(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		offset     int64
		line       int
		msg        string // a part of the message
		unmarshal  bool   // Unmarshal reports the same offset
		unmarshalM string // Unmarshal's message part, when it differs
	}{
		{"bad token", "{\n  \"a\": [1,\n  2,}\n}", 17, 3, "malformed JSON near byte 17", true, ""},
		{"bad first byte", "x", 0, 1, "invalid character 'x'", true, ""},
		{"truncated", "{\"a\":\n[1,2", 10, 2, "unexpected end of document", true, ""},
		{"trailing data", "{}\n\n{}", 5, 3, "unexpected data after the document", false, ""},
		{"invalid UTF-8", "{\n\"a\":\"\xff\"}", 7, 2, "invalid UTF-8 at byte offset 7", false, ""},
		{"empty", "", 0, 1, "empty document, want a JSON object", false, ""},
		{"only whitespace", "  \n\n ", 5, 3, "empty document, want a JSON object", false, ""},
		{"nan", "{\"a\":\n NaN}", 7, 2, "invalid character 'N'", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := docjson.Parse([]byte(tt.in), docjson.Limits{})
			require.Len(t, errs, 1, "%v", errs)
			e := errs[0]
			assert.ErrorIs(t, e, problem.ErrSyntax)
			assert.Equal(t, tt.offset, e.Offset, "offset: %v", e)
			assert.Equal(t, tt.line, e.Line, "line: %v", e)
			assert.Contains(t, e.Message, tt.msg)
			assert.Equal(t, errs, docjson.Check([]byte(tt.in), docjson.Limits{}), "Check locates like Parse")
			if tt.unmarshal {
				var v any
				err := docjson.Unmarshal([]byte(tt.in), &v)
				var list problem.List
				require.ErrorAs(t, err, &list)
				assert.ErrorIs(t, list[0], problem.ErrSyntax)
				assert.Equal(t, tt.offset, list[0].Offset, "Unmarshal offset: %v", list[0])
				assert.Equal(t, tt.line, list[0].Line, "Unmarshal line: %v", list[0])
			}
		})
	}
	var v any
	err := docjson.Unmarshal(nil, &v)
	require.ErrorIs(t, err, problem.ErrSyntax)
	assert.Contains(t, err.Error(), "empty document, want a JSON object")

	// A type error is located by pointer and offset too.
	var d struct {
		N int `json:"n"`
	}
	err = docjson.Unmarshal([]byte("{\n\"n\": \"x\"}"), &d)
	var list problem.List
	require.ErrorAs(t, err, &list)
	assert.Equal(t, "/n", list[0].Pointer)
	assert.Equal(t, 2, list[0].Line)
	assert.Positive(t, list[0].Offset)
}

const bom = "\xef\xbb\xbf"

// TestByteOrderMark: every entry point accepts a leading UTF-8 byte-order
// mark, and offsets count after it; a BOM anywhere else is still an error.
func TestByteOrderMark(t *testing.T) {
	in := bom + `{"schema_version":"1","name":"ok","count":3}`
	s := schema.MustCompile("https://example.test/doc.json", testSchema)
	want := doc{"1", "ok", 3}

	t.Run("ReadAll", func(t *testing.T) {
		data, errs := docjson.ReadAll(strings.NewReader(in), docjson.Limits{MaxBytes: int64(len(in) - len(bom))})
		require.Nil(t, errs, "the BOM does not count towards MaxBytes")
		assert.Equal(t, in[len(bom):], string(data), "removed, so any library can read the bytes")
	})
	t.Run("TrimBOM", func(t *testing.T) {
		assert.Equal(t, "x", string(docjson.TrimBOM([]byte(bom+"x"))))
		assert.Equal(t, bom+"x", string(docjson.TrimBOM([]byte(bom + bom + "x")))[:len(bom)+1], "one mark is removed, not two")
		assert.Equal(t, "\xef\xbb", string(docjson.TrimBOM([]byte("\xef\xbb"))))
	})
	t.Run("Parse", func(t *testing.T) {
		tree, errs := docjson.Parse([]byte(in), docjson.Limits{})
		require.Nil(t, errs)
		assert.Equal(t, "ok", tree.(map[string]any)["name"])
		_, errs = docjson.Parse([]byte(bom+"{\n]"), docjson.Limits{})
		require.Len(t, errs, 1)
		assert.Equal(t, int64(2), errs[0].Offset, "offsets count after the mark")
		assert.Equal(t, 2, errs[0].Line)
	})
	t.Run("Check", func(t *testing.T) {
		assert.Nil(t, docjson.Check([]byte(in), docjson.Limits{}))
	})
	t.Run("Unmarshal", func(t *testing.T) {
		var d doc
		require.NoError(t, docjson.Unmarshal([]byte(in), &d))
		assert.Equal(t, want, d)
	})
	t.Run("DecodeBytes", func(t *testing.T) {
		var d doc
		require.NoError(t, docjson.DecodeBytes([]byte(in), docjson.Limits{}, s, &d))
		assert.Equal(t, want, d)
	})
	t.Run("Decode", func(t *testing.T) {
		var d doc
		require.NoError(t, docjson.Decode(strings.NewReader(in), docjson.Limits{}, s, &d))
		assert.Equal(t, want, d)
	})
	t.Run("FromYAML", func(t *testing.T) {
		j, errs := docjson.FromYAML([]byte(bom+"schema_version: \"1\"\nname: ok\ncount: 3\n"), docjson.Limits{})
		require.Nil(t, errs)
		var d doc
		require.NoError(t, docjson.DecodeBytes(j, docjson.Limits{}, s, &d))
		assert.Equal(t, want, d)
	})
	t.Run("a mark inside the document", func(t *testing.T) {
		_, errs := docjson.Parse([]byte(`{"a":1}`+bom), docjson.Limits{})
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], problem.ErrSyntax)
		_, errs = docjson.Parse([]byte(" "+bom+`{}`), docjson.Limits{})
		require.Len(t, errs, 1, "only a leading mark is removed")
	})
	t.Run("UTF-16 is not UTF-8", func(t *testing.T) {
		_, errs := docjson.Parse([]byte("\xff\xfe{\x00}\x00"), docjson.Limits{})
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], problem.ErrSyntax)
		_, errs = docjson.FromYAML([]byte("\xff\xfea\x00:\x00 \x001\x00"), docjson.Limits{})
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], problem.ErrSyntax)
	})
}

func TestReadAllNilReader(t *testing.T) {
	_, errs := docjson.ReadAll(nil, docjson.Limits{})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], problem.ErrNilInput)
	assert.ErrorIs(t, docjson.Decode(nil, docjson.Limits{}, nil, new(any)), problem.ErrNilInput)
}

// TestProblemCap: a decoder's error lists at most MaxProblems problems and a
// last one that counts the rest, and no message is longer than about 1 KiB
// (an "unknown keys" message naming every key of a hostile document).
func TestProblemCap(t *testing.T) {
	strict := schema.MustCompile("https://example.test/strict.json", []byte(`{
 "$schema": "https://json-schema.org/draft/2020-12/schema",
 "$id": "https://example.test/strict.json",
 "type": "object",
 "properties": {"list": {"type": "array", "items": {"type": "string"}}},
 "additionalProperties": false}`))
	var b strings.Builder
	b.WriteString(`{"list":[`)
	for i := range 3000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("1")
	}
	b.WriteString(`]}`)
	many := b.String()

	for _, tc := range []struct {
		max, want int
	}{{5, 5}, {0, located.DefaultMaxProblems}} {
		err := docjson.Decode(strings.NewReader(many), docjson.Limits{MaxProblems: tc.max}, strict, new(any))
		var list problem.List
		require.ErrorAs(t, err, &list)
		require.Len(t, list, tc.want+1, "MaxProblems %d", tc.max)
		last := list[tc.want]
		assert.ErrorIs(t, last, problem.ErrLimit)
		assert.Equal(t, fmt.Sprintf("and %d more problems (raise Limits.MaxProblems to see them)", 3000-tc.want), last.Message)
	}

	// 20,000 unknown keys of 40 bytes: one message of about 1 MB before the cap.
	b.Reset()
	b.WriteString("{")
	for i := range 20_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"unknown-key-%028d":0`, i)
	}
	b.WriteString("}")
	err := docjson.Decode(strings.NewReader(b.String()), docjson.Limits{}, strict, new(any))
	var list problem.List
	require.ErrorAs(t, err, &list)
	for _, e := range list {
		assert.LessOrEqual(t, len(e.Message), located.MaxMessageLen+32, "message clipped")
	}
	assert.Regexp(t, `\.\.\. \(\d+ more bytes\)`, list[0].Message)
}

// TestLimitsMirrorPublic: docjson.Limits has the fields of
// requirement.Limits, in the same order and types, so that the public
// packages convert with a struct conversion. (The public type cannot be
// named here: internal packages import only problem.)
func TestLimitsFields(t *testing.T) {
	l := docjson.Limits{MaxBytes: 1, MaxDepth: 2, MaxStringLen: 3, MaxEntries: 4, MaxProblems: 5}
	assert.Equal(t, docjson.Limits{MaxBytes: 1, MaxDepth: 2, MaxStringLen: 3, MaxEntries: 4, MaxProblems: 5}, l.WithDefaults())
	assert.Equal(t, docjson.Limits{MaxBytes: docjson.DefaultMaxBytes, MaxDepth: docjson.DefaultMaxDepth, MaxStringLen: docjson.DefaultMaxStringLen,
		MaxEntries: docjson.DefaultMaxEntries, MaxProblems: docjson.DefaultMaxProblems}, docjson.Limits{}.WithDefaults())
	var errs located.Errors
	assert.NoError(t, l.Err(errs))
	for range 9 {
		errs.Add("", problem.ErrSchema, "x")
	}
	var list problem.List
	require.ErrorAs(t, l.Err(errs), &list)
	assert.Len(t, list, 6)
}

// errReader fails after its data.
type errReader struct{ r io.Reader }

func (e errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		return n, io.ErrClosedPipe
	}
	return n, err
}

func TestReadAllError(t *testing.T) {
	_, errs := docjson.ReadAll(errReader{bytes.NewReader([]byte("{}"))}, docjson.Limits{})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], problem.ErrInvalidDocument)
}
