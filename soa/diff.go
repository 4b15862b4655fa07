package soa

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// DiffKind classifies one [Difference] between two statements. The zero
// value is unset. The order of the constants is the order of the differences
// of one requirement in a [Diff].
type DiffKind int

const (
	// DiffEntryAdded: the newer statement has an entry the older lacks.
	DiffEntryAdded DiffKind = iota + 1
	// DiffEntryRemoved: the older statement has an entry the newer lacks.
	DiffEntryRemoved
	// DiffDecision: the decision changed.
	DiffDecision
	// DiffJustification: the justification changed.
	DiffJustification
	// DiffRisks: the set of driving risks changed.
	DiffRisks
	// DiffStatus: the implementation status changed.
	DiffStatus
	// DiffEvidence: evidence was added, removed, or its digest or date changed.
	DiffEvidence
	// DiffOwner: the owner changed.
	DiffOwner
	// DiffMaturity: the target or achieved maturity level changed.
	DiffMaturity
	// DiffMetadata: a field of the document header changed (Requirement is "").
	DiffMetadata
)

var diffKindNames = []string{"", "entry-added", "entry-removed", "decision", "justification", "risks", "status", "evidence", "owner", "maturity", "metadata"}

// DiffKinds returns every difference kind in a fresh slice.
func DiffKinds() []DiffKind {
	return []DiffKind{DiffEntryAdded, DiffEntryRemoved, DiffDecision, DiffJustification, DiffRisks, DiffStatus, DiffEvidence, DiffOwner, DiffMaturity, DiffMetadata}
}

// Valid reports whether k is defined.
func (k DiffKind) Valid() bool { return k >= DiffEntryAdded && k <= DiffMetadata }

// String returns the lower-case name, such as "decision"; "unset" for the
// zero value and "invalid(N)" otherwise.
func (k DiffKind) String() string { return enum.Name(diffKindNames, int(k)) }

// MarshalText implements [encoding.TextMarshaler]; an unset or undefined
// value is an error.
func (k DiffKind) MarshalText() ([]byte, error) {
	return marshalEnum("difference kind", diffKindNames, int(k))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *DiffKind) UnmarshalText(b []byte) error {
	v, err := parseEnum[DiffKind]("difference kind", diffKindNames, b)
	if err == nil && k != nil {
		*k = v
	}
	return err
}

// Difference is one difference between two statements of the same edition
// (a [requirement.Change] is something else: one step of the delta between
// two catalogs).
type Difference struct {
	// Kind classifies the difference.
	Kind DiffKind `json:"kind"`
	// Requirement is the entry's requirement; "" for DiffMetadata.
	Requirement requirement.ID `json:"requirement,omitzero"`
	// Field names what changed in the JSON form, such as "status",
	// "evidence/reports/pentest.pdf" or "approver".
	Field string `json:"field"`
	// From is the older value as text; "" when absent.
	From string `json:"from,omitzero"`
	// To is the newer value as text; "" when absent.
	To string `json:"to,omitzero"`
}

// String renders the difference on one line, such as
// "SVV-4 status: in-progress -> verified".
func (c Difference) String() string {
	var b strings.Builder
	if c.Requirement != "" {
		b.WriteString(string(c.Requirement))
		b.WriteByte(' ')
	}
	b.WriteString(c.Field)
	b.WriteString(": ")
	b.WriteString(orDash(c.From))
	b.WriteString(" -> ")
	b.WriteString(orDash(c.To))
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// Diff returns the differences from statement a to statement b, which must be
// of the same edition (requirement IDs of different editions name different
// requirements: [Migrate] the older one first); otherwise the error wraps
// problem.ErrWrongEdition. The result is deterministic: header changes
// first, then by requirement ([requirement.Compare]), change kind and field.
// Entries are matched by requirement ID; if a statement has two entries for
// one ID (an invalid statement), the first counts.
//
// A nil statement is an error wrapping problem.ErrNilInput.
func Diff(a, b *Statement) ([]Difference, error) {
	if a == nil || b == nil {
		return nil, fmt.Errorf("soa: diff: nil statement: %w", problem.ErrNilInput)
	}
	if a.Edition != b.Edition {
		return nil, fmt.Errorf("soa: diff: statements of editions %s and %s: %w (migrate the older statement first)", a.Edition, b.Edition, problem.ErrWrongEdition)
	}
	var out []Difference
	meta := func(field, x, y string) {
		if x != y {
			out = append(out, Difference{Kind: DiffMetadata, Field: field, From: x, To: y})
		}
	}
	meta("product/name", a.Product.Name, b.Product.Name)
	meta("product/version", a.Product.Version, b.Product.Version)
	meta("product/manufacturer", a.Product.Manufacturer, b.Product.Manufacturer)
	meta("catalog_version", a.CatalogVersion, b.CatalogVersion)
	meta("category", enumText(a.Category), enumText(b.Category))
	meta("profile", enumText(a.Profile), enumText(b.Profile))
	meta("author", a.Author, b.Author)
	meta("approver", a.Approver, b.Approver)
	meta("issued", a.Issued.String(), b.Issued.String())
	meta("approved", a.Approved.String(), b.Approved.String())
	meta("next_review", a.NextReview.String(), b.NextReview.String())

	ia, ib := firstByID(a.Entries), firstByID(b.Entries)
	ids := make([]requirement.ID, 0, len(ia)+len(ib))
	for id := range ia {
		ids = append(ids, id)
	}
	for id := range ib {
		if _, ok := ia[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, requirement.Compare)
	for _, id := range ids {
		x, inA := ia[id]
		y, inB := ib[id]
		switch {
		case !inA:
			out = append(out, Difference{Kind: DiffEntryAdded, Requirement: id, Field: "entry", To: y.Decision.String()})
		case !inB:
			out = append(out, Difference{Kind: DiffEntryRemoved, Requirement: id, Field: "entry", From: x.Decision.String()})
		default:
			out = diffEntry(out, x, y)
		}
	}
	return out, nil
}

func enumText[T interface {
	comparable
	String() string
}](v T) string {
	var zero T
	if v == zero {
		return ""
	}
	return v.String()
}

func firstByID(es []Entry) map[requirement.ID]*Entry {
	m := make(map[requirement.ID]*Entry, len(es))
	for i := range es {
		if _, dup := m[es[i].Requirement]; !dup {
			m[es[i].Requirement] = &es[i]
		}
	}
	return m
}

func diffEntry(out []Difference, x, y *Entry) []Difference {
	id := x.Requirement
	add := func(k DiffKind, field, from, to string) {
		if from != to {
			out = append(out, Difference{Kind: k, Requirement: id, Field: field, From: from, To: to})
		}
	}
	add(DiffDecision, "decision", enumText(x.Decision), enumText(y.Decision))
	add(DiffDecision, "inherited_from", x.InheritedFrom, y.InheritedFrom)
	add(DiffJustification, "justification", x.Justification, y.Justification)
	add(DiffRisks, "risks", joinSorted(x.Risks), joinSorted(y.Risks))
	add(DiffStatus, "status", enumText(x.Status), enumText(y.Status))
	out = diffEvidence(out, id, x.Evidence, y.Evidence)
	add(DiffOwner, "owner", x.Owner, y.Owner)
	add(DiffMaturity, "target_maturity", enumText(x.TargetMaturity), enumText(y.TargetMaturity))
	add(DiffMaturity, "achieved_maturity", enumText(x.AchievedMaturity), enumText(y.AchievedMaturity))
	return out
}

func joinSorted(s []string) string {
	c := slices.Clone(s)
	slices.Sort(c)
	return strings.Join(c, ", ")
}

// evidenceText is the text form of an evidence reference in a [Difference]:
// "digest date", followed by the kind and description when given.
func evidenceText(e EvidenceRef) string {
	t := e.SHA256 + " " + e.Date.String()
	if e.Kind != "" {
		t += " " + string(e.Kind)
	}
	if e.Description != "" {
		t += " " + e.Description
	}
	return t
}

// diffEvidence compares evidence by URI, in URI order.
func diffEvidence(out []Difference, id requirement.ID, x, y []EvidenceRef) []Difference {
	mx := make(map[string]EvidenceRef, len(x))
	for _, e := range x {
		if _, dup := mx[e.URI]; !dup {
			mx[e.URI] = e
		}
	}
	my := make(map[string]EvidenceRef, len(y))
	for _, e := range y {
		if _, dup := my[e.URI]; !dup {
			my[e.URI] = e
		}
	}
	uris := make([]string, 0, len(mx)+len(my))
	for u := range mx {
		uris = append(uris, u)
	}
	for u := range my {
		if _, ok := mx[u]; !ok {
			uris = append(uris, u)
		}
	}
	slices.Sort(uris)
	for _, u := range uris {
		a, inX := mx[u]
		b, inY := my[u]
		var from, to string
		if inX {
			from = evidenceText(a)
		}
		if inY {
			to = evidenceText(b)
		}
		if from != to {
			out = append(out, Difference{Kind: DiffEvidence, Requirement: id, Field: "evidence/" + u, From: from, To: to})
		}
	}
	return out
}
