package sbom_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/sbom"
)

const exampleSBOM = `{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "version": 1,
  "metadata": {
    "timestamp": "2026-03-01T10:00:00Z",
    "authors": [{"name": "ACME PSIRT", "email": "psirt@acme.example"}],
    "component": {"bom-ref": "gw", "type": "firmware", "name": "gateway-fw", "version": "4.2.0",
      "manufacturer": {"name": "ACME", "url": ["https://acme.example"]},
      "hashes": [{"alg": "SHA-512", "content": "` + "83e9194735627b5c5169f7095e6e30103b954e4c7bb7f430390f950c64477013cecc1a48d5d9873f3b8b9d64ab7cb804df61ae2af36fe0f4d518d8615256e8fc" + `"}],
      "licenses": [{"expression": "LicenseRef-acme-proprietary", "acknowledgement": "concluded"}],
      "purl": "pkg:generic/acme/gateway-fw@4.2.0",
      "properties": [{"name": "bsi:component:filename", "value": "gateway-fw-4.2.0.bin"},
        {"name": "bsi:component:executable", "value": "executable"},
        {"name": "bsi:component:archive", "value": "no archive"},
        {"name": "bsi:component:structured", "value": "unstructured"}]}
  },
  "components": [
    {"bom-ref": "zlib", "type": "library", "name": "zlib", "version": "1.3.1",
      "manufacturer": {"name": "zlib project", "url": ["https://zlib.net"]},
      "licenses": [{"license": {"id": "Zlib", "acknowledgement": "concluded"}}],
      "purl": "pkg:generic/zlib@1.3.1",
      "properties": [{"name": "bsi:component:executable", "value": "non-executable"},
        {"name": "bsi:component:archive", "value": "no archive"},
        {"name": "bsi:component:structured", "value": "structured"}]}
  ],
  "dependencies": [{"ref": "gw", "dependsOn": ["zlib"]}, {"ref": "zlib", "dependsOn": []}],
  "compositions": [{"aggregate": "complete", "dependencies": ["gw", "zlib"]}]
}`

// Check an SBOM against BSI TR-03183-2 v2.1.0: the verdict and why, then
// the gaps, each naming the component by bom-ref (Subject) and JSON
// pointer.
func ExampleCheckCycloneDX() {
	rep, err := sbom.CheckCycloneDX(context.Background(), strings.NewReader(exampleSBOM), sbom.EncodingJSON, sbom.ProfileTR03183v2_1, nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %s, score %.2f, %d components\n", rep.Profile, rep.Outcome, rep.Score, rep.Components)
	for _, r := range rep.Reasons {
		fmt.Println("  because", r)
	}
	for _, f := range rep.Findings {
		fmt.Printf("%s %s %s %s\n", f.Severity, f.Rule, f.Subject, f.Pointer)
	}
	// Output:
	// bsi-tr-03183-2-v2.1.0: fail, score 80.48, 2 components
	//   because required rule sbom.component-filename failed for 1 of 2 components
	//   because required rule sbom.hash-sha512 failed for 1 of 2 components
	// high sbom.component-filename zlib /components/0/properties
	// high sbom.hash-sha512 zlib /components/0/hashes
	// low sbom.deployable-uri zlib /components/0/externalReferences
	// low sbom.deployable-uri gw /metadata/component/externalReferences
	// low sbom.original-licence zlib /components/0/licenses
	// low sbom.original-licence gw /metadata/component/licenses
	// low sbom.source-uri zlib /components/0/externalReferences
	// low sbom.source-uri gw /metadata/component/externalReferences
}

// Emit a CSAF 2.0 VEX document for an inventory and one vulnerability.
func ExampleEncodeCSAFVEX() {
	inv, err := sbom.DecodeCycloneDX(context.Background(), strings.NewReader(exampleSBOM), sbom.EncodingJSON, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	stmts := []sbom.VEXStatement{{
		Vulnerability: "CVE-2026-10004",
		Components:    []string{"zlib"},
		Status:        sbom.StatusNotAffected,
		Justification: sbom.JustificationVulnerableCodeNotInExecutePath,
		Detail:        "The gateway never inflates data received from the network.",
	}}
	info := sbom.CSAFInfo{
		ID: "ACME-VEX-2026-0001", Title: "gateway-fw 4.2.0: CVE-2026-10004",
		PublisherName: "ACME PSIRT", PublisherNamespace: "https://psirt.acme.example",
	}
	released := time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)
	if err := sbom.EncodeCSAFVEX(os.Stdout, inv, stmts, info, released); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "document": {
	//     "category": "csaf_vex",
	//     "csaf_version": "2.0",
	//     "publisher": {
	//       "category": "vendor",
	//       "name": "ACME PSIRT",
	//       "namespace": "https://psirt.acme.example"
	//     },
	//     "title": "gateway-fw 4.2.0: CVE-2026-10004",
	//     "tracking": {
	//       "current_release_date": "2026-03-15T09:00:00Z",
	//       "id": "ACME-VEX-2026-0001",
	//       "initial_release_date": "2026-03-15T09:00:00Z",
	//       "revision_history": [
	//         {
	//           "date": "2026-03-15T09:00:00Z",
	//           "number": "1",
	//           "summary": "Current version."
	//         }
	//       ],
	//       "status": "final",
	//       "version": "1"
	//     }
	//   },
	//   "product_tree": {
	//     "full_product_names": [
	//       {
	//         "name": "gateway-fw 4.2.0",
	//         "product_id": "CSAFPID-0001",
	//         "product_identification_helper": {
	//           "hashes": [
	//             {
	//               "file_hashes": [
	//                 {
	//                   "algorithm": "sha512",
	//                   "value": "83e9194735627b5c5169f7095e6e30103b954e4c7bb7f430390f950c64477013cecc1a48d5d9873f3b8b9d64ab7cb804df61ae2af36fe0f4d518d8615256e8fc"
	//                 }
	//               ],
	//               "filename": "gateway-fw-4.2.0.bin"
	//             }
	//           ],
	//           "purl": "pkg:generic/acme/gateway-fw@4.2.0"
	//         }
	//       },
	//       {
	//         "name": "zlib 1.3.1",
	//         "product_id": "CSAFPID-0002",
	//         "product_identification_helper": {
	//           "purl": "pkg:generic/zlib@1.3.1"
	//         }
	//       }
	//     ],
	//     "relationships": [
	//       {
	//         "category": "default_component_of",
	//         "full_product_name": {
	//           "name": "zlib 1.3.1 as a component of gateway-fw 4.2.0",
	//           "product_id": "CSAFPID-0003"
	//         },
	//         "product_reference": "CSAFPID-0002",
	//         "relates_to_product_reference": "CSAFPID-0001"
	//       }
	//     ]
	//   },
	//   "vulnerabilities": [
	//     {
	//       "cve": "CVE-2026-10004",
	//       "notes": [
	//         {
	//           "category": "description",
	//           "text": "The gateway never inflates data received from the network.",
	//           "title": "VEX status"
	//         }
	//       ],
	//       "product_status": {
	//         "known_not_affected": [
	//           "CSAFPID-0003"
	//         ]
	//       },
	//       "flags": [
	//         {
	//           "label": "vulnerable_code_not_in_execute_path",
	//           "product_ids": [
	//             "CSAFPID-0003"
	//           ]
	//         }
	//       ]
	//     }
	//   ]
	// }
}

// Parse and normalise an SPDX licence expression.
func ExampleParseLicenseExpression() {
	e, err := sbom.ParseLicenseExpression("(mit OR Apache-2.0) AND GPL-2.0  WITH Classpath-exception-2.0")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e)
	fmt.Println(e.IDs(), "deprecated:", e.Deprecated())
	_, err = sbom.ParseLicenseExpression("MIT AND Zlib-2")
	fmt.Println(err)
	_, err = sbom.ParseLicenseExpression("MIT AND (Zlib")
	fmt.Println(err)
	// Output:
	// (mit OR Apache-2.0) AND GPL-2.0 WITH Classpath-exception-2.0
	// [mit Apache-2.0 GPL-2.0] deprecated: [GPL-2.0]
	// sbom: licence expression "MIT AND Zlib-2" names the identifier "Zlib-2", which is on neither the SPDX licence list nor its exception list (version 3.29.0); use the SPDX identifier, or LicenseRef-<entity>-<name> for a licence the list does not have: invalid value
	// sbom: licence expression "MIT AND (Zlib" is not a valid SPDX licence expression (open parenthesis does not have a matching close parenthesis): invalid value
}

// Match OSV records against the inventory: SEMVER ranges are decided,
// anything else stays undetermined, and what cannot be matched at all is
// listed as skipped.
func ExampleMatchOSV() {
	inv, err := sbom.DecodeCycloneDX(context.Background(), strings.NewReader(exampleSBOM), sbom.EncodingJSON, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	rec, err := sbom.DecodeOSV(context.Background(), strings.NewReader(`{"id": "OSV-2026-1", "modified": "2026-02-01T00:00:00Z",
	  "affected": [{"package": {"purl": "pkg:generic/zlib"},
	    "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.3.0"}, {"fixed": "1.3.2"}]}]},
	    {"package": {"ecosystem": "Bitnami", "name": "zlib"}, "versions": ["1.3.1"]}]}`), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := sbom.MatchOSV(context.Background(), inv, []*sbom.OSVRecord{rec})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range rep.Matches {
		fmt.Println(m.Vulnerability, m.Component, m.Status, "-", m.Reason)
	}
	for _, s := range rep.Skipped {
		fmt.Println("skipped", s.Pointer, "-", s.Reason)
	}
	// Output:
	// OSV-2026-1 zlib affected - version 1.3.1 is in a SEMVER range
	// skipped /affected/1/package - affected package 1 of OSV-2026-1 cannot be matched: its ecosystem "Bitnami" has no known purl type
}
