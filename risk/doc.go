// Package risk models the security risk management of A11 Practice 2 (SRM)
// and its Annex C workflow as typed data: a risk [Register] that chains
// intended use, assets, trust boundaries, interfaces, threats, risks,
// treatments, mitigations, verifications and reviews, and tells a team
// exactly where the chain is broken.
//
// # The register
//
// A [Register] holds the product and its release status ([Product]), the
// intended use and context ([IntendedUse]: purpose, reasonably foreseeable
// use and misuse, operational environment, boundaries, assumptions; see CRA
// Art. 13(3)), the [Asset]s (with a part_of containment graph), the
// [TrustBoundary]s and [Interface]s (entry points, physical and debug ports
// included), the [Threat]s (STRIDE category, attack vector, threat source,
// affected assets and interfaces, derived_from graph), the [Risk]s (rated on a
// configurable 3x3 to 5x5 [Matrix] with named levels, optional CVSS v3.1 or
// v4.0 vector scored by [ParseCVSS]), their [Treatment] (mitigate, avoid,
// transfer, accept) and [Residual] rating, the [AcceptanceCriteria], the
// [Mitigation]s (linking requirement IDs of the catalog and design elements,
// with a depends_on graph), the [Verification]s (Annex D test module, test
// record, outcome, the threats they claim) and the [Review]s (date, reviewer,
// [ReviewTrigger]).
//
// Registers are read with [Decode] (JSON) or [DecodeYAML] (YAML converted to
// JSON, then the same path), both checked against the embedded JSON Schema
// ([Schema]) and by [Check]; they are written with [Encode]. Decode and
// Encode round-trip without loss and Encode is deterministic.
//
// # Input errors and findings
//
// Malformed input is an error: bad JSON or YAML, schema violations,
// duplicate IDs, dangling references, requirement IDs unknown to the catalog
// ([problem.ErrUnknownID]) and cycles in the asset, threat or mitigation
// graphs ([ErrCycle]) are reported by [Check] (and by Decode) as a
// [problem.List] listing every problem with its JSON pointer.
// A well-formed register that describes a broken chain yields
// [requirement.Finding]s from [Validate], each with a stable rule ID (the
// Rule... constants, such as [RuleThreatWithoutRisk]), a severity, the
// requirement it is against and a JSON pointer.
//
// # Workflow
//
// The Annex C workflow is an explicit state machine ([State]): draft ->
// context-defined -> threats-modelled -> risks-assessed ->
// applicability-decided -> treated -> verified -> monitored. [DeriveState]
// and [DeriveRiskState] compute the state the data supports as of a date,
// for the product and for one risk; [Advance] and [AdvanceRisk] move the
// declared state one step forward (only when the data supports it) or back
// to an earlier state, and reject anything else with a [*TransitionError]
// wrapping [ErrInvalidTransition]; [CanTransition] is the transition
// relation. Monitored needs a review after the last threat and verification
// and within [ReviewInterval] of the date.
//
// # Applicability
//
// [AssessApplicability] decides, for each requirement of a catalog in
// catalog order, whether it applies to the product and why: baseline
// process requirements, requirements linked by the mitigations of risks
// (naming the risks), requirements demanded by the Annex B category or the
// register's entry points, and requirements that do not apply, with a
// rationale. Its [Applicability] result is what package soa builds the
// statement of applicability on.
//
// # Import and export
//
// [ImportThreatDragon] reads an OWASP Threat Dragon v2 model into a register
// and returns an [ImportReport] of everything it could not map. [WriteCSV]
// writes the register as CSV (cells a spreadsheet would evaluate as formulas
// are quoted); [WriteMarkdown] writes a summary for reviewers, with the
// register's text escaped. Both derive the workflow states as of the date
// they are given.
//
// # Concurrency
//
// The package has no mutable global state. All functions are safe for
// concurrent use as long as no goroutine modifies a [Register] while another
// reads it; [Advance] and [AdvanceRisk] modify the register they are given.
//
// # Limitations
//
// EN IEC 62443-4-1:2018/A11 is a draft that is not public: Practice 2 and
// Annex C are modelled from public commentary, and every rule here is the
// SDK's own, provisional modelling. In particular the workflow states and
// their conditions, the requirement each finding is filed against (A11 IDs
// such as SRM-4), which Annex D module can verify which STRIDE category
// ([ModuleCovers]), and the applicability rules of [AssessApplicability] are
// not taken from the standard and will be revised when its text is
// available. The one-year review interval follows SR-2 of the 2018 edition.
// Threat Dragon records a severity rather than likelihood and impact, so
// imported risks stay unrated until a person rates them.
//
// # Stability
//
// The register format (schema_version "1") and the types are stable. The
// applicability rules, the module-to-STRIDE table and the Threat Dragon
// mapping are experimental: provisional modelling of a draft annex.
package risk
