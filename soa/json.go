package soa

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
)

//go:embed statement.schema.json
var schemaJSON []byte

var statementSchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile(SchemaID, schemaJSON)
})

// Schema returns the published JSON Schema of statements (draft 2020-12), in
// a fresh slice.
func Schema() []byte { return slices.Clone(schemaJSON) }

// DecodeOptions bounds what [Decode] accepts. A nil *DecodeOptions means the
// defaults.
type DecodeOptions struct {
	// MaxBytes is the largest document accepted. Zero means 32 MiB.
	MaxBytes int64
	// MaxDepth is the deepest nesting of objects and arrays. Zero means 64.
	MaxDepth int
	// MaxStringLen is the longest string in bytes. Zero means 1 MiB.
	MaxStringLen int
	// MaxEntries is the most members of one object or elements of one array.
	// Zero means 200,000.
	MaxEntries int
}

func (o *DecodeOptions) limits() docjson.Limits {
	if o == nil {
		return docjson.Limits{}
	}
	return docjson.Limits{MaxBytes: o.MaxBytes, MaxDepth: o.MaxDepth, MaxStringLen: o.MaxStringLen, MaxEntries: o.MaxEntries}
}

// Decode reads a statement in its JSON form. It rejects malformed JSON,
// invalid UTF-8, duplicate keys, documents over the limits and every
// violation of the JSON Schema ([Schema]); the error is then a
// [problem.List] list (wrapping problem.ErrInvalidDocument
// and a more specific sentinel per problem) that locates every problem by
// JSON pointer. Decode does not check the statement against a catalog: call
// [Validate] for that.
func Decode(r io.Reader, opts *DecodeOptions) (*Statement, error) {
	var s Statement
	if err := docjson.Decode(r, opts.limits(), statementSchema(), &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Encode writes s as indented JSON (the form [Decode] reads), with a trailing
// newline and fields in a fixed order. Unset optional fields are omitted, so
// empty and nil slices encode alike. An invalid enum value or date is an
// error; Encode does not otherwise check s (call [Validate]).
func Encode(w io.Writer, s *Statement) error {
	if s == nil {
		return fmt.Errorf("soa: encode: nil statement: %w", problem.ErrInvalidValue)
	}
	data, err := docjson.Marshal(s)
	if err != nil {
		return fmt.Errorf("soa: %w", err)
	}
	_, err = w.Write(data)
	return err
}
