// Package iec62443 is the entry point of an SDK that models the secure product
// development lifecycle standard EN IEC 62443-4-1:2018 and its European CRA
// amendment A11:2026 (a draft) as typed requirements, so that tool vendors and
// platform teams can build compliance automation on it: CI gates, evidence
// collectors, GRC portals, SBOM pipelines and audit reports.
//
// # Map of the SDK
//
// The packages are layered; imports only point down (a test enforces it):
//
//	layer 0  practice     the practices of each edition and their numbering
//	layer 1  requirement  IDs, editions, the catalogs, delta, overlays, Finding
//	layer 2  annex        Annex B context -> category and profile; Annex D test
//	                      modules; Annex F/G and CRA mappings; CRA clocks
//	layer 3  maturity     ML1..ML4 from evidence; the ML3 verdict (uses the
//	                      CRA clocks of annex)
//	layer 3  risk         Annex C risk register, workflow and applicability
//	layer 3  sbom         component inventory, CycloneDX/SPDX, TR-03183-2, VEX
//	layer 4  soa          Annex E statement of applicability
//	layer 5  iec62443     Dossier, Assess, Report (this package)
//
// # Data flow
//
// One product, one assessment: a dossier (JSON or YAML) holds the product and
// its Annex B context, the intended use and risk register, evidence records,
// test records, the SBOM and SoA overrides. The context gives the category and
// security profile (annex), which give the Annex D test plan; the risk register
// gives the applicability of each requirement (risk); evidence gives maturity
// per requirement and practice (maturity); the SBOM gives the component
// inventory and its conformance (sbom); all of it resolves into the statement
// of applicability (soa). The report combines SoA, findings, maturity, the
// ML3 presumption-of-conformity verdict, CRA coverage, the test plan and open
// CRA deadlines.
//
// # Entry points
//
// [Load] (or [Decode], [DecodeYAML]) reads a [Dossier] and the files it
// references through an fs.FS, reporting every problem with its file and JSON
// pointer. [Assess] turns it into a [Report] with [Options].Now as the
// assessment time; [Report.WriteMarkdown], [Report.WriteJSON] and
// [Report.WriteHTML] render it. [Report.Verdict] holds the presumption of
// conformity verdict at ML3, [Report.NextActions] the gaps worth closing first.
// examples/assess wraps all of this in a CI gate with exit statuses 0, 1, 2.
//
// # Concurrency
//
// Everything read-only is safe for concurrent use: catalogs, compiled schemas,
// rule tables, and a loaded [Dossier] that nobody modifies (Assess does not
// modify it). Reports are plain values owned by the caller.
//
// # Stability
//
// The dossier (schema_version "1") and report (schema_version "1") formats
// and the API are stable before v1 only as far as the API snapshot in api/
// records; CHANGELOG.md lists every change. Finding rule IDs are stable.
// Everything that models the A11 draft is experimental (see each package).
//
// # Limitations
//
// A11 is a draft not yet cited in the Official Journal of the EU; its content
// is modelled from public commentary and marked provisional throughout. No
// normative text of the standard is shipped. The SDK is not legal advice.
//
// A dossier of edition 2018 is assessed against the 2018 catalog, but the
// rules of the packages name the A11 requirements they evidence: a finding
// whose A11 requirement the 2018 catalog lacks names the 2018 requirement it
// supersedes, or none (the A11 ID stays in the message). IDs that both
// editions use with different meanings (SR-1 to SR-3) are named in the sense
// of the rule that raised them. Migrate the statement of applicability to A11
// ([soa.Migrate]) for an assessment that speaks one edition throughout.
package iec62443
