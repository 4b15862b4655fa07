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
func (n Need) String() string { return enumName(needNames, n) }

// MarshalText implements [encoding.TextMarshaler].
func (n Need) MarshalText() ([]byte, error) { return enumMarshal("need", needNames, n) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (n *Need) UnmarshalText(b []byte) error {
	return unmarshalEnum(n, "need", needNames, b)
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
	// separately take the level of the test type they belong to, modules
	// beyond the 2018 test types none.
	BaseIndependence Independence `json:"base_independence"`
	// BaseNeed is what IEC 62443-4-1:2018 asks: required for the test
	// types it asks of every product (SVV-1 to SVV-4, static analysis in
	// SI-1), not-required for modules beyond them. No test matrix may ask
	// less.
	BaseNeed Need `json:"base_need"`
	// Fields lists what every record of the module must document.
	Fields []RecordField `json:"fields"`
}

type moduleRow struct {
	verifies  string
	evidences []requirement.ID
	base      Independence
	tool      bool // tool and tool version are mandatory
	threats   bool // threats covered is mandatory
	extra     bool // beyond the 2018 test types: base need not-required
}

const (
	iN = IndependenceNone
	iP = IndependencePerson
	iD = IndependenceDepartment
)

var moduleTable = map[Module]moduleRow{
	ModuleSecurityRequirementsTesting: {
		verifies:  "each security requirement of the product, including its security functions, works as specified, also at the edges of its input ranges and across trust boundaries",
		evidences: []requirement.ID{requirement.SVV1, requirement.SVV6},
		base:      iD,
	},
	ModuleThreatMitigationTesting: {
		verifies:  "each mitigation the threat model relies on is in place and holds when a tester tries to defeat it",
		evidences: []requirement.ID{requirement.SVV2, requirement.SRM5, requirement.SVV6},
		base:      iD,
		threats:   true,
	},
	ModuleAbuseCaseTesting: {
		verifies:  "the product stays safe under misuse and malformed or unexpected input, found by abuse cases and fuzzing, and under network load",
		evidences: []requirement.ID{requirement.SVV3, requirement.SVV6},
		base:      iP,
		tool:      true,
		threats:   true,
	},
	ModuleAttackSurfaceAnalysis: {
		verifies:  "every interface, port, service and account the product exposes is known, needed and documented, and nothing else is reachable",
		evidences: []requirement.ID{requirement.SVV3, requirement.SD6, requirement.SVV6},
		base:      iP,
	},
	ModuleKnownVulnerabilityScanning: {
		verifies:  "the product as delivered, viewed from outside, has no known vulnerability that a current scanner detects",
		evidences: []requirement.ID{requirement.SVV3, requirement.SVV6},
		base:      iP,
		tool:      true,
	},
	ModuleSoftwareCompositionAnalysis: {
		verifies:  "the third-party and open-source components in the delivered binaries or firmware are identified and checked against vulnerability sources",
		evidences: []requirement.ID{requirement.SVV3, requirement.SM15, requirement.DM10, requirement.SVV6},
		base:      iN,
		tool:      true,
	},
	ModuleDynamicRuntimeTesting: {
		verifies:  "the running product manages memory, handles, threads and other resources correctly under test, without leaks or exhaustion",
		evidences: []requirement.ID{requirement.SVV3, requirement.SVV6},
		base:      iP,
		tool:      true,
	},
	ModuleStaticCodeAnalysis: {
		verifies:  "the source code is free of the weakness classes a static analyser detects, with every report triaged",
		evidences: []requirement.ID{requirement.SI3, requirement.SI1, requirement.SVV6},
		base:      iN,
		tool:      true,
	},
	ModulePenetrationTesting: {
		verifies:  "skilled testers, thinking like attackers, cannot find and exploit vulnerabilities that the other modules missed",
		evidences: []requirement.ID{requirement.SVV4, requirement.SVV6},
		base:      iD,
		threats:   true,
	},
	ModuleUpdateMechanismTesting: {
		verifies:  "the update path installs only authentic, unaltered updates, refuses a downgrade that is not authorised and leaves the product working when an update is interrupted",
		evidences: []requirement.ID{requirement.SVV6, requirement.SUM4, requirement.SM6},
		base:      iN,
		extra:     true,
	},
	ModuleCryptographyTesting: {
		verifies:  "the product uses its cryptography as designed: validated modules, sound algorithms and key lengths, good random numbers, protected keys and no fallback to weaker or no protection",
		evidences: []requirement.ID{requirement.SVV6, requirement.SD7},
		base:      iN,
		extra:     true,
	},
}

// ModuleInfoFor returns the description of m; ok is false for an unknown module.
func ModuleInfoFor(m Module) (ModuleInfo, bool) {
	row, ok := moduleTable[m]
	if !ok {
		return ModuleInfo{}, false
	}
	info := ModuleInfo{Module: m, Verifies: row.verifies, Evidences: slices.Clone(row.evidences), BaseIndependence: row.base, BaseNeed: NeedRequired}
	if row.extra {
		info.BaseNeed = NeedNotRequired
	}
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
	// Row is the ID of the test matrix row that decided Need,
	// MinIndependence and Rationale: the trace of the decision. Empty in a
	// hand-built plan.
	Row string `json:"row,omitzero"`
}

// TestPlan is the Annex D test plan of one profile.
type TestPlan struct {
	// Profile is the profile the plan is for.
	Profile SecurityProfile `json:"profile"`
	// Matrix names the test matrix that decided the plan ("name version").
	// Empty in a hand-built plan.
	Matrix string `json:"matrix,omitzero"`
	// Provisional is true when the test matrix marks itself provisional,
	// as the SDK's default matrix does (it reads a draft).
	Provisional bool `json:"provisional,omitzero"`
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

// PlanTests returns the test plan of profile p from a test matrix (nil
// means [DefaultTestMatrix]): every module with its need, minimum tester
// independence, rationale and the matrix row that decided them. An unknown
// profile is an error wrapping [problem.ErrInvalidValue]; a matrix that was
// not built by [DecodeTestMatrix] (such as &TestMatrix{}) is an error
// wrapping [ErrRuleGap].
func PlanTests(p SecurityProfile, matrix *TestMatrix) (TestPlan, error) {
	if !p.Valid() {
		return TestPlan{}, fmt.Errorf("annex: plan tests for profile %s: %w (want SP1 to SP4)", p, problem.ErrInvalidValue)
	}
	matrix = matrix.orDefault()
	plan := TestPlan{Profile: p, Matrix: matrix.String(), Provisional: matrix.provisional}
	for _, m := range Modules() {
		info, _ := ModuleInfoFor(m)
		c, ok := matrix.cell(m, p)
		if !ok || c.row == "" { // only a matrix built without DecodeTestMatrix
			return TestPlan{}, fmt.Errorf("annex: plan tests: test matrix %q does not decide %s at %s: %w (build it with DecodeTestMatrix)", matrix.String(), m, p, ErrRuleGap)
		}
		plan.Modules = append(plan.Modules, PlannedModule{
			ModuleInfo: info, Need: c.need, MinIndependence: c.ind, Rationale: c.rationale, Row: c.row,
		})
	}
	return plan, nil
}

// TestRecord documents one execution of a test module. Its JSON form is
// the element of the "records" array of a test-records document
// ([DecodeTestRecords]).
type TestRecord struct {
	// ID identifies the record (a report number). Optional; findings name
	// it as their Subject (the module when it is empty).
	ID string `json:"id,omitzero"`
	// Module is the test module performed. Required.
	Module Module `json:"module"`
	// Scope says what was tested: product, version, interfaces, configuration.
	Scope string `json:"scope,omitzero"`
	// Tool and ToolVersion name the tool used (mandatory for tool-based modules).
	Tool        string `json:"tool,omitzero"`
	ToolVersion string `json:"tool_version,omitzero"`
	// Date is the day the test was performed ("2026-10-02").
	Date requirement.Date `json:"date,omitzero"`
	// Tester names the person or organisation that tested.
	Tester string `json:"tester,omitzero"`
	// Independence is the tester's independence from the developers.
	Independence Independence `json:"independence,omitzero"`
	// Findings summarises the result, "none" included; empty means not documented.
	Findings string `json:"findings,omitzero"`
	// ThreatsCovered lists the threat-model IDs the test addressed.
	ThreatsCovered []string `json:"threats_covered,omitzero"`
}

// subject is the Subject of the record's findings: its ID, or its module
// when it has none.
func (rc TestRecord) subject() string {
	if rc.ID != "" {
		return rc.ID
	}
	return clip(string(rc.Module))
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
// ({"schema_version": "1", "records": [...]}, dates as "YYYY-MM-DD")
// strictly and validates it against its schema. The error is nil or a
// [problem.List]; a nil reader is an error wrapping [problem.ErrNilInput].
// Pointers of [CheckTestRecords] findings are relative to the records
// array: prefix them with "/records".
func DecodeTestRecords(r io.Reader, opts *DecodeOptions) ([]TestRecord, error) {
	var doc testRecordsDoc
	if err := decode("test records", r, opts, docjson.Limits{}, testRecordsSchema(), &doc); err != nil {
		return nil, err
	}
	return doc.Records, nil
}

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
// module listed once, with a valid need not below its base need, a valid
// base and minimum independence (the minimum not below the base), at least
// one evidenced requirement (the first is the one findings are reported
// against) and at least one known record field. Plans from [PlanTests] are
// valid; the check is for hand-built or decoded plans, including the zero
// TestPlan. The error is nil or a [problem.List] with pointers into the
// plan's JSON form ("/modules/2/evidences"), each wrapping
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
		switch {
		case !pm.Need.Valid():
			errs.Add(jsonptr.Append(ptr, "need"), problem.ErrInvalidValue, "module %q: need %s is not set (want required, recommended or not-required)", clip(string(pm.Module)), pm.Need)
		case !pm.BaseNeed.Valid():
			errs.Add(jsonptr.Append(ptr, "base_need"), problem.ErrInvalidValue, "module %q: base need %s is not set (take it from ModuleInfoFor)", clip(string(pm.Module)), pm.BaseNeed)
		case pm.Need < pm.BaseNeed:
			errs.Add(jsonptr.Append(ptr, "need"), problem.ErrInvalidValue, "module %q: need %s is below what IEC 62443-4-1:2018 asks (%s; raise it)", clip(string(pm.Module)), pm.Need, pm.BaseNeed)
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

// CheckTestRecords checks test records against a plan at the assessment
// date now and returns the gaps, sorted by [requirement.SortFindings]:
//
//   - a required module without any record (high, against the module's
//     primary requirement): `annex.test-module-missing` for the test types IEC
//     62443-4-1:2018 asks of every product (published basis),
//     `annex.profile-test-module-missing` for a module only the profile requires
//     (provisional); a recommended one without a record (low,
//     `annex.test-module-recommended-missing`);
//   - a record whose tester independence is below the 2018 base of its
//     module (high, SVV-5, `annex.tester-independence-below-2018`, published), or
//     meets the base but not the plan's minimum (high, SVV-5,
//     `annex.tester-independence-insufficient`, provisional);
//   - a record that lacks a field its module must document (medium);
//   - a record dated after now (medium, `annex.test-record-future-date`): evidence
//     cannot come from the future, so the record counts for nothing (it is
//     not judged further and does not count as the module's evidence);
//   - a record of a module the plan does not have (medium).
//
// Any other record with a gap still counts as the module's evidence for the
// missing module check, so each gap is reported once. Pointers are into
// records ("/2/tool" is the tool of the third record; "" is the list
// itself); Subject is the record's ID (its module when it has none) or, for
// a missing module, the module. Findings name A11 requirements (Edition
// A11).
//
// A zero now is an error wrapping [problem.ErrNoDate]. A plan that fails
// [TestPlan.Validate] (the zero TestPlan included) cannot judge any record:
// the error is the Validate list, and no findings.
func CheckTestRecords(plan TestPlan, records []TestRecord, now time.Time) ([]requirement.Finding, error) {
	if now.IsZero() {
		return nil, fmt.Errorf("annex: check test records: no assessment date: %w (pass the date the records are judged at)", problem.ErrNoDate)
	}
	if err := plan.Validate(); err != nil {
		return nil, err
	}
	today := requirement.DateOf(now)
	var out []requirement.Finding
	seen := map[Module]bool{}
	for i, rc := range records {
		ptr := jsonptr.Index("", i)
		subject := rc.subject()
		pm, ok := plan.Module(rc.Module)
		if !ok {
			out = append(out, finding(ruleRecordUnknownModule, requirement.SVV6, jsonptr.Append(ptr, "module"), subject,
				"record %d names test module %q, which the plan does not have; use one of annex.Modules", i, clip(string(rc.Module))))
			continue
		}
		primary := pm.Evidences[0]
		if rc.Date.After(today) {
			out = append(out, finding(ruleRecordFutureDate, primary, jsonptr.Append(ptr, "date"), subject,
				"%s record %d is dated %s, after the assessment date %s, so it counts for nothing; correct the date", rc.Module, i, rc.Date, today))
			continue
		}
		seen[rc.Module] = true
		for _, f := range pm.Fields {
			if !hasField(rc, f) {
				out = append(out, finding(ruleRecordFieldMissing, primary, jsonptr.Append(ptr, string(f)), subject,
					"%s record %d does not document %q; add it", rc.Module, i, f))
			}
		}
		switch {
		case !rc.Independence.Valid():
		case rc.Independence < pm.BaseIndependence:
			out = append(out, finding(ruleIndependenceBelow2018, requirement.SVV5, jsonptr.Append(ptr, "independence"), subject,
				"%s needs a tester with at least %s independence under IEC 62443-4-1:2018 (SVV-5 Table 3), record %d has %s; have it (re)done by a more independent tester",
				rc.Module, pm.BaseIndependence, i, rc.Independence))
		case rc.Independence < pm.MinIndependence:
			out = append(out, finding(ruleIndependenceInsufficient, requirement.SVV5, jsonptr.Append(ptr, "independence"), subject,
				"%s at %s needs a tester with at least %s independence, record %d has %s (enough for the 2018 minimum %s); have it (re)done by a more independent tester",
				rc.Module, plan.Profile, pm.MinIndependence, i, rc.Independence, pm.BaseIndependence))
		}
	}
	for _, pm := range plan.Modules {
		if seen[pm.Module] {
			continue
		}
		switch pm.Need {
		case NeedRequired:
			id := ruleModuleMissing
			if pm.BaseNeed < NeedRequired {
				id = ruleProfileModuleMissing
			}
			out = append(out, finding(id, pm.Evidences[0], "", string(pm.Module),
				"no record of %s, which %s requires; perform it and record it", pm.Module, plan.Profile))
		case NeedRecommended:
			out = append(out, finding(ruleModuleRecommended, pm.Evidences[0], "", string(pm.Module),
				"no record of %s, which %s recommends; perform it or record why it is not needed", pm.Module, plan.Profile))
		case NeedNotRequired:
		}
	}
	return requirement.SortFindings(out), nil
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
