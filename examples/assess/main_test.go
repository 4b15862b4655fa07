package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/cli/clitest"
	"github.com/sdlkit/iec62443/internal/screenshot"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata")

// holdsDossier is the "after" picture of the embedded example: the same PLC
// (release 3.3) with every gap that blocked the verdict closed in its data.
var holdsDossier = filepath.Join("testdata", "holds", "dossier.json")

// holdsNow is the assessment time of holdsDossier, that of the embedded example.
const holdsNow = "2026-11-20T12:00:00Z"

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

// TestHoldingDossier runs the one dossier whose verdict holds: exit 0, no
// diagnostics, and a report that says so.
func TestHoldingDossier(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-now", holdsNow, holdsDossier}, &out, &errOut, clock)
	require.Equal(t, exitHolds, code, "the 3.3 dossier closes every blocking gap; stderr: %s\n%s", errOut.String(), out.String())
	assert.Empty(t, errOut.String())
	golden := filepath.Join("testdata", "holds.golden.md")
	if *update {
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./examples/assess -update")
	assert.Equal(t, string(want), out.String())

	report := out.String()
	assert.True(t, strings.HasPrefix(report, "# Conformity report: Acme CX-500 programmable logic controller 3.3\n"), "the after picture is release 3.3")
	assert.Contains(t, report, "\nPresumption of conformity at ML3 **holds** (ML3 is mandatory; CRA class important-class-i).\n")
	assert.NotContains(t, report, "does not hold")
	assert.Contains(t, report, "| CRA class | important-class-i |", "the same product class as the embedded example")
	assert.Contains(t, report, "| artifact-retention | pass |")
	for _, sev := range []string{"| high |", "| critical |"} {
		assert.NotContains(t, report, sev, "a holding verdict leaves no high or critical finding")
	}
}

func TestFormatsAndOutputFile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		holds   bool
		verdict string // as the HTML report words it
	}{
		{"embedded example", nil, exitGaps, false, "Presumption of conformity at ML3 <strong>does not hold</strong>"},
		{"holding dossier", []string{"-now", holdsNow, holdsDossier}, exitHolds, true, "Presumption of conformity at ML3 <strong>holds</strong>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range []string{"json", "html", "md"} {
				path := filepath.Join(dir, "report."+f)
				var out, errOut bytes.Buffer
				code := run(append([]string{"-format", f, "-o", path}, tc.args...), &out, &errOut, clock)
				require.Equal(t, tc.code, code, errOut.String())
				assert.Empty(t, out.String(), "-o writes to the file")
				assert.Empty(t, errOut.String())
				b, err := os.ReadFile(path)
				require.NoError(t, err)
				switch f {
				case "json":
					var doc struct {
						SchemaVersion string `json:"schema_version"`
						Verdict       struct {
							Holds bool `json:"holds"`
						} `json:"verdict"`
					}
					require.NoError(t, json.Unmarshal(b, &doc), "the json report is valid JSON")
					assert.Equal(t, iec62443.ReportSchemaVersion, doc.SchemaVersion)
					assert.Equal(t, tc.holds, doc.Verdict.Holds)
				case "html":
					assert.True(t, bytes.HasPrefix(b, []byte("<!DOCTYPE html>")), "the html report starts with its doctype: %.40q", b)
					assert.Contains(t, string(b), tc.verdict)
				case "md":
					assert.True(t, bytes.HasPrefix(b, []byte("# ")), "the md report starts with its title: %.40q", b)
				}
			}
		})
	}
}

// TestSymlinkOutsideDossier checks that a file of the dossier cannot be a
// symlink to a file outside the dossier's directory, while a symlink that
// stays inside it is followed.
func TestSymlinkOutsideDossier(t *testing.T) {
	for _, tc := range []struct {
		name   string
		target string // of the register.json symlink, relative to the dossier's directory
		code   int
	}{
		{"outside", filepath.Join("..", "secret.json"), exitBadInput},
		{"inside", filepath.Join("parts", "register.json"), exitHolds},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "dossier")
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "parts"), 0o755))
			for _, f := range []string{"dossier.json", "evidence.json", "tests.json", "sbom.cdx.json"} {
				copyFile(t, filepath.Join("testdata", "holds", f), filepath.Join(dir, f))
			}
			// the register, valid, both where the symlink may lead and where it may not
			copyFile(t, filepath.Join("testdata", "holds", "register.json"), filepath.Join(base, "secret.json"))
			copyFile(t, filepath.Join("testdata", "holds", "register.json"), filepath.Join(dir, "parts", "register.json"))
			if err := os.Symlink(tc.target, filepath.Join(dir, "register.json")); err != nil {
				t.Skipf("symlinks are not available here: %v", err)
			}

			var out, errOut bytes.Buffer
			code := run([]string{"-now", holdsNow, filepath.Join(dir, "dossier.json")}, &out, &errOut, clock)
			require.Equal(t, tc.code, code, errOut.String())
			if tc.code != exitBadInput {
				assert.Empty(t, errOut.String())
				return
			}
			assert.Empty(t, out.String())
			lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
			require.Len(t, lines, 2, "one located problem: %s", errOut.String())
			assert.Equal(t, "assess: dossier.json: 1 problem(s):", lines[0])
			assert.True(t, strings.HasPrefix(lines[1], `  dossier.json#/register: cannot open "register.json": `), lines[1])
			assert.Contains(t, lines[1], "escapes")
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, b, 0o644))
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

// TestHostileInputs: a dossier path that names a FIFO, a device, a directory
// or a file over the size limit is refused at once (Load checks the kind and
// the size of every file before it opens it).
func TestHostileInputs(t *testing.T) {
	clitest.HostileInputs(t, func(args []string, _ io.Reader) (int, string) {
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut, clock)
		return code, errOut.String()
	}, iec62443.DefaultMaxDossierBytes, false)
}
