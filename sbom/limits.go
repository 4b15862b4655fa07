package sbom

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
)

// Default decode limits. SBOMs of real products reach 10^5 components and
// about 200 MB of JSON, so the byte limit is generous; raise it in [Limits]
// for bigger documents.
const (
	// DefaultMaxBytes is the largest document read: 512 MiB.
	DefaultMaxBytes = 512 << 20
	// DefaultMaxDepth is the deepest nesting of JSON objects and arrays.
	DefaultMaxDepth = 128
)

// Limits bounds what the readers of this package accept. The zero value
// means the defaults.
type Limits struct {
	// MaxBytes is the largest document accepted, in bytes. Zero means
	// DefaultMaxBytes.
	MaxBytes int64
	// MaxDepth is the deepest nesting of JSON objects and arrays (JSON
	// input only; XML nesting is bounded by encoding/xml's own limit of
	// 10,000). Zero means DefaultMaxDepth.
	MaxDepth int
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	return l
}

// limitError is returned by limitReader; it carries the located error.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// limitReader enforces Limits while the data streams through it, so that no
// second pass (and no second copy) over the document is needed. For JSON it
// tracks nesting depth outside strings.
type limitReader struct {
	r        io.Reader
	lim      Limits
	json     bool
	n        int64
	depth    int
	inString bool
	escape   bool
	err      error
}

func newLimitReader(r io.Reader, lim Limits, json bool) *limitReader {
	return &limitReader{r: r, lim: lim.withDefaults(), json: json}
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.lim.MaxBytes {
		l.err = &limitError{fmt.Sprintf("document is larger than the limit of %d bytes (raise Limits.MaxBytes)", l.lim.MaxBytes)}
		return 0, l.err
	}
	if l.json {
		if msg := l.scan(p[:n]); msg != "" {
			l.err = &limitError{msg}
			return 0, l.err
		}
	}
	return n, err
}

// structural classifies the bytes that matter outside JSON strings.
var structural = [256]uint8{'"': 1, '{': 2, '[': 2, '}': 3, ']': 3}

// scan tracks string state and nesting depth over one chunk. Inside strings
// it jumps from quote to quote with bytes.IndexByte (most of an SBOM's bytes
// are in strings); escapes are rare and handled one by one.
func (l *limitReader) scan(p []byte) string {
	i := 0
	for i < len(p) {
		if l.inString {
			if l.escape {
				l.escape = false
				i++
				continue
			}
			rest := p[i:]
			q := bytes.IndexByte(rest, '"')
			end := len(rest)
			if q >= 0 {
				end = q
			}
			if bs := bytes.IndexByte(rest[:end], '\\'); bs >= 0 {
				i += bs + 1
				l.escape = true
				continue
			}
			if q < 0 {
				return ""
			}
			i += q + 1
			l.inString = false
			continue
		}
		for ; i < len(p); i++ {
			switch structural[p[i]] {
			case 0:
				continue
			case 1:
				l.inString = true
			case 2:
				l.depth++
				if l.depth > l.lim.MaxDepth {
					return fmt.Sprintf("nesting deeper than %d levels (raise Limits.MaxDepth)", l.lim.MaxDepth)
				}
			case 3:
				l.depth--
			}
			if l.inString {
				i++
				break
			}
		}
	}
	return ""
}

// readAllSized reads lr to the end. When the underlying reader r tells its
// remaining length (bytes.Reader, strings.Reader, bytes.Buffer) or is a
// file with a size, the buffer is allocated once at that size.
func readAllSized(lr io.Reader, r io.Reader, maxBytes int64) ([]byte, error) {
	size := int64(-1)
	switch x := r.(type) {
	case interface{ Len() int }:
		size = int64(x.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := x.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
			if s, ok := r.(io.Seeker); ok {
				if off, err := s.Seek(0, io.SeekCurrent); err == nil {
					size -= off
				}
			}
		}
	}
	if size < 0 || size > maxBytes {
		return io.ReadAll(lr)
	}
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the size was wrong: grow
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// readError turns a decoder error into a located error list.
// checkUTF8 rejects JSON input that is not valid UTF-8 (RFC 8259 section
// 8.1): encoding/json would silently replace the bad bytes with U+FFFD, so
// that an SBOM's names, versions and hashes could differ from its bytes.
func checkUTF8(format string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	off := 0
	for off < len(data) {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	var errs located.Errors
	errs.Add("", problem.ErrSyntax, "sbom: %s: invalid UTF-8 at byte offset %d (JSON documents must be UTF-8)", format, off)
	return errs.Err()
}

func readError(format string, err error) error {
	var errs located.Errors
	var le *limitError
	if errors.As(err, &le) {
		errs.Add("", problem.ErrLimit, "sbom: %s: %s", format, le.msg)
		return errs.Err()
	}
	errs.Add("", problem.ErrSyntax, "sbom: %s: %v", format, err)
	return errs.Err()
}
