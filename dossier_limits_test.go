package iec62443_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// limitsDossier is a small dossier that references every kind of part by
// path; limitsParts maps each part's file to the example it is built from.
const limitsDossier = `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
  "register": "register.json", "evidence": "evidence.json", "test_records": "tests.json",
  "sbom": {"path": "sbom.cdx.json"}, "soa": {"statement": "statement.json"}}`

var limitsParts = map[string]string{
	"register.json":  filepath.Join(exampleDir, "register.json"),
	"evidence.json":  filepath.Join(exampleDir, "evidence.json"),
	"tests.json":     filepath.Join(exampleDir, "tests.json"),
	"sbom.cdx.json":  filepath.Join(exampleDir, "sbom.cdx.json"),
	"statement.json": "soa/testdata/plc7-a11.soa.json",
}

func limitsFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{"dossier.json": {Data: []byte(limitsDossier)}}
	for name, src := range limitsParts {
		b, err := os.ReadFile(src)
		require.NoError(t, err)
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// pad inserts member "x_pad": payload at the start of the JSON object doc.
// The limits are checked before the schema, so only the limit is reported.
func pad(doc []byte, payload string) []byte {
	i := bytes.IndexByte(doc, '{')
	return []byte(string(doc[:i+1]) + `"x_pad": ` + payload + `, ` + string(doc[i+1:]))
}

// TestLoadLimitsReachEveryPart tightens each limit of LoadOptions and puts a
// document over it in each part in turn: the problem must be a located
// ErrLimit in that part, and nothing else must fail (the limits are above
// what the untouched documents need).
func TestLoadLimitsReachEveryPart(t *testing.T) {
	// The example parts nest at most 6 levels, have strings of at most 190
	// bytes and containers of at most 273 entries; the largest (the evidence
	// manifest) has 130 kB and the SBOM 20 kB.
	tight := iec62443.LoadOptions{Limits: requirement.Limits{MaxBytes: 200 << 10, MaxDepth: 12, MaxStringLen: 512, MaxEntries: 300}, MaxSBOMBytes: 40 << 10}
	_, err := iec62443.Load(ctx, limitsFS(t), "dossier.json", &tight)
	require.NoError(t, err, "the untouched dossier is within the tightened limits")

	deep := strings.Repeat("[", 20) + strings.Repeat("]", 20)
	long := `"` + strings.Repeat("x", 1000) + `"`
	many := "[" + strings.Repeat("0,", 500) + "0]"
	big := strings.Repeat(" ", 250<<10)
	for _, tc := range []struct {
		limit   string
		parts   []string // the parts the limit applies to
		corrupt func([]byte) []byte
	}{
		{"MaxDepth", []string{"register.json", "evidence.json", "tests.json", "statement.json", "sbom.cdx.json"},
			func(b []byte) []byte { return pad(b, deep) }},
		{"MaxStringLen", []string{"register.json", "evidence.json", "tests.json", "statement.json"},
			func(b []byte) []byte { return pad(b, long) }},
		{"MaxEntries", []string{"register.json", "evidence.json", "tests.json", "statement.json"},
			func(b []byte) []byte { return pad(b, many) }},
		{"MaxBytes", []string{"register.json", "evidence.json", "tests.json", "statement.json"},
			func(b []byte) []byte { return append(b, big...) }},
		{"MaxSBOMBytes", []string{"sbom.cdx.json"},
			func(b []byte) []byte { return append(b, big[:50<<10]...) }},
	} {
		for _, part := range tc.parts {
			t.Run(tc.limit+"/"+part, func(t *testing.T) {
				t.Parallel() // each case loads the whole dossier twice
				fsys := limitsFS(t)
				fsys[part].Data = tc.corrupt(fsys[part].Data)
				// With the default limits, the padding member may be a
				// schema problem, but no limit is reached.
				_, err := iec62443.Load(ctx, fsys, "dossier.json", nil)
				require.NotErrorIs(t, err, problem.ErrLimit, "within the default limits")
				_, err = iec62443.Load(ctx, fsys, "dossier.json", &tight)
				require.ErrorIs(t, err, problem.ErrLimit)
				var list problem.List
				require.ErrorAs(t, err, &list)
				for _, e := range list {
					assert.Equal(t, part, e.Source, "located in the part: %v", e)
					assert.ErrorIs(t, e, problem.ErrLimit, "%v", e)
					assert.Contains(t, e.Message, tc.limit, "the message names the option to raise")
				}
			})
		}
	}
}

// TestLoadLimitsInline checks the limits on parts given inline: they are
// part of the dossier, so the problem is located in it, under the part.
func TestLoadLimitsInline(t *testing.T) {
	fsys := limitsFS(t)
	reg := fsys["register.json"].Data
	bom := fsys["sbom.cdx.json"].Data
	doc := func(reg, bom []byte) string {
		return `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
		  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
		  "register": ` + string(reg) + `, "sbom": {"inline": ` + string(bom) + `}}`
	}
	tight := &iec62443.LoadOptions{Limits: requirement.Limits{MaxDepth: 12, MaxStringLen: 512, MaxEntries: 300}}
	_, err := iec62443.Decode(ctx, strings.NewReader(doc(reg, bom)), nil, tight)
	require.NoError(t, err)
	for name, tc := range map[string]struct {
		doc  string
		opts *iec62443.LoadOptions
		ptr  string
	}{
		"MaxStringLen": {doc(pad(reg, `"`+strings.Repeat("x", 1000)+`"`), bom), tight, "/register/x_pad"},
		"MaxEntries":   {doc(pad(reg, "["+strings.Repeat("0,", 500)+"0]"), bom), tight, "/register/x_pad"},
		"MaxDepth":     {doc(reg, pad(bom, strings.Repeat("[", 20)+strings.Repeat("]", 20))), tight, "/sbom/inline/x_pad/"},
		"MaxSBOMBytes": {doc(reg, bom), &iec62443.LoadOptions{MaxSBOMBytes: 10 << 10}, "/sbom/inline"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := iec62443.Decode(ctx, strings.NewReader(tc.doc), nil, tc.opts)
			require.ErrorIs(t, err, problem.ErrLimit)
			var list problem.List
			require.ErrorAs(t, err, &list)
			for _, e := range list {
				assert.Empty(t, e.Source, "located in the dossier")
				assert.True(t, strings.HasPrefix(e.Pointer, tc.ptr), "located under %s: %v", tc.ptr, e)
				assert.ErrorIs(t, e, problem.ErrLimit, "%v", e)
			}
		})
	}
}
