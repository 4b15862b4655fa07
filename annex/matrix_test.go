package annex

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestDefaultTestMatrixValid(t *testing.T) {
	m, err := DecodeTestMatrix(bytes.NewReader(DefaultTestMatrixJSON()), nil)
	require.NoError(t, err)
	assert.Equal(t, "sdlkit-default-annex-d", m.Name())
	assert.Equal(t, "2026.1", m.Version())
	assert.True(t, m.Provisional())
	assert.Equal(t, DefaultTestMatrix().String(), m.String())
	// The embedded document validates against its own schema.
	s := testMatrixSchema()
	tree, errs := docjson.Parse(DefaultTestMatrixJSON(), docjson.Limits{})
	require.Nil(t, errs)
	assert.Nil(t, s.Validate(tree))
	// The schema's module list is the module set.
	var doc map[string]any
	require.NoError(t, json.Unmarshal(TestMatrixSchema(), &doc))
	enum := doc["$defs"].(map[string]any)["row"].(map[string]any)["properties"].(map[string]any)["module"].(map[string]any)["enum"].([]any)
	assert.Equal(t, names(Modules()), enum)

	// A nil matrix is the default, in PlanTests as in its methods.
	var none *TestMatrix
	assert.Equal(t, m.String(), none.String())
	assert.Equal(t, m.Name(), none.Name())
	assert.True(t, none.Provisional())
	assert.Equal(t, "2026.1", none.Version())

	// A matrix not built by DecodeTestMatrix decides nothing: an error, not
	// a plan of unset needs.
	_, err = PlanTests(ProfileSP1, &TestMatrix{})
	assert.ErrorIs(t, err, ErrRuleGap)
}

// mutateMatrix decodes the default matrix, lets f change it and encodes it.
func mutateMatrix(t *testing.T, f func(rows []any) []any) []byte {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(DefaultTestMatrixJSON(), &doc))
	doc["rows"] = f(doc["rows"].([]any))
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return b
}

func rowAt(rows []any, id string) map[string]any {
	for _, r := range rows {
		if m := r.(map[string]any); m["id"] == id {
			return m
		}
	}
	panic("no row " + id)
}

func TestDecodeTestMatrixBad(t *testing.T) {
	tests := []struct {
		name     string
		mutate   func(rows []any) []any
		sentinel error
		pointers []string
		message  string
	}{
		{"duplicate row ID", func(rows []any) []any {
			rowAt(rows, "cryptography-testing-sp4")["id"] = "cryptography-testing-sp3"
			return rows
		}, problem.ErrDuplicate, []string{"/rows/30/id"}, `row ID "cryptography-testing-sp3" is already used`},
		{"gap", func(rows []any) []any {
			return rows[:len(rows)-1] // cryptography-testing at SP4
		}, ErrRuleGap, []string{"/rows"}, "no row decides cryptography-testing at SP4"},
		{"overlap", func(rows []any) []any {
			rowAt(rows, "cryptography-testing-sp3")["profiles"] = []any{"SP3", "SP4"}
			return rows
		}, ErrRuleOverlap, []string{"/rows/30/profiles"}, `row "cryptography-testing-sp4" decides cryptography-testing at SP4, which row "cryptography-testing-sp3" (index 29) already decides`},
		{"static analysis dropped at SP1", func(rows []any) []any {
			rowAt(rows, "static-code-analysis-sp1-sp2-sp3")["need"] = "recommended"
			return rows
		}, problem.ErrInvalidValue, []string{"/rows/17/need"}, "below what IEC 62443-4-1:2018 asks"},
		{"penetration testing below the 2018 independence", func(rows []any) []any {
			rowAt(rows, "penetration-testing-sp1")["min_independence"] = "independent-person"
			return rows
		}, problem.ErrInvalidValue, []string{"/rows/19/min_independence"}, "below the 2018 base independent-department"},
		{"unknown module", func(rows []any) []any {
			rowAt(rows, "cryptography-testing-sp4")["module"] = "red-teaming"
			return rows
		}, problem.ErrSchema, []string{"/rows/30/module"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeTestMatrix(bytes.NewReader(mutateMatrix(t, tt.mutate)), nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var list problem.List
			require.ErrorAs(t, err, &list)
			if errors.Is(tt.sentinel, problem.ErrSchema) {
				assert.Contains(t, list.Pointers(), tt.pointers[0])
				return
			}
			assert.Equal(t, tt.pointers, list.Pointers())
			assert.Contains(t, err.Error(), tt.message)
		})
	}
	t.Run("empty module list leaves every pair undecided, capped", func(t *testing.T) {
		b := mutateMatrix(t, func(rows []any) []any { return rows[:1] })
		_, err := DecodeTestMatrix(bytes.NewReader(b), &DecodeOptions{Limits: requirement.Limits{MaxProblems: 5}})
		var list problem.List
		require.ErrorAs(t, err, &list)
		assert.Len(t, list, 6, "five problems and one that counts the rest")
		assert.Contains(t, list[5].Message, "more problems")
	})
	t.Run("limits and nil reader", func(t *testing.T) {
		_, err := DecodeTestMatrix(bytes.NewReader(DefaultTestMatrixJSON()), &DecodeOptions{Limits: requirement.Limits{MaxBytes: 100}})
		assert.ErrorIs(t, err, problem.ErrLimit)
		_, err = DecodeTestMatrix(nil, nil)
		assert.ErrorIs(t, err, problem.ErrNilInput)
	})
}

// TestReplacementMatrix shows that a decoded matrix replaces the default
// without a code change, and that the plan traces each module to the row
// that decided it.
func TestReplacementMatrix(t *testing.T) {
	b := mutateMatrix(t, func(rows []any) []any {
		r := rowAt(rows, "update-mechanism-testing-sp2")
		r["id"] = "updates-from-sp2"
		r["need"] = "required"
		r["rationale"] = "a stricter reading: the update path is tested from SP2"
		return rows
	})
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	doc["name"], doc["version"], doc["provisional"] = "vendor-annex-d", "final-1", false
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	m, err := DecodeTestMatrix(bytes.NewReader(b), nil)
	require.NoError(t, err)
	plan, err := PlanTests(ProfileSP2, m)
	require.NoError(t, err)
	assert.Equal(t, "vendor-annex-d final-1", plan.Matrix)
	assert.False(t, plan.Provisional)
	pm, _ := plan.Module(ModuleUpdateMechanismTesting)
	assert.Equal(t, NeedRequired, pm.Need)
	assert.Equal(t, "updates-from-sp2", pm.Row)
	assert.True(t, strings.HasPrefix(pm.Rationale, "a stricter reading"))
	def, _ := planOf(t, ProfileSP2).Module(ModuleUpdateMechanismTesting)
	assert.Equal(t, NeedRecommended, def.Need, "the default is untouched")
}

// FuzzDecodeTestMatrix: a matrix that decodes plans every profile, never
// below the 2018 edition; one that does not gives a located problem list.
//
// The seeds are small (testdata/fuzz/FuzzDecodeTestMatrix: a complete matrix
// of one row per module with one graded module, and a duplicate row). The
// 12 KB default matrix as a seed made every new input a long minimisation;
// TestDecodeTestMatrixDefault holds it to the same properties.
func FuzzDecodeTestMatrix(f *testing.F) {
	f.Add([]byte(`{"schema_version":"1","name":"m","rows":[]}`))
	f.Add([]byte(`{"schema_version":"1","name":"m","rows":[{"id":"a","module":"penetration-testing","profiles":["SP1"],"need":"required","min_independence":"none","rationale":"r"}]}`))
	f.Fuzz(checkDecodeTestMatrix)
}

// TestDecodeTestMatrixDefault holds the default matrix to
// FuzzDecodeTestMatrix's properties.
func TestDecodeTestMatrixDefault(t *testing.T) {
	checkDecodeTestMatrix(t, DefaultTestMatrixJSON())
}

// checkDecodeTestMatrix asserts FuzzDecodeTestMatrix's properties of one
// input.
func checkDecodeTestMatrix(t *testing.T, data []byte) {
	m, err := DecodeTestMatrix(bytes.NewReader(data), nil)
	if err != nil {
		var list problem.List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a located list: %v", err)
		}
		return
	}
	// A decoded matrix plans every profile, never below the 2018 edition.
	for _, p := range SecurityProfiles() {
		plan, err := PlanTests(p, m)
		if err != nil {
			t.Fatal(err)
		}
		if err := plan.Validate(); err != nil {
			t.Fatal(err)
		}
	}
}
