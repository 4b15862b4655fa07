package annex_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestDecodeOptionsLimits(t *testing.T) {
	_, err := annex.DecodeRuleTable(bytes.NewReader(annex.DefaultRuleTableJSON()), &annex.DecodeOptions{Limits: requirement.Limits{MaxBytes: 100}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeRuleTable(bytes.NewReader(annex.DefaultRuleTableJSON()), &annex.DecodeOptions{Limits: requirement.Limits{MaxDepth: 2}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeRuleTable(bytes.NewReader(annex.DefaultRuleTableJSON()), &annex.DecodeOptions{Limits: requirement.Limits{MaxEntries: 2}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeRuleTable(bytes.NewReader(annex.DefaultRuleTableJSON()), &annex.DecodeOptions{Limits: requirement.Limits{MaxBytes: 4 << 20}})
	require.NoError(t, err, "raising a limit above the document's size accepts it")

	recs, err := os.ReadFile("testdata/test-records-plc.json")
	require.NoError(t, err)
	_, err = annex.DecodeTestRecords(bytes.NewReader(recs), &annex.DecodeOptions{Limits: requirement.Limits{MaxBytes: 64}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeContext(bytes.NewReader([]byte(`{"kind":"software","exposure":"isolated","target_sl_c":1}`)), &annex.DecodeOptions{Limits: requirement.Limits{MaxBytes: 10}})
	assert.ErrorIs(t, err, problem.ErrLimit)

	// String length: the default accepts the fixture, a tight limit does not.
	_, err = annex.DecodeTestRecords(bytes.NewReader(recs), nil)
	require.NoError(t, err)
	_, err = annex.DecodeTestRecords(bytes.NewReader(recs), &annex.DecodeOptions{Limits: requirement.Limits{MaxStringLen: 8}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeRuleTable(bytes.NewReader(annex.DefaultRuleTableJSON()), &annex.DecodeOptions{Limits: requirement.Limits{MaxStringLen: 8}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = annex.DecodeContext(bytes.NewReader([]byte(`{"kind":"software","exposure":"isolated","target_sl_c":1}`)), &annex.DecodeOptions{Limits: requirement.Limits{MaxStringLen: 4}})
	assert.ErrorIs(t, err, problem.ErrLimit)
}
