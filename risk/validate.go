package risk

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/requirement"
)

// moduleCovers lists, per Annex D module, the STRIDE categories whose
// mitigation a test of that module can show to work against the product (own
// modelling, provisional). Static code analysis and software composition
// analysis examine code and binaries, not the running product: they support
// but cannot on their own verify a threat's mitigation.
var moduleCovers = map[annex.Module][]Stride{
	annex.ModuleSecurityRequirementsTesting: {Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModuleThreatMitigationTesting:     {Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModulePenetrationTesting:          {Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModuleAbuseCaseTesting:            {Tampering, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModuleAttackSurfaceAnalysis:       {Spoofing, InformationDisclosure, ElevationOfPrivilege},
	annex.ModuleKnownVulnerabilityScanning:  {Tampering, InformationDisclosure, DenialOfService, ElevationOfPrivilege},
	annex.ModuleDynamicRuntimeTesting:       {InformationDisclosure, DenialOfService},
	annex.ModuleSoftwareCompositionAnalysis: nil,
	annex.ModuleStaticCodeAnalysis:          nil,
	annex.ModuleUpdateMechanismTesting:      {Spoofing, Tampering},
	annex.ModuleCryptographyTesting:         {Spoofing, Tampering, InformationDisclosure},
}

// ModuleCovers reports whether a test of module m can verify the mitigation
// of a threat of category s (own modelling, provisional; see [Validate]). An
// empty module (a test known only by its record) covers every category; such
// a test still counts only when it names the mitigations it exercises.
func ModuleCovers(m annex.Module, s Stride) bool {
	if m == "" {
		return true
	}
	for _, c := range moduleCovers[m] {
		if c == s {
			return true
		}
	}
	return false
}

// claimKind says whether a verification can verify a threat it claims, and if not, why.
type claimKind uint8

const (
	claimOK          claimKind = iota
	claimUnlinked              // neither module nor mitigations named
	claimNotYet                // dated after the assessment date
	claimModule                // the module cannot verify the threat's category
	claimMitigations           // none of the tested mitigations treats a risk of the threat
)

// unlinked reports whether verification vi names neither a module nor a mitigation.
func (ix *index) unlinked(vi int) bool {
	return ix.reg.Verifications[vi].Module == "" && len(ix.verifMits.of(vi)) == 0
}

// claim says whether verification vi can verify threat ti.
func (ix *index) claim(vi, ti int) claimKind {
	ver := &ix.reg.Verifications[vi]
	if ix.unlinked(vi) {
		return claimUnlinked
	}
	if !ModuleCovers(ver.Module, ix.reg.Threats[ti].Category) {
		return claimModule
	}
	if !ix.treatedBy(vi, ti) {
		return claimMitigations
	}
	if ver.Date.After(ix.today) {
		return claimNotYet
	}
	return claimOK
}

// treatedBy reports whether verification vi tests no particular mitigation,
// or one that treats a risk of threat ti.
func (ix *index) treatedBy(vi, ti int) bool {
	vms := ix.verifMits.of(vi)
	if len(vms) == 0 {
		return true
	}
	for _, ri := range ix.risksOfThreat.of(ti) {
		for _, m := range ix.riskMits.of(int(ri)) {
			for _, vm := range vms {
				if m == vm {
					return true
				}
			}
		}
	}
	return false
}

// claimWhy explains why verification vi cannot verify threat ti.
func (ix *index) claimWhy(vi, ti int, c claimKind) string {
	ver := &ix.reg.Verifications[vi]
	switch c {
	case claimModule:
		return fmt.Sprintf("its module %s cannot verify the mitigation of a threat of category %s: use a module that tests the running product (e.g. %s), or drop the claim (a verification that claims no other threat is removed, not emptied)", ver.Module, ix.reg.Threats[ti].Category, annex.ModuleThreatMitigationTesting)
	case claimMitigations:
		return fmt.Sprintf("none of the mitigations it tests (%s) treats a risk of that threat: link the threat to the risk those mitigations treat, or correct the claim", strings.Join(ver.Mitigations, ", "))
	case claimUnlinked:
		return "it names neither an Annex D module nor the mitigations it exercises"
	case claimNotYet:
		return "it is dated after the assessment date"
	case claimOK:
	}
	return ""
}

// passed reports whether verification vi passed and can verify threat ti.
func (ix *index) passed(vi, ti int) bool {
	return ix.reg.Verifications[vi].Outcome == requirement.OutcomePass && ix.claim(vi, ti) == claimOK
}

// verified reports whether every threat of risk i has a passing, valid verification.
func (ix *index) verified(i int) bool {
	for _, ti := range ix.riskThreats.of(i) {
		if !ix.threatVerified(int(ti)) {
			return false
		}
	}
	return true
}

// threatVerified reports whether threat ti has a passing, valid
// verification; the answer is computed once per threat.
func (ix *index) threatVerified(ti int) bool {
	if ix.threatOK == nil {
		ix.threatOK = make([]int8, len(ix.reg.Threats))
	}
	if c := ix.threatOK[ti]; c != 0 {
		return c > 0
	}
	ok := false
	for _, vi := range ix.verifsOfThreat.of(ti) {
		if ix.passed(int(vi), ti) {
			ok = true
			break
		}
	}
	ix.threatOK[ti] = -1
	if ok {
		ix.threatOK[ti] = 1
	}
	return ok
}

// unverifiedThreats lists the IDs of the threats of risk i without a
// passing, valid verification (nil when there are none).
func (ix *index) unverifiedThreats(i int) []string {
	var out []string
	for k, ti := range ix.riskThreats.of(i) {
		if !ix.threatVerified(int(ti)) {
			out = append(out, ix.reg.Risks[i].Threats[k])
		}
	}
	return out
}
