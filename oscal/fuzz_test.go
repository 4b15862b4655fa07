package oscal_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/requirement"
)

// FuzzDecodeCatalog: no panic; a catalog that decodes imports without error
// and its overlay applies or is rejected with an error, never a panic.
func FuzzDecodeCatalog(f *testing.F) {
	for _, name := range []string{"testdata/licensee-1.1.3.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	var buf bytes.Buffer
	if err := oscal.EncodeCatalog(&buf, nil, exportTime); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"catalog": {"uuid": "2ed6657d-e927-568b-95e1-2665a8aea6a2", "metadata": {"title": "t", "last-modified": "2026-01-01T00:00:00Z", "version": "1", "oscal-version": "1.1.2"}, "controls": [{"id": "SM-1", "title": "x"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := oscal.DecodeCatalog(bytes.NewReader(data), nil)
		if err != nil {
			return
		}
		ov, _, err := oscal.ImportCatalog(nil, doc)
		if err != nil {
			return
		}
		_, _ = requirement.Default().Apply(ov)
	})
}
