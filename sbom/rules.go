package sbom

import (
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/requirement"
)

// Rule IDs of the checks. They are stable across releases.
const (
	// `sbom.schema-valid` is the rule ID "sbom.schema-valid": the SBOM validates
	// against the official schema of the format version it declares.
	ruleSchemaValid requirement.RuleID = "sbom.schema-valid"
	// `sbom.format-version` is the rule ID "sbom.format-version".
	ruleFormatVersion requirement.RuleID = "sbom.format-version"
	// `sbom.machine-readable` is the rule ID "sbom.machine-readable".
	ruleMachineReadable requirement.RuleID = "sbom.machine-readable"
	// `sbom.creator` is the rule ID "sbom.creator".
	ruleSBOMCreator requirement.RuleID = "sbom.creator"
	// `sbom.timestamp` is the rule ID "sbom.timestamp".
	ruleSBOMTimestamp requirement.RuleID = "sbom.timestamp"
	// `sbom.uri` is the rule ID "sbom.uri".
	ruleSBOMURI requirement.RuleID = "sbom.uri"
	// `sbom.no-vulnerabilities` is the rule ID "sbom.no-vulnerabilities".
	ruleNoVulnerabilities requirement.RuleID = "sbom.no-vulnerabilities"
	// `sbom.top-level-dependencies` is the rule ID "sbom.top-level-dependencies".
	ruleTopLevelDependencies requirement.RuleID = "sbom.top-level-dependencies"
	// `sbom.component-creator` is the rule ID "sbom.component-creator".
	ruleComponentCreator requirement.RuleID = "sbom.component-creator"
	// `sbom.component-supplier` is the rule ID "sbom.component-supplier".
	ruleComponentSupplier requirement.RuleID = "sbom.component-supplier"
	// `sbom.component-name` is the rule ID "sbom.component-name".
	ruleComponentName requirement.RuleID = "sbom.component-name"
	// `sbom.component-version` is the rule ID "sbom.component-version".
	ruleComponentVersion requirement.RuleID = "sbom.component-version"
	// `sbom.component-filename` is the rule ID "sbom.component-filename".
	ruleComponentFilename requirement.RuleID = "sbom.component-filename"
	// `sbom.component-dependencies` is the rule ID "sbom.component-dependencies".
	ruleComponentDependencies requirement.RuleID = "sbom.component-dependencies"
	// `sbom.dependency-completeness` is the rule ID "sbom.dependency-completeness".
	ruleDependencyCompleteness requirement.RuleID = "sbom.dependency-completeness"
	// `sbom.distribution-licence` is the rule ID "sbom.distribution-licence".
	ruleDistributionLicence requirement.RuleID = "sbom.distribution-licence"
	// `sbom.licence-deprecated` is the rule ID "sbom.licence-deprecated": a
	// warning (severity info, never failing a profile) for a licence
	// identifier the SPDX licence list marks deprecated, which stays valid.
	ruleLicenceDeprecated requirement.RuleID = "sbom.licence-deprecated"
	// `sbom.licence-expression` is the rule ID "sbom.licence-expression".
	ruleLicenceExpression requirement.RuleID = "sbom.licence-expression"
	// `sbom.hash-sha512` is the rule ID "sbom.hash-sha512".
	ruleHashSHA512 requirement.RuleID = "sbom.hash-sha512"
	// `sbom.executable-property` is the rule ID "sbom.executable-property".
	ruleExecutable requirement.RuleID = "sbom.executable-property"
	// `sbom.archive-property` is the rule ID "sbom.archive-property".
	ruleArchive requirement.RuleID = "sbom.archive-property"
	// `sbom.structured-property` is the rule ID "sbom.structured-property".
	ruleStructured requirement.RuleID = "sbom.structured-property"
	// `sbom.source-uri` is the rule ID "sbom.source-uri".
	ruleSourceURI requirement.RuleID = "sbom.source-uri"
	// `sbom.deployable-uri` is the rule ID "sbom.deployable-uri".
	ruleDeployableURI requirement.RuleID = "sbom.deployable-uri"
	// `sbom.unique-identifier` is the rule ID "sbom.unique-identifier".
	ruleIdentifier requirement.RuleID = "sbom.unique-identifier"
	// `sbom.purl-valid` is the rule ID "sbom.purl-valid".
	rulePURLValid requirement.RuleID = "sbom.purl-valid"
	// `sbom.original-licence` is the rule ID "sbom.original-licence".
	ruleOriginalLicence requirement.RuleID = "sbom.original-licence"
	// `sbom.effective-licence` is the rule ID "sbom.effective-licence".
	ruleEffectiveLicence requirement.RuleID = "sbom.effective-licence"
	// `sbom.security-txt` is the rule ID "sbom.security-txt".
	ruleSecurityTxt requirement.RuleID = "sbom.security-txt"
)

// Rules returns the registry entries of every rule this package can
// report, sorted by ID, in a fresh slice: its default severity (that of
// the most binding level any profile gives it: high for required, low for
// additional, info for optional; a finding carries the severity of the
// rule's level in the profile checked), its basis and the requirements it
// evidences per edition, and a description that says which profiles apply
// it and how. Every SBOM rule checks what published text asks (BSI
// TR-03183-2, the NTIA minimum elements, the CRA): its basis is
// requirement.BasisPublished. The requirements it evidences (SM-14, SM-15,
// DM-10) are A11 requirements, new in A11: the 2018 edition has none the
// rules could name, so Requirements lists the A11 one only.
func Rules() []requirement.Rule {
	out := make([]requirement.Rule, 0, len(ruleDefs))
	for _, d := range ruleDefs {
		out = append(out, registryEntry(d))
	}
	slices.SortFunc(out, func(a, b requirement.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return out
}

// registryEntry builds the registry entry of one rule definition.
func registryEntry(d ruleDef) requirement.Rule {
	best := RuleLevel(0)
	var b strings.Builder
	b.WriteString(d.summary)
	b.WriteString(" (")
	first := true
	for _, p := range CheckProfiles() {
		l := d.levels[p]
		if l == 0 {
			continue
		}
		if best == 0 || l < best {
			best = l
		}
		if !first {
			b.WriteString("; ")
		}
		first = false
		b.WriteString(p.String())
		b.WriteString(": ")
		b.WriteString(l.String())
	}
	b.WriteString(")")
	return requirement.Rule{
		ID:           d.id,
		Package:      "sbom",
		Severity:     ProfileRule{Level: best}.Severity(),
		Basis:        ruleBasis,
		Requirements: []requirement.Ref{{Edition: requirement.EditionA11, ID: d.req}},
		Description:  b.String(),
	}
}

// ruleBasis is the basis of every rule of the package (see [Rules]).
const ruleBasis = requirement.BasisPublished
