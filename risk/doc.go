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
// ([Schema]) and by [Check], within the [requirement.Limits] of
// [DecodeOptions]; they are written with [Encode]. Decode and Encode
// round-trip without loss and Encode is deterministic. A nil catalog means
// [requirement.Default] (the A11 catalog) everywhere in the package.
//
// # Input errors and findings
//
// Malformed input is an error: bad JSON or YAML, schema violations,
// duplicate IDs, dangling references, requirement IDs unknown to the catalog
// ([problem.ErrUnknownID]) and cycles in the asset, threat or mitigation
// graphs ([ErrCycle]) are reported by [Check] (and by Decode) as a
// [problem.List] listing every problem with its JSON pointer. A nil register
// is an error wrapping [problem.ErrNilInput].
//
// A well-formed register is judged by [Evaluate], once, as of a date (a zero
// date is an error wrapping [problem.ErrNoDate]; records dated after it are
// findings and count for nothing) and against a catalog: the result, an
// [Evaluation], holds the workflow state of the product and of every risk
// ([Evaluation.RiskState]) and every [requirement.Finding] of the broken
// chain. [Validate] returns just the findings. Each finding carries a stable
// rule ID (such as `risk.threat-without-risk`; [Rules] lists them, the
// package's part of the SDK's rule registry), a severity, its basis
// (published text or the SDK's provisional modelling), a requirement of the
// catalog's edition (the rules are written for A11 and translated for the
// 2018 catalog by an explicit table), a JSON pointer and the ID of the risk,
// threat, mitigation or verification it concerns. A register or risk that
// declares a workflow state mid-way is judged against that state: the gaps
// of later states are summed up as work in progress
// (`risk.workflow-in-progress`), not reported as errors of their own.
//
// # Workflow
//
// The Annex C workflow is an explicit state machine ([State]): draft ->
// context-defined -> threats-modelled -> risks-assessed ->
// applicability-decided -> mitigations-designed -> treated -> verified ->
// monitored. The data supports a state when its conditions hold; reaching
// mitigations-designed needs every mitigation of a risk to be mitigated to
// link its requirements and name its design elements (A11 Practice 4: the
// design traced to the rated risks), so a register without design elements
// never reaches monitored. [Advance] and [AdvanceRisk] move the declared
// state one step forward (only when the data supports it) or back to an
// earlier state, and reject anything else with a [*TransitionError]
// wrapping [ErrInvalidTransition]; [CanTransition] is the transition
// relation. Monitored needs a review after the last threat and verification
// and within [ReviewInterval] of the date.
//
// # Applicability
//
// [AssessApplicability] decides, for each requirement of a catalog in
// catalog order, whether it applies to the product and why
// ([ApplicabilityDecision], [ApplicabilityBasis]): baseline process
// requirements and the requirements whose Annex D test modules the test plan
// requires at every profile (SI-3, SVV-3, SVV-4: one source of truth with
// [annex.PlanTests]), requirements linked by the mitigations of risks whose
// Practice 2 rating demands treatment (rated above the acceptance criteria
// and treated by mitigation; the rationale names each risk with its rating,
// and the risks that link a requirement without driving it), requirements
// demanded by the Annex B category or the register's entry points, and
// requirements that do not apply, with a rationale. Against the 2018 catalog
// every decision and rationale names 2018 requirements. Its [Applicability]
// result is what package soa builds the statement of applicability on.
//
// # Import and export
//
// [ImportThreatDragon] reads an OWASP Threat Dragon v2 model into a register
// and returns an [ImportReport] of everything it could not map. The
// renderers take an evaluated register: [RenderCSV] writes it as CSV (cells
// a spreadsheet would evaluate as formulas are quoted) and [RenderMarkdown]
// a summary for reviewers with the findings and their basis, the register's
// text escaped. Neither needs a date: they show the states and findings of
// the [Evaluation].
//
// # Concurrency
//
// The package has no mutable global state. All functions are safe for
// concurrent use as long as no goroutine modifies a [Register] while another
// reads it; [Advance] and [AdvanceRisk] modify the register they are given.
// An [Evaluation] refers to its register, which must not change while the
// evaluation is used.
//
// # Limitations
//
// EN IEC 62443-4-1:2018/A11 is a draft that is not public: Practice 2 and
// Annex C are modelled from public commentary, and every rule here is the
// SDK's own modelling. Rules whose check published text asks for (2018
// SR-1, SR-2 and SVV-2, CRA Art. 13(3)) are marked published in [Rules];
// the rest are provisional. In particular the workflow states and their
// conditions, the A11 requirement each finding is filed against (such as
// SRM-4), which Annex D module can verify which STRIDE category
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
