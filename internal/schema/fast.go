package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Valid reports whether v (a value decoded by encoding/json with
// UseNumber, as Validate takes) is valid against s, quickly: see
// [Schema.ValidJSON].
func (s *Schema) Valid(v any) bool {
	if s == nil {
		return false
	}
	t := tapes.Get().(*tape)
	defer putTape(t)
	return t.fromValue(v) && fastValidate(s.s, t, 0, 0) == fastValid
}

// ValidJSON reports whether the JSON value in data is valid against s,
// quickly: it walks the compiled schema over a flat layout of the value,
// without the locations, error values and annotations jsonschema/v5
// builds on the way, nor maps and strings for the value, and so costs a
// fraction of [Schema.Validate]. data must be valid JSON without duplicate
// object keys (as the SDK's readers ensure); for anything else the answer
// is false.
//
// It is conservative: true means Validate would report no problem for
// the decoded value; false means that the value is invalid or that the
// fast path cannot tell (a keyword it does not evaluate, such as
// unevaluatedProperties, $dynamicRef or contentEncoding, or a nesting that
// looks like a loop), and the caller runs Validate for the located
// problems: if !s.ValidJSON(data) { problems = s.Validate(decoded) }.
//
// The keywords are evaluated as jsonschema/v5 v5.3.1 evaluates them for
// schemas compiled by [Compile] (formats asserted with
// jsonschema.Formats), down to numbers compared through big.Rat and string
// lengths counted in runes.
func (s *Schema) ValidJSON(data []byte) bool {
	if s == nil {
		return false
	}
	t := tapes.Get().(*tape)
	defer putTape(t)
	return t.fromJSON(data) == nil && fastValidate(s.s, t, 0, 0) == fastValid
}

// ValidJSONKey is [Schema.ValidJSON] that also returns the value's
// [UniqueKey], for uniqueness checks over values validated one by one;
// ok is false when data is not JSON the fast path reads (then valid is
// false too).
func (s *Schema) ValidJSONKey(data []byte) (valid bool, key UniqueKey, ok bool) {
	if s == nil {
		return false, UniqueKey{}, false
	}
	t := tapes.Get().(*tape)
	defer putTape(t)
	if t.fromJSON(data) != nil {
		return false, UniqueKey{}, false
	}
	return fastValidate(s.s, t, 0, 0) == fastValid, t.key(0), true
}

// KeyOf returns the [UniqueKey] of a decoded JSON value; false for a Go
// value that is not JSON.
func KeyOf(v any) (UniqueKey, bool) {
	t := tapes.Get().(*tape)
	defer putTape(t)
	if !t.fromValue(v) {
		return UniqueKey{}, false
	}
	return t.key(0), true
}

var tapes = sync.Pool{New: func() any { return new(tape) }}

// putTape returns t to the pool unless it grew large.
func putTape(t *tape) {
	if cap(t.toks) > 1<<16 || cap(t.own) > 1<<20 {
		return
	}
	t.src = nil
	tapes.Put(t)
}

// fastResult is the verdict of the fast path on one value.
type fastResult uint8

const (
	fastValid fastResult = iota
	fastInvalid
	fastUnknown // a keyword the fast path does not evaluate
)

// maxFastDepth bounds the nesting of schemas the fast path follows on one
// value; beyond it the verdict is unknown (jsonschema/v5 detects infinite
// loops through its scope, which the fast path does not keep).
const maxFastDepth = 64

// and combines the verdicts of keywords that must all hold.
func and(a, b fastResult) fastResult {
	switch {
	case a == fastInvalid || b == fastInvalid:
		return fastInvalid
	case a == fastUnknown || b == fastUnknown:
		return fastUnknown
	}
	return fastValid
}

// kindName is the JSON type of a token as jsonschema/v5 names it.
func kindName(k byte) string {
	switch k {
	case kObject:
		return "object"
	case kArray:
		return "array"
	case kString:
		return "string"
	case kNumber:
		return "number"
	case kTrue, kFalse:
		return "boolean"
	}
	return "null"
}

// fastValidate is the fast path: fastValid and fastInvalid are exact (a
// "not" turns one into the other), fastUnknown says the fast path cannot
// tell. inplace counts the schemas applied in a row to the same value
// ($ref, allOf ...), which a loop would grow without bound.
func fastValidate(s *jsonschema.Schema, t *tape, i int32, inplace int) fastResult {
	if inplace > maxFastDepth {
		return fastUnknown
	}
	// Keywords the fast path does not evaluate: they need the dynamic
	// scope or the annotations of jsonschema/v5, or functions it does not
	// export.
	if s.RecursiveRef != nil || s.DynamicRef != nil || s.UnevaluatedProperties != nil || s.UnevaluatedItems != nil ||
		len(s.Extensions) > 0 || s.RegexProperties {
		return fastUnknown
	}
	if s.Always != nil {
		if *s.Always {
			return fastValid
		}
		return fastInvalid
	}
	k := &t.toks[i]
	if len(s.Types) > 0 {
		kind := kindName(k.kind)
		matched := false
		for _, typ := range s.Types {
			if typ == kind {
				matched = true
				break
			}
			if typ == "integer" && k.kind == kNumber {
				num, ok := new(big.Rat).SetString(string(t.bytes(i)))
				if !ok {
					return fastUnknown
				}
				if num.IsInt() {
					matched = true
					break
				}
			}
		}
		if !matched {
			return fastInvalid
		}
	}
	if len(s.Constant) > 0 && !t.equalValue(i, s.Constant[0]) {
		return fastInvalid
	}
	if len(s.Enum) > 0 {
		matched := false
		for _, e := range s.Enum {
			if t.equalValue(i, e) {
				matched = true
				break
			}
		}
		if !matched {
			return fastInvalid
		}
	}
	if s.Format != "" {
		if f := jsonschema.Formats[s.Format]; f != nil {
			var v any
			if k.kind == kString {
				v = string(t.bytes(i))
			} else {
				v = t.value(i)
			}
			if !f(v) {
				return fastInvalid
			}
		}
	}
	res := fastValid
	switch k.kind {
	case kObject:
		res = fastObject(s, t, i)
	case kArray:
		res = fastArray(s, t, i)
	case kString:
		b := t.bytes(i)
		if s.MinLength != -1 || s.MaxLength != -1 {
			n := utf8.RuneCount(b)
			if s.MinLength != -1 && n < s.MinLength || s.MaxLength != -1 && n > s.MaxLength {
				return fastInvalid
			}
		}
		if s.Pattern != nil && !matchPattern(s.Pattern, b) {
			return fastInvalid
		}
		if s.ContentEncoding != "" || s.ContentMediaType != "" {
			res = fastUnknown
		}
	case kNumber:
		if s.Minimum != nil || s.ExclusiveMinimum != nil || s.Maximum != nil || s.ExclusiveMaximum != nil || s.MultipleOf != nil {
			num, ok := new(big.Rat).SetString(string(t.bytes(i)))
			if !ok {
				return fastUnknown
			}
			switch {
			case s.Minimum != nil && num.Cmp(s.Minimum) < 0,
				s.ExclusiveMinimum != nil && num.Cmp(s.ExclusiveMinimum) <= 0,
				s.Maximum != nil && num.Cmp(s.Maximum) > 0,
				s.ExclusiveMaximum != nil && num.Cmp(s.ExclusiveMaximum) >= 0:
				return fastInvalid
			}
			if s.MultipleOf != nil {
				if s.MultipleOf.Sign() == 0 {
					return fastUnknown
				}
				if q := new(big.Rat).Quo(num, s.MultipleOf); !q.IsInt() {
					return fastInvalid
				}
			}
		}
	}
	if res == fastInvalid {
		return res
	}
	if s.Ref != nil {
		if res = and(res, fastValidate(s.Ref, t, i, inplace+1)); res == fastInvalid {
			return res
		}
	}
	if s.Not != nil {
		switch fastValidate(s.Not, t, i, inplace+1) {
		case fastValid:
			return fastInvalid
		case fastUnknown:
			res = and(res, fastUnknown)
		case fastInvalid:
		}
	}
	for _, sch := range s.AllOf {
		if res = and(res, fastValidate(sch, t, i, inplace+1)); res == fastInvalid {
			return res
		}
	}
	if len(s.AnyOf) > 0 {
		some := fastInvalid
		for _, sch := range s.AnyOf {
			r := fastValidate(sch, t, i, inplace+1)
			if r == fastValid {
				some = fastValid
				break
			}
			if r == fastUnknown {
				some = fastUnknown
			}
		}
		if res = and(res, some); res == fastInvalid {
			return res
		}
	}
	if len(s.OneOf) > 0 {
		valid, unknown := 0, false
		for _, sch := range s.OneOf {
			switch fastValidate(sch, t, i, inplace+1) {
			case fastValid:
				valid++
			case fastUnknown:
				unknown = true
			case fastInvalid:
			}
			if valid > 1 {
				return fastInvalid
			}
		}
		switch {
		case unknown:
			res = and(res, fastUnknown)
		case valid == 0:
			return fastInvalid
		}
	}
	if s.If != nil {
		switch fastValidate(s.If, t, i, inplace+1) {
		case fastValid:
			if s.Then != nil {
				res = and(res, fastValidate(s.Then, t, i, inplace+1))
			}
		case fastInvalid:
			if s.Else != nil {
				res = and(res, fastValidate(s.Else, t, i, inplace+1))
			}
		case fastUnknown:
			res = and(res, fastUnknown)
		}
	}
	return res
}

// member returns the token of the value of member name of object i; -1
// when it has none.
func (t *tape) member(i int32, name string) int32 {
	j := i + 1
	for range t.toks[i].n {
		if string(t.bytes(j)) == name {
			return j + 1
		}
		j = t.toks[j+1].next
	}
	return -1
}

// fastObject evaluates the object keywords on object i.
func fastObject(s *jsonschema.Schema, t *tape, i int32) fastResult {
	n := int(t.toks[i].n)
	if s.MinProperties != -1 && n < s.MinProperties || s.MaxProperties != -1 && n > s.MaxProperties {
		return fastInvalid
	}
	for _, name := range s.Required {
		if t.member(i, name) < 0 {
			return fastInvalid
		}
	}
	res := fastValid
	j := i + 1
	for range n {
		key, val := j, j+1
		j = t.toks[val].next
		name := t.bytes(key)
		sch, declared := s.Properties[string(name)]
		if declared {
			if res = and(res, fastValidate(sch, t, val, 0)); res == fastInvalid {
				return res
			}
		}
		if s.PropertyNames != nil {
			if res = and(res, fastValidate(s.PropertyNames, t, key, 0)); res == fastInvalid {
				return res
			}
		}
		for re, sch := range s.PatternProperties {
			if matchPattern(re, name) {
				declared = true
				if res = and(res, fastValidate(sch, t, val, 0)); res == fastInvalid {
					return res
				}
			}
		}
		if declared {
			continue
		}
		switch ap := s.AdditionalProperties.(type) {
		case bool:
			if !ap {
				return fastInvalid
			}
		case *jsonschema.Schema:
			if res = and(res, fastValidate(ap, t, val, 0)); res == fastInvalid {
				return res
			}
		}
	}
	for name, dep := range s.Dependencies {
		if t.member(i, name) < 0 {
			continue
		}
		switch dep := dep.(type) {
		case *jsonschema.Schema:
			if res = and(res, fastValidate(dep, t, i, 1)); res == fastInvalid {
				return res
			}
		case []string:
			for _, req := range dep {
				if t.member(i, req) < 0 {
					return fastInvalid
				}
			}
		default:
			return fastUnknown
		}
	}
	for name, reqs := range s.DependentRequired {
		if t.member(i, name) >= 0 {
			for _, req := range reqs {
				if t.member(i, req) < 0 {
					return fastInvalid
				}
			}
		}
	}
	for name, sch := range s.DependentSchemas {
		if t.member(i, name) >= 0 {
			if res = and(res, fastValidate(sch, t, i, 1)); res == fastInvalid {
				return res
			}
		}
	}
	return res
}

// fastArray evaluates the array keywords on array i.
func fastArray(s *jsonschema.Schema, t *tape, i int32) fastResult {
	a := &t.toks[i]
	n := int(a.n)
	if s.MinItems != -1 && n < s.MinItems || s.MaxItems != -1 && n > s.MaxItems {
		return fastInvalid
	}
	if s.UniqueItems && n > 1 {
		if n > 64 {
			return fastUnknown // quadratic here; Validate hashes
		}
		for x := i + 1; x < a.next; x = t.toks[x].next {
			for y := t.toks[x].next; y < a.next; y = t.toks[y].next {
				if t.equal(x, y) {
					return fastInvalid
				}
			}
		}
	}
	res := fastValid
	idx := 0
	for e := i + 1; e < a.next; e, idx = t.toks[e].next, idx+1 {
		var sch *jsonschema.Schema
		switch items := s.Items.(type) {
		case *jsonschema.Schema:
			sch = items
		case []*jsonschema.Schema:
			if idx < len(items) {
				sch = items[idx]
			} else {
				sch, _ = s.AdditionalItems.(*jsonschema.Schema)
			}
		}
		if sch != nil {
			if res = and(res, fastValidate(sch, t, e, 0)); res == fastInvalid {
				return res
			}
		}
		sch = nil
		switch {
		case idx < len(s.PrefixItems):
			sch = s.PrefixItems[idx]
		case s.Items2020 != nil:
			sch = s.Items2020
		}
		if sch != nil {
			if res = and(res, fastValidate(sch, t, e, 0)); res == fastInvalid {
				return res
			}
		}
	}
	if items, ok := s.Items.([]*jsonschema.Schema); ok {
		if allowed, ok := s.AdditionalItems.(bool); ok && !allowed && n > len(items) {
			return fastInvalid
		}
	}
	if s.Contains != nil && (s.MinContains != -1 || s.MaxContains != -1) {
		matched, unknown := 0, 0
		for e := i + 1; e < a.next; e = t.toks[e].next {
			switch fastValidate(s.Contains, t, e, 0) {
			case fastValid:
				matched++
			case fastUnknown:
				unknown++
			case fastInvalid:
			}
		}
		if s.MinContains != -1 {
			switch {
			case matched+unknown < s.MinContains:
				return fastInvalid
			case matched < s.MinContains:
				res = and(res, fastUnknown)
			}
		}
		if s.MaxContains != -1 {
			switch {
			case matched > s.MaxContains:
				return fastInvalid
			case matched+unknown > s.MaxContains:
				res = and(res, fastUnknown)
			}
		}
	}
	return res
}

// equalValue reports whether token i equals the decoded value v, as
// jsonschema/v5 compares them.
func (t *tape) equalValue(i int32, v any) bool {
	k := t.toks[i].kind
	switch x := v.(type) {
	case string:
		return k == kString && string(t.bytes(i)) == x
	case bool:
		return x && k == kTrue || !x && k == kFalse
	case nil:
		return k == kNull
	case json.Number:
		if k != kNumber {
			return false
		}
		if string(t.bytes(i)) == string(x) {
			return true
		}
	}
	return equalJSON(t.value(i), v)
}

// equal reports whether tokens x and y hold equal values, as jsonschema/v5
// compares them.
func (t *tape) equal(x, y int32) bool {
	a, b := &t.toks[x], &t.toks[y]
	if kindName(a.kind) != kindName(b.kind) {
		return false
	}
	switch a.kind {
	case kString:
		return bytes.Equal(t.bytes(x), t.bytes(y))
	case kNumber:
		if bytes.Equal(t.bytes(x), t.bytes(y)) {
			return true
		}
		r1, ok1 := new(big.Rat).SetString(string(t.bytes(x)))
		r2, ok2 := new(big.Rat).SetString(string(t.bytes(y)))
		return ok1 && ok2 && r1.Cmp(r2) == 0
	case kArray:
		if a.n != b.n {
			return false
		}
		for i, j := x+1, y+1; i < a.next; i, j = t.toks[i].next, t.toks[j].next {
			if !t.equal(i, j) {
				return false
			}
		}
		return true
	case kObject:
		if a.n != b.n {
			return false
		}
		i := x + 1
		for range a.n {
			other := t.member(y, string(t.bytes(i)))
			if other < 0 || !t.equal(i+1, other) {
				return false
			}
			i = t.toks[i+1].next
		}
		return true
	}
	return a.kind == b.kind
}

// jsonKind is the JSON type of a decoded value as jsonschema/v5 names it;
// "" for a Go value that is not JSON.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number, float32, float64, int, int8, int32, int64, uint, uint8, uint32, uint64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return ""
}

// ratOf converts a number as jsonschema/v5 does.
func ratOf(v any) (*big.Rat, bool) {
	return new(big.Rat).SetString(fmt.Sprint(v))
}

// equalJSON is jsonschema/v5's equality of decoded JSON values: numbers
// compare by value (1 equals 1.0), objects by members whatever their
// order.
func equalJSON(a, b any) bool {
	ka, kb := jsonKind(a), jsonKind(b)
	if ka != kb || ka == "" {
		return false
	}
	switch ka {
	case "array":
		x, y := a.([]any), b.([]any)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	case "object":
		x, y := a.(map[string]any), b.(map[string]any)
		if len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !equalJSON(xv, yv) {
				return false
			}
		}
		return true
	case "number":
		if x, ok := a.(json.Number); ok {
			if y, ok := b.(json.Number); ok && x == y {
				return true
			}
		}
		x, ok1 := ratOf(a)
		y, ok2 := ratOf(b)
		return ok1 && ok2 && x.Cmp(y) == 0
	}
	return a == b
}

// EqualJSON reports whether two decoded JSON values are equal as JSON
// Schema's uniqueItems and enum compare them: numbers by value, objects by
// members whatever their order.
func EqualJSON(a, b any) bool { return equalJSON(a, b) }

// ArraySplit says how to validate the array at a top-level property of a
// document element by element (see [Schema.Split]).
type ArraySplit struct {
	// Items is the schema every element must be valid against.
	Items *Schema
	// MaxItems is the most elements the array may have; -1 for no limit.
	MaxItems int
	// Unique says that no two elements may be equal ([EqualJSON]).
	Unique bool
}

// Split reports whether the array at the top-level property prop of a
// document can be validated element by element against s: each element
// against ArraySplit.Items, the array's length and uniqueness by the
// caller, and the rest of the document against s with an empty array in
// its place. It is so when s constrains the property with nothing but a
// type, an items schema, maxItems and uniqueItems, and no keyword of s
// looks at the property's value otherwise. The problems are then the
// same, at the same instance locations (element problems to be prefixed
// with "/prop/i"), as Validate finds on the whole document.
func (s *Schema) Split(prop string) (ArraySplit, bool) {
	if s == nil {
		return ArraySplit{}, false
	}
	r := s.s
	if r.Ref != nil || r.RecursiveRef != nil || r.DynamicRef != nil || r.Not != nil || len(r.AllOf) > 0 || len(r.AnyOf) > 0 ||
		len(r.OneOf) > 0 || r.If != nil || r.UnevaluatedProperties != nil || len(r.Extensions) > 0 || len(r.PatternProperties) > 0 ||
		len(r.DependentSchemas) > 0 || len(r.Enum) > 0 || len(r.Constant) > 0 || r.Always != nil {
		return ArraySplit{}, false
	}
	for _, d := range r.Dependencies {
		if _, ok := d.([]string); !ok {
			return ArraySplit{}, false
		}
	}
	p, ok := r.Properties[prop]
	if !ok {
		return ArraySplit{}, false
	}
	items, ok := p.Items.(*jsonschema.Schema)
	if p.Items == nil && p.Items2020 != nil && len(p.PrefixItems) == 0 {
		items, ok = p.Items2020, true // draft 2020-12 "items"
	}
	if !ok || p.Ref != nil || p.RecursiveRef != nil || p.DynamicRef != nil || p.Not != nil || len(p.AllOf) > 0 ||
		len(p.AnyOf) > 0 || len(p.OneOf) > 0 || p.If != nil || p.UnevaluatedItems != nil || len(p.Extensions) > 0 ||
		len(p.Enum) > 0 || len(p.Constant) > 0 || p.Always != nil || p.Contains != nil || len(p.PrefixItems) > 0 ||
		p.Items != nil && p.Items2020 != nil || p.MinItems > 0 || p.Format != "" {
		return ArraySplit{}, false
	}
	if len(p.Types) > 0 {
		array := false
		for _, t := range p.Types {
			array = array || t == "array"
		}
		if !array {
			return ArraySplit{}, false
		}
	}
	return ArraySplit{Items: &Schema{s: items}, MaxItems: p.MaxItems, Unique: p.UniqueItems}, true
}
