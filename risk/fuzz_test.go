package risk

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzDecode: no panic; whatever decodes re-encodes to a document that
// decodes to the same register and the same bytes.
//
// The seeds are small: testdata/fuzz/FuzzDecode holds one register per part
// of the model (product and intended use, matrix, assets and interfaces,
// threats, each treatment option, verifications). Whole fixtures as seeds
// make every mutation slow and every new input a long minimisation;
// TestDecodeFixtures holds the fixtures to the same properties.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"schema_version":"1","product":{"name":"x"},"intended_use":{}}`))
	f.Fuzz(checkDecode)
}

// checkDecode asserts FuzzDecode's properties of one input.
func checkDecode(t *testing.T, data []byte) {
	reg, err := Decode(bytes.NewReader(data), nil)
	if err != nil {
		return
	}
	roundTrip(t, reg)
	_, _ = Validate(reg, nil, testNow)
}

// TestDecodeFixtures holds the fixtures to FuzzDecode's properties.
func TestDecodeFixtures(t *testing.T) {
	for _, name := range []string{"plc-register.json", "threatdragon-plc.golden.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			require.NoError(t, err)
			_, err = Decode(bytes.NewReader(data), nil)
			require.NoError(t, err, "the fixture decodes")
			checkDecode(t, data)
		})
	}
}

// FuzzDecodeYAML: as FuzzDecode, through the YAML path.
func FuzzDecodeYAML(f *testing.F) {
	f.Add([]byte("schema_version: \"1\"\nproduct: {name: x}\nintended_use: {purpose: p, environment: e}\n"))
	f.Add([]byte("schema_version: \"1\"\nproduct: {name: x}\nintended_use: {}\nthreats: [{id: T-1, title: t, stride: spoofing}]\nrisks: [{id: R-1, threats: [T-1], likelihood: low, impact: high}]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := DecodeYAML(bytes.NewReader(data), nil)
		if err != nil {
			return
		}
		roundTrip(t, reg)
	})
}

func roundTrip(t *testing.T, reg *Register) {
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, reg))
	back, err := Decode(bytes.NewReader(buf.Bytes()), nil)
	require.NoError(t, err, "re-decode of %s", buf.String())
	var again bytes.Buffer
	require.NoError(t, Encode(&again, back))
	require.Equal(t, buf.String(), again.String())
}

// FuzzImportThreatDragon: no panic; an imported register always passes Check
// and survives an encode/decode round trip.
//
// The seeds are small models (testdata/fuzz/FuzzImportThreatDragon: a
// boundary box with a flow, a store with threats and a boundary curve, every
// threat status, unmapped cells, summary fields, a truncated model);
// TestImportThreatDragonFixture holds the fixture to the same properties.
func FuzzImportThreatDragon(f *testing.F) {
	f.Add([]byte(`{"summary":{"title":"t"},"detail":{"diagrams":[{"cells":[{"id":"a","shape":"actor","data":{"type":"tm.Actor","name":"u","threats":[{"title":"x","type":"Spoofing","status":"Open","severity":"High","mitigation":"m"}]}}]}]}}`))
	f.Fuzz(checkImportThreatDragon)
}

// checkImportThreatDragon asserts FuzzImportThreatDragon's properties of one
// input.
func checkImportThreatDragon(t *testing.T, data []byte) {
	reg, rep, err := ImportThreatDragon(bytes.NewReader(data), nil)
	if errors.Is(err, errImportInconsistent) {
		t.Fatalf("import built a register that fails Check: %v", err)
	}
	if err != nil {
		return
	}
	require.NotNil(t, rep)
	require.NoError(t, Check(reg, nil))
	roundTrip(t, reg)
}

// TestImportThreatDragonFixture holds the fixture to FuzzImportThreatDragon's
// properties.
func TestImportThreatDragonFixture(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "threatdragon-plc.json"))
	require.NoError(t, err)
	_, _, err = ImportThreatDragon(bytes.NewReader(data), nil)
	require.NoError(t, err, "the fixture imports")
	checkImportThreatDragon(t, data)
}

// FuzzParseCVSS: no panic; a parsed vector has a score in range and a severity.
func FuzzParseCVSS(f *testing.F) {
	for _, v := range []string{
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:N/A:N/E:U/RL:O/RC:C",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		"CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/E:U",
		"CVSS:3.0/AV:N", "",
	} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		c, err := ParseCVSS(v)
		if err != nil {
			return
		}
		if c.Score < 0 || c.Score > 10 || c.Severity == "" || c.Vector != v {
			t.Fatalf("bad result %+v for %q", c, v)
		}
	})
}
