// Package cli is the command-line plumbing the example programs share, so
// that each main.go shows the SDK calls and not four copies of the same
// input, output and error handling: parsing flags and the assessment date,
// opening the input (a regular file, a dossier directory, or standard input)
// within a size limit, writing the output only once it is complete, and
// printing located problems one per line.
//
// Inputs are bounded before they are read: a file is stat-ed first, and a
// directory, FIFO, device or socket is refused (a FIFO would block the
// program, /dev/zero would exhaust its memory); a regular file over the
// limit is refused by its size; standard input is read through a limit, and
// refused when it is a device.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// The exit statuses the programs share.
const (
	// ExitOK: the input passes (no gap, or the verdict holds).
	ExitOK = 0
	// ExitGaps: the input was read and gaps remain.
	ExitGaps = 1
	// ExitBadInput: bad input or usage.
	ExitBadInput = 2
)

// Stdin is the name an argument gives standard input.
const Stdin = "-"

// Program is one run of a command: its name (prefix of every message) and
// where its diagnostics go.
type Program struct {
	// Name prefixes every message, such as "sbomcheck".
	Name string
	// Stderr receives usage, errors and problems.
	Stderr io.Writer
}

// FlagSet returns a flag set that reports to p.Stderr and prints usage (a
// line such as "usage: sbomcheck [-json] [bom.json]") before the flags.
func (p Program) FlagSet(usage string) *flag.FlagSet {
	fl := flag.NewFlagSet(p.Name, flag.ContinueOnError)
	fl.SetOutput(p.Stderr)
	fl.Usage = func() {
		fmt.Fprintln(p.Stderr, "usage:", usage)
		fl.PrintDefaults()
	}
	return fl
}

// Parse parses args with fl. It returns ok false and the exit status when the
// program should stop: ExitOK after -h (the usage was asked for), and
// ExitBadInput after a bad flag or more than maxArgs arguments.
func (p Program) Parse(fl *flag.FlagSet, args []string, maxArgs int) (exit int, ok bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitBadInput, false
	}
	if fl.NArg() > maxArgs {
		fl.Usage()
		return ExitBadInput, false
	}
	return 0, true
}

// Errorf prints one message line, prefixed with the program's name, and
// returns ExitBadInput.
func (p Program) Errorf(format string, args ...any) int {
	fmt.Fprintf(p.Stderr, "%s: %s\n", p.Name, OneLine(fmt.Sprintf(format, args...)))
	return ExitBadInput
}

// Fail prints err and returns ExitBadInput: each located problem of a
// problem.List on its own line as "  source#pointer: message", after a line
// "name: name: N problem(s):"; any other error on one line. A problem's
// source is name unless the problem names its own file (a part of a
// dossier). Messages are kept on one line, without control characters, and
// cut at MaxMessageLen bytes.
func (p Program) Fail(name string, err error) int {
	var list problem.List
	if !errors.As(err, &list) {
		return p.Errorf("%s: %v", name, err)
	}
	fmt.Fprintf(p.Stderr, "%s: %s: %d problem(s):\n", p.Name, OneLine(name), len(list))
	for _, e := range list {
		src := e.Source
		if src == "" {
			src = name
		}
		fmt.Fprintf(p.Stderr, "  %s#%s: %s\n", OneLine(src), Pointer(e.Pointer), OneLine(e.Message))
	}
	return ExitBadInput
}

// ParseNow parses the value of a -now flag (RFC 3339); "" gives def.
func ParseNow(value string, def time.Time) (time.Time, error) {
	if value == "" {
		return def, nil
	}
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return time.Time{}, fmt.Errorf("-now %q: want RFC 3339, such as 2026-11-20T12:00:00Z", value)
	}
	return t, nil
}

// ErrNotRegular is wrapped when an input names a directory, FIFO, device or
// socket instead of a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ReadInput returns the name and content of the input arg: standard input
// for "-", otherwise the file at path arg. It reads at most limit bytes: a
// regular file larger than that is refused by its size before it is read,
// standard input as soon as it passes the limit (errors wrapping
// problem.ErrLimit); a path that names no regular file, or a standard input
// that is a device, is refused before it is read (ErrNotRegular).
func ReadInput(arg string, stdin io.Reader, limit int64) (string, []byte, error) {
	r, name, size, err := open(arg, stdin, limit)
	if err != nil {
		return name, nil, err
	}
	defer r.Close()
	buf := make([]byte, 0, int(min(size+1, limit+1, 64<<20)))
	data, err := readAll(r, buf, limit)
	if err != nil {
		return name, nil, fmt.Errorf("%s: %w", name, err)
	}
	return name, data, nil
}

// OpenInput is ReadInput for a program that streams its input to a decoder:
// the reader fails with an error wrapping problem.ErrLimit once it has
// given limit bytes and there are more. The caller closes it.
func OpenInput(arg string, stdin io.Reader, limit int64) (string, io.ReadCloser, error) {
	r, name, _, err := open(arg, stdin, limit)
	if err != nil {
		return name, nil, err
	}
	return name, &limitedReader{r: r, left: limit, limit: limit, name: name}, nil
}

// open checks and opens an input; size is the file's size (0 for stdin).
func open(arg string, stdin io.Reader, limit int64) (io.ReadCloser, string, int64, error) {
	if limit <= 0 {
		return nil, arg, 0, fmt.Errorf("%s: no size limit: %w", arg, problem.ErrInvalidValue)
	}
	if arg == Stdin {
		if stdin == nil {
			return nil, "stdin", 0, fmt.Errorf("stdin: %w", problem.ErrNilInput)
		}
		if f, ok := stdin.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&(fs.ModeDevice|fs.ModeCharDevice) != 0 {
				return nil, "stdin", 0, fmt.Errorf("stdin is a device (%s): %w (pipe or redirect a file into it)", fi.Mode(), ErrNotRegular)
			}
		}
		return io.NopCloser(stdin), "stdin", 0, nil
	}
	fi, err := os.Stat(arg)
	if err != nil {
		return nil, arg, 0, err
	}
	if err := checkRegular(arg, fi, limit); err != nil {
		return nil, arg, 0, err
	}
	f, err := os.Open(arg)
	if err != nil {
		return nil, arg, 0, err
	}
	// The path may have been replaced between the two calls: check the
	// file that was opened.
	fi2, err := f.Stat()
	if err == nil && !os.SameFile(fi, fi2) {
		err = checkRegular(arg, fi2, limit)
	}
	if err != nil {
		_ = f.Close() // the open error is the one to report
		return nil, arg, 0, err
	}
	return f, arg, fi2.Size(), nil
}

// checkRegular refuses a file that is not regular or is over the limit.
func checkRegular(name string, fi fs.FileInfo, limit int64) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: %w (%s)", name, ErrNotRegular, fileKind(fi.Mode()))
	}
	if fi.Size() > limit {
		return fmt.Errorf("%s: %d bytes, larger than the limit of %d bytes: %w", name, fi.Size(), limit, problem.ErrLimit)
	}
	return nil
}

// fileKind names the kind of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	}
	return "a special file"
}

// readAll reads r into buf until EOF, failing once more than limit bytes
// come.
func readAll(r io.Reader, buf []byte, limit int64) ([]byte, error) {
	lr := &limitedReader{r: r, left: limit, limit: limit}
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(max(cap(buf), 512), int(limit+1)-len(buf)))
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// limitedReader passes at most limit bytes and then fails with an error
// wrapping problem.ErrLimit if the input goes on.
type limitedReader struct {
	r     io.Reader
	left  int64
	limit int64
	name  string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more tells whether the input ends at the limit.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("input larger than the limit of %d bytes: %w", l.limit, problem.ErrLimit)
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

func (l *limitedReader) Close() error {
	if c, ok := l.r.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// OpenDir opens the directory of the file at path as an fs.FS through
// os.Root, so that no path or symlink a document names leads out of that
// directory, and returns it with the file's name in it. The caller calls
// close when done.
func OpenDir(path string) (fsys fs.FS, name string, close func(), err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, "", nil, err
	}
	root, err := os.OpenRoot(filepath.Dir(abs))
	if err != nil {
		return nil, "", nil, err
	}
	// Read-only: nothing to flush, so the close error tells nothing.
	return root.FS(), filepath.Base(abs), func() { _ = root.Close() }, nil
}

// WriteOutput writes b to the file path, or to stdout when path is "".
// Callers build the whole output first, so that a failed run leaves no
// half-written file.
func WriteOutput(path string, stdout io.Writer, b []byte) error {
	if path == "" {
		_, err := stdout.Write(b)
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// MaxMessageLen bounds one message line that OneLine returns, in bytes.
const MaxMessageLen = 1024

// OneLine keeps text from the input on one line of the output: line breaks
// become spaces, other control characters U+FFFD, and text longer than
// MaxMessageLen bytes is cut, saying how much was cut.
func OneLine(s string) string {
	var b strings.Builder
	for i, r := range s {
		if b.Len() >= MaxMessageLen {
			fmt.Fprintf(&b, "… (%d more bytes)", len(s)-i)
			break
		}
		switch {
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// "\r\n" is one line break
		case r == '\r' || r == '\n':
			b.WriteByte(' ')
		case r < 0x20 && r != '\t', r == 0x7f, r >= 0x80 && r <= 0x9f:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Pointer shows the root pointer "" as "/".
func Pointer(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// SeverityCounts says how many findings of each severity fs has, most
// severe first, such as "2 high, 26 low"; "" for none.
func SeverityCounts(fs []requirement.Finding) string {
	counts := map[requirement.Severity]int{}
	for _, f := range fs {
		counts[f.Severity]++
	}
	var parts []string
	sev := requirement.Severities()
	slices.Reverse(sev)
	for _, s := range sev {
		if n := counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	return strings.Join(parts, ", ")
}
