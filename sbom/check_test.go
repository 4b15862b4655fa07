package sbom

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func openFixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

type want struct {
	rule requirement.RuleID
	ptr  string
}

// TestCheckFixtures: each fixture breaks one rule of TR-03183-2 v2.1.0
// (or, where marked, of another profile); the check must report exactly
// that gap, at that place.
func TestCheckFixtures(t *testing.T) {
	// Fixtures of another profile than ProfileTR03183v2_1.
	profiles := map[string]CheckProfile{"no-supplier.cdx.json": ProfileNTIA}
	tests := []struct {
		file string
		want []want
	}{
		{"good.cdx.json", nil},
		// CycloneDX 1.5 has no component manufacturer (and no licence
		// acknowledgement): the creators' contacts have no carrier.
		{"old-spec.cdx.json", []want{
			{ruleComponentCreator, "/components/0/manufacturer"}, {ruleComponentCreator, "/components/1/components/0/manufacturer"},
			{ruleComponentCreator, "/components/1/manufacturer"}, {ruleComponentCreator, "/metadata/component/manufacturer"},
			{ruleDistributionLicence, "/components/0/licenses"}, {ruleDistributionLicence, "/components/1/components/0/licenses"},
			{ruleDistributionLicence, "/components/1/licenses"}, {ruleDistributionLicence, "/metadata/component/licenses"},
			{ruleOriginalLicence, "/components/0/licenses"}, {ruleOriginalLicence, "/components/1/components/0/licenses"},
			{ruleOriginalLicence, "/components/1/licenses"}, {ruleOriginalLicence, "/metadata/component/licenses"},
			{ruleFormatVersion, "/specVersion"},
		}},
		// Several expressions in licenses need CycloneDX 1.7.
		{"licence-expressions-1.6-invalid.cdx.json", []want{
			{ruleSchemaValid, "/components/0/licenses"}, {ruleSchemaValid, "/components/1/components/0/licenses"},
			{ruleSchemaValid, "/components/1/licenses"}, {ruleSchemaValid, "/metadata/component/licenses"},
		}},
		{"no-creator-contact.cdx.json", []want{{ruleSBOMCreator, "/metadata/authors"}}},
		{"no-timestamp.cdx.json", []want{{ruleSBOMTimestamp, "/metadata/timestamp"}}},
		{"bad-timestamp-invalid.cdx.json", []want{{ruleSchemaValid, "/metadata/timestamp"}, {ruleSBOMTimestamp, "/metadata/timestamp"}}},
		{"no-serial.cdx.json", []want{{ruleSBOMURI, "/serialNumber"}}},
		{"with-vulnerabilities.cdx.json", []want{{ruleNoVulnerabilities, "/vulnerabilities"}}},
		{"no-top-level-deps.cdx.json", []want{{ruleTopLevelDependencies, "/dependencies"}}},
		{"no-component-creator.cdx.json", []want{{ruleComponentCreator, "/components/0/manufacturer"}}},
		{"no-version.cdx.json", []want{{ruleComponentVersion, "/components/0/version"}}},
		{"no-filename.cdx.json", []want{{ruleComponentFilename, "/components/0/properties"}}},
		{"no-deps-entry.cdx.json", []want{{ruleComponentDependencies, "/components/0"}}},
		{"no-completeness.cdx.json", []want{{ruleDependencyCompleteness, "/components/0"}}},
		{"declared-licence-only.cdx.json", []want{{ruleDistributionLicence, "/components/0/licenses"}}},
		{"bad-licence-expression.cdx.json", []want{{ruleLicenceExpression, "/components/0/licenses"}}},
		{"sha256-only.cdx.json", []want{{ruleHashSHA512, "/components/1/components/0/hashes"}}},
		{"no-executable.cdx.json", []want{{ruleExecutable, "/components/1/components/0/properties"}}},
		{"bad-archive-value.cdx.json", []want{{ruleArchive, "/components/0/properties"}}},
		{"no-structured.cdx.json", []want{{ruleStructured, "/components/0/properties"}}},
		{"no-source-uri.cdx.json", []want{{ruleSourceURI, "/components/0/externalReferences"}}},
		{"no-identifier.cdx.json", []want{{ruleIdentifier, "/components/0/purl"}}},
		{"bad-purl.cdx.json", []want{{rulePURLValid, "/components/0/purl"}}},
		{"filename-path.cdx.json", []want{{ruleComponentFilename, "/components/0/properties"}}},
		{"no-name.cdx.json", []want{{ruleComponentName, "/components/0/name"}}},
		{"no-deployable-uri.cdx.json", []want{{ruleDeployableURI, "/components/0/externalReferences"}}},
		{"no-original-licence.cdx.json", []want{{ruleOriginalLicence, "/components/0/licenses"}}},
		{"no-supplier.cdx.json", []want{{ruleComponentSupplier, "/components/0/supplier"}}},
		// TR-03183-2 v2.1.0 section 8 carriers: the deployable component's
		// hash on the distribution reference; completeness stated as
		// unknown, or on assemblies.
		{"hash-on-distribution.cdx.json", nil},
		{"completeness-unknown.cdx.json", nil},
		{"completeness-assemblies.cdx.json", nil},
		{"licence-no-acknowledgement.cdx.json", []want{{ruleDistributionLicence, "/components/0/licenses"}, {ruleOriginalLicence, "/components/0/licenses"}}},
		// The TR wants the SBOM's creator with a contact; a tool is none.
		{"tool-only-author.cdx.json", []want{{ruleSBOMCreator, "/metadata/authors"}}},
	}
	files, err := filepath.Glob("testdata/check/*.cdx.json")
	require.NoError(t, err)
	require.Len(t, files, len(tests), "every fixture has a test case")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, ok := profiles[tt.file]
			if !ok {
				p = ProfileTR03183v2_1
			}
			rep, err := CheckCycloneDX(context.Background(), openFixture(t, "check/"+tt.file), EncodingJSON, p, nil, nil)
			require.NoError(t, err)
			var got []want
			for _, f := range rep.Findings {
				got = append(got, want{f.Rule, f.Pointer})
				assert.NotEmpty(t, f.Message)
				assert.True(t, f.Severity.Valid())
				assert.Contains(t, []requirement.ID{requirement.SM14, requirement.SM15, requirement.DM10}, f.Requirement)
			}
			assert.Equal(t, tt.want, got)
			if tt.want == nil {
				assert.InDelta(t, 100.0, rep.Score, 1e-9)
				assert.Equal(t, requirement.OutcomePass, rep.Outcome)
				assert.Zero(t, rep.ComponentsWithGaps)
			} else {
				assert.Less(t, rep.Score, 100.0)
				assert.NotEqual(t, requirement.OutcomePass, rep.Outcome)
			}
		})
	}
}

func TestCheckProfiles(t *testing.T) {
	tests := []struct {
		profile CheckProfile
		file    string
		want    []want
	}{
		// v2.0.0 accepts CycloneDX 1.5 and any licence acknowledgement.
		{ProfileTR03183v2_0, "old-spec.cdx.json", []want{
			{ruleComponentCreator, "/components/0/manufacturer"}, {ruleComponentCreator, "/components/1/components/0/manufacturer"},
			{ruleComponentCreator, "/components/1/manufacturer"}, {ruleComponentCreator, "/metadata/component/manufacturer"},
		}},
		{ProfileTR03183v2_0, "declared-licence-only.cdx.json", nil},
		// NTIA: an identifier is required, not additional.
		{ProfileNTIA, "no-identifier.cdx.json", []want{{ruleIdentifier, "/components/0/purl"}}},
		{ProfileNTIA, "no-filename.cdx.json", nil},
		{ProfileNTIA, "no-creator-contact.cdx.json", nil},
		// NTIA: the author of the SBOM data may be a tool.
		{ProfileNTIA, "tool-only-author.cdx.json", nil},
		// CRA Annex I Part II (1): top-level dependencies.
		{ProfileCRA, "no-top-level-deps.cdx.json", []want{{ruleTopLevelDependencies, "/dependencies"}}},
		{ProfileCRA, "sha256-only.cdx.json", nil},
	}
	for _, tt := range tests {
		t.Run(tt.profile.String()+"/"+tt.file, func(t *testing.T) {
			rep, err := CheckCycloneDX(context.Background(), openFixture(t, "check/"+tt.file), EncodingJSON, tt.profile, nil, nil)
			require.NoError(t, err)
			var got []want
			for _, f := range rep.Findings {
				got = append(got, want{f.Rule, f.Pointer})
			}
			assert.Equal(t, tt.want, got)
			assert.Len(t, rep.Rules, len(ProfileRules(tt.profile)))
		})
	}
}

func TestCheckCountsAndGaps(t *testing.T) {
	rep, err := CheckCycloneDX(context.Background(), openFixture(t, "check/sha256-only.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, nil)
	require.NoError(t, err)
	var hash RuleResult
	for _, r := range rep.Rules {
		if r.Rule.ID == ruleHashSHA512 {
			hash = r
		}
	}
	assert.Equal(t, RuleResult{Rule: hash.Rule, Checked: 4, Passed: 3, Failed: 1, Outcome: requirement.OutcomeFail}, hash)
	assert.Equal(t, requirement.SM14, hash.Rule.Requirement)
	assert.Equal(t, 1, rep.ComponentsWithGaps)
	assert.Equal(t, 4, rep.Components, "the product and its three components")
	require.Len(t, rep.Findings, 1)
	assert.Equal(t, "pkg:generic/openssl@3.0.15#libcrypto", rep.Findings[0].Subject)
	assert.Equal(t, "/components/1/components/0/hashes", rep.Findings[0].Pointer)

	// Optional fields are counted, and reported only on request.
	rep2, err := CheckCycloneDX(context.Background(), openFixture(t, "check/good.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, &CheckOptions{ReportOptional: true})
	require.NoError(t, err)
	assert.Len(t, rep2.Findings, 8, "effective licence and security.txt for 4 components")
	for _, f := range rep2.Findings {
		assert.Equal(t, requirement.SeverityInfo, f.Severity)
	}
	assert.InDelta(t, 100.0, rep2.Score, 1e-9, "optional rules do not lower the score")
}

func TestCheckInvalidProfile(t *testing.T) {
	_, err := Check(context.Background(), &Inventory{}, CheckProfile(0), nil)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Nil(t, ProfileRules(CheckProfile(99)))
}

func TestRulesMapToCatalog(t *testing.T) {
	cat := requirement.Default()
	for _, p := range CheckProfiles() {
		for _, r := range ProfileRules(p) {
			assert.True(t, cat.Has(r.Requirement), "%s: %s", r.ID, r.Requirement)
			assert.True(t, r.Level.Valid())
			assert.NotEmpty(t, r.Summary)
		}
	}
}

// TestCheckXML: the same BOM as XML gives the same report.
func TestCheckXML(t *testing.T) {
	for _, file := range []string{"good.cdx.json", "sha256-only.cdx.json", "no-filename.cdx.json"} {
		t.Run(file, func(t *testing.T) {
			inv := readFixture(t, "check/"+file)
			var x bytes.Buffer
			require.NoError(t, EncodeCycloneDX(&x, inv, EncodingXML, nil))
			fromXML, err := CheckCycloneDX(context.Background(), &x, EncodingXML, ProfileTR03183v2_1, nil, nil)
			require.NoError(t, err)
			fromJSON, err := Check(context.Background(), inv, ProfileTR03183v2_1, nil)
			require.NoError(t, err)
			assert.Equal(t, fromJSON, fromXML)
		})
	}
}

func TestCheckBuiltInCode(t *testing.T) {
	// An inventory built in code has no format: machine-readability and
	// format version are unknown, never passed.
	inv := &Inventory{Subject: &Component{Name: "p", Version: "1"}}
	rep, err := Check(context.Background(), inv, ProfileCRA, nil)
	require.NoError(t, err)
	outcomes := map[requirement.RuleID]requirement.Outcome{}
	for _, r := range rep.Rules {
		outcomes[r.Rule.ID] = r.Outcome
	}
	assert.Equal(t, requirement.OutcomeUnknown, outcomes[ruleMachineReadable])
	assert.Equal(t, requirement.OutcomeFail, outcomes[ruleTopLevelDependencies])
	assert.Equal(t, requirement.OutcomeFail, rep.Outcome)

	// No component at all: the component rules have nothing to check. They
	// are not applicable (not "unknown (0)"), and the verdict fails on the
	// missing product.
	empty, err := Check(context.Background(), &Inventory{Format: FormatCycloneDX, SpecVersion: "1.6"}, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	for _, r := range empty.Rules {
		if r.Rule.Component {
			assert.Equal(t, requirement.OutcomeNotApplicable, r.Outcome, "no components: %s has nothing to check", r.Rule.ID)
			assert.Zero(t, r.Checked)
		}
	}
	assert.Zero(t, empty.Components)
	assert.Equal(t, requirement.OutcomeFail, empty.Outcome)
	assert.Contains(t, empty.Reasons, "required rule sbom.top-level-dependencies failed")
}
