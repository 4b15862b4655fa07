// Package docjson reads the SDK's JSON documents strictly: bounded size, depth,
// string length and container size; valid UTF-8; no duplicate object keys; a
// JSON Schema check; then decoding into Go types. Every problem is a
// located.Error with an RFC 6901 pointer, and all of them are reported, not
// just the first.
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
)

// Default limits. Every public decoder documents these and lets callers change them.
const (
	DefaultMaxBytes     = 32 << 20 // 32 MiB
	DefaultMaxDepth     = 64
	DefaultMaxStringLen = 1 << 20 // 1 MiB
	DefaultMaxEntries   = 200_000
)

// Limits bounds what a decoder accepts. A zero field means its default.
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
	return l
}

// ReadAll reads r up to lim.MaxBytes; a longer input is a located ErrLimit.
func ReadAll(r io.Reader, lim Limits) ([]byte, located.Errors) {
	lim = lim.WithDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	var errs located.Errors
	if err != nil {
		errs.Add("", located.ErrInvalidDocument, "read: %v", err)
		return nil, errs
	}
	if int64(len(data)) > lim.MaxBytes {
		errs.Add("", located.ErrLimit, "document is larger than the limit of %d bytes (raise MaxBytes in the options)", lim.MaxBytes)
		return nil, errs
	}
	return data, nil
}

// Parse checks data against the limits and the strict rules and returns the
// generic tree (maps, slices, strings, bools, nil and json.Number). It stops at
// the first syntax error, but reports every duplicate key and limit problem
// found before it.
func Parse(data []byte, lim Limits) (any, located.Errors) {
	return walk(data, lim.WithDefaults(), true)
}

// Check is Parse without building the tree, for documents decoded by another
// library afterwards.
func Check(data []byte, lim Limits) located.Errors {
	_, errs := walk(data, lim.WithDefaults(), false)
	return errs
}

// Decode reads a document from r, checks it (Parse), validates it against s
// (when s is not nil) and decodes it into v. The returned error is nil or a
// located.Errors list.
func Decode(r io.Reader, lim Limits, s *schema.Schema, v any) error {
	data, errs := ReadAll(r, lim)
	if errs != nil {
		return errs
	}
	return DecodeBytes(data, lim, s, v)
}

// DecodeBytes is Decode over a byte slice.
func DecodeBytes(data []byte, lim Limits, s *schema.Schema, v any) error {
	tree, errs := Parse(data, lim)
	if errs != nil {
		return errs
	}
	if s != nil {
		if errs := s.Validate(tree); errs != nil {
			return errs
		}
	}
	return Unmarshal(data, v)
}

// Unmarshal decodes data into v with unknown fields rejected, turning
// encoding/json errors into located errors.
func Unmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var errs located.Errors
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te):
			errs.Add(fieldPointer(te.Field), located.ErrSchema, "want %s, got JSON %s", te.Type, te.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			errs.Add("", located.ErrSchema, "%s (remove it or check its spelling)", strings.TrimPrefix(err.Error(), "json: "))
		default:
			errs.Add("", located.ErrInvalidValue, "%v", err)
		}
		return errs
	}
	return nil
}

func fieldPointer(field string) string {
	if field == "" {
		return ""
	}
	return "/" + strings.ReplaceAll(jsonptr.Escape(field), ".", "/")
}

type frame struct {
	ptr     string
	isObj   bool
	n       int
	keys    map[string]struct{}
	nextKey bool // in an object: the next token is a key
	key     string
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
		return nil, errs
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []*frame
	var values []any // parallel to stack when building: *map or *slice holders
	var root any
	haveRoot := false

	// path of the value about to be read
	here := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.isObj {
			return jsonptr.Append(f.ptr, f.key)
		}
		return jsonptr.Index(f.ptr, f.n)
	}
	attach := func(v any) {
		if !build {
			return
		}
		if len(stack) == 0 {
			root = v
			return
		}
		f := stack[len(stack)-1]
		switch c := values[len(values)-1].(type) {
		case map[string]any:
			c[f.key] = v
		case *[]any:
			*c = append(*c, v)
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !haveRoot {
				errs.Add("", located.ErrSyntax, "empty document")
			} else if len(stack) > 0 {
				errs.Add(here(), located.ErrSyntax, "unexpected end of document")
			}
			break
		}
		if err != nil {
			errs.Add(here(), located.ErrSyntax, "malformed JSON near byte %d: %s", dec.InputOffset(), strings.TrimPrefix(err.Error(), "json: "))
			return nil, errs
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		} else if haveRoot {
			errs.Add("", located.ErrSyntax, "unexpected data after the document near byte %d (one JSON value per document)", dec.InputOffset())
			return nil, errs
		}
		if top != nil && top.isObj && top.nextKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				v := values[len(values)-1]
				values = values[:len(values)-1]
				finishContainer(&stack, v, attach, build)
				continue
			}
			k, _ := tok.(string)
			if len(k) > lim.MaxStringLen {
				errs.Add(top.ptr, located.ErrLimit, "a key is %d bytes long, over the limit of %d", len(k), lim.MaxStringLen)
				return nil, errs
			}
			if _, dup := top.keys[k]; dup {
				errs.Add(jsonptr.Append(top.ptr, k), located.ErrDuplicateKey, "key %q appears more than once in this object (keep one)", truncate(k))
			}
			top.keys[k] = struct{}{}
			top.key = k
			top.nextKey = false
			top.n++
			if top.n > lim.MaxEntries {
				errs.Add(top.ptr, located.ErrLimit, "object has more than %d members (raise MaxEntries in the options)", lim.MaxEntries)
				return nil, errs
			}
			continue
		}
		ptr := here()
		if top != nil && !top.isObj {
			if d, ok := tok.(json.Delim); ok && d == ']' {
				stack = stack[:len(stack)-1]
				v := values[len(values)-1]
				values = values[:len(values)-1]
				finishContainer(&stack, v, attach, build)
				continue
			}
			top.n++
			if top.n > lim.MaxEntries {
				errs.Add(top.ptr, located.ErrLimit, "array has more than %d elements (raise MaxEntries in the options)", lim.MaxEntries)
				return nil, errs
			}
		}
		if top != nil && top.isObj {
			top.nextKey = true
		}
		haveRoot = true
		switch t := tok.(type) {
		case json.Delim:
			if len(stack)+1 > lim.MaxDepth {
				errs.Add(ptr, located.ErrLimit, "nesting deeper than %d levels (raise MaxDepth in the options)", lim.MaxDepth)
				return nil, errs
			}
			if t == '{' {
				stack = append(stack, &frame{ptr: ptr, isObj: true, keys: map[string]struct{}{}, nextKey: true})
				values = append(values, map[string]any{})
			} else {
				stack = append(stack, &frame{ptr: ptr})
				s := []any{}
				values = append(values, &s)
			}
		case string:
			if len(t) > lim.MaxStringLen {
				errs.Add(ptr, located.ErrLimit, "string is %d bytes long, over the limit of %d (raise MaxStringLen in the options)", len(t), lim.MaxStringLen)
				return nil, errs
			}
			attach(t)
		default:
			attach(t)
		}
	}
	if errs != nil {
		return nil, errs
	}
	return root, nil
}

func finishContainer(stack *[]*frame, v any, attach func(any), build bool) {
	if !build {
		return
	}
	if p, ok := v.(*[]any); ok {
		attach(*p)
		return
	}
	attach(v)
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
