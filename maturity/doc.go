// Package maturity measures how maturely an organisation practises the secure
// development lifecycle of IEC 62443-4-1, from evidence, the way an assessor
// would: a [Level] (ML1 to ML4) per requirement and per practice, with the
// reasons for each level and the evidence missing for the next one, and the
// ML3 verdict ([ML3Verdict]) that the A11 amendment ties to presumption of
// conformity under the EU Cyber Resilience Act.
//
// # Levels
//
// The 62443 model is CMMI with levels 4 and 5 merged ([ML1] Initial, [ML2]
// Managed, [ML3] Defined (Practiced), [ML4] Improving; see [Level.Description]).
// Maturity is a separate axis from applicability and implementation status:
// it says how consistently the process behind a requirement is practised.
// The zero Level is unset; a requirement with no evidence at all has
// [RequirementResult.Reached] false rather than a "level 0".
//
// # Evidence
//
// A [Manifest] holds the [Scope] (the in-scope projects and their releases,
// with the dates that fix how long artifacts must be kept) and the records:
// [Evidence] (an artifact of a typed [requirement.ArtifactKind], the
// requirements it supports, its project and release, URI, SHA-256 digest,
// production day, producer and retention; an incident-notification record
// also carries its [Notification] times), [Procedure] (documented, approved
// or not), [Competence] (training and competence assessments of people),
// [Metric], [Improvement] and [Audit]. An evidence record without a project
// counts for every in-scope release; one with a project but no release counts
// for every release of that project.
//
// [Decode] reads a manifest from JSON, validated against an embedded JSON
// Schema ([Schema], $id [SchemaID]) and then for references
// ([Manifest.Validate]); every problem comes back located by a JSON pointer in
// a [problem.List], bounded by [DecodeOptions].Limits (a
// [requirement.Limits]). A leading UTF-8 byte-order mark is accepted.
// [Encode] writes it back deterministically. A manifest can equally be built
// in Go (see the examples) and checked with [Manifest.Validate].
//
// # The rules
//
// [Assess] rates each applicable requirement R of practice P on an
// assessment date, which the caller passes (the package never reads the
// clock; a zero date is an error wrapping [problem.ErrNoDate]). Levels are
// cumulative: R is at the highest level whose criteria, and those of every
// level below, all hold. All criteria are always evaluated, so every missing
// piece is named as a [Gap] with the level it blocks.
//
// Only what exists on the assessment date counts. An evidence record
// produced after it, or with a notification time after it, counts for
// nothing; so do a procedure or evidence approval, a training, a metric
// review, an improvement opened, or an audit dated after it (an improvement
// closed after it is still open). Each is a `maturity.dated-after-assessment`
// finding in [Assessment.Ignored].
//
//   - ML1: at least one evidence record lists R among its requirements.
//   - ML2: ML1, and P has a documented procedure that records its approver and
//     approval day, and at least one person has a verified training or
//     competence record for P.
//   - ML3: ML2, and for EVERY in-scope project and release, every artifact
//     kind expected for R (the catalog's [requirement.Requirement.Artifacts],
//     or [Options].Artifacts; when neither names a kind, any artifact counts)
//     is present in a record that supports R and covers that release, and that
//     record is kept until the release's required day: the later of its
//     support end and ten years after it was placed on the market
//     ([Release.RetentionRequired]). An unrecorded retention or release date
//     is a gap (retention-unknown), never a pass.
//   - ML4: ML3, and P is steered by a metric with a target that was reviewed
//     against it, and P has closed improvement actions from both incident data
//     and an internal audit; an audit action counts only when its [Audit]
//     covered P and ended no later than the action was opened.
//
// Missing data lowers a level and is named; it never raises one. A practice is
// at the LOWEST level of its applicable requirements ([PracticeResult]);
// applicability is [Options].Applicable (the IDs the statement of
// applicability marks applicable), by default every requirement of the
// catalog ([Options].Catalog; nil means [requirement.Default], the A11
// draft catalog).
//
// # The ML3 verdict
//
// [Assessment.Verdict] passes when every applicable requirement is at ML3 or
// above and the five demonstrations of the A11 commentary pass ([Checks]):
// security requirements specified before design starts, an approved
// vulnerability-handling policy and reporting procedure with every recorded
// notification sent within the CRA Art. 14 deadlines, an approved and
// enforced secure coding standard, integrity of delivery with controlled
// signing keys, and artifacts kept for the support period or ten years. It
// lists every reason it is not met. Whether ML3 is mandatory or recommended
// is an [Obligation] the caller derives from the product's CRA class:
// [ObligationFor](class.Important()) for an [annex.CRAClass].
//
// # Findings
//
// [Assessment.Findings] and [ML3Verdict.Findings] turn the gaps into
// [requirement.Finding] values with stable rule IDs (`maturity.below-ml3`,
// `maturity.missing-procedure`, `maturity.missing-artifact`, `maturity.ml3-secure-coding`,
// `maturity.ml3-not-met`, ...; [GapKind.Rule] and [Check.Rule] map gaps and checks
// to them), sorted by [requirement.SortFindings]. [Rules] lists every rule
// the package can report with its default severity, the requirements it
// concerns per edition and its basis: the level rules rest on the maturity
// levels of the published 2018 edition (and, for retention, CRA Art.
// 13(13)); the ML3 demand and the five demonstrations are the A11 draft's
// and provisional. A finding that names a requirement carries the edition of
// the catalog assessed against; one about an evidence record, a procedure or
// a release names it in Subject.
//
// # Nil input
//
// No exported function or method panics on nil or zero input: a nil
// manifest, reader, writer or assessment is an error wrapping
// [problem.ErrNilInput]; nil options mean the defaults.
//
// # Concurrency
//
// The package has no mutable global state. A [Manifest] is plain data: do not
// modify it while another goroutine reads it or while an [Assessment] built
// from it is in use. An [Assessment] and an [ML3Verdict] are read-only and
// safe for concurrent use.
//
// # Limitations
//
//   - A11 is a draft (prAA, not cited in the Official Journal). The ML3 link
//     to presumption of conformity and the five demonstrations come from public
//     commentary on the draft and are provisional, as are the A11 requirement
//     IDs and their expected artifacts.
//   - The rules are a mechanical reading of the level definitions. They check
//     that records exist, cover the scope and are kept; they cannot judge the
//     quality of an artifact or whether people actually follow a procedure.
//     The CRA's 24 h / 72 h / 14 day (one month for incidents) deadlines are
//     checked only for the notifications the manifest records: a report
//     that was owed but never sent, or never recorded, goes unseen. An
//     assessor still has to look.
//   - The Art. 14 clocks (start 2026-09-10T20:00Z, the deadline lengths and
//     calendar months) are package annex's ([annex.ReportingDeadlines]), with
//     its limitations: exact durations, no public holidays.
//   - Some expected artifacts exist only after an event (a vulnerability
//     report, an incident notification). The ML3 rule asks for them on every
//     release; use [Options].Artifacts where that does not fit.
//   - Digests are checked for form, not against the artifacts.
//
// # Stability
//
// The types are stable. The level rules and the five ML3 checks are the SDK's
// reading of the standard and the seed commentary and are experimental: they
// may be refined (with a CHANGELOG entry) when A11 is cited.
package maturity
