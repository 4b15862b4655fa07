package oscal

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// The OSCAL 1.2 mapping-collection model, as far as the SDK writes it.
type mappingCollection struct {
	UUID       string         `json:"uuid"`
	Metadata   Metadata       `json:"metadata"`
	Provenance mappingProv    `json:"provenance"`
	Mappings   []mappingEntry `json:"mappings"`
	BackMatter *backMatter    `json:"back-matter,omitzero"`
}

type mappingProv struct {
	Method             string `json:"method"`
	MatchingRationale  string `json:"matching-rationale"`
	Status             string `json:"status"`
	MappingDescription string `json:"mapping-description"`
}

type mappingEntry struct {
	UUID             string      `json:"uuid"`
	SourceResource   resourceRef `json:"source-resource"`
	TargetResource   resourceRef `json:"target-resource"`
	Maps             []mapEntry  `json:"maps"`
	SourceGapSummary *gapSummary `json:"source-gap-summary,omitzero"`
	TargetGapSummary *gapSummary `json:"target-gap-summary,omitzero"`
	Props            []Property  `json:"props,omitzero"`
	Remarks          string      `json:"remarks,omitzero"`
}

type resourceRef struct {
	Type string `json:"type"`
	Href string `json:"href"`
}

type mapEntry struct {
	UUID            string        `json:"uuid"`
	Relationship    string        `json:"relationship"`
	Sources         []mappingItem `json:"sources"`
	Targets         []mappingItem `json:"targets"`
	ConfidenceScore *confidence   `json:"confidence-score,omitzero"`
	Coverage        *coverage     `json:"coverage,omitzero"`
	Props           []Property    `json:"props,omitzero"`
	Remarks         string        `json:"remarks,omitzero"`
}

type mappingItem struct {
	Type  string     `json:"type"`
	IDRef string     `json:"id-ref"`
	Props []Property `json:"props,omitzero"`
}

type confidence struct {
	Category string `json:"category"`
}

type coverage struct {
	TargetCoverage   float64 `json:"target-coverage"`
	GenerationMethod string  `json:"generation-method,omitzero"`
}

type gapSummary struct {
	UUID             string       `json:"uuid"`
	UnmappedControls []selectByID `json:"unmapped-controls"`
}

type selectByID struct {
	WithIDs []string `json:"with-ids,omitzero"`
}

type backMatter struct {
	Resources []resource `json:"resources"`
}

type resource struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title,omitzero"`
	Description string     `json:"description,omitzero"`
	Props       []Property `json:"props,omitzero"`
	Citation    *citation  `json:"citation,omitzero"`
	RLinks      []rlink    `json:"rlinks,omitzero"`
	Remarks     string     `json:"remarks,omitzero"`
}

type citation struct {
	Text string `json:"text"`
}

type rlink struct {
	Href      string `json:"href"`
	MediaType string `json:"media-type,omitzero"`
	Hashes    []hash `json:"hashes,omitzero"`
}

type hash struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"value"`
}

// relationships are the OSCAL mapping relationships of the SDK's
// relationships, read from the requirement (source) to the provision
// (target): "the requirement is a subset of the provision".
var relationships = map[annex.Relationship]string{
	annex.RelEquivalent: "equivalent-to",
	annex.RelSubset:     "subset-of",
	annex.RelSuperset:   "superset-of",
	annex.RelIntersects: "intersects-with",
}

// target describes the document a framework's provisions belong to.
type target struct {
	title, citation, href string
}

var targets = map[annex.Framework]target{
	annex.FrameworkEN4000012: {
		title:    "prEN 40000-1-2 (draft): principles for cyber resilience",
		citation: "prEN 40000-1-2, draft harmonised standard under the Cyber Resilience Act; provisions are its clause numbers. A11 Annex F relates it to the A11 requirements.",
	},
	annex.FrameworkEN4000013: {
		title:    "prEN 40000-1-3 (draft): vulnerability handling",
		citation: "prEN 40000-1-3, draft harmonised standard under the Cyber Resilience Act; provisions are its requirement IDs. A11 Annex G relates it to the A11 requirements.",
	},
	annex.FrameworkCRA: {
		title:    "Regulation (EU) 2024/2847 (Cyber Resilience Act)",
		citation: "Regulation (EU) 2024/2847 of the European Parliament and of the Council of 23 October 2024 (Cyber Resilience Act); provisions are canonical references such as \"Annex I Part I (2)(f)\". A11 Annex ZZ relates it to the A11 requirements.",
		href:     "https://eur-lex.europa.eu/eli/reg/2024/2847/oj",
	},
}

// EncodeMappings writes the SDK's mapping tables of the given frameworks
// (all of them when none is given: Annex F to prEN 40000-1-2, Annex G to
// prEN 40000-1-3 and the CRA relationship of Annex ZZ) as one OSCAL 1.2
// mapping collection, one mapping per framework, from the A11 catalog
// (source) to the framework's provisions (targets).
//
// Each entry of a table becomes a map with its relationship ("the
// requirement is a subset of the provision" becomes subset-of), its
// confidence as confidence-score category, its rationale as remarks and its
// coverage: target-coverage 1 where the requirement alone covers the
// provision (equivalent or superset, medium or high confidence), and a prop
// "coverage" in [Namespace] saying "full", "partial" or, for a member of a
// joint set, "joint". Each joint set (entries that together cover a
// provision) becomes one more map with all its requirements as sources,
// relationship superset-of and target-coverage 1 unless a member has low
// confidence. The requirements a table leaves unmapped form the source gap
// summary (for the CRA, with the reason of each in the remarks); essential
// requirements of CRA Annex I that no entry maps form the target gap summary.
//
// now is the document's last-modified time; a zero now fails with
// problem.ErrNoDate, an unknown framework with problem.ErrInvalidValue.
func EncodeMappings(w io.Writer, now time.Time, frameworks ...annex.Framework) error {
	if w == nil {
		return fmt.Errorf("oscal: encode mappings: nil writer: %w", problem.ErrNilInput)
	}
	if now.IsZero() {
		return fmt.Errorf("oscal: encode mappings: %w (pass the export time as now)", problem.ErrNoDate)
	}
	if len(frameworks) == 0 {
		frameworks = annex.Frameworks()
	}
	for i, f := range frameworks {
		if !f.Valid() {
			return fmt.Errorf("oscal: encode mappings: framework %s: %w (want one of annex.Frameworks)", f, problem.ErrInvalidValue)
		}
		if slices.Contains(frameworks[:i], f) {
			return fmt.Errorf("oscal: encode mappings: framework %s given twice: %w", f, problem.ErrDuplicate)
		}
	}
	return write(w, "mappings", "mapping-collection", mappingsFrom(frameworks, now))
}

func mappingsFrom(frameworks []annex.Framework, now time.Time) *mappingCollection {
	cat := requirement.Default()
	names := make([]string, len(frameworks))
	for i, f := range frameworks {
		names[i] = f.String()
	}
	catRes := resource{
		UUID:  newUUID("resource", "catalog", cat.Edition().String(), cat.Version()),
		Title: oneLine(fmt.Sprintf("%s (sdlkit catalog %s)", cat.Edition().Title(), cat.Version())),
		Description: "The A11 catalog of the SDK; package oscal writes it as an OSCAL catalog whose controls are the requirement IDs. " +
			"The source IDs of the maps are its control IDs.",
		Props: []Property{sdkProp(propEdition, cat.Edition().String())},
	}
	out := &mappingCollection{
		UUID: newUUID(append([]string{"mapping-collection", cat.Version()}, names...)...),
		Metadata: Metadata{
			Title:        oneLine(fmt.Sprintf("%s requirements mapped to %s", cat.Edition().Title(), frameworkList(frameworks))),
			LastModified: timestamp(now),
			Version:      oneLine(cat.Version()),
			OSCALVersion: Version,
			Props:        []Property{sdkProp(propProvisional, "true")},
			Remarks: "Provisional: the A11 amendment and the prEN 40000 parts are drafts, and their Annexes F, G and ZZ are not public; " +
				"the mappings are the SDK's own analysis.",
		},
		Provenance: mappingProv{
			Method:             "human",
			MatchingRationale:  "semantic",
			Status:             "draft",
			MappingDescription: "The SDK's mapping tables (package annex): each entry relates one provision of another framework to one A11 requirement, read as \"the requirement is <relationship> the provision\", with a rationale and a confidence.",
		},
		BackMatter: &backMatter{Resources: []resource{catRes}},
	}
	for _, f := range frameworks {
		t := targets[f]
		res := resource{
			UUID:     newUUID("resource", "framework", f.String()),
			Title:    t.title,
			Citation: &citation{Text: t.citation},
			Props:    []Property{sdkProp("framework", f.String())},
		}
		if t.href != "" {
			res.RLinks = []rlink{{Href: t.href, MediaType: "text/html"}}
		}
		out.BackMatter.Resources = append(out.BackMatter.Resources, res)
		out.Mappings = append(out.Mappings, mappingOf(f, cat, "#"+catRes.UUID, "#"+res.UUID))
	}
	return out
}

func frameworkList(fs []annex.Framework) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = targets[f].title
	}
	switch len(s) {
	case 1:
		return s[0]
	case 2:
		return s[0] + " and " + s[1]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// weak reports whether a mapping's confidence is too low to decide full
// coverage (as annex.CRACoverage decides it).
func weak(m annex.Mapping) bool { return m.Confidence <= annex.ConfidenceLow }

func mappingOf(f annex.Framework, cat *requirement.Catalog, source, targetHref string) mappingEntry {
	ms := annex.Mappings(f)
	e := mappingEntry{
		UUID:           newUUID("mapping", f.String()),
		SourceResource: resourceRef{Type: "catalog", Href: source},
		TargetResource: resourceRef{Type: "catalog", Href: targetHref},
		Props:          []Property{sdkProp("framework", f.String())},
	}
	var provs []string
	mapped := map[requirement.ID]bool{}
	provisions := map[string]bool{}
	var joint []string // sources with a joint set, in order
	jointOf := map[string][]annex.Mapping{}
	for _, m := range ms {
		mapped[m.Requirement] = true
		provisions[m.Source] = true
		if !slices.Contains(provs, m.Provenance) {
			provs = append(provs, m.Provenance)
		}
		me := mapEntry{
			UUID:            newUUID("map", f.String(), m.Source, string(m.Requirement)),
			Relationship:    relationships[m.Relationship],
			Sources:         []mappingItem{{Type: "control", IDRef: string(m.Requirement)}},
			Targets:         []mappingItem{{Type: "control", IDRef: m.Source}},
			ConfidenceScore: &confidence{Category: m.Confidence.String()},
			Remarks:         m.Rationale,
		}
		switch {
		case m.Relationship.Covers() && !weak(m):
			me.Coverage = &coverage{TargetCoverage: 1}
			me.Props = append(me.Props, sdkProp("coverage", "full"))
		case m.Joint:
			me.Props = append(me.Props, sdkProp("coverage", "joint"))
		default:
			me.Props = append(me.Props, sdkProp("coverage", "partial"))
		}
		me.Props = append(me.Props, sdkProp(propProvisional, strconv.FormatBool(m.Provisional)))
		e.Maps = append(e.Maps, me)
		if m.Joint {
			if _, ok := jointOf[m.Source]; !ok {
				joint = append(joint, m.Source)
			}
			jointOf[m.Source] = append(jointOf[m.Source], m)
		}
	}
	for _, src := range joint {
		set := jointOf[src]
		me := mapEntry{
			UUID:         newUUID("joint-set", f.String(), src),
			Relationship: relationships[annex.RelSuperset],
			Targets:      []mappingItem{{Type: "control", IDRef: src}},
			Remarks:      "Joint set: together these requirements cover the provision in full.",
		}
		low := annex.ConfidenceHigh
		for _, m := range set {
			me.Sources = append(me.Sources, mappingItem{Type: "control", IDRef: string(m.Requirement)})
			low = min(low, m.Confidence)
		}
		me.ConfidenceScore = &confidence{Category: low.String()}
		if low > annex.ConfidenceLow {
			me.Coverage = &coverage{TargetCoverage: 1}
			me.Props = append(me.Props, sdkProp("coverage", "full"))
		} else {
			me.Props = append(me.Props, sdkProp("coverage", "partial"))
			me.Remarks += " A member has low confidence, so full coverage is not claimed."
		}
		me.Props = append(me.Props, sdkProp("joint-set", "true"))
		e.Maps = append(e.Maps, me)
	}
	remarks := []string{"Provenance: " + strings.Join(provs, "; ") + "."}

	var unmapped []string
	for _, id := range cat.IDs() {
		if !mapped[id] {
			unmapped = append(unmapped, string(id))
		}
	}
	if len(unmapped) > 0 {
		e.SourceGapSummary = &gapSummary{UUID: newUUID("source-gap", f.String()), UnmappedControls: []selectByID{{WithIDs: unmapped}}}
	}
	if f == annex.FrameworkCRA {
		if um := annex.CRAUnmapped(); len(um) > 0 {
			lines := []string{"Requirements deliberately left unmapped:"}
			for _, u := range um {
				lines = append(lines, fmt.Sprintf("- %s: %s", u.Requirement, oneLine(u.Reason)))
			}
			remarks = append(remarks, strings.Join(lines, "\n"))
		}
		var gaps []string
		for _, ref := range annex.EssentialRequirements() {
			if !provisions[ref.String()] {
				gaps = append(gaps, ref.Short())
			}
		}
		if len(gaps) > 0 {
			e.TargetGapSummary = &gapSummary{UUID: newUUID("target-gap", f.String()), UnmappedControls: []selectByID{{WithIDs: gaps}}}
			remarks = append(remarks, "The target gap summary names essential requirements in their short form (\"I.I.2.f\" for Annex I Part I (2)(f)).")
		}
	}
	e.Remarks = strings.Join(remarks, "\n\n")
	return e
}
