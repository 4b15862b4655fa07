package annex

// CRAProduct is one point of CRA Annex III (important products, class I and
// class II) or Annex IV (critical products). A product falls under a point
// when its core functionality is of that kind (Implementing Regulation (EU)
// 2025/2392 gives the technical descriptions). The zero value is unset.
//
// The text form is a stable kebab-case name ("vpn", "firewall-ids-ips");
// [CRAProduct.Ref] gives the Annex reference and [CRAProduct.Class] the class.
type CRAProduct int

// The Annex III and IV points, in Annex order. The comment of each gives
// its reference; [CRAProduct.Label] describes it.
const (
	CRAIdentityAccessManagement CRAProduct = iota + 1 // Annex III Class I (1)
	CRABrowser                                        // Annex III Class I (2)
	CRAPasswordManager                                // Annex III Class I (3)
	CRAMalwareProtection                              // Annex III Class I (4)
	CRAVPN                                            // Annex III Class I (5)
	CRANetworkManagement                              // Annex III Class I (6)
	CRASIEM                                           // Annex III Class I (7)
	CRABootManager                                    // Annex III Class I (8)
	CRAPKI                                            // Annex III Class I (9)
	CRANetworkInterface                               // Annex III Class I (10)
	CRAOperatingSystem                                // Annex III Class I (11)
	CRARouterModemSwitch                              // Annex III Class I (12)
	CRASecurityMicroprocessor                         // Annex III Class I (13)
	CRASecurityMicrocontroller                        // Annex III Class I (14)
	CRASecurityASICFPGA                               // Annex III Class I (15)
	CRASmartHomeAssistant                             // Annex III Class I (16)
	CRASmartHomeSecurity                              // Annex III Class I (17)
	CRAConnectedToy                                   // Annex III Class I (18)
	CRAWearable                                       // Annex III Class I (19)

	// Annex III class II, points (1) to (4).

	CRAHypervisorContainerRuntime     // Annex III Class II (1)
	CRAFirewallIDS                    // Annex III Class II (2)
	CRATamperResistantMicroprocessor  // Annex III Class II (3)
	CRATamperResistantMicrocontroller // Annex III Class II (4)

	// Annex IV, points (1) to (3).

	CRASecurityBox       // Annex IV (1)
	CRASmartMeterGateway // Annex IV (2)
	CRASmartcard         // Annex IV (3)
)

type craProductInfo struct {
	name  string
	class CRAClass
	point int
	label string // own words
}

var craProductTable = [...]craProductInfo{
	CRAIdentityAccessManagement:       {"identity-access-management", ClassImportantI, 1, "identity and privileged access management, including access and biometric readers"},
	CRABrowser:                        {"browser", ClassImportantI, 2, "standalone or embedded web browser"},
	CRAPasswordManager:                {"password-manager", ClassImportantI, 3, "password manager"},
	CRAMalwareProtection:              {"malware-protection", ClassImportantI, 4, "software that finds, removes or quarantines malware"},
	CRAVPN:                            {"vpn", ClassImportantI, 5, "product with a virtual private network function"},
	CRANetworkManagement:              {"network-management", ClassImportantI, 6, "network management system"},
	CRASIEM:                           {"siem", ClassImportantI, 7, "security information and event management system"},
	CRABootManager:                    {"boot-manager", ClassImportantI, 8, "boot manager"},
	CRAPKI:                            {"pki", ClassImportantI, 9, "public key infrastructure and certificate issuing software"},
	CRANetworkInterface:               {"network-interface", ClassImportantI, 10, "physical or virtual network interface"},
	CRAOperatingSystem:                {"operating-system", ClassImportantI, 11, "operating system"},
	CRARouterModemSwitch:              {"router-modem-switch", ClassImportantI, 12, "router, internet modem or switch"},
	CRASecurityMicroprocessor:         {"security-microprocessor", ClassImportantI, 13, "microprocessor with security functions"},
	CRASecurityMicrocontroller:        {"security-microcontroller", ClassImportantI, 14, "microcontroller with security functions"},
	CRASecurityASICFPGA:               {"security-asic-fpga", ClassImportantI, 15, "ASIC or FPGA with security functions"},
	CRASmartHomeAssistant:             {"smart-home-assistant", ClassImportantI, 16, "general-purpose virtual assistant for the smart home"},
	CRASmartHomeSecurity:              {"smart-home-security", ClassImportantI, 17, "smart home product with security functions (locks, cameras, alarms, baby monitors)"},
	CRAConnectedToy:                   {"connected-toy", ClassImportantI, 18, "internet-connected toy that interacts socially or tracks location"},
	CRAWearable:                       {"wearable", ClassImportantI, 19, "personal wearable that monitors health (outside the medical device rules) or is meant for children"},
	CRAHypervisorContainerRuntime:     {"hypervisor-container-runtime", ClassImportantII, 1, "hypervisor or container runtime"},
	CRAFirewallIDS:                    {"firewall-ids-ips", ClassImportantII, 2, "firewall, intrusion detection or intrusion prevention system"},
	CRATamperResistantMicroprocessor:  {"tamper-resistant-microprocessor", ClassImportantII, 3, "tamper-resistant microprocessor"},
	CRATamperResistantMicrocontroller: {"tamper-resistant-microcontroller", ClassImportantII, 4, "tamper-resistant microcontroller"},
	CRASecurityBox:                    {"security-box", ClassCritical, 1, "hardware device with a security box"},
	CRASmartMeterGateway:              {"smart-meter-gateway", ClassCritical, 2, "smart meter gateway or other device for advanced security purposes such as secure cryptoprocessing"},
	CRASmartcard:                      {"smartcard-secure-element", ClassCritical, 3, "smartcard or similar device, including a secure element"},
}

var craProductNames = func() []string {
	out := make([]string, len(craProductTable))
	for i, e := range craProductTable {
		out[i] = e.name
	}
	return out
}()

// CRAProducts returns every Annex III and IV point, in Annex order (class I,
// class II, critical), in a fresh slice.
func CRAProducts() []CRAProduct { return enumValues[CRAProduct](craProductNames) }

// Valid reports whether p is a known point.
func (p CRAProduct) Valid() bool { return p >= CRAIdentityAccessManagement && p <= CRASmartcard }

// String returns the kebab-case name, such as "vpn".
func (p CRAProduct) String() string { return enumName(craProductNames, p) }

// Class returns the CRA class of the point, or 0 for an invalid p.
func (p CRAProduct) Class() CRAClass {
	if !p.Valid() {
		return 0
	}
	return craProductTable[p].class
}

// Ref returns the reference of the point, such as "Annex III Class I (5)";
// the zero CRARef for an invalid p.
func (p CRAProduct) Ref() CRARef {
	if !p.Valid() {
		return CRARef{}
	}
	e := craProductTable[p]
	switch e.class {
	case ClassImportantI:
		return CRARef{Annex: 3, Class: 1, Point: e.point}
	case ClassImportantII:
		return CRARef{Annex: 3, Class: 2, Point: e.point}
	case ClassCritical:
		return CRARef{Annex: 4, Point: e.point}
	case ClassDefault:
	}
	return CRARef{}
}

// Label describes the point in the SDK's own words (not the Regulation's text).
func (p CRAProduct) Label() string {
	if !p.Valid() {
		return ""
	}
	return craProductTable[p].label
}

// CRAProductForRef returns the point a reference such as "Annex III Class I
// (12)" names.
func CRAProductForRef(r CRARef) (CRAProduct, bool) {
	for _, p := range CRAProducts() {
		if p.Ref() == r {
			return p, true
		}
	}
	return 0, false
}

// MarshalText implements [encoding.TextMarshaler].
func (p CRAProduct) MarshalText() ([]byte, error) {
	return enumMarshal("CRA product", craProductNames, p)
}

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts the
// kebab-case name or the Annex reference ("Annex III Class I (5)" or
// "III.I.5"); documents validated against [ContextSchema] use the names only.
func (p *CRAProduct) UnmarshalText(b []byte) error {
	v, err := enumParse[CRAProduct]("CRA product category", craProductNames, b)
	if err == nil {
		*p = v
		return nil
	}
	if r, rerr := ParseCRARef(string(b)); rerr == nil {
		if v, ok := CRAProductForRef(r); ok {
			*p = v
			return nil
		}
	}
	return err
}
