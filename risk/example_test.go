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

// Evaluate the example register of a PLC with remote maintenance access as
// of a date: where its risk chain is broken, and the workflow state of the
// product and of each risk (one evaluation, however many risks are asked
// about).
func ExampleEvaluate() {
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
	e, err := risk.Evaluate(reg, nil, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	r17, _ := e.RiskState("R-17")
	fmt.Println("threats:", len(reg.Threats), "state:", e.State, "R-17:", r17)
	for _, f := range e.Findings {
		fmt.Println(f.Severity, f.Rule, f.Basis, f.Edition, f.Requirement, f.Subject, f.Pointer)
	}
	// Output:
	// threats: 18 state: verified R-17: verified
	// medium risk.verification-claim-invalid provisional A11 SRM-5 V-11 /verifications/10/threats/0
	// high risk.review-overdue published A11 SRM-6  /reviews
	// medium risk.review-stale published A11 SRM-6 T-18 /threats/17/identified
}

// Write the evaluated register as a Markdown summary for reviewers.
func ExampleRenderMarkdown() {
	reg := &risk.Register{
		SchemaVersion: risk.SchemaVersion,
		Product:       risk.Product{Name: "Pump controller"},
		IntendedUse:   risk.IntendedUse{Purpose: "Control a pump.", Environment: "Water plant."},
		State:         risk.StateContextDefined,
	}
	e, err := risk.Evaluate(reg, nil, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	var b strings.Builder
	if err := risk.RenderMarkdown(&b, e, nil); err != nil {
		fmt.Println(err)
		return
	}
	out := b.String()
	fmt.Println(out[:strings.Index(out, "\n\n## Intended use")])
	fmt.Println(out[strings.Index(out, "## Findings"):])
	// Output:
	// # Security risk register: Pump controller
	//
	// - Released: no
	// - Workflow state (from the data, provisional modelling of Annex C): **context-defined** (declared: context-defined)
	// - Assessed as of: 2026-11-22 against catalog A11 draft 2026.1
	// - Last review: none
	// - Acceptance criteria: ratings up to **low** may be accepted
	// ## Findings
	//
	// Basis: published text, or the SDK's provisional modelling of the A11 draft.
	//
	// | Severity | Rule | Basis | Requirement | Subject | Location | Message |
	// |---|---|---|---|---|---|---|
	// | medium | risk.workflow-in-progress | provisional | A11 SRM-3 |  | `/state` | the register declares state context-defined: 1 gap(s) of later workflow states are work in progress, not reported one by one (risk.no-threats); next: model at least one threat |
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
	// SD-2 applies=true basis=risk-driven risks=R-12
	// SVV-4 applies=true basis=baseline risks=
	// SI-3 applies=true basis=baseline risks=
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
