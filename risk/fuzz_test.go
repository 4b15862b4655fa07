package risk

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func addFile(f *testing.F, path string) {
	b, err := os.ReadFile(path)
	if err == nil {
		f.Add(b)
	}
}

// FuzzDecode: no panic; whatever decodes re-encodes to a document that
// decodes to the same register and the same bytes.
func FuzzDecode(f *testing.F) {
	addFile(f, "testdata/plc-register.json")
	addFile(f, "testdata/threatdragon-plc.golden.json")
	f.Add([]byte(`{"schema_version":"1","product":{"name":"x"},"intended_use":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := Decode(bytes.NewReader(data), nil)
		if err != nil {
			return
		}
		roundTrip(t, reg)
		_, _ = Validate(reg, nil, testNow)
	})
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
func FuzzImportThreatDragon(f *testing.F) {
	addFile(f, "testdata/threatdragon-plc.json")
	f.Add([]byte(`{"summary":{"title":"t"},"detail":{"diagrams":[{"cells":[{"id":"a","shape":"actor","data":{"type":"tm.Actor","name":"u","threats":[{"title":"x","type":"Spoofing","status":"Open","severity":"High","mitigation":"m"}]}}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
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
	})
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
