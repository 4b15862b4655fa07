package soa

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Action says what [Migrate] did with one requirement. The zero value is unset.
type Action int

const (
	// ActionCarried: the entry was carried over under the same ID.
	ActionCarried Action = iota + 1
	// ActionReKeyed: the entry was carried over under the newer edition's ID.
	ActionReKeyed
	// ActionMerged: the entry was merged with others into one newer entry.
	ActionMerged
	// ActionOpened: the requirement is new; an open entry (applicable,
	// planned, flagged) was created for it.
	ActionOpened
	// ActionRetired: nothing in the newer edition carries the requirement
	// over; the entry is kept only in the report.
	ActionRetired
)

var actionNames = []string{"", "carried", "re-keyed", "merged", "opened", "retired"}

// Actions returns every action in a fresh slice.
func Actions() []Action {
	return []Action{ActionCarried, ActionReKeyed, ActionMerged, ActionOpened, ActionRetired}
}

// Valid reports whether a is defined.
func (a Action) Valid() bool { return a >= ActionCarried && a <= ActionRetired }

// String returns the lower-case name, such as "re-keyed".
func (a Action) String() string {
	if !a.Valid() {
		return fmt.Sprintf("Action(%d)", int(a))
	}
	return actionNames[a]
}

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (a Action) MarshalText() ([]byte, error) {
	if !a.Valid() {
		return nil, fmt.Errorf("soa: marshal %s: %w", a, problem.ErrInvalidValue)
	}
	return []byte(a.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (a *Action) UnmarshalText(b []byte) error {
	v, err := parseEnum[Action]("migration action", actionNames, b)
	if err == nil {
		*a = v
	}
	return err
}

// MigrationRecord says where one entry of the older statement went, or which
// open entry a new requirement received.
type MigrationRecord struct {
	// From is the requirement ID in the older edition; "" for ActionOpened.
	From requirement.ID `json:"from,omitzero"`
	// To is the requirement ID in the newer edition; "" for ActionRetired.
	To requirement.ID `json:"to,omitzero"`
	// Change is the catalog delta's classification of the requirement.
	Change requirement.ChangeKind `json:"change"`
	// Action is what the migration did.
	Action Action `json:"action"`
	// Summary says, from the catalog delta, what the newer edition asks.
	Summary string `json:"summary"`
	// Original is the older statement's entry, unchanged (zero for
	// ActionOpened), so that nothing is lost even for retired requirements.
	Original Entry `json:"original,omitzero"`
}

// MigrationReport lists every entry of the migrated statement and where it
// went: one record per older entry (one per newer requirement when the newer
// edition splits a requirement), in the older catalog's order, followed by one
// record per requirement new in the newer catalog, in its order.
type MigrationReport struct {
	// FromEdition is the older statement's edition.
	FromEdition requirement.Edition `json:"from_edition"`
	// FromCatalog is the version of the older catalog.
	FromCatalog string `json:"from_catalog"`
	// ToEdition is the edition migrated to.
	ToEdition requirement.Edition `json:"to_edition"`
	// ToCatalog is the version of the catalog migrated to.
	ToCatalog string `json:"to_catalog"`
	// Records holds one record per older entry and per new requirement.
	Records []MigrationRecord `json:"records"`
}

// From returns the records of the older entry for id (more than one when the
// newer edition splits the requirement), in a fresh slice.
func (r *MigrationReport) From(id requirement.ID) []MigrationRecord {
	var out []MigrationRecord
	for _, rec := range r.Records {
		if rec.From == id {
			out = append(out, rec)
		}
	}
	return out
}

// Count returns how many records have action a.
func (r *MigrationReport) Count(a Action) int {
	n := 0
	for _, rec := range r.Records {
		if rec.Action == a {
			n++
		}
	}
	return n
}

// MigrateOptions tunes [Migrate]. A nil *MigrateOptions means the defaults.
type MigrateOptions struct {
	// Issued is the issue date of the migrated statement. Zero keeps the
	// older statement's date.
	Issued requirement.Date
	// Author is the author of the migrated statement. "" keeps the older
	// statement's author.
	Author string
}

// Migrate turns statement s of the older catalog from (the 2018 edition) into
// a statement of the newer catalog to (A11), driven by
// [requirement.Delta]:
//
//   - entries of unchanged, changed and renamed requirements keep their
//     decision, justification, risks, status, evidence, owner and maturity;
//     changed and renamed ones are flagged [FlagRequirementChanged];
//   - entries of moved requirements are re-keyed to the newer ID (2018 SR-1
//     becomes A11 SRM-2, 2018 SR-3 becomes A11 SR-1: identity is edition and
//     ID, never the ID alone) and flagged [FlagReKeyed];
//   - several older entries carried into one newer requirement are merged
//     (the most demanding decision, the least advanced status, every risk
//     and piece of evidence) and flagged [FlagMerged];
//   - every requirement new in the newer catalog gets an open entry:
//     applicable, planned, flagged [FlagNewRequirement];
//   - retired requirements get no entry; the report keeps them.
//
// Every migrated entry records its [Origin]. The header is carried over with
// the newer edition and catalog version; approval is cleared (the migrated
// statement needs a new one). s must validate against from ([Validate]);
// otherwise its located errors are returned. s is not modified.
func Migrate(s *Statement, from, to *requirement.Catalog, opts *MigrateOptions) (*Statement, *MigrationReport, error) {
	if s == nil || from == nil || to == nil {
		return nil, nil, fmt.Errorf("soa: migrate: nil statement or catalog: %w", problem.ErrInvalidValue)
	}
	if _, err := Validate(s, from, nil); err != nil {
		return nil, nil, err
	}
	delta, err := requirement.Delta(from, to)
	if err != nil {
		return nil, nil, fmt.Errorf("soa: migrate: %w", err)
	}
	old := make(map[requirement.ID]*Entry, len(s.Entries))
	for i := range s.Entries {
		old[s.Entries[i].Requirement] = &s.Entries[i]
	}
	out := &Statement{SchemaVersion: SchemaVersion, Metadata: s.Metadata}
	out.Edition = to.Edition()
	out.CatalogVersion = to.Version()
	out.Approver, out.Approved = "", requirement.Date{}
	if opts != nil && !opts.Issued.IsZero() {
		out.Issued = opts.Issued
	}
	if opts != nil && opts.Author != "" {
		out.Author = opts.Author
	}
	rep := &MigrationReport{FromEdition: from.Edition(), FromCatalog: from.Version(), ToEdition: to.Edition(), ToCatalog: to.Version()}
	byFrom := make(map[requirement.ID][]MigrationRecord, len(s.Entries))
	var opened []MigrationRecord

	for i := 0; i < len(delta); {
		c := delta[i]
		if c.Kind == requirement.ChangeRetired {
			byFrom[c.From] = append(byFrom[c.From], MigrationRecord{From: c.From, Change: c.Kind, Action: ActionRetired, Summary: c.Summary, Original: cloneEntry(*old[c.From])})
			i++
			continue
		}
		if c.Kind == requirement.ChangeAdded {
			out.Entries = append(out.Entries, Entry{Requirement: c.To, Title: c.ToTitle, Decision: DecisionApplicable, Status: StatusPlanned, Flags: []Flag{FlagNewRequirement}})
			opened = append(opened, MigrationRecord{To: c.To, Change: c.Kind, Action: ActionOpened, Summary: c.Summary})
			i++
			continue
		}
		j := i + 1
		for j < len(delta) && delta[j].To == c.To && delta[j].Kind != requirement.ChangeAdded && delta[j].Kind != requirement.ChangeRetired {
			j++
		}
		group := delta[i:j]
		i = j
		e := carry(from.Edition(), group, old)
		out.Entries = append(out.Entries, e)
		for _, g := range group {
			action := ActionCarried
			switch {
			case len(group) > 1:
				action = ActionMerged
			case g.From != g.To:
				action = ActionReKeyed
			}
			byFrom[g.From] = append(byFrom[g.From], MigrationRecord{From: g.From, To: g.To, Change: g.Kind, Action: action, Summary: g.Summary, Original: cloneEntry(*old[g.From])})
		}
	}
	for _, id := range from.IDs() {
		rep.Records = append(rep.Records, byFrom[id]...)
	}
	rep.Records = append(rep.Records, opened...)
	return out, rep, nil
}

// carry builds the newer entry for the delta changes that all lead to the
// same newer requirement; edition is the older statement's edition, which
// the entry's Origin records.
func carry(edition requirement.Edition, group []requirement.Change, old map[requirement.ID]*Entry) Entry {
	first := group[0]
	e := cloneEntry(*old[first.From])
	e.Requirement, e.Title = first.To, first.ToTitle
	e.Origin = Origin{Edition: edition, Requirement: first.From}
	if e.Basis == 0 {
		e.Basis = BasisMigrated
	}
	var flags []Flag
	flags = append(flags, e.Flags...)
	for _, g := range group {
		if g.From != g.To {
			flags = append(flags, FlagReKeyed)
		}
		if g.ContentChanged || g.TitleChanged {
			flags = append(flags, FlagRequirementChanged)
		}
	}
	if len(group) > 1 {
		flags = append(flags, FlagMerged)
		e = merge(e, group, old)
	}
	slices.Sort(flags)
	e.Flags = slices.Compact(flags)
	return e
}

// decisionRank orders decisions from least to most demanding for merging.
var decisionRank = map[Decision]int{DecisionNotApplicable: 1, DecisionInherited: 2, DecisionTailored: 3, DecisionApplicable: 4}

func merge(e Entry, group []requirement.Change, old map[requirement.ID]*Entry) Entry {
	var just []string
	e.Risks, e.Evidence = nil, nil
	e.Status, e.AchievedMaturity, e.TargetMaturity = 0, 0, 0
	for _, g := range group {
		o := old[g.From]
		if decisionRank[o.Decision] > decisionRank[e.Decision] {
			e.Decision, e.InheritedFrom = o.Decision, o.InheritedFrom
		}
		if o.Justification != "" {
			just = append(just, string(g.From)+": "+o.Justification)
		}
		for _, r := range o.Risks {
			if !slices.Contains(e.Risks, r) {
				e.Risks = append(e.Risks, r)
			}
		}
		for _, ev := range o.Evidence {
			if !slices.ContainsFunc(e.Evidence, func(x Evidence) bool { return x.URI == ev.URI }) {
				e.Evidence = append(e.Evidence, ev)
			}
		}
		if o.Status != 0 && (e.Status == 0 || o.Status < e.Status) {
			e.Status = o.Status
		}
		if o.AchievedMaturity != 0 && (e.AchievedMaturity == 0 || o.AchievedMaturity < e.AchievedMaturity) {
			e.AchievedMaturity = o.AchievedMaturity
		}
		e.TargetMaturity = max(e.TargetMaturity, o.TargetMaturity)
		if e.Owner == "" {
			e.Owner = o.Owner
		}
	}
	if e.Decision != DecisionInherited {
		e.InheritedFrom = ""
	}
	if !e.Decision.Applies() {
		e.Status = 0
	} else if e.Status == 0 {
		e.Status = StatusPlanned
	}
	e.Justification = strings.Join(just, " ")
	return e
}

func cloneEntry(e Entry) Entry {
	e.Risks = slices.Clone(e.Risks)
	e.Evidence = slices.Clone(e.Evidence)
	e.Flags = slices.Clone(e.Flags)
	return e
}
