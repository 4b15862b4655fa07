// Package docjson reads the SDK's JSON (and YAML) documents strictly: bounded
// size, depth, string length and container size; valid UTF-8; no duplicate
// object keys; a JSON Schema check; then decoding into Go types. Every problem
// is a located.Error with an RFC 6901 pointer (and, for syntax errors, the
// byte offset and line), and all of them are reported, not just the first,
// up to Limits.MaxProblems.
//
// One byte-order-mark policy serves every decoder of the SDK: a leading UTF-8
// byte-order mark (EF BB BF, as Windows editors write it) is removed by every
// entry point of this package (ReadAll, Parse, Check, DecodeBytes, Unmarshal,
// FromYAML) before anything else, so byte offsets and lines count in the
// document after it. Any other encoding is rejected as invalid UTF-8.
package docjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
)

// Default limits. Every public decoder documents these and lets callers change them.
const (
	DefaultMaxBytes     = 32 << 20 // 32 MiB
	DefaultMaxDepth     = 64
	DefaultMaxStringLen = 1 << 20 // 1 MiB
	DefaultMaxEntries   = 200_000
	DefaultMaxProblems  = located.DefaultMaxProblems
)

// Limits bounds what a decoder accepts and how many problems it reports. A
// zero field means its default. The fields are those of the public
// requirement.Limits (which this internal package may not import), so a
// public package converts with docjson.Limits(opts.Limits).
type Limits struct {
	// MaxBytes is the largest document accepted, in bytes. Zero means DefaultMaxBytes.
	MaxBytes int64
	// MaxDepth is the deepest nesting of objects and arrays. Zero means DefaultMaxDepth.
	MaxDepth int
	// MaxStringLen is the longest string (key or value) in bytes. Zero means DefaultMaxStringLen.
	MaxStringLen int
	// MaxEntries is the most members of one object or elements of one array.
	// Zero means DefaultMaxEntries.
	MaxEntries int
	// MaxProblems is the most problems one error lists; more are summarised
	// by a last problem that says how many were left out. Zero means
	// DefaultMaxProblems.
	MaxProblems int
}

// WithDefaults returns l with zero fields replaced by the defaults.
func (l Limits) WithDefaults() Limits {
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

// Err returns errs as the error a decoder returns: nil when empty, otherwise
// the problem.List capped at l.MaxProblems (see located.Errors.ErrMax, which
// also clips overlong messages).
func (l Limits) Err(errs located.Errors) error {
	return errs.ErrMax(l.MaxProblems)
}

// bom is the UTF-8 encoding of U+FEFF, the byte-order mark.
const bom = "\xef\xbb\xbf"

// TrimBOM returns data without a leading UTF-8 byte-order mark. Every entry
// point of the package calls it; it is exported for decoders that hand the
// bytes to another library without going through ReadAll.
func TrimBOM(data []byte) []byte {
	if len(data) >= len(bom) && string(data[:len(bom)]) == bom {
		return data[len(bom):]
	}
	return data
}

// ReadAll reads r up to lim.MaxBytes; a longer input is a located ErrLimit.
// A leading UTF-8 byte-order mark is removed (it does not count towards the
// limit), so the bytes can go to any JSON or YAML library.
func ReadAll(r io.Reader, lim Limits) ([]byte, located.Errors) {
	lim = lim.WithDefaults()
	var errs located.Errors
	if r == nil {
		errs.Add("", problem.ErrNilInput, "no reader")
		return nil, errs
	}
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+int64(len(bom))+1))
	if err != nil {
		errs.Add("", located.ErrInvalidDocument, "read: %v", err)
		return nil, errs
	}
	data = TrimBOM(data)
	if int64(len(data)) > lim.MaxBytes {
		errs.Add("", located.ErrLimit, "document is larger than the limit of %d bytes (raise MaxBytes in the options)", lim.MaxBytes)
		return nil, errs
	}
	return data, nil
}

// Parse checks data against the limits and the strict rules and returns the
// generic tree (maps, slices, strings, bools, nil and json.Number). It stops at
// the first syntax error, but reports every duplicate key and limit problem
// found before it. A syntax problem carries the byte offset (Offset) and the
// line (Line) where the parser stopped.
func Parse(data []byte, lim Limits) (any, located.Errors) {
	return walk(TrimBOM(data), lim.WithDefaults(), true)
}

// Check is Parse without building the tree, for documents decoded by another
// library afterwards.
func Check(data []byte, lim Limits) located.Errors {
	_, errs := walk(TrimBOM(data), lim.WithDefaults(), false)
	return errs
}

// Decode reads a document from r, checks it (Parse), validates it against s
// (when s is not nil) and decodes it into v. The returned error is nil or a
// problem.List capped at lim.MaxProblems.
func Decode(r io.Reader, lim Limits, s *schema.Schema, v any) error {
	lim = lim.WithDefaults()
	data, errs := ReadAll(r, lim)
	if errs != nil {
		return lim.Err(errs)
	}
	return DecodeBytes(data, lim, s, v)
}

// DecodeBytes is Decode over a byte slice.
func DecodeBytes(data []byte, lim Limits, s *schema.Schema, v any) error {
	lim = lim.WithDefaults()
	data = TrimBOM(data)
	tree, errs := Parse(data, lim)
	if errs != nil {
		return lim.Err(errs)
	}
	if s != nil {
		if errs := s.Validate(tree); errs != nil {
			return lim.Err(errs)
		}
	}
	return Unmarshal(data, v)
}

// Unmarshal decodes data into v with unknown fields rejected, turning
// encoding/json errors into located errors (with the byte offset and line
// where encoding/json knows them).
func Unmarshal(data []byte, v any) error {
	data = TrimBOM(data)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var errs located.Errors
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &te):
			errs.Add(fieldPointer(te.Field), located.ErrSchema, "want %s, got JSON %s", te.Type, te.Value)
			locate(errs, data, te.Offset)
		case errors.As(err, &se):
			off := syntaxOffset(data, se)
			errs.Add("", located.ErrSyntax, "malformed JSON near byte %d: %s", off, strings.TrimPrefix(se.Error(), "json: "))
			locate(errs, data, off)
		case errors.Is(err, io.EOF):
			errs.Add("", located.ErrSyntax, "%s", emptyJSON)
		case errors.Is(err, io.ErrUnexpectedEOF):
			errs.Add("", located.ErrSyntax, "unexpected end of document")
			locate(errs, data, int64(len(data)))
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			errs.Add("", located.ErrSchema, "%s (remove it or check its spelling)", strings.TrimPrefix(err.Error(), "json: "))
			locate(errs, data, dec.InputOffset())
		default:
			errs.Add("", located.ErrInvalidValue, "%v", err)
		}
		return errs.Err()
	}
	return nil
}

// syntaxAt returns the byte offset and the message of the first syntax error
// of data, found by a scan of the whole document (the tokenizer's own
// offsets are relative to the value it was reading), or -1 when the scanner
// finds none. It runs only once a document has failed.
func syntaxAt(data []byte) (int64, string) {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return -1, ""
	}
	return syntaxOffset(data, se), strings.TrimPrefix(se.Error(), "json: ")
}

// syntaxOffset turns the offset of a json.SyntaxError from a whole-document
// scan (bytes read, the bad one included) into the offset of the bad byte, or
// the length of data for a document that ends too early.
func syntaxOffset(data []byte, se *json.SyntaxError) int64 {
	if strings.Contains(se.Error(), "unexpected end") {
		return int64(len(data))
	}
	return min(max(se.Offset-1, 0), int64(len(data)))
}

// emptyJSON is the message for a document with no JSON value at all.
const emptyJSON = "empty document, want a JSON object"

// locate sets the byte offset and the 1-based line of off in data on the
// last problem of errs.
func locate(errs located.Errors, data []byte, off int64) {
	if len(errs) == 0 {
		return
	}
	off = min(max(off, 0), int64(len(data)))
	e := errs[len(errs)-1]
	e.Offset = off
	e.Line = 1 + bytes.Count(data[:off], []byte{'\n'})
}

func fieldPointer(field string) string {
	if field == "" {
		return ""
	}
	return "/" + strings.ReplaceAll(jsonptr.Escape(field), ".", "/")
}

// smallObject is the number of keys up to which duplicate detection scans the
// keys read so far instead of keeping a set: cheaper for the small objects that
// make up most documents.
const smallObject = 16

// frame is one open object or array. It holds no pointer string: the pointer
// of a frame follows from the frames below it (the current key of an object,
// the last counted index of an array), and is built only when an error is
// reported.
type frame struct {
	isObj   bool
	nextKey bool // in an object: the next token is a key
	n       int  // members or elements counted so far
	start   int  // index in walker.items of this container's first item
	key     string
	keys    map[string]struct{} // duplicate detection past smallObject keys
	ptr     string              // cached pointer of this container, when hasPtr
	hasPtr  bool
}

// item is one member (key and value) or element (value) of an open container.
// The items of all open containers share one stack: a container's items are
// contiguous because its children's items are dropped when they close.
type item struct {
	key string
	val any
}

type walker struct {
	build bool
	stack []frame
	items []item
	root  any
}

// framePtr returns the pointer of the container stack[i].
func (w *walker) framePtr(i int) string {
	j := i
	for j >= 0 && !w.stack[j].hasPtr {
		j--
	}
	ptr := ""
	if j >= 0 {
		ptr = w.stack[j].ptr
	}
	for j++; j <= i; j++ {
		if j > 0 {
			ptr = w.appendToken(ptr, j-1, true)
		}
		w.stack[j].ptr, w.stack[j].hasPtr = ptr, true
	}
	return ptr
}

// appendToken extends ptr by the reference token of the child that stack[i]
// is reading: its current key, or its element index, which is n-1 once the
// element is counted and n before.
func (w *walker) appendToken(ptr string, i int, counted bool) string {
	f := &w.stack[i]
	if f.isObj {
		return jsonptr.Append(ptr, f.key)
	}
	if counted {
		return jsonptr.Index(ptr, f.n-1)
	}
	return jsonptr.Index(ptr, f.n)
}

// valuePtr returns the pointer of the value that the top frame is reading
// (the root pointer when no container is open); counted tells whether an
// array has already counted that value.
func (w *walker) valuePtr(counted bool) string {
	if len(w.stack) == 0 {
		return ""
	}
	top := len(w.stack) - 1
	return w.appendToken(w.framePtr(top), top, counted)
}

// duplicate reports whether the object f has already read key k, and records k.
// The items of an object are its keys so far, so a small object is scanned;
// past smallObject keys they go into a set.
func (w *walker) duplicate(f *frame, k string) bool {
	dup := false
	if f.keys != nil {
		_, dup = f.keys[k]
		f.keys[k] = struct{}{}
	} else {
		for i := f.start; i < len(w.items); i++ {
			if w.items[i].key == k {
				dup = true
				break
			}
		}
	}
	w.items = append(w.items, item{key: k})
	if f.keys == nil && len(w.items)-f.start > smallObject {
		f.keys = make(map[string]struct{}, 2*smallObject)
		for _, it := range w.items[f.start:] {
			f.keys[it.key] = struct{}{}
		}
	}
	return dup
}

// attach stores v as the value being read by the top frame, or as the root.
func (w *walker) attach(v any) {
	if !w.build {
		return
	}
	if len(w.stack) == 0 {
		w.root = v
		return
	}
	if w.stack[len(w.stack)-1].isObj {
		w.items[len(w.items)-1].val = v
		return
	}
	w.items = append(w.items, item{val: v})
}

// pop closes the top container and attaches it to its parent.
func (w *walker) pop() {
	f := &w.stack[len(w.stack)-1]
	isObj, items := f.isObj, w.items[f.start:]
	w.items = w.items[:f.start]
	*f = frame{}
	w.stack = w.stack[:len(w.stack)-1]
	if !w.build {
		return
	}
	if isObj {
		m := make(map[string]any, len(items))
		for _, it := range items {
			m[it.key] = it.val
		}
		w.attach(m)
		return
	}
	s := make([]any, len(items))
	for i, it := range items {
		s[i] = it.val
	}
	w.attach(s)
}

func walk(data []byte, lim Limits, build bool) (any, located.Errors) {
	var errs located.Errors
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		errs.Add("", located.ErrSyntax, "invalid UTF-8 at byte offset %d (documents must be UTF-8)", off)
		locate(errs, data, int64(off))
		return nil, errs
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := walker{build: build, stack: make([]frame, 0, 16), items: make([]item, 0, 64)}
	haveRoot := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !haveRoot {
				errs.Add("", located.ErrSyntax, "%s", emptyJSON)
				locate(errs, data, int64(len(data)))
			} else if len(w.stack) > 0 {
				errs.Add(w.valuePtr(false), located.ErrSyntax, "unexpected end of document")
				locate(errs, data, int64(len(data)))
			}
			break
		}
		if err != nil {
			off, msg := syntaxAt(data)
			if off < 0 { // not found again: keep what the tokenizer said
				off, msg = dec.InputOffset(), strings.TrimPrefix(err.Error(), "json: ")
			}
			errs.Add(w.valuePtr(false), located.ErrSyntax, "malformed JSON near byte %d: %s", off, msg)
			locate(errs, data, off)
			return nil, errs
		}
		var top *frame
		if len(w.stack) > 0 {
			top = &w.stack[len(w.stack)-1]
		} else if haveRoot {
			off := dec.InputOffset()
			errs.Add("", located.ErrSyntax, "unexpected data after the document near byte %d (one JSON value per document)", off)
			locate(errs, data, off)
			return nil, errs
		}
		if top != nil && top.isObj && top.nextKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				w.pop()
				continue
			}
			k, _ := tok.(string)
			if len(k) > lim.MaxStringLen {
				errs.Add(w.framePtr(len(w.stack)-1), located.ErrLimit, "a key is %d bytes long, over the limit of %d", len(k), lim.MaxStringLen)
				return nil, errs
			}
			if w.duplicate(top, k) {
				errs.Add(jsonptr.Append(w.framePtr(len(w.stack)-1), k), located.ErrDuplicateKey, "key %q appears more than once in this object (keep one)", truncate(k))
			}
			top.key = k
			top.nextKey = false
			top.n++
			if top.n > lim.MaxEntries {
				errs.Add(w.framePtr(len(w.stack)-1), located.ErrLimit, "object has more than %d members (raise MaxEntries in the options)", lim.MaxEntries)
				return nil, errs
			}
			continue
		}
		if top != nil && !top.isObj {
			if d, ok := tok.(json.Delim); ok && d == ']' {
				w.pop()
				continue
			}
			top.n++
			if top.n > lim.MaxEntries {
				errs.Add(w.framePtr(len(w.stack)-1), located.ErrLimit, "array has more than %d elements (raise MaxEntries in the options)", lim.MaxEntries)
				return nil, errs
			}
		}
		if top != nil && top.isObj {
			top.nextKey = true
		}
		haveRoot = true
		switch t := tok.(type) {
		case json.Delim:
			if len(w.stack)+1 > lim.MaxDepth {
				errs.Add(w.valuePtr(true), located.ErrLimit, "nesting deeper than %d levels (raise MaxDepth in the options)", lim.MaxDepth)
				return nil, errs
			}
			w.stack = append(w.stack, frame{isObj: t == '{', nextKey: t == '{', start: len(w.items)})
		case string:
			if len(t) > lim.MaxStringLen {
				errs.Add(w.valuePtr(true), located.ErrLimit, "string is %d bytes long, over the limit of %d (raise MaxStringLen in the options)", len(t), lim.MaxStringLen)
				return nil, errs
			}
			w.attach(tok) // tok, not t: attaching t would box the string again
		default:
			w.attach(tok)
		}
	}
	if errs != nil {
		return nil, errs
	}
	return w.root, nil
}

func truncate(s string) string {
	if len(s) <= 64 {
		return s
	}
	return s[:64] + "..."
}

// Marshal encodes v as indented JSON with a trailing newline and without HTML
// escaping, the SDK's one output style for documents.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return buf.Bytes(), nil
}
