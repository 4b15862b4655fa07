package sbom

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Property names used for inventory fields that CycloneDX has no field for.
// The bsi: names are those of BSI TR-03183-2; the iec62443: names are this
// SDK's (CycloneDX properties are free-form name/value pairs).
const (
	// PropFilename holds Component.Filename.
	PropFilename = "bsi:component:filename"
	// PropExecutable holds Component.Executable: "executable" or "non-executable".
	PropExecutable = "bsi:component:executable"
	// PropArchive holds Component.Archive: "archive" or "no archive".
	PropArchive = "bsi:component:archive"
	// PropStructured holds Component.Structured: "structured" or "unstructured".
	PropStructured = "bsi:component:structured"
	// PropEffectiveLicense holds Component.EffectiveLicense.
	PropEffectiveLicense = "bsi:component:effectiveLicense"
	// PropOrigin holds Component.Origin: "first-party", "third-party" or "open-source".
	PropOrigin = "iec62443:component:origin"
	// PropEndOfSupport holds Component.EndOfSupport (YYYY-MM-DD).
	PropEndOfSupport = "iec62443:component:end-of-support"
	// PropFirmwareVersion holds Component.FirmwareVersion.
	PropFirmwareVersion = "iec62443:component:firmware-version"
)

// flag property values: [FlagYes, FlagNo] per property.
var flagValues = map[string][2]string{
	PropExecutable: {"executable", "non-executable"},
	PropArchive:    {"archive", "no archive"},
	PropStructured: {"structured", "unstructured"},
}

// cdxOrigin is the CycloneDX document an inventory was read from, kept
// for augmenting writes as compact JSON (the bytes read, or the JSON form
// of an XML document) rather than as the decoded tree, which takes many
// times the memory.
type cdxOrigin struct {
	json []byte
	spec cdx.SpecVersion
}

// decode returns a fresh copy of the original document.
func (o *cdxOrigin) decode() (*cdx.BOM, error) {
	bom := new(cdx.BOM)
	if err := json.Unmarshal(o.json, bom); err != nil {
		return nil, fmt.Errorf("sbom: encode CycloneDX: re-reading the original document: %w", err)
	}
	bom.SpecVersion = o.spec
	return bom, nil
}

// DecodeOptions tunes the decoders of this package ([DecodeCycloneDX],
// [DecodeSPDX], [DecodeOSV], [CheckCycloneDX], [ValidateCSAFVEX]). A nil
// *DecodeOptions means the defaults.
type DecodeOptions struct {
	// Limits bounds the input. Each zero field means the SBOM default:
	// DefaultMaxBytes (512 MiB), DefaultMaxDepth (128), DefaultMaxStringLen
	// (64 MiB), DefaultMaxEntries (1,048,576) and DefaultMaxProblems
	// (1,000), larger than the defaults of the SDK's other decoders.
	Limits requirement.Limits
	// SkipSchema turns off validation against the official schema of the
	// format version the document declares, for callers who validated
	// already; the rule sbom.schema-valid is then not applicable. False
	// (the default) validates.
	SkipSchema bool
	// NoAugment leaves out the copy of a CycloneDX document that an
	// inventory keeps so that [EncodeCycloneDX] can augment it (compact
	// JSON, about the size of the document), for callers that only read or
	// check the inventory: the JSON then streams from the reader to the
	// decoder and is never held whole. EncodeCycloneDX refuses such an
	// inventory (it would drop what the inventory does not model);
	// [EncodeSPDX] writes it. False (the default) keeps the copy.
	NoAugment bool
}

func (o *DecodeOptions) limits() requirement.Limits {
	if o == nil {
		return withDefaults(requirement.Limits{})
	}
	return withDefaults(o.Limits)
}

// DecodeCycloneDX reads a CycloneDX BOM (spec 1.4 or newer; JSON or XML)
// from r into an [Inventory]. The inventory keeps the original document
// (as compact JSON) so that [EncodeCycloneDX] can augment it. Malformed
// input (located by JSON pointer, line and byte offset; XML by line),
// duplicate keys (also keys that differ only in letter case, which a
// decoder would read as one), input over the limits, duplicate bom-refs and
// dependencies on unknown refs are errors (problem.List, every problem
// located). A leading UTF-8 byte-order mark is ignored. When ctx is
// cancelled, DecodeCycloneDX stops and returns ctx.Err().
func DecodeCycloneDX(ctx context.Context, r io.Reader, enc Encoding, opts *DecodeOptions) (*Inventory, error) {
	return decodeInventory(ctx, r, enc, opts, true)
}

// decodeInventory reads a CycloneDX BOM into an inventory; keep says
// whether the inventory keeps the original document for augmenting.
func decodeInventory(ctx context.Context, r io.Reader, enc Encoding, opts *DecodeOptions, keep bool) (*Inventory, error) {
	if err := checkArgs(ctx, r); err != nil {
		return nil, fmt.Errorf("sbom: decode CycloneDX: %w", err)
	}
	sr := opts.schemaTarget()
	keep = keep && (opts == nil || !opts.NoAugment)
	bom, comps, data, err := decodeCycloneDX(ctx, r, enc, opts.limits(), sr, keep)
	if err != nil {
		return nil, err
	}
	var orig *cdxOrigin
	if keep {
		if data == nil { // XML: keep its JSON form
			if data, err = json.Marshal(bom); err != nil {
				return nil, fmt.Errorf("sbom: decode CycloneDX: %w", err)
			}
		}
		orig = &cdxOrigin{json: data, spec: bom.SpecVersion}
	}
	// data is not used below: when it is not kept, the collector may take
	// it while the inventory is built.
	inv, err := inventoryFromCDX(ctx, bom, comps, opts.limits().MaxProblems)
	if inv != nil {
		inv.orig = orig
		inv.schema = sr
		inv.noAugment = opts != nil && opts.NoAugment
	}
	return inv, err
}

// checkArgs rejects a nil context or reader.
func checkArgs(ctx context.Context, r io.Reader) error {
	switch {
	case ctx == nil:
		return fmt.Errorf("nil context: %w", problem.ErrNilInput)
	case r == nil:
		return fmt.Errorf("nil reader: %w", problem.ErrNilInput)
	}
	return ctx.Err()
}

// checkWriter rejects a nil writer or inventory.
func checkWriter(w io.Writer, inv *Inventory) error {
	switch {
	case w == nil:
		return fmt.Errorf("nil writer: %w", problem.ErrNilInput)
	case inv == nil:
		return fmt.Errorf("nil inventory: %w", problem.ErrNilInput)
	}
	return nil
}

// cdxXMLNamespaces maps the namespace of a CycloneDX XML document to its
// spec version.
var cdxXMLNamespaces = func() map[string]cdx.SpecVersion {
	m := map[string]cdx.SpecVersion{}
	for v := cdx.SpecVersion1_0; v <= cdx.SpecVersion1_7; v++ {
		m["http://cyclonedx.org/schema/bom/"+v.String()] = v
	}
	return m
}()

// decodeCycloneDX decodes the BOM; when sr is not nil, it also validates
// the document against its official schema into *sr. keep says whether
// the caller keeps the JSON document: then it is read whole first and
// returned beside the BOM (nil for XML); otherwise JSON streams from r to
// the decoder, and no copy of the document is held. The components of
// JSON become inventory components as they stream (comps; the BOM has no
// Components then), those of XML stay in the BOM (comps nil).
func decodeCycloneDX(ctx context.Context, r io.Reader, enc Encoding, lim requirement.Limits, sr *schemaResult, keep bool) (bom *cdx.BOM, comps *[]Component, data []byte, err error) {
	bom = new(cdx.BOM)
	switch enc {
	case EncodingJSON:
		const format = "CycloneDX JSON"
		lr := newLimitReader(r, lim, true).named(format)
		// The decoder reads a component at a time, in small reads: the
		// buffer lets the checker scan large chunks.
		var src io.Reader = bufio.NewReaderSize(lr, 64<<10)
		if keep {
			var err error
			if data, err = lr.readAll(); err != nil {
				return nil, nil, nil, readError(format, err)
			}
			src = bytes.NewReader(data)
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, err
		}
		var res schemaResult
		bom, comps, res, err = streamCycloneDX(ctx, src, data, sr != nil)
		if cerr := ctx.Err(); cerr != nil {
			return nil, nil, nil, cerr
		}
		if !keep {
			// The checker has not seen the rest of the document when the
			// decoder stopped early: let it, its problem comes first (a
			// syntax error or limit beats a type error), and trailing
			// data is refused.
			if lr.err == nil {
				_, _ = io.Copy(io.Discard, lr)
			}
			if lr.err != nil {
				return nil, nil, nil, readError(format, lr.err)
			}
		}
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, nil, nil, readError(format, err)
			}
			return nil, nil, nil, jsonDecodeError(format, data, err)
		}
		if sr != nil {
			*sr = res
		}
	case EncodingXML:
		const format = "CycloneDX XML"
		lr := newLimitReader(r, lim, false).named(format)
		dec, _ := newXMLLimiter(lr, lim, format)
		if err := dec.Decode(bom); err != nil {
			if lr.err != nil {
				err = lr.err
			}
			if errors.Is(err, io.EOF) && lr.n <= int64(len(utf8BOM)) {
				var errs located.Errors
				errs.Add("", problem.ErrSyntax, "%s: empty document (no XML element)", format)
				return nil, nil, nil, errs.Err()
			}
			return nil, nil, nil, readError(format, err)
		}
		bom.SpecVersion = cdxXMLNamespaces[bom.XMLNS]
	default:
		return nil, nil, nil, fmt.Errorf("sbom: decode CycloneDX: encoding %v: %w", enc, problem.ErrInvalidValue)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	if bom.SpecVersion < cdx.SpecVersion1_4 {
		var errs located.Errors
		ptr := "/specVersion"
		if bom.SpecVersion == 0 {
			errs.Add(ptr, ErrUnsupportedFormat, "not a CycloneDX document, or an unknown spec version (want 1.4 to 1.7)")
		} else {
			errs.Add(ptr, ErrUnsupportedFormat, "CycloneDX %s is not supported (want 1.4 to 1.7; upgrade the BOM)", bom.SpecVersion)
		}
		return nil, nil, nil, errs.Err()
	}
	if sr != nil && enc == EncodingXML {
		res, err := validateCycloneDX(ctx, nil, bom)
		if err != nil {
			return nil, nil, nil, err
		}
		*sr = res
	}
	return bom, comps, data, nil
}

// jsonDecodeError locates an error of encoding/json on a document the
// limitReader found well formed: a value of the wrong type, or a value
// cyclonedx-go refuses (an unknown spec version).
func jsonDecodeError(format string, data []byte, err error) error {
	var errs located.Errors
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		ptr := ""
		if te.Field != "" {
			ptr = "/" + strings.ReplaceAll(te.Field, ".", "/")
		}
		line := 0
		if data != nil {
			line = lineAt(data, te.Offset)
		}
		errs = append(errs, &problem.Error{Pointer: ptr, Line: line, Offset: te.Offset, Err: problem.ErrSchema,
			Message: fmt.Sprintf("%s: want %s, got JSON %s", format, te.Type, te.Value)})
	case errors.Is(err, cdx.ErrInvalidSpecVersion):
		errs.Add("/specVersion", ErrUnsupportedFormat, "%s: unknown spec version (want 1.4 to 1.7)", format)
	default:
		errs.Add("", problem.ErrSchema, "%s: %v", format, err)
	}
	return errs.Err()
}

// refIndex maps refs to component positions; -1 is the subject.
type refIndex map[string]int

// inventoryFromCDX builds the inventory of bom. comps, when not nil, are
// its components, built already (as the JSON stream read them); otherwise
// they are built from bom.Components.
func inventoryFromCDX(ctx context.Context, bom *cdx.BOM, comps *[]Component, maxProblems int) (*Inventory, error) {
	inv := &Inventory{
		Format:       FormatCycloneDX,
		SpecVersion:  bom.SpecVersion.String(),
		SerialNumber: bom.SerialNumber,
		Version:      bom.Version,
	}
	if bom.Vulnerabilities != nil {
		inv.Vulnerabilities = len(*bom.Vulnerabilities)
	}
	var errs located.Errors
	n := 0
	switch {
	case comps != nil:
		n = len(*comps)
	case bom.Components != nil:
		n = countComponents(*bom.Components)
	}
	refs := make(refIndex, n+1)
	if m := bom.Metadata; m != nil {
		inv.Timestamp = m.Timestamp
		inv.tools = cdxTools(m)
		if m.Authors != nil {
			for _, a := range *m.Authors {
				inv.Authors = append(inv.Authors, Party{Name: a.Name, Email: a.Email})
			}
		}
		inv.Manufacturer = partyFromEntity(m.Manufacturer)
		if m.Manufacturer == nil {
			inv.Manufacturer = partyFromEntity(m.Manufacture)
		}
		if m.Component != nil {
			c := componentFromCDX(m.Component, "/metadata/component", "")
			inv.Subject = &c
			if c.Ref != "" {
				refs[c.Ref] = -1
			}
		}
	}
	switch {
	case comps != nil:
		inv.Components = *comps
	case bom.Components != nil:
		inv.Components = make([]Component, 0, n)
		walkCDX(*bom.Components, "/components", "", func(c *cdx.Component, ptr, parent string) {
			inv.Components = inv.Components[:len(inv.Components)+1]
			fillComponent(&inv.Components[len(inv.Components)-1], c, ptr, parent)
		})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i := range inv.Components {
		c := &inv.Components[i]
		if c.Ref == "" {
			continue
		}
		if _, dup := refs[c.Ref]; dup {
			errs.Add(jsonptr.Append(c.Pointer, "bom-ref"), problem.ErrDuplicate, "bom-ref %q is used by more than one component (bom-refs must be unique)", clip(c.Ref))
			continue
		}
		refs[c.Ref] = i
	}
	known := func(ref string) bool {
		_, ok := refs[ref]
		return ok
	}
	// Other refs a dependency may name: services, and the nested
	// components of metadata.component (kept, not modelled).
	services := map[string]bool{}
	if bom.Services != nil {
		walkServices(*bom.Services, func(ref string) { services[ref] = true })
	}
	if m := bom.Metadata; m != nil && m.Component != nil && m.Component.Components != nil {
		walkCDX(*m.Component.Components, "/metadata/component/components", "", func(c *cdx.Component, _, _ string) {
			if c.BOMRef != "" {
				services[c.BOMRef] = true
			}
		})
	}
	if bom.Dependencies != nil {
		seenService := map[string]bool{}
		for i, d := range *bom.Dependencies {
			if i%cancelEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			c := inv.byIndex(refs, d.Ref)
			switch {
			case c == nil && !services[d.Ref]:
				errs.Add(jsonptr.Append(jsonptr.Index("/dependencies", i), "ref"), problem.ErrDanglingReference, "dependency entry for %q, which no component or service has as bom-ref (add it or remove the entry)", clip(d.Ref))
				continue
			case (c != nil && c.HasDependencies) || (c == nil && seenService[d.Ref]):
				errs.Add(jsonptr.Append(jsonptr.Index("/dependencies", i), "ref"), problem.ErrDuplicate, "more than one dependency entry for %q (merge them)", clip(d.Ref))
				continue
			case c == nil:
				seenService[d.Ref] = true
			}
			var deps []string
			if d.Dependencies != nil {
				deps = *d.Dependencies
				for j, dep := range deps {
					if !known(dep) && !services[dep] {
						errs.Add(jsonptr.Index(jsonptr.Append(jsonptr.Index("/dependencies", i), "dependsOn"), j), problem.ErrDanglingReference, "%q depends on %q, which no component or service has as bom-ref", clip(d.Ref), clip(dep))
					}
				}
			}
			if c != nil {
				c.HasDependencies = true
				if len(deps) > 0 {
					c.DependsOn = slices.Clone(deps)
				}
			}
		}
	}
	for ref, cp := range compositionCompleteness(bom.Compositions) {
		if c := inv.byIndex(refs, ref); c != nil {
			c.DependenciesComplete = cp
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs.ErrMax(maxProblems)
	}
	return inv, nil
}

func (inv *Inventory) byIndex(refs refIndex, ref string) *Component {
	i, ok := refs[ref]
	switch {
	case !ok:
		return nil
	case i < 0:
		return inv.Subject
	default:
		return &inv.Components[i]
	}
}

func aggregateFor(c Completeness) cdx.CompositionAggregate {
	switch c {
	case CompletenessComplete:
		return cdx.CompositionAggregateComplete
	case CompletenessIncomplete:
		return cdx.CompositionAggregateIncomplete
	case CompletenessUnknown:
		return cdx.CompositionAggregateUnknown
	}
	return ""
}

func countComponents(cs []cdx.Component) int {
	n := len(cs)
	for i := range cs {
		if cs[i].Components != nil {
			n += countComponents(*cs[i].Components)
		}
	}
	return n
}

// walkCDX visits components depth first with their pointers and the Ref of
// their parent.
func walkCDX(cs []cdx.Component, base, parent string, f func(c *cdx.Component, ptr, parent string)) {
	for i := range cs {
		ptr := jsonptr.Index(base, i)
		f(&cs[i], ptr, parent)
		if cs[i].Components != nil {
			walkCDX(*cs[i].Components, ptr+"/components", cs[i].BOMRef, f)
		}
	}
}

func walkServices(ss []cdx.Service, f func(ref string)) {
	for i := range ss {
		if ss[i].BOMRef != "" {
			f(ss[i].BOMRef)
		}
		if ss[i].Services != nil {
			walkServices(*ss[i].Services, f)
		}
	}
}

func partyFromEntity(e *cdx.OrganizationalEntity) Party {
	if e == nil {
		return Party{}
	}
	p := Party{Name: e.Name}
	if e.URL != nil && len(*e.URL) > 0 {
		p.URL = (*e.URL)[0]
	}
	if e.Contact != nil {
		for _, c := range *e.Contact {
			if c.Email != "" {
				p.Email = c.Email
				break
			}
		}
	}
	return p
}

func componentFromCDX(c *cdx.Component, ptr, parent string) Component {
	var out Component
	fillComponent(&out, c, ptr, parent)
	return out
}

// fillComponent sets the zero Component out from c.
func fillComponent(out *Component, c *cdx.Component, ptr, parent string) {
	*out = Component{
		Ref:     c.BOMRef,
		Type:    string(c.Type),
		Group:   c.Group,
		Name:    c.Name,
		Version: c.Version,
		PURL:    c.PackageURL,
		CPE:     c.CPE,
		Parent:  parent,
		Pointer: ptr,
	}
	out.Supplier = partyFromEntity(c.Supplier)
	out.Creator = creatorFromCDX(c)
	if c.SWID != nil {
		out.SWID = &SWID{TagID: c.SWID.TagID, Name: c.SWID.Name, Version: c.SWID.Version}
	}
	if c.Hashes != nil && len(*c.Hashes) > 0 {
		out.Hashes = make([]Hash, len(*c.Hashes))
		for i, h := range *c.Hashes {
			out.Hashes[i] = Hash{Algorithm: string(h.Algorithm), Value: h.Value}
		}
	}
	out.Hashes = appendDistributionHashes(out.Hashes, c)
	out.Licenses = licensesFromCDX(c.Licenses)
	if c.ExternalReferences != nil {
		out.SourceURI = firstRef(*c.ExternalReferences, cdx.ERTypeVCS, cdx.ERTypeSourceDistribution)
		out.DeployableURI = firstRef(*c.ExternalReferences, cdx.ERTypeDistribution)
		out.SecurityTxtURL = firstRef(*c.ExternalReferences, cdx.ERTypeRFC9116)
	}
	if c.Properties != nil {
		for _, p := range *c.Properties {
			switch p.Name {
			case PropFilename:
				setOnce(&out.Filename, p.Value)
			case PropEffectiveLicense:
				setOnce(&out.EffectiveLicense, p.Value)
			case PropEndOfSupport:
				setOnce(&out.EndOfSupport, p.Value)
			case PropFirmwareVersion:
				setOnce(&out.FirmwareVersion, p.Value)
			case PropOrigin:
				if out.Origin == 0 {
					_ = out.Origin.UnmarshalText([]byte(p.Value)) // invalid: stays unknown
				}
			case PropExecutable:
				setFlag(&out.Executable, p)
			case PropArchive:
				setFlag(&out.Archive, p)
			case PropStructured:
				setFlag(&out.Structured, p)
			}
		}
	}
}

func creatorFromCDX(c *cdx.Component) Party {
	if c.Manufacturer != nil {
		return partyFromEntity(c.Manufacturer)
	}
	if c.Authors != nil && len(*c.Authors) > 0 {
		a := (*c.Authors)[0]
		return Party{Name: a.Name, Email: a.Email}
	}
	return Party{Name: c.Author}
}

func licensesFromCDX(ls *cdx.Licenses) []License {
	if ls == nil || len(*ls) == 0 {
		return nil
	}
	out := make([]License, 0, len(*ls))
	for _, lc := range *ls {
		var l License
		var ack cdx.LicenseAcknowledgement
		switch {
		case lc.Expression != "":
			l.Expression = lc.Expression
			if lc.Acknowledgement != nil {
				ack = *lc.Acknowledgement
			}
		case lc.License != nil:
			l.Expression = lc.License.ID
			if lc.License.ID == "" {
				l.Name = lc.License.Name
			}
			ack = lc.License.Acknowledgement
		default:
			continue
		}
		switch ack {
		case cdx.LicenseAcknowledgementConcluded:
			l.Acknowledgement = AcknowledgementConcluded
		case cdx.LicenseAcknowledgementDeclared:
			l.Acknowledgement = AcknowledgementDeclared
		}
		out = append(out, l)
	}
	return out
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func setFlag(dst *Flag, p cdx.Property) {
	if *dst != 0 {
		return
	}
	vals := flagValues[p.Name]
	switch p.Value {
	case vals[0]:
		*dst = FlagYes
	case vals[1]:
		*dst = FlagNo
	}
}

func firstRef(refs []cdx.ExternalReference, types ...cdx.ExternalReferenceType) string {
	for _, t := range types {
		for _, r := range refs {
			if r.Type == t {
				return r.URL
			}
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// EncodeOptions tunes [EncodeCycloneDX]. A nil *EncodeOptions means the
// defaults.
type EncodeOptions struct {
	// SpecVersion is the CycloneDX version written: "1.4" to "1.7". Empty
	// means the version read (for an inventory read from CycloneDX), else
	// "1.6".
	SpecVersion string
	// Compact writes JSON without indentation; false (the default) indents.
	Compact bool
}

// SpecVersions lists the CycloneDX spec versions this package reads and
// writes, oldest first.
func SpecVersions() []string { return []string{"1.4", "1.5", "1.6", "1.7"} }

func parseSpecVersion(s string) (cdx.SpecVersion, bool) {
	for v := cdx.SpecVersion1_4; v <= cdx.SpecVersion1_7; v++ {
		if v.String() == s {
			return v, true
		}
	}
	return 0, false
}

// EncodeCycloneDX writes inv as a CycloneDX BOM to w. An inventory read from
// CycloneDX is written by augmenting the original document: the fields the
// inventory models are updated where they changed, editing entries in
// place (a contact keeps its phone, a licence its text and bom-ref),
// components added to or removed from the inventory are added or removed,
// each component is nested under the component its Parent names, and
// everything else (services, annotations, formulation, unmodelled
// component fields ...) is kept as it was. Before anything is written, the
// output is read back: it must be a valid BOM (unique bom-refs, no
// dangling dependency: otherwise the error wraps
// problem.ErrDanglingReference or ErrDuplicate) that gives the same
// inventory. When the chosen spec version or encoding cannot hold some of
// the data, or a change cannot be made without dropping data the inventory
// does not model (a Parent that names no component of the inventory, a
// licence text an expression cannot carry ...), nothing is written and the
// error wraps [ErrNotRepresentable] and names what would be lost.
func EncodeCycloneDX(w io.Writer, inv *Inventory, enc Encoding, opts *EncodeOptions) error {
	if err := checkWriter(w, inv); err != nil {
		return fmt.Errorf("sbom: encode CycloneDX: %w", err)
	}
	if opts == nil {
		opts = &EncodeOptions{}
	}
	var format cdx.BOMFileFormat
	switch enc {
	case EncodingJSON:
		format = cdx.BOMFileFormatJSON
	case EncodingXML:
		format = cdx.BOMFileFormatXML
	default:
		return fmt.Errorf("sbom: encode CycloneDX: encoding %v: %w", enc, problem.ErrInvalidValue)
	}
	if inv.noAugment {
		return fmt.Errorf("sbom: encode CycloneDX: %w: the inventory was read with DecodeOptions.NoAugment, without its original document, and writing it would drop every field it does not model; read the SBOM again without NoAugment", ErrNotRepresentable)
	}
	bom, err := inv.toCDX()
	if err != nil {
		return err
	}
	sv := cdx.SpecVersion1_6
	if inv.orig != nil {
		sv = inv.orig.spec
	}
	if opts.SpecVersion != "" {
		v, ok := parseSpecVersion(opts.SpecVersion)
		if !ok {
			return fmt.Errorf("sbom: encode CycloneDX: spec version %q: %w (want one of %s)", opts.SpecVersion, problem.ErrInvalidValue, strings.Join(SpecVersions(), ", "))
		}
		sv = v
	}
	out, err := convertBOM(bom, sv)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	e := cdx.NewBOMEncoder(&buf, format).SetPretty(!opts.Compact || enc == EncodingXML).SetEscapeHTML(false)
	if err := e.Encode(out); err != nil {
		return fmt.Errorf("sbom: encode CycloneDX: %w", err)
	}
	bom.SpecVersion = sv
	got, err := checkLossless(bom, buf.Bytes(), format)
	if err != nil {
		return err
	}
	// What is written must read back (bom-refs unique, no dangling
	// dependency), as the same inventory.
	back, err := inventoryFromCDX(context.Background(), got, nil, 0)
	if err != nil {
		return fmt.Errorf("sbom: encode CycloneDX: the BOM made from the inventory would not read back; fix the inventory: %w", err)
	}
	if diffs := diffInventories(inv, back); len(diffs) > 0 {
		more := ""
		if len(diffs) > 10 {
			more = fmt.Sprintf(" and %d more", len(diffs)-10)
			diffs = diffs[:10]
		}
		return fmt.Errorf("%w: CycloneDX %s %s cannot hold the inventory as it is: %s%s read back differently", ErrNotRepresentable, sv, formatName(format), strings.Join(diffs, "; "), more)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// convertBOM converts bom to spec version sv with cyclonedx-go. Its
// conversion copies through encoding/gob, which turns an empty dependsOn
// ("no dependencies") into an absent one ("not stated"); those are put back.
func convertBOM(bom *cdx.BOM, sv cdx.SpecVersion) (*cdx.BOM, error) {
	var buf bytes.Buffer
	if err := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON).EncodeVersion(bom, sv); err != nil {
		return nil, fmt.Errorf("sbom: encode CycloneDX: %w", err)
	}
	out := new(cdx.BOM)
	if err := json.Unmarshal(buf.Bytes(), out); err != nil {
		return nil, fmt.Errorf("sbom: encode CycloneDX: %w", err)
	}
	if bom.Dependencies != nil && out.Dependencies != nil {
		empty := map[string]bool{}
		for _, d := range *bom.Dependencies {
			if d.Dependencies != nil && len(*d.Dependencies) == 0 {
				empty[d.Ref] = true
			}
		}
		for i := range *out.Dependencies {
			d := &(*out.Dependencies)[i]
			if d.Dependencies == nil && empty[d.Ref] {
				d.Dependencies = &[]string{}
			}
		}
	}
	out.SpecVersion = sv
	out.XMLNS = "http://cyclonedx.org/schema/bom/" + sv.String()
	return out, nil
}

// checkLossless decodes what was encoded and compares it with the BOM that
// was meant to be written; any difference is data the format or version
// cannot hold.
func checkLossless(want *cdx.BOM, encoded []byte, format cdx.BOMFileFormat) (*cdx.BOM, error) {
	got := new(cdx.BOM)
	if err := cdx.NewBOMDecoder(bytes.NewReader(encoded), format).Decode(got); err != nil {
		return nil, fmt.Errorf("sbom: encode CycloneDX: re-reading the output failed: %w", err)
	}
	a, err := genericJSON(want)
	if err != nil {
		return nil, err
	}
	b, err := genericJSON(got)
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"$schema", "bomFormat", "specVersion"} {
		delete(a, k)
		delete(b, k)
	}
	var lost []string
	diffJSON("", a, b, &lost)
	if len(lost) == 0 {
		return got, nil
	}
	more := ""
	if len(lost) > 10 {
		more = fmt.Sprintf(" and %d more", len(lost)-10)
		lost = lost[:10]
	}
	return nil, fmt.Errorf("%w: CycloneDX %s %s cannot hold %s%s (choose a newer spec version or JSON)", ErrNotRepresentable, want.SpecVersion, formatName(format), strings.Join(lost, ", "), more)
}

func formatName(f cdx.BOMFileFormat) string {
	if f == cdx.BOMFileFormatJSON {
		return "JSON"
	}
	return "XML"
}

func genericJSON(b *cdx.BOM) (map[string]any, error) {
	data, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("sbom: encode CycloneDX: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("sbom: encode CycloneDX: %w", err)
	}
	return m, nil
}

// diffJSON appends the pointers of values in a that are missing or
// different in b.
func diffJSON(ptr string, a, b any, out *[]string) {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			*out = append(*out, orRoot(ptr))
			return
		}
		keys := make([]string, 0, len(av))
		for k := range av {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			bx, ok := bv[k]
			if !ok {
				if isEmptyJSON(av[k]) {
					continue
				}
				*out = append(*out, jsonptr.Append(ptr, k))
				continue
			}
			diffJSON(jsonptr.Append(ptr, k), av[k], bx, out)
		}
	case []any:
		bv, ok := b.([]any)
		if !ok {
			*out = append(*out, orRoot(ptr))
			return
		}
		for i := range av {
			if i >= len(bv) {
				*out = append(*out, jsonptr.Index(ptr, i))
				continue
			}
			diffJSON(jsonptr.Index(ptr, i), av[i], bv[i], out)
		}
	default:
		if a != b {
			*out = append(*out, orRoot(ptr))
		}
	}
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func orRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// toCDX builds the BOM to write: a copy of the original (if any) with the
// inventory applied.
func (inv *Inventory) toCDX() (*cdx.BOM, error) {
	var bom *cdx.BOM
	var origRefs []string
	if inv.orig != nil {
		var err error
		if bom, err = inv.orig.decode(); err != nil {
			return nil, err
		}
		origRefs = componentRefs(bom)
	} else {
		bom = cdx.NewBOM()
	}
	bom.BOMFormat = cdx.BOMFormat
	bom.SerialNumber = inv.SerialNumber
	bom.Version = inv.Version
	if bom.Version == 0 {
		bom.Version = 1
	}
	var bad notRepresentable
	inv.applyMetadata(bom, &bad)
	inv.applyComponents(bom, &bad)
	inv.applyDependencies(bom, origRefs)
	inv.applyCompositions(bom, origRefs)
	if err := bad.err(); err != nil {
		return nil, err
	}
	return bom, nil
}

func originText(o Origin) string {
	if !o.Valid() {
		return ""
	}
	return o.String()
}

func flagText(prop string, f Flag) string {
	switch f {
	case FlagYes:
		return flagValues[prop][0]
	case FlagNo:
		return flagValues[prop][1]
	}
	return ""
}

func equalSWID(a, b *SWID) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// setExtRef sets the URL of the first external reference of the first of
// types present (or adds one of types[0]); an empty url removes it.
func setExtRef(c *cdx.Component, url string, types ...cdx.ExternalReferenceType) {
	var refs []cdx.ExternalReference
	if c.ExternalReferences != nil {
		refs = *c.ExternalReferences
	}
	idx := -1
	for _, t := range types {
		if idx = slices.IndexFunc(refs, func(r cdx.ExternalReference) bool { return r.Type == t }); idx >= 0 {
			break
		}
	}
	switch {
	case idx >= 0 && url == "":
		refs = slices.Delete(slices.Clone(refs), idx, idx+1)
	case idx >= 0:
		refs = slices.Clone(refs)
		refs[idx].URL = url
	case url != "":
		refs = append(slices.Clone(refs), cdx.ExternalReference{Type: types[0], URL: url})
	}
	c.ExternalReferences = nil
	if len(refs) > 0 {
		c.ExternalReferences = &refs
	}
}

// setProperty sets the first property called name to value, dropping
// further ones of that name; an empty value removes them all.
func setProperty(c *cdx.Component, name, value string) {
	var ps []cdx.Property
	if c.Properties != nil {
		ps = slices.Clone(*c.Properties)
	}
	out := ps[:0]
	done := false
	for _, p := range ps {
		if p.Name != name {
			out = append(out, p)
			continue
		}
		if !done && value != "" {
			p.Value = value
			out = append(out, p)
			done = true
		}
	}
	if !done && value != "" {
		out = append(out, cdx.Property{Name: name, Value: value})
	}
	c.Properties = nil
	if len(out) > 0 {
		c.Properties = &out
	}
}

func (inv *Inventory) allComponents(f func(c *Component)) {
	if inv.Subject != nil {
		f(inv.Subject)
	}
	for i := range inv.Components {
		f(&inv.Components[i])
	}
}

func (inv *Inventory) applyDependencies(bom *cdx.BOM, origRefs []string) {
	want := map[string]*Component{}
	var order []string
	inv.allComponents(func(c *Component) {
		if c.Ref != "" {
			if _, dup := want[c.Ref]; !dup {
				order = append(order, c.Ref)
			}
			want[c.Ref] = c
		}
	})
	var deps []cdx.Dependency
	seen := map[string]bool{}
	removed := inv.removedRefs(origRefs, want)
	if bom.Dependencies != nil {
		for _, d := range *bom.Dependencies {
			c, ok := want[d.Ref]
			if !ok {
				if !removed[d.Ref] {
					deps = append(deps, d) // a service's entry
				}
				continue
			}
			seen[d.Ref] = true
			if !c.HasDependencies && len(c.DependsOn) == 0 {
				continue
			}
			var cur []string
			if d.Dependencies != nil {
				cur = *d.Dependencies
			}
			if !slices.Equal(cur, c.DependsOn) {
				d.Dependencies = nil
				if c.DependsOn != nil {
					ds := slices.Clone(c.DependsOn)
					d.Dependencies = &ds
				}
			}
			deps = append(deps, d)
		}
	}
	for _, ref := range order {
		c := want[ref]
		if seen[ref] || (!c.HasDependencies && len(c.DependsOn) == 0) {
			continue
		}
		d := cdx.Dependency{Ref: ref}
		ds := slices.Clone(c.DependsOn)
		if ds == nil {
			ds = []string{}
		}
		d.Dependencies = &ds
		deps = append(deps, d)
	}
	bom.Dependencies = nil
	if len(deps) > 0 {
		bom.Dependencies = &deps
	}
}

// componentRefs returns the bom-refs of the components of bom and of its
// metadata component.
func componentRefs(bom *cdx.BOM) []string {
	var out []string
	if bom.Components != nil {
		walkCDX(*bom.Components, "/components", "", func(c *cdx.Component, _, _ string) {
			if c.BOMRef != "" {
				out = append(out, c.BOMRef)
			}
		})
	}
	if m := bom.Metadata; m != nil && m.Component != nil && m.Component.BOMRef != "" {
		out = append(out, m.Component.BOMRef)
	}
	return out
}

// removedRefs returns the component refs of the original BOM (origRefs)
// that the inventory no longer has.
func (inv *Inventory) removedRefs(origRefs []string, want map[string]*Component) map[string]bool {
	out := map[string]bool{}
	if len(origRefs) == 0 {
		return out
	}
	if want == nil {
		want = map[string]*Component{}
		inv.allComponents(func(c *Component) { want[c.Ref] = c })
	}
	for _, ref := range origRefs {
		if _, ok := want[ref]; !ok {
			out[ref] = true
		}
	}
	return out
}

func (inv *Inventory) applyCompositions(bom *cdx.BOM, origRefs []string) {
	// What the BOM says now, per ref.
	cur := compositionCompleteness(bom.Compositions)
	change := map[string]Completeness{}
	var order []string
	inv.allComponents(func(c *Component) {
		if c.Ref == "" {
			return
		}
		if cur[c.Ref] != c.DependenciesComplete {
			if _, dup := change[c.Ref]; !dup {
				order = append(order, c.Ref)
			}
			change[c.Ref] = c.DependenciesComplete
		}
	})
	// Refs of components the inventory no longer has would dangle.
	removed := inv.removedRefs(origRefs, nil)
	if len(change) == 0 && len(removed) == 0 {
		return
	}
	var comps []cdx.Composition
	if bom.Compositions != nil {
		for _, comp := range *bom.Compositions {
			hadRefs := false
			if comp.Dependencies != nil {
				ds := slices.DeleteFunc(slices.Clone(*comp.Dependencies), func(r cdx.BOMReference) bool {
					_, ch := change[string(r)]
					return ch || removed[string(r)]
				})
				hadRefs = len(*comp.Dependencies) > 0
				comp.Dependencies = nil
				if len(ds) > 0 {
					comp.Dependencies = &ds
				}
			}
			if comp.Assemblies != nil {
				as := slices.DeleteFunc(slices.Clone(*comp.Assemblies), func(r cdx.BOMReference) bool { return removed[string(r)] })
				hadRefs = hadRefs || len(*comp.Assemblies) > 0
				comp.Assemblies = nil
				if len(as) > 0 {
					comp.Assemblies = &as
				}
			}
			if hadRefs && comp.Dependencies == nil && comp.Assemblies == nil && comp.Vulnerabilities == nil {
				continue
			}
			comps = append(comps, comp)
		}
	}
	for _, cp := range []Completeness{CompletenessComplete, CompletenessIncomplete, CompletenessUnknown} {
		var refs []cdx.BOMReference
		for _, r := range order {
			if change[r] == cp {
				refs = append(refs, cdx.BOMReference(r))
			}
		}
		if len(refs) > 0 {
			comps = append(comps, cdx.Composition{Aggregate: aggregateFor(cp), Dependencies: &refs})
		}
	}
	bom.Compositions = nil
	if len(comps) > 0 {
		bom.Compositions = &comps
	}
}
