package soa_test

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/soa"
)

type textEnum interface {
	encoding.TextMarshaler
	String() string
	Valid() bool
}

func TestEnumText(t *testing.T) {
	check := func(t *testing.T, values []textEnum, parse func([]byte) (textEnum, error), zero textEnum, want []string) {
		require.Len(t, values, len(want))
		for i, v := range values {
			assert.True(t, v.Valid())
			b, err := v.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, want[i], string(b))
			assert.Equal(t, want[i], v.String())
			back, err := parse(b)
			require.NoError(t, err)
			assert.Equal(t, v, back)
		}
		assert.False(t, zero.Valid())
		_, err := zero.MarshalText()
		assert.ErrorIs(t, err, problem.ErrInvalidValue)
		_, err = parse([]byte("bogus"))
		assert.ErrorIs(t, err, problem.ErrInvalidValue)
		_, err = parse(nil)
		assert.ErrorIs(t, err, problem.ErrInvalidValue, "the empty name of the zero value never parses")
	}
	t.Run("Decision", func(t *testing.T) {
		var vs []textEnum
		for _, v := range soa.Dispositions() {
			vs = append(vs, v)
		}
		check(t, vs, func(b []byte) (textEnum, error) { var v soa.Disposition; err := v.UnmarshalText(b); return v, err },
			soa.Disposition(0), []string{"applicable", "not-applicable", "tailored", "inherited"})
	})
	t.Run("Status", func(t *testing.T) {
		var vs []textEnum
		for _, v := range soa.Statuses() {
			vs = append(vs, v)
		}
		check(t, vs, func(b []byte) (textEnum, error) { var v soa.Status; err := v.UnmarshalText(b); return v, err },
			soa.Status(0), []string{"planned", "in-progress", "implemented", "verified"})
	})
	t.Run("Basis", func(t *testing.T) {
		var vs []textEnum
		for _, v := range soa.DecisionBases() {
			vs = append(vs, v)
		}
		check(t, vs, func(b []byte) (textEnum, error) { var v soa.DecisionBasis; err := v.UnmarshalText(b); return v, err },
			soa.DecisionBasis(0), []string{"risk", "context", "baseline", "override", "unassessed", "migrated"})
	})
	t.Run("Action", func(t *testing.T) {
		var vs []textEnum
		for _, v := range soa.MigrationActions() {
			vs = append(vs, v)
		}
		check(t, vs, func(b []byte) (textEnum, error) { var v soa.MigrationAction; err := v.UnmarshalText(b); return v, err },
			soa.MigrationAction(0), []string{"carried", "re-keyed", "merged", "opened", "retired"})
	})
}

func TestDecisionPredicates(t *testing.T) {
	assert.True(t, soa.Applicable.Applies())
	assert.True(t, soa.Tailored.Applies())
	assert.True(t, soa.Inherited.Applies())
	assert.False(t, soa.NotApplicable.Applies())
	assert.False(t, soa.Disposition(0).Applies())
	assert.Equal(t, "unset", soa.Disposition(0).String())
	assert.Equal(t, "invalid(99)", soa.Disposition(99).String())
	assert.Equal(t, "unset", soa.Status(0).String())
	assert.Equal(t, "invalid(-1)", soa.DecisionBasis(-1).String())
	assert.Equal(t, "unset", soa.MigrationAction(0).String())
	assert.Equal(t, "invalid(11)", soa.DiffKind(11).String())
	_, err := soa.Disposition(99).MarshalText()
	require.Error(t, err)
	assert.Equal(t, "soa: decision invalid(99): invalid value (want applicable, not-applicable, tailored, inherited)", err.Error(), "no stutter")
}

func TestFlags(t *testing.T) {
	for _, f := range soa.Flags() {
		assert.True(t, f.Known())
		var back soa.Flag
		require.NoError(t, back.UnmarshalText([]byte(f)))
		assert.Equal(t, f, back)
	}
	var f soa.Flag
	assert.ErrorIs(t, f.UnmarshalText([]byte("new")), problem.ErrInvalidValue)
	e := soa.Entry{Flags: []soa.Flag{soa.FlagReKeyed}}
	assert.True(t, e.HasFlag(soa.FlagReKeyed))
	assert.False(t, e.HasFlag(soa.FlagMerged))
}
