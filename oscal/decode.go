package oscal

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// CatalogReadSchemaID is the $id of the JSON Schema [DecodeCatalog] checks
// an OSCAL catalog against: the members the SDK reads, with the types and
// patterns of the official OSCAL schema ([CatalogReadSchema]).
const CatalogReadSchemaID = "https://github.com/sdlkit/iec62443/schemas/oscal-catalog-read-1.json"

//go:embed data/catalog-read.schema.json
var catalogReadSchemaJSON []byte

var catalogReadSchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile(CatalogReadSchemaID, catalogReadSchemaJSON)
})

// CatalogReadSchema returns the JSON Schema of what [DecodeCatalog] reads (a
// fresh copy).
func CatalogReadSchema() []byte { return bytes.Clone(catalogReadSchemaJSON) }

// DecodeOptions bounds what [DecodeCatalog] reads. A nil *DecodeOptions
// means defaults.
type DecodeOptions struct {
	// Limits bounds the document. Zero fields mean: 32 MiB, depth 64, strings
	// of 1 MiB, 200,000 members per object or array, 1,000 problems.
	Limits requirement.Limits
}

func (o *DecodeOptions) limits() (docjson.Limits, int) {
	if o == nil {
		return docjson.Limits{}, 0
	}
	l := o.Limits
	return docjson.Limits{MaxBytes: l.MaxBytes, MaxDepth: l.MaxDepth, MaxStringLen: l.MaxStringLen, MaxEntries: l.MaxEntries}, l.MaxProblems
}

// DecodeCatalog reads an OSCAL catalog in JSON, of OSCAL 1.1.x or 1.2.x (its
// metadata's oscal-version). The document must be UTF-8 JSON within the
// limits and without duplicate keys, and the members the SDK reads must have
// the types and patterns of the official OSCAL schema ([CatalogReadSchema]);
// members it does not model are ignored. Every problem is reported, located
// by JSON pointer, as a [problem.List] (problem.ErrSyntax, ErrLimit,
// ErrDuplicateKey, ErrSchema; problem.ErrUnsupported for another OSCAL
// version). Use [ImportCatalog] to merge the result into a catalog of the SDK.
func DecodeCatalog(r io.Reader, opts *DecodeOptions) (*Catalog, error) {
	if r == nil {
		return nil, fmt.Errorf("oscal: decode catalog: nil reader: %w", problem.ErrNilInput)
	}
	lim, maxProblems := opts.limits()
	data, errs := docjson.ReadAll(r, lim)
	if errs != nil {
		return nil, fmt.Errorf("oscal: catalog: %w", errs.ErrMax(maxProblems))
	}
	tree, errs := docjson.Parse(data, lim)
	if errs != nil {
		return nil, fmt.Errorf("oscal: catalog: %w", errs.ErrMax(maxProblems))
	}
	if errs := catalogReadSchema().Validate(tree); errs != nil {
		return nil, fmt.Errorf("oscal: catalog: %w", errs.ErrMax(maxProblems))
	}
	var doc struct {
		Catalog *Catalog `json:"catalog"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		var errs located.Errors
		errs.Add("", problem.ErrSchema, "%v", err)
		return nil, fmt.Errorf("oscal: catalog: %w", errs.Err())
	}
	if v := doc.Catalog.Metadata.OSCALVersion; !strings.HasPrefix(v, "1.1.") && !strings.HasPrefix(v, "1.2.") {
		var errs located.Errors
		errs.Add("/catalog/metadata/oscal-version", problem.ErrUnsupported, "OSCAL version %q is not supported (want 1.1.x or 1.2.x)", clip(v))
		return nil, fmt.Errorf("oscal: catalog: %w", errs.Err())
	}
	return doc.Catalog, nil
}

// clip shortens s for a message, on a rune boundary.
func clip(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return s[:i] + "..."
		}
		n++
	}
	return s
}
