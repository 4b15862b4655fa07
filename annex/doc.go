// Package annex models the annexes of EN IEC 62443-4-1:2018/A11 that sit on
// top of the requirement catalog, and the amendment's relationship to the
// Cyber Resilience Act (Regulation (EU) 2024/2847, "CRA"):
//
//   - Annex B: the product security context ([Context]) and the decision of
//     its category ([Category]) and security profile ([SecurityProfile]) by
//     [Classify], driven by a replaceable rule table ([RuleTable]);
//   - Annex D: the security test modules ([Module], [ModuleInfoFor]), the
//     replaceable profile-to-module matrix ([TestMatrix], [PlanTests]) and
//     the check of test records against the plan ([CheckTestRecords]);
//   - Annexes F and G: mappings of prEN 40000-1-2 clauses and prEN 40000-1-3
//     requirement IDs to A11 requirements ([Mappings], [MappingsForSource],
//     [MappingsForRequirement]);
//   - Annex ZZ: the CRA relationship table, a typed CRA reference grammar
//     ([CRARef], [ParseCRARef]) and a coverage query for either edition
//     ([CRACoverage]);
//   - the CRA dates and clocks: the milestones of Art. 71(2)
//     ([Milestone], [MilestonesAt]) and the clocks of Articles 13 and 14
//     ([ReportingDeadlines], [OpenDeadlines], [CheckSupportPeriod],
//     [UpdateAvailability], [DocumentationRetention]);
//   - the registry of the rules its findings come from ([Rules]).
//
// Everything that describes A11 content is provisional: the amendment is a
// draft whose annexes are not public. The SDK's choices are documented here
// so that they can be reviewed and replaced.
//
// # Annex B: category and profile
//
// A [Context] records what the product is ([ProductKind]), which Annex III or
// IV points its core functionality falls under ([CRAProduct], one typed value
// per point: class I (1) to (19), class II (1) to (4), Annex IV (1) to (3)),
// the intended environment ([Environment]), its widest exposure
// ([Exposure]: isolated, local fieldbus, plant network, remote access,
// internet-facing), the target capability security level SL-C 1 to 4, whether
// it is safety-related or has essential functions, its users ([UserType]) and
// its support period ([SupportPeriod]).
//
// [Classify] first derives the CRA class: the highest class among the listed
// points, default when none is listed. A declared class ([Context.CRAClass])
// above the derived one is honoured (the manufacturer may be stricter); one
// below it is a valid input describing a misclassification, so it is a
// [requirement.Finding] (`annex.cra-class-understated`, high, SRM-2) and the
// derived class is used. It then looks up the category and the profile in a
// rule table, and returns a [Classification] whose Trace says, for each
// outcome, which rule fired and which parameters (with their values) it
// looked at.
//
// The default rule table ([DefaultRuleTable], JSON in data/rules-default.json)
// is the SDK's provisional reading. Its category rules amount to "the most
// demanding of":
//
//	exposure        isolated, local-fieldbus -> C1; plant-network -> C2;
//	                remote-access -> C3; internet-facing -> C4
//	essential functions                      -> C2
//	CRA class       important I or II        -> C3; critical -> C4
//	safety-related                           -> C4
//
// Its profile rules take the target SL-C (SL-C n -> SPn) and raise it to a
// floor set by the category: C1 -> SP1, C2 and C3 -> SP2, C4 -> SP3. The
// intended environment, the product kind and the user types are recorded but
// do not decide anything in the default table; a replacement table may decide
// on them.
//
// # Rule tables
//
// A rule table (schema: [RuleTableSchema], $id [RuleTableSchemaURL]) has two lists
// of rules, "category_rules" and "profile_rules". A rule has an "id", a
// "when" object listing, per decisive parameter, the values it matches
// (exposure, cra_class, safety_related, essential_functions, sl_c, kind,
// environment; profile rules may also use category; a parameter left out
// matches any value), a "then" outcome (C1..C4 or SP1..SP4) and a
// "rationale". For the environment the value "unstated" matches a context
// that states none. The user types are a set, so they have two keys:
// "user_types" matches a product that has any of the listed user types (the
// value "unstated" matches one that states none), "user_types_none_of" one
// that has none of them (including one that states none); a rule may use
// both. Without the second key a table could not tell "has consumer users"
// from "has none" without its rules overlapping. The keys kind, environment,
// user_types and user_types_none_of are optional additions to schema version
// "1": a table without them decides as before. [DecodeRuleTable] reads a table
// through the SDK's strict JSON reader and rejects it, with every problem
// located by a JSON pointer, unless:
//
//   - every rule ID is unique ([problem.ErrDuplicate]);
//   - each combination a table can be asked about matches exactly one of
//     its rules: no gaps ([ErrRuleGap]) and no overlaps ([ErrRuleOverlap]);
//     the category table is checked over all 5 x 4 x 2 x 2 x 4 combinations
//     of exposure, CRA class, safety relevance, essential functions and
//     SL-C, times the 4 kinds, the 6 environments (unstated included) and
//     the classes of user-type sets when some of its rules decide on them;
//     the profile table over each combination of the parameters either table
//     decides on together with the category the category table derives for
//     it (the pairs classification can produce: a combination no product can
//     have, such as a critical product in C1, needs no profile rule);
//   - every category and every profile is produced for some product, and
//     every rule decides some product ([ErrRuleUnreachable]).
//
// The checks are exact. The user types enter as one present / absent flag
// per user type some rule mentions, plus "none stated": 2^n + 1 classes for
// n mentioned types at most, one representative each (a product's set is
// decided as its class is). A gap message names a class by the mentioned
// types, such as "user_types=operator (not consumer)" or
// "user_types=stated (none of consumer)". In a trace ([TraceStep]), the
// value of the environment is its name or "unstated", that of the user types
// the product's user types joined by "+" or "unstated".
//
// A user replaces the default by passing a decoded table to [Classify]; no
// code change is needed when the final A11 text differs.
//
// # Annex D: test modules
//
// Each [Module] has a description of what it verifies, the A11 requirements
// it evidences (the primary one first: SVV-1 security requirements testing,
// SVV-2 and SRM-5 threat mitigation testing, SVV-3 for the vulnerability
// testing modules, SI-3 for static code analysis, SVV-4 penetration testing,
// SVV-6 for the update mechanism and cryptography modules, with SUM-4 and
// SM-6 or SD-7; SVV-6 for all), what IEC 62443-4-1:2018 asks of it
// ([ModuleInfo].BaseNeed: required for the nine test types the 2018 edition
// asks of every product, not-required for the two modules beyond them), the
// 2018 minimum tester independence ([ModuleInfo].BaseIndependence, Table 3 of
// SVV-5; dynamic runtime resource testing, which the table does not list,
// takes the level of the other SVV-3 modules) and the fields every record
// must document (scope, date, tester, independence, findings; tool and tool
// version for tool-based modules; threats covered for threat mitigation,
// abuse case and penetration testing).
//
// The test matrix decides, per profile, each module's need and least
// tester independence. The provisional default ([DefaultTestMatrix], JSON in
// data/test-matrix-default.json; req = required, rec = recommended, n/r =
// not required; person, dept and org are an independent person, department
// and organisation):
//
//	module                            SP1         SP2         SP3         SP4
//	security-requirements-testing     req/dept    req/dept    req/dept    req/dept
//	threat-mitigation-testing         req/dept    req/dept    req/dept    req/dept
//	abuse-case-testing                req/person  req/person  req/person  req/dept
//	attack-surface-analysis           req/person  req/person  req/person  req/dept
//	known-vulnerability-scanning      req/person  req/person  req/person  req/dept
//	software-composition-analysis     req/none    req/none    req/none    req/none
//	dynamic-runtime-resource-testing  req/person  req/person  req/person  req/dept
//	static-code-analysis              req/none    req/none    req/none    req/person
//	penetration-testing               req/dept    req/dept    req/org     req/org
//	update-mechanism-testing          n/r/none    rec/person  req/person  req/dept
//	cryptography-testing              n/r/none    rec/person  req/person  req/dept
//
// The first nine modules are required at every profile: the requirements
// they evidence apply to every product (SVV-1 to SVV-4 are unchanged from
// 2018, and SVV-3 names each of its five test types; SI-3 makes static
// analysis mandatory), so a profile cannot drop any of them. For them the
// profile grades the tester independence and, in the rationale of each row,
// the depth expected. The update mechanism and cryptography modules go
// beyond the 2018 test types, so their need follows the profile: against
// casual violation (SP1) security requirements testing of the functions
// concerned is enough, attackers with simple means (SP2) make them
// advisable, sophisticated attackers (SP3, SP4) make them necessary. The
// grading never goes below the 2018 edition.
//
// A test matrix (schema: [TestMatrixSchema], $id [TestMatrixSchemaURL]) is a
// list of "rows"; each has an "id", a "module", the "profiles" it decides,
// a "need", a "min_independence" and a "rationale". [DecodeTestMatrix]
// reads one and rejects it, with every problem located by a JSON pointer,
// unless row IDs are unique, every module is decided at every profile by
// exactly one row ([ErrRuleGap], [ErrRuleOverlap]) and no row asks less than
// the 2018 edition (need and independence, [problem.ErrInvalidValue]). Pass
// it to [PlanTests] to replace the default; every [PlannedModule] names the
// row that decided it (Row) and the [TestPlan] the matrix (Matrix) and
// whether it is Provisional.
//
// [CheckTestRecords] judges records at an assessment date. It reports a
// missing required module (high; `annex.test-module-missing`, published, for the
// 2018 test types; `annex.profile-test-module-missing`, provisional, for a module
// only the profile requires) and a missing recommended one (low), tester
// independence below the 2018 base (high, `annex.tester-independence-below-2018`,
// published) or only below the profile's grading (high,
// `annex.tester-independence-insufficient`, provisional), missing mandatory fields
// (medium) and records dated after the assessment date (medium; such a
// record counts for nothing), each with a pointer into the records list and
// the record's ID as Subject.
//
// # Mappings and the CRA relationship table
//
// Every [Mapping] relates one source provision to one A11 requirement with a
// [Relationship] in the set-theory sense of NIST IR 8477, read as "the
// requirement is <relationship> the provision": equivalent (same content),
// subset (the requirement covers part of the provision), superset (it covers
// all of it and more) or intersects (each has content the other lacks). Each
// entry has a rationale in the SDK's words, a [Confidence], a provenance and
// Provisional. Entries marked Joint form, per provision, a set of partial
// requirements that together cover it.
//
// The CRA table covers Annex I Part I (1), (2)(a) to (m) and Part II (1) to
// (8), plus Art. 13(2), (3), (5), (6), (7), (8), Art. 14(2), (4) and (8),
// Art. 31, Annex VII and Annex II where the catalog has requirements for
// them. Every
// A11 requirement is mapped to some CRA provision except those listed by
// [CRAUnmapped], each with its reason.
//
// [CRACoverage] answers, for each essential requirement
// ([EssentialRequirements]), how far a set of satisfied requirements covers
// it: full when a satisfied requirement is equivalent to or a superset of it,
// or when all requirements of its joint set are satisfied; partial when some
// mapped requirement is satisfied but neither condition holds; none
// otherwise. Because 62443-4-1 is a process standard, several product
// properties of Annex I Part I (2) can only ever be partial through it; the
// technical side is in IEC 62443-4-2. Part II (7) (automatic distribution of
// updates where applicable) and Part II (8) (updates free of charge) stay
// partial too: no requirement of the catalog asks for those parts.
//
// The table maps A11 requirements. [CRACoverage] takes the catalog the
// satisfied IDs belong to: the IDs of a 2018 catalog are translated through
// the edition delta first, so 2018 SR-1 (product security context) counts
// for A11 SRM-2 and never for A11 SR-1; a 2018 requirement whose content A11
// changed only partly meets its successor (PartlyMet), which never gives
// full coverage.
//
// # CRA references
//
// [CRARef] is a typed reference: an article with paragraph and point
// ("Art. 14(2)(a)") or an annex with part (Annex I), class (Annex III), point
// and letter ("Annex I Part I (2)(f)", "Annex III Class I (5)", "Annex IV
// (3)"). [ParseCRARef] also accepts the short annex form ("I.I.2.f",
// "III.I.5", "IV.3"), checks the reference against the Regulation's structure
// and reports malformed input with an error wrapping [ErrInvalidCRARef] that
// says what was expected. [CRARef.String] prints the canonical form, so
// parsing and printing round-trip.
//
// # CRA dates and clocks
//
// Art. 71(2) sets three dates ([Milestones]): Chapter IV (notified bodies)
// applies from 11 June 2026, Article 14 reporting from 11 September 2026,
// and the Regulation in general (essential requirements, conformity
// assessment, CE marking) from 11 December 2027. [MilestonesAt] gives, for
// an assessment instant, the distance in days to each and whether it
// applies, for reports; [Milestone.Start] is the earliest instant the date
// begins in the Union (midnight in Réunion, UTC+4).
//
// [ReportingDeadlines] computes the Art. 14 deadlines of an actively exploited
// vulnerability (early warning 24 h and notification 72 h after awareness,
// final report 14 days after a corrective or mitigating measure is available)
// or a severe incident (24 h, 72 h, final report one calendar month after the
// incident notification). Art. 14 applies from 11 September 2026; the SDK
// takes the earliest instant that date begins anywhere in the Union,
// midnight in Réunion (UTC+4), 2026-09-10T20:00Z ([ReportingStart]). An
// earlier awareness gives a result that says there is no obligation.
// [OpenDeadlines] lists what is still due at a given instant.
// [CheckSupportPeriod] applies Art. 13(8): at least five years unless the
// expected use is shorter, and a period shorter than the expected use time
// needs a recorded justification; [UpdateAvailability] Art. 13(9)
// (ten years after issue or the rest of the support period, whichever is
// later); [DocumentationRetention] Art. 13(13) (ten years after placing on
// the market or the support period, whichever is later). No function reads
// the clock: every time is an argument, and a missing date is an error
// wrapping [problem.ErrNoDate].
//
// # Findings and the rule registry
//
// Every finding of the package comes from a rule listed by [Rules], which
// gives its default severity, its requirements per edition and its basis:
// published (the CRA, the test types and Table 3 of IEC 62443-4-1:2018) or
// provisional (the SDK's reading of the A11 draft). Findings name A11
// requirements (Edition A11) and carry the Basis of their rule and, where
// an entity is concerned, its ID as Subject (a test record, a module); a
// caller assessing against the 2018 catalog translates the requirement.
//
// # Concurrency
//
// All functions are safe for concurrent use. [RuleTable] and [TestMatrix]
// values and the embedded tables are immutable; functions return fresh
// slices.
//
// # Limitations
//
//   - A11 is a draft (prAA, 2026) whose Annexes B, D, F, G and ZZ are not
//     public. The Annex B parameters and rules, the Annex D module set,
//     matrix and independence grading, and all mappings are the SDK's
//     provisional choices, marked Provisional; replace the rule table and
//     the test matrix once the final text is known. The module set itself is
//     closed: a final text with other modules needs a new release.
//   - A replacement rule table decides on exposure, CRA class,
//     safety-related and essential functions, target SL-C, product kind,
//     operational environment and user types (and the category for profile
//     rules). The support period is part of the context but cannot decide a
//     rule: it is a number of months, and rules on it would need ranges
//     (with their own gap and overlap checks), not lists of values. Nor can
//     a rule decide on the individual Annex III/IV points, only on the CRA
//     class they give. A final A11 text that needs either would need a new
//     table schema version.
//   - The EN 40000 parts are drafts; clause numbers (Annex F) follow one
//     commented draft and may change, and only part of the prEN 40000-1-3
//     requirement IDs (Annex G) is publicly known.
//   - The CRA mappings are a reading of the Regulation, not legal advice; the
//     classification of a product under Annex III/IV follows its core
//     functionality (Implementing Regulation (EU) 2025/2392), which the SDK
//     cannot check.
//   - Art. 14 times are computed as exact durations and calendar months;
//     public holidays and the Member State's time zone are not considered.
//   - Whether Art. 14 applies to an event is decided by the time the
//     manufacturer became aware of it ([Event].Aware), compared with
//     [ReportingStart]; when the exploitation or incident began plays no
//     part. An event known before the start that is still being exploited
//     afterwards gets no deadlines: if the Commission's guidance or a
//     national authority expects it to be reported, record the awareness as
//     the start date. The start is the earliest local midnight in the Union
//     (Réunion, UTC+4), so a manufacturer in a western time zone may be shown
//     an obligation up to a few hours before its own local midnight; that
//     errs on the side of reporting.
//
// # Stability
//
// Experimental: the default Annex B decision table, the Annex D matrix, the
// Annex F/G and CRA mappings and the meaning of the categories and profiles
// are the SDK's provisional reading of a draft and will change with the final
// A11 text. Callers that need stability pin their own rule table
// ([DecodeRuleTable]) and test matrix ([DecodeTestMatrix]). The types, the
// CRA reference grammar and the CRA dates and clocks (which follow the
// published regulation) are stable.
package annex
