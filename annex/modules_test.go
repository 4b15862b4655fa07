package annex

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// planOf returns the default plan of p.
func planOf(t testing.TB, p SecurityProfile) TestPlan {
	t.Helper()
	plan, err := PlanTests(p, nil)
	require.NoError(t, err)
	return plan
}

// needOf returns what the default plan of p asks of m.
func needOf(t testing.TB, p SecurityProfile, m Module) PlannedModule {
	t.Helper()
	pm, ok := planOf(t, p).Module(m)
	require.True(t, ok, m)
	return pm
}

func TestModuleInfo(t *testing.T) {
	cat := requirement.Default()
	// Pinned by hand from IEC 62443-4-1:2018 Table 3 (facts 7.2); the two
	// modules beyond the 2018 test types have no 2018 floor.
	base := map[Module]Independence{
		ModuleSecurityRequirementsTesting: IndependenceDepartment, ModuleThreatMitigationTesting: IndependenceDepartment,
		ModuleAbuseCaseTesting: IndependencePerson, ModuleStaticCodeAnalysis: IndependenceNone, ModuleAttackSurfaceAnalysis: IndependencePerson,
		ModuleKnownVulnerabilityScanning: IndependencePerson, ModuleSoftwareCompositionAnalysis: IndependenceNone,
		ModulePenetrationTesting: IndependenceDepartment, ModuleDynamicRuntimeTesting: IndependencePerson,
		ModuleUpdateMechanismTesting: IndependenceNone, ModuleCryptographyTesting: IndependenceNone,
	}
	primary := map[Module]requirement.ID{
		ModuleSecurityRequirementsTesting: requirement.SVV1, ModuleThreatMitigationTesting: requirement.SVV2, ModuleAbuseCaseTesting: requirement.SVV3,
		ModuleAttackSurfaceAnalysis: requirement.SVV3, ModuleKnownVulnerabilityScanning: requirement.SVV3, ModuleSoftwareCompositionAnalysis: requirement.SVV3,
		ModuleDynamicRuntimeTesting: requirement.SVV3, ModuleStaticCodeAnalysis: requirement.SI3, ModulePenetrationTesting: requirement.SVV4,
		ModuleUpdateMechanismTesting: requirement.SVV6, ModuleCryptographyTesting: requirement.SVV6,
	}
	extra := map[Module]bool{ModuleUpdateMechanismTesting: true, ModuleCryptographyTesting: true}
	require.Len(t, Modules(), len(base))
	for _, m := range Modules() {
		info, ok := ModuleInfoFor(m)
		require.True(t, ok, m)
		assert.Equal(t, base[m], info.BaseIndependence, m)
		assert.Equal(t, primary[m], info.Evidences[0], m)
		assert.Contains(t, info.Evidences, requirement.SVV6, m)
		if extra[m] {
			assert.Equal(t, NeedNotRequired, info.BaseNeed, m)
		} else {
			assert.Equal(t, NeedRequired, info.BaseNeed, "%s: a 2018 test type is required of every product", m)
		}
		for _, id := range info.Evidences {
			assert.True(t, cat.Has(id), "%s evidences unknown %s", m, id)
		}
		assert.NotEmpty(t, info.Verifies)
		for _, f := range []RecordField{FieldScope, FieldDate, FieldTester, FieldIndependence, FieldFindings} {
			assert.Contains(t, info.Fields, f, m)
		}
		for _, p := range SecurityProfiles() {
			pm := needOf(t, p, m)
			assert.True(t, pm.Need.Valid())
			assert.GreaterOrEqual(t, pm.Need, info.BaseNeed, "%s at %s is below the 2018 need", m, p)
			assert.GreaterOrEqual(t, pm.MinIndependence, info.BaseIndependence, "%s at %s is below the 2018 base", m, p)
		}
	}
	_, ok := ModuleInfoFor("manual-review")
	assert.False(t, ok)
	threat, _ := ModuleInfoFor(ModuleThreatMitigationTesting)
	assert.Contains(t, threat.Evidences, requirement.SRM5)
	assert.Contains(t, threat.Fields, FieldThreatsCovered)
}

func TestPlanTests(t *testing.T) {
	tests := []struct {
		p        SecurityProfile
		required int
		pentInd  Independence
		extra    Need // update mechanism and cryptography testing
	}{
		{ProfileSP1, 9, IndependenceDepartment, NeedNotRequired},
		{ProfileSP2, 9, IndependenceDepartment, NeedRecommended},
		{ProfileSP3, 11, IndependenceOrganization, NeedRequired},
		{ProfileSP4, 11, IndependenceOrganization, NeedRequired},
	}
	for _, tt := range tests {
		t.Run(tt.p.String(), func(t *testing.T) {
			plan := planOf(t, tt.p)
			assert.True(t, plan.Provisional)
			assert.Equal(t, "sdlkit-default-annex-d 2026.1", plan.Matrix)
			require.Len(t, plan.Modules, len(Modules()))
			n := 0
			for i, pm := range plan.Modules {
				assert.Equal(t, Modules()[i], pm.Module)
				assert.NotEmpty(t, pm.Rationale)
				assert.True(t, strings.HasPrefix(pm.Row, string(pm.Module)), "%s decided by row %q", pm.Module, pm.Row)
				if pm.Need == NeedRequired {
					n++
				}
			}
			assert.Equal(t, tt.required, n)
			pen, _ := plan.Module(ModulePenetrationTesting)
			assert.Equal(t, NeedRequired, pen.Need)
			assert.Equal(t, tt.pentInd, pen.MinIndependence)
			for _, m := range []Module{ModuleUpdateMechanismTesting, ModuleCryptographyTesting} {
				pm, _ := plan.Module(m)
				assert.Equal(t, tt.extra, pm.Need, m)
			}
		})
	}
	_, err := PlanTests(0, nil)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
}

// TestNeedVariesByProfile fails on the old matrix, where every module was
// required at every profile and Need never changed.
func TestNeedVariesByProfile(t *testing.T) {
	varies := 0
	for _, m := range Modules() {
		needs := map[Need]bool{}
		for _, p := range SecurityProfiles() {
			needs[needOf(t, p, m).Need] = true
		}
		if len(needs) > 1 {
			varies++
		}
	}
	assert.Equal(t, 2, varies, "the update mechanism and cryptography modules follow the profile")
	// A more demanding profile never asks less of any module.
	for _, m := range Modules() {
		for i := 1; i < len(SecurityProfiles()); i++ {
			lo, hi := needOf(t, SecurityProfiles()[i-1], m), needOf(t, SecurityProfiles()[i], m)
			assert.LessOrEqual(t, lo.Need, hi.Need, m)
			assert.LessOrEqual(t, lo.MinIndependence, hi.MinIndependence, m)
		}
	}
}

// TestSVV3AndSVV4AtEveryProfile pins, by hand from IEC 62443-4-1:2018 SVV-3
// and SVV-4 (facts 7.1) and the A11 SI-3 mandate for static analysis, the
// modules that evidence them: these requirements apply to every product, so
// no profile may drop these modules.
func TestSVV3AndSVV4AtEveryProfile(t *testing.T) {
	evidence := map[Module]requirement.ID{
		ModuleAbuseCaseTesting:            requirement.SVV3,
		ModuleAttackSurfaceAnalysis:       requirement.SVV3,
		ModuleKnownVulnerabilityScanning:  requirement.SVV3,
		ModuleSoftwareCompositionAnalysis: requirement.SVV3,
		ModuleDynamicRuntimeTesting:       requirement.SVV3,
		ModulePenetrationTesting:          requirement.SVV4,
		ModuleStaticCodeAnalysis:          requirement.SI3,
	}
	for m, id := range evidence {
		info, ok := ModuleInfoFor(m)
		require.True(t, ok, m)
		assert.Contains(t, info.Evidences, id, m)
		for _, p := range SecurityProfiles() {
			pm := needOf(t, p, m)
			assert.Equal(t, NeedRequired, pm.Need, "%s at %s: %s applies to every product", m, p, id)
			if id != requirement.SI3 {
				assert.Contains(t, pm.Rationale, string(id), "%s at %s: the rationale names the requirement", m, p)
			}
			assert.NotContains(t, pm.Rationale, "advised", "%s at %s", m, p)
			assert.NotContains(t, pm.Rationale, "not needed", "%s at %s", m, p)
		}
	}
	// Every module evidencing SVV-3, SVV-4 or SI-3 is in the pinned list.
	for _, m := range Modules() {
		info, _ := ModuleInfoFor(m)
		for _, id := range []requirement.ID{requirement.SVV3, requirement.SVV4, requirement.SI3} {
			if slices.Contains(info.Evidences, id) {
				assert.Contains(t, evidence, m)
			}
		}
	}
}

func plcRecords(t testing.TB) []TestRecord {
	t.Helper()
	f, err := os.Open("testdata/test-records-plc.json")
	require.NoError(t, err)
	defer f.Close()
	records, err := DecodeTestRecords(f, nil)
	require.NoError(t, err)
	require.Len(t, records, 5)
	return records
}

func TestCheckTestRecords(t *testing.T) {
	records := plcRecords(t)
	assert.Equal(t, requirement.NewDate(2026, time.October, 2), records[0].Date)
	plan := planOf(t, ProfileSP3)
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	got, err := CheckTestRecords(plan, records, now)
	require.NoError(t, err)
	var lines []string
	for _, f := range got {
		lines = append(lines, string(f.Rule)+" "+string(f.Requirement)+" "+f.Pointer+" "+f.Subject)
	}
	assert.Equal(t, []string{
		"annex.test-module-missing SI-3  static-code-analysis",
		"annex.test-module-missing SVV-3  attack-surface-analysis",
		"annex.test-module-missing SVV-3  dynamic-runtime-resource-testing",
		"annex.test-module-missing SVV-3  known-vulnerability-scanning",
		"annex.test-record-field-missing SVV-3 /2/threats_covered TR-2026-103",
		"annex.test-record-field-missing SVV-3 /2/tool_version TR-2026-103",
		// The penetration test is dated after now: it counts for nothing, so
		// the module is missing and its record is not judged further.
		"annex.test-module-missing SVV-4  penetration-testing",
		"annex.test-record-future-date SVV-4 /3/date TR-2026-104",
		"annex.profile-test-module-missing SVV-6  cryptography-testing",
		"annex.profile-test-module-missing SVV-6  update-mechanism-testing",
	}, lines)
	for _, f := range got {
		assert.NotEmpty(t, f.Message)
		assert.True(t, f.Severity.Valid())
		assert.Equal(t, requirement.EditionA11, f.Edition)
		assert.True(t, f.Basis.Valid())
		assert.NotEmpty(t, f.Subject)
	}

	t.Run("zero date", func(t *testing.T) {
		got, err := CheckTestRecords(plan, records, time.Time{})
		assert.Nil(t, got)
		assert.ErrorIs(t, err, problem.ErrNoDate)
	})
	t.Run("independence: 2018 minimum against the profile's grading", func(t *testing.T) {
		rec := func(ind Independence) []TestRecord {
			return []TestRecord{{ID: "PT-1", Module: ModulePenetrationTesting, Scope: "s", Date: requirement.NewDate(2026, 10, 1),
				Tester: "t", Independence: ind, Findings: "none", ThreatsCovered: []string{"T-1"}}}
		}
		independence := func(fs []requirement.Finding) []requirement.Finding {
			return slices.DeleteFunc(fs, func(f requirement.Finding) bool { return f.Requirement != requirement.SVV5 })
		}
		// A department meets the 2018 minimum of SVV-5 Table 3; SP3 asks
		// for an independent organisation: a provisional finding only.
		got, err := CheckTestRecords(plan, rec(IndependenceDepartment), now)
		require.NoError(t, err)
		got = independence(got)
		require.Len(t, got, 1)
		assert.Equal(t, ruleIndependenceInsufficient, got[0].Rule)
		assert.Equal(t, requirement.BasisProvisional, got[0].Basis)
		assert.Equal(t, "PT-1", got[0].Subject)
		// A person alone is below the 2018 minimum: a published finding.
		got, err = CheckTestRecords(plan, rec(IndependencePerson), now)
		require.NoError(t, err)
		got = independence(got)
		require.Len(t, got, 1)
		assert.Equal(t, ruleIndependenceBelow2018, got[0].Rule)
		assert.Equal(t, requirement.BasisPublished, got[0].Basis)
		// An independent organisation meets both.
		got, err = CheckTestRecords(plan, rec(IndependenceOrganization), now)
		require.NoError(t, err)
		assert.Empty(t, independence(got))
	})
	t.Run("a record dated today counts", func(t *testing.T) {
		recs := slices.Clone(records)
		recs[3].Date = requirement.DateOf(now)
		got, err := CheckTestRecords(plan, recs, now.Add(23*time.Hour))
		require.NoError(t, err)
		for _, f := range got {
			assert.NotEqual(t, ruleRecordFutureDate, f.Rule)
			assert.NotEqual(t, "penetration-testing", f.Subject)
		}
	})
	t.Run("unknown module and missing fields", func(t *testing.T) {
		got, err := CheckTestRecords(plan, []TestRecord{{Module: "manual-review"}, {Module: ModuleStaticCodeAnalysis}}, now)
		require.NoError(t, err)
		var rules []string
		for _, f := range got {
			rules = append(rules, string(f.Rule)+" "+f.Pointer+" "+f.Subject)
		}
		joined := strings.Join(rules, "\n")
		assert.Contains(t, joined, "annex.test-record-unknown-module /0/module manual-review")
		for _, fld := range []string{"scope", "tool", "tool_version", "date", "tester", "independence", "findings"} {
			assert.Contains(t, joined, "annex.test-record-field-missing /1/"+fld+" static-code-analysis")
		}
	})
	t.Run("every module missing at SP1 is a high published finding", func(t *testing.T) {
		got, err := CheckTestRecords(planOf(t, ProfileSP1), nil, now)
		require.NoError(t, err)
		require.Len(t, got, 9, "the two modules beyond the 2018 test types are not required at SP1")
		for _, f := range got {
			assert.Equal(t, ruleModuleMissing, f.Rule)
			assert.Equal(t, requirement.SeverityHigh, f.Severity)
			assert.Equal(t, requirement.BasisPublished, f.Basis)
		}
	})
	t.Run("recommended modules at SP2 are low provisional findings against SVV-6", func(t *testing.T) {
		got, err := CheckTestRecords(planOf(t, ProfileSP2), nil, now)
		require.NoError(t, err)
		var low []string
		for _, f := range got {
			if f.Severity == requirement.SeverityLow {
				assert.Equal(t, ruleModuleRecommended, f.Rule)
				assert.Equal(t, requirement.BasisProvisional, f.Basis)
				assert.Equal(t, requirement.SVV6, f.Requirement)
				low = append(low, f.Subject)
			}
		}
		assert.Equal(t, []string{"cryptography-testing", "update-mechanism-testing"}, low)
	})
	t.Run("recommended and not-required modules of a custom plan", func(t *testing.T) {
		custom := planOf(t, ProfileSP1)
		custom.Modules = []PlannedModule{custom.Modules[0], custom.Modules[9], custom.Modules[10]}
		custom.Modules[1].Need = NeedRecommended
		custom.Modules[2].Need = NeedNotRequired
		got, err := CheckTestRecords(custom, nil, now)
		require.NoError(t, err)
		var rules []string
		for _, f := range got {
			rules = append(rules, string(f.Rule)+" "+f.Severity.String()+" "+string(f.Requirement))
		}
		assert.Equal(t, []string{"annex.test-module-missing high SVV-1", "annex.test-module-recommended-missing low SVV-6"}, rules)
	})
}

// TestInvalidPlans checks that a zero or hand-broken plan never panics and
// never reads as a pass.
func TestInvalidPlans(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	good := planOf(t, ProfileSP2)
	require.NoError(t, good.Validate())
	broken := func(f func(p *TestPlan)) TestPlan {
		p := planOf(t, ProfileSP2)
		f(&p)
		return p
	}
	records := []TestRecord{{Module: ModulePenetrationTesting, Scope: "s", Date: requirement.DateOf(now), Tester: "t", Independence: IndependenceDepartment, Findings: "none", ThreatsCovered: []string{"T-1"}}}
	tests := []struct {
		name     string
		plan     TestPlan
		pointers []string
		sentinel error
	}{
		{"zero plan", TestPlan{}, []string{"/profile", "/modules"}, problem.ErrInvalidValue},
		{"no evidences", broken(func(p *TestPlan) { p.Modules[8].Evidences = nil }), []string{"/modules/8/evidences"}, problem.ErrInvalidValue},
		{"bad evidence ID", broken(func(p *TestPlan) { p.Modules[0].Evidences = []requirement.ID{"svv"} }), []string{"/modules/0/evidences/0"}, problem.ErrInvalidID},
		{"unknown module", broken(func(p *TestPlan) { p.Modules[3].Module = "manual-review" }), []string{"/modules/3/module"}, problem.ErrInvalidValue},
		{"duplicate module", broken(func(p *TestPlan) { p.Modules[4].Module = p.Modules[3].Module }), []string{"/modules/4/module"}, problem.ErrDuplicate},
		{"unset need and independence", broken(func(p *TestPlan) { p.Modules[2].Need, p.Modules[2].MinIndependence = 0, 0 }), []string{"/modules/2/need", "/modules/2/min_independence"}, problem.ErrInvalidValue},
		{"need below the 2018 need", broken(func(p *TestPlan) { p.Modules[7].Need = NeedRecommended }), []string{"/modules/7/need"}, problem.ErrInvalidValue},
		{"unset base need", broken(func(p *TestPlan) { p.Modules[7].BaseNeed = 0 }), []string{"/modules/7/base_need"}, problem.ErrInvalidValue},
		{"independence below the base", broken(func(p *TestPlan) { p.Modules[8].MinIndependence = IndependenceNone }), []string{"/modules/8/min_independence"}, problem.ErrInvalidValue},
		{"no fields", broken(func(p *TestPlan) { p.Modules[1].Fields = nil }), []string{"/modules/1/fields"}, problem.ErrInvalidValue},
		{"unknown field", broken(func(p *TestPlan) { p.Modules[1].Fields = []RecordField{"colour"} }), []string{"/modules/1/fields/0"}, problem.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.plan.Validate()
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var list problem.List
			require.ErrorAs(t, err, &list)
			assert.Equal(t, tt.pointers, list.Pointers())

			var got []requirement.Finding
			require.NotPanics(t, func() { got, err = CheckTestRecords(tt.plan, records, now) })
			assert.Nil(t, got, "an invalid plan is an error, not a pass or a list of unknown modules")
			assert.ErrorIs(t, err, tt.sentinel)
		})
	}
}

func TestDecodeTestRecordsErrors(t *testing.T) {
	_, err := DecodeTestRecords(strings.NewReader(`{"schema_version":"1","records":[{"module":"fuzzing","independence":"self","date":"yesterday"}]}`), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, problem.ErrSchema)
	var list problem.List
	require.ErrorAs(t, err, &list)
	assert.Equal(t, []string{"/records/0/date", "/records/0/independence", "/records/0/module"}, list.Pointers())

	// A date is a calendar day: the date-time form of earlier versions is a
	// schema error; an impossible day is an invalid value.
	record := func(date string) string {
		return `{"schema_version":"1","records":[{"module":"penetration-testing","date":"` + date + `"}]}`
	}
	_, err = DecodeTestRecords(strings.NewReader(record("2026-10-02T09:00:00Z")), nil)
	require.ErrorAs(t, err, &list)
	assert.Equal(t, []string{"/records/0/date"}, list.Pointers())
	assert.ErrorIs(t, err, problem.ErrSchema)
	_, err = DecodeTestRecords(strings.NewReader(record("2026-02-30")), nil)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Contains(t, err.Error(), "2026-02-30")
	_, err = DecodeTestRecords(nil, nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
}

func BenchmarkCheckTestRecords(b *testing.B) {
	plan := planOf(b, ProfileSP3)
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	records := make([]TestRecord, 0, 1100)
	for range 100 {
		for _, m := range Modules() {
			records = append(records, TestRecord{Module: m, Scope: "s", Tool: "t", ToolVersion: "1", Date: requirement.DateOf(now), Tester: "x",
				Independence: IndependenceDepartment, Findings: "none"})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = CheckTestRecords(plan, records, now)
	}
}

// TestDocMatrix keeps the matrix in doc.go in step with the data.
func TestDocMatrix(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	ab := map[Need]string{NeedRequired: "req", NeedRecommended: "rec", NeedNotRequired: "n/r"}
	ib := map[Independence]string{IndependenceNone: "none", IndependencePerson: "person", IndependenceDepartment: "dept", IndependenceOrganization: "org"}
	for _, m := range Modules() {
		var cells []string
		for _, p := range SecurityProfiles() {
			pm := needOf(t, p, m)
			cells = append(cells, ab[pm.Need]+"/"+ib[pm.MinIndependence])
		}
		found := false
		for _, line := range strings.Split(string(src), "\n") {
			f := strings.Fields(strings.TrimPrefix(line, "//"))
			if len(f) == 5 && f[0] == string(m) {
				found = true
				assert.Equal(t, cells, f[1:], "doc.go matrix row of %s", m)
			}
		}
		assert.True(t, found, "doc.go has no matrix row for %s", m)
	}
}
