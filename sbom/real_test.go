package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// realVerdict is what the golden file pins for one SBOM and profile: the
// verdict and, per rule, its outcome with the counts behind it.
type realVerdict struct {
	Outcome string            `json:"outcome"`
	Rules   map[string]string `json:"rules"`
}

// TestRealSBOMs pins the verdict of every profile and the outcome of
// every rule on the SBOMs third-party generators made of real modules
// (testdata/real; its README says how each was made). Each is valid
// against the official schema of its version, and the verdicts are those
// doc.go explains where another checker differs. -update rewrites
// testdata/real/verdicts.golden.json.
func TestRealSBOMs(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "real", "*.cdx.json"))
	require.NoError(t, err)
	require.Len(t, files, 9, "cyclonedx-gomod mod, app and bin on three modules")
	got := map[string]map[string]realVerdict{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		inv, err := Decode(context.Background(), bytes.NewReader(data), nil)
		require.NoError(t, err, f)
		name := filepath.Base(f)
		got[name] = map[string]realVerdict{}
		for _, p := range CheckProfiles() {
			rep, err := Check(context.Background(), inv, p, nil)
			require.NoError(t, err)
			v := realVerdict{Outcome: rep.Outcome.String(), Rules: map[string]string{}}
			for _, r := range rep.Rules {
				v.Rules[string(r.Rule.ID)] = fmt.Sprintf("%s (checked %d, passed %d, failed %d, unknown %d)", r.Outcome, r.Checked, r.Passed, r.Failed, r.Unknown)
			}
			got[name][p.String()] = v
			assert.True(t, strings.HasPrefix(v.Rules[string(ruleSchemaValid)], "pass "), "%s is valid against the official schema: %s", name, v.Rules[string(ruleSchemaValid)])
		}
	}
	out, err := json.MarshalIndent(got, "", "  ")
	require.NoError(t, err)
	out = append(out, '\n')
	golden := filepath.Join("testdata", "real", "verdicts.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, out, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./sbom -run TestRealSBOMs -update")
	assert.Equal(t, string(want), string(out))

	// What the generator gives and what it lacks, as doc.go describes it.
	for name, profiles := range got {
		tr := profiles[ProfileTR03183v2_1.String()]
		assert.Equal(t, "fail", tr.Outcome, name)
		assert.True(t, strings.HasPrefix(tr.Rules[string(ruleSBOMCreator)], "fail "), "%s names only its tool: %s", name, tr.Rules[string(ruleSBOMCreator)])
		assert.True(t, strings.HasPrefix(profiles[ProfileNTIA.String()].Rules[string(ruleSBOMCreator)], "pass "), "NTIA: the tool is the author of the SBOM data (%s)", name)
		assert.True(t, strings.HasPrefix(tr.Rules[string(ruleComponentDependencies)], "pass "), "every component has a dependency entry (%s)", name)
		completeness := tr.Rules[string(ruleDependencyCompleteness)]
		if strings.Contains(name, ".bin.") {
			assert.True(t, strings.HasPrefix(completeness, "pass "), "bin mode states completeness (aggregate unknown) for every module: %s", completeness)
		} else {
			assert.True(t, strings.HasPrefix(completeness, "fail "), "mod and app modes state no completeness: %s", completeness)
		}
		assert.Equal(t, "pass", profiles[ProfileCRA.String()].Outcome, name)
	}
}
