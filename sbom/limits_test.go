package sbom

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestLimitReaderDepth(t *testing.T) {
	tests := []struct {
		doc   string
		depth int
		ok    bool
	}{
		{`{"a": [1, {"b": 2}]}`, 3, true},
		{`{"a": [1, {"b": 2}]}`, 2, false},
		{`{"a": "[[[[{{{{"}`, 1, true},
		{`{"a": "x\"[[[[{{{{\\", "b": "\\\\\"]]]"}`, 1, true},
		{`{"a": "x\\"}, "b": [[[]]]`, 1, false},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = strings.NewReader(tt.doc)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			lr := newLimitReader(r, requirement.Limits{MaxDepth: tt.depth}, true)
			_, err := io.ReadAll(lr)
			assert.Equal(t, tt.ok, err == nil, "%s depth %d one-byte %v: %v", tt.doc, tt.depth, oneByte, err)
			if tt.ok {
				assert.Zero(t, lr.sc.depth, tt.doc)
			}
		}
	}
}

func TestReadRejectsInvalidUTF8(t *testing.T) {
	cdxDoc := []byte("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"name\":\"zl\xffib\",\"version\":\"1.3\"}]}")
	_, err := DecodeCycloneDX(context.Background(), bytes.NewReader(cdxDoc), EncodingJSON, nil)
	require.ErrorIs(t, err, problem.ErrSyntax)
	assert.Contains(t, err.Error(), "invalid UTF-8")
	var list problem.List
	require.ErrorAs(t, err, &list)
	assert.Equal(t, int64(87), list[0].Offset)
	assert.Equal(t, "/components/0/name", list[0].Pointer)

	spdxDoc := []byte("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"x\xc3\"}")
	_, err = DecodeSPDX(context.Background(), bytes.NewReader(spdxDoc), nil)
	require.ErrorIs(t, err, problem.ErrSyntax)
	assert.Contains(t, err.Error(), "invalid UTF-8")

	// The same documents with valid bytes get past the check.
	_, err = DecodeCycloneDX(context.Background(), bytes.NewReader(bytes.ReplaceAll(cdxDoc, []byte("\xff"), nil)), EncodingJSON, nil)
	assert.NoError(t, err)
}
