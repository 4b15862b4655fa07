package risk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// ImportReport lists what an import could not map, or mapped only
// approximately, each located in the source document. No property of the
// model that the import reads (see [ImportThreatDragon]) is dropped without
// a note; layout and derived display data are not read.
type ImportReport struct {
	// Notes are sorted by pointer (array indexes numerically), so that the
	// notes of one element stand together.
	Notes []ImportNote `json:"notes"`
}

// ImportNote is one entry of an [ImportReport].
type ImportNote struct {
	// Pointer locates the element in the source document (RFC 6901).
	Pointer string `json:"pointer"`
	// Message says what happened to it and what to complete by hand.
	Message string `json:"message"`
}

func (r *ImportReport) add(ptr, format string, args ...any) {
	r.Notes = append(r.Notes, ImportNote{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// errImportInconsistent marks an import that produced a register failing
// [Check]: a bug of the mapping, never a problem of the input. The fuzz test
// tells it apart from input errors.
var errImportInconsistent = errors.New("risk: Threat Dragon import produced an inconsistent register (a bug; please report it)")

// Threat Dragon v2 model, the parts the import reads. The tool writes more:
// layout and styling (position of flows, attrs, ports, zIndex, thumbnails),
// counters (diagramTop, threatTop) and values it derives from the model
// itself (hasOpenThreats, threatFrequency, isTrustBoundary, a threat's "new"
// flag); those carry no modelling content and are not read.
type tdModel struct {
	Version string `json:"version"`
	Summary struct {
		Title       string `json:"title"`
		Owner       string `json:"owner"`
		Description string `json:"description"`
	} `json:"summary"`
	Detail struct {
		Contributors []struct {
			Name string `json:"name"`
		} `json:"contributors"`
		Reviewer string      `json:"reviewer"`
		Diagrams []tdDiagram `json:"diagrams"`
	} `json:"detail"`
}

type tdDiagram struct {
	Title       string          `json:"title"`
	DiagramType string          `json:"diagramType"`
	Cells       []tdCell        `json:"cells"`
	DiagramJSON json.RawMessage `json:"diagramJson"` // Threat Dragon v1
}

type tdPoint struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

type tdSize struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

type tdEnd struct {
	Cell string `json:"cell"`
}

type tdCell struct {
	ID       string   `json:"id"`
	Shape    string   `json:"shape"`
	Position *tdPoint `json:"position"`
	Size     *tdSize  `json:"size"`
	Source   *tdEnd   `json:"source"`
	Target   *tdEnd   `json:"target"`
	Data     *tdData  `json:"data"`
}

type tdData struct {
	Type             string `json:"type"`
	Name             string `json:"name"`
	Description      string `json:"description"`
	OutOfScope       bool   `json:"outOfScope"`
	ReasonOutOfScope string `json:"reasonOutOfScope"`
	// Flows and stores.
	IsEncrypted bool `json:"isEncrypted"`
	// Flows.
	IsPublicNetwork bool   `json:"isPublicNetwork"`
	IsBidirectional bool   `json:"isBidirectional"`
	Protocol        string `json:"protocol"`
	// Processes.
	PrivilegeLevel         string `json:"privilegeLevel"`
	IsWebApplication       bool   `json:"isWebApplication"`
	HandlesCardPayment     bool   `json:"handlesCardPayment"`
	HandlesGoodsOrServices bool   `json:"handlesGoodsOrServices"`
	// Actors.
	ProvidesAuthentication bool `json:"providesAuthentication"`
	// Stores.
	IsALog            bool       `json:"isALog"`
	IsSigned          bool       `json:"isSigned"`
	StoresCredentials bool       `json:"storesCredentials"`
	StoresInventory   bool       `json:"storesInventory"`
	Threats           []tdThreat `json:"threats"`
}

type tdThreat struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Status      string `json:"status"`
	Severity    string `json:"severity"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Mitigation  string `json:"mitigation"`
	ModelType   string `json:"modelType"`
	Score       string `json:"score"`
	// Number is the threat's number in the model, shown as #n by Threat
	// Dragon; raw, since some files store it as a string.
	Number json.RawMessage `json:"number"`
}

// ImportOptions tunes [ImportThreatDragon]. Nil means the defaults.
type ImportOptions struct {
	// Limits bounds what is read and how many problems an error lists; zero
	// fields mean the defaults of [DecodeOptions].
	Limits requirement.Limits
}

// ImportThreatDragon reads an OWASP Threat Dragon v2 model (JSON, as saved
// by Threat Dragon 2.x) into a new register, with a report of everything it
// could not map. The mapping:
//
//   - tm.Process and tm.Store cells become assets (component, data); tm.Actor
//     cells become external-entity assets. IDs are, ... in document
//     order; ExternalRef keeps the cell ID. A store that stores credentials
//     also gets a credential asset, part of the store, numbered after all
//     the diagram elements (ExternalRef: the cell ID + "#storesCredentials"). The element
//     properties the register has no field for (a process's privilege level,
//     web application, card payment, goods or services; an actor's
//     authentication; a store's log, encryption, signature and inventory)
//     are kept in the asset's description, with a note.
//   - tm.Flow cells become network interfaces (IF-n) reaching their two end
//     assets; protocol, public network (external), encryption and direction are kept.
//   - tm.BoundaryBox and tm.Boundary cells become trust boundaries (TB-n). A
//     flow whose ends lie on different sides of a box crosses it; crossings of
//     curved boundaries cannot be derived from the drawing and are reported.
//   - Every threat on a cell becomes a threat (T-n, STRIDE type; CIA types
//     are mapped approximately and reported) with one risk (R-n); ExternalRef
//     keeps the threat's ID and the description ends with its Threat Dragon
//     number. Threat Dragon records a severity (TBD, Low, Medium, High,
//     Critical), not likelihood and impact, so the risk stays unrated and
//     keeps the severity in its title; a CVSS 3.1/4.0 score is kept.
//     Status Mitigated gives a mitigate treatment with the mitigation text
//     as a mitigation (M-n, without requirements: link them), Open leaves the
//     treatment undecided with the text as a proposed mitigation, and
//     NotApplicable gives an accept treatment whose approver is still missing.
//   - The summary title names the product and its description becomes the
//     intended use's purpose; the operational environment must be completed.
//     The owner, the contributors and the reviewer are reported.
//
// The register passes [Check]; [Evaluate] then lists the links to complete.
// Malformed input returns a [problem.List]; a Threat Dragon v1
// model (diagramJson) is rejected with a hint to convert it.
func ImportThreatDragon(r io.Reader, opts *ImportOptions) (*Register, *ImportReport, error) {
	if r == nil {
		return nil, nil, fmt.Errorf("risk: import Threat Dragon model: nil reader: %w", problem.ErrNilInput)
	}
	var lim docjson.Limits
	if opts != nil {
		lim = docjson.Limits(opts.Limits)
	}
	lim = lim.WithDefaults()
	data, errs := docjson.ReadAll(r, lim)
	if errs != nil {
		return nil, nil, errs.ErrMax(lim.MaxProblems)
	}
	if errs := docjson.Check(data, lim); errs != nil {
		return nil, nil, errs.ErrMax(lim.MaxProblems)
	}
	var m tdModel
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&m); err != nil {
		var l located.Errors
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			l.Add("/"+strings.ReplaceAll(te.Field, ".", "/"), located.ErrSchema, "Threat Dragon model: want %s, got JSON %s", te.Type, te.Value)
		} else {
			l.Add("", located.ErrSchema, "Threat Dragon model: %v", err)
		}
		return nil, nil, l.ErrMax(lim.MaxProblems)
	}
	var l located.Errors
	if len(m.Detail.Diagrams) == 0 {
		l.Add("/detail/diagrams", located.ErrSchema, "Threat Dragon model has no diagrams (is this a Threat Dragon v2 model?)")
	}
	cellAt := map[string]string{} // cell ID -> pointer of its first cell
	for i, d := range m.Detail.Diagrams {
		if d.Cells == nil && len(d.DiagramJSON) > 0 {
			l.Add(jsonptr.Index("/detail/diagrams", i)+"/diagramJson", located.ErrSchema, "this is a Threat Dragon v1 diagram: open and save the model in Threat Dragon 2 first")
		}
		for ci, c := range d.Cells {
			if c.ID == "" {
				continue
			}
			p := jsonptr.Index(jsonptr.Index("/detail/diagrams", i)+"/cells", ci)
			if prev, dup := cellAt[c.ID]; dup {
				l.Add(p+"/id", located.ErrDuplicate, "cell ID %q is also used at %s: flows would connect the wrong elements; give every cell a unique ID", clip(c.ID), prev)
				continue
			}
			cellAt[c.ID] = p
		}
	}
	if l != nil {
		return nil, nil, l.ErrMax(lim.MaxProblems)
	}
	im := &tdImport{reg: &Register{SchemaVersion: SchemaVersion}, rep: &ImportReport{}, node: map[string]string{}, flow: map[string]int{}}
	im.run(&m)
	return im.finish()
}

// finish checks the register the import built; a failure is a bug of the
// mapping and wraps errImportInconsistent.
func (im *tdImport) finish() (*Register, *ImportReport, error) {
	if err := Check(im.reg, nil); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", errImportInconsistent, err)
	}
	slices.SortStableFunc(im.rep.Notes, func(a, b ImportNote) int { return jsonptr.Compare(a.Pointer, b.Pointer) })
	return im.reg, im.rep, nil
}

type tdImport struct {
	reg  *Register
	rep  *ImportReport
	node map[string]string // cell ID -> asset ID
	flow map[string]int    // cell ID -> interface index
}

type tdBox struct {
	id         string
	x, y, w, h float64
}

func (b tdBox) contains(p tdPoint) bool {
	return p.X >= b.x && p.X <= b.x+b.w && p.Y >= b.y && p.Y <= b.y+b.h
}

func tdName(d *tdData, fallback string) string {
	n := strings.Join(strings.Fields(d.Name), " ")
	if n == "" {
		return fallback
	}
	return n
}

func (im *tdImport) run(m *tdModel) {
	reg, rep := im.reg, im.rep
	reg.Product.Name = strings.TrimSpace(m.Summary.Title)
	if reg.Product.Name == "" {
		reg.Product.Name = "Imported Threat Dragon model"
		rep.add("/summary/title", "the model has no title: the product is named %q, rename it", reg.Product.Name)
	}
	reg.IntendedUse.Purpose = strings.TrimSpace(m.Summary.Description)
	rep.add("/summary", "Threat Dragon has no intended use or operational environment: complete intended_use (purpose taken from the summary description)")
	if m.Summary.Owner != "" {
		rep.add("/summary/owner", "owner %q is not part of the register: record it in your product documentation", m.Summary.Owner)
	}
	if len(m.Detail.Contributors) > 0 {
		rep.add("/detail/contributors", "%d contributor(s) are not part of the register", len(m.Detail.Contributors))
	}
	if r := strings.TrimSpace(m.Detail.Reviewer); r != "" {
		rep.add("/detail/reviewer", "reviewer %q is not mapped: record the review (date, reviewer, trigger) in the register's reviews", clip(r))
	}
	center := map[string]tdPoint{} // node cell ID -> centre
	var boxes []tdBox
	type tdCred struct {
		ptr, cell string
		store     Asset
	}
	var creds []tdCred // stores that store credentials
	// Pass 1: nodes and boundaries.
	for di, d := range m.Detail.Diagrams {
		for ci, c := range d.Cells {
			p := jsonptr.Index(jsonptr.Index("/detail/diagrams", di)+"/cells", ci)
			if c.Data == nil {
				if c.Shape != "flow" {
					rep.add(p, "cell %q (shape %q) has no data: not mapped", c.ID, c.Shape)
				}
				continue
			}
			var kind AssetKind
			switch c.Data.Type {
			case "tm.Process":
				kind = AssetComponent
			case "tm.Store":
				kind = AssetData
			case "tm.Actor":
				kind = AssetExternalEntity
			case "tm.BoundaryBox", "tm.Boundary":
				id := fmt.Sprintf("TB-%d", len(reg.TrustBoundaries)+1)
				reg.TrustBoundaries = append(reg.TrustBoundaries, TrustBoundary{ID: id, Name: tdName(c.Data, "Trust boundary "+id), Description: c.Data.Description, ExternalRef: c.ID})
				if c.Data.Type == "tm.BoundaryBox" && c.Position != nil && c.Size != nil {
					boxes = append(boxes, tdBox{id, c.Position.X, c.Position.Y, c.Size.Width, c.Size.Height})
				} else {
					rep.add(p, "trust boundary %s is a curve: the flows crossing it cannot be derived from the drawing; list them in the interfaces' trust_boundaries", id)
				}
				im.threatsNotMapped(p, c.Data, "a trust boundary")
				continue
			case "tm.Flow":
				continue // pass 2
			case "tm.Text":
				rep.add(p, "text annotation %q is not mapped", clip(tdName(c.Data, "")))
				continue
			default:
				rep.add(p, "cell %q has unknown type %q: not mapped", c.ID, clip(c.Data.Type))
				im.threatsNotMapped(p, c.Data, "an unmapped cell")
				continue
			}
			id := fmt.Sprintf("A-%d", len(reg.Assets)+1)
			a := Asset{ID: id, Name: tdName(c.Data, "Unnamed "+kind.String()+" "+id), Kind: kind, Description: c.Data.Description, ExternalRef: c.ID}
			if c.Data.PrivilegeLevel != "" {
				a.Description = joinText(a.Description, "Privilege level: "+c.Data.PrivilegeLevel+".")
			}
			if props := tdProperties(c.Data); len(props) > 0 {
				a.Description = joinText(a.Description, "Threat Dragon "+tdKind(c.Data.Type)+": "+strings.Join(props, ", ")+".")
				rep.add(p+"/data", "%s properties (%s) kept in the description of asset %s: the register has no field for them", tdKind(c.Data.Type), strings.Join(props, ", "), id)
			}
			if c.Data.OutOfScope {
				a.Description = joinText(a.Description, "Out of scope in Threat Dragon: "+c.Data.ReasonOutOfScope)
				rep.add(p, "asset %s is marked out of scope in Threat Dragon: kept, with the reason in its description; remove it if it is not part of the product", id)
			}
			reg.Assets = append(reg.Assets, a)
			im.node[c.ID] = id
			if kind == AssetData && c.Data.StoresCredentials {
				creds = append(creds, tdCred{p, c.ID, a})
			}
			if c.Position != nil {
				pt := *c.Position
				if c.Size != nil {
					pt.X += c.Size.Width / 2
					pt.Y += c.Size.Height / 2
				}
				center[c.ID] = pt
			}
		}
	}
	// Credential assets come after the diagram elements, so that adding them
	// does not renumber the elements.
	for _, c := range creds {
		id := fmt.Sprintf("A-%d", len(reg.Assets)+1)
		reg.Assets = append(reg.Assets, Asset{ID: id, Name: "Credentials in " + c.store.Name, Kind: AssetCredential, PartOf: c.store.ID,
			Description: "Credentials that Threat Dragon marks as stored in " + c.store.Name + ".", ExternalRef: c.cell + "#storesCredentials"})
		rep.add(c.ptr+"/data/storesCredentials", "store %s stores credentials: credential asset %s added as part of it; name the credentials and attach the threats against them", c.store.ID, id)
	}
	// Pass 2: flows.
	for di, d := range m.Detail.Diagrams {
		for ci, c := range d.Cells {
			if c.Data == nil || c.Data.Type != "tm.Flow" {
				continue
			}
			p := jsonptr.Index(jsonptr.Index("/detail/diagrams", di)+"/cells", ci)
			id := fmt.Sprintf("IF-%d", len(reg.Interfaces)+1)
			f := Interface{ID: id, Kind: InterfaceNetwork, External: c.Data.IsPublicNetwork, Description: c.Data.Description, ExternalRef: c.ID}
			var ends []string
			var pts []tdPoint
			resolved := 0
			for _, e := range []*tdEnd{c.Source, c.Target} {
				if e == nil || e.Cell == "" {
					continue
				}
				a, ok := im.node[e.Cell]
				if !ok {
					continue
				}
				resolved++
				if len(ends) == 0 || ends[0] != a {
					ends = append(ends, a)
				}
				if pt, ok := center[e.Cell]; ok {
					pts = append(pts, pt)
				}
			}
			if resolved < 2 {
				rep.add(p, "flow %s is not connected to an asset at both ends: link its assets by hand", id)
			}
			f.Assets = ends
			f.Name = tdName(c.Data, "")
			if f.Name == "" {
				f.Name = "Flow " + strings.Join(ends, " -> ")
				if len(ends) == 0 {
					f.Name = "Flow " + id
				}
			}
			if pr := strings.TrimSpace(c.Data.Protocol); pr != "" {
				f.Protocols = []string{pr}
			}
			var flags []string
			if c.Data.IsEncrypted {
				flags = append(flags, "encrypted")
			}
			if c.Data.IsBidirectional {
				flags = append(flags, "bidirectional")
			}
			if c.Data.IsPublicNetwork {
				flags = append(flags, "public network")
			}
			if len(flags) > 0 {
				f.Description = joinText(f.Description, "Threat Dragon flow: "+strings.Join(flags, ", ")+".")
			}
			if c.Data.OutOfScope {
				f.Description = joinText(f.Description, "Out of scope in Threat Dragon: "+c.Data.ReasonOutOfScope)
				rep.add(p, "interface %s is marked out of scope in Threat Dragon: kept, with the reason in its description", id)
			}
			if len(pts) == 2 {
				for _, b := range boxes {
					if b.contains(pts[0]) != b.contains(pts[1]) {
						f.TrustBoundaries = append(f.TrustBoundaries, b.id)
					}
				}
			}
			im.flow[c.ID] = len(reg.Interfaces)
			reg.Interfaces = append(reg.Interfaces, f)
		}
	}
	// Pass 3: threats, in document order.
	for di, d := range m.Detail.Diagrams {
		for ci, c := range d.Cells {
			if c.Data == nil {
				continue
			}
			p := jsonptr.Index(jsonptr.Index("/detail/diagrams", di)+"/cells", ci)
			var assets, ifs []string // cloned per threat: threats must not share slices
			if a, ok := im.node[c.ID]; ok {
				assets = []string{a}
			} else if fi, ok := im.flow[c.ID]; ok {
				ifs = []string{im.reg.Interfaces[fi].ID}
			} else {
				continue // boundaries and unmapped cells: reported in pass 1
			}
			for ti, t := range c.Data.Threats {
				im.threat(jsonptr.Index(p+"/data/threats", ti), t, slices.Clone(assets), slices.Clone(ifs))
			}
		}
	}
}

func (im *tdImport) threatsNotMapped(p string, d *tdData, what string) {
	for ti, t := range d.Threats {
		im.rep.add(jsonptr.Index(p+"/data/threats", ti), "threat %q is attached to %s: not mapped; attach it to an asset or a flow", clip(t.Title), what)
	}
}

var tdStride = map[string]Stride{
	"spoofing": Spoofing, "tampering": Tampering, "repudiation": Repudiation,
	"information disclosure": InformationDisclosure, "denial of service": DenialOfService,
	"elevation of privilege": ElevationOfPrivilege,
}

var tdCIA = map[string]Stride{
	"confidentiality": InformationDisclosure, "integrity": Tampering, "availability": DenialOfService,
}

// tdSeverities are the severities Threat Dragon offers, TBD meaning not yet decided.
var tdSeverities = []string{"TBD", "Low", "Medium", "High", "Critical"}

// tdKind names a cell type for messages.
func tdKind(typ string) string {
	switch typ {
	case "tm.Process":
		return "process"
	case "tm.Store":
		return "store"
	case "tm.Actor":
		return "actor"
	}
	return "element"
}

// tdProperties lists the set element properties the register has no field
// for, in a fixed order.
func tdProperties(d *tdData) []string {
	var out []string
	flag := func(on bool, name string) {
		if on {
			out = append(out, name)
		}
	}
	switch d.Type {
	case "tm.Process":
		flag(d.IsWebApplication, "web application")
		flag(d.HandlesCardPayment, "handles card payment")
		flag(d.HandlesGoodsOrServices, "handles goods or services")
	case "tm.Actor":
		flag(d.ProvidesAuthentication, "provides authentication")
	case "tm.Store":
		flag(d.IsALog, "a log")
		flag(d.IsEncrypted, "encrypted")
		flag(d.IsSigned, "signed")
		flag(d.StoresInventory, "stores inventory")
	}
	return out
}

// tdNumber returns the threat number as text ("" when absent), or ok false
// when it is neither a number nor a string.
func tdNumber(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), true
	}
	return "", false
}

func (im *tdImport) threat(p string, t tdThreat, assets, ifs []string) {
	reg, rep := im.reg, im.rep
	typ := strings.ToLower(strings.Join(strings.Fields(t.Type), " "))
	cat, ok := tdStride[typ]
	if !ok {
		if c, cia := tdCIA[typ]; cia {
			cat = c
			rep.add(p+"/type", "CIA type %q mapped to STRIDE %s (approximation): check the category", t.Type, c)
		} else {
			rep.add(p, "threat %q has type %q (model %q), which has no STRIDE equivalent: not mapped; model it by hand", clip(t.Title), clip(t.Type), clip(t.ModelType))
			return
		}
	}
	n := len(reg.Threats) + 1
	tid, rid := fmt.Sprintf("T-%d", n), fmt.Sprintf("R-%d", n)
	title := strings.Join(strings.Fields(t.Title), " ")
	if title == "" {
		title = "Untitled threat " + tid
		rep.add(p+"/title", "threat has no title: named %q", title)
	}
	desc := t.Description
	switch num, ok := tdNumber(t.Number); {
	case !ok:
		rep.add(p+"/number", "threat number is neither a number nor a string: not mapped")
	case num != "":
		desc = joinText(desc, "Threat Dragon threat #"+clip(num)+".")
	}
	reg.Threats = append(reg.Threats, Threat{ID: tid, Title: title, Description: desc, Category: cat, Assets: assets, Interfaces: ifs, ExternalRef: t.ID})
	r := Risk{ID: rid, Threats: []string{tid}, Title: title}
	sev := strings.TrimSpace(t.Severity)
	k := slices.IndexFunc(tdSeverities, func(s string) bool { return strings.EqualFold(s, sev) })
	switch {
	case sev == "":
		rep.add(p+"/severity", "threat has no severity: rate %s on the matrix", rid)
	case k == 0: // TBD
		rep.add(p+"/severity", "severity is TBD (not yet decided in Threat Dragon): rate %s on the matrix", rid)
	case k < 0:
		rep.add(p+"/severity", "severity %q is not one of Threat Dragon's (%s): not mapped; rate %s on the matrix", clip(sev), strings.Join(tdSeverities, ", "), rid)
	case tdSeverities[k] == "Critical":
		r.Title = fmt.Sprintf("%s (Threat Dragon severity %s)", title, tdSeverities[k])
		rep.add(p+"/severity", "severity Critical kept in the title of %s (the default matrix tops out at high): rate likelihood and impact on the matrix", rid)
	default:
		r.Title = fmt.Sprintf("%s (Threat Dragon severity %s)", title, tdSeverities[k])
		rep.add(p+"/severity", "severity %s kept in the title of %s: Threat Dragon has no likelihood and impact, rate them on the matrix", tdSeverities[k], rid)
	}
	if s := strings.TrimSpace(t.Score); s != "" {
		if _, err := ParseCVSS(s); err == nil {
			r.CVSS = s
		} else {
			rep.add(p+"/score", "score %q is not a CVSS 3.1 or 4.0 vector: not mapped", clip(s))
		}
	}
	text := strings.TrimSpace(t.Mitigation)
	var mid string
	newMitigation := func() {
		if text == "" {
			return
		}
		mid = fmt.Sprintf("M-%d", len(reg.Mitigations)+1)
		reg.Mitigations = append(reg.Mitigations, Mitigation{ID: mid, Title: firstLine(text), Description: text})
		r.Treatment.Mitigations = []string{mid}
	}
	switch strings.ToLower(strings.NewReplacer(" ", "", "/", "").Replace(t.Status)) {
	case "mitigated":
		r.Treatment.Option = TreatMitigate
		newMitigation()
		if mid == "" {
			rep.add(p+"/mitigation", "threat is Mitigated but has no mitigation text: %s is mitigate without mitigations; link them", rid)
		}
	case "open", "":
		if t.Status == "" {
			rep.add(p+"/status", "threat has no status: treated as Open")
		}
		newMitigation()
	case "notapplicable", "na", "open(na)":
		r.Treatment.Option = TreatAccept
		r.Treatment.Justification = joinText("Marked not applicable in Threat Dragon.", text)
		rep.add(p+"/status", "status %s mapped to an accepted risk %s: give an approver and check the justification", t.Status, rid)
	default:
		rep.add(p+"/status", "unknown status %q: treated as Open", clip(t.Status))
		newMitigation()
	}
	reg.Risks = append(reg.Risks, r)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	line = strings.TrimSpace(line)
	if r := []rune(line); len(r) > 120 {
		return string(r[:117]) + "..."
	}
	return line
}

func joinText(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if b == "" {
		return a
	}
	if a == "" {
		return b
	}
	if !strings.HasSuffix(a, ".") {
		a += "."
	}
	return a + " " + b
}
