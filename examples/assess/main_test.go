package main

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.md")

func clock() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) } // ignored by the embedded example

func TestEmbeddedExample(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(nil, &out, &errOut, clock)
	require.Equal(t, exitGaps, code, "the example PLC has gaps; stderr: %s", errOut.String())
	assert.Empty(t, errOut.String())
	golden := filepath.Join("testdata", "report.golden.md")
	if *update {
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./examples/assess -update")
	assert.Equal(t, string(want), out.String())
	// the verdict, a finding and the coverage line a reader looks for first
	assert.Contains(t, out.String(), "Presumption of conformity at ML3 **does not hold**")
	assert.Contains(t, out.String(), "| CRA class | important-class-i |")
	assert.Contains(t, out.String(), "CRA essential requirements covered")
	assert.Contains(t, out.String(), "CVE-2026-44120")
}

func TestFormatsAndOutputFile(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"json", "html", "md"} {
		path := filepath.Join(dir, "report."+f)
		var out, errOut bytes.Buffer
		code := run([]string{"-format", f, "-o", path}, &out, &errOut, clock)
		require.Equal(t, exitGaps, code, errOut.String())
		assert.Empty(t, out.String(), "-o writes to the file")
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.NotEmpty(t, b)
	}
}

func TestDossierFromPath(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-now", "2026-11-20T12:00:00Z", filepath.Join("dossier", "dossier.json")}, &out, &errOut, clock)
	assert.Equal(t, exitGaps, code, errOut.String())
	golden, err := os.ReadFile(filepath.Join("testdata", "report.golden.md"))
	require.NoError(t, err)
	assert.Equal(t, string(golden), out.String(), "the same dossier from disk gives the same report")
}

func TestHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errOut, clock))
	assert.Contains(t, errOut.String(), "usage: assess")
}

func TestBadInputExit2(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{filepath.Join("..", "..", "testdata", "bad-dossier", "dossier.json")}, &out, &errOut, clock)
	assert.Equal(t, exitBadInput, code)
	assert.Empty(t, out.String())
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	assert.Equal(t, "assess: dossier.json: 13 problem(s):", lines[0])
	assert.Len(t, lines, 14, "one line per problem: %s", errOut.String())
	assert.Contains(t, errOut.String(), "register.json#/risks/0/threats/1:")
	assert.Contains(t, errOut.String(), "dossier.json#/test_records:")

	for _, args := range [][]string{{"-format", "pdf"}, {"-now", "yesterday"}, {"a", "b"}, {"-nope"}, {"missing.json"}} {
		errOut.Reset()
		assert.Equal(t, exitBadInput, run(args, &out, &errOut, clock), "%v", args)
		assert.NotEmpty(t, errOut.String())
	}
}

// TestHTMLScreenshot renders the HTML report in headless Chromium (when it is
// installed) and checks that the screenshot is not blank.
func TestHTMLScreenshot(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("chromium is not installed (apt-get install -y chromium); see CONTRIBUTING.md")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var out, errOut bytes.Buffer
	require.Equal(t, exitGaps, run([]string{"-format", "html", "-o", page}, &out, &errOut, clock), errOut.String())
	shot := filepath.Join(dir, "report.png")
	cmd := exec.Command("sh", filepath.Join("..", "..", ".ci", "screenshot"), page, shot)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, string(b))
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	colours := map[uint32]bool{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 4 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 4 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[(r>>11)<<10|(g>>11)<<5|b>>11] = true
		}
	}
	assert.Greater(t, len(colours), 20, "the screenshot is blank or nearly so")
}
