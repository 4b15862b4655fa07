// Package iec62443 is the entry point of an SDK that models the secure product
// development lifecycle standard EN IEC 62443-4-1:2018 and its European CRA
// amendment A11:2026 (a draft) as typed requirements, so that tool vendors and
// platform teams can build compliance automation on it: CI gates, evidence
// collectors, GRC portals, SBOM pipelines and audit reports.
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
// ML3 presumption-of-conformity verdict, CRA coverage, the test plan and open
// CRA deadlines.
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
// [RenderJSON] render it, all with one signature. [Report.Verdict] holds the
// presumption of conformity verdict at ML3, [Report.NextActions] the gaps
// worth closing first. A dossier can also be built in code: see the package
// examples. examples/assess wraps all of this in a CI gate with exit statuses
// 0, 1, 2.
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
// (RuleTechDocPointMissing, against SM-17 in A11, which makes security
// management oversee the documentation). Which evidence covers which point
// is the SDK's reading of the Annex.
//
// A dossier can give an advisory snapshot (vulnerability_monitoring,
// [VulnerabilityMonitoring]): OSV records in a file (one record or an
// array), a directory of such files, or inline, and optionally the
// manufacturer's VEX statements ([VEXStatementsSchema]). [Assess] matches
// the snapshot against the SBOM (sbom.MatchOSV) and reports every affected
// component that no not_affected or fixed statement covers
// (RuleKnownVulnerability, high: CRA Annex I Part I (2)(a) allows no known
// exploitable vulnerabilities on the market; DM-10 in A11), every match
// whose version cannot be decided (RuleVulnerabilityUndetermined) and what
// could not be matched at all (RuleVulnerabilityMatchSkipped, info), and
// summarises the snapshot in [Report].Vulnerabilities. Without a snapshot
// the report says that the components were not checked
// (RuleNoAdvisorySnapshot). The snapshot is the caller's to keep current:
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
// one edition into the other. Migrate the statement of applicability to A11
// ([soa.Migrate]) for an assessment that speaks one edition throughout.
package iec62443
