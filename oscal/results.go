package oscal

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/soa"
)

// The OSCAL assessment-results model, as far as the SDK writes it.
type assessmentResults struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	ImportAP   importAP    `json:"import-ap"`
	Results    []result    `json:"results"`
	BackMatter *backMatter `json:"back-matter,omitzero"`
}

type importAP struct {
	Href    string `json:"href"`
	Remarks string `json:"remarks,omitzero"`
}

type result struct {
	UUID             string           `json:"uuid"`
	Title            string           `json:"title"`
	Description      string           `json:"description"`
	Start            time.Time        `json:"start"`
	End              time.Time        `json:"end,omitzero"`
	Props            []Property       `json:"props,omitzero"`
	ReviewedControls reviewedControls `json:"reviewed-controls"`
	Observations     []observation    `json:"observations,omitzero"`
	Risks            []arRisk         `json:"risks,omitzero"`
	Findings         []finding        `json:"findings,omitzero"`
	Remarks          string           `json:"remarks,omitzero"`
}

type reviewedControls struct {
	ControlSelections []controlSelection `json:"control-selections"`
}

type controlSelection struct {
	Description     string        `json:"description,omitzero"`
	IncludeAll      *struct{}     `json:"include-all,omitzero"`
	IncludeControls []controlByID `json:"include-controls,omitzero"`
	ExcludeControls []controlByID `json:"exclude-controls,omitzero"`
}

type controlByID struct {
	ControlID string `json:"control-id"`
}

type observation struct {
	UUID             string             `json:"uuid"`
	Title            string             `json:"title,omitzero"`
	Description      string             `json:"description"`
	Props            []Property         `json:"props,omitzero"`
	Methods          []string           `json:"methods"`
	Types            []string           `json:"types,omitzero"`
	RelevantEvidence []relevantEvidence `json:"relevant-evidence,omitzero"`
	Collected        time.Time          `json:"collected"`
}

type relevantEvidence struct {
	Href        string     `json:"href,omitzero"`
	Description string     `json:"description"`
	Props       []Property `json:"props,omitzero"`
}

type arRisk struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Statement   string     `json:"statement"`
	Props       []Property `json:"props,omitzero"`
	Status      string     `json:"status"`
}

type finding struct {
	UUID                string        `json:"uuid"`
	Title               string        `json:"title"`
	Description         string        `json:"description"`
	Props               []Property    `json:"props,omitzero"`
	Target              findingTarget `json:"target"`
	RelatedObservations []relatedObs  `json:"related-observations,omitzero"`
	RelatedRisks        []relatedRsk  `json:"related-risks,omitzero"`
}

type findingTarget struct {
	Type                 string    `json:"type"`
	TargetID             string    `json:"target-id"`
	Status               objStatus `json:"status"`
	ImplementationStatus *struct {
		State string `json:"state"`
	} `json:"implementation-status,omitzero"`
}

type objStatus struct {
	State  string `json:"state"`
	Reason string `json:"reason,omitzero"`
}

type relatedObs struct {
	ObservationUUID string `json:"observation-uuid"`
}

type relatedRsk struct {
	RiskUUID string `json:"risk-uuid"`
}

// ResultsOptions tunes [EncodeAssessmentResults]. A nil *ResultsOptions
// means defaults.
type ResultsOptions struct {
	// Register is the risk register the report was assessed with (the
	// dossier's register part); its risks become the result's risks, and the
	// findings of requirements whose decision they drive name them. Nil
	// means a result without risks.
	Register *risk.Register
}

// implementationStates are the OSCAL implementation states of the
// statement of applicability's statuses.
var implementationStates = map[soa.Status]string{
	soa.StatusPlanned:     "planned",
	soa.StatusInProgress:  "partial",
	soa.StatusImplemented: "implemented",
	soa.StatusVerified:    "implemented",
}

// EncodeAssessmentResults writes a report as OSCAL assessment results: one
// result of the assessment (start: the assessment time) whose reviewed
// controls are the requirements in scope of its statement of applicability
// (the controls of [EncodeCatalog]'s catalog), with
//
//   - an observation per finding of the report (type "finding": rule,
//     severity, basis, requirement, document and pointer as props);
//   - an observation per requirement with evidence (type
//     "control-objective"), whose relevant evidence links the artifacts in
//     back matter, each with its URI and SHA-256 digest;
//   - a finding per requirement in scope, targeting the requirement's
//     statement ("SM-1_smt"), satisfied when its status is implemented or
//     verified and no high or critical finding is open against it (the rule
//     the report's CRA coverage uses), linked to its observations and to the
//     risks that drive its decision;
//   - the risks of [ResultsOptions].Register, with their threats, ratings
//     and treatment, and a status from their treatment and workflow state
//     (the state the register's data supports on the assessment date, see
//     [risk.Evaluate], else the declared one): accepted and approved:
//     deviation-approved; accepted: deviation-requested; treated, verified
//     or monitored: closed; mitigations designed: remediating; otherwise
//     open.
//
// The assessment plan the document imports is the dossier, named in back
// matter. now is the document's last-modified time; a zero now fails with
// problem.ErrNoDate, a nil rep with problem.ErrNilInput, a report without
// statement of applicability with problem.ErrInvalidValue. UUIDs are derived
// from the product, the assessment time and the IDs of what they name.
func EncodeAssessmentResults(w io.Writer, rep *iec62443.Report, now time.Time, opts *ResultsOptions) error {
	switch {
	case w == nil:
		return fmt.Errorf("oscal: encode assessment results: nil writer: %w", problem.ErrNilInput)
	case rep == nil:
		return fmt.Errorf("oscal: encode assessment results: nil report: %w", problem.ErrNilInput)
	case rep.SoA == nil:
		return fmt.Errorf("oscal: encode assessment results: the report has no statement of applicability: %w", problem.ErrInvalidValue)
	case now.IsZero():
		return fmt.Errorf("oscal: encode assessment results: %w (pass the export time as now)", problem.ErrNoDate)
	}
	var reg *risk.Register
	if opts != nil {
		reg = opts.Register
	}
	return write(w, "assessment results", "assessment-results", resultsFrom(rep, reg, now))
}

func resultsFrom(rep *iec62443.Report, reg *risk.Register, now time.Time) *assessmentResults {
	at := rep.AssessedAt.UTC().Format(time.RFC3339)
	key := []string{rep.Manufacturer.Name, rep.Product.Name, rep.Product.Version, at}
	id := func(kind string, parts ...string) string {
		return newUUID(append(append([]string{kind}, key...), parts...)...)
	}
	product := oneLine(strings.TrimSpace(rep.Product.Name + " " + rep.Product.Version))
	if product == "" {
		product = "the product"
	}
	start := timestamp(rep.AssessedAt)
	if rep.AssessedAt.IsZero() {
		start = timestamp(now)
	}
	dossier := resource{
		UUID:        id("resource", "dossier"),
		Title:       "Dossier of " + product,
		Description: "The dossier the SDK assessed stands in for the assessment plan: the product, its context, risk register, evidence, test records, SBOM and statement of applicability.",
	}
	catRes := resource{
		UUID:        newUUID("resource", "catalog", rep.Edition.String(), rep.CatalogVersion),
		Title:       oneLine(fmt.Sprintf("%s (sdlkit catalog %s)", rep.Edition.Title(), rep.CatalogVersion)),
		Description: "The catalog of the assessment; package oscal writes it as an OSCAL catalog whose control IDs are the requirement IDs.",
		Props:       appendEnum(nil, propEdition, rep.Edition),
	}
	out := &assessmentResults{
		UUID: id("assessment-results"),
		Metadata: Metadata{
			Title:        oneLine(fmt.Sprintf("Assessment of %s against %s", product, rep.Edition.Title())),
			LastModified: timestamp(now),
			Version:      at,
			OSCALVersion: Version,
		},
		ImportAP:   importAP{Href: "#" + dossier.UUID, Remarks: "No OSCAL assessment plan exists: the dossier is the plan."},
		BackMatter: &backMatter{Resources: []resource{dossier, catRes}},
	}
	md := &out.Metadata
	md.Props = appendProp(md.Props, "product", rep.Product.Name)
	md.Props = appendProp(md.Props, "product-version", rep.Product.Version)
	md.Props = appendProp(md.Props, "manufacturer", rep.Manufacturer.Name)
	md.Props = appendEnum(md.Props, propEdition, rep.Edition)
	md.Props = appendProp(md.Props, "catalog-version", rep.CatalogVersion)
	if rep.Edition.Provisional() {
		md.Props = append(md.Props, sdkProp(propProvisional, "true"))
	}
	if name := strings.TrimSpace(rep.Manufacturer.Name); name != "" {
		uuid := newUUID("party", name)
		md.Parties = []Party{{UUID: uuid, Type: "organization", Name: oneLine(name)}}
		md.Roles = []Role{{ID: "prepared-for", Title: "Manufacturer of the assessed product"}}
		md.ResponsibleParties = []ResponsibleParty{{RoleID: "prepared-for", PartyUUIDs: []string{uuid}}}
	}

	res := result{
		UUID:        id("result"),
		Title:       oneLine("IEC 62443-4-1 assessment of " + product),
		Description: verdictText(rep),
		Start:       start,
		End:         start,
	}
	res.Props = appendEnum(res.Props, "verdict", rep.Verdict.Outcome)
	res.Props = append(res.Props, sdkProp("verdict-holds", strconv.FormatBool(rep.Verdict.Holds)))

	// findings of the report, as observations
	obsByReq := map[requirement.ID][]string{}
	blocked := map[requirement.ID]int{}
	seen := map[string]int{}
	for _, g := range rep.Findings {
		for _, f := range g.Findings {
			uuid := id("observation", "finding", string(f.Rule), g.Document, f.Pointer, f.Subject, string(f.Requirement), f.Message)
			if n := seen[uuid]; n > 0 {
				uuid = id("observation", "finding", string(f.Rule), g.Document, f.Pointer, f.Subject, string(f.Requirement), f.Message, strconv.Itoa(n))
			}
			seen[uuid]++
			o := observation{
				UUID: uuid, Title: string(f.Rule), Description: f.Message,
				Methods: []string{"EXAMINE"}, Types: []string{"finding"}, Collected: start,
			}
			o.Props = appendEnum(o.Props, "severity", f.Severity)
			o.Props = appendEnum(o.Props, "basis", f.Basis)
			o.Props = appendProp(o.Props, "requirement", string(f.Requirement))
			o.Props = appendEnum(o.Props, propEdition, f.Edition)
			o.Props = appendProp(o.Props, "source", string(g.Source))
			o.Props = appendProp(o.Props, "document", g.Document)
			o.Props = appendProp(o.Props, "pointer", f.Pointer)
			o.Props = appendProp(o.Props, "subject", f.Subject)
			res.Observations = append(res.Observations, o)
			if f.Requirement != "" {
				obsByReq[f.Requirement] = append(obsByReq[f.Requirement], uuid)
				if f.Severity >= requirement.SeverityHigh {
					blocked[f.Requirement]++
				}
			}
		}
	}

	// risks of the register
	riskUUID := map[string]string{}
	if reg != nil {
		titles := map[string]string{}
		for _, t := range reg.Threats {
			titles[t.ID] = t.Title
		}
		// the state the data supports, where the register can be evaluated
		var ev *risk.Evaluation
		if cat, err := requirement.ForEdition(rep.Edition); err == nil && !rep.AssessedAt.IsZero() {
			ev, _ = risk.Evaluate(reg, cat, rep.AssessedAt)
		}
		for _, r := range reg.Risks {
			if s, ok := ev.RiskState(r.ID); ok {
				r.State = s
			}
			ar := riskOf(r, titles)
			ar.UUID = id("risk", r.ID)
			riskUUID[r.ID] = ar.UUID
			res.Risks = append(res.Risks, ar)
		}
	}

	// the requirements: reviewed controls, evidence observations, findings
	sel := controlSelection{Description: "The requirements in scope of the statement of applicability."}
	evidence := map[string]bool{}
	for _, e := range rep.SoA.Entries {
		rid := string(e.Requirement)
		if !e.Applies() {
			sel.ExcludeControls = append(sel.ExcludeControls, controlByID{ControlID: rid})
			continue
		}
		sel.IncludeControls = append(sel.IncludeControls, controlByID{ControlID: rid})
		related := obsByReq[e.Requirement]
		if len(e.Evidence) > 0 {
			o := observation{
				UUID: id("observation", "evidence", rid), Title: "Evidence of " + rid,
				Description: fmt.Sprintf("The artifacts the statement of applicability cites for %s (%s).", rid, oneLine(e.Title)),
				Methods:     []string{"EXAMINE"}, Types: []string{"control-objective"}, Collected: start,
			}
			for _, ev := range e.Evidence {
				r := evidenceResource(ev.URI, ev.SHA256, ev.Description, string(ev.Kind), ev.Date)
				if !evidence[r.UUID] {
					evidence[r.UUID] = true
					out.BackMatter.Resources = append(out.BackMatter.Resources, r)
				}
				re := relevantEvidence{Href: "#" + r.UUID, Description: r.Title}
				if ev.SHA256 != "" {
					re.Props = []Property{sdkProp("sha256", ev.SHA256)}
				}
				o.RelevantEvidence = append(o.RelevantEvidence, re)
			}
			res.Observations = append(res.Observations, o)
			related = append([]string{o.UUID}, related...)
		}
		ok := (e.Status == soa.StatusImplemented || e.Status == soa.StatusVerified) && blocked[e.Requirement] == 0
		st := objStatus{State: "not-satisfied", Reason: "fail"}
		why := fmt.Sprintf("status %s", statusText(e.Status))
		if ok {
			st = objStatus{State: "satisfied", Reason: "pass"}
			why += ", no high or critical finding open"
		} else if n := blocked[e.Requirement]; n > 0 {
			why += fmt.Sprintf(", %d high or critical finding(s) open", n)
		}
		fd := finding{
			UUID:  id("finding", rid),
			Title: oneLine(rid + " " + e.Title),
			Description: fmt.Sprintf("%s is %s: %s (%d observation(s) of the assessment concern it).",
				rid, st.State, why, len(obsByReq[e.Requirement])),
			Target: findingTarget{Type: "statement-id", TargetID: rid + "_smt", Status: st},
		}
		if s, ok := implementationStates[e.Status]; ok {
			fd.Target.ImplementationStatus = &struct {
				State string `json:"state"`
			}{State: s}
		}
		fd.Props = appendEnum(fd.Props, "decision", e.Decision)
		fd.Props = appendEnum(fd.Props, "basis", e.Basis)
		fd.Props = appendEnum(fd.Props, "status", e.Status)
		fd.Props = appendEnum(fd.Props, "achieved-maturity", e.AchievedMaturity)
		for _, o := range related {
			fd.RelatedObservations = append(fd.RelatedObservations, relatedObs{ObservationUUID: o})
		}
		for _, r := range e.Risks {
			if u, ok := riskUUID[r]; ok {
				fd.RelatedRisks = append(fd.RelatedRisks, relatedRsk{RiskUUID: u})
			}
		}
		res.Findings = append(res.Findings, fd)
	}
	if len(sel.IncludeControls) == 0 {
		sel.IncludeAll = &struct{}{}
	}
	res.ReviewedControls = reviewedControls{ControlSelections: []controlSelection{sel}}
	out.Results = []result{res}
	return out
}

func statusText(s soa.Status) string {
	if !s.Valid() {
		return "not recorded"
	}
	return s.String()
}

func verdictText(rep *iec62443.Report) string {
	v := rep.Verdict
	var b strings.Builder
	fmt.Fprintf(&b, "Verdict on the A11 draft's ML3 demand as the SDK models it: %s (published requirements: %s, %d high or critical gap(s); the SDK's provisional modelling: %s, %d high or critical gap(s)). "+
		"It is not a presumption of conformity: under CRA Art. 27 a standard gives one only as a harmonised standard cited in the Official Journal of the EU, and neither edition is cited.",
		v.Outcome, v.PublishedOutcome, v.PublishedGaps, v.ProvisionalOutcome, v.ProvisionalGaps)
	for _, r := range v.Reasons {
		b.WriteString("\n\n- ")
		b.WriteString(r)
	}
	if rep.Edition.Provisional() {
		b.WriteString("\n\nThe A11 amendment is a draft: this assessment against it is provisional.")
	} else {
		b.WriteString("\n\nThe classification, test plan, applicability rules, CRA coverage and ML3 demand of this assessment are the SDK's provisional modelling of the A11 draft, not content of the " + rep.Edition.String() + " edition.")
	}
	return b.String()
}

func riskOf(r risk.Risk, threatTitles map[string]string) arRisk {
	title := r.ID
	if r.Title != "" {
		title += " " + r.Title
	}
	var threats []string
	for _, t := range r.Threats {
		if tt := threatTitles[t]; tt != "" {
			threats = append(threats, t+" ("+tt+")")
		} else {
			threats = append(threats, t)
		}
	}
	ar := arRisk{
		Title:       oneLine(title),
		Description: "Rates threat(s) " + strings.Join(threats, ", ") + ".",
		Status:      riskStatus(r),
	}
	tr := r.Treatment
	st := "No treatment decided."
	if tr.Option.Valid() {
		st = "Treatment: " + tr.Option.String()
		if len(tr.Mitigations) > 0 {
			st += " through " + strings.Join(tr.Mitigations, ", ")
		}
		if tr.TransferredTo != "" {
			st += " to " + tr.TransferredTo
		}
		st += "."
		if tr.Justification != "" {
			st += " " + tr.Justification
		}
		if tr.Approver != "" {
			st += " Approved by " + tr.Approver
			if !tr.Approved.IsZero() {
				st += " on " + tr.Approved.String()
			}
			st += "."
		}
	}
	ar.Statement = st
	ar.Props = appendProp(ar.Props, "risk-id", r.ID)
	for _, t := range r.Threats {
		ar.Props = appendProp(ar.Props, "threat", t)
	}
	ar.Props = appendProp(ar.Props, "likelihood", r.Likelihood)
	ar.Props = appendProp(ar.Props, "impact", r.Impact)
	ar.Props = appendProp(ar.Props, "cvss", r.CVSS)
	ar.Props = appendEnum(ar.Props, "treatment", tr.Option)
	ar.Props = appendProp(ar.Props, "residual-likelihood", r.Residual.Likelihood)
	ar.Props = appendProp(ar.Props, "residual-impact", r.Residual.Impact)
	ar.Props = appendEnum(ar.Props, "state", r.State)
	return ar
}

func riskStatus(r risk.Risk) string {
	if r.Treatment.Option == risk.TreatAccept {
		if r.Treatment.Approver != "" {
			return "deviation-approved"
		}
		return "deviation-requested"
	}
	switch r.State {
	case risk.StateTreated, risk.StateVerified, risk.StateMonitored:
		return "closed"
	case risk.StateMitigationsDesigned:
		return "remediating"
	case risk.StateDraft, risk.StateContextDefined, risk.StateThreatsModelled, risk.StateRisksAssessed, risk.StateApplicabilityDecided:
		return "open"
	}
	return "open"
}
