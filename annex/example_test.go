package annex_test

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Categorise a PLC that has a VPN function for remote maintenance.
func ExampleClassify() {
	ctx := annex.Context{
		Kind:               annex.KindComposite,
		CRAProducts:        []annex.CRAProduct{annex.CRAVPN},
		Exposure:           annex.ExposureRemoteAccess,
		TargetSLC:          2,
		EssentialFunctions: true,
	}
	c, err := annex.Classify(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.CRAClass, c.Category, c.Profile)
	for _, d := range c.Trace {
		fmt.Printf("%s=%s by %s:", d.Outcome, d.Value, d.Rule)
		for _, f := range d.Decisive {
			fmt.Printf(" %s=%s", f.Parameter, f.Value)
		}
		fmt.Println()
	}
	// Output:
	// important-class-i C3 SP2
	// cra_class=important-class-i by cra-class-derivation: cra_products=vpn (Annex III Class I (5))
	// category=C3 by important-product: exposure=remote-access cra_class=important-class-i safety_related=false
	// profile=SP2 by c2-c3-floor: sl_c=2 category=C3
}

// Plan the Annex D tests of an SP2 product, with the matrix row that
// decided each module.
func ExamplePlanTests() {
	plan, err := annex.PlanTests(annex.ProfileSP2, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan.Matrix, "provisional:", plan.Provisional)
	for _, m := range plan.Modules {
		fmt.Printf("%-33s %-12s %-24s %s\n", m.Module, m.Need, m.MinIndependence, m.Row)
	}
	// Output:
	// sdlkit-default-annex-d 2026.1 provisional: true
	// security-requirements-testing     required     independent-department   security-requirements-testing
	// threat-mitigation-testing         required     independent-department   threat-mitigation-testing
	// abuse-case-testing                required     independent-person       abuse-case-testing-sp2
	// attack-surface-analysis           required     independent-person       attack-surface-analysis-sp2
	// known-vulnerability-scanning      required     independent-person       known-vulnerability-scanning-sp1-sp2-sp3
	// software-composition-analysis     required     none                     software-composition-analysis
	// dynamic-runtime-resource-testing  required     independent-person       dynamic-runtime-resource-testing-sp2
	// static-code-analysis              required     none                     static-code-analysis-sp1-sp2-sp3
	// penetration-testing               required     independent-department   penetration-testing-sp2
	// update-mechanism-testing          recommended  independent-person       update-mechanism-testing-sp2
	// cryptography-testing              recommended  independent-person       cryptography-testing-sp2
}

// Check test records against the plan on the assessment date.
func ExampleCheckTestRecords() {
	plan, _ := annex.PlanTests(annex.ProfileSP1, nil)
	records := []annex.TestRecord{{
		ID: "PT-1", Module: annex.ModulePenetrationTesting, Scope: "firmware 1.0", Date: requirement.NewDate(2026, time.October, 1),
		Tester: "dev team", Independence: annex.IndependencePerson, Findings: "none", ThreatsCovered: []string{"T-1"},
	}}
	findings, err := annex.CheckTestRecords(plan, records, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Println(f.Severity, f.Rule, f.Basis, f.Requirement, cmp.Or(f.Pointer, "(list)"), f.Subject)
	}
	// Output:
	// high annex.test-module-missing published SI-3 (list) static-code-analysis
	// high annex.test-module-missing published SVV-1 (list) security-requirements-testing
	// high annex.test-module-missing published SVV-2 (list) threat-mitigation-testing
	// high annex.test-module-missing published SVV-3 (list) abuse-case-testing
	// high annex.test-module-missing published SVV-3 (list) attack-surface-analysis
	// high annex.test-module-missing published SVV-3 (list) dynamic-runtime-resource-testing
	// high annex.test-module-missing published SVV-3 (list) known-vulnerability-scanning
	// high annex.test-module-missing published SVV-3 (list) software-composition-analysis
	// high annex.tester-independence-below-2018 published SVV-5 /0/independence PT-1
}

// List how far a set of satisfied requirements covers the CRA's
// vulnerability-handling requirements.
func ExampleCRACoverage() {
	satisfied := []requirement.ID{requirement.SM14, requirement.SM15, requirement.DM10, requirement.DM7, requirement.DM1}
	cov, err := annex.CRACoverage(nil, satisfied)
	if err != nil {
		fmt.Println(err)
		return
	}
	part2 := annex.MustParseCRARef("Annex I Part II")
	for _, c := range cov {
		if part2.Contains(c.Provision) {
			fmt.Printf("%-20s %-7s missing %v\n", c.Provision, c.Level, c.Missing)
		}
	}
	// Output:
	// Annex I Part II (1)  full    missing []
	// Annex I Part II (2)  none    missing [SM-11 DM-2 DM-4 SUM-5 SUM-6]
	// Annex I Part II (3)  none    missing [SM-19 SRM-5 SI-1 SI-3 SVV-1 SVV-2 SVV-3 SVV-4 SVV-5 SVV-6]
	// Annex I Part II (4)  none    missing [DM-5 DM-9 SUM-2]
	// Annex I Part II (5)  full    missing []
	// Annex I Part II (6)  partial missing [DM-8]
	// Annex I Part II (7)  none    missing [SM-6 SM-8 SUM-4]
	// Annex I Part II (8)  none    missing [DM-5 SUM-2 SUM-3 SUM-5]
}

// Parse and print CRA references in both forms.
func ExampleParseCRARef() {
	for _, s := range []string{"I.I.2.f", "Art. 14(2)(a)", "Annex III Class I (5)", "Annex I Part III"} {
		r, err := annex.ParseCRARef(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s | %s\n", r, r.Short())
	}
	// Output:
	// Annex I Part I (2)(f) | I.I.2.f
	// Art. 14(2)(a) | Art. 14(2)(a)
	// Annex III Class I (5) | III.I.5
	// annex: CRA reference "Annex I Part III": invalid CRA reference: want Part I or Part II
}

// Compute the Art. 14 deadlines of an actively exploited vulnerability.
func ExampleReportingDeadlines() {
	aware := time.Date(2026, 10, 1, 8, 30, 0, 0, time.UTC)
	r, err := annex.ReportingDeadlines(annex.Event{
		ID: "CVE-2026-1000", Kind: annex.EventExploitedVulnerability,
		Aware: aware, MeasureAvailable: aware.Add(9 * 24 * time.Hour),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range r.Deadlines {
		fmt.Printf("%-28s %-14s %s\n", d.Kind, d.Basis, d.Due.Format(time.RFC3339))
	}
	// Output:
	// vulnerability-early-warning  Art. 14(2)(a)  2026-10-02T08:30:00Z
	// vulnerability-notification   Art. 14(2)(b)  2026-10-04T08:30:00Z
	// vulnerability-final-report   Art. 14(2)(c)  2026-10-24T08:30:00Z
}

// Look a requirement up in every mapping table.
func ExampleMappingsForRequirement() {
	for _, m := range annex.MappingsForRequirement(requirement.DM7) {
		fmt.Println(m.Framework, m.Source, m.Relationship, m.Confidence)
	}
	// Output:
	// en-40000-1-3 PRE-2 intersects medium
	// en-40000-1-3 RCP-5 intersects low
	// cra Annex I Part II (5) equivalent high
}

// Classify with a replacement table that decides on the intended
// operational environment (testdata/rules-environment.json): critical
// infrastructure, and an environment left unstated, raise the category by
// one.
func ExampleClassify_environmentRules() {
	data, err := os.ReadFile("testdata/rules-environment.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	rules, err := annex.DecodeRuleTable(bytes.NewReader(data), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, env := range []annex.Environment{annex.EnvironmentBuildingAutomation, annex.EnvironmentCriticalInfrastructure, 0} {
		ctx := annex.Context{Kind: annex.KindFirmware, Environment: env, Exposure: annex.ExposurePlantNetwork, TargetSLC: 1}
		c, err := annex.Classify(ctx, rules)
		if err != nil {
			fmt.Println(err)
			return
		}
		d := c.Trace[1]
		fmt.Printf("%s %s by %s:", c.Category, c.Profile, d.Rule)
		for _, f := range d.Decisive {
			fmt.Printf(" %s=%s", f.Parameter, f.Value)
		}
		fmt.Println()
	}
	// Output:
	// C2 SP2 by plant-network: exposure=plant-network cra_class=default safety_related=false environment=building-automation
	// C3 SP2 by plant-network-essential-service: exposure=plant-network cra_class=default safety_related=false environment=critical-infrastructure
	// C3 SP2 by plant-network-essential-service: exposure=plant-network cra_class=default safety_related=false environment=unstated
}

// Replace the default rule table; a table with a gap is rejected with
// located errors.
func ExampleDecodeRuleTable() {
	bad := strings.Replace(string(annex.DefaultRuleTableJSON()), `"exposure": ["isolated", "local-fieldbus"], "essential_functions": [false]`,
		`"exposure": ["isolated"], "essential_functions": [false]`, 1)
	_, err := annex.DecodeRuleTable(strings.NewReader(bad), nil)
	var list problem.List
	if errors.As(err, &list) {
		fmt.Println(errors.Is(err, annex.ErrRuleGap), len(list))
		fmt.Println(list[0])
	}
	// Output:
	// true 4
	// /category_rules: no rule matches exposure=local-fieldbus, cra_class=default, safety_related=false, essential_functions=false, sl_c=1 (add a rule that covers it)
}

// List the reporting deadlines still open on a given day.
func ExampleOpenDeadlines() {
	events := []annex.Event{{
		ID: "INC-7", Kind: annex.EventSevereIncident,
		Aware:            time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC),
		EarlyWarningSent: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC),
	}}
	open, err := annex.OpenDeadlines(events, time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range open {
		due := d.Due.Format(time.RFC3339)
		if d.Pending { // the clock has not started: there is no due time yet
			due = "pending"
		}
		fmt.Println(d.Event, d.Kind, d.Basis, due)
	}
	// Output:
	// INC-7 incident-notification Art. 14(4)(b) 2026-11-23T12:00:00Z
	// INC-7 incident-final-report Art. 14(4)(c) pending
}

// Show how far an assessment date is from the CRA's milestones (Art. 71(2)).
func ExampleMilestonesAt() {
	ms, err := annex.MilestonesAt(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		fmt.Printf("%-22s %s %s %5d days applies=%t\n", m.Milestone, m.Date, m.Basis, m.Days, m.Applies)
	}
	// Output:
	// notified-bodies        2026-06-11 Art. 71(2)  -164 days applies=true
	// reporting-obligations  2026-09-11 Art. 71(2)   -72 days applies=true
	// general-application    2027-12-11 Art. 71(2)   384 days applies=false
}

// A support period shorter than the expected use time needs a
// justification (Art. 13(8)).
func ExampleCheckSupportPeriod() {
	sp := annex.SupportPeriod{Months: 120, ExpectedUseMonths: 180, Rationale: "ten years of updates, reviewed at each major release"}
	for _, f := range annex.CheckSupportPeriod(sp) {
		fmt.Println(f.Severity, f.Rule, f.Requirement, f.Pointer)
	}
	sp.Justification = "the controller's operating system is supported for ten years; customers replace the CPU module at mid-life"
	fmt.Println(len(annex.CheckSupportPeriod(sp)))
	// Output:
	// medium annex.support-period-shortfall-unjustified SM-18 /justification
	// 0
}
