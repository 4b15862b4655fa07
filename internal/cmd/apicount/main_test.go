package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeTree writes files (slash paths relative to dir) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
}

func TestCount(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.24\n",
		"a.go": `package m

// three top-level names, one unexported
const (
	A, B = 1, 2
	c    = 3
)

var V int

type T struct {
	X, y int
	Z    struct{ P, q int } // Z, and P inside it
	*Embedded
	fmtStringer
}

type Embedded struct{ E int }
type fmtStringer interface{ String() string }

type I interface {
	M()
	n()
}

type G[K comparable] struct{ F K }

func (T) Method()     {}
func (*T) Other()     {}
func (T) private()    {}
func (G[K]) Gen()     {}
func (fmtStringer) X() {} // on an unexported type: not counted
func F()              {}
func f()              {}
`,
		"a_test.go":            "package m\n\nfunc Exported() {}\n",
		"sub/b.go":             "package sub\n\ntype S struct{ A string }\n",
		"internal/x/x.go":      "package x\n\nfunc Hidden() {}\n",
		"examples/e/main.go":   "package main\n\nfunc Example() {}\n",
		"cmd/tool/main.go":     "package main\n\nfunc Main() {}\n",
		"sub/testdata/t/t.go":  "package t\n\nfunc T() {}\n",
		".hidden/h.go":         "package h\n\nfunc H() {}\n",
		"sub/gen.go":           "//go:build ignore\n\npackage main\n\nfunc Gen() {}\n",
		"sub/doc.go":           "// Package sub.\npackage sub\n",
		"empty/README.md":      "nothing",
		"sub/deeper/d_test.go": "package deeper\n\nfunc D() {}\n",
	})
	got, err := Count(dir)
	require.NoError(t, err)
	assert.Equal(t, []Counts{
		// A, B, V, T, Embedded, I, G, F = 8 top-level; Method, Other, Gen + I.M = 4 methods;
		// T.X, T.Z, Z.P, T.Embedded, Embedded.E, G.F = 6 fields
		{Package: "example.com/m", TopLevel: 8, Methods: 4, Fields: 6},
		{Package: "example.com/m/sub", TopLevel: 1, Methods: 0, Fields: 1},
	}, got)

	var out bytes.Buffer
	require.NoError(t, Print(&out, got))
	assert.Equal(t, "package            top-level  methods  identifiers  struct fields\n"+
		"example.com/m      8          4        12           6\n"+
		"example.com/m/sub  1          0        1            1\n"+
		"total              9          4        13           7\n", out.String())
}

func TestCountErrors(t *testing.T) {
	_, err := Count(t.TempDir())
	require.Error(t, err, "no go.mod")
	require.Error(t, Print(&bytes.Buffer{}, nil))
}
