package sbom

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sdlkit/iec62443/internal/schema"
)

// Validating a large document against its official schema element by
// element.
//
// jsonschema/v5 validates a decoded tree; the tree of a CycloneDX document
// takes about ten times the memory of its JSON, and validating it as a
// whole costs about five times what decoding it does. A schemaRun
// validates the arrays at the top of the document that the schema allows
// ([schema.Schema.Split]: the CycloneDX components, dependencies and
// others) one element at a time, each against the schema of its items,
// in a small pool of goroutines, and the rest of the document (the
// "shell", with those arrays empty) against the whole schema: the
// problems are the same, at the same JSON pointers. Each value is tried
// first on the fast path ([schema.Schema.Valid]), and validated for its
// located problems only when that fails. In the stream of a CycloneDX
// document the elements of components arrive as bytes and are parsed into
// trees one at a time, so that no tree of the whole document is built.
//
// The work stays bounded: once a split array's failing elements have given
// maxSchemaProblems problems (in document order), its later failing
// elements are counted, not examined.

// elemBatchSize is how many elements of a split array one job holds.
const elemBatchSize = 64

// schemaWorkers is the size of the pool that validates elements.
func schemaWorkers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

// elemBatch is a run of consecutive elements of one split array: raw JSON
// back to back (data, with the end of each in ends) or parsed values.
type elemBatch struct {
	prop  string
	st    *splitState // the array's state (the workers never read schemaRun.splits)
	seq   int         // the batch's number among those of prop, in document order
	first int         // index of the first element in the array
	data  []byte
	ends  []int
	vals  []any
	// hash says which elements need a uniqueness key (stream mode: those
	// without a bom-ref; elements with one are equal only when their
	// bom-refs are, which the reader refuses).
	hash []bool
}

func (b *elemBatch) len() int {
	if b.vals != nil {
		return len(b.vals)
	}
	return len(b.ends)
}

// elemFailure is an element that is not valid against the items schema.
type elemFailure struct {
	index    int
	problems []schemaProblem // nil when not examined
	examined bool
}

// uniqKey is the uniqueness key of an element: two hashes of its value
// in a form that does not depend on the order of object members or the
// spelling of numbers.
type uniqKey struct {
	index int
	h     schema.UniqueKey
}

// elemResult is what validating one batch found.
type elemResult struct {
	batch  *elemBatch
	failed []elemFailure
	keys   []uniqKey
	err    error
}

// splitState is the collector's state for one split array.
type splitState struct {
	split    schema.ArraySplit
	pending  map[int]*elemResult // results that arrived before their turn
	next     int                 // the next batch to merge
	found    int                 // problems of the elements merged so far
	problems []schemaProblem     // at most maxSchemaProblems, in document order
	omitted  int                 // problems found beyond those
	skipped  int                 // failing elements not examined
	// capSeq is the first batch whose failing elements are not examined
	// (math.MaxInt64 until the array has given maxSchemaProblems
	// problems); the workers read it to skip work the collector would
	// discard.
	capSeq atomic.Int64
	length int
	seen   map[schema.UniqueKey]int // uniqueness keys so far (stream mode)
	dup    [2]int                   // the first pair of equal elements; dup[1] == 0 when none
}

// schemaRun validates one document.
type schemaRun struct {
	ctx    context.Context
	name   string // "CycloneDX 1.6"
	cdx    bool   // explain the licence choice of CycloneDX before 1.7
	root   *schema.Schema
	splits map[string]*splitState

	jobs    chan *elemBatch
	results chan *elemResult
	workers sync.WaitGroup
	started bool
	merged  chan struct{}
	err     error // the first error of a worker (ctx)
}

// newSchemaRun prepares the validation of a document against the official
// schema key.
func newSchemaRun(ctx context.Context, key string) (*schemaRun, error) {
	s := officialSchemas[key]
	root, err := compiledSchemas[key]()
	if err != nil {
		return nil, fmt.Errorf("compile the official %s schema: %w", s.name, err)
	}
	return &schemaRun{ctx: ctx, name: s.name, root: root, splits: map[string]*splitState{},
		cdx: strings.HasPrefix(key, "cyclonedx-") && key != "cyclonedx-1.7"}, nil
}

// addSplit validates the top-level array prop element by element, when
// the schema allows; it reports whether it does.
func (r *schemaRun) addSplit(prop string) bool {
	if _, ok := r.splits[prop]; ok {
		return true
	}
	sp, ok := r.root.Split(prop)
	if !ok {
		return false
	}
	st := &splitState{split: sp, pending: map[int]*elemResult{}}
	st.capSeq.Store(math.MaxInt64)
	r.splits[prop] = st
	return true
}

// validateTree validates doc, the decoded document (or the shell of a
// streamed one, whose streamed arrays are empty), splitting the arrays the
// schema allows, and returns what the whole run found.
func (r *schemaRun) validateTree(doc any) (schemaResult, error) {
	if err := r.ctx.Err(); err != nil {
		return schemaResult{}, err
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		if err := r.wait(); err != nil {
			return schemaResult{}, err
		}
		var probs []schemaProblem
		if !r.root.Valid(doc) {
			probs = r.problemsOf(r.root, doc, "")
		}
		return r.result(probs, nil), nil
	}
	shell := obj
	var arrays map[string][]any
	for _, prop := range splittableProps(obj) {
		vals := obj[prop].([]any)
		if _, streamed := r.splits[prop]; streamed || len(vals) == 0 {
			continue
		}
		if !r.addSplit(prop) {
			continue
		}
		if arrays == nil {
			arrays = map[string][]any{}
			shell = make(map[string]any, len(obj))
			for k, v := range obj {
				shell[k] = v
			}
		}
		arrays[prop] = vals
		shell[prop] = []any{}
		for seq, first := 0, 0; first < len(vals); seq, first = seq+1, first+elemBatchSize {
			end := min(first+elemBatchSize, len(vals))
			r.submit(&elemBatch{prop: prop, st: r.splits[prop], seq: seq, first: first, vals: vals[first:end]}, end == len(vals) && len(arrays) == 1 && first == 0)
		}
	}
	var probs []schemaProblem
	if !r.root.Valid(shell) {
		probs = r.problemsOf(r.root, shell, "")
	}
	if err := r.wait(); err != nil {
		return schemaResult{}, err
	}
	if err := r.ctx.Err(); err != nil {
		return schemaResult{}, err
	}
	var whole []schemaProblem
	for prop, st := range r.splits {
		whole = append(whole, r.arrayProblems(prop, st, arrays[prop])...)
	}
	return r.result(probs, whole), nil
}

// splittableProps returns the top-level members of doc that hold arrays,
// sorted.
func splittableProps(doc map[string]any) []string {
	var props []string
	for k, v := range doc {
		if _, ok := v.([]any); ok {
			props = append(props, k)
		}
	}
	slices.Sort(props)
	return props
}

// result merges the problems of the shell, of the split arrays as wholes
// and of their elements, in pointer order, at most maxSchemaProblems.
func (r *schemaRun) result(shell, arrays []schemaProblem) schemaResult {
	res := schemaResult{schema: r.name}
	probs := append(shell, arrays...)
	for _, st := range r.splits {
		probs = append(probs, st.problems...)
		res.omitted += st.omitted
		res.unexamined += st.skipped
	}
	sortSchemaProblems(probs)
	if len(probs) > maxSchemaProblems {
		res.omitted += len(probs) - maxSchemaProblems
		probs = probs[:maxSchemaProblems:maxSchemaProblems]
	}
	res.problems = probs
	return res
}

// start starts the pool and the collector.
func (r *schemaRun) start() {
	if r.started {
		return
	}
	r.started = true
	n := schemaWorkers()
	r.jobs = make(chan *elemBatch, 2*n)
	r.results = make(chan *elemResult, 2*n)
	r.merged = make(chan struct{})
	for range n {
		r.workers.Add(1)
		go func() {
			defer r.workers.Done()
			var tp treeParser
			for b := range r.jobs {
				r.results <- r.validateBatch(b, &tp)
			}
		}()
	}
	go func() {
		defer close(r.merged)
		for res := range r.results {
			r.collect(res)
		}
	}()
}

// submit hands a batch to the pool; a small document's only batch, when
// the pool has not started, is validated at once.
func (r *schemaRun) submit(b *elemBatch, last bool) {
	if !r.started && last && b.seq == 0 {
		var tp treeParser
		r.collect(r.validateBatch(b, &tp))
		return
	}
	r.start()
	r.jobs <- b
}

// wait waits for every batch submitted and returns the first error.
func (r *schemaRun) wait() error {
	if r.started {
		close(r.jobs)
		r.workers.Wait()
		close(r.results)
		<-r.merged
		r.started = false
	}
	return r.err
}

// validateBatch validates the elements of b against the items schema.
func (r *schemaRun) validateBatch(b *elemBatch, tp *treeParser) *elemResult {
	res := &elemResult{batch: b}
	if err := r.ctx.Err(); err != nil {
		res.err = err
		return res
	}
	st := b.st
	start := 0
	for k := range b.len() {
		idx := b.first + k
		var v any
		var raw []byte
		valid := false
		if b.vals != nil {
			v = b.vals[k]
			valid = st.split.Items.Valid(v)
		} else {
			raw = b.data[start:b.ends[k]]
			start = b.ends[k]
		}
		hash := b.hash != nil && b.hash[k] && st.split.Unique
		if raw != nil {
			if hash {
				var key schema.UniqueKey
				var ok bool
				if valid, key, ok = st.split.Items.ValidJSONKey(raw); !ok {
					res.err = fmt.Errorf("read %s element %d: not JSON", b.prop, idx)
					return res
				}
				res.keys = append(res.keys, uniqKey{index: idx, h: key})
			} else {
				valid = st.split.Items.ValidJSON(raw)
			}
		}
		if valid {
			continue
		}
		if v == nil {
			var err error
			if v, err = tp.parse(raw); err != nil {
				res.err = fmt.Errorf("parse %s element %d: %w", b.prop, idx, err)
				return res
			}
		}
		if valid {
			continue
		}
		f := elemFailure{index: idx}
		if int64(b.seq) <= st.capSeq.Load() {
			f.examined = true
			f.problems = r.problemsOf(st.split.Items, v, "/"+b.prop+"/"+strconv.Itoa(idx))
		}
		res.failed = append(res.failed, f)
	}
	return res
}

// problemsOf validates v against s for its located problems, prefixed
// with base; the licence choice of CycloneDX before 1.7 explained.
func (r *schemaRun) problemsOf(s *schema.Schema, v any, base string) []schemaProblem {
	errs := s.Validate(v)
	probs := make([]schemaProblem, 0, len(errs))
	for _, e := range errs {
		probs = append(probs, schemaProblem{Pointer: e.Pointer, Message: e.Message})
	}
	if r.cdx {
		probs = explainLicenceChoice(r.name, v, probs)
	}
	if base != "" {
		for i := range probs {
			probs[i].Pointer = base + probs[i].Pointer
		}
	}
	return probs
}

// collect merges the results of each split array in document order.
func (r *schemaRun) collect(res *elemResult) {
	if res.err != nil {
		if r.err == nil {
			r.err = res.err
		}
		return
	}
	st := res.batch.st
	st.pending[res.batch.seq] = res
	for {
		next, ok := st.pending[st.next]
		if !ok {
			return
		}
		delete(st.pending, st.next)
		for _, f := range next.failed {
			if !f.examined || int64(next.batch.seq) > st.capSeq.Load() {
				st.skipped++
				continue
			}
			for _, p := range f.problems {
				if len(st.problems) < maxSchemaProblems {
					st.problems = append(st.problems, p)
				} else {
					st.omitted++
				}
			}
			st.found += len(f.problems)
		}
		if st.found >= maxSchemaProblems && st.capSeq.Load() == math.MaxInt64 {
			st.capSeq.Store(int64(next.batch.seq))
		}
		for _, k := range next.keys {
			if st.seen == nil {
				st.seen = map[schema.UniqueKey]int{}
			}
			if j, ok := st.seen[k.h]; ok {
				if st.dup[1] == 0 {
					st.dup = [2]int{j, k.index}
				}
				continue
			}
			st.seen[k.h] = k.index
		}
		st.length = next.batch.first + next.batch.len()
		st.next++
	}
}

// arrayProblems returns the problems of the split array prop as a whole:
// its length and, for parsed values, its uniqueness.
func (r *schemaRun) arrayProblems(prop string, st *splitState, vals []any) []schemaProblem {
	var out []schemaProblem
	ptr := "/" + prop
	if n := st.length; st.split.MaxItems != -1 && n > st.split.MaxItems {
		out = append(out, schemaProblem{Pointer: ptr, Message: fmt.Sprintf("maximum %d items required, but found %d items (schema maxItems)", st.split.MaxItems, n)})
	}
	if !st.split.Unique {
		return out
	}
	if vals != nil {
		st.dup = firstEqualPair(vals)
	}
	if st.dup[1] != 0 {
		out = append(out, schemaProblem{Pointer: ptr, Message: fmt.Sprintf("items at index %d and %d are equal (schema uniqueItems)", st.dup[0], st.dup[1])})
	}
	return out
}

// firstEqualPair returns the first pair (j, i), i smallest, of equal
// values in vals, as jsonschema/v5 reports uniqueItems; i == 0 when every
// value is distinct.
func firstEqualPair(vals []any) [2]int {
	seen := map[schema.UniqueKey][]int{}
	for i, v := range vals {
		k, _ := schema.KeyOf(v)
		for _, j := range seen[k] {
			if schema.EqualJSON(vals[j], v) {
				return [2]int{j, i}
			}
		}
		seen[k] = append(seen[k], i)
	}
	return [2]int{}
}
