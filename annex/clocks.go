package annex

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// reportingStart is the first instant at which Art. 14 reporting obligations
// can apply to manufacturers: the start of 11 September 2026 in the Union's
// easternmost time zone (Réunion, UTC+4, no daylight saving time), which is
// 2026-09-10T20:00:00Z.
var reportingStart = time.Date(2026, time.September, 11, 0, 0, 0, 0, time.FixedZone("UTC+4", 4*3600)).UTC()

// ReportingStart returns the first instant at which Art. 14 reporting
// obligations can apply: the earliest local midnight that starts 11
// September 2026 anywhere in the Union, in Réunion (UTC+4), that is
// 2026-09-10T20:00:00Z. The Regulation names a date, not an instant; the
// SDK takes the earliest one so that no obligation is missed (it is
// 2026-09-10T21:00Z in continental EEST, 22:00Z in CEST, 23:00Z in WEST).
// The instant is returned in UTC.
func ReportingStart() time.Time { return reportingStart }

// DeadlineKind is a kind of CRA deadline. The zero value is unset.
type DeadlineKind int

const (
	// DeadlineVulnEarlyWarning: Art. 14(2)(a), 24 hours after becoming aware
	// of an actively exploited vulnerability.
	DeadlineVulnEarlyWarning DeadlineKind = iota + 1
	// DeadlineVulnNotification: Art. 14(2)(b), 72 hours after becoming aware.
	DeadlineVulnNotification
	// DeadlineVulnFinalReport: Art. 14(2)(c), 14 days after a corrective or
	// mitigating measure is available.
	DeadlineVulnFinalReport
	// DeadlineIncidentEarlyWarning: Art. 14(4)(a), 24 hours after becoming
	// aware of a severe incident.
	DeadlineIncidentEarlyWarning
	// DeadlineIncidentNotification: Art. 14(4)(b), 72 hours after becoming aware.
	DeadlineIncidentNotification
	// DeadlineIncidentFinalReport: Art. 14(4)(c), one month after the
	// incident notification.
	DeadlineIncidentFinalReport
	// DeadlineUpdateAvailability: Art. 13(9), until when a security update
	// must stay available.
	DeadlineUpdateAvailability
	// DeadlineDocumentationRetention: Art. 13(13), until when the technical
	// documentation and the EU declaration of conformity must be kept.
	DeadlineDocumentationRetention
)

var deadlineKindNames = []string{"", "vulnerability-early-warning", "vulnerability-notification", "vulnerability-final-report",
	"incident-early-warning", "incident-notification", "incident-final-report", "update-availability", "documentation-retention"}

var deadlineBasis = [...]CRARef{
	DeadlineVulnEarlyWarning:       Art(14, 2, 'a'),
	DeadlineVulnNotification:       Art(14, 2, 'b'),
	DeadlineVulnFinalReport:        Art(14, 2, 'c'),
	DeadlineIncidentEarlyWarning:   Art(14, 4, 'a'),
	DeadlineIncidentNotification:   Art(14, 4, 'b'),
	DeadlineIncidentFinalReport:    Art(14, 4, 'c'),
	DeadlineUpdateAvailability:     Art(13, 9, 0),
	DeadlineDocumentationRetention: Art(13, 13, 0),
}

// DeadlineKinds returns every kind in a fresh slice.
func DeadlineKinds() []DeadlineKind { return enumValues[DeadlineKind](deadlineKindNames) }

// Valid reports whether k is known.
func (k DeadlineKind) Valid() bool {
	return k >= DeadlineVulnEarlyWarning && k <= DeadlineDocumentationRetention
}

// String returns the kebab-case name, such as "vulnerability-early-warning".
func (k DeadlineKind) String() string { return enumName(deadlineKindNames, k) }

// Basis returns the CRA provision that sets the deadline, such as Art. 14(2)(a).
func (k DeadlineKind) Basis() CRARef {
	if !k.Valid() {
		return CRARef{}
	}
	return deadlineBasis[k]
}

// MarshalText implements [encoding.TextMarshaler].
func (k DeadlineKind) MarshalText() ([]byte, error) {
	return enumMarshal("deadline kind", deadlineKindNames, k)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *DeadlineKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, "deadline kind", deadlineKindNames, b)
}

// Deadline is one dated CRA obligation.
type Deadline struct {
	// Event is the ID of the event the deadline belongs to, or "".
	Event string `json:"event,omitzero"`
	// Kind says what is due.
	Kind DeadlineKind `json:"kind"`
	// Basis is the CRA provision that sets the deadline.
	Basis CRARef `json:"basis"`
	// Start is when the clock started; zero while it has not (Pending).
	Start time.Time `json:"start,omitzero"`
	// Due is the latest time the obligation is met; zero while Pending.
	Due time.Time `json:"due,omitzero"`
	// Pending is true when the clock has not started yet: the final report
	// of a vulnerability waits for a corrective measure, that of an incident
	// for the incident notification.
	Pending bool `json:"pending,omitzero"`
	// Done is when the obligation was met, as recorded in the event; zero
	// when it is still open.
	Done time.Time `json:"done,omitzero"`
	// Overdue is set by [OpenDeadlines]: the deadline has passed at its now.
	Overdue bool `json:"overdue,omitzero"`
}

// EventKind is a kind of reportable event under Art. 14. The zero value is unset.
type EventKind int

const (
	// EventExploitedVulnerability: an actively exploited vulnerability in the
	// product (Art. 14(1), (2)).
	EventExploitedVulnerability EventKind = iota + 1
	// EventSevereIncident: a severe incident having an impact on the security
	// of the product (Art. 14(3), (4)).
	EventSevereIncident
)

var eventKindNames = []string{"", "actively-exploited-vulnerability", "severe-incident"}

// EventKinds returns every kind in a fresh slice.
func EventKinds() []EventKind { return enumValues[EventKind](eventKindNames) }

// Valid reports whether k is known.
func (k EventKind) Valid() bool { return k == EventExploitedVulnerability || k == EventSevereIncident }

// String returns "actively-exploited-vulnerability" or "severe-incident".
func (k EventKind) String() string { return enumName(eventKindNames, k) }

// MarshalText implements [encoding.TextMarshaler].
func (k EventKind) MarshalText() ([]byte, error) { return enumMarshal("event kind", eventKindNames, k) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *EventKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, "event kind", eventKindNames, b)
}

// Event is a reportable event and what has been done about it. Times are
// instants (any location); zero means "not yet" or "unknown".
type Event struct {
	// ID identifies the event in results (a CVE or incident ticket).
	ID string `json:"id,omitzero"`
	// Kind is the kind of event. Required.
	Kind EventKind `json:"kind"`
	// Aware is when the manufacturer became aware of it. Required.
	Aware time.Time `json:"aware"`
	// MeasureAvailable is when a corrective or mitigating measure became
	// available (vulnerabilities only); zero while there is none.
	MeasureAvailable time.Time `json:"measure_available,omitzero"`
	// EarlyWarningSent is when the early warning was submitted; zero while
	// it has not been.
	EarlyWarningSent time.Time `json:"early_warning_sent,omitzero"`
	// NotificationSent is when the vulnerability or incident notification
	// was submitted; zero while it has not been. It starts the clock of an
	// incident's final report.
	NotificationSent time.Time `json:"notification_sent,omitzero"`
	// FinalReportSent is when the final report was submitted; zero while it
	// has not been.
	FinalReportSent time.Time `json:"final_report_sent,omitzero"`
}

// Reporting is the result of [ReportingDeadlines].
type Reporting struct {
	// Applicable is false when no Art. 14 obligation arises (awareness
	// before [ReportingStart]); Reason then says why.
	Applicable bool `json:"applicable"`
	// Reason explains a false Applicable; "" otherwise.
	Reason string `json:"reason,omitzero"`
	// Deadlines holds the three reports in order: early warning,
	// notification, final report.
	Deadlines []Deadline `json:"deadlines,omitzero"`
}

// ReportingDeadlines computes the Art. 14 deadlines of one event.
//
// Actively exploited vulnerability: early warning 24 hours and notification
// 72 hours after awareness (Art. 14(2)(a), (b)); final report 14 days after a
// corrective or mitigating measure is available (Art. 14(2)(c)), Pending
// while ev.MeasureAvailable is zero. A measure that existed before awareness
// starts the clock at awareness: no report is due before one is owed.
//
// Severe incident: early warning 24 hours and incident notification 72 hours
// after awareness (Art. 14(4)(a), (b)); final report one calendar month after
// the incident notification (Art. 14(4)(c)), counted from
// ev.NotificationSent, Pending while that is zero. A month ends on the same
// day of the next month, or on its last day when it is shorter (31 January
// plus one month is the end of 28 or 29 February).
//
// Events the manufacturer became aware of before [ReportingStart] give
// Applicable false and no deadlines: applicability is decided by the
// awareness time alone. Hours and days are exact durations;
// the result keeps the location of the input times. The error wraps
// [problem.ErrNoDate] for a zero awareness time and
// [problem.ErrInvalidValue] for an unknown kind or a report recorded before
// awareness.
func ReportingDeadlines(ev Event) (Reporting, error) {
	if !ev.Kind.Valid() {
		return Reporting{}, fmt.Errorf("annex: event %q: kind %s: %w (want actively-exploited-vulnerability or severe-incident)", ev.ID, ev.Kind, problem.ErrInvalidValue)
	}
	if ev.Aware.IsZero() {
		return Reporting{}, fmt.Errorf("annex: event %q: awareness time missing: %w (set Aware)", clip(ev.ID), problem.ErrNoDate)
	}
	for _, t := range []struct {
		name string
		at   time.Time
	}{{"early warning", ev.EarlyWarningSent}, {"notification", ev.NotificationSent}, {"final report", ev.FinalReportSent}} {
		if !t.at.IsZero() && t.at.Before(ev.Aware) {
			return Reporting{}, fmt.Errorf("annex: event %q: %s sent at %s, before awareness at %s: %w (check the times)", ev.ID, t.name, t.at.Format(time.RFC3339), ev.Aware.Format(time.RFC3339), problem.ErrInvalidValue)
		}
	}
	if ev.Aware.Before(reportingStart) {
		return Reporting{Reason: fmt.Sprintf("awareness at %s is before 11 September 2026 began anywhere in the Union (%s), when Art. 14 reporting starts to apply: no reporting obligation",
			ev.Aware.Format(time.RFC3339), reportingStart.Format(time.RFC3339))}, nil
	}
	kinds := [3]DeadlineKind{DeadlineVulnEarlyWarning, DeadlineVulnNotification, DeadlineVulnFinalReport}
	if ev.Kind == EventSevereIncident {
		kinds = [3]DeadlineKind{DeadlineIncidentEarlyWarning, DeadlineIncidentNotification, DeadlineIncidentFinalReport}
	}
	mk := func(k DeadlineKind, start, due, done time.Time) Deadline {
		return Deadline{Event: ev.ID, Kind: k, Basis: k.Basis(), Start: start, Due: due, Pending: start.IsZero(), Done: done}
	}
	out := Reporting{Applicable: true, Deadlines: []Deadline{
		mk(kinds[0], ev.Aware, ev.Aware.Add(24*time.Hour), ev.EarlyWarningSent),
		mk(kinds[1], ev.Aware, ev.Aware.Add(72*time.Hour), ev.NotificationSent),
	}}
	var start, due time.Time
	switch ev.Kind {
	case EventExploitedVulnerability:
		if !ev.MeasureAvailable.IsZero() {
			start = ev.MeasureAvailable
			if start.Before(ev.Aware) {
				start = ev.Aware
			}
			due = start.Add(14 * 24 * time.Hour)
		}
	case EventSevereIncident:
		if !ev.NotificationSent.IsZero() {
			start = ev.NotificationSent
			due = addMonths(start, 1)
		}
	}
	out.Deadlines = append(out.Deadlines, mk(kinds[2], start, due, ev.FinalReportSent))
	return out, nil
}

// OpenDeadlines returns the Art. 14 deadlines of events that are not met at
// now (no Done time), sorted by due time (pending ones last, then by event and
// kind), each with Overdue set when now is after Due. Events outside Art. 14
// (awareness before [ReportingStart]) contribute nothing. A zero now is an
// error wrapping [problem.ErrNoDate]. The first invalid event stops it with
// the [ReportingDeadlines] error, which names the event.
func OpenDeadlines(events []Event, now time.Time) ([]Deadline, error) {
	if now.IsZero() {
		return nil, fmt.Errorf("annex: open deadlines: no assessment date: %w (pass the instant the deadlines are judged at)", problem.ErrNoDate)
	}
	var out []Deadline
	for _, ev := range events {
		r, err := ReportingDeadlines(ev)
		if err != nil {
			return nil, err
		}
		for _, d := range r.Deadlines {
			if !d.Done.IsZero() {
				continue
			}
			d.Overdue = !d.Pending && now.After(d.Due)
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Deadline) int {
		if a.Pending != b.Pending {
			if a.Pending {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Event, b.Event), cmp.Compare(a.Kind, b.Kind))
	})
	return out, nil
}

// addMonths adds n calendar months, clamping to the last day of the target
// month instead of overflowing into the next one.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// SupportPeriod is a declared support period (Art. 13(8)) with the
// information the technical documentation needs to justify it.
type SupportPeriod struct {
	// Months is the length of the support period. Zero means not stated.
	Months int `json:"months,omitzero"`
	// ExpectedUseMonths is how long the product is expected to be in use.
	// Zero means not stated.
	ExpectedUseMonths int `json:"expected_use_months,omitzero"`
	// Rationale explains how the period was determined (Art. 13(8),
	// Annex VII (4)). Empty means not stated.
	Rationale string `json:"rationale,omitzero"`
	// Justification says why a period of five years or more is shorter than
	// the expected use time, by the factors Art. 13(8) names (user
	// expectations, the nature of the product, support periods of similar
	// products and of integrated components, the operating environment).
	// Needed only then; empty means not stated.
	Justification string `json:"justification,omitzero"`
}

// MinSupportMonths is the CRA's minimum support period (Art. 13(8)): five years.
const MinSupportMonths = 60

// End returns the end of the support period for a product placed on the
// market at placed; the zero time for a zero placed.
func (s SupportPeriod) End(placed time.Time) time.Time {
	if placed.IsZero() {
		return time.Time{}
	}
	return addMonths(placed, s.Months)
}

// CheckSupportPeriod checks a declared support period against Art. 13(8):
//
//   - a period must be stated (`annex.support-period-missing`, high);
//   - it is at least five years (`annex.support-period-too-short`, high), unless
//     the product is expected to be in use for a shorter time, in which case
//     it covers at least that time (`annex.support-period-below-expected-use`, high);
//   - a period of five years or more that is shorter than the expected use
//     time needs a recorded Justification (`annex.support-period-shortfall-unjustified`,
//     medium): the period is to reflect the time the product is expected to
//     be in use;
//   - the rationale is always documented (`annex.support-period-rationale-missing`,
//     medium).
//
// Findings are against SM-18 (Edition A11); pointers are relative to the
// support period object. Missing data is a finding, never a pass.
func CheckSupportPeriod(s SupportPeriod) []requirement.Finding {
	var out []requirement.Finding
	add := func(rule requirement.RuleID, ptr, format string, args ...any) {
		out = append(out, finding(rule, requirement.SM18, ptr, "", format, args...))
	}
	switch {
	case s.Months <= 0:
		add(ruleSupportPeriodMissing, "/months", "no support period is stated; state it in months (at least 60 unless the expected use time is shorter)")
	case s.Months < MinSupportMonths && s.ExpectedUseMonths <= 0:
		add(ruleSupportPeriodTooShort, "/months", "support period of %d months is under the 60-month minimum and no shorter expected use time is stated; extend it or state the expected use time", s.Months)
	case s.Months < MinSupportMonths && s.ExpectedUseMonths >= MinSupportMonths:
		add(ruleSupportPeriodTooShort, "/months", "support period of %d months is under the 60-month minimum although the product is expected to be used for %d months; extend it to at least 60", s.Months, s.ExpectedUseMonths)
	case s.Months < MinSupportMonths && s.Months < s.ExpectedUseMonths:
		add(ruleSupportPeriodExpectedUse, "/months", "support period of %d months is shorter than the expected use time of %d months; extend it to cover the expected use", s.Months, s.ExpectedUseMonths)
	case s.Months < s.ExpectedUseMonths && s.Justification == "":
		add(ruleSupportPeriodUnjustified, "/justification", "support period of %d months is shorter than the expected use time of %d months and no justification is recorded; extend it or record why it is shorter (Art. 13(8) factors)", s.Months, s.ExpectedUseMonths)
	}
	if s.Rationale == "" {
		add(ruleSupportPeriodRationale, "/rationale", "the support period has no documented rationale; record how it was determined (expected use time, user expectations, component support) for the technical documentation")
	}
	return out
}

// UpdateAvailability returns until when a security update issued at issued
// must stay available (Art. 13(9)): ten years after its issue or the end of
// the support period, whichever is later. An update issued after supportEnd
// is outside Art. 13(9): the error wraps [problem.ErrInvalidValue]. A zero
// issued or supportEnd is an error wrapping [problem.ErrNoDate].
func UpdateAvailability(issued, supportEnd time.Time) (Deadline, error) {
	if issued.IsZero() || supportEnd.IsZero() {
		return Deadline{}, fmt.Errorf("annex: update availability: issue time and end of support are both required: %w", problem.ErrNoDate)
	}
	if issued.After(supportEnd) {
		return Deadline{}, fmt.Errorf("annex: update issued at %s after the support period ended at %s: %w (Art. 13(9) covers updates issued during the support period)",
			issued.Format(time.RFC3339), supportEnd.Format(time.RFC3339), problem.ErrInvalidValue)
	}
	due := addMonths(issued, 120)
	if supportEnd.After(due) {
		due = supportEnd
	}
	k := DeadlineUpdateAvailability
	return Deadline{Kind: k, Basis: k.Basis(), Start: issued, Due: due}, nil
}

// DocumentationRetention returns until when the technical documentation and
// the EU declaration of conformity must be kept (Art. 13(13)): ten years after
// the product is placed on the market or the end of the support period,
// whichever is later. Both times are required: without the end of support
// the later of the two cannot be known, so a zero placed or supportEnd is an
// error wrapping [problem.ErrNoDate], never a ten-year default. A support
// period that ends before the placing on the market is an error wrapping
// [problem.ErrInvalidValue].
func DocumentationRetention(placed, supportEnd time.Time) (Deadline, error) {
	if placed.IsZero() || supportEnd.IsZero() {
		return Deadline{}, fmt.Errorf("annex: documentation retention: placing-on-the-market time and end of support are both required: %w (state the support period, see SupportPeriod.End)", problem.ErrNoDate)
	}
	if supportEnd.Before(placed) {
		return Deadline{}, fmt.Errorf("annex: documentation retention: support period ends at %s, before the product was placed on the market at %s: %w (check the times)",
			supportEnd.Format(time.RFC3339), placed.Format(time.RFC3339), problem.ErrInvalidValue)
	}
	due := addMonths(placed, 120)
	if supportEnd.After(due) {
		due = supportEnd
	}
	k := DeadlineDocumentationRetention
	return Deadline{Kind: k, Basis: k.Basis(), Start: placed, Due: due}, nil
}
