package soa

import (
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/requirement"
)

// Rule IDs of the findings [Validate] (and so [Resolve]) reports. They are
// stable across releases; [Rules] describes each.
const (
	// `soa.not-approved` (low): the statement has no approver or approval date.
	ruleNotApproved requirement.RuleID = "soa.not-approved"
	// `soa.catalog-version-mismatch` (low): the statement names another catalog
	// version than the one it was validated against.
	ruleCatalogVersionMismatch requirement.RuleID = "soa.catalog-version-mismatch"
	// `soa.context-missing` (medium): an A11 statement without Annex B category or profile.
	ruleContextMissing requirement.RuleID = "soa.context-missing"
	// `soa.date-order` (low): the approval or next review date is before the
	// issue date.
	ruleDateOrder requirement.RuleID = "soa.date-order"
	// `soa.entry-missing` (high): a requirement of the catalog has no entry.
	ruleEntryMissing requirement.RuleID = "soa.entry-missing"
	// `soa.title-mismatch` (low): an entry's title is not the catalog's title
	// for its requirement (a title of the other edition is an error instead).
	ruleTitleMismatch requirement.RuleID = "soa.title-mismatch"
	// `soa.unassessed` (medium): the assessment did not cover the requirement
	// ([BasisUnassessed]); it is applicable by default.
	ruleUnassessed requirement.RuleID = "soa.unassessed"
	// `soa.new-requirement-open` (medium): a requirement new in the edition
	// ([FlagNewRequirement]) still awaits assessment.
	ruleNewRequirementOpen requirement.RuleID = "soa.new-requirement-open"
	// `soa.requirement-changed` (low): a migrated entry's requirement changed
	// ([FlagRequirementChanged]); its evidence needs re-verification.
	ruleRequirementChanged requirement.RuleID = "soa.requirement-changed"
	// `soa.override-contradicts-assessment` (medium when an applicable requirement was
	// excluded, low otherwise): the decision contradicts the assessment.
	ruleOverrideContradicts requirement.RuleID = "soa.override-contradicts-assessment"
	// `soa.justification-missing` (high for a decision other than applicable or
	// one that contradicts the assessment, medium otherwise): the
	// justification is missing, a placeholder or too short.
	ruleJustificationMissing requirement.RuleID = "soa.justification-missing"
	// `soa.justification-generic` (medium for a decision other than applicable
	// or one that contradicts the assessment, low otherwise): the
	// justification names no basis (risks, baseline, legal source, product
	// context), or not the risks the entry rests on.
	ruleJustificationGeneric requirement.RuleID = "soa.justification-generic"
	// `soa.inherited-without-source` (medium): an inherited decision does not
	// name the component or platform it is inherited from.
	ruleInheritedWithoutSource requirement.RuleID = "soa.inherited-without-source"
	// `soa.inherited-from-unused` (low): inherited_from is set on an entry whose
	// decision is not inherited.
	ruleInheritedFromUnused requirement.RuleID = "soa.inherited-from-unused"
	// `soa.status-missing` (medium): a requirement that applies has no status
	// (unknown, never a pass).
	ruleStatusMissing requirement.RuleID = "soa.status-missing"
	// `soa.status-on-exclusion` (low): a not-applicable requirement has a status.
	ruleStatusOnExclusion requirement.RuleID = "soa.status-on-exclusion"
	// `soa.not-started` (medium): an applying requirement is only planned.
	ruleNotStarted requirement.RuleID = "soa.not-started"
	// `soa.in-progress` (low): an applying requirement is in progress.
	ruleInProgress requirement.RuleID = "soa.in-progress"
	// `soa.not-verified` (low): an applying requirement is implemented, not verified.
	ruleNotVerified requirement.RuleID = "soa.not-verified"
	// `soa.verified-without-evidence` (high): verified, but no evidence is referenced.
	ruleVerifiedWithoutEvidence requirement.RuleID = "soa.verified-without-evidence"
	// `soa.implemented-without-evidence` (medium): implemented, but no evidence is referenced.
	ruleImplementedNoEvidence requirement.RuleID = "soa.implemented-without-evidence"
	// `soa.no-owner` (low): an applying requirement has no owner.
	ruleNoOwner requirement.RuleID = "soa.no-owner"
	// `soa.maturity-below-target` (medium): the achieved maturity is below the target.
	ruleMaturityBelowTarget requirement.RuleID = "soa.maturity-below-target"
	// `soa.maturity-unknown` (low): a target is set but the achieved maturity is
	// not assessed (unknown, never a pass).
	ruleMaturityUnknown requirement.RuleID = "soa.maturity-unknown"
	// `soa.not-applicable-with-risks` (medium): a not-applicable requirement has risks linked.
	ruleNotApplicableWithRisks requirement.RuleID = "soa.not-applicable-with-risks"
	// `soa.exclusion-unconfirmed` (low): the assessment proposed the exclusion
	// ([BasisRisk] and not applicable) and no override confirmed it.
	ruleExclusionUnconfirmed requirement.RuleID = "soa.exclusion-unconfirmed"
)

// statementReq is what the rules about the statement as a whole concern: the
// A11 requirement to keep a statement of applicability. The 2018 edition has
// no such requirement, so in a 2018 statement those findings name none.
var statementReq = []requirement.Ref{{Edition: requirement.EditionA11, ID: requirement.SR3}}

// rules is the registry of this package. Every rule rests on the SDK's
// modelling of the A11 draft's Annex E (the statement of applicability is an
// A11 template; its columns and the checks on them are the SDK's reading),
// so every basis is provisional, for 2018 statements too.
var rules = []requirement.Rule{
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleNotApproved, Severity: requirement.SeverityLow, Requirements: statementReq,
		Description: "the statement has no approver or no approval date"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleCatalogVersionMismatch, Severity: requirement.SeverityLow, Requirements: statementReq,
		Description: "the statement names another catalog version than the one it is validated against"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleContextMissing, Severity: requirement.SeverityMedium, Requirements: statementReq,
		Description: "an A11 statement records no Annex B category or security profile"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleDateOrder, Severity: requirement.SeverityLow, Requirements: statementReq,
		Description: "the approval or next review date is before the issue date"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleEntryMissing, Severity: requirement.SeverityHigh,
		Description: "a requirement of the catalog has no entry, so nobody decided whether it applies"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleTitleMismatch, Severity: requirement.SeverityLow,
		Description: "an entry's title is not the catalog's title for its requirement"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleUnassessed, Severity: requirement.SeverityMedium,
		Description: "the applicability assessment did not cover the requirement; it is applicable by default"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleNewRequirementOpen, Severity: requirement.SeverityMedium,
		Description: "a requirement new in the edition, opened by a migration, is not yet assessed"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleRequirementChanged, Severity: requirement.SeverityLow,
		Description: "a migrated entry's requirement changed between editions; its evidence needs re-verification"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleOverrideContradicts, Severity: requirement.SeverityMedium,
		Description: "the decision contradicts the applicability assessment (medium when it excludes an applicable requirement, low otherwise)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleJustificationMissing, Severity: requirement.SeverityHigh,
		Description: "the justification is missing, a placeholder or too short (high for exclusions, tailoring, inheritance and decisions against the assessment, medium for applicable)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleJustificationGeneric, Severity: requirement.SeverityMedium,
		Description: "the justification names no basis: no risk it rests on, no baseline rule, legal source or product context (medium for exclusions, tailoring, inheritance and decisions against the assessment, low for applicable)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleInheritedWithoutSource, Severity: requirement.SeverityMedium,
		Description: "an inherited decision does not name the component or platform that meets the requirement"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleInheritedFromUnused, Severity: requirement.SeverityLow,
		Description: "inherited_from is set on an entry whose decision is not inherited"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleStatusMissing, Severity: requirement.SeverityMedium,
		Description: "a requirement that applies has no implementation status (unknown, not met)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleStatusOnExclusion, Severity: requirement.SeverityLow,
		Description: "a not-applicable requirement carries an implementation status"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleNotStarted, Severity: requirement.SeverityMedium,
		Description: "a requirement that applies is only planned"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleInProgress, Severity: requirement.SeverityLow,
		Description: "a requirement that applies is being implemented"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleNotVerified, Severity: requirement.SeverityLow,
		Description: "a requirement that applies is implemented but not verified"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleVerifiedWithoutEvidence, Severity: requirement.SeverityHigh,
		Description: "a requirement is marked verified but no evidence is referenced"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleImplementedNoEvidence, Severity: requirement.SeverityMedium,
		Description: "a requirement is marked implemented but no evidence is referenced"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleNoOwner, Severity: requirement.SeverityLow,
		Description: "a requirement that applies has no owner"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleMaturityBelowTarget, Severity: requirement.SeverityMedium,
		Description: "the achieved maturity level is below the target"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleMaturityUnknown, Severity: requirement.SeverityLow,
		Description: "a target maturity is set but the achieved maturity is not assessed (unknown, not met)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleNotApplicableWithRisks, Severity: requirement.SeverityMedium,
		Description: "a not-applicable requirement has risks linked to it"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: ruleExclusionUnconfirmed, Severity: requirement.SeverityLow,
		Description: "the applicability assessment proposed an exclusion that no override confirmed in the manufacturer's words"},
}

// ruleIndex maps a rule ID to its position in rules.
var ruleIndex = func() map[requirement.RuleID]int {
	m := make(map[requirement.RuleID]int, len(rules))
	for i := range rules {
		m[rules[i].ID] = i
	}
	return m
}()

// Rules returns every rule this package can report, sorted by ID, in a fresh
// slice: the package's part of the SDK's rule registry.
func Rules() []requirement.Rule {
	out := make([]requirement.Rule, len(rules))
	for i, r := range rules {
		r.Requirements = slices.Clone(r.Requirements)
		out[i] = r
	}
	slices.SortFunc(out, func(a, b requirement.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return out
}

// newFinding builds a finding of rule id against a catalog of edition ed:
// the registry's severity (sev overrides it when not zero) and basis, the
// edition when the finding names a requirement, and the subject (the entry's
// requirement ID, "" for the statement as a whole). A document-level finding
// (req "") names the rule's requirement of edition ed when it has one.
func newFinding(id requirement.RuleID, sev requirement.Severity, ed requirement.Edition, req requirement.ID, ptr, subject, format string, args ...any) requirement.Finding {
	i, ok := ruleIndex[id]
	if !ok {
		// Unreachable: every rule ID of this package is in the table (a
		// test checks it). Report it rather than panic.
		return requirement.Finding{Rule: id, Severity: requirement.SeverityHigh, Pointer: ptr, Subject: subject, Message: "soa: unregistered rule"}
	}
	r := rules[i]
	if req == "" {
		req, _ = r.RequirementIn(ed)
	}
	f := r.Finding(req, ptr, subject, format, args...)
	if sev != 0 {
		f.Severity = sev
	}
	if f.Requirement != "" {
		f.Edition = ed
	}
	return f
}
