package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/cli/clitest"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.md")

// now is the migration time of every test, so that the output is reproducible.
const now = "2026-11-20T12:00:00Z"

// runMain runs the program and returns its exit status, stdout and stderr.
func runMain(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestEmbeddedSample(t *testing.T) {
	code, out, errOut := runMain(t, nil, "-now", now)
	require.Equal(t, exitGaps, code, "the new A11 requirements are open gaps; stderr: %s", errOut)
	assert.Empty(t, errOut)

	golden := filepath.Join("testdata", "report.golden.md")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./examples/migrate2018 -update")
	assert.Equal(t, string(want), out)

	// What a team looks for first: the header, re-keyed and new requirements
	// by practice, retired ones, and the gaps carried over.
	for _, line := range []string{
		"# What is new in A11 for Nordwerk PLC-7 controller 4.1",
		"| Re-keyed to another ID | 3 |",
		"| New in A11: open gaps | 24 |",
		"| SR-1 | SRM-2 | Product security context | applicable | verified |",
		"| SR-2 | SRM-3 | Threat modelling | applicable | verified |",
		"| SR-3 | SR-1 | Product security requirements | applicable | verified |",
		"### SM: Security management (6)",
		"### SRM: Security risk management (4)",
		"| SM-15 | Software bill of materials |",
		"| DM-9 | Machine-readable security advisories |",
		"## Retired requirements\n\nNone: every 2018 requirement is carried into A11.",
		"| SVV-4 | high | `soa.verified-without-evidence` | `/entries/43/evidence` |",
		"1. Assess the 24 new requirement(s)",
	} {
		assert.Contains(t, out, line)
	}
	// Requirement IDs are edition-specific: the 2018 threat model (SR-2) is
	// re-keyed, and A11's SR-2 is listed as new.
	assert.Contains(t, out, "| SR-2 | Requirements applicability assessment |")
}

func TestSameReportFromPathAndStdin(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "report.golden.md"))
	require.NoError(t, err)
	path := filepath.Join("testdata", "plc7-2018.soa.json")

	code, out, errOut := runMain(t, nil, "-now", now, path)
	assert.Equal(t, exitGaps, code, errOut)
	assert.Equal(t, string(want), out)

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	code, out, errOut = runMain(t, data, "-now", now, "-")
	assert.Equal(t, exitGaps, code, errOut)
	assert.Equal(t, string(want), out)
}

func TestJSONOutput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "soa-a11.json")
	code, out, errOut := runMain(t, nil, "-json", "-o", path, "-now", now, "-author", "Migration bot")
	require.Equal(t, exitGaps, code, errOut)
	assert.Empty(t, out, "-o writes to the file")
	assert.Empty(t, errOut)

	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	s, err := soa.Decode(f, nil)
	require.NoError(t, err)
	findings, err := soa.Validate(s, requirement.Default(), nil)
	require.NoError(t, err, "the migrated statement is well formed")
	assert.NotEmpty(t, findings)

	assert.Equal(t, requirement.EditionA11, s.Edition)
	assert.Equal(t, "2026-11-20", s.Issued.String(), "-now sets the issue date")
	assert.Equal(t, "Migration bot", s.Author)
	assert.Empty(t, s.Approver, "migration clears the approval")
	assert.Len(t, s.Entries, requirement.Default().Len())

	byID := map[requirement.ID]soa.Entry{}
	for _, e := range s.Entries {
		byID[e.Requirement] = e
	}
	srm2 := byID["SRM-2"]
	assert.Equal(t, soa.Origin{Edition: requirement.Edition2018, Requirement: "SR-1"}, srm2.Origin)
	assert.True(t, srm2.HasFlag(soa.FlagReKeyed))
	sm15 := byID["SM-15"]
	assert.True(t, sm15.HasFlag(soa.FlagNewRequirement))
	assert.Equal(t, soa.StatusPlanned, sm15.Status)

	// The migrated statement is not a 2018 statement: feeding it back is bad input.
	code, _, errOut = runMain(t, nil, "-now", now, path)
	assert.Equal(t, exitBadInput, code)
	assert.Contains(t, errOut, "#/edition: the statement is of edition A11")
}

func TestBadInput(t *testing.T) {
	t.Run("every problem located", func(t *testing.T) {
		code, out, errOut := runMain(t, nil, filepath.Join("testdata", "bad-2018.soa.json"))
		assert.Equal(t, exitBadInput, code)
		assert.Empty(t, out)
		lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
		require.Len(t, lines, 3, "a count line, then one line per problem: %s", errOut)
		assert.Equal(t, "migrate2018: testdata/bad-2018.soa.json: 2 problem(s):", lines[0])
		for _, want := range []string{
			"bad-2018.soa.json#/entries/5/requirement: ",  // an A11 ID in a 2018 statement
			"bad-2018.soa.json#/entries/47/requirement: ", // SM-3 twice
		} {
			assert.Contains(t, errOut, want)
		}
		// What is only incomplete (a title not the catalog's, a
		// justification "n/a", no entry for SM-6) is no input problem.
		assert.NotContains(t, errOut, "#/entries/1/title")
		assert.NotContains(t, errOut, "#/entries/9/justification")
	})
	t.Run("incomplete but readable", func(t *testing.T) {
		// Without its two unreadable entries the statement migrates; its
		// gaps are findings of the migrated statement.
		data, err := os.ReadFile(filepath.Join("testdata", "bad-2018.soa.json"))
		require.NoError(t, err)
		s, err := soa.Decode(bytes.NewReader(data), nil)
		require.NoError(t, err)
		s.Entries = append(s.Entries[:47:47], s.Entries[48:]...)
		s.Entries = append(s.Entries[:5:5], s.Entries[6:]...)
		var in bytes.Buffer
		require.NoError(t, soa.Encode(&in, s))
		code, out, errOut := runMain(t, in.Bytes(), "-now", now, "-")
		assert.Equal(t, exitGaps, code, errOut)
		assert.Empty(t, errOut)
		assert.Contains(t, out, "| SM-10 | high | `soa.justification-missing` | `/entries/9/justification` |")
		assert.Contains(t, out, "| SM-6 | File integrity | The older statement has no entry for 2018 SM-6: assess A11 SM-6 and record the decision. |")
	})
	t.Run("malformed JSON on stdin", func(t *testing.T) {
		code, out, errOut := runMain(t, []byte(`{"schema_version": "1", "edition": "2018", "edition": "A11"`), "-")
		assert.Equal(t, exitBadInput, code)
		assert.Empty(t, out)
		assert.Contains(t, errOut, "migrate2018: stdin: ")
		assert.Contains(t, errOut, "stdin#/edition: ")
	})
	for _, args := range [][]string{
		{"-now", "yesterday"},
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
}

func TestOutputFileNotWrittenOnBadInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.md")
	code, _, _ := runMain(t, nil, "-o", path, filepath.Join("testdata", "bad-2018.soa.json"))
	assert.Equal(t, exitBadInput, code)
	assert.NoFileExists(t, path)
}

func TestMarkdownEscaping(t *testing.T) {
	assert.Equal(t, `a \| b \*c\* &lt;x&gt; d`, md("a | b *c* <x>\nd"))
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
	assert.Contains(t, errOut, "usage: migrate2018 ")
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
