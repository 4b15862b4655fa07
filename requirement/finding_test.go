package requirement_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestSortFindings(t *testing.T) {
	fs := []requirement.Finding{
		{Rule: "x.doc", Severity: requirement.SeverityLow, Message: "document-level"},
		{Rule: "x.b", Severity: requirement.SeverityLow, Requirement: requirement.SM10, Pointer: "/a"},
		{Rule: "x.a", Severity: requirement.SeverityHigh, Requirement: requirement.SM10, Pointer: "/b"},
		{Rule: "x.a", Severity: requirement.SeverityMedium, Requirement: requirement.SM2, Pointer: "/c"},
	}
	requirement.SortFindings(fs)
	got := []string{}
	for _, f := range fs {
		got = append(got, f.Pointer)
	}
	assert.Equal(t, []string{"/c", "/b", "/a", ""}, got)
}

func TestFindingJSONAndString(t *testing.T) {
	f := requirement.Finding{Rule: "risk.threat-without-risk", Severity: requirement.SeverityHigh, Requirement: requirement.SRM4, Pointer: "/threats/3", Message: "threat T-4 has no risk"}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"rule":"risk.threat-without-risk","severity":"high","requirement":"SRM-4","pointer":"/threats/3","message":"threat T-4 has no risk"}`, string(b))
	var back requirement.Finding
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, f, back)
	assert.Equal(t, "high risk.threat-without-risk [SRM-4] at /threats/3: threat T-4 has no risk", f.String())

	var s requirement.Severity
	assert.ErrorIs(t, s.UnmarshalText([]byte("severe")), problem.ErrInvalidValue)
	_, err = requirement.Severity(0).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
}

func TestEnumsRoundTrip(t *testing.T) {
	for _, v := range requirement.Severities() {
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back requirement.Severity
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	for _, v := range requirement.Outcomes() {
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back requirement.Outcome
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	for _, v := range requirement.Lifecycles() {
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back requirement.Lifecycle
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	for _, v := range requirement.ChangeKinds() {
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back requirement.ChangeKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	for _, k := range requirement.ArtifactKinds() {
		assert.True(t, k.Known(), k)
		assert.NotEmpty(t, k.Description(), k)
		got, err := requirement.ParseArtifactKind(string(k))
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
	_, err := requirement.ParseArtifactKind("napkin")
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.False(t, requirement.Outcome(0).Valid())
	assert.Equal(t, "invalid(9)", requirement.Outcome(9).String())
	for _, s := range []fmt.Stringer{requirement.Outcome(0), requirement.Severity(0), requirement.ChangeKind(0), requirement.Lifecycle(0), requirement.Confidence(0), requirement.Basis(0)} {
		assert.Equal(t, "unset", s.String(), "%T: an unset enum prints its name, not a number", s)
	}
}
