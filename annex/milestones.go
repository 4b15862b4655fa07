package annex

import (
	"fmt"
	"time"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Milestone is a date from which part of the CRA applies (Art. 71(2)). The
// zero value is unset.
type Milestone int

const (
	// MilestoneNotifiedBodies: Chapter IV (Articles 35 to 51, notification
	// of conformity assessment bodies) applies from 11 June 2026
	// (Art. 71(2)).
	MilestoneNotifiedBodies Milestone = iota + 1
	// MilestoneReporting: Article 14 (reporting of actively exploited
	// vulnerabilities and severe incidents) applies from 11 September 2026
	// (Art. 71(2)); see [ReportingStart].
	MilestoneReporting
	// MilestoneApplication: the Regulation applies in general (essential
	// requirements, conformity assessment, CE marking) from 11 December
	// 2027 (Art. 71(2)).
	MilestoneApplication
)

var milestoneNames = []string{"", "notified-bodies", "reporting-obligations", "general-application"}

var milestoneInfo = [...]struct {
	date  requirement.Date
	label string
}{
	MilestoneNotifiedBodies: {requirement.NewDate(2026, time.June, 11), "Chapter IV (notification of conformity assessment bodies) applies"},
	MilestoneReporting:      {requirement.NewDate(2026, time.September, 11), "Article 14 reporting obligations apply"},
	MilestoneApplication:    {requirement.NewDate(2027, time.December, 11), "the Regulation applies in general"},
}

// Milestones returns every milestone in date order, in a fresh slice.
func Milestones() []Milestone { return enumValues[Milestone](milestoneNames) }

// Valid reports whether m is known.
func (m Milestone) Valid() bool { return m >= MilestoneNotifiedBodies && m <= MilestoneApplication }

// String returns "notified-bodies", "reporting-obligations" or
// "general-application"; "unset" for the zero value and "invalid(N)"
// otherwise.
func (m Milestone) String() string { return enumName(milestoneNames, m) }

// MarshalText implements [encoding.TextMarshaler].
func (m Milestone) MarshalText() ([]byte, error) { return enumMarshal("milestone", milestoneNames, m) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (m *Milestone) UnmarshalText(b []byte) error {
	return unmarshalEnum(m, "milestone", milestoneNames, b)
}

// Date returns the calendar date the Regulation names; the zero Date for an
// invalid m.
func (m Milestone) Date() requirement.Date {
	if !m.Valid() {
		return requirement.Date{}
	}
	return milestoneInfo[m].date
}

// Start returns the first instant of the milestone anywhere in the Union:
// midnight of its date in Réunion (UTC+4), the Union's easternmost time zone,
// in UTC (the convention of [ReportingStart]); the zero time for an invalid m.
func (m Milestone) Start() time.Time {
	if !m.Valid() {
		return time.Time{}
	}
	d := milestoneInfo[m].date
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.FixedZone("UTC+4", 4*3600)).UTC()
}

// Basis returns the provision that sets the date: Art. 71(2) for every
// milestone; the zero CRARef for an invalid m.
func (m Milestone) Basis() CRARef {
	if !m.Valid() {
		return CRARef{}
	}
	return Art(71, 2, 0)
}

// Label says in words what applies from the milestone, such as "the
// Regulation applies in general"; "" for an invalid m.
func (m Milestone) Label() string {
	if !m.Valid() {
		return ""
	}
	return milestoneInfo[m].label
}

// MilestoneDistance is how far an assessment date is from a CRA milestone,
// for reports.
type MilestoneDistance struct {
	// Milestone is the milestone.
	Milestone Milestone `json:"milestone"`
	// Date is the milestone's date.
	Date requirement.Date `json:"date"`
	// Basis is the provision that sets it (Art. 71(2)).
	Basis CRARef `json:"basis"`
	// Label says what applies from it.
	Label string `json:"label"`
	// Days is the number of calendar days from the assessment date (its
	// calendar day in its own location) to the milestone's date: positive
	// while it is ahead, zero on the day, negative once it has passed.
	Days int `json:"days"`
	// Applies reports whether the milestone has begun at the assessment
	// instant, judged against [Milestone.Start] (the earliest instant in the
	// Union), so it may be true a few hours before Days reaches zero in a
	// western time zone.
	Applies bool `json:"applies"`
}

// MilestonesAt returns the distance from the assessment instant now to each
// CRA milestone, in date order. A zero now is an error wrapping
// [problem.ErrNoDate].
func MilestonesAt(now time.Time) ([]MilestoneDistance, error) {
	if now.IsZero() {
		return nil, fmt.Errorf("annex: CRA milestones: no assessment date: %w (pass the assessment instant)", problem.ErrNoDate)
	}
	day := requirement.DateOf(now).Time()
	out := make([]MilestoneDistance, 0, len(milestoneNames)-1)
	for _, m := range Milestones() {
		d := m.Date()
		out = append(out, MilestoneDistance{
			Milestone: m, Date: d, Basis: m.Basis(), Label: m.Label(),
			Days:    int(d.Time().Sub(day).Hours() / 24),
			Applies: !now.Before(m.Start()),
		})
	}
	return out, nil
}
