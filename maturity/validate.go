package maturity

import (
	"fmt"
	"slices"
	"time"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Validate checks m against catalog c (nil means [requirement.Default]) and
// returns nil or a [problem.List] listing every problem, each
// located by a JSON pointer into the manifest's JSON form and classified by
// a sentinel:
//
//   - an unknown requirement ID: [problem.ErrUnknownID]; a malformed one:
//     [problem.ErrInvalidID];
//   - a project or release that is not in the scope, or an improvement naming
//     an audit the manifest lacks: [problem.ErrDanglingReference];
//   - the same ID twice in one list: [problem.ErrDuplicate];
//   - a practice the catalog's edition lacks (SRM in 2018):
//     [problem.ErrWrongEdition];
//   - anything else out of range (unknown artifact kind, bad digest, missing
//     required field, a record closed before it was opened, notification
//     data on a record that is not an incident-notification, a report sent
//     before awareness): [problem.ErrInvalidValue].
//
// Valid manifests may still show gaps; those are the assessment's business,
// as are dates after the assessment date (see [Assess]). A nil m is an
// error wrapping [problem.ErrNilInput].
func (m *Manifest) Validate(c *requirement.Catalog) error {
	if m == nil {
		return fmt.Errorf("maturity: validate: nil manifest: %w", problem.ErrNilInput)
	}
	if c == nil {
		c = requirement.Default()
	}
	var errs located.Errors
	v := validator{c: c, errs: &errs}
	if m.SchemaVersion != SchemaVersion {
		errs.Add("/schema_version", problem.ErrInvalidValue, "schema_version %q is not supported (want %q)", clip(m.SchemaVersion), SchemaVersion)
	}
	releases := v.scope(m.Scope)
	v.evidence(m.Evidence, releases)
	for i, p := range m.Procedures {
		ptr := jsonptr.Index("/procedures", i)
		v.id(ptr, "procedure", p.ID, v.seen("procedure"))
		v.practice(jsonptr.Append(ptr, "practice"), p.Practice)
		v.required(ptr, "title", p.Title)
		v.required(ptr, "uri", p.URI)
	}
	for i, r := range m.Competence {
		ptr := jsonptr.Index("/competence", i)
		v.required(ptr, "person", r.Person)
		v.required(ptr, "role", r.Role)
		if !r.Kind.Valid() {
			errs.Add(jsonptr.Append(ptr, "kind"), problem.ErrInvalidValue, "competence kind is unset (want training or assessment)")
		}
		v.practices(jsonptr.Append(ptr, "practices"), r.Practices)
		v.date(ptr, "date", r.Date)
	}
	for i, r := range m.Metrics {
		ptr := jsonptr.Index("/metrics", i)
		v.id(ptr, "metric", r.ID, v.seen("metric"))
		v.practice(jsonptr.Append(ptr, "practice"), r.Practice)
		v.required(ptr, "name", r.Name)
	}
	audits := make(map[string]bool, len(m.Audits))
	for i, a := range m.Audits {
		ptr := jsonptr.Index("/audits", i)
		v.id(ptr, "audit", a.ID, v.seen("audit"))
		audits[a.ID] = true
		v.date(ptr, "date", a.Date)
		v.required(ptr, "auditor", a.Auditor)
		v.practices(jsonptr.Append(ptr, "practices"), a.Practices)
	}
	for i, r := range m.Improvements {
		ptr := jsonptr.Index("/improvements", i)
		v.id(ptr, "improvement", r.ID, v.seen("improvement"))
		v.practice(jsonptr.Append(ptr, "practice"), r.Practice)
		v.required(ptr, "summary", r.Summary)
		v.date(ptr, "opened", r.Opened)
		switch {
		case !r.Source.Valid():
			errs.Add(jsonptr.Append(ptr, "source"), problem.ErrInvalidValue, "improvement source is unset (want incident-data, internal-audit or metrics)")
		case r.Source == SourceInternalAudit && r.Audit == "":
			errs.Add(jsonptr.Append(ptr, "audit"), problem.ErrInvalidValue, "improvement %q comes from an internal audit but names none (set audit to the audit's ID)", clip(r.ID))
		}
		if r.Audit != "" && !audits[r.Audit] {
			errs.Add(jsonptr.Append(ptr, "audit"), problem.ErrDanglingReference, "improvement %q names audit %q, which the manifest does not list (add it to audits)", clip(r.ID), clip(r.Audit))
		}
		if !r.Closed.IsZero() && r.Closed.Before(r.Opened) {
			errs.Add(jsonptr.Append(ptr, "closed"), problem.ErrInvalidValue, "improvement %q is closed (%s) before it was opened (%s)", clip(r.ID), r.Closed, r.Opened)
		}
	}
	errs.Sort()
	return errs.Err()
}

type validator struct {
	c    *requirement.Catalog
	errs *located.Errors
	ids  map[string]map[string]bool
}

func (v *validator) seen(kind string) map[string]bool {
	if v.ids == nil {
		v.ids = map[string]map[string]bool{}
	}
	s := v.ids[kind]
	if s == nil {
		s = map[string]bool{}
		v.ids[kind] = s
	}
	return s
}

func (v *validator) id(ptr, what, id string, seen map[string]bool) {
	switch {
	case id == "":
		v.errs.Add(jsonptr.Append(ptr, "id"), problem.ErrInvalidValue, "%s has no id (give it one unique in the manifest)", what)
	case seen[id]:
		v.errs.Add(jsonptr.Append(ptr, "id"), problem.ErrDuplicate, "%s id %q is used twice (make it unique)", what, clip(id))
	}
	seen[id] = true
}

func (v *validator) required(ptr, field, s string) {
	if s == "" {
		v.errs.Add(jsonptr.Append(ptr, field), problem.ErrInvalidValue, "%s is empty (it is required)", field)
	}
}

func (v *validator) date(ptr, field string, d requirement.Date) {
	if d.IsZero() {
		v.errs.Add(jsonptr.Append(ptr, field), problem.ErrInvalidValue, "%s is unset (want a YYYY-MM-DD date)", field)
	}
}

func (v *validator) practice(ptr string, p practice.Practice) {
	switch {
	case !p.Valid():
		v.errs.Add(ptr, problem.ErrInvalidValue, "practice is unset or unknown (want one of SM, SRM, SR, SD, SI, SVV, DM, SUM, SG)")
	case !p.In(v.c.Edition()):
		v.errs.Add(ptr, problem.ErrWrongEdition, "practice %s does not exist in edition %s of the catalog in use", p, v.c.Edition())
	}
}

func (v *validator) practices(ptr string, ps []practice.Practice) {
	if len(ps) == 0 {
		v.errs.Add(ptr, problem.ErrInvalidValue, "practices is empty (list at least one)")
	}
	seen := map[practice.Practice]bool{}
	for j, p := range ps {
		v.practice(jsonptr.Index(ptr, j), p)
		if seen[p] && p.Valid() {
			v.errs.Add(jsonptr.Index(ptr, j), problem.ErrDuplicate, "practice %s is listed twice", p)
		}
		seen[p] = true
	}
}

// scope checks the scope and returns the release IDs of each project.
func (v *validator) scope(s Scope) map[string]map[string]bool {
	out := make(map[string]map[string]bool, len(s.Projects))
	if len(s.Projects) == 0 {
		v.errs.Add("/scope/projects", problem.ErrInvalidValue, "the scope lists no project (list every in-scope project and its releases)")
	}
	for i, p := range s.Projects {
		ptr := jsonptr.Index("/scope/projects", i)
		v.id(ptr, "project", p.ID, v.seen("project"))
		rels := out[p.ID]
		if rels == nil {
			rels = map[string]bool{}
			out[p.ID] = rels
		}
		if len(p.Releases) == 0 {
			v.errs.Add(jsonptr.Append(ptr, "releases"), problem.ErrInvalidValue, "project %q lists no release (list every in-scope release)", clip(p.ID))
		}
		for j, r := range p.Releases {
			rptr := jsonptr.Index(jsonptr.Append(ptr, "releases"), j)
			switch {
			case r.ID == "":
				v.errs.Add(jsonptr.Append(rptr, "id"), problem.ErrInvalidValue, "release has no id")
			case rels[r.ID]:
				v.errs.Add(jsonptr.Append(rptr, "id"), problem.ErrDuplicate, "release %q of project %q is listed twice", clip(r.ID), clip(p.ID))
			}
			rels[r.ID] = true
			if !r.PlacedOnMarket.IsZero() && !r.SupportEnd.IsZero() && r.SupportEnd.Before(r.PlacedOnMarket) {
				v.errs.Add(jsonptr.Append(rptr, "support_end"), problem.ErrInvalidValue, "release %q: support ends (%s) before the release was placed on the market (%s)", clip(r.ID), r.SupportEnd, r.PlacedOnMarket)
			}
		}
	}
	return out
}

func (v *validator) evidence(ev []Evidence, releases map[string]map[string]bool) {
	seen := v.seen("evidence")
	for i := range ev {
		e := &ev[i]
		// Pointers are built only for problems: this loop runs once per record.
		at := func(field string) string { return jsonptr.Append(jsonptr.Index("/evidence", i), field) }
		switch {
		case e.ID == "":
			v.errs.Add(at("id"), problem.ErrInvalidValue, "evidence record has no id (give it one unique in the manifest)")
		case seen[e.ID]:
			v.errs.Add(at("id"), problem.ErrDuplicate, "evidence record id %q is used twice (make it unique)", clip(e.ID))
		}
		seen[e.ID] = true
		if !e.Kind.Known() {
			v.errs.Add(at("kind"), problem.ErrInvalidValue, "artifact kind %q is unknown (see requirement.ArtifactKinds for the list)", clip(string(e.Kind)))
		}
		if len(e.Requirements) == 0 {
			v.errs.Add(at("requirements"), problem.ErrInvalidValue, "evidence record %q supports no requirement (list the IDs it supports)", clip(e.ID))
		}
		for j, id := range e.Requirements {
			if v.c.Has(id) && !slices.Contains(e.Requirements[:j], id) {
				continue
			}
			p := jsonptr.Index(at("requirements"), j)
			switch {
			case !id.Valid():
				v.errs.Add(p, problem.ErrInvalidID, "requirement ID %q is malformed (want PREFIX-N such as \"SM-1\")", clip(string(id)))
			case !v.c.Has(id):
				v.errs.Add(p, problem.ErrUnknownID, "requirement %q is not in catalog %s (check the ID against the catalog's edition)", id, v.c.Version())
			default:
				v.errs.Add(p, problem.ErrDuplicate, "requirement %q is listed twice", clip(string(id)))
			}
		}
		switch {
		case e.Project == "" && e.Release != "":
			v.errs.Add(at("release"), problem.ErrInvalidValue, "release %q is given without a project (set project too)", clip(e.Release))
		case e.Project != "" && releases[e.Project] == nil:
			v.errs.Add(at("project"), problem.ErrDanglingReference, "project %q is not in the scope (add it to scope.projects or fix the ID)", clip(e.Project))
		case e.Release != "" && !releases[e.Project][e.Release]:
			v.errs.Add(at("release"), problem.ErrDanglingReference, "release %q of project %q is not in the scope (add it to the project's releases or fix the ID)", clip(e.Release), clip(e.Project))
		}
		if e.URI == "" {
			v.errs.Add(at("uri"), problem.ErrInvalidValue, "uri is empty (it is required)")
		}
		if e.Producer == "" {
			v.errs.Add(at("producer"), problem.ErrInvalidValue, "producer is empty (it is required)")
		}
		if e.Produced.IsZero() {
			v.errs.Add(at("produced"), problem.ErrInvalidValue, "produced is unset (want a YYYY-MM-DD date)")
		}
		if !validDigest(e.SHA256) {
			v.errs.Add(at("sha256"), problem.ErrInvalidValue, "sha256 %q is not a SHA-256 digest (want 64 lower-case hex digits)", clip(e.SHA256))
		}
		if !e.RetentionUntil.IsZero() && e.RetentionUntil.Before(e.Produced) {
			v.errs.Add(at("retention_until"), problem.ErrInvalidValue, "evidence record %q is kept until %s, before it was produced (%s)", clip(e.ID), e.RetentionUntil, e.Produced)
		}
		if !e.Notification.IsZero() {
			v.notification(i, e)
		}
	}
}

// notification checks the reporting data of evidence record i: only an
// incident-notification carries it, its enumerations are known, no report
// precedes awareness, and the clock-start times fit the stage and event.
func (v *validator) notification(i int, e *Evidence) {
	n := &e.Notification
	at := func(field string) string {
		return jsonptr.Append(jsonptr.Append(jsonptr.Index("/evidence", i), "notification"), field)
	}
	if e.Kind != requirement.ArtifactIncidentNotification {
		v.errs.Add(jsonptr.Append(jsonptr.Index("/evidence", i), "notification"), problem.ErrInvalidValue,
			"evidence record %q of kind %q has notification data (only incident-notification records carry it: remove it or fix the kind)", clip(e.ID), clip(string(e.Kind)))
	}
	if n.Event != 0 && !n.Event.Valid() {
		v.errs.Add(at("event"), problem.ErrInvalidValue, "event %s is unknown (want actively-exploited-vulnerability or severe-incident)", n.Event)
	}
	if n.Stage != 0 && !n.Stage.Valid() {
		v.errs.Add(at("stage"), problem.ErrInvalidValue, "stage %s is unknown (want early-warning, notification or final-report)", n.Stage)
	}
	before := func(field string, t, ref time.Time, refName string) {
		if !t.IsZero() && !ref.IsZero() && t.Before(ref) {
			v.errs.Add(at(field), problem.ErrInvalidValue, "notification %q: %s %s is before %s %s (check the times)", clip(e.ID), field, stamp(t), refName, stamp(ref))
		}
	}
	before("sent", n.Sent, n.Aware, "aware")
	before("notification_sent", n.NotificationSent, n.Aware, "aware")
	before("sent", n.Sent, n.NotificationSent, "notification_sent")
	notFinal := n.Stage.Valid() && n.Stage != StageFinalReport
	for _, c := range []struct {
		field string
		t     time.Time
		event annex.EventKind // the event the field belongs to
		other string          // the field for the other event
	}{
		{"measure_available", n.MeasureAvailable, annex.EventExploitedVulnerability, "notification_sent"},
		{"notification_sent", n.NotificationSent, annex.EventSevereIncident, "measure_available"},
	} {
		switch {
		case c.t.IsZero():
		case notFinal:
			v.errs.Add(at(c.field), problem.ErrInvalidValue, "notification %q: %s belongs only to a final report (this is the %s: remove it)", clip(e.ID), c.field, n.Stage)
		case n.Event.Valid() && n.Event != c.event:
			v.errs.Add(at(c.field), problem.ErrInvalidValue, "notification %q: %s belongs only to a final report on a %s (this one is on a %s: use %s)", clip(e.ID), c.field, c.event, n.Event, c.other)
		}
	}
}

func validDigest(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
