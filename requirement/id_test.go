package requirement_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestParseID(t *testing.T) {
	tests := []struct {
		in       string
		ok       bool
		practice practice.Practice
		number   int
	}{
		{"SM-1", true, practice.SM, 1},
		{"SM-13", true, practice.SM, 13},
		{"SRM-6", true, practice.SRM, 6},
		{"SVV-5", true, practice.SVV, 5},
		{"SG-99", true, practice.SG, 99},
		{"SM-0", false, 0, 0},
		{"SM-01", false, 0, 0},
		{"SM-100", false, 0, 0},
		{"sm-1", false, 0, 0},
		{"SM1", false, 0, 0},
		{"SM-", false, 0, 0},
		{"-1", false, 0, 0},
		{"XX-1", false, 0, 0},
		{" SM-1", false, 0, 0},
		{"SM-1 ", false, 0, 0},
		{"SM-1a", false, 0, 0},
		{"SM--1", false, 0, 0},
		{"", false, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			id, err := requirement.ParseID(tt.in)
			if !tt.ok {
				require.Error(t, err)
				assert.ErrorIs(t, err, problem.ErrInvalidID)
				assert.False(t, requirement.ID(tt.in).Valid())
				assert.Zero(t, requirement.ID(tt.in).Practice())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, requirement.ID(tt.in), id)
			assert.True(t, id.Valid())
			assert.Equal(t, tt.practice, id.Practice())
			assert.Equal(t, tt.number, id.Number())
		})
	}
}

func TestCompareOrdersNumerically(t *testing.T) {
	ids := []requirement.ID{"SM-10", "SG-1", "SM-2", "SRM-1", "SR-2", "invalid", "SM-1", "DM-10", "DM-9", "SVV-1"}
	slices.SortFunc(ids, requirement.Compare)
	assert.Equal(t, []requirement.ID{"SM-1", "SM-2", "SM-10", "SRM-1", "SR-2", "SVV-1", "DM-9", "DM-10", "SG-1", "invalid"}, ids)
	assert.Equal(t, -1, requirement.SM2.Compare(requirement.SM10))
	assert.Equal(t, 0, requirement.SM2.Compare("SM-2"))
	assert.Equal(t, 1, requirement.Compare("zzz", "SM-1"))
}

func TestIDText(t *testing.T) {
	var id requirement.ID
	require.NoError(t, id.UnmarshalText([]byte("SVV-3")))
	assert.Equal(t, requirement.SVV3, id)
	b, err := id.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "SVV-3", string(b))
	err = id.UnmarshalText([]byte("SVV-03"))
	assert.ErrorIs(t, err, problem.ErrInvalidID)
	_, err = requirement.ID("nope").MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidID)
	assert.Panics(t, func() { requirement.MustParseID("bad") })
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"SM-1", "SRM-6", "SVV-10", "SM-01", "x", "", "SM-", "SUM-99", "SG-100"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := requirement.ParseID(s)
		if err != nil {
			if !errors.Is(err, problem.ErrInvalidID) {
				t.Fatalf("ParseID(%q) error does not wrap problem.ErrInvalidID: %v", s, err)
			}
			if requirement.ID(s).Valid() {
				t.Fatalf("ParseID(%q) failed but Valid is true", s)
			}
			return
		}
		if string(id) != s || !id.Valid() || !id.Practice().Valid() || id.Number() < 1 || id.Number() > 99 {
			t.Fatalf("ParseID(%q) = %q, inconsistent", s, id)
		}
		b, err := id.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("round trip of %q: %q, %v", s, b, err)
		}
		if requirement.Compare(id, id) != 0 {
			t.Fatalf("Compare(%q, itself) != 0", s)
		}
	})
}
