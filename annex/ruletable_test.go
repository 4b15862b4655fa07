package annex

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

func TestDefaultRulesValid(t *testing.T) {
	r, err := DecodeRuleTable(bytes.NewReader(DefaultRuleTableJSON()), nil)
	require.NoError(t, err)
	assert.Equal(t, "sdlkit-default-annex-b", r.Name())
	assert.True(t, r.Provisional())
	assert.Len(t, r.CategoryRules(), 8)
	assert.Len(t, r.ProfileRules(), 6)
	assert.Same(t, DefaultRuleTable(), DefaultRuleTable()) //nolint:testifylint // the table is built once: the same pointer
	// The schema is valid JSON with the documented $id.
	var s map[string]any
	require.NoError(t, json.Unmarshal(RuleTableSchema(), &s))
	assert.Equal(t, RuleTableSchemaURL, s["$id"])
}

// TestDefaultRulesMatchDocumentedFunction checks the default table against
// the closed form stated in doc.go, for every combination.
func TestDefaultRulesMatchDocumentedFunction(t *testing.T) {
	for _, e := range Exposures() {
		for _, cl := range CRAClasses() {
			for _, safety := range []bool{false, true} {
				for _, ess := range []bool{false, true} {
					for slc := 1; slc <= 4; slc++ {
						want := map[Exposure]Category{ExposureIsolated: 1, ExposureLocalFieldbus: 1, ExposurePlantNetwork: 2, ExposureRemoteAccess: 3, ExposureInternetFacing: 4}[e]
						if ess {
							want = max(want, Category2)
						}
						if cl == ClassImportantI || cl == ClassImportantII {
							want = max(want, Category3)
						}
						if cl == ClassCritical || safety {
							want = Category4
						}
						floor := map[Category]SecurityProfile{Category1: ProfileSP1, Category2: ProfileSP2, Category3: ProfileSP2, Category4: ProfileSP3}[want]
						wantP := max(SecurityProfile(slc), floor)
						var products []CRAProduct
						switch cl {
						case ClassImportantI:
							products = []CRAProduct{CRAVPN}
						case ClassImportantII:
							products = []CRAProduct{CRAFirewallIDS}
						case ClassCritical:
							products = []CRAProduct{CRASecurityBox}
						case ClassDefault:
						}
						got, err := Classify(Context{Kind: KindHardware, CRAProducts: products, Exposure: e, TargetSLC: slc, SafetyRelated: safety, EssentialFunctions: ess}, nil)
						require.NoError(t, err)
						if !assert.Equal(t, want, got.Category, "%v %v %v %v %d", e, cl, safety, ess, slc) {
							return
						}
						assert.Equal(t, wantP, got.Profile, "%v %v %v %v %d", e, cl, safety, ess, slc)
					}
				}
			}
		}
	}
}

// mutate decodes the default table, applies f, and re-encodes it.
func mutate(t *testing.T, f func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(DefaultRuleTableJSON(), &doc))
	f(doc)
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return b
}

func rulesAt(doc map[string]any, table string) []any { return doc[table].([]any) }

func ruleAt(doc map[string]any, table string, i int) map[string]any {
	return rulesAt(doc, table)[i].(map[string]any)
}

func TestDecodeRulesBadTables(t *testing.T) {
	tests := []struct {
		name     string
		input    []byte
		sentinel error
		pointers []string // every pointer expected, sorted
		contains string
	}{
		{
			name: "gap: local-basic removed",
			input: mutate(t, func(d map[string]any) {
				d["category_rules"] = rulesAt(d, "category_rules")[:7]
			}),
			sentinel: ErrRuleGap,
			// 8 uncovered combinations and C1 unreachable; then SP1 and the
			// two C1 profile rules are unreachable as a consequence.
			pointers: []string{"/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/profile_rules", "/profile_rules/4", "/profile_rules/5"},
			contains: "no rule matches exposure=isolated, cra_class=default, safety_related=false, essential_functions=false, sl_c=1",
		},
		{
			name: "overlap: remote-access widened to plant-network",
			input: mutate(t, func(d map[string]any) {
				ruleAt(d, "category_rules", 4)["when"].(map[string]any)["exposure"] = []any{"remote-access", "plant-network"}
			}),
			sentinel: ErrRuleOverlap,
			pointers: []string{"/category_rules/5", "/category_rules/5"},
			contains: `overlaps rule "remote-access"`,
		},
		{
			name: "unreachable outcome: C1 never produced",
			input: mutate(t, func(d map[string]any) {
				ruleAt(d, "category_rules", 7)["then"] = "C2"
			}),
			sentinel: ErrRuleUnreachable,
			pointers: []string{"/category_rules", "/profile_rules", "/profile_rules/4", "/profile_rules/5"},
			contains: "no product is ever classified C1",
		},
		{
			name: "duplicate rule ID across tables",
			input: mutate(t, func(d map[string]any) {
				ruleAt(d, "profile_rules", 0)["id"] = "critical-product"
			}),
			sentinel: problem.ErrDuplicate,
			pointers: []string{"/profile_rules/0/id"},
		},
		{
			name: "category rule depending on category",
			input: mutate(t, func(d map[string]any) {
				ruleAt(d, "category_rules", 0)["when"].(map[string]any)["category"] = []any{"C1"}
			}),
			sentinel: problem.ErrSchema,
			pointers: []string{"/category_rules/0/when"},
		},
		{
			name: "schema: unknown exposure, bad outcome, missing rationale",
			input: mutate(t, func(d map[string]any) {
				ruleAt(d, "category_rules", 2)["when"].(map[string]any)["exposure"] = []any{"cloud"}
				ruleAt(d, "profile_rules", 1)["then"] = "SP5"
				delete(ruleAt(d, "profile_rules", 2), "rationale")
			}),
			sentinel: problem.ErrSchema,
			pointers: []string{"/category_rules/2/when/exposure/0", "/profile_rules/1/then", "/profile_rules/2"},
		},
		{
			name:     "syntax error",
			input:    []byte(`{"schema_version": "1", "name": `),
			sentinel: problem.ErrSyntax,
			pointers: []string{"/name"},
		},
		{
			name:     "duplicate key",
			input:    []byte(`{"schema_version": "1", "schema_version": "1", "name": "x", "category_rules": [], "profile_rules": []}`),
			sentinel: problem.ErrDuplicateKey,
			pointers: []string{"/schema_version"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := DecodeRuleTable(bytes.NewReader(tt.input), nil)
			require.Error(t, err)
			assert.Nil(t, r)
			assert.ErrorIs(t, err, problem.ErrInvalidDocument)
			assert.ErrorIs(t, err, tt.sentinel)
			var list problem.List
			require.ErrorAs(t, err, &list)
			var ptrs []string
			var msgs []string
			for _, e := range list {
				ptrs = append(ptrs, e.Pointer)
				msgs = append(msgs, e.Message)
			}
			assert.Equal(t, tt.pointers, ptrs, "messages: %q", msgs)
			if tt.contains != "" {
				assert.Contains(t, strings.Join(msgs, "\n"), tt.contains)
			}
		})
	}
}

func TestDecodeRulesGapCount(t *testing.T) {
	// Removing local-basic leaves 2 exposures x 4 SL-C = 8 combinations of
	// default/no-safety/no-essential uncovered: 8 listed, no summary line.
	_, err := DecodeRuleTable(bytes.NewReader(mutate(t, func(d map[string]any) {
		d["category_rules"] = rulesAt(d, "category_rules")[:7]
	})), nil)
	var list problem.List
	require.ErrorAs(t, err, &list)
	var gaps, unreachable int
	for _, e := range list {
		switch {
		case errors.Is(e, ErrRuleGap):
			gaps++
		case errors.Is(e, ErrRuleUnreachable):
			unreachable++
		}
	}
	assert.Equal(t, 8, gaps)
	assert.Equal(t, 4, unreachable, "C1, SP1 and the two C1 profile rules become unreachable")
}

func TestDecodeRulesFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/rules-*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			_, err = DecodeRuleTable(bytes.NewReader(data), nil)
			if !strings.Contains(f, "-bad-") {
				assert.NoError(t, err)
				return
			}
			want, ok := map[string]error{
				"rules-bad-gap.json":     ErrRuleGap,
				"rules-bad-overlap.json": ErrRuleOverlap,
			}[filepath.Base(f)]
			require.True(t, ok, "add the sentinel %s is expected to give", f)
			assert.ErrorIs(t, err, problem.ErrInvalidDocument)
			assert.ErrorIs(t, err, want)
		})
	}
}

// TestProfileCoverageOverDerivedCategories checks that the profile table is
// judged only over the (combination, category) pairs classification can
// produce.
func TestProfileCoverageOverDerivedCategories(t *testing.T) {
	t.Run("C1 profile rules limited to the default class", func(t *testing.T) {
		// Only default-class products are ever C1, so the two C1 rules may
		// say so; the 288 (C1, non-default class) pairs are impossible.
		input := mutate(t, func(d map[string]any) {
			for _, i := range []int{4, 5} {
				ruleAt(d, "profile_rules", i)["when"].(map[string]any)["cra_class"] = []any{"default"}
			}
		})
		r, err := DecodeRuleTable(bytes.NewReader(input), nil)
		require.NoError(t, err)
		got, err := Classify(Context{Kind: KindHardware, Exposure: ExposureIsolated, TargetSLC: 1}, r)
		require.NoError(t, err)
		assert.Equal(t, ProfileSP1, got.Profile)
		assert.Equal(t, []Parameter{ParamCRAClass, ParamTargetSLC, ParamCategory}, got.Decisive(ParamProfile))
	})
	t.Run("a reachable gap is still reported, with its category", func(t *testing.T) {
		input := mutate(t, func(d map[string]any) {
			d["profile_rules"] = rulesAt(d, "profile_rules")[:5] // drop c1-slc1
		})
		_, err := DecodeRuleTable(bytes.NewReader(input), nil)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrRuleGap)
		var list problem.List
		require.ErrorAs(t, err, &list)
		var gaps []string
		for _, e := range list {
			if errors.Is(e, ErrRuleGap) {
				gaps = append(gaps, e.Message)
			}
		}
		assert.Equal(t, []string{
			"no rule matches exposure=isolated, cra_class=default, safety_related=false, essential_functions=false, sl_c=1, category=C1 (add a rule that covers it)",
			"no rule matches exposure=local-fieldbus, cra_class=default, safety_related=false, essential_functions=false, sl_c=1, category=C1 (add a rule that covers it)",
		}, gaps)
	})
	t.Run("a rule for impossible pairs only is unreachable, not an overlap", func(t *testing.T) {
		input := mutate(t, func(d map[string]any) {
			d["profile_rules"] = append(rulesAt(d, "profile_rules"), map[string]any{
				"id": "critical-c1", "when": map[string]any{"category": []any{"C1"}, "cra_class": []any{"critical"}},
				"then": "SP4", "rationale": "no critical product is ever C1",
			})
		})
		_, err := DecodeRuleTable(bytes.NewReader(input), nil)
		require.Error(t, err)
		assert.NotErrorIs(t, err, ErrRuleOverlap)
		assert.ErrorIs(t, err, ErrRuleUnreachable)
		var list problem.List
		require.ErrorAs(t, err, &list)
		require.Len(t, list, 1)
		assert.Equal(t, "/profile_rules/6", list[0].Pointer)
	})
}

// TestCustomRulesReplaceDefault shows that a user table changes the outcome
// without a code change: here every internet-facing product and every
// important product are treated alike.
func TestCustomRulesReplaceDefault(t *testing.T) {
	data, err := os.ReadFile("testdata/rules-strict.json")
	require.NoError(t, err)
	rules, err := DecodeRuleTable(bytes.NewReader(data), nil)
	require.NoError(t, err)
	ctx := Context{Kind: KindSoftware, Exposure: ExposurePlantNetwork, TargetSLC: 1}
	def, err := Classify(ctx, nil)
	require.NoError(t, err)
	got, err := Classify(ctx, rules)
	require.NoError(t, err)
	assert.Equal(t, Category2, def.Category)
	assert.Equal(t, Category3, got.Category)
	assert.Equal(t, "strict-example 1", got.RuleTable)
}

// FuzzDecodeRuleTable: a table that decodes classifies every valid context;
// one that does not gives a located problem list.
//
// The seeds are small tables (testdata/fuzz/FuzzDecodeRuleTable: a compact
// table over the default's dimensions, one over user types, kind and
// environment, one over the CRA class alone, a gap, overlaps, malformed
// ones). The default and example tables as seeds (4 to 7 KB each) made every
// new input a long minimisation, and a table constraining every user type
// costs 20 ms per decode (the checks enumerate 2^6+1 user-type classes for
// each combination of the other dimensions); TestDecodeRuleTableFixtures
// holds those tables to the same properties.
func FuzzDecodeRuleTable(f *testing.F) {
	f.Add([]byte(`{"schema_version":"1","name":"x","category_rules":[{"id":"a","when":{},"then":"C1","rationale":"r"}],"profile_rules":[{"id":"b","when":{},"then":"SP1","rationale":"r"}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(checkDecodeRuleTable)
}

// TestDecodeRuleTableFixtures holds the default table and the example tables
// (testdata/rules-*.json; TestDecodeRulesFixtures says which decode) to
// FuzzDecodeRuleTable's properties.
func TestDecodeRuleTableFixtures(t *testing.T) {
	checkDecodeRuleTable(t, DefaultRuleTableJSON())
	files, err := filepath.Glob("testdata/rules-*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			checkDecodeRuleTable(t, data)
		})
	}
}

// checkDecodeRuleTable asserts FuzzDecodeRuleTable's properties of one input.
func checkDecodeRuleTable(t *testing.T, data []byte) {
	r, err := DecodeRuleTable(bytes.NewReader(data), nil)
	if err != nil {
		var list problem.List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a located list: %v", err)
		}
		return
	}
	// A table that decodes classifies every valid context.
	for _, e := range Exposures() {
		if _, err := Classify(Context{Kind: KindSoftware, Exposure: e, TargetSLC: 2, CRAProducts: []CRAProduct{CRAVPN}}, r); err != nil {
			t.Fatalf("valid table fails to classify: %v", err)
		}
	}
}

func BenchmarkDecodeRuleTable(b *testing.B) {
	data := DefaultRuleTableJSON()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeRuleTable(bytes.NewReader(data), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRuleAccessors(t *testing.T) {
	r := DefaultRuleTable()
	cat := r.CategoryRules()
	assert.Equal(t, "critical-product", cat[0].ID())
	assert.Equal(t, "C4", cat[0].Outcome())
	assert.Equal(t, []Parameter{ParamCRAClass}, cat[0].Constrains())
	assert.NotEmpty(t, cat[0].Rationale())
	pro := r.ProfileRules()
	assert.Equal(t, "SP4", pro[0].Outcome())
	assert.Equal(t, "sdlkit-default-annex-b 2026.1", r.String())
	assert.Equal(t, "2026.1", r.Version())
}
