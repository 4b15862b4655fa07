package risk

import (
	"bytes"
	"encoding/csv"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// TestPLCEndToEnd drives the realistic example: a PLC with remote
// maintenance access, 18 threats across STRIDE, an accepted risk above the
// criteria (justified and approved), a stale review and one invalid
// verification claim.
func TestPLCEndToEnd(t *testing.T) {
	reg := loadPLC(t)
	require.GreaterOrEqual(t, len(reg.Threats), 15)
	var spread [ElevationOfPrivilege + 1]int
	for _, th := range reg.Threats {
		spread[th.Category]++
	}
	for _, s := range Strides() {
		assert.Positive(t, spread[s], "no %s threat", s)
	}

	e, err := Evaluate(reg, nil, testNow)
	require.NoError(t, err)
	fs := e.Findings
	for _, f := range fs {
		checkFinding(t, requirement.Default(), f)
	}
	want := []requirement.Finding{
		f(ruleVerificationClaim, requirement.SeverityMedium, requirement.SRM5, "/verifications/10/threats/0", `verification "V-11" claims threat "T-17" but its module static-code-analysis cannot verify the mitigation of a threat of category elevation-of-privilege: use a module that tests the running product (e.g. threat-mitigation-testing), or drop the claim (a verification that claims no other threat is removed, not emptied)`),
		f(ruleReviewOverdue, requirement.SeverityHigh, requirement.SRM6, "/reviews", "the last threat model review was on 2025-06-10, more than 1 year(s) before 2026-11-22: review the threat model of the released product"),
		f(ruleReviewStale, requirement.SeverityMedium, requirement.SRM6, "/threats/17/identified", `threat "T-18" was identified on 2026-02-01, after the last review (2025-06-10): hold a new-threat review of the released product`),
	}
	assert.Equal(t, want, fs)

	assert.Equal(t, StateVerified, e.State)
	assert.Equal(t, StateVerified, reg.State)
	// The last review is overdue: no risk is monitored, not even those
	// whose threats and tests all predate it.
	for _, r := range reg.Risks {
		rs, ok := e.RiskState(r.ID)
		require.True(t, ok)
		assert.NotEqual(t, StateMonitored, rs, r.ID)
	}
	require.ErrorIs(t, Advance(reg, StateMonitored, testNow), ErrInvalidTransition)

	// Holding the overdue new-threat review closes the loop.
	reg.Reviews = append(reg.Reviews, Review{Date: requirement.NewDate(2026, 11, 20), Reviewer: "Product security officer", Trigger: TriggerNewThreat})
	require.NoError(t, Advance(reg, StateMonitored, testNow))
	fs, err = Validate(reg, nil, testNow)
	require.NoError(t, err)
	assert.Equal(t, want[:1], fs)

	// Applicability for category C3.
	reg = loadPLC(t)
	a, err := AssessApplicability(reg, nil, annex.Category3, nil)
	require.NoError(t, err)
	d, _ := a.Lookup(requirement.SD7)
	assert.Equal(t, ApplicabilityDecision{Requirement: requirement.SD7, Applies: true, Basis: BasisRiskDriven,
		Risks:   []string{"R-01", "R-04", "R-06", "R-07", "R-11"},
		Context: []string{"category=C3 (applies from C3)"},
		Rationale: "mitigations of risks rated above the acceptance criteria (up to medium) and treated by mitigation realise SD-7: " +
			"R-01 (rated critical), R-04 (rated high), R-06 (rated high), R-07 (rated high), R-11 (rated high); " +
			"mitigations of R-10 (rated medium, within the acceptance criteria) link it too, but a risk within the acceptance criteria, or accepted, avoided or transferred, does not make a requirement apply by itself"}, d)
	b, err := docjson.Marshal(a)
	require.NoError(t, err)
	golden(t, "plc-applicability.golden.json", b)
}

// evaluate evaluates reg as of testNow against the A11 catalog.
func evaluate(t *testing.T, reg *Register) *Evaluation {
	t.Helper()
	e, err := Evaluate(reg, nil, testNow)
	require.NoError(t, err)
	return e
}

func TestRenderCSV(t *testing.T) {
	reg := loadPLC(t)
	var buf bytes.Buffer
	require.NoError(t, RenderCSV(&buf, evaluate(t, reg), nil))
	golden(t, "plc-register.golden.csv", buf.Bytes())
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, CSVHeader(), rows[0])
	assert.Len(t, rows, 1+len(reg.Risks))

	// A threat without a risk still gets a row.
	r := base()
	r.Threats = append(r.Threats, Threat{ID: "T-2", Title: "Flood, with comma", Category: DenialOfService, AttackVector: VectorAdjacent})
	buf.Reset()
	require.NoError(t, RenderCSV(&buf, evaluate(t, r), nil))
	rows, err = csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"", "", "T-2", "Flood, with comma", "denial-of-service", "adjacent"}, rows[2][:6])

	// A register changed after its evaluation is refused, not misread.
	e := evaluate(t, base())
	e.Register.Risks = append(e.Register.Risks, e.Register.Risks[0])
	assert.ErrorIs(t, RenderCSV(&buf, e, nil), problem.ErrInvalidValue)
	assert.ErrorIs(t, RenderCSV(&buf, nil, nil), problem.ErrNilInput)
	assert.ErrorIs(t, RenderCSV(&buf, &Evaluation{Register: base()}, nil), problem.ErrNilInput)
}

func TestRenderMarkdown(t *testing.T) {
	reg := loadPLC(t)
	var buf bytes.Buffer
	require.NoError(t, RenderMarkdown(&buf, evaluate(t, reg), nil))
	golden(t, "plc-summary.golden.md", buf.Bytes())
	assert.NotContains(t, buf.String(), "| monitored |", "the last review is overdue: no risk is monitored")
	assert.Contains(t, buf.String(), "| medium | risk.verification-claim-invalid | provisional | A11 SRM-5 | V-11 |")

	buf.Reset()
	require.NoError(t, RenderMarkdown(&buf, evaluate(t, base()), nil))
	assert.Contains(t, buf.String(), "No findings.")
	buf.Reset()
	require.NoError(t, RenderMarkdown(&buf, evaluate(t, reg), &RenderOptions{OmitFindings: true}))
	assert.NotContains(t, buf.String(), "## Findings")
	assert.ErrorIs(t, RenderMarkdown(&buf, nil, nil), problem.ErrNilInput)
}

func TestImportThreatDragon(t *testing.T) {
	f, err := os.Open("testdata/threatdragon-plc.json")
	require.NoError(t, err)
	defer f.Close()
	reg, rep, err := ImportThreatDragon(f, nil)
	require.NoError(t, err)

	assert.Equal(t, "Acme CX-500 PLC", reg.Product.Name)
	assert.Len(t, reg.Assets, 7, "2 actors, 2 processes, 2 stores, 1 credential asset")
	assert.Len(t, reg.Interfaces, 4)
	assert.Len(t, reg.TrustBoundaries, 2)
	assert.Len(t, reg.Threats, 8, "9 threats, the LINDDUN one unmapped")
	assert.Equal(t, []string{"TB-1"}, reg.Interfaces[0].TrustBoundaries, "remote session crosses the plant boundary box")
	assert.Empty(t, reg.Interfaces[1].TrustBoundaries, "maintenance commands stay inside")

	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, reg))
	golden(t, "threatdragon-plc.golden.json", buf.Bytes())
	rb, err := docjson.Marshal(rep)
	require.NoError(t, err)
	golden(t, "threatdragon-plc.report.golden.json", rb)

	// The imported register decodes again and validates.
	back, err := Decode(&buf, nil)
	require.NoError(t, err)
	assert.Equal(t, reg, back)
	fs, err := Validate(reg, nil, testNow)
	require.NoError(t, err)
	assert.NotEmpty(t, fs)
}

func TestImportThreatDragonErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		kind      error
	}{
		{"not JSON", `{"summary": `, problem.ErrSyntax},
		{"no diagrams", `{"version": "2.2.0", "summary": {"title": "x"}, "detail": {"diagrams": []}}`, problem.ErrSchema},
		{"v1 model", `{"summary": {"title": "x"}, "detail": {"diagrams": [{"title": "d", "diagramJson": {"cells": []}}]}}`, problem.ErrSchema},
		{"wrong type", `{"summary": {"title": 5}, "detail": {"diagrams": []}}`, problem.ErrSchema},
		{"duplicate key", `{"summary": {}, "summary": {}}`, problem.ErrDuplicateKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ImportThreatDragon(bytes.NewReader([]byte(tt.doc)), nil)
			assert.ErrorIs(t, err, tt.kind)
		})
	}
}

// TestRenderCSVFormulaInjection: register text that a spreadsheet would run
// as a formula is written as text.
func TestRenderCSVFormulaInjection(t *testing.T) {
	tests := []struct{ title, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"Spoofed engineer", "Spoofed engineer"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			reg := base()
			reg.Risks[0].Title = tt.title
			reg.Threats = append(reg.Threats, Threat{ID: "T-2", Title: tt.title, Category: DenialOfService})
			var buf bytes.Buffer
			require.NoError(t, RenderCSV(&buf, evaluate(t, reg), nil))
			rows, err := csv.NewReader(&buf).ReadAll()
			require.NoError(t, err)
			require.Len(t, rows, 3)
			assert.Equal(t, tt.want, rows[1][1], "risk title")
			assert.Equal(t, tt.want, rows[2][3], "threat title")
			assert.Equal(t, CSVHeader(), rows[0], "the header is not touched")
		})
	}
}

// TestRenderMarkdownEscapes: register text cannot break a table, open a code
// span or inject HTML.
func TestRenderMarkdownEscapes(t *testing.T) {
	reg := base()
	reg.Risks[0].Title = "a|b `code` <script>x</script>\nnext"
	reg.IntendedUse.Purpose = "<img src=x onerror=alert(1)>"
	var buf bytes.Buffer
	require.NoError(t, RenderMarkdown(&buf, evaluate(t, reg), nil))
	out := buf.String()
	assert.Contains(t, out, "| R-1 a\\|b \\`code\\` &lt;script>x&lt;/script> next |")
	assert.Contains(t, out, "- Purpose: &lt;img src=x onerror=alert(1)>\n")
	assert.NotContains(t, out, "<script>")
	assert.NotContains(t, out, "<img")
	assert.Contains(t, out, "- Assessed as of: 2026-11-22 against catalog "+requirement.Default().Version()+"\n")
}
