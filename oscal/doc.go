// Package oscal writes the SDK's catalogs in NIST OSCAL (JSON, OSCAL 1.2.2),
// the format GRC platforms read, and reads a licensee's OSCAL catalog
// (1.1.x or 1.2.x) back into a catalog of the SDK.
//
// # Catalogs
//
// [EncodeCatalog] writes the catalog of an edition as an OSCAL catalog: one
// group per practice, one control per requirement (the requirement ID is the
// control ID), the summary as the control's statement, each enumeration as a
// statement item, and the SDK's modelling (clause, provisional mark,
// lifecycle, superseded IDs, artifact kinds, provenance) as props in
// [Namespace]. [DecodeCatalog] reads an OSCAL catalog; [ImportCatalog] merges
// it into a catalog by control ID and returns the merge as a
// [requirement.Overlay] with an [ImportReport] of what did not match, so a
// licensee's OSCAL copy of the standard becomes the overlay that puts the
// normative text into the SDK. Exporting a catalog and importing the export
// into the embedded catalog gives the same catalog back.
//
// # Mappings and statements of applicability
//
// [EncodeMappings] writes the SDK's mapping tables (A11 Annex F to
// prEN 40000-1-2, Annex G to prEN 40000-1-3, and the CRA relationship of
// Annex ZZ) as an OSCAL 1.2 mapping collection: one map per table entry with
// its relationship, confidence, rationale and coverage, one map per joint
// set, and the unmapped requirements as gap summaries. [EncodeProfile] writes
// a statement of applicability as an OSCAL profile of its catalog: the
// selected and the excluded controls, with the decision, justification,
// status and evidence (URI and SHA-256 digest) of each.
//
// # Assessment results
//
// [EncodeAssessmentResults] writes an assessment ([iec62443.Report]) as OSCAL
// assessment results: the requirements in scope as reviewed controls, each
// finding of the report as an observation, the evidence of each requirement
// as an observation whose relevant evidence links the artifacts (URI and
// SHA-256 digest) in back matter, one finding per requirement in scope that
// says whether it is satisfied and links its observations and the risks
// that drive its decision, and the risks of the dossier's register.
//
// # Deterministic output
//
// Every UUID the package writes is a version 5 UUID (RFC 9562, SHA-1) of
// stable names in the name space of [Namespace]: the catalog's UUID comes
// from its edition and version, an assessment's from the product and the
// assessment time, the UUID of each part from the IDs of what it names, so exporting the same catalog twice gives the
// same document apart from the last-modified time, which the caller passes as
// now (the package never reads the clock).
//
// # Validation
//
// Every document the package writes validates against the official NIST
// OSCAL 1.2.2 complete JSON schema (the tests check it offline; catalogs are
// also checked against 1.1.3). Reading checks what the package uses against
// [CatalogReadSchema], a schema with the official types and patterns of those
// members, rather than embedding the official schema (300 KB) in every
// program.
//
// # Limitations
//
// The A11 amendment is a draft: the A11 catalog and everything derived from
// it is provisional, and the documents say so (a provisional prop on the
// document, every group and every control). The SDK ships no normative text:
// the statements of its catalogs are its own summaries, unless a licensee's
// overlay supplied the standard's text. OSCAL members the SDK does not model
// (parameters, back matter) are ignored when reading. An import never
// removes a requirement and cannot change what a requirement supersedes,
// nor clear a change or normative text; the report lists such differences.
package oscal
