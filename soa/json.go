package soa

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
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
	// Limits bounds the document. Zero fields mean the defaults: MaxBytes
	// 32 MiB, MaxDepth 64, MaxStringLen 1 MiB, MaxEntries 200,000 and
	// MaxProblems 1,000.
	requirement.Limits
}

func (o *DecodeOptions) limits() requirement.Limits {
	if o == nil {
		return requirement.Limits{}
	}
	return o.Limits
}

// Decode reads a statement in its JSON form. It rejects malformed JSON,
// invalid UTF-8, duplicate keys, documents over the limits and every
// violation of the JSON Schema ([Schema]), including a schema_version other
// than [SchemaVersion]; the error is then a [problem.List] (wrapping
// problem.ErrInvalidDocument and a more specific sentinel per problem) that
// locates every problem by JSON pointer, capped at Limits.MaxProblems. A nil
// reader is an error wrapping problem.ErrNilInput. Decode does not check the
// statement against a catalog: call [Validate] for that.
func Decode(r io.Reader, opts *DecodeOptions) (*Statement, error) {
	if r == nil {
		return nil, fmt.Errorf("soa: decode: nil reader: %w", problem.ErrNilInput)
	}
	lim := opts.limits()
	var s Statement
	err := docjson.Decode(r, docjson.Limits{MaxBytes: lim.MaxBytes, MaxDepth: lim.MaxDepth, MaxStringLen: lim.MaxStringLen, MaxEntries: lim.MaxEntries}, statementSchema(), &s)
	if err != nil {
		var list problem.List
		if errors.As(err, &list) {
			return nil, located.Errors(list).ErrMax(lim.MaxProblems)
		}
		return nil, err
	}
	return &s, nil
}

// Encode writes s as indented JSON (the form [Decode] reads), with a trailing
// newline and fields in a fixed order. Unset optional fields are omitted, so
// empty and nil slices encode alike. An invalid enum value or date is an
// error; Encode does not otherwise check s (call [Validate]).
//
// A nil writer or statement is an error wrapping problem.ErrNilInput.
func Encode(w io.Writer, s *Statement) error {
	if w == nil || s == nil {
		return fmt.Errorf("soa: encode: nil writer or statement: %w", problem.ErrNilInput)
	}
	data, err := docjson.Marshal(s)
	if err != nil {
		// The enums of this package say "soa: ..." themselves.
		var me *json.MarshalerError
		if errors.As(err, &me) && me.Unwrap() != nil {
			if inner := me.Unwrap(); strings.HasPrefix(inner.Error(), "soa: ") {
				return inner
			}
			return fmt.Errorf("soa: encode: %w", me.Unwrap())
		}
		return fmt.Errorf("soa: %w", err)
	}
	_, err = w.Write(data)
	return err
}
