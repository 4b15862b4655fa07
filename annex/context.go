package annex

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
)

// ProductKind is what a product with digital elements is made of. The zero
// value is unset.
type ProductKind int

const (
	// KindHardware: a device whose security rests mainly on its hardware.
	KindHardware ProductKind = iota + 1
	// KindSoftware: software delivered on its own (application, package).
	KindSoftware
	// KindFirmware: software delivered for and bound to a device.
	KindFirmware
	// KindComposite: a device together with its firmware and software, or a
	// system of several such parts placed on the market as one product.
	KindComposite
)

var productKindNames = []string{"", "hardware", "software", "firmware", "composite"}

// ProductKinds returns every kind in a fresh slice.
func ProductKinds() []ProductKind { return enumValues[ProductKind](productKindNames) }

// Valid reports whether k is a known kind.
func (k ProductKind) Valid() bool { return k >= KindHardware && k <= KindComposite }

// String returns "hardware", "software", "firmware" or "composite".
func (k ProductKind) String() string { return enumName(productKindNames, k) }

// MarshalText implements [encoding.TextMarshaler].
func (k ProductKind) MarshalText() ([]byte, error) {
	return enumMarshal("product kind", productKindNames, k)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *ProductKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, "product kind", productKindNames, b)
}

// Exposure is how far the product's interfaces reach in its intended
// operational environment, least exposed first. It is the main input of the
// Annex B category. The zero value is unset.
type Exposure int

const (
	// ExposureIsolated: no network interface in use (stand-alone, air gap).
	ExposureIsolated Exposure = iota + 1
	// ExposureLocalFieldbus: reachable only on a local fieldbus or
	// point-to-point link inside one machine or cell.
	ExposureLocalFieldbus
	// ExposurePlantNetwork: reachable from a plant or site network (the
	// control or operations zones of an installation).
	ExposurePlantNetwork
	// ExposureRemoteAccess: reachable from outside the site through a remote
	// access path (VPN, remote maintenance, cloud connector).
	ExposureRemoteAccess
	// ExposureInternetFacing: directly reachable from the internet.
	ExposureInternetFacing
)

var exposureNames = []string{"", "isolated", "local-fieldbus", "plant-network", "remote-access", "internet-facing"}

// Exposures returns every exposure, least exposed first, in a fresh slice.
func Exposures() []Exposure { return enumValues[Exposure](exposureNames) }

// Valid reports whether e is a known exposure.
func (e Exposure) Valid() bool { return e >= ExposureIsolated && e <= ExposureInternetFacing }

// String returns the kebab-case name, such as "remote-access".
func (e Exposure) String() string { return enumName(exposureNames, e) }

// MarshalText implements [encoding.TextMarshaler].
func (e Exposure) MarshalText() ([]byte, error) { return enumMarshal("exposure", exposureNames, e) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (e *Exposure) UnmarshalText(b []byte) error {
	return unmarshalEnum(e, "exposure", exposureNames, b)
}

// Environment is the intended operational environment of the product. It is
// recorded for the risk assessment and the report; the default rules do not
// decide on it, a replacement rule table may (see the package
// documentation). The zero value is unset.
type Environment int

const (
	// EnvironmentIndustrialAutomation: factory and process automation.
	EnvironmentIndustrialAutomation Environment = iota + 1
	// EnvironmentCriticalInfrastructure: energy, water, transport and other
	// essential services.
	EnvironmentCriticalInfrastructure
	// EnvironmentBuildingAutomation: building and facility management.
	EnvironmentBuildingAutomation
	// EnvironmentEnterpriseIT: office and data-centre IT.
	EnvironmentEnterpriseIT
	// EnvironmentConsumer: private households and personal use.
	EnvironmentConsumer
)

var environmentNames = []string{"", "industrial-automation", "critical-infrastructure", "building-automation", "enterprise-it", "consumer"}

// Environments returns every environment in a fresh slice.
func Environments() []Environment { return enumValues[Environment](environmentNames) }

// Valid reports whether e is a known environment.
func (e Environment) Valid() bool {
	return e >= EnvironmentIndustrialAutomation && e <= EnvironmentConsumer
}

// String returns the kebab-case name, such as "industrial-automation".
func (e Environment) String() string { return enumName(environmentNames, e) }

// MarshalText implements [encoding.TextMarshaler].
func (e Environment) MarshalText() ([]byte, error) {
	return enumMarshal("environment", environmentNames, e)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (e *Environment) UnmarshalText(b []byte) error {
	return unmarshalEnum(e, "environment", environmentNames, b)
}

// UserType is a kind of user the product is intended for. The zero value is
// unset.
type UserType int

const (
	// UserOperator: runs the plant or process through the product.
	UserOperator UserType = iota + 1
	// UserAdministrator: manages accounts, configuration and updates.
	UserAdministrator
	// UserMaintenance: service and maintenance staff, local or remote.
	UserMaintenance
	// UserIntegrator: a system integrator who builds the product into a system.
	UserIntegrator
	// UserDeveloper: engineers who program or configure the product's logic.
	UserDeveloper
	// UserConsumer: a private person without security expertise.
	UserConsumer
)

var userTypeNames = []string{"", "operator", "administrator", "maintenance", "integrator", "developer", "consumer"}

// UserTypes returns every user type in a fresh slice.
func UserTypes() []UserType { return enumValues[UserType](userTypeNames) }

// Valid reports whether u is a known user type.
func (u UserType) Valid() bool { return u >= UserOperator && u <= UserConsumer }

// String returns the name, such as "operator".
func (u UserType) String() string { return enumName(userTypeNames, u) }

// MarshalText implements [encoding.TextMarshaler].
func (u UserType) MarshalText() ([]byte, error) { return enumMarshal("user type", userTypeNames, u) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (u *UserType) UnmarshalText(b []byte) error {
	return unmarshalEnum(u, "user type", userTypeNames, b)
}

// Context is the product security context of A11 Annex B: what the
// manufacturer knows about the product that decides how demanding its
// development and testing must be. [Classify] turns it into a
// [Classification].
//
// Required: Kind, Exposure and TargetSLC. Everything else is optional; an
// empty CRAProducts with an unset CRAClass means the product is not listed in
// Annex III or IV (class default).
type Context struct {
	// Kind is what the product is made of. Required.
	Kind ProductKind `json:"kind"`
	// CRAProducts lists every Annex III or IV point that the product's core
	// functionality falls under. The CRA class is derived from it.
	CRAProducts []CRAProduct `json:"cra_products,omitzero"`
	// CRAClass is the class the manufacturer declares. Zero means "derive it
	// from CRAProducts". A declared class lower than the derived one is a
	// finding (see [Classify]); a higher one is honoured.
	CRAClass CRAClass `json:"cra_class,omitzero"`
	// Environment is the intended operational environment. Zero means not stated.
	Environment Environment `json:"environment,omitzero"`
	// Exposure is the widest reach of the product's interfaces. Required.
	Exposure Exposure `json:"exposure"`
	// TargetSLC is the capability security level (SL-C 1 to 4, IEC 62443-4-2
	// sense) the product is designed to meet. Required.
	TargetSLC int `json:"target_sl_c"`
	// SafetyRelated reports whether the product performs or protects a
	// safety function. The zero value means no.
	SafetyRelated bool `json:"safety_related,omitzero"`
	// EssentialFunctions reports whether the product performs essential
	// functions (functions whose loss harms health, safety, the environment or
	// essential services). The zero value means no.
	EssentialFunctions bool `json:"essential_functions,omitzero"`
	// UserTypes lists the intended users. Nil means not stated.
	UserTypes []UserType `json:"user_types,omitzero"`
	// SupportPeriod is the declared support period (Art. 13(8)). The zero
	// value means not stated; see [CheckSupportPeriod].
	SupportPeriod SupportPeriod `json:"support_period,omitzero"`
}

// Validate checks that the required fields are set and every value is known.
// The error is nil or a [problem.List] list whose pointers are
// relative to the context object; every problem wraps
// [problem.ErrInvalidValue] or [problem.ErrDuplicate].
func (c Context) Validate() error {
	var errs located.Errors
	if !c.Kind.Valid() {
		errs.Add("/kind", problem.ErrInvalidValue, "product kind %s: missing or unknown (want hardware, software, firmware or composite)", c.Kind)
	}
	seen := make(map[CRAProduct]int, len(c.CRAProducts))
	for i, p := range c.CRAProducts {
		ptr := jsonptr.Index("/cra_products", i)
		if !p.Valid() {
			errs.Add(ptr, problem.ErrInvalidValue, "CRA product category %s: unknown (see annex.CRAProducts)", p)
			continue
		}
		if j, dup := seen[p]; dup {
			errs.Add(ptr, problem.ErrDuplicate, "CRA product category %q is listed twice (also at index %d; keep one)", p, j)
		}
		seen[p] = i
	}
	if c.CRAClass != 0 && !c.CRAClass.Valid() {
		errs.Add("/cra_class", problem.ErrInvalidValue, "CRA class %s: unknown (want default, important-class-i, important-class-ii or critical, or leave it out)", c.CRAClass)
	}
	if c.Environment != 0 && !c.Environment.Valid() {
		errs.Add("/environment", problem.ErrInvalidValue, "environment %s: unknown (see annex.Environments)", c.Environment)
	}
	if !c.Exposure.Valid() {
		errs.Add("/exposure", problem.ErrInvalidValue, "exposure %s: missing or unknown (want isolated, local-fieldbus, plant-network, remote-access or internet-facing)", c.Exposure)
	}
	if c.TargetSLC < 1 || c.TargetSLC > 4 {
		errs.Add("/target_sl_c", problem.ErrInvalidValue, "target SL-C %d: missing or out of range (want 1 to 4)", c.TargetSLC)
	}
	for i, u := range c.UserTypes {
		if !u.Valid() {
			errs.Add(jsonptr.Index("/user_types", i), problem.ErrInvalidValue, "user type %s: unknown (see annex.UserTypes)", u)
		}
	}
	if c.SupportPeriod.Months < 0 || c.SupportPeriod.ExpectedUseMonths < 0 {
		errs.Add("/support_period", problem.ErrInvalidValue, "support period: months must not be negative")
	}
	errs.Sort()
	return errs.Err()
}

// DerivedCRAClass returns the highest class among the listed Annex III/IV
// points, or ClassDefault when none is listed.
func (c Context) DerivedCRAClass() CRAClass {
	cl := ClassDefault
	for _, p := range c.CRAProducts {
		if p.Valid() && p.Class() > cl {
			cl = p.Class()
		}
	}
	return cl
}

// sortedProducts returns the valid listed points in Annex order.
func (c Context) sortedProducts() []CRAProduct {
	out := slices.Clone(c.CRAProducts)
	out = slices.DeleteFunc(out, func(p CRAProduct) bool { return !p.Valid() })
	slices.Sort(out)
	return slices.Compact(out)
}

// describe is used in trace messages.
func describeProducts(ps []CRAProduct) string {
	if len(ps) == 0 {
		return "none listed"
	}
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s (%s)", p.Ref(), p)
	}
	return s
}

// ContextSchemaURL is the $id of the JSON Schema of [Context]. It is a
// component schema (no schema_version of its own) for documents that embed a
// context; pass [ContextSchema] as an extra resource when compiling them.
const ContextSchemaURL = "https://github.com/sdlkit/iec62443/schemas/annex-b-context-1.json"

//go:embed data/context.schema.json
var contextSchemaJSON []byte

var contextSchema = sync.OnceValue(func() *schema.Schema { return schema.MustCompile(ContextSchemaURL, contextSchemaJSON) })

// ContextSchema returns the JSON Schema of [Context] (a fresh copy).
func ContextSchema() []byte { return bytes.Clone(contextSchemaJSON) }

// DecodeContext reads one context object (JSON) strictly, validates it
// against [ContextSchema] and then with [Context.Validate]. The error is nil
// or a [problem.List] list with every problem; a nil reader is an error
// wrapping [problem.ErrNilInput].
func DecodeContext(r io.Reader, opts *DecodeOptions) (Context, error) {
	var c Context
	if err := decode("context", r, opts, docjson.Limits{}, contextSchema(), &c); err != nil {
		return Context{}, err
	}
	if err := c.Validate(); err != nil {
		return Context{}, err
	}
	return c, nil
}
