package attest_test

import (
	"bytes"
	"fmt"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/attest"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// An assessment as CycloneDX attestations, and its claims read back.
func ExampleEncodeAssessment() {
	rep := &iec62443.Report{
		Edition: requirement.EditionA11, CatalogVersion: requirement.Default().Version(),
		AssessedAt:   time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC),
		Product:      iec62443.Product{Name: "Acme PLC-7", Version: "3.3"},
		Manufacturer: iec62443.Manufacturer{Name: "Acme Automation GmbH"},
		SoA: &soa.Statement{Entries: []soa.Entry{
			{Requirement: "SM-1", Title: "Development process", Decision: soa.Applicable, Status: soa.StatusVerified, Justification: "Baseline: one process for every product."},
			{Requirement: "SM-15", Title: "Software bill of materials", Decision: soa.Applicable, Status: soa.StatusImplemented, Justification: "The firmware ships third-party components."},
			{Requirement: "SG-7", Title: "Documentation of responsibilities", Decision: soa.NotApplicable, Justification: "Sold only through integrators, who take it over."},
		}},
		Findings: []iec62443.FindingGroup{{Findings: []requirement.Finding{
			{Rule: "sbom.hash-sha512", Severity: requirement.SeverityHigh, Requirement: "SM-15", Message: "component \"zlib\" has no SHA-512 hash"},
		}}},
	}
	var buf bytes.Buffer
	if err := attest.EncodeAssessment(&buf, rep, nil); err != nil {
		fmt.Println(err)
		return
	}
	claims, err := attest.DecodeClaims(&buf, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range claims {
		fmt.Printf("%s %s %.2f %s\n", c.Requirement, c.Decision, c.Conformance, c.Rationale)
	}
	// Output:
	// SM-1 applicable 1.00 status verified scores 1.
	// SM-15 applicable 0.50 status implemented scores 0.75; 1 high or critical finding open, so the score is capped at 0.5.
	// SG-7 not-applicable 0.00
}

// Attestations need CycloneDX 1.6: an earlier version is refused rather than
// written without them.
func ExampleEncodeCatalog() {
	var buf bytes.Buffer
	err := attest.EncodeCatalog(&buf, nil, &attest.Options{SpecVersion: cdx.SpecVersion1_5})
	fmt.Println(err)
	// Output:
	// attest: encode catalog: CycloneDX 1.5 has no definitions and declarations (want 1.6 or later): not representable in the target format
}
