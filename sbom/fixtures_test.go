package sbom

import (
	"bytes"
	"context"
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
	path   string
	key    string // "cyclonedx-1.6", "spdx-2.3" ...
	syntax Syntax
}

// repositorySBOMs walks the module (from the sbom directory, "..") and
// returns every CycloneDX and SPDX document in it, recognised by content,
// not by name: JSON with bomFormat "CycloneDX" or an spdxVersion, SPDX 3
// JSON-LD, CycloneDX XML, SPDX tag-value. Fuzz corpora are skipped.
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
		switch filepath.Ext(path) {
		case ".json", ".jsonld", ".xml", ".spdx", ".txt":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if key, syntax := fixtureKey(data); key != "" {
			out = append(out, sbomFixture{path: filepath.ToSlash(path), key: key, syntax: syntax})
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

// fixtureKey recognises an SBOM by content with Detect; "" when data is
// none or declares no version.
func fixtureKey(data []byte) (key string, syntax Syntax) {
	d, _, err := Detect(bytes.NewReader(data))
	if err != nil || d.SpecVersion == "" {
		return "", 0
	}
	if d.Format == FormatCycloneDX {
		return "cyclonedx-" + d.SpecVersion, d.Syntax
	}
	return "spdx-" + strings.TrimPrefix(d.SpecVersion, "SPDX-"), d.Syntax
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
			switch f.syntax {
			case SyntaxXML:
				bom := new(cdx.BOM)
				require.NoError(t, cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatXML).Decode(bom))
				res, err = validateCycloneDX(context.Background(), nil, bom)
				require.NoError(t, err)
			case SyntaxTagValue:
				inv, err := DecodeSPDX(context.Background(), bytes.NewReader(data), nil)
				require.NoError(t, err)
				res = *inv.schema
			default:
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
