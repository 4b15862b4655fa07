package oscal

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// The names of the props and parts the SDK writes into catalogs. Props and
// parts named here carry [Namespace], except where OSCAL defines the name
// ("label", "statement", "guidance", "item", "overview").
const (
	propEdition     = "edition"     // document: the edition ("2018", "A11")
	propProvisional = "provisional" // document, group, control: "true" or "false"
	propClause      = "clause"      // group, control: the clause number
	propLifecycle   = "lifecycle"   // control: how it relates to 2018 (the change kind)
	propSupersedes  = "supersedes"  // control: one prop per carried 2018 ID
	propArtifact    = "artifact"    // control: one prop per expected artifact kind
	propProvenance  = "provenance"  // control: value source, class confidence, remarks locator
	partChange      = "change"      // control: what A11 changed (prose)

	classSummary   = "summary"   // statement or guidance part holding the SDK's summary
	classNormative = "normative" // statement part holding a licensee's normative text
	classList      = "list"      // item part of a statement holding one enumeration
)

// EncodeCatalog writes cat as an OSCAL catalog (JSON, OSCAL [Version]): one
// group per practice (ID the practice prefix, its purpose as an "overview"
// part) holding one control per requirement, in catalog order. A control's
// ID and label are the requirement ID, its title the requirement's title; its
// summary is the prose of its "statement" part (class "summary") and each
// enumeration a sub-part "item" of class "list" whose items carry their
// labels. A requirement with normative text (from a licensee's overlay) gets
// it as the statement (class "normative") and its summary as "guidance" part.
// The clause, the provisional mark, the lifecycle (change kind), the
// superseded 2018 IDs, the expected artifact kinds and the provenance are
// props in [Namespace]; the change text is a part "change" in [Namespace].
//
// now is the document's last-modified time; a zero now fails with
// problem.ErrNoDate. The UUID is derived from the edition and the catalog
// version, so exporting the same catalog twice gives the same document apart
// from last-modified. A nil cat means [requirement.Default].
func EncodeCatalog(w io.Writer, cat *requirement.Catalog, now time.Time) error {
	if w == nil {
		return fmt.Errorf("oscal: encode catalog: nil writer: %w", problem.ErrNilInput)
	}
	if now.IsZero() {
		return fmt.Errorf("oscal: encode catalog: %w (pass the export time as now)", problem.ErrNoDate)
	}
	return write(w, "catalog", "catalog", catalogFrom(cat, now))
}

// write marshals v as the only member key of an OSCAL document.
func write(w io.Writer, what, key string, v any) error {
	b, err := docjson.Marshal(map[string]any{key: v})
	if err != nil {
		return fmt.Errorf("oscal: encode %s: %w", what, err)
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("oscal: encode %s: %w", what, err)
	}
	return nil
}

// timestamp returns t as OSCAL writes it: UTC, whole seconds (the OSCAL
// date-time pattern admits only some zone offsets).
func timestamp(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// oneLine folds white space runs, line breaks included, into single spaces:
// OSCAL prop values and titles are one line without leading or trailing space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// sdkProp returns a prop in the SDK's namespace.
func sdkProp(name, value string) Property {
	return Property{Name: name, NS: Namespace, Value: oneLine(value)}
}

// appendProp appends a prop in the SDK's namespace unless value is blank.
func appendProp(ps []Property, name, value string) []Property {
	if strings.TrimSpace(value) == "" {
		return ps
	}
	return append(ps, sdkProp(name, value))
}

func catalogFrom(cat *requirement.Catalog, now time.Time) *Catalog {
	if cat == nil {
		cat = requirement.Default()
	}
	e := cat.Edition()
	out := &Catalog{
		UUID: newUUID("catalog", e.String(), cat.Version()),
		Metadata: Metadata{
			Title:        oneLine(fmt.Sprintf("%s: requirements (sdlkit catalog %s)", e.Title(), cat.Version())),
			LastModified: timestamp(now),
			Version:      oneLine(cat.Version()),
			OSCALVersion: Version,
			Props: []Property{
				sdkProp(propEdition, e.String()),
				sdkProp(propProvisional, strconv.FormatBool(e.Provisional())),
			},
			Remarks: "Requirement IDs, short titles and clause numbers of the standard; the summaries are the SDK's own paraphrases. " +
				"Normative text appears only where a licensee's overlay supplied it.",
		},
	}
	for _, p := range cat.Practices() {
		g := Group{ID: p.Prefix(), Class: "practice", Title: p.Name()}
		g.Props = append(g.Props, Property{Name: "label", Value: p.Prefix()})
		if clause, ok := p.Clause(e); ok {
			g.Props = append(g.Props, sdkProp(propClause, clause))
		}
		g.Props = append(g.Props, sdkProp(propProvisional, strconv.FormatBool(p.Provisional(e))))
		g.Parts = []Part{{ID: p.Prefix() + "_ovw", Name: "overview", Prose: p.Purpose()}}
		for r := range cat.ByPractice(p) {
			g.Controls = append(g.Controls, controlFrom(r))
		}
		out.Groups = append(out.Groups, g)
	}
	return out
}

func controlFrom(r requirement.Requirement) Control {
	id := string(r.ID())
	c := Control{ID: id, Class: "requirement", Title: oneLine(r.Title())}
	c.Props = append(c.Props, Property{Name: "label", Value: id})
	c.Props = appendProp(c.Props, propClause, r.Clause())
	c.Props = appendProp(c.Props, propLifecycle, r.Lifecycle().String())
	c.Props = append(c.Props, sdkProp(propProvisional, strconv.FormatBool(r.Provisional())))
	for _, s := range r.Supersedes() {
		c.Props = appendProp(c.Props, propSupersedes, string(s))
	}
	for _, a := range r.Artifacts() {
		c.Props = appendProp(c.Props, propArtifact, string(a))
	}
	for _, p := range r.Provenance() {
		if strings.TrimSpace(p.Source) == "" {
			continue
		}
		prop := sdkProp(propProvenance, p.Source)
		if p.Confidence.Valid() {
			prop.Class = p.Confidence.String()
		}
		prop.Remarks = p.Locator
		c.Props = append(c.Props, prop)
	}

	stmt := Part{ID: id + "_smt", Name: "statement", Class: classSummary, Prose: r.Summary()}
	var guidance *Part
	if r.NormativeText() != "" {
		guidance = &Part{ID: id + "_gdn", Name: "guidance", Class: classSummary, Prose: r.Summary()}
		stmt.Class, stmt.Prose = classNormative, r.NormativeText()
	}
	for i, l := range r.Lists() {
		lp := Part{ID: fmt.Sprintf("%s_smt.%d", id, i+1), Name: "item", Class: classList, Title: oneLine(l.Name)}
		for j, it := range l.Items {
			ip := Part{ID: fmt.Sprintf("%s_smt.%d.%d", id, i+1, j+1), Name: "item", Prose: it.Text}
			if strings.TrimSpace(it.Label) != "" {
				ip.Props = []Property{{Name: "label", Value: oneLine(it.Label)}}
			}
			lp.Parts = append(lp.Parts, ip)
		}
		stmt.Parts = append(stmt.Parts, lp)
	}
	c.Parts = append(c.Parts, stmt)
	if guidance != nil {
		c.Parts = append(c.Parts, *guidance)
	}
	if r.Change() != "" {
		c.Parts = append(c.Parts, Part{ID: id + "_chg", Name: partChange, NS: Namespace, Prose: r.Change()})
	}
	return c
}
