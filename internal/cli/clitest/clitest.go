// Package clitest is the hostile-input test table the example programs share:
// every program that reads a file or standard input must refuse special
// files and oversized input before it reads them, quickly and without
// holding the input in memory.
package clitest

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Run runs a program: args, standard input; it returns the exit status and
// what it wrote to standard error.
type Run func(args []string, stdin io.Reader) (exit int, stderr string)

// zeros is an endless reader of zero bytes, like /dev/zero behind a pipe.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// HostileInputs feeds run the input classes that must never hang a program
// or exhaust its memory, each named as the program's one argument (or, when
// stdin is true, as standard input for "-"), and asserts exit status 2, a
// diagnostic, the time and the memory it took. limit is the program's input
// limit in bytes.
func HostileInputs(t *testing.T, run Run, limit int64, stdin bool) {
	t.Helper()
	dir := t.TempDir()
	sparse := filepath.Join(dir, "huge.json")
	f, err := os.Create(sparse)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(limit+1)) // sparse: no disk space, no data
	require.NoError(t, f.Close())

	type tc struct {
		name   string
		args   []string
		stdin  io.Reader
		say    string // in the diagnostic
		maxMem uint64 // bytes allocated while running
	}
	cases := []tc{
		{"a directory", []string{dir}, nil, "not a regular file", 1 << 20},
		{"a file over the limit, refused by its size", []string{sparse}, nil, "larger than the limit", 1 << 20},
	}
	if stdin {
		cases = append(cases, tc{"endless standard input", []string{"-"}, zeros{}, "", uint64(3*limit) + 64<<20})
	}
	if runtime.GOOS != "windows" {
		fifo := filepath.Join(dir, "fifo.json")
		require.NoError(t, syscall.Mkfifo(fifo, 0o600))
		cases = append(cases,
			tc{"a FIFO", []string{fifo}, nil, "not a regular file", 1 << 20},
			tc{"/dev/zero", []string{"/dev/zero"}, nil, "not a regular file", 1 << 20})
		if devZero, err := os.Open("/dev/zero"); stdin && err == nil {
			t.Cleanup(func() { _ = devZero.Close() })
			cases = append(cases, tc{"/dev/zero as standard input", []string{"-"}, devZero, "device", 1 << 20})
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var code int
			var stderr string
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			done := make(chan struct{})
			go func() {
				defer close(done)
				code, stderr = run(c.args, c.stdin)
			}()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("the program hangs on this input")
			}
			runtime.ReadMemStats(&after)
			assert.Equal(t, 2, code, "bad input: %s", stderr)
			assert.NotEmpty(t, stderr)
			if c.say != "" {
				assert.Contains(t, stderr, c.say)
			}
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, c.maxMem, "memory allocated")
		})
	}
}
