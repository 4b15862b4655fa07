package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func readFixture(t testing.TB, name string) *Inventory {
	t.Helper()
	inv, err := DecodeCycloneDX(context.Background(), openFixture(t, name), EncodingJSON, nil)
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
	assert.Equal(t, "1.7", inv.SpecVersion)
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
		lim  requirement.Limits
		is   error
		ptrs []string
	}{
		{"syntax", `{"bomFormat": "CycloneDX", `, requirement.Limits{}, problem.ErrSyntax, []string{""}},
		{"too big", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1}`, requirement.Limits{MaxBytes: 10}, problem.ErrLimit, []string{""}},
		{"too deep", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"a","components":[{"type":"library","name":"b"}]}]}`, requirement.Limits{MaxDepth: 4}, problem.ErrLimit, []string{"/components/0/components/0"}},
		{"old spec", `{"bomFormat":"CycloneDX","specVersion":"1.3","version":1}`, requirement.Limits{}, ErrUnsupportedFormat, []string{"/specVersion"}},
		{"duplicate bom-ref", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"bom-ref":"a","type":"library","name":"a"},{"bom-ref":"a","type":"library","name":"b"}]}`, requirement.Limits{}, problem.ErrDuplicate, []string{"/components/1/bom-ref"}},
		{"dangling", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"bom-ref":"a","type":"library","name":"a"}],"dependencies":[{"ref":"a","dependsOn":["b"]},{"ref":"c"}]}`, requirement.Limits{}, problem.ErrDanglingReference, []string{"/dependencies/0/dependsOn/0", "/dependencies/1/ref"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeCycloneDX(context.Background(), strings.NewReader(tt.doc), EncodingJSON, &DecodeOptions{Limits: tt.lim})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.is)
			assert.ErrorIs(t, err, problem.ErrInvalidDocument)
			var errs problem.List
			require.ErrorAs(t, err, &errs)
			ptrs := errs.Pointers()
			assert.Equal(t, tt.ptrs, ptrs)
		})
	}
}

func TestReadCycloneDXNestedSubject(t *testing.T) {
	doc := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
	  "metadata":{"component":{"bom-ref":"p","type":"device","name":"plc","components":[{"bom-ref":"fw","type":"firmware","name":"fw","version":"1.0"}]}},
	  "dependencies":[{"ref":"p","dependsOn":["fw"]}]}`
	inv, err := DecodeCycloneDX(context.Background(), strings.NewReader(doc), EncodingJSON, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"fw"}, inv.Subject.DependsOn)
	var out bytes.Buffer
	require.NoError(t, EncodeCycloneDX(&out, inv, EncodingJSON, nil))
	assert.Equal(t, jsonTree(t, []byte(doc)), jsonTree(t, out.Bytes()), "kept as it was")
}

// TestRoundTrip: CycloneDX -> inventory -> CycloneDX gives the same
// document, for JSON and XML.
func TestRoundTrip(t *testing.T) {
	for _, file := range []string{"check/good.cdx.json", "check/with-vulnerabilities.cdx.json", "check/no-top-level-deps.cdx.json", "augment.cdx.json"} {
		t.Run(file, func(t *testing.T) {
			orig, err := os.ReadFile(filepath.Join("testdata", file))
			require.NoError(t, err)
			inv, err := DecodeCycloneDX(context.Background(), bytes.NewReader(orig), EncodingJSON, nil)
			require.NoError(t, err)
			var out bytes.Buffer
			require.NoError(t, EncodeCycloneDX(&out, inv, EncodingJSON, nil))
			assert.Equal(t, jsonTree(t, orig), jsonTree(t, out.Bytes()))

			// Through XML and back.
			var x bytes.Buffer
			require.NoError(t, EncodeCycloneDX(&x, inv, EncodingXML, nil))
			inv2, err := DecodeCycloneDX(context.Background(), &x, EncodingXML, nil)
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
	require.NoError(t, EncodeCycloneDX(&out, inv, EncodingJSON, nil))
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

	inv2, err := DecodeCycloneDX(context.Background(), bytes.NewReader(out.Bytes()), EncodingJSON, nil)
	require.NoError(t, err)
	assert.Equal(t, CompletenessComplete, inv2.Components[0].DependenciesComplete)
	assert.Equal(t, OriginOpenSource, inv2.Components[0].Origin)
	assert.Equal(t, []string{"pkg:npm/left-pad@1.3.0", "new"}, inv2.Subject.DependsOn)
	assert.Equal(t, "new-lib", inv2.Components[2].Name)
}

func TestWriteRefusesDataLoss(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	var out bytes.Buffer
	err := EncodeCycloneDX(&out, inv, EncodingJSON, &EncodeOptions{SpecVersion: "1.5"})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotRepresentable)
	assert.Contains(t, err.Error(), "/metadata/component/manufacturer")
	assert.Zero(t, out.Len(), "nothing written")

	// A fresh inventory with an author URL cannot be written as metadata.authors.
	fresh := &Inventory{Authors: []Party{{Name: "x", URL: "https://x.example"}}}
	err = EncodeCycloneDX(&out, fresh, EncodingJSON, nil)
	assert.ErrorIs(t, err, ErrNotRepresentable)

	// XML has no place for JSF signatures.
	orig, err := os.ReadFile("testdata/check/good.cdx.json")
	require.NoError(t, err)
	signed := strings.Replace(string(orig), `"version": 1,`, `"version": 1, "signature": {"signers": [{"algorithm": "ES256", "value": "c2lnbmF0dXJl"}]},`, 1)
	inv2, err := DecodeCycloneDX(context.Background(), strings.NewReader(signed), EncodingJSON, nil)
	require.NoError(t, err)
	err = EncodeCycloneDX(&out, inv2, EncodingXML, nil)
	assert.ErrorIs(t, err, ErrNotRepresentable)
	assert.Contains(t, err.Error(), "/signature")
	require.NoError(t, EncodeCycloneDX(&out, inv2, EncodingJSON, nil))
	assert.Contains(t, out.String(), `"signature"`)

	err = EncodeCycloneDX(&out, inv, EncodingJSON, &EncodeOptions{SpecVersion: "2.0"})
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
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
			require.NoError(t, EncodeCycloneDX(&out, inv, enc, nil))
			got, err := DecodeCycloneDX(context.Background(), &out, enc, nil)
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

// writeRead writes inv as CycloneDX JSON and returns the JSON tree and the
// inventory read back.
func writeRead(t *testing.T, inv *Inventory) (map[string]any, *Inventory) {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, EncodeCycloneDX(&out, inv, EncodingJSON, nil))
	back, err := DecodeCycloneDX(context.Background(), bytes.NewReader(out.Bytes()), EncodingJSON, nil)
	require.NoError(t, err, "what is written reads back")
	return jsonTree(t, out.Bytes()), back
}

// at walks a JSON tree: keys for objects, ints for arrays.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			require.True(t, ok, "%v is not an object at %v", v, k)
			v = m[k]
		case int:
			a, ok := v.([]any)
			require.True(t, ok && k < len(a), "no element %d in %v", k, v)
			v = a[k]
		}
	}
	return v
}

// TestAugmentParents: augmenting honours Parent (moving a component with
// its children), refuses a Parent that names no component of the
// inventory or a cycle, and never writes a BOM that does not read back.
func TestAugmentParents(t *testing.T) {
	const (
		zlib      = "pkg:generic/zlib@1.3.1"
		openssl   = "pkg:generic/openssl@3.0.15"
		libcrypto = "pkg:generic/openssl@3.0.15#libcrypto"
		subject   = "pkg:generic/acme/gateway-fw@4.2.0"
	)
	find := func(inv *Inventory, ref string) *Component {
		for i := range inv.Components {
			if inv.Components[i].Ref == ref {
				return &inv.Components[i]
			}
		}
		t.Fatalf("no component %q", ref)
		return nil
	}
	without := func(inv *Inventory, ref string) {
		inv.Components = slices.DeleteFunc(inv.Components, func(c Component) bool { return c.Ref == ref })
		inv.allComponents(func(c *Component) {
			c.DependsOn = slices.DeleteFunc(c.DependsOn, func(r string) bool { return r == ref })
		})
	}

	t.Run("removed parent, child kept", func(t *testing.T) {
		inv := readFixture(t, "check/good.cdx.json")
		without(inv, openssl)
		err := EncodeCycloneDX(io.Discard, inv, EncodingJSON, nil)
		require.ErrorIs(t, err, ErrNotRepresentable)
		assert.Contains(t, err.Error(), `has parent "pkg:generic/openssl@3.0.15", which is not another component of the inventory`)

		// Re-homed by the caller: libcrypto moves to the top level with
		// everything it had.
		find(inv, libcrypto).Parent = ""
		tree, back := writeRead(t, inv)
		assert.Equal(t, stripPointers(inv.Components), stripPointers(back.Components))
		assert.Equal(t, "libcrypto", at(t, tree, "components", 1, "name"))
		assert.Equal(t, "https://git.example/libcrypto", at(t, tree, "components", 1, "externalReferences", 0, "url"))
		for _, d := range at(t, tree, "compositions", 0, "dependencies").([]any) {
			assert.NotEqual(t, openssl, d, "no dangling composition ref")
		}
	})
	t.Run("parent changed", func(t *testing.T) {
		inv := readFixture(t, "check/good.cdx.json")
		find(inv, zlib).Parent = libcrypto // zlib moves under libcrypto, inside openssl
		tree, back := writeRead(t, inv)
		assert.Equal(t, "zlib", at(t, tree, "components", 0, "components", 0, "components", 0, "name"))
		assert.Equal(t, libcrypto, find(back, zlib).Parent)
		assert.Len(t, at(t, tree, "components"), 1)

		find(inv, openssl).Parent = zlib // and now a cycle
		err := EncodeCycloneDX(io.Discard, inv, EncodingJSON, nil)
		require.ErrorIs(t, err, ErrNotRepresentable)
		assert.Contains(t, err.Error(), "cycle")
	})
	t.Run("parent not a component", func(t *testing.T) {
		for _, parent := range []string{"nope", subject, zlib + "x"} {
			inv := readFixture(t, "check/good.cdx.json")
			find(inv, zlib).Parent = parent
			assert.ErrorIs(t, EncodeCycloneDX(io.Discard, inv, EncodingJSON, nil), ErrNotRepresentable, parent)
		}
	})
	t.Run("dangling dependency", func(t *testing.T) {
		inv := readFixture(t, "check/good.cdx.json")
		inv.Components = inv.Components[1:] // zlib goes, others still depend on it
		var out bytes.Buffer
		err := EncodeCycloneDX(&out, inv, EncodingJSON, nil)
		require.ErrorIs(t, err, problem.ErrDanglingReference)
		assert.Zero(t, out.Len())
	})
	t.Run("dependencies without an entry flag", func(t *testing.T) {
		inv := readFixture(t, "check/good.cdx.json")
		c := find(inv, zlib)
		c.HasDependencies, c.DependsOn = false, []string{libcrypto}
		_, back := writeRead(t, inv)
		assert.Equal(t, []string{libcrypto}, find(back, zlib).DependsOn, "a dependency list is written, not dropped")
	})
}

// TestAugmentInPlace: changing one modelled value edits its entry in
// place and keeps what the inventory does not model (bom-refs, phones,
// licence texts and URLs, further URLs and contacts, license.id), or
// refuses with ErrNotRepresentable.
func TestAugmentInPlace(t *testing.T) {
	read := func(t *testing.T) *Inventory { return readFixture(t, "augment-inplace.cdx.json") }
	t.Run("creator from authors", func(t *testing.T) {
		inv := read(t)
		inv.Components[0].Creator.Email = "alice@new.example"
		tree, back := writeRead(t, inv)
		assert.Equal(t, []any{
			map[string]any{"bom-ref": "au-1", "name": "Alice", "email": "alice@new.example", "phone": "+44 20 7946 0000"},
			map[string]any{"name": "Bob", "email": "bob@lib-a.example"},
		}, at(t, tree, "components", 0, "authors"))
		assert.NotContains(t, at(t, tree, "components", 0), "manufacturer")
		assert.Equal(t, inv.Components[0].Creator, back.Components[0].Creator)
	})
	t.Run("creator with a URL", func(t *testing.T) {
		inv := read(t)
		inv.Components[0].Creator = Party{Name: "Alice Ltd", URL: "https://alice.example"}
		tree, back := writeRead(t, inv)
		assert.Len(t, at(t, tree, "components", 0, "authors"), 2, "authors kept")
		assert.Equal(t, "Alice Ltd", at(t, tree, "components", 0, "manufacturer", "name"))
		assert.Equal(t, inv.Components[0].Creator, back.Components[0].Creator)
	})
	t.Run("creator from the author text", func(t *testing.T) {
		inv := read(t)
		inv.Components[1].Creator.Name = "Carol Smith"
		tree, _ := writeRead(t, inv)
		assert.Equal(t, "Carol Smith", at(t, tree, "components", 1, "author"))
	})
	t.Run("supplier", func(t *testing.T) {
		inv := read(t)
		s := &inv.Components[0].Supplier
		s.Email, s.URL = "security@supplier.example", "https://www.supplier.example"
		tree, back := writeRead(t, inv)
		sup := at(t, tree, "components", 0, "supplier")
		assert.Equal(t, "sup-1", at(t, sup, "bom-ref"))
		assert.Equal(t, []any{"https://www.supplier.example", "https://mirror.supplier.example"}, at(t, sup, "url"))
		assert.Equal(t, []any{
			map[string]any{"name": "Desk", "phone": "+1 555 0100"},
			map[string]any{"name": "PSIRT", "email": "security@supplier.example", "phone": "+1 555 0199"},
		}, at(t, sup, "contact"))
		assert.Equal(t, *s, back.Components[0].Supplier)

		s.URL = "" // the mirror would read as the URL
		assert.ErrorIs(t, EncodeCycloneDX(io.Discard, inv, EncodingJSON, nil), ErrNotRepresentable)
	})
	t.Run("one licence changed", func(t *testing.T) {
		inv := read(t)
		inv.Components[0].Licenses[1] = License{Expression: "Apache-2.0", Acknowledgement: AcknowledgementDeclared}
		tree, back := writeRead(t, inv)
		ls := at(t, tree, "components", 0, "licenses")
		assert.Equal(t, map[string]any{"bom-ref": "lic-mit", "id": "MIT", "url": "https://opensource.org/license/mit",
			"text": map[string]any{"content": "Permission is hereby granted", "contentType": "text/plain"}}, at(t, ls, 0, "license"))
		assert.Equal(t, map[string]any{"id": "Apache-2.0", "acknowledgement": "declared"}, at(t, ls, 1, "license"), "license.id stays license.id")
		assert.Equal(t, map[string]any{"id": "BSD-3-Clause", "url": "https://opensource.org/license/bsd-3-clause"}, at(t, ls, 2, "license"))
		assert.Equal(t, inv.Components[0].Licenses, back.Components[0].Licenses)
	})
	t.Run("one licence removed", func(t *testing.T) {
		inv := read(t)
		inv.Components[0].Licenses = slices.Delete(inv.Components[0].Licenses, 1, 2)
		tree, _ := writeRead(t, inv)
		ls := at(t, tree, "components", 0, "licenses")
		require.Len(t, ls, 2)
		assert.Equal(t, "lic-mit", at(t, ls, 0, "license", "bom-ref"))
		assert.Equal(t, "https://opensource.org/license/bsd-3-clause", at(t, ls, 1, "license", "url"))
	})
	t.Run("licence becomes an expression", func(t *testing.T) {
		inv := read(t)
		inv.Components[0].Licenses[1].Expression = "Apache-2.0 OR MIT"
		tree, _ := writeRead(t, inv)
		assert.Equal(t, "Apache-2.0 OR MIT", at(t, tree, "components", 0, "licenses", 1, "expression"))
		assert.Equal(t, "lic-mit", at(t, tree, "components", 0, "licenses", 0, "license", "bom-ref"))

		// A licence with a text cannot become an expression without losing it.
		inv.Components[1].Licenses[0].Expression = "MIT OR ISC"
		err := EncodeCycloneDX(io.Discard, inv, EncodingJSON, nil)
		require.ErrorIs(t, err, ErrNotRepresentable)
		assert.Contains(t, err.Error(), `licence 0`)
	})
	t.Run("metadata authors", func(t *testing.T) {
		inv := read(t)
		inv.Authors[0].Email = "builds@vendor.example"
		inv.Authors = append(inv.Authors, Party{Name: "Release Team", Email: "release@vendor.example"})
		tree, back := writeRead(t, inv)
		assert.Equal(t, []any{
			map[string]any{"bom-ref": "author-1", "name": "Build Team", "email": "builds@vendor.example", "phone": "+49 30 1234"},
			map[string]any{"name": "Release Team", "email": "release@vendor.example"},
		}, at(t, tree, "metadata", "authors"))
		assert.Equal(t, inv.Authors, back.Authors)
	})
}

// TestAugmentDeprecatedManufacture: a CycloneDX 1.5 BOM names its
// manufacturer in metadata.manufacture; a change is made there, not by
// dropping it for a field 1.5 does not have.
func TestAugmentDeprecatedManufacture(t *testing.T) {
	doc := `{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
	  "metadata":{"manufacture":{"bom-ref":"m","name":"ACME","url":["https://acme.example"],"contact":[{"name":"Desk","phone":"+49 30 1"}]}}}`
	inv, err := DecodeCycloneDX(context.Background(), strings.NewReader(doc), EncodingJSON, nil)
	require.NoError(t, err)
	require.Equal(t, Party{Name: "ACME", URL: "https://acme.example"}, inv.Manufacturer)
	inv.Manufacturer.Name = "ACME GmbH"
	tree, back := writeRead(t, inv)
	assert.Equal(t, map[string]any{"bom-ref": "m", "name": "ACME GmbH", "url": []any{"https://acme.example"}, "contact": []any{map[string]any{"name": "Desk", "phone": "+49 30 1"}}},
		at(t, tree, "metadata", "manufacture"))
	assert.Equal(t, inv.Manufacturer, back.Manufacturer)
}

func TestAlign(t *testing.T) {
	tests := []struct {
		cur, want string
		pairs     []int
	}{
		{"abc", "abc", []int{0, 1, 2}},
		{"abc", "aXc", []int{0, 1, 2}}, // b edited in place
		{"abc", "ac", []int{0, 2}},     // b removed
		{"ac", "abc", []int{0, -1, 1}}, // b added
		{"abc", "bcd", []int{1, 2, -1}},
		{"", "ab", []int{-1, -1}},
		{"ab", "", []int{}},
		{"abc", "XY", []int{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.cur+"->"+tt.want, func(t *testing.T) {
			assert.Equal(t, tt.pairs, align([]byte(tt.cur), []byte(tt.want)))
		})
	}
}

// TestWriteRefusesModelLoss: what the inventory models and the BOM built
// from it cannot carry (a completeness or dependency list without a
// bom-ref to hang it on, an invalid enum value) is refused, not dropped.
func TestWriteRefusesModelLoss(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(c *Component)
		field string
	}{
		{"completeness without bom-ref", func(c *Component) { c.Ref, c.DependenciesComplete = "", CompletenessComplete }, "without bom-ref"},
		{"dependencies without bom-ref", func(c *Component) { c.Ref, c.DependsOn = "", []string{"lib-b"} }, "without bom-ref"},
		{"invalid origin", func(c *Component) { c.Origin = Origin(9) }, "origin"},
		{"invalid flag", func(c *Component) { c.Archive = Flag(7) }, "archive"},
		{"invalid acknowledgement", func(c *Component) { c.Licenses[0].Acknowledgement = Acknowledgement(5) }, "licenses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := readFixture(t, "augment-inplace.cdx.json")
			inv.Subject.DependsOn = []string{"lib-b"}
			tt.edit(&inv.Components[0])
			var out bytes.Buffer
			err := EncodeCycloneDX(&out, inv, EncodingJSON, nil)
			require.ErrorIs(t, err, ErrNotRepresentable)
			assert.Contains(t, err.Error(), tt.field)
			assert.Zero(t, out.Len())
		})
	}
}
