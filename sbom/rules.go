package sbom

import (
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/requirement"
)

// Rule IDs of the checks. They are stable across releases.
const (
	// RuleSchemaValid is the rule ID "sbom.schema-valid": the SBOM validates
	// against the official schema of the format version it declares.
	RuleSchemaValid requirement.RuleID = "sbom.schema-valid"
	// RuleFormatVersion is the rule ID "sbom.format-version".
	RuleFormatVersion requirement.RuleID = "sbom.format-version"
	// RuleMachineReadable is the rule ID "sbom.machine-readable".
	RuleMachineReadable requirement.RuleID = "sbom.machine-readable"
	// RuleSBOMCreator is the rule ID "sbom.creator".
	RuleSBOMCreator requirement.RuleID = "sbom.creator"
	// RuleSBOMTimestamp is the rule ID "sbom.timestamp".
	RuleSBOMTimestamp requirement.RuleID = "sbom.timestamp"
	// RuleSBOMURI is the rule ID "sbom.uri".
	RuleSBOMURI requirement.RuleID = "sbom.uri"
	// RuleNoVulnerabilities is the rule ID "sbom.no-vulnerabilities".
	RuleNoVulnerabilities requirement.RuleID = "sbom.no-vulnerabilities"
	// RuleTopLevelDependencies is the rule ID "sbom.top-level-dependencies".
	RuleTopLevelDependencies requirement.RuleID = "sbom.top-level-dependencies"
	// RuleComponentCreator is the rule ID "sbom.component-creator".
	RuleComponentCreator requirement.RuleID = "sbom.component-creator"
	// RuleComponentSupplier is the rule ID "sbom.component-supplier".
	RuleComponentSupplier requirement.RuleID = "sbom.component-supplier"
	// RuleComponentName is the rule ID "sbom.component-name".
	RuleComponentName requirement.RuleID = "sbom.component-name"
	// RuleComponentVersion is the rule ID "sbom.component-version".
	RuleComponentVersion requirement.RuleID = "sbom.component-version"
	// RuleComponentFilename is the rule ID "sbom.component-filename".
	RuleComponentFilename requirement.RuleID = "sbom.component-filename"
	// RuleComponentDependencies is the rule ID "sbom.component-dependencies".
	RuleComponentDependencies requirement.RuleID = "sbom.component-dependencies"
	// RuleDependencyCompleteness is the rule ID "sbom.dependency-completeness".
	RuleDependencyCompleteness requirement.RuleID = "sbom.dependency-completeness"
	// RuleDistributionLicence is the rule ID "sbom.distribution-licence".
	RuleDistributionLicence requirement.RuleID = "sbom.distribution-licence"
	// RuleLicenceDeprecated is the rule ID "sbom.licence-deprecated": a
	// warning (severity info, never failing a profile) for a licence
	// identifier the SPDX licence list marks deprecated, which stays valid.
	RuleLicenceDeprecated requirement.RuleID = "sbom.licence-deprecated"
	// RuleLicenceExpression is the rule ID "sbom.licence-expression".
	RuleLicenceExpression requirement.RuleID = "sbom.licence-expression"
	// RuleHashSHA512 is the rule ID "sbom.hash-sha512".
	RuleHashSHA512 requirement.RuleID = "sbom.hash-sha512"
	// RuleExecutable is the rule ID "sbom.executable-property".
	RuleExecutable requirement.RuleID = "sbom.executable-property"
	// RuleArchive is the rule ID "sbom.archive-property".
	RuleArchive requirement.RuleID = "sbom.archive-property"
	// RuleStructured is the rule ID "sbom.structured-property".
	RuleStructured requirement.RuleID = "sbom.structured-property"
	// RuleSourceURI is the rule ID "sbom.source-uri".
	RuleSourceURI requirement.RuleID = "sbom.source-uri"
	// RuleDeployableURI is the rule ID "sbom.deployable-uri".
	RuleDeployableURI requirement.RuleID = "sbom.deployable-uri"
	// RuleIdentifier is the rule ID "sbom.unique-identifier".
	RuleIdentifier requirement.RuleID = "sbom.unique-identifier"
	// RulePURLValid is the rule ID "sbom.purl-valid".
	RulePURLValid requirement.RuleID = "sbom.purl-valid"
	// RuleOriginalLicence is the rule ID "sbom.original-licence".
	RuleOriginalLicence requirement.RuleID = "sbom.original-licence"
	// RuleEffectiveLicence is the rule ID "sbom.effective-licence".
	RuleEffectiveLicence requirement.RuleID = "sbom.effective-licence"
	// RuleSecurityTxt is the rule ID "sbom.security-txt".
	RuleSecurityTxt requirement.RuleID = "sbom.security-txt"
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
