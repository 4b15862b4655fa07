package soa_test

import (
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/soa"
)

// exampleAssessment stands in for risk.AssessApplicability: every A11
// requirement applies, as a lifecycle baseline or by the product's category,
// except SD-7, which no risk links.
func exampleAssessment(cat *requirement.Catalog) *risk.Applicability {
	a := &risk.Applicability{Edition: cat.Edition(), CatalogVersion: cat.Version(), Category: annex.Category3}
	for r := range cat.All() {
		d := risk.ApplicabilityDecision{Requirement: r.ID(), Applies: true, Basis: risk.BasisBaseline, Rationale: "applies to every product"}
		if !slices.Contains(risk.DefaultBaselinePractices(), r.Practice()) {
			d.Basis, d.Rationale = risk.BasisContext, "no risk links "+string(r.ID())+", but category C3 demands it"
		}
		if r.ID() == requirement.SD7 {
			d = risk.ApplicabilityDecision{Requirement: r.ID(), Basis: risk.BasisNotApplicable, Rationale: "no risk links SD-7 and category C3 does not demand it"}
		}
		a.Entries = append(a.Entries, d)
	}
	return a
}

func exampleMeta() soa.Metadata {
	return soa.Metadata{
		Product:  soa.Product{Name: "Gateway GW-3", Version: "2.0", Manufacturer: "Example Automation AG"},
		Profile:  annex.ProfileSP2,
		Author:   "Product security officer",
		Issued:   requirement.NewDate(2026, 10, 1),
		Approver: "Head of engineering",
		Approved: requirement.NewDate(2026, 10, 2),
	}
}

func ExampleResolve() {
	cat := requirement.Default()
	overrides := []soa.Override{
		// The manufacturer disagrees with the assessment: the gateway's
		// crypto comes from its certified TPM.
		{Requirement: requirement.SD7, Decision: soa.Inherited, InheritedFrom: "TPM 2.0 module",
			Justification: "All key storage and signing run in the certified TPM; the firmware implements no cryptography itself.",
			Status:        soa.StatusVerified},
	}
	s, findings, err := soa.Resolve(cat, exampleMeta(), exampleAssessment(cat), overrides, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	sd7 := s.Entries[36]
	fmt.Println(len(s.Entries), "entries, category", s.Category)
	fmt.Println(sd7.Requirement, sd7.Decision, "from", sd7.InheritedFrom, "- assessed:", sd7.Assessed, sd7.Flags)
	for _, f := range findings {
		if f.Rule == requirement.RuleID("soa.override-contradicts-assessment") {
			fmt.Println(f.Severity, f.Rule, f.Requirement)
		}
	}
	// Output:
	// 71 entries, category C3
	// SD-7 inherited from TPM 2.0 module - assessed: not-applicable [override]
	// low soa.override-contradicts-assessment SD-7
}

func ExampleValidate() {
	cat := requirement.Default()
	s, _, err := soa.Resolve(cat, exampleMeta(), exampleAssessment(cat), nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// A malformed evidence digest: the statement cannot be read, so it is an
	// error that locates the problem.
	s.Entries[0].Evidence = []soa.EvidenceRef{{URI: "docs/sdl.pdf", SHA256: "1234", Date: requirement.NewDate(2026, 9, 1)}}
	_, err = soa.Validate(s, cat, nil)
	var list problem.List
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e.Pointer, errors.Is(e, problem.ErrInvalidValue))
		}
	}
	// An exclusion without a real justification is no input problem but a
	// compliance gap: the statement validates, and the gap is one finding
	// among all the others.
	s.Entries[0].Evidence = nil
	s.Entries[36].Justification = "n/a"
	findings, err := soa.Validate(s, cat, nil)
	fmt.Println(err, len(findings))
	for _, f := range findings {
		if f.Rule == requirement.RuleID("soa.justification-missing") {
			fmt.Println(f.Severity, f.Rule, f.Edition, f.Subject, f.Basis)
		}
	}
	// Output:
	// /entries/0/evidence/0/sha256 true
	// <nil> 142
	// high soa.justification-missing A11 SD-7 provisional
}

func ExampleMigrate() {
	old, _ := requirement.ForEdition(requirement.Edition2018)
	s := &soa.Statement{SchemaVersion: soa.SchemaVersion, Metadata: exampleMeta()}
	s.Edition, s.CatalogVersion, s.Profile = old.Edition(), old.Version(), 0
	for r := range old.All() {
		s.Entries = append(s.Entries, soa.Entry{Requirement: r.ID(), Title: r.Title(), Decision: soa.Applicable,
			Justification: string(r.ID()) + " applies: the gateway's risk assessment links it to risk R-1.",
			Status:        soa.StatusImplemented, Owner: "PSIRT"})
	}
	migrated, report, err := soa.Migrate(s, old, requirement.Default(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rec := range report.Records {
		if rec.Action == soa.ActionReKeyed {
			fmt.Printf("2018 %s -> A11 %s (%s)\n", rec.From, rec.To, rec.Action)
		}
	}
	fmt.Println(len(migrated.Entries), "entries;", report.Count(soa.ActionOpened), "new requirements opened as gaps")
	// Text carried into A11 names 2018 requirements with their edition.
	fmt.Println(migrated.Entries[20].Requirement+":", migrated.Entries[20].Justification)
	// Output:
	// 2018 SR-1 -> A11 SRM-2 (re-keyed)
	// 2018 SR-2 -> A11 SRM-3 (re-keyed)
	// 2018 SR-3 -> A11 SR-1 (re-keyed)
	// 71 entries; 24 new requirements opened as gaps
	// SRM-2: 2018 SR-1 applies: the gateway's risk assessment links it to risk R-1.
}

func ExampleRenderMarkdown() {
	s := &soa.Statement{SchemaVersion: soa.SchemaVersion, Metadata: exampleMeta(), Entries: []soa.Entry{
		{Requirement: "SVV-4", Title: "Penetration testing", Decision: soa.Applicable, Risks: []string{"R-1"},
			Justification: "Risk R-1 (high): an attacker on the plant network reaches the maintenance port.",
			Status:        soa.StatusVerified, Owner: "Test team",
			Evidence: []soa.EvidenceRef{{URI: "https://example.com/pentest.pdf", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Date: requirement.NewDate(2026, 9, 30)}}},
		{Requirement: "SUM-7", Title: "Automatic update notification", Decision: soa.NotApplicable,
			Justification: "The gateway runs without internet access | users subscribe to the advisory feed."},
	}}
	s.Edition, s.CatalogVersion = requirement.EditionA11, "A11 draft 2026.1"
	if err := soa.RenderMarkdown(os.Stdout, s, nil); err != nil {
		fmt.Println(err)
	}
	// Output:
	// # Statement of applicability: Gateway GW-3 2.0
	//
	// | Field | Value |
	// |---|---|
	// | Product | Gateway GW-3 2.0 |
	// | Manufacturer | Example Automation AG |
	// | Standard | EN IEC 62443-4-1:2018/A11:2026 (draft), catalog A11 draft 2026.1 |
	// | Product security context (Annex B) | profile SP2 *(provisional)* |
	// | Author | Product security officer |
	// | Approval | Head of engineering, 2026-10-02 |
	// | Issued | 2026-10-01 |
	// | Schema version | 1 |
	//
	// > **Provisional content:** EN IEC 62443-4-1 A11 is a draft, not cited in the Official Journal of the EU. Its requirement IDs, titles and clauses may change, and meeting them gives no presumption of conformity under the CRA. Marked (provisional): requirements new in the draft, the Annex B classification, and applicability rationale from the SDK's own modelling of the draft that the manufacturer has not confirmed in its own words.
	//
	// ## Summary
	//
	// | Practice | Requirements | Applicable | Tailored | Inherited | Not applicable | Planned | In progress | Implemented | Verified |
	// |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|
	// | SM: Security management (clause 5) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
	// | SRM: Security risk management (clause 6) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
	// | SR: Specification of security requirements (clause 7) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
	// | SD: Secure by design (clause 8) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
	// | SI: Secure implementation (clause 9) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
	// | SVV: Security verification and validation testing (clause 10) | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |
	// | DM: Management of security-related issues (clause 11) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
	// | SUM: Security update management (clause 12) | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 |
	// | SG: Security guidelines (clause 13) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
	//
	// ## SVV: Security verification and validation testing (clause 10)
	//
	// | ID | Title | Decision | Justification | Risks | Status | Evidence | Owner | Maturity (target / achieved) |
	// |---|---|---|---|---|---|---|---|---|
	// | SVV-4 | Penetration testing | applicable | Risk R-1 (high): an attacker on the plant network reaches the maintenance port. | R-1 | verified | [pentest.pdf](<https://example.com/pentest.pdf>) sha256:9f86d081884c… 2026-09-30 | Test team |  |
	//
	// ## SUM: Security update management (clause 12)
	//
	// | ID | Title | Decision | Justification | Risks | Status | Evidence | Owner | Maturity (target / achieved) |
	// |---|---|---|---|---|---|---|---|---|
	// | SUM-7 | Automatic update notification *(provisional)* | not-applicable | The gateway runs without internet access \| users subscribe to the advisory feed. |  |  |  |  |  |
}

func ExampleDiff() {
	cat := requirement.Default()
	before, _, err := soa.Resolve(cat, exampleMeta(), exampleAssessment(cat), nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// A month later: penetration testing is done and evidenced.
	after, _, err := soa.Resolve(cat, exampleMeta(), exampleAssessment(cat), []soa.Override{{
		Requirement: requirement.SVV4, Status: soa.StatusVerified, Owner: "Test team",
		Evidence: []soa.EvidenceRef{{URI: "reports/pentest-2026-11.pdf", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Date: requirement.NewDate(2026, 11, 3)}},
	}}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	changes, err := soa.Diff(before, after)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range changes {
		fmt.Println(c.Kind, "|", c)
	}
	// Output:
	// status | SVV-4 status: planned -> verified
	// evidence | SVV-4 evidence/reports/pentest-2026-11.pdf: - -> 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 2026-11-03
	// owner | SVV-4 owner: - -> Test team
}
