package sbom

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
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
			lr := newLimitReader(r, Limits{MaxDepth: tt.depth}, true)
			_, err := io.ReadAll(lr)
			assert.Equal(t, tt.ok, err == nil, "%s depth %d one-byte %v: %v", tt.doc, tt.depth, oneByte, err)
			if tt.ok {
				assert.Zero(t, lr.depth, tt.doc)
			}
		}
	}
}

func TestReadRejectsInvalidUTF8(t *testing.T) {
	cdxDoc := []byte("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"name\":\"zl\xffib\",\"version\":\"1.3\"}]}")
	_, err := ReadCycloneDX(bytes.NewReader(cdxDoc), EncodingJSON, nil)
	require.ErrorIs(t, err, problem.ErrSyntax)
	assert.Contains(t, err.Error(), "invalid UTF-8 at byte offset 87")

	spdxDoc := []byte("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"x\xc3\"}")
	_, err = ReadSPDX(bytes.NewReader(spdxDoc), nil)
	require.ErrorIs(t, err, problem.ErrSyntax)
	assert.Contains(t, err.Error(), "invalid UTF-8")

	// The same documents with valid bytes get past the check.
	_, err = ReadCycloneDX(bytes.NewReader(bytes.ReplaceAll(cdxDoc, []byte("\xff"), nil)), EncodingJSON, nil)
	assert.NoError(t, err)
}
