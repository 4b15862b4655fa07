package annex

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

// documentedCategory is the default table's closed form (doc.go), written
// out again for the tests of replacement tables derived from it.
func documentedCategory(e Exposure, cl CRAClass, safety, ess bool) Category {
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
	return want
}

// classProducts lists an Annex III/IV point of class cl.
func classProducts(cl CRAClass) []CRAProduct {
	switch cl {
	case ClassImportantI:
		return []CRAProduct{CRAVPN}
	case ClassImportantII:
		return []CRAProduct{CRAFirewallIDS}
	case ClassCritical:
		return []CRAProduct{CRASecurityBox}
	case ClassDefault:
	}
	return nil
}

// eachBase calls f for every combination of the base parameters.
func eachBase(f func(e Exposure, cl CRAClass, safety, ess bool, slc int)) {
	for _, e := range Exposures() {
		for _, cl := range CRAClasses() {
			for _, safety := range []bool{false, true} {
				for _, ess := range []bool{false, true} {
					for slc := 1; slc <= 4; slc++ {
						f(e, cl, safety, ess, slc)
					}
				}
			}
		}
	}
}

func when(rule map[string]any) map[string]any { return rule["when"].(map[string]any) }

// kindTable is the default table with every category rule split by kind:
// software products are placed one category lower (C1 stays C1).
func kindTable(t *testing.T) []byte {
	t.Helper()
	return mutate(t, func(d map[string]any) {
		var out []any
		for _, r := range rulesAt(d, "category_rules") {
			rule := r.(map[string]any)
			sw := map[string]any{"id": rule["id"].(string) + "-software", "rationale": "software is one category lower",
				"then": "C" + string(max(rule["then"].(string)[1]-1, '1'))}
			w := map[string]any{"kind": []any{"software"}}
			for k, v := range when(rule) {
				w[k] = v
			}
			sw["when"] = w
			when(rule)["kind"] = []any{"hardware", "firmware", "composite"}
			out = append(out, rule, sw)
		}
		d["category_rules"] = out
	})
}

func mustRules(t *testing.T, data []byte) *RuleTable {
	t.Helper()
	r, err := DecodeRuleTable(bytes.NewReader(data), nil)
	require.NoError(t, err)
	return r
}

func factor(c Classification, outcome, param Parameter) (string, bool) {
	for _, d := range c.Trace {
		if d.Outcome != outcome {
			continue
		}
		for _, f := range d.Decisive {
			if f.Parameter == param {
				return f.Value, true
			}
		}
	}
	return "", false
}

func TestRulesDecideOnKind(t *testing.T) {
	rules := mustRules(t, kindTable(t))
	eachBase(func(e Exposure, cl CRAClass, safety, ess bool, slc int) {
		for _, k := range ProductKinds() {
			want := documentedCategory(e, cl, safety, ess)
			if k == KindSoftware {
				want = max(want-1, Category1)
			}
			got, err := Classify(Context{Kind: k, CRAProducts: classProducts(cl), Exposure: e, TargetSLC: slc, SafetyRelated: safety, EssentialFunctions: ess}, rules)
			require.NoError(t, err)
			require.Equal(t, want, got.Category, "%v %v %v %v %d %v", e, cl, safety, ess, slc, k)
			v, ok := factor(got, ParamCategory, ParamKind)
			require.True(t, ok, "the trace names the kind")
			assert.Equal(t, k.String(), v)
		}
	})
	first := rules.CategoryRules()[0]
	assert.Equal(t, []Parameter{ParamCRAClass, ParamKind}, first.Constrains())
	// The default table never names the new parameters.
	got, err := Classify(Context{Kind: KindSoftware, Exposure: ExposureRemoteAccess, TargetSLC: 1, Environment: EnvironmentConsumer, UserTypes: []UserType{UserConsumer}}, nil)
	require.NoError(t, err)
	for _, p := range []Parameter{ParamKind, ParamEnvironment, ParamUserTypes} {
		assert.NotContains(t, got.Decisive(ParamCategory), p)
		assert.NotContains(t, got.Decisive(ParamProfile), p)
	}
}

func TestRulesDecideOnEnvironment(t *testing.T) {
	data, err := os.ReadFile("testdata/rules-environment.json")
	require.NoError(t, err)
	rules := mustRules(t, data)
	envs := append([]Environment{0}, Environments()...)
	eachBase(func(e Exposure, cl CRAClass, safety, ess bool, slc int) {
		for _, env := range envs {
			base := documentedCategory(e, cl, safety, ess)
			want := base
			if env == 0 || env == EnvironmentCriticalInfrastructure {
				want = min(want+1, Category4)
			}
			got, err := Classify(Context{Kind: KindFirmware, CRAProducts: classProducts(cl), Environment: env, Exposure: e, TargetSLC: slc, SafetyRelated: safety, EssentialFunctions: ess}, rules)
			require.NoError(t, err)
			require.Equal(t, want, got.Category, "%v %v %v %v %d %v", e, cl, safety, ess, slc, env)
			v, ok := factor(got, ParamCategory, ParamEnvironment)
			if base == Category4 {
				// The C4 rules do not look at the environment.
				assert.False(t, ok)
				continue
			}
			require.True(t, ok, "the trace names the environment")
			wantV := "unstated"
			if env != 0 {
				wantV = env.String()
			}
			assert.Equal(t, wantV, v)
		}
	})
}

// userTypesTable is the default table where any product with consumer users
// is at least C3: the rules below C4 exclude consumers and one more rule
// takes them. With unstated set, a product that states no user types is
// treated like a consumer product.
func userTypesTable(t *testing.T, unstatedIsConsumer bool) []byte {
	t.Helper()
	return mutate(t, func(d map[string]any) {
		rules := rulesAt(d, "category_rules")
		for _, r := range rules[3:] {
			when(r.(map[string]any))["user_types_none_of"] = []any{"consumer"}
			if unstatedIsConsumer {
				when(r.(map[string]any))["user_types"] = []any{"operator", "administrator", "maintenance", "integrator", "developer"}
			}
		}
		consumer := []any{"consumer"}
		if unstatedIsConsumer {
			consumer = append(consumer, "unstated")
		}
		d["category_rules"] = append(rules, map[string]any{
			"id": "consumer-users",
			"when": map[string]any{"cra_class": []any{"default", "important-class-i", "important-class-ii"}, "safety_related": []any{false},
				"exposure": []any{"isolated", "local-fieldbus", "plant-network", "remote-access"}, "user_types": consumer},
			"then": "C3", "rationale": "users without security expertise cannot be expected to harden the product",
		})
	})
}

func TestRulesDecideOnUserTypes(t *testing.T) {
	sets := []struct {
		users []UserType
		trace string // the trace's value of ParamUserTypes
	}{
		{nil, "unstated"},
		{[]UserType{UserOperator}, "operator"},
		{[]UserType{UserConsumer}, "consumer"},
		{[]UserType{UserConsumer, UserOperator}, "operator+consumer"},
		{[]UserType{UserMaintenance, UserDeveloper}, "maintenance+developer"},
		{[]UserType{UserConsumer, UserConsumer}, "consumer"},
	}
	for _, unstatedIsConsumer := range []bool{false, true} {
		rules := mustRules(t, userTypesTable(t, unstatedIsConsumer))
		eachBase(func(e Exposure, cl CRAClass, safety, ess bool, slc int) {
			for _, set := range sets {
				us := set.users
				base := documentedCategory(e, cl, safety, ess)
				consumer := len(us) == 0 && unstatedIsConsumer
				for _, u := range us {
					consumer = consumer || u == UserConsumer
				}
				want := base
				if consumer {
					want = max(want, Category3)
				}
				got, err := Classify(Context{Kind: KindComposite, CRAProducts: classProducts(cl), UserTypes: us, Exposure: e, TargetSLC: slc, SafetyRelated: safety, EssentialFunctions: ess}, rules)
				require.NoError(t, err)
				require.Equal(t, want, got.Category, "%v %v %v %v %d %v unstated-is-consumer=%v", e, cl, safety, ess, slc, us, unstatedIsConsumer)
				if base == Category4 {
					continue
				}
				v, ok := factor(got, ParamCategory, ParamUserTypes)
				require.True(t, ok, "the trace names the user types")
				assert.Equal(t, set.trace, v)
			}
		})
	}
	r := mustRules(t, userTypesTable(t, false)).CategoryRules()
	assert.Equal(t, []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated, ParamUserTypes}, r[3].Constrains(), "user_types_none_of is ParamUserTypes")
}

// locatedErrors decodes input, which must fail, and returns its pointers
// and messages.
func locatedErrors(t *testing.T, input []byte) (ptrs, msgs []string, err error) {
	t.Helper()
	_, err = DecodeRuleTable(bytes.NewReader(input), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, problem.ErrInvalidDocument)
	var list problem.List
	require.ErrorAs(t, err, &list)
	for _, e := range list {
		ptrs = append(ptrs, e.Pointer)
		msgs = append(msgs, e.Message)
	}
	return ptrs, msgs, err
}

func TestDecodeRulesNewKeysBadTables(t *testing.T) {
	envTable, err := os.ReadFile("testdata/rules-environment.json")
	require.NoError(t, err)
	envMutate := func(f func(d map[string]any)) []byte {
		return mutateJSON(t, envTable, f)
	}
	const base = "exposure=isolated, cra_class=default, safety_related=false, essential_functions=false, sl_c=1"
	tests := []struct {
		name     string
		input    []byte
		sentinel error
		pointers []string
		contains []string
	}{
		{
			name: "gap: a software rule removed",
			input: mutateJSON(t, kindTable(t), func(d map[string]any) {
				d["category_rules"] = rulesAt(d, "category_rules")[:15] // drop local-basic-software
			}),
			sentinel: ErrRuleGap,
			pointers: []string{"/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules"},
			contains: []string{"no rule matches " + base + ", kind=software (add a rule that covers it)"},
		},
		{
			name: "gap: unstated environment left out",
			input: envMutate(func(d map[string]any) {
				when(ruleAt(d, "category_rules", 11))["environment"] = []any{"critical-infrastructure"}
			}),
			sentinel: ErrRuleGap,
			pointers: []string{"/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules"},
			contains: []string{"no rule matches " + base + ", environment=unstated (add a rule that covers it)"},
		},
		{
			name: "overlap: environment listed by both halves of a split rule",
			input: envMutate(func(d map[string]any) {
				when(ruleAt(d, "category_rules", 12))["environment"] = []any{"industrial-automation", "building-automation", "enterprise-it", "consumer", "unstated"}
			}),
			sentinel: ErrRuleOverlap,
			pointers: []string{"/category_rules/12"},
			contains: []string{`rule "local-basic" overlaps rule "local-basic-essential-service" (index 11), for example at ` + base + ", environment=unstated (make their conditions disjoint)"},
		},
		{
			name: "overlap: consumers not excluded",
			input: mutateJSON(t, userTypesTable(t, false), func(d map[string]any) {
				delete(when(ruleAt(d, "category_rules", 7)), "user_types_none_of")
			}),
			sentinel: ErrRuleOverlap,
			pointers: []string{"/category_rules/8"},
			contains: []string{`rule "consumer-users" overlaps rule "local-basic" (index 7), for example at ` + base + ", user_types=consumer (make their conditions disjoint)"},
		},
		{
			name: "gap: unstated user types",
			input: mutateJSON(t, userTypesTable(t, true), func(d map[string]any) {
				when(ruleAt(d, "category_rules", 8))["user_types"] = []any{"consumer"}
			}),
			sentinel: ErrRuleGap,
			pointers: []string{"/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules"},
			contains: []string{
				"no rule matches " + base + ", user_types=unstated (add a rule that covers it)",
				"88 more combinations match no rule (96 in all; add rules that cover them)", // 3 classes x 4 exposures x 2 x 4 SL-C,
			},
		},
		{
			name: "gap: stated user types that no rule lists",
			input: mutateJSON(t, userTypesTable(t, false), func(d map[string]any) {
				for _, r := range rulesAt(d, "category_rules")[3:8] {
					delete(when(r.(map[string]any)), "user_types_none_of")
					when(r.(map[string]any))["user_types"] = []any{"unstated"}
				}
			}),
			sentinel: ErrRuleGap,
			pointers: []string{"/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules", "/category_rules"},
			contains: []string{"no rule matches " + base + ", user_types=stated (none of consumer) (add a rule that covers it)"},
		},
		{
			name: "gap in the profile table: a kind left out",
			input: mutate(t, func(d map[string]any) {
				when(ruleAt(d, "profile_rules", 5))["kind"] = []any{"hardware", "software", "composite"}
			}),
			sentinel: ErrRuleGap,
			pointers: []string{"/profile_rules", "/profile_rules"},
			contains: []string{"no rule matches " + base + ", kind=firmware, category=C1 (add a rule that covers it)"},
		},
		{
			name: "unreachable rule: contradictory user types",
			input: mutate(t, func(d map[string]any) {
				d["category_rules"] = append(rulesAt(d, "category_rules"), map[string]any{
					"id": "never", "when": map[string]any{"user_types": []any{"consumer"}, "user_types_none_of": []any{"consumer"}},
					"then": "C1", "rationale": "contradiction",
				})
				d["profile_rules"] = append(rulesAt(d, "profile_rules"), map[string]any{
					"id": "never-either", "when": map[string]any{"environment": []any{"unstated"}, "user_types": []any{"unstated"}, "user_types_none_of": []any{"operator"}, "kind": []any{"software"}, "sl_c": []any{4}},
					"then": "SP1", "rationale": "shadowed by slc4, which is an overlap",
				})
			}),
			sentinel: ErrRuleUnreachable,
			pointers: []string{"/category_rules/8", "/profile_rules/6", "/profile_rules/6"},
			contains: []string{
				`rule "never" decides no product (remove it or widen its conditions)`,
				`rule "never-either" overlaps rule "slc4" (index 0), for example at ` + strings.Replace(base, "sl_c=1", "sl_c=4", 1) + ", kind=software, environment=unstated, user_types=unstated, category=C1",
			},
		},
		{
			name: "unreachable outcome: C1 only for an environment the rules never give it",
			input: envMutate(func(d map[string]any) {
				ruleAt(d, "category_rules", 12)["then"] = "C2"
			}),
			sentinel: ErrRuleUnreachable,
			pointers: []string{"/category_rules", "/profile_rules", "/profile_rules/4", "/profile_rules/5"},
			contains: []string{"no product is ever classified C1"},
		},
		{
			name: "schema: unknown kind, environment and user type; unstated not allowed in none_of",
			input: mutate(t, func(d map[string]any) {
				when(ruleAt(d, "category_rules", 0))["kind"] = []any{"cloud"}
				when(ruleAt(d, "category_rules", 1))["environment"] = []any{"space"}
				when(ruleAt(d, "profile_rules", 0))["user_types"] = []any{"auditor"}
				when(ruleAt(d, "profile_rules", 1))["user_types_none_of"] = []any{"unstated"}
			}),
			sentinel: problem.ErrSchema,
			pointers: []string{"/category_rules/0/when/kind/0", "/category_rules/1/when/environment/0", "/profile_rules/0/when/user_types/0", "/profile_rules/1/when/user_types_none_of/0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ptrs, msgs, err := locatedErrors(t, tt.input)
			assert.ErrorIs(t, err, tt.sentinel)
			assert.Equal(t, tt.pointers, ptrs, "messages: %q", msgs)
			for _, c := range tt.contains {
				assert.Contains(t, strings.Join(msgs, "\n"), c)
			}
		})
	}
}

// mutateJSON decodes data, applies f, and re-encodes it (mutate for any
// table).
func mutateJSON(tb testing.TB, data []byte, f func(doc map[string]any)) []byte {
	tb.Helper()
	var doc map[string]any
	require.NoError(tb, json.Unmarshal(data, &doc))
	f(doc)
	b, err := json.Marshal(doc)
	require.NoError(tb, err)
	return b
}

// TestUserTypeClasses checks the encoding of user-type sets: one
// representative per class of sets the mentioned types tell apart.
func TestUserTypeClasses(t *testing.T) {
	consumer := uint8(1 << (UserConsumer - 1))
	operator := uint8(1 << (UserOperator - 1))
	assert.Equal(t, []int{0, 1}, usersValues(0), "unstated and stated")
	assert.Equal(t, []int{0, 1, int(consumer)}, usersValues(consumer))
	assert.Equal(t, []int{0, 2, int(operator), int(consumer), int(operator | consumer)}, usersValues(operator|consumer), "the representative of stated-none is the first unmentioned type")
	all := usersValues(allUsers)
	assert.Len(t, all, 64, "every type mentioned: no stated-none class")
	assert.Equal(t, "unstated", describeUsers(0, consumer))
	assert.Equal(t, "stated (none of operator/consumer)", describeUsers(2, operator|consumer))
	assert.Equal(t, "operator (not consumer)", describeUsers(operator, operator|consumer))
	assert.Equal(t, "operator+consumer", describeUsers(operator|consumer, operator|consumer))
	assert.Equal(t, "stated", describeUsers(2, 0))

	// Exactness: for every set of user types and every rule over them, the
	// rule decides the set as it decides the set's representative.
	rules := []TableRule{}
	for _, anyOf := range []uint8{0, consumer, consumer | usersUnstated, usersUnstated, operator | consumer} {
		for _, noneOf := range []uint8{0, operator, consumer} {
			r := TableRule{usersNone: noneOf}
			r.masks[dimUsers] = anyOf
			rules = append(rules, r)
		}
	}
	m := uint8(operator | consumer)
	reps := usersValues(m)
	for s := range allUsers + 1 {
		rep := s & int(m)
		if s != 0 && rep == 0 {
			rep = reps[1]
		}
		assert.Contains(t, reps, rep)
		for i := range rules {
			assert.Equal(t, rules[i].admits(dimUsers, s), rules[i].admits(dimUsers, rep), "set %b rule %d", s, i)
		}
	}
}

// TestRulesNewKeysCombined decodes a table constraining every parameter (all
// user types mentioned): the checks still agree with Classify.
func TestRulesNewKeysCombined(t *testing.T) {
	input := mutate(t, func(d map[string]any) {
		w := when(ruleAt(d, "category_rules", 0))
		w["kind"] = []any{"hardware", "software", "firmware", "composite"}
		w["environment"] = []any{"unstated", "industrial-automation", "critical-infrastructure", "building-automation", "enterprise-it", "consumer"}
		w["user_types"] = []any{"unstated", "operator", "administrator", "maintenance", "integrator", "developer", "consumer"}
	})
	rules := mustRules(t, input)
	got, err := Classify(Context{Kind: KindHardware, CRAProducts: []CRAProduct{CRASecurityBox}, Exposure: ExposureIsolated, TargetSLC: 1,
		Environment: EnvironmentEnterpriseIT, UserTypes: []UserType{UserAdministrator, UserOperator}}, rules)
	require.NoError(t, err)
	assert.Equal(t, Category4, got.Category)
	assert.Equal(t, []Parameter{ParamCRAClass, ParamKind, ParamEnvironment, ParamUserTypes}, got.Decisive(ParamCategory))
	assert.Equal(t, []Factor{{ParamCRAClass, "critical"}, {ParamKind, "hardware"}, {ParamEnvironment, "enterprise-it"}, {ParamUserTypes, "operator+administrator"}}, got.Trace[1].Decisive)

	// Drop developer from the first rule: critical products whose only
	// user type is developer are left without a rule; the message names the
	// class by the types the rules mention.
	_, msgs, err := locatedErrors(t, mutateJSON(t, input, func(d map[string]any) {
		when(ruleAt(d, "category_rules", 0))["user_types"] = []any{"unstated", "operator", "administrator", "maintenance", "integrator", "consumer"}
	}))
	require.ErrorIs(t, err, ErrRuleGap)
	assert.NotErrorIs(t, err, ErrRuleOverlap)
	all := strings.Join(msgs, "\n")
	assert.Contains(t, all, "no rule matches exposure=isolated, cra_class=critical, safety_related=false, essential_functions=false, sl_c=1, kind=hardware, environment=unstated, user_types=stated (none of operator/administrator/maintenance/integrator/consumer)")
	assert.Contains(t, all, "1912 more combinations match no rule (1920 in all", "5 x 2 x 2 x 4 x 4 kinds x 6 environments")
}

func BenchmarkDecodeRuleTableEveryParameter(b *testing.B) {
	// The default table with its first rule constraining kind, environment
	// and every user type: 320 x 4 x 6 x 64 combinations per table.
	data := mutateJSON(b, DefaultRuleTableJSON(), func(d map[string]any) {
		w := when(ruleAt(d, "category_rules", 0))
		w["kind"] = []any{"hardware", "software", "firmware", "composite"}
		w["environment"] = []any{"unstated", "industrial-automation", "critical-infrastructure", "building-automation", "enterprise-it", "consumer"}
		w["user_types"] = []any{"unstated", "operator", "administrator", "maintenance", "integrator", "developer", "consumer"}
	})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeRuleTable(bytes.NewReader(data), nil); err != nil {
			b.Fatal(err)
		}
	}
}
