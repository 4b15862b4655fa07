package annex

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
)

// Sentinels for rule tables and test matrices that are well formed JSON but
// not a usable decision procedure. They are wrapped by the located errors of
// [DecodeRuleTable] and [DecodeTestMatrix], next to
// [problem.ErrInvalidDocument].
var (
	// ErrRuleGap: some combination of the decisive parameters matches no
	// rule, or no row of a test matrix decides some module at some profile.
	ErrRuleGap = errors.New("rule table incomplete")
	// ErrRuleOverlap: some combination matches more than one rule, or two
	// rows of a test matrix decide the same module at the same profile.
	ErrRuleOverlap = errors.New("rules overlap")
	// ErrRuleUnreachable: an outcome (category or profile) is produced for no
	// product, or a rule decides no product.
	ErrRuleUnreachable = errors.New("outcome unreachable")
)

// RuleTableSchemaURL is the $id of the JSON Schema of rule tables.
const RuleTableSchemaURL = "https://github.com/sdlkit/iec62443/schemas/annex-b-rules-1.json"

//go:embed data/rules.schema.json
var ruleTableSchemaJSON []byte

//go:embed data/rules-default.json
var defaultRuleTableJSON []byte

var ruleTableSchema = sync.OnceValue(func() *schema.Schema { return schema.MustCompile(RuleTableSchemaURL, ruleTableSchemaJSON) })

// RuleTableSchema returns the JSON Schema of rule tables (a fresh copy).
func RuleTableSchema() []byte { return bytes.Clone(ruleTableSchemaJSON) }

// DefaultRuleTableJSON returns the embedded default rule table (a fresh copy), a
// starting point for a replacement table.
func DefaultRuleTableJSON() []byte { return bytes.Clone(defaultRuleTableJSON) }

// DefaultRuleTable returns the embedded, provisional default rule table (see the
// package documentation). It is decoded once; the embedded table is validated
// by the package tests.
func DefaultRuleTable() *RuleTable { return defaultRuleTable() }

var defaultRuleTable = sync.OnceValue(func() *RuleTable {
	r, err := DecodeRuleTable(bytes.NewReader(defaultRuleTableJSON), nil)
	if err != nil {
		panic(err)
	}
	return r
})

// Parameter names an input or an outcome of the Annex B decision procedure.
// The names are the JSON keys of the rule table and the context.
type Parameter string

// Parameters of the decision procedure.
const (
	ParamExposure           Parameter = "exposure"            // Context.Exposure
	ParamCRAClass           Parameter = "cra_class"           // the effective CRA class (an input of the rules, an outcome of the derivation)
	ParamSafetyRelated      Parameter = "safety_related"      // Context.SafetyRelated
	ParamEssentialFunctions Parameter = "essential_functions" // Context.EssentialFunctions
	ParamTargetSLC          Parameter = "sl_c"                // Context.TargetSLC
	ParamKind               Parameter = "kind"                // Context.Kind
	ParamEnvironment        Parameter = "environment"         // Context.Environment; "unstated" when it is zero
	ParamUserTypes          Parameter = "user_types"          // Context.UserTypes (rule keys user_types and user_types_none_of); "unstated" when empty
	ParamCategory           Parameter = "category"            // the Annex B category (outcome; input of the profile rules)
	ParamProfile            Parameter = "profile"             // the security profile (outcome)
	ParamCRAProducts        Parameter = "cra_products"        // Context.CRAProducts
	ParamDeclaredCRAClass   Parameter = "declared_cra_class"  // Context.CRAClass
)

// unstated is the rule-table and trace value of an environment or a set of
// user types the context leaves out.
const unstated = "unstated"

// The decisive dimensions, in rule-table order. The first numBaseDims (the
// parameters of the first table schema) are always enumerated by the table
// checks, so that their messages and gap counts do not depend on which of
// them a table happens to use; kind, environment and user types are
// enumerated only when some rule constrains them (otherwise they collapse to
// one value every rule admits); the category is never enumerated but derived
// from the category table.
const (
	dimExposure = iota
	dimClass
	dimSafety
	dimEssential
	dimSLC
	dimKind
	dimEnvironment
	dimUsers
	dimCategory
	numDims

	numBaseDims = dimKind
)

var dimParams = [numDims]Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated, ParamEssentialFunctions, ParamTargetSLC, ParamKind, ParamEnvironment, ParamUserTypes, ParamCategory}

// dimValues lists the values of each dimension but the user types (see
// usersValues) and the category: 0 to the number of values - 1. Read only.
var dimValues = func() (v [dimUsers][]int) {
	for d, n := range [dimUsers]int{5, 4, 2, 2, 4, 4, 6} {
		v[d] = make([]int, n)
		for i := range n {
			v[d][i] = i
		}
	}
	return v
}()

// point is one combination of the decisive parameters: exposure-1, class-1,
// safety (0 false, 1 true), essential, SL-C-1, kind-1, the environment (0
// unstated, else its value), the user types as a set (bit u-1 for user type
// u, 0 when none is stated) and category-1.
type point [numDims]int

// User types are a set, so a rule does not list admitted values of one
// dimension: "user_types" admits the sets that include any of the listed
// types (and, when "unstated" is listed, the empty set), "user_types_none_of"
// the sets that include none of the listed types. Whether a rule admits a
// set S therefore depends only on the intersection of S and M, where M holds the user types some
// rule of the table mentions, and on whether S is empty. The checks
// enumerate one representative of each class: the empty set (unstated),
// every non-empty subset of M and, when M leaves some user type out, a set
// holding only such a type (stated, none of M). That is one boolean
// dimension (present / absent) per mentioned type plus "none stated", less
// the impossible combinations (none stated yet some type present): at most
// 2^|M| + 1 classes, and exact for every product.
const (
	allUsers      = 1<<6 - 1 // every user type, bit u-1 for UserType u
	usersUnstated = 1 << 6   // Rule.masks[dimUsers]: "unstated" is listed
)

// usersValues returns the representative user-type sets for the mentioned
// user types m (see above): unstated, stated but none of m, then the
// non-empty subsets of m in increasing order.
func usersValues(m uint8) []int {
	vals := []int{0}
	if other := ^m & allUsers; other != 0 {
		vals = append(vals, int(other&-other))
	}
	for s := 1; s <= allUsers; s++ {
		if uint8(s)&^m == 0 {
			vals = append(vals, s)
		}
	}
	return vals
}

// dimValue describes value v of dimension d; mentioned is M (see
// usersValues), so that a user-type class is described by what the rules can
// tell apart.
func dimValue(d, v int, mentioned uint8) string {
	switch d {
	case dimExposure:
		return Exposure(v + 1).String()
	case dimClass:
		return CRAClass(v + 1).String()
	case dimSafety, dimEssential:
		return strconv.FormatBool(v == 1)
	case dimSLC:
		return strconv.Itoa(v + 1)
	case dimKind:
		return ProductKind(v + 1).String()
	case dimEnvironment:
		if v == 0 {
			return unstated
		}
		return Environment(v).String()
	case dimUsers:
		return describeUsers(uint8(v), mentioned)
	case dimCategory:
		return Category(v + 1).String()
	}
	return "?"
}

// describeUsers describes the user-type set s as far as the mentioned types
// m tell it apart: "unstated", "operator+developer (not consumer)" or
// "stated (none of operator/consumer)".
func describeUsers(s, m uint8) string {
	if s == 0 {
		return unstated
	}
	in := s & m
	if in == 0 {
		if m == 0 {
			return "stated"
		}
		return "stated (none of " + userNames(m, "/") + ")"
	}
	out := userNames(in, "+")
	if rest := m &^ s; rest != 0 {
		out += " (not " + userNames(rest, "/") + ")"
	}
	return out
}

func userNames(s uint8, sep string) string {
	var names []string
	for _, u := range UserTypes() {
		if s&(1<<(u-1)) != 0 {
			names = append(names, u.String())
		}
	}
	return strings.Join(names, sep)
}

func userSet(us []UserType) uint8 {
	var s uint8
	for _, u := range us {
		if u.Valid() {
			s |= 1 << (u - 1)
		}
	}
	return s
}

// Rule is one row of a decision table: when every listed parameter has one of
// the listed values, the outcome is Then. A parameter that is not listed
// matches any value. For the user types, which are a set, "user_types"
// matches a product that has any of the listed user types and
// "user_types_none_of" one that has none of them.
type TableRule struct {
	id string
	// masks holds, per dimension, the admitted values (bit v for value v;
	// 0 = any). For dimUsers it holds the user types of "user_types" (bit
	// u-1) and usersUnstated.
	masks     [numDims]uint8
	usersNone uint8 // "user_types_none_of", bit u-1 for UserType u
	outcome   int   // Category or Profile value
	profile   bool  // outcome is a Profile
	rationale string
}

// ID returns the rule's identifier.
func (r TableRule) ID() string { return r.id }

// Outcome returns what the rule decides: "C1".."C4" for a category rule,
// "SP1".."SP4" for a profile rule.
func (r TableRule) Outcome() string {
	if r.profile {
		return SecurityProfile(r.outcome).String()
	}
	return Category(r.outcome).String()
}

// Rationale returns why the rule decides as it does.
func (r TableRule) Rationale() string { return r.rationale }

// Constrains returns the parameters the rule restricts, in table order: the
// decisive parameters of every decision the rule makes. The two user-type
// keys are both [ParamUserTypes].
func (r TableRule) Constrains() []Parameter {
	var out []Parameter
	for d := range numDims {
		if r.constrains(d) {
			out = append(out, dimParams[d])
		}
	}
	return out
}

func (r *TableRule) constrains(d int) bool {
	return r.masks[d] != 0 || d == dimUsers && r.usersNone != 0
}

// admits reports whether the rule's condition on dimension d holds for
// value v.
func (r *TableRule) admits(d, v int) bool {
	m := r.masks[d]
	if d == dimUsers {
		s := uint8(v)
		if r.usersNone&s != 0 {
			return false
		}
		return m == 0 || m&s != 0 || s == 0 && m&usersUnstated != 0
	}
	return m == 0 || m&(1<<v) != 0
}

func (r *TableRule) matches(p point) bool {
	for d := range numDims {
		if !r.admits(d, p[d]) {
			return false
		}
	}
	return true
}

// RuleTable is a validated Annex B decision table: the category rules and
// the profile rules. It is immutable and safe for concurrent use. A nil
// *RuleTable stands for [DefaultRuleTable], in its methods as in [Classify].
type RuleTable struct {
	name        string
	version     string
	provisional bool
	category    []TableRule
	profile     []TableRule
}

// orDefault returns t, or the default table for a nil t.
func (t *RuleTable) orDefault() *RuleTable {
	if t == nil {
		return DefaultRuleTable()
	}
	return t
}

// Name returns the table's name.
func (t *RuleTable) Name() string { return t.orDefault().name }

// Version returns the table's version, or "".
func (t *RuleTable) Version() string { return t.orDefault().version }

// Provisional reports whether the table marks itself provisional.
func (t *RuleTable) Provisional() bool { return t.orDefault().provisional }

// CategoryRules returns the category rules in table order (a fresh slice).
func (t *RuleTable) CategoryRules() []TableRule { return slices.Clone(t.orDefault().category) }

// ProfileRules returns the profile rules in table order (a fresh slice).
func (t *RuleTable) ProfileRules() []TableRule { return slices.Clone(t.orDefault().profile) }

type rulesJSON struct {
	SchemaVersion string     `json:"schema_version"`
	Name          string     `json:"name"`
	Version       string     `json:"version,omitzero"`
	Provisional   bool       `json:"provisional,omitzero"`
	Description   string     `json:"description,omitzero"`
	CategoryRules []ruleJSON `json:"category_rules"`
	ProfileRules  []ruleJSON `json:"profile_rules"`
}

type ruleJSON struct {
	ID        string   `json:"id"`
	When      whenJSON `json:"when"`
	Then      string   `json:"then"`
	Rationale string   `json:"rationale"`
}

type whenJSON struct {
	Exposure           []Exposure     `json:"exposure,omitzero"`
	CRAClass           []CRAClass     `json:"cra_class,omitzero"`
	SafetyRelated      []bool         `json:"safety_related,omitzero"`
	EssentialFunctions []bool         `json:"essential_functions,omitzero"`
	SLC                []int          `json:"sl_c,omitzero"`
	Kind               []ProductKind  `json:"kind,omitzero"`
	Environment        []ruleEnv      `json:"environment,omitzero"`
	UserTypes          []ruleUserType `json:"user_types,omitzero"`
	UserTypesNoneOf    []UserType     `json:"user_types_none_of,omitzero"`
	Category           []Category     `json:"category,omitzero"`
}

// ruleEnv is an environment in a rule table: its name, or "unstated" (zero).
type ruleEnv Environment

func (e *ruleEnv) UnmarshalText(b []byte) error {
	if string(b) == unstated {
		*e = 0
		return nil
	}
	return (*Environment)(e).UnmarshalText(b)
}

// ruleUserType is a user type in a rule table: its name, or "unstated"
// (zero: the product states no user type).
type ruleUserType UserType

func (u *ruleUserType) UnmarshalText(b []byte) error {
	if string(b) == unstated {
		*u = 0
		return nil
	}
	return (*UserType)(u).UnmarshalText(b)
}

// maxGapReports bounds how many uncovered combinations are listed one by one;
// the rest are counted in one more located error.
const maxGapReports = 8

// DecodeRuleTable reads a rule table (JSON, schema [RuleTableSchema]) and validates
// it as a decision procedure: rule IDs are unique; each table covers every
// combination it can be asked about exactly once (the category table: every
// combination of exposure, CRA class, safety relevance, essential functions
// and SL-C, and of product kind, environment and user types where some rule
// decides on them; the profile table: each of those combinations together
// with the category the category table gives it, so impossible pairs such
// as a critical product in C1 need no rule); every category and every
// profile is produced for some product; and every rule decides some product.
// The checks are exact: they enumerate every class of products the rules
// can tell apart. The error is nil or a [problem.List] list
// with every problem, each wrapping a sentinel such as
// [problem.ErrSchema], [problem.ErrDuplicate], [ErrRuleGap],
// [ErrRuleOverlap] or [ErrRuleUnreachable]. Input is limited to 1 MiB,
// nesting depth 8 and strings of 64 KiB by default ([problem.ErrLimit],
// see [DecodeOptions]); the schema allows at most 1000 rules per table. A
// nil reader is an error wrapping [problem.ErrNilInput].
func DecodeRuleTable(r io.Reader, opts *DecodeOptions) (*RuleTable, error) {
	var doc rulesJSON
	if err := decode("rule table", r, opts, tableLimits, ruleTableSchema(), &doc); err != nil {
		return nil, err
	}
	var errs located.Errors
	t := &RuleTable{name: doc.Name, version: doc.Version, provisional: doc.Provisional}
	ids := map[string]string{}
	t.category = buildRules(doc.CategoryRules, "/category_rules", ids, &errs)
	t.profile = buildRules(doc.ProfileRules, "/profile_rules", ids, &errs)
	// The schema rejects a category rule that lists "category", so the
	// category table never depends on its own outcome. Duplicate IDs do not
	// stop the coverage checks.
	checkTables(t, &errs)
	errs.Sort()
	if err := errs.ErrMax(opts.maxProblems()); err != nil {
		return nil, err
	}
	return t, nil
}

func buildRules(in []ruleJSON, base string, ids map[string]string, errs *located.Errors) []TableRule {
	out := make([]TableRule, 0, len(in))
	for i, rj := range in {
		ptr := jsonptr.Index(base, i)
		if prev, dup := ids[rj.ID]; dup {
			errs.Add(jsonptr.Append(ptr, "id"), problem.ErrDuplicate, "rule ID %q is already used at %s (give each rule its own ID)", rj.ID, prev)
		} else {
			ids[rj.ID] = ptr
		}
		r := TableRule{id: rj.ID, rationale: rj.Rationale}
		for _, v := range rj.When.Exposure {
			r.masks[dimExposure] |= 1 << (int(v) - 1)
		}
		for _, v := range rj.When.CRAClass {
			r.masks[dimClass] |= 1 << (int(v) - 1)
		}
		for _, v := range rj.When.SafetyRelated {
			r.masks[dimSafety] |= 1 << b2i(v)
		}
		for _, v := range rj.When.EssentialFunctions {
			r.masks[dimEssential] |= 1 << b2i(v)
		}
		for _, v := range rj.When.SLC {
			r.masks[dimSLC] |= 1 << (v - 1)
		}
		for _, v := range rj.When.Kind {
			r.masks[dimKind] |= 1 << (int(v) - 1)
		}
		for _, v := range rj.When.Environment {
			r.masks[dimEnvironment] |= 1 << int(v)
		}
		for _, v := range rj.When.UserTypes {
			if v == 0 {
				r.masks[dimUsers] |= usersUnstated
			} else {
				r.masks[dimUsers] |= 1 << (int(v) - 1)
			}
		}
		for _, v := range rj.When.UserTypesNoneOf {
			r.usersNone |= 1 << (int(v) - 1)
		}
		for _, v := range rj.When.Category {
			r.masks[dimCategory] |= 1 << (int(v) - 1)
		}
		var c Category
		var p SecurityProfile
		switch {
		case c.UnmarshalText([]byte(rj.Then)) == nil:
			r.outcome = int(c)
		case p.UnmarshalText([]byte(rj.Then)) == nil:
			r.outcome = int(p)
			r.profile = true
		}
		// A full mask is the same as "any"; keeping it explicit only matters
		// for the trace, so it is left as written.
		out = append(out, r)
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// space is the set of combinations a check enumerates: the base dimensions
// always, kind, environment and user types only when some of the given
// rules constrain them (a dimension no rule constrains collapses to its
// zero value, which every rule admits).
type space struct {
	dims      []int   // enumerated dimensions, in dimension order
	vals      [][]int // per enumerated dimension, the values to visit
	mentioned uint8   // M: the user types the rules mention (see usersValues)
}

func newSpace(tables ...[]TableRule) *space {
	var used [numDims]bool
	s := &space{dims: make([]int, 0, dimCategory), vals: make([][]int, 0, dimCategory)}
	for _, rules := range tables {
		for i := range rules {
			r := &rules[i]
			for d := numBaseDims; d < dimCategory; d++ {
				used[d] = used[d] || r.constrains(d)
			}
			s.mentioned |= r.masks[dimUsers]&allUsers | r.usersNone
		}
	}
	for d := range dimCategory {
		if d >= numBaseDims && !used[d] {
			continue
		}
		s.dims = append(s.dims, d)
		if d == dimUsers {
			s.vals = append(s.vals, usersValues(s.mentioned))
		} else {
			s.vals = append(s.vals, dimValues[d])
		}
	}
	return s
}

// describe lists the values of p in dims, for messages.
func (s *space) describe(p point, dims []int) string {
	var b strings.Builder
	for i, d := range dims {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(dimParams[d]))
		b.WriteByte('=')
		b.WriteString(dimValue(d, p[d], s.mentioned))
	}
	return b.String()
}

// bitset is a set of rule indexes.
type bitset []uint64

func (b bitset) first() int {
	for w, x := range b {
		if x != 0 {
			return w*64 + bits.TrailingZeros64(x)
		}
	}
	return -1
}

func and(dst, a, b bitset) {
	for i := range dst {
		dst[i] = a[i] & b[i]
	}
}

// matcher holds, for one rule list and every value a space visits, the set
// of rules that admit that value, so that the rules matching a combination
// are the AND of one set per dimension: the checks cost a few word
// operations per combination, whatever the number of rules.
type matcher struct {
	rules []TableRule
	words int
	bits  [][]bitset // bits[k][i]: the rules admitting s.vals[k][i] in dimension s.dims[k]
	cat   [4]bitset  // cat[c]: the rules admitting category c+1
}

func newMatcher(s *space, rules []TableRule) *matcher {
	m := &matcher{rules: rules, words: (len(rules) + 63) / 64, bits: make([][]bitset, len(s.dims))}
	n := len(m.cat)
	for _, vals := range s.vals {
		n += len(vals)
	}
	buf := make(bitset, n*m.words)
	set := func(d, v int) bitset {
		b := buf[:m.words:m.words]
		buf = buf[m.words:]
		for j := range rules {
			if rules[j].admits(d, v) {
				b[j/64] |= 1 << (j % 64)
			}
		}
		return b
	}
	for k, d := range s.dims {
		m.bits[k] = make([]bitset, len(s.vals[k]))
		for i, v := range s.vals[k] {
			m.bits[k][i] = set(d, v)
		}
	}
	for c := range m.cat {
		m.cat[c] = set(dimCategory, c)
	}
	return m
}

// walk calls f for every combination of s, the first dimension varying
// slowest, with, per matcher, the rules admitting the combination in every
// enumerated dimension (the category is left to f). The point and the sets
// are reused between calls.
func (s *space) walk(ms []*matcher, f func(p *point, sets []bitset)) {
	n := len(s.dims)
	stacks := make([][]bitset, len(ms)) // stacks[j][k]: matcher j's rules admitting the first k values
	leaf := make([]bitset, len(ms))
	for j, m := range ms {
		buf := make(bitset, (n+1)*m.words)
		stacks[j] = make([]bitset, n+1)
		for k := range stacks[j] {
			stacks[j][k] = buf[k*m.words : (k+1)*m.words : (k+1)*m.words]
		}
		for i := range m.rules {
			stacks[j][0][i/64] |= 1 << (i % 64)
		}
		leaf[j] = stacks[j][n]
	}
	var p point
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			f(&p, leaf)
			return
		}
		d := s.dims[k]
		for i, v := range s.vals[k] {
			p[d] = v
			for j, m := range ms {
				and(stacks[j][k+1], stacks[j][k], m.bits[k][i])
			}
			rec(k + 1)
		}
	}
	rec(0)
}

// cover collects the gaps and overlaps of one rule list over the
// combinations it is shown.
type cover struct {
	rules []TableRule
	base  string // JSON pointer of the list
	s     *space
	dims  []int     // the dimensions a message describes
	seen  []bitset  // seen[a]: rules already reported as overlapping rule a
	pairs []overlap // in order of discovery
	gaps  []point   // the first maxGapReports uncovered combinations
	nGaps int       // every uncovered combination
	rest  bitset    // scratch
}

type overlap struct {
	a, b int
	at   point
}

func newCover(rules []TableRule, base string, s *space, dims []int) *cover {
	return &cover{rules: rules, base: base, s: s, dims: dims, rest: make(bitset, (len(rules)+63)/64)}
}

// visit records combination p, matched by the rules in set, and returns the
// first matching rule (the one [Classify] takes) or -1. Each pair of rules
// that overlap is recorded once, at the first combination where the earlier
// rule is the first match; only the pairs not seen before are iterated, so a
// table of many overlapping rules does not cost a pass per pair and
// combination.
func (c *cover) visit(p *point, set bitset) int {
	first := set.first()
	if first < 0 {
		if c.nGaps < maxGapReports {
			c.gaps = append(c.gaps, *p)
		}
		c.nGaps++
		return -1
	}
	copy(c.rest, set)
	c.rest[first/64] &^= 1 << (first % 64)
	if c.rest.first() < 0 {
		return first
	}
	if c.seen == nil {
		c.seen = make([]bitset, len(c.rules))
	}
	if c.seen[first] == nil {
		c.seen[first] = make(bitset, len(c.rest))
	}
	seen := c.seen[first]
	for w, x := range c.rest {
		fresh := x &^ seen[w]
		seen[w] |= x
		for ; fresh != 0; fresh &= fresh - 1 {
			c.pairs = append(c.pairs, overlap{first, w*64 + bits.TrailingZeros64(fresh), *p})
		}
	}
	return first
}

func (c *cover) report(errs *located.Errors) {
	for _, k := range c.pairs {
		errs.Add(jsonptr.Index(c.base, k.b), ErrRuleOverlap, "rule %q overlaps rule %q (index %d), for example at %s (make their conditions disjoint)",
			c.rules[k.b].id, c.rules[k.a].id, k.a, c.s.describe(k.at, c.dims))
	}
	for _, p := range c.gaps {
		errs.Add(c.base, ErrRuleGap, "no rule matches %s (add a rule that covers it)", c.s.describe(p, c.dims))
	}
	if c.nGaps > maxGapReports {
		errs.Add(c.base, ErrRuleGap, "%d more combinations match no rule (%d in all; add rules that cover them)", c.nGaps-maxGapReports, c.nGaps)
	}
}

// checkTables checks both tables over the combinations the classification
// can produce. The category table is checked over every combination of the
// parameters it can decide on (see space); the profile table over each
// combination of the parameters either table decides on together with the
// category the category table gives it (the first matching rule, as
// [Classify] takes it), so that combinations no product can have (category
// C1 for a critical product) need no profile rule. Reachability is judged
// over the same pipeline.
func checkTables(t *RuleTable, errs *located.Errors) {
	var catSeen, profSeen [4]bool
	catUsed := make([]bool, len(t.category))
	profUsed := make([]bool, len(t.profile))

	cs := newSpace(t.category)
	catCover := newCover(t.category, "/category_rules", cs, cs.dims)
	cs.walk([]*matcher{newMatcher(cs, t.category)}, func(p *point, sets []bitset) {
		if ci := catCover.visit(p, sets[0]); ci >= 0 {
			catUsed[ci] = true
			catSeen[t.category[ci].outcome-1] = true
		}
	})

	ps := newSpace(t.category, t.profile)
	pm := newMatcher(ps, t.profile)
	profCover := newCover(t.profile, "/profile_rules", ps, append(slices.Clip(ps.dims), dimCategory))
	set := make(bitset, pm.words)
	ps.walk([]*matcher{newMatcher(ps, t.category), pm}, func(p *point, sets []bitset) {
		ci := sets[0].first()
		if ci < 0 {
			return
		}
		c := t.category[ci].outcome - 1
		p[dimCategory] = c
		and(set, sets[1], pm.cat[c])
		if pi := profCover.visit(p, set); pi >= 0 {
			profUsed[pi] = true
			profSeen[t.profile[pi].outcome-1] = true
		}
	})

	catCover.report(errs)
	profCover.report(errs)
	for i, ok := range catSeen {
		if !ok {
			errs.Add("/category_rules", ErrRuleUnreachable, "no product is ever classified %s (add or change a rule whose \"then\" is %s)", Category(i+1), Category(i+1))
		}
	}
	for i, ok := range profSeen {
		if !ok {
			errs.Add("/profile_rules", ErrRuleUnreachable, "no product is ever given profile %s (add or change a rule whose \"then\" is %s)", SecurityProfile(i+1), SecurityProfile(i+1))
		}
	}
	for i, used := range catUsed {
		if !used {
			errs.Add(jsonptr.Index("/category_rules", i), ErrRuleUnreachable, "rule %q decides no product (remove it or widen its conditions)", t.category[i].id)
		}
	}
	for i, used := range profUsed {
		if !used {
			errs.Add(jsonptr.Index("/profile_rules", i), ErrRuleUnreachable, "rule %q decides no product: the categories it lists never occur together with its other conditions (remove it or change them)", t.profile[i].id)
		}
	}
}

func firstMatch(rules []TableRule, p point) int {
	for i := range rules {
		if rules[i].matches(p) {
			return i
		}
	}
	return -1
}

// describeProduct describes a product's point for the errors of [Classify]:
// every dimension up to dims, the user types exactly.
func describeProduct(p point, dims int) string {
	all := make([]int, dims)
	for d := range all {
		all[d] = d
	}
	return (&space{mentioned: allUsers}).describe(p, all)
}

// String summarises the table for messages: name and version.
func (t *RuleTable) String() string {
	t = t.orDefault()
	if t.version == "" {
		return t.name
	}
	return fmt.Sprintf("%s %s", t.name, t.version)
}
