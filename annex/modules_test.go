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

func TestModuleInfo(t *testing.T) {
	cat := requirement.Default()
	// Pinned by hand from IEC 62443-4-1:2018 Table 3 (facts 7.2).
	base := map[Module]Independence{
		ModuleSecurityRequirementsTesting: IndependenceDepartment, ModuleThreatMitigationTesting: IndependenceDepartment,
		ModuleAbuseCaseTesting: IndependencePerson, ModuleStaticCodeAnalysis: IndependenceNone, ModuleAttackSurfaceAnalysis: IndependencePerson,
		ModuleKnownVulnerabilityScanning: IndependencePerson, ModuleSoftwareCompositionAnalysis: IndependenceNone,
		ModulePenetrationTesting: IndependenceDepartment, ModuleDynamicRuntimeTesting: IndependencePerson,
	}
	primary := map[Module]requirement.ID{
		ModuleSecurityRequirementsTesting: requirement.SVV1, ModuleThreatMitigationTesting: requirement.SVV2, ModuleAbuseCaseTesting: requirement.SVV3,
		ModuleAttackSurfaceAnalysis: requirement.SVV3, ModuleKnownVulnerabilityScanning: requirement.SVV3, ModuleSoftwareCompositionAnalysis: requirement.SVV3,
		ModuleDynamicRuntimeTesting: requirement.SVV3, ModuleStaticCodeAnalysis: requirement.SI3, ModulePenetrationTesting: requirement.SVV4,
	}
	for _, m := range Modules() {
		info, ok := ModuleInfoFor(m)
		require.True(t, ok, m)
		assert.Equal(t, base[m], info.BaseIndependence, m)
		assert.Equal(t, primary[m], info.Evidences[0], m)
		assert.Contains(t, info.Evidences, requirement.SVV6, m)
		for _, id := range info.Evidences {
			assert.True(t, cat.Has(id), "%s evidences unknown %s", m, id)
		}
		assert.NotEmpty(t, info.Verifies)
		for _, f := range []RecordField{FieldScope, FieldDate, FieldTester, FieldIndependence, FieldFindings} {
			assert.Contains(t, info.Fields, f, m)
		}
		for _, p := range Profiles() {
			need, ind := ModuleNeed(p, m)
			assert.True(t, need.Valid())
			assert.GreaterOrEqual(t, ind, info.BaseIndependence, "%s at %s is below the 2018 base", m, p)
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
		p        Profile
		required int
		pentest  Need
		pentInd  Independence
		dynamic  Need
	}{
		{ProfileSP1, 9, NeedRequired, IndependenceDepartment, NeedRequired},
		{ProfileSP2, 9, NeedRequired, IndependenceDepartment, NeedRequired},
		{ProfileSP3, 9, NeedRequired, IndependenceOrganization, NeedRequired},
		{ProfileSP4, 9, NeedRequired, IndependenceOrganization, NeedRequired},
	}
	for _, tt := range tests {
		t.Run(tt.p.String(), func(t *testing.T) {
			plan, err := PlanTests(tt.p)
			require.NoError(t, err)
			assert.True(t, plan.Provisional)
			require.Len(t, plan.Modules, 9)
			n := 0
			for i, pm := range plan.Modules {
				assert.Equal(t, Modules()[i], pm.Module)
				assert.NotEmpty(t, pm.Rationale)
				if pm.Need == NeedRequired {
					n++
				}
			}
			assert.Equal(t, tt.required, n)
			pen, _ := plan.Module(ModulePenetrationTesting)
			assert.Equal(t, tt.pentest, pen.Need)
			assert.Equal(t, tt.pentInd, pen.MinIndependence)
			dyn, _ := plan.Module(ModuleDynamicRuntimeTesting)
			assert.Equal(t, tt.dynamic, dyn.Need)
		})
	}
	_, err := PlanTests(0)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
}

// TestSVV3AndSVV4AtEveryProfile pins, by hand from IEC 62443-4-1:2018 SVV-3
// and SVV-4 (facts 7.1), the modules that evidence them: both requirements
// apply to every product, so no profile may drop these modules.
func TestSVV3AndSVV4AtEveryProfile(t *testing.T) {
	evidence := map[Module]requirement.ID{
		ModuleAbuseCaseTesting:            requirement.SVV3,
		ModuleAttackSurfaceAnalysis:       requirement.SVV3,
		ModuleKnownVulnerabilityScanning:  requirement.SVV3,
		ModuleSoftwareCompositionAnalysis: requirement.SVV3,
		ModuleDynamicRuntimeTesting:       requirement.SVV3,
		ModulePenetrationTesting:          requirement.SVV4,
	}
	for m, id := range evidence {
		info, ok := ModuleInfoFor(m)
		require.True(t, ok, m)
		assert.Contains(t, info.Evidences, id, m)
		for _, p := range Profiles() {
			need, _ := ModuleNeed(p, m)
			assert.Equal(t, NeedRequired, need, "%s at %s: %s applies to every product", m, p, id)
			plan, err := PlanTests(p)
			require.NoError(t, err)
			pm, _ := plan.Module(m)
			assert.Contains(t, pm.Rationale, string(id), "%s at %s: the rationale names the requirement", m, p)
			assert.NotContains(t, pm.Rationale, "advised", "%s at %s", m, p)
			assert.NotContains(t, pm.Rationale, "not needed", "%s at %s", m, p)
		}
	}
	// Every module evidencing SVV-3 or SVV-4 is in the pinned list.
	for _, m := range Modules() {
		info, _ := ModuleInfoFor(m)
		if slices.Contains(info.Evidences, requirement.SVV3) || slices.Contains(info.Evidences, requirement.SVV4) {
			assert.Contains(t, evidence, m)
		}
	}
}

func TestCheckRecords(t *testing.T) {
	f, err := os.Open("testdata/test-records-plc.json")
	require.NoError(t, err)
	defer f.Close()
	records, err := DecodeTestRecords(f, nil)
	require.NoError(t, err)
	require.Len(t, records, 5)
	plan, err := PlanTests(ProfileSP3)
	require.NoError(t, err)
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	got := CheckRecords(plan, records, now)
	var lines []string
	for _, f := range got {
		lines = append(lines, string(f.Rule)+" "+string(f.Requirement)+" "+f.Pointer)
	}
	assert.Equal(t, []string{
		"annex.test-module-missing SI-3 ",
		"annex.test-module-missing SVV-3 ",
		"annex.test-module-missing SVV-3 ",
		"annex.test-module-missing SVV-3 ",
		"annex.test-record-field-missing SVV-3 /2/threats_covered",
		"annex.test-record-field-missing SVV-3 /2/tool_version",
		"annex.test-record-future-date SVV-4 /3/date",
		"annex.tester-independence-insufficient SVV-5 /3/independence",
	}, lines)
	for _, f := range got {
		assert.NotEmpty(t, f.Message)
		assert.True(t, f.Severity.Valid())
	}
	missing := 0
	for _, f := range got {
		if f.Rule == RuleModuleMissing {
			missing++
			assert.Equal(t, requirement.SeverityHigh, f.Severity)
		}
	}
	assert.Equal(t, 4, missing, "attack surface, known vulnerability scanning, dynamic runtime and static analysis")

	t.Run("unknown module and missing fields", func(t *testing.T) {
		got := CheckRecords(plan, []TestRecord{{Module: "manual-review"}, {Module: ModuleStaticCodeAnalysis}}, now)
		var rules []string
		for _, f := range got {
			rules = append(rules, string(f.Rule)+" "+f.Pointer)
		}
		joined := strings.Join(rules, "\n")
		assert.Contains(t, joined, "annex.test-record-unknown-module /0/module")
		for _, fld := range []string{"scope", "tool", "tool_version", "date", "tester", "independence", "findings"} {
			assert.Contains(t, joined, "annex.test-record-field-missing /1/"+fld)
		}
	})
	t.Run("every module missing at SP1 is a high finding", func(t *testing.T) {
		sp1, err := PlanTests(ProfileSP1)
		require.NoError(t, err)
		got := CheckRecords(sp1, nil, now)
		require.Len(t, got, 9)
		for _, f := range got {
			assert.Equal(t, RuleModuleMissing, f.Rule)
			assert.Equal(t, requirement.SeverityHigh, f.Severity)
		}
	})
	t.Run("recommended and not-required modules of a custom plan", func(t *testing.T) {
		custom, err := PlanTests(ProfileSP1)
		require.NoError(t, err)
		custom.Modules = custom.Modules[:3]
		custom.Modules[1].Need = NeedRecommended
		custom.Modules[2].Need = NeedNotRequired
		got, err := CheckTestRecords(custom, nil, now)
		require.NoError(t, err)
		var rules []string
		for _, f := range got {
			rules = append(rules, string(f.Rule)+" "+f.Severity.String()+" "+string(f.Requirement))
		}
		assert.Equal(t, []string{"annex.test-module-missing high SVV-1", "annex.test-module-recommended-missing low SVV-2"}, rules)
	})
}

// TestInvalidPlans checks that a zero or hand-broken plan never panics and
// never reads as a pass.
func TestInvalidPlans(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	good, err := PlanTests(ProfileSP2)
	require.NoError(t, err)
	require.NoError(t, good.Validate())
	broken := func(f func(p *TestPlan)) TestPlan {
		p, err := PlanTests(ProfileSP2)
		require.NoError(t, err)
		f(&p)
		return p
	}
	records := []TestRecord{{Module: ModulePenetrationTesting, Scope: "s", Date: now, Tester: "t", Independence: IndependenceDepartment, Findings: "none", ThreatsCovered: []string{"T-1"}}}
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
			ptrs := list.Pointers()
			assert.Equal(t, tt.pointers, ptrs)

			got, err := CheckTestRecords(tt.plan, records, now)
			assert.Nil(t, got)
			assert.ErrorIs(t, err, tt.sentinel)

			var legacy []requirement.Finding
			require.NotPanics(t, func() { legacy = CheckRecords(tt.plan, records, now) })
			require.Len(t, legacy, 1, "an invalid plan is one finding, not a pass or a list of unknown modules")
			assert.Equal(t, RuleTestPlanInvalid, legacy[0].Rule)
			assert.Equal(t, requirement.SeverityHigh, legacy[0].Severity)
			assert.Equal(t, requirement.SVV6, legacy[0].Requirement)
			assert.Empty(t, legacy[0].Pointer)
			assert.Contains(t, legacy[0].Message, "PlanTests")
		})
	}
	t.Run("zero plan without records is not a pass", func(t *testing.T) {
		assert.NotEmpty(t, CheckRecords(TestPlan{}, nil, now))
		_, err := CheckTestRecords(TestPlan{}, nil, now)
		assert.Error(t, err)
	})
	t.Run("valid plan: both forms agree", func(t *testing.T) {
		got, err := CheckTestRecords(good, records, now)
		require.NoError(t, err)
		assert.Equal(t, CheckRecords(good, records, now), got)
	})
}

func TestDecodeTestRecordsErrors(t *testing.T) {
	_, err := DecodeTestRecords(strings.NewReader(`{"schema_version":"1","records":[{"module":"fuzzing","independence":"self","date":"yesterday"}]}`), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, problem.ErrSchema)
	var list problem.List
	require.ErrorAs(t, err, &list)
	ptrs := list.Pointers()
	assert.Equal(t, []string{"/records/0/date", "/records/0/independence", "/records/0/module"}, ptrs)
}

func BenchmarkCheckRecords(b *testing.B) {
	plan, err := PlanTests(ProfileSP3)
	require.NoError(b, err)
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	records := make([]TestRecord, 0, 900)
	for i := 0; i < 100; i++ {
		for _, m := range Modules() {
			records = append(records, TestRecord{Module: m, Scope: "s", Tool: "t", ToolVersion: "1", Date: now, Tester: "x",
				Independence: IndependenceDepartment, Findings: "none"})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		CheckRecords(plan, records, now)
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
		for _, p := range Profiles() {
			n, ind := ModuleNeed(p, m)
			cells = append(cells, ab[n]+"/"+ib[ind])
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
