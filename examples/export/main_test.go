package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/attest"
	"github.com/sdlkit/iec62443/internal/cli"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

var update = flag.Bool("update", false, "rewrite the files under testdata/")

// now is the export time of every test, so that the output is reproducible.
var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// runMain runs the program and returns its exit status, stdout and stderr.
func runMain(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errOut, clock)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/export -update")
	assert.Equal(t, string(want), got, "%s differs: run go test ./examples/export -update and read the diff", path)
}

// TestSampleIsTheExampleStatement keeps the embedded sample in step with the
// statement examples/assess resolves for its example dossier.
func TestSampleIsTheExampleStatement(t *testing.T) {
	ctx := context.Background()
	d, err := iec62443.Load(ctx, os.DirFS("../assess/dossier"), "dossier.json", nil)
	require.NoError(t, err)
	rep, err := iec62443.Assess(ctx, d, now, nil)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, soa.Encode(&buf, rep.SoA))
	golden(t, "example.soa.json", buf.String())
}

// validate checks a document against the official schema of its format:
// the NIST OSCAL 1.2.2 complete schema (package oscal's test copy) or the
// CycloneDX 1.6 schema (package sbom's embedded copy).
func validate(t *testing.T, format string, data []byte) {
	t.Helper()
	read := func(path string) []byte {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		return b
	}
	var s *schema.Schema
	if format == "oscal" {
		s = schema.MustCompile("http://csrc.nist.gov/ns/oscal/1.0/1.2.2/oscal-complete-schema.json", read("../../oscal/testdata/oscal_complete_schema-1.2.2.json"))
	} else {
		base, dir := "http://cyclonedx.org/schema/", "../../sbom/schemas/cyclonedx/"
		var extra []schema.Resource
		for _, f := range []string{"spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"} {
			extra = append(extra, schema.Resource{URL: base + f, Data: read(dir + f)})
		}
		s = schema.MustCompile(base+"bom-1.6.schema.json", read(dir+"bom-1.6.schema.json"), extra...)
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	assert.Empty(t, s.Validate(doc), "valid by the official %s schema", format)
}

func TestStatement(t *testing.T) {
	for _, format := range []string{"oscal", "cyclonedx"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runMain(t, nil, "-what", "soa", "-format", format)
			require.Equal(t, cli.ExitOK, code, errOut)
			assert.Empty(t, errOut)
			validate(t, format, []byte(out))
			golden(t, "example-soa."+format+".golden.json", out)

			// the same from a file and from standard input
			file := filepath.Join(t.TempDir(), "soa.json")
			require.NoError(t, os.WriteFile(file, sample, 0o644))
			_, fromFile, _ := runMain(t, nil, "-what", "soa", "-format", format, file)
			assert.Equal(t, out, fromFile)
			_, fromStdin, _ := runMain(t, sample, "-what", "soa", "-format", format, "-")
			assert.Equal(t, out, fromStdin)
		})
	}
}

func TestStatementClaims(t *testing.T) {
	_, out, _ := runMain(t, nil, "-what", "soa", "-format", "cyclonedx")
	claims, err := attest.DecodeClaims(strings.NewReader(out), nil)
	require.NoError(t, err)
	st, err := soa.Decode(bytes.NewReader(sample), nil)
	require.NoError(t, err)
	require.Len(t, claims, len(st.Entries))
	for i, c := range claims {
		e := st.Entries[i]
		assert.Equal(t, e.Requirement, c.Requirement)
		assert.Equal(t, e.Decision, c.Decision)
		assert.Equal(t, e.Status, c.Status)
		assert.Equal(t, e.Justification, c.Justification)
		assert.Equal(t, e.Evidence, c.Evidence)
		assert.Empty(t, c.Gaps, "a statement alone has no gaps")
	}
}

func TestCatalogAndMappings(t *testing.T) {
	c2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	tests := []struct {
		args  []string
		write func(*bytes.Buffer) error
	}{
		{nil, func(b *bytes.Buffer) error { return oscal.EncodeCatalog(b, nil, now) }},
		{[]string{"-edition", "2018"}, func(b *bytes.Buffer) error { return oscal.EncodeCatalog(b, c2018, now) }},
		{[]string{"-format", "cyclonedx"}, func(b *bytes.Buffer) error { return attest.EncodeCatalog(b, nil, nil) }},
		{[]string{"-format", "cyclonedx", "-edition", "2018"}, func(b *bytes.Buffer) error { return attest.EncodeCatalog(b, c2018, nil) }},
		{[]string{"-what", "mappings"}, func(b *bytes.Buffer) error { return oscal.EncodeMappings(b, now) }},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runMain(t, nil, tt.args...)
			require.Equal(t, cli.ExitOK, code, errOut)
			var want bytes.Buffer
			require.NoError(t, tt.write(&want))
			assert.Equal(t, want.String(), out)
		})
	}
}

func TestOutputFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "catalog.json")
	code, out, errOut := runMain(t, nil, "-o", file, "-now", "2027-01-01T00:00:00Z")
	require.Equal(t, cli.ExitOK, code, errOut)
	assert.Empty(t, out)
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"last-modified": "2027-01-01T00:00:00Z"`)
}

func TestBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"schema_version": "1", "entries": [{"requirement": 7}]}`), 0o644))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-format", "xml"}, `unknown format "xml"`},
		{[]string{"-what", "everything"}, `unknown -what "everything"`},
		{[]string{"-what", "mappings", "-format", "cyclonedx"}, "OSCAL mapping collection only"},
		{[]string{"-edition", "2030"}, `-edition "2030"`},
		{[]string{"-now", "yesterday"}, `-now "yesterday"`},
		{[]string{"soa.json"}, "with -what soa only"},
		{[]string{"-what", "soa", filepath.Join(t.TempDir(), "missing.json")}, "missing.json"},
		{[]string{"-what", "soa", bad}, "problem(s):"},
		{[]string{"-what", "soa", "a", "b"}, "usage:"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runMain(t, nil, tt.args...)
			assert.Equal(t, cli.ExitBadInput, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tt.want)
		})
	}
	code, _, errOut := runMain(t, nil, "-h")
	assert.Equal(t, cli.ExitOK, code)
	assert.Contains(t, errOut, "usage: export")
}
