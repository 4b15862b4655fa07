package maturity

// Test helpers for the external tests (package maturity_test).
var (
	LoadFixture  = loadFixture
	FixedFixture = fixedFixture
)

// TestNow is the assessment date of the tests: after every record of the
// fixtures.
var TestNow = testNow
