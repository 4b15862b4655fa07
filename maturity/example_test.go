package maturity_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Assess the evidence manifest of a PLC product family and explain one level.
func ExampleAssess() {
	f, err := os.Open("testdata/plc-family.json")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	m, err := maturity.Decode(f, nil)
	if err != nil {
		log.Fatal(err)
	}
	// The assessment date: the package never reads the clock.
	now := time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)
	a, err := maturity.Assess(m, now, nil) // every requirement of the A11 catalog applies
	if err != nil {
		log.Fatal(err)
	}
	sg, _ := a.Practice(practice.SG)
	fmt.Println("SG:", sg.Level, sg.Level.Title())

	r, _ := a.Requirement(requirement.SVV4)
	fmt.Println("SVV-4:", r.Level)
	for _, g := range r.Next() {
		fmt.Println(" ", g.Kind, g.Artifact, g.Project, g.Release)
	}
	// Output:
	// SG: ML1 Initial
	// SVV-4: ML2
	//   missing-artifact penetration-test-report nx-io 2.1
}

// Decide the ML3 verdict for an important product (CRA Annex III, class I).
func ExampleAssessment_Verdict() {
	f, err := os.Open("testdata/plc-family.json")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	m, err := maturity.Decode(f, nil)
	if err != nil {
		log.Fatal(err)
	}
	a, err := maturity.Assess(m, time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC), nil)
	if err != nil {
		log.Fatal(err)
	}
	// Callers derive this from annex.CRAClass.Important().
	important := true
	v, err := a.Verdict(maturity.ObligationFor(important))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("ML3", v.Obligation, "->", v.Outcome)
	for _, c := range v.Checks {
		fmt.Println(" ", c.Check, c.Outcome)
	}
	fmt.Println(v.Reasons[len(v.Reasons)-1])
	// Output:
	// ML3 mandatory -> fail
	//   security-by-design pass
	//   vulnerability-handling fail
	//   secure-coding pass
	//   delivery-integrity pass
	//   artifact-retention fail
	// artifact-retention: nx-studio 2025.1: 1 record(s) kept for less than the required period ending 2035-06-02: EV-0224 (extend retention_until)
}

func ExampleLevel() {
	for _, l := range maturity.Levels() {
		fmt.Printf("%s %s\n", l, l.Title())
	}
	fmt.Println(maturity.ML2 < maturity.ML3)
	// Output:
	// ML1 Initial
	// ML2 Managed
	// ML3 Defined (Practiced)
	// ML4 Improving
	// true
}

// Every problem in a manifest is reported, located by a JSON pointer.
func ExampleDecode_errors() {
	doc := `{
	  "schema_version": "1",
	  "scope": {"projects": [{"id": "nx-cpu", "releases": [{"id": "4.0"}]}]},
	  "evidence": [{
	    "id": "EV-1", "kind": "threat-model", "requirements": ["SRM-3", "SRM-42"],
	    "project": "nx-cpu", "release": "5.0",
	    "uri": "https://dms.example/tm", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	    "produced": "2025-01-10", "producer": "architect"
	  }]
	}`
	_, err := maturity.Decode(strings.NewReader(doc), nil)
	var errs problem.List
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Println(e.Pointer, "|", errors.Is(e, problem.ErrUnknownID), errors.Is(e, problem.ErrDanglingReference))
		}
	}
	// Output:
	// /evidence/0/release | false true
	// /evidence/0/requirements/1 | true false
}

// Build a manifest in code (one project, one release, a threat model and
// the SRM procedure and training behind it), validate it and assess it. A
// record dated after the assessment date counts for nothing and is a
// finding.
func ExampleManifest() {
	day := requirement.MustParseDate
	m := &maturity.Manifest{
		SchemaVersion: maturity.SchemaVersion,
		Organisation:  "Example GmbH",
		Scope: maturity.Scope{Projects: []maturity.Project{{
			ID:       "gateway",
			Releases: []maturity.Release{{ID: "1.0", PlacedOnMarket: day("2026-03-01"), SupportEnd: day("2031-03-01")}},
		}}},
		Evidence: []maturity.Evidence{{
			ID: "EV-1", Kind: requirement.ArtifactThreatModel, Requirements: []requirement.ID{requirement.SRM3},
			Project: "gateway", Release: "1.0", URI: "https://dms.example/gateway/threat-model",
			SHA256:   "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
			Produced: day("2026-01-20"), Producer: "architect", RetentionUntil: day("2036-12-31"),
		}},
		Procedures: []maturity.Procedure{{ID: "P-SRM", Practice: practice.SRM, Title: "Threat and risk management",
			URI: "https://dms.example/p-srm", Approver: "CISO", Approved: day("2025-11-01")}},
		Competence: []maturity.Competence{{Person: "architect", Role: "architect", Kind: maturity.CompetenceTraining,
			Practices: []practice.Practice{practice.SRM}, Date: day("2025-12-01"), Verified: true}},
		Metrics: []maturity.Metric{{ID: "M-1", Practice: practice.SRM, Name: "threat models reviewed per release",
			Target: "100 %", Reviewed: day("2027-06-30")}}, // a review from the future
	}
	if err := m.Validate(nil); err != nil {
		log.Fatal(err)
	}
	a, err := maturity.Assess(m, time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC), &maturity.Options{
		Applicable: []requirement.ID{requirement.SRM3},
		Artifacts:  map[requirement.ID][]requirement.ArtifactKind{requirement.SRM3: {requirement.ArtifactThreatModel}},
	})
	if err != nil {
		log.Fatal(err)
	}
	r, _ := a.Requirement(requirement.SRM3)
	fmt.Println("SRM-3:", r.Level)
	for _, f := range a.Ignored {
		fmt.Println(f.Rule, f.Subject, f.Pointer)
	}
	// Output:
	// SRM-3: ML3
	// maturity.dated-after-assessment M-1 /metrics/0/reviewed
}
