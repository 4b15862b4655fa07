package requirement_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/requirement"
)

// The catalog data files and their schema, relative to the package directory.
const (
	catalogSchemaFile = "data/catalog.schema.json"
	catalogSchemaURL  = "https://github.com/sdlkit/iec62443/schemas/catalog-1.0.json"
	catalog2018File   = "data/catalog-2018.json"
	catalogA11File    = "data/catalog-a11.json"
)

// catalogData mirrors the catalog data format, field for field and in key
// order, so that re-encoding a file reproduces it byte for byte.
type catalogData struct {
	SchemaVersion  string              `json:"schema_version"`
	Edition        string              `json:"edition"`
	CatalogVersion string              `json:"catalog_version"`
	Sources        []catalogDataSource `json:"sources"`
	Requirements   []catalogDataReq    `json:"requirements"`
}

type catalogDataSource struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Confidence string `json:"confidence"`
}

type catalogDataItem struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

type catalogDataList struct {
	Name  string            `json:"name"`
	Items []catalogDataItem `json:"items"`
}

type catalogDataProvenance struct {
	Source     string `json:"source"`
	Locator    string `json:"locator"`
	Confidence string `json:"confidence"`
}

type catalogDataReq struct {
	ID          string                  `json:"id"`
	Practice    string                  `json:"practice"`
	Clause      string                  `json:"clause"`
	Title       string                  `json:"title"`
	Summary     string                  `json:"summary"`
	Lists       []catalogDataList       `json:"lists,omitempty"`
	Artifacts   []string                `json:"artifacts"`
	Lifecycle   string                  `json:"lifecycle"`
	Supersedes  []string                `json:"supersedes,omitempty"`
	Change      string                  `json:"change,omitempty"`
	Provisional bool                    `json:"provisional"`
	Provenance  []catalogDataProvenance `json:"provenance"`
}

func readCatalogFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

func loadCatalogData(t *testing.T, path string) catalogData {
	t.Helper()
	var c catalogData
	require.NoError(t, docjson.Unmarshal(readCatalogFile(t, path), &c), path)
	return c
}

func compileCatalogSchema(t *testing.T) *schema.Schema {
	t.Helper()
	s, err := schema.Compile(catalogSchemaURL, readCatalogFile(t, catalogSchemaFile))
	require.NoError(t, err)
	return s
}

func TestCatalogDataValidatesAgainstSchema(t *testing.T) {
	s := compileCatalogSchema(t)
	for _, path := range []string{catalog2018File, catalogA11File} {
		t.Run(path, func(t *testing.T) {
			tree, errs := docjson.Parse(readCatalogFile(t, path), docjson.Limits{})
			require.Empty(t, errs, "strict JSON parse")
			assert.Empty(t, s.Validate(tree))
		})
	}
}

// TestCatalogSchemaRejects shows that the schema can fail: each mutation of a
// valid A11 file must produce a problem at the given pointer.
func TestCatalogSchemaRejects(t *testing.T) {
	s := compileCatalogSchema(t)
	data := readCatalogFile(t, catalogA11File)
	tests := []struct {
		name    string
		mutate  func(doc map[string]any, req map[string]any)
		pointer string
	}{
		{"placeholder summary", func(_, r map[string]any) { r["summary"] = "TODO" }, "/requirements/0/summary"},
		{"unknown artifact kind", func(_, r map[string]any) { r["artifacts"] = []any{"source-code"} }, "/requirements/0/artifacts/0"},
		{"no artifacts", func(_, r map[string]any) { r["artifacts"] = []any{} }, "/requirements/0/artifacts"},
		{"bad ID", func(_, r map[string]any) { r["id"] = "SM-01" }, "/requirements/0/id"},
		{"unknown practice", func(_, r map[string]any) { r["practice"] = "XX" }, "/requirements/0/practice"},
		{"unknown lifecycle", func(_, r map[string]any) { r["lifecycle"] = "retired-ish" }, "/requirements/0/lifecycle"},
		{"baseline in A11", func(_, r map[string]any) { r["lifecycle"] = "baseline"; delete(r, "supersedes") }, "/requirements/0/lifecycle"},
		{"not provisional in A11", func(_, r map[string]any) { r["provisional"] = false }, "/requirements/0/provisional"},
		{"unknown field", func(_, r map[string]any) { r["normative_text"] = "x" }, "/requirements/0"},
		{"no provenance", func(_, r map[string]any) { r["provenance"] = []any{} }, "/requirements/0/provenance"},
		{"bad confidence", func(_, r map[string]any) {
			r["provenance"].([]any)[0].(map[string]any)["confidence"] = "high"
		}, "/requirements/0/provenance/0/confidence"},
		{"changed without change text", func(_, r map[string]any) { r["lifecycle"] = "changed" }, "/requirements/0"},
		{"unknown edition", func(d, _ map[string]any) { d["edition"] = "2024" }, "/edition"},
		{"schema version", func(d, _ map[string]any) { d["schema_version"] = "2.0" }, "/schema_version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, errs := docjson.Parse(data, docjson.Limits{})
			require.Empty(t, errs)
			doc := tree.(map[string]any)
			req := doc["requirements"].([]any)[0].(map[string]any)
			tt.mutate(doc, req)
			got := s.Validate(doc)
			require.NotEmpty(t, got)
			ptrs := got.Pointers()
			assert.Contains(t, ptrs, tt.pointer)
		})
	}
}

// TestCatalogDataCanonical keeps the data files in one format: 2-space indent,
// the documented key order, a trailing newline.
func TestCatalogDataCanonical(t *testing.T) {
	for _, path := range []string{catalog2018File, catalogA11File} {
		t.Run(path, func(t *testing.T) {
			c := loadCatalogData(t, path)
			out, err := docjson.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, string(readCatalogFile(t, path)), string(out),
				"re-encode the file with 2-space indent and the key order of catalogDataReq")
		})
	}
}

// TestCatalogGeneratedFresh regenerates the Go tables from the data into a
// temporary directory and compares them with the committed files.
func TestCatalogGeneratedFresh(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not on PATH")
	}
	tmp := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(tmp, "data"), 0o755))
	for _, f := range []string{catalog2018File, catalogA11File} {
		require.NoError(t, os.WriteFile(filepath.Join(tmp, f), readCatalogFile(t, f), 0o644))
	}
	cmd := exec.Command(goTool, "run", "../internal/cmd/gencatalog", "-dir", tmp)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), "gencatalog: %s", stderr.String())
	for _, f := range []string{"catalog_gen.go", "ids_gen.go"} {
		want := readCatalogFile(t, filepath.Join(tmp, f))
		got := readCatalogFile(t, f)
		assert.True(t, bytes.Equal(want, got), "%s is stale: run go generate ./requirement", f)
	}
}

func TestCatalogDataInvariants(t *testing.T) {
	d18 := loadCatalogData(t, catalog2018File)
	dA11 := loadCatalogData(t, catalogA11File)
	require.Equal(t, "2018", d18.Edition)
	require.Equal(t, "A11", dA11.Edition)

	by18 := map[string]catalogDataReq{}
	for _, r := range d18.Requirements {
		by18[r.ID] = r
	}

	for _, c := range []catalogData{d18, dA11} {
		t.Run(c.Edition+"/sources", func(t *testing.T) {
			register := map[string]bool{}
			for _, s := range c.Sources {
				assert.False(t, register[s.ID], "source %s registered twice", s.ID)
				register[s.ID] = true
			}
			used := map[string]bool{}
			for _, r := range c.Requirements {
				for i, p := range r.Provenance {
					used[p.Source] = true
					assert.True(t, register[p.Source], "%s provenance %d: source %q not in the register", r.ID, i, p.Source)
				}
			}
			for id := range register {
				assert.True(t, used[id], "source %s is registered but never cited", id)
			}
		})
		t.Run(c.Edition+"/entries", func(t *testing.T) {
			for _, r := range c.Requirements {
				assert.NotEmpty(t, r.Artifacts, "%s expects no artifact", r.ID)
				for _, a := range r.Artifacts {
					assert.True(t, requirement.ArtifactKind(a).Known(), "%s: unknown artifact kind %q", r.ID, a)
				}
				assert.NotEmpty(t, r.Provenance, "%s has no provenance", r.ID)
				assert.NotContains(t, strings.ToUpper(r.Summary), "TODO", r.ID)
				for _, l := range r.Lists {
					var labels []string
					for _, it := range l.Items {
						assert.NotContains(t, labels, it.Label, "%s list %q: label %s twice", r.ID, l.Name, it.Label)
						labels = append(labels, it.Label)
					}
				}
			}
		})
	}

	t.Run("2018", func(t *testing.T) {
		for _, r := range d18.Requirements {
			assert.Equal(t, "baseline", r.Lifecycle, r.ID)
			assert.False(t, r.Provisional, r.ID)
			assert.Empty(t, r.Supersedes, r.ID)
			assert.Empty(t, r.Change, r.ID)
		}
	})

	t.Run("A11", func(t *testing.T) {
		carried := map[string][]string{}
		for _, r := range dA11.Requirements {
			assert.True(t, r.Provisional, "%s must be provisional", r.ID)
			switch r.Lifecycle {
			case "unchanged", "changed":
				assert.Equal(t, []string{r.ID}, r.Supersedes, "%s: %s entries keep their ID", r.ID, r.Lifecycle)
			case "moved":
				require.NotEmpty(t, r.Supersedes, r.ID)
				assert.NotContains(t, r.Supersedes, r.ID, "%s: a moved entry has a new ID", r.ID)
			case "new":
				assert.Empty(t, r.Supersedes, r.ID)
			default:
				t.Errorf("%s: lifecycle %q is not an A11 lifecycle", r.ID, r.Lifecycle)
			}
			if r.Lifecycle == "unchanged" {
				assert.Empty(t, r.Change, "%s is unchanged but has a change text", r.ID)
			} else {
				assert.NotEmpty(t, r.Change, "%s is %s but says nothing about the change", r.ID, r.Lifecycle)
			}
			for _, old := range r.Supersedes {
				base, ok := by18[old]
				if !assert.True(t, ok, "%s supersedes %s, which is not a 2018 requirement", r.ID, old) {
					continue
				}
				carried[old] = append(carried[old], r.ID)
				// What the 2018 requirement enumerates is carried along, in order.
				require.GreaterOrEqual(t, len(r.Lists), len(base.Lists), "%s lacks the lists of 2018 %s", r.ID, old)
				assert.Equal(t, base.Lists, r.Lists[:len(base.Lists)], "%s: lists of 2018 %s", r.ID, old)
				if r.Lifecycle == "unchanged" {
					assert.Equal(t, base.Lists, r.Lists, "%s is unchanged but its lists differ from 2018", r.ID)
					assert.Equal(t, base.Artifacts, r.Artifacts, "%s is unchanged but its artifacts differ from 2018", r.ID)
				}
			}
		}
		// No 2018 requirement disappears silently.
		for _, r := range d18.Requirements {
			assert.Len(t, carried[r.ID], 1, "2018 %s must be carried into A11 exactly once, got %v", r.ID, carried[r.ID])
		}
	})
}

// TestCatalogArtifactsKnown checks the generated catalogs, not the data files.
func TestCatalogArtifactsKnown(t *testing.T) {
	for _, e := range []requirement.Edition{requirement.Edition2018, requirement.EditionA11} {
		c, err := requirement.ForEdition(e)
		require.NoError(t, err)
		for r := range c.All() {
			arts := r.Artifacts()
			assert.NotEmpty(t, arts, "%s %s", e, r.ID())
			assert.Len(t, arts, len(slices.Compact(slices.Sorted(slices.Values(arts)))), "%s %s: duplicate artifact kind", e, r.ID())
			for _, a := range arts {
				assert.True(t, a.Known(), "%s %s: %q", e, r.ID(), a)
			}
			assert.Equal(t, e == requirement.EditionA11, r.Provisional(), "%s %s", e, r.ID())
			assert.NotEmpty(t, r.Provenance(), "%s %s", e, r.ID())
		}
	}
}
