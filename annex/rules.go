package annex

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/requirement"
)

// Sentinels for rule tables that are well formed JSON but not a usable
// decision procedure. They are wrapped by the located errors of
// [DecodeRules], next to [requirement.ErrInvalidDocument].
var (
	// ErrRuleGap: some combination of the decisive parameters matches no rule.
	ErrRuleGap = errors.New("rule table incomplete")
	// ErrRuleOverlap: some combination matches more than one rule.
	ErrRuleOverlap = errors.New("rules overlap")
	// ErrRuleUnreachable: an outcome (category or profile) is produced for no
	// product, or a rule decides no product.
	ErrRuleUnreachable = errors.New("outcome unreachable")
)

// RulesSchemaURL is the $id of the JSON Schema of rule tables.
const RulesSchemaURL = "https://github.com/sdlkit/iec62443/schemas/annex-b-rules-1.json"

//go:embed data/rules.schema.json
var rulesSchemaJSON []byte

//go:embed data/rules-default.json
var defaultRulesJSON []byte

var rulesSchema = sync.OnceValue(func() *schema.Schema { return schema.MustCompile(RulesSchemaURL, rulesSchemaJSON) })

// RulesSchema returns the JSON Schema of rule tables (a fresh copy).
func RulesSchema() []byte { return bytes.Clone(rulesSchemaJSON) }

// DefaultRulesJSON returns the embedded default rule table (a fresh copy), a
// starting point for a replacement table.
func DefaultRulesJSON() []byte { return bytes.Clone(defaultRulesJSON) }

// DefaultRules returns the embedded, provisional default rule table (see the
// package documentation). It is decoded once; the embedded table is validated
// by the package tests.
func DefaultRules() *Rules { return defaultRules() }

var defaultRules = sync.OnceValue(func() *Rules {
	r, err := DecodeRules(bytes.NewReader(defaultRulesJSON), nil)
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
	ParamCategory           Parameter = "category"            // the Annex B category (outcome; input of the profile rules)
	ParamProfile            Parameter = "profile"             // the security profile (outcome)
	ParamCRAProducts        Parameter = "cra_products"        // Context.CRAProducts
	ParamDeclaredCRAClass   Parameter = "declared_cra_class"  // Context.CRAClass
)

// The decisive dimensions, in rule-table order.
const (
	dimExposure = iota
	dimClass
	dimSafety
	dimEssential
	dimSLC
	dimCategory
	numDims
)

var dimParams = [numDims]Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated, ParamEssentialFunctions, ParamTargetSLC, ParamCategory}
var dimSizes = [numDims]int{5, 4, 2, 2, 4, 4}

// point is one combination of the decisive parameters, as 0-based indices:
// exposure-1, class-1, safety (0 false, 1 true), essential, SL-C-1, category-1.
type point [numDims]int

func (p point) describe(dims int) string {
	var b strings.Builder
	for d := 0; d < dims; d++ {
		if d > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(dimParams[d]))
		b.WriteByte('=')
		b.WriteString(dimValue(d, p[d]))
	}
	return b.String()
}

func dimValue(d, i int) string {
	switch d {
	case dimExposure:
		return Exposure(i + 1).String()
	case dimClass:
		return CRAClass(i + 1).String()
	case dimSafety, dimEssential:
		return strconv.FormatBool(i == 1)
	case dimSLC:
		return strconv.Itoa(i + 1)
	case dimCategory:
		return Category(i + 1).String()
	}
	return "?"
}

// Rule is one row of a decision table: when every listed parameter has one of
// the listed values, the outcome is Then. A parameter that is not listed
// matches any value.
type Rule struct {
	id        string
	masks     [numDims]uint8 // 0 = any
	outcome   int            // Category or Profile value
	profile   bool           // outcome is a Profile
	rationale string
}

// ID returns the rule's identifier.
func (r Rule) ID() string { return r.id }

// Outcome returns what the rule decides: "C1".."C4" for a category rule,
// "SP1".."SP4" for a profile rule.
func (r Rule) Outcome() string {
	if r.profile {
		return Profile(r.outcome).String()
	}
	return Category(r.outcome).String()
}

// Rationale returns why the rule decides as it does.
func (r Rule) Rationale() string { return r.rationale }

// Constrains returns the parameters the rule restricts, in table order: the
// decisive parameters of every decision the rule makes.
func (r Rule) Constrains() []Parameter {
	var out []Parameter
	for d, m := range r.masks {
		if m != 0 {
			out = append(out, dimParams[d])
		}
	}
	return out
}

func (r Rule) matches(p point) bool {
	for d, m := range r.masks {
		if m != 0 && m&(1<<p[d]) == 0 {
			return false
		}
	}
	return true
}

// Rules is a validated Annex B decision table: the category rules and the
// profile rules. It is immutable and safe for concurrent use.
type Rules struct {
	name        string
	version     string
	provisional bool
	category    []Rule
	profile     []Rule
}

// Name returns the table's name.
func (t *Rules) Name() string { return t.name }

// Version returns the table's version, or "".
func (t *Rules) Version() string { return t.version }

// Provisional reports whether the table marks itself provisional.
func (t *Rules) Provisional() bool { return t.provisional }

// CategoryRules returns the category rules in table order (a fresh slice).
func (t *Rules) CategoryRules() []Rule { return slices.Clone(t.category) }

// ProfileRules returns the profile rules in table order (a fresh slice).
func (t *Rules) ProfileRules() []Rule { return slices.Clone(t.profile) }

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
	Exposure           []Exposure `json:"exposure,omitzero"`
	CRAClass           []CRAClass `json:"cra_class,omitzero"`
	SafetyRelated      []bool     `json:"safety_related,omitzero"`
	EssentialFunctions []bool     `json:"essential_functions,omitzero"`
	SLC                []int      `json:"sl_c,omitzero"`
	Category           []Category `json:"category,omitzero"`
}

// rulesLimits bounds rule-table input: 1 MiB, depth 8 (a table nests 5
// levels), strings of 64 KiB; the schema bounds the number of rules.
var rulesLimits = docjson.Limits{MaxBytes: 1 << 20, MaxDepth: 8, MaxStringLen: 64 << 10, MaxEntries: 10_000}

// maxGapReports bounds how many uncovered combinations are listed one by one;
// the rest are counted in one more located error.
const maxGapReports = 8

// DecodeRules reads a rule table (JSON, schema [RulesSchema]) and validates
// it as a decision procedure: rule IDs are unique; each table covers every
// combination it can be asked about exactly once (the category table: every
// combination of exposure, CRA class, safety relevance, essential functions
// and SL-C; the profile table: each of those combinations together with the
// category the category table gives it, so impossible pairs such as a
// critical product in C1 need no rule); every category and every profile is
// produced for some product; and every rule decides some product. The error
// is nil or a [requirement.LocatedErrors] list with every problem, each
// wrapping a sentinel such as [requirement.ErrSchema], [requirement.ErrDuplicate],
// [ErrRuleGap], [ErrRuleOverlap] or [ErrRuleUnreachable]. Input is limited
// to 1 MiB, nesting depth 8 and strings of 64 KiB by default
// ([requirement.ErrLimit], see [DecodeOptions]); the schema allows at most
// 1000 rules per table.
func DecodeRules(r io.Reader, opts *DecodeOptions) (*Rules, error) {
	var doc rulesJSON
	if err := docjson.Decode(r, opts.limits(rulesLimits), rulesSchema(), &doc); err != nil {
		return nil, err
	}
	var errs requirement.LocatedErrors
	t := &Rules{name: doc.Name, version: doc.Version, provisional: doc.Provisional}
	ids := map[string]string{}
	t.category = buildRules(doc.CategoryRules, "/category_rules", ids, &errs)
	t.profile = buildRules(doc.ProfileRules, "/profile_rules", ids, &errs)
	// The schema rejects a category rule that lists "category", so the
	// category table never depends on its own outcome. Duplicate IDs do not
	// stop the coverage checks.
	checkTables(t, &errs)
	errs.Sort()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

func buildRules(in []ruleJSON, base string, ids map[string]string, errs *requirement.LocatedErrors) []Rule {
	out := make([]Rule, 0, len(in))
	for i, rj := range in {
		ptr := jsonptr.Index(base, i)
		if prev, dup := ids[rj.ID]; dup {
			errs.Add(jsonptr.Append(ptr, "id"), requirement.ErrDuplicate, "rule ID %q is already used at %s (give each rule its own ID)", rj.ID, prev)
		} else {
			ids[rj.ID] = ptr
		}
		r := Rule{id: rj.ID, rationale: rj.Rationale}
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
		for _, v := range rj.When.Category {
			r.masks[dimCategory] |= 1 << (int(v) - 1)
		}
		var c Category
		var p Profile
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

// each calls f for every combination of the first dims dimensions.
func each(dims int, f func(point)) {
	var p point
	var rec func(d int)
	rec = func(d int) {
		if d == dims {
			f(p)
			return
		}
		for i := 0; i < dimSizes[d]; i++ {
			p[d] = i
			rec(d + 1)
		}
	}
	rec(0)
}

// checkTables checks both tables over the combinations the classification
// can produce. The category table is checked over every combination of its
// five parameters; the profile table over each of those combinations
// together with the category the category table gives it (the first
// matching rule, as [Classify] takes it), so that combinations no product
// can have (category C1 for a critical product) need no profile rule.
// Reachability is judged over the same pipeline.
func checkTables(t *Rules, errs *requirement.LocatedErrors) {
	checkCover(t.category, "/category_rules", numDims-1, func(f func(point)) { each(numDims-1, f) }, errs)
	derived := func(f func(point)) {
		each(numDims-1, func(p point) {
			if ci := firstMatch(t.category, p); ci >= 0 {
				p[dimCategory] = t.category[ci].outcome - 1
				f(p)
			}
		})
	}
	checkCover(t.profile, "/profile_rules", numDims, derived, errs)
	// Reachability over the real pipeline: base combination -> category -> profile.
	var catSeen [4]bool
	var profSeen [4]bool
	catUsed := make([]bool, len(t.category))
	profUsed := make([]bool, len(t.profile))
	each(numDims-1, func(p point) {
		if ci := firstMatch(t.category, p); ci >= 0 {
			catUsed[ci] = true
			catSeen[t.category[ci].outcome-1] = true
		}
	})
	derived(func(p point) {
		if pi := firstMatch(t.profile, p); pi >= 0 {
			profUsed[pi] = true
			profSeen[t.profile[pi].outcome-1] = true
		}
	})
	for i, ok := range catSeen {
		if !ok {
			errs.Add("/category_rules", ErrRuleUnreachable, "no product is ever classified %s (add or change a rule whose \"then\" is %s)", Category(i+1), Category(i+1))
		}
	}
	for i, ok := range profSeen {
		if !ok {
			errs.Add("/profile_rules", ErrRuleUnreachable, "no product is ever given profile %s (add or change a rule whose \"then\" is %s)", Profile(i+1), Profile(i+1))
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

func firstMatch(rules []Rule, p point) int {
	for i := range rules {
		if rules[i].matches(p) {
			return i
		}
	}
	return -1
}

// checkCover reports the combinations visit yields that match no rule (gaps)
// or more than one (overlaps, once per pair of rules); dims is how many
// dimensions a message describes.
func checkCover(rules []Rule, base string, dims int, visit func(func(point)), errs *requirement.LocatedErrors) {
	type pair struct{ a, b int }
	overlaps := map[pair]point{}
	var pairs []pair
	var gaps []point
	visit(func(p point) {
		first := -1
		for i := range rules {
			if !rules[i].matches(p) {
				continue
			}
			if first < 0 {
				first = i
				continue
			}
			k := pair{first, i}
			if _, seen := overlaps[k]; !seen {
				overlaps[k] = p
				pairs = append(pairs, k)
			}
		}
		if first < 0 {
			gaps = append(gaps, p)
		}
	})
	for _, k := range pairs {
		errs.Add(jsonptr.Index(base, k.b), ErrRuleOverlap, "rule %q overlaps rule %q (index %d), for example at %s (make their conditions disjoint)",
			rules[k.b].id, rules[k.a].id, k.a, overlaps[k].describe(dims))
	}
	for i, p := range gaps {
		if i == maxGapReports {
			errs.Add(base, ErrRuleGap, "%d more combinations match no rule (%d in all; add rules that cover them)", len(gaps)-maxGapReports, len(gaps))
			break
		}
		errs.Add(base, ErrRuleGap, "no rule matches %s (add a rule that covers it)", p.describe(dims))
	}
}

// String summarises the table for messages: name and version.
func (t *Rules) String() string {
	if t.version == "" {
		return t.name
	}
	return fmt.Sprintf("%s %s", t.name, t.version)
}

// DecodeOptions bounds the decoders of this package ([DecodeRules],
// [DecodeContext], [DecodeTestRecords]). A nil *DecodeOptions means the
// defaults each decoder documents.
type DecodeOptions struct {
	// MaxBytes is the largest document accepted. Zero means the decoder's
	// default (1 MiB for rule tables, 32 MiB otherwise).
	MaxBytes int64
	// MaxDepth is the deepest nesting accepted. Zero means the decoder's
	// default (8 for rule tables, 64 otherwise).
	MaxDepth int
	// MaxEntries is the most members of one object or elements of one
	// array. Zero means the decoder's default (10,000 for rule tables,
	// 200,000 otherwise).
	MaxEntries int
	// MaxStringLen is the longest string (key or value) accepted, in bytes.
	// Zero means the decoder's default (64 KiB for rule tables, 1 MiB
	// otherwise).
	MaxStringLen int
}

func (o *DecodeOptions) limits(def docjson.Limits) docjson.Limits {
	if o != nil {
		if o.MaxStringLen > 0 {
			def.MaxStringLen = o.MaxStringLen
		}
		if o.MaxBytes > 0 {
			def.MaxBytes = o.MaxBytes
		}
		if o.MaxDepth > 0 {
			def.MaxDepth = o.MaxDepth
		}
		if o.MaxEntries > 0 {
			def.MaxEntries = o.MaxEntries
		}
	}
	return def
}
