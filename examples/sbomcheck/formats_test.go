package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/sbom"
)

// formatsDir holds the widget SBOM in every CycloneDX version and
// encoding the program reads.
var formatsDir = filepath.Join("testdata", "formats")

// TestFormatFixtures: widget-1.5 to 1.7 (JSON) and widget-1.4 to 1.7
// (XML) are written by sbom.EncodeCycloneDX from the hand-written
// widget-1.4.cdx.json; -update rewrites them.
func TestFormatFixtures(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(formatsDir, "widget-1.4.cdx.json"))
	require.NoError(t, err)
	inv, err := sbom.DecodeCycloneDX(context.Background(), bytes.NewReader(src), sbom.EncodingJSON, nil)
	require.NoError(t, err)
	for _, v := range sbom.SpecVersions() {
		for _, enc := range []sbom.Encoding{sbom.EncodingJSON, sbom.EncodingXML} {
			if v == "1.4" && enc == sbom.EncodingJSON {
				continue
			}
			name := "widget-" + v + ".cdx." + enc.String()
			var buf bytes.Buffer
			require.NoError(t, sbom.EncodeCycloneDX(&buf, inv, enc, &sbom.EncodeOptions{SpecVersion: v}), name)
			path := filepath.Join(formatsDir, name)
			if *update {
				require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
			}
			got, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./examples/sbomcheck -update")
			assert.Equal(t, buf.String(), string(got), name)
		}
	}
}

// TestEveryFormatFromFileAndStdin: the program reads CycloneDX 1.4 to 1.7
// (JSON and XML), SPDX 2.2 and 2.3 (JSON and tag-value) and SPDX 3.0.1
// (JSON-LD), from a file and from standard input alike (the format told
// by the content), and names the components that fail each rule, with the
// pointer into the document.
func TestEveryFormatFromFileAndStdin(t *testing.T) {
	spdx := filepath.Join("..", "..", "sbom", "testdata", "spdx")
	type gap struct{ rule, pointer, component string }
	widget := []gap{
		{"sbom.hash-sha512", "/components/1/hashes", `component "logger" 0.9.0`},
		{"sbom.component-creator", "/components/0/manufacturer", `component "parser" 1.2.3`},
	}
	gateway := []gap{
		{"sbom.hash-sha512", "/packages/0/checksums", `component "gateway-fw" 4.2.0`},
		{"sbom.component-creator", "/packages/0/originator", `component "gateway-fw" 4.2.0`},
	}
	tests := []struct {
		path, format string
		gaps         []gap
	}{
		{filepath.Join(formatsDir, "widget-1.4.cdx.json"), "CycloneDX 1.4", widget},
		{filepath.Join(formatsDir, "widget-1.5.cdx.json"), "CycloneDX 1.5", widget},
		{filepath.Join(formatsDir, "widget-1.6.cdx.json"), "CycloneDX 1.6", widget},
		{filepath.Join(formatsDir, "widget-1.7.cdx.json"), "CycloneDX 1.7", widget},
		{filepath.Join(formatsDir, "widget-1.4.cdx.xml"), "CycloneDX 1.4", widget},
		{filepath.Join(formatsDir, "widget-1.5.cdx.xml"), "CycloneDX 1.5", widget},
		{filepath.Join(formatsDir, "widget-1.6.cdx.xml"), "CycloneDX 1.6", widget},
		{filepath.Join(formatsDir, "widget-1.7.cdx.xml"), "CycloneDX 1.7", widget},
		{filepath.Join(spdx, "gateway-2.2.spdx.json"), "SPDX-2.2", gateway},
		{filepath.Join(spdx, "gateway-2.2.spdx"), "SPDX-2.2", gateway},
		{filepath.Join(spdx, "gateway.spdx.json"), "SPDX-2.3", gateway},
		{filepath.Join(spdx, "gateway.spdx"), "SPDX-2.3", gateway},
		{filepath.Join("testdata", "cx500-firmware.spdx3.json"), "SPDX-3.0.1", []gap{
			{"sbom.hash-sha512", "/@graph/7/verifiedUsing", `component "u-boot" 2024.07`},
			{"sbom.distribution-licence", "/@graph/5", `component "web-hmi-assets" 3.2.0`},
		}},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(tt.path)
		require.NoError(t, err)
		for _, from := range []string{"file", "stdin"} {
			t.Run(filepath.Base(tt.path)+"/"+from, func(t *testing.T) {
				var code int
				var out, errOut string
				if from == "file" {
					code, out, errOut = runMain(t, nil, tt.path)
				} else {
					code, out, errOut = runMain(t, data, "-")
				}
				require.Equal(t, exitGaps, code, errOut)
				assert.Empty(t, errOut)
				assert.Contains(t, out, "  format       "+tt.format+"\n")
				assert.Regexp(t, `(?m)^sbom\.schema-valid +SM-15 +required +1 +1 +0 +0 +pass$`, out, "valid against the official schema")
				for _, g := range tt.gaps {
					i := strings.Index(out, "\n  "+g.rule+" (")
					require.GreaterOrEqual(t, i, 0, "%s is listed among the gaps", g.rule)
					block := out[i+1:]
					if end := strings.Index(block, "\n\n"); end >= 0 {
						block = block[:end]
					}
					assert.Contains(t, block, "\n    "+g.pointer+"\n", g.rule)
					assert.Contains(t, block, g.component, g.rule)
				}
			})
		}
	}
}
