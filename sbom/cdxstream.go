package sbom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sdlkit/iec62443/internal/jsonptr"
)

// streamCycloneDX decodes a CycloneDX JSON document member by member: the
// elements of its top-level arrays (components, dependencies,
// compositions ...) one at a time as they stream past, every other member
// into a "shell" document decoded at the end. When validate is set, it
// also validates the document against the official schema of the spec
// version it declares: each element against the schema of its array's
// items (in a pool of goroutines, while the rest streams in), the shell
// against the whole schema, with the problems the whole document would
// give, at the same pointers (see schemaRun). No tree of the whole
// document is built, and when data is nil the input is not held either: r
// is read once.
//
// data, when not nil, is the whole document and r reads it; otherwise r
// is the stream (a limitReader, whose own problems the caller reports
// first). Decoding errors are those of encoding/json.
//
// The components become inventory components as they are read (the
// second result; nil when the document has no components array), so that
// cyclonedx-go's tree of them is never held whole: the BOM returned has
// no Components.
func streamCycloneDX(ctx context.Context, r io.Reader, data []byte, validate bool) (*cdx.BOM, *[]Component, schemaResult, error) {
	s := &cdxStream{ctx: ctx, data: data, validate: validate, streams: map[string]*arrayStream{}}
	src := r
	if validate && data == nil {
		s.rec = &recorder{r: r}
		src = s.rec
	}
	s.dec = json.NewDecoder(src)
	s.dec.UseNumber()
	bom, err := s.decode()
	if s.run != nil {
		if werr := s.run.wait(); err == nil && werr != nil {
			err = werr
		}
	}
	if err != nil {
		return nil, nil, schemaResult{}, err
	}
	return bom, s.comps, s.res, nil
}

// bomArrays are the top-level members of a BOM that are arrays (Go: a
// pointer to a slice), by JSON name, with their field index in cdx.BOM.
var bomArrays = func() map[string]int {
	m := map[string]int{}
	t := reflect.TypeFor[cdx.BOM]()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Slice && name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
}()

// cdxStream is the state of streamCycloneDX.
type cdxStream struct {
	ctx      context.Context
	data     []byte
	rec      *recorder
	dec      *json.Decoder
	validate bool

	key     string // official schema key, once specVersion is read
	run     *schemaRun
	streams map[string]*arrayStream
	comps   *[]Component // the inventory components of the components array
	res     schemaResult
}

// arrayStream is one top-level array being streamed.
type arrayStream struct {
	prop  string
	field int
	slice reflect.Value // the typed slice
	// Validation: the batch being filled, the batches held until the
	// schema is known, and whether the schema validates the elements one
	// by one (split) or the array must go back into the shell (whole).
	batch  *elemBatch
	held   []*elemBatch
	seq    int
	split  bool
	whole  bool
	closed bool
}

// offset is the decoder's position in the document.
func (s *cdxStream) offset() int64 { return s.dec.InputOffset() }

// raw returns the bytes [from, to) of the document.
func (s *cdxStream) raw(from, to int64) []byte {
	if s.data != nil {
		return s.data[from:to]
	}
	return s.rec.bytes(from, to)
}

func (s *cdxStream) decode() (*cdx.BOM, error) {
	tok, err := s.dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, &json.UnmarshalTypeError{Value: tokenKind(tok), Type: reflect.TypeFor[cdx.BOM](), Offset: s.offset()}
	}
	shell := []byte{'{'}
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if len(shell) > 1 {
			shell = append(shell, ',')
		}
		shell = strconv.AppendQuote(shell, key) // keys are valid UTF-8: quoting keeps them
		shell = append(shell, ':')
		if field, ok := bomArrays[key]; ok && s.streams[key] == nil {
			tok, err := s.dec.Token()
			if err != nil {
				return nil, err
			}
			if d, ok := tok.(json.Delim); ok && d == '[' {
				if err := s.array(key, field); err != nil {
					return nil, err
				}
				shell = append(shell, '[', ']')
				continue
			}
			if d, ok := tok.(json.Delim); ok { // '{': the shell cannot hold it
				return nil, &json.UnmarshalTypeError{Value: tokenKind(d), Type: reflect.TypeFor[cdx.BOM]().Field(field).Type.Elem(), Field: key, Offset: s.offset()}
			}
			b, err := json.Marshal(tok)
			if err != nil {
				return nil, err
			}
			shell = append(shell, b...)
			continue
		}
		var raw json.RawMessage
		if err := s.dec.Decode(&raw); err != nil {
			return nil, err
		}
		if key == "specVersion" {
			var v string
			if json.Unmarshal(raw, &v) == nil {
				s.setKey("cyclonedx-" + v)
			}
		}
		shell = append(shell, raw...)
		if s.rec != nil {
			s.rec.discard(s.offset())
		}
	}
	if _, err := s.dec.Token(); err != nil { // '}'
		return nil, err
	}
	shell = append(shell, '}')
	bom := new(cdx.BOM)
	if err := json.Unmarshal(shell, bom); err != nil {
		return nil, err
	}
	bv := reflect.ValueOf(bom).Elem()
	for _, a := range s.streams {
		if !a.slice.IsValid() {
			continue // components: inventory components
		}
		p := reflect.New(a.slice.Type())
		p.Elem().Set(a.slice)
		bv.Field(a.field).Set(p)
	}
	if s.validate {
		if err := s.validateShell(shell); err != nil {
			return nil, err
		}
	}
	return bom, nil
}

// setKey notes the spec version: validation against its schema starts,
// with the elements read before it.
func (s *cdxStream) setKey(key string) {
	if !s.validate || s.key != "" {
		return
	}
	s.key = key
	if _, ok := officialSchemas[key]; !ok {
		s.res = schemaResult{unavailable: fmt.Sprintf("no official schema for %s is embedded", key)}
		return
	}
	run, err := newSchemaRun(s.ctx, key)
	if err != nil {
		s.res = schemaResult{unavailable: err.Error()}
		return
	}
	s.run = run
	for _, prop := range slices.Sorted(maps.Keys(s.streams)) {
		a := s.streams[prop]
		s.decide(a)
		if a.split {
			for _, b := range a.held {
				b.st = s.run.splits[a.prop]
				s.run.submit(b, false)
			}
			a.held = nil
		}
	}
}

// decide decides how the schema validates array a.
func (s *cdxStream) decide(a *arrayStream) {
	if s.run == nil || a.split || a.whole {
		return
	}
	a.split = s.run.addSplit(a.prop)
	a.whole = !a.split
}

// array reads the elements of the top-level array prop (after its '[')
// and its ']' into a new slice of the type of BOM field field.
func (s *cdxStream) array(prop string, field int) error {
	typ := reflect.TypeFor[cdx.BOM]().Field(field).Type.Elem()
	a := &arrayStream{prop: prop, field: field}
	s.streams[prop] = a
	s.decide(a)
	var comps []Component
	var zero reflect.Value
	if prop == "components" {
		comps = []Component{}
	} else {
		a.slice = reflect.MakeSlice(typ, 0, 0)
		zero = reflect.Zero(typ.Elem())
	}
	for i := 0; s.dec.More(); i++ {
		if i%cancelEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return err
			}
		}
		from := s.offset()
		var elem any
		var c *cdx.Component
		if comps != nil {
			c = new(cdx.Component)
			elem = c
		} else {
			a.slice = reflect.Append(a.slice, zero)
			elem = a.slice.Index(i).Addr().Interface()
		}
		if err := s.dec.Decode(elem); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				te.Field = prop + "." + te.Field
				te.Offset += from
			}
			return err
		}
		// Elements equal as JSON values would be refused by the reader
		// for their bom-ref or ref, when they have one: only the others
		// need a key for uniqueness.
		hash := true
		switch e := elem.(type) {
		case *cdx.Component:
			hash = e.BOMRef == ""
		case *cdx.Dependency:
			hash = e.Ref == ""
		}
		if c != nil {
			// The component and its nested components, depth first, as
			// inventoryFromCDX lists them; c is garbage afterwards.
			ptr := jsonptr.Index("/components", i)
			comps = append(comps, Component{})
			fillComponent(&comps[len(comps)-1], c, ptr, "")
			if c.Components != nil {
				walkCDX(*c.Components, ptr+"/components", c.BOMRef, func(n *cdx.Component, p, parent string) {
					comps = append(comps, Component{})
					fillComponent(&comps[len(comps)-1], n, p, parent)
				})
			}
		}
		if s.validate {
			s.addElement(a, i, from, s.offset(), hash)
		}
	}
	if _, err := s.dec.Token(); err != nil { // ']'
		return err
	}
	if comps != nil {
		s.comps = &comps
	}
	if s.validate && a.batch != nil {
		s.flush(a, true)
	}
	a.closed = true
	return nil
}

// addElement adds element i of a, the bytes [from, to) of the document,
// to the batch to validate.
func (s *cdxStream) addElement(a *arrayStream, i int, from, to int64, hash bool) {
	raw := s.raw(from, to)
	for len(raw) > 0 && (raw[0] == ',' || raw[0] == ' ' || raw[0] == '\t' || raw[0] == '\n' || raw[0] == '\r') {
		raw = raw[1:]
	}
	if a.batch == nil {
		a.batch = &elemBatch{prop: a.prop, seq: a.seq, first: i,
			data: make([]byte, 0, elemBatchSize*(len(raw)+len(raw)/4)), ends: make([]int, 0, elemBatchSize), hash: make([]bool, 0, elemBatchSize)}
	}
	a.batch.data = append(a.batch.data, raw...)
	a.batch.ends = append(a.batch.ends, len(a.batch.data))
	a.batch.hash = append(a.batch.hash, hash)
	if s.rec != nil {
		s.rec.discard(to)
	}
	if len(a.batch.ends) == elemBatchSize {
		s.flush(a, false)
	}
}

// flush hands a's batch to the pool, or holds it until the schema says
// how to validate the array.
func (s *cdxStream) flush(a *arrayStream, last bool) {
	b := a.batch
	a.batch = nil
	a.seq++
	if !a.split {
		a.held = append(a.held, b)
		return
	}
	b.st = s.run.splits[a.prop]
	s.run.submit(b, last)
}

// validateShell validates the document without its split arrays: the
// shell, with the arrays the schema does not split put back.
func (s *cdxStream) validateShell(shell []byte) error {
	if s.run == nil {
		return nil // s.res says why
	}
	var tp treeParser
	doc, err := tp.parse(shell)
	if err != nil {
		return err
	}
	m, _ := doc.(map[string]any)
	for prop, a := range s.streams {
		if !a.whole || m == nil {
			continue
		}
		var buf []byte
		buf = append(buf, '[')
		for _, b := range a.held {
			start := 0
			for _, end := range b.ends {
				if len(buf) > 1 {
					buf = append(buf, ',')
				}
				buf = append(buf, b.data[start:end]...)
				start = end
			}
		}
		buf = append(buf, ']')
		v, err := tp.parse(buf)
		if err != nil {
			return err
		}
		m[prop] = v
		a.held = nil
	}
	res, err := s.run.validateTree(doc)
	if err != nil {
		return err
	}
	s.res = res
	return nil
}

// tokenKind names the JSON type of a token for a type error.
func tokenKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "array"
		}
		return "object"
	case string:
		return "string"
	case json.Number, float64:
		return "number"
	case bool:
		return "bool"
	}
	return "null"
}

// recorder keeps the bytes read through it from the last discarded
// offset on, so that the stream's decoder can be asked for the bytes of a
// value it has just decoded.
type recorder struct {
	r    io.Reader
	buf  []byte
	base int64 // offset of buf[0] in the stream
}

func (t *recorder) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// bytes returns the bytes [from, to) of the stream; from must not be
// before the last discarded offset.
func (t *recorder) bytes(from, to int64) []byte {
	return t.buf[from-t.base : to-t.base]
}

// discard drops the bytes before offset off (in bulk, when that frees at
// least half of the buffer).
func (t *recorder) discard(off int64) {
	drop := int(off - t.base)
	if drop < 64<<10 || drop < len(t.buf)/2 {
		return
	}
	n := copy(t.buf, t.buf[drop:])
	t.buf = t.buf[:n]
	t.base = off
}
