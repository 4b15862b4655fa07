// Package soa models the statement of applicability (SoA) of
// EN IEC 62443-4-1 with its CRA amendment A11 (Annex E, a documentation
// template): for every requirement of the catalog, whether it applies to the
// product, why, which risks drive it, how far it is implemented, where the
// evidence is, who owns it and what maturity is targeted and reached.
//
// # Model
//
// A [Statement] is a document header ([Metadata]: product, manufacturer,
// edition and catalog version, Annex B category and profile, author,
// approver, dates, schema version) and one [Entry] per catalog requirement,
// in catalog order. An entry's decision ([Disposition]) is one of
// [Applicable], [NotApplicable], [Tailored] or [Inherited] (from a component
// or platform named in [Entry.InheritedFrom]), with its [DecisionBasis] and
// a justification that names that basis: the risks it rests on (with their
// ratings), the baseline rule, a legal source or the product context.
// [Status] (planned, in progress, implemented, verified) and the maturity
// levels ([maturity.Level]) are separate axes: applicability says whether a
// requirement is in scope, status how far its implementation got, maturity
// how consistently the process behind it is practised. An [EvidenceRef]
// references an artifact by URI, SHA-256 digest and date.
//
// Requirement IDs mean something only together with the statement's
// edition: A11's SR-1 (Product security requirements) is 2018's SR-3, and
// 2018's SR-1 (Product security context) is A11's SRM-2. Entries, overrides
// and findings name requirements of the catalog's edition (findings say
// which, [requirement.Finding.Edition]); text that [Migrate] carries from a
// 2018 statement names 2018 requirements as "2018 SR-1".
//
// A nil catalog means [requirement.Default], the A11 catalog, in every
// function of the package; pass the 2018 catalog
// (requirement.ForEdition(requirement.Edition2018)) for a 2018 statement.
//
// # Workflow
//
//   - [Resolve] builds a statement from a catalog, the applicability
//     assessment of package risk ([risk.Applicability]), the header and the
//     manufacturer's [Override] list. Entries whose decision and
//     justification come from the SDK's modelling are flagged
//     [FlagProvisional]; a baseline entry's justification names the baseline
//     rule of its practice and why it applies to every product. Overrides
//     that contradict the assessment stay visible ([Entry.Assessed],
//     [FlagOverride]).
//   - [Validate] checks a statement against its catalog.
//   - [Diff] lists the typed differences between two statements of one edition.
//   - [Migrate] turns a 2018 statement into an A11 one along
//     [requirement.Delta] and returns a [MigrationReport] that accounts for
//     every older entry.
//   - [Encode] and [Decode] write and read the JSON form, described by the
//     published JSON Schema ([Schema], [SchemaID], [SchemaVersion]).
//   - [RenderMarkdown] and [RenderHTML] render the statement in the layout
//     of an Annex E template (one table per practice); the HTML is one
//     self-contained page with an inline SVG summary per practice.
//     [RenderCSV] writes one table instead, as spreadsheets expect: its
//     first column names the practice, and the rows are grouped by practice
//     in the edition's practice order, so filtering on that column gives the
//     template's per-practice table. The three share one signature and
//     [RenderOptions].
//
// # Provisional content
//
// Every render marks what rests on the A11 draft or on the SDK's own
// modelling of it, where a person reads it: a caveat that A11 is a draft not
// cited in the Official Journal of the EU (so meeting it gives no
// presumption of conformity), and "(provisional)" next to requirements new
// in the draft, the Annex B classification and justifications the SDK wrote
// ([FlagProvisional]). A 2018 statement is marked too where it carries such
// content (a classification, the SDK's applicability rationale). The CSV
// form says it in its last column, provisional. Findings carry the basis of
// their rule ([Rules]): every rule of this package is the SDK's modelling of
// the A11 Annex E template, so every basis is provisional.
//
// # Problems in the document versus compliance gaps
//
// The package keeps the two apart, as the rest of the SDK does: a readable
// statement always yields its model and all of its findings, however
// incomplete it is.
//
//   - Input that cannot be read is an error: [Decode] and [Validate] return
//     a [problem.List] (wrapping problem.ErrInvalidDocument) with one located
//     error per problem, each classified by a sentinel. [Decode] finds
//     syntax, limit, duplicate-key and schema problems (problem.ErrSyntax,
//     ErrLimit, ErrDuplicateKey, ErrSchema; a schema_version other than "1"
//     is a schema problem). [Validate] finds what the schema cannot: a
//     statement of another edition than the catalog (ErrWrongEdition) or of
//     none (ErrUnknownEdition); an entry ID that is malformed
//     (ErrInvalidID), not in the catalog (ErrUnknownID), an ID or title of
//     the other edition (ErrWrongEdition) or given twice (ErrDuplicate); a
//     risk ID that is empty, repeated or (with [ValidateOptions.KnownRisks])
//     not in the register (ErrDanglingReference); a malformed evidence
//     reference; for statements built in code, what the schema would reject
//     (empty required fields, undefined enum values and flags).
//   - A readable statement that describes a product not (yet) meeting the
//     standard yields [requirement.Finding]s with stable rule IDs (listed
//     with their severity and basis by [Rules]): a
//     requirement without an entry; a justification that is missing, a
//     placeholder, shorter than [DefaultMinJustification] characters, or
//     that names no basis, for every decision (an unjustified exclusion is
//     high); an inherited decision without its source; a missing status;
//     applicable but only planned, in progress or not verified; verified or
//     implemented without evidence; no owner; achieved maturity below target
//     or not assessed (unknown, never a pass); an override contradicting the
//     assessment; an exclusion nobody confirmed; risks linked to a
//     not-applicable requirement; entries flagged by a migration; a missing
//     Annex B context; dates out of order; an unapproved statement. Every
//     finding names the entry's requirement as its subject and the catalog's
//     edition.
//
// # Concurrency
//
// All functions are safe for concurrent use; they never modify their
// arguments and keep no reference to them. A [Statement] is plain data: do
// not modify one while another goroutine reads it.
//
// # Limitations
//
// A11 is a draft not yet cited in the Official Journal of the EU: the Annex E
// template's real columns are not public, so the layout here (the columns of
// a typical SoA) is the SDK's own; requirement IDs, titles and clauses of A11
// are provisional (see package requirement). The decision vocabulary
// (tailored, inherited), the baseline rule and the finding rules are the
// SDK's modelling, not the standard's text. Whether a justification names
// its basis is judged from its words (risk IDs, and a fixed vocabulary of
// baseline, legal and context terms), not from its meaning. Validate checks
// that evidence references are well formed; it does not fetch artifacts or
// verify digests. Migration supports the 2018 to A11 direction driven by the
// catalogs' delta; it does not re-assess applicability.
//
// # Stability
//
// The statement format (schema_version "1") and the types are stable; new
// [DecisionBasis] and [Flag] values may be added. The Markdown, CSV and HTML
// layouts are for people and may change between releases.
package soa
