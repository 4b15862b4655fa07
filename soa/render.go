package soa

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// RenderOptions tunes the renderers. A nil *RenderOptions means the defaults.
type RenderOptions struct {
	// Findings are shown in an "Open gaps" section, in the order given (pass
	// the result of [Validate], which is sorted), each with the basis of its
	// rule (published or provisional). Nil shows no such section. The CSV
	// form has no such section.
	Findings []requirement.Finding
	// Catalog is the catalog the statement was resolved against; it tells
	// which requirements are provisional (new in the A11 draft). Nil means
	// [requirement.Default] (the A11 catalog); a catalog of another edition
	// than the statement's marks no requirement.
	Catalog *requirement.Catalog
}

func (o *RenderOptions) findings() []requirement.Finding {
	if o == nil {
		return nil
	}
	return o.Findings
}

func (o *RenderOptions) catalog() *requirement.Catalog {
	if o == nil || o.Catalog == nil {
		return requirement.Default()
	}
	return o.Catalog
}

// provisional says which content of a statement rests on the A11 draft or on
// the SDK's own modelling of it, for the renderers to mark.
type provisional struct {
	cat     *requirement.Catalog
	edition requirement.Edition
	// classification: the statement records an Annex B category or profile
	// (the SDK's reading of the A11 draft's Annex B, in either edition).
	classification bool
	// any: something in the statement is marked.
	any bool
}

func provisionalOf(s *Statement, opts *RenderOptions) provisional {
	p := provisional{cat: opts.catalog(), edition: s.Edition, classification: s.Category != 0 || s.Profile != 0}
	if p.cat.Edition() != s.Edition {
		p.cat = nil
	}
	p.any = p.classification
	for _, e := range s.Entries {
		if len(p.parts(e)) > 0 {
			p.any = true
			break
		}
	}
	return p
}

// requirement reports whether the entry's requirement exists only in the A11
// draft (new there and provisional in the catalog).
func (p provisional) requirement(e Entry) bool {
	if p.cat == nil {
		return false
	}
	r, ok := p.cat.Lookup(e.Requirement)
	return ok && r.Provisional() && r.Lifecycle() == requirement.LifecycleNew
}

// rationale reports whether the entry's decision and justification come from
// the SDK's modelling ([FlagProvisional]).
func (p provisional) rationale(e Entry) bool { return e.HasFlag(FlagProvisional) }

// parts names what is provisional in an entry: "requirement", "rationale".
func (p provisional) parts(e Entry) []string {
	var out []string
	if p.requirement(e) {
		out = append(out, "requirement")
	}
	if p.rationale(e) {
		out = append(out, "rationale")
	}
	return out
}

// caveat is the notice every human-readable form shows above the entries,
// after the heading "Provisional content:": what "(provisional)" marks and
// why; "" when nothing needs it.
func (p provisional) caveat() string {
	switch {
	case p.edition == requirement.EditionA11:
		return "EN IEC 62443-4-1 A11 is a draft, not cited in the Official Journal of the EU. " +
			"Its requirement IDs, titles and clauses may change, and meeting them gives no presumption of conformity under the CRA. " +
			"Marked (provisional): requirements new in the draft, the Annex B classification, and applicability rationale " +
			"from the SDK's own modelling of the draft that the manufacturer has not confirmed in its own words."
	case p.any:
		return "content marked (provisional) is not from the 2018 edition but from the SDK's own modelling " +
			"of the A11 draft (not cited in the Official Journal of the EU): the Annex B classification, and applicability rationale " +
			"that the manufacturer has not confirmed in its own words."
	}
	return ""
}

// basisText is the label of a finding's basis, or "" when it is unset.
func basisText(b requirement.Basis) string {
	if !b.Valid() {
		return ""
	}
	return b.String()
}

// group is the entries of one practice, with their summary counts.
type group struct {
	Practice practice.Practice
	Heading  string
	Entries  []Entry
	// Decisions counts entries per decision (index Disposition), Statuses
	// per status (index Status); an undefined decision or a missing status is
	// not counted (index 0 stays zero).
	Decisions [Inherited + 1]int
	Statuses  [StatusVerified + 1]int
}

func (g *group) applying() int { return len(g.Entries) - g.Decisions[NotApplicable] }

// groups splits the entries by practice, in the edition's practice order and
// the statement's entry order within a practice. Entries whose ID names no
// practice of the edition land in a last group "Other", so nothing is lost.
func groups(s *Statement) []*group {
	ps := practice.ForEdition(s.Edition)
	if ps == nil {
		ps = practice.Values()
	}
	out := make([]*group, 0, len(ps)+1)
	idx := make(map[practice.Practice]*group, len(ps))
	for _, p := range ps {
		g := &group{Practice: p, Heading: practiceHeading(p, s.Edition)}
		out = append(out, g)
		idx[p] = g
	}
	var other *group
	for _, e := range s.Entries {
		g := idx[e.Requirement.Practice()]
		if g == nil {
			if other == nil {
				other = &group{Heading: "Other entries (not a practice of this edition)"}
			}
			g = other
		}
		g.Entries = append(g.Entries, e)
		if e.Decision.Valid() {
			g.Decisions[e.Decision]++
		}
		if e.Status.Valid() {
			g.Statuses[e.Status]++
		}
	}
	if other != nil {
		out = append(out, other)
	}
	return out
}

func practiceHeading(p practice.Practice, e requirement.Edition) string {
	h := p.Prefix() + ": " + p.Name()
	if c, ok := p.Clause(e); ok {
		h += " (clause " + c + ")"
	}
	return h
}

func approval(s *Statement) string {
	switch {
	case s.Approver == "" && s.Approved.IsZero():
		return "not approved"
	case s.Approved.IsZero():
		return s.Approver + " (approval date missing)"
	case s.Approver == "":
		return "approver missing (" + s.Approved.String() + ")"
	}
	return s.Approver + ", " + s.Approved.String()
}

func contextText(s *Statement) string {
	var parts []string
	if s.Category != 0 {
		parts = append(parts, "category "+s.Category.String())
	}
	if s.Profile != 0 {
		parts = append(parts, "profile "+s.Profile.String())
	}
	if len(parts) == 0 {
		return "not recorded"
	}
	return strings.Join(parts, ", ")
}

func decisionText(e Entry) string {
	t := enumText(e.Decision)
	if e.Decision == Inherited && e.InheritedFrom != "" {
		t += " from " + e.InheritedFrom
	}
	if e.Assessed.Valid() && e.Assessed != e.Decision {
		t += " (assessed: " + e.Assessed.String() + ")"
	}
	return t
}

func maturityText(e Entry) string {
	if e.TargetMaturity == 0 && e.AchievedMaturity == 0 {
		return ""
	}
	return orDash(enumText(e.TargetMaturity)) + " / " + orDash(enumText(e.AchievedMaturity))
}

func flagsText(e Entry) string { return joinFlags(e.Flags, ", ") }

func joinFlags(flags []Flag, sep string) string {
	fs := make([]string, len(flags))
	for i, f := range flags {
		fs[i] = string(f)
	}
	return strings.Join(fs, sep)
}

func shortDigest(d string) string {
	if len(d) > 12 {
		return d[:12]
	}
	return d
}

func evidenceLabel(ev EvidenceRef) string {
	if ev.Description != "" {
		return ev.Description
	}
	if b := path.Base(ev.URI); b != "." && b != "/" && b != "" {
		return b
	}
	return ev.URI
}

// mdEscaper makes user text safe in a Markdown table cell: no table breaks,
// no inline HTML, no emphasis or links of its own.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "*", `\*`, "_", `\_`,
	"`", "\\`", "[", `\[`, "]", `\]`, "#", `\#`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

func md(s string) string { return mdEscaper.Replace(s) }

// linkable reports whether an evidence URI may become a Markdown link: an
// http or https URL with a host, or a relative reference (no scheme), with
// nothing that would end the link destination or the table cell. Anything
// else (javascript:, data:, file: and other schemes) is shown as code.
func linkable(uri string) bool {
	if uri == "" || strings.ContainsAny(uri, "<>|\\ \t\r\n") {
		return false
	}
	u, err := url.Parse(uri)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		// Markdown decodes character references in a link destination:
		// "&#x6A;avascript&#x3A;..." parses as a relative path here but
		// would reach the browser as javascript:.
		return !strings.Contains(uri, "&")
	case "http", "https":
		return u.Host != ""
	}
	return false
}

// mdCode writes s as a Markdown code span inside a table cell: the fence is
// longer than any run of backticks in s, line breaks become spaces and pipes
// are escaped (GitHub Flavored Markdown splits cells before it reads code
// spans). Text in a code span is never a link, emphasis or HTML.
func mdCode(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", `\|`).Replace(s)
	run, longest := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || s == "" {
		s = " " + s + " "
	}
	return fence + s + fence
}

// RenderMarkdown writes s as Markdown in the layout of an Annex E template:
// the document header, a caveat on provisional content, a summary table per
// practice, the open gaps of opts (each with the basis of its rule), then
// one table per practice with the columns ID, title, decision,
// justification, risks, status, evidence, owner and maturity (target /
// achieved). Provisional content is marked "(provisional)" where it is read:
// requirements new in the A11 draft (by the title), the Annex B
// classification and justifications from the SDK's own modelling
// ([FlagProvisional]), for either edition. All user text is escaped.
// Evidence becomes a link only for http and https URLs and relative
// references; any other URI (such as javascript:) is shown as code text. The
// output is deterministic. A nil writer or statement is an error wrapping
// problem.ErrNilInput.
func RenderMarkdown(w io.Writer, s *Statement, opts *RenderOptions) error {
	if w == nil || s == nil {
		return fmt.Errorf("soa: render Markdown: nil writer or statement: %w", problem.ErrNilInput)
	}
	prov := provisionalOf(s, opts)
	const mark = " *(provisional)*"
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("# Statement of applicability: %s %s\n\n", md(s.Product.Name), md(s.Product.Version))
	p("| Field | Value |\n|---|---|\n")
	p("| Product | %s %s |\n", md(s.Product.Name), md(s.Product.Version))
	p("| Manufacturer | %s |\n", md(s.Product.Manufacturer))
	p("| Standard | %s, catalog %s |\n", md(s.Edition.Title()), md(s.CatalogVersion))
	ctx := md(contextText(s))
	if prov.classification {
		ctx += mark
	}
	p("| Product security context (Annex B) | %s |\n", ctx)
	p("| Author | %s |\n", md(s.Author))
	p("| Approval | %s |\n", md(approval(s)))
	p("| Issued | %s |\n", md(s.Issued.String()))
	if !s.NextReview.IsZero() {
		p("| Next review | %s |\n", md(s.NextReview.String()))
	}
	p("| Schema version | %s |\n\n", md(s.SchemaVersion))
	if c := prov.caveat(); c != "" {
		p("> **Provisional content:** %s\n\n", md(c))
	}
	gs := groups(s)
	p("## Summary\n\n")
	p("| Practice | Requirements | Applicable | Tailored | Inherited | Not applicable | Planned | In progress | Implemented | Verified |\n")
	p("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, g := range gs {
		p("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n", md(g.Heading), len(g.Entries),
			g.Decisions[Applicable], g.Decisions[Tailored], g.Decisions[Inherited], g.Decisions[NotApplicable],
			g.Statuses[StatusPlanned], g.Statuses[StatusInProgress], g.Statuses[StatusImplemented], g.Statuses[StatusVerified])
	}
	p("\n")
	if fs := opts.findings(); len(fs) > 0 {
		p("## Open gaps\n\n")
		for _, f := range fs {
			id := ""
			if f.Requirement != "" {
				id = " " + md(string(f.Requirement))
			}
			basis := ""
			if t := basisText(f.Basis); t != "" {
				basis = " *(" + t + " rule)*"
			}
			p("- **%s** `%s`%s%s: %s\n", md(f.Severity.String()), strings.ReplaceAll(string(f.Rule), "`", ""), id, basis, md(f.Message))
		}
		p("\n")
	}
	for _, g := range gs {
		if len(g.Entries) == 0 {
			continue
		}
		p("## %s\n\n", md(g.Heading))
		p("| ID | Title | Decision | Justification | Risks | Status | Evidence | Owner | Maturity (target / achieved) |\n")
		p("|---|---|---|---|---|---|---|---|---|\n")
		for _, e := range g.Entries {
			title := md(e.Title)
			if prov.requirement(e) {
				title += mark
			}
			dec := md(decisionText(e))
			if len(e.Flags) > 0 {
				dec += "<br>flags: " + md(flagsText(e))
			}
			just := md(e.Justification)
			if prov.rationale(e) {
				just = strings.TrimPrefix(mark, " ") + " " + just
			}
			ev := make([]string, len(e.Evidence))
			for i, x := range e.Evidence {
				label := md(evidenceLabel(x))
				if linkable(x.URI) {
					ev[i] = "[" + label + "](<" + x.URI + ">)"
				} else {
					ev[i] = label + " " + mdCode(x.URI)
				}
				ev[i] += " sha256:" + md(shortDigest(x.SHA256)) + "… " + md(x.Date.String())
			}
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", md(string(e.Requirement)), title, dec,
				just, md(strings.Join(e.Risks, ", ")), md(enumText(e.Status)), strings.Join(ev, "<br>"),
				md(e.Owner), md(maturityText(e)))
		}
		p("\n")
	}
	return b.Flush()
}

// csvHeader is the header row [RenderCSV] writes.
var csvHeader = []string{"practice", "requirement", "title", "decision", "basis", "assessed", "justification",
	"inherited_from", "risks", "status", "evidence", "owner", "target_maturity", "achieved_maturity", "flags", "origin",
	"provisional"}

// CSVHeader returns the header row [RenderCSV] writes, in a fresh slice.
func CSVHeader() []string { return slices.Clone(csvHeader) }

// csvSafe defuses spreadsheet formulas: a cell starting with =, +, -, @, a
// tab or a carriage return gets a leading apostrophe.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// RenderCSV writes s as CSV (RFC 4180) for spreadsheets: one table, not
// one per practice as in the Markdown and HTML forms. It has the header row
// [CSVHeader], then one row per entry grouped by practice in the edition's
// practice order, in the statement's order within a practice; the first
// column, practice, names the Annex E table the row belongs to. Lists are
// joined with "; " (risks, flags, provisional) or a line break (evidence, as
// "URI sha256 date"). The last column, provisional, says what in the row
// rests on the A11 draft or the SDK's modelling of it: "requirement" (new in
// the A11 draft, by opts.Catalog) and "rationale" ([FlagProvisional]); a CSV
// has no room for the caveat the other forms show, and its rows carry no
// Annex B classification. opts.Findings is not written. Cells that a
// spreadsheet would run as a formula get a leading apostrophe. The output is
// deterministic. A nil writer or statement is an error wrapping
// problem.ErrNilInput.
func RenderCSV(w io.Writer, s *Statement, opts *RenderOptions) error {
	if w == nil || s == nil {
		return fmt.Errorf("soa: render CSV: nil writer or statement: %w", problem.ErrNilInput)
	}
	prov := provisionalOf(s, opts)
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, g := range groups(s) {
		for _, e := range g.Entries {
			ev := make([]string, len(e.Evidence))
			for i, x := range e.Evidence {
				ev[i] = x.URI + " " + x.SHA256 + " " + x.Date.String()
			}
			origin := ""
			if !e.Origin.IsZero() {
				origin = e.Origin.Edition.String() + " " + string(e.Origin.Requirement)
			}
			row := []string{g.Practice.Prefix(), string(e.Requirement), e.Title, enumText(e.Decision), enumText(e.Basis),
				enumText(e.Assessed), e.Justification, e.InheritedFrom, strings.Join(e.Risks, "; "), enumText(e.Status),
				strings.Join(ev, "\n"), e.Owner, enumText(e.TargetMaturity), enumText(e.AchievedMaturity),
				joinFlags(e.Flags, "; "), origin, strings.Join(prov.parts(e), "; ")}
			for i := range row {
				row[i] = csvSafe(row[i])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
