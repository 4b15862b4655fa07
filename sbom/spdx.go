package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spdx/tools-golang/convert"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_2"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"
	"github.com/spdx/tools-golang/tagvalue"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
)

// DecodeSPDX reads an SPDX document from r into an [Inventory], through
// github.com/spdx/tools-golang (the SPDX project's Go library): SPDX 2.2
// and 2.3 as JSON or tag-value, and SPDX 3.0.1 as JSON-LD, the syntax
// recognised from the content ([Detect]). The document is validated
// against the official schema of its version (tag-value through its JSON
// equivalent; see DecodeOptions.SkipSchema).
//
// SPDX 2: packages become components (the package the document DESCRIBES
// becomes the Subject), DEPENDS_ON and DEPENDENCY_OF relationships become
// dependencies (a DEPENDS_ON NONE marks a complete, empty list and
// NOASSERTION an unknown one; SPDX 2 has no other way to state
// completeness, so it is left unset otherwise: the document does not say).
// Tag-value documents are located by the pointers of their JSON
// equivalent. SPDX 3.0.1: each software_Package becomes a component (the
// root element of the software_Sbom is the Subject), dependsOn
// relationships its dependencies with their completeness (complete,
// incomplete, noAssertion), hasConcludedLicense and hasDeclaredLicense its
// licences, the CycloneDX properties extension the bsi: properties; the
// findings point into the @graph (/@graph/12/software_packageVersion).
//
// Other SPDX versions, and documents that are not SPDX, give an error
// wrapping [ErrUnsupportedFormat]. When ctx is cancelled, DecodeSPDX stops
// and returns ctx.Err().
func DecodeSPDX(ctx context.Context, r io.Reader, opts *DecodeOptions) (*Inventory, error) {
	if err := checkArgs(ctx, r); err != nil {
		return nil, fmt.Errorf("sbom: decode SPDX: %w", err)
	}
	d, r, err := detectLimited(r, opts)
	if err != nil {
		return nil, err
	}
	if d.Format != FormatSPDX {
		var errs located.Errors
		errs.Add("", ErrUnsupportedFormat, "not an SPDX document but %v %v; read it with DecodeCycloneDX or Decode", d.Format, d.Syntax)
		return nil, errs.Err()
	}
	name := "SPDX " + d.Syntax.String()
	lr := newLimitReader(r, opts.limits(), d.Syntax != SyntaxTagValue).named(name)
	data, err := lr.readAll()
	if err != nil {
		return nil, readError(name, err)
	}
	if err := checkUTF8(name, data); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch d.Syntax {
	case SyntaxJSONLD:
		return decodeSPDX3(ctx, data, opts)
	case SyntaxTagValue:
		return decodeSPDXTagValue(ctx, data, d.SpecVersion, opts)
	case SyntaxJSON, SyntaxXML:
	}
	return decodeSPDX2JSON(ctx, data, opts)
}

// unsupportedSPDX is the error for an SPDX version this package does not read.
func unsupportedSPDX(ptr, version string) error {
	var errs located.Errors
	errs.Add(ptr, ErrUnsupportedFormat, "SPDX version %q is not read (want SPDX-2.2 or SPDX-2.3 as JSON or tag-value, or SPDX 3.0.1 JSON-LD)", clip(version))
	return errs.Err()
}

func decodeSPDX2JSON(ctx context.Context, data []byte, opts *DecodeOptions) (*Inventory, error) {
	var probe struct {
		SPDXVersion string `json:"spdxVersion"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, jsonDecodeError("SPDX JSON", data, err)
	}
	var doc v2_3.Document
	switch probe.SPDXVersion {
	case v2_3.Version:
		if err := json.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
			return nil, jsonDecodeError("SPDX JSON", data, err)
		}
	case v2_2.Version:
		var d22 v2_2.Document
		if err := json.NewDecoder(bytes.NewReader(data)).Decode(&d22); err != nil {
			return nil, jsonDecodeError("SPDX JSON", data, err)
		}
		if err := convert.Document(&d22, &doc); err != nil {
			return nil, fmt.Errorf("sbom: decode SPDX: convert SPDX 2.2 to 2.3: %w", err)
		}
	default:
		return nil, unsupportedSPDX("/spdxVersion", probe.SPDXVersion)
	}
	return spdx2Inventory(ctx, &doc, probe.SPDXVersion, data, "", opts)
}

// spdx2Inventory builds the inventory of an SPDX 2 document read as
// version, and validates json (the document, or its JSON equivalent, via
// says how) against the official schema of that version.
func spdx2Inventory(ctx context.Context, doc *v2_3.Document, version string, json []byte, via string, opts *DecodeOptions) (*Inventory, error) {
	sr := opts.schemaTarget()
	if sr != nil {
		res, err := validateOfficial(ctx, "spdx-"+strings.TrimPrefix(version, "SPDX-"), json)
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		if err != nil {
			res = schemaResult{unavailable: err.Error()}
		}
		res.via = via
		*sr = res
	}
	inv, err := inventoryFromSPDX(doc)
	if inv != nil {
		inv.SpecVersion = version
		inv.schema = sr
	}
	return inv, err
}

// decodeSPDXTagValue reads an SPDX 2.2 or 2.3 tag-value document.
func decodeSPDXTagValue(ctx context.Context, data []byte, version string, opts *DecodeOptions) (*Inventory, error) {
	var errs located.Errors
	var doc v2_3.Document
	var equivalent []byte
	var err error
	switch version {
	case v2_3.Version:
		if err = tagvalue.ReadInto(bytes.NewReader(data), &doc); err == nil {
			equivalent, err = json.Marshal(&doc)
		}
	case v2_2.Version:
		var d22 v2_2.Document
		if err = tagvalue.ReadInto(bytes.NewReader(data), &d22); err == nil {
			if equivalent, err = json.Marshal(&d22); err == nil {
				err = convert.Document(&d22, &doc)
			}
		}
	default:
		return nil, unsupportedSPDX("", version)
	}
	if err != nil {
		errs.Add("", problem.ErrSyntax, "SPDX tag-value: %v", err)
		return nil, errs.Err()
	}
	return spdx2Inventory(ctx, &doc, version, equivalent, "checked through the JSON equivalent of the tag-value document", opts)
}

func spdxRef(id common.ElementID) string { return "SPDXRef-" + string(id) }

func inventoryFromSPDX(doc *v2_3.Document) (*Inventory, error) {
	inv := &Inventory{
		Format:       FormatSPDX,
		SpecVersion:  doc.SPDXVersion,
		SerialNumber: doc.DocumentNamespace,
	}
	if ci := doc.CreationInfo; ci != nil {
		inv.Timestamp = ci.Created
		for _, c := range ci.Creators {
			switch c.CreatorType {
			case "Person", "Organization":
				inv.Authors = append(inv.Authors, spdxParty(c.Creator))
			case "Tool":
				inv.tools = append(inv.tools, c.Creator)
			}
		}
	}
	var errs located.Errors
	refs := make(refIndex, len(doc.Packages))
	elements := make(map[string]bool, len(doc.Packages)+len(doc.Files)+1)
	elements[spdxRef(doc.SPDXIdentifier)] = true
	for _, f := range doc.Files {
		if f != nil {
			elements[spdxRef(f.FileSPDXIdentifier)] = true
		}
	}
	for _, s := range doc.Snippets {
		elements[spdxRef(s.SnippetSPDXIdentifier)] = true
	}
	inv.Components = make([]Component, 0, len(doc.Packages))
	for i, p := range doc.Packages {
		if p == nil {
			continue
		}
		c := componentFromSPDX(p, jsonptr.Index("/packages", i))
		if _, dup := refs[c.Ref]; dup {
			errs.Add(jsonptr.Append(c.Pointer, "SPDXID"), problem.ErrDuplicate, "SPDXID %q is used by more than one package (SPDXIDs must be unique)", clip(c.Ref))
			continue
		}
		refs[c.Ref] = len(inv.Components)
		elements[c.Ref] = true
		inv.Components = append(inv.Components, c)
	}
	subject := -1
	for i, r := range doc.Relationships {
		if r == nil || r.RefA.DocumentRefID != "" || r.RefB.DocumentRefID != "" {
			continue // external documents: not resolvable here
		}
		ptr := jsonptr.Index("/relationships", i)
		a, b := spdxRef(r.RefA.ElementRefID), spdxRef(r.RefB.ElementRefID)
		if r.RefA.SpecialID != "" {
			a = r.RefA.SpecialID
		}
		if r.RefB.SpecialID != "" {
			b = r.RefB.SpecialID
		}
		if !elements[a] {
			errs.Add(jsonptr.Append(ptr, "spdxElementId"), problem.ErrDanglingReference, "relationship from %q, which is not an element of the document", clip(a))
			continue
		}
		if r.RefB.SpecialID == "" && !elements[b] {
			errs.Add(jsonptr.Append(ptr, "relatedSpdxElement"), problem.ErrDanglingReference, "relationship to %q, which is not an element of the document", clip(b))
			continue
		}
		switch r.Relationship {
		case common.TypeRelationshipDescribe:
			if i, ok := refs[b]; ok && a == spdxRef(doc.SPDXIdentifier) && subject < 0 {
				subject = i
			}
		case common.TypeRelationshipDescribeBy:
			if i, ok := refs[a]; ok && subject < 0 {
				subject = i
			}
		case common.TypeRelationshipDependsOn:
			spdxDepend(inv, refs, a, b, r.RefB.SpecialID)
		case common.TypeRelationshipDependencyOf:
			if r.RefB.SpecialID == "" {
				spdxDepend(inv, refs, b, a, "")
			}
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs.Err()
	}
	if subject >= 0 {
		s := inv.Components[subject]
		inv.Subject = &s
		inv.Components = append(inv.Components[:subject:subject], inv.Components[subject+1:]...)
	}
	return inv, nil
}

// spdxDepend records "a depends on b"; special is NONE or NOASSERTION
// when b is one of those.
func spdxDepend(inv *Inventory, refs refIndex, a, b, special string) {
	i, ok := refs[a]
	if !ok {
		return
	}
	c := &inv.Components[i]
	c.HasDependencies = true
	switch special {
	case "NONE":
		if len(c.DependsOn) == 0 {
			c.DependenciesComplete = CompletenessComplete
		}
	case "NOASSERTION":
		c.DependenciesComplete = CompletenessUnknown
	default:
		if _, isPkg := refs[b]; isPkg {
			c.DependsOn = append(c.DependsOn, b)
			if c.DependenciesComplete == CompletenessComplete {
				c.DependenciesComplete = 0
			}
		}
	}
}

// spdxParty parses "Name (email)" as SPDX writes persons and organisations.
func spdxParty(s string) Party {
	s = strings.TrimSpace(s)
	if s == "" || s == "NOASSERTION" {
		return Party{}
	}
	if i := strings.LastIndexByte(s, '('); i >= 0 && strings.HasSuffix(s, ")") {
		email := strings.TrimSpace(s[i+1 : len(s)-1])
		return Party{Name: strings.TrimSpace(s[:i]), Email: email}
	}
	return Party{Name: s}
}

var spdxPurpose = map[string]string{
	"APPLICATION": "application", "FRAMEWORK": "framework", "LIBRARY": "library",
	"CONTAINER": "container", "OPERATING-SYSTEM": "operating-system", "DEVICE": "device",
	"FIRMWARE": "firmware", "SOURCE": "library", "ARCHIVE": "file", "FILE": "file",
	"INSTALL": "application", "OTHER": "library",
}

var spdxAlgorithms = map[common.ChecksumAlgorithm]string{
	common.SHA1: "SHA-1", common.SHA256: "SHA-256", common.SHA384: "SHA-384", common.SHA512: "SHA-512",
	common.MD5: "MD5", common.SHA3_256: "SHA3-256", common.SHA3_384: "SHA3-384", common.SHA3_512: "SHA3-512",
	common.BLAKE2b_256: "BLAKE2b-256", common.BLAKE2b_384: "BLAKE2b-384", common.BLAKE2b_512: "BLAKE2b-512",
	common.BLAKE3: "BLAKE3",
}

func spdxValue(s string) string {
	if s == "NOASSERTION" || s == "NONE" {
		return ""
	}
	return s
}

func componentFromSPDX(p *v2_3.Package, ptr string) Component {
	c := Component{
		Ref:      spdxRef(p.PackageSPDXIdentifier),
		Type:     "library",
		Name:     p.PackageName,
		Version:  p.PackageVersion,
		Filename: p.PackageFileName,
		Pointer:  ptr,
	}
	if t, ok := spdxPurpose[p.PrimaryPackagePurpose]; ok {
		c.Type = t
	}
	if p.PackageSupplier != nil {
		c.Supplier = spdxParty(p.PackageSupplier.Supplier)
	}
	if p.PackageOriginator != nil {
		c.Creator = spdxParty(p.PackageOriginator.Originator)
	}
	for _, h := range p.PackageChecksums {
		alg, ok := spdxAlgorithms[h.Algorithm]
		if !ok {
			alg = string(h.Algorithm)
		}
		c.Hashes = append(c.Hashes, Hash{Algorithm: alg, Value: h.Value})
	}
	if v := spdxValue(p.PackageLicenseConcluded); v != "" {
		c.Licenses = append(c.Licenses, License{Expression: v, Acknowledgement: AcknowledgementConcluded})
	}
	if v := spdxValue(p.PackageLicenseDeclared); v != "" {
		c.Licenses = append(c.Licenses, License{Expression: v, Acknowledgement: AcknowledgementDeclared})
	}
	c.DeployableURI = spdxValue(p.PackageDownloadLocation)
	for _, r := range p.PackageExternalReferences {
		if r == nil {
			continue
		}
		switch r.RefType {
		case "purl":
			setOnce(&c.PURL, r.Locator)
		case "cpe23Type", "cpe22Type":
			setOnce(&c.CPE, r.Locator)
		case "swid":
			if c.SWID == nil {
				c.SWID = &SWID{TagID: r.Locator}
			}
		}
	}
	c.EndOfSupport = p.ValidUntilDate
	return c
}

// spdxFields names, per CycloneDX field name, the field of an SPDX 2
// package and of an SPDX 3 software_Package that carries it.
var spdxFields = map[string][2]string{
	"manufacturer":       {"originator", "originatedBy"},
	"supplier":           {"supplier", "suppliedBy"},
	"name":               {"name", "name"},
	"version":            {"versionInfo", "software_packageVersion"},
	"hashes":             {"checksums", "verifiedUsing"},
	"licenses":           {"licenseConcluded", ""}, // SPDX 3: relationships, located at the package
	"externalReferences": {"externalRefs", "externalRef"},
	"purl":               {"externalRefs", "software_packageUrl"},
	"properties":         {"", "extension"},
}

// spdxFieldPointer is the pointer of a field (named as in CycloneDX) of
// the SPDX package at base; base itself when SPDX has no such field.
func spdxFieldPointer(base, field string) string {
	f, ok := spdxFields[field]
	if !ok {
		return base
	}
	name := f[0]
	if strings.HasPrefix(base, "/@graph/") {
		name = f[1]
	}
	if name == "" {
		return base
	}
	return jsonptr.Append(base, name)
}

// docPointers says where an SPDX 3 document keeps what the checks locate:
// the CreationInfo and the Sbom element.
type docPointers struct {
	creationInfo string
	sbom         string
}

func (d *docPointers) pointer(field string) string {
	switch field {
	case "authors":
		return jsonptr.Append(d.creationInfo, "createdBy")
	case "timestamp":
		return jsonptr.Append(d.creationInfo, "created")
	case "component":
		return jsonptr.Append(d.sbom, "rootElement")
	}
	return ""
}

// spdxFormatVersion is the rule sbom.format-version for an SPDX document:
// TR-03183-2 v2.1.0 accepts SPDX 3.0.1 or newer; v2.0.0 SPDX 2.2.1 or
// newer (documents of 2.2.1 declare SPDX-2.2: the patch release changed
// no field).
func spdxFormatVersion(p CheckProfile, inv *Inventory) (status, string, string) {
	ptr := "/spdxVersion"
	if inv.meta != nil {
		ptr = jsonptr.Append(inv.meta.creationInfo, "specVersion")
	}
	major, minor := 0, 0
	if v, ok := strings.CutPrefix(inv.SpecVersion, "SPDX-"); ok {
		fmt.Sscanf(v, "%d.%d", &major, &minor) //nolint:errcheck // zero on error: too old
	}
	switch {
	case major >= 3:
		return stPass, "", ""
	case p == ProfileTR03183v2_0 && major == 2 && minor >= 2:
		return stPass, "", ""
	case p == ProfileTR03183v2_0:
		return stFail, ptr, fmt.Sprintf("%s is older than the minimum SPDX 2.2.1 of %s; produce SPDX 2.2 or newer", clip(inv.SpecVersion), p)
	}
	return stFail, ptr, fmt.Sprintf("%s is not accepted by %s, which wants SPDX 3.0.1 or newer or CycloneDX 1.6 or newer; produce SPDX 3.0.1", clip(inv.SpecVersion), p)
}
