package attest_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/attest"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

func TestEncodeCatalogOfficialSchema(t *testing.T) {
	for _, e := range practice.Editions() {
		for _, v := range []cdx.SpecVersion{cdx.SpecVersion1_6, cdx.SpecVersion1_7} {
			t.Run(e.String()+"/"+v.String(), func(t *testing.T) {
				cat, err := requirement.ForEdition(e)
				require.NoError(t, err)
				var buf bytes.Buffer
				require.NoError(t, attest.EncodeCatalog(&buf, cat, &attest.Options{SpecVersion: v}))
				assertOfficial(t, buf.Bytes())
				if e == requirement.EditionA11 && v == cdx.SpecVersion1_6 {
					golden(t, "catalog-a11.cdx.json", buf.Bytes())
				}
			})
		}
	}
}

func TestEncodeCatalogShape(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, attest.EncodeCatalog(&buf, nil, nil))
	var bom cdx.BOM
	require.NoError(t, cdx.NewBOMDecoder(&buf, cdx.BOMFileFormatJSON).Decode(&bom))
	assert.Equal(t, cdx.SpecVersion1_6, bom.SpecVersion, "1.6 by default")
	require.NotNil(t, bom.Definitions)
	std := (*bom.Definitions.Standards)[0]
	assert.Equal(t, "A11 draft 2026.1", std.Version)
	reqs := *std.Requirements
	cat := requirement.Default()
	assert.Len(t, reqs, cat.Len()+len(cat.Practices()), "practices and requirements")
	parents := map[string]string{}
	for _, r := range reqs {
		parents[r.Identifier] = r.Parent
	}
	assert.Empty(t, parents["SRM"], "a practice has no parent")
	assert.Equal(t, "iec62443-4-1/A11/SRM", parents["SRM-1"])
	sr5, _ := cat.Lookup("SR-5")
	for _, r := range reqs {
		if r.Identifier != "SR-5" {
			continue
		}
		assert.Equal(t, sr5.Summary(), r.Text)
		props := map[string][]string{}
		for _, p := range *r.Properties {
			props[p.Name] = append(props[p.Name], p.Value)
		}
		assert.Equal(t, []string{"true"}, props["sdlkit:provisional"])
		assert.Len(t, props["sdlkit:provenance"], len(sr5.Provenance()))
		assert.Len(t, props["sdlkit:artifact"], len(sr5.Artifacts()))
	}
}

func TestRefuseOldSpecVersions(t *testing.T) {
	var buf bytes.Buffer
	for _, v := range []cdx.SpecVersion{cdx.SpecVersion1_2, cdx.SpecVersion1_4, cdx.SpecVersion1_5} {
		err := attest.EncodeCatalog(&buf, nil, &attest.Options{SpecVersion: v})
		require.ErrorIs(t, err, problem.ErrNotRepresentable, v)
		err = attest.EncodeAssessment(&buf, &iec62443.Report{SoA: &soa.Statement{}}, &attest.Options{SpecVersion: v})
		require.ErrorIs(t, err, problem.ErrNotRepresentable, v)
	}
	assert.Empty(t, buf.Bytes(), "nothing written")
	assert.ErrorIs(t, attest.EncodeCatalog(&buf, nil, &attest.Options{SpecVersion: cdx.SpecVersion1_7 + 1}), problem.ErrUnsupported)
}

func TestAssessmentRoundTrip(t *testing.T) {
	rep := exampleReport(t)
	for _, v := range []cdx.SpecVersion{cdx.SpecVersion1_6, cdx.SpecVersion1_7} {
		t.Run(v.String(), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, attest.EncodeAssessment(&buf, rep, &attest.Options{SpecVersion: v}))
			assertOfficial(t, buf.Bytes())
			if v == cdx.SpecVersion1_6 {
				golden(t, "example.cdx.json", buf.Bytes())
			}
			got, err := attest.DecodeClaims(bytes.NewReader(buf.Bytes()), nil)
			require.NoError(t, err)
			want := attest.ClaimsOf(rep)
			require.Len(t, want, len(rep.SoA.Entries))
			assert.Equal(t, want, got, "assessment -> CycloneDX declarations -> decode gives the same claims")
		})
	}
}

func TestClaimsOf(t *testing.T) {
	rep := exampleReport(t)
	claims := attest.ClaimsOf(rep)
	var withGaps, withEvidence, outOfScope int
	for _, c := range claims {
		if len(c.Gaps) > 0 {
			withGaps++
		}
		if len(c.Evidence) > 0 {
			withEvidence++
		}
		if !c.InScope() {
			outOfScope++
			assert.Zero(t, c.Conformance)
			assert.Empty(t, c.Rationale)
			continue
		}
		assert.GreaterOrEqual(t, c.Conformance, 0.0)
		assert.LessOrEqual(t, c.Conformance, 1.0)
		assert.NotEmpty(t, c.Rationale)
		for _, f := range c.Gaps {
			if f.Severity >= requirement.SeverityHigh {
				assert.LessOrEqual(t, c.Conformance, 0.5, "%s: a high gap caps the score", c.Requirement)
			}
		}
	}
	assert.Positive(t, withGaps, "the example has gaps")
	assert.Positive(t, withEvidence, "the example has evidence")

	assert.Nil(t, attest.ClaimsOf(nil))
	assert.Nil(t, attest.ClaimsOf(&iec62443.Report{}))
}

func TestConformanceScores(t *testing.T) {
	high := requirement.Finding{Rule: "x.high", Severity: requirement.SeverityHigh, Requirement: "SM-1", Message: "high"}
	low := requirement.Finding{Rule: "x.low", Severity: requirement.SeverityLow, Requirement: "SM-1", Message: "low"}
	tests := []struct {
		status    soa.Status
		gaps      []requirement.Finding
		score     float64
		rationale string
	}{
		{soa.StatusVerified, nil, 1, "status verified scores 1."},
		{soa.StatusImplemented, nil, 0.75, "status implemented scores 0.75."},
		{soa.StatusInProgress, []requirement.Finding{low}, 0.5, "status in-progress scores 0.5; 1 lesser finding open."},
		{soa.StatusPlanned, nil, 0.25, "status planned scores 0.25."},
		{0, nil, 0, "status none scores 0."},
		{soa.StatusVerified, []requirement.Finding{high, low}, 0.5, "status verified scores 1; 1 high or critical finding and 1 lesser finding open, so the score is capped at 0.5."},
		{soa.StatusPlanned, []requirement.Finding{high, high}, 0.25, "status planned scores 0.25; 2 high or critical findings open."},
	}
	for _, tt := range tests {
		rep := &iec62443.Report{
			Edition:  requirement.EditionA11,
			SoA:      &soa.Statement{Entries: []soa.Entry{{Requirement: "SM-1", Decision: soa.Applicable, Status: tt.status}}},
			Findings: []iec62443.FindingGroup{{Findings: tt.gaps}},
		}
		c := attest.ClaimsOf(rep)[0]
		assert.InDelta(t, tt.score, c.Conformance, 1e-9, tt.rationale)
		assert.Equal(t, tt.rationale, c.Rationale)
	}
}

func TestEncodeAssessmentErrors(t *testing.T) {
	var buf bytes.Buffer
	assert.ErrorIs(t, attest.EncodeAssessment(&buf, nil, nil), problem.ErrNilInput)
	assert.ErrorIs(t, attest.EncodeAssessment(nil, &iec62443.Report{}, nil), problem.ErrNilInput)
	assert.ErrorIs(t, attest.EncodeAssessment(&buf, &iec62443.Report{}, nil), problem.ErrInvalidValue, "no statement")
	assert.ErrorIs(t, attest.EncodeAssessment(&buf, &iec62443.Report{SoA: &soa.Statement{}}, nil), problem.ErrUnknownEdition)

	rep := exampleReport(t)
	c2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	assert.ErrorIs(t, attest.EncodeAssessment(&buf, rep, &attest.Options{Catalog: c2018}), problem.ErrWrongEdition)
	assert.Error(t, attest.EncodeAssessment(failWriter{}, rep, nil))
}

func TestDecodeClaimsErrors(t *testing.T) {
	rep := exampleReport(t)
	var buf bytes.Buffer
	require.NoError(t, attest.EncodeAssessment(&buf, rep, nil))
	valid := buf.String()
	tests := []struct {
		name, doc string
		want      error
		pointer   string
	}{
		{"syntax", `{"bomFormat": `, problem.ErrSyntax, "/bomFormat"},
		{"duplicate key", `{"bomFormat": "CycloneDX", "bomFormat": "CycloneDX"}`, problem.ErrDuplicateKey, "/bomFormat"},
		{"1.5", `{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1}`, problem.ErrUnsupported, "/specVersion"},
		{"dangling claim", strings.Replace(valid, `"claim/SM-1"`, `"claim/SM-0"`, 1), problem.ErrDanglingReference, "/declarations/attestations/0/map/0/claims/0"},
		{"unknown decision", strings.Replace(valid, `"content": "applicable"`, `"content": "perhaps"`, 1), problem.ErrInvalidValue, "/declarations/claims/0/evidence/0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := attest.DecodeClaims(strings.NewReader(tt.doc), nil)
			require.ErrorIs(t, err, tt.want)
			var list problem.List
			require.ErrorAs(t, err, &list)
			assert.Contains(t, list.Pointers(), tt.pointer)
		})
	}
	_, err := attest.DecodeClaims(strings.NewReader(valid), &attest.DecodeOptions{Limits: requirement.Limits{MaxBytes: 10}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	claims, err := attest.DecodeClaims(strings.NewReader(`{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1}`), nil)
	require.NoError(t, err)
	assert.Empty(t, claims, "no declarations, no claims")
	_, err = attest.DecodeClaims(nil, nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
