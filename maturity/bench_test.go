package maturity

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
)

// synthetic builds a manifest with n evidence records spread over three
// projects of two releases each, cycling through every (requirement,
// expected kind) pair of the catalog, plus procedures, competence, metrics
// and improvements for every practice.
func synthetic(n int) *Manifest {
	c := requirement.Default()
	type rk struct {
		id   requirement.ID
		kind requirement.ArtifactKind
	}
	var pairs []rk
	for r := range c.All() {
		kinds := r.Artifacts()
		if len(kinds) == 0 {
			kinds = []requirement.ArtifactKind{requirement.ArtifactProcessDescription}
		}
		for _, k := range kinds {
			pairs = append(pairs, rk{r.ID(), k})
		}
	}
	m := &Manifest{SchemaVersion: SchemaVersion}
	for p := range 3 {
		pr := Project{ID: fmt.Sprintf("p%d", p)}
		for r := range 2 {
			pr.Releases = append(pr.Releases, Release{ID: fmt.Sprintf("%d.0", r+1), PlacedOnMarket: requirement.MustParseDate("2025-01-01"), SupportEnd: requirement.MustParseDate("2032-01-01")})
		}
		m.Scope.Projects = append(m.Scope.Projects, pr)
	}
	m.Evidence = make([]Evidence, n)
	for i := range n {
		x := pairs[i%len(pairs)]
		slot := (i / len(pairs)) % 6
		m.Evidence[i] = Evidence{ID: fmt.Sprintf("EV-%d", i), Kind: x.kind, Requirements: []requirement.ID{x.id},
			Project: fmt.Sprintf("p%d", slot/2), Release: fmt.Sprintf("%d.0", slot%2+1),
			URI: "https://dms.example/x", SHA256: digest, Produced: requirement.MustParseDate("2025-01-01"), Producer: "ci",
			RetentionUntil: requirement.MustParseDate("2040-01-01")}
	}
	d := requirement.MustParseDate("2024-01-01")
	m.Audits = []Audit{{ID: "A", Date: d, Auditor: "qa", Practices: practice.Values()}}
	for _, p := range c.Practices() {
		m.Procedures = append(m.Procedures, Procedure{ID: "P-" + p.String(), Practice: p, Title: "t", URI: "u", Approver: "x", Approved: d})
		m.Competence = append(m.Competence, Competence{Person: "x", Role: "r", Kind: CompetenceTraining, Practices: []practice.Practice{p}, Date: d, Verified: true})
		m.Metrics = append(m.Metrics, Metric{ID: "M-" + p.String(), Practice: p, Name: "n", Target: "t", Reviewed: d})
		m.Improvements = append(m.Improvements,
			Improvement{ID: "I-" + p.String(), Practice: p, Source: SourceIncidentData, Summary: "s", Opened: d, Closed: d},
			Improvement{ID: "J-" + p.String(), Practice: p, Source: SourceInternalAudit, Audit: "A", Summary: "s", Opened: d, Closed: d})
	}
	return m
}

func BenchmarkAssess(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		m := synthetic(n)
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, err := Assess(m, testNow, nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := a.Verdict(ObligationMandatory); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		var buf bytes.Buffer
		if err := Encode(&buf, synthetic(n)); err != nil {
			b.Fatal(err)
		}
		data := buf.Bytes()
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(bytes.NewReader(data), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestSyntheticReachesML4(t *testing.T) {
	a, err := Assess(synthetic(2_000), testNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range a.Practices {
		if p.Level != ML4 {
			t.Errorf("%s at %s: %v", p.Practice, p.Level, p.Reasons)
		}
	}
}
