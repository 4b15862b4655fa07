package requirement

// BuildDefaultForBench builds the A11 catalog from the generated tables
// without the sync.OnceValue cache, to measure what the first Default() costs.
func BuildDefaultForBench() *Catalog { return mustBuild(EditionA11, dataA11Version, dataA11) }
