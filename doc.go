// Package iec62443 is the entry point of an SDK that models the secure product
// development lifecycle standard EN IEC 62443-4-1:2018 and its European CRA
// amendment A11:2026 (a draft) as typed requirements, so that tool vendors and
// platform teams can build compliance automation on it: CI gates, evidence
// collectors, GRC portals, SBOM pipelines and audit reports.
//
// # Scope of the standard
//
// IEC 62443-4-1 sets process requirements on the lifecycle through which a
// supplier develops and maintains a product for industrial automation and
// control systems: security requirements, design, implementation with coding
// guidelines, verification and validation, defect and patch management, and
// end of life, for hardware, software and firmware products alike. It binds
// the product supplier as developer and maintainer; the integrator who builds
// the product into a system and the asset owner who operates it are outside
// its scope. The SDK therefore assesses one supplier's product and its
// development process, not a system or an installation.
//
// The standard is about the process, not the product's technical security
// capabilities: those are IEC 62443-4-2 (component requirements, CR x.y, per
// capability security level), which 4-1 does not cover and this SDK does not
// model; a 4-2 component is expected to be developed under a 4-1 lifecycle.
// A11 relates 4-1 to the horizontal European standards for the CRA: its
// Annex F maps EN 40000-1-2 (principles for cyber resilience) and its Annex
// G EN 40000-1-3 (vulnerability handling) to the 4-1 requirements (package
// annex holds the SDK's provisional reading of both mappings; the EN 40000
// drafts are not public).
//
// # Map of the SDK
//
// The packages are layered; imports only point down (a test enforces it):
//
//	layer 0  problem      the error vocabulary: sentinels, located problems
//	layer 0  practice     the practices of each edition and their numbering
//	layer 1  requirement  IDs, editions, the catalogs, delta, overlays, Finding
//	layer 2  annex        Annex B context -> category and profile; Annex D test
//	                      modules; Annex F/G and CRA mappings; CRA clocks
//	layer 3  maturity     ML1..ML4 from evidence; the ML3 verdict (uses the
//	                      CRA clocks of annex)
//	layer 3  risk         Annex C risk register, workflow and applicability
//	layer 3  sbom         component inventory, CycloneDX/SPDX, TR-03183-2, VEX
//	layer 4  soa          Annex E statement of applicability
//	layer 5  iec62443     Dossier, Assess, Report (this package), the rule
//	                      registry
//	layer 6  oscal, sarif, attest
//	                      the formats GRC, CI and SBOM tools read (OSCAL,
//	                      SARIF, CycloneDX attestations), over the catalogs
//	                      and reports
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
// verdict, CRA coverage, the test plan, the CRA milestones and the open CRA
// deadlines.
//
// # Entry points
//
// [Load] (or [Decode], [DecodeYAML]) reads a [Dossier] and the files it
// references through an fs.FS, reporting every problem with its file and JSON
// pointer. Give a directory on disk as an os.Root, not os.DirFS (which
// follows symlinks out of the directory):
//
//	root, err := os.OpenRoot("path/to/dossier")
//	if err != nil { ... }
//	defer root.Close()
//	d, err := iec62443.Load(ctx, root.FS(), "dossier.json", nil)
//
// [Assess] turns the dossier into a [Report] at the assessment date it is
// given (the SDK never reads the clock); [RenderMarkdown], [RenderHTML] and
// [RenderJSON] render it, all with one signature. [Report.NextActions] holds
// the gaps worth closing first. A dossier can also be built in code: see the
// package examples. examples/assess wraps all of this in a CI gate with exit
// statuses 0 (the verdict holds), 1 (gaps against published requirements),
// 2 (bad input) and 3 (only the SDK's provisional modelling finds gaps), and
// also writes the report as SARIF, a CycloneDX attestation or OSCAL
// assessment results.
//
// # The verdict, and what it is not
//
// [Report.Verdict] says whether the product meets the ML3 demand of the A11
// draft as the SDK models it: every applicable requirement at ML3 with five
// demonstrations, and no high or critical finding. It keeps apart the gaps
// against published requirements (findings of rules resting on the 2018
// edition, the CRA, BSI TR-03183-2 or NTIA: [Verdict].PublishedOutcome) from
// those only the SDK's provisional modelling of the draft finds
// ([Verdict].ProvisionalOutcome, which includes the ML3 demand itself). A
// penetration test by an independent department at profile SP3, for
// instance, meets the 2018 minimum independence but not the SDK's grading:
// the report shows no published gap and says the product would fail under
// the draft as modelled.
//
// The verdict is not a presumption of conformity. Under CRA Art. 27 a
// standard gives one only as a harmonised standard whose reference is
// published in the Official Journal of the EU, and neither edition of
// IEC 62443-4-1 is cited there. The verdict is input to a conformity
// assessment, not its result.
//
// # Provisional content in reports
//
// Every report marks what rests on the SDK's provisional modelling of the
// A11 draft rather than on published text ([Report].Provisional,
// [ProvisionalPart]), next to where a person reads it: the classification
// into category and security profile, the risk workflow and applicability
// rules, the test plan, the CRA mappings behind the coverage and the ML3
// demand. A report on a 2018 dossier has these parts too (they are A11
// modelling applied to a 2018 dossier) and labels them as the SDK's A11
// annexes, since the 2018 edition's Annex B is its table of requirements.
// Every finding carries the basis of its rule. Every report also gives the
// dates from which parts of the CRA apply and how far the assessment date is
// from each ([Report].Milestones).
//
// # Findings and the rule registry
//
// Every finding names the rule that raised it; [Rules] lists every rule any
// package of the SDK can report (its package, default severity, requirement
// per edition, and its basis: published text such as the 2018 edition, the
// CRA or BSI TR-03183-2, or the SDK's provisional modelling of the A11
// draft), and [LookupRule] finds one. Findings carry the ID of the entity
// they concern (Subject) beside their JSON pointer.
//
// # Technical documentation and known vulnerabilities
//
// [Report].TechnicalDocumentation indexes the technical documentation of
// CRA Art. 31: for each point of Annex VII ([TechDocPoints]; point 2 in its
// three sub-points) it lists what in the dossier covers it: a part (the
// register's intended use and risks, the support period, the SBOM, the CVD
// policy and contact, the test records, the statement of applicability),
// evidence records of the kinds that belong to the point (organisation-wide
// or of a project of this product, produced by the assessment date), and
// documents the dossier lists under technical_documentation
// ([TechDocDocument]: the EU declaration of conformity, a design
// description). A point that nothing covers is a finding
// (`dossier.techdoc-point-missing`, against SM-17 in A11, which makes security
// management oversee the documentation). Which evidence covers which point
// is the SDK's reading of the Annex.
//
// A dossier can give an advisory snapshot (vulnerability_monitoring,
// [VulnerabilityMonitoring]): OSV records in a file (one record or an
// array), a directory of such files, or inline, and optionally the
// manufacturer's VEX statements ([VEXStatementsSchema]). [Assess] matches
// the snapshot against the SBOM (sbom.MatchOSV) and reports every affected
// component that no not_affected or fixed statement covers
// (`dossier.known-vulnerability`, high: CRA Annex I Part I (2)(a) allows no known
// exploitable vulnerabilities on the market; DM-10 in A11), every match
// whose version cannot be decided (`dossier.vulnerability-undetermined`) and what
// could not be matched at all (`dossier.vulnerability-match-skipped`, info), and
// summarises the snapshot in [Report].Vulnerabilities. Without a snapshot
// the report says that the components were not checked
// (`dossier.no-advisory-snapshot`). The snapshot is the caller's to keep current:
// the SDK never fetches advisories. VEX statements are read in the SDK's
// form ([sbom.VEXStatement]); CycloneDX, CSAF and OpenVEX documents are not
// read yet.
//
// # Bounds
//
// Loading is bounded by [LoadOptions] (embedding requirement.Limits): the
// size of each document, checked by stat before reading where the fs.FS can
// say, its nesting depth, string lengths, entries per container and the
// number of problems reported. An advisory snapshot directory is read one
// level deep, in name order, and refused once it holds more than
// MaxOSVFiles entries; its files together are bounded by MaxOSVBytes. Only
// regular files are read through a dossier: a reference to a directory,
// FIFO, device or socket is a located problem, never a blocked read. What a
// report holds is bounded too: a finding group lists at most
// [Options].MaxFindingsPerRule findings of one rule (the others are
// counted), and messages are cut at a few kilobytes. Work that grows with
// the input takes a context.Context and stops when it is cancelled.
//
// What the SDK cannot bound is the caller's side: the fs.FS (serve files
// from a network or an archive only within your own limits), readers given
// to [Decode] that never end before the size limit is reached (bounded by
// MaxBytes, but slow sources are the caller's to time out through ctx and
// their own deadlines), and how many dossiers are assessed at once.
//
// # Concurrency
//
// Everything read-only is safe for concurrent use: catalogs, compiled schemas,
// rule tables, the rule registry, and a loaded [Dossier] that nobody modifies
// (Assess does not modify it). Reports are plain values owned by the caller.
//
// # Stability
//
// The most stable contract is the report's JSON ([RenderJSON]): it is
// versioned (schema_version "1", [ReportSchemaVersion]) and described by a
// published JSON Schema ([ReportSchema], $id [ReportSchemaID]); vendors who
// integrate the SDK into their tools should consume that JSON rather than
// depend on the Go types, which may still change before v1 (the API
// snapshot in api/ and CHANGELOG.md record every change). The dossier format
// (schema_version "1", [DossierSchema]) is versioned the same way. Finding
// rule IDs are stable. Everything that models the A11 draft is experimental
// (see each package).
//
// # Limitations
//
// A11 is a draft not yet cited in the Official Journal of the EU; its content
// is modelled from public commentary and marked provisional throughout. No
// normative text of the standard is shipped. The SDK is not legal advice.
//
// A dossier must name its edition; there is no default. A dossier of
// edition 2018 is assessed against the 2018 catalog, and every finding names
// a requirement of the catalog's edition (Finding.Edition says which): this
// package's rules name their requirement per edition in [Rules], and a
// finding a package raised against an A11 requirement names the 2018
// requirement that A11 one supersedes, or none when the 2018 edition has no
// counterpart (the A11 ID stays in the message). IDs that both editions use
// with different meanings (SR-1 to SR-3) are therefore never carried from
// one edition into the other: the CRA coverage of a 2018 dossier translates
// its satisfied requirements through the edition delta (2018 SR-1 counts
// for A11 SRM-2, never for A11 SR-1). Migrate the statement of applicability
// to A11 ([soa.Migrate]) for an assessment that speaks one edition
// throughout. examples/assess/testdata/plc-2018 is a 2018 dossier assessed
// end to end.
package iec62443
