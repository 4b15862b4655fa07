package sbom

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/gocsaf/csaf/v3/csaf"
	"github.com/stretchr/testify/require"
)

// officialCSAFErrors validates data against the official CSAF 2.0 JSON
// schema (with the CVSS schemas it references) as embedded in
// github.com/gocsaf/csaf/v3, offline, and returns the schema violations.
// The module is a test dependency only: the library does not import it.
func officialCSAFErrors(t testing.TB, data []byte) []string {
	t.Helper()
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	errs, err := csaf.ValidateCSAF(doc)
	require.NoError(t, err, "the official schema compiles offline")
	return errs
}
