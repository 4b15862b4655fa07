package sbom

import (
	"github.com/sdlkit/iec62443/requirement"
)

// CheckProfile selects the rule set [Check] applies: a published text an
// SBOM is checked against. (Not to be confused with annex.SecurityProfile,
// the security profile of a product.)
type CheckProfile int

const (
	// ProfileTR03183v2_1 is BSI TR-03183-2 version 2.1.0 (20 Aug 2025):
	// CycloneDX 1.6 or newer (SPDX 3.0.1 or newer), SHA-512 hashes,
	// distribution licences as concluded SPDX expressions, the
	// bsi:component:* properties.
	ProfileTR03183v2_1 CheckProfile = iota + 1
	// ProfileTR03183v2_0 is BSI TR-03183-2 version 2.0.0 (20 Sep 2024):
	// CycloneDX 1.5 or newer (SPDX 2.2.1 or newer); "associated licences"
	// may carry any acknowledgement.
	ProfileTR03183v2_0
	// ProfileNTIA is the NTIA minimum elements (July 2021): supplier, name,
	// version, other unique identifiers, dependency relationship, author,
	// timestamp.
	ProfileNTIA
	// ProfileCRA is CRA Annex I Part II point (1): an SBOM in a common
	// machine-readable format covering at least the top-level dependencies.
	ProfileCRA
)

var profileNames = []string{
	ProfileTR03183v2_1: "bsi-tr-03183-2-v2.1.0",
	ProfileTR03183v2_0: "bsi-tr-03183-2-v2.0.0",
	ProfileNTIA:        "ntia-minimum-elements",
	ProfileCRA:         "cra-annex-i-part-ii-1",
}

// CheckProfiles returns every profile in a fresh slice.
func CheckProfiles() []CheckProfile {
	return []CheckProfile{ProfileTR03183v2_1, ProfileTR03183v2_0, ProfileNTIA, ProfileCRA}
}

// Valid reports whether p is known.
func (p CheckProfile) Valid() bool { return p >= ProfileTR03183v2_1 && p <= ProfileCRA }

// String returns the profile's name, such as "bsi-tr-03183-2-v2.1.0".
func (p CheckProfile) String() string { return enumString(profileNames, int(p)) }

// MarshalText implements encoding.TextMarshaler.
func (p CheckProfile) MarshalText() ([]byte, error) {
	return enumMarshal(profileNames, int(p), "profile")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *CheckProfile) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(profileNames, b, "profile")
	*p = CheckProfile(v)
	return err
}

// RuleLevel is how binding a rule's field is within its profile. (Not to
// be confused with maturity.Level.)
type RuleLevel int

const (
	// LevelRequired: the field must be present.
	LevelRequired RuleLevel = iota + 1
	// LevelAdditional: the field must be present if it exists (TR-03183-2
	// "additional" fields). A missing value counts as unknown, not as a
	// failure: the check cannot know whether the data exists.
	LevelAdditional
	// LevelOptional: the field may be present; gaps are counted, and
	// reported only when CheckOptions.ReportOptional is set.
	LevelOptional
)

var levelNames = []string{LevelRequired: "required", LevelAdditional: "additional", LevelOptional: "optional"}

// Valid reports whether l is known.
func (l RuleLevel) Valid() bool { return l >= LevelRequired && l <= LevelOptional }

// String returns "required", "additional" or "optional".
func (l RuleLevel) String() string { return enumString(levelNames, int(l)) }

// MarshalText implements encoding.TextMarshaler.
func (l RuleLevel) MarshalText() ([]byte, error) { return enumMarshal(levelNames, int(l), "level") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *RuleLevel) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(levelNames, b, "level")
	*l = RuleLevel(v)
	return err
}

// ruleKind numbers the rules, so that the per-component loop switches on
// an int rather than on rule ID strings.
type ruleKind int

const (
	kFormatVersion ruleKind = iota + 1
	kMachineReadable
	kSBOMCreator
	kSBOMTimestamp
	kSBOMURI
	kNoVulnerabilities
	kTopLevelDependencies
	kComponentCreator
	kComponentSupplier
	kComponentName
	kComponentVersion
	kComponentFilename
	kComponentDependencies
	kDependencyCompleteness
	kDistributionLicence
	kLicenceExpression
	kHashSHA512
	kExecutable
	kArchive
	kStructured
	kSourceURI
	kDeployableURI
	kIdentifier
	kPURLValid
	kOriginalLicence
	kEffectiveLicence
	kSecurityTxt
	kSchemaValid
	kLicenceDeprecated
)

// ProfileRule is one rule as a profile applies it: its ID (see [Rules]
// for the registry entry), the requirement it evidences, and how binding
// it is in the profile.
type ProfileRule struct {
	// ID is the stable rule ID.
	ID requirement.RuleID `json:"id"`
	// Requirement is the catalog requirement (A11, provisional) the rule
	// gives evidence for: SM-14 component inventory, SM-15 SBOM, DM-10
	// monitoring of third-party components.
	Requirement requirement.ID `json:"requirement"`
	// Level is how binding the field is in the profile.
	Level RuleLevel `json:"level"`
	// Component is true for rules checked per component, false for rules
	// about the SBOM as a whole.
	Component bool `json:"component"`
	// Summary says in a few words what the rule checks.
	Summary string `json:"summary"`

	kind ruleKind
}

// Severity returns the severity of the rule's findings: high for required,
// low for additional, info for optional fields.
func (r ProfileRule) Severity() requirement.Severity {
	// r_ marks rules outside a profile, which never reach a report.
	//exhaustive:ignore
	switch r.Level {
	case LevelRequired:
		return requirement.SeverityHigh
	case LevelAdditional:
		return requirement.SeverityLow
	case LevelOptional:
		return requirement.SeverityInfo
	}
	return requirement.SeverityInfo
}

type ruleDef struct {
	kind      ruleKind
	id        requirement.RuleID
	req       requirement.ID
	component bool
	summary   string
	levels    [5]RuleLevel // by CheckProfile; 0: not in the profile
}

const (
	r_ = RuleLevel(0)
	rq = LevelRequired
	ad = LevelAdditional
	op = LevelOptional
)

// ruleDefs in report order. Columns of levels: -, TR 2.1, TR 2.0, NTIA, CRA.
var ruleDefs = []ruleDef{
	{kMachineReadable, ruleMachineReadable, requirement.SM15, false, "the SBOM is in a common machine-readable format", [5]RuleLevel{r_, r_, r_, rq, rq}},
	{kSchemaValid, ruleSchemaValid, requirement.SM15, false, "the SBOM validates against the official schema of its format version", [5]RuleLevel{r_, rq, rq, rq, rq}},
	{kFormatVersion, ruleFormatVersion, requirement.SM15, false, "the format version is one the profile accepts", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kSBOMCreator, ruleSBOMCreator, requirement.SM15, false, "the SBOM names its creator in metadata.authors or metadata.manufacturer (TR: with e-mail or URL; NTIA: the generating tool in metadata.tools will do)", [5]RuleLevel{r_, rq, rq, rq, r_}},
	{kSBOMTimestamp, ruleSBOMTimestamp, requirement.SM15, false, "the SBOM has a valid creation timestamp", [5]RuleLevel{r_, rq, rq, rq, r_}},
	{kSBOMURI, ruleSBOMURI, requirement.SM15, false, "the SBOM has a unique URI (serial number)", [5]RuleLevel{r_, ad, ad, r_, r_}},
	{kNoVulnerabilities, ruleNoVulnerabilities, requirement.SM15, false, "the SBOM carries no vulnerability information", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kTopLevelDependencies, ruleTopLevelDependencies, requirement.SM15, false, "the product's direct dependencies are listed", [5]RuleLevel{r_, rq, rq, rq, rq}},
	{kComponentCreator, ruleComponentCreator, requirement.SM14, true, "each component names its creator with e-mail or URL", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kComponentSupplier, ruleComponentSupplier, requirement.SM14, true, "each component names its supplier", [5]RuleLevel{r_, r_, r_, rq, r_}},
	{kComponentName, ruleComponentName, requirement.SM14, true, "each component has a name", [5]RuleLevel{r_, rq, rq, rq, rq}},
	{kComponentVersion, ruleComponentVersion, requirement.SM14, true, "each component has a version", [5]RuleLevel{r_, rq, rq, rq, rq}},
	{kComponentFilename, ruleComponentFilename, requirement.SM14, true, "each component gives its file name (bsi:component:filename)", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kComponentDependencies, ruleComponentDependencies, requirement.SM14, true, "each component has a dependency entry", [5]RuleLevel{r_, rq, rq, rq, r_}},
	{kDependencyCompleteness, ruleDependencyCompleteness, requirement.SM14, true, "each component states whether its dependency list is complete (compositions[].aggregate complete, incomplete or unknown, naming it in dependencies or assemblies)", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kDistributionLicence, ruleDistributionLicence, requirement.SM14, true, "each component has a distribution licence in licenses[] (v2.1.0: acknowledgement concluded)", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kLicenceExpression, ruleLicenceExpression, requirement.SM14, true, "every licence is an SPDX licence expression whose identifiers are on the SPDX licence or exception list", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kLicenceDeprecated, ruleLicenceDeprecated, requirement.SM14, true, "no licence identifier is deprecated on the SPDX licence list (a warning)", [5]RuleLevel{r_, op, op, r_, r_}},
	{kHashSHA512, ruleHashSHA512, requirement.SM14, true, "each component has a SHA-512 hash of its deployable form (externalReferences[type=distribution].hashes or components[].hashes)", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kExecutable, ruleExecutable, requirement.SM14, true, "each component states bsi:component:executable", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kArchive, ruleArchive, requirement.SM14, true, "each component states bsi:component:archive", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kStructured, ruleStructured, requirement.SM14, true, "each component states bsi:component:structured", [5]RuleLevel{r_, rq, rq, r_, r_}},
	{kSourceURI, ruleSourceURI, requirement.SM14, true, "each component gives its source code URI (if it exists)", [5]RuleLevel{r_, ad, ad, r_, r_}},
	{kDeployableURI, ruleDeployableURI, requirement.SM14, true, "each component gives the URI of its deployable form (if it exists)", [5]RuleLevel{r_, ad, ad, r_, r_}},
	{kIdentifier, ruleIdentifier, requirement.DM10, true, "each component has another unique identifier (purl, CPE or SWID)", [5]RuleLevel{r_, ad, ad, rq, r_}},
	{kPURLValid, rulePURLValid, requirement.DM10, true, "every purl is a valid package URL", [5]RuleLevel{r_, rq, rq, rq, rq}},
	{kOriginalLicence, ruleOriginalLicence, requirement.SM14, true, "each component gives its original (declared) licence (if it exists)", [5]RuleLevel{r_, ad, op, r_, r_}},
	{kEffectiveLicence, ruleEffectiveLicence, requirement.SM14, true, "each component gives its effective licence (bsi:component:effectiveLicense)", [5]RuleLevel{r_, op, r_, r_, r_}},
	{kSecurityTxt, ruleSecurityTxt, requirement.DM10, true, "each component gives the URL of its creator's security.txt", [5]RuleLevel{r_, op, r_, r_, r_}},
}

// ProfileRules returns the rules of profile p, in report order, in a fresh
// slice. An unknown profile has no rules. [Rules] is the registry of every
// rule of the package.
func ProfileRules(p CheckProfile) []ProfileRule {
	if !p.Valid() {
		return nil
	}
	var out []ProfileRule
	for _, d := range ruleDefs {
		if l := d.levels[p]; l != 0 {
			out = append(out, ProfileRule{kind: d.kind, ID: d.id, Requirement: d.req, Level: l, Component: d.component, Summary: d.summary})
		}
	}
	return out
}
