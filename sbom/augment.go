package sbom

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sdlkit/iec62443/internal/jsonptr"
)

// This file applies an inventory to (a copy of) the CycloneDX document it
// was read from. Entries are edited in place, so that what the inventory
// does not model (a contact's phone, a licence's text, a component's
// evidence) stays; where that is impossible the write fails with
// ErrNotRepresentable.

// notRepresentable collects the problems of one write.
type notRepresentable []string

func (n *notRepresentable) add(format string, args ...any) {
	*n = append(*n, fmt.Sprintf(format, args...))
}

func (n notRepresentable) err() error {
	if len(n) == 0 {
		return nil
	}
	more := ""
	list := []string(n)
	if len(list) > 10 {
		more = fmt.Sprintf(" (and %d more)", len(list)-10)
		list = list[:10]
	}
	return fmt.Errorf("%w: %s%s", ErrNotRepresentable, strings.Join(list, "; "), more)
}

func (inv *Inventory) applyMetadata(bom *cdx.BOM, bad *notRepresentable) {
	m := bom.Metadata
	if m == nil {
		m = &cdx.Metadata{}
	}
	m.Timestamp = inv.Timestamp
	var cur []cdx.OrganizationalContact
	if m.Authors != nil {
		cur = *m.Authors
	}
	curParties := make([]Party, len(cur))
	for i, a := range cur {
		curParties[i] = Party{Name: a.Name, Email: a.Email}
	}
	if !slices.Equal(curParties, inv.Authors) {
		pairs := align(curParties, inv.Authors)
		as := make([]cdx.OrganizationalContact, len(inv.Authors))
		for i, a := range inv.Authors {
			if a.URL != "" {
				bad.add("CycloneDX metadata authors hold a name and an e-mail address, not author %d's URL %q (give the URL in the subject's manufacturer)", i, clip(a.URL))
			}
			if k := pairs[i]; k >= 0 {
				as[i] = cur[k] // keeps bom-ref and phone
			}
			as[i].Name, as[i].Email = a.Name, a.Email
		}
		m.Authors = nil
		if len(as) > 0 {
			m.Authors = &as
		}
	}
	switch {
	case m.Manufacturer == nil && m.Manufacture != nil:
		// The deprecated CycloneDX 1.5 field holds it: edit it there.
		if partyFromEntity(m.Manufacture) != inv.Manufacturer {
			m.Manufacture = applyEntity(m.Manufacture, inv.Manufacturer, "metadata manufacturer", bad)
		}
	case partyFromEntity(m.Manufacturer) != inv.Manufacturer:
		m.Manufacturer = applyEntity(m.Manufacturer, inv.Manufacturer, "metadata manufacturer", bad)
	}
	switch {
	case inv.Subject == nil:
		m.Component = nil
	case m.Component == nil:
		m.Component = &cdx.Component{}
		applyComponent(m.Component, inv.Subject, bad)
	default:
		applyComponent(m.Component, inv.Subject, bad)
	}
	if *m == (cdx.Metadata{}) {
		m = nil
	}
	bom.Metadata = m
}

// applyComponents rebuilds the component tree of bom from the inventory:
// components read from bom (matched by pointer) are edited in place and
// keep their unmodelled fields; new ones are added; removed ones go. Each
// component is nested under the component its Parent names (in inventory
// order), so a changed Parent moves the component with its children. A
// Parent that names no component of the inventory (a removed parent, the
// subject, a typo) or a cycle of parents is not representable.
func (inv *Inventory) applyComponents(bom *cdx.BOM, bad *notRepresentable) {
	type orig struct {
		c         *cdx.Component
		parentPtr string
	}
	byPtr := map[string]orig{}
	if bom.Components != nil {
		var walk func(cs []cdx.Component, base, parentPtr string)
		walk = func(cs []cdx.Component, base, parentPtr string) {
			for i := range cs {
				ptr := jsonptr.Index(base, i)
				byPtr[ptr] = orig{&cs[i], parentPtr}
				if cs[i].Components != nil {
					walk(*cs[i].Components, ptr+"/components", ptr)
				}
			}
		}
		walk(*bom.Components, "/components", "")
	}
	n := len(inv.Components)
	nodes := make([]cdx.Component, n)
	origParent := make([]string, n) // pointer of the original parent; "" at the top or for new components
	existing := make([]bool, n)
	claimed := make(map[string]int, n) // original pointer -> inventory index
	byRef := make(map[string]int, n)
	for i := range inv.Components {
		c := &inv.Components[i]
		if c.Ref != "" {
			if _, dup := byRef[c.Ref]; !dup {
				byRef[c.Ref] = i
			}
		}
		if o, ok := byPtr[c.Pointer]; ok && c.Pointer != "" {
			if _, dup := claimed[c.Pointer]; !dup {
				claimed[c.Pointer] = i
				nodes[i] = *o.c
				nodes[i].Components = nil
				existing[i] = true
				origParent[i] = o.parentPtr
			}
		}
		applyComponent(&nodes[i], c, bad)
	}
	parent := make([]int, n) // inventory index of the parent; -1 at the top level
	for i := range inv.Components {
		c := &inv.Components[i]
		parent[i] = -1
		switch {
		case c.Parent != "":
			j, ok := byRef[c.Parent]
			if !ok || j == i {
				bad.add("component %s has parent %q, which is not another component of the inventory (removed? nesting in metadata.component is not modelled); remove the component too, or set its Parent to the Ref of a component or to \"\"", label(c), clip(c.Parent))
				continue
			}
			parent[i] = j
		case existing[i] && origParent[i] != "":
			// Nested under a parent without bom-ref (read as Parent ""):
			// it stays there while that parent is kept and still has no Ref.
			if j, ok := claimed[origParent[i]]; ok && inv.Components[j].Ref == "" {
				parent[i] = j
			}
		}
	}
	// Cycles of parents: 0 unvisited, 1 on the current path, 2 done.
	state := make([]uint8, n)
	for i := range parent {
		var path []int
		j := i
		for j >= 0 && state[j] == 0 {
			state[j] = 1
			path = append(path, j)
			j = parent[j]
		}
		if j >= 0 && state[j] == 1 {
			bad.add("component %s is its own ancestor (a cycle of Parent refs); break the cycle", label(&inv.Components[j]))
			for _, k := range path {
				parent[k] = -1 // report once, then build without the cycle
			}
		}
		for _, k := range path {
			state[k] = 2
		}
	}
	children := make([][]int, n)
	var top []int
	for i, p := range parent {
		if p < 0 {
			top = append(top, i)
		} else {
			children[p] = append(children[p], i)
		}
	}
	var build func(i int) cdx.Component
	build = func(i int) cdx.Component {
		c := nodes[i]
		if len(children[i]) > 0 {
			cs := make([]cdx.Component, len(children[i]))
			for k, ch := range children[i] {
				cs[k] = build(ch)
			}
			c.Components = &cs
		}
		return c
	}
	bom.Components = nil
	if len(top) > 0 {
		cs := make([]cdx.Component, len(top))
		for k, i := range top {
			cs[k] = build(i)
		}
		bom.Components = &cs
	}
}

// applyComponent writes the modelled fields of c into dst, touching only
// those that differ from what dst already says.
func applyComponent(dst *cdx.Component, c *Component, bad *notRepresentable) {
	cur := componentFromCDX(dst, "", "")
	dst.BOMRef = c.Ref
	dst.Type = cdx.ComponentType(c.Type)
	dst.Group = c.Group
	dst.Name = c.Name
	dst.Version = c.Version
	dst.PackageURL = c.PURL
	dst.CPE = c.CPE
	if cur.Supplier != c.Supplier {
		dst.Supplier = applyEntity(dst.Supplier, c.Supplier, "component "+label(c)+": supplier", bad)
	}
	if cur.Creator != c.Creator {
		applyCreator(dst, c, bad)
	}
	if !equalSWID(cur.SWID, c.SWID) {
		if c.SWID == nil {
			dst.SWID = nil
		} else {
			if dst.SWID == nil {
				dst.SWID = &cdx.SWID{}
			}
			dst.SWID.TagID, dst.SWID.Name, dst.SWID.Version = c.SWID.TagID, c.SWID.Name, c.SWID.Version
		}
	}
	if !slices.Equal(cur.Hashes, c.Hashes) {
		dst.Hashes = nil
		if len(c.Hashes) > 0 {
			hs := make([]cdx.Hash, len(c.Hashes))
			for i, h := range c.Hashes {
				hs[i] = cdx.Hash{Algorithm: cdx.HashAlgorithm(h.Algorithm), Value: h.Value}
			}
			dst.Hashes = &hs
		}
	}
	if !slices.Equal(cur.Licenses, c.Licenses) {
		applyLicenses(dst, c, bad)
	}
	if cur.SourceURI != c.SourceURI {
		setExtRef(dst, c.SourceURI, cdx.ERTypeVCS, cdx.ERTypeSourceDistribution)
	}
	if cur.DeployableURI != c.DeployableURI {
		setExtRef(dst, c.DeployableURI, cdx.ERTypeDistribution)
	}
	if cur.SecurityTxtURL != c.SecurityTxtURL {
		setExtRef(dst, c.SecurityTxtURL, cdx.ERTypeRFC9116)
	}
	props := []struct {
		name     string
		cur, new string
	}{
		{PropFilename, cur.Filename, c.Filename},
		{PropEffectiveLicense, cur.EffectiveLicense, c.EffectiveLicense},
		{PropEndOfSupport, cur.EndOfSupport, c.EndOfSupport},
		{PropFirmwareVersion, cur.FirmwareVersion, c.FirmwareVersion},
		{PropOrigin, originText(cur.Origin), originText(c.Origin)},
		{PropExecutable, flagText(PropExecutable, cur.Executable), flagText(PropExecutable, c.Executable)},
		{PropArchive, flagText(PropArchive, cur.Archive), flagText(PropArchive, c.Archive)},
		{PropStructured, flagText(PropStructured, cur.Structured), flagText(PropStructured, c.Structured)},
	}
	for _, p := range props {
		if p.cur != p.new {
			setProperty(dst, p.name, p.new)
		}
	}
}

// applyCreator writes c.Creator where the component's creator was read
// from: the manufacturer, else the first author, else the deprecated
// author text. A creator an author contact cannot hold (a URL) goes to the
// manufacturer, and the authors stay as they are.
func applyCreator(dst *cdx.Component, c *Component, bad *notRepresentable) {
	p := c.Creator
	what := "component " + label(c) + ": creator"
	switch {
	case dst.Manufacturer != nil:
		dst.Manufacturer = applyEntity(dst.Manufacturer, p, what, bad)
	case dst.Authors != nil && len(*dst.Authors) > 0 && p.URL == "":
		as := slices.Clone(*dst.Authors)
		as[0].Name, as[0].Email = p.Name, p.Email // keeps bom-ref and phone
		if as[0] == (cdx.OrganizationalContact{}) {
			as = as[1:]
		}
		dst.Authors = nil
		if len(as) > 0 {
			dst.Authors = &as
		}
	case dst.Author != "" && p.Email == "" && p.URL == "" && (dst.Authors == nil || len(*dst.Authors) == 0):
		dst.Author = p.Name
	default:
		dst.Manufacturer = applyEntity(nil, p, what, bad)
	}
	if got := creatorFromCDX(dst); got != p {
		bad.add("%s cannot be set to %+v without dropping the component's other authors (it would read back as %+v); edit the authors in the document", what, p, got)
	}
}

// applyEntity edits e in place to say p: the name, the first URL and the
// first contact with an e-mail address (the ones partyFromEntity reads);
// its address, bom-ref, further URLs and contacts stay. It returns nil when
// nothing is left.
func applyEntity(e *cdx.OrganizationalEntity, p Party, what string, bad *notRepresentable) *cdx.OrganizationalEntity {
	cur := partyFromEntity(e)
	if cur == p {
		return e
	}
	if e == nil {
		if p.IsZero() {
			return nil
		}
		e = &cdx.OrganizationalEntity{}
	} else {
		c := *e
		e = &c
	}
	e.Name = p.Name
	if cur.URL != p.URL {
		var urls []string
		if e.URL != nil {
			urls = slices.Clone(*e.URL)
		}
		switch {
		case p.URL != "" && len(urls) > 0:
			urls[0] = p.URL
		case p.URL != "":
			urls = []string{p.URL}
		case len(urls) > 1:
			bad.add("%s: the URL cannot be removed while the entity has further URLs (%q would read as the URL); edit the URLs in the document", what, clip(urls[1]))
		default:
			urls = nil
		}
		e.URL = nil
		if len(urls) > 0 {
			e.URL = &urls
		}
	}
	if cur.Email != p.Email {
		var cs []cdx.OrganizationalContact
		if e.Contact != nil {
			cs = slices.Clone(*e.Contact)
		}
		k := slices.IndexFunc(cs, func(c cdx.OrganizationalContact) bool { return c.Email != "" })
		switch {
		case p.Email != "" && k >= 0:
			cs[k].Email = p.Email // keeps the contact's name, phone and bom-ref
		case p.Email != "":
			cs = append(cs, cdx.OrganizationalContact{Email: p.Email})
		case slices.ContainsFunc(cs[k+1:], func(c cdx.OrganizationalContact) bool { return c.Email != "" }):
			bad.add("%s: the e-mail address cannot be removed while another contact has one; edit the contacts in the document", what)
		default:
			cs[k].Email = ""
			if cs[k] == (cdx.OrganizationalContact{}) {
				cs = slices.Delete(cs, k, k+1)
			}
		}
		e.Contact = nil
		if len(cs) > 0 {
			e.Contact = &cs
		}
	}
	if *e == (cdx.OrganizationalEntity{}) {
		return nil
	}
	return e
}

// applyLicenses edits the component's licence entries in place: each
// inventory licence is paired with the entry it keeps or changes (see
// [align]), so a licence's text, URL and bom-ref stay and license.id stays
// license.id; entries the inventory does not model stay where they are.
func applyLicenses(dst *cdx.Component, c *Component, bad *notRepresentable) {
	var entries cdx.Licenses
	if dst.Licenses != nil {
		entries = *dst.Licenses
	}
	// The modelled entries and their positions in entries.
	var cur []License
	var at []int
	for i := range entries {
		if ls := licensesFromCDX(&cdx.Licenses{entries[i]}); len(ls) == 1 {
			cur = append(cur, ls[0])
			at = append(at, i)
		}
	}
	pairs := align(cur, c.Licenses)
	out := make(cdx.Licenses, 0, len(c.Licenses)+len(entries)-len(cur))
	modelled := make([]bool, len(entries))
	for _, i := range at {
		modelled[i] = true
	}
	next := 0 // next entry not yet emitted
	flush := func(upto int) {
		for ; next < upto; next++ {
			if !modelled[next] {
				out = append(out, entries[next])
			}
		}
	}
	for j, l := range c.Licenses {
		k := pairs[j]
		if k < 0 {
			out = append(out, newLicenseChoice(l))
			continue
		}
		i := at[k]
		flush(i)
		next = i + 1
		lc := cloneLicenseChoice(entries[i])
		if cur[k] != l {
			if err := editLicenseChoice(&lc, cur[k], l); err != "" {
				bad.add("component %s: licence %d: %s", label(c), j, err)
			}
		}
		out = append(out, lc)
	}
	flush(len(entries))
	dst.Licenses = nil
	if len(out) > 0 {
		dst.Licenses = &out
	}
}

func cdxAck(a Acknowledgement) cdx.LicenseAcknowledgement {
	switch a {
	case AcknowledgementConcluded:
		return cdx.LicenseAcknowledgementConcluded
	case AcknowledgementDeclared:
		return cdx.LicenseAcknowledgementDeclared
	}
	return ""
}

func newLicenseChoice(l License) cdx.LicenseChoice {
	ack := cdxAck(l.Acknowledgement)
	if l.Expression == "" {
		return cdx.LicenseChoice{License: &cdx.License{Name: l.Name, Acknowledgement: ack}}
	}
	lc := cdx.LicenseChoice{Expression: l.Expression}
	if ack != "" {
		lc.Acknowledgement = &ack
	}
	return lc
}

func cloneLicenseChoice(lc cdx.LicenseChoice) cdx.LicenseChoice {
	if lc.License != nil {
		l := *lc.License
		lc.License = &l
	}
	return lc
}

// singleLicense reports whether an expression is one licence identifier,
// which license.id can hold.
func singleLicense(expr string) bool {
	return expr != "" && !strings.ContainsAny(expr, " \t()+")
}

// editLicenseChoice changes lc, which says old, to say l, keeping its
// other fields; it returns what cannot be kept, or "".
func editLicenseChoice(lc *cdx.LicenseChoice, old, l License) string {
	ack := cdxAck(l.Acknowledgement)
	switch {
	case lc.Expression != "" && l.Expression != "":
		lc.Expression = l.Expression
		if old.Acknowledgement != l.Acknowledgement {
			lc.Acknowledgement = nil
			if ack != "" {
				lc.Acknowledgement = &ack
			}
		}
	case lc.Expression != "":
		// An expression entry becomes a licence with a name.
		if lc.ExpressionDetails != nil {
			return "an entry with expressionDetails cannot become a licence name; edit the document"
		}
		lc.License = &cdx.License{Name: l.Name, Acknowledgement: ack, BOMRef: lc.BOMRef, Licensing: lc.Licensing, Properties: lc.Properties}
		lc.Expression, lc.Acknowledgement, lc.BOMRef, lc.Licensing, lc.Properties = "", nil, "", nil, nil
	case l.Expression == "":
		lc.License.ID, lc.License.Name = "", l.Name
		if old.Acknowledgement != l.Acknowledgement {
			lc.License.Acknowledgement = ack
		}
	case singleLicense(l.Expression):
		if lc.License.ID == "" {
			lc.License.Name = "" // it was the modelled name
		}
		lc.License.ID = l.Expression
		if old.Acknowledgement != l.Acknowledgement {
			lc.License.Acknowledgement = ack
		}
	default:
		// A compound expression cannot be a license object.
		x := lc.License
		if x.Text != nil || x.URL != "" || x.Licensing != nil || x.Properties != nil || (x.ID != "" && x.Name != "") {
			return fmt.Sprintf("the expression %q cannot replace licence %q, whose text, URL, licensing or properties it would drop; edit the document", clip(l.Expression), clip(x.ID+x.Name))
		}
		*lc = cdx.LicenseChoice{Expression: l.Expression, BOMRef: x.BOMRef}
		if ack != "" {
			lc.Acknowledgement = &ack
		}
	}
	return ""
}

// align pairs the entries of want (the inventory) with those of cur (the
// document): for each entry of want, the index in cur of the entry it keeps
// or edits in place, or -1 for a new one. Equal entries are paired first
// (a longest common subsequence); between two such pairs the remaining
// entries are paired in order, as edits. The returned indices increase;
// entries of cur that are not returned are removed.
func align[T comparable](cur, want []T) []int {
	out := make([]int, len(want))
	n, m := len(cur), len(want)
	if n*m > 1<<20 { // long lists: pair by position
		for j := range out {
			out[j] = -1
			if j < n {
				out[j] = j
			}
		}
		return out
	}
	// lcs[i][j]: length of the LCS of cur[i:] and want[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case cur[i] == want[j]:
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	i, j := 0, 0
	gapI, gapJ := 0, 0 // start of the current gap in cur and want
	closeGap := func(endI, endJ int) {
		for a, b := gapI, gapJ; b < endJ; a, b = a+1, b+1 {
			out[b] = -1
			if a < endI {
				out[b] = a
			}
		}
	}
	for i < n && j < m {
		switch {
		case cur[i] == want[j]:
			closeGap(i, j)
			out[j] = i
			i, j = i+1, j+1
			gapI, gapJ = i, j
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	closeGap(n, m)
	return out
}

// diffInventories compares what the inventory models of want and got (the
// inventory written and the one read back) and names the differences;
// pointers, the format and spec version, and the vulnerability count are
// not compared.
func diffInventories(want, got *Inventory) []string {
	var out []string
	ver := func(v int) int {
		if v == 0 {
			return 1
		}
		return v
	}
	if want.SerialNumber != got.SerialNumber {
		out = append(out, "serialNumber")
	}
	if ver(want.Version) != ver(got.Version) {
		out = append(out, "version")
	}
	if want.Timestamp != got.Timestamp {
		out = append(out, "metadata timestamp")
	}
	if !slices.Equal(want.Authors, got.Authors) {
		out = append(out, "metadata authors")
	}
	if want.Manufacturer != got.Manufacturer {
		out = append(out, "metadata manufacturer")
	}
	switch {
	case (want.Subject == nil) != (got.Subject == nil):
		out = append(out, "metadata component")
	case want.Subject != nil:
		if fs := componentDiff(want.Subject, got.Subject); len(fs) > 0 {
			out = append(out, fmt.Sprintf("subject %s: %s", label(want.Subject), strings.Join(fs, ", ")))
		}
	}
	if len(want.Components) != len(got.Components) {
		return append(out, fmt.Sprintf("%d components read back, %d written", len(got.Components), len(want.Components)))
	}
	gotByRef := make(map[string]*Component, len(got.Components))
	unnamed := map[string]int{}
	key := func(c *Component) string {
		n := normalComponent(c)
		data, _ := json.Marshal(&n)
		return string(data)
	}
	for i := range got.Components {
		c := &got.Components[i]
		if c.Ref != "" {
			gotByRef[c.Ref] = c
		} else {
			unnamed[key(c)]++
		}
	}
	for i := range want.Components {
		w := &want.Components[i]
		if w.Ref == "" {
			k := key(w)
			if unnamed[k] == 0 {
				out = append(out, fmt.Sprintf("component %s (without bom-ref) does not read back as written", label(w)))
				continue
			}
			unnamed[k]--
			continue
		}
		g, ok := gotByRef[w.Ref]
		if !ok {
			out = append(out, fmt.Sprintf("component %s is missing", label(w)))
			continue
		}
		if fs := componentDiff(w, g); len(fs) > 0 {
			out = append(out, fmt.Sprintf("component %s: %s", label(w), strings.Join(fs, ", ")))
		}
	}
	return out
}

// normalComponent clears what a write does not preserve by design: the
// pointer, and the difference between an empty and an absent list; a
// dependency list implies a dependency entry.
func normalComponent(c *Component) Component {
	n := *c
	n.Pointer = ""
	n.HasDependencies = n.HasDependencies || len(n.DependsOn) > 0
	if len(n.DependsOn) == 0 {
		n.DependsOn = nil
	}
	if len(n.Hashes) == 0 {
		n.Hashes = nil
	}
	if len(n.Licenses) == 0 {
		n.Licenses = nil
	}
	return n
}

// componentDiff names the fields (by their JSON names) in which a and b
// differ, after normalComponent.
func componentDiff(a, b *Component) []string {
	na, nb := normalComponent(a), normalComponent(b)
	va, vb := reflect.ValueOf(na), reflect.ValueOf(nb)
	t := va.Type()
	var out []string
	for i := range t.NumField() {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			out = append(out, name)
		}
	}
	return out
}
