package sbom

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
)

// CSAFInfo is the document-level information of a CSAF VEX document that
// the inventory cannot supply.
type CSAFInfo struct {
	// ID is the document's tracking ID, unique for the publisher (required).
	ID string
	// Title is the document title (required).
	Title string
	// PublisherName names the publisher (required).
	PublisherName string
	// PublisherNamespace is the publisher's URL, such as
	// "https://psirt.example.com" (required).
	PublisherNamespace string
	// PublisherCategory is the CSAF publisher category; "" means "vendor".
	PublisherCategory string
	// Status is the tracking status: "draft", "interim" or "final"; ""
	// means "final".
	Status string
	// Version is the document version; "" means "1".
	Version string
	// Initial is when the document was first released; the zero value means
	// the release time passed to [EncodeCSAFVEX].
	Initial time.Time
	// TLP is the TLP label (CSAF 2.0: "WHITE", "GREEN", "AMBER", "RED");
	// "" writes no distribution section.
	TLP string
}

// CSAF 2.0 document model: only what the VEX profile uses.
type csafDoc struct {
	Document        csafDocument `json:"document"`
	ProductTree     csafTree     `json:"product_tree"`
	Vulnerabilities []csafVuln   `json:"vulnerabilities"`
}

type csafDocument struct {
	Category     string            `json:"category"`
	CSAFVersion  string            `json:"csaf_version"`
	Distribution *csafDistribution `json:"distribution,omitzero"`
	Publisher    csafPublisher     `json:"publisher"`
	Title        string            `json:"title"`
	Tracking     csafTracking      `json:"tracking"`
}

type csafDistribution struct {
	TLP struct {
		Label string `json:"label"`
	} `json:"tlp"`
}

type csafPublisher struct {
	Category  string `json:"category"`
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
}

type csafTracking struct {
	CurrentReleaseDate string         `json:"current_release_date"`
	ID                 string         `json:"id"`
	InitialReleaseDate string         `json:"initial_release_date"`
	RevisionHistory    []csafRevision `json:"revision_history"`
	Status             string         `json:"status"`
	Version            string         `json:"version"`
}

type csafRevision struct {
	Date    string `json:"date"`
	Number  string `json:"number"`
	Summary string `json:"summary"`
}

type csafTree struct {
	FullProductNames []csafProduct      `json:"full_product_names,omitzero"`
	Relationships    []csafRelationship `json:"relationships,omitzero"`
}

type csafProduct struct {
	Name      string      `json:"name"`
	ProductID string      `json:"product_id"`
	Helper    *csafHelper `json:"product_identification_helper,omitzero"`
}

type csafHelper struct {
	CPE    string       `json:"cpe,omitzero"`
	Hashes []csafHashes `json:"hashes,omitzero"`
	PURL   string       `json:"purl,omitzero"`
}

type csafHashes struct {
	FileHashes []csafFileHash `json:"file_hashes"`
	Filename   string         `json:"filename"`
}

type csafFileHash struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"value"`
}

type csafRelationship struct {
	Category                  string      `json:"category"`
	FullProductName           csafProduct `json:"full_product_name"`
	ProductReference          string      `json:"product_reference"`
	RelatesToProductReference string      `json:"relates_to_product_reference"`
}

type csafVuln struct {
	CVE           string              `json:"cve,omitzero"`
	IDs           []csafID            `json:"ids,omitzero"`
	Notes         []csafNote          `json:"notes"`
	ProductStatus map[string][]string `json:"product_status"`
	Flags         []csafFlag          `json:"flags,omitzero"`
	Threats       []csafThreat        `json:"threats,omitzero"`
	Remediations  []csafRemediation   `json:"remediations,omitzero"`
}

type csafID struct {
	SystemName string `json:"system_name"`
	Text       string `json:"text"`
}

type csafNote struct {
	Category string `json:"category"`
	Text     string `json:"text"`
	Title    string `json:"title,omitzero"`
}

type csafFlag struct {
	Label      string   `json:"label"`
	ProductIDs []string `json:"product_ids"`
}

type csafThreat struct {
	Category   string   `json:"category"`
	Details    string   `json:"details"`
	ProductIDs []string `json:"product_ids"`
}

type csafRemediation struct {
	Category   string   `json:"category"`
	Details    string   `json:"details"`
	ProductIDs []string `json:"product_ids"`
}

var cveRE = regexp.MustCompile(`^CVE-[0-9]{4}-[0-9]{4,}$`)

var csafStatusKey = []string{StatusNotAffected: "known_not_affected", StatusAffected: "known_affected", StatusFixed: "fixed", StatusUnderInvestigation: "under_investigation"}

// EncodeCSAFVEX writes a CSAF 2.0 document with the VEX profile
// (category csaf_vex) for the statements: the product tree holds the
// inventory's subject and every component a statement names (with purl,
// CPE and SHA hashes as identification helpers) and, when the inventory has
// a subject, one default_component_of relationship per component, whose
// product IDs the product status uses. Statements about the same
// vulnerability become one vulnerability entry (CSAF allows one entry per
// CVE); a product that two of them give contradicting statuses (or two
// justifications) is an error wrapping [problem.ErrInvalidValue]. Each
// vulnerability gets a note per statement, its product status, flags
// (justifications) or impact threats for known_not_affected, and
// remediations for known_affected. Component data CSAF cannot carry (no
// name, a purl, CPE or hash value outside CSAF's patterns) is an error
// listing every problem with the component's JSON pointer
// (problem.List, [problem.ErrInvalidValue]). released is the current
// release date; output is deterministic (product IDs CSAFPID-0001 ... in
// order of first use; vulnerabilities in order of their first statement).
func EncodeCSAFVEX(w io.Writer, inv *Inventory, stmts []VEXStatement, info CSAFInfo, released time.Time) error {
	if err := checkWriter(w, inv); err != nil {
		return fmt.Errorf("sbom: CSAF: %w", err)
	}
	byRef, err := validateStatements(inv, stmts)
	if err != nil {
		return err
	}
	doc, err := buildCSAF(inv, byRef, stmts, info, released)
	if err != nil {
		return err
	}
	data, err := docjson.Marshal(doc)
	if err != nil {
		return fmt.Errorf("sbom: CSAF: %w", err)
	}
	if err := validateCSAFBytes(data, docjson.Limits{}, 0); err != nil {
		return fmt.Errorf("sbom: CSAF: the document built does not pass the VEX profile check (report this as a bug): %w", err)
	}
	_, err = w.Write(data)
	return err
}

// csafVersionRE is the pattern of CSAF version strings (integer or SemVer).
var csafVersionRE = regexp.MustCompile(`^(0|[1-9][0-9]*)$|^((0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?)$`)

func checkCSAFInfo(info CSAFInfo, released time.Time) error {
	var missing []string
	for _, f := range []struct{ name, v string }{{"ID", info.ID}, {"Title", info.Title}, {"PublisherName", info.PublisherName}, {"PublisherNamespace", info.PublisherNamespace}} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("sbom: CSAF: CSAFInfo lacks %v: %w", missing, problem.ErrInvalidValue)
	}
	for _, f := range []struct {
		name, v string
		allowed []string
	}{
		{"PublisherCategory", info.PublisherCategory, []string{"", "coordinator", "discoverer", "other", "translator", "user", "vendor"}},
		{"Status", info.Status, []string{"", "draft", "final", "interim"}},
		{"TLP", info.TLP, []string{"", "WHITE", "GREEN", "AMBER", "RED"}},
	} {
		if !slices.Contains(f.allowed, f.v) {
			return fmt.Errorf("sbom: CSAF: CSAFInfo.%s %q: %w (want one of %v)", f.name, clip(f.v), problem.ErrInvalidValue, f.allowed[1:])
		}
	}
	if strings.TrimSpace(info.ID) != info.ID {
		return fmt.Errorf("sbom: CSAF: CSAFInfo.ID %q: %w (no leading or trailing white space)", clip(info.ID), problem.ErrInvalidValue)
	}
	if u, err := url.Parse(info.PublisherNamespace); err != nil || !u.IsAbs() {
		return fmt.Errorf("sbom: CSAF: CSAFInfo.PublisherNamespace %q: %w (want an absolute URL such as https://psirt.example.com)", clip(info.PublisherNamespace), problem.ErrInvalidValue)
	}
	if info.Version != "" && !csafVersionRE.MatchString(info.Version) {
		return fmt.Errorf("sbom: CSAF: CSAFInfo.Version %q: %w (want an integer or a SemVer version)", clip(info.Version), problem.ErrInvalidValue)
	}
	for _, t := range []struct {
		name string
		t    time.Time
	}{{"release time", released}, {"CSAFInfo.Initial", info.Initial}} {
		if y := t.t.UTC().Year(); !t.t.IsZero() && (y < 0 || y > 9999) {
			return fmt.Errorf("sbom: CSAF: %s %v: %w (year out of range)", t.name, t.t, problem.ErrInvalidValue)
		}
	}
	return nil
}

// Patterns of the CSAF 2.0 product identification helpers.
var (
	csafPURLRE = regexp.MustCompile(`^pkg:[A-Za-z\.\-\+][A-Za-z0-9\.\-\+]*/.+`)
	csafCPERE  = regexp.MustCompile(`^(cpe:2\.3:[aho\*\-](:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#\$%&'\(\)\+,/:;<=>@\[\]\^` + "`" + `\{\|\}~]))+(\?*|\*?))|[\*\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\*\-]))(:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#\$%&'\(\)\+,/:;<=>@\[\]\^` + "`" + `\{\|\}~]))+(\?*|\*?))|[\*\-])){4})|([c][pP][eE]:/[AHOaho]?(:[A-Za-z0-9\._\-~%]*){0,6})$`)
)

// checkCSAFProduct reports what of c a CSAF product cannot carry.
func checkCSAFProduct(l *located.Errors, format Format, c *Component) {
	at := func(field string) string { return fieldPointer(format, c.Pointer, field) }
	if c.Name == "" {
		l.Add(at("name"), problem.ErrInvalidValue, "CSAF: component %s has no name; a CSAF product needs one", label(c))
	}
	if c.PURL != "" {
		if _, err := ParsePURL(c.PURL); err != nil || !csafPURLRE.MatchString(c.PURL) || len(c.PURL) < 7 || !absoluteURI(c.PURL) {
			l.Add(at("purl"), problem.ErrInvalidValue, "CSAF: component %s: purl %q is not a valid package URL (pkg:type/namespace/name@version); fix or remove it", label(c), clip(c.PURL))
		}
	}
	if c.CPE != "" && (len(c.CPE) < 5 || !csafCPERE.MatchString(c.CPE)) {
		l.Add(at("cpe"), problem.ErrInvalidValue, "CSAF: component %s: CPE %q is not a CPE 2.2 URI or 2.3 formatted string; fix or remove it", label(c), clip(c.CPE))
	}
	for i, h := range c.Hashes {
		if _, ok := csafHashAlgs[h.Algorithm]; ok && (len(h.Value) < 32 || !isHex(h.Value, len(h.Value))) {
			l.Add(jsonptr.Index(at("hashes"), i), problem.ErrInvalidValue, "CSAF: component %s: %s value %q is not hexadecimal (32 digits or more)", label(c), clip(h.Algorithm), clip(h.Value))
		}
	}
}

// absoluteURI reports whether s parses as an absolute URI (JSON Schema
// format "uri").
func absoluteURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs()
}

// csafStatusGroup numbers the groups of CSAF product statuses that
// contradict each other (CSAF 2.0 mandatory test 6.1.6); 0 is no group.
func csafStatusGroup(key string) int {
	switch key {
	case "first_affected", "known_affected", "last_affected":
		return 1
	case "known_not_affected":
		return 2
	case "first_fixed", "fixed":
		return 3
	case "under_investigation":
		return 4
	}
	return 0
}

func buildCSAF(inv *Inventory, byRef map[string]*Component, stmts []VEXStatement, info CSAFInfo, released time.Time) (*csafDoc, error) {
	if err := checkCSAFInfo(info, released); err != nil {
		return nil, err
	}
	if len(stmts) == 0 {
		return nil, fmt.Errorf("sbom: CSAF: a VEX document needs at least one statement: %w", problem.ErrInvalidValue)
	}
	rel := released.UTC().Format(time.RFC3339)
	initial := rel
	if !info.Initial.IsZero() {
		initial = info.Initial.UTC().Format(time.RFC3339)
	}
	d := &csafDoc{}
	d.Document = csafDocument{
		Category:    "csaf_vex",
		CSAFVersion: "2.0",
		Publisher:   csafPublisher{Category: or(info.PublisherCategory, "vendor"), Name: info.PublisherName, Namespace: info.PublisherNamespace},
		Title:       info.Title,
		Tracking: csafTracking{
			CurrentReleaseDate: rel, ID: info.ID, InitialReleaseDate: initial,
			RevisionHistory: []csafRevision{{Date: rel, Number: or(info.Version, "1"), Summary: "Current version."}},
			Status:          or(info.Status, "final"), Version: or(info.Version, "1"),
		},
	}
	if info.TLP != "" {
		d.Document.Distribution = &csafDistribution{}
		d.Document.Distribution.TLP.Label = info.TLP
	}
	var bad located.Errors
	n := 0
	newID := func() string { n++; return fmt.Sprintf("CSAFPID-%04d", n) }
	compID := map[string]string{} // ref -> product id in product_status
	subjectID := ""
	if inv.Subject != nil {
		subjectID = newID()
		checkCSAFProduct(&bad, inv.Format, inv.Subject)
		d.ProductTree.FullProductNames = append(d.ProductTree.FullProductNames, csafProductFor(inv.Subject, subjectID))
	}
	for _, s := range stmts {
		for _, ref := range s.Components {
			if _, ok := compID[ref]; ok {
				continue
			}
			c := byRef[ref]
			if inv.Subject != nil && c == inv.Subject {
				compID[ref] = subjectID
				continue
			}
			checkCSAFProduct(&bad, inv.Format, c)
			id := newID()
			d.ProductTree.FullProductNames = append(d.ProductTree.FullProductNames, csafProductFor(c, id))
			if subjectID == "" {
				compID[ref] = id
				continue
			}
			rid := newID()
			d.ProductTree.Relationships = append(d.ProductTree.Relationships, csafRelationship{
				Category: "default_component_of",
				FullProductName: csafProduct{
					Name:      productName(c) + " as a component of " + productName(inv.Subject),
					ProductID: rid,
				},
				ProductReference:          id,
				RelatesToProductReference: subjectID,
			})
			compID[ref] = rid
		}
	}
	if len(bad) > 0 {
		bad.Sort()
		return nil, fmt.Errorf("sbom: CSAF: the inventory cannot be written as CSAF products: %w", bad.Err())
	}
	// One vulnerability entry per ID, in order of the first statement.
	type product struct {
		status        VEXStatus
		justification Justification
		stmt          int
	}
	type group struct {
		vi       int // index in d.Vulnerabilities
		products map[string]product
		flags    map[string]int             // label -> index in Flags
		flagged  map[string]map[string]bool // label -> product IDs in that flag
	}
	groups := map[string]*group{}
	var problems []string
	for si, s := range stmts {
		g, ok := groups[s.Vulnerability]
		if !ok {
			v := csafVuln{ProductStatus: map[string][]string{}}
			if cveRE.MatchString(s.Vulnerability) {
				v.CVE = s.Vulnerability
			} else {
				v.IDs = []csafID{{SystemName: idSystem(s.Vulnerability), Text: s.Vulnerability}}
			}
			d.Vulnerabilities = append(d.Vulnerabilities, v)
			g = &group{vi: len(d.Vulnerabilities) - 1, products: map[string]product{}, flags: map[string]int{}, flagged: map[string]map[string]bool{}}
			groups[s.Vulnerability] = g
		}
		v := &d.Vulnerabilities[g.vi]
		key := csafStatusKey[s.Status]
		ids := make([]string, 0, len(s.Components))
		seen := make(map[string]bool, len(s.Components))
		for _, ref := range s.Components {
			id := compID[ref]
			if seen[id] {
				continue
			}
			seen[id] = true
			ids = append(ids, id)
			prev, dup := g.products[id]
			switch {
			case !dup:
				g.products[id] = product{s.Status, s.Justification, si}
				v.ProductStatus[key] = append(v.ProductStatus[key], id)
			case prev.status != s.Status:
				problems = append(problems, fmt.Sprintf("statements %d and %d give component %q contradicting statuses for %s (%s, %s); state one status per product and vulnerability",
					prev.stmt, si, clip(ref), clip(s.Vulnerability), prev.status, s.Status))
			case s.Status == StatusNotAffected && s.Justification.Valid() && prev.justification.Valid() && prev.justification != s.Justification:
				problems = append(problems, fmt.Sprintf("statements %d and %d give component %q two justifications for %s (%s, %s); give one",
					prev.stmt, si, clip(ref), clip(s.Vulnerability), prev.justification, s.Justification))
			case !prev.justification.Valid():
				g.products[id] = product{prev.status, s.Justification, prev.stmt}
			}
		}
		detail := s.Detail
		if detail == "" {
			detail = fmt.Sprintf("Status of the product with respect to %s: %s.", s.Vulnerability, s.Status)
		}
		v.Notes = append(v.Notes, csafNote{Category: "description", Text: detail, Title: "VEX status"})
		switch s.Status {
		case StatusNotAffected:
			if s.Justification.Valid() {
				label := s.Justification.String()
				fi, ok := g.flags[label]
				if !ok {
					fi = len(v.Flags)
					g.flags[label] = fi
					g.flagged[label] = map[string]bool{}
					v.Flags = append(v.Flags, csafFlag{Label: label})
				}
				for _, id := range ids {
					if !g.flagged[label][id] {
						g.flagged[label][id] = true
						v.Flags[fi].ProductIDs = append(v.Flags[fi].ProductIDs, id)
					}
				}
			}
			if s.Impact != "" {
				v.Threats = append(v.Threats, csafThreat{Category: "impact", Details: s.Impact, ProductIDs: ids})
			}
		case StatusAffected:
			for _, r := range s.Responses {
				v.Remediations = append(v.Remediations, csafRemediation{Category: csafRemediationCategory[r], Details: or(s.Action, "See "+r.String()+"."), ProductIDs: ids})
			}
			if len(s.Responses) == 0 {
				v.Remediations = append(v.Remediations, csafRemediation{Category: "mitigation", Details: s.Action, ProductIDs: ids})
			}
		case StatusFixed, StatusUnderInvestigation:
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("sbom: CSAF: %s: %w", strings.Join(problems, "; "), problem.ErrInvalidValue)
	}
	return d, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func idSystem(id string) string {
	switch {
	case len(id) > 5 && id[:5] == "GHSA-":
		return "GitHub Security Advisory"
	case len(id) > 3 && id[:3] == "GO-":
		return "Go Vulnerability Database"
	}
	return "OSV"
}

func productName(c *Component) string {
	name := c.Name
	if c.Group != "" {
		name = c.Group + "/" + name
	}
	if c.Version != "" {
		name += " " + c.Version
	}
	return name
}

var csafHashAlgs = map[string]string{"SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512"}

func csafProductFor(c *Component, id string) csafProduct {
	p := csafProduct{Name: productName(c), ProductID: id}
	h := &csafHelper{PURL: c.PURL, CPE: c.CPE}
	var fh []csafFileHash
	for _, x := range c.Hashes {
		if a, ok := csafHashAlgs[x.Algorithm]; ok {
			fh = append(fh, csafFileHash{Algorithm: a, Value: x.Value})
		}
	}
	if len(fh) > 0 {
		h.Hashes = []csafHashes{{FileHashes: fh, Filename: or(c.Filename, c.Name)}}
	}
	if h.PURL != "" || h.CPE != "" || h.Hashes != nil {
		p.Helper = h
	}
	return p
}

//go:embed csaf-vex.schema.json
var csafVEXSchemaJSON []byte

var csafVEXSchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile("https://github.com/sdlkit/iec62443/schemas/csaf-2.0-vex-profile.json", csafVEXSchemaJSON)
})

// ValidateCSAFVEX checks a CSAF 2.0 VEX document (JSON) against the
// mandatory content of the VEX profile: this SDK's JSON Schema of the
// profile's mandatory fields, enumerations and identifier patterns, then
// the cross-field rules the schema cannot express: every product ID used
// is defined, and defined once, in the product tree (CSAF 2.0 mandatory
// tests 6.1.1 and 6.1.2); no product has contradicting statuses (6.1.6); a
// CVE names one vulnerability only (6.1.23); every known_not_affected
// product has a flag or an impact threat; every known_affected product has
// a remediation. It is not a full CSAF validator (see the package
// Limitations). Every problem is reported with its JSON pointer
// (problem.List).
func ValidateCSAFVEX(r io.Reader, opts *DecodeOptions) error {
	if r == nil {
		return fmt.Errorf("sbom: validate CSAF VEX: nil reader: %w", problem.ErrNilInput)
	}
	lim := opts.limits()
	dl := docLimits(lim)
	data, errs := docjson.ReadAll(r, dl)
	if errs != nil {
		return errs.ErrMax(lim.MaxProblems)
	}
	return validateCSAFBytes(data, dl, lim.MaxProblems)
}

func validateCSAFBytes(data []byte, dl docjson.Limits, maxProblems int) error {
	tree, errs := docjson.Parse(data, dl)
	if errs != nil {
		return errs.ErrMax(maxProblems)
	}
	if errs := csafVEXSchema().Validate(tree); errs != nil {
		return errs.ErrMax(maxProblems)
	}
	var doc csafDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		var l located.Errors
		l.Add("", problem.ErrSchema, "CSAF: %v", err)
		return l.ErrMax(maxProblems)
	}
	var l located.Errors
	// 6.1.2: a product ID is defined once.
	defined := map[string]bool{}
	define := func(ptr, id string) {
		if defined[id] {
			l.Add(jsonptr.Append(ptr, "product_id"), problem.ErrDuplicate, "CSAF: product ID %q is defined more than once; give each product its own ID", clip(id))
		}
		defined[id] = true
	}
	for i, p := range doc.ProductTree.FullProductNames {
		define(jsonptr.Index("/product_tree/full_product_names", i), p.ProductID)
	}
	for i, r := range doc.ProductTree.Relationships {
		define(jsonptr.Append(jsonptr.Index("/product_tree/relationships", i), "full_product_name"), r.FullProductName.ProductID)
	}
	// 6.1.1: every product ID used is defined.
	refer := func(ptr, id string) {
		if !defined[id] {
			l.Add(ptr, problem.ErrDanglingReference, "CSAF: product %q is not in the product tree", clip(id))
		}
	}
	for i, r := range doc.ProductTree.Relationships {
		rp := jsonptr.Index("/product_tree/relationships", i)
		refer(jsonptr.Append(rp, "product_reference"), r.ProductReference)
		refer(jsonptr.Append(rp, "relates_to_product_reference"), r.RelatesToProductReference)
	}
	cves := map[string]int{}
	for i, v := range doc.Vulnerabilities {
		vp := jsonptr.Index("/vulnerabilities", i)
		// 6.1.23: a CVE is used by one vulnerability only.
		if v.CVE != "" {
			if first, dup := cves[v.CVE]; dup {
				l.Add(jsonptr.Append(vp, "cve"), problem.ErrDuplicate, "CSAF: %s is also the CVE of /vulnerabilities/%d; merge the two into one vulnerability", clip(v.CVE), first)
			} else {
				cves[v.CVE] = i
			}
		}
		keys := make([]string, 0, len(v.ProductStatus))
		for k := range v.ProductStatus {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		// 6.1.6: no product in two contradicting status groups.
		group := map[string]string{}
		for _, k := range keys {
			for j, id := range v.ProductStatus[k] {
				ptr := jsonptr.Index(jsonptr.Append(vp, "product_status", k), j)
				refer(ptr, id)
				if csafStatusGroup(k) == 0 {
					continue
				}
				if prev, ok := group[id]; ok && csafStatusGroup(prev) != csafStatusGroup(k) {
					l.Add(ptr, problem.ErrInvalidValue, "CSAF: product %q is both %s and %s for this vulnerability; keep one", clip(id), prev, k)
				} else if !ok {
					group[id] = k
				}
			}
		}
		for j, f := range v.Flags {
			for k, id := range f.ProductIDs {
				refer(jsonptr.Index(jsonptr.Append(jsonptr.Index(jsonptr.Append(vp, "flags"), j), "product_ids"), k), id)
			}
		}
		for j, t := range v.Threats {
			for k, id := range t.ProductIDs {
				refer(jsonptr.Index(jsonptr.Append(jsonptr.Index(jsonptr.Append(vp, "threats"), j), "product_ids"), k), id)
			}
		}
		for j, r := range v.Remediations {
			for k, id := range r.ProductIDs {
				refer(jsonptr.Index(jsonptr.Append(jsonptr.Index(jsonptr.Append(vp, "remediations"), j), "product_ids"), k), id)
			}
		}
		impact := map[string]bool{}
		for _, f := range v.Flags {
			for _, id := range f.ProductIDs {
				impact[id] = true
			}
		}
		for _, t := range v.Threats {
			if t.Category == "impact" {
				for _, id := range t.ProductIDs {
					impact[id] = true
				}
			}
		}
		action := map[string]bool{}
		for _, r := range v.Remediations {
			for _, id := range r.ProductIDs {
				action[id] = true
			}
		}
		for j, id := range v.ProductStatus["known_not_affected"] {
			if !impact[id] {
				l.Add(jsonptr.Index(jsonptr.Append(vp, "product_status", "known_not_affected"), j), problem.ErrSchema, "CSAF VEX: known_not_affected product %q has no flag and no impact threat; add one", clip(id))
			}
		}
		for j, id := range v.ProductStatus["known_affected"] {
			if !action[id] {
				l.Add(jsonptr.Index(jsonptr.Append(vp, "product_status", "known_affected"), j), problem.ErrSchema, "CSAF VEX: known_affected product %q has no remediation; add one (none_available and no_fix_planned are allowed)", clip(id))
			}
		}
	}
	if len(l) > 0 {
		l.Sort()
		return l.ErrMax(maxProblems)
	}
	return nil
}
