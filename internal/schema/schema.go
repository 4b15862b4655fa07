// Package schema compiles the SDK's embedded JSON Schemas (offline, once) and
// validates decoded JSON values against them, reporting every problem with its
// RFC 6901 instance location. It is the only package that imports
// github.com/santhosh-tekuri/jsonschema/v5.
package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/sdlkit/iec62443/internal/located"
)

// Schema is a compiled JSON Schema, safe for concurrent use.
type Schema struct {
	s *jsonschema.Schema
}

// Resource is one schema document made available to $ref resolution.
type Resource struct {
	URL  string
	Data []byte
}

// Compile compiles the schema at url from data. Extra resources may be
// referenced by $ref; nothing is ever loaded from the network or the disk.
func Compile(url string, data []byte, extra ...Resource) (*Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema: %q is not embedded (offline)", s)
	}
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("schema: add %s: %w", url, err)
	}
	for _, r := range extra {
		if err := c.AddResource(r.URL, bytes.NewReader(r.Data)); err != nil {
			return nil, fmt.Errorf("schema: add %s: %w", r.URL, err)
		}
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("schema: compile %s: %w", url, err)
	}
	return &Schema{s: s}, nil
}

// MustCompile is Compile for schemas embedded in the SDK, whose validity a
// test guarantees; it panics on error.
func MustCompile(url string, data []byte, extra ...Resource) *Schema {
	s, err := Compile(url, data, extra...)
	if err != nil {
		panic(err)
	}
	return s
}

// Validate validates v (a value decoded by encoding/json with UseNumber, or
// plain Go maps, slices, strings, bools, float64 and json.Number) and returns
// every leaf problem, located by instance pointer, sorted.
func (s *Schema) Validate(v any) located.Errors {
	err := s.s.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	var out located.Errors
	if !errors.As(err, &ve) {
		out.Add("", located.ErrSchema, "%v", err)
		return out
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out.Add(e.InstanceLocation, located.ErrSchema, "%s (schema %s)", e.Message, keyword(e.KeywordLocation))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	out.Sort()
	return out
}

func keyword(loc string) string {
	if i := strings.LastIndexByte(loc, '/'); i >= 0 && i+1 < len(loc) {
		return loc[i+1:]
	}
	return loc
}
