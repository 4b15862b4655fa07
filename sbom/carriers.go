package sbom

import (
	"fmt"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// This file reads the fields of BSI TR-03183-2 v2.1.0 where its section 8
// (CycloneDX mapping, Tables 8 to 12) puts them, and holds the rule logic
// that depends on those carriers. The package documentation has the
// table: rule, TR clause, carrier, decision.

// appendDistributionHashes adds to hs the hashes on the component's
// external references of type distribution: TR-03183-2 v2.1.0 carries the
// hash of the deployable component on
// externalReferences[type=distribution].hashes (the deployable file is
// what the distribution reference points at), where components[].hashes
// was the place in v2.0.0 and in most generators. A hash given in both
// places is listed once.
func appendDistributionHashes(hs []Hash, c *cdx.Component) []Hash {
	if c.ExternalReferences == nil {
		return hs
	}
	for _, r := range *c.ExternalReferences {
		if r.Type != cdx.ERTypeDistribution || r.Hashes == nil {
			continue
		}
	next:
		for _, h := range *r.Hashes {
			nh := Hash{Algorithm: string(h.Algorithm), Value: h.Value}
			for _, have := range hs {
				if have == nh {
					continue next
				}
			}
			hs = append(hs, nh)
		}
	}
	return hs
}

// aggregateCompleteness is the completeness a CycloneDX composition's
// aggregate states: complete, incomplete (all incomplete_* values) or
// unknown; not_specified and an absent aggregate state nothing (zero).
func aggregateCompleteness(a cdx.CompositionAggregate) Completeness {
	switch a {
	case cdx.CompositionAggregateComplete:
		return CompletenessComplete
	case cdx.CompositionAggregateUnknown:
		return CompletenessUnknown
	case cdx.CompositionAggregateNotSpecified, "":
		return 0
	default:
		return CompletenessIncomplete
	}
}

// compositionCompleteness returns, per bom-ref, the completeness the
// BOM's compositions state for its dependencies: a composition that lists
// the ref in dependencies, else one that lists it in assemblies (TR-03183-2
// v2.1.0 section 8 takes either as the completeness indication; a
// component's assembly is what it contains, which for a deployable
// component is what it depends on). The first composition that names a
// ref wins.
func compositionCompleteness(comps *[]cdx.Composition) map[string]Completeness {
	out := map[string]Completeness{}
	if comps == nil {
		return out
	}
	for _, assemblies := range []bool{false, true} {
		for _, comp := range *comps {
			refs := comp.Dependencies
			if assemblies {
				refs = comp.Assemblies
			}
			if refs == nil {
				continue
			}
			cp := aggregateCompleteness(comp.Aggregate)
			for _, r := range *refs {
				if _, ok := out[string(r)]; !ok {
					out[string(r)] = cp
				}
			}
		}
	}
	return out
}

// cdxTools names the tools that produced the BOM: metadata.tools, in the
// legacy list form or as components and services.
func cdxTools(m *cdx.Metadata) []string {
	if m == nil || m.Tools == nil {
		return nil
	}
	var out []string
	add := func(vendor, name, version string) {
		s := strings.TrimSpace(strings.Join([]string{vendor, name, version}, " "))
		if s != "" {
			out = append(out, s)
		}
	}
	if m.Tools.Tools != nil {
		for _, t := range *m.Tools.Tools {
			add(t.Vendor, t.Name, t.Version)
		}
	}
	if m.Tools.Components != nil {
		for _, c := range *m.Tools.Components {
			add(c.Group, c.Name, c.Version)
		}
	}
	if m.Tools.Services != nil {
		for _, s := range *m.Tools.Services {
			add(s.Group, s.Name, s.Version)
		}
	}
	return out
}

// ntiaAuthorRule is sbom.creator under the NTIA minimum elements: the
// author of the SBOM data is the entity that creates it, which the NTIA
// report (July 2021) lets be the component's creator, its supplier or a
// third-party analysis tool. A person or organisation named as author
// (or the manufacturer) or a generating tool passes; nothing fails.
func ntiaAuthorRule(inv *Inventory, ptr string) (status, string, string) {
	for _, a := range inv.Authors {
		if a.Name != "" || a.Email != "" {
			return stPass, "", ""
		}
	}
	if inv.Manufacturer.Name != "" || len(inv.tools) > 0 {
		return stPass, "", ""
	}
	return stFail, ptr, "no author of the SBOM data: neither an author, the manufacturer nor the generating tool is named; name the author in metadata.authors (or the tool in metadata.tools)"
}

// dependencyCompletenessRule is sbom.dependency-completeness: the SBOM
// states whether the component's dependency list is complete: a CycloneDX
// composition with aggregate complete, incomplete or unknown (unknown is a
// statement too), an SPDX 3 dependsOn completeness, an SPDX 2 DEPENDS_ON
// NONE or NOASSERTION.
func dependencyCompletenessRule(c *Component) (status, string, string) {
	switch c.DependenciesComplete {
	case CompletenessComplete, CompletenessIncomplete, CompletenessUnknown:
		return stPass, "", ""
	}
	return stFail, "", "the SBOM does not say whether its dependency list is complete; list its bom-ref in a composition (dependencies or assemblies) with aggregate complete, incomplete or unknown"
}

// distributionLicenceRule is sbom.distribution-licence. TR-03183-2 v2.1.0
// carries the distribution licence as a licence with acknowledgement
// "concluded"; v2.0.0's "associated licences" take any acknowledgement.
// The message tells a component with no licence from one whose licences
// are not marked.
func distributionLicenceRule(p CheckProfile, c *Component) (status, string, string) {
	var unmarked, declared int
	for _, l := range c.Licenses {
		if p != ProfileTR03183v2_1 || l.Acknowledgement == AcknowledgementConcluded {
			return stPass, "", ""
		}
		switch l.Acknowledgement {
		case AcknowledgementDeclared:
			declared++
		default:
			unmarked++
		}
	}
	switch {
	case p != ProfileTR03183v2_1:
		return stFail, "licenses", "no licence; give the associated licence as an SPDX expression"
	case unmarked > 0:
		return stFail, "licenses", fmt.Sprintf("%s present but not marked concluded or declared; mark the licence under which it is distributed with acknowledgement \"concluded\"", licenceCount(unmarked))
	case declared > 0:
		return stFail, "licenses", "only a declared (original) licence; give the licence under which it is distributed with acknowledgement \"concluded\""
	}
	return stFail, "licenses", "no distribution licence; give the licence under which it is distributed as an SPDX expression with acknowledgement \"concluded\""
}

// originalLicenceRule is sbom.original-licence: the licence the creator
// declared, acknowledgement "declared" (additional: unknown when missing).
func originalLicenceRule(c *Component) (status, string, string) {
	unmarked := 0
	for _, l := range c.Licenses {
		switch l.Acknowledgement {
		case AcknowledgementDeclared:
			return stPass, "", ""
		case AcknowledgementConcluded:
		default:
			unmarked++
		}
	}
	if unmarked > 0 {
		return stUnknown, "licenses", fmt.Sprintf("%s present but not marked concluded or declared; if the creator declared it, add acknowledgement \"declared\"", licenceCount(unmarked))
	}
	return stUnknown, "licenses", "no original licence; if the creator declared one, add it with acknowledgement \"declared\""
}

func licenceCount(n int) string {
	if n == 1 {
		return "a licence is"
	}
	return fmt.Sprintf("%d licences are", n)
}
