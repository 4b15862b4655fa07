package requirement_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestDate(t *testing.T) {
	d, err := requirement.ParseDate("2026-03-01")
	require.NoError(t, err)
	assert.Equal(t, requirement.NewDate(2026, time.March, 1), d)
	assert.Equal(t, "2026-03-01", d.String())
	assert.True(t, d.Valid())
	assert.Equal(t, 2026, d.Year())
	assert.Equal(t, time.March, d.Month())
	assert.Equal(t, 1, d.Day())
	assert.Equal(t, d, requirement.DateOf(time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC)))
	assert.Equal(t, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), d.Time())
	for _, bad := range []string{"", "2026-3-1", "2026-02-29", "01.03.2026", "2026-03-01T00:00:00Z", "0000-01-01"} {
		_, err := requirement.ParseDate(bad)
		assert.ErrorIs(t, err, problem.ErrInvalidValue, bad)
	}
	assert.True(t, requirement.Date{}.IsZero())
	assert.False(t, requirement.Date{}.Valid())
	assert.Empty(t, requirement.Date{}.String())
	assert.True(t, requirement.Date{}.Time().IsZero())
	_, err = requirement.Date{}.MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Equal(t, -1, d.Compare(requirement.NewDate(2026, 3, 2)))
	assert.Equal(t, 1, d.Compare(requirement.NewDate(2025, 12, 31)))
	assert.Equal(t, 0, d.Compare(d))
	assert.True(t, d.Before(d.AddDays(1)))
	assert.True(t, d.After(d.AddDays(-1)))
	assert.Equal(t, requirement.NewDate(2025, 2, 28), d.AddDays(-1).AddYears(-1))
	assert.Equal(t, requirement.NewDate(2029, 3, 1), requirement.NewDate(2028, 2, 29).AddYears(1), "Feb 29 becomes Mar 1")
	assert.True(t, requirement.Date{}.AddYears(3).IsZero())
	assert.True(t, requirement.NewDate(10000, 1, 1).IsZero(), "years beyond 9999 are not representable")
	assert.Equal(t, requirement.NewDate(2026, 3, 2), requirement.NewDate(2026, 2, 30), "normalised like time.Date")
	assert.Panics(t, func() { requirement.MustParseDate("x") })

	var s struct {
		D requirement.Date `json:"d,omitzero"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"d":"2024-02-29"}`), &s))
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"d":"2024-02-29"}`, string(b))
	s.D = requirement.Date{}
	b, err = json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b))
	assert.Error(t, json.Unmarshal([]byte(`{"d":"2024-02-30"}`), &s))
}
