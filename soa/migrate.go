package soa

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// MigrationAction says what [Migrate] did with one requirement. The zero
// value is unset.
type MigrationAction int

const (
	// ActionCarried: the entry was carried over under the same ID.
	ActionCarried MigrationAction = iota + 1
	// ActionReKeyed: the entry was carried over under the newer edition's ID.
	ActionReKeyed
	// ActionMerged: the entry was merged with others into one newer entry.
	ActionMerged
	// ActionOpened: the requirement is new (or the older statement had no
	// entry for it); an open entry (applicable, planned) was created for it.
	ActionOpened
	// ActionRetired: nothing in the newer edition carries the requirement
	// over; the entry is kept only in the report.
	ActionRetired
)

var actionNames = []string{"", "carried", "re-keyed", "merged", "opened", "retired"}

// MigrationActions returns every migration action in a fresh slice.
func MigrationActions() []MigrationAction {
	return []MigrationAction{ActionCarried, ActionReKeyed, ActionMerged, ActionOpened, ActionRetired}
}

// Valid reports whether a is defined.
func (a MigrationAction) Valid() bool { return a >= ActionCarried && a <= ActionRetired }

// String returns the lower-case name, such as "re-keyed"; "unset" for the
// zero value and "invalid(N)" otherwise.
func (a MigrationAction) String() string { return enum.Name(actionNames, int(a)) }

// MarshalText implements [encoding.TextMarshaler]; an unset or undefined
// value is an error.
func (a MigrationAction) MarshalText() ([]byte, error) {
	return marshalEnum("migration action", actionNames, int(a))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (a *MigrationAction) UnmarshalText(b []byte) error {
	v, err := parseEnum[MigrationAction]("migration action", actionNames, b)
	if err == nil && a != nil {
		*a = v
	}
	return err
}

// MigrationRecord says where one entry of the older statement went, or which
// open entry a new requirement received.
type MigrationRecord struct {
	// From is the requirement ID in the older edition; "" for a requirement
	// new in the newer edition.
	From requirement.ID `json:"from,omitzero"`
	// To is the requirement ID in the newer edition; "" for ActionRetired.
	To requirement.ID `json:"to,omitzero"`
	// Change is the catalog delta's classification of the requirement.
	Change requirement.ChangeKind `json:"change"`
	// Action is what the migration did.
	Action MigrationAction `json:"action"`
	// Summary says, from the catalog delta, what the newer edition asks.
	Summary string `json:"summary"`
	// Original is the older statement's entry, unchanged (zero for
	// ActionOpened, or when the older statement had no entry), so that
	// nothing is lost even for retired requirements.
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
// newer edition splits the requirement), in a fresh slice; nil for a nil
// report.
func (r *MigrationReport) From(id requirement.ID) []MigrationRecord {
	if r == nil {
		return nil
	}
	var out []MigrationRecord
	for _, rec := range r.Records {
		if rec.From == id {
			out = append(out, rec)
		}
	}
	return out
}

// Count returns how many records have action a; 0 for a nil report.
func (r *MigrationReport) Count(a MigrationAction) int {
	if r == nil {
		return 0
	}
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
// [requirement.Delta]. A nil catalog means [requirement.Default] (the A11
// catalog), so from must be given: pass requirement.ForEdition(Edition2018).
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
//   - a requirement the older statement has no entry for (an incomplete
//     statement) gets an open entry too, with [BasisUnassessed];
//   - retired requirements get no entry; the report keeps them.
//
// Text carried from the older statement (justification, inherited_from,
// owner, evidence descriptions) speaks of the older edition's requirements:
// every requirement ID in it is qualified with that edition ("SR-1" becomes
// "2018 SR-1", since A11 SR-1 is another requirement), and merged
// justifications are prefixed with the qualified older ID.
//
// Every migrated entry records its [Origin]. The header is carried over with
// the newer edition and catalog version; approval is cleared (the migrated
// statement needs a new one). s must be readable against from ([Validate]
// returns no error; its findings do not matter: an incomplete statement
// migrates); otherwise its located errors are returned. A nil statement is an
// error wrapping problem.ErrNilInput. s is not modified.
func Migrate(s *Statement, from, to *requirement.Catalog, opts *MigrateOptions) (*Statement, *MigrationReport, error) {
	if s == nil {
		return nil, nil, fmt.Errorf("soa: migrate: nil statement: %w", problem.ErrNilInput)
	}
	if from == nil {
		from = requirement.Default()
	}
	if to == nil {
		to = requirement.Default()
	}
	if _, err := Validate(s, from, nil); err != nil {
		return nil, nil, err
	}
	delta, err := requirement.Delta(from, to)
	if err != nil {
		return nil, nil, fmt.Errorf("soa: migrate: %w", err)
	}
	fromEd := from.Edition()
	old := make(map[requirement.ID]*Entry, len(s.Entries))
	for i := range s.Entries {
		old[s.Entries[i].Requirement] = &s.Entries[i]
	}
	original := func(id requirement.ID) Entry {
		if e, ok := old[id]; ok {
			return cloneEntry(*e)
		}
		return Entry{}
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
	rep := &MigrationReport{FromEdition: fromEd, FromCatalog: from.Version(), ToEdition: to.Edition(), ToCatalog: to.Version()}
	byFrom := make(map[requirement.ID][]MigrationRecord, len(s.Entries))
	var opened []MigrationRecord

	for i := 0; i < len(delta); {
		c := delta[i]
		if c.Kind == requirement.ChangeRetired {
			byFrom[c.From] = append(byFrom[c.From], MigrationRecord{From: c.From, Change: c.Kind, Action: ActionRetired, Summary: c.Summary, Original: original(c.From)})
			i++
			continue
		}
		if c.Kind == requirement.ChangeAdded {
			out.Entries = append(out.Entries, Entry{Requirement: c.To, Title: c.ToTitle, Decision: Applicable, Status: StatusPlanned, Flags: []Flag{FlagNewRequirement}})
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
		var present []requirement.Change
		for _, g := range group {
			if _, ok := old[g.From]; ok {
				present = append(present, g)
			}
		}
		if len(present) == 0 {
			// The older statement has no entry to carry: open one.
			out.Entries = append(out.Entries, Entry{Requirement: c.To, Title: c.ToTitle, Decision: Applicable, Basis: BasisUnassessed, Status: StatusPlanned})
			for _, g := range group {
				byFrom[g.From] = append(byFrom[g.From], MigrationRecord{From: g.From, To: g.To, Change: g.Kind, Action: ActionOpened,
					Summary: fmt.Sprintf("The older statement has no entry for %s %s: assess %s %s and record the decision.", fromEd, g.From, to.Edition(), g.To)})
			}
			continue
		}
		e := carry(fromEd, present, old)
		out.Entries = append(out.Entries, e)
		for _, g := range group {
			action := ActionCarried
			switch {
			case len(group) > 1:
				action = ActionMerged
			case g.From != g.To:
				action = ActionReKeyed
			}
			byFrom[g.From] = append(byFrom[g.From], MigrationRecord{From: g.From, To: g.To, Change: g.Kind, Action: action, Summary: g.Summary, Original: original(g.From)})
		}
	}
	for _, id := range from.IDs() {
		rep.Records = append(rep.Records, byFrom[id]...)
	}
	rep.Records = append(rep.Records, opened...)
	return out, rep, nil
}

// carry builds the newer entry for the delta changes that all lead to the
// same newer requirement and whose older entries exist; edition is the older
// statement's edition, which the entry's Origin records and which qualifies
// the requirement IDs in the carried text.
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
		e = merge(edition, e, group, old)
	} else {
		e.Justification = qualifyIDs(e.Justification, edition)
	}
	e.InheritedFrom = qualifyIDs(e.InheritedFrom, edition)
	e.Owner = qualifyIDs(e.Owner, edition)
	for i := range e.Evidence {
		e.Evidence[i].Description = qualifyIDs(e.Evidence[i].Description, edition)
	}
	slices.Sort(flags)
	e.Flags = slices.Compact(flags)
	return e
}

// decisionRank orders decisions from least to most demanding for merging.
var decisionRank = map[Disposition]int{NotApplicable: 1, Inherited: 2, Tailored: 3, Applicable: 4}

func merge(edition requirement.Edition, e Entry, group []requirement.Change, old map[requirement.ID]*Entry) Entry {
	var just []string
	e.Risks, e.Evidence = nil, nil
	e.Status, e.AchievedMaturity, e.TargetMaturity = 0, 0, 0
	for _, g := range group {
		o := old[g.From]
		if decisionRank[o.Decision] > decisionRank[e.Decision] {
			e.Decision, e.InheritedFrom = o.Decision, o.InheritedFrom
		}
		if o.Justification != "" {
			just = append(just, edition.String()+" "+string(g.From)+": "+qualifyIDs(o.Justification, edition))
		}
		for _, r := range o.Risks {
			if !slices.Contains(e.Risks, r) {
				e.Risks = append(e.Risks, r)
			}
		}
		for _, ev := range o.Evidence {
			if !slices.ContainsFunc(e.Evidence, func(x EvidenceRef) bool { return x.URI == ev.URI }) {
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
	if e.Decision != Inherited {
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

// idPattern matches a requirement ID in text: a practice prefix of either
// edition, a hyphen and a number from 1 to 99, not inside a longer word.
var idPattern = func() *regexp.Regexp {
	var prefixes []string
	for _, p := range practice.Values() {
		prefixes = append(prefixes, p.Prefix())
	}
	return regexp.MustCompile(`\b(?:` + strings.Join(prefixes, "|") + `)-[1-9][0-9]?\b`)
}()

// qualifyIDs returns s with every requirement ID that is not already
// qualified by an edition ("2018 SR-1", "A11 SR-1", "2018:SR-1") prefixed
// with edition ed, so that text carried into another edition's statement
// keeps naming the requirement it meant.
func qualifyIDs(s string, ed requirement.Edition) string {
	locs := idPattern.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		start, end := l[0], l[1]
		if end < len(s) && (s[end] == '-' || s[end] == '_') {
			continue // part of a longer token such as "SR-1-draft"
		}
		if start > 0 && (s[start-1] == '-' || s[start-1] == '_') {
			continue
		}
		if qualified(s[:start]) {
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(ed.String())
		b.WriteByte(' ')
		b.WriteString(s[start:end])
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// qualified reports whether the text before an ID ends with an edition
// qualifier.
func qualified(before string) bool {
	for _, e := range practice.Editions() {
		for _, sep := range []string{" ", ":", "\u00a0"} {
			if strings.HasSuffix(before, e.String()+sep) {
				return true
			}
		}
	}
	return false
}
