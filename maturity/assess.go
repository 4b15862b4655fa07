package maturity

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Options tunes [Assess]. A nil *Options means the defaults.
type Options struct {
	// Catalog supplies the requirements, their practices and their expected
	// artifacts; nil means [requirement.Default] (the A11 draft catalog), as
	// everywhere in the SDK.
	Catalog *requirement.Catalog
	// Applicable lists the requirements that apply to the product, as the
	// statement of applicability says. Nil or empty means every requirement
	// of the catalog. Order and duplicates do not matter; an ID the catalog
	// lacks is an error wrapping [problem.ErrUnknownID].
	Applicable []requirement.ID
	// Artifacts replaces the catalog's expected artifact kinds for the
	// requirements it names (for an organisation that maps its evidence
	// differently, or a catalog that names none). Nil means the catalog's
	// expectations for every requirement.
	Artifacts map[requirement.ID][]requirement.ArtifactKind
}

// Assessment is the maturity the evidence of one manifest supports, per
// requirement and per practice. Treat it as read-only: its methods are then
// safe for concurrent use.
type Assessment struct {
	// Edition is the catalog's edition.
	Edition practice.Edition `json:"edition"`
	// Catalog is the catalog's version, such as "A11 draft 2026.1".
	Catalog string `json:"catalog"`
	// Date is the assessment date: the day of the now given to [Assess].
	// Evidence, approvals, reviews and notifications dated after it count
	// for nothing.
	Date requirement.Date `json:"date"`
	// Requirements holds one result per applicable requirement, in catalog
	// order.
	Requirements []RequirementResult `json:"requirements"`
	// Practices holds one result per practice with at least one applicable
	// requirement, in practice order.
	Practices []PracticeResult `json:"practices"`
	// Ignored holds one `maturity.dated-after-assessment` finding per record,
	// approval, review or notification dated after Date, which the levels
	// and the verdict ignore; empty when there is none. [Assessment.Findings]
	// includes them.
	Ignored []requirement.Finding `json:"ignored,omitzero"`

	ix *index
}

// RequirementResult is the maturity the evidence supports for one
// requirement.
type RequirementResult struct {
	// Requirement is the requirement's ID.
	Requirement requirement.ID `json:"requirement"`
	// Practice is the requirement's practice.
	Practice practice.Practice `json:"practice"`
	// Reached reports whether any level was reached. It is false exactly
	// when no evidence record supports the requirement; Level is then zero.
	Reached bool `json:"reached"`
	// Level is the highest level whose criteria, and those of every lower
	// level, are all met; zero when Reached is false.
	Level Level `json:"level,omitzero"`
	// Expected lists the artifact kinds ML3 asks for, from the catalog or
	// Options.Artifacts; empty means any artifact supporting the requirement.
	Expected []requirement.ArtifactKind `json:"expected,omitzero"`
	// Evidence is the number of evidence records that support the requirement.
	Evidence int `json:"evidence"`
	// Reasons says, per level reached, what evidence shows it.
	Reasons []string `json:"reasons,omitzero"`
	// Gaps lists every missing piece of evidence for every level above those
	// reached and for ML4, lowest level first. Gaps of a level at or below
	// Level never occur.
	Gaps []Gap `json:"gaps,omitzero"`
}

// Next returns the gaps that block the next level (Level+1, or ML1 when no
// level was reached), in a fresh slice; nil at ML4.
func (r RequirementResult) Next() []Gap {
	next := ML1
	if r.Reached {
		next = r.Level + 1
	}
	var out []Gap
	for _, g := range r.Gaps {
		if g.Level == next {
			out = append(out, g)
		}
	}
	return out
}

// PracticeResult is the maturity of one practice: the lowest level of its
// applicable requirements.
type PracticeResult struct {
	// Practice is the practice.
	Practice practice.Practice `json:"practice"`
	// Reached is false when any applicable requirement reached no level.
	Reached bool `json:"reached"`
	// Level is the lowest level of the applicable requirements; zero when
	// Reached is false.
	Level Level `json:"level,omitzero"`
	// Requirements lists the applicable requirements of the practice, in
	// catalog order.
	Requirements []requirement.ID `json:"requirements"`
	// Limiting lists the requirements that hold the practice at its level
	// (those at the lowest level, or that reached none), in catalog order.
	Limiting []requirement.ID `json:"limiting"`
	// Reasons explains the level.
	Reasons []string `json:"reasons"`
}

// Assess measures the maturity that the evidence of m supports on the day of
// now, per applicable requirement and per practice, with the rules described
// in the package documentation. Anything dated after that day (an evidence
// record, an approval, a training, a metric review, an improvement, an audit,
// a notification time) counts for nothing and is reported in
// [Assessment.Ignored].
//
// m is validated first ([Manifest.Validate]); an invalid manifest or invalid
// options give an error and no assessment. A nil m is an error wrapping
// [problem.ErrNilInput] and a zero now one wrapping [problem.ErrNoDate] (the
// SDK never reads the clock). m is not modified and must not be modified
// while the Assessment is in use.
func Assess(m *Manifest, now time.Time, opts *Options) (*Assessment, error) {
	if m == nil {
		return nil, fmt.Errorf("maturity: assess: nil manifest: %w", problem.ErrNilInput)
	}
	if now.IsZero() {
		return nil, fmt.Errorf("maturity: assess: %w (pass the assessment date)", problem.ErrNoDate)
	}
	today := requirement.DateOf(now)
	if today.IsZero() {
		return nil, fmt.Errorf("maturity: assess: date %s: %w (want a year from 1 to 9999)", now.Format(time.RFC3339), problem.ErrInvalidValue)
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	c := o.Catalog
	if c == nil {
		c = requirement.Default()
	}
	if err := m.Validate(c); err != nil {
		return nil, err
	}
	applicable, err := applicableSet(c, o.Applicable)
	if err != nil {
		return nil, err
	}
	for id, kinds := range o.Artifacts {
		if !c.Has(id) {
			return nil, fmt.Errorf("maturity: Options.Artifacts names requirement %q: %w (catalog %s)", clip(string(id)), problem.ErrUnknownID, c.Version())
		}
		for _, k := range kinds {
			if !k.Known() {
				return nil, fmt.Errorf("maturity: Options.Artifacts[%s]: artifact kind %q: %w", id, clip(string(k)), problem.ErrInvalidValue)
			}
		}
	}
	ix := newIndex(m, c, now)
	a := &Assessment{Edition: c.Edition(), Catalog: c.Version(), Date: today, Ignored: ix.ignored, ix: ix}
	a.Requirements = make([]RequirementResult, 0, len(applicable))
	var buf cells
	for r := range c.All() {
		pos, _ := c.Position(r.ID())
		if !applicable[pos] {
			continue
		}
		kinds, ok := o.Artifacts[r.ID()]
		if !ok {
			kinds = r.Artifacts()
		}
		a.Requirements = append(a.Requirements, ix.assess(r, pos, dedupe(kinds), &buf))
	}
	a.Practices = practiceResults(c, a.Requirements)
	return a, nil
}

func applicableSet(c *requirement.Catalog, ids []requirement.ID) ([]bool, error) {
	set := make([]bool, c.Len())
	if len(ids) == 0 {
		for i := range set {
			set[i] = true
		}
		return set, nil
	}
	var bad []string
	for _, id := range ids {
		pos, ok := c.Position(id)
		if !ok {
			bad = append(bad, fmt.Sprintf("%q", clip(string(id))))
			continue
		}
		set[pos] = true
	}
	if bad != nil {
		return nil, fmt.Errorf("maturity: Options.Applicable names %s: %w (catalog %s)", strings.Join(bad, ", "), problem.ErrUnknownID, c.Version())
	}
	return set, nil
}

// Requirement returns the result for id, and false when id is not an
// applicable requirement of the assessment (or a is nil).
func (a *Assessment) Requirement(id requirement.ID) (RequirementResult, bool) {
	if a == nil {
		return RequirementResult{}, false
	}
	for _, r := range a.Requirements {
		if r.Requirement == id {
			return r, true
		}
	}
	return RequirementResult{}, false
}

// Practice returns the result for p, and false when p has no applicable
// requirement (or a is nil).
func (a *Assessment) Practice(p practice.Practice) (PracticeResult, bool) {
	if a == nil {
		return PracticeResult{}, false
	}
	for _, r := range a.Practices {
		if r.Practice == p {
			return r, true
		}
	}
	return PracticeResult{}, false
}

// BelowML3 returns the applicable requirements below ML3 (including those
// that reached no level), in catalog order.
func (a *Assessment) BelowML3() []requirement.ID {
	if a == nil {
		return nil
	}
	var out []requirement.ID
	for _, r := range a.Requirements {
		if !r.Reached || r.Level < ML3 {
			out = append(out, r.Requirement)
		}
	}
	return out
}

// Findings returns the compliance gaps of the assessment as findings, sorted
// with [requirement.SortFindings]: one `maturity.below-ml3` per applicable
// requirement below ML3, one finding per gap that blocks ML1, ML2 or ML3
// (rule [GapKind.Rule]), and the [Assessment.Ignored] findings. ML4 gaps are
// improvements, not conformity gaps: they stay in the results' Gaps and give
// no finding. A finding about a requirement carries the assessment's edition;
// one about a record, procedure or release names it in Subject (a release
// as "project/release"). Every rule is in [Rules]. A nil a has no findings.
func (a *Assessment) Findings() []requirement.Finding {
	if a == nil {
		return nil
	}
	out := slices.Clone(a.Ignored)
	for _, r := range a.Requirements {
		if r.Reached && r.Level >= ML3 {
			continue
		}
		at := "no level"
		if r.Reached {
			at = r.Level.String()
		}
		var todo []string
		for _, g := range r.Gaps {
			if g.Level > ML3 {
				continue
			}
			if g.Kind.Rule() == "" {
				continue
			}
			f := rule(g.Kind.Rule()).Finding(r.Requirement, g.Pointer, g.subject(), "%s", g.Message)
			f.Edition = a.Edition
			out = append(out, f)
			todo = append(todo, g.Kind.String())
		}
		f := rule(ruleBelowML3).Finding(r.Requirement, "", "", "%s is at %s, below ML3 (close the %d gap(s) listed for it: %s)", r.Requirement, at, len(todo), strings.Join(dedupe(todo), ", "))
		f.Edition = a.Edition
		out = append(out, f)
	}
	return requirement.SortFindings(out)
}

// subject names what the gap is about for a finding's Subject: its record,
// else its release as "project/release", else nothing.
func (g Gap) subject() string {
	switch {
	case g.Record != "":
		return g.Record
	case g.Project != "":
		return g.Project + "/" + g.Release
	}
	return ""
}

func practiceResults(c *requirement.Catalog, reqs []RequirementResult) []PracticeResult {
	var out []PracticeResult
	for _, p := range c.Practices() {
		var pr *PracticeResult
		for _, r := range reqs {
			if r.Practice != p {
				continue
			}
			if pr == nil {
				out = append(out, PracticeResult{Practice: p, Reached: true, Level: ML4})
				pr = &out[len(out)-1]
			}
			pr.Requirements = append(pr.Requirements, r.Requirement)
			switch {
			case !r.Reached && pr.Reached:
				pr.Reached, pr.Level, pr.Limiting = false, 0, pr.Limiting[:0]
				pr.Limiting = append(pr.Limiting, r.Requirement)
			case !r.Reached:
				pr.Limiting = append(pr.Limiting, r.Requirement)
			case !pr.Reached:
			case r.Level < pr.Level:
				pr.Level, pr.Limiting = r.Level, append(pr.Limiting[:0], r.Requirement)
			case r.Level == pr.Level:
				pr.Limiting = append(pr.Limiting, r.Requirement)
			}
		}
		if pr == nil {
			continue
		}
		ids := make([]string, len(pr.Limiting))
		for i, id := range pr.Limiting {
			ids[i] = string(id)
		}
		if pr.Reached {
			pr.Reasons = []string{fmt.Sprintf("%s is at %s, the lowest level of its %d applicable requirement(s); held there by %s", p, pr.Level, len(pr.Requirements), strings.Join(ids, ", "))}
		} else {
			pr.Reasons = []string{fmt.Sprintf("%s reached no level: no evidence supports %s (of %d applicable requirement(s))", p, strings.Join(ids, ", "), len(pr.Requirements))}
		}
	}
	return out
}

// pair is one in-scope (project, release).
type pair struct {
	project, release string
	ptr              string
	required         requirement.Date
	known            bool
}

type facts struct {
	procedures int // number of procedures
	approved   int // first approved procedure, -1 when none
	draft      int // first unapproved procedure, -1 when none
	verified   int
	unverified int
	metric     int // first metric used for control, -1 when none
	observed   int // metrics without target or review
	incident   int // first closed incident-data improvement, -1 when none
	audit      int // first closed improvement from an audit of the practice, -1 when none
	unaudited  int // closed audit improvements whose audit did not cover the practice or came after the action was opened
	open       int // open improvements
}

type index struct {
	m        *Manifest
	c        *requirement.Catalog
	void     []bool // per evidence record: dated after the assessment date, counts for nothing
	approved []bool // per evidence record: approved no later than the assessment date
	ignored  []requirement.Finding
	pairs    []pair
	projects map[string][2]int32
	releases map[[2]string]int32
	rng      [][2]int32 // per evidence record: the pairs it applies to
	byReq    [][]int32  // per catalog position: evidence records
	facts    [practice.SG + 1]facts
}

func newIndex(m *Manifest, c *requirement.Catalog, now time.Time) *index {
	ix := &index{m: m, c: c, projects: make(map[string][2]int32, len(m.Scope.Projects)), releases: map[[2]string]int32{}}
	fut := future{now: now, today: requirement.DateOf(now)}
	ix.void = make([]bool, len(m.Evidence))
	ix.approved = make([]bool, len(m.Evidence))
	for i := range m.Evidence {
		e := &m.Evidence[i]
		ptr := jsonptr.Index("/evidence", i)
		ix.void[i] = fut.day(ptr, "produced", "evidence record", e.ID, e.Produced, "it counts for nothing") ||
			fut.notification(ptr, e)
		ix.approved[i] = e.IsApproved() && !ix.void[i] &&
			!fut.day(ptr, "approved", "evidence record", e.ID, e.Approved, "its approval counts for nothing")
	}
	for i, p := range m.Scope.Projects {
		lo := int32(len(ix.pairs))
		for j, r := range p.Releases {
			req, ok := r.RetentionRequired()
			ix.releases[[2]string{p.ID, r.ID}] = int32(len(ix.pairs))
			ix.pairs = append(ix.pairs, pair{project: p.ID, release: r.ID, ptr: jsonptr.Index(jsonptr.Append(jsonptr.Index("/scope/projects", i), "releases"), j), required: req, known: ok})
		}
		ix.projects[p.ID] = [2]int32{lo, int32(len(ix.pairs))}
	}
	ix.rng = make([][2]int32, len(m.Evidence))
	counts := make([]int32, c.Len())
	for i := range m.Evidence {
		e := &m.Evidence[i]
		if ix.void[i] {
			continue // an empty span: it covers no release
		}
		ix.rng[i] = ix.span(e.Project, e.Release)
		for _, id := range e.Requirements {
			if pos, ok := c.Position(id); ok {
				counts[pos]++
			}
		}
	}
	// One backing array for all per-requirement lists keeps allocations flat.
	total := 0
	for _, n := range counts {
		total += int(n)
	}
	backing := make([]int32, 0, total)
	ix.byReq = make([][]int32, c.Len())
	for pos, n := range counts {
		ix.byReq[pos] = backing[len(backing) : len(backing) : len(backing)+int(n)]
		backing = backing[:len(backing)+int(n)]
	}
	for i := range m.Evidence {
		if ix.void[i] {
			continue
		}
		for _, id := range m.Evidence[i].Requirements {
			if pos, ok := c.Position(id); ok {
				ix.byReq[pos] = append(ix.byReq[pos], int32(i))
			}
		}
	}
	for p := range ix.facts {
		ix.facts[p] = facts{approved: -1, draft: -1, metric: -1, incident: -1, audit: -1}
	}
	for i, p := range m.Procedures {
		if !p.Practice.Valid() {
			continue
		}
		f := &ix.facts[p.Practice]
		f.procedures++
		approved := p.IsApproved() && !fut.day(jsonptr.Index("/procedures", i), "approved", "procedure", p.ID, p.Approved, "its approval counts for nothing")
		switch {
		case !approved:
			if f.draft < 0 {
				f.draft = i
			}
		case f.approved < 0:
			f.approved = i
		}
	}
	for i, r := range m.Competence {
		if fut.day(jsonptr.Index("/competence", i), "date", "competence record of", r.Person, r.Date, "it counts for nothing") {
			continue
		}
		for _, p := range r.Practices {
			if !p.Valid() {
				continue
			}
			if r.Verified {
				ix.facts[p].verified++
			} else {
				ix.facts[p].unverified++
			}
		}
	}
	for i, r := range m.Metrics {
		if !r.Practice.Valid() {
			continue
		}
		f := &ix.facts[r.Practice]
		reviewed := r.UsedForControl() && !fut.day(jsonptr.Index("/metrics", i), "reviewed", "metric", r.ID, r.Reviewed, "the review counts for nothing")
		switch {
		case !reviewed:
			f.observed++
		case f.metric < 0:
			f.metric = i
		}
	}
	audits := make(map[string]*Audit, len(m.Audits))
	for i := range m.Audits {
		au := &m.Audits[i]
		if fut.day(jsonptr.Index("/audits", i), "date", "audit", au.ID, au.Date, "actions it raised count for nothing") {
			continue
		}
		if _, dup := audits[au.ID]; !dup {
			audits[au.ID] = au
		}
	}
	for i, r := range m.Improvements {
		if !r.Practice.Valid() {
			continue
		}
		ptr := jsonptr.Index("/improvements", i)
		if fut.day(ptr, "opened", "improvement", r.ID, r.Opened, "it counts for nothing") {
			continue
		}
		closed := !r.Closed.IsZero() && !fut.day(ptr, "closed", "improvement", r.ID, r.Closed, "it counts as open")
		f := &ix.facts[r.Practice]
		switch {
		case !closed:
			f.open++
		case r.Source == SourceIncidentData:
			if f.incident < 0 {
				f.incident = i
			}
		case r.Source == SourceInternalAudit:
			// An audit action counts only when its audit covered the practice
			// and ended no later than the action was opened: otherwise the
			// audit did not raise it.
			au := audits[r.Audit]
			switch {
			case au == nil || !slices.Contains(au.Practices, r.Practice) || r.Opened.Before(au.Date):
				f.unaudited++
			case f.audit < 0:
				f.audit = i
			}
		}
	}
	ix.ignored = fut.found
	return ix
}

// future finds what is dated after the assessment date and makes a
// `maturity.dated-after-assessment` finding of each.
type future struct {
	now   time.Time
	today requirement.Date
	found []requirement.Finding
}

// day reports whether d is after the assessment day, and records the finding
// for what (a record of kind what with ID id) at ptr/field.
func (f *future) day(ptr, field, what, id string, d requirement.Date, effect string) bool {
	if !d.After(f.today) {
		return false
	}
	f.add(jsonptr.Append(ptr, field), id, "%s %q: %s %s is after the assessment date %s, so %s (correct the date, or assess on a later date)", what, clip(id), field, d, f.today, effect)
	return true
}

// notification reports whether a time of e's notification data is after
// the assessment time (the record then counts for nothing), recording one
// finding per such time.
func (f *future) notification(ptr string, e *Evidence) bool {
	n := &e.Notification
	late := false
	for _, t := range []struct {
		field string
		t     time.Time
	}{{"aware", n.Aware}, {"sent", n.Sent}, {"measure_available", n.MeasureAvailable}, {"notification_sent", n.NotificationSent}} {
		if t.t.IsZero() || !t.t.After(f.now) {
			continue
		}
		late = true
		f.add(jsonptr.Append(jsonptr.Append(ptr, "notification"), t.field), e.ID, "evidence record %q: notification %s %s is after the assessment time %s, so the record counts for nothing (correct the time, or assess later)",
			clip(e.ID), t.field, stamp(t.t), stamp(f.now))
	}
	return late
}

func (f *future) add(ptr, subject, format string, args ...any) {
	f.found = append(f.found, rule(ruleDatedAfterAssessment).Finding("", ptr, subject, format, args...))
}

// span returns the range of pairs a record of project and release applies to.
func (ix *index) span(project, release string) [2]int32 {
	switch {
	case project == "":
		return [2]int32{0, int32(len(ix.pairs))}
	case release == "":
		return ix.projects[project]
	}
	if k, ok := ix.releases[[2]string{project, release}]; ok {
		return [2]int32{k, k + 1}
	}
	return [2]int32{}
}

// Cell states of the ML3 check, better states higher.
const (
	cellMissing uint8 = iota
	cellShort
	cellUnknown
	cellKept
)

// cells is the reusable scratch space of the ML3 check: one state and one
// record per (expected kind, pair).
type cells struct {
	state []uint8
	rec   []int32
}

func (ix *index) retention(e *Evidence, p *pair) uint8 {
	switch {
	case !p.known || e.RetentionUntil.IsZero():
		return cellUnknown
	case e.RetentionUntil.Before(p.required):
		return cellShort
	}
	return cellKept
}

func (ix *index) assess(r requirement.Requirement, pos int, kinds []requirement.ArtifactKind, buf *cells) RequirementResult {
	id, p := r.ID(), r.Practice()
	res := RequirementResult{Requirement: id, Practice: p, Expected: kinds}
	recs := ix.byReq[pos]
	res.Evidence = len(recs)
	f := &ix.facts[p]
	add := func(k GapKind, art requirement.ArtifactKind, pr *pair, record, ptr, format string, args ...any) {
		g := Gap{Kind: k, Level: k.Level(), Artifact: art, Record: record, Pointer: ptr, Message: fmt.Sprintf(format, args...)}
		if pr != nil {
			g.Project, g.Release = pr.project, pr.release
		}
		res.Gaps = append(res.Gaps, g)
	}

	// ML1: some evidence.
	ok1 := len(recs) > 0
	if !ok1 {
		add(GapNoEvidence, "", nil, "", "/evidence", "%s: no evidence record supports it (add a record listing %s in its requirements)", id, id)
	}

	// ML2: an approved procedure and verified competence for the practice.
	ok2 := true
	switch {
	case f.procedures == 0:
		ok2 = false
		add(GapMissingProcedure, "", nil, "", "/procedures", "%s: practice %s has no documented procedure (add an approved procedure for %s)", id, p, p)
	case f.approved < 0:
		ok2 = false
		add(GapProcedureNotApproved, "", nil, ix.m.Procedures[f.draft].ID, jsonptr.Index("/procedures", f.draft), "%s: none of the %d procedure(s) of practice %s records an approval (set approver and approved)", id, f.procedures, p)
	}
	if f.verified == 0 {
		ok2 = false
		add(GapMissingCompetence, "", nil, "", "/competence", "%s: nobody has a verified training or competence record for practice %s (%d unverified; record and verify one)", id, p, f.unverified)
	}

	// ML3: every expected artifact for every in-scope release, kept long enough.
	ok3 := true
	nk := max(len(kinds), 1)
	np := len(ix.pairs)
	n := nk * np
	if cap(buf.state) < n {
		buf.state, buf.rec = make([]uint8, n), make([]int32, n)
	}
	state, rec := buf.state[:n], buf.rec[:n]
	clear(state)
	for _, ri := range recs {
		e := &ix.m.Evidence[ri]
		ki := 0
		if len(kinds) > 0 {
			if ki = slices.Index(kinds, e.Kind); ki < 0 {
				continue
			}
		}
		sp := ix.rng[ri]
		for pi := sp[0]; pi < sp[1]; pi++ {
			c := ki*np + int(pi)
			if s := ix.retention(e, &ix.pairs[pi]); s > state[c] {
				state[c], rec[c] = s, ri
			}
		}
	}
	for ki := range nk {
		var art requirement.ArtifactKind
		what := "any evidence"
		if len(kinds) > 0 {
			art = kinds[ki]
			what = fmt.Sprintf("%q evidence", art)
		}
		for pi := range np {
			pr := &ix.pairs[pi]
			c := ki*np + pi
			switch state[c] {
			case cellMissing:
				ok3 = false
				add(GapMissingArtifact, art, pr, "", pr.ptr, "%s: no %s for project %q release %q (add the record, listing %s in its requirements)", id, what, pr.project, pr.release, id)
			case cellShort:
				ok3 = false
				e := &ix.m.Evidence[rec[c]]
				add(GapRetentionTooShort, art, pr, e.ID, jsonptr.Append(jsonptr.Index("/evidence", int(rec[c])), "retention_until"), "%s: record %q is kept until %s, but project %q release %q needs its artifacts until %s (extend the retention)", id, e.ID, e.RetentionUntil, pr.project, pr.release, pr.required)
			case cellUnknown:
				ok3 = false
				e := &ix.m.Evidence[rec[c]]
				if !pr.known {
					add(GapRetentionUnknown, art, pr, "", pr.ptr, "%s: the retention period of project %q release %q is unknown (set its placed_on_market and support_end)", id, pr.project, pr.release)
				} else {
					add(GapRetentionUnknown, art, pr, e.ID, jsonptr.Append(jsonptr.Index("/evidence", int(rec[c])), "retention_until"), "%s: record %q records no retention (set retention_until to %s or later)", id, e.ID, pr.required)
				}
			}
		}
	}

	// ML4: metrics steer the practice; improvements from incidents and audits closed.
	ok4 := true
	if f.metric < 0 {
		ok4 = false
		add(GapMissingControlMetric, "", nil, "", "/metrics", "%s: no metric with a target and a review steers practice %s (%d observed only; set target and reviewed)", id, p, f.observed)
	}
	if f.incident < 0 {
		ok4 = false
		add(GapMissingIncidentImprovement, "", nil, "", "/improvements", "%s: no closed improvement action from incident data for practice %s (%d open for it)", id, p, f.open)
	}
	if f.audit < 0 {
		ok4 = false
		also := ""
		if f.unaudited > 0 {
			also = fmt.Sprintf("; %d closed one(s) name an audit that did not cover %s or ended after the action was opened", f.unaudited, p)
		}
		add(GapMissingAuditImprovement, "", nil, "", "/improvements", "%s: no closed improvement action from an internal audit for practice %s (%d open for it%s)", id, p, f.open, also)
	}

	if !ok1 {
		return res
	}
	res.Reached, res.Level = true, ML1
	res.Reasons = append(res.Reasons, fmt.Sprintf("ML1: %d evidence record(s) support %s", len(recs), id))
	if !ok2 {
		return res
	}
	res.Level = ML2
	pc := &ix.m.Procedures[f.approved]
	res.Reasons = append(res.Reasons, fmt.Sprintf("ML2: procedure %q for %s approved by %s on %s; %d verified competence record(s)", pc.ID, p, pc.Approver, pc.Approved, f.verified))
	if !ok3 {
		return res
	}
	res.Level = ML3
	what := "evidence"
	if len(kinds) > 0 {
		ks := make([]string, len(kinds))
		for i, k := range kinds {
			ks[i] = string(k)
		}
		what = strings.Join(ks, ", ")
	}
	res.Reasons = append(res.Reasons, fmt.Sprintf("ML3: %s present and retained for all %d in-scope release(s)", what, np))
	if !ok4 {
		return res
	}
	res.Level = ML4
	res.Reasons = append(res.Reasons, fmt.Sprintf("ML4: metric %q steers %s; improvements %q (incident data) and %q (internal audit) closed", ix.m.Metrics[f.metric].ID, p, ix.m.Improvements[f.incident].ID, ix.m.Improvements[f.audit].ID))
	return res
}

// dedupe returns xs without repeats (adjacent or not), in first-seen order,
// in a fresh slice (nil for none).
func dedupe[T comparable](xs []T) []T {
	var out []T
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
