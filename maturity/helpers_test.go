package maturity

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
)

var digest = strings.Repeat("ab", 32)

func record(id string, kind requirement.ArtifactKind, project, release, retention string, reqs ...requirement.ID) Evidence {
	e := Evidence{ID: id, Kind: kind, Requirements: reqs, Project: project, Release: release,
		URI: "https://dms.example/" + id, SHA256: digest, Produced: requirement.MustParseDate("2025-01-10"), Producer: "team"}
	if retention != "" {
		e.RetentionUntil = requirement.MustParseDate(retention)
	}
	return e
}

// fullSI is a small manifest in which SI-2 reaches ML4 when SI-2 expects
// coding-standard and coding-standard-compliance: project "a" with releases
// "1" and "2", project "b" with release "1"; every release must keep its
// artifacts until 2035-01-01 (placed 2025-01-01 + 10 years).
func fullSI() *Manifest {
	rel := func(id string) Release {
		return Release{ID: id, PlacedOnMarket: requirement.MustParseDate("2025-01-01"), SupportEnd: requirement.MustParseDate("2030-01-01")}
	}
	return &Manifest{
		SchemaVersion: SchemaVersion,
		Scope: Scope{Projects: []Project{
			{ID: "a", Releases: []Release{rel("1"), rel("2")}},
			{ID: "b", Releases: []Release{rel("1")}},
		}},
		Evidence: []Evidence{
			record("EV-1", requirement.ArtifactCodingStandard, "", "", "2040-01-01", requirement.SI2),
			record("EV-2", requirement.ArtifactCodingStandardCompliance, "a", "1", "2036-01-01", requirement.SI2),
			record("EV-3", requirement.ArtifactCodingStandardCompliance, "a", "2", "2036-01-01", requirement.SI2),
			record("EV-4", requirement.ArtifactCodingStandardCompliance, "b", "1", "2036-01-01", requirement.SI2),
			record("EV-5", requirement.ArtifactImplementationReviewRecord, "", "", "2040-01-01", requirement.SI1),
			record("EV-6", requirement.ArtifactStaticAnalysisReport, "a", "", "2040-01-01", requirement.SI3),
			record("EV-7", requirement.ArtifactStaticAnalysisReport, "b", "1", "2040-01-01", requirement.SI3),
		},
		Procedures: []Procedure{{ID: "P-SI", Practice: practice.SI, Title: "Secure implementation", URI: "https://dms.example/p-si", Approver: "CISO", Approved: requirement.MustParseDate("2024-01-01")}},
		Competence: []Competence{{Person: "dev", Role: "developer", Kind: CompetenceTraining, Practices: []practice.Practice{practice.SI}, Date: requirement.MustParseDate("2024-02-01"), Verified: true}},
		Metrics:    []Metric{{ID: "M-1", Practice: practice.SI, Name: "SAST findings per release", Target: "0 high", Reviewed: requirement.MustParseDate("2025-06-01")}},
		Improvements: []Improvement{
			{ID: "I-1", Practice: practice.SI, Source: SourceIncidentData, Summary: "fix", Opened: requirement.MustParseDate("2025-01-01"), Closed: requirement.MustParseDate("2025-02-01")},
			{ID: "I-2", Practice: practice.SI, Source: SourceInternalAudit, Audit: "A-1", Summary: "fix", Opened: requirement.MustParseDate("2025-03-01"), Closed: requirement.MustParseDate("2025-04-01")},
		},
		Audits: []Audit{{ID: "A-1", Date: requirement.MustParseDate("2025-02-20"), Auditor: "QA", Practices: []practice.Practice{practice.SI}}},
	}
}

// siOptions pins the expected artifacts so the tests do not depend on the
// catalog's (provisional) artifact data.
func siOptions(applicable ...requirement.ID) *Options {
	return &Options{
		Applicable: applicable,
		Artifacts: map[requirement.ID][]requirement.ArtifactKind{
			requirement.SI1: {requirement.ArtifactImplementationReviewRecord},
			requirement.SI2: {requirement.ArtifactCodingStandard, requirement.ArtifactCodingStandardCompliance},
			requirement.SI3: {requirement.ArtifactStaticAnalysisReport},
		},
	}
}

func without(m *Manifest, ids ...string) *Manifest {
	m.Evidence = slices.DeleteFunc(m.Evidence, func(e Evidence) bool { return slices.Contains(ids, e.ID) })
	return m
}

func evidence(m *Manifest, id string) *Evidence {
	for i := range m.Evidence {
		if m.Evidence[i].ID == id {
			return &m.Evidence[i]
		}
	}
	panic("no evidence " + id)
}

func loadFixture(t testing.TB) *Manifest {
	t.Helper()
	f, err := os.Open("testdata/plc-family.json")
	require.NoError(t, err)
	defer f.Close()
	m, err := Decode(f, nil)
	require.NoError(t, err)
	return m
}

func gapKinds(gs []Gap) []GapKind {
	out := make([]GapKind, len(gs))
	for i, g := range gs {
		out[i] = g.Kind
	}
	return out
}

// testNow is the assessment date of the tests, after every record of the
// fixtures and of the tests' own records.
var testNow = time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)
