package risk

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

//go:embed register.schema.json
var registerSchemaJSON []byte

// SchemaID is the $id of the register's JSON Schema.
const SchemaID = "https://github.com/sdlkit/iec62443/schemas/risk-register-1.json"

var registerSchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile(SchemaID, registerSchemaJSON)
})

// Schema returns a copy of the register's JSON Schema (draft 2020-12).
func Schema() []byte { return bytes.Clone(registerSchemaJSON) }

// DecodeOptions tunes [Decode] and [DecodeYAML]. Nil means the defaults.
type DecodeOptions struct {
	// Catalog is the catalog requirement IDs are checked against. Nil means
	// [requirement.Default] (the A11 catalog).
	Catalog *requirement.Catalog
	// Limits bounds what is read and how many problems an error lists. Zero
	// fields mean the defaults: 32 MiB, depth 64, strings of 1 MiB, 200,000
	// entries per object or array, 1,000 problems.
	Limits requirement.Limits
}

func (o *DecodeOptions) limits() (docjson.Limits, *requirement.Catalog) {
	if o == nil {
		return docjson.Limits{}.WithDefaults(), requirement.Default()
	}
	cat := o.Catalog
	if cat == nil {
		cat = requirement.Default()
	}
	return docjson.Limits(o.Limits).WithDefaults(), cat
}

// Decode reads a register from JSON: strict syntax (UTF-8, no duplicate
// keys, limits), the embedded JSON Schema ([Schema]), then [Check] against
// the catalog. The error is nil or a [problem.List] listing
// every problem with its JSON pointer.
func Decode(r io.Reader, opts *DecodeOptions) (*Register, error) {
	if r == nil {
		return nil, fmt.Errorf("risk: decode: nil reader: %w", problem.ErrNilInput)
	}
	lim, cat := opts.limits()
	data, errs := docjson.ReadAll(r, lim)
	if errs != nil {
		return nil, errs.ErrMax(lim.MaxProblems)
	}
	return decodeBytes(data, lim, cat)
}

// DecodeYAML reads a register from YAML. The YAML (one document; a key given
// twice is an ErrDuplicateKey problem, merge keys may override) is converted
// to JSON within the limits and then read exactly like [Decode]: one schema,
// one decoder, the same JSON pointers. Problems found while converting carry
// the YAML line (problem.Error.Line).
func DecodeYAML(r io.Reader, opts *DecodeOptions) (*Register, error) {
	if r == nil {
		return nil, fmt.Errorf("risk: decode YAML: nil reader: %w", problem.ErrNilInput)
	}
	lim, cat := opts.limits()
	data, errs := docjson.ReadAll(r, lim)
	if errs != nil {
		return nil, errs.ErrMax(lim.MaxProblems)
	}
	js, errs := docjson.FromYAML(data, lim)
	if errs != nil {
		return nil, errs.ErrMax(lim.MaxProblems)
	}
	return decodeBytes(js, lim, cat)
}

func decodeBytes(data []byte, lim docjson.Limits, cat *requirement.Catalog) (*Register, error) {
	var reg Register
	if err := docjson.DecodeBytes(data, lim, registerSchema(), &reg); err != nil {
		return nil, err
	}
	if _, errs := check(&reg, cat); errs != nil {
		return nil, errs.ErrMax(lim.MaxProblems)
	}
	return &reg, nil
}

// Encode writes reg as indented JSON (the SDK's document style). Encoding is
// deterministic: members in schema order, lists in register order. It does
// not check reg; call [Check] first when reg was built in code.
func Encode(w io.Writer, reg *Register) error {
	if reg == nil {
		return fmt.Errorf("risk: encode: register is nil: %w", problem.ErrNilInput)
	}
	if w == nil {
		return fmt.Errorf("risk: encode: nil writer: %w", problem.ErrNilInput)
	}
	b, err := docjson.Marshal(reg)
	if err != nil {
		return fmt.Errorf("risk: %w", err)
	}
	_, err = w.Write(b)
	return err
}
