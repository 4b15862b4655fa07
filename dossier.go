package iec62443

import (
	"bytes"
	"cmp"
	"context"
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
		schema.Resource{URL: soa.SchemaID, Data: soa.Schema()},
		schema.Resource{URL: VEXStatementsSchemaID, Data: vexSchemaJSON})
})

// DossierSchema returns the JSON Schema of dossiers, for publishing.
func DossierSchema() []byte { return bytes.Clone(dossierSchemaJSON) }

// Dossier is one product's compliance record: identity, the Annex B context,
// the risk register (with the intended use), the evidence manifest, test
// records, the SBOM, the statement-of-applicability input, the CVD policy,
// issued advisories, reportable events, documents of the technical
// documentation and the advisory snapshot with VEX statements. Large parts may live in separate
// files, referenced by a path relative to the dossier and resolved through
// the fs.FS the caller passes to [Load] or [Decode]; [Dossier.Paths] records
// which.
//
// A program may also build a dossier in code (see the package examples):
// set the parts and leave Paths empty, and [Encode] writes them inline.
type Dossier struct {
	// SchemaVersion must be [DossierSchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// Edition is the edition assessed against. Required: the zero value is
	// invalid (Decode reports it, Assess and Encode refuse it), as it is
	// everywhere in the SDK.
	Edition requirement.Edition `json:"edition"`
	// Product identifies the product and version assessed.
	Product Product `json:"product"`
	// Manufacturer identifies the manufacturer.
	Manufacturer Manufacturer `json:"manufacturer"`
	// Context is the Annex B product security context.
	Context annex.Context `json:"context"`
	// Register is the risk register with the intended use (package risk).
	// Required by [Assess].
	Register *risk.Register `json:"register"`
	// Evidence is the evidence manifest (package maturity); nil when the
	// dossier has none yet (maturity is then unknown, never assumed).
	Evidence *maturity.Manifest `json:"evidence,omitzero"`
	// TestRecords are the security test records (Annex D); empty when the
	// dossier has none (a finding).
	TestRecords []annex.TestRecord `json:"test_records,omitzero"`
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
	// TechnicalDocumentation lists documents of the technical
	// documentation under the point of CRA Annex VII each covers, for the
	// points the other parts do not carry (the EU declaration of
	// conformity, the design description); see [TechDocPoints].
	TechnicalDocumentation []TechDocDocument `json:"technical_documentation,omitzero"`
	// Monitoring is the advisory snapshot (OSV) that Assess matches against
	// the SBOM, with the manufacturer's VEX statements (A11 DM-10).
	Monitoring VulnerabilityMonitoring `json:"vulnerability_monitoring,omitzero"`
	// Paths records which parts came from files (the SBOM's file is
	// [SBOMRef.Path]). It is not part of the JSON form of the parts
	// themselves: [Encode] writes a part with a path as that path.
	Paths Paths `json:"-"`
}

// Paths records where the parts of a [Dossier] came from: for each part read
// from a file, the slash-separated path of that file relative to the
// dossier's directory in the fs.FS, as the dossier gives it; "" for a part
// given inline or set by a program. Load and Decode fill it; [Encode] writes
// a part with a path as that path (the file must then hold the part), and
// [Assess] names it as the document its findings locate
// ([FindingGroup.Document]).
type Paths struct {
	// Register is the file of [Dossier.Register].
	Register string
	// Evidence is the file of [Dossier.Evidence].
	Evidence string
	// TestRecords is the file of [Dossier.TestRecords].
	TestRecords string
	// Statement is the file of the given statement of applicability
	// ([SoAInput.Statement]).
	Statement string
	// OSV is the file or directory of the advisory snapshot
	// ([VulnerabilityMonitoring].OSV).
	OSV string
	// OSVRecords names the document of each record of the snapshot, in
	// order: its file ("osv/GHSA-xxxx.json"), a fragment of the file for a
	// record of an array ("osv.json#/3"), or a fragment of the dossier for
	// an inline record ("#/vulnerability_monitoring/osv/0"). Findings about
	// a record locate it there. [Encode] does not read it.
	OSVRecords []string
	// VEX is the file of the VEX statements ([VulnerabilityMonitoring].VEX).
	VEX string
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

// SBOMRef refers to the product's SBOM: a file (Path) or the document itself
// (Inline, a CycloneDX JSON or SPDX 2.3 JSON object). Load and Decode read
// and parse it, so that a malformed SBOM is a located problem of the dossier.
type SBOMRef struct {
	// Path is the SBOM file, relative to the dossier; "" when the SBOM is
	// inline or set by a program.
	Path string `json:"path,omitzero"`
	// Format is "cyclonedx-json", "cyclonedx-xml" or "spdx-json"; "" means
	// that the format is told from the content (sbom.Decode: CycloneDX
	// JSON or XML, SPDX JSON, tag-value or JSON-LD).
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

// format returns the SBOM's format, guessed when Format is "" (for
// [Encode], which must know whether the data can be written inline).
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

// parse reads the SBOM's content into an inventory, within the SBOM limits
// of opts (MaxSBOMBytes and MaxDepth; nil means the defaults).
func (s SBOMRef) parse(ctx context.Context, opts *LoadOptions) (*sbom.Inventory, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ro := &sbom.DecodeOptions{Limits: requirement.Limits{MaxBytes: opts.maxSBOM()}}
	if opts != nil {
		ro.Limits.MaxDepth, ro.Limits.MaxProblems = opts.MaxDepth, opts.MaxProblems
	}
	switch s.Format {
	case "":
		return sbom.Decode(ctx, bytes.NewReader(s.Data), ro)
	case "spdx-json":
		return sbom.DecodeSPDX(ctx, bytes.NewReader(s.Data), ro)
	case "cyclonedx-xml":
		return sbom.DecodeCycloneDX(ctx, bytes.NewReader(s.Data), sbom.EncodingXML, ro)
	default:
		return sbom.DecodeCycloneDX(ctx, bytes.NewReader(s.Data), sbom.EncodingJSON, ro)
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
// (Assess resolves the statement) or a complete statement to validate.
type SoAInput struct {
	// Author prepares the statement (for Resolve).
	Author string `json:"author,omitzero"`
	// Approver approved it; "" while unapproved.
	Approver string `json:"approver,omitzero"`
	// Overrides change individual decisions, with justifications.
	Overrides []soa.Override `json:"overrides,omitzero"`
	// Statement is a given statement of applicability; when set, Assess
	// validates it instead of resolving one. Its file, if it came from one,
	// is [Paths.Statement].
	Statement *soa.Statement `json:"statement,omitzero"`
}

// IsZero reports whether nothing is given.
func (s SoAInput) IsZero() bool {
	return s.Author == "" && s.Approver == "" && len(s.Overrides) == 0 && s.Statement == nil
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
//
// Each limit applies to the dossier and to each document it references (the
// register, the evidence manifest, the test records, a given statement of
// applicability, the VEX statements, each OSV record and the SBOM), every
// one counted on its own; a document over a limit is a located problem
// wrapping [problem.ErrLimit] in that document. An advisory snapshot is
// bounded as a whole too: MaxOSVBytes for its files together, MaxOSVFiles
// for the entries of its directory. A referenced file's size is checked before it is read, where
// the fs.FS can say (os.Root and os.DirFS can). A YAML document is
// measured after its conversion to JSON.
//
// What the options cannot bound is the work of the fs.FS itself: a caller
// that serves the files from a network or an archive bounds that source.
type LoadOptions struct {
	// Limits bound the dossier and each referenced document other than the
	// SBOM. Zero fields mean: MaxBytes DefaultMaxDossierBytes, MaxDepth 64,
	// MaxStringLen 1 MiB, MaxEntries 200,000, MaxProblems 1,000. MaxDepth
	// also bounds the SBOM (zero: 128, package sbom's default);
	// MaxStringLen and MaxEntries do not apply to it (its readers bound
	// size and depth). MaxProblems caps the problems one error lists, over
	// the dossier and all its parts together.
	requirement.Limits
	// MaxSBOMBytes limits the SBOM, referenced or inline (an inline SBOM is
	// also part of the dossier, within MaxBytes). Zero means
	// DefaultMaxSBOMBytes.
	MaxSBOMBytes int64
	// MaxOSVBytes limits the advisory snapshot given as a path: all its
	// files together. Zero means DefaultMaxOSVBytes.
	MaxOSVBytes int64
	// MaxOSVFiles limits the entries of an advisory snapshot directory,
	// whatever their kind; listing stops beyond it. Zero means
	// DefaultMaxOSVFiles.
	MaxOSVFiles int
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

func (o *LoadOptions) maxProblems() int {
	if o == nil {
		return 0
	}
	return o.MaxProblems
}

// limits returns the limits of the dossier and of its parts other than the
// SBOM, with the dossier's default size; other zero fields mean the
// decoders' defaults.
func (o *LoadOptions) limits() requirement.Limits {
	var l requirement.Limits
	if o != nil {
		l = o.Limits
	}
	l.MaxBytes = o.maxBytes()
	return l
}

// Load reads the dossier at name in fsys (JSON, or YAML when name ends in
// .yaml or .yml) and every file it references, relative to name's directory.
// Nothing outside fsys is read, and only regular files are read: a
// reference to a directory, FIFO, device or socket is a located problem
// (a FIFO would otherwise block the read for ever). The one directory a
// dossier may name is its advisory snapshot (vulnerability_monitoring.osv,
// see [VulnerabilityMonitoring]): its *.json entries are read as files,
// under the same rules. Each file is stat-ed
// before it is opened, so fsys should implement fs.StatFS (os.Root's and
// os.DirFS's do; fs.Stat falls back to opening the file otherwise).
// References must be fs.ValidPath paths (no "..", not absolute).
//
// Give a directory on disk as an os.Root, which keeps every path and
// symlink inside it (os.DirFS follows symlinks out of the directory):
//
//	root, err := os.OpenRoot(dir)
//	if err != nil { ... }
//	defer root.Close()
//	d, err := iec62443.Load(ctx, root.FS(), "dossier.json", nil)
//
// Every problem in the dossier and the referenced files is reported in one
// error: a [problem.List] wrapping [problem.ErrInvalidDocument], each
// problem located by its Source file (relative to the dossier's directory;
// "" for the dossier itself) and JSON pointer. A cancelled ctx stops the
// work between documents with ctx.Err().
func Load(ctx context.Context, fsys fs.FS, name string, opts *LoadOptions) (*Dossier, error) {
	if ctx == nil || fsys == nil {
		return nil, fmt.Errorf("iec62443: load %q: nil context or file system: %w", name, problem.ErrNilInput)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("iec62443: load %q: %w", name, err)
	}
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("iec62443: load %q: %w", name, err)
	}
	var errs located.Errors
	switch {
	case !fi.Mode().IsRegular():
		errs.Add("", problem.ErrInvalidValue, "%q is %s, not a regular file: name the dossier's file", name, fileKind(fi.Mode()))
	case fi.Size() > opts.maxBytes():
		errs.Add("", problem.ErrLimit, "document is larger than the limit of %d bytes (raise MaxBytes in the LoadOptions)", opts.maxBytes())
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("iec62443: load: %w", located.Rebase(errs.List(), name, ""))
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("iec62443: load %q: %w", name, err)
	}
	defer f.Close()
	yamlInput := strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
	return decode(ctx, f, fsys, path.Dir(name), yamlInput, opts)
}

// Decode reads a JSON dossier from r. Relative paths in it are resolved in
// fsys as [Load] resolves them; fsys may be nil when everything is inline (a
// reference is then a located problem wrapping
// [problem.ErrDanglingReference]). A cancelled ctx stops the work between
// documents with ctx.Err().
func Decode(ctx context.Context, r io.Reader, fsys fs.FS, opts *LoadOptions) (*Dossier, error) {
	return decode(ctx, r, fsys, ".", false, opts)
}

// DecodeYAML reads a YAML dossier from r: it is converted to JSON and then
// read exactly like [Decode], against the same schema. A key given twice in
// one mapping is an error wrapping [problem.ErrDuplicateKey] (as it is in
// JSON), whose message gives the line; other YAML syntax errors wrap
// [problem.ErrSyntax]. The same holds for YAML files the dossier
// references (names ending in .yaml or .yml).
func DecodeYAML(ctx context.Context, r io.Reader, fsys fs.FS, opts *LoadOptions) (*Dossier, error) {
	return decode(ctx, r, fsys, ".", true, opts)
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
	CVD                    CVD               `json:"cvd,omitzero"`
	Advisories             []Advisory        `json:"advisories,omitzero"`
	Events                 json.RawMessage   `json:"events,omitzero"`
	TechnicalDocumentation []TechDocDocument `json:"technical_documentation,omitzero"`
	Monitoring             *monitoringJSON   `json:"vulnerability_monitoring,omitzero"`
}

type resolver struct {
	ctx  context.Context
	fsys fs.FS
	dir  string
	opts *LoadOptions
	errs located.Errors
}

func decode(ctx context.Context, r io.Reader, fsys fs.FS, dir string, yamlInput bool, opts *LoadOptions) (*Dossier, error) {
	if ctx == nil || r == nil {
		return nil, fmt.Errorf("iec62443: dossier: nil context or reader: %w", problem.ErrNilInput)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("iec62443: dossier: %w", err)
	}
	lim := docjson.Limits(opts.limits())
	data, errs := docjson.ReadAll(r, lim)
	if errs != nil {
		return nil, fmt.Errorf("iec62443: dossier: %w", lim.Err(errs))
	}
	if yamlInput {
		j, errs := docjson.FromYAML(data, lim)
		if errs != nil {
			return nil, fmt.Errorf("iec62443: dossier: %w", lim.Err(errs))
		}
		data = j
	}
	// The schema problems of the dossier are collected, and the parts are
	// still resolved when the dossier's structure allows it, so that one run
	// reports the problems of every document.
	tree, perrs := docjson.Parse(data, lim)
	if perrs != nil {
		return nil, fmt.Errorf("iec62443: dossier: %w", lim.Err(perrs))
	}
	res := &resolver{ctx: ctx, fsys: fsys, dir: dir, opts: opts}
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
		CVD: w.CVD, Advisories: w.Advisories, TechnicalDocumentation: w.TechnicalDocumentation,
	}
	d.Edition = res.edition(w.Edition)
	// The parts are checked against the dossier's edition; without a
	// (valid) one, against A11, as the problem at /edition says.
	cat, err := requirement.ForEdition(cmp.Or(d.Edition, requirement.EditionA11))
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
	plim := opts.limits()
	if !bad("/register") {
		d.Register, d.Paths.Register = resolvePart(res, "/register", w.Register, func(data []byte) (*risk.Register, error) {
			return risk.Decode(bytes.NewReader(data), &risk.DecodeOptions{Catalog: cat, Limits: plim})
		})
	}
	if len(w.Evidence) > 0 && !bad("/evidence") {
		d.Evidence, d.Paths.Evidence = resolvePart(res, "/evidence", w.Evidence, func(data []byte) (*maturity.Manifest, error) {
			return maturity.Decode(bytes.NewReader(data), &maturity.DecodeOptions{Catalog: cat, Limits: plim})
		})
	}
	if len(w.TestRecords) > 0 && !bad("/test_records") {
		var recs *[]annex.TestRecord
		recs, d.Paths.TestRecords = resolvePart(res, "/test_records", w.TestRecords, func(data []byte) (*[]annex.TestRecord, error) {
			recs, err := annex.DecodeTestRecords(bytes.NewReader(data), &annex.DecodeOptions{Limits: plim})
			return &recs, err
		})
		if recs != nil {
			d.TestRecords = *recs
		}
	}
	if w.SBOM != nil && !bad("/sbom") && res.live() {
		d.SBOM = res.sbom(w.SBOM.Path, w.SBOM.Format, w.SBOM.Inline)
	}
	if w.Monitoring != nil && !bad("/vulnerability_monitoring") && res.live() {
		res.monitoring(d, w.Monitoring)
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
					res.errs.Add(ptr, problem.ErrUnknownID, "override of %q: catalog %q has no such requirement", o.Requirement, cat.Version())
				case dup:
					res.errs.Add(ptr, problem.ErrDuplicate, "%s is overridden twice (also at /soa/overrides/%d): merge the overrides", o.Requirement, prev)
				}
				seen[o.Requirement] = i
			}
		}
		if len(w.SoA.Statement) > 0 && !bad("/soa/statement") {
			d.SoA.Statement, d.Paths.Statement = resolvePart(res, "/soa/statement", w.SoA.Statement, func(data []byte) (*soa.Statement, error) {
				return soa.Decode(bytes.NewReader(data), &soa.DecodeOptions{Limits: plim})
			})
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("iec62443: dossier: %w", err)
	}
	if len(res.errs) > 0 {
		res.errs.Sort()
		return nil, fmt.Errorf("iec62443: dossier: %w", res.errs.ErrMax(opts.maxProblems()))
	}
	return d, nil
}

// live reports whether the work may go on: false once ctx is cancelled
// (decode then returns ctx.Err()).
func (res *resolver) live() bool { return res.ctx.Err() == nil }

// sbom reads (from its path) and parses the dossier's SBOM. A problem in the
// SBOM itself is located in the SBOM file, or under /sbom/inline.
func (res *resolver) sbom(ref, format string, inline json.RawMessage) SBOMRef {
	s := SBOMRef{Path: ref, Format: format}
	source, prefix := ref, ""
	if inline != nil {
		if format == "cyclonedx-xml" {
			res.errs.Add("/sbom/format", problem.ErrInvalidValue, "an inline SBOM is JSON: use \"cyclonedx-json\" or \"spdx-json\", or give the XML file as sbom.path")
			return s
		}
		s.Inline, s.Data = inline, inline
		source, prefix = "", "/sbom/inline"
	} else {
		data, ok := res.read("/sbom/path", ref, res.opts.maxSBOM(), "MaxSBOMBytes")
		if !ok {
			return s
		}
		s.Data = data
	}
	inv, err := s.parse(res.ctx, res.opts)
	if err != nil {
		if res.live() {
			res.add(source, prefix, err)
		}
		return s
	}
	s.Inventory = inv
	return s
}

// edition decodes the dossier's edition (raw JSON). A missing edition is
// reported by the schema (it is required); a bad value is one problem at
// /edition, replacing the schema's report of it. The rest of the dossier is
// then checked against the A11 catalog, as the message says.
func (res *resolver) edition(raw json.RawMessage) requirement.Edition {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	var s string
	var e requirement.Edition
	if json.Unmarshal(raw, &s) == nil && e.UnmarshalText([]byte(s)) == nil && e.Valid() {
		return e
	}
	res.errs = slices.DeleteFunc(res.errs, func(e *located.Error) bool { return e.Source == "" && e.Pointer == "/edition" })
	res.errs.Add("/edition", problem.ErrUnknownEdition, "unknown edition %.40s (want \"2018\" or \"A11\"): the rest of the dossier was checked against the A11 catalog", string(raw))
	return 0
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
	kind := problem.ErrInvalidValue
	if errors.Is(err, problem.ErrUnknownID) {
		kind = problem.ErrUnknownID
	}
	res.errs = append(res.errs, &located.Error{Source: source, Pointer: prefix, Message: err.Error(), Err: kind})
}

// inline decodes raw (already schema-checked as part of the dossier) into v.
func (res *resolver) inline(ptr string, raw json.RawMessage, v any) {
	if err := docjson.Unmarshal(raw, v); err != nil {
		res.add("", ptr, err)
	}
}

// read returns the content of the file ref names, checking the path, the
// kind of file and its size before reading it. A bad reference is a problem
// of the referencing document (the dossier, at ptr); a file over the limit
// (option names the LoadOptions field to raise) is a problem of that file.
// Messages name the file by ref, relative to the dossier, never by a host
// path.
func (res *resolver) read(ptr, ref string, limit int64, option string) ([]byte, bool) {
	if !res.live() {
		return nil, false
	}
	if res.fsys == nil {
		res.errs.Add(ptr, problem.ErrDanglingReference, "%q: no file system to resolve references (pass an fs.FS to Load or Decode, or inline the document)", ref)
		return nil, false
	}
	if !fs.ValidPath(ref) || ref == "." {
		res.errs.Add(ptr, problem.ErrInvalidValue, "%q is not a valid relative path (no leading /, no .. or . elements, no backslashes)", ref)
		return nil, false
	}
	if strings.Contains(ref, `\`) {
		res.errs.Add(ptr, problem.ErrInvalidValue, "%q contains a backslash: use / as separator", ref)
		return nil, false
	}
	full := path.Join(res.dir, ref)
	fi, err := fs.Stat(res.fsys, full)
	if err != nil {
		res.errs.Add(ptr, problem.ErrDanglingReference, "cannot open %q: %s", ref, fsErrText(err))
		return nil, false
	}
	if !fi.Mode().IsRegular() {
		res.errs.Add(ptr, problem.ErrInvalidValue, "%q is %s, not a regular file: name a file", ref, fileKind(fi.Mode()))
		return nil, false
	}
	tooLarge := located.Errors{{Source: ref, Message: fmt.Sprintf("document is larger than the limit of %d bytes (raise %s in the LoadOptions)", limit, option), Err: problem.ErrLimit}}
	if fi.Size() > limit {
		res.errs.Append(tooLarge.List())
		return nil, false
	}
	f, err := res.fsys.Open(full)
	if err != nil {
		res.errs.Add(ptr, problem.ErrDanglingReference, "cannot open %q: %s", ref, fsErrText(err))
		return nil, false
	}
	defer f.Close()
	// The file may have grown since: the read is bounded too.
	data, errs := docjson.ReadAll(f, docjson.Limits{MaxBytes: limit})
	if errs != nil {
		if errors.Is(errs.Err(), problem.ErrLimit) {
			errs = tooLarge
		}
		res.errs.Append(errs.Rebase(ref, ""))
		return nil, false
	}
	return data, true
}

// fileKind names the kind of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// fsErrText is the text of a file system error without the path it names
// (the caller names the file by its reference), such as "file does not
// exist" or "path escapes from parent".
func fsErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// resolvePart decodes a part given inline (a JSON object or array) or as a
// path (a JSON string), with the part's own decoder. It returns the value
// (nil when absent or unreadable) and the path ("" when inline).
func resolvePart[T any](res *resolver, ptr string, raw json.RawMessage, dec func([]byte) (*T, error)) (*T, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) || !res.live() {
		return nil, ""
	}
	if raw[0] != '"' {
		v, err := dec(raw)
		if err != nil {
			res.add("", ptr, err)
			return nil, ""
		}
		return v, ""
	}
	var ref string
	if err := json.Unmarshal(raw, &ref); err != nil {
		res.errs.Add(ptr, problem.ErrSchema, "path: %v", err)
		return nil, ""
	}
	data, ok := res.read(ptr, ref, res.opts.maxBytes(), "MaxBytes")
	if !ok {
		return nil, ref
	}
	if strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		j, errs := docjson.FromYAML(data, docjson.Limits(res.opts.limits()))
		if errs != nil {
			res.errs.Append(errs.Rebase(ref, ""))
			return nil, ref
		}
		data = j
	}
	v, err := dec(data)
	if err != nil {
		res.add(ref, "", err)
		return nil, ref
	}
	return v, ref
}

// dossierOut is the written form of a dossier: each part is its path, or
// the part inline.
type dossierOut struct {
	SchemaVersion string              `json:"schema_version"`
	Edition       requirement.Edition `json:"edition"`
	Product       Product             `json:"product"`
	Manufacturer  Manufacturer        `json:"manufacturer"`
	Context       annex.Context       `json:"context"`
	Register      any                 `json:"register"`
	Evidence      any                 `json:"evidence,omitempty"`
	TestRecords   any                 `json:"test_records,omitempty"`
	SBOM          SBOMRef             `json:"sbom,omitzero"`
	SoA           *soaOut             `json:"soa,omitempty"`
	CVD           CVD                 `json:"cvd,omitzero"`
	Advisories    []Advisory          `json:"advisories,omitzero"`
	Events        []annex.Event       `json:"events,omitzero"`
	TechDocs      []TechDocDocument   `json:"technical_documentation,omitzero"`
	Monitoring    *monitoringOut      `json:"vulnerability_monitoring,omitempty"`
}

type soaOut struct {
	Author    string         `json:"author,omitzero"`
	Approver  string         `json:"approver,omitzero"`
	Overrides []soa.Override `json:"overrides,omitzero"`
	Statement any            `json:"statement,omitempty"`
}

// pathOr returns the path when it is set, v when v is non-nil, and nil
// (member omitted) otherwise.
func pathOr[T any](p string, v *T) any {
	switch {
	case p != "":
		return p
	case v != nil:
		return v
	}
	return nil
}

// Encode writes the dossier as JSON: parts with a path in [Dossier.Paths]
// are written as their paths, the others inline, and SBOM data a program set
// without a path (see [SBOMRef.Data]) as the inline SBOM. The output
// validates against [DossierSchema] and decodes to the same dossier. A nil
// dossier wraps [problem.ErrNilInput]; a zero edition wraps
// [problem.ErrUnknownEdition]; a dossier without a register, or an SBOM
// reference with no written form (CycloneDX XML data without a path, an
// inventory without data), wraps [problem.ErrInvalidValue]. d is not
// modified, and nothing is written on error.
func Encode(w io.Writer, d *Dossier) error {
	if d == nil || w == nil {
		return fmt.Errorf("iec62443: encode dossier: nil dossier or writer: %w", problem.ErrNilInput)
	}
	if !d.Edition.Valid() {
		return fmt.Errorf("iec62443: encode dossier: edition %s: set Edition (2018 or A11): %w", d.Edition, problem.ErrUnknownEdition)
	}
	if d.Register == nil && d.Paths.Register == "" {
		return fmt.Errorf("iec62443: encode dossier: no register (set Register, or Paths.Register): %w", problem.ErrInvalidValue)
	}
	out := dossierOut{
		SchemaVersion: d.SchemaVersion, Edition: d.Edition, Product: d.Product, Manufacturer: d.Manufacturer,
		Context: d.Context, Register: pathOr(d.Paths.Register, d.Register), Evidence: pathOr(d.Paths.Evidence, d.Evidence),
		CVD: d.CVD, Advisories: d.Advisories, Events: d.Events, TechDocs: d.TechnicalDocumentation,
	}
	switch {
	case d.Paths.TestRecords != "":
		out.TestRecords = d.Paths.TestRecords
	case d.TestRecords != nil:
		out.TestRecords = d.TestRecords
	}
	if !d.SoA.IsZero() || d.Paths.Statement != "" {
		out.SoA = &soaOut{Author: d.SoA.Author, Approver: d.SoA.Approver, Overrides: d.SoA.Overrides,
			Statement: pathOr(d.Paths.Statement, d.SoA.Statement)}
	}
	var err error
	if out.SBOM, err = d.SBOM.forEncode(); err != nil {
		return fmt.Errorf("iec62443: encode dossier: %w", err)
	}
	if out.Monitoring, err = monitoringForEncode(d); err != nil {
		return fmt.Errorf("iec62443: encode dossier: %w", err)
	}
	b, err := docjson.Marshal(&out)
	if err != nil {
		return fmt.Errorf("iec62443: encode dossier: %w", err)
	}
	_, err = w.Write(b)
	return err
}
