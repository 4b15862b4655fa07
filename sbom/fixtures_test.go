package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sbomFixture is an SBOM found in the repository, with the official schema
// key of the version it declares.
type sbomFixture struct {
	path string
	key  string // "cyclonedx-1.6", "spdx-2.3" ...
	xml  bool
}

// repositorySBOMs walks the module (from the sbom directory, "..") and
// returns every CycloneDX and SPDX document in it, recognised by content,
// not by name: JSON with bomFormat "CycloneDX" or an spdxVersion, SPDX 3
// JSON-LD, CycloneDX XML. Fuzz corpora are skipped.
func repositorySBOMs(t *testing.T) []sbomFixture {
	t.Helper()
	var out []sbomFixture
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "fuzz" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(path)
		if ext != ".json" && ext != ".jsonld" && ext != ".xml" && ext != ".spdx" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if key, xml := fixtureKey(data); key != "" {
			out = append(out, sbomFixture{path: filepath.ToSlash(path), key: key, xml: xml})
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

// fixtureKey recognises an SBOM by content; "" when data is none.
func fixtureKey(data []byte) (key string, xml bool) {
	trimmed := bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(trimmed, []byte("<")):
		i := bytes.Index(data, []byte("http://cyclonedx.org/schema/bom/"))
		if i < 0 {
			return "", false
		}
		v := data[i+len("http://cyclonedx.org/schema/bom/"):]
		if j := bytes.IndexByte(v, '"'); j > 0 {
			return "cyclonedx-" + string(v[:j]), true
		}
		return "", false
	case bytes.HasPrefix(trimmed, []byte("{")):
		var probe struct {
			BOMFormat   string `json:"bomFormat"`
			SpecVersion string `json:"specVersion"`
			SPDXVersion string `json:"spdxVersion"`
			Context     any    `json:"@context"`
		}
		if json.Unmarshal(data, &probe) != nil {
			return "", false
		}
		switch {
		case probe.BOMFormat == "CycloneDX":
			return "cyclonedx-" + probe.SpecVersion, false
		case probe.SPDXVersion != "":
			return "spdx-" + strings.TrimPrefix(probe.SPDXVersion, "SPDX-"), false
		case probe.Context == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld":
			return "spdx-3.0.1", false
		}
	}
	return "", false
}

// TestRepositorySBOMsValid: every CycloneDX and SPDX document in the
// repository validates against the official schema of the version it
// declares, except those whose name says they are invalid, which must not.
func TestRepositorySBOMsValid(t *testing.T) {
	fixtures := repositorySBOMs(t)
	require.Greater(t, len(fixtures), 30, "the walk finds the fixtures")
	for _, f := range fixtures {
		t.Run(strings.TrimPrefix(f.path, "../"), func(t *testing.T) {
			data, err := os.ReadFile(f.path)
			require.NoError(t, err)
			var res schemaResult
			if f.xml {
				bom := new(cdx.BOM)
				require.NoError(t, cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatXML).Decode(bom))
				res, err = validateCycloneDX(context.Background(), nil, bom)
				require.NoError(t, err)
			} else {
				res, err = validateOfficial(context.Background(), f.key, data)
				require.NoError(t, err)
			}
			require.Empty(t, res.unavailable, "an official schema applies")
			if strings.Contains(filepath.Base(f.path), "invalid") {
				assert.NotEmpty(t, res.problems, "named invalid, but valid against the %s schema", res.schema)
				return
			}
			for _, p := range res.problems {
				t.Errorf("%s: %s", p.Pointer, p.Message)
			}
		})
	}
}
