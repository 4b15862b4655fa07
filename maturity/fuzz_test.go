package maturity

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzDecode checks that Decode never panics, that whatever it accepts is
// valid and assessable, and that decode(encode(m)) == m.
//
// The seeds are small: testdata/fuzz/FuzzDecode holds one manifest per part
// of the model (scope and approvals, a record, a notification, the process
// records) and malformed ones. The 130 KB fixture as a seed made every
// mutation slow and every new input a long minimisation;
// TestDecodeFixture holds it to the same properties.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(manifestWith(evidenceJSON(`, "project": "p", "release": "1", "retention_until": "2040-01-01"`))))
	f.Add([]byte(`{"schema_version": "1", "scope": {"projects": [{"id": "p", "releases": [{"id": "1"}]}]}}`))
	f.Fuzz(checkDecode)
}

// TestDecodeFixture holds the fixture to FuzzDecode's properties.
func TestDecodeFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/plc-family.json")
	require.NoError(t, err)
	_, err = Decode(bytes.NewReader(data), nil)
	require.NoError(t, err, "the fixture decodes")
	checkDecode(t, data)
}

// checkDecode asserts FuzzDecode's properties of one input.
func checkDecode(t *testing.T, data []byte) {
	m, err := Decode(bytes.NewReader(data), nil)
	if err != nil {
		if m != nil {
			t.Fatal("manifest and error")
		}
		return
	}
	if err := m.Validate(nil); err != nil {
		t.Fatalf("decoded manifest is invalid: %v", err)
	}
	a, err := Assess(m, testNow, nil)
	if err != nil {
		t.Fatalf("assess: %v", err)
	}
	if _, err := a.Verdict(ObligationMandatory); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, m); err != nil {
		t.Fatalf("encode: %v", err)
	}
	enc := buf.String()
	back, err := Decode(&buf, nil)
	if err != nil {
		t.Fatalf("re-decode: %v\n%s", err, enc)
	}
	var buf2 bytes.Buffer
	if err := Encode(&buf2, back); err != nil {
		t.Fatal(err)
	}
	if buf2.String() != enc {
		t.Fatalf("round trip changed the manifest:\n%s\n---\n%s", enc, buf2.String())
	}
}
