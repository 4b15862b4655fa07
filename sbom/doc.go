// Package sbom is where a manufacturer's build pipeline meets the SBOM and
// vulnerability-handling requirements: it reads a product's software bill
// of materials into a typed component inventory, checks it against BSI
// TR-03183-2, the NTIA minimum elements and CRA Annex I Part II (1),
// matches OSV vulnerability records against it, and writes VEX (CycloneDX)
// and CSAF 2.0 VEX advisories.
//
// The checks give evidence for three A11 requirements (provisional, A11 is a
// draft): [requirement.SM14] (component inventory), [requirement.SM15]
// (software bill of materials) and [requirement.DM10] (monitoring of
// third-party components).
//
// # Inventory
//
// An [Inventory] holds the SBOM's metadata (spec version, serial number,
// timestamp, authors, the product as Subject) and its [Component]s: software
// and hardware, with name, version, supplier and creator ([Party]), purl
// (validated by [ParsePURL] with github.com/package-url/packageurl-go), CPE,
// [SWID], hashes, licences as SPDX expressions ([License],
// [ParseLicenseExpression]), direct dependencies and whether that list is
// complete ([Completeness]), [Origin], file name, the BSI executable,
// archive and structured properties ([Flag]), source and deployable URIs,
// security.txt URL, end of support and, for devices, the firmware version.
// Fields CycloneDX has no place for are stored as properties (the bsi:
// names of TR-03183-2, and [PropOrigin], [PropEndOfSupport],
// [PropFirmwareVersion]).
//
// [DecodeCycloneDX] reads CycloneDX 1.4 to 1.7, JSON or XML, through
// github.com/CycloneDX/cyclonedx-go. [EncodeCycloneDX] writes it back: an
// inventory read from CycloneDX augments its original document (only the
// modelled fields that changed are touched, in place; services,
// annotations, formulation and every unmodelled field stay as they were),
// and a write that would drop data (an older spec version, XML, a change
// that cannot keep an entry's unmodelled fields, a Parent naming no
// component) fails with [ErrNotRepresentable] naming what would be lost.
// Every write is read back first: it must be a valid BOM that gives the
// same inventory.
//
// # SPDX and format detection
//
// [DecodeSPDX] reads SPDX 2.2 and 2.3 (JSON or tag-value) and SPDX 3.0.1
// (JSON-LD) through github.com/spdx/tools-golang, the SPDX project's Go
// library, pinned at v0.6.0-rc4: the first version with the SPDX 3.0
// model (spdx/v3/v3_0), and one whose go directive (1.23.5) fits this
// module's. [EncodeSPDX] writes SPDX 3.0.1 JSON-LD (the default) or SPDX
// 2.3 JSON from an inventory; what the chosen version cannot carry is
// listed in an [ErrNotRepresentable] error, located, instead of dropped
// ([SPDXOptions] AllowLoss writes anyway). SPDX 3.0.1 carries every
// modelled field but the group, the SWID tag's name and version, licences
// without an SPDX expression or an acknowledgement, and hash algorithms
// SPDX has no value for: the bsi: properties travel in the CycloneDX
// properties extension, completeness on the dependsOn relationships,
// nesting as contains relationships, so that CycloneDX -> inventory ->
// SPDX 3.0.1 -> inventory gives the same components. Output is
// deterministic: the same inventory gives the same bytes.
//
// [Detect] tells the format and syntax from the content (not the file
// name), reading at most the first MiB and handing back a reader that
// replays it, so standard input works; [Decode] reads any of these
// formats with the right reader.
//
// # Checks
//
// [Check] (or [CheckCycloneDX] straight from a reader) applies the rules of
// a [CheckProfile]: [ProfileTR03183v2_1], [ProfileTR03183v2_0],
// [ProfileNTIA], [ProfileCRA]. [ProfileRules] lists them with their
// [RuleLevel] (required, additional, optional) and the requirement each
// evidences; [Rules] is the registry of every rule of the package (ID,
// default severity, basis, requirements per edition, description). Every
// rule checks what published text asks (BSI TR-03183-2, the NTIA minimum
// elements, the CRA), so every finding has the published basis; the
// requirements it names (SM-14, SM-15, DM-10) are new in A11 and
// provisional, and against the 2018 catalog (CheckOptions.Edition) the
// findings name none.
//
// The [Report] is the verdict on the profile (Outcome, with the Reasons
// that decide it: the required rules that failed, or the rules that are
// unknown), one [RuleResult] per rule (checked, passed, failed, unknown,
// outcome; a rule with nothing to check is not applicable), the number of
// components checked (the product included, as in the per-rule counts)
// and of those with gaps, a score, and the findings, located by JSON
// pointer into the SBOM (/components/12/hashes) with the component's
// bom-ref as Subject. A report does not grow with the SBOM: each rule
// lists the first CheckOptions.MaxSubjects components with a gap
// ([DefaultMaxSubjects], 20) and sums up the others in one more finding
// and in RuleResult.Omitted. A field that is "additional" (must be given
// if it exists) and missing is unknown, never a pass: the check cannot
// know that the data does not exist.
//
// Licences are checked with [ParseLicenseExpression]: the syntax by
// github.com/github/go-spdx/v2, every identifier against the SPDX licence
// and exception lists it embeds ([LicenseListVersion], stated in every
// [Report]). An identifier on neither list (a LicenseRef- or DocumentRef-
// reference excepted) fails `sbom.licence-expression` with a finding that
// names the component and the identifier; a deprecated identifier (such as
// GPL-2.0) is valid and raises a warning, `sbom.licence-deprecated`.
//
// # TR-03183-2 carriers, rule by rule
//
// Each rule reads a field where BSI TR-03183-2 v2.1.0 (20 Aug 2025) puts
// it: section 5.2 says which data an SBOM holds (5.2.1 and 5.2.2 required,
// 5.2.3 and 5.2.4 additional, 5.2.5 optional), section 8 (Tables 8 to 12)
// where CycloneDX carries each; v2.0.0 (20 Sep 2024) where it differs.
// SPDX 3.0.1 carriers are those [EncodeSPDX] writes. "Decision" says what
// this package does where the TR's prose and its mapping leave room.
//
//	rule                     TR clause       CycloneDX carrier; decision
//	sbom.schema-valid        5 (formats)     the whole document against the official schema of its specVersion;
//	                                         a document its own format's schema rejects is not in that format
//	sbom.format-version      5 (formats)     specVersion >= 1.6 (v2.0.0: 1.5); SPDX >= 3.0.1 (v2.0.0: 2.2.1,
//	                                         whose documents declare SPDX-2.2)
//	sbom.no-vulnerabilities  5 (general)     vulnerabilities empty: vulnerability data belongs in CSAF or VEX
//	sbom.creator             5.2.1           metadata.authors[] e-mail, else metadata.manufacturer url or contact
//	                                         e-mail; a tool is no creator. NTIA profile: the author of the SBOM
//	                                         data may be a person, an organisation or the generating tool
//	                                         (metadata.tools; SPDX Tool: creators), as the NTIA 2021 report allows
//	sbom.timestamp           5.2.1           metadata.timestamp, RFC 3339
//	sbom.uri                 5.2.3           serialNumber (with version, the BOM-Link); SPDX documentNamespace or
//	                                         the SpdxDocument's spdxId; missing is unknown (additional)
//	sbom.component-creator   5.2.2           components[].manufacturer url or contact e-mail (1.6); authors and
//	                                         the deprecated author give a name only, which is not enough
//	sbom.component-name      5.2.2           components[].name
//	sbom.component-version   5.2.2           components[].version
//	sbom.component-filename  5.2.2           property bsi:component:filename, a name without a path
//	sbom.component-dependencies 5.2.2        dependencies[ref] (an empty dependsOn for a leaf); a component
//	                                         without an entry is not a leaf
//	sbom.dependency-completeness 5.2.2       compositions[].aggregate complete, incomplete or unknown for a
//	                                         composition that lists the ref in dependencies, else in assemblies;
//	                                         unknown is a statement, not_specified is none
//	sbom.distribution-licence 5.2.2          licenses[] with acknowledgement "concluded" (v2.0.0: associated
//	                                         licences, any acknowledgement); a licence without acknowledgement is
//	                                         present but not marked, and said so
//	sbom.licence-expression  5 (licences)    every licence an SPDX expression whose identifiers are on the SPDX
//	                                         licence or exception list (LicenseRef-/DocumentRef- accepted)
//	sbom.licence-deprecated  -               a deprecated SPDX identifier: valid, a warning (optional rule)
//	sbom.hash-sha512         5.2.2           externalReferences[type=distribution].hashes (v2.1.0 section 8), or
//	                                         components[].hashes (v2.0.0 and most generators): either place,
//	                                         SHA-512 of 128 hex digits
//	sbom.executable-property 5.2.2           property bsi:component:executable: executable / non-executable
//	sbom.archive-property    5.2.2           property bsi:component:archive: archive / no archive
//	sbom.structured-property 5.2.2           property bsi:component:structured: structured / unstructured
//	sbom.source-uri          5.2.4           externalReferences[type=vcs], else source-distribution; unknown when
//	                                         missing (must be given if it exists)
//	sbom.deployable-uri      5.2.4           externalReferences[type=distribution].url; unknown when missing
//	sbom.unique-identifier   5.2.4           purl, cpe or swid (NTIA: required)
//	sbom.purl-valid          -               every purl parses as a package URL
//	sbom.original-licence    5.2.4           licenses[] with acknowledgement "declared"; unknown when missing
//	sbom.effective-licence   5.2.5           property bsi:component:effectiveLicense (optional)
//	sbom.security-txt        5.2.5           externalReferences[type=rfc-9116] (optional)
//	sbom.component-supplier  NTIA            components[].supplier.name (or the creator's name)
//	sbom.machine-readable,   NTIA, CRA       the inventory was read from CycloneDX or SPDX; metadata.component's
//	sbom.top-level-dependencies              dependency entry lists its direct dependencies
//
// The section numbers follow the structure of v2.1.0 as the SDK's facts
// sheet records it (a secondary source: the TR text is not embedded).
//
// # Verdicts compared with other checkers
//
// Two maintained checkers decide some rules differently. What they do is
// read from their code, not from running them: sbomqs
// (github.com/interlynk-io/sbomqs, its BSI TR-03183-2 v2.1 report in
// pkg/compliance/bsiV21.go at commit 06a14cb and bsi.go, its NTIA report
// in pkg/compliance/ntia.go at commit 014a1a2) and the SPDX project's
// ntia-conformance-checker (github.com/spdx/ntia-conformance-checker,
// ntia_conformance_checker/bsi_checker.py at commit 10f1180, SPDX 3 only).
// Per rule, where they differ and why this package decides as it does:
//
//	sbom.schema-valid      sbomqs's BSI report has no schema rule: a document its format's schema
//	                       rejects can pass. Here it fails: TR section 5 asks for CycloneDX or SPDX,
//	                       and a document the official schema rejects is not in that format.
//	sbom.format-version    sbomqs accepts any SPDX 3.x (the "3." prefix: 3.0 too); here SPDX 3.0.1 or
//	                       newer, the minimum TR v2.1.0 section 5 names.
//	sbom.creator           sbomqs takes an e-mail or URL of metadata.supplier as the SBOM's creator
//	                       when authors and manufacturer give none; here not: 5.2.1 asks for the
//	                       creator of the SBOM, which section 8 carries on metadata.authors and
//	                       metadata.manufacturer, and the supplier of the product is not that.
//	sbom.component-dependencies  sbomqs counts a component that declares no relationship as a leaf
//	                       and passes it; here a component without a dependency entry fails: 5.2.2
//	                       asks for each component's direct dependencies, a leaf states an empty
//	                       dependsOn (section 8), and a missing entry states nothing.
//	sbom.dependency-completeness  sbomqs decides once per document: any composition with an aggregate
//	                       passes every component; ntia-conformance-checker passes a document whose
//	                       dependsOn relationships all state completeness, and one that has none.
//	                       Here each component must be named by a composition (SPDX 3: its dependsOn
//	                       relationship) that says complete, incomplete or unknown: v2.1.0 5.2.2
//	                       asks whether each component's list of dependencies is complete.
//	sbom.hash-sha512       sbomqs's v2.1 report reads only externalReferences of type distribution or
//	                       distribution-intake; here distribution (section 8: the deployable form)
//	                       and components[].hashes (v2.0.0's carrier, and what generators write), not
//	                       distribution-intake, which is where a consumer took the component in.
//	sbom.component-filename, sbom.executable-property, sbom.archive-property, sbom.structured-property
//	                       sbomqs passes any non-empty property value; here the file name must have
//	                       no path and the three properties one of the two values 5.2.2 defines.
//	sbom.uri               ntia-conformance-checker requires the SBOM-URI; here it is additional
//	                       (5.2.3): unknown when missing, never a failure.
//	sbom.component-supplier (NTIA)  sbomqs asks for an e-mail address or URL of the component's
//	                       supplier (or manufacturer); here the supplier's name, the element the NTIA
//	                       2021 minimum elements name.
//	sbom.unique-identifier (NTIA)  sbomqs records purl or CPE as optional; here a purl, CPE or SWID is
//	                       required: "other unique identifiers" is one of the NTIA minimum elements.
//
// On the nine SBOMs cyclonedx-gomod v1.10.0 made of real modules
// (testdata/real, with how each was made; TestRealSBOMs pins the verdicts)
// these differences do not change a profile's verdict: every one is
// schema-valid, names only its tool, gives SHA-256 hashes and a dependency
// entry for every component, and no supplier; bin mode states
// completeness ("unknown") and mod and app modes state none. The
// differences decide fixtures under testdata/check: no-deps-entry,
// filename-path and bad-archive-value pass sbomqs's rule and fail here,
// and the files named invalid fail sbom.schema-valid, which sbomqs has
// not.
//
// # Official schemas
//
// Every profile requires `sbom.schema-valid`: the readers validate the
// document against the official JSON schema of the format version it
// declares (CycloneDX 1.4 to 1.7, SPDX 2.2, 2.3 and 3.0.1, embedded with
// their provenance in schemas/PROVENANCE.md), and [Check] reports each
// violation as a finding located by JSON pointer, beside the findings of
// the other rules, which still run. A CycloneDX 1.4 to 1.6 licences array
// that holds several expressions (a concluded and a declared one), or
// expressions beside licence objects, is valid only from CycloneDX 1.7:
// the finding says so, once per array. DecodeOptions.SkipSchema turns
// validation off for callers who validated already (the rule is then not
// applicable, as it is for an inventory built in code).
//
// A document is validated in parts, with the problems a validation of the
// whole document gives, at the same pointers: each element of the
// top-level arrays the schema constrains only by their items (the
// CycloneDX components, dependencies, compositions ...) against the
// schema of the items, in a small pool of goroutines as the elements
// stream in, and the rest of the document once; the uniqueness the schema
// asks of those arrays is checked across them. Each part is first tried
// on a fast path that decides most keywords over a flat layout of the
// JSON, and validated with jsonschema/v5 for its located problems only
// when that fails. Once an array's failing elements have given 1,000
// problems, its later failing elements are counted, not examined: a
// finding says how many.
//
// # Vulnerabilities and VEX
//
// [DecodeOSV] reads OSV records supplied by the caller; [MatchOSV]
// matches them against the inventory by purl identity and version:
// explicit version lists and SEMVER ranges (introduced, fixed,
// last_affected) are decided; ECOSYSTEM and GIT ranges, missing or
// non-SemVer versions are [MatchUndetermined], never not affected; and
// what cannot be matched at all (a component without a valid purl, an
// affected package in an ecosystem without a known purl type) is listed
// as a [MatchSkip]. Distribution ecosystems map to purl namespaces (Debian and
// Ubuntu to pkg:deb/debian and pkg:deb/ubuntu, Alpine to pkg:apk/alpine;
// a release such as "Debian:12" is accepted and not compared). [Triage]
// turns matches into first [VEXStatement]s. [EncodeCycloneDXVEX] writes
// CycloneDX VEX (analysis state, justification, response); [EncodeCSAFVEX]
// writes a CSAF 2.0
// document with the VEX profile (product tree from the inventory,
// product_status, notes, flags or impact threats for known_not_affected,
// remediations for known_affected), one vulnerability entry per ID, and
// checks it with [ValidateCSAFVEX] before writing. Time is always an
// argument: output is deterministic.
//
// # Scale and limits
//
// SBOMs of real products reach 10^5 components. Bom-refs, purls and
// dependencies are indexed in maps; no step is quadratic, and the work
// that grows with the input ([DecodeCycloneDX], [DecodeSPDX], [DecodeOSV],
// [Check], [CheckCycloneDX], [MatchOSV]) takes a context and stops when it
// is cancelled.
//
// The readers bound their input with the SDK's one limits type,
// requirement.Limits in [DecodeOptions]; each zero field takes the SBOM
// default, larger than the other decoders': [DefaultMaxBytes] (512 MiB),
// [DefaultMaxDepth] (128 levels of JSON nesting or XML elements),
// [DefaultMaxStringLen] (64 MiB), [DefaultMaxEntries] (1,048,576 members
// of an object, elements of an array or children of an element) and
// [DefaultMaxProblems] (1,000). The size is checked before reading when
// the reader can say (a regular *os.File, an fs.File with Stat, anything
// with Len or Size), and no more than one byte past the limit is ever read
// or buffered. JSON streams through a checker that does, in the same pass,
// what encoding/json's syntax check does and what it does not: nesting,
// entries and string length, and duplicate object keys, which are
// refused (also keys that differ only in letter case or are spelled with
// escapes: encoding/json would read them into one field, the last
// winning). Every problem is located by JSON pointer, line and byte
// offset; an empty document says so, and a leading UTF-8 byte-order mark
// is ignored. XML is bounded the same way while its tokens stream
// (depth, children, text length; located by line), so that elements the
// model does not know cannot nest without bound.
//
// CycloneDX JSON streams from the reader to the decoder: each component
// becomes an inventory component as it is read, so that cyclonedx-go's
// tree of the components is never held whole. An inventory keeps its
// original document for [EncodeCycloneDX] as compact JSON;
// DecodeOptions.NoAugment leaves that copy out (EncodeCycloneDX then
// refuses the inventory) and [CheckCycloneDX] keeps none, so that the
// input is not held either. A full TR-03183-2 check then costs about what
// decoding the document with cyclonedx-go does (BENCHMARKS.md, "SBOM
// checker"; BenchmarkTR03183SideBySide).
//
// # Concurrency
//
// Functions are safe for concurrent use on distinct values. An [Inventory]
// is not synchronised: do not write it while another goroutine reads or
// writes it. [Rules], [ProfileRules], [CheckProfiles] and the embedded
// schemas are immutable.
//
// # Limitations
//
//   - A11 is a draft: the mapping of rules to SM-14, SM-15 and DM-10 is
//     provisional, as is the catalog it points into.
//   - TR-03183-2 is summarised from secondary sources (the facts sheet):
//     sources disagree on whether v2.1.0 "additional" fields are mandatory;
//     this package treats them as "must if it exists" (unknown when
//     missing). Logical components (v2.1.0) get no reduced field set yet;
//     the source-code hash (optional) is not checked.
//   - Licence identifiers are checked against the SPDX licence and
//     exception lists that github.com/github/go-spdx/v2 embeds
//     ([LicenseListVersion]; the report names the version): an identifier
//     added to the list later is unknown here until the module is updated.
//     "-only" and "-or-later" forms count only when the list has them.
//   - CycloneDX XML is validated through its JSON equivalent (the
//     document as cyclonedx-go decodes it), not against the XSD: XML
//     elements cyclonedx-go does not know are dropped unseen, and
//     constraints only the XSD states are not checked.
//   - CycloneDX JSON is decoded by encoding/json into cyclonedx-go's
//     types, one member (and one element of each top-level array) at a
//     time, after the streaming check. cyclonedx-go v0.11.0 drops a
//     single-signer JSF signature ({"algorithm", "value"}) when decoding;
//     only the signers and chain forms survive a read. XML input is
//     located by the pointers of the equivalent JSON document. Nested
//     components of metadata.component are kept but not modelled.
//   - SPDX tag-value is validated and located through its JSON equivalent
//     (the document as tools-golang reads it). SPDX 2.1, RDF/XML and YAML
//     are not read; SPDX 2.2 has no primary package purpose, so its
//     components are all "library". In SPDX 3.0.1 only software_Package
//     elements become components (files and snippets do not), licences
//     are read from hasConcludedLicense and hasDeclaredLicense
//     relationships, and the creator of the SBOM is the Person or
//     Organization of createdBy (a SoftwareAgent is a tool, not an author).
//     tools-golang v0.6.0-rc4 is a release candidate.
//   - OSV matching compares purl type, namespace and name (qualifiers and
//     subpath ignored, so a distribution release is not compared: a
//     Debian 11 record also matches a Debian 12 package, which can only
//     widen the match) and knows the common OSV ecosystems (others are
//     skipped and listed); ECOSYSTEM version orderings are not
//     implemented (undetermined).
//   - [ValidateCSAFVEX] is this SDK's JSON Schema of the VEX profile's
//     mandatory fields and identifier patterns plus the cross-field rules
//     of the profile and the CSAF 2.0 mandatory tests 6.1.1, 6.1.2, 6.1.6
//     and 6.1.23, not the official schema and full test suite. The tests
//     of this package validate [EncodeCSAFVEX] output against the official
//     CSAF 2.0 JSON schema embedded in github.com/gocsaf/csaf/v3 (v3.3.0:
//     its later versions need go 1.24.9 or newer, above this module's go
//     1.24 line); that module is a test dependency, the library does not
//     import it.
//   - The justification cross-walk to CycloneDX is a documented choice
//     (component_not_present and vulnerable_code_not_present both become
//     code_not_present; vulnerable_code_cannot_be_controlled_by_adversary
//     becomes requires_environment).
//
// # Stability
//
// The inventory types and rule IDs are stable. Rule sets follow their
// published sources (BSI TR-03183-2 v2.0.0 and v2.1.0, NTIA, CRA); a new
// version of a source is a new [CheckProfile], never a silent change of an old one.
package sbom
