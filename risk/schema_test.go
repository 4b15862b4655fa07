package risk

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
)

// TestSchemaEnumsMatchGo guards against drift between the embedded schema
// and the Go enums.
func TestSchemaEnumsMatchGo(t *testing.T) {
	var s map[string]any
	require.NoError(t, json.Unmarshal(Schema(), &s))
	get := func(path ...string) []string {
		var v any = s
		for _, p := range path {
			m, ok := v.(map[string]any)
			require.True(t, ok, "schema path %v", path)
			v = m[p]
		}
		var out []string
		for _, e := range v.([]any) {
			out = append(out, e.(string))
		}
		return out
	}
	items := func(name string) []string { return []string{"properties", name, "items", "properties"} }
	assert.Equal(t, assetKindNames.names[1:], get(append(items("assets"), "kind", "enum")...))
	assert.Equal(t, interfaceKindNames.names[1:], get(append(items("interfaces"), "kind", "enum")...))
	assert.Equal(t, strideNames.names[1:], get(append(items("threats"), "stride", "enum")...))
	assert.Equal(t, vectorNames.names[1:], get(append(items("threats"), "attack_vector", "enum")...))
	assert.Equal(t, sourceNames.names[1:], get(append(items("threats"), "source", "enum")...))
	assert.Equal(t, treatmentNames.names[1:], get(append(items("risks"), "treatment", "properties", "option", "enum")...))
	assert.Equal(t, triggerNames.names[1:], get(append(items("reviews"), "trigger", "enum")...))
	assert.Equal(t, stateNames.names[1:], get("$defs", "state", "enum"))
	var modules []string
	for _, m := range annex.Modules() {
		modules = append(modules, string(m))
	}
	assert.Equal(t, modules, get(append(items("verifications"), "module", "enum")...))
}
