package sarif_test

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	iec62443 "github.com/sdlkit/iec62443"
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
