package soa_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

func TestGolden(t *testing.T) {
	s, fs := plcResolved(t)
	opts := &soa.RenderOptions{Findings: fs}
	cases := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"plc7-a11.soa.json", func(b *bytes.Buffer) error { return soa.Encode(b, s) }},
		{"plc7-a11.md", func(b *bytes.Buffer) error { return soa.RenderMarkdown(b, s, opts) }},
		{"plc7-a11.csv", func(b *bytes.Buffer) error { return soa.RenderCSV(b, s, nil) }},
		{"plc7-a11.html", func(b *bytes.Buffer) error { return soa.RenderHTML(b, s, opts) }},
		{"plc7-2018.soa.json", func(b *bytes.Buffer) error { return soa.Encode(b, plc2018()) }},
		{"plc7-2018-migrated.soa.json", func(b *bytes.Buffer) error {
			got, _, err := migrateFixture()
			if err != nil {
				return err
			}
			return soa.Encode(b, got)
		}},
		{"plc7-2018-migration-report.json", func(b *bytes.Buffer) error {
			_, rep, err := migrateFixture()
			if err != nil {
				return err
			}
			data, err := json.MarshalIndent(rep, "", "  ")
			b.Write(append(data, '\n'))
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, c.render(&b))
			golden(t, c.name, b.Bytes())
			// Rendering twice gives the same bytes.
			var again bytes.Buffer
			require.NoError(t, c.render(&again))
			assert.Equal(t, b.String(), again.String())
		})
	}
}

// migrateFixture migrates the 2018 statement built by plc2018 (the same
// content as testdata/plc7-2018.soa.json).
func migrateFixture() (*soa.Statement, *soa.MigrationReport, error) {
	c18, err := reqpkg.ForEdition(reqpkg.Edition2018)
	if err != nil {
		return nil, nil, err
	}
	return soa.Migrate(plc2018(), c18, reqpkg.Default(), &soa.MigrateOptions{Issued: date("2026-10-01")})
}

func TestConcurrentUse(t *testing.T) {
	s, fs := plcResolved(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			assert.NoError(t, soa.RenderHTML(&b, s, &soa.RenderOptions{Findings: fs}))
			assert.NoError(t, soa.Encode(&b, s))
			_, err := soa.Decode(bytes.NewReader(b.Bytes()[bytes.LastIndex(b.Bytes(), []byte("</html>"))+8:]), nil)
			assert.NoError(t, err)
			_, _, err = migrateFixture()
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
}

func TestRoundTrip(t *testing.T) {
	s, fs := plcResolved(t)
	var b bytes.Buffer
	require.NoError(t, soa.Encode(&b, s))
	got, err := soa.Decode(bytes.NewReader(b.Bytes()), nil)
	require.NoError(t, err)
	assert.Equal(t, s, got, "decode(encode(x)) must equal x")
	fs2, err := soa.Validate(got, reqpkg.Default(), &soa.ValidateOptions{KnownRisks: plcRisks})
	require.NoError(t, err)
	assert.Equal(t, fs, fs2, "the decoded statement must have the same findings as the resolved one")
	var b2 bytes.Buffer
	require.NoError(t, soa.Encode(&b2, got))
	assert.Equal(t, b.String(), b2.String())
}

func TestExampleStatementShape(t *testing.T) {
	s, fs := plcResolved(t)
	cat := reqpkg.Default()
	require.Len(t, s.Entries, cat.Len())
	for i, id := range cat.IDs() {
		assert.Equal(t, id, s.Entries[i].Requirement, "entries follow catalog order")
	}
	byID := map[reqpkg.ID]soa.Entry{}
	for _, e := range s.Entries {
		byID[e.Requirement] = e
	}
	// SM-10: the override contradicts the baseline decision and stays visible.
	sm10 := byID["SM-10"]
	assert.Equal(t, soa.NotApplicable, sm10.Decision)
	assert.Equal(t, soa.Applicable, sm10.Assessed)
	assert.Equal(t, soa.BasisOverride, sm10.Basis)
	assert.Equal(t, []soa.Flag{soa.FlagOverride}, sm10.Flags)
	assert.Zero(t, sm10.Status)
	// SD-7: inherited, against an assessment that excluded it.
	sd7 := byID["SD-7"]
	assert.Equal(t, soa.Inherited, sd7.Decision)
	assert.Equal(t, soa.NotApplicable, sd7.Assessed)
	// Risk-driven entries carry their risks.
	assert.Equal(t, []string{"R-01", "R-04"}, byID["SVV-4"].Risks)
	assert.Equal(t, soa.BasisRisk, byID["SVV-4"].Basis)
	assert.Equal(t, soa.BasisContext, byID["SVV-5"].Basis)
	assert.Equal(t, soa.BasisBaseline, byID["SM-1"].Basis)

	rules := map[reqpkg.RuleID][]reqpkg.ID{}
	for _, f := range fs {
		rules[f.Rule] = append(rules[f.Rule], f.Requirement)
	}
	assert.Equal(t, []reqpkg.ID{"SM-10", "SD-7"}, rules[reqpkg.RuleID("soa.override-contradicts-assessment")])
	assert.Equal(t, []reqpkg.ID{"SM-19", "SRM-6", "SUM-7"}, rules[reqpkg.RuleID("soa.not-started")])
	assert.Contains(t, rules[reqpkg.RuleID("soa.maturity-below-target")], reqpkg.ID("SM-4"))
	assert.Contains(t, rules[reqpkg.RuleID("soa.implemented-without-evidence")], reqpkg.ID("SUM-6"))
	assert.NotContains(t, rules, reqpkg.RuleID("soa.verified-without-evidence"), "SVV-4 has its pentest report")
	assert.NotContains(t, rules, reqpkg.RuleID("soa.not-approved"))
}

func TestRenderEscapesUserText(t *testing.T) {
	s, _ := plcResolved(t)
	evil := `<script>alert("x")</script> | *bold* [link](javascript:alert(1))` + "\nnext line"
	s.Product.Name = evil
	s.Entries[0].Justification = evil
	s.Entries[0].Owner = "=HYPERLINK(\"http://evil\")"
	s.Entries[0].Evidence[0].URI = "javascript:alert(1)"

	var h bytes.Buffer
	require.NoError(t, soa.RenderHTML(&h, s, nil))
	assert.NotContains(t, h.String(), "<script>alert")
	assert.NotContains(t, h.String(), `href="javascript:`)
	assert.Contains(t, h.String(), "&lt;script&gt;")

	var m bytes.Buffer
	require.NoError(t, soa.RenderMarkdown(&m, s, nil))
	assert.NotContains(t, m.String(), "<script>")
	assert.NotContains(t, m.String(), "(<javascript:", "an evidence URI with an unsafe scheme is no link")
	assert.Contains(t, m.String(), "`javascript:alert(1)`")
	for _, line := range strings.Split(m.String(), "\n") {
		if strings.HasPrefix(line, "| SM-1 ") {
			// 9 columns: 10 unescaped pipes.
			assert.Equal(t, 10, strings.Count(line, "|")-strings.Count(line, `\|`), line)
		}
	}

	var c bytes.Buffer
	require.NoError(t, soa.RenderCSV(&c, s, nil))
	rows, err := csv.NewReader(&c).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(s.Entries)+1)
	assert.Equal(t, soa.CSVHeader(), rows[0])
	assert.Equal(t, `'=HYPERLINK("http://evil")`, rows[1][11])
	assert.Equal(t, evil, rows[1][6], "CSV keeps the text itself")
}

// TestHTMLSelfContained checks that the HTML page loads nothing: no image,
// script, frame or style sheet by reference, no CSS import or url(), no
// script at all, and that the summary picture is inline SVG.
func TestHTMLSelfContained(t *testing.T) {
	s, fs := plcResolved(t)
	var b bytes.Buffer
	require.NoError(t, soa.RenderHTML(&b, s, &soa.RenderOptions{Findings: fs}))
	page := strings.ToLower(b.String())
	for _, ref := range []string{"src=", "<link", "@import", "url(", "<script", "<iframe", "<object", "<embed"} {
		assert.NotContains(t, page, ref)
	}
	assert.Contains(t, page, "<svg")
	assert.Contains(t, page, "<style>", "the CSS is inline")
}

// TestRenderMarkdownEvidenceLinks checks which evidence URIs become Markdown
// links (http, https, relative references) and that every other one is shown
// as code text that keeps the table intact.
func TestRenderMarkdownEvidenceLinks(t *testing.T) {
	cases := []struct {
		uri  string
		cell string // the start of the evidence cell of SM-1
	}{
		{"https://docs.example.eu/plc7/manual.pdf", "[manual.pdf](<https://docs.example.eu/plc7/manual.pdf>)"},
		{"HTTP://docs.example.eu/a.pdf?x=1&y=2", "[a.pdf?x=1&amp;y=2](<HTTP://docs.example.eu/a.pdf?x=1&y=2>)"},
		{"reports/pentest-2026.pdf", "[pentest-2026.pdf](<reports/pentest-2026.pdf>)"},
		{"../sdl/manual.pdf#page=4", "[manual.pdf\\#page=4](<../sdl/manual.pdf#page=4>)"},
		{"javascript:alert(1)", "javascript:alert(1) `javascript:alert(1)`"},
		{"JavaScript:alert(document.cookie)", "JavaScript:alert(document.cookie) `JavaScript:alert(document.cookie)`"},
		{"data:text/html,<b>x</b>", "b&gt; `data:text/html,<b>x</b>`"},
		{"file:///etc/passwd", "passwd `file:///etc/passwd`"},
		{"vbscript:msgbox", "vbscript:msgbox `vbscript:msgbox`"},
		{"https:no-host", "https:no-host `https:no-host`"},
		{"&#x6A;avascript&#x3A;alert(1)", "&amp;\\#x6A;avascript&amp;\\#x3A;alert(1) `&#x6A;avascript&#x3A;alert(1)`"},
		{"https://x.example/a|b`c", "a\\|b\\`c ``https://x.example/a\\|b`c``"},
	}
	for _, c := range cases {
		t.Run(c.uri, func(t *testing.T) {
			s, _ := plcResolved(t)
			require.NotEmpty(t, s.Entries[0].Evidence)
			s.Entries[0].Evidence = s.Entries[0].Evidence[:1]
			s.Entries[0].Evidence[0].URI = c.uri
			var m bytes.Buffer
			require.NoError(t, soa.RenderMarkdown(&m, s, nil))
			var row string
			for _, line := range strings.Split(m.String(), "\n") {
				if strings.HasPrefix(line, "| SM-1 ") {
					row = line
				}
			}
			require.NotEmpty(t, row)
			assert.Equal(t, 10, strings.Count(row, "|")-strings.Count(row, `\|`), "9 columns: %s", row)
			cells := strings.Split(strings.ReplaceAll(row, `\|`, "\x00"), " | ")
			require.Len(t, cells, 9, row)
			cell := strings.ReplaceAll(cells[6], "\x00", `\|`)
			assert.True(t, strings.HasPrefix(cell, c.cell+" sha256:"), "evidence cell %q, want it to start with %q", cell, c.cell)
		})
	}
}

// TestRenderCSVLayout pins the CSV layout the package documents: one table
// whose first column is the practice, rows grouped by practice in the
// edition's practice order, and the statement's order within a practice.
func TestRenderCSVLayout(t *testing.T) {
	s, _ := plcResolved(t)
	slices.Reverse(s.Entries) // the grouping must not depend on the entry order
	var c bytes.Buffer
	require.NoError(t, soa.RenderCSV(&c, s, nil))
	rows, err := csv.NewReader(&c).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(s.Entries)+1, "one header, one row per entry: a single table")
	assert.Equal(t, "practice", rows[0][0])
	assert.Equal(t, "requirement", rows[0][1])

	var order []string // practice prefixes in the order of the rows, once each
	within := map[string][]reqpkg.ID{}
	for _, r := range rows[1:] {
		id := reqpkg.ID(r[1])
		assert.Equal(t, id.Practice().Prefix(), r[0], "%s: the practice column", id)
		if len(order) == 0 || order[len(order)-1] != r[0] {
			assert.NotContains(t, order, r[0], "practice %s is split into several groups", r[0])
			order = append(order, r[0])
		}
		within[r[0]] = append(within[r[0]], id)
	}
	var want []string
	for _, p := range practice.ForEdition(s.Edition) {
		want = append(want, p.Prefix())
	}
	assert.Equal(t, want, order, "practices in the edition's order")
	var stmt []reqpkg.ID
	for _, e := range s.Entries {
		if e.Requirement.Practice().Prefix() == "SM" {
			stmt = append(stmt, e.Requirement)
		}
	}
	assert.Equal(t, stmt, within["SM"], "the statement's order within a practice")
}

// TestDocSchemaVersion keeps the package documentation in step with the
// statement format's version.
func TestDocSchemaVersion(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	assert.Contains(t, string(doc), `schema_version "`+soa.SchemaVersion+`"`)
	schema := map[string]any{}
	require.NoError(t, json.Unmarshal(soa.Schema(), &schema))
	props := schema["properties"].(map[string]any)
	assert.Equal(t, map[string]any{"const": soa.SchemaVersion}, props["schema_version"])
}

func TestRenderNil(t *testing.T) {
	var b bytes.Buffer
	s, _ := plcResolved(t)
	assert.ErrorIs(t, soa.RenderHTML(&b, nil, nil), problem.ErrNilInput)
	assert.ErrorIs(t, soa.RenderMarkdown(&b, nil, nil), problem.ErrNilInput)
	assert.ErrorIs(t, soa.RenderCSV(&b, nil, nil), problem.ErrNilInput)
	assert.ErrorIs(t, soa.Encode(&b, nil), problem.ErrNilInput)
	assert.ErrorIs(t, soa.RenderHTML(nil, s, nil), problem.ErrNilInput)
	assert.ErrorIs(t, soa.RenderMarkdown(nil, s, nil), problem.ErrNilInput)
	assert.ErrorIs(t, soa.RenderCSV(nil, s, nil), problem.ErrNilInput)
	assert.ErrorIs(t, soa.Encode(nil, s), problem.ErrNilInput)
	_, err := soa.Decode(nil, nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
}

func TestEncodeRejectsInvalidValues(t *testing.T) {
	s, _ := plcResolved(t)
	s.Entries[3].Decision = 0
	var b bytes.Buffer
	assert.ErrorIs(t, soa.Encode(&b, s), problem.ErrInvalidValue)
}

// TestRenderMarksProvisional: every render marks what rests on the A11 draft
// or on the SDK's own modelling of it, for both editions, and nothing in a
// hand-written 2018 statement.
func TestRenderMarksProvisional(t *testing.T) {
	render := func(t *testing.T, s *soa.Statement, opts *soa.RenderOptions) (md, html string, rows [][]string) {
		t.Helper()
		var m, h, c bytes.Buffer
		require.NoError(t, soa.RenderMarkdown(&m, s, opts))
		require.NoError(t, soa.RenderHTML(&h, s, opts))
		require.NoError(t, soa.RenderCSV(&c, s, opts))
		rows, err := csv.NewReader(&c).ReadAll()
		require.NoError(t, err)
		return m.String(), h.String(), rows
	}
	row := func(t *testing.T, md, id string) string {
		t.Helper()
		for _, line := range strings.Split(md, "\n") {
			if strings.HasPrefix(line, "| "+id+" |") {
				return line
			}
		}
		t.Fatalf("no row %s", id)
		return ""
	}
	provCol := func(t *testing.T, rows [][]string, id string) string {
		t.Helper()
		col := slices.Index(rows[0], "provisional")
		require.GreaterOrEqual(t, col, 0, "the CSV header names the provisional column")
		for _, r := range rows[1:] {
			if r[1] == id {
				return r[col]
			}
		}
		t.Fatalf("no CSV row %s", id)
		return ""
	}

	t.Run("A11", func(t *testing.T) {
		s, fs := plcResolved(t)
		md, html, rows := render(t, s, &soa.RenderOptions{Findings: fs})
		for _, page := range []string{md, html} {
			assert.Contains(t, page, "not cited in the Official Journal of the EU")
			assert.Contains(t, page, "no presumption of conformity")
		}
		assert.Contains(t, md, "| Product security context (Annex B) | category C3, profile SP2 *(provisional)* |")
		assert.Contains(t, html, `category C3, profile SP2 <span class="prov">(provisional)</span>`)
		// SM-14 is new in the A11 draft and its justification is the SDK's.
		sm14 := row(t, md, "SM-14")
		assert.Contains(t, sm14, "| Component inventory *(provisional)* |")
		assert.Contains(t, sm14, "| *(provisional)* SM-14 (Component inventory) applies to every product under the baseline rule for practice SM")
		assert.Equal(t, "requirement; rationale", provCol(t, rows, "SM-14"))
		// SM-1 is carried from 2018; its justification is the SDK's.
		assert.Equal(t, "rationale", provCol(t, rows, "SM-1"))
		assert.NotContains(t, row(t, md, "SM-1"), "Development process *(provisional)*")
		// SM-10 is the manufacturer's own decision and words.
		assert.NotContains(t, row(t, md, "SM-10"), "(provisional)")
		assert.Empty(t, provCol(t, rows, "SM-10"))
		// Every finding says the basis of its rule.
		assert.Contains(t, md, "- **medium** `soa.not-started` SM-19 *(provisional rule)*: ")
		assert.Contains(t, html, `<span class="basis">(provisional rule)</span>`)
	})
	t.Run("2018 resolved by the SDK", func(t *testing.T) {
		s, fs := resolved2018(t)
		md, html, rows := render(t, s, &soa.RenderOptions{Findings: fs, Catalog: mustCatalog(reqpkg.Edition2018)})
		for _, page := range []string{md, html} {
			assert.Contains(t, page, "is not from the 2018 edition but from the SDK")
			assert.Contains(t, page, "own modelling of the A11 draft (not cited in the Official Journal of the EU)")
		}
		assert.Contains(t, md, "| Product security context (Annex B) | category C3 *(provisional)* |")
		assert.Contains(t, row(t, md, "SR-1"), "| *(provisional)* SR-1 (Product security context) applies to every product")
		assert.NotContains(t, row(t, md, "SR-1"), "Product security context *(provisional)* |", "no 2018 requirement is provisional")
		assert.Equal(t, "rationale", provCol(t, rows, "SR-1"))
		// Without a catalog option the default (A11) catalog marks no 2018 requirement.
		md2, _, _ := render(t, s, &soa.RenderOptions{Findings: fs})
		assert.Equal(t, md, md2)
	})
	t.Run("2018 by hand", func(t *testing.T) {
		md, html, rows := render(t, plc2018(), nil)
		assert.NotContains(t, md, "provisional")
		assert.NotContains(t, html, "(provisional)")
		for _, r := range rows[1:] {
			assert.Empty(t, r[len(r)-1], r[1])
		}
	})
}
