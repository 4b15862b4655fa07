package located

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCapClipsMessages: a message of megabytes (the unknown keys of a hostile
// document) leaves the SDK clipped, with the number of bytes left out; the
// problem count is capped too.
func TestCapClipsMessages(t *testing.T) {
	var l Errors
	long := "additional properties " + strings.Repeat("'kéy', ", 300_000)
	l.Add("", ErrSchema, "%s", long)
	l.Add("/a", ErrSchema, "short")
	err := l.ErrMax(0)
	var list []*Error
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap()[1:] {
		list = append(list, e.(*Error))
	}
	require.Len(t, list, 2)
	msg := list[0].Message
	assert.LessOrEqual(t, len(msg), MaxMessageLen+40)
	assert.True(t, strings.HasPrefix(msg, long[:MaxMessageLen-2]), "the head of the message is kept")
	assert.Regexp(t, `\.\.\. \(\d+ more bytes\)$`, msg)
	assert.True(t, strings.ToValidUTF8(msg, "?") == msg, "cut at a character boundary")
	assert.Equal(t, "short", list[1].Message)
	assert.Len(t, l[0].Message, len(long), "the builder's entry is not modified")

	var many Errors
	for range 5000 {
		many.Add("/x", ErrSchema, "p")
	}
	capped := many.ErrMax(10).(interface{ Unwrap() []error }).Unwrap()
	require.Len(t, capped, 1+11, "ErrInvalidDocument, 10 problems and the summary")
	assert.Contains(t, capped[11].Error(), "and 4990 more problems")
}
