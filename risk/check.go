package risk

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// index holds the register's lookups, built once by check. Every reference
// of the register is resolved to an index exactly once, while checking it;
// the rules then walk compact integer adjacency lists instead of looking IDs
// up again, so that validation stays linear in the size of the register and
// its working set small.
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

	rating   []uint8 // per risk: rank of the rating; 0 when unrated
	residual []uint8 // per risk: rank of the residual rating; 0 when not assessed

	// Forward references, resolved (-1 for a dangling one, only while checking).
	assetPartOf   adj // asset -> containing asset
	threatIfs     adj // threat -> interfaces
	threatDerived adj // threat -> threats it refines
	riskThreats   adj // risk -> threats
	riskMits      adj // risk -> treatment mitigations
	mitDepends    adj // mitigation -> mitigations
	verifThreats  adj // verification -> claimed threats
	verifMits     adj // verification -> exercised mitigations

	// Reverse references, built by link.
	risksOfThreat      adj    // threat -> risks that rate it
	risksOfMitigation  adj    // mitigation -> risks whose treatment lists it
	verifsOfThreat     adj    // threat -> verifications claiming it
	threatsOfInterface []bool // interface -> referenced by a threat

	// today is the assessment date (see asOf).
	today requirement.Date
	// lastReview is the date of the latest review on or before today.
	lastReview requirement.Date
	// threatOK caches threatVerified per threat: 0 unknown, 1 yes, -1 no.
	threatOK []int8
}

// adj is an adjacency list in compressed form: the neighbours of node i are
// to[off[i]:off[i+1]]. One adj costs two allocations whatever its size.
type adj struct {
	off []int32
	to  []int32
}

// newAdj returns an empty adj for up to n nodes and edges edges; add the
// edges of node 0, 1, ... in turn, calling end after each node.
func newAdj(n, edges int) adj {
	a := adj{off: make([]int32, 1, n+1), to: make([]int32, 0, edges)}
	return a
}

// end closes the edge list of the current node.
func (a *adj) end() { a.off = append(a.off, int32(len(a.to))) }

// of returns the neighbours of node i.
func (a adj) of(i int) []int32 { return a.to[a.off[i]:a.off[i+1]] }

// nodes returns the number of nodes.
func (a adj) nodes() int { return len(a.off) - 1 }

// reverse returns the transposed adjacency over n target nodes (counting
// sort: neighbours come out in ascending source order). a must hold no -1.
func (a adj) reverse(n int) adj {
	off := make([]int32, n+1)
	for _, t := range a.to {
		off[t+1]++
	}
	for i := 1; i <= n; i++ {
		off[i] += off[i-1]
	}
	to := make([]int32, len(a.to))
	for i := range a.nodes() {
		for _, t := range a.of(i) {
			to[off[t]] = int32(i)
			off[t]++
		}
	}
	// off[t] now holds the end of t's list, which is the start of t+1's.
	copy(off[1:], off[:n])
	off[0] = 0
	return adj{off: off, to: to}
}

// ratingOf returns the rating of rank r (0: unrated).
func (ix *index) ratingOf(r uint8) Rating {
	if r == 0 {
		return Rating{}
	}
	return Rating{Name: ix.matrix.Ratings[r-1], Rank: int(r)}
}

// asOf sets the assessment date and computes the last review: reviews
// dated after today do not count (they are findings).
func (ix *index) asOf(today requirement.Date) {
	ix.today = today
	ix.threatOK = nil
	ix.lastReview = requirement.Date{}
	for _, rv := range ix.reg.Reviews {
		if rv.Date.After(ix.lastReview) && !rv.Date.After(today) {
			ix.lastReview = rv.Date
		}
	}
}

// reviewCurrent reports whether the last review lies within [ReviewInterval]
// of today.
func (ix *index) reviewCurrent() bool {
	return !ix.lastReview.AddYears(ReviewInterval).Before(ix.today)
}

// Check reports whether reg is a well-formed register for catalog cat (nil
// means [requirement.Default]): schema version, required members, enum values,
// unique IDs, every reference resolvable, every requirement ID known to the
// catalog, a well-formed matrix, rating levels of the matrix, parsable CVSS
// vectors and no cycles in the asset, threat and mitigation graphs. The error
// is nil or a [problem.List] listing every problem; the entries
// wrap [problem.ErrSchema], [problem.ErrDuplicate],
// [problem.ErrDanglingReference], [problem.ErrInvalidID],
// [problem.ErrUnknownID], [problem.ErrInvalidValue] or [ErrCycle]. Check does not
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
		errs.Add("", problem.ErrNilInput, "risk: register is nil")
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

	// Every reference list is resolved once into an adj, sized for one
	// reference per entry (lists grow by append when they hold more).
	ix.assetPartOf = newAdj(len(reg.Assets), len(reg.Assets))
	for i := range reg.Assets {
		a := &reg.Assets[i]
		p := func() string { return jsonptr.Index("/assets", i) }
		if !a.Kind.Valid() {
			errs.Add(p()+"/kind", located.ErrSchema, "asset %q: kind is missing or unknown (want %s)", a.ID, strings.Join(assetKindNames.names[1:], ", "))
		}
		if a.PartOf != "" {
			refs(&errs, "/assets", i, "/part_of", "asset", a.ID, "asset", ix.assets, []string{a.PartOf}, true, &ix.assetPartOf)
		}
		ix.assetPartOf.end()
	}
	for i, b := range reg.TrustBoundaries {
		if strings.TrimSpace(b.Name) == "" {
			errs.Add(jsonptr.Index("/trust_boundaries", i)+"/name", located.ErrSchema, "trust boundary %q: name is empty", b.ID)
		}
	}
	for i := range reg.Interfaces {
		f := &reg.Interfaces[i]
		p := func() string { return jsonptr.Index("/interfaces", i) }
		if !f.Kind.Valid() {
			errs.Add(p()+"/kind", located.ErrSchema, "interface %q: kind is missing or unknown (want %s)", f.ID, strings.Join(interfaceKindNames.names[1:], ", "))
		}
		refs(&errs, "/interfaces", i, "/trust_boundaries", "interface", f.ID, "trust boundary", ix.boundaries, f.TrustBoundaries, false, nil)
		refs(&errs, "/interfaces", i, "/assets", "interface", f.ID, "asset", ix.assets, f.Assets, false, nil)
	}
	ix.threatIfs = newAdj(len(reg.Threats), len(reg.Threats))
	ix.threatDerived = newAdj(len(reg.Threats), 0)
	for i := range reg.Threats {
		t := &reg.Threats[i]
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
		refs(&errs, "/threats", i, "/assets", "threat", t.ID, "asset", ix.assets, t.Assets, false, nil)
		refs(&errs, "/threats", i, "/interfaces", "threat", t.ID, "interface", ix.interfaces, t.Interfaces, false, &ix.threatIfs)
		refs(&errs, "/threats", i, "/derived_from", "threat", t.ID, "threat", ix.threats, t.DerivedFrom, false, &ix.threatDerived)
		ix.threatIfs.end()
		ix.threatDerived.end()
	}
	var ranks [][]uint8 // likelihood x impact -> rank of the cell's rating
	if matrixOK {
		ranks = ix.matrix.ranks()
	}
	ix.rating = make([]uint8, len(reg.Risks))
	ix.residual = make([]uint8, len(reg.Risks))
	ix.riskThreats = newAdj(len(reg.Risks), len(reg.Risks))
	ix.riskMits = newAdj(len(reg.Risks), len(reg.Risks))
	for i := range reg.Risks {
		r := &reg.Risks[i]
		p := func() string { return jsonptr.Index("/risks", i) }
		if len(r.Threats) == 0 {
			errs.Add(p()+"/threats", located.ErrSchema, "risk %q: rates no threat (list at least one threat ID)", r.ID)
		}
		refs(&errs, "/risks", i, "/threats", "risk", r.ID, "threat", ix.threats, r.Threats, false, &ix.riskThreats)
		ix.riskThreats.end()
		if matrixOK {
			ix.rating[i] = rate(&errs, p, r.ID, "", ix.matrix, ranks, r.Likelihood, r.Impact, false)
			if r.Residual != (Residual{}) {
				ix.residual[i] = rate(&errs, p, r.ID, "/residual", ix.matrix, ranks, r.Residual.Likelihood, r.Residual.Impact, true)
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
		refs(&errs, "/risks", i, "/treatment/mitigations", "risk", r.ID, "mitigation", ix.mitigations, r.Treatment.Mitigations, false, &ix.riskMits)
		ix.riskMits.end()
	}
	ix.mitDepends = newAdj(len(reg.Mitigations), 0)
	for i := range reg.Mitigations {
		m := &reg.Mitigations[i]
		p := func() string { return jsonptr.Index("/mitigations", i) }
		for j, id := range m.Requirements {
			q := func() string { return jsonptr.Index(p()+"/requirements", j) }
			switch {
			case !id.Valid():
				errs.Add(q(), problem.ErrInvalidID, "mitigation %q: %q is not a requirement ID (want PREFIX-N such as \"SD-4\")", m.ID, clip(string(id)))
			case catalogIDs && !cat.Has(id):
				errs.Add(q(), located.ErrUnknownID, "mitigation %q: requirement %q is not in the %s catalog %s (check the ID or use the catalog of the right edition)", m.ID, id, cat.Edition(), cat.Version())
			case dupIDBefore(m.Requirements, j):
				errs.Add(q(), located.ErrDuplicate, "mitigation %q: requirement %q is listed twice (keep one)", m.ID, id)
			}
		}
		refs(&errs, "/mitigations", i, "/depends_on", "mitigation", m.ID, "mitigation", ix.mitigations, m.DependsOn, false, &ix.mitDepends)
		ix.mitDepends.end()
	}
	ix.verifThreats = newAdj(len(reg.Verifications), len(reg.Verifications))
	ix.verifMits = newAdj(len(reg.Verifications), len(reg.Verifications))
	for i := range reg.Verifications {
		v := &reg.Verifications[i]
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
		refs(&errs, "/verifications", i, "/threats", "verification", v.ID, "threat", ix.threats, v.Threats, false, &ix.verifThreats)
		refs(&errs, "/verifications", i, "/mitigations", "verification", v.ID, "mitigation", ix.mitigations, v.Mitigations, false, &ix.verifMits)
		ix.verifThreats.end()
		ix.verifMits.end()
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
	}

	// Cycles, in the three graphs where they are possible.
	cycles(&errs, "/assets", "part_of", "asset", ix.assetPartOf, func(i int) string { return reg.Assets[i].ID })
	cycles(&errs, "/threats", "derived_from", "threat", ix.threatDerived, func(i int) string { return reg.Threats[i].ID })
	cycles(&errs, "/mitigations", "depends_on", "mitigation", ix.mitDepends, func(i int) string { return reg.Mitigations[i].ID })

	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	ix.link()
	return ix, nil
}

// link builds the reverse indexes from the resolved references; the
// register is known to be well formed (no -1 entries). No ID is looked up.
func (ix *index) link() {
	reg := ix.reg
	ix.risksOfThreat = ix.riskThreats.reverse(len(reg.Threats))
	ix.risksOfMitigation = ix.riskMits.reverse(len(reg.Mitigations))
	ix.verifsOfThreat = ix.verifThreats.reverse(len(reg.Threats))
	ix.threatsOfInterface = make([]bool, len(reg.Interfaces))
	for _, f := range ix.threatIfs.to {
		ix.threatsOfInterface[f] = true
	}
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// ids indexes the IDs of one collection, reporting empty and duplicate IDs.
// Each ID costs one map operation: a duplicate shows as an insert that does
// not grow the map, and only then is the first holder looked for.
func ids(errs *located.Errors, base string, n int, id func(int) string) map[string]int {
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		s := id(i)
		if s == "" || blank(s) {
			errs.Add(jsonptr.Index(base, i)+"/id", located.ErrSchema, "ID is empty")
			continue
		}
		size := len(m)
		m[s] = i
		if len(m) > size {
			continue
		}
		j := 0
		for id(j) != s {
			j++
		}
		m[s] = j
		errs.Add(jsonptr.Index(base, i)+"/id", located.ErrDuplicate, "ID %q is already used at %s (IDs must be unique)", clip(s), jsonptr.Index(base, j))
	}
	return m
}

// refs checks that every ID in list names an entry of target. The pointer
// of the list is base/i + field; it is only built when there is a problem.
// When out is not nil the resolved indexes are appended to it, -1 for a
// dangling reference, one per entry of list.
func refs(errs *located.Errors, base string, i int, field, fromKind, fromID, toKind string, target map[string]int, list []string, single bool, out *adj) {
	for j, s := range list {
		at := func() string {
			p := jsonptr.Index(base, i) + field
			if !single {
				p = jsonptr.Index(p, j)
			}
			return p
		}
		k, ok := target[s]
		if out != nil {
			if !ok {
				k = -1
			}
			out.to = append(out.to, int32(k))
		}
		if !ok {
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
// returns the rank of its rating (0 when unrated) from ranks (see
// [Matrix.ranks]). A pair must be given in full or not at all; required
// demands it.
func rate(errs *located.Errors, p func() string, id, suffix string, m Matrix, ranks [][]uint8, l, i string, required bool) uint8 {
	if l == "" && i == "" && !required {
		return 0
	}
	li, ii := indexOf(m.Likelihood, l), indexOf(m.Impact, i)
	if li >= 0 && ii >= 0 {
		return ranks[li][ii]
	}
	what := "risk " + quote(id)
	if suffix != "" {
		what += " residual"
	}
	if li < 0 {
		errs.Add(p()+suffix+"/likelihood", located.ErrInvalidValue, "%s: likelihood %q is not a level of the matrix (%s)", what, clip(l), strings.Join(m.Likelihood, ", "))
	}
	if ii < 0 {
		errs.Add(p()+suffix+"/impact", located.ErrInvalidValue, "%s: impact %q is not a level of the matrix (%s)", what, clip(i), strings.Join(m.Impact, ", "))
	}
	return 0
}

func dupIDBefore(list []requirement.ID, j int) bool {
	for k := 0; k < j; k++ {
		if list[k] == list[j] {
			return true
		}
	}
	return false
}

// cycles reports every cycle of a reference graph once, at the member that
// closes it, walking nodes in document order (iterative DFS, linear time).
// Dangling edges (-1) are skipped: they are reported elsewhere.
func cycles(errs *located.Errors, base, field, kind string, g adj, id func(int) string) {
	const (
		white = iota
		grey
		black
	)
	n := g.nodes()
	if len(g.to) == 0 {
		return
	}
	color := make([]uint8, n)
	type frame struct {
		node, edge int
	}
	parent := make([]int, n)
	var stack []frame
	for start := 0; start < n; start++ {
		if color[start] != white {
			continue
		}
		stack = append(stack[:0], frame{start, 0})
		color[start] = grey
		parent[start] = -1
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			edges := g.of(top.node)
			if top.edge >= len(edges) {
				color[top.node] = black
				stack = stack[:len(stack)-1]
				continue
			}
			e := top.edge
			top.edge++
			to := int(edges[e])
			if to < 0 {
				continue
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
