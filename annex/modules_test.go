package annex

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
		{ProfileSP1, 5, NeedRecommended, IndependenceDepartment, NeedNotRequired},
		{ProfileSP2, 8, NeedRequired, IndependenceDepartment, NeedRecommended},
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
	assert.ErrorIs(t, err, ErrUnknownValue)
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
	t.Run("recommended module missing at SP1", func(t *testing.T) {
		sp1, err := PlanTests(ProfileSP1)
		require.NoError(t, err)
		got := CheckRecords(sp1, nil, now)
		var rec int
		for _, f := range got {
			if f.Rule == RuleModuleRecommended {
				rec++
				assert.Equal(t, requirement.SeverityLow, f.Severity)
			}
		}
		assert.Equal(t, 3, rec)
	})
}

func TestDecodeTestRecordsErrors(t *testing.T) {
	_, err := DecodeTestRecords(strings.NewReader(`{"schema_version":"1","records":[{"module":"fuzzing","independence":"self","date":"yesterday"}]}`), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, requirement.ErrSchema)
	var list requirement.LocatedErrors
	require.ErrorAs(t, err, &list)
	var ptrs []string
	for _, e := range list {
		ptrs = append(ptrs, e.Pointer)
	}
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
