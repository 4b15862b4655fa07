package sbom_test

import (
	"testing"

	"github.com/sdlkit/iec62443/internal/nilwalk"
	"github.com/sdlkit/iec62443/sbom"
)

// TestNilInput calls every exported function and method of the package with
// nil and zero input (a nil context, reader, writer, inventory or options;
// zero enums): none may panic. Functions that need an argument return an
// error wrapping problem.ErrNilInput instead.
func TestNilInput(t *testing.T) {
	fns := map[string]any{
		"CheckCycloneDX":               sbom.CheckCycloneDX,
		"Check":                        sbom.Check,
		"EncodeCSAFVEX":                sbom.EncodeCSAFVEX,
		"ValidateCSAFVEX":              sbom.ValidateCSAFVEX,
		"DecodeCycloneDX":              sbom.DecodeCycloneDX,
		"SpecVersions":                 sbom.SpecVersions,
		"EncodeCycloneDX":              sbom.EncodeCycloneDX,
		"Format.Valid":                 sbom.Format.Valid,
		"Format.String":                sbom.Format.String,
		"Format.MarshalText":           sbom.Format.MarshalText,
		"Encoding.Valid":               sbom.Encoding.Valid,
		"Encoding.String":              sbom.Encoding.String,
		"Encoding.MarshalText":         sbom.Encoding.MarshalText,
		"Origin.Valid":                 sbom.Origin.Valid,
		"Origin.String":                sbom.Origin.String,
		"Origin.MarshalText":           sbom.Origin.MarshalText,
		"Flag.Valid":                   sbom.Flag.Valid,
		"Flag.String":                  sbom.Flag.String,
		"Flag.MarshalText":             sbom.Flag.MarshalText,
		"Completeness.Valid":           sbom.Completeness.Valid,
		"Completeness.String":          sbom.Completeness.String,
		"Completeness.MarshalText":     sbom.Completeness.MarshalText,
		"Acknowledgement.Valid":        sbom.Acknowledgement.Valid,
		"Acknowledgement.String":       sbom.Acknowledgement.String,
		"Acknowledgement.MarshalText":  sbom.Acknowledgement.MarshalText,
		"Party.IsZero":                 sbom.Party.IsZero,
		"Party.Reachable":              sbom.Party.Reachable,
		"Component.Hardware":           (*sbom.Component).Hardware,
		"LicenseListVersion":           sbom.LicenseListVersion,
		"LicenseExpression.String":     sbom.LicenseExpression.String,
		"LicenseExpression.IDs":        sbom.LicenseExpression.IDs,
		"LicenseExpression.Deprecated": sbom.LicenseExpression.Deprecated,
		"ParseLicenseExpression":       sbom.ParseLicenseExpression,
		"DecodeOSV":                    sbom.DecodeOSV,
		"MatchStatus.Valid":            sbom.MatchStatus.Valid,
		"MatchStatus.String":           sbom.MatchStatus.String,
		"MatchStatus.MarshalText":      sbom.MatchStatus.MarshalText,
		"MatchOSV":                     sbom.MatchOSV,
		"CheckProfiles":                sbom.CheckProfiles,
		"CheckProfile.Valid":           sbom.CheckProfile.Valid,
		"CheckProfile.String":          sbom.CheckProfile.String,
		"CheckProfile.MarshalText":     sbom.CheckProfile.MarshalText,
		"RuleLevel.Valid":              sbom.RuleLevel.Valid,
		"RuleLevel.String":             sbom.RuleLevel.String,
		"RuleLevel.MarshalText":        sbom.RuleLevel.MarshalText,
		"ProfileRule.Severity":         sbom.ProfileRule.Severity,
		"ProfileRules":                 sbom.ProfileRules,
		"ParsePURL":                    sbom.ParsePURL,
		"Rules":                        sbom.Rules,
		"DecodeSPDX":                   sbom.DecodeSPDX,
		"Decode":                       sbom.Decode,
		"Detect":                       sbom.Detect,
		"EncodeSPDX":                   sbom.EncodeSPDX,
		"SPDXVersions":                 sbom.SPDXVersions,
		"Syntaxes":                     sbom.Syntaxes,
		"Syntax.Valid":                 sbom.Syntax.Valid,
		"Syntax.String":                sbom.Syntax.String,
		"Syntax.MarshalText":           sbom.Syntax.MarshalText,
		"Formats":                      sbom.Formats,
		"Encodings":                    sbom.Encodings,
		"Origins":                      sbom.Origins,
		"Flags":                        sbom.Flags,
		"Completenesses":               sbom.Completenesses,
		"Acknowledgements":             sbom.Acknowledgements,
		"RuleLevels":                   sbom.RuleLevels,
		"MatchStatuses":                sbom.MatchStatuses,
		"VEXStatuses":                  sbom.VEXStatuses,
		"Justifications":               sbom.Justifications,
		"Responses":                    sbom.Responses,
		"VEXStatus.Valid":              sbom.VEXStatus.Valid,
		"VEXStatus.String":             sbom.VEXStatus.String,
		"VEXStatus.MarshalText":        sbom.VEXStatus.MarshalText,
		"Justification.Valid":          sbom.Justification.Valid,
		"Justification.String":         sbom.Justification.String,
		"Justification.MarshalText":    sbom.Justification.MarshalText,
		"Response.Valid":               sbom.Response.Valid,
		"Response.String":              sbom.Response.String,
		"Response.MarshalText":         sbom.Response.MarshalText,
		"EncodeCycloneDXVEX":           sbom.EncodeCycloneDXVEX,
		"Triage":                       sbom.Triage,
	}
	skip := map[string]string{}
	for _, n := range []string{"Format", "Encoding", "Origin", "Flag", "Completeness", "Acknowledgement", "MatchStatus", "CheckProfile", "RuleLevel", "VEXStatus", "Justification", "Response", "Syntax"} {
		skip[n+".UnmarshalText"] = "encoding.TextUnmarshaler: a nil receiver is a caller bug, as in the standard library"
	}
	nilwalk.Check(t, ".", fns, skip)
}
