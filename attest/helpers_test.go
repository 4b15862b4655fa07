package attest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// exampleDossier is the example dossier of examples/assess, and exampleNow
// its assessment time.
var (
	exampleDossier fs.FS = os.DirFS("../examples/assess/dossier")
	exampleNow           = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
)

// exampleReport assesses the example dossier.
func exampleReport(t testing.TB) *iec62443.Report {
	t.Helper()
	ctx := context.Background()
	d, err := iec62443.Load(ctx, exampleDossier, "dossier.json", nil)
	require.NoError(t, err)
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	return rep
}

// The official CycloneDX JSON schemas, as package sbom embeds them (the
// published files of the CycloneDX specification repository; its
// schemas/PROVENANCE.md says which revision), compiled once per version.
const cdxBase = "http://cyclonedx.org/schema/"

var officialSchemas = sync.OnceValue(func() map[cdx.SpecVersion]*schema.Schema {
	dir := filepath.Join("..", "sbom", "schemas", "cyclonedx")
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			panic(err)
		}
		return b
	}
	var extra []schema.Resource
	for _, f := range []string{"spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"} {
		extra = append(extra, schema.Resource{URL: cdxBase + f, Data: read(f)})
	}
	return map[cdx.SpecVersion]*schema.Schema{
		cdx.SpecVersion1_6: schema.MustCompile(cdxBase+"bom-1.6.schema.json", read("bom-1.6.schema.json"), extra...),
		cdx.SpecVersion1_7: schema.MustCompile(cdxBase+"bom-1.7.schema.json", read("bom-1.7.schema.json"), extra...),
	}
})

// assertOfficial validates a CycloneDX JSON document against the official
// schema of its spec version.
func assertOfficial(t *testing.T, data []byte) {
	t.Helper()
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	var v cdx.SpecVersion
	require.NoError(t, v.UnmarshalJSON([]byte(`"`+doc.(map[string]any)["specVersion"].(string)+`"`)))
	s, ok := officialSchemas()[v]
	require.True(t, ok, "no schema for %s", v)
	assert.Empty(t, s.Validate(doc), "valid by the official CycloneDX %s schema", v)
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got), "%s differs: run go test -update and read the diff", path)
}
