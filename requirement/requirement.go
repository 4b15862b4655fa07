package requirement

import (
	"fmt"
	"slices"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
)

// Edition identifies an edition of the standard; it is [practice.Edition].
type Edition = practice.Edition

// The editions.
const (
	// Edition2018 is EN IEC 62443-4-1:2018 with its 47 requirements.
	Edition2018 = practice.Edition2018
	// EditionA11 is the draft CRA amendment EN IEC 62443-4-1:2018/A11:2026.
	EditionA11 = practice.EditionA11
)

// Lifecycle says how a requirement of a catalog relates to the 2018 edition.
// The zero value is unset.
//
// There is no retired value: a retired 2018 requirement is one that no A11
// requirement carries, so it is in no A11 catalog, and in the 2018 catalog it
// is LifecycleBaseline (whether it retires depends on the A11 catalog it is
// compared with, which an overlay may change). [Delta] reports it as
// ChangeRetired.
type Lifecycle int

const (
	// LifecycleBaseline marks a requirement of the 2018 edition itself; its
	// fate in A11 is given by [Delta].
	LifecycleBaseline Lifecycle = iota + 1
	// LifecycleUnchanged: carried over from 2018 with the same ID and meaning.
	LifecycleUnchanged
	// LifecycleChanged: carried over with the same ID, but A11 asks for more
	// or something else (see [Requirement.Change]).
	LifecycleChanged
	// LifecycleNew: added by A11; no 2018 requirement corresponds.
	LifecycleNew
	// LifecycleMoved: carried over from 2018 under another ID (for example
	// into the new practice SRM), possibly renamed and changed.
	LifecycleMoved
)

var lifecycleNames = [...]string{
	LifecycleBaseline:  "baseline",
	LifecycleUnchanged: "unchanged",
	LifecycleChanged:   "changed",
	LifecycleNew:       "new",
	LifecycleMoved:     "moved",
}

// Lifecycles returns every lifecycle value in order, in a fresh slice.
func Lifecycles() []Lifecycle {
	return []Lifecycle{LifecycleBaseline, LifecycleUnchanged, LifecycleChanged, LifecycleNew, LifecycleMoved}
}

// Valid reports whether l is a known lifecycle.
func (l Lifecycle) Valid() bool { return l >= LifecycleBaseline && l <= LifecycleMoved }

// String returns the lower-case name, such as "moved".
func (l Lifecycle) String() string {
	if !l.Valid() {
		return enum.Name(nil, int(l))
	}
	return lifecycleNames[l]
}

// MarshalText implements [encoding.TextMarshaler].
func (l Lifecycle) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, fmt.Errorf("requirement: marshal %s: %w", l, problem.ErrInvalidValue)
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (l *Lifecycle) UnmarshalText(b []byte) error {
	for _, v := range Lifecycles() {
		if lifecycleNames[v] == string(b) {
			*l = v
			return nil
		}
	}
	return fmt.Errorf("requirement: lifecycle %q: %w (want baseline, unchanged, changed, new or moved)", clip(string(b)), problem.ErrInvalidValue)
}

// Confidence grades how well a statement is sourced, following the markers of
// the project's facts sheet. The zero value is unset.
type Confidence int

const (
	// ConfidencePrimary: a primary or near-primary public source.
	ConfidencePrimary Confidence = iota + 1
	// ConfidenceSecondary: a secondary source (commentary, tool documentation).
	ConfidenceSecondary
	// ConfidenceUncertain: the sources conflict, the statement is our own
	// deduction, or nothing but one commentary on the draft supports it.
	ConfidenceUncertain
)

var confidenceNames = [...]string{ConfidencePrimary: "primary", ConfidenceSecondary: "secondary", ConfidenceUncertain: "uncertain"}

// Valid reports whether c is known.
func (c Confidence) Valid() bool { return c >= ConfidencePrimary && c <= ConfidenceUncertain }

// String returns "primary", "secondary" or "uncertain".
func (c Confidence) String() string {
	if !c.Valid() {
		return enum.Name(nil, int(c))
	}
	return confidenceNames[c]
}

// MarshalText implements [encoding.TextMarshaler].
func (c Confidence) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("requirement: marshal %s: %w", c, problem.ErrInvalidValue)
	}
	return []byte(c.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Confidence) UnmarshalText(b []byte) error {
	for v := ConfidencePrimary; v <= ConfidenceUncertain; v++ {
		if confidenceNames[v] == string(b) {
			*c = v
			return nil
		}
	}
	return fmt.Errorf("requirement: confidence %q: %w (want primary, secondary or uncertain)", clip(string(b)), problem.ErrInvalidValue)
}

// Provenance names the public source a catalog statement rests on.
type Provenance struct {
	// Source identifies the source, such as "seed-a11-closer-look" or
	// "facts-S1" (see the catalog's data files for the register).
	Source string `json:"source"`
	// Locator points into the source: a section, a paragraph topic, a table.
	Locator string `json:"locator"`
	// Confidence grades the statement.
	Confidence Confidence `json:"confidence"`
}

// Item is one enumerated sub-item of a requirement, such as item g) of the
// threat model contents. Text is a paraphrase in our own words.
type Item struct {
	// Label is the list label, such as "a" or "e.1".
	Label string `json:"label"`
	// Text summarises the item.
	Text string `json:"text"`
}

// List is an enumeration a requirement makes, such as the review participants
// of SR-5 or the disposition options of DM-4.
type List struct {
	// Name says what the list enumerates, such as "threat model contents".
	Name string `json:"name"`
	// Items are the entries, in the standard's order.
	Items []Item `json:"items"`
}

// Requirement is one requirement of one edition of the standard. It is an
// immutable value: its accessors return copies, so a Requirement can be shared
// freely between goroutines. Obtain one from a [Catalog].
type Requirement struct {
	id            ID
	edition       Edition
	practice      practice.Practice
	clause        string
	title         string
	summary       string
	normativeText string
	lists         []List
	artifacts     []ArtifactKind
	lifecycle     Lifecycle
	supersedes    []ID
	change        string
	provisional   bool
	provenance    []Provenance
}

// ID returns the requirement's identifier within its edition.
func (r Requirement) ID() ID { return r.id }

// Edition returns the edition the requirement belongs to.
func (r Requirement) Edition() Edition { return r.edition }

// Practice returns the practice the requirement belongs to.
func (r Requirement) Practice() practice.Practice { return r.practice }

// Clause returns the clause number, such as "6.3". For A11 it is provisional.
func (r Requirement) Clause() string { return r.clause }

// Title returns the official short title (for A11 additions: the title used by
// public commentary, provisional).
func (r Requirement) Title() string { return r.title }

// Summary returns what the requirement asks, in our own words.
func (r Requirement) Summary() string { return r.summary }

// NormativeText returns the standard's own text when a licensee's overlay
// supplied it; the SDK ships none, so it is "" for the embedded catalogs.
func (r Requirement) NormativeText() string { return r.normativeText }

// Lists returns the enumerations the requirement makes, as a deep copy.
func (r Requirement) Lists() []List {
	out := make([]List, len(r.lists))
	for i, l := range r.lists {
		out[i] = List{Name: l.Name, Items: slices.Clone(l.Items)}
	}
	return out
}

// Artifacts returns the kinds of evidence artifact the requirement expects,
// in a fresh slice.
func (r Requirement) Artifacts() []ArtifactKind { return slices.Clone(r.artifacts) }

// ExpectsArtifact reports whether the requirement expects artifacts of kind k.
func (r Requirement) ExpectsArtifact(k ArtifactKind) bool { return slices.Contains(r.artifacts, k) }

// Lifecycle says how the requirement relates to the 2018 edition.
func (r Requirement) Lifecycle() Lifecycle { return r.lifecycle }

// Supersedes returns the 2018 IDs this A11 requirement carries over (empty for
// new requirements and for 2018 requirements), in a fresh slice.
func (r Requirement) Supersedes() []ID { return slices.Clone(r.supersedes) }

// Change says, in our own words, what A11 changed against 2018; "" when
// nothing changed or for 2018 requirements.
func (r Requirement) Change() string { return r.change }

// Provisional reports whether the requirement rests on the unpublished A11
// draft (its ID, title, clause or content may change in the final text).
func (r Requirement) Provisional() bool { return r.provisional }

// Provenance returns the sources the requirement's A11 modelling rests on, in
// a fresh slice.
func (r Requirement) Provenance() []Provenance { return slices.Clone(r.provenance) }

// String returns "ID Title", such as "SM-1 Development process".
func (r Requirement) String() string { return string(r.id) + " " + r.title }
