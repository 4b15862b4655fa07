package sbom

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

func TestOfficialSchemasCompile(t *testing.T) {
	for key := range officialSchemas {
		_, err := compiledSchemas[key]()
		assert.NoError(t, err, key)
	}
}

// TestSPDX3IRIPattern: the RE2 pattern substituted for the SPDX 3.0.1
// schema's lookahead accepts exactly what the original accepts.
func TestSPDX3IRIPattern(t *testing.T) {
	s := officialSchemas["spdx-3.0.1"]
	require.Len(t, s.rewrite, 2)
	var pattern string
	_, err := fmt.Sscanf(strings.ReplaceAll(s.rewrite[1], `\\`, `\`), "%q", &pattern)
	require.NoError(t, err)
	re := regexp.MustCompile(pattern)
	// ^(?!_:).+:.+ written out: not starting with "_:", then .+:.+ (no
	// newlines, as "." does not match them).
	orig := func(s string) bool {
		if strings.HasPrefix(s, "_:") {
			return false
		}
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line = s[:i]
		}
		i := strings.LastIndexByte(line, ':')
		return i >= 1 && i < len(line)-1
	}
	for _, s := range []string{"https://x", "urn:a", "_:b", "_:", "_a:b", "a:", ":a", "a:b\nc", "a\n:b", "__:x", "_", "ab", "x:y:z", "_x", "_::a"} {
		assert.Equal(t, orig(s), re.MatchString(s), "%q", s)
	}
}

func findingsOf(rep *Report, rule requirement.RuleID) []requirement.Finding {
	var out []requirement.Finding
	for _, f := range rep.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func ruleResult(rep *Report, rule requirement.RuleID) RuleResult {
	for _, r := range rep.Rules {
		if r.Rule.ID == rule {
			return r
		}
	}
	return RuleResult{}
}

// TestSchemaLicenceChoice: in CycloneDX 1.6, a concluded and a declared
// licence side by side (an expression and a licence object) break the
// official schema; the checker used to call such an SBOM conformant. The
// finding says why and what to do, once per licences array.
func TestSchemaLicenceChoice(t *testing.T) {
	rep, err := CheckCycloneDX(context.Background(), openFixture(t, "check/licence-expressions-1.6-invalid.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeFail, rep.Outcome)
	fs := findingsOf(rep, ruleSchemaValid)
	require.Len(t, fs, 4)
	assert.Equal(t, "/components/0/licenses", fs[0].Pointer)
	assert.Contains(t, fs[0].Message, "CycloneDX 1.6 allows in licenses either licence objects or a single expression")
	assert.Contains(t, fs[0].Message, "need CycloneDX 1.7")
	assert.Equal(t, requirement.SeverityHigh, fs[0].Severity)
	assert.Equal(t, RuleResult{Rule: ruleResult(rep, ruleSchemaValid).Rule, Checked: 1, Failed: 1, Outcome: requirement.OutcomeFail}, ruleResult(rep, ruleSchemaValid))

	// The same document as CycloneDX 1.7 is valid.
	rep, err = CheckCycloneDX(context.Background(), openFixture(t, "check/good.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomePass, ruleResult(rep, ruleSchemaValid).Outcome)
}

// TestSchemaSkip: validation can be turned off; the rule is then not
// applicable and the other rules decide the outcome. An inventory built in
// code has no document to validate.
func TestSchemaSkip(t *testing.T) {
	rep, err := CheckCycloneDX(context.Background(), openFixture(t, "check/licence-expressions-1.6-invalid.cdx.json"), EncodingJSON, ProfileTR03183v2_1, &DecodeOptions{SkipSchema: true}, nil)
	require.NoError(t, err)
	assert.Empty(t, findingsOf(rep, ruleSchemaValid))
	assert.Equal(t, requirement.OutcomeNotApplicable, ruleResult(rep, ruleSchemaValid).Outcome)
	assert.Equal(t, requirement.OutcomePass, rep.Outcome)

	rep, err = Check(context.Background(), &Inventory{Format: FormatCycloneDX, SpecVersion: "1.6"}, ProfileCRA, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeNotApplicable, ruleResult(rep, ruleSchemaValid).Outcome)
}

// TestSchemaEveryProfile: the rule is required in every profile.
func TestSchemaEveryProfile(t *testing.T) {
	for _, p := range CheckProfiles() {
		var found bool
		for _, r := range ProfileRules(p) {
			if r.ID == ruleSchemaValid {
				found = true
				assert.Equal(t, LevelRequired, r.Level, "%s", p)
			}
		}
		assert.True(t, found, "%s has %s", p, ruleSchemaValid)
	}
}

// TestSchemaXML: CycloneDX XML is validated too (through its JSON
// equivalent), located by the pointers the other findings use, and the
// other rules still run.
func TestSchemaXML(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <metadata><timestamp>01.03.2026</timestamp></metadata>
  <components><component type="bogus"><name>zlib</name><version>1.3.1</version></component></components>
</bom>`
	rep, err := CheckCycloneDX(context.Background(), strings.NewReader(doc), EncodingXML, ProfileNTIA, nil, nil)
	require.NoError(t, err)
	var ptrs []string
	for _, f := range findingsOf(rep, ruleSchemaValid) {
		ptrs = append(ptrs, f.Pointer)
		assert.Contains(t, f.Message, "JSON equivalent of the XML document")
	}
	assert.Equal(t, []string{"/components/0/type", "/metadata/timestamp"}, ptrs)
	assert.NotEmpty(t, findingsOf(rep, ruleSBOMTimestamp), "the other rules still run")
}

// TestSchemaProblemsCapped: a document with more violations than
// maxSchemaProblems lists that many and says how many more there are; the
// rule still counts one subject, the document.
func TestSchemaProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[`)
	n := maxSchemaProblems + 20
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"bogus","name":"c%d","version":"1"}`, i)
	}
	b.WriteString(`]}`)
	rep, err := CheckCycloneDX(context.Background(), strings.NewReader(b.String()), EncodingJSON, ProfileCRA, nil, &CheckOptions{MaxSubjects: -1})
	require.NoError(t, err)
	fs := findingsOf(rep, ruleSchemaValid)
	require.Len(t, fs, maxSchemaProblems+1)
	var summary []string
	for _, f := range fs {
		if f.Pointer == "" {
			summary = append(summary, f.Message)
		}
	}
	require.Len(t, summary, 1)
	assert.Contains(t, summary[0], "20 more violations")
	rr := ruleResult(rep, ruleSchemaValid)
	assert.Equal(t, 1, rr.Checked)
	assert.Equal(t, 1, rr.Failed)

	// By default the report lists the first DefaultMaxSubjects findings of
	// the rule and sums up the rest in one more.
	rep, err = CheckCycloneDX(context.Background(), strings.NewReader(b.String()), EncodingJSON, ProfileCRA, nil, nil)
	require.NoError(t, err)
	fs = findingsOf(rep, ruleSchemaValid)
	require.Len(t, fs, DefaultMaxSubjects+1)
	assert.Equal(t, maxSchemaProblems+1-DefaultMaxSubjects, ruleResult(rep, ruleSchemaValid).Omitted)
}

func TestSchemaCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := validateOfficial(ctx, "cyclonedx-1.6", []byte(`{"bomFormat":"CycloneDX","specVersion":"1.6"}`))
	require.ErrorIs(t, err, context.Canceled)

	res, err := validateOfficial(context.Background(), "cyclonedx-1.2", []byte(`{}`))
	require.NoError(t, err)
	assert.Contains(t, res.unavailable, "no official schema")
}

// TestSchemaLicenceChoiceOlderVersions: before 1.6 there is no
// acknowledgement, so the advice is to produce 1.7.
func TestSchemaLicenceChoiceOlderVersions(t *testing.T) {
	doc := `{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{"type":"library","name":"a","version":"1",
	  "licenses":[{"expression":"MIT"},{"expression":"Zlib"}]}]}`
	rep, err := CheckCycloneDX(context.Background(), strings.NewReader(doc), EncodingJSON, ProfileCRA, nil, nil)
	require.NoError(t, err)
	fs := findingsOf(rep, ruleSchemaValid)
	require.Len(t, fs, 1)
	assert.Equal(t, "/components/0/licenses", fs[0].Pointer)
	assert.Contains(t, fs[0].Message, "CycloneDX 1.5 allows in licenses either licence objects or a single expression")
	assert.Contains(t, fs[0].Message, "acknowledgements need 1.6 or newer")
}
