package soa

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

//go:embed statement.html.tmpl
var htmlTemplateText string

var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("statement").Funcs(template.FuncMap{
		"evidenceLabel": evidenceLabel,
		"shortDigest":   shortDigest,
		"maturity":      maturityText,
		"basis":         basisText,
	}).Parse(htmlTemplateText))
})

type htmlView struct {
	S        *Statement
	Context  string
	Approval string
	Total    int
	Applying int
	Verified int
	Groups   []*group
	Findings []requirement.Finding
	Chart    chart
	// Caveat says what the provisional marks mean ("" when none);
	// ProvisionalContext marks the Annex B classification and
	// ProvisionalRequirement the requirements new in the A11 draft.
	Caveat                 string
	ProvisionalContext     bool
	ProvisionalRequirement map[requirement.ID]bool
}

type chart struct {
	Width, Height int
	DecX, StatX   int
	Rows          []chartRow
	Legend        []legendItem
}

type chartRow struct {
	Label string
	TextY int
	Bars  []bar
	Notes []note
}

type note struct {
	X, Y int
	Text string
}

type bar struct {
	X, Y, W, H int
	Fill       string
	Tip        string
}

type legendItem struct {
	X, Y, TextX, TextY int
	Fill, Label        string
}

var (
	decisionColours = [...]string{Applicable: "#2da44e", NotApplicable: "#afb8c1", Tailored: "#0969da", Inherited: "#8250df"}
	statusColours   = [...]string{StatusPlanned: "#cf222e", StatusInProgress: "#d4a72c", StatusImplemented: "#4ac26b", StatusVerified: "#116329"}
	decisionOrder   = []Disposition{Applicable, Tailored, Inherited, NotApplicable}
)

const (
	chartLabelW = 330
	chartBarW   = 330
	chartGap    = 80
	chartRowH   = 26
	chartBarH   = 16
	chartTop    = 24
)

func buildChart(gs []*group) chart {
	c := chart{Width: chartLabelW + 2*chartBarW + chartGap + 80, DecX: chartLabelW, StatX: chartLabelW + chartBarW + chartGap}
	most := 1
	for _, g := range gs {
		most = max(most, len(g.Entries))
	}
	scale := func(n int) int { return n * chartBarW / most }
	for i, g := range gs {
		y := chartTop + i*chartRowH
		label := g.Heading
		if g.Practice.Valid() {
			label = g.Practice.Prefix() + ": " + g.Practice.Name()
		}
		row := chartRow{Label: clipRunes(label, 52), TextY: y + 12}
		x := c.DecX
		for _, d := range decisionOrder {
			if n := g.Decisions[d]; n > 0 {
				row.Bars = append(row.Bars, bar{X: x, Y: y, W: scale(n), H: chartBarH, Fill: decisionColours[d], Tip: fmt.Sprintf("%s: %d %s", g.Practice.Prefix(), n, d)})
				x += scale(n)
			}
		}
		row.Notes = append(row.Notes, note{X: x + 6, Y: y + 12, Text: fmt.Sprintf("%d/%d apply", g.applying(), len(g.Entries))})
		x = c.StatX
		for _, s := range Statuses() {
			if n := g.Statuses[s]; n > 0 {
				row.Bars = append(row.Bars, bar{X: x, Y: y, W: scale(n), H: chartBarH, Fill: statusColours[s], Tip: fmt.Sprintf("%s: %d %s", g.Practice.Prefix(), n, s)})
				x += scale(n)
			}
		}
		row.Notes = append(row.Notes, note{X: x + 6, Y: y + 12, Text: fmt.Sprintf("%d verified", g.Statuses[StatusVerified])})
		c.Rows = append(c.Rows, row)
	}
	ly := chartTop + len(gs)*chartRowH + 8
	x := c.DecX
	for _, d := range decisionOrder {
		c.Legend = append(c.Legend, legendItem{X: x, Y: ly, TextX: x + 16, TextY: ly + 11, Fill: decisionColours[d], Label: d.String()})
		x += 16 + 7*len(d.String()) + 10
	}
	x = c.StatX
	for _, s := range Statuses() {
		c.Legend = append(c.Legend, legendItem{X: x, Y: ly, TextX: x + 16, TextY: ly + 11, Fill: statusColours[s], Label: s.String()})
		x += 16 + 8*len(s.String()) + 6
	}
	c.Height = ly + 20
	return c
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// RenderHTML writes s as one self-contained HTML page for a person to read:
// inline CSS (with print rules), no scripts and no external assets, a
// per-practice summary picture (inline SVG: decisions, and the status of the
// applicable requirements), a caveat on provisional content, the findings of
// opts (each with the basis of its rule), and one table per practice.
// Provisional content is marked "(provisional)" as in [RenderMarkdown]. It
// uses html/template, so all user text is escaped and evidence URIs with
// unsafe schemes are neutralised. The output is deterministic. A nil writer
// or statement is an error wrapping problem.ErrNilInput.
func RenderHTML(w io.Writer, s *Statement, opts *RenderOptions) error {
	if w == nil || s == nil {
		return fmt.Errorf("soa: render HTML: nil writer or statement: %w", problem.ErrNilInput)
	}
	gs := groups(s)
	prov := provisionalOf(s, opts)
	v := htmlView{S: s, Context: contextText(s), Approval: approval(s), Groups: gs, Findings: opts.findings(), Chart: buildChart(gs),
		Caveat: prov.caveat(), ProvisionalContext: prov.classification, ProvisionalRequirement: map[requirement.ID]bool{}}
	for _, e := range s.Entries {
		if prov.requirement(e) {
			v.ProvisionalRequirement[e.Requirement] = true
		}
		v.Total++
		if e.Applies() {
			v.Applying++
			if e.Status == StatusVerified {
				v.Verified++
			}
		}
	}
	if err := htmlTemplate().Execute(w, v); err != nil {
		return fmt.Errorf("soa: render HTML: %w", err)
	}
	return nil
}
