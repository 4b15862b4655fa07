package maturity

// Test helpers for the external tests (package maturity_test).
var (
	LoadFixture  = loadFixture
	FixedFixture = fixedFixture
)
