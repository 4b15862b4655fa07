package requirement

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/schema"
)

// OverlaySchemaID is the $id of the published JSON Schema of overlays
// (requirement/data/overlay.schema.json).
const OverlaySchemaID = "https://github.com/sdlkit/iec62443/schemas/overlay-1.json"

// OverlaySchemaVersion is the schema_version overlays must carry.
const OverlaySchemaVersion = "1"

//go:embed data/overlay.schema.json
var overlaySchemaJSON []byte

var overlaySchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile(OverlaySchemaID, overlaySchemaJSON)
})

// OverlaySchema returns the JSON Schema of overlays, for publishing.
func OverlaySchema() []byte { return slices.Clone(overlaySchemaJSON) }

// Overlay changes an embedded catalog without a code change: a licensee adds
// the normative text from their purchased copy of the standard, or corrects
// IDs, titles and clauses once the final A11 text is cited. Operations apply
// in the order Remove, Rename, Patch, Add; Patch and Add use the IDs as they
// are after Rename. Nothing is dropped silently: a removal needs a reason, and
// [Catalog.Apply] rejects operations on unknown IDs and conflicting entries.
type Overlay struct {
	// SchemaVersion must be [OverlaySchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// Edition must equal the edition of the catalog the overlay applies to.
	Edition Edition `json:"edition"`
	// CatalogVersion names the resulting catalog, such as "A11 licensed 2027-01".
	CatalogVersion string `json:"catalog_version"`
	// Remove deletes requirements, each with a reason.
	Remove []OverlayRemove `json:"remove,omitzero"`
	// Rename gives requirements new IDs (and optionally new titles).
	Rename []OverlayRename `json:"rename,omitzero"`
	// Patch replaces fields of existing requirements.
	Patch []OverlayPatch `json:"patch,omitzero"`
	// Add inserts requirements the catalog lacks.
	Add []OverlayAdd `json:"add,omitzero"`
}

// OverlayRemove deletes one requirement.
type OverlayRemove struct {
	// ID is the requirement to delete.
	ID ID `json:"id"`
	// Reason records why (at least 10 characters).
	Reason string `json:"reason"`
}

// OverlayRename changes the ID of one requirement.
type OverlayRename struct {
	// ID is the current ID.
	ID ID `json:"id"`
	// NewID is the corrected ID; its prefix may name another practice.
	NewID ID `json:"new_id"`
	// Title, when not empty, replaces the title.
	Title string `json:"title,omitzero"`
	// Reason optionally records why.
	Reason string `json:"reason,omitzero"`
}

// OverlayPatch replaces the given fields of one requirement. Empty strings and
// nil slices leave a field unchanged; Provenance is appended, not replaced.
type OverlayPatch struct {
	// ID is the requirement to patch (after renames).
	ID ID `json:"id"`
	// Title replaces the official short title.
	Title string `json:"title,omitzero"`
	// Clause replaces the clause number.
	Clause string `json:"clause,omitzero"`
	// Summary replaces the summary.
	Summary string `json:"summary,omitzero"`
	// NormativeText sets the standard's own text from a licensed copy.
	NormativeText string `json:"normative_text,omitzero"`
	// Change replaces the description of what changed against 2018.
	Change string `json:"change,omitzero"`
	// Provisional, when set, replaces the provisional mark (false once the
	// final text confirms the requirement).
	Provisional *bool `json:"provisional,omitzero"`
	// Artifacts replaces the expected artifact kinds.
	Artifacts []ArtifactKind `json:"artifacts,omitzero"`
	// Lists replaces the enumerations.
	Lists []List `json:"lists,omitzero"`
	// Provenance is appended to the requirement's provenance.
	Provenance []Provenance `json:"provenance,omitzero"`
}

// OverlayAdd inserts one requirement. Its practice is the one its ID prefix
// names; its lifecycle is LifecycleNew, or LifecycleMoved when it supersedes
// 2018 requirements (in an A11 catalog).
type OverlayAdd struct {
	ID            ID             `json:"id"`
	Clause        string         `json:"clause"`
	Title         string         `json:"title"`
	Summary       string         `json:"summary"`
	NormativeText string         `json:"normative_text,omitzero"`
	Change        string         `json:"change,omitzero"`
	Provisional   bool           `json:"provisional,omitzero"`
	Artifacts     []ArtifactKind `json:"artifacts"`
	Lists         []List         `json:"lists,omitzero"`
	Supersedes    []ID           `json:"supersedes,omitzero"`
	Provenance    []Provenance   `json:"provenance"`
}

// OverlayOptions bounds overlay decoding. A nil *OverlayOptions means defaults.
type OverlayOptions struct {
	// MaxBytes is the largest overlay accepted. Zero means 8 MiB.
	MaxBytes int64
	// MaxDepth is the deepest nesting accepted. Zero means 32.
	MaxDepth int
}

func (o *OverlayOptions) limits() docjson.Limits {
	l := docjson.Limits{MaxBytes: 8 << 20, MaxDepth: 32}
	if o != nil {
		if o.MaxBytes > 0 {
			l.MaxBytes = o.MaxBytes
		}
		if o.MaxDepth > 0 {
			l.MaxDepth = o.MaxDepth
		}
	}
	return l
}

// DecodeOverlay reads an overlay document. Malformed JSON, schema violations
// (every one, located by JSON pointer), duplicate keys and limit overruns are
// reported as [LocatedErrors] wrapped with ErrInvalidDocument. Whether the
// overlay fits a catalog is checked by [Catalog.Apply].
func DecodeOverlay(r io.Reader, opts *OverlayOptions) (*Overlay, error) {
	var o Overlay
	if err := docjson.Decode(r, opts.limits(), overlaySchema(), &o); err != nil {
		return nil, fmt.Errorf("requirement: overlay: %w", err)
	}
	return &o, nil
}

// Apply returns a new catalog: c with the overlay applied. c is not modified.
// Every problem is reported, located by a JSON pointer into the overlay:
// a wrong edition (ErrWrongEdition), operations on IDs the catalog lacks
// (ErrUnknownID), the same ID twice or in conflicting operations, or an ID
// that already exists (ErrDuplicate), practices the edition lacks
// (ErrInvalidValue).
func (c *Catalog) Apply(o *Overlay) (*Catalog, error) {
	var errs LocatedErrors
	if o == nil {
		errs.Add("", ErrInvalidValue, "nil overlay")
		return nil, fmt.Errorf("requirement: overlay: %w", errs)
	}
	if o.SchemaVersion != OverlaySchemaVersion {
		errs.Add("/schema_version", ErrSchema, "schema_version %q is not supported (want %q)", clip(o.SchemaVersion), OverlaySchemaVersion)
	}
	if o.Edition != c.edition {
		errs.Add("/edition", ErrWrongEdition, "overlay is for edition %s, catalog %q is edition %s", o.Edition, c.version, c.edition)
	}
	if o.CatalogVersion == "" {
		errs.Add("/catalog_version", ErrSchema, "catalog_version is empty (name the resulting catalog)")
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("requirement: overlay: %w", errs)
	}

	reqs := slices.Clone(c.reqs)
	pos := make(map[ID]int, len(reqs))
	for i, r := range reqs {
		pos[r.id] = i
	}
	removed := make([]bool, len(reqs))
	touched := map[ID]string{} // ID -> pointer of the operation that claimed it

	claim := func(id ID, ptr string) bool {
		if prev, ok := touched[id]; ok {
			errs.Add(ptr, ErrDuplicate, "%s is already the subject of %s (one operation per requirement and kind)", id, prev)
			return false
		}
		touched[id] = ptr
		return true
	}
	checkPractice := func(id ID, ptr string) bool {
		p := id.Practice()
		if !p.In(c.edition) {
			errs.Add(ptr, ErrInvalidValue, "%s: practice %s does not exist in edition %s", id, p, c.edition)
			return false
		}
		return true
	}

	for i, op := range o.Remove {
		ptr := jsonptr.Append(jsonptr.Index("/remove", i), "id")
		j, ok := pos[op.ID]
		if !ok {
			errs.Add(ptr, ErrUnknownID, "cannot remove %s: catalog %q has no such requirement", op.ID, c.version)
			continue
		}
		if claim(op.ID, jsonptr.Index("/remove", i)) {
			removed[j] = true
		}
	}
	renamedTo := map[ID]bool{}
	for i, op := range o.Rename {
		base := jsonptr.Index("/rename", i)
		j, ok := pos[op.ID]
		if !ok {
			errs.Add(base+"/id", ErrUnknownID, "cannot rename %s: catalog %q has no such requirement", op.ID, c.version)
			continue
		}
		if !claim(op.ID, base) || !checkPractice(op.NewID, base+"/new_id") {
			continue
		}
		if k, exists := pos[op.NewID]; exists && !removed[k] && !renamedAway(o.Rename, op.NewID) {
			errs.Add(base+"/new_id", ErrDuplicate, "cannot rename %s to %s: %s already exists (remove or rename it first)", op.ID, op.NewID, op.NewID)
			continue
		}
		if renamedTo[op.NewID] {
			errs.Add(base+"/new_id", ErrDuplicate, "two renames produce %s", op.NewID)
			continue
		}
		renamedTo[op.NewID] = true
		r := reqs[j]
		r.id, r.practice = op.NewID, op.NewID.Practice()
		if op.Title != "" {
			r.title = op.Title
		}
		reqs[j] = r
	}
	// index after renames
	cur := make(map[ID]int, len(reqs))
	for j, r := range reqs {
		if !removed[j] {
			cur[r.id] = j
		}
	}
	patched := map[ID]string{}
	for i, op := range o.Patch {
		base := jsonptr.Index("/patch", i)
		j, ok := cur[op.ID]
		if !ok {
			errs.Add(base+"/id", ErrUnknownID, "cannot patch %s: no such requirement in catalog %q after removals and renames", op.ID, c.version)
			continue
		}
		if prev, dup := patched[op.ID]; dup {
			errs.Add(base+"/id", ErrDuplicate, "%s is patched twice (also at %s): merge the patches", op.ID, prev)
			continue
		}
		patched[op.ID] = base
		r := reqs[j]
		setIf(&r.title, op.Title)
		setIf(&r.clause, op.Clause)
		setIf(&r.summary, op.Summary)
		setIf(&r.normativeText, op.NormativeText)
		setIf(&r.change, op.Change)
		if op.Provisional != nil {
			r.provisional = *op.Provisional
		}
		if op.Artifacts != nil {
			r.artifacts = slices.Clone(op.Artifacts)
		}
		if op.Lists != nil {
			r.lists = cloneLists(op.Lists)
		}
		if len(op.Provenance) > 0 {
			r.provenance = append(slices.Clone(r.provenance), op.Provenance...)
		}
		reqs[j] = r
	}
	added := map[ID]string{}
	for i, op := range o.Add {
		base := jsonptr.Index("/add", i)
		if _, exists := cur[op.ID]; exists {
			errs.Add(base+"/id", ErrDuplicate, "cannot add %s: the catalog already has it (use patch)", op.ID)
			continue
		}
		if prev, dup := added[op.ID]; dup {
			errs.Add(base+"/id", ErrDuplicate, "%s is added twice (also at %s)", op.ID, prev)
			continue
		}
		added[op.ID] = base
		if !checkPractice(op.ID, base+"/id") {
			continue
		}
		lc := LifecycleNew
		switch {
		case c.edition == Edition2018:
			lc = LifecycleBaseline
			if len(op.Supersedes) > 0 {
				errs.Add(base+"/supersedes", ErrInvalidValue, "a 2018 requirement cannot supersede anything")
				continue
			}
		case len(op.Supersedes) > 0:
			lc = LifecycleMoved
		}
		cur[op.ID] = len(reqs)
		reqs = append(reqs, Requirement{
			id: op.ID, edition: c.edition, practice: op.ID.Practice(), clause: op.Clause, title: op.Title,
			summary: op.Summary, normativeText: op.NormativeText, lists: cloneLists(op.Lists),
			artifacts: slices.Clone(op.Artifacts), lifecycle: lc, supersedes: slices.Clone(op.Supersedes),
			change: op.Change, provisional: op.Provisional, provenance: slices.Clone(op.Provenance),
		})
		removed = append(removed, false)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, fmt.Errorf("requirement: overlay: %w", errs)
	}
	out := make([]Requirement, 0, len(reqs))
	for j, r := range reqs {
		if !removed[j] {
			out = append(out, r)
		}
	}
	return build(c.edition, o.CatalogVersion, out)
}

// ApplyOverlay decodes an overlay from r and applies it to c.
func (c *Catalog) ApplyOverlay(r io.Reader, opts *OverlayOptions) (*Catalog, error) {
	o, err := DecodeOverlay(r, opts)
	if err != nil {
		return nil, err
	}
	return c.Apply(o)
}

func renamedAway(ops []OverlayRename, id ID) bool {
	for _, op := range ops {
		if op.ID == id {
			return true
		}
	}
	return false
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func cloneLists(ls []List) []List {
	if ls == nil {
		return nil
	}
	out := make([]List, len(ls))
	for i, l := range ls {
		out[i] = List{Name: l.Name, Items: slices.Clone(l.Items)}
	}
	return out
}
