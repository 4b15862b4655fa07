package located

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

// TestCapClipsMessages: a message of megabytes (the unknown keys of a hostile
// document) leaves the SDK clipped, with the number of bytes left out; the
// problem count is capped too.
func TestCapClipsMessages(t *testing.T) {
	var l Errors
	long := "additional properties " + strings.Repeat("'kéy', ", 300_000)
	l.Add("", ErrSchema, "%s", long)
	l.Add("/a", ErrSchema, "short")
	var list problem.List
	require.ErrorAs(t, l.ErrMax(0), &list)
	require.Len(t, list, 2)
	msg := list[0].Message
	assert.LessOrEqual(t, len(msg), MaxMessageLen+40)
	assert.True(t, strings.HasPrefix(msg, long[:MaxMessageLen-2]), "the head of the message is kept")
	assert.Regexp(t, `\.\.\. \(\d+ more bytes\)$`, msg)
	assert.Equal(t, msg, strings.ToValidUTF8(msg, "?"), "cut at a character boundary")
	assert.Equal(t, "short", list[1].Message)
	assert.Len(t, l[0].Message, len(long), "the builder's entry is not modified")

	var many Errors
	for range 5000 {
		many.Add("/x", ErrSchema, "p")
	}
	var capped problem.List
	require.ErrorAs(t, many.ErrMax(10), &capped)
	require.Len(t, capped, 11, "10 problems and the summary")
	assert.Contains(t, capped[10].Error(), "and 4990 more problems")
}
