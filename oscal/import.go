package oscal

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// ImportReport says how the controls of an OSCAL catalog matched the
// requirements of a catalog of the SDK ([ImportCatalog]). IDs are listed in
// catalog order, mismatches in document order.
type ImportReport struct {
	// Patched lists the requirements whose control changed something
	// (a patch of the overlay).
	Patched []requirement.ID
	// Unchanged lists the requirements whose control matched and changed
	// nothing.
	Unchanged []requirement.ID
	// Added lists the controls that became new requirements (an addition of
	// the overlay).
	Added []requirement.ID
	// Missing lists the requirements of the catalog no control names; the
	// overlay leaves them as they are.
	Missing []requirement.ID
	// Unmatched lists the controls the overlay does not take.
	Unmatched []Mismatch
	// Ignored lists what a matched control says that an overlay cannot
	// express, such as other superseded IDs or an unknown artifact kind.
	Ignored []Mismatch
}

// Mismatch is one control, or one member of a control, that [ImportCatalog]
// did not take.
type Mismatch struct {
	// Control is the control's ID as the document gives it.
	Control string
	// Pointer locates the control or member in the document (RFC 6901).
	Pointer string
	// Reason says why it was not taken.
	Reason string
}

// String renders the mismatch on one line.
func (m Mismatch) String() string { return fmt.Sprintf("%s (%s): %s", m.Control, m.Pointer, m.Reason) }

// ImportCatalog merges an OSCAL catalog (a licensee's, or one
// [EncodeCatalog] wrote) into cat by control ID and returns the merge as a
// [requirement.Overlay] (apply it with [requirement.Catalog.Apply], or save
// it as an overlay document) and a report of what did not match.
//
// A control matches the requirement whose ID equals its ID in upper case
// ("sm-1" matches SM-1), or else its "label" prop. A matched control patches
// what differs from the requirement: the title; the summary (a statement or
// guidance part of class "summary"); the normative text (any other statement
// part: its prose and its items, flattened to lines "label) text"); the
// enumerations (statement items of class "list"); and, from the props and
// parts in [Namespace], the clause, the provisional mark, the change text,
// the artifact kinds and the provenance entries the requirement lacks. A
// control whose ID the catalog lacks becomes an addition when it carries a
// title, a summary, artifact kinds and provenance; otherwise it is unmatched.
// Nothing is removed: requirements no control names are listed as missing.
//
// Errors: a nil doc (problem.ErrNilInput); a document whose edition prop
// names another edition than cat's (problem.ErrWrongEdition). A nil cat means
// [requirement.Default]. The overlay's catalog_version is the document's
// metadata version.
func ImportCatalog(cat *requirement.Catalog, doc *Catalog) (*requirement.Overlay, *ImportReport, error) {
	if doc == nil {
		return nil, nil, fmt.Errorf("oscal: import catalog: nil document: %w", problem.ErrNilInput)
	}
	if cat == nil {
		cat = requirement.Default()
	}
	for _, p := range doc.Metadata.Props {
		if p.NS == Namespace && p.Name == propEdition {
			e, err := practice.ParseEdition(p.Value)
			if err != nil || e != cat.Edition() {
				return nil, nil, fmt.Errorf("oscal: import catalog: the document is for edition %q, the catalog %q is edition %s: %w", clip(p.Value), cat.Version(), cat.Edition(), problem.ErrWrongEdition)
			}
		}
	}
	im := importer{cat: cat, seen: map[requirement.ID]string{}, report: &ImportReport{}}
	im.overlay = &requirement.Overlay{
		SchemaVersion:  requirement.OverlaySchemaVersion,
		Edition:        cat.Edition(),
		CatalogVersion: oneLine(doc.Metadata.Version),
	}
	if im.overlay.CatalogVersion == "" {
		im.overlay.CatalogVersion = cat.Version()
	}
	for i, g := range doc.Groups {
		im.group(g, jsonptr.Index("/catalog/groups", i))
	}
	for i, c := range doc.Controls {
		im.control(c, jsonptr.Index("/catalog/controls", i))
	}
	rep := im.report
	byCatalog := func(a, b requirement.ID) int { return requirement.Compare(a, b) }
	slices.SortFunc(rep.Patched, byCatalog)
	slices.SortFunc(rep.Unchanged, byCatalog)
	slices.SortFunc(rep.Added, byCatalog)
	for r := range cat.All() {
		if _, ok := im.seen[r.ID()]; !ok {
			rep.Missing = append(rep.Missing, r.ID())
		}
	}
	return im.overlay, rep, nil
}

type importer struct {
	cat     *requirement.Catalog
	overlay *requirement.Overlay
	report  *ImportReport
	seen    map[requirement.ID]string // matched or added ID -> pointer of its control
}

func (im *importer) group(g Group, ptr string) {
	for i, sub := range g.Groups {
		im.group(sub, jsonptr.Index(ptr+"/groups", i))
	}
	for i, c := range g.Controls {
		im.control(c, jsonptr.Index(ptr+"/controls", i))
	}
}

func (im *importer) unmatched(c Control, ptr, format string, args ...any) {
	im.report.Unmatched = append(im.report.Unmatched, Mismatch{Control: c.ID, Pointer: ptr, Reason: fmt.Sprintf(format, args...)})
}

func (im *importer) ignored(c Control, ptr, format string, args ...any) {
	im.report.Ignored = append(im.report.Ignored, Mismatch{Control: c.ID, Pointer: ptr, Reason: fmt.Sprintf(format, args...)})
}

// controlID returns the requirement ID a control names: its ID in upper case,
// or else its label prop.
func controlID(c Control) (requirement.ID, bool) {
	if id, err := requirement.ParseID(strings.ToUpper(c.ID)); err == nil {
		return id, true
	}
	for _, p := range c.Props {
		if p.Name == "label" && p.NS == "" {
			if id, err := requirement.ParseID(strings.ToUpper(p.Value)); err == nil {
				return id, true
			}
		}
	}
	return "", false
}

// fields is what a control says about a requirement.
type fields struct {
	title, clause, summary, normative, change string
	provisional                               *bool
	artifacts                                 []requirement.ArtifactKind
	lists                                     []requirement.List
	supersedes                                []requirement.ID
	provenance                                []requirement.Provenance
	hasSupersedes                             bool
}

// control takes control c and then its sub-controls, in document order.
func (im *importer) control(c Control, ptr string) {
	im.take(c, ptr)
	for i, sub := range c.Controls {
		im.control(sub, jsonptr.Index(ptr+"/controls", i))
	}
}

func (im *importer) take(c Control, ptr string) {
	id, ok := controlID(c)
	if !ok {
		im.unmatched(c, ptr, "neither the control ID nor its label is a requirement ID (want PREFIX-N such as \"SM-1\")")
		return
	}
	if prev, dup := im.seen[id]; dup {
		im.unmatched(c, ptr, "%s is already given by the control at %s", id, prev)
		return
	}
	f := im.read(c, ptr)
	if r, ok := im.cat.Lookup(id); ok {
		im.seen[id] = ptr
		im.patch(c, ptr, r, f)
		return
	}
	if !id.Practice().In(im.cat.Edition()) {
		im.unmatched(c, ptr, "practice %s does not exist in edition %s", id.Practice(), im.cat.Edition())
		return
	}
	var lacks []string
	if len(oneLine(f.title)) < 3 {
		lacks = append(lacks, "a title of at least 3 characters")
	}
	if f.summary == "" {
		lacks = append(lacks, "a summary (statement part of class \"summary\")")
	}
	if len(f.artifacts) == 0 {
		lacks = append(lacks, "artifact kinds (props \"artifact\")")
	}
	if len(f.provenance) == 0 {
		lacks = append(lacks, "provenance (props \"provenance\")")
	}
	if len(lacks) > 0 {
		im.unmatched(c, ptr, "catalog %q has no %s, and the control cannot be added: it lacks %s in namespace %s", im.cat.Version(), id, strings.Join(lacks, ", "), Namespace)
		return
	}
	im.seen[id] = ptr
	add := requirement.OverlayAdd{
		ID: id, Clause: f.clause, Title: f.title, Summary: f.summary, NormativeText: f.normative, Change: f.change,
		Artifacts: f.artifacts, Lists: f.lists, Supersedes: f.supersedes, Provenance: f.provenance,
	}
	if f.provisional != nil {
		add.Provisional = *f.provisional
	}
	im.overlay.Add = append(im.overlay.Add, add)
	im.report.Added = append(im.report.Added, id)
}

// read collects what control c says, reporting members that cannot be read.
func (im *importer) read(c Control, ptr string) fields {
	f := fields{title: oneLine(c.Title)}
	for i, p := range c.Props {
		if p.NS != Namespace {
			continue
		}
		pp := jsonptr.Index(ptr+"/props", i)
		switch p.Name {
		case propClause:
			f.clause = p.Value
		case propProvisional:
			b, err := strconv.ParseBool(p.Value)
			if err != nil {
				im.ignored(c, pp+"/value", "provisional %q is not true or false", clip(p.Value))
				continue
			}
			f.provisional = &b
		case propArtifact:
			var k requirement.ArtifactKind
			if err := k.UnmarshalText([]byte(p.Value)); err != nil || !k.Known() {
				im.ignored(c, pp+"/value", "artifact kind %q is unknown", clip(p.Value))
				continue
			}
			if !slices.Contains(f.artifacts, k) {
				f.artifacts = append(f.artifacts, k)
			}
		case propSupersedes:
			f.hasSupersedes = true
			id, err := requirement.ParseID(p.Value)
			if err != nil {
				im.ignored(c, pp+"/value", "superseded ID %q is not a requirement ID", clip(p.Value))
				continue
			}
			f.supersedes = append(f.supersedes, id)
		case propProvenance:
			pr := requirement.Provenance{Source: p.Value, Locator: p.Remarks}
			if p.Class != "" {
				if err := pr.Confidence.UnmarshalText([]byte(p.Class)); err != nil {
					im.ignored(c, pp+"/class", "provenance confidence %q is not primary, secondary or uncertain", clip(p.Class))
					continue
				}
			}
			f.provenance = append(f.provenance, pr)
		}
	}
	var normative []string
	for i, part := range c.Parts {
		pp := jsonptr.Index(ptr+"/parts", i)
		switch {
		case part.NS == Namespace && part.Name == partChange:
			f.change = part.Prose
		case part.NS != "":
		case part.Class == classSummary && (part.Name == "statement" || part.Name == "guidance"):
			f.summary = part.Prose
			if rest := im.lists(c, pp, part, &f); len(rest) > 0 {
				im.ignored(c, pp+"/parts", "the summary has items that are not enumerations (class %q)", classList)
			}
		case part.Name == "statement":
			if t := strings.TrimSpace(part.Prose); t != "" {
				normative = append(normative, t)
			}
			normative = append(normative, im.lists(c, pp, part, &f)...)
		}
	}
	f.normative = strings.Join(normative, "\n")
	return f
}

// lists takes the enumerations (items of class "list") of a statement part
// into f and returns the other items flattened to lines of normative text.
func (im *importer) lists(c Control, ptr string, stmt Part, f *fields) []string {
	var lines []string
	for i, p := range stmt.Parts {
		if p.Name == "item" && p.Class == classList {
			l := requirement.List{Name: oneLine(p.Title)}
			for j, it := range p.Parts {
				if it.Name != "item" {
					im.ignored(c, jsonptr.Index(jsonptr.Index(ptr+"/parts", i)+"/parts", j), "part %q of an enumeration is not an item", clip(it.Name))
					continue
				}
				l.Items = append(l.Items, requirement.Item{Label: label(it.Props), Text: it.Prose})
			}
			f.lists = append(f.lists, l)
			continue
		}
		lines = append(lines, flatten(p)...)
	}
	return lines
}

// flatten turns a part and its sub-parts into lines "label) prose".
func flatten(p Part) []string {
	var lines []string
	text := strings.TrimSpace(p.Prose)
	if l := label(p.Props); l != "" {
		text = strings.TrimSpace(l + ") " + text)
	}
	if text != "" {
		lines = append(lines, text)
	}
	for _, sub := range p.Parts {
		lines = append(lines, flatten(sub)...)
	}
	return lines
}

func label(ps []Property) string {
	for _, p := range ps {
		if p.Name == "label" && p.NS == "" {
			return p.Value
		}
	}
	return ""
}

// patch adds the overlay patch that makes r say what the control says.
func (im *importer) patch(c Control, ptr string, r requirement.Requirement, f fields) {
	op := requirement.OverlayPatch{ID: r.ID()}
	changed := false
	set := func(dst *string, got, have string) {
		if got != "" && got != have {
			*dst, changed = got, true
		}
	}
	set(&op.Title, f.title, r.Title())
	set(&op.Clause, f.clause, r.Clause())
	set(&op.Summary, f.summary, r.Summary())
	set(&op.NormativeText, f.normative, r.NormativeText())
	set(&op.Change, f.change, r.Change())
	if f.provisional != nil && *f.provisional != r.Provisional() {
		op.Provisional, changed = f.provisional, true
	}
	if len(f.artifacts) > 0 && !slices.Equal(f.artifacts, r.Artifacts()) {
		op.Artifacts, changed = f.artifacts, true
	}
	if f.lists != nil && !equalLists(f.lists, r.Lists()) {
		op.Lists, changed = f.lists, true
	}
	have := r.Provenance()
	for _, p := range f.provenance {
		if !slices.Contains(have, p) && !slices.Contains(op.Provenance, p) {
			op.Provenance, changed = append(op.Provenance, p), true
		}
	}
	if f.hasSupersedes && !slices.Equal(f.supersedes, r.Supersedes()) {
		im.ignored(c, ptr+"/props", "supersedes %s, the catalog's %s supersedes %s: an overlay cannot change what a requirement carries", joinIDs(f.supersedes), r.ID(), joinIDs(r.Supersedes()))
	}
	if r.Change() != "" && f.change == "" && hasSDKProps(c) {
		im.ignored(c, ptr+"/parts", "has no change text, %s has one: an overlay cannot clear it", r.ID())
	}
	if r.NormativeText() != "" && f.normative == "" && hasSDKProps(c) {
		im.ignored(c, ptr+"/parts", "has no normative text, %s has some: an overlay cannot clear it", r.ID())
	}
	if !changed {
		im.report.Unchanged = append(im.report.Unchanged, r.ID())
		return
	}
	im.overlay.Patch = append(im.overlay.Patch, op)
	im.report.Patched = append(im.report.Patched, r.ID())
}

// hasSDKProps reports whether the control carries props of the SDK (it was
// written by [EncodeCatalog]), so that what it lacks is meaningful.
func hasSDKProps(c Control) bool {
	for _, p := range c.Props {
		if p.NS == Namespace {
			return true
		}
	}
	return false
}

func equalLists(a, b []requirement.List) bool {
	return slices.EqualFunc(a, b, func(x, y requirement.List) bool {
		return x.Name == y.Name && slices.Equal(x.Items, y.Items)
	})
}

func joinIDs(ids []requirement.ID) string {
	if len(ids) == 0 {
		return "nothing"
	}
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}
