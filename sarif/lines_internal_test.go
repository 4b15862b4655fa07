package sarif

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPointerLines(t *testing.T) {
	doc := `{
  "a": 1,
  "b": [
    {"c": true},

    {"d/e": null,
     "f~g": "x"}
  ],
  "": [[], {}]
}`
	lines := pointerLines([]byte(doc))
	assert.Equal(t, map[string]int{
		"": 1, "/a": 2, "/b": 3, "/b/0": 4, "/b/0/c": 4, "/b/1": 6, "/b/1/d~1e": 6, "/b/1/f~0g": 7,
		"/": 9, "//0": 9, "//1": 9,
	}, lines)
	assert.Nil(t, pointerLines([]byte("a: 1\nb: [2]\n")), "YAML is not indexed")
	assert.Nil(t, pointerLines([]byte(`{"a": [1, 2}`)), "broken JSON")
	assert.Equal(t, map[string]int{"": 1}, pointerLines([]byte(`42`)))
}

func TestPointerPrefixes(t *testing.T) {
	assert.Equal(t, []string{"/a/b/0", "/a/b", "/a", ""}, pointerPrefixes("/a/b/0"))
	assert.Equal(t, []string{""}, pointerPrefixes(""))
	assert.Equal(t, "d/e", lastToken("/b/1/d~1e"))
	assert.Empty(t, lastToken(""))
}
