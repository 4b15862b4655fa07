package iec62443_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/sdlkit/iec62443"

// allowedImports is the import table of DESIGN.md: for each public package,
// the packages of this module (and third-party modules) its non-test code may
// import. The standard library is always allowed; internal/... is allowed to
// every package of the module.
var allowedImports = map[string][]string{
	"problem":     {},
	"practice":    {"problem"},
	"requirement": {"problem", "practice"},
	"annex":       {"problem", "requirement", "practice"},
	"maturity":    {"problem", "requirement", "practice", "annex"},
	"risk":        {"problem", "requirement", "annex", "practice", "github.com/pandatix/go-cvss"},
	"sbom": {"problem", "requirement", "annex", "practice", "github.com/CycloneDX/cyclonedx-go", "github.com/package-url/packageurl-go",
		"github.com/spdx/tools-golang", "github.com/github/go-spdx/v2"},
	"soa": {"problem", "requirement", "practice", "annex", "risk", "maturity"},
	"":    {"problem", "practice", "requirement", "annex", "maturity", "risk", "sbom", "soa"},
	// layer 6: the formats GRC and CI tools read, over the root package's report
	"oscal":  {"problem", "practice", "requirement", "annex", "maturity", "risk", "sbom", "soa", ""},
	"sarif":  {"problem", "practice", "requirement", "annex", "maturity", "risk", "sbom", "soa", "", "github.com/owenrumney/go-sarif/v3"},
	"attest": {"problem", "practice", "requirement", "annex", "maturity", "risk", "sbom", "soa", "", "github.com/CycloneDX/cyclonedx-go"},
}

// exclusive third-party modules: only the named packages may import them.
var exclusive = map[string][]string{
	"github.com/santhosh-tekuri/jsonschema/v5": {"internal/schema"},
	// sbom reads and writes SBOMs with it; attest writes CycloneDX
	// attestations (definitions and declarations) through its types.
	"github.com/CycloneDX/cyclonedx-go": {"sbom", "attest"},
}

// the third-party modules the project may depend on at all (DESIGN.md, Dependencies).
var allowedModules = []string{
	"github.com/santhosh-tekuri/jsonschema/v5", "github.com/CycloneDX/cyclonedx-go", "github.com/stretchr/testify",
	"github.com/package-url/packageurl-go", "github.com/pandatix/go-cvss", "sigs.k8s.io/yaml", "github.com/spdx/tools-golang",
	"golang.org/x/exp",
	// package sarif: SARIF 2.1.0 output through the library that embeds its schema
	"github.com/owenrumney/go-sarif/v3",
	"go.yaml.in/yaml/v3",        // internal/docjson: YAML parsed to nodes, converted with lines and limits
	"github.com/gocsaf/csaf/v3", // tests of package sbom only: the official CSAF 2.0 schema
	// package sbom: SPDX licence expressions checked against the SPDX licence
	// and exception lists it embeds (replaces a hand-written parser)
	"github.com/github/go-spdx/v2",
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func thirdPartyModule(path string) string {
	for _, m := range allowedModules {
		if path == m || strings.HasPrefix(path, m+"/") {
			return m
		}
	}
	return path
}

// packageImports returns, per package directory (relative, "" for the root),
// the imports of its non-test Go files.
func packageImports(t *testing.T) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if dir == "." {
			dir = ""
		}
		if out[dir] == nil {
			out[dir] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[dir][p] = true
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

func TestLayering(t *testing.T) {
	pkgs := packageImports(t)
	require.Contains(t, pkgs, "requirement")
	for dir, imports := range pkgs {
		for imp := range imports {
			if isStd(imp) {
				continue
			}
			if strings.HasPrefix(imp, module+"/") || imp == module {
				target := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
				switch {
				case strings.HasPrefix(dir, "examples/"):
					// examples may import every package of the module
				case dir == "internal/cli":
					// the example programs' shared plumbing sits with them,
					// above every package (nothing else may import it, below)
				case target == "internal/cli":
					t.Errorf("%s imports internal/cli: only the example programs use it", dir)
				case dir == "internal/exporttest":
					// test support of the export packages: their synthetic
					// catalog, statement and report (test files only, below)
				case target == "internal/exporttest":
					t.Errorf("%s imports internal/exporttest: only test files may", dir)
				case strings.HasPrefix(dir, "internal/") && target == "problem":
					// the one public package below every other: the error vocabulary
				case strings.HasPrefix(dir, "internal/") && !strings.HasPrefix(target, "internal/"):
					t.Errorf("%s imports %s: internal packages may only import other internal packages and problem", dir, imp)
				case strings.HasPrefix(target, "internal/cmd/"):
					t.Errorf("%s imports the command %s", dir, imp)
				case strings.HasPrefix(target, "internal/"):
					// internal packages serve every package of the module
				default:
					allowed, known := allowedImports[dir]
					if !known {
						if !strings.HasPrefix(dir, "examples/") && !strings.HasPrefix(dir, "internal/") {
							t.Errorf("package %q is not in the layering table of DESIGN.md: add it to allowedImports", dir)
						}
						continue
					}
					if !slices.Contains(allowed, target) {
						t.Errorf("%s imports %s: not allowed by the layering of DESIGN.md (allowed: %v)", pkgName(dir), imp, allowed)
					}
				}
				continue
			}
			m := thirdPartyModule(imp)
			if !slices.Contains(allowedModules, m) {
				t.Errorf("%s imports %s: not an allowed dependency (DESIGN.md, Dependencies)", pkgName(dir), imp)
				continue
			}
			if owners, ok := exclusive[m]; ok && !slices.Contains(owners, dir) {
				t.Errorf("%s imports %s: only %s may", pkgName(dir), imp, strings.Join(owners, " and "))
				continue
			}
			if _, ok := exclusive[m]; ok {
				continue
			}
			if strings.HasPrefix(dir, "examples/") || strings.HasPrefix(dir, "internal/") {
				continue
			}
			if allowed, known := allowedImports[dir]; known && !slices.Contains(allowed, m) {
				t.Errorf("%s imports %s: not allowed for this package", pkgName(dir), imp)
			}
		}
	}
}

func pkgName(dir string) string {
	if dir == "" {
		return "iec62443 (root)"
	}
	return dir
}

func TestGoModDependencies(t *testing.T) {
	data, err := os.ReadFile("go.mod")
	require.NoError(t, err)
	inRequire := false
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "require ("):
			inRequire = true
			continue
		case line == ")":
			inRequire = false
			continue
		case strings.HasPrefix(line, "go "):
			assert.Equal(t, "go 1.24", line, "the go directive is the lowest version with iter and omitzero")
		}
		if !inRequire || strings.HasSuffix(line, "// indirect") || line == "" {
			continue
		}
		mod := strings.Fields(line)[0]
		assert.Contains(t, allowedModules, mod, "direct dependency %s is not in DESIGN.md's list", mod)
	}
}
