package risk

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// State is a step of the Annex C security risk workflow (own modelling of
// the A11 draft, provisional). The steps are ordered; a register or a risk is
// in the highest state whose conditions its data meets. The zero value is
// unset (treated as [StateDraft] by the transition functions, and as "judge
// against the whole workflow" by [Evaluate]).
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
	// StateMitigationsDesigned: every risk to be mitigated lists its
	// mitigations, and each of them links the requirements it realises
	// (Practice 3) and names the design elements that implement it
	// (Practice 4: design traced to rated risks, SD-1).
	StateMitigationsDesigned
	// StateTreated: every treatment is complete (residual risk rated,
	// acceptance justified and approved, avoidance and transfer justified).
	StateTreated
	// StateVerified: every mitigated threat has a passing verification (SRM-5).
	StateVerified
	// StateMonitored: a review took place after the last threat was added and
	// the last verification ran, and no longer ago than [ReviewInterval]
	// before the assessment date (SRM-6).
	StateMonitored
)

var stateNames = enumNames{"workflow state", []string{"", "draft", "context-defined", "threats-modelled", "risks-assessed", "applicability-decided", "mitigations-designed", "treated", "verified", "monitored"}}

// States returns every state in workflow order, in a fresh slice.
func States() []State {
	return []State{StateDraft, StateContextDefined, StateThreatsModelled, StateRisksAssessed, StateApplicabilityDecided, StateMitigationsDesigned, StateTreated, StateVerified, StateMonitored}
}

// Valid reports whether s is known.
func (s State) Valid() bool { return stateNames.valid(int(s)) }

// String returns the kebab-case name, such as "threats-modelled" ("unset"
// for the zero value, "invalid(N)" otherwise).
func (s State) String() string { return stateNames.str(int(s)) }

// MarshalText implements [encoding.TextMarshaler].
func (s State) MarshalText() ([]byte, error) { return stateNames.marshal(int(s)) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *State) UnmarshalText(b []byte) error {
	if s == nil {
		return errNilTarget("State")
	}
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
	if e == nil {
		return "risk: <nil transition error>"
	}
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
// moving forward and the data does not yet support to (see
// [Evaluation.State]). reg must be well formed ([Check]; requirement IDs are
// not checked against a catalog here); a malformed register is reported as
// the Check error, a nil register as an error wrapping
// [problem.ErrNilInput]. On failure reg is unchanged.
//
// The data is judged as of now, the date the assessment is made: a zero now
// is an error wrapping [problem.ErrNoDate]. Moving to [StateMonitored] also
// needs the last review (on or before now) to be no older than
// [ReviewInterval].
func Advance(reg *Register, to State, now time.Time) error {
	return advance(reg, "", to, now)
}

// AdvanceRisk is [Advance] for one risk's declared state (Risk.State). An
// unknown risk ID is an error wrapping [ErrUnknownRisk].
func AdvanceRisk(reg *Register, riskID string, to State, now time.Time) error {
	return advance(reg, riskID, to, now)
}

// advance moves the product's (riskID "") or one risk's declared state.
func advance(reg *Register, riskID string, to State, now time.Time) error {
	if now.IsZero() {
		return errNoDate("advance")
	}
	ix, errs := checkWith(reg, nil, false)
	if errs != nil {
		return errs.Err()
	}
	ix.asOf(requirement.DateOf(now))
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

// errNoDate is the error of a date-dependent function given a zero date.
func errNoDate(what string) error {
	return fmt.Errorf("risk: %s: %w (pass the date the assessment is made)", what, problem.ErrNoDate)
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
		return "list the mitigations of every risk to be mitigated, each linked to the requirements it realises and the design elements that implement it"
	case StateMitigationsDesigned:
		return "complete every treatment (residual rating, justification and approver for acceptance, justification for avoidance and transfer)"
	case StateTreated:
		return "verify every mitigated threat with a passing test"
	case StateVerified:
		return "review the threat model after the last threat and verification"
	case StateMonitored:
		return "nothing: the workflow is complete"
	}
	return "fix the register"
}

func (ix *index) contextDefined() bool {
	u := ix.reg.IntendedUse
	return strings.TrimSpace(u.Purpose) != "" && strings.TrimSpace(u.Environment) != ""
}

// productState returns the state the data supports for the product.
func (ix *index) productState() State {
	states := make([]State, len(ix.reg.Risks))
	for i := range states {
		states[i] = ix.riskState(i)
	}
	return ix.productStateWith(states)
}

// productStateWith is productState given the state of every risk.
func (ix *index) productStateWith(states []State) State {
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
	for _, rs := range states {
		s = min(s, rs)
	}
	return s
}

// riskState returns the state the data supports for risk i.
func (ix *index) riskState(i int) State {
	if !ix.contextDefined() {
		return StateDraft
	}
	r := &ix.reg.Risks[i]
	switch {
	case ix.rating[i] == 0:
		return StateThreatsModelled
	case r.Treatment.Option == 0:
		return StateRisksAssessed
	case !ix.designed(i):
		return StateApplicabilityDecided
	case !ix.treatmentComplete(i):
		return StateMitigationsDesigned
	case r.Treatment.Option == TreatMitigate && !ix.verified(i):
		return StateTreated
	case !ix.monitored(i):
		return StateVerified
	}
	return StateMonitored
}

// designed reports whether risk i, when it is to be mitigated, lists
// mitigations that each link a requirement and name a design element.
// Other treatment options need no design.
func (ix *index) designed(i int) bool {
	if ix.reg.Risks[i].Treatment.Option != TreatMitigate {
		return true
	}
	mits := ix.riskMits.of(i)
	if len(mits) == 0 {
		return false
	}
	for _, m := range mits {
		if !ix.mitigationDesigned(int(m)) {
			return false
		}
	}
	return true
}

// mitigationDesigned reports whether mitigation m links a requirement and
// names a design element.
func (ix *index) mitigationDesigned(m int) bool {
	mit := &ix.reg.Mitigations[m]
	return len(mit.Requirements) > 0 && hasDesign(mit)
}

// hasDesign reports whether m names a (non-blank) design element.
func hasDesign(m *Mitigation) bool {
	return slices.ContainsFunc(m.DesignElements, func(s string) bool { return !blank(s) })
}

// treatmentComplete reports whether risk i's treatment has everything its
// option needs beyond the design: the residual rating where it applies, the
// justification, the receiving party, and an approval that is not dated
// after the assessment date.
func (ix *index) treatmentComplete(i int) bool {
	t := &ix.reg.Risks[i].Treatment
	switch t.Option {
	case TreatMitigate:
		return ix.residual[i] != 0
	case TreatAvoid:
		return !blank(t.Justification)
	case TreatTransfer:
		return !blank(t.Justification) && !blank(t.TransferredTo) && ix.residual[i] != 0
	case TreatAccept:
		return !blank(t.Justification) && !blank(t.Approver) && !t.Approved.After(ix.today)
	}
	return false
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// monitored reports whether a review took place on or after the
// identification of every threat of risk i and every verification of them,
// within [ReviewInterval] of the assessment date.
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
