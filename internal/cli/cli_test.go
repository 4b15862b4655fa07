package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	require.NoError(t, os.WriteFile(small, []byte(`{"a": 1}`), 0o644))

	name, data, err := ReadInput(small, nil, 100)
	require.NoError(t, err)
	assert.Equal(t, small, name)
	assert.Equal(t, `{"a": 1}`, string(data))

	_, data, err = ReadInput(small, nil, 8)
	require.NoError(t, err, "exactly at the limit")
	assert.Len(t, data, 8)

	_, _, err = ReadInput(small, nil, 7)
	require.ErrorIs(t, err, problem.ErrLimit, "over the limit, by its size")

	name, data, err = ReadInput(Stdin, strings.NewReader("from stdin"), 100)
	require.NoError(t, err)
	assert.Equal(t, "stdin", name)
	assert.Equal(t, "from stdin", string(data))

	_, _, err = ReadInput(Stdin, strings.NewReader("0123456789"), 10)
	require.NoError(t, err, "stdin exactly at the limit")
	_, _, err = ReadInput(Stdin, strings.NewReader("0123456789x"), 10)
	require.ErrorIs(t, err, problem.ErrLimit, "stdin over the limit")

	_, _, err = ReadInput(dir, nil, 100)
	require.ErrorIs(t, err, ErrNotRegular, "a directory")
	_, _, err = ReadInput(filepath.Join(dir, "missing"), nil, 100)
	require.ErrorIs(t, err, os.ErrNotExist)
	_, _, err = ReadInput(small, nil, 0)
	require.ErrorIs(t, err, problem.ErrInvalidValue, "a limit is required")
	_, _, err = ReadInput(Stdin, nil, 10)
	require.ErrorIs(t, err, problem.ErrNilInput)
}

// TestReadInputSparseFile: a 2 GB sparse file is refused by its size, before
// a byte of it is read (the old programs read it whole first).
func TestReadInputSparseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(2<<30))
	require.NoError(t, f.Close())

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, _, err = ReadInput(path, nil, 32<<20)
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, problem.ErrLimit)
	assert.Contains(t, err.Error(), "2147483648 bytes, larger than the limit of 33554432 bytes")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "nothing read")
	assert.Less(t, time.Since(start), 5*time.Second)

	_, r, err := OpenInput(path, nil, 32<<20)
	require.ErrorIs(t, err, problem.ErrLimit, "streaming too")
	assert.Nil(t, r)
}

// TestSpecialFiles: a FIFO (which blocks a reader until a writer comes) and
// a device (/dev/zero, which never ends) are refused before they are opened
// or read, by name and as standard input.
func TestSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or /dev/zero")
	}
	fifo := filepath.Join(t.TempDir(), "model.json")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))

	for _, tc := range []struct {
		name, arg string
		stdin     func(t *testing.T) io.Reader
	}{
		{"FIFO", fifo, nil},
		{"/dev/zero", "/dev/zero", nil},
		{"/dev/zero as stdin", Stdin, func(t *testing.T) io.Reader {
			f, err := os.Open("/dev/zero")
			require.NoError(t, err)
			t.Cleanup(func() { f.Close() })
			return f
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdin io.Reader
			if tc.stdin != nil {
				stdin = tc.stdin(t)
			}
			done := make(chan error, 1)
			go func() {
				_, _, err := ReadInput(tc.arg, stdin, 32<<20)
				done <- err
			}()
			select {
			case err := <-done:
				require.ErrorIs(t, err, ErrNotRegular)
			case <-time.After(10 * time.Second):
				t.Fatal("blocked on a special file")
			}
			_, r, err := OpenInput(tc.arg, stdin, 32<<20)
			require.ErrorIs(t, err, ErrNotRegular)
			assert.Nil(t, r)
		})
	}
}

// TestOpenInputStreams: the reader passes the input through and fails once it
// passes the limit.
func TestOpenInputStreams(t *testing.T) {
	_, r, err := OpenInput(Stdin, strings.NewReader(strings.Repeat("x", 100)), 100)
	require.NoError(t, err)
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Len(t, b, 100)
	require.NoError(t, r.Close())

	_, r, err = OpenInput(Stdin, strings.NewReader(strings.Repeat("x", 101)), 100)
	require.NoError(t, err)
	b, err = io.ReadAll(r)
	require.ErrorIs(t, err, problem.ErrLimit)
	assert.Len(t, b, 100, "the limit, never more")

	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, []byte("abc"), 0o644))
	name, r, err := OpenInput(path, nil, 3)
	require.NoError(t, err)
	assert.Equal(t, path, name)
	b, err = io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "abc", string(b))
	require.NoError(t, r.Close())
}

func TestOpenDir(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "dossier")
	require.NoError(t, os.Mkdir(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(base, "secret.json"), []byte("{}"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dossier.json"), []byte("{}"), 0o644))
	if err := os.Symlink(filepath.Join("..", "secret.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	fsys, name, closeDir, err := OpenDir(filepath.Join(dir, "dossier.json"))
	require.NoError(t, err)
	defer closeDir()
	assert.Equal(t, "dossier.json", name)
	_, err = fsys.Open("dossier.json")
	require.NoError(t, err)
	_, err = fsys.Open("link.json")
	require.Error(t, err, "a symlink out of the directory is refused")
	_, err = fsys.Open("../secret.json")
	require.Error(t, err)
}

func TestFail(t *testing.T) {
	var out bytes.Buffer
	p := Program{Name: "prog", Stderr: &out}
	list := problem.List{
		{Pointer: "/a", Message: "bad\nvalue \x00\x1b[31m", Err: problem.ErrSchema},
		{Source: "register.json", Pointer: "", Message: strings.Repeat("y", 5000), Err: problem.ErrSyntax},
	}
	assert.Equal(t, ExitBadInput, p.Fail("in.json", fmt.Errorf("wrapped: %w", list)))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 3, out.String())
	assert.Equal(t, "prog: in.json: 2 problem(s):", lines[0])
	assert.Equal(t, "  in.json#/a: bad value \uFFFD\uFFFD[31m", lines[1], "one line, no control characters")
	assert.True(t, strings.HasPrefix(lines[2], "  register.json#/: yyy"), "the problem's own source")
	assert.Less(t, len(lines[2]), MaxMessageLen+100, "cut")
	assert.Contains(t, lines[2], "more bytes)")

	out.Reset()
	assert.Equal(t, ExitBadInput, p.Fail("in.json", errors.New("plain\nerror")))
	assert.Equal(t, "prog: in.json: plain error\n", out.String())
}

func TestParse(t *testing.T) {
	var out bytes.Buffer
	p := Program{Name: "prog", Stderr: &out}
	for _, tc := range []struct {
		args []string
		exit int
		ok   bool
	}{
		{nil, 0, true},
		{[]string{"a"}, 0, true},
		{[]string{"a", "b"}, ExitBadInput, false},
		{[]string{"-h"}, ExitOK, false},
		{[]string{"-nope"}, ExitBadInput, false},
	} {
		out.Reset()
		fl := p.FlagSet("prog [file]")
		exit, ok := p.Parse(fl, tc.args, 1)
		assert.Equal(t, tc.exit, exit, "%v", tc.args)
		assert.Equal(t, tc.ok, ok, "%v", tc.args)
		if !tc.ok && tc.exit == ExitOK {
			assert.Contains(t, out.String(), "usage: prog [file]")
		}
	}
}

func TestParseNow(t *testing.T) {
	def := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	got, err := ParseNow("", def)
	require.NoError(t, err)
	assert.Equal(t, def, got)
	got, err = ParseNow("2026-11-20T12:00:00Z", def)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC), got)
	_, err = ParseNow("yesterday", def)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "RFC 3339")
}

func TestWriteOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, WriteOutput("", &out, []byte("x")))
	assert.Equal(t, "x", out.String())
	path := filepath.Join(t.TempDir(), "o")
	require.NoError(t, WriteOutput(path, &out, []byte("y")))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "y", string(b))
}

func TestSmallHelpers(t *testing.T) {
	assert.Equal(t, "/", Pointer(""))
	assert.Equal(t, "/a", Pointer("/a"))
	assert.Equal(t, "a b\tc \uFFFD \uFFFD", OneLine("a\r\nb\tc \x07 \u0085"), "C0 and C1 controls")
	assert.Equal(t, "plain ünïcode", OneLine("plain ünïcode"))
	fs := []requirement.Finding{{Severity: requirement.SeverityLow}, {Severity: requirement.SeverityHigh}, {Severity: requirement.SeverityLow}}
	assert.Equal(t, "1 high, 2 low", SeverityCounts(fs))
	assert.Empty(t, SeverityCounts(nil))
}
