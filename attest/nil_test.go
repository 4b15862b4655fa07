package attest_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sdlkit/iec62443/internal/nilwalk"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/attest"
)

// TestNilInputs calls every exported function and method with nil and zero
// values: no panic, and an error where an input is required.
func TestNilInputs(t *testing.T) {
	var buf bytes.Buffer
	assert.NotPanics(t, func() {
		assert.Error(t, attest.EncodeCatalog(nil, nil, nil))
		assert.NoError(t, attest.EncodeCatalog(&buf, nil, &attest.Options{}))
		assert.Error(t, attest.EncodeAssessment(nil, nil, nil))
		assert.Error(t, attest.EncodeAssessment(&buf, &iec62443.Report{}, &attest.Options{}))
		_, err := attest.DecodeClaims(nil, nil)
		assert.Error(t, err)
		_, err = attest.DecodeClaims(bytes.NewReader(nil), &attest.DecodeOptions{})
		assert.Error(t, err)
		assert.Nil(t, attest.ClaimsOf(nil))
		assert.False(t, attest.Claim{}.InScope())
	})
}

// TestNilWalk calls every exported function and method with zero input and
// checks that the list covers the package.
func TestNilWalk(t *testing.T) {
	nilwalk.Check(t, ".", map[string]any{
		"EncodeCatalog":    attest.EncodeCatalog,
		"EncodeAssessment": attest.EncodeAssessment,
		"ClaimsOf":         attest.ClaimsOf,
		"Claim.InScope":    attest.Claim.InScope,
		"DecodeClaims":     attest.DecodeClaims,
	}, nil)
}
