// Package practice models the practices of EN IEC 62443-4-1: the eight
// practices of the 2018 edition and the nine of the draft CRA amendment A11,
// which inserts Security risk management as practice 2.
//
// # Practices and editions
//
// A [Practice] keeps its identity across editions; what changes is its number
// and clause. [Edition2018] has SM, SR, SD, SI, SVV, DM, SUM and SG as
// practices 1 to 8 (clauses 5 to 12). [EditionA11] inserts [SRM] as practice 2
// (clause 6), so 2018 practice n becomes A11 practice n+1 for n >= 2:
//
//	p := practice.SVV
//	n18, _ := p.Number(practice.Edition2018) // 5
//	nA11, _ := p.Number(practice.EditionA11) // 6
//
// [Values] lists all nine in A11 order; [ForEdition] lists those of one edition.
// Practices and editions marshal to text as their prefix ("SVV") and name
// ("2018", "A11").
//
// # Limitations
//
// A11 is a draft, not yet cited in the Official Journal of the EU. The name
// and place of SRM come from public commentary on the draft; the renumbering
// of the later practices follows from it. Everything about A11 here is
// provisional ([Practice.Provisional]).
//
// # Concurrency
//
// All values are immutable and safe for concurrent use.
//
// # Stability
//
// The types, constants and methods are stable. The name of SRM and the A11
// numbering are provisional data: they follow the final A11 text when it is
// cited, without an API change.
package practice
