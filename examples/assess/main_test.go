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

// plc2018Dossier is the embedded example's PLC assessed against the 2018
// edition: its requirement IDs translated through the edition delta (A11
// SRM-2, SRM-3 and SR-1 are 2018 SR-1, SR-2 and SR-3; what A11 added is
// dropped, and a mitigation's A11 design requirements SD-5 to SD-7 become
// SD-4), its evidence of A11-only requirements dropped and practice SRM's
// procedure with it. Assessed at holdsNow.
var plc2018Dossier = filepath.Join("testdata", "plc-2018", "dossier.json")

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
	assert.Contains(t, out.String(), "\nGaps remain against published requirements, and the A11 draft's ML3 demand, as the SDK models it, is not met.\n")
	assert.Contains(t, out.String(), "This verdict is not a presumption of conformity.")
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
	assert.Contains(t, report, "\nNo gap remains against published requirements, and the A11 draft's ML3 demand, as the SDK models it, is met.\n")
	assert.Contains(t, report, "under that modelling ML3 is mandatory for CRA class important-class-i.")
	assert.NotContains(t, report, "**fail**")
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
		{"embedded example", nil, exitGaps, false, "Gaps remain against published requirements, and the A11 draft&#39;s ML3 demand, as the SDK models it, is not met."},
		{"holding dossier", []string{"-now", holdsNow, holdsDossier}, exitHolds, true, "No gap remains against published requirements, and the A11 draft&#39;s ML3 demand, as the SDK models it, is met."},
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

// TestHelp: -h gives the usage, the formats, what the verdict is and is not,
// and the exit statuses.
func TestHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errOut, clock))
	help := errOut.String()
	assert.Contains(t, help, "usage: assess [-format md|json|html|sarif|cyclonedx|oscal]")
	assert.Contains(t, help, "whether the product meets the ML3 demand of the A11 draft as\nthe SDK models it")
	assert.Contains(t, help, "It is not a presumption\nof conformity: under CRA Art. 27")
	for _, status := range []string{"\n  0  no gap against published requirements", "\n  1  gaps remain against published requirements",
		"\n  2  bad input or usage", "\n  3  no gap against published requirements, but the product would fail under\n     the A11 draft"} {
		assert.Contains(t, help, status)
	}
	assert.NotContains(t, help, "holds")
}

// TestEdition2018Dossier assesses the PLC against the 2018 edition end to
// end: the report is the golden the root package's tests keep (go test .
// -run Golden -update), with gaps against published requirements (exit 1).
func TestEdition2018Dossier(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-now", holdsNow, plc2018Dossier}, &out, &errOut, clock)
	require.Equal(t, exitGaps, code, errOut.String())
	assert.Empty(t, errOut.String())
	golden, err := os.ReadFile(filepath.Join("testdata", "plc-2018.golden.md"))
	require.NoError(t, err, "run go test github.com/sdlkit/iec62443 -run Golden -update")
	assert.Equal(t, string(golden), out.String())
	assert.Contains(t, out.String(), "against EN IEC 62443-4-1 2018, catalog \"2018\"")
}

// TestExitProvisionalGaps: a dossier whose only gaps are those of the SDK's
// provisional modelling (the holding PLC designed for SL-C 3, so at SP3:
// its penetration test by an independent department meets the 2018
// minimum, not the SDK's grading for SP3) exits 3, not 1, and its report
// says no gap remains against published requirements.
func TestExitProvisionalGaps(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"evidence.json", "register.json", "tests.json", "sbom.cdx.json"} {
		copyFile(t, filepath.Join("testdata", "holds", f), filepath.Join(dir, f))
	}
	b, err := os.ReadFile(holdsDossier)
	require.NoError(t, err)
	require.Contains(t, string(b), `"target_sl_c": 2,`)
	b = bytes.Replace(b, []byte(`"target_sl_c": 2,`), []byte(`"target_sl_c": 3,`), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dossier.json"), b, 0o644))

	var out, errOut bytes.Buffer
	code := run([]string{"-now", holdsNow, filepath.Join(dir, "dossier.json")}, &out, &errOut, clock)
	require.Equal(t, exitProvisionalGaps, code, errOut.String())
	report := out.String()
	assert.Contains(t, report, "\nNo gap remains against published requirements; the product would fail under the A11 draft as the SDK models it: its ML3 demand is not met.\n")
	assert.Contains(t, report, "| high | SVV-5 | annex.tester-independence-insufficient | provisional |")
	assert.Contains(t, report, "(enough for the 2018 minimum independent-department)")
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
