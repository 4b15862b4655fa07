package requirement_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
)

// facts2018 is written by hand from the project's facts sheet (section 1.3,
// sourced from ISASecure SDLA-312 and public clause tables). It must never be
// built from the catalog: it is what the catalog is checked against. The SM
// clause numbers follow the facts sheet's choice (5.2 to 5.14), which it
// marks as uncertain.
var facts2018 = []struct {
	id     requirement.ID
	clause string
	title  string
}{
	{"SM-1", "5.2", "Development process"},
	{"SM-2", "5.3", "Identification of responsibilities"},
	{"SM-3", "5.4", "Identification of applicability"},
	{"SM-4", "5.5", "Security expertise"},
	{"SM-5", "5.6", "Process scoping"},
	{"SM-6", "5.7", "File integrity"},
	{"SM-7", "5.8", "Development environment security"},
	{"SM-8", "5.9", "Controls for private keys"},
	{"SM-9", "5.10", "Security requirements for externally provided components"},
	{"SM-10", "5.11", "Custom developed components from third-party suppliers"},
	{"SM-11", "5.12", "Assessing and addressing security-related issues"},
	{"SM-12", "5.13", "Process verification"},
	{"SM-13", "5.14", "Continuous improvement"},
	{"SR-1", "6.2", "Product security context"},
	{"SR-2", "6.3", "Threat model"},
	{"SR-3", "6.4", "Product security requirements"},
	{"SR-4", "6.5", "Product security requirements content"},
	{"SR-5", "6.6", "Security requirements review"},
	{"SD-1", "7.2", "Secure design principles"},
	{"SD-2", "7.3", "Defense in depth design"},
	{"SD-3", "7.4", "Security design review"},
	{"SD-4", "7.5", "Secure design best practices"},
	{"SI-1", "8.3", "Security implementation review"},
	{"SI-2", "8.4", "Secure coding standards"},
	{"SVV-1", "9.2", "Security requirements testing"},
	{"SVV-2", "9.3", "Threat mitigation testing"},
	{"SVV-3", "9.4", "Vulnerability testing"},
	{"SVV-4", "9.5", "Penetration testing"},
	{"SVV-5", "9.6", "Independence of testers"},
	{"DM-1", "10.2", "Receiving notifications of security-related issues"},
	{"DM-2", "10.3", "Reviewing security-related issues"},
	{"DM-3", "10.4", "Assessing security-related issues"},
	{"DM-4", "10.5", "Addressing security-related issues"},
	{"DM-5", "10.6", "Disclosing security-related issues"},
	{"DM-6", "10.7", "Periodic review of security defect management practice"},
	{"SUM-1", "11.2", "Security update qualification"},
	{"SUM-2", "11.3", "Security update documentation"},
	{"SUM-3", "11.4", "Dependent component or operating system security update documentation"},
	{"SUM-4", "11.5", "Security update delivery"},
	{"SUM-5", "11.6", "Timely delivery of security patches"},
	{"SG-1", "12.2", "Product defense in depth"},
	{"SG-2", "12.3", "Defense in depth measures expected in the environment"},
	{"SG-3", "12.4", "Security hardening guidelines"},
	{"SG-4", "12.5", "Secure disposal guidelines"},
	{"SG-5", "12.6", "Secure operation guidelines"},
	{"SG-6", "12.7", "Account management guidelines"},
	{"SG-7", "12.8", "Documentation review"},
}

func TestFacts2018IDsTitlesAndClauses(t *testing.T) {
	require.Len(t, facts2018, 47, "the hand-written table itself")
	c, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	require.Equal(t, 47, c.Len())

	var got []requirement.Requirement
	for r := range c.All() {
		got = append(got, r)
	}
	require.Len(t, got, len(facts2018))
	for i, want := range facts2018 {
		t.Run(string(want.id), func(t *testing.T) {
			r := got[i]
			assert.Equal(t, want.id, r.ID(), "catalog order at position %d", i)
			assert.Equal(t, want.title, r.Title())
			assert.Equal(t, want.clause, r.Clause())
			assert.Equal(t, requirement.Edition2018, r.Edition())
			assert.Equal(t, want.id.Practice(), r.Practice())
			assert.False(t, r.Provisional())
			assert.Equal(t, requirement.LifecycleBaseline, r.Lifecycle())
		})
	}

	counts := map[practice.Practice]int{}
	for r := range c.All() {
		counts[r.Practice()]++
	}
	assert.Equal(t, map[practice.Practice]int{
		practice.SM: 13, practice.SR: 5, practice.SD: 4, practice.SI: 2,
		practice.SVV: 5, practice.DM: 6, practice.SUM: 5, practice.SG: 7,
	}, counts)
	for p, n := range counts {
		var byPractice int
		for range c.ByPractice(p) {
			byPractice++
		}
		assert.Equal(t, n, byPractice, "ByPractice(%s)", p)
	}
}

// TestFactsA11Elements lists every element that issue 2 requires the A11
// catalog to carry (paraphrased from the seed article, practice by practice)
// and where the catalog carries it. For a new or moved requirement the ID and
// lifecycle are checked; for every row the change text must mention each
// keyword, so that the element is stated, not just implied by a title.
func TestFactsA11Elements(t *testing.T) {
	const (
		isNew     = requirement.LifecycleNew
		isChanged = requirement.LifecycleChanged
		isMoved   = requirement.LifecycleMoved
	)
	elements := []struct {
		element  string
		where    requirement.ID
		how      requirement.Lifecycle
		keywords []string
	}{
		// Practice 1: security management.
		{"component inventory, normative, baseline for risk assessment", requirement.SM14, isNew, []string{"component inventory", "risk assessment"}},
		{"machine-readable SBOM", requirement.SM15, isNew, []string{"machine-readable", "SBOM"}},
		{"SBOM in CycloneDX or SPDX", requirement.SM15, isNew, []string{"CycloneDX", "SPDX"}},
		{"reporting of actively exploited vulnerabilities and severe incidents (CRA Art. 14)", requirement.SM16, isNew, []string{"Article 14"}},
		{"reporting to the CSIRT and ENISA", requirement.SM16, isNew, []string{"CSIRT", "ENISA"}},
		{"oversight of the technical documentation (CRA Art. 31)", requirement.SM17, isNew, []string{"technical documentation", "Article 31"}},
		{"public security support period of at least 5 years (CRA Art. 13(8))", requirement.SM18, isNew, []string{"public", "support period", "five years"}},
		{"verified, role-specific expertise", requirement.SM4, isChanged, []string{"role-specific", "verified"}},
		{"continuous improvement fed by incident data and internal audits", requirement.SM13, isChanged, []string{"incident data", "internal audit"}},
		{"regular product security reviews", requirement.SM19, isNew, []string{"recurring product security reviews"}},
		// Practice 2 (new): security risk management.
		{"intended use (CRA Art. 13(3))", requirement.SRM1, isNew, []string{"intended use"}},
		{"reasonably foreseeable misuse as part of intended use", requirement.SRM1, isNew, []string{"foreseeable misuse"}},
		{"product security context", requirement.SRM2, isMoved, []string{"SR-1", "security risk management"}},
		{"threat modelling", requirement.SRM3, isMoved, []string{"SR-2", "threat modelling"}},
		{"risk assessment and evaluation", requirement.SRM4, isNew, []string{"risk assessment", "acceptance criteria"}},
		{"threat model verification", requirement.SRM5, isNew, []string{"final implementation", "modelled threat"}},
		{"monitoring and review of security risks", requirement.SRM6, isNew, []string{"monitoring", "review"}},
		// Practice 3: specification of security requirements.
		{"requirements applicability assessment", requirement.SR2, isNew, []string{"applicability assessment"}},
		{"applicability driven by the Practice 2 risk ratings", requirement.SR2, isNew, []string{"risk ratings"}},
		{"statement of applicability", requirement.SR3, isNew, []string{"statement of applicability"}},
		{"rationale for each inclusion and exclusion", requirement.SR3, isNew, []string{"included", "excluded"}},
		// Practice 4: secure by design.
		{"traceability from architecture to the threat model", requirement.SD1, isChanged, []string{"trace", "threat model"}},
		{"defence in depth layers as documented answers to rated risks", requirement.SD2, isChanged, []string{"rated risk", "trace", "SD-1"}},
		{"secure by default", requirement.SD5, isNew, []string{"secure default configuration"}},
		{"attack surface minimisation", requirement.SD6, isNew, []string{"attack surface"}},
		{"validated cryptographic modules", requirement.SD7, isNew, []string{"validated modules"}},
		// Practice 5: secure implementation.
		{"static application security testing as a mandate", requirement.SI3, isNew, []string{"SAST", "mandatory"}},
		{"enforceable secure coding standards", requirement.SI2, isChanged, []string{"enforced"}},
		{"documented compliance with the coding standard", requirement.SI2, isChanged, []string{"compliance"}},
		{"justified, risk-assessed deviations", requirement.SI2, isChanged, []string{"justified", "risk-assessed", "deviation"}},
		// Practice 6: security verification and validation testing.
		{"finer-grained tester independence", requirement.SVV5, isChanged, []string{"independence", "defined more finely"}},
		{"Annex D test modules by security profile", requirement.SVV6, isNew, []string{"Annex D", "security profile"}},
		{"documented proof that tests address the rated threats", requirement.SVV2, isChanged, []string{"documented proof", "rated threat"}},
		// Practice 7: management of security-related issues.
		{"coordinated vulnerability disclosure policy", requirement.DM7, isNew, []string{"coordinated vulnerability disclosure policy"}},
		{"public reporting channel", requirement.DM7, isNew, []string{"public reporting channel"}},
		{"policy on vulnerability handling", requirement.DM8, isNew, []string{"policy on vulnerability handling"}},
		{"machine-readable advisories in CSAF", requirement.DM9, isNew, []string{"CSAF"}},
		{"machine-readable exploitability statements in VEX", requirement.DM9, isNew, []string{"VEX"}},
		{"monitoring the SBOM's third-party components through the support period", requirement.DM10, isNew, []string{"SBOM", "third-party components", "support period"}},
		// Practice 8: security update management.
		{"security-only updates separate from functional ones", requirement.SUM6, isNew, []string{"security-only updates", "functional"}},
		{"automatic update notifications", requirement.SUM7, isNew, []string{"automatic notification"}},
		{"qualification of updates before release", requirement.SUM1, isChanged, []string{"before release", "regressions"}},
		// Practice 9: security guidelines.
		{"documentation review against the final product", requirement.SG7, isChanged, []string{"formal verification", "finally implemented"}},
		{"communicating the intended use", requirement.SG8, isNew, []string{"intended use"}},
		{"communicating residual risks", requirement.SG8, isNew, []string{"residual risks"}},
		{"hardening", requirement.SG3, isChanged, []string{"hardening procedures"}},
		{"secure decommissioning", requirement.SG4, isChanged, []string{"secure decommissioning"}},
		{"administrative credential management", requirement.SG6, isChanged, []string{"administrative credentials"}},
	}

	c := requirement.Default()
	require.Equal(t, requirement.EditionA11, c.Edition())
	for _, e := range elements {
		t.Run(e.element, func(t *testing.T) {
			r, ok := c.Lookup(e.where)
			require.True(t, ok, "A11 catalog lacks %s", e.where)
			assert.Equal(t, e.how, r.Lifecycle(), "%s %q", e.where, r.Title())
			assert.True(t, r.Provisional())
			assertCitesSeed(t, r)
			change := strings.ToLower(r.Change())
			for _, k := range e.keywords {
				assert.Contains(t, change, strings.ToLower(k), "%s change text should mention %q", e.where, k)
			}
		})
	}

	// Every practice of A11 appears in the table.
	seen := map[practice.Practice]bool{}
	for _, e := range elements {
		seen[e.where.Practice()] = true
	}
	for _, p := range practice.ForEdition(requirement.EditionA11) {
		assert.True(t, seen[p], "no A11 element listed for practice %s", p)
	}
}

// seedSource is the source ID of the seed article (seed 000) in the A11
// catalog's register.
const seedSource = "seed-a11-closer-look"

// assertCitesSeed checks that r names the seed article, with a locator, among
// its provenance.
func assertCitesSeed(t *testing.T, r requirement.Requirement) {
	t.Helper()
	for _, p := range r.Provenance() {
		if p.Source == seedSource {
			assert.NotEmpty(t, p.Locator, "%s: seed provenance without locator", r.ID())
			return
		}
	}
	t.Errorf("%s does not name the seed statement it rests on (%s): %+v", r.ID(), seedSource, r.Provenance())
}

// TestFactsA11Obligations pins what the A11 catalog must say beyond the
// elements of the issue: the applicability decisions that A11 moves from SM-3
// and SM-5 into SR-2/SR-3, and the 2018 obligations (facts sheet section 1.3
// and 1.4) that the A11 summaries must keep.
func TestFactsA11Obligations(t *testing.T) {
	tests := []struct {
		id        requirement.ID
		lifecycle requirement.Lifecycle
		summary   []string // each must appear in the summary
		change    []string // each must appear in the change text
	}{
		{requirement.SM3, requirement.LifecycleChanged, []string{"applicability assessment"},
			[]string{"SR-2", "SR-3", "statement of applicability", "Annex E", "risk ratings"}},
		{requirement.SM5, requirement.LifecycleChanged, []string{"statement of applicability"},
			[]string{"SR-2", "SR-3", "statement of applicability", "Annex E", "risk ratings"}},
		{requirement.SD2, requirement.LifecycleChanged, []string{"rated risks"},
			[]string{"SD-1", "rated risk", "threat model"}},
		// 2018 SR-2: released products' threat models reviewed at least yearly and after new threats.
		{requirement.SRM3, requirement.LifecycleMoved, []string{"released", "at least once a year", "new threats"}, nil},
		// 2018 SI-2: the coding standards are reviewed periodically.
		{requirement.SI2, requirement.LifecycleChanged, []string{"review them periodically"}, nil},
		// 2018 SM-4: identify and deliver the security training.
		{requirement.SM4, requirement.LifecycleChanged, []string{"training each security-relevant role needs and provide it"}, nil},
	}
	c := requirement.Default()
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			r, ok := c.Lookup(tt.id)
			require.True(t, ok)
			assert.Equal(t, tt.lifecycle, r.Lifecycle())
			for _, k := range tt.summary {
				assert.Contains(t, r.Summary(), k)
			}
			for _, k := range tt.change {
				assert.Contains(t, r.Change(), k)
			}
			assertCitesSeed(t, r)
		})
	}
	sm4, _ := c.Lookup(requirement.SM4)
	assert.True(t, sm4.ExpectsArtifact(requirement.ArtifactTrainingRecord), "SM-4 keeps the training record")
}

// TestFactsEditionIdentity pins the case that makes identity (edition, ID):
// the same ID names different requirements in the two editions.
func TestFactsEditionIdentity(t *testing.T) {
	c18, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	cA11, err := requirement.ForEdition(requirement.EditionA11)
	require.NoError(t, err)

	old, ok := c18.Lookup(requirement.SR2)
	require.True(t, ok)
	assert.Equal(t, "Threat model", old.Title())
	assert.Equal(t, requirement.Edition2018, old.Edition())

	cur, ok := cA11.Lookup(requirement.SR2)
	require.True(t, ok)
	assert.Equal(t, "Requirements applicability assessment", cur.Title())
	assert.Equal(t, requirement.EditionA11, cur.Edition())
	assert.Equal(t, requirement.LifecycleNew, cur.Lifecycle())
	assert.Empty(t, cur.Supersedes(), "A11 SR-2 does not continue 2018 SR-2")

	tm, ok := cA11.Lookup(requirement.SRM3)
	require.True(t, ok)
	assert.Equal(t, requirement.LifecycleMoved, tm.Lifecycle())
	assert.Equal(t, []requirement.ID{requirement.SR2}, tm.Supersedes(), "A11 SRM-3 carries 2018 SR-2")
	assert.Equal(t, old.Lists(), tm.Lists(), "the threat model contents travel with the threat model")
	assert.False(t, c18.Has(requirement.SRM3), "SRM does not exist in 2018")
}

// TestFactsLists pins the enumerations of the 2018 requirements (labels as in
// the standard's lists, facts sheet section 1.4) and checks that the A11
// requirement carrying each one holds the same list.
func TestFactsLists(t *testing.T) {
	abc := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = string(rune('a' + i))
		}
		return out
	}
	lists := []struct {
		id2018, idA11 requirement.ID
		name          string
		labels        []string
	}{
		{requirement.SM1, requirement.SM1, "process elements", abc(6)},
		{requirement.SM10, requirement.SM10, "trigger criteria", abc(2)},
		{requirement.SM11, requirement.SM11, "issue sources", abc(5)},
		{requirement.SR2, requirement.SRM3, "threat model contents", abc(13)},
		{requirement.SR5, requirement.SR5, "review participants", abc(4)},
		{requirement.SD1, requirement.SD1, "interface characterisation", abc(10)},
		{requirement.SD3, requirement.SD3, "review findings", abc(3)},
		{requirement.SD4, requirement.SD4, "design practices", abc(7)},
		{requirement.SI1, requirement.SI1, "review items", abc(5)},
		{requirement.SI2, requirement.SI2, "coding standard content", abc(6)},
		{requirement.SVV1, requirement.SVV1, "test types", abc(4)},
		{requirement.SVV2, requirement.SVV2, "activities", abc(2)},
		{requirement.SVV3, requirement.SVV3, "test kinds", abc(5)},
		{requirement.DM3, requirement.DM3, "analysis items", []string{"a", "a.1", "a.2", "a.3", "b", "c", "d", "e"}},
		{requirement.DM4, requirement.DM4, "disposition options", []string{"a", "a.1", "a.2", "a.3", "a.4", "b", "c", "d", "e", "f"}},
		{requirement.DM5, requirement.DM5, "disclosure content", abc(2)},
		{requirement.SUM2, requirement.SUM2, "update documentation content", abc(5)},
		{requirement.SUM3, requirement.SUM3, "dependent update information", abc(2)},
		{requirement.SUM5, requirement.SUM5, "policy factors", abc(5)},
		{requirement.SG1, requirement.SG1, "defence in depth content", abc(3)},
		{requirement.SG3, requirement.SG3, "hardening guideline content", abc(8)},
		{requirement.SG4, requirement.SG4, "disposal guideline content", abc(4)},
		{requirement.SG6, requirement.SG6, "account guideline content", abc(2)},
		{requirement.SG7, requirement.SG7, "review scope", abc(3)},
	}
	c18, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	cA11 := requirement.Default()
	find := func(r requirement.Requirement, name string) (requirement.List, bool) {
		for _, l := range r.Lists() {
			if l.Name == name {
				return l, true
			}
		}
		return requirement.List{}, false
	}
	for _, tt := range lists {
		t.Run(string(tt.id2018)+" "+tt.name, func(t *testing.T) {
			r, ok := c18.Lookup(tt.id2018)
			require.True(t, ok)
			l, ok := find(r, tt.name)
			require.True(t, ok, "2018 %s has no list %q", tt.id2018, tt.name)
			var labels []string
			for _, it := range l.Items {
				labels = append(labels, it.Label)
				assert.GreaterOrEqual(t, len(it.Text), 3, "item %s", it.Label)
			}
			assert.Equal(t, tt.labels, labels)

			ra, ok := cA11.Lookup(tt.idA11)
			require.True(t, ok)
			la, ok := find(ra, tt.name)
			require.True(t, ok, "A11 %s lacks the list %q of 2018 %s", tt.idA11, tt.name, tt.id2018)
			assert.Equal(t, l, la)
		})
	}

	// Lists the A11 additions introduce.
	additions := []struct {
		id   requirement.ID
		name string
		n    int
	}{
		{requirement.SRM1, "intended use elements", 5},
		{requirement.SI2, "compliance and deviations (A11)", 3},
		{requirement.DM7, "CVD policy elements (provisional)", 7},
		{requirement.DM9, "advisory formats", 2},
		{requirement.SM16, "notification deadlines (CRA Art. 14)", 6},
	}
	for _, tt := range additions {
		t.Run("A11 "+string(tt.id)+" "+tt.name, func(t *testing.T) {
			r, ok := cA11.Lookup(tt.id)
			require.True(t, ok)
			l, ok := find(r, tt.name)
			require.True(t, ok)
			assert.Len(t, l.Items, tt.n)
		})
	}
}
