package sarif_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sdlkit/iec62443/internal/nilwalk"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/sarif"
)

// TestNilInputs calls every exported function with nil and zero values: no
// panic, and an error where an input is required.
func TestNilInputs(t *testing.T) {
	var buf bytes.Buffer
	assert.NotPanics(t, func() {
		assert.Error(t, sarif.EncodeReport(nil, nil, nil))
		assert.Error(t, sarif.EncodeReport(&buf, nil, &sarif.Options{}))
		assert.NoError(t, sarif.EncodeReport(&buf, &iec62443.Report{}, nil))
		assert.NoError(t, sarif.EncodeReport(&buf, &iec62443.Report{}, &sarif.Options{Root: nil, Dossier: "../x"}))
	})
}

// TestNilWalk calls every exported function and method with zero input and
// checks that the list covers the package.
func TestNilWalk(t *testing.T) {
	nilwalk.Check(t, ".", map[string]any{"EncodeReport": sarif.EncodeReport}, nil)
}
