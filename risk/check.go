package risk

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/requirement"
)

// index holds the register's lookups, built once by check; every rule uses
// maps by ID so that validation stays linear in the size of the register.
type index struct {
	reg         *Register
	cat         *requirement.Catalog
	matrix      Matrix
	maxAccept   Rating
	assets      map[string]int
	boundaries  map[string]int
	interfaces  map[string]int
	threats     map[string]int
	risks       map[string]int
	mitigations map[string]int
	verifs      map[string]int

	rating   []Rating // per risk; zero when unrated
	residual []Rating // per risk; zero when not assessed

	risksOfThreat      [][]int // threat index -> risk indices
	risksOfMitigation  [][]int // mitigation index -> risk indices whose treatment lists it
	verifsOfThreat     [][]int // threat index -> verification indices claiming it
	threatsOfInterface []bool  // interface index -> referenced by a threat
	lastReview         requirement.Date
}

// Check reports whether reg is a well-formed register for catalog cat (nil
// means [requirement.Default]): schema version, required members, enum values,
// unique IDs, every reference resolvable, every requirement ID known to the
// catalog, a well-formed matrix, rating levels of the matrix, parsable CVSS
// vectors and no cycles in the asset, threat and mitigation graphs. The error
// is nil or a [requirement.LocatedErrors] listing every problem; the entries
// wrap [requirement.ErrSchema], [requirement.ErrDuplicate],
// [requirement.ErrDanglingReference], [requirement.ErrInvalidID],
// [requirement.ErrUnknownID], [ErrInvalidValue] or [ErrCycle]. Check does not
// judge compliance: that is [Validate]'s job.
func Check(reg *Register, cat *requirement.Catalog) error {
	_, errs := check(reg, cat)
	return errs.Err()
}

func check(reg *Register, cat *requirement.Catalog) (*index, located.Errors) {
	return checkWith(reg, cat, true)
}

// checkWith is check; catalogIDs false skips the catalog membership of
// requirement IDs (for renderers, which do not depend on an edition).
func checkWith(reg *Register, cat *requirement.Catalog, catalogIDs bool) (*index, located.Errors) {
	var errs located.Errors
	if reg == nil {
		errs.Add("", located.ErrInvalidDocument, "risk: register is nil")
		return nil, errs
	}
	if cat == nil {
		cat = requirement.Default()
	}
	ix := &index{reg: reg, cat: cat, matrix: reg.Matrix.orDefault()}
	if reg.SchemaVersion != SchemaVersion {
		errs.Add("/schema_version", located.ErrSchema, "schema_version is %q, want %q", clip(reg.SchemaVersion), SchemaVersion)
	}
	if strings.TrimSpace(reg.Product.Name) == "" {
		errs.Add("/product/name", located.ErrSchema, "product name is empty")
	}
	if reg.Product.Released && reg.Product.ReleaseDate.IsZero() {
		errs.Add("/product/release_date", located.ErrSchema, "a released product needs its release_date")
	}
	if reg.State != 0 && !reg.State.Valid() {
		errs.Add("/state", located.ErrInvalidValue, "unknown workflow state %d", int(reg.State))
	}
	matrixOK := true
	if !reg.Matrix.IsZero() {
		for _, p := range reg.Matrix.problems() {
			errs.Add("/matrix"+p[0], located.ErrInvalidValue, "%s", p[1])
			matrixOK = false
		}
	}
	if reg.Acceptance.MaxRating != "" && matrixOK {
		r, err := ix.matrix.rating(reg.Acceptance.MaxRating)
		if err != nil {
			errs.Add("/acceptance/max_rating", located.ErrInvalidValue, "max_rating %q is not a rating of the matrix (%s)", clip(reg.Acceptance.MaxRating), strings.Join(ix.matrix.Ratings, ", "))
		}
		ix.maxAccept = r
	} else if matrixOK {
		ix.maxAccept = Rating{Name: ix.matrix.Ratings[0], Rank: 1}
	}

	ix.assets = ids(&errs, "/assets", len(reg.Assets), func(i int) string { return reg.Assets[i].ID })
	ix.boundaries = ids(&errs, "/trust_boundaries", len(reg.TrustBoundaries), func(i int) string { return reg.TrustBoundaries[i].ID })
	ix.interfaces = ids(&errs, "/interfaces", len(reg.Interfaces), func(i int) string { return reg.Interfaces[i].ID })
	ix.threats = ids(&errs, "/threats", len(reg.Threats), func(i int) string { return reg.Threats[i].ID })
	ix.risks = ids(&errs, "/risks", len(reg.Risks), func(i int) string { return reg.Risks[i].ID })
	ix.mitigations = ids(&errs, "/mitigations", len(reg.Mitigations), func(i int) string { return reg.Mitigations[i].ID })
	ix.verifs = ids(&errs, "/verifications", len(reg.Verifications), func(i int) string { return reg.Verifications[i].ID })

	for i, a := range reg.Assets {
		p := func() string { return jsonptr.Index("/assets", i) }
		if !a.Kind.Valid() {
			errs.Add(p()+"/kind", located.ErrSchema, "asset %q: kind is missing or unknown (want %s)", a.ID, strings.Join(assetKindNames.names[1:], ", "))
		}
		if a.PartOf != "" {
			refs(&errs, "/assets", i, "/part_of", "asset", a.ID, "asset", ix.assets, []string{a.PartOf}, true)
		}
	}
	for i, b := range reg.TrustBoundaries {
		if strings.TrimSpace(b.Name) == "" {
			errs.Add(jsonptr.Index("/trust_boundaries", i)+"/name", located.ErrSchema, "trust boundary %q: name is empty", b.ID)
		}
	}
	for i, f := range reg.Interfaces {
		p := func() string { return jsonptr.Index("/interfaces", i) }
		if !f.Kind.Valid() {
			errs.Add(p()+"/kind", located.ErrSchema, "interface %q: kind is missing or unknown (want %s)", f.ID, strings.Join(interfaceKindNames.names[1:], ", "))
		}
		refs(&errs, "/interfaces", i, "/trust_boundaries", "interface", f.ID, "trust boundary", ix.boundaries, f.TrustBoundaries, false)
		refs(&errs, "/interfaces", i, "/assets", "interface", f.ID, "asset", ix.assets, f.Assets, false)
	}
	for i, t := range reg.Threats {
		p := func() string { return jsonptr.Index("/threats", i) }
		if !t.Category.Valid() {
			errs.Add(p()+"/stride", located.ErrSchema, "threat %q: STRIDE category is missing or unknown (want %s)", t.ID, strings.Join(strideNames.names[1:], ", "))
		}
		if t.AttackVector != 0 && !t.AttackVector.Valid() {
			errs.Add(p()+"/attack_vector", located.ErrInvalidValue, "threat %q: unknown attack vector %d", t.ID, int(t.AttackVector))
		}
		if t.Source != 0 && !t.Source.Valid() {
			errs.Add(p()+"/source", located.ErrInvalidValue, "threat %q: unknown threat source %d", t.ID, int(t.Source))
		}
		refs(&errs, "/threats", i, "/assets", "threat", t.ID, "asset", ix.assets, t.Assets, false)
		refs(&errs, "/threats", i, "/interfaces", "threat", t.ID, "interface", ix.interfaces, t.Interfaces, false)
		refs(&errs, "/threats", i, "/derived_from", "threat", t.ID, "threat", ix.threats, t.DerivedFrom, false)
	}
	ix.rating = make([]Rating, len(reg.Risks))
	ix.residual = make([]Rating, len(reg.Risks))
	for i, r := range reg.Risks {
		p := func() string { return jsonptr.Index("/risks", i) }
		if len(r.Threats) == 0 {
			errs.Add(p()+"/threats", located.ErrSchema, "risk %q: rates no threat (list at least one threat ID)", r.ID)
		}
		refs(&errs, "/risks", i, "/threats", "risk", r.ID, "threat", ix.threats, r.Threats, false)
		if matrixOK {
			ix.rating[i] = rate(&errs, p, r.ID, "", ix.matrix, r.Likelihood, r.Impact, false)
			if r.Residual != (Residual{}) {
				ix.residual[i] = rate(&errs, p, r.ID, "/residual", ix.matrix, r.Residual.Likelihood, r.Residual.Impact, true)
			}
		}
		if r.CVSS != "" {
			if _, err := ParseCVSS(r.CVSS); err != nil {
				errs.Add(p()+"/cvss", located.ErrInvalidValue, "risk %q: %v", r.ID, strings.TrimPrefix(err.Error(), "risk: "))
			}
		}
		if r.State != 0 && !r.State.Valid() {
			errs.Add(p()+"/state", located.ErrInvalidValue, "risk %q: unknown workflow state %d", r.ID, int(r.State))
		}
		if r.Treatment.Option != 0 && !r.Treatment.Option.Valid() {
			errs.Add(p()+"/treatment/option", located.ErrInvalidValue, "risk %q: unknown treatment option %d", r.ID, int(r.Treatment.Option))
		}
		refs(&errs, "/risks", i, "/treatment/mitigations", "risk", r.ID, "mitigation", ix.mitigations, r.Treatment.Mitigations, false)
	}
	for i, m := range reg.Mitigations {
		p := func() string { return jsonptr.Index("/mitigations", i) }
		for j, id := range m.Requirements {
			q := func() string { return jsonptr.Index(p()+"/requirements", j) }
			switch {
			case !id.Valid():
				errs.Add(q(), requirement.ErrInvalidID, "mitigation %q: %q is not a requirement ID (want PREFIX-N such as \"SD-4\")", m.ID, clip(string(id)))
			case catalogIDs && !cat.Has(id):
				errs.Add(q(), located.ErrUnknownID, "mitigation %q: requirement %q is not in the %s catalog %s (check the ID or use the catalog of the right edition)", m.ID, id, cat.Edition(), cat.Version())
			case dupIDBefore(m.Requirements, j):
				errs.Add(q(), located.ErrDuplicate, "mitigation %q: requirement %q is listed twice (keep one)", m.ID, id)
			}
		}
		refs(&errs, "/mitigations", i, "/depends_on", "mitigation", m.ID, "mitigation", ix.mitigations, m.DependsOn, false)
	}
	for i, v := range reg.Verifications {
		p := func() string { return jsonptr.Index("/verifications", i) }
		if v.Module != "" && !v.Module.Known() {
			errs.Add(p()+"/module", located.ErrInvalidValue, "verification %q: unknown Annex D test module %q (see annex.Modules)", v.ID, clip(string(v.Module)))
		}
		if v.Module == "" && strings.TrimSpace(v.TestRecord) == "" {
			errs.Add(p(), located.ErrSchema, "verification %q: give its Annex D module, its test record or both", v.ID)
		}
		if v.Outcome != 0 && !v.Outcome.Valid() {
			errs.Add(p()+"/outcome", located.ErrInvalidValue, "verification %q: unknown outcome %d", v.ID, int(v.Outcome))
		}
		if len(v.Threats) == 0 {
			errs.Add(p()+"/threats", located.ErrSchema, "verification %q: claims no threat (list the threats it verifies)", v.ID)
		}
		refs(&errs, "/verifications", i, "/threats", "verification", v.ID, "threat", ix.threats, v.Threats, false)
		refs(&errs, "/verifications", i, "/mitigations", "verification", v.ID, "mitigation", ix.mitigations, v.Mitigations, false)
	}
	for i, rv := range reg.Reviews {
		p := func() string { return jsonptr.Index("/reviews", i) }
		if rv.Date.IsZero() {
			errs.Add(p()+"/date", located.ErrSchema, "review %d: date is missing", i)
		}
		if strings.TrimSpace(rv.Reviewer) == "" {
			errs.Add(p()+"/reviewer", located.ErrSchema, "review %d: reviewer is empty", i)
		}
		if !rv.Trigger.Valid() {
			errs.Add(p()+"/trigger", located.ErrSchema, "review %d: trigger is missing or unknown (want %s)", i, strings.Join(triggerNames.names[1:], ", "))
		}
		if rv.Date.After(ix.lastReview) {
			ix.lastReview = rv.Date
		}
	}

	// Cycles, in the three graphs where they are possible.
	cycles(&errs, "/assets", "part_of", "asset", len(reg.Assets), ix.assets, func(i int) []string {
		if reg.Assets[i].PartOf == "" {
			return nil
		}
		return []string{reg.Assets[i].PartOf}
	}, func(i int) string { return reg.Assets[i].ID })
	cycles(&errs, "/threats", "derived_from", "threat", len(reg.Threats), ix.threats, func(i int) []string { return reg.Threats[i].DerivedFrom }, func(i int) string { return reg.Threats[i].ID })
	cycles(&errs, "/mitigations", "depends_on", "mitigation", len(reg.Mitigations), ix.mitigations, func(i int) []string { return reg.Mitigations[i].DependsOn }, func(i int) string { return reg.Mitigations[i].ID })

	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	ix.link()
	return ix, nil
}

// link builds the reverse indexes; the register is known to be well formed.
// Each reverse index is one flat array cut into per-node slices (counted
// first, then filled), so linking costs a constant number of allocations.
func (ix *index) link() {
	reg := ix.reg
	ix.risksOfThreat = make([][]int, len(reg.Threats))
	ix.risksOfMitigation = make([][]int, len(reg.Mitigations))
	ix.verifsOfThreat = make([][]int, len(reg.Threats))
	ix.threatsOfInterface = make([]bool, len(reg.Interfaces))
	var rt, rm, vt []int32
	rt = make([]int32, len(reg.Threats))
	rm = make([]int32, len(reg.Mitigations))
	vt = make([]int32, len(reg.Threats))
	for _, r := range reg.Risks {
		for _, t := range r.Threats {
			rt[ix.threats[t]]++
		}
		for _, m := range r.Treatment.Mitigations {
			rm[ix.mitigations[m]]++
		}
	}
	for _, v := range reg.Verifications {
		for _, t := range v.Threats {
			vt[ix.threats[t]]++
		}
	}
	carve(ix.risksOfThreat, rt)
	carve(ix.risksOfMitigation, rm)
	carve(ix.verifsOfThreat, vt)
	for i, r := range reg.Risks {
		for _, t := range r.Threats {
			ti := ix.threats[t]
			ix.risksOfThreat[ti] = append(ix.risksOfThreat[ti], i)
		}
		for _, m := range r.Treatment.Mitigations {
			mi := ix.mitigations[m]
			ix.risksOfMitigation[mi] = append(ix.risksOfMitigation[mi], i)
		}
	}
	for i, v := range reg.Verifications {
		for _, t := range v.Threats {
			ti := ix.threats[t]
			ix.verifsOfThreat[ti] = append(ix.verifsOfThreat[ti], i)
		}
	}
	for _, t := range reg.Threats {
		for _, f := range t.Interfaces {
			ix.threatsOfInterface[ix.interfaces[f]] = true
		}
	}
}

// carve points each lists[i] at an empty window of counts[i] capacity in one
// shared backing array.
func carve(lists [][]int, counts []int32) {
	total := 0
	for _, c := range counts {
		total += int(c)
	}
	flat := make([]int, total)
	off := 0
	for i, c := range counts {
		lists[i] = flat[off : off : off+int(c)]
		off += int(c)
	}
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// ids indexes the IDs of one collection, reporting empty and duplicate IDs.
func ids(errs *located.Errors, base string, n int, id func(int) string) map[string]int {
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		s := id(i)
		if strings.TrimSpace(s) == "" {
			errs.Add(jsonptr.Index(base, i)+"/id", located.ErrSchema, "ID is empty")
			continue
		}
		if j, dup := m[s]; dup {
			errs.Add(jsonptr.Index(base, i)+"/id", located.ErrDuplicate, "ID %q is already used at %s (IDs must be unique)", clip(s), jsonptr.Index(base, j))
			continue
		}
		m[s] = i
	}
	return m
}

// refs checks that every ID in list names an entry of target. The pointer
// of the list is base/i + field; it is only built when there is a problem.
func refs(errs *located.Errors, base string, i int, field, fromKind, fromID, toKind string, target map[string]int, list []string, single bool) {
	for j, s := range list {
		at := func() string {
			p := jsonptr.Index(base, i) + field
			if !single {
				p = jsonptr.Index(p, j)
			}
			return p
		}
		if _, ok := target[s]; !ok {
			errs.Add(at(), located.ErrDanglingReference, "%s %q: no %s has ID %q (add it or fix the reference)", fromKind, clip(fromID), toKind, clip(s))
			continue
		}
		if dupBefore(list, j) {
			errs.Add(at(), located.ErrDuplicate, "%s %q: %s %q is listed twice (keep one)", fromKind, clip(fromID), toKind, clip(s))
		}
	}
}

// dupBefore reports whether list[j] occurs earlier in list. Reference lists
// are short; a linear scan avoids a map per list.
func dupBefore(list []string, j int) bool {
	if j > 32 {
		return dupBeforeMap(list, j)
	}
	for k := 0; k < j; k++ {
		if list[k] == list[j] {
			return true
		}
	}
	return false
}

func dupBeforeMap(list []string, j int) bool {
	seen := make(map[string]struct{}, j)
	for _, s := range list[:j] {
		seen[s] = struct{}{}
	}
	_, ok := seen[list[j]]
	return ok
}

// rate checks a likelihood/impact pair of risk id (at p()+suffix) and
// returns its rating (zero when unrated). A pair must be given in full or
// not at all; required demands it.
func rate(errs *located.Errors, p func() string, id, suffix string, m Matrix, l, i string, required bool) Rating {
	if l == "" && i == "" && !required {
		return Rating{}
	}
	what := func() string {
		if suffix != "" {
			return "risk " + quote(id) + " residual"
		}
		return "risk " + quote(id)
	}
	bad := false
	if !contains(m.Likelihood, l) {
		errs.Add(p()+suffix+"/likelihood", located.ErrInvalidValue, "%s: likelihood %q is not a level of the matrix (%s)", what(), clip(l), strings.Join(m.Likelihood, ", "))
		bad = true
	}
	if !contains(m.Impact, i) {
		errs.Add(p()+suffix+"/impact", located.ErrInvalidValue, "%s: impact %q is not a level of the matrix (%s)", what(), clip(i), strings.Join(m.Impact, ", "))
		bad = true
	}
	if bad {
		return Rating{}
	}
	r, _ := m.Rate(l, i)
	return r
}

func dupIDBefore(list []requirement.ID, j int) bool {
	for k := 0; k < j; k++ {
		if list[k] == list[j] {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// cycles reports every cycle of a reference graph once, at the member that
// closes it, walking nodes in document order (iterative DFS, linear time).
func cycles(errs *located.Errors, base, field, kind string, n int, byID map[string]int, next func(int) []string, id func(int) string) {
	const (
		white = iota
		grey
		black
	)
	color := make([]uint8, n)
	type frame struct {
		node, edge int
	}
	parent := make([]int, n)
	for start := 0; start < n; start++ {
		if color[start] != white {
			continue
		}
		stack := []frame{{start, 0}}
		color[start] = grey
		parent[start] = -1
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			edges := next(top.node)
			if top.edge >= len(edges) {
				color[top.node] = black
				stack = stack[:len(stack)-1]
				continue
			}
			e := top.edge
			top.edge++
			to, ok := byID[edges[e]]
			if !ok {
				continue // dangling: reported elsewhere
			}
			switch color[to] {
			case white:
				color[to] = grey
				parent[to] = top.node
				stack = append(stack, frame{to, 0})
			case grey:
				// Cycle: to -> ... -> top.node -> to.
				path := []string{id(to)}
				var rev []string
				for k := top.node; k != to && k >= 0; k = parent[k] {
					rev = append(rev, id(k))
				}
				for k := len(rev) - 1; k >= 0; k-- {
					path = append(path, rev[k])
				}
				path = append(path, id(to))
				p := jsonptr.Index(base, top.node) + "/" + field
				if field != "part_of" {
					p = jsonptr.Index(p, e)
				}
				errs.Add(p, ErrCycle, "%s graph %q has a cycle: %s (break it)", kind, field, strings.Join(path, " -> "))
			}
		}
	}
}
