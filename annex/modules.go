package annex

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// RecordField is a field a test record must document. The names are the JSON
// keys of [TestRecord].
type RecordField string

// Record fields.
const (
	FieldScope          RecordField = "scope"           // what was tested
	FieldTool           RecordField = "tool"            // the tool used
	FieldToolVersion    RecordField = "tool_version"    // the tool's version
	FieldDate           RecordField = "date"            // when the test was performed
	FieldTester         RecordField = "tester"          // who tested
	FieldIndependence   RecordField = "independence"    // the tester's independence
	FieldFindings       RecordField = "findings"        // the result, "none" included
	FieldThreatsCovered RecordField = "threats_covered" // threat-model IDs addressed
)

// Need says how much a security profile asks for a test module. The zero
// value is unset.
type Need int

const (
	// NeedNotRequired: the module may be skipped without justification.
	NeedNotRequired Need = iota + 1
	// NeedRecommended: expected; skipping it should be justified.
	NeedRecommended
	// NeedRequired: evidence of the module is needed for conformity.
	NeedRequired
)

var needNames = []string{"", "not-required", "recommended", "required"}

// Needs returns every need, weakest first, in a fresh slice.
func Needs() []Need { return enumValues[Need](needNames) }

// Valid reports whether n is known.
func (n Need) Valid() bool { return n >= NeedNotRequired && n <= NeedRequired }

// String returns "not-required", "recommended" or "required".
func (n Need) String() string { return enumName("Need", needNames, n) }

// MarshalText implements [encoding.TextMarshaler].
func (n Need) MarshalText() ([]byte, error) { return enumMarshal("Need", needNames, n) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (n *Need) UnmarshalText(b []byte) error {
	v, err := enumParse[Need]("need", needNames, b)
	if err == nil {
		*n = v
	}
	return err
}

// ModuleInfo describes an Annex D test module. All of it is the SDK's
// provisional reading (the A11 draft's Annex D is not public).
type ModuleInfo struct {
	// Module is the module described.
	Module Module `json:"module"`
	// Verifies says, in the SDK's words, what the module shows.
	Verifies string `json:"verifies"`
	// Evidences lists the A11 requirements a record of the module is
	// evidence for, primary requirement first.
	Evidences []requirement.ID `json:"evidences"`
	// BaseIndependence is the minimum tester independence of IEC
	// 62443-4-1:2018 Table 3 (SVV-5); modules the table does not list
	// separately take the level of the test type they belong to.
	BaseIndependence Independence `json:"base_independence"`
	// Fields lists what every record of the module must document.
	Fields []RecordField `json:"fields"`
}

type moduleRow struct {
	verifies  string
	evidences []requirement.ID
	base      Independence
	tool      bool // tool and tool version are mandatory
	threats   bool // threats covered is mandatory
	// need and independence per profile SP1..SP4 (index 0 = SP1).
	need [4]Need
	ind  [4]Independence
	why  [4]string
}

const (
	nr  = NeedNotRequired
	rec = NeedRecommended
	req = NeedRequired
	iN  = IndependenceNone
	iP  = IndependencePerson
	iD  = IndependenceDepartment
	iO  = IndependenceOrganization
)

var moduleTable = map[Module]moduleRow{
	ModuleSecurityRequirementsTesting: {
		verifies:  "each security requirement of the product, including its security functions, works as specified, also at the edges of its input ranges and across trust boundaries",
		evidences: []requirement.ID{requirement.SVV1, requirement.SVV6},
		base:      iD,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iD, iD, iD, iD},
		why: [4]string{
			"every profile must show that the specified security functions work",
			"every profile must show that the specified security functions work",
			"every profile must show that the specified security functions work",
			"every profile must show that the specified security functions work",
		},
	},
	ModuleThreatMitigationTesting: {
		verifies:  "each mitigation the threat model relies on is in place and holds when a tester tries to defeat it",
		evidences: []requirement.ID{requirement.SVV2, requirement.SRM5, requirement.SVV6},
		base:      iD,
		threats:   true,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iD, iD, iD, iD},
		why: [4]string{
			"the threat model is only credible if its mitigations are tested, at every profile",
			"the threat model is only credible if its mitigations are tested, at every profile",
			"the threat model is only credible if its mitigations are tested, at every profile",
			"the threat model is only credible if its mitigations are tested, at every profile",
		},
	},
	ModuleAbuseCaseTesting: {
		verifies:  "the product stays safe under misuse and malformed or unexpected input, found by abuse cases and fuzzing, and under network load",
		evidences: []requirement.ID{requirement.SVV3, requirement.SVV6},
		base:      iP,
		tool:      true,
		threats:   true,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iP, iP, iP, iD},
		why: [4]string{
			"SVV-3 asks every product for abuse-case and malformed-input testing; at SP1 fuzzing each exposed interface with a general-purpose fuzzer is enough",
			"SVV-3 applies at every profile; intentional attackers feed malformed input first, so every protocol and file format the product parses is fuzzed",
			"SVV-3 applies at every profile; at SP3 protocol-aware fuzzing and network load tests cover every interface",
			"SVV-3 applies at every profile; at SP4 a tester outside the development line fuzzes the product",
		},
	},
	ModuleAttackSurfaceAnalysis: {
		verifies:  "every interface, port, service and account the product exposes is known, needed and documented, and nothing else is reachable",
		evidences: []requirement.ID{requirement.SVV3, requirement.SD6, requirement.SVV6},
		base:      iP,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iP, iP, iP, iD},
		why: [4]string{
			"SVV-3 asks every product for attack surface analysis; at SP1 an inventory of interfaces, ports, services and accounts checked against the design is enough",
			"SVV-3 applies at every profile; a networked product shows by scanning that its reachable surface is the intended one",
			"SVV-3 applies at every profile; at SP3 the analysis also covers debug, maintenance and update paths",
			"SVV-3 applies at every profile; at SP4 the surface is analysed by a tester outside the development line",
		},
	},
	ModuleKnownVulnerabilityScanning: {
		verifies:  "the product as delivered, viewed from outside, has no known vulnerability that a current scanner detects",
		evidences: []requirement.ID{requirement.SVV3, requirement.SVV6},
		base:      iP,
		tool:      true,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iP, iP, iP, iD},
		why: [4]string{
			"SVV-3 asks every product for known vulnerability scanning, and the CRA forbids placing products with known exploitable vulnerabilities on the market",
			"SVV-3 asks every product for known vulnerability scanning, and the CRA forbids placing products with known exploitable vulnerabilities on the market",
			"SVV-3 asks every product for known vulnerability scanning, and the CRA forbids placing products with known exploitable vulnerabilities on the market",
			"SVV-3 asks every product for known vulnerability scanning, and the CRA forbids known exploitable vulnerabilities; at SP4 the scan is run outside the development line",
		},
	},
	ModuleSoftwareCompositionAnalysis: {
		verifies:  "the third-party and open-source components in the delivered binaries or firmware are identified and checked against vulnerability sources",
		evidences: []requirement.ID{requirement.SVV3, requirement.SM15, requirement.DM10, requirement.SVV6},
		base:      iN,
		tool:      true,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iN, iN, iN, iN},
		why: [4]string{
			"SVV-3 asks every product for software composition analysis: its component inventory (SBOM) is checked for known vulnerabilities",
			"SVV-3 asks every product for software composition analysis: its component inventory (SBOM) is checked for known vulnerabilities",
			"SVV-3 asks every product for software composition analysis: its component inventory (SBOM) is checked for known vulnerabilities",
			"SVV-3 asks every product for software composition analysis: its component inventory (SBOM) is checked for known vulnerabilities",
		},
	},
	ModuleDynamicRuntimeTesting: {
		verifies:  "the running product manages memory, handles, threads and other resources correctly under test, without leaks or exhaustion",
		evidences: []requirement.ID{requirement.SVV3, requirement.SVV6},
		base:      iP,
		tool:      true,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iP, iP, iP, iD},
		why: [4]string{
			"SVV-3 asks every product for dynamic runtime resource management testing; at SP1 running the product under load while watching its resource use is enough",
			"SVV-3 applies at every profile; resource misuse is a common way to stop a networked product, so it is tested under sustained and abusive load",
			"SVV-3 applies at every profile; attackers at this profile exploit resource handling, so the running product is tested with instrumentation for leaks and exhaustion",
			"SVV-3 applies at every profile; attackers at this profile exploit resource handling, and the test is run outside the development line",
		},
	},
	ModuleStaticCodeAnalysis: {
		verifies:  "the source code is free of the weakness classes a static analyser detects, with every report triaged",
		evidences: []requirement.ID{requirement.SI3, requirement.SI1, requirement.SVV6},
		base:      iN,
		tool:      true,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iN, iN, iN, iP},
		why: [4]string{
			"static analysis is part of secure implementation at every profile",
			"static analysis is part of secure implementation at every profile",
			"static analysis is part of secure implementation at every profile",
			"static analysis at every profile; at SP4 someone other than the code's author triages the results",
		},
	},
	ModulePenetrationTesting: {
		verifies:  "skilled testers, thinking like attackers, cannot find and exploit vulnerabilities that the other modules missed",
		evidences: []requirement.ID{requirement.SVV4, requirement.SVV6},
		base:      iD,
		threats:   true,
		need:      [4]Need{req, req, req, req},
		ind:       [4]Independence{iD, iD, iO, iO},
		why: [4]string{
			"SVV-4 asks every product for penetration testing; at SP1 an independent department tests the exposed interfaces against casual and opportunistic attacks",
			"SVV-4 applies at every profile; intentional attackers with simple means are emulated by an independent department",
			"SVV-4 applies at every profile; sophisticated attackers are emulated by an independent organisation",
			"SVV-4 applies at every profile; well-resourced attackers are emulated by an independent organisation",
		},
	},
}

// ModuleInfoFor returns the description of m; ok is false for an unknown module.
func ModuleInfoFor(m Module) (ModuleInfo, bool) {
	row, ok := moduleTable[m]
	if !ok {
		return ModuleInfo{}, false
	}
	info := ModuleInfo{Module: m, Verifies: row.verifies, Evidences: slices.Clone(row.evidences), BaseIndependence: row.base}
	info.Fields = append(info.Fields, FieldScope)
	if row.tool {
		info.Fields = append(info.Fields, FieldTool, FieldToolVersion)
	}
	info.Fields = append(info.Fields, FieldDate, FieldTester, FieldIndependence, FieldFindings)
	if row.threats {
		info.Fields = append(info.Fields, FieldThreatsCovered)
	}
	return info, true
}

// ModuleNeed returns what profile p asks of module m and the minimum tester
// independence, from the SDK's provisional matrix. It returns zeros for an
// unknown module or profile.
func ModuleNeed(p Profile, m Module) (Need, Independence) {
	row, ok := moduleTable[m]
	if !ok || !p.Valid() {
		return 0, 0
	}
	return row.need[p-1], row.ind[p-1]
}

// PlannedModule is one row of a [TestPlan].
type PlannedModule struct {
	ModuleInfo
	// Need says whether the profile requires the module.
	Need Need `json:"need"`
	// MinIndependence is the lowest tester independence accepted at the
	// profile: never below BaseIndependence.
	MinIndependence Independence `json:"min_independence"`
	// Rationale says why the module has this need and independence.
	Rationale string `json:"rationale"`
}

// TestPlan is the Annex D test plan of one profile.
type TestPlan struct {
	// Profile is the profile the plan is for.
	Profile Profile `json:"profile"`
	// Provisional is always true: the matrix is the SDK's reading of a draft.
	Provisional bool `json:"provisional"`
	// Modules holds every module in Annex D order, including those not required.
	Modules []PlannedModule `json:"modules"`
}

// Module returns the plan's row for m.
func (t TestPlan) Module(m Module) (PlannedModule, bool) {
	for _, pm := range t.Modules {
		if pm.Module == m {
			return pm, true
		}
	}
	return PlannedModule{}, false
}

// PlanTests returns the test plan of profile p: every module with its need,
// minimum tester independence and rationale. An unknown profile is an error
// wrapping [problem.ErrInvalidValue].
func PlanTests(p Profile) (TestPlan, error) {
	if !p.Valid() {
		return TestPlan{}, fmt.Errorf("annex: plan tests for %s: %w (want SP1 to SP4)", p, problem.ErrInvalidValue)
	}
	plan := TestPlan{Profile: p, Provisional: true}
	for _, m := range Modules() {
		info, _ := ModuleInfoFor(m)
		row := moduleTable[m]
		plan.Modules = append(plan.Modules, PlannedModule{
			ModuleInfo: info, Need: row.need[p-1], MinIndependence: row.ind[p-1], Rationale: row.why[p-1],
		})
	}
	return plan, nil
}

// TestRecord documents one execution of a test module. Its JSON form is
// the element of the "records" array of a test-records document
// ([DecodeTestRecords]).
type TestRecord struct {
	// ID identifies the record (a report number). Optional.
	ID string `json:"id,omitzero"`
	// Module is the test module performed. Required.
	Module Module `json:"module"`
	// Scope says what was tested: product, version, interfaces, configuration.
	Scope string `json:"scope,omitzero"`
	// Tool and ToolVersion name the tool used (mandatory for tool-based modules).
	Tool        string `json:"tool,omitzero"`
	ToolVersion string `json:"tool_version,omitzero"`
	// Date is when the test was performed.
	Date time.Time `json:"date,omitzero"`
	// Tester names the person or organisation that tested.
	Tester string `json:"tester,omitzero"`
	// Independence is the tester's independence from the developers.
	Independence Independence `json:"independence,omitzero"`
	// Findings summarises the result, "none" included; empty means not documented.
	Findings string `json:"findings,omitzero"`
	// ThreatsCovered lists the threat-model IDs the test addressed.
	ThreatsCovered []string `json:"threats_covered,omitzero"`
}

// TestRecordsSchemaURL is the $id of the JSON Schema of test-records documents.
const TestRecordsSchemaURL = "https://github.com/sdlkit/iec62443/schemas/annex-d-test-records-1.json"

//go:embed data/test-records.schema.json
var testRecordsSchemaJSON []byte

var testRecordsSchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile(TestRecordsSchemaURL, testRecordsSchemaJSON)
})

type testRecordsDoc struct {
	SchemaVersion string       `json:"schema_version"`
	Records       []TestRecord `json:"records"`
}

// DecodeTestRecords reads a test-records document
// ({"schema_version": "1", "records": [...]}) strictly (see docjson) and
// validates it against its schema. The error is nil or a
// [problem.List] list. Pointers of [CheckRecords] findings are
// relative to the records array: prefix them with "/records".
func DecodeTestRecords(r io.Reader, opts *DecodeOptions) ([]TestRecord, error) {
	var doc testRecordsDoc
	if err := docjson.Decode(r, opts.limits(docjson.Limits{}), testRecordsSchema(), &doc); err != nil {
		return nil, err
	}
	return doc.Records, nil
}

// Rule IDs of the findings [CheckRecords] reports.
const (
	// RuleModuleMissing: a required module has no record (high).
	RuleModuleMissing requirement.RuleID = "annex.test-module-missing"
	// RuleModuleRecommended: a recommended module has no record (low).
	RuleModuleRecommended requirement.RuleID = "annex.test-module-recommended-missing"
	// RuleIndependenceInsufficient: the tester is less independent than the plan asks (high, SVV-5).
	RuleIndependenceInsufficient requirement.RuleID = "annex.tester-independence-insufficient"
	// RuleRecordFieldMissing: a record lacks a field its module must document (medium).
	RuleRecordFieldMissing requirement.RuleID = "annex.test-record-field-missing"
	// RuleRecordFutureDate: a record is dated after the check's now (medium).
	RuleRecordFutureDate requirement.RuleID = "annex.test-record-future-date"
	// RuleRecordUnknownModule: a record names a module the plan does not have (medium).
	RuleRecordUnknownModule requirement.RuleID = "annex.test-record-unknown-module"
	// RuleTestPlanInvalid: [CheckRecords] was given a plan that fails
	// [TestPlan.Validate], so no record could be judged (high, SVV-6).
	RuleTestPlanInvalid requirement.RuleID = "annex.test-plan-invalid"
)

// knownField reports whether f is one of the record fields.
func knownField(f RecordField) bool {
	switch f {
	case FieldScope, FieldTool, FieldToolVersion, FieldDate, FieldTester, FieldIndependence, FieldFindings, FieldThreatsCovered:
		return true
	}
	return false
}

// Validate checks that t can be used to judge test records: the profile is
// known, there is at least one module, and each module is a known Annex D
// module listed once, with a valid need, a valid base and minimum
// independence (the minimum not below the base), at least one evidenced
// requirement (the first is the one findings are reported against) and at
// least one known record field. Plans from [PlanTests] are valid; the check
// is for hand-built or decoded plans, including the zero TestPlan. The error
// is nil or a [problem.List] list with pointers into the plan's
// JSON form ("/modules/2/evidences"), each wrapping [problem.ErrInvalidValue],
// [problem.ErrInvalidValue], [problem.ErrInvalidID] or
// [problem.ErrDuplicate].
func (t TestPlan) Validate() error {
	var errs located.Errors
	if !t.Profile.Valid() {
		errs.Add("/profile", problem.ErrInvalidValue, "test plan profile %s is not SP1 to SP4 (build the plan with PlanTests)", t.Profile)
	}
	if len(t.Modules) == 0 {
		errs.Add("/modules", problem.ErrInvalidValue, "test plan has no modules, so no record could be judged (build the plan with PlanTests)")
	}
	seen := map[Module]string{}
	for i, pm := range t.Modules {
		ptr := jsonptr.Index("/modules", i)
		switch prev, dup := seen[pm.Module]; {
		case !pm.Module.Known():
			errs.Add(jsonptr.Append(ptr, "module"), problem.ErrInvalidValue, "test plan module %q is not an Annex D module (use one of annex.Modules)", clip(string(pm.Module)))
		case dup:
			errs.Add(jsonptr.Append(ptr, "module"), problem.ErrDuplicate, "test plan lists module %s again, first at %s (list each module once)", pm.Module, prev)
		default:
			seen[pm.Module] = ptr
		}
		if !pm.Need.Valid() {
			errs.Add(jsonptr.Append(ptr, "need"), problem.ErrInvalidValue, "module %q: need %s is not set (want required, recommended or not-required)", clip(string(pm.Module)), pm.Need)
		}
		if !pm.BaseIndependence.Valid() {
			errs.Add(jsonptr.Append(ptr, "base_independence"), problem.ErrInvalidValue, "module %q: base independence %s is not set (take it from ModuleInfoFor)", clip(string(pm.Module)), pm.BaseIndependence)
		}
		switch {
		case !pm.MinIndependence.Valid():
			errs.Add(jsonptr.Append(ptr, "min_independence"), problem.ErrInvalidValue, "module %q: minimum independence %s is not set (want none to independent-organization)", clip(string(pm.Module)), pm.MinIndependence)
		case pm.BaseIndependence.Valid() && pm.MinIndependence < pm.BaseIndependence:
			errs.Add(jsonptr.Append(ptr, "min_independence"), problem.ErrInvalidValue, "module %q: minimum independence %s is below the 2018 base %s (raise it to at least the base)", clip(string(pm.Module)), pm.MinIndependence, pm.BaseIndependence)
		}
		if len(pm.Evidences) == 0 {
			errs.Add(jsonptr.Append(ptr, "evidences"), problem.ErrInvalidValue, "module %q evidences no requirement, so its findings have none to name (take Evidences from ModuleInfoFor)", clip(string(pm.Module)))
		}
		for j, id := range pm.Evidences {
			if !id.Valid() {
				errs.Add(jsonptr.Index(jsonptr.Append(ptr, "evidences"), j), problem.ErrInvalidID, "module %q: %q is not a requirement ID (want PREFIX-N such as \"SVV-3\")", clip(string(pm.Module)), clip(string(id)))
			}
		}
		if len(pm.Fields) == 0 {
			errs.Add(jsonptr.Append(ptr, "fields"), problem.ErrInvalidValue, "module %q lists no record fields, so no record could be checked for completeness (take Fields from ModuleInfoFor)", clip(string(pm.Module)))
		}
		for j, f := range pm.Fields {
			if !knownField(f) {
				errs.Add(jsonptr.Index(jsonptr.Append(ptr, "fields"), j), problem.ErrInvalidValue, "module %q: record field %q is not known (use the Field constants)", clip(string(pm.Module)), clip(string(f)))
			}
		}
	}
	return errs.Err()
}

// CheckTestRecords checks test records against a plan like [CheckRecords],
// after checking the plan itself: a plan that fails [TestPlan.Validate]
// (the zero TestPlan included) is an error, the Validate list, and no
// findings. This is the form to use with hand-built or decoded plans.
func CheckTestRecords(plan TestPlan, records []TestRecord, now time.Time) ([]requirement.Finding, error) {
	if err := plan.Validate(); err != nil {
		return nil, err
	}
	return checkRecords(plan, records, now), nil
}

// CheckRecords checks test records against a plan and returns the gaps,
// sorted by [requirement.SortFindings]:
//
//   - a required module without any record (high, against the module's
//     primary requirement), a recommended one without a record (low);
//   - a record whose tester independence is below the plan's minimum (high,
//     SVV-5);
//   - a record that lacks a field its module must document (medium);
//   - a record dated after now (medium): evidence cannot come from the future;
//   - a record of an unknown module (medium).
//
// A record with a gap still counts as the module's evidence for the missing
// module check, so each gap is reported once. Pointers are into records:
// "/2/tool" is the tool of the third record; "" is the list itself.
//
// A plan that fails [TestPlan.Validate] (such as the zero TestPlan) cannot
// judge any record: CheckRecords then returns the single finding
// [RuleTestPlanInvalid] (high, SVV-6, pointer "") with the reason, never an
// empty list that would read as a pass, and never panics.
// [CheckTestRecords] reports the same case as an error instead and is the
// better choice when the plan is not straight from [PlanTests].
func CheckRecords(plan TestPlan, records []TestRecord, now time.Time) []requirement.Finding {
	if err := plan.Validate(); err != nil {
		return []requirement.Finding{{Rule: RuleTestPlanInvalid, Severity: requirement.SeverityHigh, Requirement: requirement.SVV6,
			Message: fmt.Sprintf("the test plan is invalid, so none of the %d records could be checked; build it with annex.PlanTests (%v)", len(records), err)}}
	}
	return checkRecords(plan, records, now)
}

// checkRecords is CheckRecords for a plan that passed Validate.
func checkRecords(plan TestPlan, records []TestRecord, now time.Time) []requirement.Finding {
	var out []requirement.Finding
	seen := map[Module]bool{}
	for i, rc := range records {
		ptr := jsonptr.Index("", i)
		pm, ok := plan.Module(rc.Module)
		if !ok {
			out = append(out, requirement.Finding{Rule: RuleRecordUnknownModule, Severity: requirement.SeverityMedium, Requirement: requirement.SVV6,
				Pointer: jsonptr.Append(ptr, "module"), Message: fmt.Sprintf("record %d names test module %q, which the plan does not have; use one of annex.Modules", i, clip(string(rc.Module)))})
			continue
		}
		seen[rc.Module] = true
		primary := pm.Evidences[0]
		for _, f := range pm.Fields {
			if !hasField(rc, f) {
				out = append(out, requirement.Finding{Rule: RuleRecordFieldMissing, Severity: requirement.SeverityMedium, Requirement: primary,
					Pointer: jsonptr.Append(ptr, string(f)), Message: fmt.Sprintf("%s record %d does not document %q; add it", rc.Module, i, f)})
			}
		}
		if rc.Independence.Valid() && rc.Independence < pm.MinIndependence {
			out = append(out, requirement.Finding{Rule: RuleIndependenceInsufficient, Severity: requirement.SeverityHigh, Requirement: requirement.SVV5,
				Pointer: jsonptr.Append(ptr, "independence"), Message: fmt.Sprintf("%s at %s needs a tester with at least %s independence, record %d has %s; have it (re)done by a more independent tester",
					rc.Module, plan.Profile, pm.MinIndependence, i, rc.Independence)})
		}
		if !rc.Date.IsZero() && rc.Date.After(now) {
			out = append(out, requirement.Finding{Rule: RuleRecordFutureDate, Severity: requirement.SeverityMedium, Requirement: primary,
				Pointer: jsonptr.Append(ptr, "date"), Message: fmt.Sprintf("record %d is dated %s, after %s; correct the date", i, rc.Date.Format(time.RFC3339), now.Format(time.RFC3339))})
		}
	}
	for _, pm := range plan.Modules {
		if seen[pm.Module] {
			continue
		}
		switch pm.Need {
		case NeedRequired:
			out = append(out, requirement.Finding{Rule: RuleModuleMissing, Severity: requirement.SeverityHigh, Requirement: pm.Evidences[0],
				Message: fmt.Sprintf("no record of %s, which %s requires; perform it and record it", pm.Module, plan.Profile)})
		case NeedRecommended:
			out = append(out, requirement.Finding{Rule: RuleModuleRecommended, Severity: requirement.SeverityLow, Requirement: pm.Evidences[0],
				Message: fmt.Sprintf("no record of %s, which %s recommends; perform it or record why it is not needed", pm.Module, plan.Profile)})
		case NeedNotRequired:
		}
	}
	return requirement.SortFindings(out)
}

func hasField(rc TestRecord, f RecordField) bool {
	switch f {
	case FieldScope:
		return rc.Scope != ""
	case FieldTool:
		return rc.Tool != ""
	case FieldToolVersion:
		return rc.ToolVersion != ""
	case FieldDate:
		return !rc.Date.IsZero()
	case FieldTester:
		return rc.Tester != ""
	case FieldIndependence:
		return rc.Independence.Valid()
	case FieldFindings:
		return rc.Findings != ""
	case FieldThreatsCovered:
		return len(rc.ThreatsCovered) > 0
	}
	return false
}
