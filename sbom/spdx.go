package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
)

// DecodeSPDX reads an SPDX 2.3 JSON document from r into an [Inventory],
// through github.com/spdx/tools-golang. Packages become components (the
// package the document DESCRIBES becomes the Subject), DEPENDS_ON and
// DEPENDENCY_OF relationships become dependencies (a DEPENDS_ON NONE marks
// a complete, empty list and NOASSERTION an unknown one; SPDX 2.3 has no
// other way to state completeness, so it is left unset otherwise: the
// document does not say). Other SPDX versions,
// SPDX 3.0 JSON-LD in particular, give an error wrapping
// [ErrUnsupportedFormat]. The inventory cannot be written back as SPDX.
// When ctx is cancelled, DecodeSPDX stops and returns ctx.Err().
func DecodeSPDX(ctx context.Context, r io.Reader, opts *DecodeOptions) (*Inventory, error) {
	if err := checkArgs(ctx, r); err != nil {
		return nil, fmt.Errorf("sbom: decode SPDX: %w", err)
	}
	lr := newLimitReader(r, opts.limits(), true).named("SPDX JSON")
	data, err := lr.readAll()
	if err != nil {
		return nil, readError("SPDX JSON", err)
	}
	if err := checkUTF8("SPDX JSON", data); err != nil {
		return nil, err
	}
	var probe struct {
		SPDXVersion string          `json:"spdxVersion"`
		Context     json.RawMessage `json:"@context"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, readError("SPDX JSON", err)
	}
	var errs located.Errors
	switch {
	case len(probe.Context) > 0 || strings.HasPrefix(probe.SPDXVersion, "SPDX-3"):
		errs.Add("", ErrUnsupportedFormat, "SPDX 3 (JSON-LD) is not supported yet; convert the SBOM to SPDX 2.3 JSON or CycloneDX")
		return nil, errs.Err()
	case probe.SPDXVersion != v2_3.Version:
		errs.Add("/spdxVersion", ErrUnsupportedFormat, "spdxVersion %q is not supported (want %s JSON)", clip(probe.SPDXVersion), v2_3.Version)
		return nil, errs.Err()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var doc v2_3.Document
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, jsonDecodeError("SPDX JSON", data, err)
	}
	return inventoryFromSPDX(&doc)
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
			if c.CreatorType == "Person" || c.CreatorType == "Organization" {
				inv.Authors = append(inv.Authors, spdxParty(c.Creator))
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
