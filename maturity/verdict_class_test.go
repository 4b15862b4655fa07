package maturity_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/requirement"
)

// The CRA class decides the obligation the way the root package derives it,
// maturity.ObligationFor(class.Important()); the expected obligation and
// finding severity of each class are written by hand.
func TestVerdictByClass(t *testing.T) {
	tests := []struct {
		class    annex.CRAClass
		want     maturity.Obligation
		severity requirement.Severity
	}{
		{annex.ClassDefault, maturity.ObligationRecommended, requirement.SeverityLow},
		{annex.ClassImportantI, maturity.ObligationMandatory, requirement.SeverityCritical},
		{annex.ClassImportantII, maturity.ObligationMandatory, requirement.SeverityCritical},
		{annex.ClassCritical, maturity.ObligationMandatory, requirement.SeverityCritical},
	}
	require.Len(t, tests, len(annex.CRAClasses()), "every CRA class is covered")
	for _, tt := range tests {
		t.Run(tt.class.String(), func(t *testing.T) {
			ob := maturity.ObligationFor(tt.class.Important())
			require.Equal(t, tt.want, ob)

			a, err := maturity.Assess(maturity.FixedFixture(t), maturity.TestNow, nil)
			require.NoError(t, err)
			v, err := a.Verdict(ob)
			require.NoError(t, err)
			assert.Equal(t, tt.want, v.Obligation)
			assert.True(t, v.Met(), "reasons: %v", v.Reasons)
			assert.Empty(t, v.Reasons)
			assert.Empty(t, v.Findings())
			require.Len(t, v.Checks, 5)
			for i, ch := range v.Checks {
				assert.Equal(t, maturity.Checks()[i], ch.Check)
				assert.Equal(t, requirement.OutcomePass, ch.Outcome)
				assert.NotEmpty(t, ch.Reasons)
			}

			a, err = maturity.Assess(maturity.LoadFixture(t), maturity.TestNow, nil)
			require.NoError(t, err)
			v, err = a.Verdict(ob)
			require.NoError(t, err)
			assert.Equal(t, requirement.OutcomeFail, v.Outcome)
			assert.Len(t, v.Reasons, 3, "below ML3, the late notification, the short retention: %v", v.Reasons)
			fs := v.Findings()
			require.Len(t, fs, 3)
			for _, f := range fs {
				assert.Equal(t, tt.severity, f.Severity, "%s", f)
			}
			assert.Equal(t, maturity.CheckVulnerabilityHandling.Rule(), fs[0].Rule)
			assert.Equal(t, requirement.SM16, fs[0].Requirement)
			assert.Equal(t, maturity.CheckArtifactRetention.Rule(), fs[1].Rule)
			assert.Equal(t, requirement.SM17, fs[1].Requirement)
			assert.Equal(t, requirement.RuleID("maturity.ml3-not-met"), fs[2].Rule)
			assert.Contains(t, fs[2].Message, tt.want.String())
		})
	}
}
