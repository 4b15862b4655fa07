package sbom

import (
	"encoding"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

type textEnum interface {
	fmt.Stringer
	encoding.TextMarshaler
	Valid() bool
}

func TestEnumsText(t *testing.T) {
	type tc struct {
		v     textEnum
		text  string
		fresh func() encoding.TextUnmarshaler
	}
	var cases []tc
	add := func(vals []textEnum, texts []string, fresh func() encoding.TextUnmarshaler) {
		require.Len(t, texts, len(vals))
		for i := range vals {
			cases = append(cases, tc{vals[i], texts[i], fresh})
		}
	}
	conv := func(n int, f func(int) textEnum) []textEnum {
		out := make([]textEnum, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	add(conv(len(Formats()), func(i int) textEnum { return Formats()[i] }), []string{"cyclonedx", "spdx"}, func() encoding.TextUnmarshaler { return new(Format) })
	add(conv(len(Encodings()), func(i int) textEnum { return Encodings()[i] }), []string{"json", "xml"}, func() encoding.TextUnmarshaler { return new(Encoding) })
	add(conv(len(Origins()), func(i int) textEnum { return Origins()[i] }), []string{"first-party", "third-party", "open-source"}, func() encoding.TextUnmarshaler { return new(Origin) })
	add(conv(len(Flags()), func(i int) textEnum { return Flags()[i] }), []string{"yes", "no"}, func() encoding.TextUnmarshaler { return new(Flag) })
	add(conv(len(Completenesses()), func(i int) textEnum { return Completenesses()[i] }), []string{"complete", "incomplete", "unknown"}, func() encoding.TextUnmarshaler { return new(Completeness) })
	add(conv(len(Acknowledgements()), func(i int) textEnum { return Acknowledgements()[i] }), []string{"concluded", "declared"}, func() encoding.TextUnmarshaler { return new(Acknowledgement) })
	add(conv(len(RuleLevels()), func(i int) textEnum { return RuleLevels()[i] }), []string{"required", "additional", "optional"}, func() encoding.TextUnmarshaler { return new(RuleLevel) })
	add(conv(len(CheckProfiles()), func(i int) textEnum { return CheckProfiles()[i] }), []string{"bsi-tr-03183-2-v2.1.0", "bsi-tr-03183-2-v2.0.0", "ntia-minimum-elements", "cra-annex-i-part-ii-1"}, func() encoding.TextUnmarshaler { return new(CheckProfile) })
	add(conv(len(MatchStatuses()), func(i int) textEnum { return MatchStatuses()[i] }), []string{"affected", "not-affected", "undetermined"}, func() encoding.TextUnmarshaler { return new(MatchStatus) })
	add(conv(len(VEXStatuses()), func(i int) textEnum { return VEXStatuses()[i] }), []string{"not_affected", "affected", "fixed", "under_investigation"}, func() encoding.TextUnmarshaler { return new(VEXStatus) })
	add(conv(len(Justifications()), func(i int) textEnum { return Justifications()[i] }), []string{"component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist"}, func() encoding.TextUnmarshaler { return new(Justification) })
	add(conv(len(Responses()), func(i int) textEnum { return Responses()[i] }), []string{"can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"}, func() encoding.TextUnmarshaler { return new(Response) })
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			assert.True(t, c.v.Valid())
			assert.Equal(t, c.text, c.v.String())
			b, err := c.v.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, c.text, string(b))
			u := c.fresh()
			require.NoError(t, u.UnmarshalText(b))
			assert.Equal(t, c.text, u.(fmt.Stringer).String())
			assert.ErrorIs(t, c.fresh().UnmarshalText([]byte("bogus")), problem.ErrInvalidValue)
		})
	}
	for _, bad := range []textEnum{Format(0), Encoding(9), Origin(0), Flag(3), Completeness(0), Acknowledgement(0), RuleLevel(0), CheckProfile(0), MatchStatus(0), VEXStatus(0), Justification(0), Response(0)} {
		assert.False(t, bad.Valid())
		_, err := bad.MarshalText()
		assert.ErrorIs(t, err, problem.ErrInvalidValue)
		if bad.(interface{ String() string }).String() != "unset" {
			assert.Regexp(t, `^invalid\([0-9]+\)$`, bad.String())
		}
	}
	// The SDK's enum convention (internal/enum): unset, invalid(N).
	assert.Equal(t, "unset", Format(0).String())
	assert.Equal(t, "invalid(9)", Encoding(9).String())
	assert.Equal(t, "unset", CheckProfile(0).String())
	assert.Equal(t, "invalid(-1)", RuleLevel(-1).String())
}

func TestParsePURL(t *testing.T) {
	p, err := ParsePURL("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1?type=jar")
	require.NoError(t, err)
	assert.Equal(t, "maven/org.apache.logging.log4j/log4j-core", purlKey(p))
	assert.Equal(t, "2.17.1", p.Version)
	for _, bad := range []string{"", "log4j", "pkg:", "pkg:maven/", "https://example.com/x"} {
		_, err := ParsePURL(bad)
		assert.ErrorIs(t, err, problem.ErrInvalidValue, bad)
	}
}
