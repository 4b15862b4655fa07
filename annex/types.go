package annex

import (
	"fmt"
	"strings"

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

var craClassNames = [...]string{ClassDefault: "default", ClassImportantI: "important-class-i", ClassImportantII: "important-class-ii", ClassCritical: "critical"}

// CRAClasses returns every class, least demanding first, in a fresh slice.
func CRAClasses() []CRAClass {
	return []CRAClass{ClassDefault, ClassImportantI, ClassImportantII, ClassCritical}
}

// Valid reports whether c is a known class.
func (c CRAClass) Valid() bool { return c >= ClassDefault && c <= ClassCritical }

// String returns "default", "important-class-i", "important-class-ii" or "critical".
func (c CRAClass) String() string {
	if !c.Valid() {
		return fmt.Sprintf("CRAClass(%d)", int(c))
	}
	return craClassNames[c]
}

// Important reports whether the class is important (I or II) or critical,
// the classes for which the SDK treats maturity level 3 as mandatory.
func (c CRAClass) Important() bool { return c >= ClassImportantI && c <= ClassCritical }

// MarshalText implements [encoding.TextMarshaler].
func (c CRAClass) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("annex: marshal %s: %w", c, problem.ErrInvalidValue)
	}
	return []byte(c.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *CRAClass) UnmarshalText(b []byte) error {
	for _, v := range CRAClasses() {
		if craClassNames[v] == string(b) {
			*c = v
			return nil
		}
	}
	return fmt.Errorf("annex: CRA class %q: %w (want %s)", clip(string(b)), problem.ErrInvalidValue, strings.Join(craClassNames[1:], ", "))
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

// Categories returns every category in order, in a fresh slice.
func Categories() []Category { return []Category{Category1, Category2, Category3, Category4} }

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return c >= Category1 && c <= Category4 }

// String returns "C1" to "C4".
func (c Category) String() string {
	if !c.Valid() {
		return fmt.Sprintf("Category(%d)", int(c))
	}
	return fmt.Sprintf("C%d", int(c))
}

// MarshalText implements [encoding.TextMarshaler].
func (c Category) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("annex: marshal %s: %w", c, problem.ErrInvalidValue)
	}
	return []byte(c.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Category) UnmarshalText(b []byte) error {
	for _, v := range Categories() {
		if v.String() == string(b) {
			*c = v
			return nil
		}
	}
	return fmt.Errorf("annex: category %q: %w (want C1, C2, C3 or C4)", clip(string(b)), problem.ErrInvalidValue)
}

// Profile is the security profile that A11 Annex D keys the security test
// modules on. SP1 is the least and SP4 the most demanding; they line up with
// the capability security levels SL-C 1 to 4 of IEC 62443-4-2. Provisional
// (A11 draft). The zero value is unset.
type Profile int

const (
	// ProfileSP1: protection against casual or coincidental violation.
	ProfileSP1 Profile = iota + 1
	// ProfileSP2: protection against intentional violation with simple means.
	ProfileSP2
	// ProfileSP3: protection against sophisticated, IACS-specific attackers.
	ProfileSP3
	// ProfileSP4: protection against sophisticated attackers with extended resources.
	ProfileSP4
)

// Profiles returns every profile in order, in a fresh slice.
func Profiles() []Profile { return []Profile{ProfileSP1, ProfileSP2, ProfileSP3, ProfileSP4} }

// Valid reports whether p is a known profile.
func (p Profile) Valid() bool { return p >= ProfileSP1 && p <= ProfileSP4 }

// String returns "SP1" to "SP4".
func (p Profile) String() string {
	if !p.Valid() {
		return fmt.Sprintf("Profile(%d)", int(p))
	}
	return fmt.Sprintf("SP%d", int(p))
}

// MarshalText implements [encoding.TextMarshaler].
func (p Profile) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, fmt.Errorf("annex: marshal %s: %w", p, problem.ErrInvalidValue)
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (p *Profile) UnmarshalText(b []byte) error {
	for _, v := range Profiles() {
		if v.String() == string(b) {
			*p = v
			return nil
		}
	}
	return fmt.Errorf("annex: profile %q: %w (want SP1, SP2, SP3 or SP4)", clip(string(b)), problem.ErrInvalidValue)
}

// Module is a security test module of A11 Annex D. The set is closed; the
// names are the SDK's (the draft's own labels are not public).
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
)

// Modules returns every module in Annex D order, in a fresh slice.
func Modules() []Module {
	return []Module{
		ModuleSecurityRequirementsTesting, ModuleThreatMitigationTesting, ModuleAbuseCaseTesting,
		ModuleAttackSurfaceAnalysis, ModuleKnownVulnerabilityScanning, ModuleSoftwareCompositionAnalysis,
		ModuleDynamicRuntimeTesting, ModuleStaticCodeAnalysis, ModulePenetrationTesting,
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

var independenceNames = [...]string{IndependenceNone: "none", IndependencePerson: "independent-person", IndependenceDepartment: "independent-department", IndependenceOrganization: "independent-organization"}

// Independences returns every level, least independent first, in a fresh slice.
func Independences() []Independence {
	return []Independence{IndependenceNone, IndependencePerson, IndependenceDepartment, IndependenceOrganization}
}

// Valid reports whether i is a known level.
func (i Independence) Valid() bool { return i >= IndependenceNone && i <= IndependenceOrganization }

// String returns "none", "independent-person", "independent-department" or
// "independent-organization".
func (i Independence) String() string {
	if !i.Valid() {
		return fmt.Sprintf("Independence(%d)", int(i))
	}
	return independenceNames[i]
}

// MarshalText implements [encoding.TextMarshaler].
func (i Independence) MarshalText() ([]byte, error) {
	if !i.Valid() {
		return nil, fmt.Errorf("annex: marshal %s: %w", i, problem.ErrInvalidValue)
	}
	return []byte(i.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (i *Independence) UnmarshalText(b []byte) error {
	for _, v := range Independences() {
		if independenceNames[v] == string(b) {
			*i = v
			return nil
		}
	}
	return fmt.Errorf("annex: independence %q: %w (want %s)", clip(string(b)), problem.ErrInvalidValue, strings.Join(independenceNames[1:], ", "))
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
