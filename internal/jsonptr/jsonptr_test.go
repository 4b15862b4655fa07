package jsonptr_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sdlkit/iec62443/internal/jsonptr"
)

func TestPointers(t *testing.T) {
	assert.Equal(t, "/a~1b/c~0d", jsonptr.Append("", "a/b", "c~d"))
	assert.Equal(t, "/x/3", jsonptr.Index("/x", 3))
	toks, ok := jsonptr.Split("/a~1b/c~0d/")
	assert.True(t, ok)
	assert.Equal(t, []string{"a/b", "c~d", ""}, toks)
	toks, ok = jsonptr.Split("")
	assert.True(t, ok)
	assert.Empty(t, toks)
	for _, bad := range []string{"a", "/~2", "/x~"} {
		assert.False(t, jsonptr.Valid(bad), bad)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "/", "/a~0~1", "/~", "a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks, ok := jsonptr.Split(s)
		if !ok {
			return
		}
		if got := jsonptr.Append("", toks...); got != s {
			t.Fatalf("Split/Append round trip: %q -> %q -> %q", s, toks, got)
		}
	})
}

func TestCompare(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"/components/2", "/components/10", -1},
		{"/components/10", "/components/2", 1},
		{"/a", "/a", 0},
		{"", "/a", -1},
		{"/a", "/a/0", -1},
		{"/b", "/a/0", 1},
		{"/x/007", "/x/7", 0},
		{"/x/9/y", "/x/10", -1},
		{"/x/a", "/x/10", 1},
	} {
		assert.Equal(t, tt.want, jsonptr.Compare(tt.a, tt.b), "%q vs %q", tt.a, tt.b)
	}
}
