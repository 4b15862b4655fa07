package sbom

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

// TestRulesRegistry: the registry lists every rule of every profile once,
// sorted by ID, with a published basis, a valid severity and the A11
// requirement it evidences; Rules returns a fresh copy.
func TestRulesRegistry(t *testing.T) {
	rules := Rules()
	require.NotEmpty(t, rules)
	assert.True(t, slices.IsSortedFunc(rules, func(a, b requirement.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) }))
	cat := requirement.Default()
	byID := map[requirement.RuleID]requirement.Rule{}
	for _, r := range rules {
		_, dup := byID[r.ID]
		assert.False(t, dup, r.ID)
		byID[r.ID] = r
		assert.Equal(t, "sbom", r.Package)
		assert.Equal(t, requirement.BasisPublished, r.Basis, "%s checks published text (TR-03183-2, NTIA, CRA)", r.ID)
		assert.True(t, r.Severity.Valid(), r.ID)
		assert.True(t, strings.HasPrefix(string(r.ID), "sbom."), r.ID)
		assert.NotEmpty(t, r.Description)
		req, ok := r.RequirementIn(requirement.EditionA11)
		assert.True(t, ok && cat.Has(req), "%s: %s", r.ID, req)
		_, ok = r.RequirementIn(requirement.Edition2018)
		assert.False(t, ok, "%s: the SBOM requirements are new in A11", r.ID)
	}
	for _, p := range CheckProfiles() {
		for _, r := range ProfileRules(p) {
			assert.Contains(t, byID, r.ID, "%s of %s", r.ID, p)
		}
	}
	rules[0].Description = "changed"
	assert.NotEqual(t, "changed", Rules()[0].Description, "a fresh copy")
	assert.Equal(t, requirement.SeverityHigh, byID[ruleHashSHA512].Severity)
	assert.Equal(t, requirement.SeverityInfo, byID[ruleSecurityTxt].Severity, "optional in every profile")
	assert.Contains(t, byID[ruleOriginalLicence].Description, "bsi-tr-03183-2-v2.1.0: additional; bsi-tr-03183-2-v2.0.0: optional")
}

// TestFindingsRegistered: every finding the checks produce, over every
// fixture and profile, names a registered rule, carries that rule's basis,
// the edition of the requirement it names, and the bom-ref of the
// component it concerns as Subject.
func TestFindingsRegistered(t *testing.T) {
	byID := map[requirement.RuleID]requirement.Rule{}
	for _, r := range Rules() {
		byID[r.ID] = r
	}
	files, err := filepath.Glob(filepath.Join("testdata", "check", "*.cdx.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	n := 0
	for _, file := range files {
		inv, err := DecodeCycloneDX(context.Background(), openFixture(t, strings.TrimPrefix(file, "testdata/")), EncodingJSON, nil)
		if err != nil {
			continue // fixtures meant to be unreadable
		}
		refs := map[string]string{} // pointer -> bom-ref
		inv.allComponents(func(c *Component) { refs[c.Pointer] = c.Ref })
		for _, p := range CheckProfiles() {
			rep, err := Check(context.Background(), inv, p, &CheckOptions{ReportOptional: true})
			require.NoError(t, err)
			for _, f := range rep.Findings {
				n++
				r, ok := byID[f.Rule]
				if !assert.True(t, ok, "%s: unregistered rule %s", file, f.Rule) {
					continue
				}
				assert.Equal(t, r.Basis, f.Basis, f.Rule)
				assert.True(t, f.Basis.Valid())
				if f.Requirement != "" {
					assert.Equal(t, requirement.EditionA11, f.Edition, f.Rule)
					want, _ := r.RequirementIn(requirement.EditionA11)
					assert.Equal(t, want, f.Requirement)
				}
				assert.False(t, strings.HasPrefix(f.Message, "sbom: "), "no package prefix in a finding: %s", f.Message)
				for ptr, ref := range refs {
					if ref != "" && (f.Pointer == ptr || strings.HasPrefix(f.Pointer, ptr+"/")) && !strings.HasPrefix(f.Pointer[len(ptr):], "/components/") {
						assert.Equal(t, ref, f.Subject, "%s %s %s", file, f.Rule, f.Pointer)
					}
				}
			}
		}
	}
	assert.Greater(t, n, 100)
}

// TestCheckAggregates: each rule lists the first MaxSubjects components with
// a gap as findings and sums up the others in one more finding and in
// Omitted, so that the report does not grow with the SBOM; the counts
// stay complete and agree with the component count, which includes the
// product.
func TestCheckAggregates(t *testing.T) {
	data := genSBOM(t, 3000)
	inv, err := DecodeCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, &DecodeOptions{SkipSchema: true})
	require.NoError(t, err)
	rep, err := Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	assert.Equal(t, len(inv.Components)+1, rep.Components, "the product is counted")
	perRule := map[requirement.RuleID]int{}
	for _, f := range rep.Findings {
		perRule[f.Rule]++
	}
	for _, rr := range rep.Rules {
		gaps := rr.Failed + rr.Unknown
		if rr.Rule.Level == LevelOptional {
			assert.Zero(t, perRule[rr.Rule.ID], rr.Rule.ID)
			continue
		}
		if rr.Rule.Component {
			assert.Equal(t, rep.Components, rr.Checked+countNA(t, inv, rr), "%s: every component checked or not applicable", rr.Rule.ID)
		}
		switch {
		case gaps > DefaultMaxSubjects:
			assert.Equal(t, DefaultMaxSubjects+1, perRule[rr.Rule.ID], rr.Rule.ID)
			assert.Equal(t, gaps-DefaultMaxSubjects, rr.Omitted, rr.Rule.ID)
		default:
			assert.Equal(t, gaps, perRule[rr.Rule.ID], rr.Rule.ID)
			assert.Zero(t, rr.Omitted, rr.Rule.ID)
		}
	}
	// The generator leaves out the SHA-512 of about 2% of 3000 components:
	// the hash rule lists 20 of them and sums up the rest.
	hash := ruleResult(rep, ruleHashSHA512)
	require.Greater(t, hash.Failed, DefaultMaxSubjects)
	fs := findingsOf(rep, ruleHashSHA512)
	var summary []requirement.Finding
	for _, f := range fs {
		if f.Subject == "" {
			summary = append(summary, f)
		}
	}
	require.Len(t, summary, 1)
	assert.Contains(t, summary[0].Message, fmt.Sprintf("and %d more components", hash.Omitted))
	assert.True(t, strings.HasPrefix(summary[0].Pointer, "/components/"), summary[0].Pointer)

	all, err := Check(context.Background(), inv, ProfileTR03183v2_1, &CheckOptions{MaxSubjects: -1})
	require.NoError(t, err)
	assert.Len(t, findingsOf(all, ruleHashSHA512), hash.Failed)
	assert.Zero(t, ruleResult(all, ruleHashSHA512).Omitted)
	five, err := Check(context.Background(), inv, ProfileTR03183v2_1, &CheckOptions{MaxSubjects: 5})
	require.NoError(t, err)
	assert.Len(t, findingsOf(five, ruleHashSHA512), 6)
	assert.Equal(t, rep.Rules[0].Checked, five.Rules[0].Checked, "the counts do not depend on the listing")
	assert.Equal(t, rep.ComponentsWithGaps, all.ComponentsWithGaps)
	assert.InDelta(t, rep.Score, all.Score, 1e-9)
}

// countNA counts the components a component rule does not apply to (a
// licence-syntax rule on a component without licences).
func countNA(t *testing.T, inv *Inventory, rr RuleResult) int {
	t.Helper()
	ck := checker{inv: inv, p: ProfileTR03183v2_1}
	n := 0
	inv.allComponents(func(c *Component) {
		if st, _, _ := ck.componentRule(rr.Rule.kind, c); st == stNA {
			n++
		}
	})
	return n
}

// TestCheckVerdict: the report gives the verdict on the profile and why; a
// rule with nothing to check is not applicable, not "unknown (0)".
func TestCheckVerdict(t *testing.T) {
	rep, err := CheckCycloneDX(context.Background(), openFixture(t, "check/good.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomePass, rep.Outcome)
	assert.Equal(t, []string{"every required and additional rule passed (or had nothing to check)"}, rep.Reasons)

	rep, err = CheckCycloneDX(context.Background(), openFixture(t, "check/sha256-only.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeFail, rep.Outcome)
	assert.Equal(t, []string{"required rule sbom.hash-sha512 failed for 1 of 4 components"}, rep.Reasons)

	rep, err = CheckCycloneDX(context.Background(), openFixture(t, "check/no-source-uri.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeUnknown, rep.Outcome)
	require.Len(t, rep.Reasons, 1)
	assert.Contains(t, rep.Reasons[0], "additional rule sbom.source-uri is unknown for 1 of 4 components (the SBOM must give it if the data exists)")

	// Against the 2018 catalog the SBOM rules name no requirement: SM-14,
	// SM-15 and DM-10 are new in A11.
	rep, err = CheckCycloneDX(context.Background(), openFixture(t, "check/sha256-only.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, &CheckOptions{Edition: requirement.Edition2018})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Findings)
	for _, f := range rep.Findings {
		assert.Empty(t, f.Requirement)
		assert.Zero(t, f.Edition)
	}
	for _, rr := range rep.Rules {
		assert.Empty(t, rr.Rule.Requirement)
	}
	_, err = Check(context.Background(), &Inventory{}, ProfileCRA, &CheckOptions{Edition: 7})
	assert.Error(t, err)
}
