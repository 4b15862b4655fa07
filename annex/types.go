package annex

import (
	"fmt"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// CRAClass is the class of a product with digital elements under the Cyber
// Resilience Act (Regulation (EU) 2024/2847, Annexes III and IV). The zero
// value is unset.
type CRAClass int

const (
	// ClassDefault: not listed in Annex III or IV.
	ClassDefault CRAClass = iota + 1
	// ClassImportantI: Annex III, class I.
	ClassImportantI
	// ClassImportantII: Annex III, class II.
	ClassImportantII
	// ClassCritical: Annex IV.
	ClassCritical
)

var craClassNames = []string{"", "default", "important-class-i", "important-class-ii", "critical"}

// CRAClasses returns every class, least demanding first, in a fresh slice.
func CRAClasses() []CRAClass { return enumValues[CRAClass](craClassNames) }

// Valid reports whether c is a known class.
func (c CRAClass) Valid() bool { return c >= ClassDefault && c <= ClassCritical }

// String returns "default", "important-class-i", "important-class-ii" or
// "critical"; "unset" for the zero value and "invalid(N)" otherwise.
func (c CRAClass) String() string { return enum.Name(craClassNames, int(c)) }

// Important reports whether the class is important (I or II) or critical,
// the classes for which the SDK treats maturity level 3 as mandatory.
func (c CRAClass) Important() bool { return c >= ClassImportantI && c <= ClassCritical }

// MarshalText implements [encoding.TextMarshaler].
func (c CRAClass) MarshalText() ([]byte, error) { return enumMarshal("CRA class", craClassNames, c) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *CRAClass) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, "CRA class", craClassNames, b)
}

// Category is the product security context category of A11 Annex B: how
// exposed and how critical the product is in its intended environment.
// Category1 is the least and Category4 the most demanding. The meaning of each
// category is provisional (A11 draft); see [Classify] for the default rules.
// The zero value is unset.
type Category int

const (
	// Category1: isolated or locally connected, no essential or safety function.
	Category1 Category = iota + 1
	// Category2: connected to a plant network, or has essential functions.
	Category2
	// Category3: reachable remotely, or an important product under the CRA.
	Category3
	// Category4: internet-facing, safety-related, or a critical product.
	Category4
)

var categoryNames = []string{"", "C1", "C2", "C3", "C4"}

// Categories returns every category in order, in a fresh slice.
func Categories() []Category { return enumValues[Category](categoryNames) }

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return c >= Category1 && c <= Category4 }

// String returns "C1" to "C4"; "unset" for the zero value and "invalid(N)"
// otherwise.
func (c Category) String() string { return enum.Name(categoryNames, int(c)) }

// MarshalText implements [encoding.TextMarshaler].
func (c Category) MarshalText() ([]byte, error) { return enumMarshal("category", categoryNames, c) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Category) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, "category", categoryNames, b)
}

// SecurityProfile is the security profile that A11 Annex D keys the security
// test modules on. SP1 is the least and SP4 the most demanding; they line up
// with the capability security levels SL-C 1 to 4 of IEC 62443-4-2.
// Provisional (A11 draft). The zero value is unset.
type SecurityProfile int

const (
	// ProfileSP1: protection against casual or coincidental violation.
	ProfileSP1 SecurityProfile = iota + 1
	// ProfileSP2: protection against intentional violation with simple means.
	ProfileSP2
	// ProfileSP3: protection against sophisticated, IACS-specific attackers.
	ProfileSP3
	// ProfileSP4: protection against sophisticated attackers with extended resources.
	ProfileSP4
)

var profileNames = []string{"", "SP1", "SP2", "SP3", "SP4"}

// SecurityProfiles returns every profile in order, in a fresh slice.
func SecurityProfiles() []SecurityProfile { return enumValues[SecurityProfile](profileNames) }

// Valid reports whether p is a known profile.
func (p SecurityProfile) Valid() bool { return p >= ProfileSP1 && p <= ProfileSP4 }

// String returns "SP1" to "SP4"; "unset" for the zero value and "invalid(N)"
// otherwise.
func (p SecurityProfile) String() string { return enum.Name(profileNames, int(p)) }

// MarshalText implements [encoding.TextMarshaler].
func (p SecurityProfile) MarshalText() ([]byte, error) {
	return enumMarshal("security profile", profileNames, p)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (p *SecurityProfile) UnmarshalText(b []byte) error {
	return unmarshalEnum(p, "security profile", profileNames, b)
}

// Module is a security test module of A11 Annex D. The set is closed; the
// names are the SDK's (the draft's own labels are not public). The first
// nine are the test types IEC 62443-4-1:2018 asks of every product; the
// last two go beyond them and their need follows the security profile (see
// [DefaultTestMatrix]).
type Module string

// The Annex D test modules.
const (
	ModuleSecurityRequirementsTesting Module = "security-requirements-testing"
	ModuleThreatMitigationTesting     Module = "threat-mitigation-testing"
	ModuleAbuseCaseTesting            Module = "abuse-case-testing"
	ModuleAttackSurfaceAnalysis       Module = "attack-surface-analysis"
	ModuleKnownVulnerabilityScanning  Module = "known-vulnerability-scanning"
	ModuleSoftwareCompositionAnalysis Module = "software-composition-analysis"
	ModuleDynamicRuntimeTesting       Module = "dynamic-runtime-resource-testing"
	ModuleStaticCodeAnalysis          Module = "static-code-analysis"
	ModulePenetrationTesting          Module = "penetration-testing"
	ModuleUpdateMechanismTesting      Module = "update-mechanism-testing"
	ModuleCryptographyTesting         Module = "cryptography-testing"
)

// Modules returns every module in Annex D order, in a fresh slice.
func Modules() []Module {
	return []Module{
		ModuleSecurityRequirementsTesting, ModuleThreatMitigationTesting, ModuleAbuseCaseTesting,
		ModuleAttackSurfaceAnalysis, ModuleKnownVulnerabilityScanning, ModuleSoftwareCompositionAnalysis,
		ModuleDynamicRuntimeTesting, ModuleStaticCodeAnalysis, ModulePenetrationTesting,
		ModuleUpdateMechanismTesting, ModuleCryptographyTesting,
	}
}

// Known reports whether m is one of the defined modules.
func (m Module) Known() bool {
	for _, v := range Modules() {
		if v == m {
			return true
		}
	}
	return false
}

// String returns the module name.
func (m Module) String() string { return string(m) }

// MarshalText implements [encoding.TextMarshaler]; unknown modules are an error.
func (m Module) MarshalText() ([]byte, error) {
	if !m.Known() {
		return nil, fmt.Errorf("annex: marshal test module %q: %w", clip(string(m)), problem.ErrInvalidValue)
	}
	return []byte(m), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; unknown modules are an error.
func (m *Module) UnmarshalText(b []byte) error {
	if m == nil {
		return fmt.Errorf("annex: unmarshal test module into a nil pointer: %w", problem.ErrNilInput)
	}
	v := Module(b)
	if !v.Known() {
		return fmt.Errorf("annex: test module %q: %w (see annex.Modules)", clip(string(b)), problem.ErrInvalidValue)
	}
	*m = v
	return nil
}

// Independence is the independence of a tester from the product's developers
// (62443-4-1 SVV-5, with A11's finer grading). Higher is more independent.
// The zero value is unset.
type Independence int

const (
	// IndependenceNone: developers may test their own work.
	IndependenceNone Independence = iota + 1
	// IndependencePerson: the tester is not one of the product's developers.
	IndependencePerson
	// IndependenceDepartment: the tester does not report to the same
	// first-line manager as any developer (a QA department qualifies).
	IndependenceDepartment
	// IndependenceOrganization: the tester belongs to another organisation.
	IndependenceOrganization
)

var independenceNames = []string{"", "none", "independent-person", "independent-department", "independent-organization"}

// Independences returns every level, least independent first, in a fresh slice.
func Independences() []Independence { return enumValues[Independence](independenceNames) }

// Valid reports whether i is a known level.
func (i Independence) Valid() bool { return i >= IndependenceNone && i <= IndependenceOrganization }

// String returns "none", "independent-person", "independent-department" or
// "independent-organization"; "unset" for the zero value and "invalid(N)"
// otherwise.
func (i Independence) String() string { return enum.Name(independenceNames, int(i)) }

// MarshalText implements [encoding.TextMarshaler].
func (i Independence) MarshalText() ([]byte, error) {
	return enumMarshal("independence", independenceNames, i)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (i *Independence) UnmarshalText(b []byte) error {
	return unmarshalEnum(i, "independence", independenceNames, b)
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
