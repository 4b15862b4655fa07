package requirement

import (
	"fmt"
	"slices"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// ChangeKind classifies one entry of an edition [Delta]. The zero value is unset.
type ChangeKind int

const (
	// ChangeUnchanged: same ID, same title, same demand in both editions.
	ChangeUnchanged ChangeKind = iota + 1
	// ChangeChanged: same ID and title, but the newer edition asks for more or
	// something else.
	ChangeChanged
	// ChangeRenamed: same ID, new title (the content may also have changed).
	ChangeRenamed
	// ChangeMoved: carried over under another ID (possibly renamed and changed).
	ChangeMoved
	// ChangeAdded: only in the newer edition.
	ChangeAdded
	// ChangeRetired: only in the older edition; nothing carries it over.
	ChangeRetired
)

var changeKindNames = [...]string{
	ChangeUnchanged: "unchanged", ChangeChanged: "changed", ChangeRenamed: "renamed",
	ChangeMoved: "moved", ChangeAdded: "added", ChangeRetired: "retired",
}

// ChangeKinds returns every change kind in a fresh slice.
func ChangeKinds() []ChangeKind {
	return []ChangeKind{ChangeUnchanged, ChangeChanged, ChangeRenamed, ChangeMoved, ChangeAdded, ChangeRetired}
}

// Valid reports whether k is known.
func (k ChangeKind) Valid() bool { return k >= ChangeUnchanged && k <= ChangeRetired }

// String returns the lower-case name, such as "moved".
func (k ChangeKind) String() string {
	if !k.Valid() {
		return enum.Name(nil, int(k))
	}
	return changeKindNames[k]
}

// MarshalText implements [encoding.TextMarshaler].
func (k ChangeKind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("requirement: marshal %s: %w", k, problem.ErrInvalidValue)
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *ChangeKind) UnmarshalText(b []byte) error {
	for _, v := range ChangeKinds() {
		if changeKindNames[v] == string(b) {
			*k = v
			return nil
		}
	}
	return fmt.Errorf("requirement: change kind %q: %w (want unchanged, changed, renamed, moved, added or retired)", clip(string(b)), problem.ErrInvalidValue)
}

// Change is one entry of an edition delta: how one requirement of the older
// edition fares in the newer one, or a requirement the newer one adds.
type Change struct {
	// Kind classifies the change.
	Kind ChangeKind `json:"kind"`
	// From is the ID in the older edition; "" for ChangeAdded.
	From ID `json:"from,omitzero"`
	// FromTitle is the older title; "" for ChangeAdded.
	FromTitle string `json:"from_title,omitzero"`
	// To is the ID in the newer edition; "" for ChangeRetired.
	To ID `json:"to,omitzero"`
	// ToTitle is the newer title; "" for ChangeRetired.
	ToTitle string `json:"to_title,omitzero"`
	// TitleChanged reports a new title (ChangeRenamed, or ChangeMoved with a new title).
	TitleChanged bool `json:"title_changed,omitzero"`
	// ContentChanged reports that the newer edition asks for more or something else.
	ContentChanged bool `json:"content_changed,omitzero"`
	// Provisional is true when the newer requirement rests on the A11 draft.
	Provisional bool `json:"provisional,omitzero"`
	// Summary says, in our own words, what a team conforming to the older
	// edition must now do.
	Summary string `json:"summary"`
}

// Delta returns the typed difference from an older catalog to a newer one:
// one [Change] per requirement of the newer catalog (in its catalog order),
// followed by one ChangeRetired per requirement of the older catalog that
// nothing in the newer one supersedes (in the older catalog order).
//
// The newer catalog's requirements name what they carry over
// ([Requirement.Supersedes]); a superseded ID that the older catalog lacks is
// an error wrapping problem.ErrUnknownID, an older requirement carried by two newer
// ones (or named twice by one) is an error wrapping problem.ErrDuplicate, and passing
// the catalogs in the wrong order is an error wrapping problem.ErrWrongEdition.
func Delta(from, to *Catalog) ([]Change, error) {
	if from == nil || to == nil {
		return nil, fmt.Errorf("requirement: delta: nil catalog: %w", problem.ErrInvalidValue)
	}
	if from.edition >= to.edition {
		return nil, fmt.Errorf("requirement: delta from %s to %s: %w (pass the older catalog first)", from.edition, to.edition, problem.ErrWrongEdition)
	}
	carried := make(map[ID]ID, len(from.reqs)) // older ID -> newer ID carrying it
	out := make([]Change, 0, len(to.reqs)+4)
	for _, r := range to.reqs {
		if len(r.supersedes) == 0 {
			out = append(out, Change{Kind: ChangeAdded, To: r.id, ToTitle: r.title, ContentChanged: true,
				Provisional: r.provisional, Summary: orDefault(r.change, "New requirement: "+r.summary)})
			continue
		}
		for _, old := range r.supersedes {
			o, ok := from.Lookup(old)
			if !ok {
				return nil, fmt.Errorf("requirement: delta: %s %q supersedes %q, which catalog %q lacks: %w", to.edition, r.id, old, from.version, problem.ErrUnknownID)
			}
			if by, dup := carried[old]; dup {
				return nil, fmt.Errorf("requirement: delta: %s %q is carried by both %q and %q of catalog %q: %w (one requirement carries it; fix the overlay)", from.edition, old, by, r.id, to.version, problem.ErrDuplicate)
			}
			carried[old] = r.id
			c := Change{From: o.id, FromTitle: o.title, To: r.id, ToTitle: r.title,
				TitleChanged: o.title != r.title, Provisional: r.provisional,
				ContentChanged: r.lifecycle == LifecycleChanged || r.lifecycle == LifecycleMoved && r.change != ""}
			switch {
			case o.id != r.id:
				c.Kind = ChangeMoved
			case c.TitleChanged:
				c.Kind = ChangeRenamed
			case c.ContentChanged:
				c.Kind = ChangeChanged
			default:
				c.Kind = ChangeUnchanged
			}
			c.Summary = deltaSummary(c, r)
			out = append(out, c)
		}
	}
	for _, o := range from.reqs {
		if _, ok := carried[o.id]; ok {
			continue
		}
		out = append(out, Change{Kind: ChangeRetired, From: o.id, FromTitle: o.title,
			Summary: fmt.Sprintf("%s %s has no counterpart in %s: record how its evidence is carried forward or why it lapses.", o.id, o.title, to.version)})
	}
	return slices.Clip(out), nil
}

func deltaSummary(c Change, r Requirement) string {
	switch c.Kind {
	case ChangeUnchanged:
		return "No change: existing evidence carries over."
	case ChangeMoved:
		s := fmt.Sprintf("Now %s %q (was %s %q): re-key the evidence.", c.To, c.ToTitle, c.From, c.FromTitle)
		if r.change != "" {
			s += " " + r.change
		}
		return s
	case ChangeRenamed:
		s := fmt.Sprintf("Now titled %q (was %q).", c.ToTitle, c.FromTitle)
		if r.change != "" {
			return s + " " + r.change
		}
		return s + " Update the title in your records; the evidence carries over."
	case ChangeChanged, ChangeAdded, ChangeRetired:
	}
	if r.change != "" {
		return r.change
	}
	return "Changed in the newer edition."
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
