package problem_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sdlkit/iec62443/problem"
)

func TestErrorText(t *testing.T) {
	assert.Equal(t, "(root): x", (&problem.Error{Message: "x"}).Error())
	assert.Equal(t, "reg.json#/risks/2 (line 7): bad", (&problem.Error{Source: "reg.json", Pointer: "/risks/2", Line: 7, Message: "bad"}).Error())
	assert.Equal(t, "(root) (byte 12): bad", (&problem.Error{Offset: 12, Message: "bad"}).Error())
	var nilErr *problem.Error
	assert.Equal(t, "<nil>", nilErr.Error())
	assert.NoError(t, nilErr.Unwrap())
}

func TestList(t *testing.T) {
	var l problem.List
	assert.NoError(t, l.Err())
	l = problem.List{
		{Pointer: "/b/10", Message: "z", Err: problem.ErrSchema},
		{Pointer: "/b/2", Message: "y", Err: problem.ErrLimit},
		{Pointer: "/b/2", Message: "y", Err: problem.ErrLimit},
		{Source: "a.json", Message: "w", Err: problem.ErrSyntax},
	}
	l.Sort()
	assert.Equal(t, []string{"/b/2", "/b/10", ""}, l.Pointers(), "sorted by source, then pointers with numeric indexes; duplicates removed")
	err := l.Err()
	assert.ErrorIs(t, err, problem.ErrInvalidDocument)
	assert.ErrorIs(t, err, problem.ErrSchema)
	assert.ErrorIs(t, err, problem.ErrSyntax)
	assert.NotErrorIs(t, err, problem.ErrNoDate)
	assert.Equal(t, "/b/2: y (and 2 more problems)", err.Error())
	var got problem.List
	assert.ErrorAs(t, err, &got)
	assert.Len(t, got, 3)
}

// The sentinels carry no package prefix, so a wrapped message never
// stutters ("soa: marshal Decision(99): soa: unknown value").
func TestSentinelTexts(t *testing.T) {
	for _, e := range []error{problem.ErrInvalidDocument, problem.ErrSyntax, problem.ErrSchema, problem.ErrLimit,
		problem.ErrDuplicateKey, problem.ErrInvalidID, problem.ErrUnknownID, problem.ErrUnknownEdition,
		problem.ErrWrongEdition, problem.ErrDuplicate, problem.ErrDanglingReference, problem.ErrInvalidValue,
		problem.ErrNoDate, problem.ErrNilInput, problem.ErrUnsupported, problem.ErrNotRepresentable} {
		assert.NotContains(t, e.Error(), ":", "%q", e)
	}
}
