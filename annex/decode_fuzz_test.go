package annex

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

func TestTestRecordsRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/test-records-plc.json")
	require.NoError(t, err)
	recs, err := DecodeTestRecords(bytes.NewReader(data), nil)
	require.NoError(t, err)
	out, err := json.Marshal(testRecordsDoc{SchemaVersion: "1", Records: recs})
	require.NoError(t, err)
	back, err := DecodeTestRecords(bytes.NewReader(out), nil)
	require.NoError(t, err)
	assert.Equal(t, recs, back)
}

func FuzzDecodeContext(f *testing.F) {
	data, err := os.ReadFile("testdata/context-plc.json")
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte(`{"kind":"hardware","exposure":"isolated","target_sl_c":1}`))
	f.Add([]byte(`{"kind":"gadget","exposure":"cloud","target_sl_c":5,"cra_products":["vpn","vpn"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeContext(bytes.NewReader(data), nil)
		if err != nil {
			var list problem.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a located list: %v", err)
			}
			return
		}
		if _, err := Classify(c, nil); err != nil {
			t.Fatalf("decoded context does not classify: %v", err)
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeContext(bytes.NewReader(out), nil)
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, out)
		}
		if !assert.ObjectsAreEqual(normaliseContext(c), normaliseContext(back)) {
			t.Fatalf("round trip differs:\n%+v\n%+v", c, back)
		}
	})
}

// normaliseContext maps empty slices to nil: "[]" and a missing key decode
// differently but mean the same.
func normaliseContext(c Context) Context {
	if len(c.CRAProducts) == 0 {
		c.CRAProducts = nil
	}
	if len(c.UserTypes) == 0 {
		c.UserTypes = nil
	}
	return c
}

// FuzzDecodeTestRecords: records that decode are checked against the SP4
// plan with findings of the package's rules, and survive an encode/decode
// round trip; records that do not give a located problem list.
//
// The seeds are small (testdata/fuzz/FuzzDecodeTestRecords has one record
// set using every field); TestDecodeTestRecordsFixture holds the fixture to
// the same properties.
func FuzzDecodeTestRecords(f *testing.F) {
	f.Add([]byte(`{"schema_version":"1","records":[]}`))
	f.Add([]byte(`{"schema_version":"1","records":[{"module":"fuzzing","date":"yesterday"}]}`))
	f.Add([]byte(`{"schema_version":"1","records":[{"module":"cryptography-testing","date":"2026-02-29"}]}`))
	f.Fuzz(checkDecodeTestRecords)
}

// TestDecodeTestRecordsFixture holds the fixture to FuzzDecodeTestRecords'
// properties.
func TestDecodeTestRecordsFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/test-records-plc.json")
	require.NoError(t, err)
	_, err = DecodeTestRecords(bytes.NewReader(data), nil)
	require.NoError(t, err, "the fixture decodes")
	checkDecodeTestRecords(t, data)
}

// checkDecodeTestRecords asserts FuzzDecodeTestRecords' properties of one
// input.
func checkDecodeTestRecords(t *testing.T, data []byte) {
	recs, err := DecodeTestRecords(bytes.NewReader(data), nil)
	if err != nil {
		var list problem.List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a located list: %v", err)
		}
		return
	}
	plan, _ := PlanTests(ProfileSP4, nil)
	fs, err := CheckTestRecords(plan, recs, timeZero)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if !strings.HasPrefix(string(f.Rule), "annex.") || f.Message == "" {
			t.Fatalf("bad finding %+v", f)
		}
	}
	out, err := json.Marshal(testRecordsDoc{SchemaVersion: "1", Records: recs})
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeTestRecords(bytes.NewReader(out), nil)
	if err != nil {
		t.Fatalf("re-decode: %v\n%s", err, out)
	}
	if len(back) != len(recs) {
		t.Fatalf("round trip lost records")
	}
	for i := range recs {
		a, b := recs[i], back[i]
		if len(a.ThreatsCovered) == 0 {
			a.ThreatsCovered, b.ThreatsCovered = nil, nil
		}
		if !assert.ObjectsAreEqual(a, b) {
			t.Fatalf("round trip differs:\n%+v\n%+v", a, b)
		}
	}
}

var timeZero = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
