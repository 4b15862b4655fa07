package maturity

import (
	"fmt"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// Level is a maturity level of the 62443 model (clause 4.2 of the standard,
// a CMMI derivative with CMMI levels 4 and 5 merged). Levels are ordered:
// ML1 < ML2 < ML3 < ML4, so they compare with < and >. The zero value is
// unset: it is not a level, and the SDK never uses it to mean "level 0". A
// result that reached no level says so explicitly (see
// [RequirementResult.Reached]).
type Level int

// The four maturity levels, lowest first.
const (
	// ML1 Initial: security work happens, but ad hoc; little is written down
	// and the outcome depends on who does the work.
	ML1 Level = iota + 1
	// ML2 Managed: written, approved procedures govern the work and the
	// people doing it are trained for it, though the procedures may not yet
	// be applied everywhere.
	ML2
	// ML3 Defined (Practiced): the documented procedures are followed on
	// every in-scope project and release, and the artifacts that prove it
	// exist and are kept. A11 asks for this level for presumption of
	// conformity under the CRA.
	ML3
	// ML4 Improving: measurements steer the process, and lessons from
	// incidents and audits flow back into it as completed improvements.
	ML4
)

var levelNames = [...]string{ML1: "ML1", ML2: "ML2", ML3: "ML3", ML4: "ML4"}

var levelTitles = [...]string{ML1: "Initial", ML2: "Managed", ML3: "Defined (Practiced)", ML4: "Improving"}

var levelDescriptions = [...]string{
	ML1: "Security work happens, but ad hoc: little is written down and the outcome depends on who does the work.",
	ML2: "Written, approved procedures govern the work and the people doing it are trained for it, though the procedures may not yet be applied everywhere.",
	ML3: "The documented procedures are followed on every in-scope project and release, and the artifacts that prove it exist and are kept.",
	ML4: "Measurements steer the process, and lessons from incidents and audits flow back into it as completed improvements.",
}

// Levels returns the four levels, lowest first, in a fresh slice.
func Levels() []Level { return []Level{ML1, ML2, ML3, ML4} }

// Valid reports whether l is one of ML1 to ML4.
func (l Level) Valid() bool { return l >= ML1 && l <= ML4 }

// String returns "ML1" to "ML4"; "unset" for the zero value and
// "invalid(N)" otherwise.
func (l Level) String() string { return enum.Name(levelNames[:], int(l)) }

// Title returns the level's name in the standard, such as "Defined
// (Practiced)"; "" for an invalid value.
func (l Level) Title() string {
	if !l.Valid() {
		return ""
	}
	return levelTitles[l]
}

// Description says in one sentence, in our own words, what an organisation at
// the level does; "" for an invalid value.
func (l Level) Description() string {
	if !l.Valid() {
		return ""
	}
	return levelDescriptions[l]
}

// MarshalText implements [encoding.TextMarshaler]: "ML1" to "ML4". The zero
// value and other invalid values are an error (use omitzero for optional
// fields).
func (l Level) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, fmt.Errorf("maturity: marshal level %s: %w", l, problem.ErrInvalidValue)
	}
	return []byte(levelNames[l]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts exactly
// "ML1", "ML2", "ML3" or "ML4".
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// ParseLevel parses "ML1" to "ML4" (exact spelling). Any other text is an
// error wrapping [problem.ErrInvalidValue].
func ParseLevel(s string) (Level, error) {
	if v, ok := enum.Parse(levelNames[:], s); ok {
		return Level(v), nil
	}
	return 0, fmt.Errorf("maturity: level %q: %w (want ML1, ML2, ML3 or ML4)", clip(s), problem.ErrInvalidValue)
}

// Obligation says whether ML3 is mandatory or recommended for a product.
// Callers derive it from the product's CRA class, for example
//
//	ob := maturity.ObligationFor(class.Important()) // annex.CRAClass
//
// The zero value is unset.
type Obligation int

const (
	// ObligationRecommended: ML3 is the safest route to presumption of
	// conformity but not strictly demanded (default products, not listed in
	// CRA Annex III or IV).
	ObligationRecommended Obligation = iota + 1
	// ObligationMandatory: ML3 is required (important products of class I or
	// II and critical products).
	ObligationMandatory
)

var obligationNames = [...]string{ObligationRecommended: "recommended", ObligationMandatory: "mandatory"}

// ObligationFor returns ObligationMandatory when important is true and
// ObligationRecommended otherwise. Pass annex.CRAClass.Important().
func ObligationFor(important bool) Obligation {
	if important {
		return ObligationMandatory
	}
	return ObligationRecommended
}

// Obligations returns both obligations, weaker first, in a fresh slice.
func Obligations() []Obligation { return []Obligation{ObligationRecommended, ObligationMandatory} }

// Valid reports whether o is known.
func (o Obligation) Valid() bool { return o == ObligationRecommended || o == ObligationMandatory }

// String returns "recommended" or "mandatory"; "unset" for the zero value
// and "invalid(N)" otherwise.
func (o Obligation) String() string { return enum.Name(obligationNames[:], int(o)) }

// MarshalText implements [encoding.TextMarshaler].
func (o Obligation) MarshalText() ([]byte, error) {
	if !o.Valid() {
		return nil, fmt.Errorf("maturity: marshal obligation %s: %w", o, problem.ErrInvalidValue)
	}
	return []byte(obligationNames[o]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (o *Obligation) UnmarshalText(b []byte) error {
	if v, ok := enum.Parse(obligationNames[:], string(b)); ok {
		*o = Obligation(v)
		return nil
	}
	return fmt.Errorf("maturity: obligation %q: %w (want recommended or mandatory)", clip(string(b)), problem.ErrInvalidValue)
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
