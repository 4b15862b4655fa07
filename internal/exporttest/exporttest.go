// Package exporttest is test support for the export packages (oscal, sarif,
// attest): the synthetic catalog, statement and report their benchmarks and
// tests share. Only test files import it.
package exporttest

import (
	"fmt"
	"testing"
	"time"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// SyntheticCatalog is the A11 catalog filled up to every ID the ID syntax
// allows (nine practices, numbers 1 to 99: 891 requirements), the largest
// catalog an overlay can build, each addition with a summary, a two-item
// enumeration, an artifact kind and provenance.
func SyntheticCatalog(tb testing.TB) *requirement.Catalog {
	tb.Helper()
	base := requirement.Default()
	ov := &requirement.Overlay{SchemaVersion: requirement.OverlaySchemaVersion, Edition: base.Edition(), CatalogVersion: "A11 synthetic 891"}
	for _, p := range base.Practices() {
		clause, _ := p.Clause(base.Edition())
		for n := 1; n <= 99; n++ {
			id := requirement.ID(fmt.Sprintf("%s-%d", p.Prefix(), n))
			if base.Has(id) {
				continue
			}
			ov.Add = append(ov.Add, requirement.OverlayAdd{
				ID: id, Clause: fmt.Sprintf("%s.%d", clause, n), Title: "Synthetic requirement " + string(id),
				Summary:     "A synthetic requirement that asks for a documented, reviewed and verified activity of its practice.",
				Artifacts:   []requirement.ArtifactKind{requirement.ArtifactProcessDescription},
				Lists:       []requirement.List{{Name: "elements", Items: []requirement.Item{{Label: "a", Text: "plan it"}, {Label: "b", Text: "record it"}}}},
				Provenance:  []requirement.Provenance{{Source: "synthetic", Locator: "benchmark", Confidence: requirement.ConfidenceUncertain}},
				Provisional: true,
			})
		}
	}
	cat, err := base.Apply(ov)
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// SyntheticStatement is a statement over cat: every tenth requirement
// excluded, the others implemented with one evidence artifact each.
func SyntheticStatement(cat *requirement.Catalog) *soa.Statement {
	st := &soa.Statement{Metadata: soa.Metadata{
		Product: soa.Product{Name: "Synthetic", Version: "1", Manufacturer: "Bench GmbH"},
		Edition: cat.Edition(), CatalogVersion: cat.Version(), Author: "PSO", Issued: requirement.MustParseDate("2026-01-01"),
	}}
	i := 0
	for r := range cat.All() {
		e := soa.Entry{Requirement: r.ID(), Title: r.Title(), Decision: soa.Applicable, Basis: soa.BasisRisk, Status: soa.StatusImplemented,
			Justification: "Applies: the risk register relies on it.", Risks: []string{"R-01"},
			Evidence: []soa.EvidenceRef{{URI: fmt.Sprintf("https://dms.example/ev/%d", i), SHA256: fmt.Sprintf("%064x", i), Date: requirement.MustParseDate("2025-12-01"), Kind: requirement.ArtifactProcessDescription, Description: "record"}}}
		if i%10 == 0 {
			e = soa.Entry{Requirement: r.ID(), Title: r.Title(), Decision: soa.NotApplicable, Basis: soa.BasisContext, Justification: "Out of scope for this product."}
		}
		st.Entries = append(st.Entries, e)
		i++
	}
	return st
}

// SyntheticReport is a report over the synthetic statement, assessed at
// now, with one finding per requirement.
func SyntheticReport(cat *requirement.Catalog, now time.Time) *iec62443.Report {
	st := SyntheticStatement(cat)
	rep := &iec62443.Report{Edition: cat.Edition(), CatalogVersion: cat.Version(), AssessedAt: now,
		Product: iec62443.Product{Name: "Synthetic", Version: "1"}, Manufacturer: iec62443.Manufacturer{Name: "Bench GmbH"}, SoA: st}
	g := iec62443.FindingGroup{Source: iec62443.SourceSoA, Document: "soa.json"}
	for i, e := range st.Entries {
		g.Findings = append(g.Findings, requirement.Finding{Rule: "soa.not-verified", Severity: requirement.SeverityLow, Basis: requirement.BasisProvisional,
			Edition: cat.Edition(), Requirement: e.Requirement, Pointer: fmt.Sprintf("/entries/%d/status", i), Subject: string(e.Requirement), Message: "implemented but not verified"})
	}
	rep.Findings = []iec62443.FindingGroup{g}
	return rep
}
