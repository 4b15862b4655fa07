package sbom

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestReadSPDX(t *testing.T) {
	inv, err := DecodeSPDX(context.Background(), openFixture(t, "spdx/gateway.spdx.json"), nil)
	require.NoError(t, err)
	assert.Equal(t, FormatSPDX, inv.Format)
	assert.Equal(t, "SPDX-2.3", inv.SpecVersion)
	assert.Equal(t, []Party{{Name: "ACME GmbH", Email: "psirt@acme.example"}}, inv.Authors)
	require.NotNil(t, inv.Subject)
	assert.Equal(t, "gateway-fw", inv.Subject.Name)
	assert.Equal(t, "firmware", inv.Subject.Type)
	assert.Equal(t, []string{"SPDXRef-Package-zlib", "SPDXRef-Package-openssl"}, inv.Subject.DependsOn)
	require.Len(t, inv.Components, 2)
	z := inv.Components[0]
	assert.Equal(t, "/packages/1", z.Pointer)
	assert.Equal(t, "pkg:generic/zlib@1.3.1", z.PURL)
	assert.Equal(t, "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*", z.CPE)
	assert.Equal(t, "SHA-512", z.Hashes[0].Algorithm)
	assert.Equal(t, []License{{Expression: "Zlib", Acknowledgement: AcknowledgementConcluded}, {Expression: "Zlib", Acknowledgement: AcknowledgementDeclared}}, z.Licenses)
	assert.True(t, z.HasDependencies)
	assert.Equal(t, CompletenessComplete, z.DependenciesComplete)
	assert.Equal(t, CompletenessUnknown, inv.Components[1].DependenciesComplete)

	// TR-03183-2 v2.1.0 does not accept SPDX 2.x; v2.0.0 does.
	rep, err := Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Findings)
	assert.Contains(t, rep.Findings, requirement.Finding{Rule: ruleFormatVersion, Severity: requirement.SeverityHigh, Basis: requirement.BasisPublished,
		Edition: requirement.EditionA11, Requirement: requirement.SM15, Pointer: "/spdxVersion",
		Message: "SPDX-2.3 is not accepted by bsi-tr-03183-2-v2.1.0, which wants SPDX 3.0.1 or newer or CycloneDX 1.6 or newer; produce SPDX 3.0.1"})
	rep, err = Check(context.Background(), inv, ProfileNTIA, nil)
	require.NoError(t, err)
	var got []want
	for _, f := range rep.Findings {
		got = append(got, want{f.Rule, f.Pointer})
	}
	// The product itself has no purl: NTIA wants an identifier.
	assert.Equal(t, []want{{ruleIdentifier, "/packages/0/externalRefs"}}, got)
}

func TestReadSPDXErrors(t *testing.T) {
	// SPDX 3.0.1 JSON-LD is read; this graph has no SpdxDocument element.
	_, err := DecodeSPDX(context.Background(), openFixture(t, "spdx/spdx3.jsonld"), nil)
	require.ErrorIs(t, err, problem.ErrInvalidDocument)
	assert.Contains(t, err.Error(), "SPDX 3.0.1 JSON-LD")

	for _, doc := range []string{`{"spdxVersion": "SPDX-2.1"}`, `{"@context": "https://spdx.org/rdf/3.0.0/spdx-context.jsonld", "@graph": []}`, "SPDXVersion: SPDX-2.1\n"} {
		_, err = DecodeSPDX(context.Background(), strings.NewReader(doc), nil)
		require.ErrorIs(t, err, ErrUnsupportedFormat, doc)
	}
	_, err = DecodeSPDX(context.Background(), openFixture(t, "check/good.cdx.json"), nil)
	require.ErrorIs(t, err, ErrUnsupportedFormat)
	assert.Contains(t, err.Error(), "not an SPDX document but cyclonedx json")

	_, err = DecodeSPDX(context.Background(), strings.NewReader(`{"spdxVersion": `), nil)
	require.ErrorIs(t, err, problem.ErrSyntax)

	_, err = DecodeSPDX(context.Background(), openFixture(t, "spdx/dangling.spdx.json"), nil)
	assert.ErrorIs(t, err, problem.ErrDanglingReference)
	var errs problem.List
	require.ErrorAs(t, err, &errs)
	assert.Equal(t, "/relationships/0/relatedSpdxElement", errs[0].Pointer)
}

// TestReadSPDXCompletenessNotInvented: a DEPENDS_ON relationship says
// nothing about completeness, so the product's completeness stays unset
// and the dependency-completeness rule fails under TR-03183-2 v2.0.0
// (which accepts SPDX 2.3) instead of passing on an invented value.
func TestReadSPDXCompletenessNotInvented(t *testing.T) {
	inv, err := DecodeSPDX(context.Background(), openFixture(t, "spdx/gateway.spdx.json"), nil)
	require.NoError(t, err)
	require.NotNil(t, inv.Subject)
	assert.True(t, inv.Subject.HasDependencies)
	assert.Zero(t, inv.Subject.DependenciesComplete, "the SBOM does not say")

	rep, err := Check(context.Background(), inv, ProfileTR03183v2_0, nil)
	require.NoError(t, err)
	var got []want
	for _, f := range rep.Findings {
		if f.Rule == ruleDependencyCompleteness {
			got = append(got, want{f.Rule, f.Pointer})
		}
	}
	// /packages/2 says NOASSERTION: it states that completeness is
	// unknown, which is an indication (TR-03183-2 asks that completeness
	// be indicated, and unknown is one of the values it maps).
	assert.Equal(t, []want{{ruleDependencyCompleteness, "/packages/0"}}, got)
}
