package risk_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
)

// Validate the example register of a PLC with remote maintenance access and
// list where its risk chain is broken.
func ExampleValidate() {
	f, err := os.Open("testdata/plc-register.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	reg, err := risk.Decode(f, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	findings, err := risk.Validate(reg, now, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	state, _ := risk.DeriveState(reg, now)
	fmt.Println("threats:", len(reg.Threats), "state:", state)
	for _, f := range findings {
		fmt.Println(f.Severity, f.Rule, f.Requirement, f.Pointer)
	}
	// Output:
	// threats: 18 state: verified
	// medium risk.verification-claim-invalid SRM-5 /verifications/10/threats/0
	// high risk.review-overdue SRM-6 /reviews
	// medium risk.review-stale SRM-6 /threats/17/identified
}

// Decide which requirements apply to the PLC in category C3, and why.
func ExampleAssessApplicability() {
	f, err := os.Open("testdata/plc-register.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	reg, err := risk.Decode(f, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := risk.AssessApplicability(reg, requirement.Default(), annex.Category3, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []requirement.ID{requirement.SRM3, requirement.SD2, requirement.SVV4, requirement.SI3} {
		d, _ := a.Lookup(id)
		fmt.Printf("%s applies=%v basis=%s risks=%s\n", d.Requirement, d.Applies, d.Basis, strings.Join(d.Risks, ","))
	}
	// Output:
	// SRM-3 applies=true basis=baseline risks=
	// SD-2 applies=true basis=risk-driven risks=R-03,R-12
	// SVV-4 applies=true basis=context risks=
	// SI-3 applies=true basis=context risks=
}

// Walk the Annex C workflow: a step the data does not support is rejected.
func ExampleAdvance() {
	reg := &risk.Register{
		SchemaVersion: risk.SchemaVersion,
		Product:       risk.Product{Name: "Pump controller"},
		IntendedUse:   risk.IntendedUse{Purpose: "Control a pump.", Environment: "Water plant."},
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	fmt.Println(risk.Advance(reg, risk.StateContextDefined, now), reg.State)
	err := risk.Advance(reg, risk.StateThreatsModelled, now)
	fmt.Println(err)
	// Output:
	// <nil> context-defined
	// risk: product: transition context-defined -> threats-modelled: the register's data only supports context-defined; model at least one threat
}

// Import an OWASP Threat Dragon v2 model and see what needs completing.
func ExampleImportThreatDragon() {
	f, err := os.Open("testdata/threatdragon-plc.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	reg, report, err := risk.ImportThreatDragon(f, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("assets:", len(reg.Assets), "interfaces:", len(reg.Interfaces), "threats:", len(reg.Threats), "notes:", len(report.Notes))
	fmt.Println(reg.Threats[0].ID, reg.Threats[0].Category, reg.Risks[0].Treatment.Option, reg.Mitigations[0].Title)
	// Output:
	// assets: 7 interfaces: 4 threats: 8 notes: 20
	// T-1 tampering mitigate Sign control programs and verify the signature before loading.
}

// Score a CVSS vector attached to a risk.
func ExampleParseCVSS() {
	c, err := risk.ParseCVSS("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Version, c.Score, c.Severity)
	// Output: 3.1 9.6 CRITICAL
}

// Look up a rating on the register's matrix.
func ExampleMatrix_Rate() {
	r, err := risk.DefaultMatrix().Rate("medium", "high")
	fmt.Println(r.Name, r.Rank, err)
	// Output: high 3 <nil>
}

// Read a register written in YAML; problems are located by JSON pointer.
func ExampleDecodeYAML() {
	doc := `schema_version: "1"
product: {name: Pump controller}
intended_use: {purpose: Control a pump., environment: Water plant.}
threats:
  - {id: T-1, title: Spoofed operator, stride: spoofing}
risks:
  - {id: R-1, threats: [T-2], likelihood: low, impact: severe}
`
	_, err := risk.DecodeYAML(strings.NewReader(doc), nil)
	var list problem.List
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	// Output:
	// /risks/0/impact: risk "R-1": impact "severe" is not a level of the matrix (low, medium, high)
	// /risks/0/threats/0: risk "R-1": no threat has ID "T-2" (add it or fix the reference)
}
