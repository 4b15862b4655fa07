package sbom

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/schema"
)

// The official schemas of the formats read, embedded verbatim; where each
// comes from (repository, tag, commit, SHA-256) is in schemas/PROVENANCE.md.
//
//go:embed schemas/cyclonedx/*.json schemas/spdx/*.json
var officialSchemaFiles embed.FS

// maxSchemaProblems bounds the schema violations kept for one document;
// the rest are counted.
const maxSchemaProblems = 1000

// officialSchema names one embedded schema: the file of the schema itself,
// its $id, and the files its $refs need.
type officialSchema struct {
	name  string // "CycloneDX 1.6", "SPDX 2.3"
	file  string
	url   string
	extra []string // files under schemas/cyclonedx, referenced by $ref
	// rewrite replaces text of the schema before it is compiled: patterns
	// that use syntax Go's regexp package lacks, rewritten to equivalents.
	rewrite []string
}

const cdxSchemaBase = "http://cyclonedx.org/schema/"

var cdxExtra = []string{"spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"}

// officialSchemas by key: "cyclonedx-1.6", "spdx-2.3", "spdx-3.0.1".
var officialSchemas = map[string]officialSchema{
	"cyclonedx-1.4": {name: "CycloneDX 1.4", file: "schemas/cyclonedx/bom-1.4.schema.json", url: cdxSchemaBase + "bom-1.4.schema.json", extra: cdxExtra},
	"cyclonedx-1.5": {name: "CycloneDX 1.5", file: "schemas/cyclonedx/bom-1.5.schema.json", url: cdxSchemaBase + "bom-1.5.schema.json", extra: cdxExtra},
	"cyclonedx-1.6": {name: "CycloneDX 1.6", file: "schemas/cyclonedx/bom-1.6.schema.json", url: cdxSchemaBase + "bom-1.6.schema.json", extra: cdxExtra},
	"cyclonedx-1.7": {name: "CycloneDX 1.7", file: "schemas/cyclonedx/bom-1.7.schema.json", url: cdxSchemaBase + "bom-1.7.schema.json", extra: cdxExtra},
	"spdx-2.2":      {name: "SPDX 2.2", file: "schemas/spdx/spdx-2.2.schema.json", url: "http://spdx.org/rdf/terms"},
	"spdx-2.3":      {name: "SPDX 2.3", file: "schemas/spdx/spdx-2.3.schema.json", url: "http://spdx.org/rdf/terms/2.3"},
	"spdx-3.0.1": {name: "SPDX 3.0.1", file: "schemas/spdx/spdx-3.0.1.schema.json", url: "https://spdx.org/schema/3.0.1/spdx-json-schema.json",
		// An IRI that is not a blank node: not starting with "_:", and
		// with a colon after at least one character.
		rewrite: []string{`"^(?!_:).+:.+"`, `"^([^_\\n]|_[^:\\n]).*:.+"`}},
}

// compiledSchemas compiles each official schema once, on first use.
var compiledSchemas = func() map[string]func() (*schema.Schema, error) {
	m := make(map[string]func() (*schema.Schema, error), len(officialSchemas))
	for key, s := range officialSchemas {
		m[key] = sync.OnceValues(func() (*schema.Schema, error) { return compileOfficial(s) })
	}
	return m
}()

func compileOfficial(s officialSchema) (*schema.Schema, error) {
	data, err := officialSchemaFiles.ReadFile(s.file)
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(s.rewrite); i += 2 {
		if !bytes.Contains(data, []byte(s.rewrite[i])) {
			return nil, fmt.Errorf("%s: %s not found", s.file, s.rewrite[i])
		}
		data = bytes.ReplaceAll(data, []byte(s.rewrite[i]), []byte(s.rewrite[i+1]))
	}
	extra := make([]schema.Resource, 0, len(s.extra))
	for _, f := range s.extra {
		b, err := officialSchemaFiles.ReadFile("schemas/cyclonedx/" + f)
		if err != nil {
			return nil, err
		}
		extra = append(extra, schema.Resource{URL: cdxSchemaBase + f, Data: b})
	}
	return schema.Compile(s.url, data, extra...)
}

// schemaProblem is one violation of the official schema, located by JSON
// pointer into the document (into the equivalent JSON document for XML).
type schemaProblem struct {
	Pointer string
	Message string
}

// schemaResult is what validating a document against its official schema
// found. The zero value means "not validated".
type schemaResult struct {
	// schema names the schema applied ("CycloneDX 1.6"); "" when the
	// document was not validated.
	schema string
	// via says how a document not in JSON was validated ("" for JSON).
	via string
	// problems are the violations, in pointer order, at most
	// maxSchemaProblems.
	problems []schemaProblem
	// omitted counts the violations left out of problems.
	omitted int
	// unexamined counts the elements of arrays validated one by one
	// (components) that violate the schema but were not examined for
	// their violations: the listing was full (see schemaRun).
	unexamined int
	// unavailable explains why no schema applied (an unknown version).
	unavailable string
}

// validateOfficial validates the JSON document data against the official
// schema key (see officialSchemas). An unknown key gives a result that
// says no schema applies. data has passed the streaming JSON checker (or
// was written by an encoder): it is valid JSON.
func validateOfficial(ctx context.Context, key string, data []byte) (schemaResult, error) {
	if _, ok := officialSchemas[key]; !ok {
		return schemaResult{unavailable: fmt.Sprintf("no official schema for %s is embedded", key)}, nil
	}
	if err := ctx.Err(); err != nil {
		return schemaResult{}, err
	}
	var tp treeParser
	v, err := tp.parse(data)
	if err != nil {
		// The format's own reader reports the syntax error.
		return schemaResult{}, err
	}
	return validateOfficialValue(ctx, key, v)
}

// validateOfficialValue validates the decoded document v against the
// official schema key, the arrays the schema allows element by element
// (see schemaRun).
func validateOfficialValue(ctx context.Context, key string, v any) (schemaResult, error) {
	if err := ctx.Err(); err != nil {
		return schemaResult{}, err
	}
	run, err := newSchemaRun(ctx, key)
	if err != nil {
		return schemaResult{}, err
	}
	return run.validateTree(v)
}

// explainLicenceChoice replaces the violations a CycloneDX 1.4 to 1.6
// licences array raises when it holds several expressions, or expressions
// and licence objects together (valid only from 1.7), by one problem per
// array that says so: the schema's own errors for that case (a failed
// oneOf over every branch) do not name the cause.
func explainLicenceChoice(name string, doc any, probs []schemaProblem) []schemaProblem {
	bad := map[string]bool{}
	for _, p := range probs {
		arr, ptr := licencesArray(doc, p.Pointer)
		if arr == nil || bad[ptr] {
			continue
		}
		exprs, objects := 0, 0
		for _, e := range arr {
			m, _ := e.(map[string]any)
			if _, ok := m["expression"]; ok {
				exprs++
			} else if _, ok := m["license"]; ok {
				objects++
			}
		}
		if exprs > 1 || (exprs > 0 && objects > 0) {
			bad[ptr] = true
		}
	}
	if len(bad) == 0 {
		return probs
	}
	out := probs[:0:0]
	for _, p := range probs {
		if _, ptr := licencesArray(doc, p.Pointer); ptr != "" && bad[ptr] {
			continue
		}
		out = append(out, p)
	}
	fix := "produce CycloneDX 1.7, or write the licences as licence objects (license.id with acknowledgement)"
	if name != "CycloneDX 1.6" {
		fix = "produce CycloneDX 1.7 (licence acknowledgements need 1.6 or newer)"
	}
	for ptr := range bad {
		out = append(out, schemaProblem{Pointer: ptr, Message: name + " allows in licenses either licence objects or a single expression; " +
			"several expressions (such as a concluded and a declared one), or expressions beside licence objects, need CycloneDX 1.7: " + fix})
	}
	sortSchemaProblems(out)
	return out
}

// licencesArray returns the "licenses" array that ptr points into (or at)
// and its pointer; nil when ptr is not inside one.
func licencesArray(doc any, ptr string) ([]any, string) {
	const seg = "/licenses"
	i := strings.LastIndex(ptr, seg)
	for i >= 0 && i+len(seg) < len(ptr) && ptr[i+len(seg)] != '/' {
		i = strings.LastIndex(ptr[:i], seg)
	}
	if i < 0 {
		return nil, ""
	}
	at := ptr[:i+len(seg)]
	arr, _ := resolvePointer(doc, at).([]any)
	if arr == nil {
		return nil, ""
	}
	return arr, at
}

// resolvePointer returns the value at ptr in a decoded JSON document; nil
// when there is none.
func resolvePointer(doc any, ptr string) any {
	toks, ok := jsonptr.Split(ptr)
	if !ok {
		return nil
	}
	v := doc
	for _, t := range toks {
		switch x := v.(type) {
		case map[string]any:
			v = x[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func sortSchemaProblems(ps []schemaProblem) {
	slices.SortStableFunc(ps, func(a, b schemaProblem) int { return jsonptr.Compare(a.Pointer, b.Pointer) })
}

// validateCycloneDX validates a CycloneDX document against the official
// JSON schema of the spec version it declares: data is the JSON document,
// or nil for XML, which is validated through its JSON equivalent (bom
// encoded as JSON), so that violations are located by the pointers the
// other findings use. A document that cannot be validated (its JSON form
// cannot be built) gives a result that says why; the error is ctx's.
func validateCycloneDX(ctx context.Context, data []byte, bom *cdx.BOM) (schemaResult, error) {
	key := "cyclonedx-" + bom.SpecVersion.String()
	via := ""
	if data == nil {
		var buf bytes.Buffer
		asJSON := *bom // XML has no bomFormat; the JSON equivalent has
		asJSON.BOMFormat = cdx.BOMFormat
		if err := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON).SetEscapeHTML(false).Encode(&asJSON); err != nil {
			return schemaResult{unavailable: "the XML document has no JSON equivalent to validate: " + err.Error()}, nil
		}
		data = buf.Bytes()
		via = "checked through the JSON equivalent of the XML document"
	}
	res, err := validateOfficial(ctx, key, data)
	if cerr := ctx.Err(); cerr != nil {
		return schemaResult{}, cerr
	}
	if err != nil {
		return schemaResult{unavailable: err.Error()}, nil
	}
	res.via = via
	return res, nil
}

// validated reports whether the inventory was read from a document and
// validated against its official schema.
func (r *schemaResult) validated() bool { return r != nil && r.schema != "" }

// schemaRule records rule i (sbom.schema-valid) for the inventory: one
// finding per violation, all for the one subject the rule checks (the
// document). An inventory built in code, or read with
// DecodeOptions.SkipSchema, records nothing: the rule is not applicable.
func (ck *checker) schemaRule(i int) {
	sr := ck.inv.schema
	if sr == nil {
		return
	}
	rr := &ck.rep.Rules[i]
	switch {
	case sr.unavailable != "":
		ck.record(i, stUnknown, "", "the SBOM could not be validated against an official schema: "+sr.unavailable, nil)
		return
	case len(sr.problems) == 0:
		ck.record(i, stPass, "", "", nil)
		return
	}
	suffix := ""
	if sr.via != "" {
		suffix = " (" + sr.via + ")"
	}
	for _, p := range sr.problems {
		ck.record(i, stFail, p.Pointer, fmt.Sprintf("not valid against the official %s JSON schema%s: %s", sr.schema, suffix, p.Message), nil)
	}
	if sr.omitted > 0 {
		ck.record(i, stFail, "", fmt.Sprintf("%d more violations of the official %s JSON schema are not listed", sr.omitted, sr.schema), nil)
	}
	if sr.unexamined > 0 {
		ck.record(i, stFail, "", fmt.Sprintf("%d more components (or other array elements) are not valid against the official %s JSON schema; their violations are not itemised once %d are listed",
			sr.unexamined, sr.schema, maxSchemaProblems), nil)
	}
	rr.Checked, rr.Failed = 1, 1
}

// schemaTarget returns where a reader stores the schema validation of the
// document: nil when validation is off.
func (o *DecodeOptions) schemaTarget() *schemaResult {
	if o != nil && o.SkipSchema {
		return nil
	}
	return new(schemaResult)
}
