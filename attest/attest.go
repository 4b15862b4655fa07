package attest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/uuid5"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// PropertyPrefix is the namespace of the CycloneDX properties the package
// writes, such as "sdlkit:provisional".
const PropertyPrefix = "sdlkit:"

// The bom-refs the package gives the fixed elements of an assessment.
const (
	RefProduct      = "product"
	RefManufacturer = "manufacturer"
	RefAssessor     = "assessor"
)

// Options tunes the encoders. A nil *Options means defaults.
type Options struct {
	// SpecVersion is the CycloneDX version written. Zero means 1.6, the
	// first with attestations; a version before 1.6 lacks definitions and
	// declarations and is refused with problem.ErrNotRepresentable.
	SpecVersion cdx.SpecVersion
	// Catalog is the catalog the report was assessed against
	// ([EncodeAssessment] only; [EncodeCatalog] takes its catalog as an
	// argument). Nil means the embedded catalog of the report's edition. It
	// must have the report's edition and catalog version
	// (problem.ErrWrongEdition).
	Catalog *requirement.Catalog
	// Assessor names the organisation that made the assessment. "" means the
	// report's manufacturer: a self-assessment.
	Assessor string
	// ThirdParty marks the assessor as independent of the manufacturer.
	ThirdParty bool
	// ProductType is the CycloneDX component type of the assessed product.
	// Zero means "device".
	ProductType cdx.ComponentType
}

func (o *Options) specVersion() (cdx.SpecVersion, error) {
	v := cdx.SpecVersion1_6
	if o != nil && o.SpecVersion != 0 {
		v = o.SpecVersion
	}
	if v < cdx.SpecVersion1_6 {
		return 0, fmt.Errorf("CycloneDX %s has no definitions and declarations (want 1.6 or later): %w", v, problem.ErrNotRepresentable)
	}
	if v > cdx.SpecVersion1_7 {
		return 0, fmt.Errorf("CycloneDX %s: %w (want 1.6 or 1.7)", v, problem.ErrUnsupported)
	}
	return v, nil
}

// namespace is the UUID name space of serial numbers.
var namespace = uuid5.New(uuid5.NamespaceURL, "https://github.com/sdlkit/iec62443/attest")

func serial(parts ...string) string {
	return "urn:uuid:" + uuid5.New(namespace, uuid5.Join(parts...)).String()
}

func prop(name, value string) cdx.Property {
	return cdx.Property{Name: PropertyPrefix + name, Value: value}
}

// standardRef, practiceRef and requirementRef are the bom-refs of the
// standard's definition and its parts, qualified by edition (A11's SR-2 is
// not 2018's SR-2).
func standardRef(e requirement.Edition) string { return "iec62443-4-1/" + e.String() }

func practiceRef(e requirement.Edition, p practice.Practice) string {
	return standardRef(e) + "/" + p.Prefix()
}

func requirementRef(e requirement.Edition, id requirement.ID) string {
	return standardRef(e) + "/" + string(id)
}

// standard is the CycloneDX definition of a catalog: the practices as
// requirements without parent, each requirement under its practice.
func standard(cat *requirement.Catalog) cdx.StandardDefinition {
	e := cat.Edition()
	owner := "IEC and CENELEC"
	std := cdx.StandardDefinition{
		BOMRef:  standardRef(e),
		Name:    e.Title(),
		Version: cat.Version(),
		Description: "Security for industrial automation and control systems, part 4-1: secure product development lifecycle requirements. " +
			"The SDK's catalog: requirement IDs, short titles and clause numbers, with summaries in the SDK's own words " +
			"(normative text only where a licensee's overlay supplied it).",
		Owner: owner,
	}
	var reqs []cdx.StandardRequirement
	for _, p := range cat.Practices() {
		pr := cdx.StandardRequirement{BOMRef: practiceRef(e, p), Identifier: p.Prefix(), Title: p.Name(), Text: p.Purpose()}
		props := []cdx.Property{prop("kind", "practice")}
		if clause, ok := p.Clause(e); ok {
			props = append(props, prop("clause", clause))
		}
		props = append(props, prop("provisional", strconv.FormatBool(p.Provisional(e))))
		pr.Properties = &props
		reqs = append(reqs, pr)
		for r := range cat.ByPractice(p) {
			reqs = append(reqs, standardRequirement(r, pr.BOMRef))
		}
	}
	std.Requirements = &reqs
	return std
}

func standardRequirement(r requirement.Requirement, parent string) cdx.StandardRequirement {
	sr := cdx.StandardRequirement{
		BOMRef: requirementRef(r.Edition(), r.ID()), Identifier: string(r.ID()), Title: r.Title(), Parent: parent,
	}
	var descriptions []string
	if r.NormativeText() != "" {
		sr.Text = r.NormativeText()
		descriptions = append(descriptions, r.Summary())
	} else {
		sr.Text = r.Summary()
	}
	for _, l := range r.Lists() {
		var b strings.Builder
		b.WriteString(l.Name)
		b.WriteString(":")
		for _, it := range l.Items {
			b.WriteString("\n")
			if it.Label != "" {
				b.WriteString(it.Label + ") ")
			}
			b.WriteString(it.Text)
		}
		descriptions = append(descriptions, b.String())
	}
	if len(descriptions) > 0 {
		sr.Descriptions = &descriptions
	}
	textKind := "summary"
	if r.NormativeText() != "" {
		textKind = "normative"
	}
	props := []cdx.Property{prop("kind", "requirement"), prop("text", textKind)}
	if r.Clause() != "" {
		props = append(props, prop("clause", r.Clause()))
	}
	props = append(props, prop("lifecycle", r.Lifecycle().String()), prop("provisional", strconv.FormatBool(r.Provisional())))
	if r.Change() != "" {
		props = append(props, prop("change", r.Change()))
	}
	for _, s := range r.Supersedes() {
		props = append(props, prop("supersedes", string(s)))
	}
	for _, a := range r.Artifacts() {
		props = append(props, prop("artifact", string(a)))
	}
	for _, p := range r.Provenance() {
		v := p.Source
		if p.Confidence.Valid() {
			v += " (" + p.Confidence.String() + ")"
		}
		if p.Locator != "" {
			v += ": " + p.Locator
		}
		props = append(props, prop("provenance", v))
	}
	sr.Properties = &props
	return sr
}

// EncodeCatalog writes cat as a CycloneDX document whose definitions hold it
// as a standard: each practice a requirement without parent, each
// requirement under its practice, its summary as text (or, with normative
// text from a licensee's overlay, the normative text as text and the summary
// as a description), its enumerations as descriptions, and the clause,
// provisional mark, lifecycle, change text, superseded IDs, artifact kinds
// and provenance as properties named [PropertyPrefix]+name. Only
// [Options].SpecVersion applies. A nil cat means [requirement.Default]. The
// serial number is derived from the edition and catalog version, so the
// output is deterministic.
func EncodeCatalog(w io.Writer, cat *requirement.Catalog, opts *Options) error {
	if w == nil {
		return fmt.Errorf("attest: encode catalog: nil writer: %w", problem.ErrNilInput)
	}
	v, err := opts.specVersion()
	if err != nil {
		return fmt.Errorf("attest: encode catalog: %w", err)
	}
	if cat == nil {
		cat = requirement.Default()
	}
	bom := cdx.NewBOM()
	bom.SerialNumber = serial("catalog", cat.Edition().String(), cat.Version())
	stds := []cdx.StandardDefinition{standard(cat)}
	bom.Definitions = &cdx.Definitions{Standards: &stds}
	return encode(w, "catalog", bom, v)
}

func encode(w io.Writer, what string, bom *cdx.BOM, v cdx.SpecVersion) error {
	enc := cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	enc.SetEscapeHTML(false)
	if err := enc.EncodeVersion(bom, v); err != nil {
		return fmt.Errorf("attest: encode %s: %w", what, err)
	}
	return nil
}

// EncodeAssessment writes a report as CycloneDX attestations: a document
// whose definitions hold the catalog of the assessment as a standard (see
// [EncodeCatalog]) and whose declarations hold
//
//   - the assessor (the manufacturer, a self-assessment, unless
//     [Options].Assessor names another organisation);
//   - the targets: the product (bom-ref [RefProduct]) and its manufacturer;
//   - one claim per entry of the statement of applicability ([ClaimsOf]):
//     its predicate says whether the requirement applies, its reasoning is
//     the justification, its evidence is the entry itself (decision, basis,
//     status as evidence data) and the artifacts that show it is met (with
//     their URI, date and, as external references, SHA-256 digests), its
//     counter-evidence the findings against the requirement and its
//     mitigation strategy the list of what closes them;
//   - one attestation by the assessor mapping each requirement of the
//     standard to its claim, with the conformance score and rationale of
//     requirements in scope and the mitigation strategy of their gaps.
//
// The product's identifier (a purl) and the metadata timestamp (the
// assessment time) come from the report. A nil rep fails with
// problem.ErrNilInput, a report without statement of applicability with
// problem.ErrInvalidValue, a spec version before 1.6 with
// problem.ErrNotRepresentable. The output is deterministic: the serial number
// is derived from the product and the assessment time.
func EncodeAssessment(w io.Writer, rep *iec62443.Report, opts *Options) error {
	switch {
	case w == nil:
		return fmt.Errorf("attest: encode assessment: nil writer: %w", problem.ErrNilInput)
	case rep == nil:
		return fmt.Errorf("attest: encode assessment: nil report: %w", problem.ErrNilInput)
	case rep.SoA == nil:
		return fmt.Errorf("attest: encode assessment: the report has no statement of applicability: %w", problem.ErrInvalidValue)
	}
	v, err := opts.specVersion()
	if err != nil {
		return fmt.Errorf("attest: encode assessment: %w", err)
	}
	var cat *requirement.Catalog
	if opts != nil && opts.Catalog != nil {
		cat = opts.Catalog
	} else if cat, err = requirement.ForEdition(rep.Edition); err != nil {
		return fmt.Errorf("attest: encode assessment: %w", err)
	}
	if cat.Edition() != rep.Edition || cat.Version() != rep.CatalogVersion {
		return fmt.Errorf("attest: encode assessment: the report was assessed against catalog %q (%s), not %q (%s): %w (pass its catalog in Options.Catalog)",
			rep.CatalogVersion, rep.Edition, cat.Version(), cat.Edition(), problem.ErrWrongEdition)
	}
	bom := assessmentBOM(rep, cat, ClaimsOf(rep), opts)
	return encode(w, "assessment", bom, v)
}

func assessmentBOM(rep *iec62443.Report, cat *requirement.Catalog, claims []Claim, opts *Options) *cdx.BOM {
	bom := cdx.NewBOM()
	bom.SerialNumber = serial("assessment", rep.Manufacturer.Name, rep.Product.Name, rep.Product.Version, rep.AssessedAt.UTC().Format(time.RFC3339))
	product := cdx.Component{
		BOMRef: RefProduct, Type: cdx.ComponentTypeDevice, Name: rep.Product.Name, Version: rep.Product.Version,
		PackageURL: rep.Product.Identifier,
	}
	if opts != nil && opts.ProductType != "" {
		product.Type = opts.ProductType
	}
	manufacturer := cdx.OrganizationalEntity{BOMRef: RefManufacturer, Name: rep.Manufacturer.Name}
	if c := rep.Manufacturer.Contact; c != "" {
		manufacturer.Contact = &[]cdx.OrganizationalContact{{Email: c}}
	}
	if !rep.AssessedAt.IsZero() {
		bom.Metadata = &cdx.Metadata{Timestamp: rep.AssessedAt.UTC().Format(time.RFC3339)}
	} else {
		bom.Metadata = &cdx.Metadata{}
	}
	bom.Metadata.Properties = &[]cdx.Property{
		prop("edition", rep.Edition.String()),
		prop("catalog-version", rep.CatalogVersion),
		prop("verdict", rep.Verdict.Outcome.String()),
	}
	stds := []cdx.StandardDefinition{standard(cat)}
	bom.Definitions = &cdx.Definitions{Standards: &stds}

	assessorName, third := rep.Manufacturer.Name, false
	if opts != nil && opts.Assessor != "" {
		assessorName, third = opts.Assessor, opts.ThirdParty
	}
	d := &cdx.Declarations{
		Assessors: &[]cdx.Assessor{{BOMRef: RefAssessor, ThirdParty: third, Organization: &cdx.OrganizationalEntity{Name: assessorName}}},
		Targets:   &cdx.Targets{Organizations: &[]cdx.OrganizationalEntity{manufacturer}, Components: &[]cdx.Component{product}},
	}
	var evidence []cdx.DeclarationEvidence
	var cdxClaims []cdx.Claim
	var maps []cdx.AttestationMap
	artifacts := map[string]bool{}
	for _, c := range claims {
		id := string(c.Requirement)
		cl := cdx.Claim{BOMRef: "claim/" + id, Target: RefProduct, Predicate: predicate(rep, cat, c), Reasoning: c.Justification}

		entry := cdx.DeclarationEvidence{
			BOMRef: "evidence/soa/" + id, PropertyName: PropertyPrefix + "soa-entry",
			Description: "Statement of applicability entry of " + id,
		}
		var data []cdx.EvidenceData
		addData := func(name, value string) {
			if value != "" {
				data = append(data, cdx.EvidenceData{Name: name, Contents: &cdx.EvidenceDataContents{Attachment: &cdx.AttachedText{Content: value, ContentType: "text/plain"}}})
			}
		}
		addData("decision", enumText(c.Decision))
		addData("basis", enumText(c.Basis))
		addData("status", enumText(c.Status))
		addData("inherited-from", c.InheritedFrom)
		entry.Data = &data
		evidence = append(evidence, entry)
		refs := []string{entry.BOMRef}

		var ext []cdx.ExternalReference
		for _, ev := range c.Evidence {
			ref := artifactRef(ev)
			refs = append(refs, ref)
			er := cdx.ExternalReference{URL: ev.URI, Type: cdx.ERTypeEvidence, Comment: ev.Description}
			if ev.SHA256 != "" {
				er.Hashes = &[]cdx.Hash{{Algorithm: cdx.HashAlgoSHA256, Value: ev.SHA256}}
			}
			ext = append(ext, er)
			if artifacts[ref] {
				continue
			}
			artifacts[ref] = true
			item := cdx.DeclarationEvidence{BOMRef: ref, PropertyName: PropertyPrefix + "artifact", Description: ev.Description}
			itemData := []cdx.EvidenceData{{Name: "artifact", Contents: &cdx.EvidenceDataContents{URL: ev.URI}}}
			if ev.Kind != "" {
				itemData = append(itemData, cdx.EvidenceData{Name: "kind", Contents: &cdx.EvidenceDataContents{Attachment: &cdx.AttachedText{Content: string(ev.Kind), ContentType: "text/plain"}}})
			}
			item.Data = &itemData
			if !ev.Date.IsZero() {
				item.Created = ev.Date.Time().UTC().Format(time.RFC3339)
			}
			evidence = append(evidence, item)
		}
		cl.Evidence = bomRefs(refs)
		if len(ext) > 0 {
			cl.ExternalReferences = &ext
		}

		var counter []string
		for i, f := range c.Gaps {
			ref := fmt.Sprintf("evidence/gap/%s/%d", id, i+1)
			counter = append(counter, ref)
			item := cdx.DeclarationEvidence{BOMRef: ref, PropertyName: PropertyPrefix + "finding", Description: f.Message}
			fd := findingData(f)
			item.Data = &fd
			evidence = append(evidence, item)
		}
		var mitigation []string
		if len(c.Gaps) > 0 {
			cl.CounterEvidence = bomRefs(counter)
			ref := "mitigation/" + id
			mitigation = []string{ref}
			evidence = append(evidence, cdx.DeclarationEvidence{
				BOMRef: ref, PropertyName: PropertyPrefix + "mitigation", Description: mitigationText(c),
			})
			cl.MitigationStrategies = bomRefs(mitigation)
		}
		cdxClaims = append(cdxClaims, cl)

		m := cdx.AttestationMap{Requirement: requirementRef(cat.Edition(), c.Requirement), Claims: bomRefs([]string{cl.BOMRef})}
		if c.InScope() {
			score := c.Conformance
			m.Conformance = &cdx.AttestationConformance{Score: &score, Rationale: c.Rationale}
			if len(mitigation) > 0 {
				m.Conformance.MitigationStrategies = bomRefs(mitigation)
			}
		}
		maps = append(maps, m)
	}
	d.Evidence = &evidence
	d.Claims = &cdxClaims
	d.Attestations = &[]cdx.Attestation{{
		Summary:  attestationSummary(rep, claims),
		Assessor: RefAssessor,
		Map:      &maps,
	}}
	bom.Declarations = d
	return bom
}

// artifactRef is the bom-ref of an evidence artifact: the same artifact
// cited by several claims is one evidence element.
func artifactRef(ev soa.EvidenceRef) string {
	sum := sha256.Sum256([]byte(ev.URI + "\x00" + ev.SHA256))
	return "evidence/artifact/" + hex.EncodeToString(sum[:8])
}

func bomRefs(refs []string) *[]cdx.BOMReference {
	out := make([]cdx.BOMReference, len(refs))
	for i, r := range refs {
		out[i] = cdx.BOMReference(r)
	}
	return &out
}

func enumText(v interface {
	Valid() bool
	String() string
}) string {
	if !v.Valid() {
		return ""
	}
	return v.String()
}

// findingData is a finding as evidence data: one named text per field.
func findingData(f requirement.Finding) []cdx.EvidenceData {
	var out []cdx.EvidenceData
	add := func(name, value string) {
		if value != "" {
			out = append(out, cdx.EvidenceData{Name: name, Contents: &cdx.EvidenceDataContents{Attachment: &cdx.AttachedText{Content: value, ContentType: "text/plain"}}})
		}
	}
	add("rule", string(f.Rule))
	add("severity", enumText(f.Severity))
	add("basis", enumText(f.Basis))
	add("edition", enumText(f.Edition))
	add("requirement", string(f.Requirement))
	add("pointer", f.Pointer)
	add("subject", f.Subject)
	return out
}

func predicate(rep *iec62443.Report, cat *requirement.Catalog, c Claim) string {
	product := strings.TrimSpace(rep.Product.Name + " " + rep.Product.Version)
	req := fmt.Sprintf("requirement %s (%s) of %s", c.Requirement, c.Title, cat.Edition().Title())
	switch {
	case !c.InScope():
		return fmt.Sprintf("%s does not apply to %s.", upperFirst(req), product)
	case c.InheritedFrom != "":
		return fmt.Sprintf("%s meets %s through %s.", product, req, c.InheritedFrom)
	}
	return fmt.Sprintf("%s meets %s.", product, req)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func mitigationText(c Claim) string {
	high := 0
	for _, f := range c.Gaps {
		if f.Severity >= requirement.SeverityHigh {
			high++
		}
	}
	s := fmt.Sprintf("Close the %s against %s", plural(len(c.Gaps), "gap"), c.Requirement)
	if high > 0 {
		s += fmt.Sprintf(" (%d high or critical)", high)
	}
	// the gaps are sorted most severe first within the requirement
	return s + ": each counter-evidence item says what is missing and how to close it. Start with: " + c.Gaps[0].Message
}

func attestationSummary(rep *iec62443.Report, claims []Claim) string {
	in := 0
	for _, c := range claims {
		if c.InScope() {
			in++
		}
	}
	s := fmt.Sprintf("Assessment of %s against %s (catalog %s)",
		strings.TrimSpace(rep.Product.Name+" "+rep.Product.Version), rep.Edition.Title(), rep.CatalogVersion)
	if !rep.AssessedAt.IsZero() {
		s += " on " + rep.AssessedAt.UTC().Format("2006-01-02")
	}
	s += fmt.Sprintf(": %d of %d requirements in scope", in, len(claims))
	if rep.Verdict.Outcome.Valid() {
		s += "; verdict " + rep.Verdict.Outcome.String()
	}
	s += "."
	if rep.Edition.Provisional() {
		s += " The A11 amendment is a draft: its requirements and this assessment are provisional."
	}
	return s
}
