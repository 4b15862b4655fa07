package sbom

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

var issued = time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)

func vexStatements() []Statement {
	return []Statement{
		{Vulnerability: "CVE-2026-10001", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusAffected,
			Responses: []Response{ResponseUpdate}, Action: "Update the gateway firmware to 4.2.1, which ships zlib 1.3.2."},
		{Vulnerability: "CVE-2026-10002", Components: []string{"pkg:generic/openssl@3.0.15", "pkg:generic/openssl@3.0.15#libcrypto"}, Status: StatusNotAffected,
			Justification: JustificationVulnerableCodeNotPresent, Detail: "Fixed upstream in 3.0.14; the product ships 3.0.15."},
		{Vulnerability: "OSV-2026-0003", Components: []string{"pkg:generic/openssl@3.0.15"}, Status: StatusUnderInvestigation},
		{Vulnerability: "CVE-2026-10004", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusNotAffected,
			Impact: "The gateway never inflates data from the network."},
		{Vulnerability: "CVE-2026-10005", Components: []string{"pkg:generic/acme/gateway-fw@4.2.0"}, Status: StatusFixed},
	}
}

var csafInfo = CSAFInfo{
	ID: "ACME-VEX-2026-0001", Title: "ACME gateway firmware 4.2.0: VEX", PublisherName: "ACME PSIRT",
	PublisherNamespace: "https://psirt.acme.example", TLP: "WHITE",
}

func TestWriteCSAFVEX(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	var out bytes.Buffer
	require.NoError(t, WriteCSAFVEX(&out, inv, vexStatements(), csafInfo, issued))
	golden(t, "vex/gateway.csaf.json", out.Bytes())
	// Validated against our schema of the VEX profile, offline.
	require.NoError(t, ValidateCSAFVEX(bytes.NewReader(out.Bytes()), nil))

	// Deterministic.
	var again bytes.Buffer
	require.NoError(t, WriteCSAFVEX(&again, inv, vexStatements(), csafInfo, issued))
	assert.Equal(t, out.String(), again.String())

	// Without a subject, components are the products.
	inv.Subject = nil
	out.Reset()
	require.NoError(t, WriteCSAFVEX(&out, inv, vexStatements()[:2], csafInfo, issued))
	require.NoError(t, ValidateCSAFVEX(bytes.NewReader(out.Bytes()), nil))
	assert.NotContains(t, out.String(), "relationships")
}

func TestValidateCSAFVEX(t *testing.T) {
	base := func() string {
		inv := readFixture(t, "check/good.cdx.json")
		var out bytes.Buffer
		require.NoError(t, WriteCSAFVEX(&out, inv, vexStatements(), csafInfo, issued))
		return out.String()
	}()
	tests := []struct {
		name     string
		edit     func(string) string
		is       error
		pointers []string
	}{
		{"wrong category", func(s string) string { return strings.Replace(s, `"csaf_vex"`, `"csaf_base"`, 1) }, requirement.ErrSchema, []string{"/document/category"}},
		{"no flag for not affected", func(s string) string { return strings.Replace(s, `"flags": [`, `"x_flags": [`, 1) }, requirement.ErrSchema,
			[]string{"/vulnerabilities/1/product_status/known_not_affected/0", "/vulnerabilities/1/product_status/known_not_affected/1"}},
		{"unknown product", func(s string) string {
			return strings.Replace(s, `"fixed": [`+"\n"+`          "CSAFPID-0001"`, `"fixed": [`+"\n"+`          "CSAFPID-0999"`, 1)
		}, requirement.ErrDanglingReference, []string{"/vulnerabilities/4/product_status/fixed/0"}},
		{"no remediation", func(s string) string { return strings.Replace(s, `"remediations": [`, `"x_remediations": [`, 1) }, requirement.ErrSchema,
			[]string{"/vulnerabilities/0/product_status/known_affected/0"}},
		{"no notes", func(s string) string { return strings.Replace(s, `"notes": [`, `"notes_": [`, 1) }, requirement.ErrSchema, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.edit(base)
			require.NotEqual(t, base, doc, "the edit applies")
			err := ValidateCSAFVEX(strings.NewReader(doc), nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.is)
			if tt.pointers != nil {
				var errs requirement.LocatedErrors
				require.ErrorAs(t, err, &errs)
				var ptrs []string
				for _, e := range errs {
					ptrs = append(ptrs, e.Pointer)
				}
				assert.Equal(t, tt.pointers, ptrs)
			}
		})
	}
}

func TestCSAFVEXCrossFieldRules(t *testing.T) {
	// A known_affected product without remediation and a known_not_affected
	// product without flag or threat, written by hand.
	doc := `{
  "document": {"category": "csaf_vex", "csaf_version": "2.0", "publisher": {"category": "vendor", "name": "x", "namespace": "https://x.example"},
    "title": "t", "tracking": {"current_release_date": "2026-01-01T00:00:00Z", "id": "X-1", "initial_release_date": "2026-01-01T00:00:00Z",
    "revision_history": [{"date": "2026-01-01T00:00:00Z", "number": "1", "summary": "s"}], "status": "final", "version": "1"}},
  "product_tree": {"full_product_names": [{"name": "p", "product_id": "P1"}, {"name": "q", "product_id": "P2"}]},
  "vulnerabilities": [{"cve": "CVE-2026-0001", "notes": [{"category": "description", "text": "d"}],
    "product_status": {"known_affected": ["P1"], "known_not_affected": ["P2"]}}]
}`
	err := ValidateCSAFVEX(strings.NewReader(doc), nil)
	require.Error(t, err)
	var errs requirement.LocatedErrors
	require.ErrorAs(t, err, &errs)
	require.Len(t, errs, 2)
	assert.Equal(t, "/vulnerabilities/0/product_status/known_affected/0", errs[0].Pointer)
	assert.Equal(t, "/vulnerabilities/0/product_status/known_not_affected/0", errs[1].Pointer)
}

func TestWriteCycloneDXVEX(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	var out bytes.Buffer
	require.NoError(t, WriteCycloneDXVEX(&out, inv, vexStatements(), issued, &VEXOptions{SerialNumber: "urn:uuid:5f3a1c8e-2b7d-4e9a-8c1f-0d6b3a2e4f71"}))
	golden(t, "vex/gateway.vex.cdx.json", out.Bytes())
	assert.Contains(t, out.String(), `"ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:generic/zlib@1.3.1"`)

	// Without a serial number the components are copied in, and the VEX
	// document reads back as CycloneDX.
	inv.SerialNumber = ""
	out.Reset()
	require.NoError(t, WriteCycloneDXVEX(&out, inv, vexStatements(), issued, nil))
	vex, err := ReadCycloneDX(&out, EncodingJSON, nil)
	require.NoError(t, err)
	assert.Equal(t, 5, vex.Vulnerabilities)
	assert.Len(t, vex.Components, 4)
}

func TestVEXStatementErrors(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	bad := []Statement{
		{Vulnerability: "CVE-1", Components: []string{"nope"}, Status: StatusFixed},
		{Vulnerability: "CVE-2", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusNotAffected},
		{Vulnerability: "CVE-3", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusAffected},
		{Vulnerability: "", Status: 0},
		{Vulnerability: "CVE-4", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusAffected, Responses: []Response{ResponseUpdate, ResponseWillNotFix}},
	}
	var out bytes.Buffer
	err := WriteCSAFVEX(&out, inv, bad, csafInfo, issued)
	require.ErrorIs(t, err, ErrInvalidValue)
	for _, want := range []string{`"nope" is not in the inventory`, "needs a justification", "needs a response", "no vulnerability ID", "no components", "no valid status", "update contradicts"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.ErrorIs(t, WriteCycloneDXVEX(&out, inv, bad, issued, nil), ErrInvalidValue)
	assert.ErrorIs(t, WriteCSAFVEX(&out, inv, vexStatements(), CSAFInfo{}, issued), ErrInvalidValue)
	blue := csafInfo
	blue.TLP = "BLUE"
	assert.ErrorIs(t, WriteCSAFVEX(&out, inv, vexStatements(), blue, issued), ErrInvalidValue)
	assert.Zero(t, out.Len())
}

func TestTriage(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	matches := MatchOSV(inv, []*OSVRecord{readOSVFixture(t, "zlib-semver.json"), readOSVFixture(t, "openssl-fixed.json"), readOSVFixture(t, "openssl-ecosystem.json")})
	stmts := Triage(matches)
	require.Len(t, stmts, 3)
	assert.Equal(t, StatusUnderInvestigation, stmts[0].Status)
	assert.Equal(t, StatusNotAffected, stmts[1].Status)
	assert.Equal(t, []string{"pkg:generic/openssl@3.0.15", "pkg:generic/openssl@3.0.15#libcrypto"}, stmts[1].Components)
	assert.Equal(t, StatusUnderInvestigation, stmts[2].Status, "undetermined is never not affected")
	var out bytes.Buffer
	require.NoError(t, WriteCSAFVEX(&out, inv, stmts, csafInfo, issued))
	require.NoError(t, ValidateCSAFVEX(&out, nil))
}
