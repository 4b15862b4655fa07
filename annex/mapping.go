package annex

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Framework is the document a mapping relates the A11 requirements to. The
// zero value is unset.
type Framework int

const (
	// FrameworkEN4000012: prEN 40000-1-2, principles for cyber resilience
	// (A11 Annex F). Sources are clause numbers such as "6.4".
	FrameworkEN4000012 Framework = iota + 1
	// FrameworkEN4000013: prEN 40000-1-3, vulnerability handling (A11
	// Annex G). Sources are requirement IDs such as "PRE-7-RQ-04" or "RLS-2".
	FrameworkEN4000013
	// FrameworkCRA: Regulation (EU) 2024/2847 (A11 Annex ZZ). Sources are
	// canonical [CRARef] texts such as "Annex I Part I (2)(f)".
	FrameworkCRA
)

var frameworkNames = []string{"", "en-40000-1-2", "en-40000-1-3", "cra"}

// Frameworks returns every framework in a fresh slice.
func Frameworks() []Framework { return enumValues[Framework](frameworkNames) }

// Valid reports whether f is known.
func (f Framework) Valid() bool { return f >= FrameworkEN4000012 && f <= FrameworkCRA }

// String returns "en-40000-1-2", "en-40000-1-3" or "cra".
func (f Framework) String() string { return enumName(frameworkNames, f) }

// MarshalText implements [encoding.TextMarshaler].
func (f Framework) MarshalText() ([]byte, error) { return enumMarshal("framework", frameworkNames, f) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (f *Framework) UnmarshalText(b []byte) error {
	return unmarshalEnum(f, "framework", frameworkNames, b)
}

// Relationship is the set-theory relationship of a mapping in the sense of
// NIST IR 8477, read as "the requirement is <relationship> the source
// provision". The zero value is unset.
type Relationship int

const (
	// RelEquivalent: the requirement and the provision ask for the same
	// thing; meeting one meets the other.
	RelEquivalent Relationship = iota + 1
	// RelSubset: everything the requirement asks is within the provision,
	// but the provision asks for more; the requirement covers part of it.
	RelSubset
	// RelSuperset: the requirement asks for everything the provision asks
	// and more; meeting the requirement meets the provision.
	RelSuperset
	// RelIntersects: they overlap, and each asks for something the other
	// does not.
	RelIntersects
)

var relationshipNames = []string{"", "equivalent", "subset", "superset", "intersects"}

// Relationships returns every relationship in a fresh slice.
func Relationships() []Relationship { return enumValues[Relationship](relationshipNames) }

// Valid reports whether r is known.
func (r Relationship) Valid() bool { return r >= RelEquivalent && r <= RelIntersects }

// String returns "equivalent", "subset", "superset" or "intersects".
func (r Relationship) String() string { return enumName(relationshipNames, r) }

// Covers reports whether meeting the requirement alone meets the whole
// provision (equivalent or superset).
func (r Relationship) Covers() bool { return r == RelEquivalent || r == RelSuperset }

// MarshalText implements [encoding.TextMarshaler].
func (r Relationship) MarshalText() ([]byte, error) {
	return enumMarshal("relationship", relationshipNames, r)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (r *Relationship) UnmarshalText(b []byte) error {
	return unmarshalEnum(r, "relationship", relationshipNames, b)
}

// Confidence grades how sure the SDK is of a mapping. The zero value is unset.
type Confidence int

const (
	// ConfidenceLow: inferred from second-hand or partial material.
	ConfidenceLow Confidence = iota + 1
	// ConfidenceMedium: both sides are known, the judgement is the SDK's.
	ConfidenceMedium
	// ConfidenceHigh: the correspondence is evident from both texts.
	ConfidenceHigh
)

var confidenceNames = []string{"", "low", "medium", "high"}

// Confidences returns every confidence, lowest first, in a fresh slice.
func Confidences() []Confidence { return enumValues[Confidence](confidenceNames) }

// Valid reports whether c is known.
func (c Confidence) Valid() bool { return c >= ConfidenceLow && c <= ConfidenceHigh }

// String returns "low", "medium" or "high".
func (c Confidence) String() string { return enumName(confidenceNames, c) }

// MarshalText implements [encoding.TextMarshaler].
func (c Confidence) MarshalText() ([]byte, error) {
	return enumMarshal("confidence", confidenceNames, c)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Confidence) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, "confidence", confidenceNames, b)
}

// Mapping relates one provision of another framework to one A11 requirement.
type Mapping struct {
	// Framework is the document the source belongs to.
	Framework Framework `json:"framework"`
	// Source is the provision: a clause ("6.4"), an EN 40000-1-3 ID
	// ("PRE-7-RQ-04") or a canonical CRA reference.
	Source string `json:"source"`
	// Requirement is the A11 requirement.
	Requirement requirement.ID `json:"requirement"`
	// Relationship says how the requirement relates to the source.
	Relationship Relationship `json:"relationship"`
	// Joint marks a subset or intersects entry that, together with every
	// other Joint entry of the same source, covers the source in full. A
	// joint set has at least two entries ([CRACoverage] does not claim full
	// coverage from a joint set with a low-confidence entry).
	Joint bool `json:"joint,omitzero"`
	// Rationale explains the relationship in the SDK's own words.
	Rationale string `json:"rationale"`
	// Confidence grades the judgement.
	Confidence Confidence `json:"confidence"`
	// Provenance names the material the mapping rests on.
	Provenance string `json:"provenance"`
	// Provisional is true when a side of the mapping is a draft (always, for
	// now: the A11 catalog and the EN 40000 parts are drafts).
	Provisional bool `json:"provisional"`
}

// CRARef returns the source as a CRA reference; ok is false for other
// frameworks.
func (m Mapping) CRARef() (CRARef, bool) {
	if m.Framework != FrameworkCRA {
		return CRARef{}, false
	}
	r, err := ParseCRARef(m.Source)
	return r, err == nil
}

// Unmapped is an A11 requirement that deliberately has no CRA mapping.
type Unmapped struct {
	// Requirement is the requirement left out.
	Requirement requirement.ID `json:"requirement"`
	// Reason says why no CRA provision corresponds to it.
	Reason string `json:"reason"`
}

const (
	provCRA = "sdlkit analysis of Regulation (EU) 2024/2847 against the A11 draft catalog; the draft's Annex ZZ is not public"
	provF   = "sdlkit analysis of the prEN 40000-1-2 draft clause structure as described in public comments; the draft's Annex F is not public"
	provG   = "sdlkit analysis of the prEN 40000-1-3 draft requirement IDs as described in public comments and gap analyses; the draft's Annex G is not public"
)

type mapTables struct {
	all       []Mapping
	bySource  map[Framework]map[string][]int
	byReq     map[requirement.ID][]int
	essential []CRARef
}

var tables = sync.OnceValue(func() *mapTables {
	t := &mapTables{bySource: map[Framework]map[string][]int{}, byReq: map[requirement.ID][]int{}}
	add := func(f Framework, prov string, conf Confidence, rows []row) {
		for _, r := range rows {
			src := r.src
			if f == FrameworkCRA {
				src = MustParseCRARef(src).String()
			}
			c := conf
			if r.conf != 0 {
				c = r.conf
			}
			t.all = append(t.all, Mapping{Framework: f, Source: src, Requirement: r.id, Relationship: r.rel, Joint: r.joint,
				Rationale: r.why, Confidence: c, Provenance: prov, Provisional: true})
		}
	}
	add(FrameworkEN4000012, provF, ConfidenceLow, annexFRows)
	add(FrameworkEN4000013, provG, ConfidenceLow, annexGRows)
	add(FrameworkCRA, provCRA, ConfidenceMedium, craRows)
	slices.SortStableFunc(t.all, compareMappings)
	for i, m := range t.all {
		if t.bySource[m.Framework] == nil {
			t.bySource[m.Framework] = map[string][]int{}
		}
		t.bySource[m.Framework][m.Source] = append(t.bySource[m.Framework][m.Source], i)
		t.byReq[m.Requirement] = append(t.byReq[m.Requirement], i)
	}
	t.essential = append(t.essential, AnnexIPartI(1, 0))
	for l := byte('a'); l <= 'm'; l++ {
		t.essential = append(t.essential, AnnexIPartI(2, l))
	}
	for p := 1; p <= 8; p++ {
		t.essential = append(t.essential, AnnexIPartII(p))
	}
	return t
})

// compareMappings orders by framework, source (CRA references in
// Regulation order, EN sources by natural order), then requirement.
func compareMappings(a, b Mapping) int {
	if a.Framework != b.Framework {
		return int(a.Framework) - int(b.Framework)
	}
	if a.Source != b.Source {
		if a.Framework == FrameworkCRA {
			ra, _ := ParseCRARef(a.Source)
			rb, _ := ParseCRARef(b.Source)
			return CompareCRARefs(ra, rb)
		}
		return naturalCompare(a.Source, b.Source)
	}
	return requirement.Compare(a.Requirement, b.Requirement)
}

// naturalCompare compares strings with embedded decimal numbers by value
// ("5.10" after "5.9", "PRE-10" after "PRE-9").
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitsPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// Mappings returns every mapping of framework f, sorted by source and then
// requirement, in a fresh slice.
func Mappings(f Framework) []Mapping {
	var out []Mapping
	for _, m := range tables().all {
		if m.Framework == f {
			out = append(out, m)
		}
	}
	return out
}

// MappingsForSource returns the mappings of one provision of framework f, by
// requirement order. CRA sources may be given in any form [ParseCRARef]
// accepts ("I.I.2.f"); other sources must match exactly.
func MappingsForSource(f Framework, source string) []Mapping {
	if f == FrameworkCRA {
		r, err := ParseCRARef(source)
		if err != nil {
			return nil
		}
		source = r.String()
	}
	t := tables()
	idx := t.bySource[f][source]
	out := make([]Mapping, 0, len(idx))
	for _, i := range idx {
		out = append(out, t.all[i])
	}
	return out
}

// MappingsForCRA returns the CRA mappings of provision r and of every
// provision inside it (Annex I Part II gives the mappings of points (1) to
// (8)), in Regulation order.
func MappingsForCRA(r CRARef) []Mapping {
	var out []Mapping
	for _, m := range tables().all {
		if ref, ok := m.CRARef(); ok && r.Contains(ref) {
			out = append(out, m)
		}
	}
	return out
}

// MappingsForRequirement returns every mapping of an A11 requirement, all
// frameworks, in framework and source order: the reverse lookup.
func MappingsForRequirement(id requirement.ID) []Mapping {
	t := tables()
	idx := t.byReq[id]
	out := make([]Mapping, 0, len(idx))
	for _, i := range idx {
		out = append(out, t.all[i])
	}
	return out
}

// CRAUnmapped returns the A11 requirements that deliberately have no CRA
// mapping, each with the reason, in catalog order.
func CRAUnmapped() []Unmapped { return slices.Clone(craUnmapped) }

// EssentialRequirements returns the CRA essential requirements that the
// coverage query reports on: Annex I Part I (1), Part I (2)(a) to (m) and
// Part II (1) to (8), in Regulation order (a fresh slice).
func EssentialRequirements() []CRARef { return slices.Clone(tables().essential) }

// CoverageLevel says how far a set of satisfied requirements covers a CRA
// provision. The zero value is unset.
type CoverageLevel int

const (
	// CoverageNone: no requirement mapped to the provision is satisfied.
	CoverageNone CoverageLevel = iota + 1
	// CoveragePartial: some mapped requirement is satisfied, but not a
	// covering one nor the whole joint set.
	CoveragePartial
	// CoverageFull: a satisfied requirement is equivalent to or a superset
	// of the provision, or every requirement of its joint set is satisfied;
	// a mapping of low confidence never decides it.
	CoverageFull
)

var coverageNames = []string{"", "none", "partial", "full"}

// CoverageLevels returns every level, lowest first, in a fresh slice.
func CoverageLevels() []CoverageLevel { return enumValues[CoverageLevel](coverageNames) }

// Valid reports whether l is known.
func (l CoverageLevel) Valid() bool { return l >= CoverageNone && l <= CoverageFull }

// String returns "none", "partial" or "full".
func (l CoverageLevel) String() string { return enumName(coverageNames, l) }

// MarshalText implements [encoding.TextMarshaler].
func (l CoverageLevel) MarshalText() ([]byte, error) {
	return enumMarshal("coverage level", coverageNames, l)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (l *CoverageLevel) UnmarshalText(b []byte) error {
	return unmarshalEnum(l, "coverage level", coverageNames, b)
}

// ProvisionCoverage is the coverage of one CRA essential requirement. Its
// requirement lists hold A11 IDs: the CRA table maps the A11 catalog (for a
// 2018 catalog, [CRACoverage] translates the satisfied IDs first).
type ProvisionCoverage struct {
	// Provision is the essential requirement.
	Provision CRARef `json:"provision"`
	// Level is the coverage.
	Level CoverageLevel `json:"level"`
	// Satisfied lists the mapped requirements that are satisfied.
	Satisfied []requirement.ID `json:"satisfied,omitzero"`
	// PartlyMet lists the mapped A11 requirements that are met only through
	// the 2018 requirement they carry, whose content A11 changed: they make
	// the provision partial, never full, and are neither Satisfied nor
	// Missing.
	PartlyMet []requirement.ID `json:"partly_met,omitzero"`
	// Missing lists the mapped requirements that are not satisfied; for a
	// partial provision, satisfying the joint ones among them (or a covering
	// one) makes it full, unless the joint set or the covering entry has low
	// confidence.
	Missing []requirement.ID `json:"missing,omitzero"`
	// Reason says which rule decided the level.
	Reason string `json:"reason"`
}

// credit is how far a mapped A11 requirement counts as satisfied.
type credit int

const (
	creditNone credit = iota
	creditPartly
	creditFull
)

// CRACoverage reports, for every CRA essential requirement
// ([EssentialRequirements]), how far the requirements a product satisfies
// cover it, by the relationships of the CRA mapping table:
//
//   - full: a satisfied requirement is equivalent to or a superset of the
//     provision, or the provision has a joint set of requirements
//     (entries marked Joint) and all of them are satisfied; in both cases
//     only mappings of medium or high confidence count;
//   - partial: otherwise, at least one mapped requirement is satisfied or
//     partly met (this includes a complete joint set that contains a
//     low-confidence entry, and a low-confidence covering entry: the Reason
//     says so);
//   - none: no mapped requirement is satisfied (or none is mapped).
//
// satisfied holds IDs of catalog cat (nil means [requirement.Default], the
// A11 catalog); duplicates are harmless. The table maps A11 requirements, so
// the IDs of a 2018 catalog are translated through the edition delta
// ([requirement.Delta]) first: 2018 SR-1 (product security context) counts
// for A11 SRM-2, never for A11 SR-1. A 2018 requirement that A11 carries
// unchanged (or only renamed or moved) satisfies its A11 successor; one whose
// content A11 changed only partly meets it ([ProvisionCoverage].PartlyMet).
// An ID that is not valid or not in cat is an error: a [problem.List],
// pointers into satisfied ("/3").
func CRACoverage(cat *requirement.Catalog, satisfied []requirement.ID) ([]ProvisionCoverage, error) {
	if cat == nil {
		cat = requirement.Default()
	}
	var errs located.Errors
	given := make(map[requirement.ID]bool, len(satisfied))
	for i, id := range satisfied {
		switch {
		case !id.Valid():
			errs.Add(jsonptr.Index("", i), problem.ErrInvalidID, "%q is not a requirement ID (want PREFIX-N such as \"SM-1\")", clip(string(id)))
		case !cat.Has(id):
			errs.Add(jsonptr.Index("", i), problem.ErrUnknownID, "requirement %q is not in the %s catalog %q (check the ID)", id, cat.Edition(), cat.Version())
		default:
			given[id] = true
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	have := make(map[requirement.ID]credit, len(given))
	switch cat.Edition() {
	case requirement.EditionA11:
		for id := range given {
			have[id] = creditFull
		}
	case requirement.Edition2018:
		delta, err := requirement.Delta(cat, requirement.Default())
		if err != nil {
			return nil, fmt.Errorf("annex: CRA coverage: translate the %s catalog: %w", cat.Edition(), err)
		}
		for _, c := range delta {
			if c.From == "" || c.To == "" || !given[c.From] {
				continue
			}
			cr := creditFull
			if c.ContentChanged {
				cr = creditPartly
			}
			have[c.To] = max(have[c.To], cr)
		}
	default:
		return nil, fmt.Errorf("annex: CRA coverage: catalog edition %s: %w", cat.Edition(), problem.ErrUnknownEdition)
	}
	t := tables()
	out := make([]ProvisionCoverage, 0, len(t.essential))
	for _, ref := range t.essential {
		idx := t.bySource[FrameworkCRA][ref.String()]
		entries := make([]Mapping, len(idx))
		for j, i := range idx {
			entries[j] = t.all[i]
		}
		out = append(out, coverProvision(ref, entries, have))
	}
	return out, nil
}

// coverProvision decides the coverage of one provision from its mapping
// entries (in requirement order) and the credit of each A11 requirement. A
// low-confidence entry never decides full coverage, neither as a covering
// entry nor as a member of the joint set; nor does a partly met one.
func coverProvision(ref CRARef, entries []Mapping, have map[requirement.ID]credit) ProvisionCoverage {
	pc := ProvisionCoverage{Provision: ref, Level: CoverageNone}
	var covering, weakCovering, weakJoint []requirement.ID
	jointAll, jointAny := true, false
	for _, m := range entries {
		weak := m.Confidence <= ConfidenceLow
		switch have[m.Requirement] {
		case creditFull:
			pc.Satisfied = append(pc.Satisfied, m.Requirement)
			if m.Relationship.Covers() {
				if weak {
					weakCovering = append(weakCovering, m.Requirement)
				} else {
					covering = append(covering, m.Requirement)
				}
			}
		case creditPartly:
			pc.PartlyMet = append(pc.PartlyMet, m.Requirement)
		case creditNone:
			pc.Missing = append(pc.Missing, m.Requirement)
		}
		if m.Joint {
			jointAny = true
			jointAll = jointAll && have[m.Requirement] == creditFull
			if weak {
				weakJoint = append(weakJoint, m.Requirement)
			}
		}
	}
	switch {
	case len(covering) > 0:
		pc.Level = CoverageFull
		pc.Reason = fmt.Sprintf("%s covers the provision (equivalent or superset)", joinIDs(covering))
	case jointAny && jointAll && len(weakJoint) == 0:
		pc.Level = CoverageFull
		pc.Reason = "every requirement of the provision's joint set is satisfied"
	case jointAny && jointAll:
		pc.Level = CoveragePartial
		pc.Reason = fmt.Sprintf("every requirement of the provision's joint set is satisfied, but the mapping of %s has low confidence, so full coverage is not claimed", joinIDs(weakJoint))
	case len(weakCovering) > 0:
		pc.Level = CoveragePartial
		pc.Reason = fmt.Sprintf("%s is mapped as covering the provision, but with low confidence, so full coverage is not claimed", joinIDs(weakCovering))
	case len(pc.Satisfied) > 0:
		pc.Level = CoveragePartial
		pc.Reason = "some mapped requirements are satisfied, but neither a covering one nor the whole joint set"
	case len(pc.PartlyMet) > 0:
		pc.Level = CoveragePartial
		pc.Reason = "mapped requirements are met only through 2018 requirements whose content A11 changed"
	case len(pc.Missing) == 0:
		pc.Reason = "no A11 requirement is mapped to the provision"
	default:
		pc.Reason = "no mapped requirement is satisfied"
	}
	if len(pc.PartlyMet) > 0 && len(pc.Satisfied) > 0 {
		pc.Reason += fmt.Sprintf("; %s met only through 2018 requirements whose content A11 changed", joinIDs(pc.PartlyMet))
	}
	return pc
}

func joinIDs(ids []requirement.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}

// MappingsSchemaURL is the $id of the JSON Schema of the document
// [EncodeMappings] writes.
const MappingsSchemaURL = "https://github.com/sdlkit/iec62443/schemas/annex-mappings-1.json"

//go:embed data/mappings.schema.json
var mappingsSchemaJSON []byte

// MappingsSchema returns the JSON Schema of the mappings document (a fresh copy).
func MappingsSchema() []byte { return bytes.Clone(mappingsSchemaJSON) }

type mappingsDoc struct {
	SchemaVersion string     `json:"schema_version"`
	Provisional   bool       `json:"provisional"`
	Mappings      []Mapping  `json:"mappings"`
	CRAUnmapped   []Unmapped `json:"cra_unmapped"`
}

// EncodeMappings writes every mapping (all frameworks, in framework, source
// and requirement order) and the deliberately unmapped requirements as one
// JSON document ([MappingsSchema]), for review or import into other tools.
// The output is deterministic. A nil writer is an error wrapping
// [problem.ErrNilInput].
func EncodeMappings(w io.Writer) error {
	if w == nil {
		return fmt.Errorf("annex: encode mappings: nil writer: %w", problem.ErrNilInput)
	}
	doc := mappingsDoc{SchemaVersion: "1", Provisional: true, Mappings: slices.Clone(tables().all), CRAUnmapped: CRAUnmapped()}
	b, err := docjson.Marshal(doc)
	if err != nil {
		return fmt.Errorf("annex: encode mappings: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("annex: encode mappings: %w", err)
	}
	return nil
}
