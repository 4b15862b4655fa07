package risk

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sdlkit/iec62443/requirement"
)

// RenderOptions tunes [RenderCSV] and [RenderMarkdown]. A nil
// *RenderOptions means the defaults.
type RenderOptions struct {
	// OmitFindings leaves the findings section out of the Markdown summary,
	// for a report that lists the findings elsewhere. CSV has no findings.
	OmitFindings bool
}

// csvHeader is the header row [RenderCSV] writes.
var csvHeader = []string{
	"risk_id", "risk_title", "threat_ids", "threat_titles", "stride", "attack_vectors", "sources",
	"interfaces", "assets", "likelihood", "impact", "rating", "cvss", "cvss_score", "cvss_severity",
	"treatment", "mitigations", "requirements", "design_elements", "justification", "approver",
	"transferred_to", "verifications", "verification_outcomes", "residual_likelihood",
	"residual_impact", "residual_rating", "state",
}

// CSVHeader returns the columns of [RenderCSV], in a fresh slice.
func CSVHeader() []string { return append([]string(nil), csvHeader...) }

// RenderCSV writes the evaluated register as CSV (RFC 4180, encoding/csv):
// a header ([CSVHeader]), one row per risk in register order, then one row
// per threat that no risk rates (risk columns empty), so that nothing is
// left out. Lists inside a cell are joined with "; ". The state column is
// the workflow state the data supports for the risk as of e.AsOf (the SDK's
// provisional modelling of Annex C). opts may be nil.
//
// Register text is untrusted input for a spreadsheet: a cell that starts
// with "=", "+", "-", "@", a tab or a carriage return is written with a
// leading single quote, so that spreadsheet programs show it as text instead
// of evaluating it as a formula (CSV injection). Strip that quote when
// reading the file back as data.
//
// A nil e, or one not built by [Evaluate], is an error wrapping
// [problem.ErrNilInput].
func RenderCSV(w io.Writer, e *Evaluation, opts *RenderOptions) error {
	_ = opts
	if err := e.usable(w); err != nil {
		return err
	}
	ix, reg := e.ix, e.Register
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for i := range reg.Risks {
		if err := cw.Write(defuse(ix.csvRow(i, e.states[i]))); err != nil {
			return err
		}
	}
	for ti, t := range reg.Threats {
		if len(ix.risksOfThreat.of(ti)) > 0 {
			continue
		}
		row := make([]string, len(csvHeader))
		row[2], row[3], row[4] = t.ID, t.Title, t.Category.String()
		row[5], row[6] = enumText(t.AttackVector), enumText(t.Source)
		row[7], row[8] = join(t.Interfaces), join(t.Assets)
		if err := cw.Write(defuse(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse prefixes with a single quote every cell that a spreadsheet would
// evaluate as a formula, in place, and returns row.
func defuse(row []string) []string {
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}

func join(l []string) string { return strings.Join(l, "; ") }

func enumText(v fmt.Stringer) string {
	type valider interface{ Valid() bool }
	if x, ok := v.(valider); ok && !x.Valid() {
		return ""
	}
	return v.String()
}

// uniq appends s to l unless already present (order of first appearance).
func uniq(l []string, seen map[string]bool, s ...string) []string {
	for _, x := range s {
		if x != "" && !seen[x] {
			seen[x] = true
			l = append(l, x)
		}
	}
	return l
}

func (ix *index) csvRow(i int, st State) []string {
	r := &ix.reg.Risks[i]
	var titles, strides, vectors, sources, ifs, assets, reqs, design, verifs, outcomes []string
	seen := map[string]bool{}
	for _, ti := range ix.riskThreats.of(i) {
		t := &ix.reg.Threats[ti]
		titles = append(titles, t.Title)
		strides = uniq(strides, seen, "s:"+t.Category.String())
		vectors = uniq(vectors, seen, "v:"+enumText(t.AttackVector))
		sources = uniq(sources, seen, "o:"+enumText(t.Source))
		ifs = uniq(ifs, seen, prefix("i:", t.Interfaces)...)
		assets = uniq(assets, seen, prefix("a:", t.Assets)...)
		for _, vi := range ix.verifsOfThreat.of(int(ti)) {
			v := &ix.reg.Verifications[vi]
			if !seen["V:"+v.ID] {
				seen["V:"+v.ID] = true
				verifs = append(verifs, "V:"+v.ID)
				outcomes = append(outcomes, v.ID+"="+outcomeText(v.Outcome))
			}
		}
	}
	for _, mi := range ix.riskMits.of(i) {
		m := &ix.reg.Mitigations[mi]
		for _, q := range m.Requirements {
			reqs = uniq(reqs, seen, "q:"+string(q))
		}
		design = uniq(design, seen, prefix("d:", m.DesignElements)...)
	}
	var score, sev string
	if r.CVSS != "" {
		if c, err := ParseCVSS(r.CVSS); err == nil {
			score, sev = strconv.FormatFloat(c.Score, 'f', 1, 64), c.Severity
		}
	}
	rating := ix.ratingOf(ix.rating[i]).Name
	resRating := ix.ratingOf(ix.residual[i]).Name
	state := st.String()
	return []string{
		r.ID, r.Title, join(r.Threats), join(titles), join(strip(strides)), join(strip(vectors)), join(strip(sources)),
		join(strip(ifs)), join(strip(assets)), r.Likelihood, r.Impact, rating, r.CVSS, score, sev,
		enumText(r.Treatment.Option), join(r.Treatment.Mitigations), join(strip(reqs)), join(strip(design)),
		r.Treatment.Justification, r.Treatment.Approver, r.Treatment.TransferredTo, join(strip(verifs)), join(outcomes),
		r.Residual.Likelihood, r.Residual.Impact, resRating, state,
	}
}

// prefix namespaces values for the shared seen-set of uniq.
func prefix(p string, l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		if s != "" {
			out[i] = p + s
		}
	}
	return out
}

func strip(l []string) []string {
	out := make([]string, 0, len(l))
	for _, s := range l {
		_, v, _ := strings.Cut(s, ":")
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func outcomeText(o requirement.Outcome) string {
	if !o.Valid() {
		return requirement.OutcomeUnknown.String()
	}
	return o.String()
}

// RenderMarkdown writes a summary of the evaluated register that a reviewer
// can read: product and workflow state, intended use, counts, the STRIDE
// spread, the rating matrix with the number of risks per cell, the risks
// with their treatment, verification and state, the accepted risks, the
// reviews, and the findings of e with their basis (unless
// opts.OmitFindings). The workflow states and the last review are those of
// e.AsOf. Register text is escaped so that it cannot break the tables or
// inject markup. opts may be nil.
//
// A nil e, or one not built by [Evaluate], is an error wrapping
// [problem.ErrNilInput].
func RenderMarkdown(w io.Writer, e *Evaluation, opts *RenderOptions) error {
	if err := e.usable(w); err != nil {
		return err
	}
	ix, reg, today := e.ix, e.Register, e.AsOf
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	title := reg.Product.Name
	if reg.Product.Version != "" {
		title += " " + reg.Product.Version
	}
	p("# Security risk register: %s\n\n", md(title))
	if reg.Product.Released {
		p("- Released: yes, %s\n", reg.Product.ReleaseDate)
	} else {
		p("- Released: no\n")
	}
	p("- Workflow state (from the data, provisional modelling of Annex C): **%s**", e.State)
	if reg.State.Valid() {
		p(" (declared: %s)", reg.State)
	}
	p("\n")
	p("- Assessed as of: %s against catalog %s\n", today, md(e.CatalogVersion))
	if ix.lastReview.IsZero() {
		p("- Last review: none\n")
	} else {
		p("- Last review: %s\n", ix.lastReview)
	}
	p("- Acceptance criteria: ratings up to **%s** may be accepted", ix.maxAccept.Name)
	if reg.Acceptance.Description != "" {
		p(" (%s)", md(reg.Acceptance.Description))
	}
	p("\n\n## Intended use\n\n")
	u := reg.IntendedUse
	p("- Purpose: %s\n- Operational environment: %s\n", orMissing(md(u.Purpose)), orMissing(md(u.Environment)))
	list := func(name string, l []string) {
		if len(l) == 0 {
			return
		}
		p("- %s:\n", name)
		for _, s := range l {
			p("  - %s\n", md(s))
		}
	}
	list("Reasonably foreseeable use", u.ForeseeableUse)
	list("Reasonably foreseeable misuse", u.ForeseeableMisuse)
	list("Boundaries", u.Boundaries)
	list("Assumptions", u.Assumptions)

	p("\n## Overview\n\n| Element | Count |\n|---|---:|\n")
	for _, row := range []struct {
		name string
		n    int
	}{{"Assets", len(reg.Assets)}, {"Trust boundaries", len(reg.TrustBoundaries)}, {"Interfaces", len(reg.Interfaces)}, {"Threats", len(reg.Threats)}, {"Risks", len(reg.Risks)}, {"Mitigations", len(reg.Mitigations)}, {"Verifications", len(reg.Verifications)}, {"Reviews", len(reg.Reviews)}} {
		p("| %s | %d |\n", row.name, row.n)
	}
	var spread [ElevationOfPrivilege + 1]int
	for _, t := range reg.Threats {
		spread[t.Category]++
	}
	p("\n### Threats by STRIDE category\n\n| Category | Threats |\n|---|---:|\n")
	for _, s := range Strides() {
		p("| %s (%s) | %d |\n", s, s.Letter(), spread[s])
	}

	m := ix.matrix
	counts := make([][]int, len(m.Likelihood))
	for l := range counts {
		counts[l] = make([]int, len(m.Impact))
	}
	unrated := 0
	for _, r := range reg.Risks {
		l, i := indexOf(m.Likelihood, r.Likelihood), indexOf(m.Impact, r.Impact)
		if l < 0 || i < 0 {
			unrated++
			continue
		}
		counts[l][i]++
	}
	p("\n## Rating matrix (risks per cell, before treatment)\n\n| Likelihood \\ Impact |")
	for _, s := range m.Impact {
		p(" %s |", md(s))
	}
	p("\n|---|")
	for range m.Impact {
		p("---|")
	}
	p("\n")
	for l := len(m.Likelihood) - 1; l >= 0; l-- {
		p("| %s |", md(m.Likelihood[l]))
		for i := range m.Impact {
			if counts[l][i] > 0 {
				p(" %s: **%d** |", md(m.Cells[l][i]), counts[l][i])
			} else {
				p(" %s |", md(m.Cells[l][i]))
			}
		}
		p("\n")
	}
	if unrated > 0 {
		p("\n%d risk(s) not rated.\n", unrated)
	}

	p("\n## Risks\n\n| Risk | Threats | STRIDE | Rating | Treatment | Residual | Verification | State |\n|---|---|---|---|---|---|---|---|\n")
	for i, r := range reg.Risks {
		var letters []string
		seen := map[string]bool{}
		for _, ti := range ix.riskThreats.of(i) {
			letters = uniq(letters, seen, reg.Threats[ti].Category.Letter())
		}
		verif := "n/a"
		if r.Treatment.Option == TreatMitigate {
			if un := ix.unverifiedThreats(i); len(un) > 0 {
				verif = "missing: " + strings.Join(un, ", ")
			} else {
				verif = "passed"
			}
		}
		treat := "undecided"
		if r.Treatment.Option.Valid() {
			treat = r.Treatment.Option.String()
			if len(r.Treatment.Mitigations) > 0 {
				treat += " (" + strings.Join(r.Treatment.Mitigations, ", ") + ")"
			}
		}
		name := r.ID
		if r.Title != "" {
			name += " " + r.Title
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %s |\n", md(name), md(strings.Join(r.Threats, ", ")), strings.Join(letters, ""),
			ix.ratingOf(ix.rating[i]), md(treat), ix.ratingOf(ix.residual[i]), md(verif), e.states[i])
	}

	var accepted []int
	for i, r := range reg.Risks {
		if r.Treatment.Option == TreatAccept {
			accepted = append(accepted, i)
		}
	}
	if len(accepted) > 0 {
		p("\n## Accepted risks\n\n")
		for _, i := range accepted {
			r := &reg.Risks[i]
			above := ""
			rating := ix.ratingOf(ix.rating[i])
			if rating.IsZero() || rating.Rank > ix.maxAccept.Rank {
				above = ", above the acceptance criteria"
			}
			p("- **%s** (rating %s%s): %s Approved by %s", md(r.ID), rating, above, md(orMissing(r.Treatment.Justification)), md(orMissing(r.Treatment.Approver)))
			if !r.Treatment.Approved.IsZero() {
				p(" on %s", r.Treatment.Approved)
			}
			p(".\n")
		}
	}

	p("\n## Reviews\n\n")
	if len(reg.Reviews) == 0 {
		p("No review recorded.\n")
	} else {
		p("| Date | Reviewer | Trigger | Notes |\n|---|---|---|---|\n")
		for _, rv := range reg.Reviews {
			p("| %s | %s | %s | %s |\n", rv.Date, md(rv.Reviewer), rv.Trigger, md(rv.Notes))
		}
	}

	if opts == nil || !opts.OmitFindings {
		p("\n## Findings\n\n")
		if len(e.Findings) == 0 {
			p("No findings.\n")
		} else {
			p("Basis: published text, or the SDK's provisional modelling of the A11 draft.\n\n")
			p("| Severity | Rule | Basis | Requirement | Subject | Location | Message |\n|---|---|---|---|---|---|---|\n")
			for _, f := range e.Findings {
				req := ""
				if f.Requirement != "" {
					req = f.Edition.String() + " " + string(f.Requirement)
				}
				p("| %s | %s | %s | %s | %s | `%s` | %s |\n", f.Severity, f.Rule, f.Basis, req, md(f.Subject), f.Pointer, md(f.Message))
			}
		}
	}
	return b.Flush()
}

func indexOf(l []string, s string) int {
	for i, v := range l {
		if v == s {
			return i
		}
	}
	return -1
}

func orMissing(s string) string {
	if strings.TrimSpace(s) == "" {
		return "_(missing)_"
	}
	return s
}

var mdEscaper = strings.NewReplacer("|", "\\|", "`", "\\`", "<", "&lt;", "\n", " ", "\r", "")

// md makes s safe inside a Markdown table cell or list item: pipes and
// backticks are escaped, "<" becomes an entity (no raw HTML), and line
// breaks become spaces.
func md(s string) string { return mdEscaper.Replace(s) }
