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

// TestLocate: a group's document names a file, a part of a file (one record
// of an OSV array file) or something that is no file (the report's own
// members, SBOM data set by a program).
func TestLocate(t *testing.T) {
	for _, tt := range []struct {
		document string
		want     location
	}{
		{"", location{uri: "d/dossier.json", document: "d/dossier.json"}},
		{"#/sbom", location{uri: "d/dossier.json", prefix: "/sbom", document: "d/dossier.json"}},
		{"register.json", location{uri: "d/register.json", document: "d/register.json"}},
		{"osv.json#/1", location{uri: "d/osv.json", prefix: "/1", document: "d/osv.json"}},
		{"report#/soa", location{document: "report#/soa"}},
		{"sbom", location{document: "sbom"}},
	} {
		assert.Equal(t, tt.want, locate("d/dossier.json", tt.document), tt.document)
	}
}
