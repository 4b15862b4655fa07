package risk

import (
	"fmt"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/requirement"
)

// State is a step of the Annex C security risk workflow (own modelling of
// the A11 draft, provisional). The steps are ordered; a register or a risk is
// in the highest state whose conditions its data meets. The zero value is
// unset (treated as [StateDraft] by the transition functions).
type State int

// The workflow states, in order.
const (
	// StateDraft: the intended use and context are not yet defined.
	StateDraft State = iota + 1
	// StateContextDefined: purpose and operational environment are recorded (SRM-1, SRM-2).
	StateContextDefined
	// StateThreatsModelled: the threat model has at least one threat (SRM-3).
	StateThreatsModelled
	// StateRisksAssessed: every threat is rated by a risk on the matrix (SRM-4).
	StateRisksAssessed
	// StateApplicabilityDecided: every risk has a treatment decision, which
	// fixes the requirements it pulls in (SR-2).
	StateApplicabilityDecided
	// StateTreated: every treatment is complete (mitigations linked to
	// requirements, acceptance justified and approved) and residual risk rated.
	StateTreated
	// StateVerified: every mitigated threat has a passing verification (SRM-5).
	StateVerified
	// StateMonitored: a review took place after the last threat was added and
	// the last verification ran, and no longer ago than [ReviewInterval]
	// before the assessment date (SRM-6).
	StateMonitored
)

var stateNames = enumNames{"workflow state", []string{"", "draft", "context-defined", "threats-modelled", "risks-assessed", "applicability-decided", "treated", "verified", "monitored"}}

// States returns every state in workflow order, in a fresh slice.
func States() []State {
	return []State{StateDraft, StateContextDefined, StateThreatsModelled, StateRisksAssessed, StateApplicabilityDecided, StateTreated, StateVerified, StateMonitored}
}

// Valid reports whether s is known.
func (s State) Valid() bool { return stateNames.valid(int(s)) }

// String returns the kebab-case name, such as "threats-modelled".
func (s State) String() string { return stateNames.str("State", int(s)) }

// MarshalText implements [encoding.TextMarshaler].
func (s State) MarshalText() ([]byte, error) { return stateNames.marshal("State", int(s)) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *State) UnmarshalText(b []byte) error {
	n, err := stateNames.parse(b)
	*s = State(n)
	return err
}

// TransitionError reports a rejected workflow transition. It wraps
// [ErrInvalidTransition].
type TransitionError struct {
	// Risk is the risk ID for a per-risk transition, "" for the product.
	Risk string
	// From and To are the declared state and the requested one.
	From, To State
	// Derived is the state the register's data supports.
	Derived State
	// Reason says why the transition is rejected and what to do.
	Reason string
}

// Error implements error.
func (e *TransitionError) Error() string {
	who := "product"
	if e.Risk != "" {
		who = fmt.Sprintf("risk %q", e.Risk)
	}
	return fmt.Sprintf("risk: %s: transition %s -> %s: %s", who, e.From, e.To, e.Reason)
}

// Unwrap returns [ErrInvalidTransition].
func (e *TransitionError) Unwrap() error { return ErrInvalidTransition }

// CanTransition reports whether the workflow allows moving from one state to
// another: one step forward, or back to any earlier state from
// [StateThreatsModelled] on (re-entering the loop when a new threat, an
// incident or a change reopens the analysis). A zero from counts as
// [StateDraft]. Staying in place is not a transition.
func CanTransition(from, to State) bool {
	if from == 0 {
		from = StateDraft
	}
	if !from.Valid() || !to.Valid() {
		return false
	}
	return to == from+1 || (to < from && to >= StateContextDefined)
}

// Advance moves the register's declared state (reg.State) to to. It fails
// with a [*TransitionError] when [CanTransition] forbids the step, or when
// moving forward and [DeriveState] shows the data does not yet support to.
// reg must be well formed ([Check]; requirement IDs are not checked against a
// catalog here); a malformed register is reported as the Check error. On
// failure reg is unchanged.
//
// The data is judged as of now: moving to [StateMonitored] also needs the
// last review (on or before now) to be no older than [ReviewInterval] (see
// [DeriveState]).
func Advance(reg *Register, to State, now time.Time) error {
	return advance(reg, "", to, requirement.DateOf(now))
}

// AdvanceRisk is [Advance] for one risk's declared state (Risk.State).
func AdvanceRisk(reg *Register, riskID string, to State, now time.Time) error {
	return advance(reg, riskID, to, requirement.DateOf(now))
}

// advance moves the product's (riskID "") or one risk's declared state as
// of today (zero: unknown).
func advance(reg *Register, riskID string, to State, today requirement.Date) error {
	ix, errs := checkWith(reg, nil, false)
	if errs != nil {
		return errs.Err()
	}
	ix.asOf(today)
	if riskID == "" {
		if err := transition("", reg.State, to, ix.productState); err != nil {
			return err
		}
		reg.State = to
		return nil
	}
	i, ok := ix.risks[riskID]
	if !ok {
		return fmt.Errorf("risk: advance risk %q: %w (no risk has this ID)", clip(riskID), ErrUnknownRisk)
	}
	if err := transition(riskID, reg.Risks[i].State, to, func() State { return ix.riskState(i) }); err != nil {
		return err
	}
	reg.Risks[i].State = to
	return nil
}

func transition(risk string, from, to State, derive func() State) error {
	if from == 0 {
		from = StateDraft
	}
	if !CanTransition(from, to) {
		reason := "only one step forward, or back to an earlier state, is allowed"
		if !to.Valid() {
			reason = "unknown target state"
		}
		return &TransitionError{Risk: risk, From: from, To: to, Derived: derive(), Reason: reason}
	}
	if to > from {
		if d := derive(); d < to {
			return &TransitionError{Risk: risk, From: from, To: to, Derived: d,
				Reason: fmt.Sprintf("the register's data only supports %s; %s", d, nextStep(d))}
		}
	}
	return nil
}

// nextStep says what the data needs to reach the state after s.
func nextStep(s State) string {
	switch s {
	case StateDraft:
		return "record the intended use's purpose and operational environment"
	case StateContextDefined:
		return "model at least one threat"
	case StateThreatsModelled:
		return "rate every threat with a risk (likelihood and impact)"
	case StateRisksAssessed:
		return "decide a treatment option for every risk"
	case StateApplicabilityDecided:
		return "complete every treatment (mitigations linked to requirements, justification and approver for acceptance) and rate the residual risk"
	case StateTreated:
		return "verify every mitigated threat with a passing test"
	case StateVerified:
		return "review the threat model after the last threat and verification"
	case StateMonitored:
		return "nothing: the workflow is complete"
	}
	return "fix the register"
}

// DeriveState returns the workflow state that reg's data supports for the
// product: the lowest state of its risks, capped by the product-level
// conditions (context defined, threats modelled, every threat rated). reg must
// be well formed; a malformed register yields the [Check] error.
//
// The state is derived as of now, the date the assessment is made: reviews
// dated after now do not count, and [StateMonitored] needs the last review to
// lie within [ReviewInterval] before now, as [Validate] does.
func DeriveState(reg *Register, now time.Time) (State, error) {
	return deriveState(reg, requirement.DateOf(now))
}

func deriveState(reg *Register, today requirement.Date) (State, error) {
	ix, errs := checkWith(reg, nil, false)
	if errs != nil {
		return 0, errs.Err()
	}
	ix.asOf(today)
	return ix.productState(), nil
}

// DeriveRiskState returns the workflow state that reg's data supports for
// one risk, as of now (see [DeriveState]).
func DeriveRiskState(reg *Register, riskID string, now time.Time) (State, error) {
	return deriveRiskState(reg, riskID, requirement.DateOf(now))
}

func deriveRiskState(reg *Register, riskID string, today requirement.Date) (State, error) {
	ix, errs := checkWith(reg, nil, false)
	if errs != nil {
		return 0, errs.Err()
	}
	ix.asOf(today)
	i, ok := ix.risks[riskID]
	if !ok {
		return 0, fmt.Errorf("risk: state of risk %q: %w (no risk has this ID)", clip(riskID), ErrUnknownRisk)
	}
	return ix.riskState(i), nil
}

func (ix *index) contextDefined() bool {
	u := ix.reg.IntendedUse
	return strings.TrimSpace(u.Purpose) != "" && strings.TrimSpace(u.Environment) != ""
}

func (ix *index) productState() State {
	if !ix.contextDefined() {
		return StateDraft
	}
	if len(ix.reg.Threats) == 0 {
		return StateContextDefined
	}
	for ti := range ix.reg.Threats {
		if len(ix.risksOfThreat.of(ti)) == 0 {
			return StateThreatsModelled
		}
	}
	s := StateMonitored
	for i := range ix.reg.Risks {
		s = min(s, ix.riskState(i))
	}
	return s
}

func (ix *index) riskState(i int) State {
	if !ix.contextDefined() {
		return StateDraft
	}
	r := &ix.reg.Risks[i]
	if ix.rating[i] == 0 {
		return StateThreatsModelled
	}
	if r.Treatment.Option == 0 {
		return StateRisksAssessed
	}
	if !ix.treatmentComplete(i) {
		return StateApplicabilityDecided
	}
	if r.Treatment.Option == TreatMitigate && !ix.verified(i) {
		return StateTreated
	}
	if !ix.monitored(i) {
		return StateVerified
	}
	return StateMonitored
}

// treatmentComplete reports whether risk i's treatment has everything its
// option needs, the residual rating included where it applies.
func (ix *index) treatmentComplete(i int) bool {
	r := &ix.reg.Risks[i]
	t := &r.Treatment
	switch t.Option {
	case TreatMitigate:
		if len(t.Mitigations) == 0 || ix.residual[i] == 0 {
			return false
		}
		for _, m := range ix.riskMits.of(i) {
			if len(ix.reg.Mitigations[m].Requirements) == 0 {
				return false
			}
		}
		return true
	case TreatAvoid:
		return !blank(t.Justification)
	case TreatTransfer:
		return !blank(t.Justification) && !blank(t.TransferredTo) && ix.residual[i] != 0
	case TreatAccept:
		return !blank(t.Justification) && !blank(t.Approver)
	}
	return false
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// monitored reports whether a review took place on or after the
// identification of every threat of risk i and every verification of them,
// and, when the assessment date is known, within [ReviewInterval] of it.
func (ix *index) monitored(i int) bool {
	if ix.lastReview.IsZero() || !ix.reviewCurrent() {
		return false
	}
	for _, ti := range ix.riskThreats.of(i) {
		if ix.reg.Threats[ti].Identified.After(ix.lastReview) {
			return false
		}
		for _, vi := range ix.verifsOfThreat.of(int(ti)) {
			if ix.reg.Verifications[vi].Date.After(ix.lastReview) {
				return false
			}
		}
	}
	return true
}
