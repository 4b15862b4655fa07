package sbom

import (
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Default limits of the SBOM readers, used for each zero field of
// DecodeOptions.Limits (requirement.Limits). They are larger than those of
// the SDK's other decoders: SBOMs of real products reach 10^5 components
// and about 200 MB of JSON.
const (
	// DefaultMaxBytes is the largest document read: 512 MiB.
	DefaultMaxBytes = 512 << 20
	// DefaultMaxDepth is the deepest nesting of JSON objects and arrays, or
	// of XML elements.
	DefaultMaxDepth = 128
	// DefaultMaxStringLen is the longest JSON string (key or value) or XML
	// text in bytes: 64 MiB, room for embedded licence texts and
	// attachments.
	DefaultMaxStringLen = 64 << 20
	// DefaultMaxEntries is the most members of one JSON object or elements
	// of one array (or children of one XML element): 1,048,576, ten times
	// the components of the largest SBOMs seen.
	DefaultMaxEntries = 1 << 20
	// DefaultMaxProblems is the most located problems one error lists.
	DefaultMaxProblems = located.DefaultMaxProblems
)

// cancelEvery is how many entries (components, dependencies, records) a
// loop handles between two looks at its context.
const cancelEvery = 1024

// docLimits converts the limits for package docjson (OSV, CSAF).
func docLimits(l requirement.Limits) docjson.Limits {
	return docjson.Limits{MaxBytes: l.MaxBytes, MaxDepth: l.MaxDepth, MaxStringLen: l.MaxStringLen, MaxEntries: l.MaxEntries}
}

// withDefaults returns l with every zero (or negative) field replaced by the
// SBOM default.
func withDefaults(l requirement.Limits) requirement.Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxStringLen <= 0 {
		l.MaxStringLen = DefaultMaxStringLen
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxProblems <= 0 {
		l.MaxProblems = DefaultMaxProblems
	}
	return l
}

// limitError is a problem the limitReader found: a limit passed or, for
// JSON, a syntax error or duplicate key. It is located.
type limitError struct{ p problem.Error }

func (e *limitError) Error() string { return e.p.Message }

// utf8BOM is the byte-order mark some editors write at the start of a UTF-8
// file. The SBOM readers strip it (the SDK's one BOM policy: a leading BOM
// is accepted and ignored).
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// limitReader enforces the limits while the data streams through it, so
// that no second pass (and no second copy) over the document is needed:
//   - the size, by stat before the first read when the reader can say
//     (sizeHint) and by counting; it never reads more than MaxBytes+1
//     bytes from r;
//   - for JSON (scanner not nil), the whole syntax of RFC 8259 (with
//     UTF-8), nesting depth, entries per container, string length and
//     duplicate object keys, each problem located by JSON pointer, line
//     and byte offset, before any byte reaches the decoder.
//
// A leading UTF-8 byte-order mark is removed.
type limitReader struct {
	r       io.Reader
	lim     requirement.Limits
	format  string // "CycloneDX JSON", for messages
	n       int64  // bytes read from r, a BOM included
	hint    int64  // size announced by r; -1 when unknown
	started bool
	pending []byte // bytes read while looking for a BOM, not yet delivered
	sc      *jsonScanner
	err     error
}

// newLimitReader returns a limitReader over r. json selects the JSON
// checks; format names the document in messages ("CycloneDX JSON").
func newLimitReader(r io.Reader, lim requirement.Limits, json bool) *limitReader {
	lr := &limitReader{r: r, lim: withDefaults(lim), hint: sizeHint(r), format: "XML document"}
	if json {
		lr.format = "JSON document"
		lr.sc = newJSONScanner(lr.lim)
	}
	return lr
}

// named sets the name of the document in messages.
func (l *limitReader) named(format string) *limitReader {
	l.format = format
	return l
}

// sizeHint returns how many bytes r has left when it can say: a
// bytes.Reader, strings.Reader or bytes.Buffer (Len), a regular file or
// fs.File (Stat, less the current offset when it can seek), or anything
// with a Size method; -1 otherwise.
func sizeHint(r io.Reader) int64 {
	var size int64
	switch x := r.(type) {
	case interface{ Len() int }:
		return int64(x.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		fi, err := x.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		size = fi.Size()
	case interface{ Size() int64 }:
		size = x.Size()
	default:
		return -1
	}
	if s, ok := r.(io.Seeker); ok {
		if off, err := s.Seek(0, io.SeekCurrent); err == nil {
			size -= off
		}
	}
	if size < 0 {
		return -1
	}
	return size
}

func (l *limitReader) fail(p problem.Error) error {
	l.err = &limitError{p}
	return l.err
}

func (l *limitReader) tooLarge() error {
	return l.fail(problem.Error{Offset: l.lim.MaxBytes, Err: problem.ErrLimit,
		Message: fmt.Sprintf("%s: document is larger than the limit of %d bytes (raise Limits.MaxBytes)", l.format, l.lim.MaxBytes)})
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if !l.started {
		l.started = true
		if l.hint > l.lim.MaxBytes {
			return 0, l.fail(problem.Error{Err: problem.ErrLimit,
				Message: fmt.Sprintf("%s: document is %d bytes, larger than the limit of %d bytes (raise Limits.MaxBytes)", l.format, l.hint, l.lim.MaxBytes)})
		}
		if err := l.stripBOM(); err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
	}
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	var err error
	if len(l.pending) > 0 {
		n = copy(p, l.pending)
		l.pending = l.pending[n:]
	} else {
		// Never read more than one byte past the limit.
		if rest := l.lim.MaxBytes - l.n + 1; int64(len(p)) > rest {
			p = p[:rest]
		}
		n, err = l.r.Read(p)
		l.n += int64(n)
		if l.n > l.lim.MaxBytes {
			return 0, l.tooLarge()
		}
	}
	if l.sc != nil {
		if serr := l.sc.feed(p[:n]); serr != nil {
			return 0, l.fail(l.located(*serr))
		}
		if err == io.EOF {
			if serr := l.sc.end(); serr != nil {
				return 0, l.fail(l.located(*serr))
			}
		}
	}
	if err != nil && err != io.EOF {
		return n, l.fail(problem.Error{Offset: l.n, Err: problem.ErrInvalidDocument, Message: fmt.Sprintf("%s: read: %v", l.format, err)})
	}
	return n, err
}

// located prefixes a scanner problem's message with the document's name.
func (l *limitReader) located(p problem.Error) problem.Error {
	p.Message = l.format + ": " + p.Message
	return p
}

// stripBOM reads the first bytes and drops a UTF-8 byte-order mark; the
// other bytes read are delivered first.
func (l *limitReader) stripBOM() error {
	var head [3]byte
	n, err := io.ReadFull(l.r, head[:])
	l.n += int64(n)
	if n == 3 && head == [3]byte(utf8BOM) {
		return nil // offsets and lines count in the document after it
	}
	l.pending = append([]byte(nil), head[:n]...)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	if err == io.EOF {
		if l.sc != nil {
			// The whole document is in pending: feed and end it at once.
			if serr := l.sc.feed(l.pending); serr != nil {
				return l.fail(l.located(*serr))
			}
			if serr := l.sc.end(); serr != nil {
				return l.fail(l.located(*serr))
			}
			l.sc = nil // checked
		}
		return nil
	}
	if err != nil {
		return l.fail(problem.Error{Err: problem.ErrInvalidDocument, Message: fmt.Sprintf("%s: read: %v", l.format, err)})
	}
	return nil
}

// readAll reads lr to the end into one buffer. When the reader tells its
// length, the buffer is allocated once at that size; otherwise it grows, but
// never beyond MaxBytes+1 bytes.
func (l *limitReader) readAll() ([]byte, error) {
	size := l.hint
	if size < 0 || size > l.lim.MaxBytes {
		size = min(512, l.lim.MaxBytes)
	}
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			c := min(2*cap(buf)+512, int(min(l.lim.MaxBytes+1, int64(^uint(0)>>1))))
			if c <= cap(buf) {
				c = cap(buf) + 1
			}
			nb := make([]byte, len(buf), c)
			copy(nb, buf)
			buf = nb
		}
		n, err := l.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// readError turns a decoder error into a located error list: the
// limitReader's own problem when it found one, else a syntax error.
func readError(format string, err error) error {
	var errs located.Errors
	var le *limitError
	if errors.As(err, &le) {
		p := le.p
		errs = append(errs, &p)
		return errs.Err()
	}
	var se *json.SyntaxError
	var xe *xml.SyntaxError
	switch {
	case errors.As(err, &se):
		errs = append(errs, &problem.Error{Offset: se.Offset, Err: problem.ErrSyntax, Message: fmt.Sprintf("%s: %v", format, err)})
	case errors.As(err, &xe):
		errs = append(errs, &problem.Error{Line: xe.Line, Err: problem.ErrSyntax, Message: fmt.Sprintf("%s: %s", format, xe.Msg)})
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		errs.Add("", problem.ErrSyntax, "%s: unexpected end of the document", format)
	default:
		errs.Add("", problem.ErrSyntax, "%s: %v", format, err)
	}
	return errs.Err()
}

// checkUTF8 rejects JSON input that is not valid UTF-8 (RFC 8259 section
// 8.1): encoding/json would silently replace the bad bytes with U+FFFD, so
// that an SBOM's names, versions and hashes could differ from its bytes.
// Input read through a JSON limitReader is already checked.
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
	errs = append(errs, &problem.Error{Offset: int64(off), Err: problem.ErrSyntax,
		Message: fmt.Sprintf("%s: invalid UTF-8 at byte offset %d (JSON documents must be UTF-8)", format, off)})
	return errs.Err()
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
		}
	}
	return line
}

// ---- JSON: a streaming checker ------------------------------------------

// scanState is what the JSON checker expects next outside a string.
type scanState uint8

const (
	sValue        scanState = iota // a value (document start, after ':' or ',' in an array)
	sValueOrClose                  // a value or ']' (after '[')
	sKeyOrClose                    // a key or '}' (after '{')
	sKey                           // a key (after ',' in an object)
	sColon                         // ':' after a key
	sAfterValue                    // ',' or the closing bracket (or the end at the top)
	sLiteral                       // inside true, false or null
	sNumber                        // inside a number
	sEnd                           // after the document's value: only white space
)

// Number states (RFC 8259 section 6).
const (
	nMinus  = iota // after '-'
	nZero          // after a leading 0
	nInt           // in the integer part
	nDot           // after '.'
	nFrac          // in the fraction
	nE             // after 'e'
	nESign         // after the exponent's sign
	nExp           // in the exponent
	nDone          // not a number state: the number ended
	nFailed        // not a number state: a character the number cannot have
)

// smallObject is the number of keys up to which duplicate detection scans
// the keys read so far; larger objects use a set.
const smallObject = 16

// frame is one open object or array.
type frame struct {
	object bool
	n      int    // members or elements so far
	key    []byte // the current member's key (objects)
	folded []byte // the folded keys so far, back to back (small objects)
	ends   []int  // end offset of each key in folded
	// seen has bit (hash of a folded key) % 64 set for every key so far
	// (small objects): a key whose bit is clear is new without a search.
	seen uint64
	set  map[string]struct{}
}

// jsonScanner checks JSON as it streams past, chunk by chunk, keeping only
// the open containers (with their keys, for duplicate detection). It does
// what encoding/json's scanner does (so that the decoder never sees bad
// syntax) and the limits and duplicate checks it does not.
type jsonScanner struct {
	lim     requirement.Limits
	off     int64 // offset in the input of the next byte
	line    int
	state   scanState
	stack   []frame
	depth   int // open containers (len of the used part of stack)
	started bool

	inStr   bool
	isKey   bool
	strLen  int
	esc     uint8 // 0: none; 1: after '\'; 2..5: hex digits of \u to come (5 - esc + 1)
	carry   [4]byte
	ncarry  int
	keyRaw  []byte // the key being read, as written (escapes included)
	keyHasE bool

	lit    string
	litPos int
	num    int
}

func newJSONScanner(lim requirement.Limits) *jsonScanner {
	return &jsonScanner{lim: lim, line: 1}
}

// strClass classifies bytes inside a string: 0 plain, 1 '"', 2 '\',
// 3 control character, 4 the start (or part) of a multi-byte sequence.
var strClass = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		t[c] = 3
	}
	t['"'] = 1
	t['\\'] = 2
	for c := 0x80; c < 0x100; c++ {
		t[c] = 4
	}
	return t
}()

// plainRun returns the end of the run of plain string bytes (class 0 of
// strClass) that starts at p[i], eight bytes at a time while it can: a
// word has no '"', '\\', control character or byte from 0x80 when none of
// its bytes is below 0x20 or equal to 0x22 or 0x5c and no high bit is
// set.
func plainRun(p []byte, i int) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for i+8 <= len(p) {
		w := binary.LittleEndian.Uint64(p[i:])
		quote := w ^ (ones * '"')
		slash := w ^ (ones * '\\')
		special := (w - ones*0x20) | (quote-ones)&^quote | (slash-ones)&^slash | w
		if special&highs != 0 {
			break
		}
		i += 8
	}
	for i < len(p) && strClass[p[i]] == 0 {
		i++
	}
	return i
}

// pointer returns the JSON pointer of the value being read.
func (s *jsonScanner) pointer() string {
	var b []byte
	for i := 0; i < s.depth; i++ {
		f := &s.stack[i]
		top := i == s.depth-1
		if f.object {
			if top && (s.state == sKeyOrClose || s.state == sKey || (s.inStr && s.isKey)) {
				break // between members: the object itself
			}
			b = append(b, '/')
			b = appendEscaped(b, f.key)
			continue
		}
		idx := f.n - 1 // counted when it begins
		if idx < 0 {
			break
		}
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(idx), 10)
	}
	return string(b)
}

// appendEscaped appends a reference token escaped as RFC 6901 says.
func appendEscaped(b, tok []byte) []byte {
	for _, c := range tok {
		switch c {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, c)
		}
	}
	return b
}

// problemAt builds a located problem at the byte being read.
func (s *jsonScanner) problemAt(kind error, format string, args ...any) *problem.Error {
	return &problem.Error{Pointer: s.pointer(), Line: s.line, Offset: s.off, Err: kind, Message: fmt.Sprintf(format, args...)}
}

func (s *jsonScanner) syntax(format string, args ...any) *problem.Error {
	return s.problemAt(problem.ErrSyntax, format, args...)
}

// quoteChar shows a byte in a message.
func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	case c < 0x20 || c >= 0x7f:
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return "'" + string(rune(c)) + "'"
}

// feed checks the next chunk of the document.
func (s *jsonScanner) feed(p []byte) *problem.Error {
	i := 0
	for i < len(p) {
		if s.inStr {
			var perr *problem.Error
			if i, perr = s.str(p, i); perr != nil {
				return perr
			}
			continue
		}
		c := p[i]
		// The other states are handled by step, after white space.
		//exhaustive:ignore
		switch s.state {
		case sLiteral:
			if c != s.lit[s.litPos] {
				return s.syntax("invalid character %s in literal %s (want %q)", quoteChar(c), s.lit, s.lit)
			}
			s.litPos++
			s.off++
			i++
			if s.litPos == len(s.lit) {
				s.valueDone()
			}
			continue
		case sNumber:
			if s.num = numStep(s.num, c); s.num == nDone {
				s.valueDone()
				continue // c is read again after the number
			}
			if s.num == nFailed {
				return s.syntax("invalid character %s in a number", quoteChar(c))
			}
			s.off++
			i++
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			for i < len(p) && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r') {
				if p[i] == '\n' {
					s.line++
				}
				s.off++
				i++
			}
			continue
		}
		if perr := s.step(c); perr != nil {
			return perr
		}
		s.off++
		i++
	}
	return nil
}

// step handles one byte outside strings, literals and numbers (not white
// space).
func (s *jsonScanner) step(c byte) *problem.Error {
	s.started = true
	// Literals and numbers are read by feed, before step.
	//exhaustive:ignore
	switch s.state {
	case sValue, sValueOrClose:
		if c == ']' && s.state == sValueOrClose {
			s.pop()
			return nil
		}
		return s.beginValue(c)
	case sKeyOrClose, sKey:
		if c == '}' && s.state == sKeyOrClose {
			s.pop()
			return nil
		}
		if c != '"' {
			return s.syntax("invalid character %s where an object key (a string) is wanted", quoteChar(c))
		}
		s.inStr, s.isKey, s.strLen, s.keyHasE = true, true, 0, false
		s.keyRaw = s.keyRaw[:0]
		return nil
	case sColon:
		if c != ':' {
			return s.syntax("invalid character %s after an object key (want ':')", quoteChar(c))
		}
		s.state = sValue
		return nil
	case sAfterValue:
		f := &s.stack[s.depth-1]
		switch {
		case c == ',' && f.object:
			s.state = sKey
		case c == ',':
			s.state = sValue
		case c == '}' && f.object, c == ']' && !f.object:
			s.pop()
		case f.object:
			return s.syntax("invalid character %s after an object member (want ',' or '}')", quoteChar(c))
		default:
			return s.syntax("invalid character %s after an array element (want ',' or ']')", quoteChar(c))
		}
		return nil
	case sEnd:
		return s.syntax("invalid character %s after the end of the document", quoteChar(c))
	}
	return s.syntax("invalid character %s", quoteChar(c))
}

// beginValue starts the value whose first byte is c.
func (s *jsonScanner) beginValue(c byte) *problem.Error {
	if s.depth > 0 {
		if f := &s.stack[s.depth-1]; !f.object {
			f.n++
			if f.n > s.lim.MaxEntries {
				return s.problemAt(problem.ErrLimit, "more than %d elements in one array (raise Limits.MaxEntries)", s.lim.MaxEntries)
			}
		}
	}
	switch c {
	case '{', '[':
		if s.depth >= s.lim.MaxDepth {
			return s.problemAt(problem.ErrLimit, "nesting deeper than %d levels (raise Limits.MaxDepth)", s.lim.MaxDepth)
		}
		s.push(c == '{')
		if c == '{' {
			s.state = sKeyOrClose
		} else {
			s.state = sValueOrClose
		}
	case '"':
		s.inStr, s.isKey, s.strLen = true, false, 0
	case 't':
		s.state, s.lit, s.litPos = sLiteral, "true", 1
	case 'f':
		s.state, s.lit, s.litPos = sLiteral, "false", 1
	case 'n':
		s.state, s.lit, s.litPos = sLiteral, "null", 1
	case '-':
		s.state, s.num = sNumber, nMinus
	default:
		if c < '0' || c > '9' {
			return s.syntax("invalid character %s where a value is wanted", quoteChar(c))
		}
		s.state, s.num = sNumber, nInt
		if c == '0' {
			s.num = nZero
		}
	}
	return nil
}

// numStep returns the number state after c: nDone when c ends the number
// (and is not part of it), nFailed when c cannot follow.
func numStep(st int, c byte) int {
	digit := c >= '0' && c <= '9'
	switch st {
	case nMinus:
		switch {
		case c == '0':
			return nZero
		case digit:
			return nInt
		}
		return nFailed
	case nZero, nInt:
		switch {
		case digit && st == nInt:
			return nInt
		case c == '.':
			return nDot
		case c == 'e' || c == 'E':
			return nE
		case digit:
			return nFailed
		}
		return nDone
	case nDot:
		if digit {
			return nFrac
		}
		return nFailed
	case nFrac:
		switch {
		case digit:
			return nFrac
		case c == 'e' || c == 'E':
			return nE
		}
		return nDone
	case nE:
		switch {
		case c == '+' || c == '-':
			return nESign
		case digit:
			return nExp
		}
		return nFailed
	case nESign:
		if digit {
			return nExp
		}
		return nFailed
	case nExp:
		if digit {
			return nExp
		}
		return nDone
	}
	return nFailed
}

// numComplete reports whether a number may end in state st.
func numComplete(st int) bool { return st == nZero || st == nInt || st == nFrac || st == nExp }

func (s *jsonScanner) push(object bool) {
	if s.depth == len(s.stack) {
		s.stack = append(s.stack, frame{})
	}
	f := &s.stack[s.depth]
	s.depth++
	f.object, f.n = object, 0
	f.key, f.folded, f.ends = f.key[:0], f.folded[:0], f.ends[:0]
	f.seen, f.set = 0, nil
}

func (s *jsonScanner) pop() {
	s.depth--
	s.stack[s.depth].set = nil
	s.valueDone()
}

// valueDone notes the end of a value.
func (s *jsonScanner) valueDone() {
	if s.depth == 0 {
		s.state = sEnd
		return
	}
	s.state = sAfterValue
}

// str reads string bytes from p[i:]; it returns where it stopped.
func (s *jsonScanner) str(p []byte, i int) (int, *problem.Error) {
	if s.ncarry > 0 {
		return s.finishRune(p, i)
	}
	for i < len(p) {
		if s.esc > 0 {
			c := p[i]
			if s.esc == 1 {
				switch c {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
					s.esc = 0
				case 'u':
					s.esc = 2
				default:
					return i, s.syntax("invalid escape \\%s in a string", string(rune(c)))
				}
			} else {
				if !hexDigit[c] {
					return i, s.syntax("invalid character %s in a \\u escape (want 4 hex digits)", quoteChar(c))
				}
				if s.esc++; s.esc == 6 {
					s.esc = 0
				}
			}
			if s.isKey {
				s.keyRaw = append(s.keyRaw, c)
			}
			if perr := s.grow(1); perr != nil {
				return i, perr
			}
			s.off++
			i++
			continue
		}
		j := plainRun(p, i)
		if j > i {
			if s.isKey {
				s.keyRaw = append(s.keyRaw, p[i:j]...)
			}
			if perr := s.grow(j - i); perr != nil {
				return i, perr
			}
			s.off += int64(j - i)
			i = j
			if i == len(p) {
				break
			}
		}
		switch strClass[p[i]] {
		case 1:
			s.inStr = false
			s.off++
			i++
			if s.isKey {
				return i, s.keyDone()
			}
			s.valueDone()
			return i, nil
		case 2:
			s.esc = 1
			s.keyHasE = s.keyHasE || s.isKey
			if s.isKey {
				s.keyRaw = append(s.keyRaw, '\\')
			}
			if perr := s.grow(1); perr != nil {
				return i, perr
			}
			s.off++
			i++
		case 3:
			return i, s.syntax("control character %s in a string (escape it)", quoteChar(p[i]))
		case 4:
			r, size := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && size <= 1 {
				if !utf8.FullRune(p[i:]) {
					// A sequence cut by the end of the chunk.
					s.ncarry = copy(s.carry[:], p[i:])
					return len(p), nil
				}
				return i, s.syntax("invalid UTF-8 in a string (JSON documents must be UTF-8)")
			}
			if s.isKey {
				s.keyRaw = append(s.keyRaw, p[i:i+size]...)
			}
			if perr := s.grow(size); perr != nil {
				return i, perr
			}
			s.off += int64(size)
			i += size
		}
	}
	return i, nil
}

// finishRune completes a multi-byte sequence cut by the end of the last
// chunk.
func (s *jsonScanner) finishRune(p []byte, i int) (int, *problem.Error) {
	var buf [4]byte
	n := copy(buf[:], s.carry[:s.ncarry])
	take := copy(buf[n:], p[i:])
	seq := buf[:n+take]
	if !utf8.FullRune(seq) {
		s.ncarry = copy(s.carry[:], seq)
		return len(p), nil
	}
	r, size := utf8.DecodeRune(seq)
	if r == utf8.RuneError && size <= 1 {
		return i, s.syntax("invalid UTF-8 in a string (JSON documents must be UTF-8)")
	}
	if s.isKey {
		s.keyRaw = append(s.keyRaw, seq[:size]...)
	}
	if perr := s.grow(size); perr != nil {
		return i, perr
	}
	used := size - s.ncarry
	s.ncarry = 0
	s.off += int64(size)
	return i + used, nil
}

// grow counts n more bytes of the current string.
func (s *jsonScanner) grow(n int) *problem.Error {
	s.strLen += n
	if s.strLen > s.lim.MaxStringLen {
		what := "string"
		if s.isKey {
			what = "key"
		}
		return s.problemAt(problem.ErrLimit, "%s longer than %d bytes (raise Limits.MaxStringLen)", what, s.lim.MaxStringLen)
	}
	return nil
}

// keyDone records the key just read in the open object: a key read before
// (the same, or the same as encoding/json folds names, so that the
// decoder would read both into one field) is a duplicate.
func (s *jsonScanner) keyDone() *problem.Error {
	f := &s.stack[s.depth-1]
	key := s.keyRaw
	if s.keyHasE {
		var k string
		quoted := make([]byte, 0, len(key)+2)
		quoted = append(append(append(quoted, '"'), key...), '"')
		if err := json.Unmarshal(quoted, &k); err != nil {
			return s.syntax("invalid key: %v", err)
		}
		key = []byte(k)
	}
	f.key = append(f.key[:0], key...)
	f.n++
	if f.n > s.lim.MaxEntries {
		return s.problemAt(problem.ErrLimit, "more than %d members in one object (raise Limits.MaxEntries)", s.lim.MaxEntries)
	}
	start := len(f.folded)
	f.folded = appendFolded(f.folded, key)
	folded := f.folded[start:]
	dup := -1
	if f.set == nil {
		bit := uint64(1) << (foldedHash(folded) & 63)
		if f.seen&bit != 0 {
			prev := 0
			for k, end := range f.ends {
				if string(f.folded[prev:end]) == string(folded) {
					dup = k
					break
				}
				prev = end
			}
		}
		f.seen |= bit
		f.ends = append(f.ends, len(f.folded))
		if dup < 0 && len(f.ends) > smallObject {
			f.set = make(map[string]struct{}, 2*smallObject)
			prev := 0
			for _, end := range f.ends {
				f.set[string(f.folded[prev:end])] = struct{}{}
				prev = end
			}
			f.folded, f.ends = f.folded[:0], f.ends[:0]
		}
	} else {
		if _, ok := f.set[string(folded)]; ok {
			dup = 0
		} else {
			f.set[string(folded)] = struct{}{}
		}
		f.folded = f.folded[:start]
	}
	s.state = sColon
	if dup >= 0 {
		p := s.problemAt(problem.ErrDuplicateKey, "") // at the member: its key is the current one
		p.Message = fmt.Sprintf("key %q appears more than once in this object (or twice in letters a decoder does not tell apart); keep one", clip(string(key)))
		return p
	}
	return nil
}

// foldedHash is a cheap hash (FNV-1a) of a folded key, for frame.seen.
func foldedHash(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// appendFolded appends key folded as encoding/json folds field names:
// ASCII letters upper case, other runes to the smallest rune of their fold
// set, so that keys encoding/json would match to one field fold equal.
func appendFolded(out, key []byte) []byte {
	for i := 0; i < len(key); {
		c := key[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(key[i:])
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}

// end checks that the document is complete.
func (s *jsonScanner) end() *problem.Error {
	switch {
	case s.inStr:
		return s.syntax("unexpected end of the document inside a string")
	case s.state == sNumber && s.depth == 0 && numComplete(s.num):
		s.state = sEnd
		return nil
	case !s.started && s.state != sNumber && s.state != sLiteral:
		return &problem.Error{Err: problem.ErrSyntax, Offset: s.off, Message: "empty document (no JSON value)"}
	case s.state != sEnd:
		return s.syntax("unexpected end of the document (an object, array or value is not complete)")
	}
	return nil
}

// ---- XML: bounded token stream -------------------------------------------

// xmlLimiter is an xml.TokenReader over a decoder's raw tokens that bounds
// nesting depth, children per element and text length while the tokens
// stream, so that elements the model does not know (which encoding/xml
// skips) cannot nest without bound. Its errors are located by line.
type xmlLimiter struct {
	d       *xml.Decoder
	lim     requirement.Limits
	format  string
	entries []int      // children so far, per open element
	names   []xml.Name // open elements, as written
	err     error
}

func newXMLLimiter(r io.Reader, lim requirement.Limits, format string) (*xml.Decoder, *xmlLimiter) {
	x := &xmlLimiter{d: xml.NewDecoder(r), lim: withDefaults(lim), format: format}
	return xml.NewTokenDecoder(x), x
}

// Token implements xml.TokenReader.
func (x *xmlLimiter) Token() (xml.Token, error) {
	if x.err != nil {
		return nil, x.err
	}
	t, err := x.d.RawToken()
	if errors.Is(err, io.EOF) && len(x.names) > 0 {
		return nil, x.syntax("unexpected end of the document: <%s> is not closed", x.names[len(x.names)-1].Local)
	}
	if err != nil {
		return t, err
	}
	switch t := t.(type) {
	case xml.StartElement:
		if n := len(x.entries); n > 0 {
			x.entries[n-1]++
			if x.entries[n-1] > x.lim.MaxEntries {
				return nil, x.fail("more than %d child elements in <%s> (raise Limits.MaxEntries)", x.lim.MaxEntries, t.Name.Local)
			}
		}
		if len(x.entries) >= x.lim.MaxDepth {
			return nil, x.fail("elements nested deeper than %d levels (raise Limits.MaxDepth)", x.lim.MaxDepth)
		}
		x.entries = append(x.entries, 0)
		x.names = append(x.names, t.Name)
	case xml.EndElement:
		n := len(x.names)
		switch {
		case n == 0:
			return nil, x.syntax("unexpected end element </%s>", t.Name.Local)
		case x.names[n-1] != t.Name:
			return nil, x.syntax("element <%s> closed by </%s>", x.names[n-1].Local, t.Name.Local)
		}
		x.entries, x.names = x.entries[:n-1], x.names[:n-1]
	case xml.CharData:
		if len(t) > x.lim.MaxStringLen {
			return nil, x.fail("text longer than %d bytes (raise Limits.MaxStringLen)", x.lim.MaxStringLen)
		}
	}
	return t, nil
}

func (x *xmlLimiter) fail(format string, args ...any) error {
	return x.problem(problem.ErrLimit, format, args...)
}

func (x *xmlLimiter) syntax(format string, args ...any) error {
	return x.problem(problem.ErrSyntax, format, args...)
}

func (x *xmlLimiter) problem(kind error, format string, args ...any) error {
	line, _ := x.d.InputPos()
	x.err = &limitError{problem.Error{Line: line, Offset: x.d.InputOffset(), Err: kind,
		Message: x.format + ": " + fmt.Sprintf(format, args...)}}
	return x.err
}
