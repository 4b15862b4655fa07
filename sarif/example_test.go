package sarif_test

import (
	"bytes"
	"encoding/json"
	"fmt"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/sarif"
)

// The findings of a report as a SARIF log for a code-scanning tool: each
// result names its rule, its level and where it is.
func ExampleEncodeReport() {
	rep := &iec62443.Report{
		Edition: requirement.EditionA11, CatalogVersion: "A11 draft 2026.1",
		Findings: []iec62443.FindingGroup{{
			Source:   iec62443.SourceCRA,
			Findings: []requirement.Finding{{Rule: requirement.RuleID("dossier.no-cvd-policy"), Severity: requirement.SeverityHigh, Basis: requirement.BasisPublished, Requirement: "DM-7", Edition: requirement.EditionA11, Pointer: "/cvd", Message: "no coordinated vulnerability disclosure policy is published"}},
		}},
	}
	var buf bytes.Buffer
	if err := sarif.EncodeReport(&buf, rep, &sarif.Options{Dossier: "compliance/dossier.json"}); err != nil {
		fmt.Println(err)
		return
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
					LogicalLocations []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
					} `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		fmt.Println(err)
		return
	}
	r := log.Runs[0].Results[0]
	fmt.Println(r.RuleID, r.Level)
	fmt.Println(r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	fmt.Println(r.Locations[0].LogicalLocations[0].FullyQualifiedName)
	// Output:
	// dossier.no-cvd-policy error
	// compliance/dossier.json
	// compliance/dossier.json#/cvd
}
