package sbom

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// genSBOM generates a deterministic, realistic CycloneDX 1.7 JSON SBOM with
// n components: npm/maven/golang/pypi/generic purls, SHA-512 and SHA-256
// hashes, concluded and declared licences, BSI properties, external
// references, a dependency DAG (each component depends on up to four
// later ones) and a few gaps (about 2% without SHA-512, 1% without file
// name, 1% with a non-SPDX licence, 0.5% with an invalid purl). Compact
// JSON, about 1.8 kB per component (100,000 components: about 180 MB).
func genSBOM(tb testing.TB, n int) []byte {
	tb.Helper()
	r := rand.New(rand.NewPCG(uint64(n), 62443))
	ecos := []struct{ typ, ns string }{{"npm", ""}, {"maven", "org.example"}, {"golang", "github.com/example"}, {"pypi", ""}, {"generic", "acme"}}
	lics := []string{"MIT", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only WITH Classpath-exception-2.0", "MIT OR Apache-2.0", "ISC", "LGPL-2.1-or-later", "MPL-2.0"}
	comps := make([]cdx.Component, n)
	refs := make([]string, n)
	for i := range comps {
		e := ecos[i%len(ecos)]
		name := fmt.Sprintf("component-%06d", i)
		version := fmt.Sprintf("%d.%d.%d", r.IntN(20), r.IntN(50), r.IntN(100))
		purl := "pkg:" + e.typ + "/"
		if e.ns != "" {
			purl += e.ns + "/"
		}
		purl += name + "@" + version
		if r.IntN(200) == 0 {
			purl = "not a purl " + name
		}
		refs[i] = purl
		s512 := sha512.Sum512([]byte(purl))
		s256 := sha256.Sum256([]byte(purl))
		hashes := []cdx.Hash{{Algorithm: cdx.HashAlgoSHA512, Value: hex.EncodeToString(s512[:])}, {Algorithm: cdx.HashAlgoSHA256, Value: hex.EncodeToString(s256[:])}}
		if r.IntN(50) == 0 {
			hashes = hashes[1:]
		}
		lic := lics[r.IntN(len(lics))]
		concluded := cdx.LicenseAcknowledgementConcluded
		declared := cdx.LicenseAcknowledgementDeclared
		licenses := cdx.Licenses{{Expression: lic, Acknowledgement: &concluded}, {Expression: lic, Acknowledgement: &declared}}
		if r.IntN(100) == 0 {
			licenses = cdx.Licenses{{License: &cdx.License{Name: "Proprietary licence of " + name, Acknowledgement: concluded}}}
		}
		filename := name + "-" + version + ".tgz"
		props := []cdx.Property{
			{Name: PropExecutable, Value: "non-executable"},
			{Name: PropArchive, Value: "archive"},
			{Name: PropStructured, Value: "structured"},
			{Name: PropOrigin, Value: "open-source"},
		}
		if r.IntN(100) != 0 {
			props = append(props, cdx.Property{Name: PropFilename, Value: filename})
		}
		comps[i] = cdx.Component{
			BOMRef:       purl,
			Type:         cdx.ComponentTypeLibrary,
			Supplier:     &cdx.OrganizationalEntity{Name: "Supplier " + name, URL: &[]string{"https://supplier.example/" + name}},
			Manufacturer: &cdx.OrganizationalEntity{Name: "Maintainers of " + name, URL: &[]string{"https://maintainers.example/" + name}, Contact: &[]cdx.OrganizationalContact{{Email: "security@" + name + ".example"}}},
			Name:         name,
			Version:      version,
			Description:  "Generated component for scale tests.",
			Scope:        cdx.ScopeRequired,
			Hashes:       &hashes,
			Licenses:     &licenses,
			Copyright:    "(c) 2026 " + name,
			PackageURL:   purl,
			ExternalReferences: &[]cdx.ExternalReference{
				{Type: cdx.ERTypeVCS, URL: "https://git.example/" + name + ".git"},
				{Type: cdx.ERTypeDistribution, URL: "https://registry.example/" + name + "/-/" + filename},
				{Type: cdx.ERTypeWebsite, URL: "https://" + name + ".example"},
			},
			Properties: &props,
		}
		if i%3 == 0 {
			comps[i].CPE = "cpe:2.3:a:example:" + name + ":" + version + ":*:*:*:*:*:*:*"
		}
	}
	deps := make([]cdx.Dependency, 0, n+1)
	complete := make([]cdx.BOMReference, 0, n+1)
	top := []string{}
	for i := 0; i < n && i < 20; i++ {
		top = append(top, refs[i])
	}
	deps = append(deps, cdx.Dependency{Ref: "pkg:generic/acme/product@1.0.0", Dependencies: &top})
	complete = append(complete, "pkg:generic/acme/product@1.0.0")
	for i := range comps {
		var on []string
		for k := r.IntN(5); k > 0; k-- {
			if j := i + 1 + r.IntN(50); j < n && !slices.Contains(on, refs[j]) {
				on = append(on, refs[j])
			}
		}
		if on == nil {
			on = []string{}
		}
		deps = append(deps, cdx.Dependency{Ref: refs[i], Dependencies: &on})
		if r.IntN(100) != 0 {
			complete = append(complete, cdx.BOMReference(refs[i]))
		}
	}
	bom := cdx.NewBOM()
	bom.SpecVersion = cdx.SpecVersion1_7 // concluded and declared expressions side by side: valid from 1.7
	bom.SerialNumber = "urn:uuid:00000000-0000-4000-8000-000000062443"
	bom.Metadata = &cdx.Metadata{
		Timestamp: "2026-03-01T10:00:00Z",
		Authors:   &[]cdx.OrganizationalContact{{Name: "ACME PSIRT", Email: "psirt@acme.example"}},
		Component: &cdx.Component{BOMRef: "pkg:generic/acme/product@1.0.0", Type: cdx.ComponentTypeFirmware, Name: "product", Version: "1.0.0", PackageURL: "pkg:generic/acme/product@1.0.0"},
	}
	bom.Components = &comps
	bom.Dependencies = &deps
	bom.Compositions = &[]cdx.Composition{{Aggregate: cdx.CompositionAggregateComplete, Dependencies: &complete}}
	var buf bytes.Buffer
	require.NoError(tb, cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON).Encode(bom))
	return buf.Bytes()
}

func TestGeneratedSBOM(t *testing.T) {
	data := genSBOM(t, 1000)
	assert.Equal(t, data, genSBOM(t, 1000), "deterministic")
	rep, err := CheckCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, ProfileTR03183v2_1, nil, nil)
	require.NoError(t, err)
	counts := map[string]int{}
	for _, r := range rep.Rules {
		counts[string(r.Rule.ID)] = r.Failed
	}
	// The generator's gaps show up, and only where planted.
	for _, rule := range []string{"sbom.hash-sha512", "sbom.component-filename", "sbom.licence-expression", "sbom.purl-valid", "sbom.dependency-completeness"} {
		assert.Positive(t, counts[rule], rule)
		assert.Less(t, counts[rule], 60, rule)
	}
	assert.Zero(t, counts["sbom.component-version"])
	assert.Zero(t, counts["sbom.schema-valid"], "valid against the official CycloneDX 1.7 schema")
	assert.Greater(t, rep.Score, 95.0)
	assert.Less(t, rep.Score, 100.0)
}

// genGappySBOM generates a CycloneDX 1.6 JSON SBOM of n components that
// give only a bom-ref, type, name and version: every component misses
// most fields TR-03183-2 asks for, so that a check has about fifteen gaps
// per component (100,000 components: about 8 MB).
func genGappySBOM(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"component":{"bom-ref":"product","type":"firmware","name":"product","version":"1.0.0"}},"components":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"bom-ref":"c%06d","type":"library","name":"c%06d","version":"1.0.0"}`, i, i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// TestWriteGeneratedSBOMs writes the generated SBOMs of the benchmarks to
// files for the whole-program benchmarks of BENCHMARKS.md, when
// SBOM_GEN_DIR names a directory (skipped otherwise):
//
//	SBOM_GEN_DIR=/tmp/sbomgen go test -run=TestWriteGeneratedSBOMs ./sbom/
//
// writes gen-1000.cdx.json, gen-5000.cdx.json, gen-20000.cdx.json and
// gen-100000.cdx.json there, and gappy-100000.cdx.json (genGappySBOM).
func TestWriteGeneratedSBOMs(t *testing.T) {
	dir := os.Getenv("SBOM_GEN_DIR")
	if dir == "" {
		t.Skip("SBOM_GEN_DIR is not set")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for _, n := range benchSizes {
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen-%d.cdx.json", n)), genSBOM(t, n), 0o644))
	}
	// The SBOM of BenchmarkCheckManyGaps, for the findings-cap figures of
	// the programs (about fifteen gaps per component).
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gappy-100000.cdx.json"), genGappySBOM(100_000), 0o644))
}
