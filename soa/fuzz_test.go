package soa_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// FuzzDecode: Decode never panics; whatever it accepts encodes, decodes
// again to an equal statement and validates (or fails validation) without
// panicking; the renderers take it too.
//
// The seeds are the small, named files in testdata/fuzz/FuzzDecode: a
// statement of each edition covering every decision, basis and flag, a
// migrated one, and malformed ones. Whole fixtures as seeds make every
// mutation slow and every new input a long minimisation;
// TestDecodeFixtures holds the fixtures to the same properties.
func FuzzDecode(f *testing.F) {
	a11, c18 := reqpkg.Default(), mustCatalog(reqpkg.Edition2018)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, data, a11, c18)
	})
}

// TestDecodeFixtures holds the fixtures to FuzzDecode's properties.
func TestDecodeFixtures(t *testing.T) {
	a11, c18 := reqpkg.Default(), mustCatalog(reqpkg.Edition2018)
	for _, name := range []string{"plc7-a11.soa.json", "plc7-2018.soa.json", "plc7-2018-migrated.soa.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := soa.Decode(bytes.NewReader(data), nil); err != nil {
				t.Fatalf("fixture does not decode: %v", err)
			}
			checkDecode(t, data, a11, c18)
		})
	}
}

// checkDecode asserts FuzzDecode's properties of one input.
func checkDecode(t *testing.T, data []byte, a11, c18 *reqpkg.Catalog) {
	t.Helper()
	s, err := soa.Decode(bytes.NewReader(data), &soa.DecodeOptions{Limits: reqpkg.Limits{MaxBytes: 1 << 20}})
	if err != nil {
		if s != nil {
			t.Fatal("statement and error")
		}
		if !strings.Contains(err.Error(), ":") {
			t.Fatalf("unlocated error %q", err)
		}
		return
	}
	var b bytes.Buffer
	if err := soa.Encode(&b, s); err != nil {
		t.Fatalf("encode of a decoded statement: %v", err)
	}
	s2, err := soa.Decode(bytes.NewReader(b.Bytes()), nil)
	if err != nil {
		t.Fatalf("decode(encode(x)): %v\n%s", err, b.String())
	}
	var b2 bytes.Buffer
	if err := soa.Encode(&b2, s2); err != nil {
		t.Fatal(err)
	}
	if b.String() != b2.String() {
		t.Fatalf("round trip changed the document:\n%s\n%s", b.String(), b2.String())
	}
	cat := a11
	if s.Edition == reqpkg.Edition2018 {
		cat = c18
	}
	_, _ = soa.Validate(s, cat, nil)
	var sink bytes.Buffer
	if err := soa.RenderMarkdown(&sink, s, nil); err != nil {
		t.Fatal(err)
	}
	if err := soa.RenderCSV(&sink, s, nil); err != nil {
		t.Fatal(err)
	}
	if err := soa.RenderHTML(&sink, s, nil); err != nil {
		t.Fatal(err)
	}
}

func mustCatalog(e reqpkg.Edition) *reqpkg.Catalog {
	c, err := reqpkg.ForEdition(e)
	if err != nil {
		panic(err)
	}
	return c
}
