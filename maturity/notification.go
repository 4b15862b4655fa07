package maturity

import (
	"fmt"
	"time"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// The vulnerability-handling demonstration checks recorded notifications
// against the CRA Art. 14 clocks of package annex ([annex.ReportingStart],
// [annex.ReportingDeadlines]): one source for the dates and durations.

// NotificationStage is which of the three Art. 14 reports a [Notification]
// is. The zero value is unset.
type NotificationStage int

const (
	// StageEarlyWarning: the early warning, due 24 hours after awareness.
	StageEarlyWarning NotificationStage = iota + 1
	// StageNotification: the vulnerability or incident notification, due 72
	// hours after awareness.
	StageNotification
	// StageFinalReport: the final report, due 14 days after a corrective or
	// mitigating measure is available (vulnerability) or one month after the
	// incident notification (incident).
	StageFinalReport
)

var stageNames = [...]string{StageEarlyWarning: "early-warning", StageNotification: "notification", StageFinalReport: "final-report"}

// NotificationStages returns every stage, in reporting order, in a fresh slice.
func NotificationStages() []NotificationStage {
	return []NotificationStage{StageEarlyWarning, StageNotification, StageFinalReport}
}

// Valid reports whether s is known.
func (s NotificationStage) Valid() bool { return s >= StageEarlyWarning && s <= StageFinalReport }

// String returns "early-warning", "notification" or "final-report"; "unset"
// for the zero value and "invalid(N)" otherwise.
func (s NotificationStage) String() string { return enum.Name(stageNames[:], int(s)) }

// MarshalText implements [encoding.TextMarshaler].
func (s NotificationStage) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("maturity: marshal notification stage %s: %w", s, problem.ErrInvalidValue)
	}
	return []byte(stageNames[s]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *NotificationStage) UnmarshalText(b []byte) error {
	if v, ok := enum.Parse(stageNames[:], string(b)); ok {
		*s = NotificationStage(v)
		return nil
	}
	return fmt.Errorf("maturity: notification stage %q: %w (want early-warning, notification or final-report)", clip(string(b)), problem.ErrInvalidValue)
}

// Notification is the reporting data of an incident-notification evidence
// record: one report to the CSIRT and ENISA, with the times the CRA Art. 14
// deadlines are counted from. Times are instants (RFC 3339 in JSON, any
// offset); a zero time means not recorded. Only records of kind
// [requirement.ArtifactIncidentNotification] carry it.
type Notification struct {
	// Event is the kind of event reported; unset when not recorded (the
	// early warning and notification deadlines are the same for both, the
	// final report's are not).
	Event annex.EventKind `json:"event,omitzero"`
	// Stage says which report this is; unset when not recorded.
	Stage NotificationStage `json:"stage,omitzero"`
	// Aware is when the manufacturer became aware of the event; the
	// deadlines of the early warning and the notification run from it.
	Aware time.Time `json:"aware,omitzero"`
	// Sent is when the report was submitted.
	Sent time.Time `json:"sent,omitzero"`
	// MeasureAvailable is when a corrective or mitigating measure became
	// available; only for the final report on a vulnerability, whose
	// deadline runs from it (or from Aware, when the measure came first).
	MeasureAvailable time.Time `json:"measure_available,omitzero"`
	// NotificationSent is when the incident notification was submitted;
	// only for the final report on a severe incident, whose deadline runs
	// from it.
	NotificationSent time.Time `json:"notification_sent,omitzero"`
}

// IsZero reports whether no field of n is set.
func (n Notification) IsZero() bool {
	return n.Event == 0 && n.Stage == 0 && n.Aware.IsZero() && n.Sent.IsZero() && n.MeasureAvailable.IsZero() && n.NotificationSent.IsZero()
}

// basis names the Art. 14 provision that sets the deadline of stage s for
// event k ("Art. 14(2)(a)/(4)(a)" when the event kind is not known).
func basis(k annex.EventKind, s NotificationStage) string {
	if !s.Valid() {
		return "Art. 14"
	}
	letter := string(rune('a' + int(s) - 1))
	switch k {
	case annex.EventExploitedVulnerability:
		return "Art. 14(2)(" + letter + ")"
	case annex.EventSevereIncident:
		return "Art. 14(4)(" + letter + ")"
	}
	return "Art. 14(2)(" + letter + ")/(4)(" + letter + ")"
}

// deadline returns when the report n must be sent at the latest, the
// provision that sets it and, when it cannot be computed, what is missing.
// The dates come from [annex.ReportingDeadlines]; the caller has checked
// that the awareness time is set and not before [annex.ReportingStart].
func (n Notification) deadline() (due time.Time, basisRef, missing string) {
	basisRef = basis(n.Event, n.Stage)
	if !n.Stage.Valid() {
		return time.Time{}, basisRef, "stage (early-warning, notification or final-report)"
	}
	kind := n.Event
	if !kind.Valid() {
		if n.Stage == StageFinalReport {
			return time.Time{}, basisRef, "event (actively-exploited-vulnerability or severe-incident: their final reports have different deadlines)"
		}
		// The early warning and the notification are due at the same
		// times for both kinds of event.
		kind = annex.EventExploitedVulnerability
	}
	r, err := annex.ReportingDeadlines(annex.Event{Kind: kind, Aware: n.Aware, MeasureAvailable: n.MeasureAvailable, NotificationSent: n.NotificationSent})
	if err != nil || len(r.Deadlines) != 3 {
		return time.Time{}, basisRef, "aware, measure_available and notification_sent consistently (the clocks cannot start from them)"
	}
	d := r.Deadlines[n.Stage-1]
	if d.Pending {
		if kind == annex.EventSevereIncident {
			return time.Time{}, basisRef, "notification_sent (when the incident notification was submitted)"
		}
		return time.Time{}, basisRef, "measure_available (when the corrective or mitigating measure became available)"
	}
	return d.Due, basisRef, ""
}

// stamp formats an instant for a message.
func stamp(t time.Time) string { return t.Format(time.RFC3339) }

// notificationTally is what the incident-notification records show.
type notificationTally struct {
	records, onTime, notDue int
	fail, unknown           []string
}

// checkNotifications checks every incident-notification record against the
// Art. 14 deadlines. A record whose event the manufacturer became aware of
// before the obligation started is not due. Without an awareness time, the
// record is still known not to be due when it was sent, or produced, before
// the obligation started (awareness cannot come after either); otherwise
// whether it was due is unknown.
func (ix *index) checkNotifications() notificationTally {
	var t notificationTally
	reportingStart := annex.ReportingStart()
	startDay := requirement.DateOf(reportingStart)
	for i := range ix.m.Evidence {
		e := &ix.m.Evidence[i]
		if e.Kind != requirement.ArtifactIncidentNotification || ix.void[i] {
			continue
		}
		t.records++
		n := e.Notification
		switch {
		case !n.Aware.IsZero() && n.Aware.Before(reportingStart):
			t.notDue++
			continue
		case n.Aware.IsZero() && ((!n.Sent.IsZero() && n.Sent.Before(reportingStart)) || e.Produced.Before(startDay)):
			t.notDue++
			continue
		case n.Aware.IsZero():
			t.unknown = append(t.unknown, fmt.Sprintf("notification %q records no awareness time, so whether it was due and sent in time is unknown (set notification.aware)", e.ID))
			continue
		}
		due, ref, missing := n.deadline()
		if missing != "" {
			t.unknown = append(t.unknown, fmt.Sprintf("notification %q: its deadline under CRA %s cannot be computed (set notification.%s)", e.ID, ref, missing))
			continue
		}
		if n.Sent.IsZero() {
			t.unknown = append(t.unknown, fmt.Sprintf("notification %q (%s) records no sent time, so meeting its deadline %s (CRA %s) is not shown (set notification.sent)", e.ID, n.Stage, stamp(due), ref))
			continue
		}
		if n.Sent.After(due) {
			t.fail = append(t.fail, fmt.Sprintf("notification %q (%s) was sent %s, %s after its deadline %s (CRA %s)", e.ID, n.Stage, stamp(n.Sent), n.Sent.Sub(due), stamp(due), ref))
			continue
		}
		t.onTime++
	}
	return t
}

// summary says what the notification records showed, for a pass.
func (t notificationTally) summary() string {
	start := annex.ReportingStart().Format("2006-01-02T15:04Z07:00")
	switch {
	case t.onTime > 0 && t.notDue > 0:
		return fmt.Sprintf("%d notification(s) due under CRA Art. 14 sent in time (%d more predate the obligation starting %s)", t.onTime, t.notDue, start)
	case t.onTime > 0:
		return fmt.Sprintf("%d notification(s) due under CRA Art. 14 sent in time", t.onTime)
	case t.records > 0:
		return fmt.Sprintf("no notification was due under CRA Art. 14 (the %d recorded predate the obligation starting %s), so the demonstration rests on the process evidence alone", t.records, start)
	}
	return "no notification was due under CRA Art. 14 (none recorded), so the demonstration rests on the process evidence alone"
}
