package risk

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got), "golden %s (go test -update to refresh)", path)
}

func loadPLC(t testing.TB) *Register {
	t.Helper()
	f, err := os.Open("testdata/plc-register.json")
	require.NoError(t, err)
	defer f.Close()
	reg, err := Decode(f, nil)
	require.NoError(t, err)
	return reg
}

func TestSchemaCompilesAndMatchesExample(t *testing.T) {
	require.NotNil(t, registerSchema())
	assert.Equal(t, registerSchemaJSON, Schema()) //nolint:testifylint // the published bytes must be the embedded ones
	assert.Contains(t, string(Schema()), SchemaID)
}

func TestRoundTrip(t *testing.T) {
	reg := loadPLC(t)
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, reg))
	back, err := Decode(bytes.NewReader(buf.Bytes()), nil)
	require.NoError(t, err)
	assert.Equal(t, reg, back)
	var again bytes.Buffer
	require.NoError(t, Encode(&again, back))
	assert.Equal(t, buf.String(), again.String(), "deterministic")
	// The committed example is in canonical form.
	golden(t, "plc-register.json", buf.Bytes())

	// Round trip of the minimal Go-built register too.
	buf.Reset()
	require.NoError(t, Encode(&buf, base()))
	b2, err := Decode(&buf, nil)
	require.NoError(t, err)
	assert.Equal(t, base(), b2)
	assert.ErrorIs(t, Encode(&buf, nil), problem.ErrNilInput)
}

func TestDecodeYAML(t *testing.T) {
	y := `schema_version: "1"
product:
  name: Pump controller
  released: true
  release_date: "2025-04-01"
intended_use:
  purpose: Control a pump.
  environment: Water plant.
assets:
  - {id: A-1, name: Firmware, kind: component}
threats:
  - id: T-1
    title: Tampered firmware
    stride: tampering
    attack_vector: physical
    assets: [A-1]
risks:
  - id: R-1
    threats: [T-1]
    likelihood: low
    impact: high
    cvss: "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H"
    treatment: {option: mitigate, mitigations: [M-1]}
    residual: {likelihood: low, impact: low}
mitigations:
  - {id: M-1, title: Secure boot, requirements: [SM-6], design_elements: [DE-1 boot loader]}
verifications:
  - {id: V-1, title: Boot test, module: security-requirements-testing, outcome: pass, threats: [T-1]}
reviews:
  - {date: "2025-04-01", reviewer: PSO, trigger: release}
`
	reg, err := DecodeYAML(strings.NewReader(y), nil)
	require.NoError(t, err)
	assert.Equal(t, Tampering, reg.Threats[0].Category)
	assert.Equal(t, annex.ModuleSecurityRequirementsTesting, reg.Verifications[0].Module)
	assert.Equal(t, requirement.NewDate(2025, 4, 1), reg.Product.ReleaseDate)
	fs, err := Validate(reg, nil, testNow)
	require.NoError(t, err)
	require.Len(t, fs, 1)
	assert.Equal(t, ruleReviewOverdue, fs[0].Rule)

	// JSON and YAML give the same register.
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, reg))
	viaJSON, err := Decode(&buf, nil)
	require.NoError(t, err)
	assert.Equal(t, reg, viaJSON)
}

func TestDecodeErrorsAreLocated(t *testing.T) {
	tests := []struct {
		name string
		yaml bool
		doc  string
		ptrs []string
		kind error
	}{
		{"syntax", false, `{"schema_version": "1",`, []string{"/schema_version"}, problem.ErrSyntax},
		{"duplicate key", false, `{"schema_version": "1", "schema_version": "1", "product": {"name": "x"}, "intended_use": {}}`, []string{"/schema_version"}, problem.ErrDuplicateKey},
		{"schema: wrong version and enum", false, `{"schema_version": "2", "product": {"name": "x"}, "intended_use": {}, "threats": [{"id": "T-1", "title": "t", "stride": "phishing"}]}`, []string{"/schema_version", "/threats/0/stride"}, problem.ErrSchema},
		{"schema: unknown member", false, `{"schema_version": "1", "product": {"name": "x", "colour": "red"}, "intended_use": {}}`, []string{"/product"}, problem.ErrSchema},
		{"schema: bad date", false, `{"schema_version": "1", "product": {"name": "x", "release_date": "2025-13-01"}, "intended_use": {}}`, []string{"/product/release_date"}, problem.ErrSchema},
		{"schema: verification without module or record", false, `{"schema_version": "1", "product": {"name": "x"}, "intended_use": {}, "threats": [{"id": "T-1", "title": "t", "stride": "spoofing"}], "verifications": [{"id": "V-1", "title": "v", "threats": ["T-1"]}]}`, []string{"/verifications/0"}, problem.ErrSchema},
		{"check: dangling and unknown ID", false, `{"schema_version": "1", "product": {"name": "x"}, "intended_use": {}, "risks": [{"id": "R-1", "threats": ["T-404"]}], "mitigations": [{"id": "M-1", "title": "m", "requirements": ["SR-42"]}]}`, []string{"/mitigations/0/requirements/0", "/risks/0/threats/0"}, problem.ErrInvalidDocument},
		{"yaml syntax", true, "schema_version: \"1\"\nproduct: [unclosed\n", []string{""}, problem.ErrSyntax},
		{"yaml duplicate key", true, "schema_version: \"1\"\nschema_version: \"1\"\nproduct: {name: x}\nintended_use: {}\n", []string{"/schema_version"}, problem.ErrDuplicateKey},
		{"yaml schema", true, "schema_version: \"1\"\nproduct: {name: x}\nintended_use: {}\nassets: [{id: A-1, name: a, kind: planet}]\n", []string{"/assets/0/kind"}, problem.ErrSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.yaml {
				_, err = DecodeYAML(strings.NewReader(tt.doc), nil)
			} else {
				_, err = Decode(strings.NewReader(tt.doc), nil)
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.kind)
			var list problem.List
			require.ErrorAs(t, err, &list)
			var ptrs []string
			for _, e := range list {
				if len(ptrs) == 0 || ptrs[len(ptrs)-1] != e.Pointer {
					ptrs = append(ptrs, e.Pointer)
				}
			}
			assert.Equal(t, tt.ptrs, ptrs, "%v", list)
		})
	}
}

func TestDecodeLimits(t *testing.T) {
	doc, err := os.ReadFile("testdata/plc-register.json")
	require.NoError(t, err)
	_, err = Decode(bytes.NewReader(doc), &DecodeOptions{Limits: requirement.Limits{MaxBytes: 100}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = DecodeYAML(bytes.NewReader(doc), &DecodeOptions{Limits: requirement.Limits{MaxBytes: 100}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = Decode(bytes.NewReader(doc), &DecodeOptions{Limits: requirement.Limits{MaxDepth: 2}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	cat2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	_, err = Decode(bytes.NewReader(doc), &DecodeOptions{Catalog: cat2018})
	assert.ErrorIs(t, err, problem.ErrUnknownID, "SG-6 etc. are A11-only")
}

func TestMatrixAndCVSS(t *testing.T) {
	m := DefaultMatrix()
	r, err := m.Rate("high", "medium")
	require.NoError(t, err)
	assert.Equal(t, Rating{Name: "high", Rank: 3}, r)
	r, err = Matrix{}.Rate("low", "low")
	require.NoError(t, err)
	assert.Equal(t, "low", r.String())
	_, err = m.Rate("never", "low")
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	_, err = m.Rate("low", "huge")
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	_, err = m.RatingOf("extreme")
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Equal(t, "unrated", Rating{}.String())
	assert.Empty(t, m.problems())

	// Scores worked out by hand from the CVSS v3.1 specification: the
	// temporal and environmental metrics count when given.
	tests := []struct {
		vector  string
		version string
		score   float64
		typ     string
		sev     string
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", 9.8, "base", "CRITICAL"},
		{"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "3.1", 6.5, "base", "MEDIUM"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/MAV:X", "3.1", 9.8, "base", "CRITICAL"},
		// 9.8 x 0.91 (E:U) x 0.95 (RL:O) x 1 (RC:C) = 8.47, rounded up.
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C", "3.1", 8.5, "temporal", "HIGH"},
		// MAV:L: 8.22 x 0.55 x 0.77 x 0.85 x 0.85 + 6.42 x 0.9148 = 8.39, rounded up.
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:L", "3.1", 8.4, "environmental", "HIGH"},
		// Both: 8.4 x 0.91 x 0.95 = 7.26, rounded up.
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C/MAV:L", "3.1", 7.3, "environmental", "HIGH"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 9.3, "CVSS-B", "CRITICAL"},
	}
	for _, tt := range tests {
		c, err := ParseCVSS(tt.vector)
		require.NoError(t, err, tt.vector)
		assert.Equal(t, CVSS{Version: tt.version, Vector: tt.vector, Score: tt.score, ScoreType: tt.typ, Severity: tt.sev}, c)
	}
	// v4.0 scores the threat metrics too; so must v3.1 its temporal ones.
	c40, err := ParseCVSS("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U")
	require.NoError(t, err)
	assert.Equal(t, "CVSS-BT", c40.ScoreType)
	assert.Less(t, c40.Score, 9.3)
	for _, bad := range []string{"", "9.8", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N", "CVSS:4.0/AV:N/AC:L"} {
		_, err := ParseCVSS(bad)
		assert.ErrorIs(t, err, problem.ErrInvalidValue, bad)
	}
}

func TestEnumsText(t *testing.T) {
	type textEnum interface {
		MarshalText() ([]byte, error)
		String() string
	}
	check := func(vals []textEnum, parse func([]byte) (textEnum, error)) {
		for _, v := range vals {
			b, err := v.MarshalText()
			require.NoError(t, err)
			back, err := parse(b)
			require.NoError(t, err)
			assert.Equal(t, v, back)
			assert.Equal(t, string(b), v.String())
		}
		_, err := parse([]byte("bogus"))
		assert.ErrorIs(t, err, problem.ErrInvalidValue)
	}
	conv := func(n int, at func(int) textEnum) []textEnum {
		out := make([]textEnum, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	check(conv(6, func(i int) textEnum { return Strides()[i] }), func(b []byte) (textEnum, error) { var v Stride; err := v.UnmarshalText(b); return v, err })
	check(conv(4, func(i int) textEnum { return AttackVectors()[i] }), func(b []byte) (textEnum, error) { var v AttackVector; err := v.UnmarshalText(b); return v, err })
	check(conv(4, func(i int) textEnum { return ThreatSources()[i] }), func(b []byte) (textEnum, error) { var v ThreatSource; err := v.UnmarshalText(b); return v, err })
	check(conv(5, func(i int) textEnum { return AssetKinds()[i] }), func(b []byte) (textEnum, error) { var v AssetKind; err := v.UnmarshalText(b); return v, err })
	check(conv(7, func(i int) textEnum { return InterfaceKinds()[i] }), func(b []byte) (textEnum, error) { var v InterfaceKind; err := v.UnmarshalText(b); return v, err })
	check(conv(4, func(i int) textEnum { return TreatmentOptions()[i] }), func(b []byte) (textEnum, error) { var v TreatmentOption; err := v.UnmarshalText(b); return v, err })
	check(conv(4, func(i int) textEnum { return ReviewTriggers()[i] }), func(b []byte) (textEnum, error) { var v ReviewTrigger; err := v.UnmarshalText(b); return v, err })
	check(conv(4, func(i int) textEnum { return ApplicabilityBases()[i] }), func(b []byte) (textEnum, error) { var v ApplicabilityBasis; err := v.UnmarshalText(b); return v, err })
	assert.Equal(t, "SRIE", Spoofing.Letter()+Repudiation.Letter()+InformationDisclosure.Letter()+ElevationOfPrivilege.Letter())
	assert.Equal(t, "?", Stride(0).Letter())
	for _, v := range []fmt.Stringer{Stride(0), AttackVector(0), ThreatSource(0), AssetKind(0), InterfaceKind(0), TreatmentOption(0), ReviewTrigger(0), ApplicabilityBasis(0), State(0)} {
		assert.Equal(t, "unset", v.String(), "%T", v)
	}
	for _, v := range []fmt.Stringer{Stride(99), AttackVector(99), ThreatSource(99), AssetKind(99), InterfaceKind(99), TreatmentOption(99), ReviewTrigger(99), ApplicabilityBasis(99), State(99)} {
		assert.Equal(t, "invalid(99)", v.String(), "%T", v)
	}
	_, err := Stride(9).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)

	d, err := requirement.ParseDate("2024-02-29")
	require.NoError(t, err)
	assert.Equal(t, "2024-02-29", d.String())
	_, err = requirement.ParseDate("29.02.2024")
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Empty(t, requirement.Date{}.String())
}

func TestImportThreatDragonDuplicateCellIDs(t *testing.T) {
	data, err := os.ReadFile("testdata/threatdragon-plc.json")
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	cells := m["detail"].(map[string]any)["diagrams"].([]any)[0].(map[string]any)["cells"].([]any)
	require.GreaterOrEqual(t, len(cells), 2)
	cells[1].(map[string]any)["id"] = cells[0].(map[string]any)["id"]
	bad, err := json.Marshal(m)
	require.NoError(t, err)
	_, _, err = ImportThreatDragon(bytes.NewReader(bad), nil)
	require.ErrorIs(t, err, problem.ErrDuplicate)
	var list problem.List
	require.ErrorAs(t, err, &list)
	assert.Equal(t, "/detail/diagrams/0/cells/1/id", list[0].Pointer)
}
