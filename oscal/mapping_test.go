package oscal_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/problem"
)

func TestEncodeMappingsOfficialSchema(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, oscal.EncodeMappings(&buf, exportTime))
	assertOfficial(t, "1.2.2", buf.Bytes())
	golden(t, "mappings.golden.json", buf.Bytes())

	var again bytes.Buffer
	require.NoError(t, oscal.EncodeMappings(&again, exportTime, annex.Frameworks()...))
	assert.Equal(t, buf.String(), again.String(), "no framework means all, deterministic")
}

// mapsOf decodes a mapping collection into generic values.
func mapsOf(t *testing.T, f ...annex.Framework) []any {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, oscal.EncodeMappings(&buf, exportTime, f...))
	assertOfficial(t, "1.2.2", buf.Bytes())
	var doc struct {
		MC struct {
			Mappings []struct {
				Maps             []any          `json:"maps"`
				SourceGapSummary map[string]any `json:"source-gap-summary"`
			} `json:"mappings"`
		} `json:"mapping-collection"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	require.Len(t, doc.MC.Mappings, len(f))
	return doc.MC.Mappings[0].Maps
}

func TestEncodeMappingsPerFramework(t *testing.T) {
	for _, f := range annex.Frameworks() {
		t.Run(f.String(), func(t *testing.T) {
			maps := mapsOf(t, f)
			table := annex.Mappings(f)
			joint := map[string]bool{}
			for _, m := range table {
				if m.Joint {
					joint[m.Source] = true
				}
			}
			require.Len(t, maps, len(table)+len(joint), "one map per entry and one per joint set")
			for i, m := range table {
				got := maps[i].(map[string]any)
				assert.Equal(t, string(m.Requirement), got["sources"].([]any)[0].(map[string]any)["id-ref"])
				assert.Equal(t, m.Source, got["targets"].([]any)[0].(map[string]any)["id-ref"])
				assert.Equal(t, m.Rationale, got["remarks"])
				assert.Equal(t, m.Confidence.String(), got["confidence-score"].(map[string]any)["category"])
				_, hasCoverage := got["coverage"]
				assert.Equal(t, m.Relationship.Covers() && m.Confidence > annex.ConfidenceLow, hasCoverage, "coverage 1 only where the requirement alone covers the provision")
			}
		})
	}
}

func TestEncodeMappingsRelationship(t *testing.T) {
	maps := mapsOf(t, annex.FrameworkCRA)
	want := map[annex.Relationship]string{annex.RelEquivalent: "equivalent-to", annex.RelSubset: "subset-of", annex.RelSuperset: "superset-of", annex.RelIntersects: "intersects-with"}
	for i, m := range annex.Mappings(annex.FrameworkCRA) {
		assert.Equal(t, want[m.Relationship], maps[i].(map[string]any)["relationship"], "%s %s", m.Source, m.Requirement)
	}
	last := maps[len(maps)-1].(map[string]any)
	assert.Equal(t, "superset-of", last["relationship"], "joint sets come last")
	assert.Greater(t, len(last["sources"].([]any)), 1)
}

func TestEncodeMappingsErrors(t *testing.T) {
	var buf bytes.Buffer
	assert.ErrorIs(t, oscal.EncodeMappings(&buf, time.Time{}), problem.ErrNoDate)
	assert.ErrorIs(t, oscal.EncodeMappings(nil, exportTime), problem.ErrNilInput)
	assert.ErrorIs(t, oscal.EncodeMappings(&buf, exportTime, annex.Framework(0)), problem.ErrInvalidValue)
	assert.ErrorIs(t, oscal.EncodeMappings(&buf, exportTime, annex.FrameworkCRA, annex.FrameworkCRA), problem.ErrDuplicate)
	assert.Error(t, oscal.EncodeMappings(failWriter{}, exportTime))
}
