package sbom

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeGeneric is what treeParser must give: encoding/json with UseNumber.
func decodeGeneric(t testing.TB, data []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	require.NoError(t, d.Decode(&v))
	return v
}

// TestTreeParser: the generic tree of a JSON value is the one encoding/json
// builds with UseNumber, escapes (lone surrogates too) and numbers alike,
// on small documents and on every SBOM fixture.
func TestTreeParser(t *testing.T) {
	docs := []string{
		`{}`, `[]`, `""`, `0`, `-1.5e+10`, `true`, `false`, `null`, ` [ 1 , "a" , {"b" : [null]} ] `,
		`{"a\u0062":"\u00e9\ud83d\ude00\ud800x","\\":"\/\b\f\n\r\t\""}`,
		`{"n":[1,1.0,1e2,-0,12345678901234567890123]}`,
	}
	for _, f := range repositorySBOMs(t) {
		if f.syntax == SyntaxJSON || f.syntax == SyntaxJSONLD {
			b, err := os.ReadFile(f.path)
			require.NoError(t, err)
			docs = append(docs, string(b))
		}
	}
	var tp treeParser
	for _, d := range docs {
		got, err := tp.parse([]byte(d))
		require.NoError(t, err, d)
		assert.Equal(t, decodeGeneric(t, []byte(d)), got)
	}
	for _, bad := range []string{``, `{`, `[1,`, `{"a" 1}`, `{"a":1,}`, `"x`, `tru`, `{"a":1} x`, `{1:2}`} {
		_, err := tp.parse([]byte(bad))
		assert.Error(t, err, bad)
	}
}

// TestLicenceCache: an expression checked again comes from the cache with
// the same result, and what a caller does with the result does not change
// the cached check.
func TestLicenceCache(t *testing.T) {
	const expr = "GPL-2.0 OR (MIT AND LicenseRef-acme-1)"
	first, err := ParseLicenseExpression(expr)
	require.NoError(t, err)
	ids := first.IDs()
	ids[0] = "changed"
	dep := first.Deprecated()
	dep[0] = "changed"
	again, err := ParseLicenseExpression(expr)
	require.NoError(t, err)
	assert.Equal(t, []string{"GPL-2.0", "MIT", "LicenseRef-acme-1"}, again.IDs())
	assert.Equal(t, []string{"GPL-2.0"}, again.Deprecated())
	assert.Equal(t, checkLicenseUncached(expr), checkLicense(expr))
	licenceCache.RLock()
	_, cached := licenceCache.m[expr]
	licenceCache.RUnlock()
	assert.True(t, cached)

	_, err = ParseLicenseExpression("MIT AND Bogus-1.0")
	require.Error(t, err)
	_, err2 := ParseLicenseExpression("MIT AND Bogus-1.0")
	assert.Equal(t, err.Error(), err2.Error(), "errors from the cache read the same")
}
