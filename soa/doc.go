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
// in catalog order. An entry's [Decision] is one of applicable, not
// applicable, tailored or inherited (from a component or platform named in
// [Entry.InheritedFrom]); every decision but plain applicable carries a
// justification. [Status] (planned, in progress, implemented, verified) and
// the maturity levels ([maturity.Level]) are separate axes: applicability
// says whether a requirement is in scope, status how far its implementation
// got, maturity how consistently the process behind it is practised.
// [Evidence] references an artifact by URI, SHA-256 digest and date.
//
// Requirement IDs mean something only together with the statement's
// edition: A11's SR-1 (Product security requirements) is 2018's SR-3, and
// 2018's SR-1 (Product security context) is A11's SRM-2.
//
// # Workflow
//
//   - [Resolve] builds a statement from a catalog, the applicability
//     assessment of package risk ([risk.Applicability]), the header and the
//     manufacturer's [Override] list. Overrides that contradict the
//     assessment need a justification and stay visible ([Entry.Assessed],
//     [FlagOverride]).
//   - [Validate] checks a statement against its catalog.
//   - [Diff] lists the typed changes between two statements of one edition.
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
//     template's per-practice table.
//
// # Problems in the document versus compliance gaps
//
// The package keeps the two apart, as the rest of the SDK does:
//
//   - A malformed or inconsistent document is an error: [Decode] and
//     [Validate] return a [problem.List] list (wrapping
//     problem.ErrInvalidDocument) with one located error per problem,
//     each classified by a sentinel. [Decode] finds syntax, limit,
//     duplicate-key and schema problems (problem.ErrSyntax, ErrLimit,
//     ErrDuplicateKey, ErrSchema). [Validate] finds: a wrong schema version
//     (ErrInvalidValue); a statement of another edition than the catalog
//     (ErrWrongEdition); missing header fields or bad dates
//     (ErrInvalidValue); an entry ID that is malformed (ErrInvalidID), not in
//     the catalog (ErrUnknownID) or an ID of the other edition
//     (ErrWrongEdition), twice (ErrDuplicate) or missing (ErrInvalidValue);
//     a title that is not the catalog's (ErrInvalidValue, or ErrWrongEdition
//     when it is the other edition's title for that ID); a missing or
//     trivially short justification (fewer than
//     [DefaultMinJustification] characters, or a placeholder such as "n/a"
//     or "tbd"); an inherited decision without its source; a missing status
//     on an applying entry or a status on a not-applicable one; an empty,
//     duplicated or (with [ValidateOptions.KnownRisks]) dangling risk ID
//     (ErrDanglingReference); an evidence reference with a malformed URI, a
//     digest that is not 64 lower-case hex digits, a missing date or an
//     unknown kind; an undefined enum value or flag.
//   - A well-formed statement that describes a product not (yet) meeting
//     the standard yields [requirement.Finding]s with stable rule IDs (the
//     Rule constants, such as [RuleVerifiedWithoutEvidence]): applicable but
//     only planned, in progress or not verified; verified or implemented
//     without evidence; no owner; achieved maturity below target or not
//     assessed (unknown, never a pass); an override contradicting the
//     assessment; an exclusion nobody confirmed; risks linked to a
//     not-applicable requirement; entries flagged by a migration; a missing
//     Annex B context; an unapproved statement.
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
// (tailored, inherited) and the finding rules are the SDK's modelling, not
// the standard's text. Validate checks that evidence references are well
// formed; it does not fetch artifacts or verify digests. Migration supports
// the 2018 to A11 direction driven by the catalogs' delta; it does not
// re-assess applicability.
//
// # Stability
//
// The statement format (schema_version "1.0") and the types are stable; new
// [Basis] and [Flag] values may be added. The Markdown, CSV and HTML layouts
// are for people and may change between releases.
package soa
