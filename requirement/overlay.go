package requirement

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
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
	// Change replaces the description of what changed against 2018. An
	// unchanged requirement that gets one becomes LifecycleChanged; a 2018
	// catalog refuses it (a 2018 requirement has no change text).
	Change string `json:"change,omitzero"`
	// Provisional, when set, replaces the provisional mark (false once the
	// final text confirms the requirement).
	Provisional *bool `json:"provisional,omitzero"`
	// Artifacts replaces the expected artifact kinds (at least one).
	Artifacts []ArtifactKind `json:"artifacts,omitzero"`
	// Lists replaces the enumerations.
	Lists []List `json:"lists,omitzero"`
	// Provenance is appended to the requirement's provenance.
	Provenance []Provenance `json:"provenance,omitzero"`
}

// OverlayAdd inserts one requirement. Its practice is the one its ID prefix
// names. Its lifecycle follows from Supersedes, as for every requirement of an
// overlaid catalog (see [Catalog.Apply]): LifecycleNew when it supersedes
// nothing, LifecycleMoved when it carries a 2018 requirement of another ID,
// LifecycleUnchanged or LifecycleChanged (with a Change text) when it only
// carries the 2018 requirement of its own ID; LifecycleBaseline in a 2018
// catalog.
type OverlayAdd struct {
	// ID is the new requirement's ID; the catalog must not already hold it
	// (after removals and renames).
	ID ID `json:"id"`
	// Clause is the clause number, such as "6.7".
	Clause string `json:"clause"`
	// Title is the official short title (at least 3 characters).
	Title string `json:"title"`
	// Summary says in your own words what the requirement asks.
	Summary string `json:"summary"`
	// NormativeText optionally holds the standard's own text from a licensed copy.
	NormativeText string `json:"normative_text,omitzero"`
	// Change optionally says what changed against 2018; an A11 catalog only
	// (a 2018 requirement has no change text).
	Change string `json:"change,omitzero"`
	// Provisional marks a requirement that rests on the draft.
	Provisional bool `json:"provisional,omitzero"`
	// Artifacts are the kinds of evidence artifact expected; at least one,
	// each known and given once.
	Artifacts []ArtifactKind `json:"artifacts"`
	// Lists are the enumerations the requirement makes, if any.
	Lists []List `json:"lists,omitzero"`
	// Supersedes names the 2018 requirements the new one carries over (A11
	// catalogs only). Each must be in the embedded 2018 catalog and must not
	// already be carried by a requirement that stays in the catalog or by
	// another addition.
	Supersedes []ID `json:"supersedes,omitzero"`
	// Provenance names the sources the requirement rests on; at least one.
	Provenance []Provenance `json:"provenance"`
}

// OverlayOptions bounds overlay decoding. A nil *OverlayOptions means defaults.
type OverlayOptions struct {
	// Limits bounds the overlay document. Zero fields mean: MaxBytes 8 MiB,
	// MaxDepth 32, and the SDK-wide defaults for the others (1 MiB strings,
	// 200,000 entries, 1,000 problems).
	Limits Limits
}

func (o *OverlayOptions) limits() docjson.Limits {
	l := docjson.Limits{MaxBytes: 8 << 20, MaxDepth: 32}
	if o != nil {
		if o.Limits.MaxBytes > 0 {
			l.MaxBytes = o.Limits.MaxBytes
		}
		if o.Limits.MaxDepth > 0 {
			l.MaxDepth = o.Limits.MaxDepth
		}
		l.MaxStringLen = o.Limits.MaxStringLen
		l.MaxEntries = o.Limits.MaxEntries
	}
	return l
}

// DecodeOverlay reads an overlay document. Malformed JSON, schema violations
// (every one, located by JSON pointer), duplicate keys and limit overruns are
// reported as [problem.List] wrapped with problem.ErrInvalidDocument. Whether the
// overlay fits a catalog is checked by [Catalog.Apply].
func DecodeOverlay(r io.Reader, opts *OverlayOptions) (*Overlay, error) {
	if r == nil {
		return nil, fmt.Errorf("requirement: overlay: nil reader: %w", problem.ErrNilInput)
	}
	var o Overlay
	if err := docjson.Decode(r, opts.limits(), overlaySchema(), &o); err != nil {
		return nil, fmt.Errorf("requirement: overlay: %w", err)
	}
	return &o, nil
}

// Apply returns a new catalog: c with the overlay applied. c is not modified.
// Every problem is reported, located by a JSON pointer into the overlay:
// a wrong schema_version or an empty catalog_version (problem.ErrSchema), content
// the overlay schema forbids, such as an addition without title, artifacts or
// provenance (problem.ErrSchema, or problem.ErrInvalidID for a malformed ID), a wrong edition
// (problem.ErrWrongEdition), operations on IDs the catalog lacks and superseded IDs
// the embedded 2018 catalog lacks (problem.ErrUnknownID), the same ID twice or in
// conflicting operations, an ID that already exists, or a 2018 requirement
// that would be carried twice (problem.ErrDuplicate), practices the edition lacks and
// change texts or supersedes in a 2018 catalog (problem.ErrInvalidValue).
//
// A header problem does not hide the problems of the operations. When the
// edition is wrong, the operations are checked only for what does not depend
// on the catalog (content and conflicts between operations): looked up in a
// catalog of another edition, their IDs would give misleading errors.
//
// The lifecycle of every requirement of the result is derived from its
// supersedes, its ID and its change text, so that it agrees with [Delta]: a
// requirement renamed off the ID it carries becomes LifecycleMoved, and an
// unchanged requirement that a patch gives a change text becomes
// LifecycleChanged.
func (c *Catalog) Apply(o *Overlay) (*Catalog, error) {
	c = c.orDefault()
	var errs located.Errors
	if o == nil {
		errs.Add("", problem.ErrInvalidValue, "nil overlay")
		return nil, fmt.Errorf("requirement: overlay: %w", errs.Err())
	}
	if o.SchemaVersion != OverlaySchemaVersion {
		errs.Add("/schema_version", problem.ErrSchema, "schema_version %q is not supported (want %q)", clip(o.SchemaVersion), OverlaySchemaVersion)
	}
	if o.CatalogVersion == "" {
		errs.Add("/catalog_version", problem.ErrSchema, "catalog_version is empty (name the resulting catalog)")
	}
	skip := checkOverlay(o, &errs)
	if o.Edition != c.edition {
		errs.Add("/edition", problem.ErrWrongEdition, "overlay is for edition %s, catalog %q is edition %s (apply it to a catalog of its edition; its operations were checked for content only)", o.Edition, c.version, c.edition)
		errs.Sort()
		return nil, fmt.Errorf("requirement: overlay: %w", errs.Err())
	}
	out := c.applyOps(o, skip, &errs)
	if len(errs) > 0 {
		errs.Sort()
		return nil, fmt.Errorf("requirement: overlay: %w", errs.Err())
	}
	return build(c.edition, o.CatalogVersion, out)
}

// applyOps applies the operations of o that checkOverlay did not reject (skip
// holds the pointers of those it did) to a copy of c's requirements, adding
// the problems that depend on the catalog to errs.
func (c *Catalog) applyOps(o *Overlay, skip map[string]bool, errs *located.Errors) []Requirement {
	reqs := slices.Clone(c.reqs)
	pos := make(map[ID]int, len(reqs))
	for i, r := range reqs {
		pos[r.id] = i
	}
	removed := make([]bool, len(reqs))
	checkPractice := func(id ID, ptr string) bool {
		if p := id.Practice(); !p.In(c.edition) {
			errs.Add(ptr, problem.ErrInvalidValue, "%s: practice %s does not exist in edition %s", quoteID(id), p, c.edition)
			return false
		}
		return true
	}

	for i, op := range o.Remove {
		base := jsonptr.Index("/remove", i)
		if skip[base] {
			continue
		}
		j, ok := pos[op.ID]
		if !ok {
			errs.Add(base+"/id", problem.ErrUnknownID, "cannot remove %s: catalog %q has no such requirement", quoteID(op.ID), c.version)
			continue
		}
		removed[j] = true
	}
	// The IDs that renames free, so that another rename may take them.
	freed := map[ID]bool{}
	renamedBy := map[int]string{} // requirement index -> pointer of its rename
	for i, op := range o.Rename {
		if _, ok := pos[op.ID]; ok && !skip[jsonptr.Index("/rename", i)] {
			freed[op.ID] = true
		}
	}
	for i, op := range o.Rename {
		base := jsonptr.Index("/rename", i)
		if skip[base] {
			continue
		}
		j, ok := pos[op.ID]
		if !ok {
			errs.Add(base+"/id", problem.ErrUnknownID, "cannot rename %s: catalog %q has no such requirement", quoteID(op.ID), c.version)
			continue
		}
		if !checkPractice(op.NewID, base+"/new_id") {
			continue
		}
		if k, exists := pos[op.NewID]; exists && !removed[k] && !freed[op.NewID] {
			errs.Add(base+"/new_id", problem.ErrDuplicate, "cannot rename %s to %s: %s already exists (remove or rename it first)", quoteID(op.ID), quoteID(op.NewID), quoteID(op.NewID))
			continue
		}
		r := reqs[j]
		r.id, r.practice = op.NewID, op.NewID.Practice()
		if op.Title != "" {
			r.title = op.Title
		}
		reqs[j] = r
		renamedBy[j] = base
	}
	// index after renames; a rename onto an ID whose own rename failed
	// leaves two requirements with one ID
	cur := make(map[ID]int, len(reqs))
	for j, r := range reqs {
		if removed[j] {
			continue
		}
		if k, dup := cur[r.id]; dup {
			ptr := renamedBy[j]
			if ptr == "" {
				ptr = renamedBy[k]
			}
			errs.Add(ptr+"/new_id", problem.ErrDuplicate, "after the renames two requirements are %s (the rename that should free it failed)", quoteID(r.id))
			continue
		}
		cur[r.id] = j
	}
	for i, op := range o.Patch {
		base := jsonptr.Index("/patch", i)
		if skip[base] {
			continue
		}
		j, ok := cur[op.ID]
		if !ok {
			errs.Add(base+"/id", problem.ErrUnknownID, "cannot patch %s: no such requirement in catalog %q after removals and renames", quoteID(op.ID), c.version)
			continue
		}
		if op.Change != "" && c.edition == Edition2018 {
			errs.Add(base+"/change", problem.ErrInvalidValue, "cannot set the change text of %s: a 2018 requirement has none (what A11 changes belongs in an A11 overlay)", quoteID(op.ID))
			continue
		}
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
	// The 2018 requirements carried by what stays in the catalog. Additions
	// that carry the same ID are checked against each other by checkOverlay.
	carried := map[ID]ID{}
	for j, r := range reqs {
		if !removed[j] {
			for _, s := range r.supersedes {
				carried[s] = r.id
			}
		}
	}
	c18 := default2018()
	for i, op := range o.Add {
		base := jsonptr.Index("/add", i)
		if skip[base] {
			continue
		}
		if _, exists := cur[op.ID]; exists {
			errs.Add(base+"/id", problem.ErrDuplicate, "cannot add %s: the catalog already has it (use patch)", quoteID(op.ID))
			continue
		}
		ok := checkPractice(op.ID, base+"/id")
		if c.edition == Edition2018 {
			if len(op.Supersedes) > 0 {
				errs.Add(base+"/supersedes", problem.ErrInvalidValue, "%s: a 2018 requirement cannot supersede anything", quoteID(op.ID))
				ok = false
			}
			if op.Change != "" {
				errs.Add(base+"/change", problem.ErrInvalidValue, "%s: a 2018 requirement has no change text", quoteID(op.ID))
				ok = false
			}
		}
		for k, s := range op.Supersedes {
			ptr := jsonptr.Index(base+"/supersedes", k)
			switch {
			case c.edition == Edition2018: // reported above
			case !c18.Has(s):
				errs.Add(ptr, problem.ErrUnknownID, "%s supersedes %s, which the 2018 catalog lacks", quoteID(op.ID), quoteID(s))
				ok = false
			case carried[s] != "":
				by := carried[s]
				errs.Add(ptr, problem.ErrDuplicate, "%s supersedes 2018 %s, which %s already carries (remove %s first, or drop %s here)", quoteID(op.ID), quoteID(s), quoteID(by), quoteID(by), quoteID(s))
				ok = false
			}
		}
		if !ok {
			continue
		}
		cur[op.ID] = len(reqs)
		reqs = append(reqs, Requirement{
			id: op.ID, edition: c.edition, practice: op.ID.Practice(), clause: op.Clause, title: op.Title,
			summary: op.Summary, normativeText: op.NormativeText, lists: cloneLists(op.Lists),
			artifacts: slices.Clone(op.Artifacts), supersedes: slices.Clone(op.Supersedes),
			change: op.Change, provisional: op.Provisional, provenance: slices.Clone(op.Provenance),
		})
		removed = append(removed, false)
	}
	out := make([]Requirement, 0, len(reqs))
	for j, r := range reqs {
		if !removed[j] {
			r.lifecycle = lifecycleOf(c.edition, r.id, r.supersedes, r.change)
			out = append(out, r)
		}
	}
	return out
}

// lifecycleOf derives a requirement's lifecycle the way [Delta] classifies
// it: baseline in 2018; new when it carries nothing; moved when it carries a
// 2018 requirement of another ID; otherwise changed when it has a change
// text, unchanged when not.
func lifecycleOf(e Edition, id ID, supersedes []ID, change string) Lifecycle {
	if e == Edition2018 {
		return LifecycleBaseline
	}
	if len(supersedes) == 0 {
		return LifecycleNew
	}
	for _, s := range supersedes {
		if s != id {
			return LifecycleMoved
		}
	}
	if change != "" {
		return LifecycleChanged
	}
	return LifecycleUnchanged
}

// checkOverlay adds to errs the problems of o's operations that do not depend
// on the catalog: the content the overlay schema asks for (so that an overlay
// built in code is held to the same rules as a decoded one) and conflicts
// between operations. It returns the pointers of the operations that must not
// be applied (malformed IDs, conflicts).
func checkOverlay(o *Overlay, errs *located.Errors) map[string]bool {
	skip := map[string]bool{}
	claimed := map[ID]string{} // ID -> pointer of the remove or rename that claimed it
	claim := func(id ID, ptr string) bool {
		if prev, ok := claimed[id]; ok {
			errs.Add(ptr, problem.ErrDuplicate, "%s is already the subject of %s (one remove or rename per requirement)", quoteID(id), prev)
			return false
		}
		claimed[id] = ptr
		return true
	}
	validID := func(id ID, ptr string) bool {
		if _, err := ParseID(string(id)); err != nil {
			errs.Add(ptr, problem.ErrInvalidID, "%s is not a requirement ID (want PREFIX-N such as \"SM-1\")", quoteID(id))
			return false
		}
		return true
	}

	for i, op := range o.Remove {
		base := jsonptr.Index("/remove", i)
		if utf8.RuneCountInString(op.Reason) < 10 {
			errs.Add(base+"/reason", problem.ErrSchema, "the removal of %s needs a reason of at least 10 characters (say why it goes)", quoteID(op.ID))
		}
		if !validID(op.ID, base+"/id") || !claim(op.ID, base) {
			skip[base] = true
		}
	}
	renamedTo := map[ID]string{}
	for i, op := range o.Rename {
		base := jsonptr.Index("/rename", i)
		checkText(errs, base+"/title", op.Title, 3, 300, false)
		checkText(errs, base+"/reason", op.Reason, 0, 4000, false)
		okID, okNew := validID(op.ID, base+"/id"), validID(op.NewID, base+"/new_id")
		switch {
		case !okID || !okNew:
			skip[base] = true
		case !claim(op.ID, base):
			skip[base] = true
		case renamedTo[op.NewID] != "":
			errs.Add(base+"/new_id", problem.ErrDuplicate, "two renames produce %s (also %s)", quoteID(op.NewID), renamedTo[op.NewID])
			skip[base] = true
		default:
			renamedTo[op.NewID] = base
		}
	}
	patched := map[ID]string{}
	for i, op := range o.Patch {
		base := jsonptr.Index("/patch", i)
		if op.Title == "" && op.Clause == "" && op.Summary == "" && op.NormativeText == "" && op.Change == "" &&
			op.Provisional == nil && op.Artifacts == nil && op.Lists == nil && op.Provenance == nil {
			errs.Add(base, problem.ErrSchema, "the patch of %s changes nothing (set at least one field)", quoteID(op.ID))
		}
		checkText(errs, base+"/title", op.Title, 3, 300, false)
		checkClause(errs, base+"/clause", op.Clause, false)
		checkText(errs, base+"/summary", op.Summary, 1, 65536, false)
		checkText(errs, base+"/normative_text", op.NormativeText, 1, 65536, false)
		checkText(errs, base+"/change", op.Change, 1, 65536, false)
		if op.Artifacts != nil {
			checkArtifacts(errs, base+"/artifacts", op.ID, op.Artifacts)
		}
		checkLists(errs, base+"/lists", op.Lists)
		checkProvenance(errs, base+"/provenance", op.Provenance, false)
		if !validID(op.ID, base+"/id") {
			skip[base] = true
			continue
		}
		if prev, dup := patched[op.ID]; dup {
			errs.Add(base+"/id", problem.ErrDuplicate, "%s is patched twice (also at %s): merge the patches", quoteID(op.ID), prev)
			skip[base] = true
			continue
		}
		patched[op.ID] = base
	}
	added := map[ID]string{}
	superseded := map[ID]string{} // 2018 ID -> pointer of the addition that carries it
	for i, op := range o.Add {
		base := jsonptr.Index("/add", i)
		checkClause(errs, base+"/clause", op.Clause, true)
		checkText(errs, base+"/title", op.Title, 3, 300, true)
		checkText(errs, base+"/summary", op.Summary, 1, 65536, true)
		checkText(errs, base+"/normative_text", op.NormativeText, 1, 65536, false)
		checkText(errs, base+"/change", op.Change, 1, 65536, false)
		checkArtifacts(errs, base+"/artifacts", op.ID, op.Artifacts)
		checkLists(errs, base+"/lists", op.Lists)
		checkProvenance(errs, base+"/provenance", op.Provenance, true)
		for k, s := range op.Supersedes {
			ptr := jsonptr.Index(base+"/supersedes", k)
			if !validID(s, ptr) {
				skip[base] = true
				continue
			}
			if prev, dup := superseded[s]; dup {
				errs.Add(ptr, problem.ErrDuplicate, "2018 %s is superseded twice (also at %s): one requirement carries it", quoteID(s), prev)
				skip[base] = true
				continue
			}
			superseded[s] = ptr
		}
		if !validID(op.ID, base+"/id") {
			skip[base] = true
			continue
		}
		if prev, dup := added[op.ID]; dup {
			errs.Add(base+"/id", problem.ErrDuplicate, "%s is added twice (also at %s)", quoteID(op.ID), prev)
			skip[base] = true
			continue
		}
		added[op.ID] = base
	}
	return skip
}

// checkText reports a text outside min..max characters; "" is a problem only
// when the field is required.
func checkText(errs *located.Errors, ptr, s string, minLen, maxLen int, required bool) {
	field := ptr[strings.LastIndexByte(ptr, '/')+1:]
	n := utf8.RuneCountInString(s)
	switch {
	case s == "" && !required:
	case s == "":
		errs.Add(ptr, problem.ErrSchema, "%s is empty (the overlay schema requires it)", field)
	case n < minLen:
		errs.Add(ptr, problem.ErrSchema, "%s %q is shorter than %d characters", field, clip(s), minLen)
	case n > maxLen:
		errs.Add(ptr, problem.ErrSchema, "%s is longer than %d characters", field, maxLen)
	}
}

// checkClause reports a clause that is not a dotted number such as "6.7".
func checkClause(errs *located.Errors, ptr, s string, required bool) {
	if s == "" {
		if required {
			errs.Add(ptr, problem.ErrSchema, "clause is empty (give the clause number, such as \"6.7\")")
		}
		return
	}
	valid := len(s) <= 32
	for _, part := range strings.Split(s, ".") {
		if part == "" || strings.Trim(part, "0123456789") != "" {
			valid = false
		}
	}
	if !valid {
		errs.Add(ptr, problem.ErrSchema, "clause %q is not a clause number such as \"6.7\"", clip(s))
	}
}

// checkArtifacts reports an empty list (a requirement expects at least one
// artifact kind), unknown kinds and kinds listed twice.
func checkArtifacts(errs *located.Errors, ptr string, id ID, arts []ArtifactKind) {
	if len(arts) == 0 {
		errs.Add(ptr, problem.ErrSchema, "%s would expect no artifact kind (name at least one)", quoteID(id))
		return
	}
	seen := map[ArtifactKind]bool{}
	for k, a := range arts {
		p := jsonptr.Index(ptr, k)
		switch {
		case !a.Known():
			errs.Add(p, problem.ErrSchema, "artifact kind %q is unknown (see requirement.ArtifactKinds)", clip(string(a)))
		case seen[a]:
			errs.Add(p, problem.ErrSchema, "artifact kind %q is listed twice", a)
		}
		seen[a] = true
	}
}

// checkLists reports lists without name or items and items without label or text.
func checkLists(errs *located.Errors, ptr string, lists []List) {
	for k, l := range lists {
		p := jsonptr.Index(ptr, k)
		checkText(errs, p+"/name", l.Name, 1, 200, true)
		if len(l.Items) == 0 {
			errs.Add(p+"/items", problem.ErrSchema, "list %q has no items", clip(l.Name))
		}
		for m, it := range l.Items {
			q := jsonptr.Index(p+"/items", m)
			checkText(errs, q+"/label", it.Label, 1, 16, true)
			checkText(errs, q+"/text", it.Text, 1, 4000, true)
		}
	}
}

// checkProvenance reports incomplete provenance entries, and none at all when
// required.
func checkProvenance(errs *located.Errors, ptr string, pv []Provenance, required bool) {
	if len(pv) == 0 {
		if required {
			errs.Add(ptr, problem.ErrSchema, "no provenance (name the source the requirement rests on)")
		}
		return
	}
	for k, p := range pv {
		q := jsonptr.Index(ptr, k)
		checkText(errs, q+"/source", p.Source, 1, 200, true)
		checkText(errs, q+"/locator", p.Locator, 1, 1000, true)
		if !p.Confidence.Valid() {
			errs.Add(q+"/confidence", problem.ErrSchema, "confidence %s is not primary, secondary or uncertain", p.Confidence)
		}
	}
}

// quoteID quotes an ID for a message, clipped like any other input.
func quoteID(id ID) string { return strconv.Quote(clip(string(id))) }

// ApplyOverlay decodes an overlay from r and applies it to c.
func (c *Catalog) ApplyOverlay(r io.Reader, opts *OverlayOptions) (*Catalog, error) {
	c = c.orDefault()
	o, err := DecodeOverlay(r, opts)
	if err != nil {
		return nil, err
	}
	return c.Apply(o)
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
