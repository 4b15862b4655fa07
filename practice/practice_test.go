package practice_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
)

func TestNumbering(t *testing.T) {
	// hand-written from the facts sheet (1.2) and the A11 renumbering
	tests := []struct {
		p            practice.Practice
		prefix, name string
		n2018, nA11  int
		c2018, cA11  string
	}{
		{practice.SM, "SM", "Security management", 1, 1, "5", "5"},
		{practice.SRM, "SRM", "Security risk management", 0, 2, "", "6"},
		{practice.SR, "SR", "Specification of security requirements", 2, 3, "6", "7"},
		{practice.SD, "SD", "Secure by design", 3, 4, "7", "8"},
		{practice.SI, "SI", "Secure implementation", 4, 5, "8", "9"},
		{practice.SVV, "SVV", "Security verification and validation testing", 5, 6, "9", "10"},
		{practice.DM, "DM", "Management of security-related issues", 6, 7, "10", "11"},
		{practice.SUM, "SUM", "Security update management", 7, 8, "11", "12"},
		{practice.SG, "SG", "Security guidelines", 8, 9, "12", "13"},
	}
	require.Len(t, practice.Values(), len(tests))
	for i, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			assert.Equal(t, tt.p, practice.Values()[i])
			assert.Equal(t, tt.prefix, tt.p.Prefix())
			assert.Equal(t, tt.prefix, tt.p.String())
			assert.Equal(t, tt.name, tt.p.Name())
			assert.NotEmpty(t, tt.p.Purpose())
			n, ok := tt.p.Number(practice.Edition2018)
			assert.Equal(t, tt.n2018, n)
			assert.Equal(t, tt.n2018 != 0, ok)
			assert.Equal(t, ok, tt.p.In(practice.Edition2018))
			n, ok = tt.p.Number(practice.EditionA11)
			assert.True(t, ok)
			assert.Equal(t, tt.nA11, n)
			c, _ := tt.p.Clause(practice.Edition2018)
			assert.Equal(t, tt.c2018, c)
			c, _ = tt.p.Clause(practice.EditionA11)
			assert.Equal(t, tt.cA11, c)
			if tt.n2018 >= 2 {
				assert.Equal(t, tt.n2018+1, tt.nA11, "2018 practice n becomes A11 practice n+1")
			}
			got, ok := practice.ByNumber(practice.EditionA11, tt.nA11)
			assert.True(t, ok)
			assert.Equal(t, tt.p, got)
			assert.True(t, tt.p.Provisional(practice.EditionA11))
			assert.False(t, tt.p.Provisional(practice.Edition2018))
		})
	}
	assert.Len(t, practice.ForEdition(practice.Edition2018), 8)
	assert.Len(t, practice.ForEdition(practice.EditionA11), 9)
	assert.Nil(t, practice.ForEdition(0))
	_, ok := practice.ByNumber(practice.Edition2018, 9)
	assert.False(t, ok)
}

func TestValuesIsFresh(t *testing.T) {
	v := practice.Values()
	v[0] = practice.SG
	assert.Equal(t, practice.SM, practice.Values()[0])
}

func TestText(t *testing.T) {
	for _, p := range practice.Values() {
		b, err := p.MarshalText()
		require.NoError(t, err)
		var back practice.Practice
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, p, back)
	}
	var p practice.Practice
	assert.ErrorIs(t, p.UnmarshalText([]byte("sm")), problem.ErrInvalidValue)
	_, err := practice.Practice(0).MarshalText()
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.Equal(t, "invalid(12)", practice.Practice(12).String())
	assert.Equal(t, "unset", practice.Practice(0).String())
	assert.Equal(t, "unset", practice.Edition(0).String())
	assert.Empty(t, practice.Practice(0).Name())

	for _, e := range practice.Editions() {
		b, err := e.MarshalText()
		require.NoError(t, err)
		var back practice.Edition
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, e, back)
		assert.NotEmpty(t, e.Title())
	}
	e, err := practice.ParseEdition(" a11 ")
	require.NoError(t, err)
	assert.Equal(t, practice.EditionA11, e)
	_, err = practice.ParseEdition("2025")
	assert.ErrorIs(t, err, problem.ErrUnknownEdition)
	_, err = practice.Edition(0).MarshalText()
	assert.ErrorIs(t, err, problem.ErrUnknownEdition)
	assert.True(t, practice.EditionA11.Provisional())
	assert.False(t, practice.Edition2018.Provisional())
}

func ExamplePractice_Number() {
	for _, p := range []practice.Practice{practice.SM, practice.SRM, practice.SVV} {
		n18, in18 := p.Number(practice.Edition2018)
		nA11, _ := p.Number(practice.EditionA11)
		fmt.Printf("%-3s %-45s 2018: %d (%v)  A11: %d\n", p, p.Name(), n18, in18, nA11)
	}
	// Output:
	// SM  Security management                           2018: 1 (true)  A11: 1
	// SRM Security risk management                      2018: 0 (false)  A11: 2
	// SVV Security verification and validation testing  2018: 5 (true)  A11: 6
}
