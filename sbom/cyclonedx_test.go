package sbom

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

func readFixture(t testing.TB, name string) *Inventory {
	t.Helper()
	inv, err := ReadCycloneDX(openFixture(t, name), EncodingJSON, nil)
	require.NoError(t, err)
	return inv
}

func jsonTree(t testing.TB, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	delete(m, "$schema")
	return m
}

func TestReadCycloneDX(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	assert.Equal(t, FormatCycloneDX, inv.Format)
	assert.Equal(t, "1.6", inv.SpecVersion)
	assert.Equal(t, "2026-03-01T10:00:00Z", inv.Timestamp)
	assert.Equal(t, []Party{{Name: "ACME PSIRT", Email: "psirt@acme.example"}}, inv.Authors)
	require.NotNil(t, inv.Subject)
	assert.Equal(t, "gateway-fw", inv.Subject.Name)
	require.Len(t, inv.Components, 3)
	c := inv.Components[2]
	assert.Equal(t, "libcrypto", c.Name)
	assert.Equal(t, "/components/1/components/0", c.Pointer)
	assert.Equal(t, "pkg:generic/openssl@3.0.15", c.Parent)
	z := inv.Components[0]
	assert.Equal(t, Component{
		Ref: "pkg:generic/zlib@1.3.1", Type: "library", Name: "zlib", Version: "1.3.1",
		Supplier:        Party{Name: "Example Supplier"},
		Creator:         Party{Name: "Example Creator", URL: "https://creator.example"},
		PURL:            "pkg:generic/zlib@1.3.1",
		Hashes:          z.Hashes,
		Licenses:        []License{{Expression: "Zlib", Acknowledgement: AcknowledgementConcluded}, {Expression: "Zlib", Acknowledgement: AcknowledgementDeclared}},
		HasDependencies: true, DependenciesComplete: CompletenessComplete,
		Filename: "libz.so.1.3.1", Executable: FlagNo, Archive: FlagYes, Structured: FlagYes,
		SourceURI: "https://git.example/zlib", DeployableURI: "https://dl.example/libz.so.1.3.1",
		Pointer: "/components/0",
	}, z)
	require.Len(t, z.Hashes, 1)
	assert.Equal(t, "SHA-512", z.Hashes[0].Algorithm)
}

func TestReadCycloneDXErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		lim  Limits
		is   error
		ptrs []string
	}{
		{"syntax", `{"bomFormat": "CycloneDX", `, Limits{}, requirement.ErrSyntax, []string{""}},
		{"too big", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1}`, Limits{MaxBytes: 10}, requirement.ErrLimit, []string{""}},
		{"too deep", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"a","components":[{"type":"library","name":"b"}]}]}`, Limits{MaxDepth: 4}, requirement.ErrLimit, []string{""}},
		{"old spec", `{"bomFormat":"CycloneDX","specVersion":"1.3","version":1}`, Limits{}, ErrUnsupportedFormat, []string{"/specVersion"}},
		{"duplicate bom-ref", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"bom-ref":"a","type":"library","name":"a"},{"bom-ref":"a","type":"library","name":"b"}]}`, Limits{}, requirement.ErrDuplicate, []string{"/components/1/bom-ref"}},
		{"dangling", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"bom-ref":"a","type":"library","name":"a"}],"dependencies":[{"ref":"a","dependsOn":["b"]},{"ref":"c"}]}`, Limits{}, requirement.ErrDanglingReference, []string{"/dependencies/0/dependsOn/0", "/dependencies/1/ref"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCycloneDX(strings.NewReader(tt.doc), EncodingJSON, &ReadOptions{Limits: tt.lim})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.is)
			assert.ErrorIs(t, err, requirement.ErrInvalidDocument)
			var errs requirement.LocatedErrors
			require.ErrorAs(t, err, &errs)
			var ptrs []string
			for _, e := range errs {
				ptrs = append(ptrs, e.Pointer)
			}
			assert.Equal(t, tt.ptrs, ptrs)
		})
	}
}

func TestReadCycloneDXNestedSubject(t *testing.T) {
	doc := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
	  "metadata":{"component":{"bom-ref":"p","type":"device","name":"plc","components":[{"bom-ref":"fw","type":"firmware","name":"fw","version":"1.0"}]}},
	  "dependencies":[{"ref":"p","dependsOn":["fw"]}]}`
	inv, err := ReadCycloneDX(strings.NewReader(doc), EncodingJSON, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"fw"}, inv.Subject.DependsOn)
	var out bytes.Buffer
	require.NoError(t, WriteCycloneDX(&out, inv, EncodingJSON, nil))
	assert.Equal(t, jsonTree(t, []byte(doc)), jsonTree(t, out.Bytes()), "kept as it was")
}

// TestRoundTrip: CycloneDX -> inventory -> CycloneDX gives the same
// document, for JSON and XML.
func TestRoundTrip(t *testing.T) {
	for _, file := range []string{"check/good.cdx.json", "check/with-vulnerabilities.cdx.json", "check/no-top-level-deps.cdx.json", "augment.cdx.json"} {
		t.Run(file, func(t *testing.T) {
			orig, err := os.ReadFile(filepath.Join("testdata", file))
			require.NoError(t, err)
			inv, err := ReadCycloneDX(bytes.NewReader(orig), EncodingJSON, nil)
			require.NoError(t, err)
			var out bytes.Buffer
			require.NoError(t, WriteCycloneDX(&out, inv, EncodingJSON, nil))
			assert.Equal(t, jsonTree(t, orig), jsonTree(t, out.Bytes()))

			// Through XML and back.
			var x bytes.Buffer
			require.NoError(t, WriteCycloneDX(&x, inv, EncodingXML, nil))
			inv2, err := ReadCycloneDX(&x, EncodingXML, nil)
			require.NoError(t, err)
			assert.Equal(t, stripPointers(inv.Components), stripPointers(inv2.Components))
			assert.Equal(t, inv.Subject, inv2.Subject)
		})
	}
}

func stripPointers(cs []Component) []Component {
	out := make([]Component, len(cs))
	for i, c := range cs {
		c.Pointer = ""
		out[i] = c
	}
	return out
}

// TestAugment: changing the inventory updates what it models and keeps
// everything else of the original BOM.
func TestAugment(t *testing.T) {
	inv := readFixture(t, "augment.cdx.json")
	require.Len(t, inv.Components, 3)
	// Add a SHA-512 and BSI properties to the first component.
	c := &inv.Components[0]
	c.Hashes = append(c.Hashes, Hash{Algorithm: "SHA-512", Value: strings.Repeat("ab", 64)})
	c.Filename = "left-pad-1.3.0.tgz"
	c.Executable, c.Archive, c.Structured = FlagNo, FlagYes, FlagYes
	c.Origin = OriginOpenSource
	c.DependenciesComplete = CompletenessComplete
	// Remove the second, add a new one depending on nothing.
	inv.Components = append(inv.Components[:1], inv.Components[2:]...)
	inv.Components = append(inv.Components, Component{Ref: "new", Type: "library", Name: "new-lib", Version: "1.0.0", HasDependencies: true})
	inv.Subject.DependsOn = []string{"pkg:npm/left-pad@1.3.0", "new"}

	var out bytes.Buffer
	require.NoError(t, WriteCycloneDX(&out, inv, EncodingJSON, nil))
	got := jsonTree(t, out.Bytes())
	golden(t, "augment.golden.json", out.Bytes())

	// Unmodelled content survives.
	assert.Contains(t, got, "services")
	assert.Contains(t, got, "annotations")
	comps := got["components"].([]any)
	require.Len(t, comps, 3)
	first := comps[0].(map[string]any)
	assert.Equal(t, "keep me", first["description"])
	assert.Contains(t, first, "evidence")
	props := first["properties"].([]any)
	assert.Contains(t, props, map[string]any{"name": "internal:team", "value": "web"})
	assert.Contains(t, props, map[string]any{"name": PropFilename, "value": "left-pad-1.3.0.tgz"})

	inv2, err := ReadCycloneDX(bytes.NewReader(out.Bytes()), EncodingJSON, nil)
	require.NoError(t, err)
	assert.Equal(t, CompletenessComplete, inv2.Components[0].DependenciesComplete)
	assert.Equal(t, OriginOpenSource, inv2.Components[0].Origin)
	assert.Equal(t, []string{"pkg:npm/left-pad@1.3.0", "new"}, inv2.Subject.DependsOn)
	assert.Equal(t, "new-lib", inv2.Components[2].Name)
}

func TestWriteRefusesDataLoss(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	var out bytes.Buffer
	err := WriteCycloneDX(&out, inv, EncodingJSON, &WriteOptions{SpecVersion: "1.5"})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotRepresentable)
	assert.Contains(t, err.Error(), "/metadata/component/manufacturer")
	assert.Zero(t, out.Len(), "nothing written")

	// A fresh inventory with an author URL cannot be written as metadata.authors.
	fresh := &Inventory{Authors: []Party{{Name: "x", URL: "https://x.example"}}}
	err = WriteCycloneDX(&out, fresh, EncodingJSON, nil)
	assert.ErrorIs(t, err, ErrNotRepresentable)

	// XML has no place for JSF signatures.
	orig, err := os.ReadFile("testdata/check/good.cdx.json")
	require.NoError(t, err)
	signed := strings.Replace(string(orig), `"version": 1,`, `"version": 1, "signature": {"signers": [{"algorithm": "ES256", "value": "c2lnbmF0dXJl"}]},`, 1)
	inv2, err := ReadCycloneDX(strings.NewReader(signed), EncodingJSON, nil)
	require.NoError(t, err)
	err = WriteCycloneDX(&out, inv2, EncodingXML, nil)
	assert.ErrorIs(t, err, ErrNotRepresentable)
	assert.Contains(t, err.Error(), "/signature")
	require.NoError(t, WriteCycloneDX(&out, inv2, EncodingJSON, nil))
	assert.Contains(t, out.String(), `"signature"`)

	err = WriteCycloneDX(&out, inv, EncodingJSON, &WriteOptions{SpecVersion: "2.0"})
	assert.ErrorIs(t, err, ErrInvalidValue)
}

func TestWriteFresh(t *testing.T) {
	inv := &Inventory{
		SerialNumber: "urn:uuid:00000000-0000-4000-8000-000000000001",
		Timestamp:    "2026-01-01T00:00:00Z",
		Authors:      []Party{{Name: "Build", Email: "build@example.com"}},
		Subject:      &Component{Ref: "app", Type: "application", Name: "app", Version: "1.0.0", HasDependencies: true, DependsOn: []string{"lib"}, DependenciesComplete: CompletenessComplete},
		Components: []Component{
			{Ref: "lib", Type: "library", Name: "lib", Version: "2.0.0", PURL: "pkg:golang/example.com/lib@v2.0.0", HasDependencies: true, DependenciesComplete: CompletenessComplete,
				Licenses: []License{{Expression: "MIT OR Apache-2.0", Acknowledgement: AcknowledgementConcluded}}, EndOfSupport: "2030-12-31", Origin: OriginOpenSource},
			{Ref: "lib/sub", Parent: "lib", Type: "file", Name: "sub.so", Version: "2.0.0", FirmwareVersion: ""},
			{Ref: "hw", Type: "device", Name: "board", Version: "rev-b", FirmwareVersion: "1.2.3", SWID: &SWID{TagID: "t", Name: "board"}},
		},
	}
	for _, enc := range []Encoding{EncodingJSON, EncodingXML} {
		t.Run(enc.String(), func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, WriteCycloneDX(&out, inv, enc, nil))
			got, err := ReadCycloneDX(&out, enc, nil)
			require.NoError(t, err)
			assert.Equal(t, "1.6", got.SpecVersion)
			assert.Equal(t, inv.Authors, got.Authors)
			require.Len(t, got.Components, 3)
			for i := range inv.Components {
				want := inv.Components[i]
				g := got.Components[i]
				g.Pointer = ""
				if want.DependsOn == nil && g.HasDependencies {
					g.DependsOn = nil
				}
				assert.Equal(t, want, g)
			}
			assert.True(t, got.Components[2].Hardware())
		})
	}
}

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), string(got))
}
