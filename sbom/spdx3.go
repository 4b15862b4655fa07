package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	v3 "github.com/spdx/tools-golang/spdx/v3/v3_0"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
)

// SPDX 3.0.1 carriers of the inventory fields (the names are those of the
// JSON-LD serialisation). Reading and writing use the same ones, so that a
// round trip keeps what SPDX 3.0.1 can hold.
//
//	Inventory.SerialNumber       SpdxDocument spdxId
//	Inventory.Timestamp          CreationInfo created
//	Inventory.Authors            CreationInfo createdBy (Person, Organization; tools are not authors)
//	Inventory.Subject            the Package that the software_Sbom names as rootElement
//	Component.Ref                Package spdxId
//	Component.Name, Version      name, software_packageVersion
//	Component.Supplier, Creator  suppliedBy, originatedBy (Agent: name, externalIdentifier email / urlScheme)
//	Component.PURL, CPE, SWID    software_packageUrl; externalIdentifier packageUrl, cpe23/cpe22, swid
//	Component.Hashes             verifiedUsing Hash
//	Component.Licenses           Relationship hasConcludedLicense / hasDeclaredLicense to a simplelicensing_LicenseExpression
//	Component.DependsOn          Relationship dependsOn, with completeness complete / incomplete / noAssertion
//	Component.Parent             Relationship contains from the parent
//	Component.DeployableURI      software_downloadLocation
//	Component.SourceURI          externalRef vcs (else sourceArtifact)
//	Component.SecurityTxtURL     externalRef securityPolicy
//	Component.EndOfSupport       validUntilTime
//	Component.Type               software_primaryPurpose
//	the bsi: and iec62443: properties  extension CdxPropertiesExtension (cdxPropName / cdxPropValue)
//
// Not carried, so listed by [EncodeSPDX] unless SPDXOptions.AllowLoss:
// Component.Group, SWID name and version, licences given by name only, hash
// algorithms SPDX 3.0.1 has no value for, Inventory.Version,
// Inventory.Manufacturer (unless it is an author) and vulnerability entries.

const spdx3Version = "SPDX-3.0.1"

// spdx3Graph maps the spdxId (or @id) of each element of the @graph to its
// index, for pointers.
func spdx3Graph(data []byte) map[string]int {
	var g struct {
		Graph []struct {
			SpdxID string `json:"spdxId"`
			ID     string `json:"@id"`
			Type   string `json:"type"`
		} `json:"@graph"`
	}
	_ = json.Unmarshal(data, &g)
	out := make(map[string]int, len(g.Graph))
	for i, e := range g.Graph {
		id := e.SpdxID
		if id == "" {
			id = e.ID
		}
		if _, dup := out[id]; !dup && id != "" {
			out[id] = i
		}
		if _, seen := out[" "+e.Type]; !seen && e.Type == "CreationInfo" {
			out[" "+e.Type] = i // blank node IDs change when read: the first CreationInfo
		}
	}
	return out
}

func decodeSPDX3(ctx context.Context, data []byte, opts *DecodeOptions) (*Inventory, error) {
	var errs located.Errors
	var probe struct {
		Context any `json:"@context"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, jsonDecodeError("SPDX JSON-LD", data, err)
	}
	if c, _ := probe.Context.(string); c != "https://spdx.org/rdf/3.0.1/spdx-context.jsonld" {
		v := "SPDX 3"
		if m := spdx3Context.FindStringSubmatch(fmt.Sprint(probe.Context)); m != nil {
			v = "SPDX-" + m[1]
		}
		return nil, unsupportedSPDX("/@context", v)
	}
	sr := opts.schemaTarget()
	if sr != nil {
		res, err := validateOfficial(ctx, "spdx-3.0.1", data)
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		if err != nil {
			res = schemaResult{unavailable: err.Error()}
		}
		*sr = res
	}
	var doc v3.Document
	if err := doc.FromJSON(bytes.NewReader(data)); err != nil {
		errs.Add("", problem.ErrInvalidDocument, "SPDX 3.0.1 JSON-LD: %v", err)
		return nil, errs.Err()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	inv, err := inventoryFromSPDX3(&doc, spdx3Graph(data))
	if inv != nil {
		inv.schema = sr
	}
	return inv, err
}

func spdx3Ptr(graph map[string]int, id string) string {
	if i, ok := graph[id]; ok {
		return jsonptr.Index("/@graph", i)
	}
	return ""
}

// spdx3Party reads an agent: its name, e-mail and URL.
func spdx3Party(a v3.AnyElement) (Party, bool) {
	var p Party
	switch a.(type) {
	case *v3.Person, *v3.Organization, *v3.Agent:
	default:
		return p, false // tools (SoftwareAgent) and anything else
	}
	p.Name = a.GetName()
	for _, id := range a.GetExternalIdentifiers() {
		t := id.GetType()
		switch t.GetID() {
		case v3.ExternalIdentifierType_Email.GetID():
			setOnce(&p.Email, id.GetIdentifier())
		case v3.ExternalIdentifierType_UrlScheme.GetID():
			setOnce(&p.URL, id.GetIdentifier())
		}
	}
	return p, true
}

var spdx3Purposes = map[string]string{
	"application": "application", "framework": "framework", "library": "library", "container": "container",
	"operatingSystem": "operating-system", "device": "device", "deviceDriver": "device-driver", "firmware": "firmware",
	"file": "file", "model": "machine-learning-model", "data": "data", "platform": "platform",
}

var spdx3Algorithms = map[string]string{
	"sha1": "SHA-1", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512",
	"sha3_256": "SHA3-256", "sha3_384": "SHA3-384", "sha3_512": "SHA3-512", "md5": "MD5",
	"blake2b256": "BLAKE2b-256", "blake2b384": "BLAKE2b-384", "blake2b512": "BLAKE2b-512", "blake3": "BLAKE3",
}

// lastSegment returns what follows the last "/" of an IRI.
func lastSegment(iri string) string {
	return iri[strings.LastIndexByte(iri, '/')+1:]
}

// spdx3License renders a licence of the SPDX 3 model as an SPDX licence
// expression; "" for NONE, NOASSERTION and what has no expression.
func spdx3License(l v3.AnyElement) string {
	switch x := l.(type) {
	case *v3.LicenseExpression:
		return x.LicenseExpression
	case *v3.ListedLicense:
		return lastSegment(x.ID)
	case *v3.CustomLicense:
		return lastSegment(x.ID)
	case *v3.ListedLicenseException:
		return lastSegment(x.ID)
	case *v3.CustomLicenseAddition:
		return lastSegment(x.ID)
	case *v3.OrLaterOperator:
		if s := spdx3License(x.SubjectLicense); s != "" {
			return s + "+"
		}
	case *v3.WithAdditionOperator:
		l, a := spdx3License(x.SubjectExtendableLicense), spdx3License(x.SubjectAddition)
		if l != "" && a != "" {
			return l + " WITH " + a
		}
	case *v3.ConjunctiveLicenseSet:
		return spdx3Set(x.Members, " AND ")
	case *v3.DisjunctiveLicenseSet:
		return spdx3Set(x.Members, " OR ")
	}
	return ""
}

func spdx3Set(members v3.LicenseInfoList, op string) string {
	parts := make([]string, 0, len(members))
	for _, m := range members {
		s := spdx3License(m)
		if s == "" {
			return ""
		}
		if strings.Contains(s, " ") {
			s = "(" + s + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, op)
}

func inventoryFromSPDX3(doc *v3.Document, graph map[string]int) (*Inventory, error) {
	inv := &Inventory{Format: FormatSPDX, SpecVersion: spdx3Version, SerialNumber: doc.ID}
	inv.meta = &docPointers{sbom: spdx3Ptr(graph, doc.ID)}
	for _, e := range doc.RootElements {
		if s, ok := e.(*v3.SBOM); ok {
			inv.meta.sbom = spdx3Ptr(graph, s.ID)
			break
		}
	}
	if ci, ok := doc.CreationInfo.(*v3.CreationInfo); ok && ci != nil {
		inv.meta.creationInfo = spdx3Ptr(graph, ci.ID)
		if inv.meta.creationInfo == "" {
			inv.meta.creationInfo = spdx3Ptr(graph, " CreationInfo")
		}
		if !ci.Created.IsZero() {
			inv.Timestamp = ci.Created.UTC().Format(time.RFC3339)
		}
		for _, a := range ci.CreatedBy {
			if p, ok := spdx3Party(a); ok && !p.IsZero() {
				inv.Authors = append(inv.Authors, p)
			} else if a != nil && a.GetName() != "" {
				inv.tools = append(inv.tools, a.GetName()) // a SoftwareAgent
			}
		}
		for _, tl := range ci.CreatedUsing {
			if tl != nil && tl.GetName() != "" {
				inv.tools = append(inv.tools, tl.GetName())
			}
		}
	}
	refs := refIndex{}
	var pkgs []*v3.Package
	var rels []v3.AnyRelationship
	for _, e := range doc.Elements {
		switch x := e.(type) {
		case *v3.Package:
			pkgs = append(pkgs, x)
		case v3.AnyRelationship:
			rels = append(rels, x)
		}
	}
	// Document order: by position in the @graph.
	slices.SortStableFunc(pkgs, func(a, b *v3.Package) int { return graph[a.ID] - graph[b.ID] })
	var errs located.Errors
	inv.Components = make([]Component, 0, len(pkgs))
	ids := spdx3IDs{doc: doc.ID}
	for _, p := range pkgs {
		c := componentFromSPDX3(p, spdx3Ptr(graph, p.ID))
		c.Ref = ids.ref(p.ID)
		if _, dup := refs[p.ID]; dup || p.ID == "" {
			errs.Add(c.Pointer, problem.ErrDuplicate, "package %q has no spdxId of its own (spdxIds must be unique)", clip(c.Name))
			continue
		}
		refs[p.ID] = len(inv.Components)
		inv.Components = append(inv.Components, c)
	}
	slices.SortStableFunc(rels, func(a, b v3.AnyRelationship) int { return graph[a.GetID()] - graph[b.GetID()] })
	for _, r := range rels {
		from := r.GetFrom()
		if from == nil {
			continue
		}
		i, ok := refs[from.GetID()]
		if !ok {
			continue // about an element this package does not model
		}
		c := &inv.Components[i]
		t := r.GetType()
		switch t.GetID() {
		case v3.RelationshipType_DependsOn.GetID():
			c.HasDependencies = true
			for _, to := range r.GetTo() {
				if to == nil {
					continue
				}
				if _, ok := refs[to.GetID()]; ok {
					c.DependsOn = append(c.DependsOn, ids.ref(to.GetID()))
				}
			}
			cp := r.GetCompleteness()
			switch cp.GetID() {
			case v3.RelationshipCompleteness_Complete.GetID():
				c.DependenciesComplete = CompletenessComplete
			case v3.RelationshipCompleteness_Incomplete.GetID():
				c.DependenciesComplete = CompletenessIncomplete
			case v3.RelationshipCompleteness_NoAssertion.GetID():
				c.DependenciesComplete = CompletenessUnknown
			}
		case v3.RelationshipType_HasConcludedLicense.GetID(), v3.RelationshipType_HasDeclaredLicense.GetID():
			ack := AcknowledgementConcluded
			if t.GetID() == v3.RelationshipType_HasDeclaredLicense.GetID() {
				ack = AcknowledgementDeclared
			}
			for _, to := range r.GetTo() {
				if s := spdx3License(to); s != "" {
					c.Licenses = append(c.Licenses, License{Expression: s, Acknowledgement: ack})
				}
			}
		case v3.RelationshipType_Contains.GetID():
			for _, to := range r.GetTo() {
				if to == nil {
					continue
				}
				if j, ok := refs[to.GetID()]; ok && inv.Components[j].Parent == "" {
					inv.Components[j].Parent = c.Ref
				}
			}
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs.Err()
	}
	for i := range inv.Components {
		// concluded before declared, as the writers of this package order them
		slices.SortStableFunc(inv.Components[i].Licenses, func(a, b License) int { return int(a.Acknowledgement) - int(b.Acknowledgement) })
	}
	// The product: the package an Sbom (or the document) names as root.
	subject := -1
	roots := doc.RootElements
	for _, e := range doc.RootElements {
		if s, ok := e.(*v3.SBOM); ok {
			roots = append(slices.Clone(s.RootElements), roots...)
		}
	}
	for _, e := range roots {
		if e == nil {
			continue
		}
		if i, ok := refs[e.GetID()]; ok {
			subject = i
			break
		}
	}
	if subject >= 0 {
		s := inv.Components[subject]
		inv.Subject = &s
		inv.Components = append(inv.Components[:subject:subject], inv.Components[subject+1:]...)
		for i := range inv.Components {
			if inv.Components[i].Parent == s.Ref {
				inv.Components[i].Parent = "" // the product's children are top level, as in CycloneDX
			}
		}
	}
	return inv, nil
}

func componentFromSPDX3(p *v3.Package, ptr string) Component {
	c := Component{Ref: p.ID, Type: "library", Name: p.Name, Version: p.Version, PURL: string(p.PackageURL), Pointer: ptr}
	if t, ok := spdx3Purposes[lastSegment(p.PrimaryPurpose.GetID())]; ok {
		c.Type = t
	}
	if p.SuppliedBy != nil {
		c.Supplier, _ = spdx3Party(p.SuppliedBy)
	}
	if len(p.OriginatedBy) > 0 && p.OriginatedBy[0] != nil {
		c.Creator, _ = spdx3Party(p.OriginatedBy[0])
	}
	for _, m := range p.VerifiedUsing {
		h, ok := m.(*v3.Hash)
		if !ok {
			continue
		}
		alg, ok := spdx3Algorithms[lastSegment(h.Algorithm.GetID())]
		if !ok {
			alg = lastSegment(h.Algorithm.GetID())
		}
		c.Hashes = append(c.Hashes, Hash{Algorithm: alg, Value: h.Value})
	}
	for _, id := range p.ExternalIdentifiers {
		t := id.GetType()
		switch t.GetID() {
		case v3.ExternalIdentifierType_PackageURL.GetID():
			setOnce(&c.PURL, id.GetIdentifier())
		case v3.ExternalIdentifierType_Cpe23.GetID(), v3.ExternalIdentifierType_Cpe22.GetID():
			setOnce(&c.CPE, id.GetIdentifier())
		case v3.ExternalIdentifierType_Swid.GetID():
			if c.SWID == nil {
				c.SWID = &SWID{TagID: id.GetIdentifier()}
			}
		}
	}
	for _, r := range p.ExternalRefs {
		locs := r.GetLocators()
		if len(locs) == 0 {
			continue
		}
		t := r.GetType()
		switch t.GetID() {
		case v3.ExternalRefType_Vcs.GetID():
			c.SourceURI = locs[0]
		case v3.ExternalRefType_SourceArtifact.GetID():
			setOnce(&c.SourceURI, locs[0])
		case v3.ExternalRefType_SecurityPolicy.GetID():
			setOnce(&c.SecurityTxtURL, locs[0])
		}
	}
	c.DeployableURI = spdxValue(string(p.DownloadLocation))
	if !p.ValidUntilTime.IsZero() {
		c.EndOfSupport = p.ValidUntilTime.UTC().Format(time.DateOnly)
	}
	for _, e := range p.Extensions {
		x, ok := e.(*v3.CdxPropertiesExtension)
		if !ok {
			continue
		}
		for _, pe := range x.CdxProperties {
			if pe, ok := pe.(*v3.CdxPropertyEntry); ok {
				setComponentProperty(&c, pe.CdxPropName, pe.CdxPropValue)
			}
		}
	}
	return c
}

// setComponentProperty sets the inventory field a bsi: or iec62443:
// property holds (the first value of each wins, as in CycloneDX).
func setComponentProperty(c *Component, name, value string) {
	switch name {
	case PropFilename:
		setOnce(&c.Filename, value)
	case PropEffectiveLicense:
		setOnce(&c.EffectiveLicense, value)
	case PropEndOfSupport:
		setOnce(&c.EndOfSupport, value)
	case PropFirmwareVersion:
		setOnce(&c.FirmwareVersion, value)
	case PropOrigin:
		if c.Origin == 0 {
			_ = c.Origin.UnmarshalText([]byte(value))
		}
	case PropExecutable, PropArchive, PropStructured:
		f := map[string]*Flag{PropExecutable: &c.Executable, PropArchive: &c.Archive, PropStructured: &c.Structured}[name]
		if *f != 0 {
			return
		}
		switch vals := flagValues[name]; value {
		case vals[0]:
			*f = FlagYes
		case vals[1]:
			*f = FlagNo
		}
	}
}
