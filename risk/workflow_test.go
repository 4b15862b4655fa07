package risk

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestDeriveStateLadder(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(r *Register)
		want   State
	}{
		{"draft", func(r *Register) { r.IntendedUse.Environment = "" }, StateDraft},
		{"context defined", func(r *Register) {
			r.Threats, r.Risks, r.Verifications, r.Mitigations = nil, nil, nil, nil
			r.Interfaces[0].External = false
		}, StateContextDefined},
		{"threats modelled: a threat without risk", func(r *Register) {
			r.Threats = append(r.Threats, Threat{ID: "T-2", Title: "x", Category: Tampering})
		}, StateThreatsModelled},
		{"threats modelled: unrated risk", func(r *Register) { r.Risks[0].Likelihood, r.Risks[0].Impact = "", "" }, StateThreatsModelled},
		{"risks assessed", func(r *Register) { r.Risks[0].Treatment.Option = 0 }, StateRisksAssessed},
		{"mitigations designed: no residual", func(r *Register) { r.Risks[0].Residual = Residual{} }, StateMitigationsDesigned},
		{"applicability decided: mitigation without requirement", func(r *Register) { r.Mitigations[0].Requirements = nil }, StateApplicabilityDecided},
		{"applicability decided: mitigation without design element", func(r *Register) { r.Mitigations[0].DesignElements = nil }, StateApplicabilityDecided},
		{"applicability decided: blank design element", func(r *Register) { r.Mitigations[0].DesignElements = []string{" "} }, StateApplicabilityDecided},
		{"applicability decided: mitigate without mitigations", func(r *Register) {
			r.Risks[0].Treatment.Mitigations = nil
			r.Verifications[0].Mitigations = nil
		}, StateApplicabilityDecided},
		{"mitigations designed: acceptance approved after now", func(r *Register) {
			r.Risks[0].Treatment = Treatment{Option: TreatAccept, Justification: "j", Approver: "a", Approved: requirement.NewDate(2027, 1, 1)}
			r.Verifications, r.Mitigations = nil, nil
		}, StateMitigationsDesigned},
		{"treated", func(r *Register) { r.Verifications = nil }, StateTreated},
		{"verified", func(r *Register) {}, StateVerified},
		{"monitored", func(r *Register) {
			r.Reviews = []Review{{Date: requirement.NewDate(2026, 1, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
		}, StateMonitored},
		{"verified again after a later verification", func(r *Register) {
			r.Reviews = []Review{{Date: requirement.NewDate(2026, 1, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
			r.Verifications[0].Date = requirement.NewDate(2026, 2, 1)
		}, StateVerified},
		{"verified again when the last review is older than the interval", func(r *Register) {
			r.Reviews = []Review{{Date: requirement.NewDate(2025, 11, 21), Reviewer: "PSO", Trigger: TriggerPeriodic}}
		}, StateVerified},
		{"monitored on the last day of the interval", func(r *Register) {
			r.Reviews = []Review{{Date: requirement.NewDate(2025, 11, 22), Reviewer: "PSO", Trigger: TriggerPeriodic}}
		}, StateMonitored},
		{"a review dated after now does not count", func(r *Register) {
			r.Reviews = []Review{{Date: requirement.NewDate(2027, 1, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
		}, StateVerified},
		{"a verification dated after now does not count", func(r *Register) {
			r.Verifications[0].Date = requirement.NewDate(2027, 1, 1)
		}, StateTreated},
		{"a bare test record does not verify", func(r *Register) {
			r.Verifications[0].Module, r.Verifications[0].Mitigations, r.Verifications[0].TestRecord = "", nil, "CI run 1"
		}, StateTreated},
		{"accepted risk is verified without a test", func(r *Register) {
			r.Risks[0].Treatment = Treatment{Option: TreatAccept, Justification: "j", Approver: "a"}
			r.Verifications, r.Mitigations = nil, nil
		}, StateVerified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := base()
			tt.mutate(reg)
			e, err := Evaluate(reg, nil, testNow)
			require.NoError(t, err)
			assert.Equal(t, tt.want, e.State)
			if len(reg.Risks) > 0 && len(reg.Threats) == 1 {
				rs, ok := e.RiskState("R-1")
				require.True(t, ok)
				assert.Equal(t, tt.want, rs)
			}
		})
	}
}

func TestCanTransition(t *testing.T) {
	assert.True(t, CanTransition(0, StateContextDefined))
	assert.True(t, CanTransition(StateDraft, StateContextDefined))
	assert.True(t, CanTransition(StateVerified, StateMonitored))
	assert.True(t, CanTransition(StateMonitored, StateThreatsModelled), "re-entry on a new threat")
	assert.True(t, CanTransition(StateTreated, StateContextDefined))
	assert.False(t, CanTransition(StateDraft, StateThreatsModelled), "skipping a step")
	assert.False(t, CanTransition(StateTreated, StateDraft), "back to draft")
	assert.False(t, CanTransition(StateTreated, StateTreated), "staying is no transition")
	assert.False(t, CanTransition(StateMonitored, StateMonitored+1))
	assert.False(t, CanTransition(State(99), StateDraft))
}

func TestAdvance(t *testing.T) {
	reg := base()
	for _, s := range []State{StateContextDefined, StateThreatsModelled, StateRisksAssessed, StateApplicabilityDecided, StateMitigationsDesigned, StateTreated, StateVerified} {
		require.NoError(t, Advance(reg, s, testNow), "to %s", s)
		assert.Equal(t, s, reg.State)
	}
	// Monitored needs a review.
	err := Advance(reg, StateMonitored, testNow)
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	assert.ErrorIs(t, err, ErrInvalidTransition)
	assert.Equal(t, StateVerified, te.Derived)
	assert.Equal(t, `risk: product: transition verified -> monitored: the register's data only supports verified; review the threat model after the last threat and verification`, err.Error())
	assert.Equal(t, StateVerified, reg.State, "unchanged on failure")

	reg.Reviews = []Review{{Date: requirement.NewDate(2026, 1, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
	require.NoError(t, Advance(reg, StateMonitored, testNow))
	// A new threat reopens the loop.
	require.NoError(t, Advance(reg, StateThreatsModelled, testNow))

	err = Advance(reg, StateTreated, testNow)
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "only one step forward, or back to an earlier state, is allowed", te.Reason)

	err = Advance(reg, State(42), testNow)
	require.ErrorIs(t, err, ErrInvalidTransition)
}

func TestAdvanceRisk(t *testing.T) {
	reg := base()
	require.NoError(t, AdvanceRisk(reg, "R-1", StateContextDefined, testNow))
	require.NoError(t, AdvanceRisk(reg, "R-1", StateThreatsModelled, testNow))
	reg.Risks[0].Likelihood, reg.Risks[0].Impact = "", ""
	err := AdvanceRisk(reg, "R-1", StateRisksAssessed, testNow)
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "R-1", te.Risk)
	assert.Contains(t, err.Error(), `risk "R-1": transition threats-modelled -> risks-assessed`)
	assert.ErrorIs(t, AdvanceRisk(reg, "R-9", StateDraft, testNow), ErrUnknownRisk)
	e, err := Evaluate(reg, nil, testNow)
	require.NoError(t, err)
	_, ok := e.RiskState("R-9")
	assert.False(t, ok)

	bad := base()
	bad.Risks[0].Threats = []string{"nope"}
	assert.ErrorIs(t, Advance(bad, StateContextDefined, testNow), problem.ErrDanglingReference)
	assert.ErrorIs(t, AdvanceRisk(bad, "R-1", StateContextDefined, testNow), problem.ErrDanglingReference)
	_, err = Evaluate(bad, nil, testNow)
	assert.ErrorIs(t, err, problem.ErrDanglingReference)
}

func TestStateText(t *testing.T) {
	for _, s := range States() {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back State
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	var s State
	assert.ErrorIs(t, s.UnmarshalText([]byte("done")), problem.ErrInvalidValue)
	_, err := State(0).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Equal(t, "unset", State(0).String())
	assert.Equal(t, "invalid(42)", State(42).String())
	_, err = State(42).MarshalText()
	assert.EqualError(t, err, "risk: marshal workflow state invalid(42): invalid value")
}

// TestDeriveStateReviewInterval: monitored needs the last review within the
// review interval before now.
func TestDeriveStateReviewInterval(t *testing.T) {
	reg := base()
	reg.Reviews = []Review{{Date: requirement.NewDate(2020, 1, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
	e, err := Evaluate(reg, nil, testNow)
	require.NoError(t, err)
	assert.Equal(t, StateVerified, e.State)

	reg.State = StateVerified
	err = Advance(reg, StateMonitored, testNow)
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, StateVerified, te.Derived)
	err = AdvanceRisk(reg, "R-1", StateContextDefined, testNow)
	require.NoError(t, err)
	reg.Reviews[0].Date = requirement.NewDate(2026, 6, 1)
	require.NoError(t, Advance(reg, StateMonitored, testNow))
}

// TestDesignGatesMonitored: a register whose mitigations name no design
// element cannot reach monitored, however complete the rest is (A11
// Practice 4: design traced to the rated risks).
func TestDesignGatesMonitored(t *testing.T) {
	reg := base()
	reg.Reviews = []Review{{Date: requirement.NewDate(2026, 6, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
	e, err := Evaluate(reg, nil, testNow)
	require.NoError(t, err)
	require.Equal(t, StateMonitored, e.State)

	reg.Mitigations[0].DesignElements = nil
	e, err = Evaluate(reg, nil, testNow)
	require.NoError(t, err)
	assert.Equal(t, StateApplicabilityDecided, e.State)
	for _, s := range []State{StateContextDefined, StateThreatsModelled, StateRisksAssessed, StateApplicabilityDecided} {
		require.NoError(t, Advance(reg, s, testNow))
	}
	err = Advance(reg, StateMitigationsDesigned, testNow)
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	assert.Contains(t, te.Reason, "design elements")
}

// TestZeroDate: every function whose result depends on the date refuses a
// zero date instead of judging the register as of "no date".
func TestZeroDate(t *testing.T) {
	reg := base()
	reg.Product.Released, reg.Product.ReleaseDate = true, requirement.NewDate(2024, 1, 10)
	reg.Reviews = []Review{{Date: requirement.NewDate(2026, 6, 1), Reviewer: "PSO", Trigger: TriggerPeriodic}}
	_, err := Evaluate(reg, nil, time.Time{})
	assert.ErrorIs(t, err, problem.ErrNoDate)
	_, err = Validate(reg, nil, time.Time{})
	assert.ErrorIs(t, err, problem.ErrNoDate)
	assert.ErrorIs(t, Advance(reg, StateContextDefined, time.Time{}), problem.ErrNoDate)
	assert.ErrorIs(t, AdvanceRisk(reg, "R-1", StateContextDefined, time.Time{}), problem.ErrNoDate)
	assert.Zero(t, reg.State, "unchanged")
}
