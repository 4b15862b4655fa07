package iec62443_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// renderers are the three renderers of a report, with one signature.
var renderers = map[string]func(*bytes.Buffer, *iec62443.Report, *iec62443.RenderOptions) error{
	"markdown": func(b *bytes.Buffer, r *iec62443.Report, o *iec62443.RenderOptions) error {
		return iec62443.RenderMarkdown(b, r, o)
	},
	"html": func(b *bytes.Buffer, r *iec62443.Report, o *iec62443.RenderOptions) error {
		return iec62443.RenderHTML(b, r, o)
	},
	"json": func(b *bytes.Buffer, r *iec62443.Report, o *iec62443.RenderOptions) error {
		return iec62443.RenderJSON(b, r, o)
	},
}

// TestControlCharactersNeverRaw: a NUL, an escape sequence or a C1 control
// in text from the dossier (product and manufacturer names, an advisory ID
// quoted in a finding) reaches no human-readable output raw.
func TestControlCharactersNeverRaw(t *testing.T) {
	d := loadExample(t)
	d.Product.Name = "PLC\x00\x1b[2J\x07\u009b"
	d.Manufacturer.Name = "Acme\x7f\x0b"
	d.Advisories = append(d.Advisories, iec62443.Advisory{ID: "ADV\x00-1", Published: "2026-01-01", Format: "text"})
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	for name, want := range map[string]string{
		"markdown": "PLC\uFFFD\uFFFD\\[2J\uFFFD\uFFFD", // and Markdown-escaped
		"html":     "PLC\uFFFD\uFFFD[2J\uFFFD\uFFFD",
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, renderers[name](&buf, rep, nil))
			out := buf.String()
			for i, r := range out {
				if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
					t.Fatalf("control character %U at byte %d: %q", r, i, out[max(0, i-20):min(len(out), i+20)])
				}
			}
			assert.Contains(t, out, want, "replaced, so a reader sees something was there")
			assert.Contains(t, out, "ADV\uFFFD-1")
		})
	}
	var buf bytes.Buffer
	require.NoError(t, iec62443.RenderJSON(&buf, rep, nil))
	assert.Contains(t, buf.String(), `PLC\u0000\u001b[2J\u0007`, "JSON escapes them and keeps the data")
}

// manySBOM returns the example SBOM with n more components, each with gaps
// (no hash, no licence, no dependencies entry).
func manySBOM(t testing.TB, n int) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(exampleDir, "sbom.cdx.json"))
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	comps := doc["components"].([]any)
	for i := range n {
		ref := fmt.Sprintf("pkg:generic/acme/lib%06d@1.0.%d", i, i)
		comps = append(comps, map[string]any{
			"bom-ref": ref, "type": "library", "name": fmt.Sprintf("lib%06d", i), "version": fmt.Sprintf("1.0.%d", i),
			"purl": ref,
		})
	}
	doc["components"] = comps
	out, err := json.Marshal(doc)
	require.NoError(t, err)
	return out
}

func assessWithSBOM(t testing.TB, n int, opts *iec62443.Options) *iec62443.Report {
	t.Helper()
	d := loadExample(t)
	d.SBOM = iec62443.SBOMRef{Format: "cyclonedx-json", Data: manySBOM(t, n)}
	rep, err := iec62443.Assess(ctx, d, exampleNow, opts)
	require.NoError(t, err)
	return rep
}

// countsByRule counts listed and omitted findings per rule.
func countsByRule(rep *iec62443.Report) map[requirement.RuleID]int {
	out := map[requirement.RuleID]int{}
	for _, g := range rep.Findings {
		for _, f := range g.Findings {
			out[f.Rule]++
		}
		for _, o := range g.Omitted {
			out[o.Rule] += o.Count
		}
	}
	return out
}

// TestFindingsCappedPerRule: a report lists at most MaxFindingsPerRule
// findings of one rule per group and counts the others, so that its size
// does not grow with the number of components; the counts, the verdict and
// the next actions still see every finding.
func TestFindingsCappedPerRule(t *testing.T) {
	const n = 400
	all := assessWithSBOM(t, n, &iec62443.Options{MaxFindingsPerRule: -1})
	capped := assessWithSBOM(t, n, &iec62443.Options{MaxFindingsPerRule: 5})

	for _, g := range capped.Findings {
		per := map[requirement.RuleID]int{}
		for _, f := range g.Findings {
			per[f.Rule]++
		}
		for r, k := range per {
			assert.LessOrEqual(t, k, 5, "%s/%s: %s", g.Source, g.Document, r)
		}
	}
	assert.Equal(t, countsByRule(all), countsByRule(capped), "every finding is listed or counted")
	for _, s := range requirement.Severities() {
		assert.Equal(t, all.Count(s), capped.Count(s), "Count(%s) sees omitted findings", s)
	}
	assert.Equal(t, all.Verdict, capped.Verdict)
	assert.Equal(t, all.NextActions, capped.NextActions)
	var omitted int
	for _, g := range capped.Findings {
		for _, o := range g.Omitted {
			assert.Positive(t, o.Count)
			omitted += o.Count
		}
	}
	assert.Greater(t, omitted, n, "the component gaps are counted, not listed")

	// The JSON validates (omitted counts included) and its size does not
	// grow with the number of components.
	var small, big bytes.Buffer
	require.NoError(t, iec62443.RenderJSON(&small, assessWithSBOM(t, 50, nil), nil))
	require.NoError(t, iec62443.RenderJSON(&big, assessWithSBOM(t, 2000, nil), nil))
	s := schema.MustCompile(iec62443.ReportSchemaID, iec62443.ReportSchema())
	tree, errs := docjson.Parse(big.Bytes(), docjson.Limits{})
	require.Nil(t, errs)
	assert.Empty(t, s.Validate(tree))
	assert.Less(t, big.Len(), small.Len()+small.Len()/10, "2,000 components: %d bytes, 50: %d bytes", big.Len(), small.Len())

	var md bytes.Buffer
	require.NoError(t, iec62443.RenderMarkdown(&md, capped, nil))
	assert.Contains(t, md.String(), "more finding(s) of this rule, not listed (raise Options.MaxFindingsPerRule to list them)")
}

// TestRenderOptionsCap: the renderers can list fewer findings than the
// report holds, for a short summary, and count the rest.
func TestRenderOptionsCap(t *testing.T) {
	rep := assessWithSBOM(t, 100, nil)
	var buf bytes.Buffer
	require.NoError(t, iec62443.RenderJSON(&buf, rep, &iec62443.RenderOptions{MaxFindingsPerRule: 1}))
	var short iec62443.Report
	require.NoError(t, json.Unmarshal(buf.Bytes(), &short))
	for _, g := range short.Findings {
		per := map[requirement.RuleID]int{}
		for _, f := range g.Findings {
			per[f.Rule]++
			assert.LessOrEqual(t, per[f.Rule], 1, "%s", f.Rule)
		}
	}
	assert.Equal(t, countsByRule(rep), countsByRule(&short), "every finding is still counted")
	assert.Less(t, len(short.AllFindings()), len(rep.AllFindings()))
	before, _ := json.Marshal(rep)
	var again bytes.Buffer
	require.NoError(t, iec62443.RenderJSON(&again, rep, nil))
	after, _ := json.Marshal(rep)
	assert.Equal(t, before, after, "the report is not modified")

	for name, render := range renderers {
		var b bytes.Buffer
		require.NoError(t, render(&b, rep, &iec62443.RenderOptions{MaxFindingsPerRule: 1}), name)
	}
}

// TestRenderNil: every renderer refuses a nil report or writer with
// ErrNilInput, and renders a zero report without panicking.
func TestRenderNil(t *testing.T) {
	for name, render := range renderers {
		require.ErrorIs(t, render(&bytes.Buffer{}, nil, nil), problem.ErrNilInput, name)
		assert.NotPanics(t, func() { _ = render(&bytes.Buffer{}, &iec62443.Report{}, nil) }, name)
	}
	require.ErrorIs(t, iec62443.RenderMarkdown(nil, &iec62443.Report{}, nil), problem.ErrNilInput)
	require.ErrorIs(t, iec62443.RenderHTML(nil, &iec62443.Report{}, nil), problem.ErrNilInput)
	require.ErrorIs(t, iec62443.RenderJSON(nil, &iec62443.Report{}, nil), problem.ErrNilInput)
}

// TestMarkdownShowsBasisAndSubject: each finding row says whether its rule
// rests on published text or on provisional modelling, and names its entity.
func TestMarkdownShowsBasisAndSubject(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, iec62443.RenderMarkdown(&buf, assessExample(t), nil))
	out := buf.String()
	assert.Contains(t, out, "| Severity | Requirement | Rule | Basis | Location | Message |")
	assert.Contains(t, out, "| published |")
	assert.Contains(t, out, "| provisional |")
	assert.Contains(t, out, "| Listed findings resting on published text |")
	assert.Contains(t, out, "` (CVE-2026-44120) |", "the event a deadline finding concerns")
}
