package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

var issued = time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)

func vexStatements() []VEXStatement {
	return []VEXStatement{
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
	require.NoError(t, EncodeCSAFVEX(&out, inv, vexStatements(), csafInfo, issued))
	golden(t, "vex/gateway.csaf.json", out.Bytes())
	// Valid by the official CSAF 2.0 JSON schema, offline.
	assert.Empty(t, officialCSAFErrors(t, out.Bytes()))

	// Deterministic.
	var again bytes.Buffer
	require.NoError(t, EncodeCSAFVEX(&again, inv, vexStatements(), csafInfo, issued))
	assert.Equal(t, out.String(), again.String())

	// Without a subject, components are the products.
	inv.Subject = nil
	out.Reset()
	require.NoError(t, EncodeCSAFVEX(&out, inv, vexStatements()[:2], csafInfo, issued))
	assert.Empty(t, officialCSAFErrors(t, out.Bytes()))
	assert.NotContains(t, out.String(), "relationships")
}

func TestValidateCSAFVEX(t *testing.T) {
	base := func() string {
		inv := readFixture(t, "check/good.cdx.json")
		var out bytes.Buffer
		require.NoError(t, EncodeCSAFVEX(&out, inv, vexStatements(), csafInfo, issued))
		return out.String()
	}()
	tests := []struct {
		name     string
		edit     func(string) string
		is       error
		pointers []string
	}{
		{"wrong category", func(s string) string { return strings.Replace(s, `"csaf_vex"`, `"csaf_base"`, 1) }, problem.ErrSchema, []string{"/document/category"}},
		{"no flag for not affected", func(s string) string { return strings.Replace(s, `"flags": [`, `"x_flags": [`, 1) }, problem.ErrSchema,
			[]string{"/vulnerabilities/1/product_status/known_not_affected/0", "/vulnerabilities/1/product_status/known_not_affected/1"}},
		{"unknown product", func(s string) string {
			return strings.Replace(s, `"fixed": [`+"\n"+`          "CSAFPID-0001"`, `"fixed": [`+"\n"+`          "CSAFPID-0999"`, 1)
		}, problem.ErrDanglingReference, []string{"/vulnerabilities/4/product_status/fixed/0"}},
		{"no remediation", func(s string) string { return strings.Replace(s, `"remediations": [`, `"x_remediations": [`, 1) }, problem.ErrSchema,
			[]string{"/vulnerabilities/0/product_status/known_affected/0"}},
		{"no notes", func(s string) string { return strings.Replace(s, `"notes": [`, `"notes_": [`, 1) }, problem.ErrSchema, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.edit(base)
			require.NotEqual(t, base, doc, "the edit applies")
			err := ValidateCSAFVEX(strings.NewReader(doc), nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.is)
			if tt.pointers != nil {
				var errs problem.List
				require.ErrorAs(t, err, &errs)
				ptrs := errs.Pointers()
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
	var errs problem.List
	require.ErrorAs(t, err, &errs)
	require.Len(t, errs, 2)
	assert.Equal(t, "/vulnerabilities/0/product_status/known_affected/0", errs[0].Pointer)
	assert.Equal(t, "/vulnerabilities/0/product_status/known_not_affected/0", errs[1].Pointer)
}

func TestWriteCycloneDXVEX(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	var out bytes.Buffer
	require.NoError(t, EncodeCycloneDXVEX(&out, inv, vexStatements(), issued, &VEXOptions{SerialNumber: "urn:uuid:5f3a1c8e-2b7d-4e9a-8c1f-0d6b3a2e4f71"}))
	golden(t, "vex/gateway.vex.cdx.json", out.Bytes())
	assert.Contains(t, out.String(), `"ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:generic/zlib@1.3.1"`)

	// Without a serial number the components are copied in, and the VEX
	// document reads back as CycloneDX.
	inv.SerialNumber = ""
	out.Reset()
	require.NoError(t, EncodeCycloneDXVEX(&out, inv, vexStatements(), issued, nil))
	vex, err := DecodeCycloneDX(context.Background(), &out, EncodingJSON, nil)
	require.NoError(t, err)
	assert.Equal(t, 5, vex.Vulnerabilities)
	assert.Len(t, vex.Components, 4)
}

func TestVEXStatementErrors(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	bad := []VEXStatement{
		{Vulnerability: "CVE-1", Components: []string{"nope"}, Status: StatusFixed},
		{Vulnerability: "CVE-2", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusNotAffected},
		{Vulnerability: "CVE-3", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusAffected},
		{Vulnerability: "", Status: 0},
		{Vulnerability: "CVE-4", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusAffected, Responses: []Response{ResponseUpdate, ResponseWillNotFix}},
	}
	var out bytes.Buffer
	err := EncodeCSAFVEX(&out, inv, bad, csafInfo, issued)
	require.ErrorIs(t, err, problem.ErrInvalidValue)
	for _, want := range []string{`"nope" is not in the inventory`, "needs a justification", "needs a response", "no vulnerability ID", "no components", "no valid status", "update contradicts"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.ErrorIs(t, EncodeCycloneDXVEX(&out, inv, bad, issued, nil), problem.ErrInvalidValue)
	assert.ErrorIs(t, EncodeCSAFVEX(&out, inv, vexStatements(), CSAFInfo{}, issued), problem.ErrInvalidValue)
	blue := csafInfo
	blue.TLP = "BLUE"
	assert.ErrorIs(t, EncodeCSAFVEX(&out, inv, vexStatements(), blue, issued), problem.ErrInvalidValue)
	assert.Zero(t, out.Len())
}

func TestTriage(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	matches := mustMatch(t, inv, []*OSVRecord{readOSVFixture(t, "zlib-semver.json"), readOSVFixture(t, "openssl-fixed.json"), readOSVFixture(t, "openssl-ecosystem.json")}).Matches
	stmts := Triage(matches)
	require.Len(t, stmts, 3)
	assert.Equal(t, StatusUnderInvestigation, stmts[0].Status)
	assert.Equal(t, StatusNotAffected, stmts[1].Status)
	assert.Equal(t, []string{"pkg:generic/openssl@3.0.15", "pkg:generic/openssl@3.0.15#libcrypto"}, stmts[1].Components)
	assert.Equal(t, StatusUnderInvestigation, stmts[2].Status, "undetermined is never not affected")
	var out bytes.Buffer
	require.NoError(t, EncodeCSAFVEX(&out, inv, stmts, csafInfo, issued))
	assert.Empty(t, officialCSAFErrors(t, out.Bytes()))
}

// handCSAF is a small valid CSAF VEX document written by hand (not by
// WriteCSAFVEX), for negative tests of ValidateCSAFVEX.
const handCSAF = `{
  "document": {"category": "csaf_vex", "csaf_version": "2.0",
    "publisher": {"category": "vendor", "name": "x", "namespace": "https://x.example"},
    "title": "t", "tracking": {"current_release_date": "2026-01-01T00:00:00Z", "id": "X-1", "initial_release_date": "2026-01-01T00:00:00Z",
    "revision_history": [{"date": "2026-01-01T00:00:00Z", "number": "1", "summary": "s"}], "status": "final", "version": "1"}},
  "product_tree": {"full_product_names": [
    {"name": "p 1.0", "product_id": "P1", "product_identification_helper": {"purl": "pkg:generic/p@1.0", "cpe": "cpe:2.3:a:x:p:1.0:*:*:*:*:*:*:*",
      "hashes": [{"file_hashes": [{"algorithm": "sha256", "value": "4a6cd6e8b0a87a3c2bda66a1b0a7a4cfc45cf25a3e1f98a7e3fb4a0b4b5e2d11"}], "filename": "p.bin"}]}},
    {"name": "q 2.0", "product_id": "P2"}]},
  "vulnerabilities": [
    {"cve": "CVE-2026-0001", "notes": [{"category": "description", "text": "d"}],
      "product_status": {"known_affected": ["P1"], "known_not_affected": ["P2"]},
      "flags": [{"label": "component_not_present", "product_ids": ["P2"]}],
      "remediations": [{"category": "vendor_fix", "details": "update", "product_ids": ["P1"]}]},
    {"cve": "CVE-2026-0002", "notes": [{"category": "description", "text": "d"}],
      "product_status": {"under_investigation": ["P1", "P2"]}}
  ]
}`

// TestValidateCSAFVEXHandBroken feeds ValidateCSAFVEX documents broken by
// hand. Schema-level breakages are also rejected by the official CSAF 2.0
// schema (so our schema is not looser there); the mandatory tests 6.1.x
// are beyond any JSON schema, and only ValidateCSAFVEX rejects them.
func TestValidateCSAFVEXHandBroken(t *testing.T) {
	require.NoError(t, ValidateCSAFVEX(strings.NewReader(handCSAF), nil))
	require.Empty(t, officialCSAFErrors(t, []byte(handCSAF)))
	tests := []struct {
		name          string
		old, new      string
		is            error
		pointers      []string
		schemaRejects bool // the official schema rejects it too
	}{
		{"bad purl", `"pkg:generic/p@1.0"`, `"generic/p@1.0"`, problem.ErrSchema,
			[]string{"/product_tree/full_product_names/0/product_identification_helper/purl"}, true},
		{"bad cpe", `"cpe:2.3:a:x:p:1.0:*:*:*:*:*:*:*"`, `"cpe:2.3:a:x:p"`, problem.ErrSchema,
			[]string{"/product_tree/full_product_names/0/product_identification_helper/cpe"}, true},
		{"bad hash", `"4a6cd6e8b0a87a3c2bda66a1b0a7a4cfc45cf25a3e1f98a7e3fb4a0b4b5e2d11"`, `"not-hex"`, problem.ErrSchema,
			[]string{"/product_tree/full_product_names/0/product_identification_helper/hashes/0/file_hashes/0/value"}, true},
		{"unknown helper", `"cpe": "cpe:2.3`, `"x_cpe": "cpe:2.3`, problem.ErrSchema,
			[]string{"/product_tree/full_product_names/0/product_identification_helper"}, true},
		{"empty product name", `"name": "q 2.0"`, `"name": ""`, problem.ErrSchema,
			[]string{"/product_tree/full_product_names/1/name"}, true},
		{"no notes", `"notes": [{"category": "description", "text": "d"}],
      "product_status": {"under`, `"product_status": {"under`, problem.ErrSchema,
			[]string{"/vulnerabilities/1"}, false}, // notes are mandatory by the VEX profile, not by the schema
		{"6.1.23 same CVE twice", `"CVE-2026-0002"`, `"CVE-2026-0001"`, problem.ErrDuplicate,
			[]string{"/vulnerabilities/1/cve"}, false},
		{"6.1.6 contradicting status", `"known_not_affected": ["P2"]`, `"known_not_affected": ["P2", "P1"]`, problem.ErrInvalidValue,
			[]string{"/vulnerabilities/0/product_status/known_not_affected/1"}, false},
		{"6.1.2 product defined twice", `{"name": "q 2.0", "product_id": "P2"}`, `{"name": "q 2.0", "product_id": "P2"}, {"name": "r", "product_id": "P1"}`, problem.ErrDuplicate,
			[]string{"/product_tree/full_product_names/2/product_id"}, false},
		{"6.1.1 undefined product in a flag", `"product_ids": ["P2"]`, `"product_ids": ["P2", "P9"]`, problem.ErrDanglingReference,
			[]string{"/vulnerabilities/0/flags/0/product_ids/1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(handCSAF, tt.old, tt.new, 1)
			require.NotEqual(t, handCSAF, doc, "the edit applies")
			err := ValidateCSAFVEX(strings.NewReader(doc), nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.is)
			var errs problem.List
			require.ErrorAs(t, err, &errs)
			ptrs := errs.Pointers()
			assert.Equal(t, tt.pointers, slices.Compact(ptrs))
			official := officialCSAFErrors(t, []byte(doc))
			if tt.schemaRejects {
				assert.NotEmpty(t, official, "the official schema rejects it too")
			} else {
				assert.Empty(t, official, "beyond the JSON schema: %v", official)
			}
		})
	}
}

// csafVulns decodes the vulnerabilities of a CSAF document.
func csafVulns(t *testing.T, data []byte) []csafVuln {
	t.Helper()
	var doc csafDoc
	require.NoError(t, json.Unmarshal(data, &doc))
	return doc.Vulnerabilities
}

// TestWriteCSAFVEXOneEntryPerVulnerability: statements about the same
// vulnerability become one vulnerability entry (CSAF 2.0 mandatory test
// 6.1.23), with each product under one status.
func TestWriteCSAFVEXOneEntryPerVulnerability(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	stmts := []VEXStatement{
		{Vulnerability: "CVE-2026-20001", Components: []string{"pkg:generic/openssl@3.0.15"}, Status: StatusNotAffected, Justification: JustificationVulnerableCodeNotPresent},
		{Vulnerability: "OSV-2026-0009", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusFixed},
		{Vulnerability: "CVE-2026-20001", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusAffected, Responses: []Response{ResponseUpdate}},
		{Vulnerability: "CVE-2026-20001", Components: []string{"pkg:generic/openssl@3.0.15#libcrypto", "pkg:generic/openssl@3.0.15"}, Status: StatusNotAffected, Justification: JustificationVulnerableCodeNotPresent},
		{Vulnerability: "OSV-2026-0009", Components: []string{"pkg:generic/openssl@3.0.15"}, Status: StatusFixed},
	}
	var out bytes.Buffer
	require.NoError(t, EncodeCSAFVEX(&out, inv, stmts, csafInfo, issued))
	assert.Empty(t, officialCSAFErrors(t, out.Bytes()))
	require.NoError(t, ValidateCSAFVEX(bytes.NewReader(out.Bytes()), nil))
	vulns := csafVulns(t, out.Bytes())
	require.Len(t, vulns, 2, "one entry per vulnerability ID, in order of the first statement")
	v := vulns[0]
	assert.Equal(t, "CVE-2026-20001", v.CVE)
	// Product IDs: 0001 the subject; components (0002 ...) and their
	// relationships (0003 ...) in order of first use.
	assert.Equal(t, map[string][]string{"known_not_affected": {"CSAFPID-0003", "CSAFPID-0007"}, "known_affected": {"CSAFPID-0005"}}, v.ProductStatus)
	assert.Equal(t, []csafFlag{{Label: "vulnerable_code_not_present", ProductIDs: []string{"CSAFPID-0003", "CSAFPID-0007"}}}, v.Flags, "one flag per label")
	assert.Len(t, v.Remediations, 1)
	assert.Len(t, v.Notes, 3, "a note per statement")
	assert.Equal(t, []csafID{{SystemName: "OSV", Text: "OSV-2026-0009"}}, vulns[1].IDs)
	assert.Equal(t, map[string][]string{"fixed": {"CSAFPID-0005", "CSAFPID-0003"}}, vulns[1].ProductStatus)
}

// TestWriteCSAFVEXContradictions: a product with two statuses (or two
// justifications) for one vulnerability is refused (CSAF 2.0 mandatory
// test 6.1.6), not written.
func TestWriteCSAFVEXContradictions(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	zlib := []string{"pkg:generic/zlib@1.3.1"}
	tests := []struct {
		name  string
		stmts []VEXStatement
		want  string
	}{
		{"two statuses", []VEXStatement{
			{Vulnerability: "CVE-2026-20002", Components: zlib, Status: StatusNotAffected, Impact: "not reachable"},
			{Vulnerability: "CVE-2026-20002", Components: zlib, Status: StatusUnderInvestigation},
		}, `statements 0 and 1 give component "pkg:generic/zlib@1.3.1" contradicting statuses for CVE-2026-20002 (not_affected, under_investigation)`},
		{"subject and its own ref", []VEXStatement{
			{Vulnerability: "CVE-2026-20003", Components: []string{"pkg:generic/acme/gateway-fw@4.2.0"}, Status: StatusFixed},
			{Vulnerability: "CVE-2026-20003", Components: []string{"pkg:generic/acme/gateway-fw@4.2.0"}, Status: StatusAffected, Action: "update"},
		}, "contradicting statuses"},
		{"two justifications", []VEXStatement{
			{Vulnerability: "CVE-2026-20004", Components: zlib, Status: StatusNotAffected, Justification: JustificationComponentNotPresent},
			{Vulnerability: "CVE-2026-20004", Components: zlib, Status: StatusNotAffected, Justification: JustificationVulnerableCodeNotInExecutePath},
		}, "two justifications"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := EncodeCSAFVEX(&out, inv, tt.stmts, csafInfo, issued)
			require.ErrorIs(t, err, problem.ErrInvalidValue)
			assert.Contains(t, err.Error(), tt.want)
			assert.Zero(t, out.Len())
		})
	}
}

// TestTriageToCSAF: one OSV record affecting two packages gives two
// statements with the same ID (the affected zlib under investigation, the
// openssl outside the range not affected); the CSAF document has one
// vulnerability entry for them. A second record with the same ID that
// disagrees about a component leaves it under investigation only.
func TestTriageToCSAF(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	rec := readOSVFixture(t, "two-packages.json")
	stmts := Triage(mustMatch(t, inv, []*OSVRecord{rec}).Matches)
	require.Len(t, stmts, 2)
	assert.Equal(t, stmts[0].Vulnerability, stmts[1].Vulnerability)

	var out bytes.Buffer
	require.NoError(t, EncodeCSAFVEX(&out, inv, stmts, csafInfo, issued))
	assert.Empty(t, officialCSAFErrors(t, out.Bytes()))
	require.NoError(t, ValidateCSAFVEX(bytes.NewReader(out.Bytes()), nil))
	vulns := csafVulns(t, out.Bytes())
	require.Len(t, vulns, 1)
	assert.Equal(t, "CVE-2026-10200", vulns[0].CVE)
	assert.Len(t, vulns[0].ProductStatus["under_investigation"], 1)
	assert.Len(t, vulns[0].ProductStatus["known_not_affected"], 2)

	// Another source lists the openssl version as affected.
	again := &OSVRecord{ID: rec.ID, Affected: []OSVAffected{{Package: OSVPackage{PURL: "pkg:generic/openssl"}, Versions: []string{"3.0.15"}}}}
	// (libcrypto has the same purl identity, so it is listed too.)
	stmts = Triage(mustMatch(t, inv, []*OSVRecord{rec, again}).Matches)
	require.Len(t, stmts, 1)
	assert.Equal(t, StatusUnderInvestigation, stmts[0].Status, "the cautious status wins")
	assert.Equal(t, []string{"pkg:generic/zlib@1.3.1", "pkg:generic/openssl@3.0.15", "pkg:generic/openssl@3.0.15#libcrypto"}, stmts[0].Components)
	out.Reset()
	require.NoError(t, EncodeCSAFVEX(&out, inv, stmts, csafInfo, issued))
	assert.Empty(t, officialCSAFErrors(t, out.Bytes()))
}

// TestWriteCSAFVEXBadComponents: component data CSAF cannot carry is an
// input error located at the component, not a bug report.
func TestWriteCSAFVEXBadComponents(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	z := &inv.Components[0]
	z.Name, z.Version = "", ""
	z.PURL = "zlib@1.3.1"
	z.CPE = "cpe:zlib"
	z.Hashes = []Hash{{Algorithm: "SHA-256", Value: "xyz"}}
	stmts := []VEXStatement{{Vulnerability: "CVE-2026-20005", Components: []string{"pkg:generic/zlib@1.3.1"}, Status: StatusFixed}}
	var out bytes.Buffer
	err := EncodeCSAFVEX(&out, inv, stmts, csafInfo, issued)
	require.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.ErrorIs(t, err, problem.ErrInvalidDocument)
	assert.NotContains(t, err.Error(), "bug")
	var errs problem.List
	require.ErrorAs(t, err, &errs)
	ptrs := errs.Pointers()
	assert.Equal(t, []string{"/components/0/cpe", "/components/0/hashes/0", "/components/0/name", "/components/0/purl"}, ptrs)
	assert.Zero(t, out.Len())

	// Document information that CSAF cannot carry is refused too.
	good := readFixture(t, "check/good.cdx.json")
	for _, edit := range []func(*CSAFInfo){
		func(i *CSAFInfo) { i.PublisherNamespace = "psirt.acme.example" },
		func(i *CSAFInfo) { i.ID = " ACME-1" },
		func(i *CSAFInfo) { i.Version = "v1" },
	} {
		info := csafInfo
		edit(&info)
		err := EncodeCSAFVEX(&out, good, stmts, info, issued)
		require.ErrorIs(t, err, problem.ErrInvalidValue)
		assert.NotContains(t, err.Error(), "bug")
	}
	assert.ErrorIs(t, EncodeCSAFVEX(&out, good, stmts, csafInfo, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)), problem.ErrInvalidValue)
}
