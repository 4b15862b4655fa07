package requirement_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
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
	// the new catalog still deltas cleanly against 2018, and the retitled
	// SD-3 is a renamed entry
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	delta, err := requirement.Delta(c18, c)
	require.NoError(t, err)
	sd3 := changeTo(t, delta, requirement.SD3)
	assert.Equal(t, requirement.ChangeRenamed, sd3.Kind)
	assert.Equal(t, requirement.SD3, sd3.From)
	assert.Equal(t, "Security design review", sd3.FromTitle)
	assert.Equal(t, "Secure design review", sd3.ToTitle)
	assert.True(t, sd3.TitleChanged)
	assert.False(t, sd3.ContentChanged)
	assert.Equal(t, `Now titled "Secure design review" (was "Security design review"). Update the title in your records; the evidence carries over.`, sd3.Summary)
	r, _ := c.Lookup(requirement.SD3)
	assert.Equal(t, requirement.LifecycleUnchanged, r.Lifecycle(), "a new title alone is no change of content")
	assertLifecyclesAgreeWithDelta(t, c)
}

// changeTo returns the one delta entry that leads to id.
func changeTo(t *testing.T, delta []requirement.Change, id requirement.ID) requirement.Change {
	t.Helper()
	var found []requirement.Change
	for _, ch := range delta {
		if ch.To == id {
			found = append(found, ch)
		}
	}
	require.Len(t, found, 1, "delta entries leading to %s", id)
	return found[0]
}

// assertLifecyclesAgreeWithDelta checks that the lifecycle of every
// requirement of c tells the same story as the delta entries leading to it.
func assertLifecyclesAgreeWithDelta(t *testing.T, c *requirement.Catalog) {
	t.Helper()
	c18, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	delta, err := requirement.Delta(c18, c)
	require.NoError(t, err)
	byTo := map[requirement.ID][]requirement.Change{}
	for _, ch := range delta {
		if ch.To != "" {
			byTo[ch.To] = append(byTo[ch.To], ch)
		}
	}
	for r := range c.All() {
		want := requirement.LifecycleUnchanged
		for _, ch := range byTo[r.ID()] {
			switch ch.Kind {
			case requirement.ChangeAdded:
				want = requirement.LifecycleNew
			case requirement.ChangeMoved:
				want = requirement.LifecycleMoved
			case requirement.ChangeChanged, requirement.ChangeRenamed:
				if ch.ContentChanged && want == requirement.LifecycleUnchanged {
					want = requirement.LifecycleChanged
				}
			case requirement.ChangeUnchanged, requirement.ChangeRetired:
			}
		}
		assert.Equal(t, want, r.Lifecycle(), "%s: lifecycle against delta %+v", r.ID(), byTo[r.ID()])
	}
}

// a11Overlay is an overlay for the A11 catalog with the given operations.
func a11Overlay(version string) *requirement.Overlay {
	return &requirement.Overlay{SchemaVersion: requirement.OverlaySchemaVersion, Edition: requirement.EditionA11, CatalogVersion: version}
}

// validAdd is an addition that Apply accepts on the A11 catalog.
func validAdd(id requirement.ID, supersedes ...requirement.ID) requirement.OverlayAdd {
	return requirement.OverlayAdd{ID: id, Clause: "5.30", Title: "Test requirement", Summary: "Exists only for a test.",
		Artifacts: []requirement.ArtifactKind{requirement.ArtifactProcessDescription}, Supersedes: supersedes,
		Provenance: []requirement.Provenance{{Source: "test", Locator: "overlay_test.go", Confidence: requirement.ConfidenceUncertain}}}
}

func TestOverlayPatchChangeMakesChanged(t *testing.T) {
	const text = "The final text asks for a second, independent integrity check."
	o := a11Overlay("A11 with an SM-6 change")
	o.Patch = []requirement.OverlayPatch{{ID: requirement.SM6, Change: text}}
	c, err := requirement.Default().Apply(o)
	require.NoError(t, err)
	r, ok := c.Lookup(requirement.SM6)
	require.True(t, ok)
	assert.Equal(t, requirement.LifecycleChanged, r.Lifecycle())
	assert.Equal(t, text, r.Change())
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	delta, err := requirement.Delta(c18, c)
	require.NoError(t, err)
	ch := changeTo(t, delta, requirement.SM6)
	assert.Equal(t, requirement.ChangeChanged, ch.Kind)
	assert.True(t, ch.ContentChanged)
	assert.Equal(t, text, ch.Summary, "the new text reaches the delta")
	assertLifecyclesAgreeWithDelta(t, c)
	orig, _ := requirement.Default().Lookup(requirement.SM6)
	assert.Equal(t, requirement.LifecycleUnchanged, orig.Lifecycle(), "the base catalog is untouched")

	// A 2018 requirement has no change text.
	o18 := &requirement.Overlay{SchemaVersion: "1", Edition: requirement.Edition2018, CatalogVersion: "2018 x",
		Patch: []requirement.OverlayPatch{{ID: requirement.SM1, Change: text}},
		Add:   []requirement.OverlayAdd{validAdd("SM-30")}}
	o18.Add[0].Change = text
	_, err = c18.Apply(o18)
	got := problems(t, err)
	assert.Len(t, got, 2, "problems: %v", err)
	assert.ErrorIs(t, got["/patch/0/change"], problem.ErrInvalidValue)
	assert.ErrorIs(t, got["/add/0/change"], problem.ErrInvalidValue)
}

func TestOverlaySupersedes(t *testing.T) {
	remove := func(ids ...requirement.ID) []requirement.OverlayRemove {
		var out []requirement.OverlayRemove
		for _, id := range ids {
			out = append(out, requirement.OverlayRemove{ID: id, Reason: "test: make room for the addition"})
		}
		return out
	}
	tests := []struct {
		name   string
		remove []requirement.OverlayRemove
		rename []requirement.OverlayRename
		add    []requirement.OverlayAdd
		want   map[string]error
	}{
		{name: "not a 2018 ID", add: []requirement.OverlayAdd{validAdd("SM-30", "SM-14")},
			want: map[string]error{"/add/0/supersedes/0": problem.ErrUnknownID}},
		{name: "carried by the same ID", add: []requirement.OverlayAdd{validAdd("SM-30", "SM-6")},
			want: map[string]error{"/add/0/supersedes/0": problem.ErrDuplicate}},
		{name: "carried by a moved requirement", add: []requirement.OverlayAdd{validAdd("SM-30", "SM-1", "SR-2")}, remove: remove("SM-1"),
			want: map[string]error{"/add/0/supersedes/1": problem.ErrDuplicate}},
		{name: "carried after a rename", rename: []requirement.OverlayRename{{ID: "SM-6", NewID: "SM-22"}}, add: []requirement.OverlayAdd{validAdd("SM-30", "SM-6")},
			want: map[string]error{"/add/0/supersedes/0": problem.ErrDuplicate}},
		{name: "two additions", remove: remove("SM-6"), add: []requirement.OverlayAdd{validAdd("SM-30", "SM-6"), validAdd("SM-31", "SM-6")},
			want: map[string]error{"/add/1/supersedes/0": problem.ErrDuplicate}},
		{name: "twice in one addition", remove: remove("SM-6"), add: []requirement.OverlayAdd{validAdd("SM-30", "SM-6", "SM-6")},
			want: map[string]error{"/add/0/supersedes/1": problem.ErrDuplicate}},
		{name: "malformed", add: []requirement.OverlayAdd{validAdd("SM-30", "SM-06")},
			want: map[string]error{"/add/0/supersedes/0": problem.ErrInvalidID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := a11Overlay("A11 supersedes test")
			o.Remove, o.Rename, o.Add = tt.remove, tt.rename, tt.add
			_, err := requirement.Default().Apply(o)
			got := problems(t, err)
			assert.Len(t, got, len(tt.want), "problems: %v", err)
			for ptr, sentinel := range tt.want {
				assert.ErrorIs(t, got[ptr], sentinel, "at %q: %v", ptr, err)
			}
		})
	}

	// Removing the carrier frees the 2018 requirement for an addition.
	o := a11Overlay("A11 SM-6 moved")
	o.Remove, o.Add = remove("SM-6"), []requirement.OverlayAdd{validAdd("SM-30", "SM-6")}
	c, err := requirement.Default().Apply(o)
	require.NoError(t, err)
	r, _ := c.Lookup("SM-30")
	assert.Equal(t, requirement.LifecycleMoved, r.Lifecycle())
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	delta, err := requirement.Delta(c18, c)
	require.NoError(t, err)
	var fromSM6 []requirement.Change
	for _, ch := range delta {
		if ch.From == requirement.SM6 {
			fromSM6 = append(fromSM6, ch)
		}
	}
	require.Len(t, fromSM6, 1)
	assert.Equal(t, requirement.ChangeMoved, fromSM6[0].Kind)
	assert.Equal(t, requirement.ID("SM-30"), fromSM6[0].To)
	assertLifecyclesAgreeWithDelta(t, c)
}

func TestOverlayRenameRecomputesLifecycle(t *testing.T) {
	o := a11Overlay("A11 renumbered")
	o.Rename = []requirement.OverlayRename{
		{ID: requirement.SM6, NewID: "SM-20"},          // unchanged, off its 2018 ID
		{ID: requirement.SM4, NewID: "SM-21"},          // changed, off its 2018 ID
		{ID: requirement.SR2, NewID: "SR-9"},           // new, stays new
		{ID: requirement.SRM3, NewID: requirement.SR2}, // moved, back onto the ID it carries
	}
	c, err := requirement.Default().Apply(o)
	require.NoError(t, err)
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	delta, err := requirement.Delta(c18, c)
	require.NoError(t, err)
	sm4, _ := requirement.Default().Lookup(requirement.SM4)
	tests := []struct {
		id             requirement.ID
		lifecycle      requirement.Lifecycle
		kind           requirement.ChangeKind
		from           requirement.ID
		contentChanged bool
	}{
		{"SM-20", requirement.LifecycleMoved, requirement.ChangeMoved, requirement.SM6, false},
		{"SM-21", requirement.LifecycleMoved, requirement.ChangeMoved, requirement.SM4, true},
		{"SR-9", requirement.LifecycleNew, requirement.ChangeAdded, "", true},
		{requirement.SR2, requirement.LifecycleChanged, requirement.ChangeRenamed, requirement.SR2, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			r, ok := c.Lookup(tt.id)
			require.True(t, ok)
			assert.Equal(t, tt.lifecycle, r.Lifecycle())
			ch := changeTo(t, delta, tt.id)
			assert.Equal(t, tt.kind, ch.Kind)
			assert.Equal(t, tt.from, ch.From)
			assert.Equal(t, tt.contentChanged, ch.ContentChanged)
		})
	}
	assert.Contains(t, changeTo(t, delta, "SM-21").Summary, sm4.Change(), "the change text travels with the move")
	assertLifecyclesAgreeWithDelta(t, c)
}

// TestOverlayRenameOntoUnfreedID: a rename may take an ID that another
// rename frees, but when that other rename fails the collision is reported
// where it arises, not as an unlocated catalog error.
func TestOverlayRenameOntoUnfreedID(t *testing.T) {
	o := a11Overlay("A11 rename chain")
	o.Rename = []requirement.OverlayRename{
		{ID: requirement.SM6, NewID: requirement.SM7}, // takes SM-7, which the next rename should free
		{ID: requirement.SM7, NewID: "SRM-9"},         // fine
	}
	c, err := requirement.Default().Apply(o)
	require.NoError(t, err)
	assert.True(t, c.Has("SRM-9"))
	r, _ := c.Lookup(requirement.SM7)
	assert.Equal(t, []requirement.ID{requirement.SM6}, r.Supersedes())

	o.Rename[1].NewID = requirement.SM8 // fails: SM-8 exists, so SM-7 is not freed
	_, err = requirement.Default().Apply(o)
	got := problems(t, err)
	assert.Len(t, got, 2, "problems: %v", err)
	assert.ErrorIs(t, got["/rename/0/new_id"], problem.ErrDuplicate)
	assert.ErrorIs(t, got["/rename/1/new_id"], problem.ErrDuplicate)
}

func TestOverlayHeaderKeepsOperationProblems(t *testing.T) {
	ops := func(o *requirement.Overlay) *requirement.Overlay {
		o.Remove = []requirement.OverlayRemove{{ID: "SM-77", Reason: "test: the catalog has no SM-77"}}
		o.Patch = []requirement.OverlayPatch{{ID: requirement.SM1, Title: "x"}, {ID: requirement.SM1, Summary: "twice"}}
		add := validAdd("SM-30")
		add.Title = ""
		o.Add = []requirement.OverlayAdd{add}
		return o
	}
	tests := []struct {
		name string
		o    *requirement.Overlay
		want map[string]error
	}{
		{"wrong schema version and no catalog version",
			ops(&requirement.Overlay{SchemaVersion: "2", Edition: requirement.EditionA11}),
			map[string]error{
				"/schema_version":  problem.ErrSchema,
				"/catalog_version": problem.ErrSchema,
				"/remove/0/id":     problem.ErrUnknownID,
				"/patch/0/title":   problem.ErrSchema,
				"/patch/1/id":      problem.ErrDuplicate,
				"/add/0/title":     problem.ErrSchema,
			}},
		// For another edition the IDs are not looked up (SM-77 is not
		// reported), but content and conflicts still are.
		{"wrong edition",
			ops(&requirement.Overlay{SchemaVersion: "2", Edition: requirement.Edition2018, CatalogVersion: "x"}),
			map[string]error{
				"/schema_version": problem.ErrSchema,
				"/edition":        problem.ErrWrongEdition,
				"/patch/0/title":  problem.ErrSchema,
				"/patch/1/id":     problem.ErrDuplicate,
				"/add/0/title":    problem.ErrSchema,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := requirement.Default().Apply(tt.o)
			got := problems(t, err)
			assert.Len(t, got, len(tt.want), "problems: %v", err)
			for ptr, sentinel := range tt.want {
				assert.ErrorIs(t, got[ptr], sentinel, "at %q: %v", ptr, err)
			}
		})
	}
}

// TestOverlayContentValidated holds an overlay built in code to the rules the
// schema sets for a decoded one.
func TestOverlayContentValidated(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(o *requirement.Overlay)
		ptr    string
		want   error
	}{
		{"add without title", func(o *requirement.Overlay) { o.Add[0].Title = "" }, "/add/0/title", problem.ErrSchema},
		{"add with a short title", func(o *requirement.Overlay) { o.Add[0].Title = "ab" }, "/add/0/title", problem.ErrSchema},
		{"add without summary", func(o *requirement.Overlay) { o.Add[0].Summary = "" }, "/add/0/summary", problem.ErrSchema},
		{"add without clause", func(o *requirement.Overlay) { o.Add[0].Clause = "" }, "/add/0/clause", problem.ErrSchema},
		{"add with a bad clause", func(o *requirement.Overlay) { o.Add[0].Clause = "5..2" }, "/add/0/clause", problem.ErrSchema},
		{"add without provenance", func(o *requirement.Overlay) { o.Add[0].Provenance = nil }, "/add/0/provenance", problem.ErrSchema},
		{"add with an empty source", func(o *requirement.Overlay) { o.Add[0].Provenance[0].Source = "" }, "/add/0/provenance/0/source", problem.ErrSchema},
		{"add with no confidence", func(o *requirement.Overlay) { o.Add[0].Provenance[0].Confidence = 0 }, "/add/0/provenance/0/confidence", problem.ErrSchema},
		{"add without artifacts", func(o *requirement.Overlay) { o.Add[0].Artifacts = nil }, "/add/0/artifacts", problem.ErrSchema},
		{"add with an unknown artifact", func(o *requirement.Overlay) { o.Add[0].Artifacts = []requirement.ArtifactKind{"napkin"} }, "/add/0/artifacts/0", problem.ErrSchema},
		{"add with an artifact twice", func(o *requirement.Overlay) {
			o.Add[0].Artifacts = []requirement.ArtifactKind{requirement.ArtifactSBOM, requirement.ArtifactSBOM}
		}, "/add/0/artifacts/1", problem.ErrSchema},
		{"add with an empty list", func(o *requirement.Overlay) { o.Add[0].Lists = []requirement.List{{Name: "steps"}} }, "/add/0/lists/0/items", problem.ErrSchema},
		{"add with a malformed ID", func(o *requirement.Overlay) { o.Add[0].ID = "SM-030" }, "/add/0/id", problem.ErrInvalidID},
		{"patch that changes nothing", func(o *requirement.Overlay) { o.Patch = []requirement.OverlayPatch{{ID: requirement.SM2}} }, "/patch/0", problem.ErrSchema},
		{"patch emptying the artifacts", func(o *requirement.Overlay) {
			o.Patch = []requirement.OverlayPatch{{ID: requirement.SM2, Artifacts: []requirement.ArtifactKind{}}}
		}, "/patch/0/artifacts", problem.ErrSchema},
		{"patch with an unknown artifact", func(o *requirement.Overlay) {
			o.Patch = []requirement.OverlayPatch{{ID: requirement.SM2, Artifacts: []requirement.ArtifactKind{"napkin"}}}
		}, "/patch/0/artifacts/0", problem.ErrSchema},
		{"patch with incomplete provenance", func(o *requirement.Overlay) {
			o.Patch = []requirement.OverlayPatch{{ID: requirement.SM2, Provenance: []requirement.Provenance{{Source: "x", Confidence: requirement.ConfidencePrimary}}}}
		}, "/patch/0/provenance/0/locator", problem.ErrSchema},
		{"removal without reason", func(o *requirement.Overlay) { o.Remove = []requirement.OverlayRemove{{ID: requirement.SM2}} }, "/remove/0/reason", problem.ErrSchema},
		{"rename to a malformed ID", func(o *requirement.Overlay) {
			o.Rename = []requirement.OverlayRename{{ID: requirement.SM2, NewID: "sm-20"}}
		}, "/rename/0/new_id", problem.ErrInvalidID},
	}
	valid := func() *requirement.Overlay {
		o := a11Overlay("A11 content test")
		o.Add = []requirement.OverlayAdd{validAdd("SM-30")}
		return o
	}
	_, err := requirement.Default().Apply(valid())
	require.NoError(t, err, "the unmutated overlay is valid")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := valid()
			tt.mutate(o)
			_, err := requirement.Default().Apply(o)
			got := problems(t, err)
			assert.Len(t, got, 1, "problems: %v", err)
			assert.ErrorIs(t, got[tt.ptr], tt.want, "at %q: %v", tt.ptr, err)
		})
	}

	// The schema agrees for a decoded overlay: a patch cannot empty the artifacts.
	_, err = requirement.DecodeOverlay(strings.NewReader(`{"schema_version": "1", "edition": "A11", "catalog_version": "x", "patch": [{"id": "SM-2", "artifacts": []}]}`), nil)
	assert.ErrorIs(t, problems(t, err)["/patch/0/artifacts"], problem.ErrSchema)
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
	assert.ErrorIs(t, err, problem.ErrInvalidDocument)
	var list problem.List
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
		{"bad-json.json", map[string]error{"/patch/0/id": problem.ErrSyntax}},
		{"duplicate-key.json", map[string]error{"/edition": problem.ErrDuplicateKey}},
		{"schema-violations.json", map[string]error{
			"":                     problem.ErrSchema, // additional property "surprise"
			"/schema_version":      problem.ErrSchema,
			"/patch/0/id":          problem.ErrSchema,
			"/patch/1/artifacts/0": problem.ErrSchema,
			"/patch/2":             problem.ErrSchema, // nothing to patch
			"/remove/0/reason":     problem.ErrSchema,
		}},
		{"unknown-ids.json", map[string]error{
			"/patch/0/id":  problem.ErrUnknownID,
			"/remove/0/id": problem.ErrUnknownID,
			"/rename/0/id": problem.ErrUnknownID,
		}},
		{"duplicates.json", map[string]error{
			"/patch/1/id":      problem.ErrDuplicate,
			"/rename/0":        problem.ErrDuplicate,
			"/rename/1/new_id": problem.ErrDuplicate,
			"/add/0/id":        problem.ErrDuplicate,
		}},
		{"wrong-edition.json", map[string]error{"/edition": problem.ErrWrongEdition}},
	}
	quoted := map[string]string{"unknown-ids.json": `"SM-42" "SVV-9" "DM-11"`, "duplicates.json": `"SM-1" "SM-2" "SM-4" "SD-1"`}
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
			var list problem.List
			require.ErrorAs(t, err, &list)
			var msgs []string
			for _, e := range list {
				msgs = append(msgs, e.Message)
			}
			for _, id := range strings.Fields(quoted[tt.file]) {
				assert.Contains(t, strings.Join(msgs, "\n"), id, "messages quote the IDs")
			}
		})
	}
}

func TestOverlayLimits(t *testing.T) {
	big := bytes.Repeat([]byte(" "), 2048)
	_, err := requirement.DecodeOverlay(bytes.NewReader(big), &requirement.OverlayOptions{Limits: requirement.Limits{MaxBytes: 1024}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	deep := bytes.Repeat([]byte("["), 100)
	_, err = requirement.DecodeOverlay(bytes.NewReader(deep), nil)
	assert.ErrorIs(t, err, problem.ErrLimit)
}

func TestOverlayPracticeNotInEdition(t *testing.T) {
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	o := &requirement.Overlay{SchemaVersion: "1", Edition: requirement.Edition2018, CatalogVersion: "2018 x",
		Add: []requirement.OverlayAdd{{ID: "SRM-1", Clause: "6.2", Title: "Intended use", Summary: "State the intended use.",
			Artifacts:  []requirement.ArtifactKind{requirement.ArtifactIntendedUseStatement},
			Provenance: []requirement.Provenance{{Source: "test", Locator: "overlay_test.go", Confidence: requirement.ConfidenceUncertain}}}}}
	_, err := c18.Apply(o)
	got := problems(t, err)
	assert.Len(t, got, 1, "problems: %v", err)
	assert.ErrorIs(t, got["/add/0/id"], problem.ErrInvalidValue)
	_, err = c18.Apply(nil)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
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
	// every kind of operation and field, valid, so that the round trip is exercised
	f.Add([]byte(`{"schema_version": "1", "edition": "A11", "catalog_version": "A11 fuzz seed",
	  "remove": [{"id": "SM-6", "reason": "moved to SM-30 in the final text"}],
	  "rename": [{"id": "SM-7", "new_id": "SM-31", "title": "Development environment", "reason": "renumbered"}],
	  "patch": [{"id": "SM-8", "change": "Keys now live in a hardware module.", "provisional": false, "lists": [],
	             "artifacts": ["key-management-record"], "provenance": [{"source": "s", "locator": "l", "confidence": "primary"}]}],
	  "add": [{"id": "SM-30", "clause": "5.30", "title": "File integrity", "summary": "Protect shipped files.", "normative_text": "n",
	           "change": "c", "provisional": true, "artifacts": ["integrity-mechanism"], "supersedes": ["SM-6"],
	           "lists": [{"name": "means", "items": [{"label": "a", "text": "signatures"}]}],
	           "provenance": [{"source": "s", "locator": "l", "confidence": "uncertain"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := requirement.DecodeOverlay(bytes.NewReader(data), nil)
		if err != nil {
			var list problem.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("decode error is not a located list: %v", err)
			}
			return
		}
		c, err := requirement.Default().Apply(o)
		if err != nil {
			var list problem.List
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
		if !reflect.DeepEqual(o, o2) {
			t.Fatalf("decode(encode(x)) != x:\n%#v\n%#v", o, o2)
		}
		c2, err := requirement.Default().Apply(o2)
		if err != nil {
			t.Fatalf("re-apply: %v", err)
		}
		if c.Len() != c2.Len() || c.Version() != c2.Version() {
			t.Fatalf("round trip changed the catalog: %d %q vs %d %q", c.Len(), c.Version(), c2.Len(), c2.Version())
		}
		ids := c.IDs()
		for i, r2 := range slices.Collect(c2.All()) {
			r, _ := c.Lookup(ids[i])
			if !reflect.DeepEqual(r, r2) {
				t.Fatalf("round trip changed entry %d:\n%#v\n%#v", i, r, r2)
			}
		}
	})
}
