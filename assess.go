package iec62443

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/sbom"
	"github.com/sdlkit/iec62443/soa"
)

// ReportSchemaVersion is the schema_version of reports ([ReportSchema]).
const ReportSchemaVersion = "1"

// Rule IDs of the findings this package adds to those of the other packages.
const (
	RuleNoSBOM             requirement.RuleID = "dossier.no-sbom"
	RuleNoEvidence         requirement.RuleID = "dossier.no-evidence"
	RuleNoTestRecords      requirement.RuleID = "dossier.no-test-records"
	RuleNoCVDPolicy        requirement.RuleID = "dossier.no-cvd-policy"
	RuleNoReportingContact requirement.RuleID = "dossier.no-reporting-contact"
	RuleAdvisoryNotMachine requirement.RuleID = "dossier.advisory-not-machine-readable"
	RuleDeadlineOverdue    requirement.RuleID = "dossier.cra-deadline-overdue"
	RuleDeadlineOpen       requirement.RuleID = "dossier.cra-deadline-open"

	// RuleSoAProductMismatch (high): a given statement of applicability
	// names another product or version than the dossier.
	RuleSoAProductMismatch requirement.RuleID = "dossier.soa-product-mismatch"
	// RuleSoAClassificationMismatch (high): a given statement records
	// another Annex B category or security profile than the dossier's
	// context gives.
	RuleSoAClassificationMismatch requirement.RuleID = "dossier.soa-classification-mismatch"
	// RuleSoAExcludesApplicable (high): a given statement excludes a
	// requirement that the current risk-driven applicability assessment
	// finds applicable, without recording that assessment.
	RuleSoAExcludesApplicable requirement.RuleID = "dossier.soa-excludes-applicable"
	// RuleSoAAssessmentStale (medium): an entry of a given statement records
	// an assessed decision that the current register no longer supports.
	RuleSoAAssessmentStale requirement.RuleID = "dossier.soa-assessment-stale"
)

// ErrNoTime is wrapped when [Assess] is called without Options.Now: the SDK
// never reads the clock.
var ErrNoTime = errors.New("no assessment time (set Options.Now)")

// Options tunes [Assess]. Now is required.
type Options struct {
	// Now is the time of the assessment: deadlines, review ages and record
	// dates are judged against it. Required (the SDK never reads the clock).
	Now time.Time
	// Catalog replaces the embedded catalog of the dossier's edition (for a
	// licensee's overlay). Nil means requirement.ForEdition(dossier edition).
	Catalog *requirement.Catalog
	// Rules replaces the default Annex B decision table. Nil means
	// annex.DefaultRules().
	Rules *annex.Rules
	// SBOMProfile selects the SBOM rule set. Zero means
	// sbom.ProfileTR03183v2_1 (BSI TR-03183-2 v2.1.0).
	SBOMProfile sbom.Profile
	// MaxActions caps the list of next actions. Zero means 10.
	MaxActions int
}

// Source names where a finding comes from, for grouping in reports.
type Source string

// The finding sources, in report order.
const (
	SourceContext  Source = "context"
	SourceRisk     Source = "risk"
	SourceSoA      Source = "soa"
	SourceTests    Source = "tests"
	SourceSBOM     Source = "sbom"
	SourceMaturity Source = "maturity"
	SourceCRA      Source = "cra"
)

// Sources returns every source in report order, in a fresh slice.
func Sources() []Source {
	return []Source{SourceContext, SourceRisk, SourceSoA, SourceTests, SourceSBOM, SourceMaturity, SourceCRA}
}

// FindingGroup holds the findings of one source whose pointers locate the
// same document.
type FindingGroup struct {
	// Source is where the findings come from.
	Source Source `json:"source"`
	// Document is the document the findings' pointers locate: "" for the
	// dossier itself; a part's path as the dossier gives it (relative to the
	// dossier), such as "register.json"; a fragment such as "#/register" for
	// a part given inline in the dossier (the pointers are relative to that
	// part); "report#/soa" for the statement of applicability Assess
	// resolved (the report's soa member); "sbom" for SBOM data a program set
	// without a path.
	Document string `json:"document,omitzero"`
	// Findings are sorted by requirement.CompareFindings.
	Findings []requirement.Finding `json:"findings"`
}

// Verdict is the presumption-of-conformity verdict of a report.
type Verdict struct {
	// Holds is true when the ML3 verdict passes and no high or critical
	// finding remains.
	Holds bool `json:"holds"`
	// Outcome is pass, fail (also whenever a high or critical finding remains),
	// or unknown when the evidence to decide is missing.
	Outcome requirement.Outcome `json:"outcome"`
	// Obligation says whether ML3 is mandatory (important and critical
	// products) or recommended (default products).
	Obligation maturity.Obligation `json:"obligation"`
	// Reasons lists every reason the verdict does not hold.
	Reasons []string `json:"reasons,omitzero"`
	// ML3 is the maturity verdict; its Outcome is unknown without evidence.
	ML3 maturity.ML3Verdict `json:"ml3"`
}

// Action is one suggested next step: a requirement whose findings, closed,
// remove the most weight of gaps.
type Action struct {
	// Requirement is the requirement to work on ("" for document-level gaps).
	Requirement requirement.ID `json:"requirement,omitzero"`
	// Title is the requirement's title, or "Dossier-wide findings" for the
	// findings that concern no single requirement.
	Title string `json:"title,omitzero"`
	// Findings is how many findings the action closes.
	Findings int `json:"findings"`
	// Severity is the highest severity among them.
	Severity requirement.Severity `json:"severity"`
	// First is the message of the most severe of them.
	First string `json:"first"`
}

// SBOMSummary condenses the SBOM check.
type SBOMSummary struct {
	// Profile is the rule set applied.
	Profile sbom.Profile `json:"profile"`
	// Outcome is the SBOM check's outcome.
	Outcome requirement.Outcome `json:"outcome"`
	// Score is the share of passed checks, 0 to 100.
	Score float64 `json:"score"`
	// Components is the number of components in the inventory.
	Components int `json:"components"`
	// ComponentsWithGaps is the number of components with at least one gap.
	ComponentsWithGaps int `json:"components_with_gaps"`
}

// Report is the result of [Assess]: where a product stands against the
// catalog and what is missing. It is deterministic for the same dossier and
// Options.Now.
type Report struct {
	// SchemaVersion is [ReportSchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// AssessedAt is Options.Now, in UTC.
	AssessedAt time.Time `json:"assessed_at"`
	// Edition and CatalogVersion identify the catalog assessed against.
	Edition        requirement.Edition `json:"edition"`
	CatalogVersion string              `json:"catalog_version"`
	// Product and Manufacturer repeat the dossier's.
	Product      Product      `json:"product"`
	Manufacturer Manufacturer `json:"manufacturer"`
	// Classification is the Annex B category, profile and CRA class with the
	// trace of decisive parameters.
	Classification annex.Classification `json:"classification"`
	// TestPlan is the Annex D test plan for the profile.
	TestPlan annex.TestPlan `json:"test_plan"`
	// RiskState is the Annex C workflow state the register has reached.
	RiskState risk.State `json:"risk_state,omitzero"`
	// SoA is the resolved (or given and validated) statement of applicability.
	SoA *soa.Statement `json:"soa"`
	// Maturity is the maturity per requirement and practice; nil when the
	// dossier has no evidence manifest.
	Maturity *maturity.Assessment `json:"maturity,omitzero"`
	// Verdict is the presumption-of-conformity verdict.
	Verdict Verdict `json:"verdict"`
	// Coverage is the CRA essential-requirement coverage.
	Coverage []annex.ProvisionCoverage `json:"coverage"`
	// Deadlines lists the CRA deadlines still open at AssessedAt.
	Deadlines []annex.Deadline `json:"deadlines,omitzero"`
	// SBOM condenses the SBOM check; nil when the dossier has no SBOM.
	SBOM *SBOMSummary `json:"sbom,omitzero"`
	// Findings groups every finding by source, in [Sources] order; empty
	// groups are omitted.
	Findings []FindingGroup `json:"findings"`
	// NextActions are the requirements whose gaps, closed, help most.
	NextActions []Action `json:"next_actions,omitzero"`
}

// AllFindings returns every finding of the report, sorted by
// requirement.CompareFindings, in a fresh slice.
func (r *Report) AllFindings() []requirement.Finding {
	var out []requirement.Finding
	for _, g := range r.Findings {
		out = append(out, g.Findings...)
	}
	return requirement.SortFindings(out)
}

// Count returns the number of findings of severity s or above.
func (r *Report) Count(s requirement.Severity) int {
	n := 0
	for _, g := range r.Findings {
		for _, f := range g.Findings {
			if f.Severity >= s {
				n++
			}
		}
	}
	return n
}

// Assess evaluates a dossier: it classifies the product (Annex B), plans its
// tests (Annex D), validates the risk register and derives the applicability
// of every requirement (Annex C), resolves the statement of applicability
// (Annex E), checks test records and the SBOM, measures maturity from the
// evidence, decides the ML3 verdict, computes CRA coverage and open
// deadlines, and ranks the next actions.
//
// Errors are reserved for input that cannot be assessed (a nil dossier, a
// missing Options.Now, a register referencing requirements the catalog lacks);
// every compliance gap is a finding in the report.
func Assess(d *Dossier, opts *Options) (*Report, error) {
	if d == nil {
		return nil, fmt.Errorf("iec62443: assess: nil dossier: %w", problem.ErrInvalidValue)
	}
	if opts == nil || opts.Now.IsZero() {
		return nil, fmt.Errorf("iec62443: assess %q: %w", d.Product.Name, ErrNoTime)
	}
	now := opts.Now.UTC()
	cat := opts.Catalog
	if cat == nil {
		e := d.Edition
		if e == 0 {
			e = requirement.EditionA11
		}
		var err error
		if cat, err = requirement.ForEdition(e); err != nil {
			return nil, fmt.Errorf("iec62443: assess: %w", err)
		}
	}
	if d.Register.Value == nil {
		return nil, fmt.Errorf("iec62443: assess %q: the dossier has no risk register: %w", d.Product.Name, problem.ErrInvalidValue)
	}
	type groupKey struct {
		s   Source
		doc string
	}
	groups := map[groupKey][]requirement.Finding{}
	add := func(s Source, doc string, fs ...requirement.Finding) {
		if len(fs) > 0 {
			k := groupKey{s, doc}
			groups[k] = append(groups[k], fs...)
		}
	}

	// Annex B and D.
	cls, err := annex.Classify(d.Context, &annex.Options{Rules: opts.Rules})
	if err != nil {
		return nil, fmt.Errorf("iec62443: assess: context: %w", err)
	}
	add(SourceContext, "", cls.Findings...)
	add(SourceContext, "", annex.CheckSupportPeriod(d.Context.SupportPeriod)...)
	plan, err := annex.PlanTests(cls.Profile)
	if err != nil {
		return nil, fmt.Errorf("iec62443: assess: test plan: %w", err)
	}

	// Annex C.
	reg := d.Register.Value
	rf, err := risk.Validate(reg, now, cat)
	if err != nil {
		return nil, fmt.Errorf("iec62443: assess: risk register: %w", err)
	}
	add(SourceRisk, partDocument(d.Register.Path, "/register"), rf...)
	state, _ := risk.DeriveState(reg, now)
	app, err := risk.AssessApplicability(reg, cat, cls.Category, nil)
	if err != nil {
		return nil, fmt.Errorf("iec62443: assess: applicability: %w", err)
	}

	// Annex E.
	knownRisks := make([]string, 0, len(reg.Risks))
	for _, r := range reg.Risks {
		knownRisks = append(knownRisks, r.ID)
	}
	var stmt *soa.Statement
	resolved := false
	if st := d.SoA.Statement.Value; st != nil {
		sf, err := soa.Validate(st, cat, &soa.ValidateOptions{KnownRisks: knownRisks})
		if err != nil {
			return nil, fmt.Errorf("iec62443: assess: statement of applicability: %w", err)
		}
		stmt = st
		doc := partDocument(d.SoA.Statement.Path, "/soa/statement")
		add(SourceSoA, doc, sf...)
		add(SourceSoA, doc, checkGivenStatement(st, d, cls, app)...)
	} else {
		meta := soa.Metadata{
			Product:  soa.Product{Name: d.Product.Name, Version: d.Product.Version, Manufacturer: d.Manufacturer.Name},
			Category: cls.Category, Profile: cls.Profile,
			Author: cmp.Or(d.SoA.Author, d.Manufacturer.Name), Approver: d.SoA.Approver,
			Issued: requirement.DateOf(now),
		}
		if d.SoA.Approver != "" {
			meta.Approved = requirement.DateOf(now)
		}
		st, _, err := soa.Resolve(cat, meta, app, d.SoA.Overrides,
			&soa.ResolveOptions{DefaultTarget: maturity.ML3, Validate: &soa.ValidateOptions{KnownRisks: knownRisks}})
		if err != nil {
			return nil, fmt.Errorf("iec62443: assess: statement of applicability: %w", err)
		}
		stmt = st
		resolved = true // validated below, once the achieved maturity is known
	}
	var applicable []requirement.ID
	for _, e := range stmt.Entries {
		if e.Applies() {
			applicable = append(applicable, e.Requirement)
		}
	}

	// Test records.
	if recs := d.TestRecords.Value; recs != nil {
		tf, err := annex.CheckTestRecords(plan, *recs, now)
		if err != nil {
			return nil, fmt.Errorf("iec62443: assess: test plan: %w", err)
		}
		add(SourceTests, partDocument(d.TestRecords.Path, "/test_records"), tf...)
	} else {
		add(SourceTests, "", requirement.Finding{Rule: RuleNoTestRecords, Severity: requirement.SeverityHigh, Requirement: requirement.SVV6,
			Pointer: "/test_records", Message: fmt.Sprintf("the dossier has no test records: profile %s requires the Annex D modules of its test plan", cls.Profile)})
	}

	// SBOM.
	rep := &Report{}
	if d.SBOM.Data != nil || d.SBOM.Inventory != nil {
		sum, sf, err := checkSBOM(d.SBOM, opts.SBOMProfile)
		if err != nil {
			return nil, fmt.Errorf("iec62443: assess: sbom %q: %w", d.SBOM.Path, err)
		}
		rep.SBOM = sum
		add(SourceSBOM, sbomDocument(d.SBOM), sf...)
	} else {
		add(SourceSBOM, "", requirement.Finding{Rule: RuleNoSBOM, Severity: requirement.SeverityCritical, Requirement: requirement.SM15,
			Pointer: "/sbom", Message: "the dossier names no SBOM: A11 and CRA Annex I Part II (1) require a machine-readable SBOM (add sbom.path or sbom.inline)"})
	}

	// Maturity.
	ob := maturity.ObligationFor(cls.CRAClass.Important())
	var ma *maturity.Assessment
	var mv maturity.ML3Verdict
	if m := d.Evidence.Value; m != nil {
		ma, err = maturity.Assess(m, now, &maturity.Options{Catalog: cat, Applicable: applicable})
		if err != nil {
			return nil, fmt.Errorf("iec62443: assess: maturity: %w", err)
		}
		if mv, err = ma.Verdict(ob); err != nil {
			return nil, fmt.Errorf("iec62443: assess: maturity verdict: %w", err)
		}
		doc := partDocument(d.Evidence.Path, "/evidence")
		add(SourceMaturity, doc, ma.Findings()...)
		add(SourceMaturity, doc, mv.Findings()...)
		if resolved {
			fillAchieved(stmt, ma)
			linkEvidence(stmt, m)
		}
	} else {
		mv = maturity.ML3Verdict{Obligation: ob, Outcome: requirement.OutcomeUnknown,
			Reasons: []string{"no evidence manifest: maturity cannot be assessed"}}
		add(SourceMaturity, "", requirement.Finding{Rule: RuleNoEvidence, Severity: requirement.SeverityHigh, Requirement: requirement.SM1,
			Pointer: "/evidence", Message: "the dossier has no evidence manifest: maturity is unknown, not assumed (add evidence)"})
	}

	if resolved {
		sf, err := soa.Validate(stmt, cat, &soa.ValidateOptions{KnownRisks: knownRisks})
		if err != nil {
			return nil, fmt.Errorf("iec62443: assess: statement of applicability: %w", err)
		}
		add(SourceSoA, "report#/soa", sf...)
	}

	// CRA obligations: reporting clocks, CVD, advisories.
	deadlines, err := annex.OpenDeadlines(d.Events, now)
	if err != nil {
		return nil, fmt.Errorf("iec62443: assess: events: %w", err)
	}
	for i, dl := range deadlines {
		ptr := eventPointer(d.Events, dl.Event, i)
		switch {
		case dl.Overdue:
			add(SourceCRA, "", requirement.Finding{Rule: RuleDeadlineOverdue, Severity: requirement.SeverityCritical, Requirement: requirement.SM16, Pointer: ptr,
				Message: fmt.Sprintf("%s for %q was due %s (%s) and is not recorded as sent: submit it to the CSIRT and ENISA now and record the time", dl.Kind, dl.Event, dl.Due.UTC().Format(time.RFC3339), dl.Basis)})
		case dl.Pending:
			add(SourceCRA, "", requirement.Finding{Rule: RuleDeadlineOpen, Severity: requirement.SeverityInfo, Requirement: requirement.SM16, Pointer: ptr,
				Message: fmt.Sprintf("%s for %q is pending: its clock starts later (%s)", dl.Kind, dl.Event, dl.Basis)})
		default:
			add(SourceCRA, "", requirement.Finding{Rule: RuleDeadlineOpen, Severity: requirement.SeverityMedium, Requirement: requirement.SM16, Pointer: ptr,
				Message: fmt.Sprintf("%s for %q is due %s (%s): prepare and submit it in time", dl.Kind, dl.Event, dl.Due.UTC().Format(time.RFC3339), dl.Basis)})
		}
	}
	if d.CVD.PolicyURL == "" {
		add(SourceCRA, "", requirement.Finding{Rule: RuleNoCVDPolicy, Severity: requirement.SeverityHigh, Requirement: requirement.DM7,
			Pointer: "/cvd/policy_url", Message: "no published coordinated vulnerability disclosure policy (CRA Annex I Part II (5)): set cvd.policy_url"})
	}
	if d.CVD.Contact == "" {
		add(SourceCRA, "", requirement.Finding{Rule: RuleNoReportingContact, Severity: requirement.SeverityHigh, Requirement: requirement.DM7,
			Pointer: "/cvd/contact", Message: "no contact address for vulnerability reports (CRA Annex I Part II (6), Art. 13(17)): set cvd.contact"})
	}
	for i, a := range d.Advisories {
		if !a.MachineReadable() {
			add(SourceCRA, "", requirement.Finding{Rule: RuleAdvisoryNotMachine, Severity: requirement.SeverityMedium, Requirement: requirement.DM9,
				Pointer: fmt.Sprintf("/advisories/%d/format", i), Message: fmt.Sprintf("advisory %q is only human-readable: publish it as CSAF (or VEX) as well", a.ID)})
		}
	}

	// Assemble.
	rep.SchemaVersion = ReportSchemaVersion
	rep.AssessedAt = now
	rep.Edition, rep.CatalogVersion = cat.Edition(), cat.Version()
	rep.Product, rep.Manufacturer = d.Product, d.Manufacturer
	rep.Classification, rep.TestPlan, rep.RiskState, rep.SoA, rep.Maturity = cls, plan, state, stmt, ma
	rep.Deadlines = deadlines
	keys := make([]groupKey, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	order := map[Source]int{}
	for i, s := range Sources() {
		order[s] = i
	}
	slices.SortFunc(keys, func(a, b groupKey) int {
		return cmp.Or(cmp.Compare(order[a.s], order[b.s]), strings.Compare(a.doc, b.doc))
	})
	edition := editionMapper(cat)
	for _, k := range keys {
		fs := groups[k]
		for i := range fs {
			edition(&fs[i])
		}
		rep.Findings = append(rep.Findings, FindingGroup{Source: k.s, Document: k.doc, Findings: requirement.SortFindings(fs)})
	}
	rep.Coverage, err = annex.CRACoverage(satisfied(stmt, rep))
	if err != nil {
		return nil, fmt.Errorf("iec62443: assess: coverage: %w", err)
	}
	rep.Verdict = verdict(mv, rep)
	rep.NextActions = nextActions(cat, rep, cmp.Or(opts.MaxActions, 10))
	return rep, nil
}

func eventPointer(events []annex.Event, id string, fallback int) string {
	for i, e := range events {
		if e.ID == id {
			return fmt.Sprintf("/events/%d", i)
		}
	}
	return fmt.Sprintf("/events/%d", fallback)
}

func checkSBOM(ref SBOMRef, p sbom.Profile) (*SBOMSummary, []requirement.Finding, error) {
	if p == 0 {
		p = sbom.ProfileTR03183v2_1
	}
	inv := ref.Inventory
	if inv == nil {
		var err error
		if inv, err = ref.parse(); err != nil {
			return nil, nil, err
		}
	}
	rep, err := sbom.Check(inv, p, nil)
	if err != nil {
		return nil, nil, err
	}
	return &SBOMSummary{Profile: p, Outcome: rep.Outcome(), Score: rep.Score, Components: len(inv.Components),
		ComponentsWithGaps: len(rep.Gaps)}, rep.Findings, nil
}

// satisfied lists the requirements the product meets: applicable entries
// implemented or verified with no high or critical finding against them.
func satisfied(stmt *soa.Statement, rep *Report) []requirement.ID {
	blocked := map[requirement.ID]bool{}
	for _, g := range rep.Findings {
		for _, f := range g.Findings {
			if f.Severity >= requirement.SeverityHigh && f.Requirement != "" {
				blocked[f.Requirement] = true
			}
		}
	}
	var out []requirement.ID
	for _, e := range stmt.Entries {
		if e.Applies() && (e.Status == soa.StatusImplemented || e.Status == soa.StatusVerified) && !blocked[e.Requirement] {
			out = append(out, e.Requirement)
		}
	}
	return out
}

func verdict(mv maturity.ML3Verdict, rep *Report) Verdict {
	v := Verdict{Obligation: mv.Obligation, ML3: mv, Outcome: mv.Outcome}
	v.Reasons = append(v.Reasons, mv.Reasons...)
	if n := rep.Count(requirement.SeverityHigh); n > 0 {
		v.Reasons = append(v.Reasons, fmt.Sprintf("%d high or critical findings remain", n))
		// The verdict cannot hold while they remain, whatever evidence is
		// still missing: the outcome is known to be fail, not unknown.
		v.Outcome = requirement.OutcomeFail
	}
	v.Holds = v.Outcome == requirement.OutcomePass
	return v
}

func nextActions(cat *requirement.Catalog, rep *Report, max int) []Action {
	type agg struct {
		a      Action
		weight int
	}
	byReq := map[requirement.ID]*agg{}
	for _, f := range rep.AllFindings() {
		if f.Severity < requirement.SeverityMedium {
			continue
		}
		g := byReq[f.Requirement]
		if g == nil {
			g = &agg{a: Action{Requirement: f.Requirement}}
			if r, ok := cat.Lookup(f.Requirement); ok {
				g.a.Title = r.Title()
			} else if f.Requirement == "" {
				g.a.Title = "Dossier-wide findings"
			}
			byReq[f.Requirement] = g
		}
		g.a.Findings++
		g.weight += 1 << (2 * int(f.Severity))
		if f.Severity > g.a.Severity {
			g.a.Severity, g.a.First = f.Severity, f.Message
		}
	}
	list := make([]*agg, 0, len(byReq))
	for _, g := range byReq {
		list = append(list, g)
	}
	slices.SortFunc(list, func(a, b *agg) int {
		if c := cmp.Compare(b.weight, a.weight); c != 0 {
			return c
		}
		return requirement.Compare(a.a.Requirement, b.a.Requirement)
	})
	var out []Action
	for _, g := range list {
		if len(out) == max {
			break
		}
		out = append(out, g.a)
	}
	return out
}

// fillAchieved records in a resolved statement the maturity the evidence
// supports, where the manufacturer's overrides did not state one.
func fillAchieved(stmt *soa.Statement, ma *maturity.Assessment) {
	for i := range stmt.Entries {
		e := &stmt.Entries[i]
		if !e.Applies() || e.AchievedMaturity != 0 {
			continue
		}
		if rr, ok := ma.Requirement(e.Requirement); ok && rr.Reached {
			e.AchievedMaturity = rr.Level
		}
	}
}

// linkEvidence attaches to each applicable entry of a resolved statement that
// names no evidence the manifest's records supporting its requirement: per
// artifact kind, the most recently produced record (ties broken by ID), so
// that the statement points at the artifacts an auditor will ask for.
func linkEvidence(stmt *soa.Statement, m *maturity.Manifest) {
	latest := map[requirement.ID]map[requirement.ArtifactKind]maturity.Evidence{}
	for _, ev := range m.Evidence {
		for _, id := range ev.Requirements {
			byKind := latest[id]
			if byKind == nil {
				byKind = map[requirement.ArtifactKind]maturity.Evidence{}
				latest[id] = byKind
			}
			cur, ok := byKind[ev.Kind]
			if !ok || ev.Produced.After(cur.Produced) || ev.Produced == cur.Produced && ev.ID < cur.ID {
				byKind[ev.Kind] = ev
			}
		}
	}
	for i := range stmt.Entries {
		e := &stmt.Entries[i]
		if !e.Applies() || len(e.Evidence) > 0 {
			continue
		}
		byKind := latest[e.Requirement]
		kinds := make([]requirement.ArtifactKind, 0, len(byKind))
		for k := range byKind {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		for _, k := range kinds {
			ev := byKind[k]
			e.Evidence = append(e.Evidence, soa.Evidence{URI: ev.URI, SHA256: ev.SHA256, Date: ev.Produced,
				Kind: ev.Kind, Description: "evidence record " + ev.ID})
		}
	}
}

// partDocument names the document of a part for [FindingGroup.Document]: its
// path, or the fragment of the dossier member that holds it inline.
func partDocument(path, member string) string {
	if path != "" {
		return path
	}
	return "#" + member
}

// sbomDocument names the SBOM for [FindingGroup.Document].
func sbomDocument(ref SBOMRef) string {
	switch {
	case ref.Path != "":
		return ref.Path
	case ref.Inline != nil:
		return "#/sbom/inline"
	}
	return "sbom"
}

// editionMapper returns a function that keeps a finding's requirement ID
// within catalog cat. The packages below name the A11 requirements they
// evidence; against another edition's catalog, an ID the catalog lacks is
// replaced by the requirement of that edition the A11 one supersedes, or
// dropped (the finding is then about the dossier as a whole), with the A11
// ID kept in the message.
func editionMapper(cat *requirement.Catalog) func(*requirement.Finding) {
	if cat.Edition() == requirement.EditionA11 {
		return func(*requirement.Finding) {}
	}
	back := map[requirement.ID]requirement.ID{}
	for r := range requirement.Default().All() {
		for _, old := range r.Supersedes() {
			if cat.Has(old) {
				if _, seen := back[r.ID()]; !seen {
					back[r.ID()] = old
				}
			}
		}
	}
	return func(f *requirement.Finding) {
		if f.Requirement == "" || cat.Has(f.Requirement) {
			return
		}
		a11 := f.Requirement
		if old, ok := back[a11]; ok {
			f.Requirement = old
			f.Message += fmt.Sprintf(" (A11 %s, which carries %s %s)", a11, cat.Edition(), old)
			return
		}
		f.Requirement = ""
		f.Message += fmt.Sprintf(" (A11 %s; the %s edition has no such requirement)", a11, cat.Edition())
	}
}

// checkGivenStatement compares a statement of applicability the dossier
// gives with what the dossier says now: the product, the Annex B category
// and profile, and the risk-driven applicability of every requirement.
func checkGivenStatement(st *soa.Statement, d *Dossier, cls annex.Classification, app *risk.Applicability) []requirement.Finding {
	var out []requirement.Finding
	if st.Product.Name != d.Product.Name || st.Product.Version != d.Product.Version {
		out = append(out, requirement.Finding{Rule: RuleSoAProductMismatch, Severity: requirement.SeverityHigh, Requirement: requirement.SR3, Pointer: "/product",
			Message: fmt.Sprintf("the statement covers %q %q, the dossier %q %q: give the statement of this product and version", st.Product.Name, st.Product.Version, d.Product.Name, d.Product.Version)})
	}
	if st.Category != cls.Category || st.Profile != cls.Profile {
		out = append(out, requirement.Finding{Rule: RuleSoAClassificationMismatch, Severity: requirement.SeverityHigh, Requirement: requirement.SR2, Pointer: "/category",
			Message: fmt.Sprintf("the statement records category %s and profile %s, the dossier's context gives %s and %s: re-resolve the statement for the current context", st.Category, st.Profile, cls.Category, cls.Profile)})
	}
	for i, e := range st.Entries {
		dec, ok := app.Lookup(e.Requirement)
		if !ok {
			continue // soa.Validate reports entries the catalog lacks
		}
		ptr := fmt.Sprintf("/entries/%d", i)
		switch {
		case dec.Applies && !e.Applies() && (e.Assessed == 0 || !e.Assessed.Applies()):
			out = append(out, requirement.Finding{Rule: RuleSoAExcludesApplicable, Severity: requirement.SeverityHigh, Requirement: e.Requirement, Pointer: ptr + "/decision",
				Message: fmt.Sprintf("%s is %s in the statement, but the current applicability assessment finds it applicable (%s): make it applicable, or record the assessment and justify the exclusion", e.Requirement, e.Decision, dec.Rationale)})
		case e.Assessed != 0 && e.Assessed.Applies() != dec.Applies:
			out = append(out, requirement.Finding{Rule: RuleSoAAssessmentStale, Severity: requirement.SeverityMedium, Requirement: e.Requirement, Pointer: ptr + "/assessed",
				Message: fmt.Sprintf("%s: the statement records the assessment %s, but the current register gives %s (%s): re-resolve the statement", e.Requirement, e.Assessed, appliesWord(dec.Applies), dec.Rationale)})
		}
	}
	return out
}

func appliesWord(applies bool) string {
	if applies {
		return "applicable"
	}
	return "not applicable"
}
