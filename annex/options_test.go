package annex_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
)

func TestDecodeOptionsLimits(t *testing.T) {
	_, err := annex.DecodeRules(bytes.NewReader(annex.DefaultRulesJSON()), &annex.DecodeOptions{MaxBytes: 100})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeRules(bytes.NewReader(annex.DefaultRulesJSON()), &annex.DecodeOptions{MaxDepth: 2})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeRules(bytes.NewReader(annex.DefaultRulesJSON()), &annex.DecodeOptions{MaxEntries: 2})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeRules(bytes.NewReader(annex.DefaultRulesJSON()), &annex.DecodeOptions{MaxBytes: 4 << 20})
	require.NoError(t, err, "raising a limit above the document's size accepts it")

	recs, err := os.ReadFile("testdata/test-records-plc.json")
	require.NoError(t, err)
	_, err = annex.DecodeTestRecords(bytes.NewReader(recs), &annex.DecodeOptions{MaxBytes: 64})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeContext(bytes.NewReader([]byte(`{"kind":"software","exposure":"isolated","target_sl_c":1}`)), &annex.DecodeOptions{MaxBytes: 10})
	assert.ErrorIs(t, err, problem.ErrLimit)

	// String length: the default accepts the fixture, a tight limit does not.
	_, err = annex.DecodeTestRecords(bytes.NewReader(recs), nil)
	require.NoError(t, err)
	_, err = annex.DecodeTestRecords(bytes.NewReader(recs), &annex.DecodeOptions{MaxStringLen: 8})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeRules(bytes.NewReader(annex.DefaultRulesJSON()), &annex.DecodeOptions{MaxStringLen: 8})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeContext(bytes.NewReader([]byte(`{"kind":"software","exposure":"isolated","target_sl_c":1}`)), &annex.DecodeOptions{MaxStringLen: 4})
	assert.ErrorIs(t, err, problem.ErrLimit)
}
