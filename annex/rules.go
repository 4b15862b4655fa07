package annex

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/requirement"
)

// Rule IDs of the findings this package reports. They are stable across
// releases; [Rules] describes each with its severity, basis and
// requirements.
const (
	// `annex.cra-class-understated`: the declared CRA class is lower than the class
	// of a listed Annex III/IV point ([Classify]; high).
	ruleCRAClassUnderstated requirement.RuleID = "annex.cra-class-understated"
	// `annex.cra-class-unexplained`: an important or critical class is declared but
	// no Annex III/IV point is listed to explain it ([Classify]; low).
	ruleCRAClassUnexplained requirement.RuleID = "annex.cra-class-unexplained"

	// `annex.test-module-missing`: a required module whose test type IEC 62443-4-1:2018
	// asks of every product has no record ([CheckTestRecords]; high).
	ruleModuleMissing requirement.RuleID = "annex.test-module-missing"
	// `annex.profile-test-module-missing`: a module that only the security profile's
	// row of the test matrix requires has no record ([CheckTestRecords];
	// high).
	ruleProfileModuleMissing requirement.RuleID = "annex.profile-test-module-missing"
	// `annex.test-module-recommended-missing`: a recommended module has no record
	// ([CheckTestRecords]; low).
	ruleModuleRecommended requirement.RuleID = "annex.test-module-recommended-missing"
	// `annex.tester-independence-below-2018`: the tester is less independent than
	// Table 3 of IEC 62443-4-1:2018 (SVV-5) asks for the test type
	// ([CheckTestRecords]; high).
	ruleIndependenceBelow2018 requirement.RuleID = "annex.tester-independence-below-2018"
	// `annex.tester-independence-insufficient`: the tester meets the 2018 minimum but is
	// less independent than the test matrix asks at the profile
	// ([CheckTestRecords]; high).
	ruleIndependenceInsufficient requirement.RuleID = "annex.tester-independence-insufficient"
	// `annex.test-record-field-missing`: a record lacks a field its module must
	// document ([CheckTestRecords]; medium).
	ruleRecordFieldMissing requirement.RuleID = "annex.test-record-field-missing"
	// `annex.test-record-future-date`: a record is dated after the assessment date; it
	// counts for nothing ([CheckTestRecords]; medium).
	ruleRecordFutureDate requirement.RuleID = "annex.test-record-future-date"
	// `annex.test-record-unknown-module`: a record names a module the plan does not
	// have ([CheckTestRecords]; medium).
	ruleRecordUnknownModule requirement.RuleID = "annex.test-record-unknown-module"

	// `annex.support-period-missing`: no support period is stated
	// ([CheckSupportPeriod]; high).
	ruleSupportPeriodMissing requirement.RuleID = "annex.support-period-missing"
	// `annex.support-period-too-short`: under five years without a shorter expected
	// use ([CheckSupportPeriod]; high).
	ruleSupportPeriodTooShort requirement.RuleID = "annex.support-period-too-short"
	// `annex.support-period-rationale-missing`: the rationale is not documented
	// ([CheckSupportPeriod]; medium).
	ruleSupportPeriodRationale requirement.RuleID = "annex.support-period-rationale-missing"
	// `annex.support-period-below-expected-use`: a period under five years does not cover
	// an expected use time that is also under five years
	// ([CheckSupportPeriod]; high).
	ruleSupportPeriodExpectedUse requirement.RuleID = "annex.support-period-below-expected-use"
	// `annex.support-period-shortfall-unjustified`: a period of five years or more is
	// shorter than the expected use time and no justification is recorded
	// ([CheckSupportPeriod]; medium).
	ruleSupportPeriodUnjustified requirement.RuleID = "annex.support-period-shortfall-unjustified"
)

const (
	published   = requirement.BasisPublished
	provisional = requirement.BasisProvisional
)

// ref2018 and refA11 build registry references.
func refA11(id requirement.ID) requirement.Ref {
	return requirement.Ref{Edition: requirement.EditionA11, ID: id}
}

func ref2018(id requirement.ID) requirement.Ref {
	return requirement.Ref{Edition: requirement.Edition2018, ID: id}
}

// ruleTable lists every rule of the package. A rule is "published" when
// what it checks is asked by published text: the CRA (Annex III/IV
// classification, Art. 13(8) support period) or IEC 62443-4-1:2018 (the test
// types SVV-1 to SVV-4 and SI-1 ask of every product, Table 3 of SVV-5).
// What rests on the SDK's model of A11 Annex D (the profile matrix, the
// record fields) is "provisional". The findings name A11 requirements; the
// 2018 references say which 2018 requirement asks the same thing (the A11
// SRM-2 product security context was 2018 SR-1; SVV-6 and SM-18 are new in
// A11).
var ruleTable = []requirement.Rule{
	{ID: ruleCRAClassUnderstated, Severity: requirement.SeverityHigh, Basis: published,
		Requirements: []requirement.Ref{refA11(requirement.SRM2), ref2018("SR-1")},
		Description:  "the declared CRA class is below the class of a listed Annex III or IV point (the derived class is used)"},
	{ID: ruleCRAClassUnexplained, Severity: requirement.SeverityLow, Basis: provisional,
		Requirements: []requirement.Ref{refA11(requirement.SRM2), ref2018("SR-1")},
		Description:  "an important or critical CRA class is declared but no Annex III or IV point explains it"},
	{ID: ruleModuleMissing, Severity: requirement.SeverityHigh, Basis: published,
		Description: "no record of a test module whose test type IEC 62443-4-1:2018 asks of every product (SVV-1 to SVV-4, static analysis in SI-1); names the module's primary requirement"},
	{ID: ruleProfileModuleMissing, Severity: requirement.SeverityHigh, Basis: provisional,
		Requirements: []requirement.Ref{refA11(requirement.SVV6)},
		Description:  "no record of a test module that the security profile's row of the Annex D test matrix requires"},
	{ID: ruleModuleRecommended, Severity: requirement.SeverityLow, Basis: provisional,
		Description: "no record of a test module the security profile recommends; names the module's primary requirement"},
	{ID: ruleIndependenceBelow2018, Severity: requirement.SeverityHigh, Basis: published,
		Requirements: []requirement.Ref{refA11(requirement.SVV5), ref2018("SVV-5")},
		Description:  "a test record's tester is less independent than Table 3 of IEC 62443-4-1:2018 asks for its test type"},
	{ID: ruleIndependenceInsufficient, Severity: requirement.SeverityHigh, Basis: provisional,
		Requirements: []requirement.Ref{refA11(requirement.SVV5), ref2018("SVV-5")},
		Description:  "a test record's tester meets the 2018 minimum but not the independence the test matrix asks at the security profile"},
	{ID: ruleRecordFieldMissing, Severity: requirement.SeverityMedium, Basis: provisional,
		Description: "a test record lacks a field its module must document; names the module's primary requirement"},
	{ID: ruleRecordFutureDate, Severity: requirement.SeverityMedium, Basis: provisional,
		Description: "a test record is dated after the assessment date (it counts for nothing); names the module's primary requirement"},
	{ID: ruleRecordUnknownModule, Severity: requirement.SeverityMedium, Basis: provisional,
		Requirements: []requirement.Ref{refA11(requirement.SVV6)},
		Description:  "a test record names a module the test plan does not have"},
	{ID: ruleSupportPeriodMissing, Severity: requirement.SeverityHigh, Basis: published,
		Requirements: []requirement.Ref{refA11(requirement.SM18)},
		Description:  "no support period is stated (CRA Art. 13(8))"},
	{ID: ruleSupportPeriodTooShort, Severity: requirement.SeverityHigh, Basis: published,
		Requirements: []requirement.Ref{refA11(requirement.SM18)},
		Description:  "the support period is under five years and no shorter expected use time allows it (CRA Art. 13(8))"},
	{ID: ruleSupportPeriodRationale, Severity: requirement.SeverityMedium, Basis: published,
		Requirements: []requirement.Ref{refA11(requirement.SM18)},
		Description:  "the support period has no documented rationale for the technical documentation (CRA Art. 13(8), Annex VII (4))"},
	{ID: ruleSupportPeriodExpectedUse, Severity: requirement.SeverityHigh, Basis: published,
		Requirements: []requirement.Ref{refA11(requirement.SM18)},
		Description:  "a support period under five years does not cover the expected use time (CRA Art. 13(8))"},
	{ID: ruleSupportPeriodUnjustified, Severity: requirement.SeverityMedium, Basis: published,
		Requirements: []requirement.Ref{refA11(requirement.SM18)},
		Description:  "the support period is shorter than the expected use time and no justification is recorded (CRA Art. 13(8))"},
}

var ruleIndex = func() map[requirement.RuleID]int {
	m := make(map[requirement.RuleID]int, len(ruleTable))
	for i, r := range ruleTable {
		m[r.ID] = i
	}
	return m
}()

// rule returns the registry entry of id, with a fresh Requirements slice.
// An unregistered id is a programming error: it panics (the package tests
// call every rule).
func rule(id requirement.RuleID) requirement.Rule {
	i, ok := ruleIndex[id]
	if !ok {
		panic(fmt.Sprintf("annex: rule %q is not registered", id))
	}
	r := ruleTable[i]
	r.Package = "annex"
	r.Requirements = slices.Clone(r.Requirements)
	return r
}

// finding builds a finding of rule id against A11 requirement req (Edition
// A11 when req is set): the package's findings are written in A11 IDs;
// a caller assessing against the 2018 catalog translates them (the registry
// says to which 2018 requirement).
func finding(id requirement.RuleID, req requirement.ID, pointer, subject, format string, args ...any) requirement.Finding {
	f := rule(id).Finding(req, pointer, subject, format, args...)
	if req != "" {
		f.Edition = requirement.EditionA11
	}
	return f
}

// Rules returns the registry entries of every rule the package reports, in
// a fresh slice sorted by ID. Requirements lists, per edition, the
// requirements a rule's findings always name; it is empty for the rules
// whose findings name the primary requirement of the test module concerned
// ([ModuleInfo].Evidences[0]).
func Rules() []requirement.Rule {
	out := make([]requirement.Rule, 0, len(ruleTable))
	for _, r := range ruleTable {
		out = append(out, rule(r.ID))
	}
	slices.SortFunc(out, func(a, b requirement.Rule) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return out
}
