package oscal

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// The OSCAL profile model, as far as the SDK writes it.
type profile struct {
	UUID       string       `json:"uuid"`
	Metadata   Metadata     `json:"metadata"`
	Imports    []profImport `json:"imports"`
	Modify     *profModify  `json:"modify,omitzero"`
	BackMatter *backMatter  `json:"back-matter,omitzero"`
}

type profImport struct {
	Href            string       `json:"href"`
	IncludeAll      *struct{}    `json:"include-all,omitzero"`
	IncludeControls []selectByID `json:"include-controls,omitzero"`
	ExcludeControls []selectByID `json:"exclude-controls,omitzero"`
}

type profModify struct {
	Alters []alter `json:"alters"`
}

type alter struct {
	ControlID string `json:"control-id"`
	Adds      []add  `json:"adds"`
}

type add struct {
	Position string     `json:"position"`
	Props    []Property `json:"props,omitzero"`
	Links    []Link     `json:"links,omitzero"`
	Parts    []Part     `json:"parts,omitzero"`
}

// validEnum is an enum of the SDK: a name for every valid value.
type validEnum interface {
	Valid() bool
	String() string
}

// appendEnum appends a prop in the SDK's namespace for a valid value.
func appendEnum(ps []Property, name string, v validEnum) []Property {
	if !v.Valid() {
		return ps
	}
	return append(ps, sdkProp(name, v.String()))
}

// uriRef returns s as an OSCAL URI reference: unchanged when it parses and
// holds no white space, else as an escaped path.
func uriRef(s string) string {
	if _, err := url.Parse(s); err == nil && !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	return (&url.URL{Path: s}).String()
}

// EncodeProfile writes a statement of applicability as an OSCAL profile of
// the catalog it was resolved against (the import names it in back matter by
// edition and catalog version): the controls whose decision puts them in
// scope (applicable, tailored, inherited) are the selected controls
// (include-controls), the others the excluded ones (exclude-controls). Each
// selected control gets an alteration that adds, in [Namespace], its
// decision, basis, status and the other entry fields as props, its
// justification as a part "justification", and its evidence as links to back
// matter resources that carry the artifact's URI and SHA-256 digest. Each
// excluded control is a metadata prop "excluded-control" whose remarks are
// its justification and whose class is its basis: a profile cannot alter a
// control it does not select.
//
// The product, manufacturer, edition, catalog version, category and security
// profile are metadata props; the author and approver are parties in the
// roles "prepared-by" and "content-approver"; the issue date is the
// published date. now is the document's last-modified time; a zero now
// fails with problem.ErrNoDate, a nil statement with problem.ErrNilInput. The
// UUID is derived from the product, the edition and the issue date.
func EncodeProfile(w io.Writer, st *soa.Statement, now time.Time) error {
	switch {
	case w == nil:
		return fmt.Errorf("oscal: encode profile: nil writer: %w", problem.ErrNilInput)
	case st == nil:
		return fmt.Errorf("oscal: encode profile: nil statement: %w", problem.ErrNilInput)
	case now.IsZero():
		return fmt.Errorf("oscal: encode profile: %w (pass the export time as now)", problem.ErrNoDate)
	}
	return write(w, "profile", "profile", profileFrom(st, now))
}

func profileFrom(st *soa.Statement, now time.Time) *profile {
	m := st.Metadata
	p := m.Product
	catRes := resource{
		UUID:  newUUID("resource", "catalog", m.Edition.String(), m.CatalogVersion),
		Title: oneLine(fmt.Sprintf("%s (sdlkit catalog %s)", m.Edition.Title(), m.CatalogVersion)),
		Description: "The catalog the statement of applicability was resolved against; package oscal writes it as an OSCAL catalog " +
			"whose control IDs are the requirement IDs.",
		Props: appendEnum(nil, propEdition, m.Edition),
	}
	title := "Statement of applicability"
	if name := oneLine(strings.TrimSpace(p.Name + " " + p.Version)); name != "" {
		title += ": " + name
	}
	version := m.Issued.String()
	if m.Issued.IsZero() {
		version = "draft"
	}
	out := &profile{
		UUID: newUUID("profile", p.Manufacturer, p.Name, p.Version, m.Edition.String(), m.Issued.String()),
		Metadata: Metadata{
			Title:        title,
			LastModified: timestamp(now),
			Version:      version,
			OSCALVersion: Version,
		},
		BackMatter: &backMatter{Resources: []resource{catRes}},
	}
	md := &out.Metadata
	if !m.Issued.IsZero() {
		md.Published = m.Issued.Time().UTC()
	}
	md.Props = appendProp(md.Props, "product", p.Name)
	md.Props = appendProp(md.Props, "product-version", p.Version)
	md.Props = appendProp(md.Props, "manufacturer", p.Manufacturer)
	md.Props = appendEnum(md.Props, propEdition, m.Edition)
	md.Props = appendProp(md.Props, "catalog-version", m.CatalogVersion)
	md.Props = appendEnum(md.Props, "category", m.Category)
	md.Props = appendEnum(md.Props, "security-profile", m.Profile)
	if !m.Approved.IsZero() {
		md.Props = appendProp(md.Props, "approved", m.Approved.String())
	}
	if !m.NextReview.IsZero() {
		md.Props = appendProp(md.Props, "next-review", m.NextReview.String())
	}
	if m.Edition.Provisional() {
		md.Props = append(md.Props, sdkProp(propProvisional, "true"))
	}
	addParty := func(role, title, name string) {
		if strings.TrimSpace(name) == "" {
			return
		}
		uuid := newUUID("party", name)
		if !containsParty(md.Parties, uuid) {
			md.Parties = append(md.Parties, Party{UUID: uuid, Type: "person", Name: oneLine(name)})
		}
		md.Roles = append(md.Roles, Role{ID: role, Title: title})
		md.ResponsibleParties = append(md.ResponsibleParties, ResponsibleParty{RoleID: role, PartyUUIDs: []string{uuid}})
	}
	addParty("prepared-by", "Author of the statement of applicability", m.Author)
	addParty("content-approver", "Approver of the statement of applicability", m.Approver)

	var selected, excluded []string
	evidence := map[string]bool{}
	for _, e := range st.Entries {
		id := string(e.Requirement)
		if !e.Decision.Applies() {
			excluded = append(excluded, id)
			prop := sdkProp("excluded-control", id)
			if e.Basis.Valid() {
				prop.Class = e.Basis.String()
			}
			prop.Remarks = e.Justification
			md.Props = append(md.Props, prop)
			continue
		}
		selected = append(selected, id)
		a := add{Position: "ending"}
		a.Props = appendEnum(a.Props, "decision", e.Decision)
		a.Props = appendEnum(a.Props, "basis", e.Basis)
		a.Props = appendEnum(a.Props, "assessed", e.Assessed)
		a.Props = appendEnum(a.Props, "status", e.Status)
		a.Props = appendProp(a.Props, "inherited-from", e.InheritedFrom)
		a.Props = appendProp(a.Props, "owner", e.Owner)
		a.Props = appendEnum(a.Props, "target-maturity", e.TargetMaturity)
		a.Props = appendEnum(a.Props, "achieved-maturity", e.AchievedMaturity)
		for _, r := range e.Risks {
			a.Props = appendProp(a.Props, "risk", r)
		}
		for _, f := range e.Flags {
			a.Props = appendProp(a.Props, "flag", string(f))
		}
		if strings.TrimSpace(e.Justification) != "" {
			a.Parts = []Part{{ID: id + "_soa-justification", Name: "justification", NS: Namespace, Prose: e.Justification}}
		}
		for _, ev := range e.Evidence {
			res := evidenceResource(ev.URI, ev.SHA256, ev.Description, string(ev.Kind), ev.Date)
			if !evidence[res.UUID] {
				evidence[res.UUID] = true
				out.BackMatter.Resources = append(out.BackMatter.Resources, res)
			}
			a.Links = append(a.Links, Link{Href: "#" + res.UUID, Rel: "evidence", Text: oneLine(res.Title)})
		}
		if len(a.Props) == 0 && len(a.Parts) == 0 && len(a.Links) == 0 {
			continue
		}
		if out.Modify == nil {
			out.Modify = &profModify{}
		}
		out.Modify.Alters = append(out.Modify.Alters, alter{ControlID: id, Adds: []add{a}})
	}
	imp := profImport{Href: "#" + catRes.UUID}
	if len(selected) > 0 {
		imp.IncludeControls = []selectByID{{WithIDs: selected}}
	} else {
		imp.IncludeAll = &struct{}{}
	}
	if len(excluded) > 0 {
		imp.ExcludeControls = []selectByID{{WithIDs: excluded}}
	}
	out.Imports = []profImport{imp}
	return out
}

func containsParty(ps []Party, uuid string) bool {
	for _, p := range ps {
		if p.UUID == uuid {
			return true
		}
	}
	return false
}

// evidenceResource is the back matter resource of one evidence artifact: its
// URI with its SHA-256 digest. Its UUID is derived from the URI and digest,
// so documents that cite the same artifact agree.
func evidenceResource(uri, sha256, description, kind string, date requirement.Date) resource {
	res := resource{UUID: newUUID("evidence", uri, sha256), Title: oneLine(description)}
	if res.Title == "" {
		res.Title = oneLine(uri)
	}
	rl := rlink{Href: uriRef(uri)}
	if sha256 != "" {
		rl.Hashes = []hash{{Algorithm: "SHA-256", Value: sha256}}
	}
	res.RLinks = []rlink{rl}
	res.Props = appendProp(res.Props, "artifact-kind", kind)
	if !date.IsZero() {
		res.Props = appendProp(res.Props, "date", date.String())
	}
	return res
}
