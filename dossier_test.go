package iec62443_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/sbom"
	"github.com/sdlkit/iec62443/soa"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// exampleDir is the embedded example dossier of examples/assess.
const exampleDir = "examples/assess/dossier"

var exampleNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// ctx is the context of the calls that are not about cancellation.
var ctx = context.Background()

// exampleDossier is the example dossier, loaded once for every test that
// reads it: loading runs every schema and decoder, which costs under -race.
var exampleDossier = sync.OnceValues(func() (*iec62443.Dossier, error) {
	return iec62443.Load(context.Background(), os.DirFS(exampleDir), "dossier.json", nil)
})

// loadExample returns a shallow copy of the example dossier: a test may
// replace its fields, but must not modify what they point to (clone first).
func loadExample(t testing.TB) *iec62443.Dossier {
	t.Helper()
	d, err := exampleDossier()
	require.NoError(t, err)
	c := *d
	return &c
}

func TestLoadExample(t *testing.T) {
	d := loadExample(t)
	assert.Equal(t, "Acme CX-500 programmable logic controller", d.Product.Name)
	assert.Equal(t, requirement.EditionA11, d.Edition)
	require.NotNil(t, d.Register)
	require.NotNil(t, d.Evidence)
	assert.NotEmpty(t, d.TestRecords)
	assert.Equal(t, iec62443.Paths{Register: "register.json", Evidence: "evidence.json", TestRecords: "tests.json",
		OSV: "osv", VEX: "vex.json", OSVRecords: []string{"osv/SYNTH-2026-0101.json", "osv/SYNTH-2026-0102.json",
			"osv/SYNTH-2026-0103.json", "osv/SYNTH-2026-0104.json", "osv/SYNTH-2026-0105.json", "osv/SYNTH-2026-0106.json"}}, d.Paths,
		"the README beside the OSV records is not read")
	assert.Len(t, d.Monitoring.OSV, 6)
	assert.Len(t, d.Monitoring.VEX, 2)
	assert.NotEmpty(t, d.SBOM.Data)
	assert.Len(t, d.SoA.Overrides, 71)
}

func TestDossierRoundTrip(t *testing.T) {
	d := loadExample(t)
	var buf bytes.Buffer
	require.NoError(t, iec62443.Encode(&buf, d))
	d2, err := iec62443.Decode(ctx, bytes.NewReader(buf.Bytes()), os.DirFS(exampleDir), nil)
	require.NoError(t, err)
	assert.Equal(t, d, d2)
	// the encoding validates against the published schema
	tree, errs := docjson.Parse(buf.Bytes(), docjson.Limits{})
	require.Nil(t, errs)
	assert.Empty(t, dossierSchema().Validate(tree))
	var buf2 bytes.Buffer
	require.NoError(t, iec62443.Encode(&buf2, d2))
	assert.Equal(t, buf.String(), buf2.String())
}

func TestDossierInlineAndYAML(t *testing.T) {
	reg, err := os.ReadFile(filepath.Join(exampleDir, "register.json"))
	require.NoError(t, err)
	doc := `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
	  "register": ` + string(reg) + `}`
	d, err := iec62443.Decode(ctx, strings.NewReader(doc), nil, nil)
	require.NoError(t, err)
	require.NotNil(t, d.Register)
	assert.Empty(t, d.Paths.Register)
	assert.Equal(t, requirement.EditionA11, d.Edition)

	yamlDoc := "schema_version: \"1\"\nedition: A11\nproduct: {name: P, version: \"1\"}\nmanufacturer: {name: M}\n" +
		"context: {kind: software, exposure: plant-network, target_sl_c: 1}\nregister: register.json\n"
	fsys := fstest.MapFS{"register.json": {Data: reg}}
	dy, err := iec62443.DecodeYAML(ctx, strings.NewReader(yamlDoc), fsys, nil)
	require.NoError(t, err)
	assert.Equal(t, d.Register, dy.Register)

	_, err = iec62443.DecodeYAML(ctx, strings.NewReader("a: [1, 2\n"), nil, nil)
	assert.ErrorIs(t, err, problem.ErrSyntax)
}

// located returns the problems of err by "source#pointer".
func located(t *testing.T, err error) map[string]*problem.Error {
	t.Helper()
	require.Error(t, err)
	var list problem.List
	require.ErrorAs(t, err, &list, "want a located list, got %v", err)
	out := map[string]*problem.Error{}
	for _, e := range list {
		out[e.Source+"#"+e.Pointer] = e
	}
	return out
}

// badDossier returns testdata/bad-dossier with the dossier's edition member
// replaced by edition (raw JSON).
func badDossier(t *testing.T, edition string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"dossier.json", "register.json", "evidence.json"} {
		b, err := os.ReadFile(filepath.Join("testdata/bad-dossier", name))
		require.NoError(t, err)
		fsys[name] = &fstest.MapFile{Data: b}
	}
	doc := string(fsys["dossier.json"].Data)
	require.Contains(t, doc, `"edition": "A11"`)
	fsys["dossier.json"].Data = []byte(strings.Replace(doc, `"edition": "A11"`, `"edition": `+edition, 1))
	return fsys
}

func TestDossierMistakesAllLocated(t *testing.T) {
	for _, tc := range []struct {
		name, edition string
		editionBad    bool
	}{
		{"edition A11", `"A11"`, false},
		{"unknown edition", `"2019"`, true},
		{"edition of the wrong type", `2019`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testDossierMistakes(t, badDossier(t, tc.edition), tc.editionBad)
		})
	}
}

func testDossierMistakes(t *testing.T, fsys fstest.MapFS, editionBad bool) {
	_, err := iec62443.Load(ctx, fsys, "dossier.json", nil)
	got := located(t, err)
	want := map[string]error{
		"#/schema_version":                            problem.ErrSchema,            // wrong schema_version
		"#/soa/overrides/3/evidence/0/sha256":         problem.ErrSchema,            // bad evidence digest
		"#/product":                                   problem.ErrSchema,            // unknown field
		"#/context/exposure":                          problem.ErrSchema,            // unknown enum value
		"#/advisories/0/published":                    problem.ErrSchema,            // bad date format
		"#/advisories/1/format":                       problem.ErrSchema,            // unknown advisory format
		"#/events/0/kind":                             problem.ErrSchema,            // unknown event kind
		"#/test_records":                              problem.ErrInvalidValue,      // path traversal
		"#/sbom/path":                                 problem.ErrDanglingReference, // SBOM file missing
		"#/soa/overrides/0/requirement":               problem.ErrUnknownID,         // unknown requirement
		"#/soa/overrides/2/requirement":               problem.ErrDuplicate,         // duplicate override
		"register.json#/mitigations/0/requirements/3": problem.ErrUnknownID,         // unknown requirement in a referenced file
		"register.json#/risks/0/threats/1":            problem.ErrDanglingReference, // dangling threat reference
		"evidence.json#/evidence/2/requirements/0":    problem.ErrUnknownID,         // unknown requirement
		"evidence.json#/evidence/3/release":           problem.ErrDanglingReference, // release not in scope
	}
	if editionBad {
		// One problem for the edition, and the rest still checked (against A11).
		want["#/edition"] = problem.ErrUnknownEdition
		var list problem.List
		require.ErrorAs(t, err, &list)
		n := 0
		for _, e := range list {
			if e.Source == "" && e.Pointer == "/edition" {
				n++
				assert.Contains(t, e.Message, "A11 catalog", "the message says what the rest was checked against")
			}
		}
		assert.Equal(t, 1, n, "one problem at /edition: %v", list)
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
	require.ErrorIs(t, err, problem.ErrInvalidDocument)
	assert.Len(t, got, len(want), "every mistake is reported in one run, nothing else: %v", err)
}

func TestDossierPathTraversal(t *testing.T) {
	for _, ref := range []string{"../register.json", "/etc/passwd", "a/../../register.json", `..\register.json`, "./register.json", ""} {
		t.Run(ref, func(t *testing.T) {
			doc := `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
			  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1}, "register": "` + strings.ReplaceAll(ref, `\`, `\\`) + `"}`
			_, err := iec62443.Decode(ctx, strings.NewReader(doc), fstest.MapFS{}, nil)
			got := located(t, err)
			assert.Contains(t, got, "#/register", "%v", err)
		})
	}
	doc := `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1}, "register": "register.json"}`
	_, err := iec62443.Decode(ctx, strings.NewReader(doc), nil, nil)
	assert.ErrorIs(t, err, problem.ErrDanglingReference, "a reference without fs.FS")
}

func TestDossierLimits(t *testing.T) {
	big := `{"schema_version": "1", "product": {"name": "` + strings.Repeat("x", 4096) + `"}}`
	_, err := iec62443.Decode(ctx, strings.NewReader(big), nil, &iec62443.LoadOptions{Limits: requirement.Limits{MaxBytes: 1024}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = iec62443.Decode(ctx, strings.NewReader(`{"schema_version": "1", "schema_version": "1"}`), nil, nil)
	assert.ErrorIs(t, err, problem.ErrDuplicateKey)
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// sameInventory compares what an inventory says (its exported fields): the
// package keeps the decoded document beside it, which may differ in form.
func sameInventory(t *testing.T, want, got *sbom.Inventory, msg string) {
	t.Helper()
	require.NotNil(t, want, msg)
	require.NotNil(t, got, msg)
	assert.Equal(t, want.Components, got.Components, msg)
	assert.Equal(t, want.Subject, got.Subject, msg)
	assert.Equal(t, []any{want.Format, want.SpecVersion, want.SerialNumber, want.Version, want.Timestamp, want.Authors, want.Manufacturer},
		[]any{got.Format, got.SpecVersion, got.SerialNumber, got.Version, got.Timestamp, got.Authors, got.Manufacturer}, msg)
}

func TestDossierInlineSBOM(t *testing.T) {
	reg, err := os.ReadFile(filepath.Join(exampleDir, "register.json"))
	require.NoError(t, err)
	bom, err := os.ReadFile(filepath.Join(exampleDir, "sbom.cdx.json"))
	require.NoError(t, err)
	head := `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1}, "register": "register.json", `
	fsys := fstest.MapFS{"register.json": {Data: reg}, "sbom.cdx.json": {Data: bom}, "bad.cdx.json": {Data: []byte(`{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": 3}`)}}

	inline, err := iec62443.Decode(ctx, strings.NewReader(head+`"sbom": {"inline": `+string(bom)+`}}`), fsys, nil)
	require.NoError(t, err)
	fromFile, err := iec62443.Decode(ctx, strings.NewReader(head+`"sbom": {"path": "sbom.cdx.json"}}`), fsys, nil)
	require.NoError(t, err)
	require.NotNil(t, inline.SBOM.Inventory, "Load parses the inline SBOM")
	sameInventory(t, fromFile.SBOM.Inventory, inline.SBOM.Inventory, "inline and file give the same inventory")
	assert.Empty(t, inline.SBOM.Path)

	// Encode writes the inline SBOM back inline, and the result decodes to the same dossier.
	var buf bytes.Buffer
	require.NoError(t, iec62443.Encode(&buf, inline))
	again, err := iec62443.Decode(ctx, bytes.NewReader(buf.Bytes()), fsys, nil)
	require.NoError(t, err)
	sameInventory(t, inline.SBOM.Inventory, again.SBOM.Inventory, "written back inline")

	// Both assessed: the same SBOM summary.
	ra, err := iec62443.Assess(ctx, inline, exampleNow, nil)
	require.NoError(t, err)
	rf, err := iec62443.Assess(ctx, fromFile, exampleNow, nil)
	require.NoError(t, err)
	assert.Equal(t, rf.SBOM, ra.SBOM)

	for name, tc := range map[string]struct {
		sbom, key string
		want      error
	}{
		"path and inline":  {`{"path": "sbom.cdx.json", "inline": {}}`, "#/sbom", problem.ErrSchema},
		"neither":          {`{"format": "cyclonedx-json"}`, "#/sbom", problem.ErrSchema},
		"inline XML":       {`{"format": "cyclonedx-xml", "inline": {"bomFormat": "CycloneDX"}}`, "#/sbom/format", problem.ErrInvalidValue},
		"malformed inline": {`{"inline": {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": 3}}`, "#/sbom/inline", problem.ErrSchema},
		"malformed file":   {`{"path": "bad.cdx.json"}`, "bad.cdx.json#", problem.ErrSchema},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := iec62443.Decode(ctx, strings.NewReader(head+`"sbom": `+tc.sbom+`}`), fsys, nil)
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

func TestDossierYAMLDuplicateKeys(t *testing.T) {
	reg, err := os.ReadFile(filepath.Join(exampleDir, "register.json"))
	require.NoError(t, err)
	regYAML, err := yaml.JSONToYAML(reg)
	require.NoError(t, err)
	head := "schema_version: \"1\"\nedition: A11\nproduct:\n  name: P\n  version: \"1\"\nmanufacturer: {name: M}\n" +
		"context: {kind: software, exposure: plant-network, target_sl_c: 1}\n"
	fsys := fstest.MapFS{
		"register.yaml": {Data: regYAML},
		// the same key twice at the top and twice in the intended use
		"dup.yaml": {Data: []byte("schema_version: \"1\"\n" + strings.Replace(string(regYAML), "intended_use:\n", "intended_use:\n  summary: x\n  summary: y\n", 1))},
	}
	require.Contains(t, string(regYAML), "schema_version:", "the duplicate is a real one")
	_, err = iec62443.DecodeYAML(ctx, strings.NewReader(head+"register: register.yaml\n"), fsys, nil)
	require.NoError(t, err, "the register is valid as YAML")

	for name, tc := range map[string]struct {
		doc    string
		source string
		lines  []string
	}{
		"in the dossier": {
			doc: head + "register: register.yaml\nproduct: {name: Q, version: \"2\"}\n", lines: []string{"line 9"},
		},
		"nested in the dossier": {
			doc: strings.Replace(head, "  name: P\n", "  name: P\n  name: Q\n", 1) + "register: register.yaml\n", lines: []string{"line 5"},
		},
		"in a referenced YAML file": {
			doc: head + "register: dup.yaml\n", source: "dup.yaml", lines: []string{`key "schema_version"`, `key "summary"`},
		},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := iec62443.DecodeYAML(ctx, strings.NewReader(tc.doc), fsys, nil)
			require.ErrorIs(t, err, problem.ErrDuplicateKey, "%v", err)
			var list problem.List
			require.ErrorAs(t, err, &list)
			require.Len(t, list, len(tc.lines), "one problem per duplicate: %v", list)
			var msgs []string
			for _, e := range list {
				assert.ErrorIs(t, e, problem.ErrDuplicateKey)
				assert.Equal(t, tc.source, e.Source)
				assert.Contains(t, e.Message, "line ", "the message gives the line")
				msgs = append(msgs, e.Message)
			}
			for _, want := range tc.lines {
				assert.True(t, slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, want) }), "a problem says %s: %v", want, msgs)
			}
		})
	}
	// A YAML syntax error is still a syntax error, not a duplicate.
	_, err = iec62443.DecodeYAML(ctx, strings.NewReader("a: [1, 2\n"), nil, nil)
	assert.ErrorIs(t, err, problem.ErrSyntax)
	assert.NotErrorIs(t, err, problem.ErrDuplicateKey)
}

func TestEncodeProgramSetSBOM(t *testing.T) {
	loaded := loadExample(t)
	require.NotNil(t, loaded.SBOM.Inventory)
	cdx, err := os.ReadFile(filepath.Join(exampleDir, "sbom.cdx.json"))
	require.NoError(t, err)
	spdx, err := os.ReadFile("sbom/testdata/spdx/gateway.spdx.json")
	require.NoError(t, err)
	spdxInv, err := sbom.DecodeSPDX(ctx, bytes.NewReader(spdx), nil)
	require.NoError(t, err)

	for name, tc := range map[string]struct {
		ref  iec62443.SBOMRef
		want *sbom.Inventory
	}{
		"cyclonedx-json":          {iec62443.SBOMRef{Format: "cyclonedx-json", Data: cdx}, loaded.SBOM.Inventory},
		"cyclonedx-json, guessed": {iec62443.SBOMRef{Data: cdx}, loaded.SBOM.Inventory},
		"spdx-json":               {iec62443.SBOMRef{Format: "spdx-json", Data: spdx}, spdxInv},
		"spdx-json, guessed":      {iec62443.SBOMRef{Data: spdx}, spdxInv},
	} {
		t.Run(name, func(t *testing.T) {
			d := *loaded
			d.SBOM = tc.ref
			// The example's VEX statements name components of its own SBOM.
			d.Monitoring, d.Paths.OSV, d.Paths.OSVRecords, d.Paths.VEX = iec62443.VulnerabilityMonitoring{}, "", nil, ""
			var buf bytes.Buffer
			require.NoError(t, iec62443.Encode(&buf, &d))
			assert.Equal(t, tc.ref, d.SBOM, "Encode does not modify the dossier")
			tree, errs := docjson.Parse(buf.Bytes(), docjson.Limits{})
			require.Nil(t, errs)
			assert.Empty(t, dossierSchema().Validate(tree), "the output validates against the dossier schema")
			back, err := iec62443.Decode(ctx, bytes.NewReader(buf.Bytes()), os.DirFS(exampleDir), nil)
			require.NoError(t, err)
			assert.Empty(t, back.SBOM.Path)
			assert.NotEmpty(t, back.SBOM.Inline, "written inline")
			sameInventory(t, tc.want, back.SBOM.Inventory, "decodes back to the same inventory")
		})
	}

	for name, ref := range map[string]iec62443.SBOMRef{
		"XML data without a path":         {Format: "cyclonedx-xml", Data: []byte(`<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>`)},
		"XML data without a format":       {Data: []byte(`<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>`)},
		"data that is not JSON":           {Format: "cyclonedx-json", Data: []byte(`{"bomFormat": `)},
		"an inventory without data":       {Inventory: loaded.SBOM.Inventory},
		"a format without data or a path": {Format: "spdx-json"},
	} {
		t.Run(name, func(t *testing.T) {
			d := *loaded
			d.SBOM = ref
			var buf bytes.Buffer
			err := iec62443.Encode(&buf, &d)
			require.ErrorIs(t, err, problem.ErrInvalidValue)
			assert.Zero(t, buf.Len(), "nothing written")
		})
	}
}

// dossierSchema compiles the published dossier schema.
func dossierSchema() *schema.Schema {
	return schema.MustCompile(iec62443.DossierSchemaID, iec62443.DossierSchema(),
		schema.Resource{URL: "https://github.com/sdlkit/iec62443/schemas/annex-b-context-1.json", Data: annex.ContextSchema()},
		schema.Resource{URL: soa.SchemaID, Data: soa.Schema()},
		schema.Resource{URL: iec62443.VEXStatementsSchemaID, Data: iec62443.VEXStatementsSchema()})
}
