package sbom

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
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
