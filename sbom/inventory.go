package sbom

import (
	"fmt"

	"github.com/sdlkit/iec62443/problem"
)

// Sentinel errors of package sbom. Every error returned by a reader wraps one
// of these or one of the requirement sentinels (problem.ErrInvalidDocument
// with ErrSyntax, ErrLimit, ErrDuplicate, ErrDanglingReference ...).
var (
	// ErrUnsupportedFormat: the input is a format or format version this
	// package does not read yet, such as SPDX 3.0 JSON-LD.
	ErrUnsupportedFormat = fmt.Errorf("sbom format not supported yet: %w", problem.ErrUnsupported)
	// ErrNotRepresentable: a write would have to drop data the target format
	// or spec version cannot hold; the error names what.
	ErrNotRepresentable = problem.ErrNotRepresentable
)

// Format is the document format an [Inventory] was read from.
type Format int

const (
	// FormatCycloneDX: CycloneDX JSON or XML.
	FormatCycloneDX Format = iota + 1
	// FormatSPDX: SPDX (2.3 JSON).
	FormatSPDX
)

var formatNames = []string{FormatCycloneDX: "cyclonedx", FormatSPDX: "spdx"}

// Valid reports whether f is known.
func (f Format) Valid() bool { return f >= FormatCycloneDX && f <= FormatSPDX }

// String returns "cyclonedx" or "spdx".
func (f Format) String() string { return enumString(formatNames, int(f)) }

// MarshalText implements encoding.TextMarshaler.
func (f Format) MarshalText() ([]byte, error) { return enumMarshal(formatNames, int(f), "Format") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Format) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(formatNames, b, "format")
	*f = Format(v)
	return err
}

// Encoding is the serialisation of a CycloneDX document.
type Encoding int

const (
	// EncodingJSON: CycloneDX JSON.
	EncodingJSON Encoding = iota + 1
	// EncodingXML: CycloneDX XML.
	EncodingXML
)

var encodingNames = []string{EncodingJSON: "json", EncodingXML: "xml"}

// Valid reports whether e is known.
func (e Encoding) Valid() bool { return e == EncodingJSON || e == EncodingXML }

// String returns "json" or "xml".
func (e Encoding) String() string { return enumString(encodingNames, int(e)) }

// MarshalText implements encoding.TextMarshaler.
func (e Encoding) MarshalText() ([]byte, error) {
	return enumMarshal(encodingNames, int(e), "Encoding")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (e *Encoding) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(encodingNames, b, "encoding")
	*e = Encoding(v)
	return err
}

// Origin says where a component comes from. The zero value is unknown.
type Origin int

const (
	// OriginFirstParty: developed by the manufacturer of the product.
	OriginFirstParty Origin = iota + 1
	// OriginThirdParty: bought or otherwise obtained from a third party under
	// a non-open-source licence.
	OriginThirdParty
	// OriginOpenSource: free and open-source software from a third party.
	OriginOpenSource
)

var originNames = []string{OriginFirstParty: "first-party", OriginThirdParty: "third-party", OriginOpenSource: "open-source"}

// Valid reports whether o is known.
func (o Origin) Valid() bool { return o >= OriginFirstParty && o <= OriginOpenSource }

// String returns "first-party", "third-party" or "open-source".
func (o Origin) String() string { return enumString(originNames, int(o)) }

// MarshalText implements encoding.TextMarshaler.
func (o Origin) MarshalText() ([]byte, error) { return enumMarshal(originNames, int(o), "Origin") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *Origin) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(originNames, b, "origin")
	*o = Origin(v)
	return err
}

// Flag is a yes/no property that may be unstated (the zero value).
type Flag int

const (
	// FlagYes: the property holds (for example "executable").
	FlagYes Flag = iota + 1
	// FlagNo: the property does not hold (for example "non-executable").
	FlagNo
)

var flagNames = []string{FlagYes: "yes", FlagNo: "no"}

// Valid reports whether f is stated.
func (f Flag) Valid() bool { return f == FlagYes || f == FlagNo }

// String returns "yes" or "no".
func (f Flag) String() string { return enumString(flagNames, int(f)) }

// MarshalText implements encoding.TextMarshaler.
func (f Flag) MarshalText() ([]byte, error) { return enumMarshal(flagNames, int(f), "Flag") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Flag) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(flagNames, b, "flag")
	*f = Flag(v)
	return err
}

// Completeness says whether a component's dependency list is complete. The
// zero value means the SBOM does not say, which checks treat as unknown.
type Completeness int

const (
	// CompletenessComplete: every direct dependency is listed.
	CompletenessComplete Completeness = iota + 1
	// CompletenessIncomplete: some direct dependencies may be missing.
	CompletenessIncomplete
	// CompletenessUnknown: the author states that completeness is unknown.
	CompletenessUnknown
)

var completenessNames = []string{CompletenessComplete: "complete", CompletenessIncomplete: "incomplete", CompletenessUnknown: "unknown"}

// Valid reports whether c is stated.
func (c Completeness) Valid() bool {
	return c >= CompletenessComplete && c <= CompletenessUnknown
}

// String returns "complete", "incomplete" or "unknown".
func (c Completeness) String() string {
	return enumString(completenessNames, int(c))
}

// MarshalText implements encoding.TextMarshaler.
func (c Completeness) MarshalText() ([]byte, error) {
	return enumMarshal(completenessNames, int(c), "Completeness")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Completeness) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(completenessNames, b, "completeness")
	*c = Completeness(v)
	return err
}

// Acknowledgement says how a licence was established (CycloneDX 1.6). The
// zero value means unstated.
type Acknowledgement int

const (
	// AcknowledgementConcluded: the licence under which the component is
	// distributed, as concluded by the SBOM author ("distribution licence"
	// in TR-03183-2 v2.1.0).
	AcknowledgementConcluded Acknowledgement = iota + 1
	// AcknowledgementDeclared: the licence as declared by the component's
	// creator ("original licence" in TR-03183-2 v2.1.0).
	AcknowledgementDeclared
)

var ackNames = []string{AcknowledgementConcluded: "concluded", AcknowledgementDeclared: "declared"}

// Valid reports whether a is stated.
func (a Acknowledgement) Valid() bool {
	return a == AcknowledgementConcluded || a == AcknowledgementDeclared
}

// String returns "concluded" or "declared".
func (a Acknowledgement) String() string { return enumString(ackNames, int(a)) }

// MarshalText implements encoding.TextMarshaler.
func (a Acknowledgement) MarshalText() ([]byte, error) {
	return enumMarshal(ackNames, int(a), "Acknowledgement")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Acknowledgement) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(ackNames, b, "acknowledgement")
	*a = Acknowledgement(v)
	return err
}

// Party is an organisation or person: a supplier, a creator, an SBOM author.
type Party struct {
	// Name of the organisation or person; "" when not given.
	Name string `json:"name,omitzero"`
	// Email is a contact e-mail address; "" when not given.
	Email string `json:"email,omitzero"`
	// URL is the party's web address; "" when not given.
	URL string `json:"url,omitzero"`
}

// IsZero reports whether nothing is known about the party.
func (p Party) IsZero() bool { return p == Party{} }

// Reachable reports whether the party has an e-mail address or a URL, as
// TR-03183-2 asks of creators.
func (p Party) Reachable() bool { return p.Email != "" || p.URL != "" }

// Hash is one hash value of a component.
type Hash struct {
	// Algorithm as CycloneDX spells it: "SHA-512", "SHA-256", "SHA3-512" ...
	Algorithm string `json:"algorithm"`
	// Value is the hexadecimal digest.
	Value string `json:"value"`
}

// License is one licence statement of a component: an SPDX licence
// expression (a single identifier is an expression too) or, when the SBOM
// gives no SPDX identifier, a free-text name.
type License struct {
	// Expression is an SPDX licence expression such as "MIT" or
	// "Apache-2.0 OR GPL-2.0-or-later"; "" when only Name is known.
	Expression string `json:"expression,omitzero"`
	// Name is a licence name that is not an SPDX identifier; "" otherwise.
	Name string `json:"name,omitzero"`
	// Acknowledgement says whether the licence is concluded or declared;
	// zero when unstated.
	Acknowledgement Acknowledgement `json:"acknowledgement,omitzero"`
}

// SWID identifies a component by its ISO/IEC 19770-2 software identification tag.
type SWID struct {
	// TagID is the tag's unique ID.
	TagID string `json:"tag_id"`
	// Name is the software name in the tag.
	Name string `json:"name"`
	// Version is the software version in the tag; "" when not given.
	Version string `json:"version,omitzero"`
}

// Component is one entry of the inventory: software (application, library,
// framework, container, operating system, file, firmware) or hardware
// (device). Field comments name where each field lives in CycloneDX.
type Component struct {
	// Ref uniquely names the component in the document (CycloneDX bom-ref,
	// SPDX SPDXID). Dependencies refer to it.
	Ref string `json:"ref,omitzero"`
	// Type is the CycloneDX component type ("library", "application",
	// "firmware", "device" ...).
	Type string `json:"type"`
	// Group is the namespace (CycloneDX group); "" when none.
	Group string `json:"group,omitzero"`
	// Name of the component, as its creator names it.
	Name string `json:"name"`
	// Version of the component; "" when unknown.
	Version string `json:"version,omitzero"`
	// Supplier distributes the component (CycloneDX supplier).
	Supplier Party `json:"supplier,omitzero"`
	// Creator made the component (CycloneDX 1.6 manufacturer; the
	// deprecated author text is read into Creator.Name when no manufacturer
	// is given).
	Creator Party `json:"creator,omitzero"`
	// PURL is the package URL, as written; see [ParsePURL].
	PURL string `json:"purl,omitzero"`
	// CPE is a CPE 2.2 or 2.3 name; "" when none.
	CPE string `json:"cpe,omitzero"`
	// SWID is the software identification tag; nil when none.
	SWID *SWID `json:"swid,omitzero"`
	// Hashes of the deployable component.
	Hashes []Hash `json:"hashes,omitzero"`
	// Licenses in document order.
	Licenses []License `json:"licenses,omitzero"`
	// EffectiveLicense is the licence in effect for the manufacturer
	// (property bsi:component:effectiveLicense); "" when not given.
	EffectiveLicense string `json:"effective_license,omitzero"`
	// DependsOn lists the refs of the direct dependencies. HasDependencies
	// tells an empty list from an absent one.
	DependsOn []string `json:"depends_on,omitzero"`
	// HasDependencies is true when the SBOM has a dependency entry for the
	// component (possibly with no dependencies: a leaf).
	HasDependencies bool `json:"has_dependencies,omitzero"`
	// DependenciesComplete says whether DependsOn is complete (CycloneDX
	// compositions); zero when the SBOM does not say.
	DependenciesComplete Completeness `json:"dependencies_complete,omitzero"`
	// Origin is first party, third party or open source (property
	// iec62443:component:origin); zero when unknown.
	Origin Origin `json:"origin,omitzero"`
	// Filename is the actual file name of the deployable component, without
	// a path (property bsi:component:filename).
	Filename string `json:"filename,omitzero"`
	// Executable, Archive and Structured are the BSI properties
	// bsi:component:executable, bsi:component:archive and
	// bsi:component:structured.
	Executable Flag `json:"executable,omitzero"`
	// Archive: see Executable.
	Archive Flag `json:"archive,omitzero"`
	// Structured: see Executable.
	Structured Flag `json:"structured,omitzero"`
	// SourceURI is where the source code is (CycloneDX external reference
	// of type vcs, or source-distribution).
	SourceURI string `json:"source_uri,omitzero"`
	// DeployableURI is where the deployable form can be downloaded
	// (external reference of type distribution).
	DeployableURI string `json:"deployable_uri,omitzero"`
	// SecurityTxtURL is the URL of the creator's security.txt (external
	// reference of type rfc-9116).
	SecurityTxtURL string `json:"security_txt_url,omitzero"`
	// EndOfSupport is the date (YYYY-MM-DD) after which the creator no
	// longer supports the component (property
	// iec62443:component:end-of-support); "" when unknown.
	EndOfSupport string `json:"end_of_support,omitzero"`
	// FirmwareVersion is the firmware version of a hardware component
	// (property iec62443:component:firmware-version).
	FirmwareVersion string `json:"firmware_version,omitzero"`
	// Parent is the Ref of the component that contains this one (CycloneDX
	// nested components); "" for top-level components (and for the
	// children of a component without Ref). Written, it must name another
	// component of Components.
	Parent string `json:"parent,omitzero"`
	// Pointer locates the component in the document it was read from
	// (RFC 6901, into the JSON form); "" for components added in code.
	Pointer string `json:"pointer,omitzero"`
}

// Hardware reports whether the component is a device (hardware).
func (c *Component) Hardware() bool { return c != nil && c.Type == "device" }

// Inventory is a product's component inventory, read from an SBOM or built
// in code. Read from CycloneDX, it remembers the original document so that
// [EncodeCycloneDX] can augment it instead of replacing it.
type Inventory struct {
	// Format is the format the inventory was read from; zero when built in code.
	Format Format `json:"format,omitzero"`
	// SpecVersion is the format's version as the document states it:
	// "1.6" for CycloneDX, "SPDX-2.3" for SPDX.
	SpecVersion string `json:"spec_version,omitzero"`
	// SerialNumber is the SBOM's unique URI (CycloneDX serialNumber, SPDX
	// documentNamespace).
	SerialNumber string `json:"serial_number,omitzero"`
	// Version is the SBOM's version (CycloneDX version; 0 when unknown).
	Version int `json:"version,omitzero"`
	// Timestamp is when the SBOM was created, as written (RFC 3339).
	Timestamp string `json:"timestamp,omitzero"`
	// Authors created the SBOM data (CycloneDX metadata.authors, or
	// metadata.manufacturer when no author is given; SPDX creators).
	Authors []Party `json:"authors,omitzero"`
	// Manufacturer is the organisation that made the product and, for
	// TR-03183-2, usually the SBOM's creator (CycloneDX 1.6
	// metadata.manufacturer); zero when not given.
	Manufacturer Party `json:"manufacturer,omitzero"`
	// Subject is the product the SBOM describes (CycloneDX
	// metadata.component, SPDX DESCRIBES); nil when not given.
	Subject *Component `json:"subject,omitzero"`
	// Components lists every component, nested ones flattened in document
	// order (depth first).
	Components []Component `json:"components,omitzero"`
	// Vulnerabilities counts the vulnerability entries in the SBOM (TR-03183-2
	// wants none: vulnerability information belongs in CSAF or VEX).
	Vulnerabilities int `json:"vulnerabilities,omitzero"`

	orig *cdxOrigin // the CycloneDX document read, for augmenting; nil otherwise
	// noAugment: read from CycloneDX with DecodeOptions.NoAugment (orig
	// left out on purpose)
	noAugment bool
	schema    *schemaResult // validation of the document read against its official schema; nil when not validated
	meta      *docPointers  // where an SPDX 3 document keeps its metadata; nil otherwise
	tools     []string      // the tools that generated the SBOM (CycloneDX metadata.tools, SPDX Tool: creators); read, not written
}
