package attest_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/sdlkit/iec62443/attest"
)

// FuzzDecodeClaims: no panic on any input.
func FuzzDecodeClaims(f *testing.F) {
	// A small seed (two claims and their evidence, cut from the example
	// export): the fuzzer minimises what it finds, so a whole 570 KB export
	// as a seed made each new input a long minimisation. The full export is
	// decoded by the ordinary round-trip tests.
	data, err := os.ReadFile("testdata/fuzz-seed.cdx.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "declarations": {"attestations": [{"map": [{"requirement": "x", "claims": ["y"]}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = attest.DecodeClaims(bytes.NewReader(data), nil)
	})
}
