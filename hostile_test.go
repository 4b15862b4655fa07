package iec62443_test

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/sbom"
	"github.com/sdlkit/iec62443/soa"
)

// small is the MaxBytes of the options-tightening cases: every decoder,
// given its options with this limit, must reject tightDoc (and tightXML) as
// over the limit.
const small = 64

var (
	tightLimits = requirement.Limits{MaxBytes: small}
	tightDoc    = []byte(`{"schema_version": "1", "padding": "` + strings.Repeat("x", 4*small) + `"}`)
	// an SPDX reader recognises the format before it reads the document
	tightSPDX = []byte(`{"spdxVersion": "SPDX-2.3", "padding": "` + strings.Repeat("x", 4*small) + `"}`)
	tightXML  = []byte(`<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">` + strings.Repeat(" ", 4*small) + `</bom>`)
)

// decoders lists every decoder of the SDK that reads a document: dec with
// the default options, tight with the decoder's options type and MaxBytes
// set to small, and the hostile inputs for which the decoder legitimately
// reports another sentinel than the corpus expects (each with the reason).
var decoders = []struct {
	name   string
	dec    func(io.Reader) error
	tight  func(io.Reader) error
	except map[string]error
}{
	{"requirement.DecodeOverlay",
		func(r io.Reader) error { _, err := requirement.DecodeOverlay(r, nil); return err },
		func(r io.Reader) error {
			_, err := requirement.DecodeOverlay(r, &requirement.OverlayOptions{Limits: tightLimits})
			return err
		}, nil},
	{"annex.DecodeRuleTable",
		func(r io.Reader) error { _, err := annex.DecodeRuleTable(r, nil); return err },
		func(r io.Reader) error {
			_, err := annex.DecodeRuleTable(r, &annex.DecodeOptions{Limits: tightLimits})
			return err
		}, nil},
	{"annex.DecodeTestMatrix",
		func(r io.Reader) error { _, err := annex.DecodeTestMatrix(r, nil); return err },
		func(r io.Reader) error {
			_, err := annex.DecodeTestMatrix(r, &annex.DecodeOptions{Limits: tightLimits})
			return err
		}, nil},
	{"annex.DecodeContext",
		func(r io.Reader) error { _, err := annex.DecodeContext(r, nil); return err },
		func(r io.Reader) error {
			_, err := annex.DecodeContext(r, &annex.DecodeOptions{Limits: tightLimits})
			return err
		}, nil},
	{"annex.DecodeTestRecords",
		func(r io.Reader) error { _, err := annex.DecodeTestRecords(r, nil); return err },
		func(r io.Reader) error {
			_, err := annex.DecodeTestRecords(r, &annex.DecodeOptions{Limits: tightLimits})
			return err
		}, nil},
	{"maturity.Decode",
		func(r io.Reader) error { _, err := maturity.Decode(r, nil); return err },
		func(r io.Reader) error {
			_, err := maturity.Decode(r, &maturity.DecodeOptions{Limits: tightLimits})
			return err
		}, nil},
	{"risk.Decode",
		func(r io.Reader) error { _, err := risk.Decode(r, nil); return err },
		func(r io.Reader) error {
			_, err := risk.Decode(r, &risk.DecodeOptions{Limits: tightLimits})
			return err
		}, nil},
	{"risk.DecodeYAML",
		func(r io.Reader) error { _, err := risk.DecodeYAML(r, nil); return err },
		func(r io.Reader) error {
			_, err := risk.DecodeYAML(r, &risk.DecodeOptions{Limits: tightLimits})
			return err
		}, yamlExceptions},
	{"risk.ImportThreatDragon",
		func(r io.Reader) error { _, _, err := risk.ImportThreatDragon(r, nil); return err },
		func(r io.Reader) error {
			_, _, err := risk.ImportThreatDragon(r, &risk.ImportOptions{Limits: tightLimits})
			return err
		}, nil},
	{"soa.Decode",
		func(r io.Reader) error { _, err := soa.Decode(r, nil); return err },
		func(r io.Reader) error { _, err := soa.Decode(r, &soa.DecodeOptions{Limits: tightLimits}); return err },
		nil},
	{"sbom.DecodeCycloneDX(json)",
		func(r io.Reader) error { _, err := sbom.DecodeCycloneDX(ctx, r, sbom.EncodingJSON, nil); return err },
		func(r io.Reader) error {
			_, err := sbom.DecodeCycloneDX(ctx, r, sbom.EncodingJSON, &sbom.DecodeOptions{Limits: tightLimits})
			return err
		}, sbomJSONExceptions},
	{"sbom.DecodeCycloneDX(xml)",
		func(r io.Reader) error { _, err := sbom.DecodeCycloneDX(ctx, r, sbom.EncodingXML, nil); return err },
		func(r io.Reader) error {
			_, err := sbom.DecodeCycloneDX(ctx, r, sbom.EncodingXML, &sbom.DecodeOptions{Limits: tightLimits})
			return err
		}, xmlExceptions},
	{"sbom.DecodeSPDX",
		func(r io.Reader) error { _, err := sbom.DecodeSPDX(ctx, r, nil); return err },
		func(r io.Reader) error {
			_, err := sbom.DecodeSPDX(ctx, r, &sbom.DecodeOptions{Limits: tightLimits})
			return err
		}, spdxExceptions},
	{"sbom.DecodeOSV",
		func(r io.Reader) error { _, err := sbom.DecodeOSV(ctx, r, nil); return err },
		func(r io.Reader) error {
			_, err := sbom.DecodeOSV(ctx, r, &sbom.DecodeOptions{Limits: tightLimits})
			return err
		}, nil},
	{"iec62443.Decode",
		func(r io.Reader) error { _, err := iec62443.Decode(ctx, r, nil, nil); return err },
		func(r io.Reader) error {
			_, err := iec62443.Decode(ctx, r, nil, &iec62443.LoadOptions{Limits: tightLimits})
			return err
		}, nil},
	{"iec62443.DecodeYAML",
		func(r io.Reader) error { _, err := iec62443.DecodeYAML(ctx, r, nil, nil); return err },
		func(r io.Reader) error {
			_, err := iec62443.DecodeYAML(ctx, r, nil, &iec62443.LoadOptions{Limits: tightLimits})
			return err
		}, yamlExceptions},
}

// yamlExceptions are the hostile inputs a YAML decoder (YAML converted to
// JSON, then read like JSON) classifies differently.
var yamlExceptions = map[string]error{
	// The YAML parser bounds nesting itself (10,000 levels) and reports a
	// deeper document as malformed YAML before the JSON depth limit sees it;
	// "deep nesting, 1,000 levels" shows that the JSON limit applies below.
	"deep nesting": problem.ErrSyntax,
	"deep arrays":  problem.ErrSyntax,
	// NaN, Infinity and an XML document are plain scalars in YAML (YAML
	// spells the special floats .nan and .inf): well-formed YAML, which the
	// schema then rejects.
	"NaN":             problem.ErrSchema,
	"Infinity":        problem.ErrSchema,
	"xml entity bomb": problem.ErrSchema,
	// The conversion expands aliases only up to MaxBytes of JSON: the
	// billion laughs passes that limit (ErrLimit), it is not malformed.
	"billion laughs": problem.ErrLimit,
}

// largeLimits reports whether a decoder has package sbom's limits, larger
// than the others' defaults, which the large inputs do not pass.
func largeLimits(decoder string) bool { return strings.HasPrefix(decoder, "sbom.") }

// sbomJSONExceptions are the hostile inputs the CycloneDX JSON reader
// classifies differently. (Its limits are package sbom's, larger than the
// others': the large inputs are not given to it, see TestHostileInput.)
var sbomJSONExceptions = map[string]error{}

// spdxExceptions: the SPDX reader recognises the format (JSON, tag-value,
// JSON-LD) from the document before it parses it, so every input of the
// corpus, none of which is SPDX, is an unsupported format before any limit
// or syntax check could see it.
var spdxExceptions = map[string]error{
	"deep nesting":               problem.ErrUnsupported,
	"deep arrays":                problem.ErrUnsupported,
	"deep nesting, 1,000 levels": problem.ErrUnsupported,
	"NaN":                        problem.ErrUnsupported,
	"Infinity":                   problem.ErrUnsupported,
	"invalid UTF-8":              problem.ErrUnsupported,
	"duplicate keys":             problem.ErrUnsupported,
	"truncated":                  problem.ErrUnsupported,
	"billion laughs":             problem.ErrUnsupported,
	"xml entity bomb":            problem.ErrUnsupported,
	"binary garbage":             problem.ErrUnsupported,
}

// xmlExceptions: the CycloneDX XML reader is given the JSON-shaped corpus,
// which is not XML at all; encoding/xml rejects it at its first token,
// before any limit of a JSON document could apply (XML nesting is bounded by
// encoding/xml itself), so every input is malformed.
var xmlExceptions = map[string]error{
	"deep nesting":               problem.ErrSyntax,
	"deep arrays":                problem.ErrSyntax,
	"deep nesting, 1,000 levels": problem.ErrSyntax,
	"duplicate keys":             problem.ErrSyntax,
}

// hostileInput is one input of the corpus and the sentinel every decoder
// must report for it (nil: any located problem), unless the decoder lists an
// exception. A large input (megabytes, which every decoder reads up to its
// limit) is left out with -short.
type hostileInput struct {
	data  []byte
	want  error
	large bool
}

// overEntries is just over the default entry limit of the decoders (200,000
// members or elements per container): enough to trip it, without the cost of
// a million entries under the race detector.
const overEntries = docjson.DefaultMaxEntries + 1

// overBytes is just over the default size limit of the decoders (32 MiB).
const overBytes = docjson.DefaultMaxBytes + 1<<10

// hostile returns the corpus of hostile inputs, built on demand (some are
// large). Each input is otherwise plain, so that the check it targets is the
// one that fires.
func hostile() map[string]hostileInput {
	return map[string]hostileInput{
		"empty":                      {data: []byte{}},
		"deep nesting":               {data: []byte(strings.Repeat(`{"a":`, 100_000) + "1" + strings.Repeat("}", 100_000)), want: problem.ErrLimit},
		"deep arrays":                {data: []byte(strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000)), want: problem.ErrLimit},
		"deep nesting, 1,000 levels": {data: []byte(strings.Repeat(`{"a":`, 1000) + "1" + strings.Repeat("}", 1000)), want: problem.ErrLimit},
		// over the string limit (1 MiB), under the size limits
		"huge string":            {data: []byte(`{"schema_version": "` + strings.Repeat("x", 2<<20) + `"}`), want: problem.ErrLimit, large: true},
		"NaN":                    {data: []byte(`{"schema_version": NaN}`), want: problem.ErrSyntax},
		"Infinity":               {data: []byte(`{"schema_version": Infinity, "x": -Infinity}`), want: problem.ErrSyntax},
		"huge number":            {data: []byte(`{"schema_version": 1e999999}`)},
		"invalid UTF-8":          {data: []byte("{\"schema_version\": \"\xff\xfe\"}"), want: problem.ErrSyntax},
		"duplicate keys":         {data: []byte(`{"schema_version": "1", "product": {"name": "P", "version": "1", "name": "Q"}}`), want: problem.ErrDuplicateKey},
		"entries over the limit": {data: []byte("[" + strings.Repeat("0,", overEntries) + "0]"), want: problem.ErrLimit, large: true},
		"members over the limit": {data: manyMembers(overEntries), want: problem.ErrLimit, large: true},
		"truncated":              {data: []byte(`{"schema_version": "1", "a": [1, 2`), want: problem.ErrSyntax},
		"not a document":         {data: []byte(`"just a string"`)},
		// every reader stops it as malformed: JSON readers at the first
		// byte, the YAML parser by its bound on alias expansion
		"billion laughs":  {data: billionLaughsYAML(), want: problem.ErrSyntax},
		"xml entity bomb": {data: []byte(`<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6">&b;</bom>`), want: problem.ErrSyntax},
		// control bytes and invalid UTF-8, no structure
		"binary garbage": {data: bytes.Repeat([]byte{0, 1, 2, 0xff, 0x7f, 0x1b}, 10_000), want: problem.ErrSyntax},
		// garbage full of brackets: a depth limit or a syntax error may come first
		"bracket garbage":  {data: bytes.Repeat([]byte{0, 1, 2, 0xff, '{', '['}, 10_000)},
		"whitespace flood": {data: bytes.Repeat([]byte(" "), overBytes), want: problem.ErrLimit, large: true},
	}
}

// manyMembers returns an object with n members.
func manyMembers(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"k`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`":0`)
	}
	b.WriteString("}")
	return b.Bytes()
}

func billionLaughsYAML() []byte {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	return []byte(b.String())
}

// TestHostileInput feeds every decoder every hostile input and asserts a
// bounded, classified, located error: never a panic, never success, and the
// sentinel of the check the input targets. A decoder that hangs or exhausts
// memory fails the test by its deadline.
//
// A large input (megabytes) is there to pass a default limit: it is given
// only to the decoders whose limit it passes (those that expect ErrLimit for
// it). Package sbom's readers have larger limits (512 MiB, strings of
// 64 MiB, 2^20 entries), under which the input would be read whole to test
// nothing a small input does not; their own tests cover their limits. With
// -short, the large inputs are left out. The cases run in parallel: every
// decoder is safe for concurrent use.
func TestHostileInput(t *testing.T) {
	corpus := hostile()
	for _, d := range decoders {
		for name := range d.except {
			require.Contains(t, corpus, name, "%s: exception for an input the corpus does not have", d.name)
		}
		for name, in := range corpus {
			want := in.want
			if w, ok := d.except[name]; ok {
				want = w
			}
			t.Run(d.name+"/"+name, func(t *testing.T) {
				switch {
				case in.large && testing.Short():
					t.Skip("large input")
				case in.large && (largeLimits(d.name) || !errors.Is(want, problem.ErrLimit)):
					t.Skip("large input under this decoder's limits")
				}
				t.Parallel()
				var err error
				require.NotPanics(t, func() { err = d.dec(bytes.NewReader(in.data)) })
				require.Error(t, err, "hostile input accepted")
				assert.ErrorIs(t, err, problem.ErrInvalidDocument, "classified as a document problem: %v", err)
				if want != nil {
					assert.ErrorIs(t, err, want, "the targeted check fires: %v", err)
				}
				var list problem.List
				if assert.ErrorAs(t, err, &list, "located: %v", err) {
					assert.NotEmpty(t, list)
				}
				assert.Less(t, len(err.Error()), 4096, "the message is bounded")
			})
		}
	}
}

// TestHostileTightOptions gives every decoder its options with a small
// MaxBytes: a document over it is a located ErrLimit.
func TestHostileTightOptions(t *testing.T) {
	for _, d := range decoders {
		t.Run(d.name, func(t *testing.T) {
			require.NotNil(t, d.tight, "every decoder has an options-tightening case")
			doc := tightDoc
			switch {
			case strings.Contains(d.name, "xml"):
				doc = tightXML
			case strings.Contains(d.name, "SPDX"):
				doc = tightSPDX
			}
			require.NotErrorIs(t, d.dec(bytes.NewReader(doc)), problem.ErrLimit, "within the default limits")
			var err error
			require.NotPanics(t, func() { err = d.tight(bytes.NewReader(doc)) })
			require.ErrorIs(t, err, problem.ErrLimit, "%v", err)
			var list problem.List
			require.ErrorAs(t, err, &list, "located: %v", err)
			assert.NotEmpty(t, list)
		})
	}
}

// TestHostileCVSS feeds the CVSS vector parser (a string parser, not a
// document decoder) hostile vectors: each must fail with ErrInvalidValue and
// a bounded message, never panic.
func TestHostileCVSS(t *testing.T) {
	vectors := map[string]string{
		"empty":          "",
		"huge":           "CVSS:3.1/" + strings.Repeat("AV:N/", 1<<20),
		"huge 4.0":       "CVSS:4.0/" + strings.Repeat("AV:N/", 1<<20),
		"invalid UTF-8":  "CVSS:3.1/AV:\xff/AC:L",
		"NaN":            "CVSS:3.1/AV:NaN",
		"duplicate":      "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"missing metric": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
		"version 2":      "AV:N/AC:L/Au:N/C:P/I:P/A:P",
		"version 3.0":    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"NUL":            "CVSS:4.0/\x00",
	}
	for name, v := range vectors {
		t.Run(name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { _, err = risk.ParseCVSS(v) })
			require.ErrorIs(t, err, problem.ErrInvalidValue)
			assert.Less(t, len(err.Error()), 4096, "the message is bounded")
		})
	}
}

// TestHostileBounds runs every decoder on every hostile input one at a
// time (not in parallel, so that the allocation counter sees only that
// decode) and asserts the two bounds the error check of TestHostileInput
// cannot see: the decode returns within a generous deadline (a hang guard,
// not a speed assertion: speed is measured in benchmarks) and allocates at
// most a fixed multiple of what it was given plus a constant, so that no
// input can make a decoder's memory grow faster than the input itself.
// Large inputs are left out with -short, as in TestHostileInput.
func TestHostileBounds(t *testing.T) {
	const (
		deadline = 60 * time.Second
		// JSON: bytes allocated per input byte, at most. encoding/json's
		// Token API, which the decoders walk, allocates about 40 bytes of
		// garbage per input byte on an object of 200,000 small members (45
		// under the race detector); the cumulative allocation bounds the
		// peak from above.
		allocFactor = 64
		allocBase   = 64 << 20 // plus a constant for schemas, catalogs and buffers
		// YAML builds the YAML library's node tree first (about 50 bytes per
		// input byte) and expands aliases only up to MaxBytes of JSON, so its
		// bound is per input byte plus a multiple of that limit.
		yamlFactor = 64
		yamlBase   = 8 * docjson.DefaultMaxBytes
	)
	corpus := hostile()
	names := make([]string, 0, len(corpus))
	for name := range corpus {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, d := range decoders {
		for _, name := range names {
			in := corpus[name]
			want := in.want
			if w, ok := d.except[name]; ok {
				want = w
			}
			switch {
			case in.large && testing.Short():
				continue
			case in.large && (largeLimits(d.name) || !errors.Is(want, problem.ErrLimit)):
				continue
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			done := make(chan error, 1)
			go func() { done <- d.dec(bytes.NewReader(in.data)) }()
			select {
			case err := <-done:
				assert.Error(t, err, "%s/%s: hostile input accepted", d.name, name)
			case <-time.After(deadline):
				t.Fatalf("%s/%s: no result within %s", d.name, name, deadline)
			}
			runtime.ReadMemStats(&after)
			allocated := after.TotalAlloc - before.TotalAlloc
			bound := uint64(allocFactor*len(in.data) + allocBase)
			if strings.Contains(d.name, "YAML") {
				bound = uint64(yamlFactor*len(in.data) + yamlBase)
			}
			assert.LessOrEqual(t, allocated, bound, "%s/%s: allocated %d bytes for a %d-byte input", d.name, name, allocated, len(in.data))
		}
	}
}
