package located

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestErrorsPointers(t *testing.T) {
	var l Errors
	assert.Equal(t, []string{}, l.Pointers(), "an empty list has no pointers, and a non-nil slice")
	l.Add("/b/10", ErrSchema, "x")
	l.Add("", ErrSyntax, "y")
	l.Add("/b/2", ErrSchema, "z")
	assert.Equal(t, []string{"/b/10", "", "/b/2"}, l.Pointers(), "list order")
	l.Sort()
	assert.Equal(t, []string{"", "/b/2", "/b/10"}, l.Pointers(), "sorted: array indexes numerically")
	p := l.Pointers()
	p[0] = "changed"
	assert.Empty(t, l[0].Pointer, "a fresh slice")
	assert.ErrorIs(t, l.Err(), ErrSchema)
}
