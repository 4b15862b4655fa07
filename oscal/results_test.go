package oscal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// exampleNow is the assessment time of the example dossier of
// examples/assess.
var exampleNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// example loads and assesses the example dossier of examples/assess.
func example(t testing.TB) (*iec62443.Dossier, *iec62443.Report) {
	t.Helper()
	ctx := context.Background()
	d, err := iec62443.Load(ctx, os.DirFS("../examples/assess/dossier"), "dossier.json", nil)
	require.NoError(t, err)
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	return d, rep
}

func TestEncodeAssessmentResultsOfficialSchema(t *testing.T) {
	d, rep := example(t)
	require.NotNil(t, d.Register)
	var buf bytes.Buffer
	require.NoError(t, oscal.EncodeAssessmentResults(&buf, rep, exportTime, &oscal.ResultsOptions{Register: d.Register}))
	assertOfficial(t, "1.2.2", buf.Bytes())
	golden(t, "example-assessment-results.golden.json", buf.Bytes())

	var doc struct {
		AR struct {
			Results []struct {
				Observations []struct {
					UUID             string `json:"uuid"`
					Types            []string
					RelevantEvidence []struct {
						Href  string           `json:"href"`
						Props []oscal.Property `json:"props"`
					} `json:"relevant-evidence"`
				} `json:"observations"`
				Risks []struct {
					UUID   string `json:"uuid"`
					Status string `json:"status"`
				} `json:"risks"`
				Findings []struct {
					Target struct {
						TargetID string `json:"target-id"`
						Status   struct{ State string }
					} `json:"target"`
					RelatedObservations []struct {
						ObservationUUID string `json:"observation-uuid"`
					} `json:"related-observations"`
					RelatedRisks []struct {
						RiskUUID string `json:"risk-uuid"`
					} `json:"related-risks"`
				} `json:"findings"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	require.Len(t, doc.AR.Results, 1)
	res := doc.AR.Results[0]
	assert.Len(t, res.Risks, len(d.Register.Risks), "one risk per register risk")
	obs := map[string]bool{}
	findingObs, evidenceObs := 0, 0
	for _, o := range res.Observations {
		assert.False(t, obs[o.UUID], "observation UUIDs are unique")
		obs[o.UUID] = true
		switch o.Types[0] {
		case "finding":
			findingObs++
		case "control-objective":
			evidenceObs++
			for _, re := range o.RelevantEvidence {
				assert.Equal(t, "sha256", re.Props[0].Name, "evidence carries its digest")
			}
		}
	}
	n := 0
	for _, g := range rep.Findings {
		n += len(g.Findings)
	}
	assert.Equal(t, n, findingObs, "one observation per finding")
	assert.Positive(t, evidenceObs)
	risks := map[string]bool{}
	for _, r := range res.Risks {
		risks[r.UUID] = true
	}
	inScope, linkedRisks := 0, 0
	for _, e := range rep.SoA.Entries {
		if e.Applies() {
			inScope++
		}
	}
	require.Len(t, res.Findings, inScope, "one finding per requirement in scope")
	for _, f := range res.Findings {
		assert.Contains(t, []string{"satisfied", "not-satisfied"}, f.Target.Status.State)
		for _, o := range f.RelatedObservations {
			assert.True(t, obs[o.ObservationUUID], "related observations exist")
		}
		for _, r := range f.RelatedRisks {
			assert.True(t, risks[r.RiskUUID], "related risks exist")
			linkedRisks++
		}
	}
	assert.Positive(t, linkedRisks, "findings name the risks that drive their decision")
}

func TestEncodeAssessmentResultsSatisfied(t *testing.T) {
	rep := &iec62443.Report{
		Edition: requirement.EditionA11, CatalogVersion: "A11 draft 2026.1", AssessedAt: exampleNow,
		SoA: &soa.Statement{Entries: []soa.Entry{
			{Requirement: "SM-1", Title: "Development process", Decision: soa.Applicable, Status: soa.StatusVerified},
			{Requirement: "SM-2", Title: "Identification of responsibilities", Decision: soa.Applicable, Status: soa.StatusVerified},
			{Requirement: "SM-3", Title: "x", Decision: soa.Applicable, Status: soa.StatusInProgress},
			{Requirement: "SM-4", Title: "x", Decision: soa.NotApplicable, Justification: "no"},
		}},
		Findings: []iec62443.FindingGroup{{Findings: []requirement.Finding{
			{Rule: "x.high", Severity: requirement.SeverityHigh, Requirement: "SM-2", Message: "gap"},
			{Rule: "x.low", Severity: requirement.SeverityLow, Requirement: "SM-1", Message: "minor"},
			{Rule: "x.low", Severity: requirement.SeverityLow, Requirement: "SM-1", Message: "minor"},
		}}},
	}
	var buf bytes.Buffer
	require.NoError(t, oscal.EncodeAssessmentResults(&buf, rep, exportTime, nil))
	assertOfficial(t, "1.2.2", buf.Bytes())
	var doc struct {
		AR struct {
			Results []struct {
				Findings []struct {
					Target struct {
						TargetID string `json:"target-id"`
						Status   struct{ State string }
					} `json:"target"`
				} `json:"findings"`
				Observations []struct {
					UUID string `json:"uuid"`
				} `json:"observations"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	fs := doc.AR.Results[0].Findings
	require.Len(t, fs, 3)
	assert.Equal(t, "SM-1_smt", fs[0].Target.TargetID)
	assert.Equal(t, "satisfied", fs[0].Target.Status.State, "low findings do not block")
	assert.Equal(t, "not-satisfied", fs[1].Target.Status.State, "a high finding blocks")
	assert.Equal(t, "not-satisfied", fs[2].Target.Status.State, "in progress")
	obs := doc.AR.Results[0].Observations
	require.Len(t, obs, 3)
	assert.NotEqual(t, obs[1].UUID, obs[2].UUID, "identical findings get distinct observations")
}

func TestEncodeAssessmentResultsErrors(t *testing.T) {
	var buf bytes.Buffer
	rep := &iec62443.Report{SoA: &soa.Statement{}}
	assert.ErrorIs(t, oscal.EncodeAssessmentResults(&buf, nil, exportTime, nil), problem.ErrNilInput)
	assert.ErrorIs(t, oscal.EncodeAssessmentResults(nil, rep, exportTime, nil), problem.ErrNilInput)
	assert.ErrorIs(t, oscal.EncodeAssessmentResults(&buf, &iec62443.Report{}, exportTime, nil), problem.ErrInvalidValue)
	assert.ErrorIs(t, oscal.EncodeAssessmentResults(&buf, rep, time.Time{}, nil), problem.ErrNoDate)
	assert.Error(t, oscal.EncodeAssessmentResults(failWriter{}, rep, exportTime, nil))
	buf.Reset()
	require.NoError(t, oscal.EncodeAssessmentResults(&buf, rep, exportTime, &oscal.ResultsOptions{}))
	assertOfficial(t, "1.2.2", buf.Bytes())
}
