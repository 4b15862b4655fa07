package iec62443

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/sbom"
	"github.com/sdlkit/iec62443/soa"
)

// DossierSchemaID is the $id of the published JSON Schema of dossiers.
const DossierSchemaID = "https://github.com/sdlkit/iec62443/schemas/dossier-1.json"

// annexContextSchemaID is the $id of annex.ContextSchema, which the dossier
// schema references for its context member.
const annexContextSchemaID = "https://github.com/sdlkit/iec62443/schemas/annex-b-context-1.json"

// DossierSchemaVersion is the schema_version a dossier must carry.
const DossierSchemaVersion = "1"

//go:embed schemas/dossier.schema.json
var dossierSchemaJSON []byte

var dossierSchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile(DossierSchemaID, dossierSchemaJSON,
		schema.Resource{URL: annexContextSchemaID, Data: annex.ContextSchema()},
		schema.Resource{URL: soa.SchemaID, Data: soa.Schema()})
})

// DossierSchema returns the JSON Schema of dossiers, for publishing.
func DossierSchema() []byte { return bytes.Clone(dossierSchemaJSON) }

// Dossier is one product's compliance record: identity, the Annex B context,
// the risk register (with the intended use), the evidence manifest, test
// records, the SBOM, the statement-of-applicability input, the CVD policy,
// issued advisories and reportable events. Large parts may live in separate
// files, referenced by a path relative to the dossier and resolved through
// the fs.FS the caller passes to [Load] or [Decode].
type Dossier struct {
	// SchemaVersion must be [DossierSchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// Edition is the edition assessed against; zero means A11.
	Edition requirement.Edition `json:"edition,omitzero"`
	// Product identifies the product and version assessed.
	Product Product `json:"product"`
	// Manufacturer identifies the manufacturer.
	Manufacturer Manufacturer `json:"manufacturer"`
	// Context is the Annex B product security context.
	Context annex.Context `json:"context"`
	// Register is the risk register with the intended use (package risk).
	Register Part[risk.Register] `json:"register"`
	// Evidence is the evidence manifest (package maturity); zero when the
	// dossier has none yet (maturity is then unknown, never assumed).
	Evidence Part[maturity.Manifest] `json:"evidence,omitzero"`
	// TestRecords are the security test records (Annex D).
	TestRecords Part[[]annex.TestRecord] `json:"test_records,omitzero"`
	// SBOM is the product's software bill of materials.
	SBOM SBOMRef `json:"sbom,omitzero"`
	// SoA holds the overrides to the risk-driven applicability, or a given
	// statement of applicability.
	SoA SoAInput `json:"soa,omitzero"`
	// CVD is the coordinated vulnerability disclosure policy and the
	// reporting contact.
	CVD CVD `json:"cvd,omitzero"`
	// Advisories lists the security advisories issued for the product.
	Advisories []Advisory `json:"advisories,omitzero"`
	// Events lists actively exploited vulnerabilities and severe incidents
	// that start CRA Art. 14 reporting clocks.
	Events []annex.Event `json:"events,omitzero"`
}

// Product identifies the product assessed.
type Product struct {
	// Name is the product name. Required.
	Name string `json:"name"`
	// Version is the product version assessed. Required.
	Version string `json:"version"`
	// Identifier is a type, batch or serial designation or a purl/CPE; optional.
	Identifier string `json:"identifier,omitzero"`
	// PlacedOnMarket is the date the product was (or will be) placed on the
	// EU market, YYYY-MM-DD; "" when not yet decided. It is informational:
	// it is checked for its format and carried into the dossier, but
	// [Assess] does not read it. The documentation retention periods are
	// computed per release from the evidence manifest (the placed_on_market
	// and support_end of each [maturity.Release]).
	PlacedOnMarket string `json:"placed_on_market,omitzero"`
}

// Manufacturer identifies the manufacturer.
type Manufacturer struct {
	// Name is the legal name. Required.
	Name string `json:"name"`
	// Contact is a postal or electronic address; optional.
	Contact string `json:"contact,omitzero"`
}

// CVD describes the coordinated vulnerability disclosure arrangements.
type CVD struct {
	// PolicyURL is where the CVD policy is published.
	PolicyURL string `json:"policy_url,omitzero"`
	// Contact is the single point of contact for vulnerability reports
	// (e-mail address or URL).
	Contact string `json:"contact,omitzero"`
	// SecurityTxt is the URL of the security.txt file (RFC 9116), if any.
	SecurityTxt string `json:"security_txt,omitzero"`
}

// Advisory is one security advisory issued for the product.
type Advisory struct {
	// ID is the advisory identifier. Required.
	ID string `json:"id"`
	// Title is a short title.
	Title string `json:"title,omitzero"`
	// Published is the publication date, YYYY-MM-DD. Required.
	Published string `json:"published"`
	// URL is where it is published.
	URL string `json:"url,omitzero"`
	// Format is "csaf", "cyclonedx-vex", "openvex" or "text". Required.
	Format string `json:"format"`
	// CVEs lists the vulnerabilities it covers.
	CVEs []string `json:"cves,omitzero"`
}

// MachineReadable reports whether the advisory is in a machine-readable
// format (CSAF or a VEX format).
func (a Advisory) MachineReadable() bool { return a.Format != "text" && a.Format != "" }

// Part is a sub-document of a dossier, given inline or by a path relative to
// the dossier. After [Load] or [Decode], Value holds the decoded content in
// both cases and Path records where it came from.
type Part[T any] struct {
	// Path is the slash-separated path of the file, relative to the
	// dossier's directory in the fs.FS; "" when the content is inline.
	Path string
	// Value is the decoded content; nil when the dossier has no such part.
	Value *T
}

// IsZero reports whether the part is absent.
func (p Part[T]) IsZero() bool { return p.Path == "" && p.Value == nil }

// MarshalJSON writes the path as a JSON string when the part came from a
// file, and the content inline otherwise.
func (p Part[T]) MarshalJSON() ([]byte, error) {
	if p.Path != "" {
		return json.Marshal(p.Path)
	}
	if p.Value == nil {
		return []byte("null"), nil
	}
	return json.Marshal(p.Value)
}

// SBOMRef refers to the product's SBOM: a file (Path) or the document itself
// (Inline, a CycloneDX JSON or SPDX 2.3 JSON object). Load and Decode read
// and parse it, so that a malformed SBOM is a located problem of the dossier.
type SBOMRef struct {
	// Path is the SBOM file, relative to the dossier; "" when the SBOM is
	// inline or set by a program.
	Path string `json:"path,omitzero"`
	// Format is "cyclonedx-json", "cyclonedx-xml" or "spdx-json"; "" means
	// guess: from the file name for a path (.xml is CycloneDX XML,
	// .spdx.json SPDX, anything else CycloneDX JSON), from the document's
	// own marker for an inline SBOM ("bomFormat" or "spdxVersion").
	Format string `json:"format,omitzero"`
	// Inline is the SBOM given inside the dossier, as JSON.
	Inline json.RawMessage `json:"inline,omitzero"`
	// Data is the SBOM's content: the file's bytes, or Inline. Load and
	// Decode fill it; a program may set it (with Format) instead of Path.
	// [Encode] writes program-set JSON data (CycloneDX or SPDX JSON) as
	// Inline; XML data has no inline form and needs a Path.
	Data []byte `json:"-"`
	// Inventory is the parsed SBOM, filled by Load and Decode; Assess
	// parses Data when it is nil.
	Inventory *sbom.Inventory `json:"-"`
}

// IsZero reports whether the dossier names no SBOM.
func (s SBOMRef) IsZero() bool {
	return s.Path == "" && s.Format == "" && s.Inline == nil && s.Data == nil && s.Inventory == nil
}

// format returns the SBOM's format, guessed when Format is "".
func (s SBOMRef) format() string {
	switch {
	case s.Format != "":
		return s.Format
	case s.Path == "" && bytes.Contains(firstBytes(s.Data, 4096), []byte(`"spdxVersion"`)):
		return "spdx-json"
	case strings.HasSuffix(s.Path, ".spdx.json"):
		return "spdx-json"
	case strings.HasSuffix(s.Path, ".xml"):
		return "cyclonedx-xml"
	default:
		return "cyclonedx-json"
	}
}

func firstBytes(b []byte, n int) []byte { return b[:min(len(b), n)] }

// parse reads the SBOM's content into an inventory, with the default limits.
func (s SBOMRef) parse() (*sbom.Inventory, error) { return s.parseWith(nil) }

// parseWith reads the SBOM's content into an inventory, within the SBOM
// limits of opts (MaxSBOMBytes and MaxDepth).
func (s SBOMRef) parseWith(opts *LoadOptions) (*sbom.Inventory, error) {
	ro := &sbom.ReadOptions{Limits: sbom.Limits{MaxBytes: opts.maxSBOM()}}
	if opts != nil {
		ro.Limits.MaxDepth = opts.MaxDepth
	}
	switch s.format() {
	case "spdx-json":
		return sbom.ReadSPDX(bytes.NewReader(s.Data), ro)
	case "cyclonedx-xml":
		return sbom.ReadCycloneDX(bytes.NewReader(s.Data), sbom.EncodingXML, ro)
	default:
		return sbom.ReadCycloneDX(bytes.NewReader(s.Data), sbom.EncodingJSON, ro)
	}
}

// forEncode returns the reference as [Encode] writes it: JSON data set by a
// program without a path becomes the inline SBOM, so that the output is a
// valid dossier. A reference that has no written form (XML data without a
// path, an inventory or a format without data) is an error wrapping
// problem.ErrInvalidValue.
func (s SBOMRef) forEncode() (SBOMRef, error) {
	if s.Path != "" || s.Inline != nil {
		return s, nil
	}
	switch {
	case s.Data == nil && s.Inventory == nil && s.Format == "":
		return s, nil // no SBOM
	case s.Data == nil:
		return s, fmt.Errorf("sbom: no path and no data to write (set SBOMRef.Path, or SBOMRef.Data to the SBOM's JSON): %w", problem.ErrInvalidValue)
	case s.format() == "cyclonedx-xml":
		return s, fmt.Errorf("sbom: CycloneDX XML data cannot be written inline (give the file as SBOMRef.Path, or set JSON data): %w", problem.ErrInvalidValue)
	}
	data := bytes.TrimSpace(s.Data)
	if len(data) == 0 || data[0] != '{' || !json.Valid(data) {
		return s, fmt.Errorf("sbom: data is not a JSON object (%q): give XML as SBOMRef.Path: %w", firstBytes(data, 16), problem.ErrInvalidValue)
	}
	s.Inline = json.RawMessage(data)
	return s, nil
}

// SoAInput is what the dossier says about the statement of applicability:
// either the manufacturer's overrides of the risk-driven applicability
// (Resolve builds the statement) or a complete statement to validate.
type SoAInput struct {
	// Author prepares the statement (for Resolve).
	Author string `json:"author,omitzero"`
	// Approver approved it; "" while unapproved.
	Approver string `json:"approver,omitzero"`
	// Overrides change individual decisions, with justifications.
	Overrides []soa.Override `json:"overrides,omitzero"`
	// Statement is a given statement of applicability; when set, Assess
	// validates it instead of resolving one.
	Statement Part[soa.Statement] `json:"statement,omitzero"`
}

// IsZero reports whether nothing is given.
func (s SoAInput) IsZero() bool {
	return s.Author == "" && s.Approver == "" && len(s.Overrides) == 0 && s.Statement.IsZero()
}

// Limits of the dossier decoder. The limits of [LoadOptions] apply to the
// dossier and to every document it references, each read by its own
// package's decoder.
const (
	// DefaultMaxDossierBytes is the default size limit of a dossier and of
	// each referenced file other than the SBOM.
	DefaultMaxDossierBytes = 32 << 20
	// DefaultMaxSBOMBytes is the default size limit of a referenced SBOM.
	DefaultMaxSBOMBytes = 512 << 20
)

// LoadOptions bounds dossier loading. A nil *LoadOptions means defaults.
// Each limit applies to the dossier and to each document it references (the
// register, the evidence manifest, the test records, a given statement of
// applicability and the SBOM), every one counted on its own; a document over
// a limit is a located problem wrapping [problem.ErrLimit] in that
// document. A YAML document is measured after its conversion to JSON.
type LoadOptions struct {
	// MaxBytes limits the dossier and each referenced document other than
	// the SBOM. Zero means DefaultMaxDossierBytes.
	MaxBytes int64
	// MaxSBOMBytes limits the SBOM, referenced or inline (an inline SBOM is
	// also part of the dossier, within MaxBytes). Zero means
	// DefaultMaxSBOMBytes.
	MaxSBOMBytes int64
	// MaxDepth limits the nesting of objects and arrays. Zero means 64
	// (docjson's DefaultMaxDepth) for the dossier and its parts, and 128
	// (sbom.DefaultMaxDepth) for a referenced SBOM.
	MaxDepth int
	// MaxStringLen limits the length in bytes of each string, key or value.
	// Zero means 1 MiB. It does not apply to a referenced SBOM, whose
	// readers bound only size and depth (package sbom).
	MaxStringLen int
	// MaxEntries limits the members of one object and the elements of one
	// array. Zero means 200,000. It does not apply to a referenced SBOM,
	// whose readers bound only size and depth (package sbom).
	MaxEntries int
}

func (o *LoadOptions) maxBytes() int64 {
	if o == nil || o.MaxBytes <= 0 {
		return DefaultMaxDossierBytes
	}
	return o.MaxBytes
}

func (o *LoadOptions) maxSBOM() int64 {
	if o == nil || o.MaxSBOMBytes <= 0 {
		return DefaultMaxSBOMBytes
	}
	return o.MaxSBOMBytes
}

// limits returns the limits of the dossier and of its parts other than the
// SBOM; zero fields mean docjson's defaults.
func (o *LoadOptions) limits() docjson.Limits {
	l := docjson.Limits{MaxBytes: o.maxBytes()}
	if o != nil {
		l.MaxDepth, l.MaxStringLen, l.MaxEntries = o.MaxDepth, o.MaxStringLen, o.MaxEntries
	}
	return l
}

// ErrNoFS is wrapped when a dossier references a file but no fs.FS was given.
var ErrNoFS = errors.New("no file system to resolve references")

// Load reads the dossier at name in fsys (JSON, or YAML when name ends in
// .yaml or .yml) and every file it references, relative to name's directory.
// Nothing outside fsys is read; references must be fs.ValidPath paths (no
// "..", not absolute). Every problem in the dossier and the referenced files
// is reported in one error: a [problem.List] list wrapping
// [problem.ErrInvalidDocument], each problem located by its Source file
// and JSON pointer.
func Load(fsys fs.FS, name string, opts *LoadOptions) (*Dossier, error) {
	if fsys == nil {
		return nil, fmt.Errorf("iec62443: load %q: %w", name, ErrNoFS)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("iec62443: load dossier: %w", err)
	}
	defer f.Close()
	yamlInput := strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
	return decode(f, fsys, path.Dir(name), yamlInput, opts)
}

// Decode reads a JSON dossier from r. Relative paths in it are resolved in
// fsys (which may be nil when everything is inline; a reference then is an
// error wrapping ErrNoFS).
func Decode(r io.Reader, fsys fs.FS, opts *LoadOptions) (*Dossier, error) {
	return decode(r, fsys, ".", false, opts)
}

// DecodeYAML reads a YAML dossier from r: it is converted to JSON and then
// read exactly like [Decode], against the same schema. A key given twice in
// one mapping is an error wrapping [problem.ErrDuplicateKey] (as it is in
// JSON), whose message gives the line; other YAML syntax errors wrap
// [problem.ErrSyntax]. The same holds for YAML files the dossier
// references (names ending in .yaml or .yml).
func DecodeYAML(r io.Reader, fsys fs.FS, opts *LoadOptions) (*Dossier, error) {
	return decode(r, fsys, ".", true, opts)
}

// dossierJSON is the wire form: parts are raw until resolved.
type dossierJSON struct {
	SchemaVersion string `json:"schema_version"`
	// Edition is raw so that a bad value is one located problem and does
	// not stop the best-effort decoding of the rest.
	Edition      json.RawMessage `json:"edition,omitzero"`
	Product      Product         `json:"product"`
	Manufacturer Manufacturer    `json:"manufacturer"`
	Context      json.RawMessage `json:"context"`
	Register     json.RawMessage `json:"register"`
	Evidence     json.RawMessage `json:"evidence,omitzero"`
	TestRecords  json.RawMessage `json:"test_records,omitzero"`
	SBOM         *struct {
		Path   string          `json:"path"`
		Format string          `json:"format,omitzero"`
		Inline json.RawMessage `json:"inline,omitzero"`
	} `json:"sbom,omitzero"`
	SoA *struct {
		Author    string          `json:"author,omitzero"`
		Approver  string          `json:"approver,omitzero"`
		Overrides json.RawMessage `json:"overrides,omitzero"`
		Statement json.RawMessage `json:"statement,omitzero"`
	} `json:"soa,omitzero"`
	CVD        CVD             `json:"cvd,omitzero"`
	Advisories []Advisory      `json:"advisories,omitzero"`
	Events     json.RawMessage `json:"events,omitzero"`
}

type resolver struct {
	fsys fs.FS
	dir  string
	opts *LoadOptions
	errs located.Errors
}

func decode(r io.Reader, fsys fs.FS, dir string, yamlInput bool, opts *LoadOptions) (*Dossier, error) {
	lim := opts.limits()
	data, errs := docjson.ReadAll(r, lim)
	if errs != nil {
		return nil, fmt.Errorf("iec62443: dossier: %w", errs.Err())
	}
	if yamlInput {
		j, errs := docjson.FromYAML(data, lim)
		if errs != nil {
			return nil, fmt.Errorf("iec62443: dossier: %w", errs.Err())
		}
		data = j
	}
	// The schema problems of the dossier are collected, and the parts are
	// still resolved when the dossier's structure allows it, so that one run
	// reports the problems of every document.
	tree, perrs := docjson.Parse(data, lim)
	if perrs != nil {
		return nil, fmt.Errorf("iec62443: dossier: %w", perrs.Err())
	}
	res := &resolver{fsys: fsys, dir: dir, opts: opts}
	res.errs = dossierSchema().Validate(tree)
	bad := func(ptr string) bool { // a schema problem at or under ptr
		for _, e := range res.errs {
			if e.Pointer == ptr || strings.HasPrefix(e.Pointer, ptr+"/") {
				return true
			}
		}
		return false
	}
	badAt := func(ptr string) bool { // a schema problem exactly at ptr
		return slices.ContainsFunc(res.errs, func(e *located.Error) bool { return e.Pointer == ptr })
	}
	var w dossierJSON
	if len(res.errs) == 0 {
		if err := docjson.Unmarshal(data, &w); err != nil {
			return nil, fmt.Errorf("iec62443: dossier: %w", err)
		}
	} else {
		// Best effort: encoding/json fills what fits and skips the rest,
		// whose problems the schema has already reported.
		_ = json.Unmarshal(data, &w) //nolint:errcheck // reported by the schema
	}
	d := &Dossier{
		SchemaVersion: w.SchemaVersion, Product: w.Product, Manufacturer: w.Manufacturer,
		CVD: w.CVD, Advisories: w.Advisories,
	}
	d.Edition = res.edition(w.Edition)
	cat, err := requirement.ForEdition(d.Edition)
	if err != nil {
		return nil, fmt.Errorf("iec62443: dossier: %w", err)
	}
	if !bad("/context") {
		res.inline("/context", w.Context, &d.Context)
		if err := d.Context.Validate(); err != nil {
			res.add("", "/context", err)
		}
	}
	if len(w.Events) > 0 && !bad("/events") {
		res.inline("/events", w.Events, &d.Events)
	}
	// Every part is read by its own package's decoder, within the limits
	// of the options.
	if !bad("/register") {
		d.Register = resolvePart(res, "/register", w.Register, func(data []byte) (*risk.Register, error) {
			return risk.Decode(bytes.NewReader(data), &risk.DecodeOptions{Catalog: cat,
				MaxBytes: lim.MaxBytes, MaxDepth: lim.MaxDepth, MaxStringLen: lim.MaxStringLen, MaxEntries: lim.MaxEntries})
		})
	}
	if len(w.Evidence) > 0 && !bad("/evidence") {
		d.Evidence = resolvePart(res, "/evidence", w.Evidence, func(data []byte) (*maturity.Manifest, error) {
			return maturity.Decode(bytes.NewReader(data), &maturity.DecodeOptions{Catalog: cat, Limits: requirement.Limits(lim)})
		})
	}
	if len(w.TestRecords) > 0 && !bad("/test_records") {
		d.TestRecords = resolvePart(res, "/test_records", w.TestRecords, func(data []byte) (*[]annex.TestRecord, error) {
			recs, err := annex.DecodeTestRecords(bytes.NewReader(data), &annex.DecodeOptions{
				MaxBytes: lim.MaxBytes, MaxDepth: lim.MaxDepth, MaxStringLen: lim.MaxStringLen, MaxEntries: lim.MaxEntries})
			if err != nil {
				return nil, err
			}
			return &recs, nil
		})
	}
	if w.SBOM != nil && !bad("/sbom") {
		d.SBOM = res.sbom(w.SBOM.Path, w.SBOM.Format, w.SBOM.Inline)
	}
	if w.SoA != nil {
		d.SoA = SoAInput{Author: w.SoA.Author, Approver: w.SoA.Approver}
		var items []json.RawMessage
		if len(w.SoA.Overrides) > 0 && !badAt("/soa/overrides") && json.Unmarshal(w.SoA.Overrides, &items) == nil {
			// Each override is checked on its own, so that a schema
			// problem in one does not hide the problems of the others.
			seen := map[requirement.ID]int{}
			for i, raw := range items {
				if bad(fmt.Sprintf("/soa/overrides/%d", i)) {
					continue
				}
				var o soa.Override
				res.inline(fmt.Sprintf("/soa/overrides/%d", i), raw, &o)
				d.SoA.Overrides = append(d.SoA.Overrides, o)
				ptr := fmt.Sprintf("/soa/overrides/%d/requirement", i)
				switch prev, dup := seen[o.Requirement]; {
				case !cat.Has(o.Requirement):
					res.errs.Add(ptr, located.ErrUnknownID, "override of %q: catalog %q has no such requirement", o.Requirement, cat.Version())
				case dup:
					res.errs.Add(ptr, located.ErrDuplicate, "%s is overridden twice (also at /soa/overrides/%d): merge the overrides", o.Requirement, prev)
				}
				seen[o.Requirement] = i
			}
		}
		if len(w.SoA.Statement) > 0 && !bad("/soa/statement") {
			d.SoA.Statement = resolvePart(res, "/soa/statement", w.SoA.Statement, func(data []byte) (*soa.Statement, error) {
				return soa.Decode(bytes.NewReader(data), &soa.DecodeOptions{
					MaxBytes: lim.MaxBytes, MaxDepth: lim.MaxDepth, MaxStringLen: lim.MaxStringLen, MaxEntries: lim.MaxEntries})
			})
		}
	}
	if len(res.errs) > 0 {
		res.errs.Sort()
		return nil, fmt.Errorf("iec62443: dossier: %w", res.errs.Err())
	}
	return d, nil
}

// sbom reads (from its path) and parses the dossier's SBOM. A problem in the
// SBOM itself is located in the SBOM file, or under /sbom/inline.
func (res *resolver) sbom(ref, format string, inline json.RawMessage) SBOMRef {
	s := SBOMRef{Path: ref, Format: format}
	source, prefix := ref, ""
	if inline != nil {
		if format == "cyclonedx-xml" {
			res.errs.Add("/sbom/format", located.ErrInvalidValue, "an inline SBOM is JSON: use \"cyclonedx-json\" or \"spdx-json\", or give the XML file as sbom.path")
			return s
		}
		s.Inline, s.Data = inline, inline
		source, prefix = "", "/sbom/inline"
	} else {
		data, ok := res.read("/sbom/path", ref, res.opts.maxSBOM())
		if !ok {
			return s
		}
		s.Data = data
	}
	inv, err := s.parseWith(res.opts)
	if err != nil {
		res.add(source, prefix, err)
		return s
	}
	s.Inventory = inv
	return s
}

// edition decodes the dossier's edition (raw JSON; absent means A11). A bad
// value is one problem at /edition, replacing the schema's report of it, and
// the rest of the dossier is checked against the A11 catalog, as the
// message says.
func (res *resolver) edition(raw json.RawMessage) requirement.Edition {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return requirement.EditionA11
	}
	var s string
	var e requirement.Edition
	if json.Unmarshal(raw, &s) == nil && e.UnmarshalText([]byte(s)) == nil {
		return e
	}
	res.errs = slices.DeleteFunc(res.errs, func(e *located.Error) bool { return e.Source == "" && e.Pointer == "/edition" })
	res.errs.Add("/edition", located.ErrSchema, "unknown edition %.40s (want \"2018\" or \"A11\"): the rest of the dossier was checked against the A11 catalog", string(raw))
	return requirement.EditionA11
}

// add records err (a located list or any error) under pointer prefix, from
// source ("" for the dossier itself).
func (res *resolver) add(source, prefix string, err error) {
	var l problem.List
	if errors.As(err, &l) {
		res.errs.Append(located.Rebase(l, source, prefix))
		return
	}
	var e *problem.Error
	if errors.As(err, &e) {
		res.errs.Append(located.Rebase(problem.List{e}, source, prefix))
		return
	}
	kind := error(located.ErrInvalidValue)
	if errors.Is(err, problem.ErrUnknownID) {
		kind = located.ErrUnknownID
	}
	res.errs = append(res.errs, &located.Error{Source: source, Pointer: prefix, Message: err.Error(), Err: kind})
}

// inline decodes raw (already schema-checked as part of the dossier) into v.
func (res *resolver) inline(ptr string, raw json.RawMessage, v any) {
	if err := docjson.Unmarshal(raw, v); err != nil {
		res.add("", ptr, err)
	}
}

// read returns the content of the file ref names, checking the path.
func (res *resolver) read(ptr, ref string, limit int64) ([]byte, bool) {
	if res.fsys == nil {
		res.errs.Add(ptr, located.ErrDanglingReference, "%q: %v (pass an fs.FS to Load or Decode, or inline the document)", ref, ErrNoFS)
		return nil, false
	}
	if !fs.ValidPath(ref) || ref == "." {
		res.errs.Add(ptr, located.ErrInvalidValue, "%q is not a valid relative path (no leading /, no .. or . elements, no backslashes)", ref)
		return nil, false
	}
	if strings.Contains(ref, `\`) {
		res.errs.Add(ptr, located.ErrInvalidValue, "%q contains a backslash: use / as separator", ref)
		return nil, false
	}
	full := path.Join(res.dir, ref)
	f, err := res.fsys.Open(full)
	if err != nil {
		res.errs.Add(ptr, located.ErrDanglingReference, "cannot open %q: %v", ref, errors.Unwrap(err))
		return nil, false
	}
	defer f.Close()
	data, errs := docjson.ReadAll(f, docjson.Limits{MaxBytes: limit})
	if errs != nil {
		if errors.Is(errs.Err(), located.ErrLimit) {
			option := "MaxBytes"
			if ptr == "/sbom/path" {
				option = "MaxSBOMBytes"
			}
			errs = located.Errors{{Message: fmt.Sprintf("document is larger than the limit of %d bytes (raise %s in the LoadOptions)", limit, option), Err: located.ErrLimit}}
		}
		res.errs.Append(errs.Rebase(ref, ""))
		return nil, false
	}
	return data, true
}

// resolvePart decodes a part given inline (a JSON object or array) or as a
// path (a JSON string), with the part's own decoder.
func resolvePart[T any](res *resolver, ptr string, raw json.RawMessage, dec func([]byte) (*T, error)) Part[T] {
	var p Part[T]
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return p
	}
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &p.Path); err != nil {
			res.errs.Add(ptr, located.ErrSchema, "path: %v", err)
			return p
		}
		data, ok := res.read(ptr, p.Path, res.opts.maxBytes())
		if !ok {
			return p
		}
		if strings.HasSuffix(p.Path, ".yaml") || strings.HasSuffix(p.Path, ".yml") {
			j, errs := docjson.FromYAML(data, res.opts.limits())
			if errs != nil {
				res.errs.Append(errs.Rebase(p.Path, ""))
				return p
			}
			data = j
		}
		v, err := dec(data)
		if err != nil {
			res.add(p.Path, "", err)
			return p
		}
		p.Value = v
		return p
	}
	v, err := dec(raw)
	if err != nil {
		res.add("", ptr, err)
		return p
	}
	p.Value = v
	return p
}

// Encode writes the dossier as JSON: parts that came from files are written
// as their paths, inline parts inline, and SBOM data a program set without a
// path (see [SBOMRef.Data]) as the inline SBOM. The output validates against
// [DossierSchema] and decodes to the same dossier. An SBOM reference with no
// written form (CycloneDX XML data without a path, an inventory without
// data) is an error wrapping [problem.ErrInvalidValue]; d is not
// modified.
func Encode(w io.Writer, d *Dossier) error {
	if d == nil {
		return fmt.Errorf("iec62443: encode dossier: %w", problem.ErrInvalidValue)
	}
	c := *d
	var err error
	if c.SBOM, err = d.SBOM.forEncode(); err != nil {
		return fmt.Errorf("iec62443: encode dossier: %w", err)
	}
	b, err := docjson.Marshal(&c)
	if err != nil {
		return fmt.Errorf("iec62443: encode dossier: %w", err)
	}
	_, err = w.Write(b)
	return err
}
