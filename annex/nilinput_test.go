package annex_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// TestNoPanicOnNilOrZero calls every exported function of the package with
// nil or zero arguments, and every method of every exported type on its
// zero value and on a nil pointer with zero arguments: none may panic.
func TestNoPanicOnNilOrZero(t *testing.T) {
	funcs := map[string]func(){
		"Classify":               func() { _, _ = annex.Classify(annex.Context{}, nil) },
		"CheckTestRecords":       func() { _, _ = annex.CheckTestRecords(annex.TestPlan{}, nil, time.Time{}) },
		"CheckTestRecords/now":   func() { _, _ = annex.CheckTestRecords(annex.TestPlan{}, nil, time.Now()) },
		"CheckSupportPeriod":     func() { annex.CheckSupportPeriod(annex.SupportPeriod{}) },
		"CRACoverage":            func() { _, _ = annex.CRACoverage(nil, nil) },
		"CRAProductForRef":       func() { annex.CRAProductForRef(annex.CRARef{}) },
		"CompareCRARefs":         func() { annex.CompareCRARefs(annex.CRARef{}, annex.CRARef{}) },
		"DecodeContext":          func() { _, _ = annex.DecodeContext(nil, nil) },
		"DecodeRuleTable":        func() { _, _ = annex.DecodeRuleTable(nil, nil) },
		"DecodeTestMatrix":       func() { _, _ = annex.DecodeTestMatrix(nil, nil) },
		"DecodeTestRecords":      func() { _, _ = annex.DecodeTestRecords(nil, nil) },
		"DocumentationRetention": func() { _, _ = annex.DocumentationRetention(time.Time{}, time.Time{}) },
		"EncodeMappings":         func() { _ = annex.EncodeMappings(nil) },
		"Mappings":               func() { annex.Mappings(0) },
		"MappingsForCRA":         func() { annex.MappingsForCRA(annex.CRARef{}) },
		"MappingsForRequirement": func() { annex.MappingsForRequirement("") },
		"MappingsForSource":      func() { annex.MappingsForSource(0, "") },
		"MilestonesAt":           func() { _, _ = annex.MilestonesAt(time.Time{}) },
		"MustParseCRARef":        func() { assert.Panics(t, func() { annex.MustParseCRARef("") }, "Must* panics by contract") },
		"ModuleInfoFor":          func() { annex.ModuleInfoFor("") },
		"OpenDeadlines":          func() { _, _ = annex.OpenDeadlines(nil, time.Time{}) },
		"ParseCRARef":            func() { _, _ = annex.ParseCRARef("") },
		"PlanTests":              func() { _, _ = annex.PlanTests(0, nil) },
		"ReportingDeadlines":     func() { _, _ = annex.ReportingDeadlines(annex.Event{}) },
		"Rules":                  func() { annex.Rules() },
		"UpdateAvailability":     func() { _, _ = annex.UpdateAvailability(time.Time{}, time.Time{}) },
	}
	for name, f := range funcs {
		assert.NotPanics(t, f, name)
	}

	// Every method of every exported type, on the zero value and on a nil
	// pointer, with zero arguments.
	values := []any{
		annex.CRAClass(0), annex.Category(0), annex.SecurityProfile(0), annex.Module(""), annex.Independence(0),
		annex.ProductKind(0), annex.Exposure(0), annex.Environment(0), annex.UserType(0), annex.CRAProduct(0),
		annex.Need(0), annex.Framework(0), annex.Relationship(0), annex.Confidence(0), annex.CoverageLevel(0),
		annex.DeadlineKind(0), annex.EventKind(0), annex.Milestone(0), annex.CRARef{}, annex.Context{},
		annex.Classification{}, annex.TableRule{}, annex.RuleTable{}, annex.TestMatrix{}, annex.TestPlan{},
		annex.TestRecord{}, annex.PlannedModule{}, annex.ModuleInfo{}, annex.Mapping{}, annex.SupportPeriod{},
		annex.Event{}, annex.Deadline{}, annex.Reporting{}, annex.ProvisionCoverage{}, annex.MilestoneDistance{},
		annex.DecodeOptions{}, annex.TraceStep{}, annex.Factor{}, annex.Unmapped{},
	}
	for _, v := range values {
		typ := reflect.TypeOf(v)
		for _, recv := range []reflect.Value{reflect.ValueOf(v), reflect.Zero(reflect.PointerTo(typ))} {
			for i := range recv.NumMethod() {
				m := recv.Type().Method(i)
				if recv.Kind() == reflect.Pointer && recv.IsNil() && !pointerMethod(typ, m.Name) {
					continue // a value method called through a nil pointer panics in any Go type
				}
				args := make([]reflect.Value, m.Type.NumIn()-1)
				for j := range args {
					args[j] = reflect.Zero(m.Type.In(j + 1))
				}
				assert.NotPanics(t, func() { recv.Method(i).Call(args) }, "%s.%s", recv.Type(), m.Name)
			}
		}
	}
}

// pointerMethod reports whether name is declared on *typ rather than typ.
func pointerMethod(typ reflect.Type, name string) bool {
	_, onValue := typ.MethodByName(name)
	return !onValue
}

// TestNilInputErrors pins what nil and zero input returns: defaults for nil
// tables and catalogs, sentinels otherwise.
func TestNilInputErrors(t *testing.T) {
	_, err := annex.DecodeRuleTable(nil, nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
	_, err = annex.DecodeContext(nil, nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
	assert.ErrorIs(t, annex.EncodeMappings(nil), problem.ErrNilInput)
	var c *annex.Category
	assert.ErrorIs(t, c.UnmarshalText([]byte("C1")), problem.ErrNilInput)
	var m *annex.Module
	assert.ErrorIs(t, m.UnmarshalText([]byte("penetration-testing")), problem.ErrNilInput)
	var r *annex.CRARef
	assert.ErrorIs(t, r.UnmarshalText([]byte("Art. 14(2)")), problem.ErrNilInput)

	// A nil table, matrix or catalog means the default.
	var table *annex.RuleTable
	assert.Equal(t, annex.DefaultRuleTable().String(), table.String())
	assert.Len(t, table.CategoryRules(), len(annex.DefaultRuleTable().CategoryRules()))
	cov, err := annex.CRACoverage(nil, []requirement.ID{requirement.SD6})
	require.NoError(t, err)
	assert.NotEmpty(t, cov)

	// Every function that depends on the date rejects a zero one.
	_, err = annex.OpenDeadlines(nil, time.Time{})
	assert.ErrorIs(t, err, problem.ErrNoDate)
	_, err = annex.MilestonesAt(time.Time{})
	assert.ErrorIs(t, err, problem.ErrNoDate)
	_, err = annex.CheckTestRecords(annex.TestPlan{}, nil, time.Time{})
	assert.ErrorIs(t, err, problem.ErrNoDate)
	_, err = annex.UpdateAvailability(time.Time{}, time.Now())
	assert.ErrorIs(t, err, problem.ErrNoDate)
	_, err = annex.DocumentationRetention(time.Now(), time.Time{})
	assert.ErrorIs(t, err, problem.ErrNoDate)
	_, err = annex.ReportingDeadlines(annex.Event{Kind: annex.EventSevereIncident})
	assert.ErrorIs(t, err, problem.ErrNoDate)
}
