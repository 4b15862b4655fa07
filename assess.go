package iec62443

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

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

// DefaultMaxFindingsPerRule is the default of [Options].MaxFindingsPerRule.
const DefaultMaxFindingsPerRule = 50

// maxMessageLen bounds the length in bytes of one finding's message in a
// report; a longer message (one that quotes a long input) is cut.
const maxMessageLen = 2048

// Options tunes [Assess]. A nil *Options means the defaults.
type Options struct {
	// Catalog replaces the embedded catalog of the dossier's edition (for a
	// licensee's overlay); its edition must be the dossier's. Nil means
	// requirement.ForEdition(dossier edition).
	Catalog *requirement.Catalog
	// RuleTable replaces the default Annex B decision table. Nil means
	// annex.DefaultRuleTable().
	RuleTable *annex.RuleTable
	// TestMatrix replaces the default Annex D test matrix. Nil means
	// annex.DefaultTestMatrix().
	TestMatrix *annex.TestMatrix
	// SBOMProfile selects the SBOM rule set. Zero means
	// sbom.ProfileTR03183v2_1 (BSI TR-03183-2 v2.1.0).
	SBOMProfile sbom.CheckProfile
	// MaxActions caps the list of next actions. Zero means 10.
	MaxActions int
	// MaxFindingsPerRule caps the findings of one rule that a finding group
	// lists: the most severe first, then in report order; the others are
	// counted in [FindingGroup].Omitted, so that a report on an SBOM with
	// 100,000 components stays small. The verdict, the coverage and the
	// next actions count every finding. Zero means
	// DefaultMaxFindingsPerRule; a negative value lists every finding.
	MaxFindingsPerRule int
}

// maxPerRule is MaxFindingsPerRule with its default; negative means no cap.
func (o Options) maxPerRule() int {
	switch {
	case o.MaxFindingsPerRule < 0:
		return -1
	case o.MaxFindingsPerRule == 0:
		return DefaultMaxFindingsPerRule
	}
	return o.MaxFindingsPerRule
}

func (o *Options) get() Options {
	if o == nil {
		return Options{}
	}
	return *o
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
	// without a path; a part's path with a fragment, such as "osv.json#/3",
	// for one record of an OSV file that holds an array (the pointers are
	// relative to the record).
	Document string `json:"document,omitzero"`
	// Findings are sorted by requirement.CompareFindings; at most
	// Options.MaxFindingsPerRule of each rule.
	Findings []requirement.Finding `json:"findings"`
	// Omitted counts the findings the cap left out, per rule and severity,
	// sorted by rule and then severity (most severe first); empty when
	// nothing was left out.
	Omitted []Omission `json:"omitted,omitzero"`
}

// Total returns the number of findings of the group, listed and omitted.
func (g FindingGroup) Total() int {
	n := len(g.Findings)
	for _, o := range g.Omitted {
		n += o.Count
	}
	return n
}

// Omission counts the findings of one rule and severity that a
// [FindingGroup] does not list (see [Options].MaxFindingsPerRule).
type Omission struct {
	// Rule is the rule of the findings left out.
	Rule requirement.RuleID `json:"rule"`
	// Severity is their severity.
	Severity requirement.Severity `json:"severity"`
	// Count is how many were left out.
	Count int `json:"count"`
}

// Verdict is the verdict of a report: whether the product meets the ML3
// demand of the A11 draft as the SDK models it (every applicable
// requirement at ML3 with the five demonstrations, and no high or critical
// finding), with the gaps split by what they rest on: published text (the
// 2018 edition, the CRA, BSI TR-03183-2, NTIA) or only the SDK's provisional
// modelling of the draft.
//
// It is not a presumption of conformity. Under CRA Art. 27 a standard gives
// one only as a harmonised standard whose reference is published in the
// Official Journal of the EU, and neither EN IEC 62443-4-1:2018 nor its A11
// draft is cited there. The verdict says which requirements the dossier shows met and which
// gaps remain; it is input to a conformity assessment, not its result.
type Verdict struct {
	// Holds is true when Outcome is pass.
	Holds bool `json:"holds"`
	// Outcome is the verdict on the A11 draft's ML3 demand as the SDK
	// models it, counting every gap: fail when PublishedOutcome or
	// ProvisionalOutcome is fail, unknown when either is unknown (the
	// evidence to decide is missing), pass otherwise.
	Outcome requirement.Outcome `json:"outcome"`
	// PublishedOutcome is the verdict on the gaps against published text
	// alone: fail when a high or critical finding of a rule resting on
	// published text remains (PublishedGaps), pass otherwise.
	PublishedOutcome requirement.Outcome `json:"published_outcome"`
	// PublishedGaps counts the high or critical findings, listed and
	// omitted, of rules resting on published text.
	PublishedGaps int `json:"published_gaps"`
	// ProvisionalOutcome is the verdict on what only the SDK's provisional
	// modelling of the A11 draft asks: the ML3 verdict (ML3's Outcome; the
	// ML3 demand is the draft's) and the high or critical findings of
	// provisional rules (ProvisionalGaps); fail when either fails, unknown
	// when the ML3 verdict is. A fail here with a pass in PublishedOutcome
	// means the product would fail under the draft as modelled, while no
	// published requirement finds a gap.
	ProvisionalOutcome requirement.Outcome `json:"provisional_outcome"`
	// ProvisionalGaps counts the high or critical findings, listed and
	// omitted, of rules resting on the SDK's provisional modelling.
	ProvisionalGaps int `json:"provisional_gaps"`
	// Obligation says whether ML3 is mandatory (important and critical
	// products) or recommended (default products), as the SDK models the
	// A11 draft.
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
	Profile sbom.CheckProfile `json:"profile"`
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
// catalog and what is missing. It is deterministic for the same dossier,
// date and options. Its JSON form ([RenderJSON], schema [ReportSchema],
// schema_version [ReportSchemaVersion]) is the SDK's most stable contract:
// a tool that consumes reports should read that JSON rather than depend on
// these Go types.
type Report struct {
	// SchemaVersion is [ReportSchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// AssessedAt is the assessment date given to Assess, in UTC.
	AssessedAt time.Time `json:"assessed_at"`
	// Edition and CatalogVersion identify the catalog assessed against.
	Edition        requirement.Edition `json:"edition"`
	CatalogVersion string              `json:"catalog_version"`
	// Product and Manufacturer repeat the dossier's.
	Product      Product      `json:"product"`
	Manufacturer Manufacturer `json:"manufacturer"`
	// Provisional lists the parts of the report that rest on the SDK's
	// provisional modelling of the A11 draft rather than on published text,
	// for either edition (see [ProvisionalPart]); the renderers mark each.
	Provisional []ProvisionalPart `json:"provisional,omitzero"`
	// Classification is the CRA class (from the CRA's Annex III and IV) and
	// the product security context category and security profile with the
	// trace of decisive parameters: the SDK's modelling of A11 Annex B, also
	// in a 2018 report (where Annex B is the table of requirements).
	Classification annex.Classification `json:"classification"`
	// TestPlan is the test plan for the profile: the SDK's modelling of A11
	// Annex D, also in a 2018 report.
	TestPlan annex.TestPlan `json:"test_plan"`
	// RiskState is the workflow state the register has reached: the SDK's
	// modelling of A11 Annex C.
	RiskState risk.State `json:"risk_state,omitzero"`
	// SoA is the resolved (or given and validated) statement of applicability.
	SoA *soa.Statement `json:"soa"`
	// Maturity is the maturity per requirement and practice; nil when the
	// dossier has no evidence manifest.
	Maturity *maturity.Assessment `json:"maturity,omitzero"`
	// Verdict is the verdict on the A11 draft's ML3 demand as the SDK
	// models it, with the gaps against published text apart; not a
	// presumption of conformity (see [Verdict]).
	Verdict Verdict `json:"verdict"`
	// Coverage is the CRA essential-requirement coverage, through the SDK's
	// provisional CRA mapping of the A11 catalog; a 2018 report's satisfied
	// requirements are translated through the edition delta first, so its
	// requirement lists hold A11 IDs (see annex.CRACoverage).
	Coverage []annex.ProvisionCoverage `json:"coverage"`
	// Milestones gives how far AssessedAt is from each date from which part
	// of the CRA applies (Art. 71(2)), in date order.
	Milestones []annex.MilestoneDistance `json:"milestones"`
	// Deadlines lists the CRA deadlines still open at AssessedAt.
	Deadlines []annex.Deadline `json:"deadlines,omitzero"`
	// SBOM condenses the SBOM check; nil when the dossier has no SBOM.
	SBOM *SBOMSummary `json:"sbom,omitzero"`
	// Vulnerabilities condenses the dossier's advisory snapshot and its
	// match against the SBOM; nil when the dossier gives no snapshot.
	Vulnerabilities *VulnerabilitySummary `json:"vulnerabilities,omitzero"`
	// TechnicalDocumentation is the index of the technical documentation:
	// every point of CRA Annex VII with what in the dossier covers it.
	TechnicalDocumentation []TechDocEntry `json:"technical_documentation"`
	// Findings groups every finding by source, in [Sources] order; empty
	// groups are omitted. Each group lists at most
	// Options.MaxFindingsPerRule findings of one rule and counts the rest.
	Findings []FindingGroup `json:"findings"`
	// NextActions are the requirements whose gaps, closed, help most.
	NextActions []Action `json:"next_actions,omitzero"`
}

// ProvisionalPart names a part of a report that rests on the SDK's
// provisional modelling of the A11 draft rather than on published text
// ([Report].Provisional). A 2018 report has them too: its classification,
// test plan, applicability rules, CRA coverage and ML3 demand are the SDK's
// A11 modelling applied to a 2018 dossier.
type ProvisionalPart string

// The provisional parts, in report order.
const (
	// ProvisionalCatalog: the requirements assessed against (the catalog
	// holds provisional requirements: the A11 catalog).
	ProvisionalCatalog ProvisionalPart = "catalog"
	// ProvisionalClassification: the product security context category and
	// the security profile (A11 Annex B as the SDK models it), when the
	// decision table marks itself provisional.
	ProvisionalClassification ProvisionalPart = "classification"
	// ProvisionalRiskWorkflow: the risk workflow state (A11 Annex C).
	ProvisionalRiskWorkflow ProvisionalPart = "risk-workflow"
	// ProvisionalApplicability: the rules that decide which requirements
	// apply (A11 Annex C, the Practice 2 risk ratings and the baseline).
	ProvisionalApplicability ProvisionalPart = "applicability"
	// ProvisionalTestPlan: the test modules and tester independence per
	// profile (A11 Annex D), when the test matrix marks itself provisional.
	ProvisionalTestPlan ProvisionalPart = "test-plan"
	// ProvisionalCoverage: the mapping of requirements to CRA essential
	// requirements (the A11 draft's Annex ZZ as the SDK models it).
	ProvisionalCoverage ProvisionalPart = "cra-coverage"
	// ProvisionalML3Demand: the verdict's demand that every applicable
	// requirement reach ML3 with five demonstrations, mandatory for
	// important and critical products (the A11 draft as the SDK models it).
	ProvisionalML3Demand ProvisionalPart = "ml3-demand"
)

// provisionalParts lists the provisional parts of a report on catalog cat
// with classification cls and test plan plan, in report order.
func provisionalParts(cat *requirement.Catalog, cls annex.Classification, plan annex.TestPlan) []ProvisionalPart {
	var out []ProvisionalPart
	if len(cat.Provisional()) > 0 {
		out = append(out, ProvisionalCatalog)
	}
	if cls.Provisional {
		out = append(out, ProvisionalClassification)
	}
	out = append(out, ProvisionalRiskWorkflow, ProvisionalApplicability)
	if plan.Provisional {
		out = append(out, ProvisionalTestPlan)
	}
	return append(out, ProvisionalCoverage, ProvisionalML3Demand)
}

// IsProvisional reports whether part p of the report rests on the SDK's
// provisional modelling (see [Report].Provisional). A nil report has no
// provisional part.
func (r *Report) IsProvisional(p ProvisionalPart) bool {
	return r != nil && slices.Contains(r.Provisional, p)
}

// AllFindings returns every finding the report lists (omitted ones are only
// counted, see [FindingGroup].Omitted), sorted by
// requirement.CompareFindings, in a fresh slice. A nil report has none.
func (r *Report) AllFindings() []requirement.Finding {
	if r == nil {
		return nil
	}
	var out []requirement.Finding
	for _, g := range r.Findings {
		out = append(out, g.Findings...)
	}
	return requirement.SortFindings(out)
}

// Count returns the number of findings of severity s or above, listed and
// omitted. A nil report has none.
func (r *Report) Count(s requirement.Severity) int {
	if r == nil {
		return 0
	}
	n := 0
	for _, g := range r.Findings {
		for _, f := range g.Findings {
			if f.Severity >= s {
				n++
			}
		}
		for _, o := range g.Omitted {
			if o.Severity >= s {
				n += o.Count
			}
		}
	}
	return n
}

// Assess evaluates a dossier at date now: it classifies the product (Annex
// B), plans its tests (Annex D), validates the risk register and derives the
// applicability of every requirement (Annex C), resolves the statement of
// applicability (Annex E), checks test records and the SBOM, measures
// maturity from the evidence, decides the verdict (the A11 draft's ML3
// demand as the SDK models it, with the gaps against published text apart;
// not a presumption of conformity, see [Verdict]), computes CRA coverage,
// the CRA milestones and open deadlines, marks what is provisional, and
// ranks the next actions. The A11 annexes are the SDK's provisional
// modelling, applied to a 2018 dossier too ([Report].Provisional).
//
// The SDK never reads the clock: deadlines, review ages and record dates are
// judged against now, and a zero now is an error wrapping
// [problem.ErrNoDate]. Errors are reserved for input that cannot be assessed
// (a nil dossier or context, a dossier without edition or register, a
// register referencing requirements the catalog lacks); every compliance gap
// is a finding in the report. Every finding carries the basis of its rule
// (filled from [Rules] where a package left it unset) and, when it names a
// requirement, the edition of that requirement: the catalog's. A cancelled
// ctx stops the work between steps with ctx.Err().
func Assess(ctx context.Context, d *Dossier, now time.Time, opts *Options) (*Report, error) {
	if ctx == nil || d == nil {
		return nil, fmt.Errorf("iec62443: assess: nil context or dossier: %w", problem.ErrNilInput)
	}
	if now.IsZero() {
		return nil, fmt.Errorf("iec62443: assess %q: pass the assessment date: %w", d.Product.Name, problem.ErrNoDate)
	}
	if !d.Edition.Valid() {
		return nil, fmt.Errorf("iec62443: assess %q: dossier edition %s: set Edition (2018 or A11): %w", d.Product.Name, d.Edition, problem.ErrUnknownEdition)
	}
	o := opts.get()
	now = now.UTC()
	cat := o.Catalog
	if cat == nil {
		var err error
		if cat, err = requirement.ForEdition(d.Edition); err != nil {
			return nil, fmt.Errorf("iec62443: assess: %w", err)
		}
	} else if cat.Edition() != d.Edition {
		return nil, fmt.Errorf("iec62443: assess %q: Options.Catalog is of edition %s, the dossier of %s: %w", d.Product.Name, cat.Edition(), d.Edition, problem.ErrWrongEdition)
	}
	if d.Register == nil {
		return nil, fmt.Errorf("iec62443: assess %q: the dossier has no risk register: %w", d.Product.Name, problem.ErrInvalidValue)
	}
	a := &assessment{ctx: ctx, cat: cat, edition: cat.Edition(), groups: map[groupKey][]requirement.Finding{}, omitted: map[groupKey][]Omission{}}
	rep, err := a.run(d, now, o)
	if err != nil {
		return nil, fmt.Errorf("iec62443: assess: %w", err)
	}
	return rep, nil
}

type groupKey struct {
	s   Source
	doc string
}

// assessment is the state of one Assess call.
type assessment struct {
	ctx     context.Context
	cat     *requirement.Catalog
	edition requirement.Edition
	groups  map[groupKey][]requirement.Finding
	omitted map[groupKey][]Omission
}

// omit records findings of source s, document doc, that a package counted
// without listing them.
func (a *assessment) omit(s Source, doc string, om ...Omission) {
	if len(om) > 0 {
		k := groupKey{s, doc}
		a.omitted[k] = append(a.omitted[k], om...)
	}
}

// add records findings of source s whose pointers locate document doc.
func (a *assessment) add(s Source, doc string, fs ...requirement.Finding) {
	if len(fs) > 0 {
		k := groupKey{s, doc}
		a.groups[k] = append(a.groups[k], fs...)
	}
}

// finding builds a finding of this package's rule id, naming the rule's
// requirement in the catalog's edition (none when the rule has none there).
func (a *assessment) finding(id requirement.RuleID, pointer, subject, format string, args ...any) requirement.Finding {
	r := rule(id)
	req, _ := r.RequirementIn(a.edition)
	return a.findingFor(r, req, pointer, subject, format, args...)
}

// findingFor builds a finding of rule r against req, a requirement of the
// catalog's edition ("" for none).
func (a *assessment) findingFor(r requirement.Rule, req requirement.ID, pointer, subject, format string, args ...any) requirement.Finding {
	f := r.Finding(req, pointer, subject, format, args...)
	if req != "" {
		f.Edition = a.edition
	}
	return f
}

// step returns ctx.Err(), so that a cancelled assessment stops between steps.
func (a *assessment) step(what string) error {
	if err := a.ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (a *assessment) run(d *Dossier, now time.Time, o Options) (*Report, error) {
	cat := a.cat
	// Annex B and D.
	cls, err := annex.Classify(d.Context, o.RuleTable)
	if err != nil {
		return nil, fmt.Errorf("context: %w", err)
	}
	a.add(SourceContext, "", cls.Findings...)
	a.add(SourceContext, "", annex.CheckSupportPeriod(d.Context.SupportPeriod)...)
	plan, err := annex.PlanTests(cls.Profile, o.TestMatrix)
	if err != nil {
		return nil, fmt.Errorf("test plan: %w", err)
	}

	// Annex C.
	if err := a.step("risk register"); err != nil {
		return nil, err
	}
	reg := d.Register
	ev, err := risk.Evaluate(reg, cat, now)
	if err != nil {
		return nil, fmt.Errorf("risk register: %w", err)
	}
	a.add(SourceRisk, partDocument(d.Paths.Register, "/register"), ev.Findings...)
	state := ev.State
	app, err := risk.AssessApplicability(reg, cat, cls.Category, nil)
	if err != nil {
		return nil, fmt.Errorf("applicability: %w", err)
	}

	// Annex E.
	if err := a.step("statement of applicability"); err != nil {
		return nil, err
	}
	knownRisks := make([]string, 0, len(reg.Risks))
	for _, r := range reg.Risks {
		knownRisks = append(knownRisks, r.ID)
	}
	var stmt *soa.Statement
	resolved := false
	if st := d.SoA.Statement; st != nil {
		sf, err := soa.Validate(st, cat, &soa.ValidateOptions{KnownRisks: knownRisks})
		if err != nil {
			return nil, fmt.Errorf("statement of applicability: %w", err)
		}
		stmt = st
		doc := partDocument(d.Paths.Statement, "/soa/statement")
		a.add(SourceSoA, doc, sf...)
		a.add(SourceSoA, doc, a.checkGivenStatement(st, d, cls, app)...)
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
			return nil, fmt.Errorf("statement of applicability: %w", err)
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
	if len(d.TestRecords) > 0 {
		tf, err := annex.CheckTestRecords(plan, d.TestRecords, now)
		if err != nil {
			return nil, fmt.Errorf("test plan: %w", err)
		}
		a.add(SourceTests, partDocument(d.Paths.TestRecords, "/test_records"), tf...)
	} else {
		a.add(SourceTests, "", a.finding(ruleNoTestRecords, "/test_records", "",
			"the dossier has no test records: profile %s requires the Annex D modules of its test plan", cls.Profile))
	}

	// SBOM.
	if err := a.step("sbom"); err != nil {
		return nil, err
	}
	rep := &Report{}
	if d.SBOM.Data != nil || d.SBOM.Inventory != nil {
		// One cap for every package: the SBOM check lists as many
		// components per rule as the report lists findings per rule.
		sum, sr, err := checkSBOM(a.ctx, d.SBOM, o.SBOMProfile, &sbom.CheckOptions{MaxSubjects: o.maxPerRule(), Edition: a.edition})
		if err != nil {
			return nil, fmt.Errorf("sbom %q: %w", d.SBOM.Path, err)
		}
		rep.SBOM = sum
		fs, om := splitSBOMSummaries(sr)
		a.add(SourceSBOM, sbomDocument(d.SBOM), fs...)
		a.omit(SourceSBOM, sbomDocument(d.SBOM), om...)
	} else {
		a.add(SourceSBOM, "", a.finding(ruleNoSBOM, "/sbom", "",
			"the dossier names no SBOM: A11 and CRA Annex I Part II (1) require a machine-readable SBOM (add sbom.path or sbom.inline)"))
	}
	// Known vulnerabilities of the components (DM-10).
	if rep.Vulnerabilities, err = a.checkVulnerabilities(d); err != nil {
		return nil, fmt.Errorf("vulnerability monitoring: %w", err)
	}

	// Maturity.
	if err := a.step("maturity"); err != nil {
		return nil, err
	}
	ob := maturity.ObligationFor(cls.CRAClass.Important())
	var ma *maturity.Assessment
	var mv maturity.ML3Verdict
	if m := d.Evidence; m != nil {
		ma, err = maturity.Assess(m, now, &maturity.Options{Catalog: cat, Applicable: applicable})
		if err != nil {
			return nil, fmt.Errorf("maturity: %w", err)
		}
		if mv, err = ma.Verdict(ob); err != nil {
			return nil, fmt.Errorf("maturity verdict: %w", err)
		}
		doc := partDocument(d.Paths.Evidence, "/evidence")
		a.add(SourceMaturity, doc, ma.Findings()...)
		a.add(SourceMaturity, doc, mv.Findings()...)
		if resolved {
			fillAchieved(stmt, ma)
			linkEvidence(stmt, m)
		}
	} else {
		mv = maturity.ML3Verdict{Obligation: ob, Outcome: requirement.OutcomeUnknown,
			Reasons: []string{"no evidence manifest: maturity cannot be assessed"}}
		a.add(SourceMaturity, "", a.finding(ruleNoEvidence, "/evidence", "",
			"the dossier has no evidence manifest: maturity is unknown, not assumed (add evidence)"))
	}

	if resolved {
		sf, err := soa.Validate(stmt, cat, &soa.ValidateOptions{KnownRisks: knownRisks})
		if err != nil {
			return nil, fmt.Errorf("statement of applicability: %w", err)
		}
		a.add(SourceSoA, "report#/soa", sf...)
	}

	// CRA obligations: reporting clocks, CVD, advisories.
	deadlines, err := annex.OpenDeadlines(d.Events, now)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	for i, dl := range deadlines {
		ptr := eventPointer(d.Events, dl.Event, i)
		switch {
		case dl.Overdue:
			a.add(SourceCRA, "", a.finding(ruleDeadlineOverdue, ptr, dl.Event,
				"%s for %q was due %s (%s) and is not recorded as sent: submit it to the CSIRT and ENISA now and record the time", dl.Kind, dl.Event, dl.Due.UTC().Format(time.RFC3339), dl.Basis))
		case dl.Pending:
			f := a.finding(ruleDeadlineOpen, ptr, dl.Event, "%s for %q is pending: its clock starts later (%s)", dl.Kind, dl.Event, dl.Basis)
			f.Severity = requirement.SeverityInfo
			a.add(SourceCRA, "", f)
		default:
			a.add(SourceCRA, "", a.finding(ruleDeadlineOpen, ptr, dl.Event,
				"%s for %q is due %s (%s): prepare and submit it in time", dl.Kind, dl.Event, dl.Due.UTC().Format(time.RFC3339), dl.Basis))
		}
	}
	if d.CVD.PolicyURL == "" {
		a.add(SourceCRA, "", a.finding(ruleNoCVDPolicy, "/cvd/policy_url", "",
			"no published coordinated vulnerability disclosure policy (CRA Annex I Part II (5)): set cvd.policy_url"))
	}
	if d.CVD.Contact == "" {
		a.add(SourceCRA, "", a.finding(ruleNoReportingContact, "/cvd/contact", "",
			"no contact address for vulnerability reports (CRA Annex I Part II (6), Art. 13(17)): set cvd.contact"))
	}
	for i, adv := range d.Advisories {
		if !adv.MachineReadable() {
			a.add(SourceCRA, "", a.finding(ruleAdvisoryNotMachine, fmt.Sprintf("/advisories/%d/format", i), adv.ID,
				"advisory %q is only human-readable: publish it as CSAF (or VEX) as well", adv.ID))
		}
	}
	// The technical documentation (CRA Annex VII).
	rep.TechnicalDocumentation = a.technicalDocumentation(d, resolved, now)

	// Assemble: every finding in the catalog's edition and with its basis,
	// grouped; verdict, coverage and actions from every finding; then the
	// groups capped.
	rep.SchemaVersion = ReportSchemaVersion
	rep.AssessedAt = now
	rep.Edition, rep.CatalogVersion = cat.Edition(), cat.Version()
	rep.Product, rep.Manufacturer = d.Product, d.Manufacturer
	rep.Classification, rep.TestPlan, rep.RiskState, rep.SoA, rep.Maturity = cls, plan, state, stmt, ma
	rep.Deadlines = deadlines
	rep.Provisional = provisionalParts(cat, cls, plan)
	if rep.Milestones, err = annex.MilestonesAt(now); err != nil {
		return nil, fmt.Errorf("milestones: %w", err)
	}
	keys := make([]groupKey, 0, len(a.groups))
	for k := range a.groups {
		keys = append(keys, k)
	}
	for k := range a.omitted {
		if _, ok := a.groups[k]; !ok {
			keys = append(keys, k)
		}
	}
	order := map[Source]int{}
	for i, s := range Sources() {
		order[s] = i
	}
	slices.SortFunc(keys, func(x, y groupKey) int {
		return cmp.Or(cmp.Compare(order[x.s], order[y.s]), strings.Compare(x.doc, y.doc))
	})
	toEdition := editionMapper(cat)
	var all []requirement.Finding
	var omitted []Omission
	for _, k := range keys {
		fs := a.groups[k]
		for i := range fs {
			toEdition(&fs[i])
			fillBasis(&fs[i])
		}
		requirement.SortFindings(fs)
		all = append(all, fs...)
		omitted = append(omitted, a.omitted[k]...)
		rep.Findings = append(rep.Findings, FindingGroup{Source: k.s, Document: k.doc, Findings: fs, Omitted: a.omitted[k]})
	}
	requirement.SortFindings(all)
	rep.Coverage, err = annex.CRACoverage(cat, satisfied(stmt, all))
	if err != nil {
		return nil, fmt.Errorf("coverage: %w", err)
	}
	rep.Verdict = verdict(mv, all, omitted)
	rep.NextActions = nextActions(cat, all, omitted, cmp.Or(o.MaxActions, 10))
	for i := range rep.Findings {
		capGroup(&rep.Findings[i], o.maxPerRule())
	}
	return rep, nil
}

// fillBasis sets the basis of a finding whose package left it unset, from
// the rule registry.
func fillBasis(f *requirement.Finding) {
	if f.Basis.Valid() {
		return
	}
	if r, ok := LookupRule(f.Rule); ok {
		f.Basis = r.Basis
	}
}

// splitSBOMSummaries takes out of an SBOM report's findings the one finding
// per rule that sums up the components it does not list (beyond
// CheckOptions.MaxSubjects), and returns the other findings and those
// components as omissions, so that the report counts them like any other
// finding left out.
func splitSBOMSummaries(rep *sbom.Report) ([]requirement.Finding, []Omission) {
	fs := rep.Findings
	var om []Omission
	for _, rr := range rep.Rules {
		if rr.Omitted == 0 {
			continue
		}
		prefix := fmt.Sprintf("and %d more ", rr.Omitted)
		i := slices.IndexFunc(fs, func(f requirement.Finding) bool {
			return f.Rule == rr.Rule.ID && f.Subject == "" && strings.HasPrefix(f.Message, prefix)
		})
		if i < 0 {
			continue // not recognised: the summary stays a finding
		}
		om = append(om, Omission{Rule: rr.Rule.ID, Severity: fs[i].Severity, Count: rr.Omitted})
		fs = slices.Delete(slices.Clone(fs), i, i+1)
	}
	return fs, om
}

// capGroup keeps at most max findings of each rule in g (the most severe
// first, then in report order; max < 0 keeps all), counts the others in
// g.Omitted with those already there, and cuts overlong messages.
func capGroup(g *FindingGroup, max int) {
	for i := range g.Findings {
		g.Findings[i].Message = clip(g.Findings[i].Message, maxMessageLen)
	}
	defer func() { g.Omitted = mergeOmissions(g.Omitted) }()
	if max < 0 {
		return
	}
	byRule := map[requirement.RuleID][]int{}
	for i, f := range g.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], i)
	}
	drop := map[int]bool{}
	omitted := map[Omission]int{}
	for _, idx := range byRule {
		if len(idx) <= max {
			continue
		}
		// The most severe first; findings are in report order already.
		slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(g.Findings[y].Severity, g.Findings[x].Severity) })
		for _, i := range idx[max:] {
			drop[i] = true
			omitted[Omission{Rule: g.Findings[i].Rule, Severity: g.Findings[i].Severity}]++
		}
	}
	if len(drop) == 0 {
		return
	}
	kept := make([]requirement.Finding, 0, len(g.Findings)-len(drop))
	for i, f := range g.Findings {
		if !drop[i] {
			kept = append(kept, f)
		}
	}
	g.Findings = kept
	for om, n := range omitted {
		om.Count = n
		g.Omitted = append(g.Omitted, om)
	}
	slices.SortFunc(g.Omitted, func(x, y Omission) int {
		return cmp.Or(cmp.Compare(x.Rule, y.Rule), cmp.Compare(y.Severity, x.Severity))
	})
}

// clip cuts s to at most n bytes on a rune boundary, saying how much was cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d more bytes)", len(s)-cut)
}

func eventPointer(events []annex.Event, id string, fallback int) string {
	for i, e := range events {
		if e.ID == id {
			return fmt.Sprintf("/events/%d", i)
		}
	}
	return fmt.Sprintf("/events/%d", fallback)
}

func checkSBOM(ctx context.Context, ref SBOMRef, p sbom.CheckProfile, opts *sbom.CheckOptions) (*SBOMSummary, *sbom.Report, error) {
	if p == 0 {
		p = sbom.ProfileTR03183v2_1
	}
	inv := ref.Inventory
	if inv == nil {
		var err error
		if inv, err = ref.parse(ctx, nil); err != nil {
			return nil, nil, err
		}
	}
	rep, err := sbom.Check(ctx, inv, p, opts)
	if err != nil {
		return nil, nil, err
	}
	return &SBOMSummary{Profile: p, Outcome: rep.Outcome, Score: rep.Score, Components: rep.Components,
		ComponentsWithGaps: rep.ComponentsWithGaps}, rep, nil
}

// satisfied lists the requirements the product meets: applicable entries
// implemented or verified with no high or critical finding against them.
func satisfied(stmt *soa.Statement, all []requirement.Finding) []requirement.ID {
	blocked := map[requirement.ID]bool{}
	for _, f := range all {
		if f.Severity >= requirement.SeverityHigh && f.Requirement != "" {
			blocked[f.Requirement] = true
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

// verdict decides the report's verdict from the ML3 verdict and every
// finding, listed or omitted: high and critical findings count as gaps
// against published text or of the provisional modelling by their basis.
func verdict(mv maturity.ML3Verdict, all []requirement.Finding, omitted []Omission) Verdict {
	v := Verdict{Obligation: mv.Obligation, ML3: mv}
	v.Reasons = append(v.Reasons, mv.Reasons...)
	count := func(sev requirement.Severity, b requirement.Basis, n int) {
		switch {
		case sev < requirement.SeverityHigh:
		case b == requirement.BasisPublished:
			v.PublishedGaps += n
		default: // provisional, or a rule the registry does not know
			v.ProvisionalGaps += n
		}
	}
	for _, f := range all {
		count(f.Severity, f.Basis, 1)
	}
	for _, o := range omitted {
		b := requirement.Basis(0)
		if r, ok := LookupRule(o.Rule); ok {
			b = r.Basis
		}
		count(o.Severity, b, o.Count)
	}
	v.PublishedOutcome = requirement.OutcomePass
	if v.PublishedGaps > 0 {
		v.Reasons = append(v.Reasons, fmt.Sprintf("%d high or critical finding(s) against published requirements remain", v.PublishedGaps))
		v.PublishedOutcome = requirement.OutcomeFail
	}
	v.ProvisionalOutcome = mv.Outcome
	if !v.ProvisionalOutcome.Valid() {
		v.ProvisionalOutcome = requirement.OutcomeUnknown
	}
	if v.ProvisionalGaps > 0 {
		v.Reasons = append(v.Reasons, fmt.Sprintf("%d high or critical finding(s) of the SDK's provisional modelling of the A11 draft remain", v.ProvisionalGaps))
		// The demand cannot be met while they remain, whatever evidence is
		// still missing: the outcome is known to be fail, not unknown.
		v.ProvisionalOutcome = requirement.OutcomeFail
	}
	switch {
	case v.PublishedOutcome == requirement.OutcomeFail || v.ProvisionalOutcome == requirement.OutcomeFail:
		v.Outcome = requirement.OutcomeFail
	case v.ProvisionalOutcome == requirement.OutcomePass:
		v.Outcome = requirement.OutcomePass
	default:
		v.Outcome = requirement.OutcomeUnknown
	}
	v.Holds = v.Outcome == requirement.OutcomePass
	return v
}

func nextActions(cat *requirement.Catalog, all []requirement.Finding, omitted []Omission, max int) []Action {
	type agg struct {
		a      Action
		weight int
	}
	byReq := map[requirement.ID]*agg{}
	for _, f := range all {
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
	// Findings counted but not listed close with the requirement of the
	// listed findings of their rule.
	ruleReq := map[requirement.RuleID]requirement.ID{}
	for _, f := range all {
		if _, seen := ruleReq[f.Rule]; !seen {
			ruleReq[f.Rule] = f.Requirement
		}
	}
	for _, o := range omitted {
		req, ok := ruleReq[o.Rule]
		if g := byReq[req]; ok && g != nil && o.Severity >= requirement.SeverityMedium {
			g.a.Findings += o.Count
			g.weight += o.Count << (2 * int(o.Severity))
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
			e.Evidence = append(e.Evidence, soa.EvidenceRef{URI: ev.URI, SHA256: ev.SHA256, Date: ev.Produced,
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

// editionMapper returns a function that puts a finding's requirement in the
// edition of catalog cat and sets its Edition. A finding that names its
// edition is translated when that is not cat's: an A11 requirement to the
// 2018 requirement it supersedes and back, through the catalog's
// supersedes links; without a counterpart the finding names no requirement
// and the message keeps the ID. A finding that names no edition (from a
// package that does not say) is taken to name a requirement of cat when cat
// has it, and an A11 requirement otherwise.
func editionMapper(cat *requirement.Catalog) func(*requirement.Finding) {
	to := cat.Edition()
	// back maps A11 IDs to the 2018 ID they supersede, fwd the reverse;
	// the first in catalog order wins.
	back := map[requirement.ID]requirement.ID{}
	fwd := map[requirement.ID]requirement.ID{}
	for r := range requirement.Default().All() {
		for _, old := range r.Supersedes() {
			if _, seen := back[r.ID()]; !seen {
				back[r.ID()] = old
			}
			if _, seen := fwd[old]; !seen {
				fwd[old] = r.ID()
			}
		}
	}
	return func(f *requirement.Finding) {
		if f.Requirement == "" {
			f.Edition = 0
			return
		}
		from := f.Edition
		if from == 0 {
			if cat.Has(f.Requirement) {
				f.Edition = to
				return
			}
			from = requirement.EditionA11
		}
		if from == to {
			return
		}
		id := f.Requirement
		m := back
		if from == requirement.Edition2018 {
			m = fwd
		}
		if mapped, ok := m[id]; ok && cat.Has(mapped) {
			f.Requirement, f.Edition = mapped, to
			f.Message += fmt.Sprintf(" (%s %s, which carries %s %s)", from, id, to, mapped)
			return
		}
		f.Requirement, f.Edition = "", 0
		f.Message += fmt.Sprintf(" (%s %s; the %s edition has no such requirement)", from, id, to)
	}
}

// checkGivenStatement compares a statement of applicability the dossier
// gives with what the dossier says now: the product, the Annex B category
// and profile, and the risk-driven applicability of every requirement.
func (a *assessment) checkGivenStatement(st *soa.Statement, d *Dossier, cls annex.Classification, app *risk.Applicability) []requirement.Finding {
	var out []requirement.Finding
	if st.Product.Name != d.Product.Name || st.Product.Version != d.Product.Version {
		out = append(out, a.finding(ruleSoAProductMismatch, "/product", "",
			"the statement covers %q %q, the dossier %q %q: give the statement of this product and version", st.Product.Name, st.Product.Version, d.Product.Name, d.Product.Version))
	}
	if st.Category != cls.Category || st.Profile != cls.Profile {
		out = append(out, a.finding(ruleSoAClassificationMismatch, "/category", "",
			"the statement records category %s and profile %s, the dossier's context gives %s and %s: re-resolve the statement for the current context", st.Category, st.Profile, cls.Category, cls.Profile))
	}
	for i, e := range st.Entries {
		dec, ok := app.Lookup(e.Requirement)
		if !ok {
			continue // soa.Validate reports entries the catalog lacks
		}
		ptr := fmt.Sprintf("/entries/%d", i)
		switch {
		case dec.Applies && !e.Applies() && (e.Assessed == 0 || !e.Assessed.Applies()):
			out = append(out, a.findingFor(rule(ruleSoAExcludesApplicable), e.Requirement, ptr+"/decision", string(e.Requirement),
				"%s is %s in the statement, but the current applicability assessment finds it applicable (%s): make it applicable, or record the assessment and justify the exclusion", e.Requirement, e.Decision, dec.Rationale))
		case e.Assessed != 0 && e.Assessed.Applies() != dec.Applies:
			out = append(out, a.findingFor(rule(ruleSoAAssessmentStale), e.Requirement, ptr+"/assessed", string(e.Requirement),
				"%s: the statement records the assessment %s, but the current register gives %s (%s): re-resolve the statement", e.Requirement, e.Assessed, appliesWord(dec.Applies), dec.Rationale))
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
