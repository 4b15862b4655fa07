package maturity

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}

func TestVulnerabilityHandlingTimelines(t *testing.T) {
	const aware = "2026-10-05T09:40:00+02:00"
	// note returns an incident-notification record of nx-cpu 4.1.
	note := func(id string, n Notification) Evidence {
		e := record(id, requirement.ArtifactIncidentNotification, "nx-cpu", "4.1", "2045-12-31", requirement.SM16)
		e.Produced = requirement.MustParseDate("2026-11-30")
		e.Notification = n
		return e
	}
	vuln := func(stage NotificationStage, aware, sent string) Notification {
		n := Notification{Event: annex.EventExploitedVulnerability, Stage: stage}
		if aware != "" {
			n.Aware = mustTime(t, aware)
		}
		if sent != "" {
			n.Sent = mustTime(t, sent)
		}
		return n
	}
	final := func(event annex.EventKind, sent, measure, notified string) Notification {
		n := Notification{Event: event, Stage: StageFinalReport, Aware: mustTime(t, aware), Sent: mustTime(t, sent)}
		if measure != "" {
			n.MeasureAvailable = mustTime(t, measure)
		}
		if notified != "" {
			n.NotificationSent = mustTime(t, notified)
		}
		return n
	}
	dropNotifications := func(m *Manifest) {
		var out []Evidence
		for _, e := range m.Evidence {
			if e.Kind != requirement.ArtifactIncidentNotification {
				out = append(out, e)
			}
		}
		m.Evidence = out
	}
	tests := []struct {
		name    string
		mutate  func(m *Manifest)
		add     []Evidence
		outcome requirement.Outcome
		reason  string
	}{
		{name: "the fixture's notifications are in time", outcome: requirement.OutcomePass,
			reason: "2 notification(s) due under CRA Art. 14 sent in time (3 more predate the obligation starting 2026-09-10T20:00Z)"},
		{name: "early warning exactly at 24 hours is in time", outcome: requirement.OutcomePass,
			add: []Evidence{note("N", vuln(StageEarlyWarning, aware, "2026-10-06T09:40:00+02:00"))}, reason: "3 notification(s)"},
		{name: "early warning one second late", outcome: requirement.OutcomeFail,
			add:    []Evidence{note("N", vuln(StageEarlyWarning, aware, "2026-10-06T07:40:01Z"))},
			reason: `notification "N" (early-warning) was sent 2026-10-06T07:40:01Z, 1s after its deadline 2026-10-06T09:40:00+02:00 (CRA Art. 14(2)(a))`},
		{name: "an incident has the same 72 hours", outcome: requirement.OutcomeFail,
			add: []Evidence{note("N", Notification{Event: annex.EventSevereIncident, Stage: StageNotification, Aware: mustTime(t, aware),
				Sent: mustTime(t, "2026-10-08T10:00:00+02:00")})},
			reason: `20m0s after its deadline 2026-10-08T09:40:00+02:00 (CRA Art. 14(4)(b))`},
		{name: "the event kind is not needed before the final report", outcome: requirement.OutcomeFail,
			add:    []Evidence{note("N", Notification{Stage: StageNotification, Aware: mustTime(t, aware), Sent: mustTime(t, "2026-10-09T09:40:00+02:00")})},
			reason: `24h0m0s after its deadline 2026-10-08T09:40:00+02:00 (CRA Art. 14(2)(b)/(4)(b))`},
		{name: "final report 14 days after the measure", outcome: requirement.OutcomePass,
			add: []Evidence{note("N", final(annex.EventExploitedVulnerability, "2026-10-26T12:00:00+01:00", "2026-10-12T12:00:00+01:00", ""))}},
		{name: "final report one second after 14 days", outcome: requirement.OutcomeFail,
			add:    []Evidence{note("N", final(annex.EventExploitedVulnerability, "2026-10-26T12:00:01+01:00", "2026-10-12T12:00:00+01:00", ""))},
			reason: `notification "N" (final-report) was sent 2026-10-26T12:00:01+01:00, 1s after its deadline 2026-10-26T12:00:00+01:00 (CRA Art. 14(2)(c))`},
		{name: "a measure before awareness starts the clock at awareness", outcome: requirement.OutcomeFail,
			add:    []Evidence{note("N", final(annex.EventExploitedVulnerability, "2026-10-19T09:40:01+02:00", "2026-09-30T00:00:00Z", ""))},
			reason: "1s after its deadline 2026-10-19T09:40:00+02:00"},
		{name: "final report of a vulnerability without measure time", outcome: requirement.OutcomeUnknown,
			add:    []Evidence{note("N", final(annex.EventExploitedVulnerability, "2026-10-26T12:00:00+01:00", "", ""))},
			reason: `notification "N": its deadline under CRA Art. 14(2)(c) cannot be computed (set notification.measure_available`},
		{name: "final report on an incident one month after its notification", outcome: requirement.OutcomePass,
			add: []Evidence{note("N", final(annex.EventSevereIncident, "2026-11-30T10:00:00Z", "", "2026-10-31T10:00:00Z"))}},
		{name: "final report on an incident past the month", outcome: requirement.OutcomeFail,
			add:    []Evidence{note("N", final(annex.EventSevereIncident, "2026-11-30T10:00:01Z", "", "2026-10-31T10:00:00Z"))},
			reason: "1s after its deadline 2026-11-30T10:00:00Z (CRA Art. 14(4)(c))"},
		{name: "final report on an incident without notification time", outcome: requirement.OutcomeUnknown,
			add:    []Evidence{note("N", final(annex.EventSevereIncident, "2026-11-30T10:00:00Z", "", ""))},
			reason: "set notification.notification_sent"},
		{name: "final report without event kind", outcome: requirement.OutcomeUnknown,
			add:    []Evidence{note("N", final(0, "2026-10-26T12:00:00+01:00", "2026-10-12T12:00:00+01:00", ""))},
			reason: "CRA Art. 14(2)(c)/(4)(c) cannot be computed (set notification.event"},
		{name: "no stage", outcome: requirement.OutcomeUnknown,
			add:    []Evidence{note("N", Notification{Aware: mustTime(t, aware), Sent: mustTime(t, aware)})},
			reason: "set notification.stage"},
		{name: "no sent time", outcome: requirement.OutcomeUnknown,
			add:    []Evidence{note("N", vuln(StageEarlyWarning, aware, ""))},
			reason: `notification "N" (early-warning) records no sent time, so meeting its deadline 2026-10-06T09:40:00+02:00 (CRA Art. 14(2)(a)) is not shown`},
		{name: "no times at all, produced after the start", outcome: requirement.OutcomeUnknown,
			add:    []Evidence{note("N", Notification{})},
			reason: `notification "N" records no awareness time`},
		{name: "no awareness time, produced on the start day", outcome: requirement.OutcomeUnknown,
			add: []Evidence{func() Evidence {
				e := note("N", Notification{})
				e.Produced = requirement.MustParseDate("2026-09-10")
				return e
			}()},
			reason: `notification "N" records no awareness time`},
		{name: "no awareness time, produced before the start", outcome: requirement.OutcomePass,
			add: []Evidence{func() Evidence {
				e := note("N", Notification{})
				e.Produced = requirement.MustParseDate("2026-09-09")
				return e
			}()},
			reason: "(4 more predate"},
		{name: "no awareness time, sent before the start", outcome: requirement.OutcomePass,
			add:    []Evidence{note("N", Notification{Stage: StageEarlyWarning, Sent: mustTime(t, "2026-09-10T19:59:59Z")})},
			reason: "(4 more predate"},
		{name: "awareness one second before the start: not due", outcome: requirement.OutcomePass,
			add:    []Evidence{note("N", vuln(StageEarlyWarning, "2026-09-10T19:59:59Z", "2026-09-20T00:00:00Z"))},
			reason: "(4 more predate"},
		{name: "awareness at the start instant: due", outcome: requirement.OutcomeFail,
			add:    []Evidence{note("N", vuln(StageEarlyWarning, "2026-09-11T00:00:00+04:00", "2026-09-12T00:00:01+04:00"))},
			reason: "1s after its deadline 2026-09-12T00:00:00+04:00"},
		{name: "only notifications that predate the obligation", outcome: requirement.OutcomePass,
			mutate: func(m *Manifest) {
				for _, id := range []string{"EV-0274", "EV-0275"} {
					n := &evidence(m, id).Notification
					n.Aware = mustTime(t, "2025-10-05T09:40:00+02:00")
					n.Sent = n.Aware.Add(100 * time.Hour) // late, but owed to nobody
				}
			},
			reason: "no notification was due under CRA Art. 14 (the 5 recorded predate the obligation starting 2026-09-10T20:00Z), so the demonstration rests on the process evidence alone"},
		{name: "no notification recorded", outcome: requirement.OutcomePass, mutate: dropNotifications,
			reason: "no notification was due under CRA Art. 14 (none recorded), so the demonstration rests on the process evidence alone"},
		{name: "the process evidence still has to be there", outcome: requirement.OutcomeFail,
			mutate: func(m *Manifest) {
				dropNotifications(m)
				var out []Evidence
				for _, e := range m.Evidence {
					if e.Kind != requirement.ArtifactReportingProcedure {
						out = append(out, e)
					}
				}
				m.Evidence = out
			},
			reason: "no reporting-procedure evidence covers"},
		{name: "a late notification and a missing time are both listed", outcome: requirement.OutcomeFail,
			add: []Evidence{
				note("N1", vuln(StageEarlyWarning, aware, "2026-10-07T00:00:00Z")),
				note("N2", vuln(StageNotification, aware, "")),
			},
			reason: `notification "N1" (early-warning) was sent`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixedFixture(t)
			if tt.mutate != nil {
				tt.mutate(m)
			}
			m.Evidence = append(m.Evidence, tt.add...)
			require.NoError(t, m.Validate(nil))
			a, err := Assess(m, testNow, nil)
			require.NoError(t, err)
			v, err := a.Verdict(ObligationMandatory)
			require.NoError(t, err)
			c := v.Checks[CheckVulnerabilityHandling-1]
			require.Equal(t, CheckVulnerabilityHandling, c.Check)
			assert.Equal(t, tt.outcome, c.Outcome, "reasons: %v", c.Reasons)
			if tt.reason != "" {
				assert.Contains(t, strings.Join(c.Reasons, "\n"), tt.reason)
			}
			if tt.outcome == requirement.OutcomePass {
				require.Len(t, c.Reasons, 1)
				assert.True(t, strings.HasPrefix(c.Reasons[0], "approved vulnerability-handling-policy and approved reporting-procedure evidence covers all 6"), c.Reasons[0])
			} else {
				assert.False(t, v.Met())
			}
		})
	}
}

func TestVulnerabilityHandlingListsEveryProblem(t *testing.T) {
	m := fixedFixture(t)
	late := record("N1", requirement.ArtifactIncidentNotification, "", "", "2045-12-31", requirement.SM16)
	late.Produced = requirement.MustParseDate("2026-10-10")
	late.Notification = Notification{Stage: StageEarlyWarning, Aware: mustTime(t, "2026-10-05T09:40:00+02:00"), Sent: mustTime(t, "2026-10-07T09:40:00+02:00")}
	unknown := late
	unknown.ID, unknown.Notification.Sent = "N2", time.Time{}
	m.Evidence = append(m.Evidence, late, unknown)
	a, err := Assess(m, testNow, nil)
	require.NoError(t, err)
	v, err := a.Verdict(ObligationMandatory)
	require.NoError(t, err)
	c := v.Checks[CheckVulnerabilityHandling-1]
	assert.Equal(t, requirement.OutcomeFail, c.Outcome)
	require.Len(t, c.Reasons, 2, "%v", c.Reasons)
	assert.Contains(t, c.Reasons[0], `"N1"`)
	assert.Contains(t, c.Reasons[0], "24h0m0s after")
	assert.Contains(t, c.Reasons[1], `"N2"`)
	assert.Contains(t, c.Reasons[1], "records no sent time")
}

func TestNotificationEnumsText(t *testing.T) {
	for i, s := range NotificationStages() {
		b, err := s.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, []string{"early-warning", "notification", "final-report"}[i], string(b))
		var back NotificationStage
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	assert.ErrorIs(t, new(NotificationStage).UnmarshalText([]byte("warning")), problem.ErrInvalidValue)
	_, err := NotificationStage(9).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Equal(t, "invalid(9)", NotificationStage(9).String())
	assert.Equal(t, "unset", NotificationStage(0).String())
	assert.True(t, Notification{}.IsZero())
	assert.False(t, Notification{Stage: StageFinalReport}.IsZero())
}
