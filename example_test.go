package iec62443_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/soa"
)

// Assess the example dossier (a PLC with remote maintenance and a VPN
// function) and print where it stands. The README's quick start is this code.
func ExampleAssess() {
	// os.Root keeps every file the dossier names inside its directory
	// (os.DirFS would follow a symlink out of it).
	root, err := os.OpenRoot("examples/assess/dossier")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer root.Close()
	ctx := context.Background()
	d, err := iec62443.Load(ctx, root.FS(), "dossier.json", nil)
	if err != nil {
		fmt.Println(err) // every problem, located by file and JSON pointer
		return
	}
	// The SDK never reads the clock: the assessment date is a parameter.
	rep, err := iec62443.Assess(ctx, d, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := rep.Classification
	fmt.Println("CRA class:", c.CRAClass, "| category:", c.Category, "| profile:", c.Profile)
	v := rep.Verdict // the A11 draft's ML3 demand as the SDK models it; not a presumption of conformity
	fmt.Println("verdict:", v.Outcome, "| published requirements:", v.PublishedOutcome, "| provisional modelling:", v.ProvisionalOutcome)
	fmt.Println("first action:", rep.NextActions[0].Requirement, rep.NextActions[0].Title)
	// Output:
	// CRA class: important-class-i | category: C3 | profile: SP2
	// verdict: fail | published requirements: fail | provisional modelling: fail
	// first action: SM-17 Technical documentation
}

// Load reports every problem of a dossier and the files it references in one
// error, each located by file and JSON pointer.
func ExampleLoad() {
	root, err := os.OpenRoot("testdata/bad-dossier")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer root.Close()
	_, err = iec62443.Load(context.Background(), root.FS(), "dossier.json", nil)
	fmt.Println(err)
	// Output:
	// iec62443: dossier: /advisories/0/published: does not match pattern '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' (schema pattern) (and 14 more problems)
}

// Build a whole dossier in code, without files: a risk register, an evidence
// manifest, test records and the manufacturer's overrides of the statement of
// applicability, then assess it. A GRC tool that keeps this data in its own
// database builds the dossier the same way.
func Example_dossierInCode() {
	day := requirement.MustParseDate

	// The maturity evidence: the scope (one project, one release) and the
	// records an assessor looks at. Records dated after the assessment date
	// would count for nothing.
	manifest := &maturity.Manifest{
		SchemaVersion: maturity.SchemaVersion,
		Organisation:  "Example Automation AG",
		Scope: maturity.Scope{Projects: []maturity.Project{{
			ID: "gw", Name: "Field gateway",
			Releases: []maturity.Release{{ID: "1.0", PlacedOnMarket: day("2026-06-01"), SupportEnd: day("2031-06-01")}},
		}}},
		Procedures: []maturity.Procedure{{
			ID: "PROC-SM", Practice: practice.SM, Title: "Secure development process",
			URI: "https://docs.example/sdl", Approver: "CTO", Approved: day("2026-01-15"),
		}},
		Evidence: []maturity.Evidence{{
			ID: "EV-1", Kind: requirement.ArtifactProcessDescription, Requirements: []requirement.ID{requirement.SM1},
			URI: "https://docs.example/sdl", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
			Produced: day("2026-01-10"), Producer: "Quality office", RetentionUntil: day("2036-06-01"),
		}},
	}

	d := &iec62443.Dossier{
		SchemaVersion: iec62443.DossierSchemaVersion,
		Edition:       requirement.EditionA11, // required: there is no default edition
		Product:       iec62443.Product{Name: "Field gateway", Version: "1.0"},
		Manufacturer:  iec62443.Manufacturer{Name: "Example Automation AG"},
		Context: annex.Context{Kind: annex.KindSoftware, Exposure: annex.ExposurePlantNetwork, TargetSLC: 2,
			SupportPeriod: annex.SupportPeriod{Months: 60, Rationale: "Gateways of this kind are replaced after five years."}},
		Register: &risk.Register{
			SchemaVersion: risk.SchemaVersion,
			Product:       risk.Product{Name: "Field gateway", Version: "1.0"},
			IntendedUse: risk.IntendedUse{Purpose: "Forward sensor data from the plant network to the historian",
				Environment: "industrial plant network behind a firewall"},
		},
		Evidence: manifest,
		TestRecords: []annex.TestRecord{{
			ID: "TR-1", Module: annex.ModuleStaticCodeAnalysis, Tool: "staticcheck", ToolVersion: "2025.1",
			Date: day("2026-05-20"), Tester: "Build pipeline", Independence: annex.IndependenceNone, Findings: "none",
		}},
		// The manufacturer's statement beyond the risk-driven applicability:
		// SM-10 does not apply, with the reason, and SM-1 is verified.
		SoA: iec62443.SoAInput{Author: "Product security officer", Overrides: []soa.Override{
			{Requirement: requirement.SM10, Decision: soa.NotApplicable,
				Justification: "The gateway ships without third-party security patches to manage: it runs no third-party code."},
			{Requirement: requirement.SM1, Status: soa.StatusVerified, Owner: "Quality office"},
		}},
		CVD: iec62443.CVD{PolicyURL: "https://example.com/security", Contact: "psirt@example.com"},
	}

	rep, err := iec62443.Assess(context.Background(), d, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range rep.SoA.Entries {
		if e.Requirement == requirement.SM10 || e.Requirement == requirement.SM1 {
			fmt.Printf("%s: %s, %s\n", e.Requirement, e.Decision, e.Status)
		}
	}
	fmt.Println("profile:", rep.Classification.Profile, "| test plan modules:", len(rep.TestPlan.Modules))
	fmt.Println("SBOM given:", rep.SBOM != nil, "| verdict holds:", rep.Verdict.Holds)
	// Output:
	// SM-1: applicable, verified
	// SM-10: not-applicable, unset
	// profile: SP2 | test plan modules: 11
	// SBOM given: false | verdict holds: false
}

// Every rule the SDK can report is in one registry: its package, default
// severity, requirement per edition and basis.
func ExampleLookupRule() {
	r, _ := iec62443.LookupRule(requirement.RuleID("dossier.no-reporting-contact"))
	fmt.Println(r.ID, r.Severity, r.Basis)
	for _, ref := range r.Requirements {
		fmt.Println(" ", ref)
	}
	// Output:
	// dossier.no-reporting-contact high published
	//   A11:DM-7
	//   2018:DM-1
}
