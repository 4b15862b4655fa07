// Package attest writes the SDK's catalogs and assessments as CycloneDX
// attestations (CDXA, CycloneDX 1.6 and later), the format SBOM platforms
// read, through cyclonedx-go's own types, and reads the claims back.
//
// # Catalogs as standards
//
// [EncodeCatalog] writes the catalog of an edition as a standard in a
// CycloneDX document's definitions: each practice a requirement without
// parent, each requirement under its practice, with its summary as text, its
// enumerations as descriptions, and the SDK's modelling (clause,
// provisional mark, lifecycle, superseded IDs, artifact kinds, provenance) as
// properties named [PropertyPrefix]+name.
//
// # Assessments as declarations
//
// [EncodeAssessment] writes an assessment ([iec62443.Report]) as the
// declarations of a CycloneDX document that also defines the catalog used:
// the assessor, the targets (the product and its manufacturer), one claim
// per entry of the statement of applicability, with the entry (decision,
// basis, status) and the artifacts (URI, date, SHA-256 digest) as evidence,
// the findings against the requirement as counter-evidence and what closes
// them as mitigation strategy, and one attestation that maps every
// requirement to its claim with a conformance score and its rationale
// ([ClaimsOf] says how the score follows from the status and the gaps).
// [DecodeClaims] reads the claims back: encoding a report and decoding the
// result gives ClaimsOf of the report.
//
// Attestations need CycloneDX 1.6 or later: asked for an earlier version,
// the encoders fail with problem.ErrNotRepresentable rather than drop the
// definitions and declarations. The output is deterministic (serial numbers
// are version 5 UUIDs of stable names) and validates against the official
// CycloneDX 1.6 and 1.7 JSON schemas (the tests check it offline).
//
// # Limitations
//
// The A11 amendment is a draft: its catalog, and an assessment against it,
// are provisional, and the documents say so (properties and the
// attestation's summary). The conformance score is the SDK's convention, not
// a measure the standard defines. Findings that name no requirement belong
// to no claim, and findings a report left out by its per-rule cap are not
// written. The package does not sign: CycloneDX signatures (JSF) and an
// affirmation are left to the tool that publishes the document.
// [DecodeClaims] reads what [EncodeAssessment] writes; it does not validate
// a document against the CycloneDX schema.
package attest
