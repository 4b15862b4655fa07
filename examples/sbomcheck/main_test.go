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

	"github.com/sdlkit/iec62443/internal/cli/clitest"
	"github.com/sdlkit/iec62443/sbom"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.txt")

// runMain runs the program and returns its exit status, stdout and stderr.
func runMain(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "report.golden.txt"))
	require.NoError(t, err, "run go test ./examples/sbomcheck -update")
	return string(b)
}

func TestEmbeddedSample(t *testing.T) {
	code, out, errOut := runMain(t, nil)
	require.Equal(t, exitGaps, code, "two required TR-03183-2 rules fail on the sample; stderr: %s", errOut)
	assert.Empty(t, errOut)
	if *update {
		require.NoError(t, os.WriteFile(filepath.Join("testdata", "report.golden.txt"), []byte(out), 0o644))
	}
	assert.Equal(t, golden(t), out)

	for _, line := range []string{
		"SBOM of cx500-firmware 3.2.0\n",
		"== bsi-tr-03183-2-v2.1.0: fail, score 87.66 of 100 ==",
		"== cra-annex-i-part-ii-1: pass, score 100 of 100 ==",
		"  components   13 (the product and 12 components)\n",
		"    required rule sbom.distribution-licence failed for 1 of 13 components\n    required rule sbom.hash-sha512 failed for 1 of 13 components\n",
		"Exit status 1: a required rule failed (bsi-tr-03183-2-v2.1.0)\n",
		"Gaps by rule (28 findings: 2 high, 26 low):",
		"  sbom.hash-sha512 (required, high, SM-14): failed for 1 of 13 components\n    /components/8/hashes\n",
		`component "u-boot" 2024.07`,
		"  sbom.source-uri (additional, low, SM-14): unknown for 13 of 13 components\n",
		"  sbom.distribution-licence (required, high, SM-14): failed for 1 of 13 components\n    /components/11/licenses\n",
	} {
		assert.Contains(t, out, line)
	}
	assert.Regexp(t, `(?m)^sbom\.hash-sha512 +SM-14 +required +13 +12 +1 +0 +fail$`, out)
	assert.Equal(t, 2, strings.Count(out, "\n== "), "the main profile and the CRA profile")
}

func TestSameReportFromXMLAndStdin(t *testing.T) {
	want := golden(t)

	code, out, errOut := runMain(t, nil, filepath.Join("testdata", "cx500-firmware.cdx.xml"))
	assert.Equal(t, exitGaps, code, errOut)
	assert.Equal(t, want, out, "XML is located by the pointers of the equivalent JSON")

	data, err := os.ReadFile(filepath.Join("testdata", "cx500-firmware.cdx.json"))
	require.NoError(t, err)
	code, out, errOut = runMain(t, data, "-")
	assert.Equal(t, exitGaps, code, errOut)
	assert.Equal(t, want, out)
}

func TestExitStatus(t *testing.T) {
	complete := filepath.Join("testdata", "gateway-complete.cdx.json")
	noSource := filepath.Join("testdata", "gateway-no-source-uri.cdx.json")
	sample := filepath.Join("testdata", "cx500-firmware.cdx.json")
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"complete SBOM", []string{complete}, exitOK},
		{"complete SBOM, strict", []string{"-strict", complete}, exitOK},
		{"unknown is no failure", []string{noSource}, exitOK},
		{"unknown fails when strict", []string{"-strict", noSource}, exitGaps},
		{"sample against NTIA and CRA", []string{"-profile", "ntia-minimum-elements", sample}, exitOK},
		{"sample against TR-03183-2 v2.0.0", []string{"-profile", "bsi-tr-03183-2-v2.0.0", sample}, exitGaps},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runMain(t, nil, tc.args...)
			assert.Equal(t, tc.want, code, "stderr: %s\nstdout: %s", errOut, out)
			assert.Empty(t, errOut)
		})
	}
}

func TestProfiles(t *testing.T) {
	code, out, _ := runMain(t, nil, "-profile", "cra-annex-i-part-ii-1")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, 1, strings.Count(out, "\n== "), "the CRA profile is checked once")
	assert.Contains(t, out, "== cra-annex-i-part-ii-1: pass")

	code, out, _ = runMain(t, nil, "-profile", "ntia-minimum-elements")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "== ntia-minimum-elements: pass")
	assert.Contains(t, out, "== cra-annex-i-part-ii-1: pass")
}

func TestOptional(t *testing.T) {
	_, out, _ := runMain(t, nil, "-optional")
	assert.Contains(t, out, "  sbom.effective-licence (optional, info, SM-14): failed for 13 of 13 components\n    /components/0/properties\n")
	assert.NotContains(t, golden(t), "  sbom.effective-licence (", "optional gaps are only counted by default")
}

func TestJSONOutput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	code, out, errOut := runMain(t, nil, "-json", "-o", path)
	require.Equal(t, exitGaps, code, errOut)
	assert.Empty(t, out, "-o writes to the file")

	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc struct {
		Subject     string `json:"subject"`
		SpecVersion string `json:"spec_version"`
		Components  int    `json:"components"`
		Reports     []struct {
			Profile  string  `json:"profile"`
			Score    float64 `json:"score"`
			Findings []struct {
				Rule    string `json:"rule"`
				Pointer string `json:"pointer"`
			} `json:"findings"`
		} `json:"reports"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, "cx500-firmware 3.2.0", doc.Subject)
	assert.Equal(t, "1.6", doc.SpecVersion)
	assert.Equal(t, 13, doc.Components, "the product and its 12 components, as the per-rule counts count them")
	require.Len(t, doc.Reports, 2)
	assert.Equal(t, "bsi-tr-03183-2-v2.1.0", doc.Reports[0].Profile)
	assert.InDelta(t, 87.66, doc.Reports[0].Score, 0.01)
	assert.Len(t, doc.Reports[0].Findings, 28)
	assert.Equal(t, "sbom.distribution-licence", doc.Reports[0].Findings[0].Rule)
	assert.Equal(t, "/components/11/licenses", doc.Reports[0].Findings[0].Pointer)
	assert.Equal(t, "cra-annex-i-part-ii-1", doc.Reports[1].Profile)
	assert.Empty(t, doc.Reports[1].Findings)
}

func TestBadInput(t *testing.T) {
	t.Run("every problem located", func(t *testing.T) {
		code, out, errOut := runMain(t, nil, filepath.Join("testdata", "bad-refs.cdx.json"))
		assert.Equal(t, exitBadInput, code)
		assert.Empty(t, out)
		lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
		require.Len(t, lines, 5, "a count line, then one line per problem: %s", errOut)
		assert.Equal(t, "sbomcheck: testdata/bad-refs.cdx.json: 4 problem(s):", lines[0])
		for _, want := range []string{
			"bad-refs.cdx.json#/components/1/bom-ref: ",       // bom-ref used twice
			"bad-refs.cdx.json#/dependencies/0/dependsOn/7: ", // depends on a component not in the SBOM
			"bad-refs.cdx.json#/dependencies/2/ref: ",         // dependency entry of an unknown ref
			"bad-refs.cdx.json#/dependencies/0/dependsOn/1: ", // the duplicate hid busybox's bom-ref
		} {
			assert.Contains(t, errOut, want)
		}
	})
	t.Run("malformed XML", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "broken.cdx.xml")
		require.NoError(t, os.WriteFile(path, []byte(`<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component`), 0o644))
		code, out, errOut := runMain(t, nil, path)
		assert.Equal(t, exitBadInput, code)
		assert.Empty(t, out)
		assert.Contains(t, errOut, "broken.cdx.xml#/: ")
	})
	t.Run("XML that is not CycloneDX", func(t *testing.T) {
		code, _, errOut := runMain(t, []byte(`<bom/>`), "-")
		assert.Equal(t, exitBadInput, code)
		assert.Contains(t, errOut, "stdin#/: ")
	})
	for _, args := range [][]string{
		{"-profile", "spdx-2.3"},
		{"a.json", "b.json"},
		{"-nope"},
		{filepath.Join("testdata", "missing.cdx.json")},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := runMain(t, nil, args...)
			assert.Equal(t, exitBadInput, code)
			assert.Empty(t, out)
			assert.NotEmpty(t, errOut)
		})
	}
	t.Run("no output file on bad input", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "out.txt")
		code, _, _ := runMain(t, nil, "-o", path, filepath.Join("testdata", "bad-refs.cdx.json"))
		assert.Equal(t, exitBadInput, code)
		assert.NoFileExists(t, path)
	})
}

// TestSPDXInputs: SPDX is read too, the format told by the content (the
// program used to refuse every SPDX document as "not a CycloneDX
// document"): the CX-500 SBOM as SPDX 3.0.1 JSON-LD gives the same rule
// table as its CycloneDX original, and SPDX 2.3 tag-value and CycloneDX XML
// are read from standard input.
func TestSPDXInputs(t *testing.T) {
	rows := func(out string) []string {
		var rows []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "sbom.") {
				rows = append(rows, l)
			}
		}
		return rows
	}
	want := golden(t)
	code, out, errOut := runMain(t, nil, filepath.Join("testdata", "cx500-firmware.spdx3.json"))
	assert.Equal(t, exitGaps, code, errOut)
	assert.Contains(t, out, "  format       SPDX-3.0.1\n")
	assert.Equal(t, rows(want), rows(out))
	assert.Contains(t, out, "/@graph/", "findings point into the JSON-LD graph")

	tv, err := os.ReadFile(filepath.Join("..", "..", "sbom", "testdata", "spdx", "gateway.spdx"))
	require.NoError(t, err)
	code, out, errOut = runMain(t, tv, "-")
	assert.Equal(t, exitGaps, code, errOut)
	assert.Contains(t, out, "  format       SPDX-2.3\n")
	assert.Contains(t, out, "SPDX-2.3 is not accepted by bsi-tr-03183-2-v2.1.0")

	x, err := os.ReadFile(filepath.Join("testdata", "cx500-firmware.cdx.xml"))
	require.NoError(t, err)
	code, out, errOut = runMain(t, x, "-")
	assert.Equal(t, exitGaps, code, errOut)
	assert.Equal(t, want, out, "XML on standard input is told by its content")
}

// BenchmarkRun measures the whole program on the embedded sample: reading,
// the library call and rendering.
func BenchmarkRun(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{}, bytes.NewReader(nil), io.Discard, io.Discard); code == exitBadInput {
			b.Fatalf("exit status %d", code)
		}
	}
}

func TestHelp(t *testing.T) {
	code, out, errOut := runMain(t, nil, "-h")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "usage: sbomcheck ")
}

// TestHostileInputs: a FIFO, a device, a directory, a file over the input
// limit and endless standard input are refused quickly, before or while
// reading, without holding the input in memory (the program used to read the
// whole input first: /dev/zero ran it out of memory).
func TestHostileInputs(t *testing.T) {
	clitest.HostileInputs(t, func(args []string, stdin io.Reader) (int, string) {
		var out, errOut bytes.Buffer
		code := run(args, stdin, &out, &errOut)
		return code, errOut.String()
	}, sbom.DefaultMaxBytes, true)
}
