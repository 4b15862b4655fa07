package sbom

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

// TestDeployableHashOnDistributionReference: a component that carries the
// SHA-512 of its deployable form where TR-03183-2 v2.1.0 section 8 puts it,
// on externalReferences[type=distribution].hashes, passes
// sbom.hash-sha512; the checker used to read components[].hashes only and
// fail it with "no SHA-512 hash".
func TestDeployableHashOnDistributionReference(t *testing.T) {
	inv := readFixture(t, "check/hash-on-distribution.cdx.json")
	z := inv.Components[0]
	require.Equal(t, "zlib", z.Name)
	require.Len(t, z.Hashes, 1)
	assert.Equal(t, "SHA-512", z.Hashes[0].Algorithm)
	rep, err := Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	assert.Empty(t, findingsOf(rep, ruleHashSHA512))

	// The same hash in both places is listed once.
	doc := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"a","version":"1",
	  "hashes":[{"alg":"SHA-512","content":"` + strings.Repeat("ab", 64) + `"}],
	  "externalReferences":[{"type":"distribution","url":"https://dl.example/a","hashes":[{"alg":"SHA-512","content":"` + strings.Repeat("ab", 64) + `"},{"alg":"SHA-256","content":"` + strings.Repeat("cd", 32) + `"}]}]}]}`
	inv, err = DecodeCycloneDX(context.Background(), strings.NewReader(doc), EncodingJSON, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"SHA-512", "SHA-256"}, []string{inv.Components[0].Hashes[0].Algorithm, inv.Components[0].Hashes[1].Algorithm})
}

// TestCompletenessIndications: aggregate "unknown" states that
// completeness is unknown (the checker used to say the SBOM "does not
// say"), a composition that lists assemblies counts like one that lists
// dependencies, and not_specified states nothing.
func TestCompletenessIndications(t *testing.T) {
	inv := readFixture(t, "check/completeness-unknown.cdx.json")
	assert.Equal(t, CompletenessUnknown, inv.Components[0].DependenciesComplete)
	rep, err := Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomePass, ruleResult(rep, ruleDependencyCompleteness).Outcome)

	inv = readFixture(t, "check/completeness-assemblies.cdx.json")
	assert.Equal(t, CompletenessComplete, inv.Components[0].DependenciesComplete)
	assert.Equal(t, CompletenessComplete, inv.Subject.DependenciesComplete)

	doc := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"bom-ref":"a","type":"library","name":"a","version":"1"}],
	  "dependencies":[{"ref":"a"}],"compositions":[{"aggregate":"not_specified","dependencies":["a"]}]}`
	inv, err = DecodeCycloneDX(context.Background(), strings.NewReader(doc), EncodingJSON, nil)
	require.NoError(t, err)
	assert.Zero(t, inv.Components[0].DependenciesComplete)
	rep, err = Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	fs := findingsOf(rep, ruleDependencyCompleteness)
	require.Len(t, fs, 1)
	assert.Contains(t, fs[0].Message, "does not say whether its dependency list is complete")
	assert.Contains(t, fs[0].Message, "complete, incomplete or unknown")
}

// TestLicenceWithoutAcknowledgement: a licence given without
// acknowledgement is present; the findings say it is not marked, instead
// of "no distribution licence".
func TestLicenceWithoutAcknowledgement(t *testing.T) {
	rep, err := CheckCycloneDX(context.Background(), openFixture(t, "check/licence-no-acknowledgement.cdx.json"), EncodingJSON, ProfileTR03183v2_1, nil, nil)
	require.NoError(t, err)
	fs := findingsOf(rep, ruleDistributionLicence)
	require.Len(t, fs, 1)
	assert.Contains(t, fs[0].Message, "a licence is present but not marked concluded or declared")
	assert.NotContains(t, fs[0].Message, "no distribution licence")
	fs = findingsOf(rep, ruleOriginalLicence)
	require.Len(t, fs, 1)
	assert.Contains(t, fs[0].Message, "present but not marked concluded or declared")

	// v2.0.0's associated licences take any acknowledgement.
	rep, err = CheckCycloneDX(context.Background(), openFixture(t, "check/licence-no-acknowledgement.cdx.json"), EncodingJSON, ProfileTR03183v2_0, nil, nil)
	require.NoError(t, err)
	assert.Empty(t, findingsOf(rep, ruleDistributionLicence))
}

// TestNTIAAuthorMayBeTool: under the NTIA minimum elements an SBOM that
// names only its generating tool has an author of its data (the NTIA
// report lets the author be a third-party analysis tool); the checker used
// to fail every cyclonedx-gomod SBOM on sbom.creator. TR-03183-2 still
// wants a creator with e-mail or URL.
func TestNTIAAuthorMayBeTool(t *testing.T) {
	inv := readFixture(t, "check/tool-only-author.cdx.json")
	assert.Empty(t, inv.Authors)
	assert.Equal(t, []string{"github.com/CycloneDX cyclonedx-gomod v1.10.0"}, inv.tools)
	rep, err := Check(context.Background(), inv, ProfileNTIA, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomePass, ruleResult(rep, ruleSBOMCreator).Outcome)
	rep, err = Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeFail, ruleResult(rep, ruleSBOMCreator).Outcome)

	// No author, manufacturer or tool: NTIA fails.
	inv.tools = nil
	rep, err = Check(context.Background(), inv, ProfileNTIA, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeFail, ruleResult(rep, ruleSBOMCreator).Outcome)

	// SPDX 2: a Tool: creator is the tool, not an author.
	spdx, err := DecodeSPDX(context.Background(), openFixture(t, "spdx/gateway.spdx.json"), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"example-generator-1.0"}, spdx.tools)
}
