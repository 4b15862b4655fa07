package annex

import (
	"fmt"
	"io"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// DecodeOptions bounds the decoders of this package ([DecodeRuleTable],
// [DecodeTestMatrix], [DecodeContext], [DecodeTestRecords]). A nil
// *DecodeOptions means the defaults.
type DecodeOptions struct {
	// Limits bounds the input. A zero field means the decoder's default:
	// for rule tables and test matrices 1 MiB, depth 8, strings of 64 KiB
	// and 10,000 entries per container; for contexts and test records
	// 32 MiB, depth 64, strings of 1 MiB and 200,000 entries. MaxProblems
	// (default 100) caps the problems one error lists.
	Limits requirement.Limits
}

// tableLimits bounds rule-table and test-matrix input: 1 MiB, depth 8 (a
// table nests 5 levels), strings of 64 KiB; the schemas bound the number of
// rules and rows.
var tableLimits = docjson.Limits{MaxBytes: 1 << 20, MaxDepth: 8, MaxStringLen: 64 << 10, MaxEntries: 10_000}

// limits returns the docjson limits: the options' non-zero fields over the
// decoder's defaults def.
func (o *DecodeOptions) limits(def docjson.Limits) docjson.Limits {
	if o == nil {
		return def
	}
	l := docjson.Limits(o.Limits)
	if l.MaxStringLen > 0 {
		def.MaxStringLen = l.MaxStringLen
	}
	if l.MaxBytes > 0 {
		def.MaxBytes = l.MaxBytes
	}
	if l.MaxDepth > 0 {
		def.MaxDepth = l.MaxDepth
	}
	if l.MaxEntries > 0 {
		def.MaxEntries = l.MaxEntries
	}
	if l.MaxProblems > 0 {
		def.MaxProblems = l.MaxProblems
	}
	return def
}

// maxProblems is the cap on the problems of the checks that follow decoding.
func (o *DecodeOptions) maxProblems() int {
	if o == nil {
		return 0
	}
	return o.Limits.MaxProblems
}

// decode reads one document strictly (docjson) and validates it against s;
// the problem list is capped at the options' MaxProblems. A nil reader is
// an error wrapping [problem.ErrNilInput].
func decode(what string, r io.Reader, opts *DecodeOptions, def docjson.Limits, s *schema.Schema, v any) error {
	if r == nil {
		return fmt.Errorf("annex: decode %s: nil reader: %w", what, problem.ErrNilInput)
	}
	return docjson.Decode(r, opts.limits(def), s, v)
}
