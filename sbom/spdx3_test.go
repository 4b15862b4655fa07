package sbom

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// byRef is what an inventory models, components keyed by ref, for
// comparing inventories read from different formats.
func byRef(t *testing.T, inv *Inventory) map[string]Component {
	t.Helper()
	out := map[string]Component{}
	inv.allComponents(func(c *Component) {
		cc := *c
		cc.Pointer = ""
		if len(cc.DependsOn) == 0 {
			cc.DependsOn = nil
		}
		out[cc.Ref] = cc
	})
	return out
}

// TestDecodeSPDXVersionsAndSyntaxes: SPDX 2.3 and 2.2, JSON and
// tag-value, give the same inventory; each is validated against the
// schema of its version (tag-value through its JSON equivalent). The
// reader used to refuse all but SPDX 2.3 JSON.
func TestDecodeSPDXVersionsAndSyntaxes(t *testing.T) {
	ref, err := DecodeSPDX(context.Background(), openFixture(t, "spdx/gateway.spdx.json"), nil)
	require.NoError(t, err)
	for _, tt := range []struct{ file, version, schema, via string }{
		{"spdx/gateway.spdx", "SPDX-2.3", "SPDX 2.3", "tag-value"},
		{"spdx/gateway-2.2.spdx.json", "SPDX-2.2", "SPDX 2.2", ""},
		{"spdx/gateway-2.2.spdx", "SPDX-2.2", "SPDX 2.2", "tag-value"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			inv, err := DecodeSPDX(context.Background(), openFixture(t, tt.file), nil)
			require.NoError(t, err)
			assert.Equal(t, tt.version, inv.SpecVersion)
			require.True(t, inv.schema.validated())
			assert.Equal(t, tt.schema, inv.schema.schema)
			assert.Empty(t, inv.schema.problems)
			if tt.via != "" {
				assert.Contains(t, inv.schema.via, tt.via)
			}
			want := byRef(t, ref)
			if tt.version == "SPDX-2.2" {
				// SPDX 2.2 has no primaryPackagePurpose: the product's
				// "firmware" is not in the document.
				c := want["SPDXRef-Package-gateway"]
				c.Type = "library"
				want["SPDXRef-Package-gateway"] = c
			}
			assert.Equal(t, want, byRef(t, inv))
			assert.Equal(t, ref.Authors, inv.Authors)
		})
	}
	// Through stdin, a byte at a time: the format is found from the content.
	data, err := os.ReadFile("testdata/spdx/gateway.spdx")
	require.NoError(t, err)
	inv, err := Decode(context.Background(), iotest.OneByteReader(bytes.NewReader(data)), nil)
	require.NoError(t, err)
	assert.Equal(t, byRef(t, ref), byRef(t, inv))
}

// TestSPDXFormatVersion: TR-03183-2 v2.0.0 accepts SPDX 2.2 (2.2.1
// documents declare SPDX-2.2), v2.1.0 wants SPDX 3.0.1.
func TestSPDXFormatVersion(t *testing.T) {
	inv, err := DecodeSPDX(context.Background(), openFixture(t, "spdx/gateway-2.2.spdx.json"), nil)
	require.NoError(t, err)
	rep, err := Check(context.Background(), inv, ProfileTR03183v2_0, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomePass, ruleResult(rep, ruleFormatVersion).Outcome)
	rep, err = Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomeFail, ruleResult(rep, ruleFormatVersion).Outcome)

	inv, err = DecodeSPDX(context.Background(), openFixture(t, "spdx/gateway.spdx3.json"), nil)
	require.NoError(t, err)
	rep, err = Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomePass, ruleResult(rep, ruleFormatVersion).Outcome)
}

// TestSPDX3RoundTrip: CycloneDX -> inventory -> SPDX 3.0.1 -> inventory
// keeps every modelled field (the BSI properties in the CycloneDX
// properties extension, completeness on the dependsOn relationships, the
// nesting as contains), the document is valid against the official SPDX
// 3.0.1 schema, the same inventory always gives the same bytes, and the
// SBOM passes TR-03183-2 v2.1.0 as its CycloneDX original does.
func TestSPDX3RoundTrip(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	var out bytes.Buffer
	require.NoError(t, EncodeSPDX(&out, inv, nil))
	var again bytes.Buffer
	require.NoError(t, EncodeSPDX(&again, inv, nil))
	assert.Equal(t, out.String(), again.String(), "deterministic")
	want, err := os.ReadFile("testdata/spdx/gateway.spdx3.json")
	require.NoError(t, err)
	assert.Equal(t, string(want), out.String(), "testdata/spdx/gateway.spdx3.json is this output")

	back, err := Decode(context.Background(), bytes.NewReader(out.Bytes()), nil)
	require.NoError(t, err)
	assert.Equal(t, "SPDX-3.0.1", back.SpecVersion)
	assert.Equal(t, inv.SerialNumber, back.SerialNumber)
	assert.Equal(t, inv.Timestamp, back.Timestamp)
	assert.Equal(t, inv.Authors, back.Authors)
	require.NotNil(t, back.Subject)
	assert.Equal(t, inv.Subject.Ref, back.Subject.Ref)
	assert.Equal(t, byRef(t, inv), byRef(t, back))
	require.True(t, back.schema.validated())
	assert.Equal(t, "SPDX 3.0.1", back.schema.schema)
	assert.Empty(t, back.schema.problems)

	for _, p := range []CheckProfile{ProfileTR03183v2_1, ProfileNTIA, ProfileCRA} {
		rep, err := Check(context.Background(), back, p, nil)
		require.NoError(t, err)
		assert.Equal(t, requirement.OutcomePass, rep.Outcome, "%s: %v", p, rep.Findings)
	}
	// Findings point into the JSON-LD graph.
	back.Components[0].Version = ""
	rep, err := Check(context.Background(), back, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	fs := findingsOf(rep, ruleComponentVersion)
	require.Len(t, fs, 1)
	assert.Equal(t, back.Components[0].Pointer+"/software_packageVersion", fs[0].Pointer)
	assert.True(t, strings.HasPrefix(fs[0].Pointer, "/@graph/"))
}

// TestSPDX3RefsNotIRIs: refs that are no IRIs (CycloneDX bom-refs such as
// "zlib") live under the document's namespace and come back as they were.
func TestSPDX3RefsNotIRIs(t *testing.T) {
	inv := &Inventory{Timestamp: "2026-03-01T10:00:00Z", SerialNumber: "urn:uuid:0b7c3a56-98e3-4b8a-b4c2-3d2e7f1a9c11",
		Subject: &Component{Ref: "gw", Type: "firmware", Name: "gw", Version: "1", DependsOn: []string{"z lib"}, HasDependencies: true},
		Components: []Component{{Ref: "z lib", Type: "library", Name: "zlib", Version: "1.3.1", HasDependencies: true, DependenciesComplete: CompletenessIncomplete},
			{Type: "library", Name: "no-ref", Version: "1"}}}
	var out bytes.Buffer
	require.NoError(t, EncodeSPDX(&out, inv, nil))
	back, err := Decode(context.Background(), &out, nil)
	require.NoError(t, err)
	got := byRef(t, back)
	assert.Equal(t, []string{"z lib"}, got["gw"].DependsOn)
	assert.Equal(t, CompletenessIncomplete, got["z lib"].DependenciesComplete)
	assert.Len(t, back.Components, 2)
	assert.Empty(t, back.schema.problems)
}

// TestEncodeSPDXLosses: what SPDX cannot carry is listed, located, and
// nothing is written; AllowLoss writes without it.
func TestEncodeSPDXLosses(t *testing.T) {
	inv := &Inventory{Timestamp: "2026-03-01T10:00:00Z", Vulnerabilities: 2, Components: []Component{{
		Ref: "a", Name: "a", Group: "org.example", Pointer: "/components/0",
		SWID:     &SWID{TagID: "t", Name: "n"},
		Licenses: []License{{Name: "Proprietary"}, {Expression: "MIT"}},
		Hashes:   []Hash{{Algorithm: "MD4", Value: "00"}},
	}}}
	var out bytes.Buffer
	err := EncodeSPDX(&out, inv, nil)
	require.ErrorIs(t, err, ErrNotRepresentable)
	var errs problem.List
	require.ErrorAs(t, err, &errs)
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Pointer+": "+e.Message)
	}
	assert.Equal(t, []string{
		`/components/0/group: SPDX 3.0.1 cannot carry the group "org.example" of component "a"`,
		`/components/0/hashes/0: SPDX 3.0.1 cannot carry the MD4 hash of component "a"`,
		`/components/0/licenses/0: SPDX 3.0.1 cannot carry a licence of component "a" that is neither concluded nor declared`,
		`/components/0/licenses/0: SPDX 3.0.1 cannot carry the licence "Proprietary" of component "a", which has no SPDX expression`,
		`/components/0/licenses/1: SPDX 3.0.1 cannot carry a licence of component "a" that is neither concluded nor declared`,
		`/components/0/swid: SPDX 3.0.1 cannot carry the SWID tag's name and version of component "a" (only its tag ID)`,
		`/vulnerabilities: SPDX 3.0.1 cannot carry the SBOM's 2 vulnerability entries (this package does not model them)`,
	}, msgs)
	assert.Zero(t, out.Len(), "nothing written")

	require.NoError(t, EncodeSPDX(&out, inv, &SPDXOptions{AllowLoss: true}))
	assert.NotZero(t, out.Len())

	// SPDX 2.3 carries less: the BSI properties among others.
	good := readFixture(t, "check/good.cdx.json")
	err = EncodeSPDX(io.Discard, good, &SPDXOptions{Version: "2.3"})
	require.ErrorIs(t, err, ErrNotRepresentable)
	assert.Contains(t, err.Error(), "SPDX 2.3 cannot carry bsi:component:archive")
}

// TestEncodeSPDX23: SPDX 2.3 JSON written from an inventory is valid
// against the official schema and reads back.
func TestEncodeSPDX23(t *testing.T) {
	inv, err := DecodeSPDX(context.Background(), openFixture(t, "spdx/gateway.spdx.json"), nil)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, EncodeSPDX(&out, inv, &SPDXOptions{Version: "2.3"}))
	back, err := DecodeSPDX(context.Background(), &out, nil)
	require.NoError(t, err)
	assert.Empty(t, back.schema.problems)
	assert.Equal(t, "SPDX-2.3", back.SpecVersion)
	require.NotNil(t, back.Subject)
	assert.Equal(t, inv.Subject.Name, back.Subject.Name)
	assert.Len(t, back.Components, len(inv.Components))
	names := func(inv *Inventory) []string {
		var out []string
		for _, c := range inv.Components {
			out = append(out, c.Name+" "+c.Version+" "+c.PURL)
		}
		slices.Sort(out)
		return out
	}
	assert.Equal(t, names(inv), names(back))
}

func TestEncodeSPDXErrors(t *testing.T) {
	inv := &Inventory{Timestamp: "2026-03-01T10:00:00Z"}
	assert.ErrorIs(t, EncodeSPDX(nil, inv, nil), problem.ErrNilInput)
	assert.ErrorIs(t, EncodeSPDX(io.Discard, nil, nil), problem.ErrNilInput)
	assert.ErrorIs(t, EncodeSPDX(io.Discard, &Inventory{}, nil), problem.ErrInvalidValue, "no timestamp")
	assert.ErrorIs(t, EncodeSPDX(io.Discard, inv, &SPDXOptions{Version: "2.2"}), problem.ErrInvalidValue)
	require.NoError(t, EncodeSPDX(io.Discard, inv, nil), "an empty inventory")
}

func TestDetect(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile("testdata/" + name)
		require.NoError(t, err)
		return string(b)
	}
	xml := `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"/>`
	for _, tt := range []struct {
		in   string
		want Detection
	}{
		{read("check/good.cdx.json"), Detection{FormatCycloneDX, SyntaxJSON, "1.7"}},
		{"\ufeff " + xml, Detection{FormatCycloneDX, SyntaxXML, "1.6"}},
		{read("spdx/gateway.spdx.json"), Detection{FormatSPDX, SyntaxJSON, "SPDX-2.3"}},
		{read("spdx/gateway-2.2.spdx"), Detection{FormatSPDX, SyntaxTagValue, "SPDX-2.2"}},
		{read("spdx/gateway.spdx3.json"), Detection{FormatSPDX, SyntaxJSONLD, "SPDX-3.0.1"}},
		// Keys in any order; bomFormat after a large components array.
		{`{"components": [], "bomFormat": "CycloneDX", "specVersion": "1.5"}`, Detection{FormatCycloneDX, SyntaxJSON, "1.5"}},
		{`{"components": [` + strings.Repeat(`{"type":"library","name":"x"},`, 50000) + `{}], "bomFormat": "CycloneDX"}`, Detection{FormatCycloneDX, SyntaxJSON, ""}},
	} {
		got, r, err := Detect(iotest.HalfReader(strings.NewReader(tt.in)))
		require.NoError(t, err, clip(tt.in))
		assert.Equal(t, tt.want, got)
		all, err := io.ReadAll(r)
		require.NoError(t, err)
		assert.Equal(t, tt.in, string(all), "the whole input is read again")
	}
	for _, bad := range []string{"", "  ", `{"name": "x"}`, `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>`, "hello", "[1,2]"} {
		_, _, err := Detect(strings.NewReader(bad))
		assert.ErrorIs(t, err, ErrUnsupportedFormat, bad)
	}
	_, _, err := Detect(nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
	boom := errors.New("boom")
	_, _, err = Detect(iotest.ErrReader(boom))
	assert.ErrorIs(t, err, boom)
}

func TestDecodeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, f := range []string{"spdx/gateway.spdx.json", "spdx/gateway.spdx", "spdx/gateway.spdx3.json", "check/good.cdx.json"} {
		_, err := Decode(ctx, openFixture(t, f), nil)
		assert.ErrorIs(t, err, context.Canceled, f)
	}
}
