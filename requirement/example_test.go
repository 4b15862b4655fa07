package requirement_test

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
)

// Look up a requirement of the A11 catalog and of the 2018 catalog: the same
// ID names different requirements in the two editions.
func ExampleCatalog_Lookup() {
	a11 := requirement.Default()
	r, ok := a11.Lookup(requirement.SR2)
	fmt.Println(ok, r.Edition(), r.ID(), r.Title(), "clause", r.Clause(), "provisional:", r.Provisional())

	c2018, _ := requirement.ForEdition(requirement.Edition2018)
	old, _ := c2018.Lookup(requirement.SR2)
	fmt.Println(old.Edition(), old.ID(), old.Title(), "clause", old.Clause())
	// Output:
	// true A11 SR-2 Requirements applicability assessment clause 7.3 provisional: true
	// 2018 SR-2 Threat model clause 6.3
}

// List the requirements of the new practice 2, security risk management.
func ExampleCatalog_ByPractice() {
	c := requirement.Default()
	n, _ := practice.SRM.Number(c.Edition())
	fmt.Printf("Practice %d %s (clause %s)\n", n, practice.SRM.Name(), must(practice.SRM.Clause(c.Edition())))
	for r := range c.ByPractice(practice.SRM) {
		fmt.Println(r.ID(), r.Title(), "-", r.Lifecycle())
	}
	// Output:
	// Practice 2 Security risk management (clause 6)
	// SRM-1 Intended use - new
	// SRM-2 Product security context - moved
	// SRM-3 Threat modelling - moved
	// SRM-4 Risk assessment and evaluation - new
	// SRM-5 Threat model verification - new
	// SRM-6 Monitoring and review of security risks - new
}

func must(s string, _ bool) string { return s }

// Compute what a team certified to 2018 must do for A11: the requirements
// that moved into another ID.
func ExampleDelta() {
	c2018, _ := requirement.ForEdition(requirement.Edition2018)
	delta, err := requirement.Delta(c2018, requirement.Default())
	if err != nil {
		panic(err)
	}
	counts := map[requirement.ChangeKind]int{}
	for _, ch := range delta {
		counts[ch.Kind]++
		if ch.Kind == requirement.ChangeMoved {
			fmt.Printf("%s %q -> %s %q\n", ch.From, ch.FromTitle, ch.To, ch.ToTitle)
		}
	}
	for _, k := range requirement.ChangeKinds() {
		fmt.Printf("%s=%d ", k, counts[k])
	}
	fmt.Println()
	// Output:
	// SR-1 "Product security context" -> SRM-2 "Product security context"
	// SR-2 "Threat model" -> SRM-3 "Threat modelling"
	// SR-3 "Product security requirements" -> SR-1 "Product security requirements"
	// unchanged=29 changed=15 renamed=0 moved=3 added=24 retired=0
}

// Apply a licensee's overlay: add the normative text from a purchased copy
// and confirm a requirement once the final text is cited.
func ExampleCatalog_ApplyOverlay() {
	overlay := `{
	  "schema_version": "1",
	  "edition": "A11",
	  "catalog_version": "A11 licensed copy",
	  "patch": [{"id": "SR-2", "normative_text": "(text from the licensed copy)", "provisional": false}]
	}`
	c, err := requirement.Default().ApplyOverlay(strings.NewReader(overlay), nil)
	if err != nil {
		panic(err)
	}
	r, _ := c.Lookup(requirement.SR2)
	fmt.Println(c.Version(), "|", r.ID(), r.Provisional(), r.NormativeText())

	_, err = requirement.Default().ApplyOverlay(strings.NewReader(`{"schema_version": "1", "edition": "A11", "catalog_version": "x", "patch": [{"id": "SM-42", "title": "Typo"}]}`), nil)
	fmt.Println(err)
	// Output:
	// A11 licensed copy | SR-2 false (text from the licensed copy)
	// requirement: overlay: /patch/0/id: cannot patch "SM-42": no such requirement in catalog "A11 draft 2026.1" after removals and renames
}
