package annex

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReportingDeadlines(t *testing.T) {
	tests := []struct {
		name  string
		ev    Event
		kinds []DeadlineKind
		due   []string // "" = pending
		basis []string
	}{
		{
			name:  "exploited vulnerability, measure available later",
			ev:    Event{ID: "CVE-2026-1000", Kind: EventExploitedVulnerability, Aware: at("2026-10-01T08:30:00Z"), MeasureAvailable: at("2026-10-10T12:00:00Z")},
			kinds: []DeadlineKind{DeadlineVulnEarlyWarning, DeadlineVulnNotification, DeadlineVulnFinalReport},
			due:   []string{"2026-10-02T08:30:00Z", "2026-10-04T08:30:00Z", "2026-10-24T12:00:00Z"},
			basis: []string{"Art. 14(2)(a)", "Art. 14(2)(b)", "Art. 14(2)(c)"},
		},
		{
			name:  "exploited vulnerability, no measure yet",
			ev:    Event{Kind: EventExploitedVulnerability, Aware: at("2026-10-01T08:30:00Z")},
			kinds: []DeadlineKind{DeadlineVulnEarlyWarning, DeadlineVulnNotification, DeadlineVulnFinalReport},
			due:   []string{"2026-10-02T08:30:00Z", "2026-10-04T08:30:00Z", ""},
			basis: []string{"Art. 14(2)(a)", "Art. 14(2)(b)", "Art. 14(2)(c)"},
		},
		{
			name:  "measure existed before awareness: clock starts at awareness",
			ev:    Event{Kind: EventExploitedVulnerability, Aware: at("2026-10-01T00:00:00Z"), MeasureAvailable: at("2026-09-20T00:00:00Z")},
			kinds: []DeadlineKind{DeadlineVulnEarlyWarning, DeadlineVulnNotification, DeadlineVulnFinalReport},
			due:   []string{"2026-10-02T00:00:00Z", "2026-10-04T00:00:00Z", "2026-10-15T00:00:00Z"},
			basis: []string{"Art. 14(2)(a)", "Art. 14(2)(b)", "Art. 14(2)(c)"},
		},
		{
			name:  "severe incident, notification sent on 31 January: month clamps",
			ev:    Event{Kind: EventSevereIncident, Aware: at("2027-01-29T10:00:00Z"), NotificationSent: at("2027-01-31T09:00:00Z")},
			kinds: []DeadlineKind{DeadlineIncidentEarlyWarning, DeadlineIncidentNotification, DeadlineIncidentFinalReport},
			due:   []string{"2027-01-30T10:00:00Z", "2027-02-01T10:00:00Z", "2027-02-28T09:00:00Z"},
			basis: []string{"Art. 14(4)(a)", "Art. 14(4)(b)", "Art. 14(4)(c)"},
		},
		{
			name:  "severe incident, notification not yet sent",
			ev:    Event{Kind: EventSevereIncident, Aware: at("2026-09-11T00:00:00Z")},
			kinds: []DeadlineKind{DeadlineIncidentEarlyWarning, DeadlineIncidentNotification, DeadlineIncidentFinalReport},
			due:   []string{"2026-09-12T00:00:00Z", "2026-09-14T00:00:00Z", ""},
			basis: []string{"Art. 14(4)(a)", "Art. 14(4)(b)", "Art. 14(4)(c)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ReportingDeadlines(tt.ev)
			require.NoError(t, err)
			require.True(t, r.Applicable)
			assert.Empty(t, r.Reason)
			require.Len(t, r.Deadlines, 3)
			for i, d := range r.Deadlines {
				assert.Equal(t, tt.kinds[i], d.Kind)
				assert.Equal(t, tt.basis[i], d.Basis.String())
				if tt.due[i] == "" {
					assert.True(t, d.Pending)
					assert.True(t, d.Due.IsZero())
				} else {
					assert.False(t, d.Pending)
					assert.True(t, at(tt.due[i]).Equal(d.Due), "%s: due %s, want %s", d.Kind, d.Due, tt.due[i])
				}
			}
		})
	}
}

// TestReportingStart pins the start of Art. 14 at the earliest local
// midnight of 11 September 2026 in the Union: Réunion, UTC+4.
func TestReportingStart(t *testing.T) {
	reunion := time.FixedZone("RET", 4*3600)
	athens := time.FixedZone("EEST", 3*3600)
	berlin := time.FixedZone("CEST", 2*3600)
	lisbon := time.FixedZone("WEST", 1*3600)
	tests := []struct {
		name       string
		aware      time.Time
		applicable bool
	}{
		{"just before midnight in Réunion", time.Date(2026, 9, 10, 23, 59, 59, 0, reunion), false},
		{"midnight in Réunion", time.Date(2026, 9, 11, 0, 0, 0, 0, reunion), true},
		{"midnight in Athens", time.Date(2026, 9, 11, 0, 0, 0, 0, athens), true},
		{"01:00 in Berlin is 2026-09-10T23:00Z", time.Date(2026, 9, 11, 1, 0, 0, 0, berlin), true},
		{"midnight in Lisbon", time.Date(2026, 9, 11, 0, 0, 0, 0, lisbon), true},
		{"UTC just before the start", at("2026-09-10T19:59:59Z"), false},
		{"UTC at the start", at("2026-09-10T20:00:00Z"), true},
		{"August", at("2026-08-01T00:00:00Z"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ReportingDeadlines(Event{Kind: EventSevereIncident, Aware: tt.aware})
			require.NoError(t, err)
			assert.Equal(t, tt.applicable, r.Applicable)
			if tt.applicable {
				assert.Len(t, r.Deadlines, 3)
				assert.Empty(t, r.Reason)
			} else {
				assert.Empty(t, r.Deadlines)
				assert.Contains(t, r.Reason, "no reporting obligation")
				assert.Contains(t, r.Reason, "11 September 2026")
				assert.Contains(t, r.Reason, "2026-09-10T20:00:00Z")
			}
		})
	}
	assert.True(t, ReportingStart().Equal(at("2026-09-10T20:00:00Z")))
	assert.Equal(t, time.UTC, ReportingStart().Location())
}

func TestReportingErrors(t *testing.T) {
	for name, tt := range map[string]struct {
		ev       Event
		sentinel error
	}{
		"no kind":             {Event{Aware: at("2026-10-01T00:00:00Z")}, problem.ErrInvalidValue},
		"no awareness":        {Event{Kind: EventSevereIncident}, problem.ErrNoDate},
		"report before aware": {Event{Kind: EventSevereIncident, Aware: at("2026-10-01T00:00:00Z"), EarlyWarningSent: at("2026-09-30T00:00:00Z")}, problem.ErrInvalidValue},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ReportingDeadlines(tt.ev)
			assert.ErrorIs(t, err, tt.sentinel)
		})
	}
}

func TestOpenDeadlines(t *testing.T) {
	events := []Event{
		{ID: "CVE-2026-1000", Kind: EventExploitedVulnerability, Aware: at("2026-11-20T08:00:00Z"), EarlyWarningSent: at("2026-11-20T20:00:00Z")},
		{ID: "INC-7", Kind: EventSevereIncident, Aware: at("2026-11-21T12:00:00Z")},
		{ID: "OLD-1", Kind: EventSevereIncident, Aware: at("2026-08-01T00:00:00Z")},
	}
	now := at("2026-11-22T09:00:00Z")
	open, err := OpenDeadlines(events, now)
	require.NoError(t, err)
	var got []string
	for _, d := range open {
		s := d.Event + " " + d.Kind.String()
		if d.Overdue {
			s += " overdue"
		}
		if d.Pending {
			s += " pending"
		}
		got = append(got, s)
	}
	assert.Equal(t, []string{
		"INC-7 incident-early-warning",
		"CVE-2026-1000 vulnerability-notification",
		"INC-7 incident-notification",
		"CVE-2026-1000 vulnerability-final-report pending",
		"INC-7 incident-final-report pending",
	}, got)
	open, err = OpenDeadlines(events, at("2026-11-23T09:00:00Z"))
	require.NoError(t, err)
	assert.True(t, open[0].Overdue, "INC-7 early warning was due 2026-11-22T12:00Z")
	_, err = OpenDeadlines([]Event{{ID: "bad"}}, now)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Contains(t, err.Error(), `"bad"`)
	// Without a date the open deadlines cannot be known: an error, not a
	// list computed against year 1.
	open, err = OpenDeadlines(events, time.Time{})
	assert.Nil(t, open)
	assert.ErrorIs(t, err, problem.ErrNoDate)
}

func TestSupportPeriod(t *testing.T) {
	tests := []struct {
		name  string
		sp    SupportPeriod
		rules []requirement.RuleID
	}{
		{"ten years with rationale", SupportPeriod{Months: 120, Rationale: "typical plant lifetime"}, nil},
		{"exactly five years", SupportPeriod{Months: 60, Rationale: "r"}, nil},
		{"missing", SupportPeriod{}, []requirement.RuleID{ruleSupportPeriodMissing, ruleSupportPeriodRationale}},
		{"three years, no expected use", SupportPeriod{Months: 36, Rationale: "r"}, []requirement.RuleID{ruleSupportPeriodTooShort}},
		{"three years, expected use seven", SupportPeriod{Months: 36, ExpectedUseMonths: 84, Rationale: "r"}, []requirement.RuleID{ruleSupportPeriodTooShort}},
		{"two years, expected use two", SupportPeriod{Months: 24, ExpectedUseMonths: 24, Rationale: "consumable"}, nil},
		{"one year, expected use two", SupportPeriod{Months: 12, ExpectedUseMonths: 24, Rationale: "r"}, []requirement.RuleID{ruleSupportPeriodExpectedUse}},
		{"no rationale", SupportPeriod{Months: 96}, []requirement.RuleID{ruleSupportPeriodRationale}},
		// Art. 13(8): the period reflects the expected use time. The old
		// check compared only periods under 60 months, so these passed.
		{"ten years, expected use fifteen, no justification", SupportPeriod{Months: 120, ExpectedUseMonths: 180, Rationale: "r"}, []requirement.RuleID{ruleSupportPeriodUnjustified}},
		{"ten years, expected use fifteen, justified", SupportPeriod{Months: 120, ExpectedUseMonths: 180, Rationale: "r", Justification: "the platform's OS is supported for ten years"}, nil},
		{"five years, expected use six, no rationale either", SupportPeriod{Months: 60, ExpectedUseMonths: 72}, []requirement.RuleID{ruleSupportPeriodUnjustified, ruleSupportPeriodRationale}},
		{"fifteen years, expected use ten", SupportPeriod{Months: 180, ExpectedUseMonths: 120, Rationale: "r"}, nil},
		{"a justification does not excuse a period under five years", SupportPeriod{Months: 36, ExpectedUseMonths: 84, Rationale: "r", Justification: "j"}, []requirement.RuleID{ruleSupportPeriodTooShort}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := CheckSupportPeriod(tt.sp)
			var rules []requirement.RuleID
			for _, f := range fs {
				rules = append(rules, f.Rule)
				assert.Equal(t, requirement.SM18, f.Requirement)
				assert.Equal(t, requirement.EditionA11, f.Edition)
				assert.Equal(t, requirement.BasisPublished, f.Basis)
				assert.NotEmpty(t, f.Message)
			}
			assert.Equal(t, tt.rules, rules)
		})
	}
	assert.Equal(t, at("2031-02-28T00:00:00Z"), SupportPeriod{Months: 60}.End(at("2026-02-28T00:00:00Z")))
	assert.True(t, SupportPeriod{Months: 60}.End(time.Time{}).IsZero(), "no placing date, no end")
}

func TestUpdateAvailabilityAndRetention(t *testing.T) {
	placed := at("2027-12-11T00:00:00Z")
	end := SupportPeriod{Months: 180}.End(placed) // 2042-12-11
	d, err := UpdateAvailability(at("2028-03-01T00:00:00Z"), end)
	require.NoError(t, err)
	assert.Equal(t, DeadlineUpdateAvailability, d.Kind)
	assert.Equal(t, "Art. 13(9)", d.Basis.String())
	assert.Equal(t, end, d.Due, "rest of the support period is longer than ten years")
	d, err = UpdateAvailability(at("2040-01-31T00:00:00Z"), end)
	require.NoError(t, err)
	assert.Equal(t, at("2050-01-31T00:00:00Z"), d.Due, "ten years after issue is longer")
	_, err = UpdateAvailability(at("2043-01-01T00:00:00Z"), end)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	_, err = UpdateAvailability(time.Time{}, end)
	assert.ErrorIs(t, err, problem.ErrNoDate)

	r, err := DocumentationRetention(placed, SupportPeriod{Months: 60}.End(placed))
	require.NoError(t, err)
	assert.Equal(t, at("2037-12-11T00:00:00Z"), r.Due)
	assert.Equal(t, "Art. 13(13)", r.Basis.String())
	r, err = DocumentationRetention(placed, end)
	require.NoError(t, err)
	assert.Equal(t, end, r.Due)
	// Leap day plus ten years clamps to 28 February.
	leap := at("2028-02-29T00:00:00Z")
	r, err = DocumentationRetention(leap, SupportPeriod{Months: 60}.End(leap))
	require.NoError(t, err)
	assert.Equal(t, at("2038-02-28T00:00:00Z"), r.Due)

	// Missing data is an error, never a ten-year default that looks like a pass.
	for name, tt := range map[string]struct {
		placed, end time.Time
		sentinel    error
	}{
		"no placing":             {time.Time{}, end, problem.ErrNoDate},
		"no end of support":      {placed, time.Time{}, problem.ErrNoDate},
		"neither":                {time.Time{}, time.Time{}, problem.ErrNoDate},
		"support ends before it": {placed, placed.AddDate(0, 0, -1), problem.ErrInvalidValue},
	} {
		t.Run(name, func(t *testing.T) {
			d, err := DocumentationRetention(tt.placed, tt.end)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			assert.Zero(t, d)
		})
	}
}

func TestDeadlineKinds(t *testing.T) {
	for _, k := range DeadlineKinds() {
		assert.True(t, k.Basis().Valid(), k.String())
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back DeadlineKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
}
