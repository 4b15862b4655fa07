package iec62443

import (
	"fmt"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/requirement"
)

// The index of the technical documentation (CRA Art. 31 and Annex VII; in
// A11, SM-17 makes security management oversee it): for each point of
// Annex VII, the dossier content that covers it.

// TechDocPoint is a point of CRA Annex VII, the content of the technical
// documentation: "1", "2(a)", "2(b)", "2(c)", "3" ... "8". Point 2 is split
// into its three sub-points (design and development, vulnerability
// handling, production and monitoring), which different evidence covers.
type TechDocPoint string

// The points of CRA Annex VII, in the order of the Annex. The short titles
// are the SDK's own words, not the Regulation's text.
const (
	// TechDocGeneral (point 1): a general description of the product.
	TechDocGeneral TechDocPoint = "1"
	// TechDocDesign (point 2(a)): design and development, with the system
	// architecture.
	TechDocDesign TechDocPoint = "2(a)"
	// TechDocVulnerabilityHandling (point 2(b)): the vulnerability handling
	// processes, with the SBOM, the CVD policy, the reporting contact and
	// the secure distribution of updates.
	TechDocVulnerabilityHandling TechDocPoint = "2(b)"
	// TechDocProduction (point 2(c)): the production and monitoring
	// processes and their validation.
	TechDocProduction TechDocPoint = "2(c)"
	// TechDocRiskAssessment (point 3): the cybersecurity risk assessment.
	TechDocRiskAssessment TechDocPoint = "3"
	// TechDocSupportPeriod (point 4): what the support period was based on.
	TechDocSupportPeriod TechDocPoint = "4"
	// TechDocStandards (point 5): the harmonised standards, common
	// specifications or other specifications applied, and which parts.
	TechDocStandards TechDocPoint = "5"
	// TechDocTestReports (point 6): the test reports.
	TechDocTestReports TechDocPoint = "6"
	// TechDocDeclaration (point 7): a copy of the EU declaration of
	// conformity.
	TechDocDeclaration TechDocPoint = "7"
	// TechDocSBOM (point 8): the SBOM, for a market surveillance authority
	// that asks for it with reasons.
	TechDocSBOM TechDocPoint = "8"
)

// techDocSpec describes a point: its title, what the report adds to it,
// the artifact kinds of evidence records that cover it and what to add
// when nothing does.
type techDocSpec struct {
	point TechDocPoint
	title string
	note  string
	kinds []requirement.ArtifactKind
	add   string
}

// techDocSpecs lists the points in Annex order. Which artifact kinds cover
// which point is the SDK's reading of the Annex.
var techDocSpecs = []techDocSpec{
	{TechDocGeneral, "General description: intended purpose, software versions, hardware pictures, user information", "",
		[]requirement.ArtifactKind{requirement.ArtifactIntendedUseStatement, requirement.ArtifactUserGuideline},
		"state the intended purpose in the register's intended_use, or list the product description under technical_documentation"},
	{TechDocDesign, "Design and development, with the system architecture", "",
		[]requirement.ArtifactKind{requirement.ArtifactDesignSpecification, requirement.ArtifactTraceabilityMatrix},
		"list the design description and system architecture under technical_documentation, or record design-specification evidence"},
	{TechDocVulnerabilityHandling, "Vulnerability handling: SBOM, CVD policy, reporting contact, secure update distribution", "",
		[]requirement.ArtifactKind{requirement.ArtifactSBOM, requirement.ArtifactCVDPolicy, requirement.ArtifactVulnerabilityHandlingPolicy,
			requirement.ArtifactPatchPolicy, requirement.ArtifactUpdateDeliveryRecord},
		"give the SBOM and the CVD policy and contact in the dossier"},
	{TechDocProduction, "Production and monitoring processes and their validation",
		"the SDK reads production as the build, release and delivery process and counts organisation-wide process records",
		[]requirement.ArtifactKind{requirement.ArtifactProcessDescription, requirement.ArtifactEnvironmentControls,
			requirement.ArtifactIntegrityMechanism, requirement.ArtifactReleaseApproval, requirement.ArtifactInternalAuditReport,
			requirement.ArtifactVulnerabilityMonitoringRecord},
		"list the production and monitoring process descriptions under technical_documentation, or record process-description evidence"},
	{TechDocRiskAssessment, "Cybersecurity risk assessment (Art. 13), with how Annex I Part I applies", "",
		[]requirement.ArtifactKind{requirement.ArtifactRiskAssessment, requirement.ArtifactThreatModel},
		"rate the risks in the register"},
	{TechDocSupportPeriod, "Information used to set the support period (Art. 13(8))", "",
		[]requirement.ArtifactKind{requirement.ArtifactSupportPeriodStatement},
		"give context.support_period with its months and rationale"},
	{TechDocStandards, "Harmonised standards, common specifications or other specifications applied, and which parts",
		"EN IEC 62443-4-1 is not cited in the Official Journal: it is an other specification applied, in the parts the statement of applicability records",
		[]requirement.ArtifactKind{requirement.ArtifactStatementOfApplicability, requirement.ArtifactScopingRecord},
		"give the statement of applicability"},
	{TechDocTestReports, "Test reports showing conformity with Annex I Parts I and II", "",
		[]requirement.ArtifactKind{requirement.ArtifactTestReport, requirement.ArtifactPenetrationTestReport,
			requirement.ArtifactStaticAnalysisReport, requirement.ArtifactThreatModelVerification},
		"give the test records"},
	{TechDocDeclaration, "Copy of the EU declaration of conformity", "", nil,
		"list the EU declaration of conformity under technical_documentation"},
	{TechDocSBOM, "SBOM, for a market surveillance authority that asks for it with reasons",
		"where applicable", []requirement.ArtifactKind{requirement.ArtifactSBOM},
		"give the SBOM in the dossier"},
}

// TechDocPoints returns the points of CRA Annex VII in the Annex's order,
// in a fresh slice.
func TechDocPoints() []TechDocPoint {
	out := make([]TechDocPoint, len(techDocSpecs))
	for i, s := range techDocSpecs {
		out[i] = s.point
	}
	return out
}

func techDocSpecOf(p TechDocPoint) (techDocSpec, bool) {
	for _, s := range techDocSpecs {
		if s.point == p {
			return s, true
		}
	}
	return techDocSpec{}, false
}

// Valid reports whether p is a point of Annex VII.
func (p TechDocPoint) Valid() bool { _, ok := techDocSpecOf(p); return ok }

// Title returns the point's short title in the SDK's words; "" for an
// unknown point.
func (p TechDocPoint) Title() string { s, _ := techDocSpecOf(p); return s.title }

// TechDocDocument is one document of the technical documentation that a
// dossier lists under a point of CRA Annex VII: the EU declaration of
// conformity, a design description, anything the other parts of the
// dossier do not carry.
type TechDocDocument struct {
	// Point is the point of Annex VII the document covers. Required.
	Point TechDocPoint `json:"point"`
	// Title says what the document is. Required.
	Title string `json:"title"`
	// URI locates the document. Required.
	URI string `json:"uri"`
	// SHA256 is the document's SHA-256 digest (64 lower-case hex digits);
	// "" when not given.
	SHA256 string `json:"sha256,omitzero"`
}

// TechDocEntry is one point of CRA Annex VII in a report's index of the
// technical documentation, with the dossier content that covers it.
type TechDocEntry struct {
	// Point is the point of Annex VII.
	Point TechDocPoint `json:"point"`
	// Title is its short title, in the SDK's words.
	Title string `json:"title"`
	// Note qualifies the point or the SDK's reading of it; "" when none.
	Note string `json:"note,omitzero"`
	// Covered reports whether any evidence covers the point; a point
	// without any is a finding (rule dossier.techdoc-point-missing).
	Covered bool `json:"covered"`
	// Evidence lists what covers the point, in the order: parts of the
	// dossier, the report, evidence records, listed documents.
	Evidence []TechDocEvidence `json:"evidence,omitzero"`
}

// TechDocEvidence is one piece of dossier content that covers a point of
// Annex VII: a part or member of the dossier, the report's own statement
// of applicability, the evidence records of one artifact kind, or a
// document the dossier lists under technical_documentation.
type TechDocEvidence struct {
	// Location says where it is: a JSON pointer into the dossier
	// ("/sbom", "/cvd/contact", "/technical_documentation/0"), a part's
	// file and a pointer into it ("register.json#/risks"), "/evidence" for
	// evidence records, or "report#/soa" for the statement of
	// applicability Assess resolved.
	Location string `json:"location"`
	// Kind is the artifact kind of evidence records; "" otherwise.
	Kind requirement.ArtifactKind `json:"kind,omitzero"`
	// Count is how many records, risks, test records or statements it
	// holds; zero for a single item.
	Count int `json:"count,omitzero"`
	// Latest is the ID of the most recent evidence record of Kind; ""
	// otherwise.
	Latest string `json:"latest,omitzero"`
	// Description says what it is.
	Description string `json:"description"`
}

// partLocation locates ptr (a pointer into a part, "" for the part
// itself) in the part's file, or under member of the dossier when the part
// is inline.
func partLocation(file, member, ptr string) string {
	if file != "" {
		if ptr == "" {
			return file
		}
		return file + "#" + ptr
	}
	return member + ptr
}

// technicalDocumentation builds the index of the technical documentation:
// for each point of Annex VII, what in the dossier covers it, and a finding
// for each point that nothing covers. Evidence records count when they
// were produced by now and are organisation-wide or of a project of this
// product (maturity.Project.Product is the dossier's product name; a
// record that names a release, of the product's version); test records
// count when dated by now. resolved says whether the report's statement
// of applicability was resolved by Assess (not given by the dossier).
func (a *assessment) technicalDocumentation(d *Dossier, resolved bool, now time.Time) []TechDocEntry {
	today := requirement.DateOf(now)
	type kindEvidence struct {
		n      int
		latest maturity.Evidence
	}
	byKind := map[requirement.ArtifactKind]*kindEvidence{}
	if m := d.Evidence; m != nil {
		ours := map[string]bool{}
		for _, p := range m.Scope.Projects {
			if p.Product != "" && strings.EqualFold(strings.TrimSpace(p.Product), strings.TrimSpace(d.Product.Name)) {
				ours[p.ID] = true
			}
		}
		for _, ev := range m.Evidence {
			switch {
			case !ev.Produced.Valid() || ev.Produced.After(today):
				continue // counts for nothing (maturity reports it)
			case ev.Project != "" && !ours[ev.Project]:
				continue // another product's
			case ev.Project != "" && ev.Release != "" && ev.Release != d.Product.Version:
				continue // another version's
			}
			k := byKind[ev.Kind]
			if k == nil {
				k = &kindEvidence{}
				byKind[ev.Kind] = k
			}
			k.n++
			if k.n == 1 || ev.Produced.After(k.latest.Produced) || ev.Produced == k.latest.Produced && ev.ID < k.latest.ID {
				k.latest = ev
			}
		}
	}

	entries := make([]TechDocEntry, 0, len(techDocSpecs))
	for _, spec := range techDocSpecs {
		e := TechDocEntry{Point: spec.point, Title: spec.title, Note: spec.note}
		e.Evidence = append(e.Evidence, dossierTechDoc(spec.point, d, resolved, today)...)
		for _, kind := range spec.kinds {
			if k := byKind[kind]; k != nil {
				e.Evidence = append(e.Evidence, TechDocEvidence{Location: "/evidence", Kind: kind, Count: k.n, Latest: k.latest.ID,
					Description: fmt.Sprintf("%d evidence record(s) of kind %s, latest %s of %s", k.n, kind, k.latest.ID, k.latest.Produced)})
			}
		}
		for i, doc := range d.TechnicalDocumentation {
			if doc.Point == spec.point {
				e.Evidence = append(e.Evidence, TechDocEvidence{Location: fmt.Sprintf("/technical_documentation/%d", i),
					Description: fmt.Sprintf("%s (%s)", clip(doc.Title, 300), clip(doc.URI, 500))})
			}
		}
		e.Covered = len(e.Evidence) > 0
		if !e.Covered {
			a.add(SourceCRA, "", a.finding(ruleTechDocPointMissing, "/technical_documentation", string(spec.point),
				"CRA Annex VII point %s (%s): nothing in the dossier covers it; %s", spec.point, spec.title, spec.add))
		}
		entries = append(entries, e)
	}
	return entries
}

// dossierTechDoc lists the parts and members of the dossier (and the
// report's resolved statement) that cover point p.
func dossierTechDoc(p TechDocPoint, d *Dossier, resolved bool, today requirement.Date) []TechDocEvidence {
	var out []TechDocEvidence
	add := func(loc string, n int, format string, args ...any) {
		out = append(out, TechDocEvidence{Location: loc, Count: n, Description: fmt.Sprintf(format, args...)})
	}
	reg := d.Register
	sbomGiven := d.SBOM.Data != nil || d.SBOM.Inventory != nil
	switch p {
	case TechDocGeneral:
		if reg != nil && strings.TrimSpace(reg.IntendedUse.Purpose) != "" {
			add(partLocation(d.Paths.Register, "/register", "/intended_use"), 0, "the intended use in the risk register")
		}
	case TechDocVulnerabilityHandling:
		if sbomGiven {
			add("/sbom", 0, "the SBOM")
		}
		if d.CVD.PolicyURL != "" {
			add("/cvd/policy_url", 0, "the published CVD policy")
		}
		if d.CVD.Contact != "" {
			add("/cvd/contact", 0, "the contact for vulnerability reports")
		}
		if d.Monitoring.OSV != nil {
			add("/vulnerability_monitoring", len(d.Monitoring.OSV), "the advisory snapshot the SBOM is matched against (%d OSV records, %d VEX statements)",
				len(d.Monitoring.OSV), len(d.Monitoring.VEX))
		}
	case TechDocRiskAssessment:
		if reg != nil && len(reg.Risks) > 0 {
			add(partLocation(d.Paths.Register, "/register", "/risks"), len(reg.Risks), "the risk register: %d risk(s) for %d threat(s)", len(reg.Risks), len(reg.Threats))
		}
	case TechDocSupportPeriod:
		if sp := d.Context.SupportPeriod; sp.Months > 0 && strings.TrimSpace(sp.Rationale) != "" {
			add("/context/support_period", 0, "the support period of %d months and its rationale", sp.Months)
		}
	case TechDocStandards:
		switch {
		case d.SoA.Statement != nil:
			add(partLocation(d.Paths.Statement, "/soa/statement", ""), 0, "the statement of applicability of EN IEC 62443-4-1 given by the dossier")
		case resolved:
			add("report#/soa", 0, "the statement of applicability of EN IEC 62443-4-1 that this report resolves (file the report)")
		}
	case TechDocTestReports:
		n := 0
		for _, r := range d.TestRecords {
			if r.Date.Valid() && !r.Date.After(today) {
				n++
			}
		}
		if n > 0 {
			add(partLocation(d.Paths.TestRecords, "/test_records", ""), n, "%d security test record(s)", n)
		}
	case TechDocSBOM:
		if sbomGiven {
			add("/sbom", 0, "the SBOM")
		}
	case TechDocDesign, TechDocProduction, TechDocDeclaration:
		// only evidence records and listed documents cover them
	}
	return out
}

// writeTechDocMarkdown writes the report's index of the technical
// documentation as a Markdown section, through p (RenderMarkdown's writer).
func writeTechDocMarkdown(p func(string, ...any), r *Report) {
	if len(r.TechnicalDocumentation) == 0 {
		return
	}
	p("\n## Technical documentation (CRA Annex VII)\n\nWhat in the dossier covers each point of the technical documentation (CRA Art. 31); which evidence covers which point is the SDK's reading of the Annex.\n\n| Point | Content | Covered by |\n|---|---|---|\n")
	for _, e := range r.TechnicalDocumentation {
		title := mdEscape(e.Title)
		if e.Note != "" {
			title += " (" + mdEscape(e.Note) + ")"
		}
		covered := "**nothing** (a finding)"
		if len(e.Evidence) > 0 {
			parts := make([]string, len(e.Evidence))
			for i, ev := range e.Evidence {
				parts[i] = mdEscape(ev.Description) + " (`" + strings.ReplaceAll(ev.Location, "`", "'") + "`)"
			}
			covered = strings.Join(parts, "; ")
		}
		p("| %s | %s | %s |\n", e.Point, title, covered)
	}
}
