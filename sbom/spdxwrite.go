package sbom

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"
	v3 "github.com/spdx/tools-golang/spdx/v3/v3_0"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
)

// SPDXOptions tunes [EncodeSPDX]. A nil *SPDXOptions means the defaults.
type SPDXOptions struct {
	// Version is the SPDX version written: "3.0.1" (JSON-LD) or "2.3"
	// (JSON). Empty means "3.0.1", the version TR-03183-2 v2.1.0 asks for.
	Version string
	// AllowLoss writes the document even when the version cannot carry
	// some of the inventory's data. False (the default) refuses: the error
	// wraps [ErrNotRepresentable] and lists each field that would be lost,
	// located by the pointer of the component in the document the
	// inventory was read from.
	AllowLoss bool
}

// SPDXVersions lists the SPDX versions [EncodeSPDX] writes, oldest first.
func SPDXVersions() []string { return []string{"2.3", "3.0.1"} }

// EncodeSPDX writes inv as an SPDX document: SPDX 3.0.1 JSON-LD (the
// default) or SPDX 2.3 JSON, through github.com/spdx/tools-golang. The
// creation time is inv.Timestamp (RFC 3339), which must be set: nothing
// here reads the clock, and the same inventory always gives the same
// document. What the version cannot carry (see the package documentation,
// section SPDX) is listed in an error wrapping [ErrNotRepresentable] and
// nothing is written, unless opts.AllowLoss. The document is read back
// before it is written: [DecodeSPDX] must accept it.
func EncodeSPDX(w io.Writer, inv *Inventory, opts *SPDXOptions) error {
	switch {
	case w == nil:
		return fmt.Errorf("sbom: encode SPDX: nil writer: %w", problem.ErrNilInput)
	case inv == nil:
		return fmt.Errorf("sbom: encode SPDX: nil inventory: %w", problem.ErrNilInput)
	}
	if opts == nil {
		opts = &SPDXOptions{}
	}
	version := opts.Version
	if version == "" {
		version = "3.0.1"
	}
	created, err := time.Parse(time.RFC3339, inv.Timestamp)
	if err != nil {
		return fmt.Errorf("sbom: encode SPDX: the inventory's timestamp %q is not RFC 3339 (SPDX needs the creation time; set Inventory.Timestamp): %w", clip(inv.Timestamp), problem.ErrInvalidValue)
	}
	var lost located.Errors
	var buf bytes.Buffer
	switch version {
	case "3.0.1":
		lost = spdx3Losses(inv)
		if len(lost) == 0 || opts.AllowLoss {
			err = encodeSPDX3(&buf, inv, created)
		}
	case "2.3":
		lost = spdx23Losses(inv)
		if len(lost) == 0 || opts.AllowLoss {
			err = encodeSPDX23(&buf, inv, created)
		}
	default:
		return fmt.Errorf("sbom: encode SPDX: version %q: %w (want one of %s)", clip(version), problem.ErrInvalidValue, strings.Join(SPDXVersions(), ", "))
	}
	if len(lost) > 0 && !opts.AllowLoss {
		lost.Sort()
		return lost.Err()
	}
	if err != nil {
		return fmt.Errorf("sbom: encode SPDX %s: %w", version, err)
	}
	if _, err := DecodeSPDX(context.Background(), bytes.NewReader(buf.Bytes()), &DecodeOptions{SkipSchema: true}); err != nil {
		return fmt.Errorf("sbom: encode SPDX %s: the document written does not read back: %w", version, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// lossAdder adds "cannot carry" problems.
type lossAdder struct {
	errs    *located.Errors
	version string
}

func (l lossAdder) add(ptr, what string, args ...any) {
	l.errs.Add(ptr, ErrNotRepresentable, "SPDX %s cannot carry %s", l.version, fmt.Sprintf(what, args...))
}

// commonLosses lists what neither SPDX version carries.
func commonLosses(inv *Inventory, l lossAdder) {
	if inv.Vulnerabilities > 0 {
		l.add("/vulnerabilities", "the SBOM's %d vulnerability entries (this package does not model them)", inv.Vulnerabilities)
	}
	if inv.Version > 1 {
		l.add("/version", "the BOM version %d", inv.Version)
	}
	if !inv.Manufacturer.IsZero() {
		isAuthor := false
		for _, a := range inv.Authors {
			isAuthor = isAuthor || a == inv.Manufacturer
		}
		if !isAuthor {
			l.add("/metadata/manufacturer", "the manufacturer %q apart from the authors", clip(inv.Manufacturer.Name))
		}
	}
	inv.allComponents(func(c *Component) {
		if c.Group != "" {
			l.add(jsonptr.Append(c.Pointer, "group"), "the group %q of component %q", clip(c.Group), clip(c.Name))
		}
		if c.SWID != nil && (c.SWID.Name != "" || c.SWID.Version != "") {
			l.add(jsonptr.Append(c.Pointer, "swid"), "the SWID tag's name and version of component %q (only its tag ID)", clip(c.Name))
		}
		for i, lic := range c.Licenses {
			if lic.Expression == "" {
				l.add(jsonptr.Index(jsonptr.Append(c.Pointer, "licenses"), i), "the licence %q of component %q, which has no SPDX expression", clip(lic.Name), clip(c.Name))
			}
			if lic.Acknowledgement == 0 {
				l.add(jsonptr.Index(jsonptr.Append(c.Pointer, "licenses"), i), "a licence of component %q that is neither concluded nor declared", clip(c.Name))
			}
		}
		for i, h := range c.Hashes {
			if _, ok := spdx3AlgorithmIDs[h.Algorithm]; !ok {
				l.add(jsonptr.Index(jsonptr.Append(c.Pointer, "hashes"), i), "the %s hash of component %q", clip(h.Algorithm), clip(c.Name))
			}
		}
	})
}

func spdx3Losses(inv *Inventory) located.Errors {
	var errs located.Errors
	commonLosses(inv, lossAdder{&errs, "3.0.1"})
	return errs
}

func spdx23Losses(inv *Inventory) located.Errors {
	var errs located.Errors
	l := lossAdder{&errs, "2.3"}
	commonLosses(inv, l)
	inv.allComponents(func(c *Component) {
		var concluded, declared int
		for _, lic := range c.Licenses {
			switch lic.Acknowledgement {
			case AcknowledgementConcluded:
				concluded++
			case AcknowledgementDeclared:
				declared++
			}
		}
		if concluded > 1 || declared > 1 {
			l.add(jsonptr.Append(c.Pointer, "licenses"), "more than one concluded or declared licence of component %q", clip(c.Name))
		}
		if len(c.DependsOn) > 0 && c.DependenciesComplete != 0 && c.DependenciesComplete != CompletenessUnknown {
			l.add(c.Pointer, "whether the dependency list of component %q is complete (only an empty one can be marked complete)", clip(c.Name))
		}
		for _, p := range []struct {
			set  bool
			name string
		}{
			{c.Executable != 0, PropExecutable}, {c.Archive != 0, PropArchive}, {c.Structured != 0, PropStructured},
			{c.EffectiveLicense != "", PropEffectiveLicense}, {c.Origin != 0, PropOrigin}, {c.FirmwareVersion != "", PropFirmwareVersion},
			{c.SourceURI != "", "the source code URI"}, {c.SecurityTxtURL != "", "the security.txt URL"},
			{c.Supplier.URL != "", "the supplier's URL"}, {c.Creator.URL != "", "the creator's URL"},
		} {
			if p.set {
				l.add(c.Pointer, "%s of component %q", p.name, clip(c.Name))
			}
		}
	})
	return errs
}

// contentID derives a stable URI for a document that has none from what
// the inventory says, so that the same inventory gives the same document.
func contentID(inv *Inventory) string {
	h := sha256.New()
	_ = json.NewEncoder(h).Encode(inv)
	sum := h.Sum(nil)
	sum[6] = sum[6]&0x0f | 0x50 // a name-based UUID (version 5 layout)
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

func isIRI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && !strings.ContainsAny(s, " \t\n<>\"{}|\\^`")
}

// spdx3IDs gives the spdxId of each component: its Ref when that is an
// IRI, else the Ref under the document's namespace (read back, the
// namespace is removed again).
type spdx3IDs struct{ doc string }

func (s spdx3IDs) id(ref string) string {
	if isIRI(ref) {
		return ref
	}
	return s.doc + "#" + url.PathEscape(ref)
}

func (s spdx3IDs) ref(id string) string {
	if rest, ok := strings.CutPrefix(id, s.doc+"#"); ok {
		if r, err := url.PathUnescape(rest); err == nil {
			return r
		}
	}
	return id
}

var spdx3AlgorithmIDs = map[string]v3.HashAlgorithm{
	"SHA-1": v3.HashAlgorithm_Sha1, "SHA-256": v3.HashAlgorithm_Sha256, "SHA-384": v3.HashAlgorithm_Sha384, "SHA-512": v3.HashAlgorithm_Sha512,
	"SHA3-256": v3.HashAlgorithm_Sha3_256, "SHA3-384": v3.HashAlgorithm_Sha3_384, "SHA3-512": v3.HashAlgorithm_Sha3_512, "MD5": v3.HashAlgorithm_Md5,
	"BLAKE2b-256": v3.HashAlgorithm_Blake2b256, "BLAKE2b-384": v3.HashAlgorithm_Blake2b384, "BLAKE2b-512": v3.HashAlgorithm_Blake2b512, "BLAKE3": v3.HashAlgorithm_Blake3,
}

var spdx3PurposeIDs = map[string]v3.SoftwarePurpose{
	"application": v3.SoftwarePurpose_Application, "framework": v3.SoftwarePurpose_Framework, "library": v3.SoftwarePurpose_Library,
	"container": v3.SoftwarePurpose_Container, "operating-system": v3.SoftwarePurpose_OperatingSystem, "device": v3.SoftwarePurpose_Device,
	"device-driver": v3.SoftwarePurpose_DeviceDriver, "firmware": v3.SoftwarePurpose_Firmware, "file": v3.SoftwarePurpose_File,
	"machine-learning-model": v3.SoftwarePurpose_Model, "data": v3.SoftwarePurpose_Data, "platform": v3.SoftwarePurpose_Platform,
}

// spdx3Agents makes one agent element per distinct party, with an ID of
// its own in the document, so that the output does not depend on the
// order in which the serialiser meets them.
type spdx3Agents struct {
	ids    spdx3IDs
	agents map[Party]v3.AnyAgent
}

func (a *spdx3Agents) get(p Party) v3.AnyAgent {
	if ag, ok := a.agents[p]; ok {
		return ag
	}
	o := spdx3Agent(p)
	o.(*v3.Organization).ID = a.ids.doc + fmt.Sprintf("#agent-%d", len(a.agents)+1)
	a.agents[p] = o
	return o
}

func spdx3Agent(p Party) v3.AnyAgent {
	o := &v3.Organization{Name: p.Name}
	if p.Email != "" {
		o.ExternalIdentifiers = append(o.ExternalIdentifiers, &v3.ExternalIdentifier{Type: v3.ExternalIdentifierType_Email, Identifier: p.Email})
	}
	if p.URL != "" {
		o.ExternalIdentifiers = append(o.ExternalIdentifiers, &v3.ExternalIdentifier{Type: v3.ExternalIdentifierType_UrlScheme, Identifier: p.URL})
	}
	return o
}

func encodeSPDX3(w io.Writer, inv *Inventory, created time.Time) error {
	docID := inv.SerialNumber
	if !isIRI(docID) {
		docID = contentID(inv)
	}
	ids := spdx3IDs{doc: docID}
	next := map[string]int{}
	newID := func(kind string) string {
		next[kind]++
		return fmt.Sprintf("%s#%s-%d", docID, kind, next[kind])
	}
	agents := &spdx3Agents{ids: ids, agents: map[Party]v3.AnyAgent{}}
	ci := &v3.CreationInfo{SpecVersion: v3.Version, Created: created.UTC()}
	for _, a := range inv.Authors {
		ci.CreatedBy = append(ci.CreatedBy, &v3.Person{ID: newID("author"), Name: a.Name, ExternalIdentifiers: spdx3Agent(a).(*v3.Organization).ExternalIdentifiers})
	}
	if len(ci.CreatedBy) == 0 {
		// SPDX requires a creator: the tool, which is no author.
		ci.CreatedBy = v3.AgentList{&v3.SoftwareAgent{ID: newID("tool"), Name: "github.com/sdlkit/iec62443"}}
	}
	doc := &v3.Document{SpdxDocument: v3.SpdxDocument{
		ID: docID, CreationInfo: ci,
		ProfileConformances: []v3.ProfileIdentifierType{v3.ProfileIdentifierType_Core, v3.ProfileIdentifierType_Software, v3.ProfileIdentifierType_SimpleLicensing},
	}}
	sbom := &v3.SBOM{ID: newID("sbom")}
	doc.RootElements = v3.ElementList{sbom}
	pkgs := map[string]*v3.Package{}
	var order []*Component
	inv.allComponents(func(c *Component) { order = append(order, c) })
	for _, c := range order {
		p := packageToSPDX3(c, ids, agents)
		if c.Ref != "" {
			pkgs[c.Ref] = p
		} else {
			p.ID = newID("package") // no ref: an ID of its own
		}
		if c == inv.Subject {
			sbom.RootElements = append(sbom.RootElements, p)
		}
		sbom.Elements = append(sbom.Elements, p)
	}
	if inv.Subject == nil {
		sbom.RootElements = append(sbom.RootElements, sbom.Elements...)
	}
	var none *v3.IndividualElement
	for _, c := range order {
		p := pkgs[c.Ref]
		if p == nil {
			continue
		}
		for _, lic := range c.Licenses {
			typ := v3.RelationshipType_HasConcludedLicense
			switch lic.Acknowledgement {
			case AcknowledgementConcluded:
			case AcknowledgementDeclared:
				typ = v3.RelationshipType_HasDeclaredLicense
			default:
				continue // listed as lost
			}
			if lic.Expression == "" {
				continue
			}
			le := &v3.LicenseExpression{ID: newID("licence"), LicenseExpression: lic.Expression, LicenseListVersion: LicenseListVersion()}
			sbom.Elements = append(sbom.Elements, &v3.Relationship{ID: newID("relationship"), From: p, To: v3.ElementList{le}, Type: typ})
		}
		if c.HasDependencies {
			r := &v3.Relationship{ID: newID("relationship"), From: p, Type: v3.RelationshipType_DependsOn}
			for _, d := range c.DependsOn {
				if q := pkgs[d]; q != nil {
					r.To = append(r.To, q)
				}
			}
			switch c.DependenciesComplete {
			case CompletenessComplete:
				r.Completeness = v3.RelationshipCompleteness_Complete
			case CompletenessIncomplete:
				r.Completeness = v3.RelationshipCompleteness_Incomplete
			case CompletenessUnknown:
				r.Completeness = v3.RelationshipCompleteness_NoAssertion
			}
			if len(r.To) == 0 {
				if none == nil {
					// not v3.IndividualElement_NoneElement: serialising sets
					// the creation info of every element, and that one is
					// shared by all documents
					none = &v3.IndividualElement{ID: "https://spdx.org/rdf/3.0.1/terms/Core/NoneElement"}
				}
				r.To = v3.ElementList{none}
			}
			sbom.Elements = append(sbom.Elements, r)
		}
		if c.Parent != "" {
			if parent := pkgs[c.Parent]; parent != nil {
				sbom.Elements = append(sbom.Elements, &v3.Relationship{ID: newID("relationship"), From: parent, To: v3.ElementList{p}, Type: v3.RelationshipType_Contains})
			}
		}
	}
	var raw bytes.Buffer
	if err := doc.ToJSON(&raw); err != nil {
		return err
	}
	return canonicalJSONLD(w, raw.Bytes())
}

// canonicalJSONLD rewrites the JSON-LD that tools-golang writes in a fixed
// order (it lists the elements of a collection in map order): the @graph
// sorted by element ID, every "element" list sorted, two-space indent.
func canonicalJSONLD(w io.Writer, raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	graph, _ := doc["@graph"].([]any)
	key := func(v any) string {
		m, _ := v.(map[string]any)
		if id, ok := m["spdxId"].(string); ok {
			return id
		}
		id, _ := m["@id"].(string)
		return id
	}
	slices.SortStableFunc(graph, func(a, b any) int { return strings.Compare(key(a), key(b)) })
	for _, e := range graph {
		if m, ok := e.(map[string]any); ok {
			if els, ok := m["element"].([]any); ok {
				slices.SortFunc(els, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func packageToSPDX3(c *Component, ids spdx3IDs, agents *spdx3Agents) *v3.Package {
	p := &v3.Package{ID: ids.id(c.Ref), Name: c.Name, Version: c.Version, PackageURL: v3.URI(c.PURL)}
	if pp, ok := spdx3PurposeIDs[c.Type]; ok {
		p.PrimaryPurpose = pp
	}
	if !c.Supplier.IsZero() {
		p.SuppliedBy = agents.get(c.Supplier)
	}
	if !c.Creator.IsZero() {
		p.OriginatedBy = v3.AgentList{agents.get(c.Creator)}
	}
	for _, h := range c.Hashes {
		if alg, ok := spdx3AlgorithmIDs[h.Algorithm]; ok {
			p.VerifiedUsing = append(p.VerifiedUsing, &v3.Hash{Algorithm: alg, Value: h.Value})
		}
	}
	if c.CPE != "" {
		t := v3.ExternalIdentifierType_Cpe23
		if strings.HasPrefix(c.CPE, "cpe:/") {
			t = v3.ExternalIdentifierType_Cpe22
		}
		p.ExternalIdentifiers = append(p.ExternalIdentifiers, &v3.ExternalIdentifier{Type: t, Identifier: c.CPE})
	}
	if c.SWID != nil && c.SWID.TagID != "" {
		p.ExternalIdentifiers = append(p.ExternalIdentifiers, &v3.ExternalIdentifier{Type: v3.ExternalIdentifierType_Swid, Identifier: c.SWID.TagID})
	}
	if c.SourceURI != "" {
		p.ExternalRefs = append(p.ExternalRefs, &v3.ExternalRef{Type: v3.ExternalRefType_Vcs, Locators: []string{c.SourceURI}})
	}
	if c.SecurityTxtURL != "" {
		p.ExternalRefs = append(p.ExternalRefs, &v3.ExternalRef{Type: v3.ExternalRefType_SecurityPolicy, Locators: []string{c.SecurityTxtURL}})
	}
	if c.DeployableURI != "" {
		p.DownloadLocation = v3.URI(c.DeployableURI)
	}
	props := componentProperties(c)
	if t, err := time.Parse(time.DateOnly, c.EndOfSupport); err == nil {
		p.ValidUntilTime = t
	}
	if len(props) > 0 {
		ext := &v3.CdxPropertiesExtension{}
		for _, kv := range props {
			ext.CdxProperties = append(ext.CdxProperties, &v3.CdxPropertyEntry{CdxPropName: kv[0], CdxPropValue: kv[1]})
		}
		p.Extensions = v3.ExtensionList{ext}
	}
	return p
}

// componentProperties lists the bsi: and iec62443: properties that hold
// the inventory fields no SPDX field carries, in a fixed order.
func componentProperties(c *Component) [][2]string {
	var out [][2]string
	add := func(name, value string) {
		if value != "" {
			out = append(out, [2]string{name, value})
		}
	}
	add(PropFilename, c.Filename)
	add(PropExecutable, flagText(PropExecutable, c.Executable))
	add(PropArchive, flagText(PropArchive, c.Archive))
	add(PropStructured, flagText(PropStructured, c.Structured))
	add(PropEffectiveLicense, c.EffectiveLicense)
	if c.Origin.Valid() {
		add(PropOrigin, c.Origin.String())
	}
	add(PropEndOfSupport, c.EndOfSupport)
	add(PropFirmwareVersion, c.FirmwareVersion)
	return out
}

var spdx23AlgorithmIDs = map[string]common.ChecksumAlgorithm{
	"SHA-1": common.SHA1, "SHA-256": common.SHA256, "SHA-384": common.SHA384, "SHA-512": common.SHA512,
	"SHA3-256": common.SHA3_256, "SHA3-384": common.SHA3_384, "SHA3-512": common.SHA3_512, "MD5": common.MD5,
	"BLAKE2b-256": common.BLAKE2b_256, "BLAKE2b-384": common.BLAKE2b_384, "BLAKE2b-512": common.BLAKE2b_512, "BLAKE3": common.BLAKE3,
}

var spdx23Purposes = map[string]string{
	"application": "APPLICATION", "framework": "FRAMEWORK", "library": "LIBRARY", "container": "CONTAINER",
	"operating-system": "OPERATING-SYSTEM", "device": "DEVICE", "firmware": "FIRMWARE", "file": "FILE",
}

// spdx23ID turns a ref into an SPDX 2 element ID (letters, digits, "."
// and "-"), unique within the document.
func spdx23ID(ref string, used map[string]bool) common.ElementID {
	var b strings.Builder
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' {
			b.WriteByte(c)
		} else {
			b.WriteByte('-')
		}
	}
	id := strings.TrimPrefix(b.String(), "SPDXRef-")
	if id == "" {
		id = "Package"
	}
	base := id
	for n := 2; used[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	used[id] = true
	return common.ElementID(id)
}

func spdx23Party(p Party) string {
	s := "Organization: " + p.Name
	if p.Email != "" {
		s += " (" + p.Email + ")"
	}
	return s
}

func encodeSPDX23(w io.Writer, inv *Inventory, created time.Time) error {
	ns := inv.SerialNumber
	if !isIRI(ns) {
		ns = contentID(inv)
	}
	name := "sbom"
	if inv.Subject != nil {
		name = strings.TrimSpace(inv.Subject.Name + " " + inv.Subject.Version)
	}
	doc := &v2_3.Document{
		SPDXVersion: v2_3.Version, DataLicense: v2_3.DataLicense, SPDXIdentifier: "DOCUMENT",
		DocumentName: name, DocumentNamespace: ns,
		CreationInfo: &v2_3.CreationInfo{Created: created.UTC().Format(time.RFC3339)},
	}
	for _, a := range inv.Authors {
		doc.CreationInfo.Creators = append(doc.CreationInfo.Creators, common.Creator{CreatorType: "Person", Creator: strings.TrimPrefix(spdx23Party(a), "Organization: ")})
	}
	doc.CreationInfo.Creators = append(doc.CreationInfo.Creators, common.Creator{CreatorType: "Tool", Creator: "github.com/sdlkit/iec62443"})
	used := map[string]bool{"DOCUMENT": true}
	ids := map[string]common.ElementID{}
	var order []*Component
	inv.allComponents(func(c *Component) { order = append(order, c) })
	for _, c := range order {
		id := spdx23ID(c.Ref, used)
		if c.Ref != "" {
			ids[c.Ref] = id
		}
		p := &v2_3.Package{
			PackageName: c.Name, PackageSPDXIdentifier: id, PackageVersion: c.Version, PackageFileName: c.Filename,
			PackageDownloadLocation: "NOASSERTION", PackageCopyrightText: "NOASSERTION",
			PrimaryPackagePurpose: spdx23Purposes[c.Type], ValidUntilDate: c.EndOfSupport,
		}
		if c.DeployableURI != "" {
			p.PackageDownloadLocation = c.DeployableURI
		}
		if c.Supplier.Name != "" {
			p.PackageSupplier = &common.Supplier{SupplierType: "Organization", Supplier: strings.TrimPrefix(spdx23Party(c.Supplier), "Organization: ")}
		}
		if c.Creator.Name != "" {
			p.PackageOriginator = &common.Originator{OriginatorType: "Organization", Originator: strings.TrimPrefix(spdx23Party(c.Creator), "Organization: ")}
		}
		for _, h := range c.Hashes {
			if alg, ok := spdx23AlgorithmIDs[h.Algorithm]; ok {
				p.PackageChecksums = append(p.PackageChecksums, common.Checksum{Algorithm: alg, Value: h.Value})
			}
		}
		for _, lic := range c.Licenses {
			switch {
			case lic.Expression == "":
			case lic.Acknowledgement == AcknowledgementConcluded && p.PackageLicenseConcluded == "":
				p.PackageLicenseConcluded = lic.Expression
			case lic.Acknowledgement == AcknowledgementDeclared && p.PackageLicenseDeclared == "":
				p.PackageLicenseDeclared = lic.Expression
			}
		}
		if c.PURL != "" {
			p.PackageExternalReferences = append(p.PackageExternalReferences, &v2_3.PackageExternalReference{Category: "PACKAGE-MANAGER", RefType: "purl", Locator: c.PURL})
		}
		if c.CPE != "" {
			t := "cpe23Type"
			if strings.HasPrefix(c.CPE, "cpe:/") {
				t = "cpe22Type"
			}
			p.PackageExternalReferences = append(p.PackageExternalReferences, &v2_3.PackageExternalReference{Category: "SECURITY", RefType: t, Locator: c.CPE})
		}
		if c.SWID != nil && c.SWID.TagID != "" {
			p.PackageExternalReferences = append(p.PackageExternalReferences, &v2_3.PackageExternalReference{Category: "PERSISTENT-ID", RefType: "swid", Locator: c.SWID.TagID})
		}
		doc.Packages = append(doc.Packages, p)
	}
	rel := func(a common.ElementID, typ string, b common.DocElementID) {
		doc.Relationships = append(doc.Relationships, &v2_3.Relationship{RefA: common.DocElementID{ElementRefID: a}, RefB: b, Relationship: typ})
	}
	if inv.Subject != nil {
		rel("DOCUMENT", common.TypeRelationshipDescribe, common.DocElementID{ElementRefID: ids[inv.Subject.Ref]})
	}
	for _, c := range order {
		id, ok := ids[c.Ref]
		if !ok {
			continue
		}
		for _, d := range c.DependsOn {
			if did, ok := ids[d]; ok {
				rel(id, common.TypeRelationshipDependsOn, common.DocElementID{ElementRefID: did})
			}
		}
		switch {
		case c.HasDependencies && len(c.DependsOn) == 0 && c.DependenciesComplete == CompletenessComplete:
			rel(id, common.TypeRelationshipDependsOn, common.DocElementID{SpecialID: "NONE"})
		case c.HasDependencies && c.DependenciesComplete == CompletenessUnknown:
			rel(id, common.TypeRelationshipDependsOn, common.DocElementID{SpecialID: "NOASSERTION"})
		}
		if pid, ok := ids[c.Parent]; ok && c.Parent != "" {
			rel(pid, common.TypeRelationshipContains, common.DocElementID{ElementRefID: id})
		}
	}
	return spdxjson.Write(doc, w, spdxjson.Indent("  "), spdxjson.EscapeHTML(false))
}
