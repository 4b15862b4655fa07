package maturity

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestLevel(t *testing.T) {
	// Pinned by hand from the facts sheet (clause 4.2, Table 1).
	want := []struct {
		l     Level
		text  string
		title string
	}{{ML1, "ML1", "Initial"}, {ML2, "ML2", "Managed"}, {ML3, "ML3", "Defined (Practiced)"}, {ML4, "ML4", "Improving"}}
	require.Len(t, Levels(), len(want))
	for i, w := range want {
		l := Levels()[i]
		assert.Equal(t, w.l, l)
		assert.True(t, l.Valid())
		assert.Equal(t, w.text, l.String())
		assert.Equal(t, w.title, l.Title())
		assert.NotEmpty(t, l.Description())
		b, err := l.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, w.text, string(b))
		var back Level
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, l, back)
		if i > 0 {
			assert.Less(t, want[i-1].l, l, "levels are ordered")
		}
	}
	var zero Level
	assert.False(t, zero.Valid())
	assert.Equal(t, "unset", zero.String())
	assert.Equal(t, "invalid(5)", Level(5).String())
	assert.Equal(t, "invalid(-1)", Level(-1).String())
	assert.Empty(t, zero.Title())
	_, err := zero.MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	for _, bad := range []string{"", "ml3", "ML0", "ML5", "3", " ML3"} {
		assert.ErrorIs(t, new(Level).UnmarshalText([]byte(bad)), problem.ErrInvalidValue, bad)
	}
	l := Levels()
	l[0] = ML4
	assert.Equal(t, ML1, Levels()[0], "Levels returns a fresh slice")
}

func TestObligation(t *testing.T) {
	assert.Equal(t, ObligationMandatory, ObligationFor(true))
	assert.Equal(t, ObligationRecommended, ObligationFor(false))
	for _, o := range Obligations() {
		b, err := json.Marshal(o)
		require.NoError(t, err)
		var back Obligation
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, o, back)
	}
	assert.Equal(t, `"mandatory"`, mustJSON(t, ObligationMandatory))
	assert.ErrorIs(t, new(Obligation).UnmarshalText([]byte("optional")), problem.ErrInvalidValue)
	_, err := Obligation(3).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestEnumsText(t *testing.T) {
	for _, k := range CompetenceKinds() {
		var back CompetenceKind
		require.NoError(t, back.UnmarshalText([]byte(k.String())))
		assert.Equal(t, k, back)
	}
	for _, s := range ImprovementSources() {
		var back ImprovementSource
		require.NoError(t, back.UnmarshalText([]byte(s.String())))
		assert.Equal(t, s, back)
	}
	assert.ErrorIs(t, new(CompetenceKind).UnmarshalText([]byte("x")), problem.ErrInvalidValue)
	assert.ErrorIs(t, new(ImprovementSource).UnmarshalText([]byte("x")), problem.ErrInvalidValue)
	_, err := ImprovementSource(0).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	_, err = CompetenceKind(0).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
}

func TestDate(t *testing.T) {
	d := requirement.MustParseDate("2024-02-29")
	assert.Equal(t, "2024-02-29", d.String())
	assert.Equal(t, "2034-03-01", d.AddYears(10).String(), "Feb 29 in a common year")
	assert.Equal(t, requirement.NewDate(2024, time.February, 29), d)
	assert.Equal(t, d, requirement.DateOf(d.Time()))
	assert.True(t, d.Before(requirement.MustParseDate("2024-03-01")))
	assert.True(t, d.After(requirement.MustParseDate("2023-12-31")))
	assert.Equal(t, 0, d.Compare(requirement.MustParseDate("2024-02-29")))
	assert.True(t, requirement.Date{}.Before(d))
	assert.True(t, requirement.Date{}.IsZero())
	assert.True(t, requirement.Date{}.AddYears(10).IsZero())
	assert.True(t, requirement.Date{}.Time().IsZero())
	for _, bad := range []string{"", "2024-2-1", "2024-02-30", "24-02-01", "2024-02-01T00:00:00Z", "0000-01-01"} {
		_, err := requirement.ParseDate(bad)
		assert.ErrorIs(t, err, problem.ErrInvalidValue, bad)
	}
	_, err := requirement.Date{}.MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.True(t, requirement.NewDate(10000, 1, 1).IsZero())
	r := Release{PlacedOnMarket: requirement.MustParseDate("2026-01-01"), SupportEnd: requirement.MustParseDate("2041-06-30")}
	got, ok := r.RetentionRequired()
	assert.True(t, ok)
	assert.Equal(t, "2041-06-30", got.String())
	r.SupportEnd = requirement.MustParseDate("2031-01-01")
	got, _ = r.RetentionRequired()
	assert.Equal(t, "2036-01-01", got.String())
	r.SupportEnd = requirement.Date{}
	_, ok = r.RetentionRequired()
	assert.False(t, ok)
}
