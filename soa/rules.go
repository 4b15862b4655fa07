package soa

import (
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/requirement"
)

// Rule IDs of the findings [Validate] (and so [Resolve]) reports. They are
// stable across releases; [Rules] describes each.
const (
	// RuleNotApproved (low): the statement has no approver or approval date.
	RuleNotApproved requirement.RuleID = "soa.not-approved"
	// RuleCatalogVersionMismatch (low): the statement names another catalog
	// version than the one it was validated against.
	RuleCatalogVersionMismatch requirement.RuleID = "soa.catalog-version-mismatch"
	// RuleContextMissing (medium): an A11 statement without Annex B category or profile.
	RuleContextMissing requirement.RuleID = "soa.context-missing"
	// RuleDateOrder (low): the approval or next review date is before the
	// issue date.
	RuleDateOrder requirement.RuleID = "soa.date-order"
	// RuleEntryMissing (high): a requirement of the catalog has no entry.
	RuleEntryMissing requirement.RuleID = "soa.entry-missing"
	// RuleTitleMismatch (low): an entry's title is not the catalog's title
	// for its requirement (a title of the other edition is an error instead).
	RuleTitleMismatch requirement.RuleID = "soa.title-mismatch"
	// RuleUnassessed (medium): the assessment did not cover the requirement
	// ([BasisUnassessed]); it is applicable by default.
	RuleUnassessed requirement.RuleID = "soa.unassessed"
	// RuleNewRequirementOpen (medium): a requirement new in the edition
	// ([FlagNewRequirement]) still awaits assessment.
	RuleNewRequirementOpen requirement.RuleID = "soa.new-requirement-open"
	// RuleRequirementChanged (low): a migrated entry's requirement changed
	// ([FlagRequirementChanged]); its evidence needs re-verification.
	RuleRequirementChanged requirement.RuleID = "soa.requirement-changed"
	// RuleOverrideContradicts (medium when an applicable requirement was
	// excluded, low otherwise): the decision contradicts the assessment.
	RuleOverrideContradicts requirement.RuleID = "soa.override-contradicts-assessment"
	// RuleJustificationMissing (high for a decision other than applicable or
	// one that contradicts the assessment, medium otherwise): the
	// justification is missing, a placeholder or too short.
	RuleJustificationMissing requirement.RuleID = "soa.justification-missing"
	// RuleJustificationGeneric (medium for a decision other than applicable
	// or one that contradicts the assessment, low otherwise): the
	// justification names no basis (risks, baseline, legal source, product
	// context), or not the risks the entry rests on.
	RuleJustificationGeneric requirement.RuleID = "soa.justification-generic"
	// RuleInheritedWithoutSource (medium): an inherited decision does not
	// name the component or platform it is inherited from.
	RuleInheritedWithoutSource requirement.RuleID = "soa.inherited-without-source"
	// RuleInheritedFromUnused (low): inherited_from is set on an entry whose
	// decision is not inherited.
	RuleInheritedFromUnused requirement.RuleID = "soa.inherited-from-unused"
	// RuleStatusMissing (medium): a requirement that applies has no status
	// (unknown, never a pass).
	RuleStatusMissing requirement.RuleID = "soa.status-missing"
	// RuleStatusOnExclusion (low): a not-applicable requirement has a status.
	RuleStatusOnExclusion requirement.RuleID = "soa.status-on-exclusion"
	// RuleNotStarted (medium): an applying requirement is only planned.
	RuleNotStarted requirement.RuleID = "soa.not-started"
	// RuleInProgress (low): an applying requirement is in progress.
	RuleInProgress requirement.RuleID = "soa.in-progress"
	// RuleNotVerified (low): an applying requirement is implemented, not verified.
	RuleNotVerified requirement.RuleID = "soa.not-verified"
	// RuleVerifiedWithoutEvidence (high): verified, but no evidence is referenced.
	RuleVerifiedWithoutEvidence requirement.RuleID = "soa.verified-without-evidence"
	// RuleImplementedNoEvidence (medium): implemented, but no evidence is referenced.
	RuleImplementedNoEvidence requirement.RuleID = "soa.implemented-without-evidence"
	// RuleNoOwner (low): an applying requirement has no owner.
	RuleNoOwner requirement.RuleID = "soa.no-owner"
	// RuleMaturityBelowTarget (medium): the achieved maturity is below the target.
	RuleMaturityBelowTarget requirement.RuleID = "soa.maturity-below-target"
	// RuleMaturityUnknown (low): a target is set but the achieved maturity is
	// not assessed (unknown, never a pass).
	RuleMaturityUnknown requirement.RuleID = "soa.maturity-unknown"
	// RuleNotApplicableWithRisks (medium): a not-applicable requirement has risks linked.
	RuleNotApplicableWithRisks requirement.RuleID = "soa.not-applicable-with-risks"
	// RuleExclusionUnconfirmed (low): the assessment proposed the exclusion
	// ([BasisRisk] and not applicable) and no override confirmed it.
	RuleExclusionUnconfirmed requirement.RuleID = "soa.exclusion-unconfirmed"
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
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleNotApproved, Severity: requirement.SeverityLow, Requirements: statementReq,
		Description: "the statement has no approver or no approval date"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleCatalogVersionMismatch, Severity: requirement.SeverityLow, Requirements: statementReq,
		Description: "the statement names another catalog version than the one it is validated against"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleContextMissing, Severity: requirement.SeverityMedium, Requirements: statementReq,
		Description: "an A11 statement records no Annex B category or security profile"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleDateOrder, Severity: requirement.SeverityLow, Requirements: statementReq,
		Description: "the approval or next review date is before the issue date"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleEntryMissing, Severity: requirement.SeverityHigh,
		Description: "a requirement of the catalog has no entry, so nobody decided whether it applies"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleTitleMismatch, Severity: requirement.SeverityLow,
		Description: "an entry's title is not the catalog's title for its requirement"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleUnassessed, Severity: requirement.SeverityMedium,
		Description: "the applicability assessment did not cover the requirement; it is applicable by default"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleNewRequirementOpen, Severity: requirement.SeverityMedium,
		Description: "a requirement new in the edition, opened by a migration, is not yet assessed"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleRequirementChanged, Severity: requirement.SeverityLow,
		Description: "a migrated entry's requirement changed between editions; its evidence needs re-verification"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleOverrideContradicts, Severity: requirement.SeverityMedium,
		Description: "the decision contradicts the applicability assessment (medium when it excludes an applicable requirement, low otherwise)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleJustificationMissing, Severity: requirement.SeverityHigh,
		Description: "the justification is missing, a placeholder or too short (high for exclusions, tailoring, inheritance and decisions against the assessment, medium for applicable)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleJustificationGeneric, Severity: requirement.SeverityMedium,
		Description: "the justification names no basis: no risk it rests on, no baseline rule, legal source or product context (medium for exclusions, tailoring, inheritance and decisions against the assessment, low for applicable)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleInheritedWithoutSource, Severity: requirement.SeverityMedium,
		Description: "an inherited decision does not name the component or platform that meets the requirement"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleInheritedFromUnused, Severity: requirement.SeverityLow,
		Description: "inherited_from is set on an entry whose decision is not inherited"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleStatusMissing, Severity: requirement.SeverityMedium,
		Description: "a requirement that applies has no implementation status (unknown, not met)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleStatusOnExclusion, Severity: requirement.SeverityLow,
		Description: "a not-applicable requirement carries an implementation status"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleNotStarted, Severity: requirement.SeverityMedium,
		Description: "a requirement that applies is only planned"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleInProgress, Severity: requirement.SeverityLow,
		Description: "a requirement that applies is being implemented"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleNotVerified, Severity: requirement.SeverityLow,
		Description: "a requirement that applies is implemented but not verified"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleVerifiedWithoutEvidence, Severity: requirement.SeverityHigh,
		Description: "a requirement is marked verified but no evidence is referenced"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleImplementedNoEvidence, Severity: requirement.SeverityMedium,
		Description: "a requirement is marked implemented but no evidence is referenced"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleNoOwner, Severity: requirement.SeverityLow,
		Description: "a requirement that applies has no owner"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleMaturityBelowTarget, Severity: requirement.SeverityMedium,
		Description: "the achieved maturity level is below the target"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleMaturityUnknown, Severity: requirement.SeverityLow,
		Description: "a target maturity is set but the achieved maturity is not assessed (unknown, not met)"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleNotApplicableWithRisks, Severity: requirement.SeverityMedium,
		Description: "a not-applicable requirement has risks linked to it"},
	{Package: "soa", Basis: requirement.BasisProvisional, ID: RuleExclusionUnconfirmed, Severity: requirement.SeverityLow,
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
