package requirement_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/requirement"
)

func openOverlay(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "overlay", name))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func TestOverlayLicensed(t *testing.T) {
	base := requirement.Default()
	c, err := base.ApplyOverlay(openOverlay(t, "licensed.json"), nil)
	require.NoError(t, err)
	assert.Equal(t, "A11 licensed copy 2027-02", c.Version())
	assert.Equal(t, base.Len(), c.Len(), "one removed, one added")

	sm1, ok := c.Lookup(requirement.SM1)
	require.True(t, ok)
	assert.Equal(t, "(licensee's copy of the requirement text goes here)", sm1.NormativeText())
	assert.False(t, sm1.Provisional())
	assert.Equal(t, "licensed-copy", sm1.Provenance()[len(sm1.Provenance())-1].Source)

	_, ok = c.Lookup(requirement.SD7)
	assert.False(t, ok, "removed")
	srm7, ok := c.Lookup("SRM-7")
	require.True(t, ok)
	assert.Equal(t, "Monitoring and review of risks", srm7.Title())
	srm6, ok := c.Lookup(requirement.SRM6)
	require.True(t, ok)
	assert.Equal(t, "Risk communication", srm6.Title())
	assert.Equal(t, requirement.LifecycleNew, srm6.Lifecycle())

	// the base catalog is untouched
	orig, _ := base.Lookup(requirement.SM1)
	assert.Empty(t, orig.NormativeText())
	assert.True(t, orig.Provisional())
	assert.True(t, base.Has(requirement.SD7))
	// the new catalog still deltas cleanly against 2018
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	_, err = requirement.Delta(c18, c)
	require.NoError(t, err)
}

func TestOverlayRetiresViaDelta(t *testing.T) {
	c, err := requirement.Default().ApplyOverlay(openOverlay(t, "retire-sr4.json"), nil)
	require.NoError(t, err)
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	delta, err := requirement.Delta(c18, c)
	require.NoError(t, err)
	last := delta[len(delta)-1]
	assert.Equal(t, requirement.ChangeRetired, last.Kind)
	assert.Equal(t, requirement.SR4, last.From)
	assert.Empty(t, last.To)
}

func problems(t *testing.T, err error) map[string]error {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, requirement.ErrInvalidDocument)
	var list requirement.LocatedErrors
	require.ErrorAs(t, err, &list, "error is a located list: %v", err)
	out := map[string]error{}
	for _, e := range list {
		out[e.Pointer] = e.Err
	}
	return out
}

func TestOverlayErrors(t *testing.T) {
	tests := []struct {
		file string
		want map[string]error // pointer -> sentinel
	}{
		{"bad-json.json", map[string]error{"/patch/0/id": requirement.ErrSyntax}},
		{"duplicate-key.json", map[string]error{"/edition": requirement.ErrDuplicateKey}},
		{"schema-violations.json", map[string]error{
			"":                     requirement.ErrSchema, // additional property "surprise"
			"/schema_version":      requirement.ErrSchema,
			"/patch/0/id":          requirement.ErrSchema,
			"/patch/1/artifacts/0": requirement.ErrSchema,
			"/patch/2":             requirement.ErrSchema, // nothing to patch
			"/remove/0/reason":     requirement.ErrSchema,
		}},
		{"unknown-ids.json", map[string]error{
			"/patch/0/id":  requirement.ErrUnknownID,
			"/remove/0/id": requirement.ErrUnknownID,
			"/rename/0/id": requirement.ErrUnknownID,
		}},
		{"duplicates.json", map[string]error{
			"/patch/1/id":      requirement.ErrDuplicate,
			"/rename/0":        requirement.ErrDuplicate,
			"/rename/1/new_id": requirement.ErrDuplicate,
			"/add/0/id":        requirement.ErrDuplicate,
		}},
		{"wrong-edition.json", map[string]error{"/edition": requirement.ErrWrongEdition}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := requirement.Default().ApplyOverlay(openOverlay(t, tt.file), nil)
			got := problems(t, err)
			assert.Len(t, got, len(tt.want), "problems: %v", err)
			for ptr, sentinel := range tt.want {
				if assert.Contains(t, got, ptr, "problems: %v", err) {
					assert.ErrorIs(t, got[ptr], sentinel, "at %q", ptr)
				}
				assert.ErrorIs(t, err, sentinel)
			}
		})
	}
}

func TestOverlayLimits(t *testing.T) {
	big := bytes.Repeat([]byte(" "), 2048)
	_, err := requirement.DecodeOverlay(bytes.NewReader(big), &requirement.OverlayOptions{MaxBytes: 1024})
	assert.ErrorIs(t, err, requirement.ErrLimit)
	deep := bytes.Repeat([]byte("["), 100)
	_, err = requirement.DecodeOverlay(bytes.NewReader(deep), nil)
	assert.ErrorIs(t, err, requirement.ErrLimit)
}

func TestOverlayPracticeNotInEdition(t *testing.T) {
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	o := &requirement.Overlay{SchemaVersion: "1", Edition: requirement.Edition2018, CatalogVersion: "2018 x",
		Add: []requirement.OverlayAdd{{ID: "SRM-1", Clause: "6.2", Title: "Intended use", Summary: "x", Artifacts: []requirement.ArtifactKind{requirement.ArtifactIntendedUseStatement}}}}
	_, err := c18.Apply(o)
	got := problems(t, err)
	assert.ErrorIs(t, got["/add/0/id"], requirement.ErrInvalidValue)
	_, err = c18.Apply(nil)
	assert.ErrorIs(t, err, requirement.ErrInvalidValue)
}

func TestOverlaySchemaMatchesArtifactKinds(t *testing.T) {
	var s struct {
		Defs struct {
			Artifacts struct {
				Items struct {
					Enum []string `json:"enum"`
				} `json:"items"`
			} `json:"artifacts"`
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(requirement.OverlaySchema(), &s))
	var want []string
	for _, k := range requirement.ArtifactKinds() {
		want = append(want, string(k))
	}
	assert.Equal(t, want, s.Defs.Artifacts.Items.Enum, "regenerate the enum in data/overlay.schema.json from artifact.go")
}

func FuzzDecodeOverlay(f *testing.F) {
	entries, err := os.ReadDir(filepath.Join("testdata", "overlay"))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata", "overlay", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := requirement.DecodeOverlay(bytes.NewReader(data), nil)
		if err != nil {
			var list requirement.LocatedErrors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("decode error is not a located list: %v", err)
			}
			return
		}
		c, err := requirement.Default().Apply(o)
		if err != nil {
			var list requirement.LocatedErrors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("apply error is not a located list: %v", err)
			}
			return
		}
		// re-encoding the overlay and applying it again gives the same catalog
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		o2, err := requirement.DecodeOverlay(bytes.NewReader(b), nil)
		if err != nil {
			t.Fatalf("re-decode of %s: %v", b, err)
		}
		c2, err := requirement.Default().Apply(o2)
		if err != nil {
			t.Fatalf("re-apply: %v", err)
		}
		if c.Len() != c2.Len() {
			t.Fatalf("round trip changed the catalog size: %d vs %d", c.Len(), c2.Len())
		}
	})
}
