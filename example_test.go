package iec62443_test

import (
	"fmt"
	"os"
	"time"

	"github.com/sdlkit/iec62443"
)

// Assess the example dossier (a PLC with remote maintenance and a VPN
// function) and print where it stands. The README's quick start is this code.
func ExampleAssess() {
	d, err := iec62443.Load(os.DirFS("examples/assess/dossier"), "dossier.json", nil)
	if err != nil {
		fmt.Println(err) // every problem, located by file and JSON pointer
		return
	}
	rep, err := iec62443.Assess(d, &iec62443.Options{Now: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := rep.Classification
	fmt.Println("CRA class:", c.CRAClass, "| category:", c.Category, "| profile:", c.Profile)
	fmt.Println("ML3 verdict holds:", rep.Verdict.Holds, "| ML3 is", rep.Verdict.Obligation)
	fmt.Println("first action:", rep.NextActions[0].Requirement, rep.NextActions[0].Title)
	// Output:
	// CRA class: important-class-i | category: C3 | profile: SP2
	// ML3 verdict holds: false | ML3 is mandatory
	// first action: SM-17 Technical documentation
}

// Load reports every problem of a dossier and the files it references in one
// error, each located by file and JSON pointer.
func ExampleLoad() {
	_, err := iec62443.Load(os.DirFS("testdata/bad-dossier"), "dossier.json", nil)
	fmt.Println(err)
	// Output:
	// iec62443: dossier: /advisories/0/published: does not match pattern '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' (schema pattern) (and 14 more problems)
}
