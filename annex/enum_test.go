package annex

import (
	"encoding"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

type textEnum interface {
	encoding.TextMarshaler
	String() string
}

func roundTrip[T any, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, values []T, invalid T) {
	t.Helper()
	require.NotEmpty(t, values)
	seen := map[string]bool{}
	for _, v := range values {
		m, ok := any(v).(textEnum)
		require.True(t, ok)
		b, err := m.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, m.String(), string(b))
		assert.False(t, seen[string(b)], "duplicate name %s", b)
		seen[string(b)] = true
		var back T
		require.NoError(t, P(&back).UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	_, err := any(invalid).(textEnum).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	var back T
	assert.ErrorIs(t, P(&back).UnmarshalText([]byte("no-such-value")), problem.ErrInvalidValue)
}

func TestEnumsRoundTrip(t *testing.T) {
	roundTrip(t, CRAClasses(), CRAClass(0))
	roundTrip(t, Categories(), Category(9))
	roundTrip(t, SecurityProfiles(), SecurityProfile(0))
	roundTrip(t, Modules(), Module("x"))
	roundTrip(t, Independences(), Independence(0))
	roundTrip(t, ProductKinds(), ProductKind(0))
	roundTrip(t, Exposures(), Exposure(6))
	roundTrip(t, Environments(), Environment(0))
	roundTrip(t, UserTypes(), UserType(0))
	roundTrip(t, CRAProducts(), CRAProduct(0))
	roundTrip(t, Needs(), Need(0))
	roundTrip(t, Frameworks(), Framework(0))
	roundTrip(t, Relationships(), Relationship(0))
	roundTrip(t, Confidences(), Confidence(0))
	roundTrip(t, CoverageLevels(), CoverageLevel(0))
	roundTrip(t, DeadlineKinds(), DeadlineKind(0))
	roundTrip(t, EventKinds(), EventKind(0))
	roundTrip(t, Milestones(), Milestone(0))
	// Enums print their name even when unset or invalid.
	assert.Equal(t, "invalid(9)", Exposure(9).String())
	assert.Equal(t, "unset", Exposure(0).String())
	assert.Equal(t, "unset", SecurityProfile(0).String())
	assert.Equal(t, "invalid(-1)", Category(-1).String())
	assert.Equal(t, "invalid(7)", CRAClass(7).String())
	assert.Equal(t, "unset", Independence(0).String())
	_, err := SecurityProfile(0).MarshalText()
	assert.EqualError(t, err, "annex: marshal security profile unset: invalid value")
	assert.Len(t, Exposures(), 5)
	assert.Len(t, CRAProducts(), 26)
}

func names[T interface{ String() string }](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

// TestSchemasMatchEnums keeps the embedded JSON Schemas in step with the Go
// enums they constrain.
func TestSchemasMatchEnums(t *testing.T) {
	var ctx map[string]any
	require.NoError(t, json.Unmarshal(ContextSchema(), &ctx))
	props := ctx["properties"].(map[string]any)
	enum := func(m map[string]any, key string) []any {
		p := m[key].(map[string]any)
		if items, ok := p["items"]; ok {
			p = items.(map[string]any)
		}
		return p["enum"].([]any)
	}
	assert.Equal(t, names(ProductKinds()), enum(props, "kind"))
	assert.Equal(t, names(CRAProducts()), enum(props, "cra_products"))
	assert.Equal(t, names(CRAClasses()), enum(props, "cra_class"))
	assert.Equal(t, names(Environments()), enum(props, "environment"))
	assert.Equal(t, names(Exposures()), enum(props, "exposure"))
	assert.Equal(t, names(UserTypes()), enum(props, "user_types"))

	var rules map[string]any
	require.NoError(t, json.Unmarshal(RuleTableSchema(), &rules))
	defs := rules["$defs"].(map[string]any)
	assert.Equal(t, names(Exposures()), enum(defs, "exposure"))
	assert.Equal(t, names(CRAClasses()), enum(defs, "craClass"))
	assert.Equal(t, names(Categories()), enum(defs, "category"))

	var recs map[string]any
	require.NoError(t, json.Unmarshal(testRecordsSchemaJSON, &recs))
	rec := recs["$defs"].(map[string]any)["record"].(map[string]any)["properties"].(map[string]any)
	assert.Equal(t, names(Modules()), enum(rec, "module"))
	assert.Equal(t, names(Independences()), enum(rec, "independence"))
}
