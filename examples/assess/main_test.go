package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/screenshot"
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
	assert.Equal(t, "assess: dossier.json: 15 problem(s):", lines[0])
	assert.Len(t, lines, 16, "one line per problem: %s", errOut.String())
	assert.Contains(t, errOut.String(), "register.json#/risks/0/threats/1:")
	assert.Contains(t, errOut.String(), "dossier.json#/test_records:")

	for _, args := range [][]string{{"-format", "pdf"}, {"-now", "yesterday"}, {"a", "b"}, {"-nope"}, {"missing.json"}} {
		errOut.Reset()
		assert.Equal(t, exitBadInput, run(args, &out, &errOut, clock), "%v", args)
		assert.NotEmpty(t, errOut.String())
	}
}

// TestHTMLScreenshot renders the HTML report in headless Chromium (when it is
// installed; .ci/run installs it and makes it required) and checks that the
// page a person sees is the report: not blank, not an error page, and with the
// maturity chart's bars drawn in their colours.
func TestHTMLScreenshot(t *testing.T) {
	screenshot.Require(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var out, errOut bytes.Buffer
	require.Equal(t, exitGaps, run([]string{"-format", "html", "-o", page}, &out, &errOut, clock), errOut.String())
	img, err := screenshot.Take(page, dir, 1280, 2200)
	require.NoError(t, err)
	assert.Equal(t, 1280, img.Bounds().Dx())
	st := screenshot.Measure(img)
	assert.Greater(t, st.Colours, 40, "the screenshot is blank or nearly so")
	assert.Greater(t, st.Ink, 0.02, "almost nothing is drawn")
	// The per-practice maturity bars: --ok (#1b7f3b) for practices at the
	// target, --bad (#b3261e) for those below it. The example has both.
	assert.Greater(t, screenshot.Count(img, 0x1b7f3b, 8), 200, "no bar at the target level was drawn")
	assert.Greater(t, screenshot.Count(img, 0xb3261e, 8), 200, "no bar below the target level was drawn")
}
