package iec62443

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
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

func holdsText(v Verdict) string {
	switch {
	case v.Holds:
		return "holds"
	case v.Outcome == requirement.OutcomeUnknown:
		return "cannot be decided (evidence missing)"
	}
	return "does not hold"
}

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
	if r.Edition.Provisional() {
		p(" (A11 is a draft: requirements, categories, profiles and test modules are provisional)")
	}
	p("\n\n## Verdict\n\nPresumption of conformity at ML3 **%s** (ML3 is %s; CRA class %s).\n\n",
		holdsText(r.Verdict), r.Verdict.Obligation, r.Classification.CRAClass)
	for _, reason := range r.Verdict.Reasons {
		p("- %s\n", mdEscape(reason))
	}
	if len(r.Verdict.Reasons) > 0 {
		p("\n")
	}
	p("## Summary\n\n| Item | Value |\n|---|---|\n")
	p("| CRA class | %s |\n", r.Classification.CRAClass)
	p("| Product security context category (Annex B) | %s |\n", r.Classification.Category)
	p("| Security profile (Annex D) | %s |\n", r.Classification.Profile)
	if r.RiskState.Valid() {
		p("| Risk workflow state (Annex C) | %s |\n", r.RiskState)
	}
	if r.SoA != nil {
		app := 0
		for _, e := range r.SoA.Entries {
			if e.Applies() {
				app++
			}
		}
		p("| Applicable requirements | %d of %d |\n", app, len(r.SoA.Entries))
	}
	if r.SBOM != nil {
		p("| SBOM (%s) | %s, score %.1f, %d components, %d with gaps |\n", r.SBOM.Profile, r.SBOM.Outcome, r.SBOM.Score, r.SBOM.Components, r.SBOM.ComponentsWithGaps)
	}
	full, partial, none := coverageCounts(r.Coverage)
	p("| CRA essential requirements covered | %d full, %d partly, %d not |\n", full, partial, none)
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

	p("\n## Classification (Annex B)\n\n| Outcome | Value | Rule | Decisive parameters | Rationale |\n|---|---|---|---|---|\n")
	for _, d := range r.Classification.Trace {
		var fs []string
		for _, f := range d.Decisive {
			fs = append(fs, fmt.Sprintf("%s=%s", f.Parameter, f.Value))
		}
		p("| %s | %s | %s | %s | %s |\n", d.Outcome, mdEscape(d.Value), mdEscape(d.Rule), mdEscape(strings.Join(fs, ", ")), mdEscape(d.Rationale))
	}

	p("\n## Maturity and applicability per practice\n\n| Practice | Applicable | Not applicable | Planned | In progress | Implemented | Verified | Maturity | Limited by |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, row := range practiceRows(r) {
		p("| %s %s | %d | %d | %d | %d | %d | %d | %s | %s |\n", row.Practice, row.Name, row.Applicable, row.NotApplies,
			row.Planned, row.InProgress, row.Implemented, row.Verified, row.Level, joinIDs(row.Limiting))
	}

	p("\n## ML3 demonstrations\n\n| Check | Outcome | Detail |\n|---|---|---|\n")
	for _, c := range r.Verdict.ML3.Checks {
		p("| %s | %s | %s |\n", c.Check, c.Outcome, mdEscape(strings.Join(c.Reasons, "; ")))
	}

	p("\n## CRA essential requirements\n\n| Provision | Coverage | Satisfied | Missing | Why |\n|---|---|---|---|---|\n")
	for _, c := range r.Coverage {
		p("| %s | %s | %s | %s | %s |\n", c.Provision, c.Level, joinIDs(c.Satisfied), joinIDs(c.Missing), mdEscape(c.Reason))
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

	p("\n## Test plan (Annex D, profile %s)\n\n| Module | Need | Minimum tester independence | Rationale |\n|---|---|---|---|\n", r.TestPlan.Profile)
	for _, m := range r.TestPlan.Modules {
		p("| %s | %s | %s | %s |\n", m.Module, m.Need, m.MinIndependence, mdEscape(m.Rationale))
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
			p("| %s | | %s | | | %s |\n", o.Severity, o.Rule, omittedText(o))
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
		"holds":    holdsText,
		"counts":   severityCounts,
		"ids":      joinIDs,
		"coverage": func(cs []annex.ProvisionCoverage) []int { f, p, n := coverageCounts(cs); return []int{f, p, n} },
		"docname":  documentName,
		"date":     func(r *Report) string { return r.AssessedAt.Format("2006-01-02 15:04 MST") },
		"rows":     practiceRows,
		"chart":    maturityChart,
		"loc":      location,
		"basis":    basisText,
		"omitted":  omittedText,
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
