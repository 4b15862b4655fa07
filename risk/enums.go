package risk

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/problem"
)

// enumNames holds the text forms of an int enum whose values start at 1.
type enumNames struct {
	kind  string   // what the enum is, for messages ("STRIDE category")
	names []string // index 0 unused
}

func (e enumNames) valid(v int) bool { return v >= 1 && v < len(e.names) }

// str returns the name of v, "unset" for 0 and "invalid(N)" otherwise.
func (e enumNames) str(v int) string { return enum.Name(e.names, v) }

func (e enumNames) marshal(v int) ([]byte, error) {
	if !e.valid(v) {
		return nil, fmt.Errorf("risk: marshal %s %s: %w", e.kind, e.str(v), problem.ErrInvalidValue)
	}
	return []byte(e.names[v]), nil
}

func (e enumNames) parse(b []byte) (int, error) {
	if v, ok := enum.Parse(e.names, string(b)); ok {
		return v, nil
	}
	return 0, fmt.Errorf("risk: %s %q: %w (want %s)", e.kind, clip(string(b)), problem.ErrInvalidValue, e.want())
}

// want lists the valid names, for messages.
func (e enumNames) want() string { return strings.Join(e.names[1:], ", ") }

// errNilTarget is the error of an UnmarshalText called on a nil pointer.
func errNilTarget(typ string) error {
	return fmt.Errorf("risk: unmarshal %s into a nil pointer: %w", typ, problem.ErrNilInput)
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Stride is a STRIDE threat category. The zero value is unset.
type Stride int

// The six STRIDE categories.
const (
	Spoofing Stride = iota + 1
	Tampering
	Repudiation
	InformationDisclosure
	DenialOfService
	ElevationOfPrivilege
)

var strideNames = enumNames{"STRIDE category", []string{"", "spoofing", "tampering", "repudiation", "information-disclosure", "denial-of-service", "elevation-of-privilege"}}

// Strides returns the six categories in STRIDE order, in a fresh slice.
func Strides() []Stride {
	return []Stride{Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege}
}

// Valid reports whether s is one of the six categories.
func (s Stride) Valid() bool { return strideNames.valid(int(s)) }

// String returns the kebab-case name, such as "information-disclosure" ("unset" for the zero value,
// "invalid(N)" otherwise).
func (s Stride) String() string { return strideNames.str(int(s)) }

// Letter returns the STRIDE letter (S, T, R, I, D or E), or "?" when unset.
func (s Stride) Letter() string {
	if !s.Valid() {
		return "?"
	}
	return string("STRIDE"[s-1])
}

// MarshalText implements [encoding.TextMarshaler].
func (s Stride) MarshalText() ([]byte, error) { return strideNames.marshal(int(s)) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Stride) UnmarshalText(b []byte) error {
	if s == nil {
		return errNilTarget("Stride")
	}
	v, err := strideNames.parse(b)
	*s = Stride(v)
	return err
}

// AttackVector is how a threat reaches the product, with the CVSS meaning of
// the four values. The zero value is unset.
type AttackVector int

// The attack vectors, most remote first.
const (
	VectorNetwork AttackVector = iota + 1
	VectorAdjacent
	VectorLocal
	VectorPhysical
)

var vectorNames = enumNames{"attack vector", []string{"", "network", "adjacent", "local", "physical"}}

// AttackVectors returns every vector in a fresh slice.
func AttackVectors() []AttackVector {
	return []AttackVector{VectorNetwork, VectorAdjacent, VectorLocal, VectorPhysical}
}

// Valid reports whether v is known.
func (v AttackVector) Valid() bool { return vectorNames.valid(int(v)) }

// String returns "network", "adjacent", "local" or "physical" ("unset" for the zero value,
// "invalid(N)" otherwise).
func (v AttackVector) String() string { return vectorNames.str(int(v)) }

// MarshalText implements [encoding.TextMarshaler].
func (v AttackVector) MarshalText() ([]byte, error) {
	return vectorNames.marshal(int(v))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (v *AttackVector) UnmarshalText(b []byte) error {
	if v == nil {
		return errNilTarget("AttackVector")
	}
	n, err := vectorNames.parse(b)
	*v = AttackVector(n)
	return err
}

// ThreatSource is who or what causes a threat. The zero value is unset.
type ThreatSource int

// The threat sources.
const (
	// SourceExternal: an outside attacker with no legitimate access.
	SourceExternal ThreatSource = iota + 1
	// SourceInsider: someone with legitimate access (operator, maintainer, integrator).
	SourceInsider
	// SourceSupplyChain: a supplier, a third-party component or the update path.
	SourceSupplyChain
	// SourceAccidental: an honest mistake or an environmental event.
	SourceAccidental
)

var sourceNames = enumNames{"threat source", []string{"", "external", "insider", "supply-chain", "accidental"}}

// ThreatSources returns every source in a fresh slice.
func ThreatSources() []ThreatSource {
	return []ThreatSource{SourceExternal, SourceInsider, SourceSupplyChain, SourceAccidental}
}

// Valid reports whether s is known.
func (s ThreatSource) Valid() bool { return sourceNames.valid(int(s)) }

// String returns "external", "insider", "supply-chain" or "accidental" ("unset" for the zero value,
// "invalid(N)" otherwise).
func (s ThreatSource) String() string { return sourceNames.str(int(s)) }

// MarshalText implements [encoding.TextMarshaler].
func (s ThreatSource) MarshalText() ([]byte, error) {
	return sourceNames.marshal(int(s))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *ThreatSource) UnmarshalText(b []byte) error {
	if s == nil {
		return errNilTarget("ThreatSource")
	}
	n, err := sourceNames.parse(b)
	*s = ThreatSource(n)
	return err
}

// AssetKind classifies an [Asset]. The zero value is unset.
type AssetKind int

// The asset kinds.
const (
	// AssetComponent: a hardware or software part of the product (a process in a data flow diagram).
	AssetComponent AssetKind = iota + 1
	// AssetData: data at rest or in transit (a data store).
	AssetData
	// AssetFunction: a function the product performs (control loop, safety function).
	AssetFunction
	// AssetCredential: keys, certificates, passwords.
	AssetCredential
	// AssetExternalEntity: an actor or system outside the product that interacts with it.
	AssetExternalEntity
)

var assetKindNames = enumNames{"asset kind", []string{"", "component", "data", "function", "credential", "external-entity"}}

// AssetKinds returns every kind in a fresh slice.
func AssetKinds() []AssetKind {
	return []AssetKind{AssetComponent, AssetData, AssetFunction, AssetCredential, AssetExternalEntity}
}

// Valid reports whether k is known.
func (k AssetKind) Valid() bool { return assetKindNames.valid(int(k)) }

// String returns the kebab-case name ("unset" for the zero value,
// "invalid(N)" otherwise).
func (k AssetKind) String() string { return assetKindNames.str(int(k)) }

// MarshalText implements [encoding.TextMarshaler].
func (k AssetKind) MarshalText() ([]byte, error) { return assetKindNames.marshal(int(k)) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *AssetKind) UnmarshalText(b []byte) error {
	if k == nil {
		return errNilTarget("AssetKind")
	}
	n, err := assetKindNames.parse(b)
	*k = AssetKind(n)
	return err
}

// InterfaceKind classifies an [Interface] (an entry point). The zero value is unset.
type InterfaceKind int

// The interface kinds. Physical and debug ports are entry points too.
const (
	// InterfaceNetwork: an IP network service or client (Ethernet, VPN, cloud link).
	InterfaceNetwork InterfaceKind = iota + 1
	// InterfaceFieldbus: an industrial fieldbus or serial link (PROFINET, Modbus RTU).
	InterfaceFieldbus
	// InterfaceWireless: a radio interface (Wi-Fi, Bluetooth, cellular).
	InterfaceWireless
	// InterfacePhysical: an externally accessible physical port (USB, SD card slot, keypad).
	InterfacePhysical
	// InterfaceDebug: a debug port or on-board header (JTAG, SWD, UART console).
	InterfaceDebug
	// InterfaceLocal: an internal interface between components (IPC, shared memory, API).
	InterfaceLocal
	// InterfaceUser: a human-machine interface (display, web UI, engineering tool).
	InterfaceUser
)

var interfaceKindNames = enumNames{"interface kind", []string{"", "network", "fieldbus", "wireless", "physical", "debug", "local", "user"}}

// InterfaceKinds returns every kind in a fresh slice.
func InterfaceKinds() []InterfaceKind {
	return []InterfaceKind{InterfaceNetwork, InterfaceFieldbus, InterfaceWireless, InterfacePhysical, InterfaceDebug, InterfaceLocal, InterfaceUser}
}

// Valid reports whether k is known.
func (k InterfaceKind) Valid() bool { return interfaceKindNames.valid(int(k)) }

// String returns the name, such as "debug" ("unset" for the zero value,
// "invalid(N)" otherwise).
func (k InterfaceKind) String() string { return interfaceKindNames.str(int(k)) }

// MarshalText implements [encoding.TextMarshaler].
func (k InterfaceKind) MarshalText() ([]byte, error) {
	return interfaceKindNames.marshal(int(k))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *InterfaceKind) UnmarshalText(b []byte) error {
	if k == nil {
		return errNilTarget("InterfaceKind")
	}
	n, err := interfaceKindNames.parse(b)
	*k = InterfaceKind(n)
	return err
}

// TreatmentOption is how a risk is treated. The zero value means no decision yet.
type TreatmentOption int

// The treatment options.
const (
	// TreatMitigate: reduce the risk with mitigations (requirements and design).
	TreatMitigate TreatmentOption = iota + 1
	// TreatAvoid: remove the cause (drop the feature, the interface or the use).
	TreatAvoid
	// TreatTransfer: hand the risk to another party (the operator, an insurer), documented.
	TreatTransfer
	// TreatAccept: keep the risk; needs a justification and an approver.
	TreatAccept
)

var treatmentNames = enumNames{"treatment option", []string{"", "mitigate", "avoid", "transfer", "accept"}}

// TreatmentOptions returns every option in a fresh slice.
func TreatmentOptions() []TreatmentOption {
	return []TreatmentOption{TreatMitigate, TreatAvoid, TreatTransfer, TreatAccept}
}

// Valid reports whether o is known.
func (o TreatmentOption) Valid() bool { return treatmentNames.valid(int(o)) }

// String returns "mitigate", "avoid", "transfer" or "accept" ("unset" for the zero value,
// "invalid(N)" otherwise).
func (o TreatmentOption) String() string { return treatmentNames.str(int(o)) }

// MarshalText implements [encoding.TextMarshaler].
func (o TreatmentOption) MarshalText() ([]byte, error) {
	return treatmentNames.marshal(int(o))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (o *TreatmentOption) UnmarshalText(b []byte) error {
	if o == nil {
		return errNilTarget("TreatmentOption")
	}
	n, err := treatmentNames.parse(b)
	*o = TreatmentOption(n)
	return err
}

// ReviewTrigger is why a threat model review took place. The zero value is unset.
type ReviewTrigger int

// The review triggers.
const (
	// TriggerPeriodic: the scheduled review (at least yearly for released products).
	TriggerPeriodic ReviewTrigger = iota + 1
	// TriggerNewThreat: a new threat or vulnerability became known.
	TriggerNewThreat
	// TriggerIncident: a security incident in the field.
	TriggerIncident
	// TriggerRelease: a product release.
	TriggerRelease
)

var triggerNames = enumNames{"review trigger", []string{"", "periodic", "new-threat", "incident", "release"}}

// ReviewTriggers returns every trigger in a fresh slice.
func ReviewTriggers() []ReviewTrigger {
	return []ReviewTrigger{TriggerPeriodic, TriggerNewThreat, TriggerIncident, TriggerRelease}
}

// Valid reports whether t is known.
func (t ReviewTrigger) Valid() bool { return triggerNames.valid(int(t)) }

// String returns "periodic", "new-threat", "incident" or "release" ("unset" for the zero value,
// "invalid(N)" otherwise).
func (t ReviewTrigger) String() string { return triggerNames.str(int(t)) }

// MarshalText implements [encoding.TextMarshaler].
func (t ReviewTrigger) MarshalText() ([]byte, error) {
	return triggerNames.marshal(int(t))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *ReviewTrigger) UnmarshalText(b []byte) error {
	if t == nil {
		return errNilTarget("ReviewTrigger")
	}
	n, err := triggerNames.parse(b)
	*t = ReviewTrigger(n)
	return err
}
