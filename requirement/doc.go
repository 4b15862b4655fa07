// Package requirement holds the requirements of EN IEC 62443-4-1 as typed data:
// the 47 requirements of the 2018 edition and the catalog of the draft CRA
// amendment A11, the typed delta between them, overlays that licensees apply
// without a code change, and the [Finding] type every other package of the SDK
// uses to report compliance gaps.
//
// # Identity
//
// A requirement is identified by its edition and its [ID]. The same ID can
// mean different things in two editions: public commentary calls A11's SR-2
// "Requirements applicability assessment", while 2018's SR-2 is "Threat model"
// (which A11 moves to SRM-3 in the new practice 2). Catalogs are therefore per
// edition:
//
//	a11 := requirement.Default()                              // the A11 catalog
//	c18, _ := requirement.ForEdition(requirement.Edition2018) // the 47 of 2018
//	r, ok := a11.Lookup(requirement.SR2)
//
// IDs have typed constants (requirement.SM1 ... requirement.SG8), parse with
// [ParseID], and sort with [Compare], which orders SM-2 before SM-10.
//
// # Catalog
//
// A [Catalog] is immutable and safe for concurrent use. It iterates in
// catalog order ([Catalog.All], [Catalog.ByPractice]), looks up without
// allocating ([Catalog.Lookup]) and is built once from generated tables.
// Each [Requirement] carries its practice, clause, official short title, a
// summary in our own words, enumerated sub-items ([List]), the kinds of
// evidence artifact it expects ([ArtifactKind]), its [Lifecycle] relative to
// 2018, what A11 changed, its [Provenance] and a Provisional mark.
//
// The catalog data lives in data/catalog-2018.json and data/catalog-a11.json,
// validated against data/catalog.schema.json by a test and turned into Go by
// `go generate ./requirement` (internal/cmd/gencatalog, standard library
// only); a test fails when the generated code is stale.
//
// # Delta and overlays
//
// [Delta] computes the typed difference from the 2018 catalog to A11: each
// requirement unchanged, changed, renamed, moved, added or retired, with what a
// team certified to 2018 must now do. An [Overlay] (JSON, schema
// data/overlay.schema.json) removes, renames, patches and adds requirements,
// for example to load the normative text of a purchased copy or to correct
// IDs once the final A11 text is cited: [Catalog.ApplyOverlay] returns a new
// catalog and reports every problem located by JSON pointer.
//
// # Errors and findings
//
// Malformed input returns an error that wraps [problem.ErrInvalidDocument] and a more
// specific sentinel ([problem.ErrSyntax], [problem.ErrSchema], [problem.ErrLimit], [problem.ErrDuplicateKey],
// [problem.ErrUnknownID], [problem.ErrDuplicate], [problem.ErrWrongEdition], [problem.ErrDanglingReference],
// [problem.ErrInvalidValue]) and lists every problem as a [problem.Error] with an RFC
// 6901 JSON pointer ([problem.List]). A valid document that describes
// non-compliance yields [Finding] values instead: a stable [RuleID], a [Severity],
// the requirement, a pointer and a message. Missing data is [OutcomeUnknown],
// never [OutcomePass].
//
// # Limitations
//
// No normative text is shipped: titles are the official short titles, every
// summary is our own paraphrase. The A11 catalog models a draft that is not
// public: its new IDs, titles, clause numbers and the placement of moved
// requirements follow public commentary (see each requirement's provenance)
// and are all marked provisional. The clause numbers of SM-1 to SM-13 in 2018
// are uncertain between two public sources (5.2-5.14 is used). Load an overlay
// from a licensed copy to correct any of this.
//
// The seed article presents A11 as lifting the security guidelines out of the
// management tasks into a practice of their own, but the 2018 edition already
// has them as practice 8 (clause 12): the catalog does not model that claim
// as a change, and SG-1 to SG-7 keep their place (practice 9 in A11).
//
// # Concurrency
//
// Catalogs, requirements and the functions of this package are safe for
// concurrent use. [problem.List] values are not synchronised.
//
// # Stability
//
// The API is stable. Catalog content is data versioned by [Catalog.Version]:
// new catalog versions may add, retitle or renumber A11 requirements (always
// listed in CHANGELOG.md); that is not an API change. The overlay format is
// schema_version "1". Rule IDs of findings ([RuleID]) are stable once released.
package requirement
