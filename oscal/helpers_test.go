package oscal_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// exportTime is the last-modified time of every export in the tests.
var exportTime = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

// The official NIST OSCAL complete JSON schemas (testdata/README.md says
// where they come from), compiled once.
var officialSchemas = sync.OnceValue(func() map[string]*schema.Schema {
	out := map[string]*schema.Schema{}
	for _, v := range []string{"1.1.3", "1.2.2"} {
		data, err := os.ReadFile(filepath.Join("testdata", "oscal_complete_schema-"+v+".json"))
		if err != nil {
			panic(err)
		}
		out[v] = schema.MustCompile("http://csrc.nist.gov/ns/oscal/1.0/"+v+"/oscal-complete-schema.json", data)
	}
	return out
})

// assertOfficial validates an OSCAL JSON document against the official
// complete schema of the given OSCAL version.
func assertOfficial(t *testing.T, version string, data []byte) {
	t.Helper()
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	errs := officialSchemas()[version].Validate(doc)
	assert.Empty(t, errs, "valid by the official OSCAL %s schema", version)
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
