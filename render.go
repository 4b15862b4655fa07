package iec62443

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// ReportSchemaID is the $id of the published JSON Schema of reports.
const ReportSchemaID = "https://github.com/sdlkit/iec62443/schemas/report-1.json"

//go:embed schemas/report.schema.json
var reportSchemaJSON []byte

// ReportSchema returns the JSON Schema of reports written by [RenderJSON].
func ReportSchema() []byte { return bytes.Clone(reportSchemaJSON) }

// RenderOptions tunes the renderers ([RenderMarkdown], [RenderHTML],
// [RenderJSON]). A nil *RenderOptions means the defaults.
type RenderOptions struct {
	// MaxFindingsPerRule lists at most this many findings of one rule per
	// finding group (the most severe first) and counts the others as
	// omitted, below the cap the report already has
	// ([Options].MaxFindingsPerRule): a short summary for a reader. Zero
	// (or a negative value) lists every finding the report lists.
	MaxFindingsPerRule int
}

// view returns the report as the options render it: r itself, or a shallow
// copy whose finding groups are capped further.
func (o *RenderOptions) view(r *Report) *Report {
	if o == nil || o.MaxFindingsPerRule <= 0 {
		return r
	}
	c := *r
	c.Findings = make([]FindingGroup, len(r.Findings))
	for i, g := range r.Findings {
		g.Findings = slices.Clone(g.Findings)
		g.Omitted = slices.Clone(g.Omitted)
		capGroup(&g, o.MaxFindingsPerRule)
		g.Omitted = mergeOmissions(g.Omitted)
		c.Findings[i] = g
	}
	return &c
}

// mergeOmissions adds up the counts of omissions with the same rule and
// severity (a group capped twice), keeping the order of capGroup.
func mergeOmissions(os []Omission) []Omission {
	var out []Omission
	for _, o := range os {
		i := slices.IndexFunc(out, func(x Omission) bool { return x.Rule == o.Rule && x.Severity == o.Severity })
		if i < 0 {
			out = append(out, o)
			continue
		}
		out[i].Count += o.Count
	}
	slices.SortFunc(out, func(x, y Omission) int {
		return cmp.Or(cmp.Compare(x.Rule, y.Rule), cmp.Compare(y.Severity, x.Severity))
	})
	return out
}

// RenderJSON writes the report as indented JSON, schema [ReportSchema]
// (schema_version [ReportSchemaVersion]): the versioned form of a report,
// and the most stable contract the SDK offers to tools that consume
// reports. A nil report or writer wraps [problem.ErrNilInput].
func RenderJSON(w io.Writer, r *Report, opts *RenderOptions) error {
	if w == nil || r == nil {
		return fmt.Errorf("iec62443: render json: nil report or writer: %w", problem.ErrNilInput)
	}
	b, err := docjson.Marshal(opts.view(r))
	if err != nil {
		return fmt.Errorf("iec62443: render json: %w", err)
	}
	_, err = w.Write(b)
	return err
}

// mdEscape makes s safe inside a Markdown table cell.
func mdEscape(s string) string { return mdEscaper.Replace(s) }

// cleanControls replaces in b, a rendered human-readable report, every
// control character but tab and newline (C0 controls, DEL and the C1
// controls) with U+FFFD, so that no text from the input (a NUL or a
// terminal escape in a product name) reaches a reader raw. The templates
// and format strings of the renderers contain none, so every one it
// replaces came from the input.
func cleanControls(b []byte) []byte {
	if !slices.ContainsFunc(b, func(c byte) bool { return isControlByte(c) }) && !bytes.Contains(b, []byte{0xc2}) {
		return b
	}
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == '\t' || r == '\n':
			out = append(out, b[:size]...)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f && size == 2):
			out = utf8.AppendRune(out, utf8.RuneError)
		default:
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}

func isControlByte(c byte) bool { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f }

// mdEscaper keeps user text literal in Markdown: table cells stay cells, and
// no link, emphasis, code span or HTML can be injected. Intraword
// underscores (retention_until) need no escape in CommonMark.
var mdEscaper = strings.NewReplacer(
	"\\", "\\\\", "|", "\\|", "*", "\\*", "`", "\\`", "[", "\\[", "]", "\\]",
	"<", "&lt;", "\r", "", "\n", " ",
)

func levelText(p maturity.PracticeResult) string {
	if !p.Reached {
		return "none"
	}
	return p.Level.String()
}

func severityCounts(r *Report) string {
	counts := map[requirement.Severity]int{}
	for _, g := range r.Findings {
		for _, f := range g.Findings {
			counts[f.Severity]++
		}
		for _, o := range g.Omitted {
			counts[o.Severity] += o.Count
		}
	}
	var parts []string
	sev := requirement.Severities()
	for i := len(sev) - 1; i >= 0; i-- {
		if n := counts[sev[i]]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev[i]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// practiceRow is one practice in the SoA and maturity summaries.
type practiceRow struct {
	Practice               practice.Practice
	Name                   string
	Applicable, NotApplies int
	Planned, InProgress    int
	Implemented, Verified  int
	Level                  string
	LevelN                 int
	Limiting               []requirement.ID
}

func practiceRows(r *Report) []practiceRow {
	var rows []practiceRow
	idx := map[practice.Practice]int{}
	for _, p := range practice.ForEdition(r.Edition) {
		idx[p] = len(rows)
		rows = append(rows, practiceRow{Practice: p, Name: p.Name(), Level: "unknown"})
	}
	if r.SoA != nil {
		for _, e := range r.SoA.Entries {
			i, ok := idx[e.Requirement.Practice()]
			if !ok {
				continue
			}
			row := &rows[i]
			if !e.Applies() {
				row.NotApplies++
				continue
			}
			row.Applicable++
			switch e.Status {
			case soa.StatusPlanned:
				row.Planned++
			case soa.StatusInProgress:
				row.InProgress++
			case soa.StatusImplemented:
				row.Implemented++
			case soa.StatusVerified:
				row.Verified++
			}
		}
	}
	if r.Maturity != nil {
		for _, pr := range r.Maturity.Practices {
			if i, ok := idx[pr.Practice]; ok {
				rows[i].Level = levelText(pr)
				if pr.Reached {
					rows[i].LevelN = int(pr.Level)
				}
				rows[i].Limiting = pr.Limiting
			}
		}
	}
	return rows
}

// publishedCount counts the findings listed of rules that rest on published
// text, and all findings listed.
func publishedCount(r *Report) (published, listed int) {
	for _, g := range r.Findings {
		for _, f := range g.Findings {
			listed++
			if f.Basis == requirement.BasisPublished {
				published++
			}
		}
	}
	return published, listed
}

// RenderMarkdown writes the report as Markdown for a reviewer: verdict and
// summary first, then next actions, classification, maturity, CRA coverage,
// deadlines, the test plan and every finding the report lists, with its
// basis (published text or the SDK's provisional modelling) and the entity
// it concerns. Text from the dossier is escaped, and control characters
// in it are replaced with U+FFFD. A nil report or writer wraps
// [problem.ErrNilInput].
func RenderMarkdown(w io.Writer, r *Report, opts *RenderOptions) error {
	if w == nil || r == nil {
		return fmt.Errorf("iec62443: render markdown: nil report or writer: %w", problem.ErrNilInput)
	}
	r = opts.view(r)
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Conformity report: %s %s\n\n", mdEscape(r.Product.Name), mdEscape(r.Product.Version))
	p("Manufacturer: %s  \nAssessed: %s against EN IEC 62443-4-1 %s, catalog %q", mdEscape(r.Manufacturer.Name),
		r.AssessedAt.Format("2006-01-02 15:04 MST"), r.Edition, r.CatalogVersion)
	if banner := provisionalBanner(r); banner != "" {
		p("\n\n> **Provisional content.** %s", banner)
	}
	p("\n\n## Verdict\n\n%s\n\n", verdictSentence(r.Verdict))
	for _, l := range verdictLines(r) {
		p("- %s **%s**: %s\n", l.Lead, l.Word, l.Detail)
	}
	p("\n%s\n\n", notPresumption)
	if len(r.Verdict.Reasons) > 0 {
		p("Reasons:\n\n")
		for _, reason := range r.Verdict.Reasons {
			p("- %s\n", mdEscape(reason))
		}
		p("\n")
	}
	p("## Summary\n\n| Item | Value |\n|---|---|\n")
	p("| Verdict on the A11 draft's ML3 demand as the SDK models it (not a presumption of conformity) | %s |\n", verdictSummary(r.Verdict))
	p("| CRA class | %s |\n", r.Classification.CRAClass)
	p("| Product security context category (%s) | %s |\n", annexLabel("B", r.Edition, r.IsProvisional(ProvisionalClassification)), r.Classification.Category)
	p("| Security profile (%s) | %s |\n", annexLabel("D", r.Edition, r.IsProvisional(ProvisionalClassification)), r.Classification.Profile)
	if r.RiskState.Valid() {
		p("| Risk workflow state (%s) | %s |\n", annexLabel("C", r.Edition, r.IsProvisional(ProvisionalRiskWorkflow)), r.RiskState)
	}
	if r.SoA != nil {
		app := 0
		for _, e := range r.SoA.Entries {
			if e.Applies() {
				app++
			}
		}
		p("| Applicable requirements (%s) | %d of %d |\n", annexLabel("C", r.Edition, r.IsProvisional(ProvisionalApplicability)), app, len(r.SoA.Entries))
	}
	if r.SBOM != nil {
		p("| SBOM (%s) | %s, score %.1f, %d components, %d with gaps |\n", r.SBOM.Profile, r.SBOM.Outcome, r.SBOM.Score, r.SBOM.Components, r.SBOM.ComponentsWithGaps)
	}
	full, partial, none := coverageCounts(r.Coverage)
	p("| CRA essential requirements covered (%s) | %d full, %d partly, %d not |\n", coverageLabel(r), full, partial, none)
	p("| Next CRA milestone | %s |\n", nextMilestone(r.Milestones))
	p("| Open CRA deadlines | %d |\n", len(r.Deadlines))
	p("| Findings | %s |\n", severityCounts(r))
	if pub, listed := publishedCount(r); listed > 0 {
		p("| Listed findings resting on published text | %d of %d (the others on the SDK's provisional modelling of the A11 draft) |\n", pub, listed)
	}

	if len(r.NextActions) > 0 {
		p("\n## Next actions\n\n")
		for i, a := range r.NextActions {
			head := strings.TrimSpace(string(a.Requirement) + " " + a.Title)
			p("%d. **%s**: %d finding(s), up to %s. %s\n", i+1, mdEscape(head), a.Findings, a.Severity, mdEscape(a.First))
		}
	}

	p("\n## Classification (%s)\n\n%s\n\n| Outcome | Value | Rule | Decisive parameters | Rationale |\n|---|---|---|---|---|\n", annexLabel("B", r.Edition, r.IsProvisional(ProvisionalClassification)), mdEscape(classificationNote(r)))
	for _, d := range r.Classification.Trace {
		var fs []string
		for _, f := range d.Decisive {
			fs = append(fs, fmt.Sprintf("%s=%s", f.Parameter, f.Value))
		}
		p("| %s | %s | %s | %s | %s |\n", d.Outcome, mdEscape(d.Value), mdEscape(d.Rule), mdEscape(strings.Join(fs, ", ")), mdEscape(d.Rationale))
	}

	p("\n## Maturity and applicability per practice\n\n%s\n\n| Practice | Applicable | Not applicable | Planned | In progress | Implemented | Verified | Maturity | Limited by |\n|---|---|---|---|---|---|---|---|---|\n", applicabilityNote(r))
	for _, row := range practiceRows(r) {
		p("| %s %s | %d | %d | %d | %d | %d | %d | %s | %s |\n", row.Practice, row.Name, row.Applicable, row.NotApplies,
			row.Planned, row.InProgress, row.Implemented, row.Verified, row.Level, joinIDs(row.Limiting))
	}

	p("\n## ML3 demonstrations (the A11 draft's ML3 demand as the SDK models it, provisional)\n\n| Check | Outcome | Detail |\n|---|---|---|\n")
	for _, c := range r.Verdict.ML3.Checks {
		p("| %s | %s | %s |\n", c.Check, c.Outcome, mdEscape(strings.Join(c.Reasons, "; ")))
	}

	p("\n## CRA essential requirements (%s)\n\n%s\n\n", coverageLabel(r), coverageNote(r))
	if hasPartlyMet(r.Coverage) {
		p("| Provision | Coverage | Satisfied | Partly met | Missing | Why |\n|---|---|---|---|---|---|\n")
		for _, c := range r.Coverage {
			p("| %s | %s | %s | %s | %s | %s |\n", c.Provision, c.Level, joinIDs(c.Satisfied), joinIDs(c.PartlyMet), joinIDs(c.Missing), mdEscape(c.Reason))
		}
	} else {
		p("| Provision | Coverage | Satisfied | Missing | Why |\n|---|---|---|---|---|\n")
		for _, c := range r.Coverage {
			p("| %s | %s | %s | %s | %s |\n", c.Provision, c.Level, joinIDs(c.Satisfied), joinIDs(c.Missing), mdEscape(c.Reason))
		}
	}

	p("\n## CRA milestones\n\nThe dates from which parts of the CRA apply (Art. 71(2)), counted from the assessment date.\n\n| Milestone | What applies | Date | Basis | At the assessment date |\n|---|---|---|---|---|\n")
	for _, m := range r.Milestones {
		state := "not yet applicable"
		if m.Applies {
			state = "applies"
		}
		p("| %s | %s | %s | %s | %s, %s |\n", m.Milestone, mdEscape(m.Label), m.Date, m.Basis, state, milestoneDistance(m))
	}

	if len(r.Deadlines) > 0 {
		p("\n## Open CRA deadlines\n\n| Event | Deadline | Due | Basis | State |\n|---|---|---|---|---|\n")
		for _, d := range r.Deadlines {
			state := "open"
			switch {
			case d.Overdue:
				state = "OVERDUE"
			case d.Pending:
				state = "pending"
			}
			due := "-"
			if !d.Due.IsZero() {
				due = d.Due.UTC().Format("2006-01-02 15:04 MST")
			}
			p("| %s | %s | %s | %s | %s |\n", mdEscape(d.Event), d.Kind, due, d.Basis, state)
		}
	}
	writeVulnerabilitiesMarkdown(p, r)
	writeTechDocMarkdown(p, r)

	p("\n## Test plan (%s; profile %s)\n\n%s\n\n| Module | Need | Minimum tester independence | Row | Rationale |\n|---|---|---|---|---|\n",
		annexLabel("D", r.Edition, r.IsProvisional(ProvisionalTestPlan)), r.TestPlan.Profile, mdEscape(testPlanNote(r)))
	for _, m := range r.TestPlan.Modules {
		p("| %s | %s | %s | %s | %s |\n", m.Module, m.Need, m.MinIndependence, mdEscape(m.Row), mdEscape(m.Rationale))
	}

	p("\n## Findings\n")
	if len(r.Findings) == 0 {
		p("\nNo findings.\n")
	}
	for _, g := range r.Findings {
		p("\n### %s (%d)\n\nLocations are in %s.\n\n| Severity | Requirement | Rule | Basis | Location | Message |\n|---|---|---|---|---|---|\n", g.Source, g.Total(), mdEscape(documentName(g.Document)))
		for _, f := range g.Findings {
			loc := "`" + strings.ReplaceAll(location(f.Pointer), "`", "'") + "`"
			if f.Subject != "" {
				loc += " (" + mdEscape(f.Subject) + ")"
			}
			p("| %s | %s | %s | %s | %s | %s |\n", f.Severity, f.Requirement, f.Rule, basisText(f.Basis), loc, mdEscape(f.Message))
		}
		for _, o := range g.Omitted {
			p("| %s | | %s | %s | | %s |\n", o.Severity, o.Rule, basisText(ruleBasis(o.Rule)), omittedText(o))
		}
	}
	_, err := w.Write(cleanControls([]byte(b.String())))
	return err
}

// location shows the root pointer "" as "/".
func location(ptr string) string {
	if ptr == "" {
		return "/"
	}
	return ptr
}

// basisText is a finding's basis as the reports show it.
func basisText(b requirement.Basis) string {
	if !b.Valid() {
		return "-"
	}
	return b.String()
}

// omittedText says how many findings of a rule a group does not list.
func omittedText(o Omission) string {
	return fmt.Sprintf("and %d more finding(s) of this rule, not listed (raise Options.MaxFindingsPerRule to list them)", o.Count)
}

func joinIDs(ids []requirement.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}

func coverageCounts(cs []annex.ProvisionCoverage) (full, partial, none int) {
	for _, c := range cs {
		switch c.Level {
		case annex.CoverageFull:
			full++
		case annex.CoveragePartial:
			partial++
		case annex.CoverageNone:
			none++
		}
	}
	return
}

//go:embed report.html.tmpl
var reportHTML string

var reportTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"counts":         severityCounts,
		"ids":            joinIDs,
		"coverage":       func(cs []annex.ProvisionCoverage) []int { f, p, n := coverageCounts(cs); return []int{f, p, n} },
		"docname":        documentName,
		"date":           func(r *Report) string { return r.AssessedAt.Format("2006-01-02 15:04 MST") },
		"rows":           practiceRows,
		"chart":          maturityChart,
		"loc":            location,
		"basis":          basisText,
		"omitted":        omittedText,
		"rulebasis":      func(id requirement.RuleID) string { return basisText(ruleBasis(id)) },
		"banner":         provisionalBanner,
		"vsentence":      verdictSentence,
		"vlines":         verdictLines,
		"vsummary":       verdictSummary,
		"notpresumption": func() string { return notPresumption },
		"annex": func(x string, r *Report, part ProvisionalPart) string {
			return annexLabel(x, r.Edition, r.IsProvisional(part))
		},
		"part":      func(s string) ProvisionalPart { return ProvisionalPart(s) },
		"clsnote":   classificationNote,
		"appnote":   applicabilityNote,
		"covnote":   coverageNote,
		"covlabel":  coverageLabel,
		"plannote":  testPlanNote,
		"partlymet": hasPartlyMet,
		"distance":  milestoneDistance,
		"nextmilestone": func(ms []annex.MilestoneDistance) *annex.MilestoneDistance {
			if m, ok := firstPending(ms); ok {
				return &m
			}
			return nil
		},
		"provisionalentry": func(e soa.Entry) bool { return e.HasFlag(soa.FlagProvisional) },
	}).Parse(reportHTML))
})

// RenderHTML writes the report as one self-contained HTML page for a
// person: summary first, a per-practice maturity picture drawn as inline
// SVG, the SoA summary, and every finding the report lists with its
// requirement, basis and location. It has no external assets and prints
// cleanly. Text from the dossier is escaped, and control characters in it
// are replaced with U+FFFD. A nil report or writer wraps
// [problem.ErrNilInput].
func RenderHTML(w io.Writer, r *Report, opts *RenderOptions) error {
	if w == nil || r == nil {
		return fmt.Errorf("iec62443: render html: nil report or writer: %w", problem.ErrNilInput)
	}
	var b bytes.Buffer
	if err := reportTemplate().Execute(&b, opts.view(r)); err != nil {
		return fmt.Errorf("iec62443: render html: %w", err)
	}
	_, err := w.Write(cleanControls(b.Bytes()))
	return err
}

// maturityChart draws one bar per practice (height = maturity level 0..4)
// with the ML3 line, as an SVG fragment built only from numbers and fixed
// labels (no user text).
func maturityChart(r *Report) template.HTML {
	rows := practiceRows(r)
	const barW, gap, h, top, left = 56, 14, 160, 20, 40
	width := left + len(rows)*(barW+gap) + gap
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="Maturity level per practice">`,
		width, h+top+40, width, h+top+40)
	for lvl := 0; lvl <= 4; lvl++ {
		y := top + h - lvl*h/4
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="grid"/><text x="4" y="%d" class="axis">ML%d</text>`, left, y, width, y, y+4, lvl)
	}
	y3 := top + h - 3*h/4
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="target"/>`, left, y3, width, y3)
	for i, row := range rows {
		x := left + gap + i*(barW+gap)
		bh := row.LevelN * h / 4
		cls := "bar-low"
		if row.LevelN >= 3 {
			cls = "bar-ok"
		}
		if row.Level == "unknown" {
			cls = "bar-unknown"
			bh = 4
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="%s"/>`, x, top+h-bh, barW, bh, cls)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="label" text-anchor="middle">%s</text>`, x+barW/2, top+h+16, template.HTMLEscapeString(row.Practice.String()))
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="value" text-anchor="middle">%s</text>`, x+barW/2, top+h+32, template.HTMLEscapeString(row.Level))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) //nolint:gosec // built from numbers and escaped fixed labels only
}

// documentName says in words which document a finding group's pointers
// locate (see [FindingGroup.Document]).
func documentName(doc string) string {
	switch {
	case doc == "":
		return "the dossier"
	case doc == "report#/soa":
		return "the resolved statement of applicability (the report's soa)"
	case doc == "sbom":
		return "the SBOM data"
	case strings.HasPrefix(doc, "#"):
		return "the dossier's inline part " + doc[1:]
	}
	return doc
}

// notPresumption says what a report's verdict is not, in every output.
const notPresumption = "This verdict is not a presumption of conformity. Under CRA Art. 27 a standard gives one only as a harmonised standard whose reference is published in the Official Journal of the EU, and neither EN IEC 62443-4-1:2018 nor its A11 draft is cited there. The verdict says which gaps the dossier shows, against published requirements and against the SDK's provisional modelling of the A11 draft; it is input to a conformity assessment, not its result."

// verdictLine is one line of the verdict as the renderers show it: a lead,
// an outcome word the renderers emphasise, and a detail.
type verdictLine struct {
	Lead, Word, Detail string
}

// verdictSentence sums up the verdict in one sentence: what it is (the A11
// draft's ML3 demand as the SDK models it, met or not) with the gaps against
// published requirements apart.
func verdictSentence(v Verdict) string {
	pub := "No gap remains against published requirements"
	if v.PublishedOutcome == requirement.OutcomeFail {
		pub = "Gaps remain against published requirements"
	}
	switch v.ProvisionalOutcome {
	case requirement.OutcomePass:
		if v.PublishedOutcome == requirement.OutcomeFail {
			return pub + "; the SDK's provisional modelling of the A11 draft finds no further gap, but the draft's ML3 demand is not met while they remain."
		}
		return pub + ", and the A11 draft's ML3 demand, as the SDK models it, is met."
	case requirement.OutcomeFail:
		if v.PublishedOutcome == requirement.OutcomeFail {
			return pub + ", and the A11 draft's ML3 demand, as the SDK models it, is not met."
		}
		return pub + "; the product would fail under the A11 draft as the SDK models it: its ML3 demand is not met."
	case requirement.OutcomeUnknown, requirement.OutcomeNotApplicable:
	}
	return pub + "; whether the A11 draft's ML3 demand, as the SDK models it, is met cannot be decided (evidence missing)."
}

// verdictLines are the two parts of the verdict: published requirements and
// the SDK's provisional modelling.
func verdictLines(r *Report) []verdictLine {
	v := r.Verdict
	pub := verdictLine{Lead: "Published requirements (the 2018 edition, the CRA, BSI TR-03183-2, NTIA):", Word: v.PublishedOutcome.String()}
	if v.PublishedGaps > 0 {
		pub.Detail = fmt.Sprintf("%d high or critical finding(s) of rules resting on published text.", v.PublishedGaps)
	} else {
		pub.Detail = "no high or critical finding of a rule resting on published text."
	}
	prov := verdictLine{Lead: "The SDK's provisional modelling of the A11 draft (its ML3 demand and the provisional rules):", Word: v.ProvisionalOutcome.String()}
	ml3 := v.ML3.Outcome
	if !ml3.Valid() {
		ml3 = requirement.OutcomeUnknown
	}
	prov.Detail = fmt.Sprintf("ML3 verdict %s; %d high or critical finding(s) of provisional rules; under that modelling ML3 is %s for CRA class %s.",
		ml3, v.ProvisionalGaps, v.Obligation, r.Classification.CRAClass)
	return []verdictLine{pub, prov}
}

// verdictSummary is the summary of the verdict's outcome in the summary table.
func verdictSummary(v Verdict) string {
	return fmt.Sprintf("%s (published requirements: %s, %d high or critical; provisional modelling: %s, %d high or critical)",
		v.Outcome, v.PublishedOutcome, v.PublishedGaps, v.ProvisionalOutcome, v.ProvisionalGaps)
}

// provisionalBanner says which parts of a report rest on the SDK's
// provisional modelling of the A11 draft, for either edition; the renderers
// head it "Provisional content".
func provisionalBanner(r *Report) string {
	var parts []string
	for _, p := range r.Provisional {
		if t := provisionalPhrase(p, r.Edition); t != "" {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	list := strings.Join(parts[:len(parts)-1], "; ")
	if len(parts) > 1 {
		list += "; and "
	}
	list += parts[len(parts)-1]
	if r.Edition.Provisional() {
		return "A11 is a draft not yet cited in the Official Journal of the EU, and this report assesses against the SDK's modelling of it from public commentary. These parts are provisional: " +
			list + ". Each finding says whether its rule rests on published text or on this modelling."
	}
	return "The requirements assessed are those of the published " + r.Edition.String() +
		" edition, but these parts of the report are the SDK's provisional modelling of the A11 draft (not cited in the Official Journal of the EU), not content of the " +
		r.Edition.String() + " edition: " + list + ". Each finding says whether its rule rests on published text or on this modelling."
}

// provisionalPhrase describes provisional part p of a report of edition e.
func provisionalPhrase(p ProvisionalPart, e requirement.Edition) string {
	a11 := e.Provisional()
	switch p {
	case ProvisionalCatalog:
		return "the requirements of the catalog (IDs, titles and content of the A11 draft)"
	case ProvisionalClassification:
		if a11 {
			return "the product security context category and the security profile (Annex B)"
		}
		return "the product security context category and the security profile (the SDK's A11 Annex B modelling; in the 2018 edition, Annex B is the table of requirements)"
	case ProvisionalRiskWorkflow:
		if a11 {
			return "the risk workflow state (Annex C)"
		}
		return "the risk workflow state (A11 Annex C)"
	case ProvisionalApplicability:
		if a11 {
			return "the rules that decide which requirements apply (Annex C: the Practice 2 risk ratings and a baseline)"
		}
		return "the rules that decide which requirements apply (A11 Annex C: risk ratings and a baseline, applied to the 2018 requirements)"
	case ProvisionalTestPlan:
		if a11 {
			return "the test plan (Annex D test modules and tester independence per security profile)"
		}
		return "the test plan (A11 Annex D test modules and tester independence per security profile, beyond the SVV-3 test types and SVV-5 independence of the 2018 edition)"
	case ProvisionalCoverage:
		if a11 {
			return "the mapping of requirements to CRA essential requirements behind the CRA coverage"
		}
		return "the mapping of requirements to CRA essential requirements behind the CRA coverage (it maps A11 requirements; the 2018 requirements are translated through the edition delta)"
	case ProvisionalML3Demand:
		return "the ML3 demand of the verdict (every applicable requirement at ML3 with five demonstrations, mandatory for important and critical products)"
	}
	return ""
}

// annexLabel names annex x (B, C or D) of the A11 draft as a report of
// edition e should: "Annex B" in an A11 report, "A11 Annex B as the SDK
// models it" in a 2018 report (whose own annexes are others), with
// ", provisional" when provisional.
func annexLabel(x string, e requirement.Edition, provisional bool) string {
	s := "Annex " + x
	if !e.Provisional() {
		s = "A11 Annex " + x
		if provisional {
			s += " as the SDK models it"
		}
	}
	if provisional {
		s += ", provisional"
	}
	return s
}

// classificationNote says where the classification comes from.
func classificationNote(r *Report) string {
	c := r.Classification
	src := "the decision table " + strconv.Quote(c.RuleTable)
	if c.RuleTable == "" {
		src = "the decision table"
	}
	kind := "published"
	if c.Provisional {
		kind = "provisional"
	}
	s := fmt.Sprintf("The CRA class follows from the CRA's Annexes III and IV; the product security context category and the security profile come from %s (%s).", src, kind)
	if !r.Edition.Provisional() {
		s += " The " + r.Edition.String() + " edition has neither: in it, Annex B is the table of requirements. They are the SDK's modelling of A11 Annex B and key the test plan below."
	}
	return s
}

// applicabilityNote says how the applicability decisions were taken.
func applicabilityNote(r *Report) string {
	n, total := 0, 0
	if r.SoA != nil {
		total = len(r.SoA.Entries)
		for _, e := range r.SoA.Entries {
			if e.HasFlag(soa.FlagProvisional) {
				n++
			}
		}
	}
	where := "Annex C as the SDK models it"
	if !r.Edition.Provisional() {
		where = "A11 Annex C as the SDK models it, applied to the " + r.Edition.String() + " requirements"
	}
	return fmt.Sprintf("Applicability: %d of %d decisions come from the SDK's provisional applicability rules (%s: the risk ratings of the register and a baseline of process requirements) and are marked provisional in the statement of applicability; the others carry the manufacturer's own justification.", n, total, where)
}

// coverageNote says what the CRA coverage rests on.
func coverageNote(r *Report) string {
	s := "The mapping of requirements to CRA essential requirements is the SDK's provisional modelling of the A11 draft's relationship table (Annex ZZ)."
	if !r.Edition.Provisional() {
		s += " It maps A11 requirements: the satisfied " + r.Edition.String() + " requirements are translated through the edition delta first (2018 SR-1, product security context, counts for A11 SRM-2, never for A11 SR-1), so the IDs below are A11 IDs, and a 2018 requirement whose content A11 changed only partly meets its successor (partly met)."
	}
	return s
}

// testPlanNote says what the test plan rests on.
func testPlanNote(r *Report) string {
	p := r.TestPlan
	src := "The test matrix"
	if p.Matrix != "" {
		src = "The test matrix " + strconv.Quote(p.Matrix)
	}
	kind := "published"
	if p.Provisional {
		kind = "provisional"
	}
	s := fmt.Sprintf("%s (%s) decides each module's need and minimum tester independence for the profile; Row names the row that decided.", src, kind)
	if !r.Edition.Provisional() {
		s += " The " + r.Edition.String() + " edition has no test modules per profile: it asks for the SVV-3 test types and the SVV-5 tester independence, which the findings resting on published text check."
	}
	return s
}

// hasPartlyMet reports whether any provision is partly met through a 2018
// requirement.
func hasPartlyMet(cs []annex.ProvisionCoverage) bool {
	return slices.ContainsFunc(cs, func(c annex.ProvisionCoverage) bool { return len(c.PartlyMet) > 0 })
}

// milestoneDistance says how far the assessment date is from a milestone.
func milestoneDistance(m annex.MilestoneDistance) string {
	switch {
	case m.Days > 0:
		return fmt.Sprintf("in %d day(s)", m.Days)
	case m.Days < 0:
		return fmt.Sprintf("%d day(s) ago", -m.Days)
	}
	return "on the assessment date"
}

// nextMilestone is the first milestone that does not apply yet, for the
// summary; "none" when every one does.
func nextMilestone(ms []annex.MilestoneDistance) string {
	if m, ok := firstPending(ms); ok {
		return fmt.Sprintf("%s on %s, %s", m.Milestone, m.Date, milestoneDistance(m))
	}
	return "none: every part of the CRA applies"
}

// firstPending returns the first milestone that does not apply yet.
func firstPending(ms []annex.MilestoneDistance) (annex.MilestoneDistance, bool) {
	for _, m := range ms {
		if !m.Applies {
			return m, true
		}
	}
	return annex.MilestoneDistance{}, false
}

// ruleBasis is the basis of rule id from the registry, for omitted findings.
func ruleBasis(id requirement.RuleID) requirement.Basis {
	r, _ := LookupRule(id)
	return r.Basis
}

// coverageLabel qualifies the CRA coverage in headings.
func coverageLabel(r *Report) string {
	if r.IsProvisional(ProvisionalCoverage) {
		return "through the SDK's provisional CRA mapping"
	}
	return "through the CRA mapping"
}
