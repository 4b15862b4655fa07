package annex

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got), "%s differs; run go test -update after checking the change", path)
}

func TestEncodeMappingsGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, EncodeMappings(&buf))
	golden(t, "testdata/mappings.golden.json", buf.Bytes())
	// The document validates against its own schema.
	s := schema.MustCompile(MappingsSchemaURL, MappingsSchema())
	tree, errs := docjson.Parse(buf.Bytes(), docjson.Limits{})
	require.Nil(t, errs)
	assert.Nil(t, s.Validate(tree))
}

func TestPlansGolden(t *testing.T) {
	var plans []TestPlan
	for _, p := range SecurityProfiles() {
		plan, err := PlanTests(p, nil)
		require.NoError(t, err)
		plans = append(plans, plan)
	}
	b, err := docjson.Marshal(plans)
	require.NoError(t, err)
	golden(t, "testdata/test-plans.golden.json", b)
}
