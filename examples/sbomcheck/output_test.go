package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gappySBOM is a CycloneDX 1.6 SBOM whose n components give only a name,
// version and bom-ref: about fifteen gaps each against TR-03183-2.
func gappySBOM(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"component":{"bom-ref":"product","type":"firmware","name":"product","version":"1.0.0"}},"components":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"bom-ref":"c%04d","type":"library","name":"c%04d","version":"1.0.0"}`, i, i)
	}
	b.WriteString(`],"dependencies":[{"ref":"product","dependsOn":["c0000"]}]}`)
	return []byte(b.String())
}

// TestOutputBounded: the text lists the verdicts first, then the gaps
// grouped by rule, each rule naming at most -list components and counting
// the rest, so that the output does not grow with the number of gaps (it
// used to print every finding: 211,000 lines for 20,000 components).
func TestOutputBounded(t *testing.T) {
	doc := gappySBOM(500)
	code, out, errOut := runMain(t, doc, "-list", "3", "-")
	require.Equal(t, exitGaps, code, errOut)
	verdicts := strings.Index(out, "\nVerdicts:\n")
	first := strings.Index(out, "\n== ")
	require.Positive(t, verdicts)
	assert.Less(t, verdicts, first, "the profile summaries come first")
	assert.Contains(t, out, "  components   501 (the product and 500 components)\n")
	assert.Contains(t, out, "    required rule sbom.hash-sha512 failed for 501 of 501 components\n")
	assert.Contains(t, out, "  sbom.hash-sha512 (required, high, SM-14): failed for 501 of 501 components, 498 of them not listed\n")
	assert.Contains(t, out, "and 498 more components with a gap in this rule")
	// Per rule: three components and one line for the rest.
	block := out[strings.Index(out, "  sbom.hash-sha512 (required"):]
	block = block[:strings.Index(block[1:], "\n\n")+1]
	assert.Len(t, regexp.MustCompile(`(?m)^    /`).FindAllString(block, -1), 4, block)
	assert.Less(t, strings.Count(out, "\n"), 400, "bounded by the rules, not the components")

	// A required rule with nothing to check is not listed as unknown (0).
	assert.NotContains(t, out, "(0)")
	assert.Regexp(t, `(?m)^sbom\.licence-expression +SM-14 +required +0 +0 +0 +0 +not-applicable$`, out)
}

// TestJSONVerdicts: the JSON gives each profile's verdict and reasons, the
// exit status with its meaning, and counts that agree.
func TestJSONVerdicts(t *testing.T) {
	code, out, errOut := runMain(t, gappySBOM(50), "-json", "-")
	require.Equal(t, exitGaps, code, errOut)
	var doc struct {
		Components int `json:"components"`
		Exit       struct {
			Code    int    `json:"code"`
			Meaning string `json:"meaning"`
		} `json:"exit"`
		Reports []struct {
			Profile    string   `json:"profile"`
			Outcome    string   `json:"outcome"`
			Reasons    []string `json:"reasons"`
			Components int      `json:"components"`
			Rules      []struct {
				Checked int `json:"checked"`
				Rule    struct {
					ID        string `json:"id"`
					Component bool   `json:"component"`
				} `json:"rule"`
			} `json:"rules"`
		} `json:"reports"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, 1, doc.Exit.Code)
	assert.Equal(t, "a required rule failed (bsi-tr-03183-2-v2.1.0)", doc.Exit.Meaning)
	assert.Equal(t, 51, doc.Components)
	require.Len(t, doc.Reports, 2)
	assert.Equal(t, "fail", doc.Reports[0].Outcome)
	assert.Contains(t, doc.Reports[0].Reasons, "required rule sbom.hash-sha512 failed for 51 of 51 components")
	assert.Equal(t, "pass", doc.Reports[1].Outcome)
	for _, rep := range doc.Reports {
		assert.Equal(t, doc.Components, rep.Components)
		for _, r := range rep.Rules {
			if r.Rule.Component && r.Rule.ID == "sbom.component-name" {
				assert.Equal(t, doc.Components, r.Checked, "the header's count is the per-rule count")
			}
		}
	}

	code, out, _ = runMain(t, nil, "-json", "-profile", "cra-annex-i-part-ii-1")
	require.Equal(t, exitOK, code)
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, 0, doc.Exit.Code)
	assert.Equal(t, "every profile passed", doc.Exit.Meaning)
}
