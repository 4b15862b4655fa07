package iec62443_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// exampleDir is the embedded example dossier of examples/assess.
const exampleDir = "examples/assess/dossier"

var exampleNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func loadExample(t testing.TB) *iec62443.Dossier {
	t.Helper()
	d, err := iec62443.Load(os.DirFS(exampleDir), "dossier.json", nil)
	require.NoError(t, err)
	return d
}

func TestLoadExample(t *testing.T) {
	d := loadExample(t)
	assert.Equal(t, "Acme CX-500 programmable logic controller", d.Product.Name)
	assert.Equal(t, requirement.EditionA11, d.Edition)
	assert.Equal(t, "register.json", d.Register.Path)
	require.NotNil(t, d.Register.Value)
	require.NotNil(t, d.Evidence.Value)
	require.NotNil(t, d.TestRecords.Value)
	assert.NotEmpty(t, *d.TestRecords.Value)
	assert.NotEmpty(t, d.SBOM.Data)
	assert.Len(t, d.SoA.Overrides, 71)
}

func TestDossierRoundTrip(t *testing.T) {
	d := loadExample(t)
	var buf bytes.Buffer
	require.NoError(t, iec62443.Encode(&buf, d))
	d2, err := iec62443.Decode(bytes.NewReader(buf.Bytes()), os.DirFS(exampleDir), nil)
	require.NoError(t, err)
	assert.Equal(t, d, d2)
	// the encoding validates against the published schema
	s := schema.MustCompile(iec62443.DossierSchemaID, iec62443.DossierSchema(),
		schema.Resource{URL: "https://github.com/sdlkit/iec62443/schemas/annex-b-context-1.json", Data: annex.ContextSchema()},
		schema.Resource{URL: soa.SchemaID, Data: soa.Schema()})
	tree, errs := docjson.Parse(buf.Bytes(), docjson.Limits{})
	require.Nil(t, errs)
	assert.Empty(t, s.Validate(tree))
	var buf2 bytes.Buffer
	require.NoError(t, iec62443.Encode(&buf2, d2))
	assert.Equal(t, buf.String(), buf2.String())
}

func TestDossierInlineAndYAML(t *testing.T) {
	reg, err := os.ReadFile(filepath.Join(exampleDir, "register.json"))
	require.NoError(t, err)
	doc := `{"schema_version": "1", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
	  "register": ` + string(reg) + `}`
	d, err := iec62443.Decode(strings.NewReader(doc), nil, nil)
	require.NoError(t, err)
	require.NotNil(t, d.Register.Value)
	assert.Empty(t, d.Register.Path)
	assert.Equal(t, requirement.EditionA11, d.Edition, "edition defaults to A11")

	yamlDoc := "schema_version: \"1\"\nproduct: {name: P, version: \"1\"}\nmanufacturer: {name: M}\n" +
		"context: {kind: software, exposure: plant-network, target_sl_c: 1}\nregister: register.json\n"
	fsys := fstest.MapFS{"register.json": {Data: reg}}
	dy, err := iec62443.DecodeYAML(strings.NewReader(yamlDoc), fsys, nil)
	require.NoError(t, err)
	assert.Equal(t, d.Register.Value, dy.Register.Value)

	_, err = iec62443.DecodeYAML(strings.NewReader("a: [1, 2\n"), nil, nil)
	assert.ErrorIs(t, err, requirement.ErrSyntax)
}

// located returns the problems of err by "source#pointer".
func located(t *testing.T, err error) map[string]*requirement.LocatedError {
	t.Helper()
	require.Error(t, err)
	var list requirement.LocatedErrors
	require.ErrorAs(t, err, &list, "want a located list, got %v", err)
	out := map[string]*requirement.LocatedError{}
	for _, e := range list {
		out[e.Source+"#"+e.Pointer] = e
	}
	return out
}

func TestDossierMistakesAllLocated(t *testing.T) {
	_, err := iec62443.Load(os.DirFS("testdata/bad-dossier"), "dossier.json", nil)
	got := located(t, err)
	want := map[string]error{
		"#/schema_version":                            requirement.ErrSchema,            // wrong schema_version
		"#/soa/overrides/3/evidence/0/sha256":         requirement.ErrSchema,            // bad evidence digest
		"#/product":                                   requirement.ErrSchema,            // unknown field
		"#/context/exposure":                          requirement.ErrSchema,            // unknown enum value
		"#/advisories/0/published":                    requirement.ErrSchema,            // bad date format
		"#/advisories/1/format":                       requirement.ErrSchema,            // unknown advisory format
		"#/events/0/kind":                             requirement.ErrSchema,            // unknown event kind
		"#/test_records":                              requirement.ErrInvalidValue,      // path traversal
		"#/sbom/path":                                 requirement.ErrDanglingReference, // SBOM file missing
		"#/soa/overrides/0/requirement":               requirement.ErrUnknownID,         // unknown requirement
		"#/soa/overrides/2/requirement":               requirement.ErrDuplicate,         // duplicate override
		"register.json#/mitigations/0/requirements/3": requirement.ErrUnknownID,         // unknown requirement in a referenced file
		"register.json#/risks/0/threats/1":            requirement.ErrDanglingReference, // dangling threat reference
		"evidence.json#/evidence/2/requirements/0":    requirement.ErrUnknownID,         // unknown requirement
		"evidence.json#/evidence/3/release":           requirement.ErrDanglingReference, // release not in scope
	}
	for key, sentinel := range want {
		e, ok := got[key]
		if !assert.True(t, ok, "missing problem %s; got %v", key, err) {
			continue
		}
		if sentinel != nil {
			require.ErrorIs(t, e, sentinel, key)
		}
	}
	require.ErrorIs(t, err, requirement.ErrInvalidDocument)
	assert.Len(t, got, len(want), "every mistake is reported in one run, nothing else: %v", err)
}

func TestDossierPathTraversal(t *testing.T) {
	for _, ref := range []string{"../register.json", "/etc/passwd", "a/../../register.json", `..\register.json`, "./register.json", ""} {
		t.Run(ref, func(t *testing.T) {
			doc := `{"schema_version": "1", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
			  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1}, "register": "` + strings.ReplaceAll(ref, `\`, `\\`) + `"}`
			_, err := iec62443.Decode(strings.NewReader(doc), fstest.MapFS{}, nil)
			got := located(t, err)
			assert.Contains(t, got, "#/register", "%v", err)
		})
	}
	doc := `{"schema_version": "1", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1}, "register": "register.json"}`
	_, err := iec62443.Decode(strings.NewReader(doc), nil, nil)
	assert.ErrorIs(t, err, requirement.ErrDanglingReference, "a reference without fs.FS")
}

func TestDossierLimits(t *testing.T) {
	big := `{"schema_version": "1", "product": {"name": "` + strings.Repeat("x", 4096) + `"}}`
	_, err := iec62443.Decode(strings.NewReader(big), nil, &iec62443.LoadOptions{MaxBytes: 1024})
	assert.ErrorIs(t, err, requirement.ErrLimit)
	_, err = iec62443.Decode(strings.NewReader(`{"schema_version": "1", "schema_version": "1"}`), nil, nil)
	assert.ErrorIs(t, err, requirement.ErrDuplicateKey)
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func TestDossierInlineSBOM(t *testing.T) {
	reg, err := os.ReadFile(filepath.Join(exampleDir, "register.json"))
	require.NoError(t, err)
	bom, err := os.ReadFile(filepath.Join(exampleDir, "sbom.cdx.json"))
	require.NoError(t, err)
	head := `{"schema_version": "1", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1}, "register": "register.json", `
	fsys := fstest.MapFS{"register.json": {Data: reg}, "sbom.cdx.json": {Data: bom}, "bad.cdx.json": {Data: []byte(`{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": 3}`)}}

	inline, err := iec62443.Decode(strings.NewReader(head+`"sbom": {"inline": `+string(bom)+`}}`), fsys, nil)
	require.NoError(t, err)
	fromFile, err := iec62443.Decode(strings.NewReader(head+`"sbom": {"path": "sbom.cdx.json"}}`), fsys, nil)
	require.NoError(t, err)
	require.NotNil(t, inline.SBOM.Inventory, "Load parses the inline SBOM")
	assert.Equal(t, fromFile.SBOM.Inventory, inline.SBOM.Inventory, "inline and file give the same inventory")
	assert.Empty(t, inline.SBOM.Path)

	// Encode writes the inline SBOM back inline, and the result decodes to the same dossier.
	var buf bytes.Buffer
	require.NoError(t, iec62443.Encode(&buf, inline))
	again, err := iec62443.Decode(bytes.NewReader(buf.Bytes()), fsys, nil)
	require.NoError(t, err)
	assert.Equal(t, inline.SBOM.Inventory, again.SBOM.Inventory)

	// Both assessed: the same SBOM summary.
	ra, err := iec62443.Assess(inline, &iec62443.Options{Now: exampleNow})
	require.NoError(t, err)
	rf, err := iec62443.Assess(fromFile, &iec62443.Options{Now: exampleNow})
	require.NoError(t, err)
	assert.Equal(t, rf.SBOM, ra.SBOM)

	for name, tc := range map[string]struct {
		sbom, key string
		want      error
	}{
		"path and inline":  {`{"path": "sbom.cdx.json", "inline": {}}`, "#/sbom", requirement.ErrSchema},
		"neither":          {`{"format": "cyclonedx-json"}`, "#/sbom", requirement.ErrSchema},
		"inline XML":       {`{"format": "cyclonedx-xml", "inline": {"bomFormat": "CycloneDX"}}`, "#/sbom/format", requirement.ErrInvalidValue},
		"malformed inline": {`{"inline": {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": 3}}`, "#/sbom/inline", requirement.ErrSyntax},
		"malformed file":   {`{"path": "bad.cdx.json"}`, "bad.cdx.json#", requirement.ErrSyntax},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := iec62443.Decode(strings.NewReader(head+`"sbom": `+tc.sbom+`}`), fsys, nil)
			got := located(t, err)
			keys := make([]string, 0, len(got))
			for k, e := range got {
				keys = append(keys, k)
				if strings.HasPrefix(k, tc.key) {
					assert.ErrorIs(t, e, tc.want)
				}
			}
			found := false
			for _, k := range keys {
				found = found || strings.HasPrefix(k, tc.key)
			}
			assert.True(t, found, "want a problem at %s, got %v", tc.key, keys)
		})
	}
}
