package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/cli/clitest"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.txt")

// now is the assessment time of every test, so that the output is reproducible.
const now = "2026-11-20T12:00:00Z"

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
	require.NoError(t, err, "run go test ./examples/threatdragon -update")
	return string(b)
}

func TestEmbeddedSample(t *testing.T) {
	code, out, errOut := runMain(t, nil, "-now", now)
	require.Equal(t, exitGaps, code, "an imported model always needs completing; stderr: %s", errOut)
	assert.Empty(t, errOut)
	if *update {
		require.NoError(t, os.WriteFile(filepath.Join("testdata", "report.golden.txt"), []byte(out), 0o644))
	}
	assert.Equal(t, golden(t), out)

	for _, line := range []string{
		`Threat Dragon model of "Acme CX-500 PLC" imported into a risk register:`,
		"  assets             7\n",
		"  threats            8\n",
		"  risks              8\n",
		"Not mapped, or mapped only approximately (20 note(s)",
		// the LINDDUN threat has no STRIDE category and is not imported
		`has type "Linkability" (model "LINDDUN"), which has no STRIDE equivalent`,
		"  /detail/diagrams/0/cells/12\n      trust boundary TB-2 is a curve",
		"Annex C workflow state the data supports: draft\n  next: context-defined:",
		"    R-3    draft                  Root shell on service console",
		"Risk workflow findings at 2026-11-20, catalog A11 draft",
		"  high   risk.context-undefined SRM-2 /intended_use/environment\n",
		"  high   risk.acceptance-unjustified SRM-4 /risks/2/treatment\n",
		"  high   risk.mitigated-risk-unverified SRM-5 /risks/0\n",
		"  medium risk.mitigation-without-requirement SR-1 /mitigations/4/requirements\n",
	} {
		assert.Contains(t, out, line)
	}
}

func TestSameReportFromPathAndStdin(t *testing.T) {
	want := golden(t)
	path := filepath.Join("testdata", "cx500.threatdragon.json")
	code, out, errOut := runMain(t, nil, "-now", now, path)
	assert.Equal(t, exitGaps, code, errOut)
	assert.Equal(t, want, out)

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	code, out, errOut = runMain(t, data, "-now", now, "-")
	assert.Equal(t, exitGaps, code, errOut)
	assert.Equal(t, want, out)
}

func TestRegisterAndReportFiles(t *testing.T) {
	dir := t.TempDir()
	regPath, outPath := filepath.Join(dir, "register.json"), filepath.Join(dir, "report.txt")
	code, out, errOut := runMain(t, nil, "-now", now, "-register", regPath, "-o", outPath)
	require.Equal(t, exitGaps, code, errOut)
	assert.Empty(t, out, "-o writes to the file")
	report, err := os.ReadFile(outPath)
	require.NoError(t, err)
	assert.Equal(t, golden(t), string(report))

	// The register written is the one the findings point into: decode it
	// and validate it again.
	f, err := os.Open(regPath)
	require.NoError(t, err)
	defer f.Close()
	reg, err := risk.Decode(f, nil)
	require.NoError(t, err)
	assert.Equal(t, "Acme CX-500 PLC", reg.Product.Name)
	assert.Len(t, reg.Risks, 8)
	findings, err := risk.Validate(reg, requirement.Default(), time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Contains(t, string(report), "  25 finding(s): 9 high, 16 medium\n")
	assert.Len(t, findings, 25)
}

func TestBadInput(t *testing.T) {
	t.Run("Threat Dragon v1 model", func(t *testing.T) {
		code, out, errOut := runMain(t, nil, filepath.Join("testdata", "v1-model.json"))
		assert.Equal(t, exitBadInput, code)
		assert.Empty(t, out)
		assert.Equal(t, "threatdragon: testdata/v1-model.json: 2 problem(s):\n"+
			"  testdata/v1-model.json#/detail/diagrams/0/diagramJson: this is a Threat Dragon v1 diagram: open and save the model in Threat Dragon 2 first\n"+
			"  testdata/v1-model.json#/detail/diagrams/1/diagramJson: this is a Threat Dragon v1 diagram: open and save the model in Threat Dragon 2 first\n",
			errOut)
	})
	t.Run("duplicate keys on stdin", func(t *testing.T) {
		model := `{"version": "2.2.0", "summary": {"title": "x", "title": "y"}, "detail": {"diagrams": [{"cells": [{"id": "a", "id": "b"}]}]}}`
		code, out, errOut := runMain(t, []byte(model), "-")
		assert.Equal(t, exitBadInput, code)
		assert.Empty(t, out)
		lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
		require.Len(t, lines, 3, errOut)
		assert.Equal(t, "threatdragon: stdin: 2 problem(s):", lines[0])
		assert.True(t, strings.HasPrefix(lines[1], "  stdin#/summary/title: "), lines[1])
		assert.True(t, strings.HasPrefix(lines[2], "  stdin#/detail/diagrams/0/cells/0/id: "), lines[2])
	})
	for _, args := range [][]string{
		{"-now", "20.11.2026"},
		{"a.json", "b.json"},
		{"-nope"},
		{filepath.Join("testdata", "missing.json")},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := runMain(t, nil, args...)
			assert.Equal(t, exitBadInput, code)
			assert.Empty(t, out)
			assert.NotEmpty(t, errOut)
		})
	}
	t.Run("no files written on bad input", func(t *testing.T) {
		dir := t.TempDir()
		regPath, outPath := filepath.Join(dir, "register.json"), filepath.Join(dir, "report.txt")
		code, _, _ := runMain(t, nil, "-register", regPath, "-o", outPath, filepath.Join("testdata", "v1-model.json"))
		assert.Equal(t, exitBadInput, code)
		assert.NoFileExists(t, regPath)
		assert.NoFileExists(t, outPath)
	})
}

func TestNextStepCoversEveryState(t *testing.T) {
	for _, s := range risk.States() {
		if s == risk.StateMonitored {
			assert.Empty(t, nextStep(s))
			continue
		}
		assert.NotEmpty(t, nextStep(s), s.String())
	}
}

// BenchmarkRun measures the whole program on the embedded sample: reading,
// the library call and rendering.
func BenchmarkRun(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"-now", now}, bytes.NewReader(nil), io.Discard, io.Discard); code == exitBadInput {
			b.Fatalf("exit status %d", code)
		}
	}
}

func TestHelp(t *testing.T) {
	code, out, errOut := runMain(t, nil, "-h")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "usage: threatdragon ")
}

// TestHostileInputs: a FIFO, a device, a directory, a file over the input
// limit and endless standard input are refused quickly, before or while
// reading, without holding the input in memory (the program used to read the
// whole input first: /dev/zero ran it out of memory).
func TestHostileInputs(t *testing.T) {
	clitest.HostileInputs(t, func(args []string, stdin io.Reader) (int, string) {
		var out, errOut bytes.Buffer
		code := run(append([]string{"-now", "2026-11-20T12:00:00Z"}, args...), stdin, &out, &errOut)
		return code, errOut.String()
	}, maxInput, true)
}
