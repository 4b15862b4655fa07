package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/schema"
)

// The official schemas the packages sarif, attest and oscal validate their
// output against in their own tests (each package's testdata or sbom's
// schemas say where they come from), compiled once.
var officialSchemas = sync.OnceValue(func() map[string]*schema.Schema {
	read := func(path ...string) []byte {
		b, err := os.ReadFile(filepath.Join(append([]string{"..", ".."}, path...)...))
		if err != nil {
			panic(err)
		}
		return b
	}
	const cdxBase = "http://cyclonedx.org/schema/"
	var extra []schema.Resource
	for _, f := range []string{"spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"} {
		extra = append(extra, schema.Resource{URL: cdxBase + f, Data: read("sbom", "schemas", "cyclonedx", f)})
	}
	return map[string]*schema.Schema{
		"sarif": schema.MustCompile("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
			read("sarif", "testdata", "sarif-schema-2.1.0.json")),
		"cyclonedx": schema.MustCompile(cdxBase+"bom-1.6.schema.json", read("sbom", "schemas", "cyclonedx", "bom-1.6.schema.json"), extra...),
		"oscal": schema.MustCompile("http://csrc.nist.gov/ns/oscal/1.0/1.2.2/oscal-complete-schema.json",
			read("oscal", "testdata", "oscal_complete_schema-1.2.2.json")),
	}
})

// TestExportFormats: -format sarif, cyclonedx and oscal write the
// assessment as a SARIF log, a CycloneDX attestation and OSCAL assessment
// results, each valid by its official schema, with the exit status of the
// verdict whatever the format.
func TestExportFormats(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"embedded example", nil, exitGaps},
		{"holding dossier", []string{"-now", holdsNow, holdsDossier}, exitHolds},
		{"2018 dossier", []string{"-now", holdsNow, plc2018Dossier}, exitGaps},
	} {
		for _, format := range []string{"sarif", "cyclonedx", "oscal"} {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				if testing.Short() && tc.name != "embedded example" {
					t.Skip("validates large documents")
				}
				var out, errOut bytes.Buffer
				code := run(append([]string{"-format", format}, tc.args...), &out, &errOut, clock)
				require.Equal(t, tc.code, code, errOut.String())
				assert.Empty(t, errOut.String())
				var doc map[string]any
				dec := json.NewDecoder(bytes.NewReader(out.Bytes()))
				dec.UseNumber()
				require.NoError(t, dec.Decode(&doc), "the %s output is JSON", format)
				require.NotEmpty(t, doc)
				assert.Empty(t, officialSchemas()[format].Validate(doc), "valid by the official %s schema", format)
				text := out.String()
				switch format {
				case "sarif":
					assert.Equal(t, "2.1.0", doc["version"])
					assert.Contains(t, text, `"ruleId": "`, "one result per finding")
					assert.Contains(t, text, `"uri": "dossier.json"`, "results located in the dossier")
				case "cyclonedx":
					assert.Equal(t, "CycloneDX", doc["bomFormat"])
					assert.Contains(t, text, `"declarations"`, "an attestation of the assessment")
				case "oscal":
					require.Contains(t, doc, "assessment-results")
					assert.Contains(t, text, `"risks"`, "the register's risks")
					assert.NotContains(t, text, "Verdict on the presumption of conformity")
				}
			})
		}
	}
}

// TestUnknownFormat: a format the program does not write is bad usage and
// the message lists the formats it does.
func TestUnknownFormat(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, exitBadInput, run([]string{"-format", "pdf"}, &out, &errOut, clock))
	assert.Empty(t, out.String())
	assert.Equal(t, "assess: unknown format \"pdf\" (want "+strings.Join(formats, ", ")+")\n", errOut.String())
	assert.Equal(t, []string{"md", "json", "html", "sarif", "cyclonedx", "oscal"}, formats)
}
