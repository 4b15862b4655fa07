// Package sarif writes the findings of an assessment ([iec62443.Report]) as a
// SARIF 2.1.0 log, the format code-review and CI tools (GitHub code scanning,
// GitLab, Azure DevOps, IDE viewers) read, through
// github.com/owenrumney/go-sarif.
//
// # The log
//
// [EncodeReport] writes one run. Its tool lists every rule of the SDK's rule
// registry ([iec62443.Rules]): the rule ID, its description, a help text,
// its default level, its requirements per edition and, as the property
// "basis" and a tag, whether it rests on published text (the 2018 edition,
// the CRA, BSI TR-03183-2, the NTIA minimum elements) or on the SDK's
// provisional modelling of the A11 draft. Each finding of the report is one
// result: its level follows the severity (critical and high: error; medium:
// warning; low and info: note; the rule's "security-severity" property ranks
// it for GitHub), its message is the finding's, and it carries the
// requirement, edition, subject and basis as properties and a stable partial
// fingerprint ([FingerprintKey]).
//
// # Locations
//
// A result is located by the document its finding group names, as an
// artifact URI relative to [Options].Dossier (the dossier's path as the
// consumer resolves it, for code scanning relative to the repository root),
// and by its JSON pointer, as the fully qualified name of a logical location
// ("register.json#/risks/3/treatment"). Given [Options].Root, the file system
// the dossier was loaded from, results in its JSON documents also get the
// line the pointer names (or its nearest existing ancestor's). Findings of
// the statement of applicability the assessment resolved, and of SBOM data
// given without a path, have no file: they carry only the logical location.
//
// # Limitations
//
// Lines are found for JSON documents only: YAML dossiers and parts get no
// lines. The log describes the findings, not the verdict: the run's
// properties name the verdict's outcome, the edition and the catalog
// version, and count the findings a report's per-rule cap left out.
// go-sarif writes every optional array and "-1" index; the package leaves
// them out (SARIF defines them as absent), keeping the results array even
// when it is empty.
package sarif
