package sbom

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
)

// OSVRecord is an OSV vulnerability record (https://ossf.github.io/osv-schema/),
// reduced to the fields vulnerability matching uses. Other fields of the
// record are accepted and ignored.
type OSVRecord struct {
	// ID is the record's ID, such as "GHSA-xxxx-xxxx-xxxx" or "CVE-2024-1234".
	ID string `json:"id"`
	// Aliases are other IDs of the same vulnerability (often the CVE).
	Aliases []string `json:"aliases,omitzero"`
	// Summary is a one-line description.
	Summary string `json:"summary,omitzero"`
	// Details is the full description.
	Details string `json:"details,omitzero"`
	// Modified is when the record last changed (RFC 3339).
	Modified string `json:"modified"`
	// Withdrawn is set when the record was withdrawn (RFC 3339).
	Withdrawn string `json:"withdrawn,omitzero"`
	// Affected lists the affected packages.
	Affected []OSVAffected `json:"affected,omitzero"`
}

// OSVAffected is one affected package of an [OSVRecord].
type OSVAffected struct {
	// Package identifies the package.
	Package OSVPackage `json:"package"`
	// Ranges are the affected version ranges.
	Ranges []OSVRange `json:"ranges,omitzero"`
	// Versions enumerates affected versions.
	Versions []string `json:"versions,omitzero"`
}

// OSVPackage identifies a package by ecosystem and name, or by purl.
type OSVPackage struct {
	// Ecosystem is the OSV ecosystem, such as "Go", "npm", "PyPI", "Maven".
	Ecosystem string `json:"ecosystem,omitzero"`
	// Name is the package name in the ecosystem.
	Name string `json:"name,omitzero"`
	// PURL is the package URL without version.
	PURL string `json:"purl,omitzero"`
}

// OSVRange is an affected range: SEMVER, ECOSYSTEM or GIT, with events.
type OSVRange struct {
	// Type is "SEMVER", "ECOSYSTEM" or "GIT".
	Type string `json:"type"`
	// Events are the range's introduced/fixed/last_affected/limit events.
	Events []OSVEvent `json:"events"`
}

// OSVEvent is one event of a range; exactly one field is set.
type OSVEvent struct {
	// Introduced is the first affected version ("0": all before Fixed).
	Introduced string `json:"introduced,omitzero"`
	// Fixed is the first fixed version.
	Fixed string `json:"fixed,omitzero"`
	// LastAffected is the last affected version.
	LastAffected string `json:"last_affected,omitzero"`
	// Limit bounds a GIT range.
	Limit string `json:"limit,omitzero"`
}

// DecodeOSV reads one OSV record (JSON) from r. Malformed JSON, duplicate
// keys, input over the limits, a missing id and malformed ranges are
// errors listing every problem with its JSON pointer. When ctx is
// cancelled, DecodeOSV stops and returns ctx.Err().
func DecodeOSV(ctx context.Context, r io.Reader, opts *DecodeOptions) (*OSVRecord, error) {
	if err := checkArgs(ctx, r); err != nil {
		return nil, fmt.Errorf("sbom: decode OSV: %w", err)
	}
	lim := opts.limits()
	dl := docLimits(lim)
	data, errs := docjson.ReadAll(r, dl)
	if errs != nil {
		return nil, errs.ErrMax(lim.MaxProblems)
	}
	if errs := docjson.Check(data, dl); errs != nil {
		return nil, errs.ErrMax(lim.MaxProblems)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var rec OSVRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, jsonDecodeError("OSV record", data, err)
	}
	var l located.Errors
	if rec.ID == "" {
		l.Add("/id", problem.ErrSchema, "OSV record has no id")
	}
	for i, a := range rec.Affected {
		ap := jsonptr.Index("/affected", i)
		if a.Package.PURL == "" && (a.Package.Ecosystem == "" || a.Package.Name == "") {
			l.Add(jsonptr.Append(ap, "package"), problem.ErrSchema, "affected package needs ecosystem and name, or purl")
		}
		if a.Package.PURL != "" {
			if _, err := ParsePURL(a.Package.PURL); err != nil {
				l.Add(jsonptr.Append(ap, "package", "purl"), problem.ErrInvalidValue, "%v", err)
			}
		}
		for j, rg := range a.Ranges {
			rp := jsonptr.Index(jsonptr.Append(ap, "ranges"), j)
			switch rg.Type {
			case "SEMVER", "ECOSYSTEM", "GIT":
			default:
				l.Add(jsonptr.Append(rp, "type"), problem.ErrInvalidValue, "range type %q (want SEMVER, ECOSYSTEM or GIT)", clip(rg.Type))
			}
			if len(rg.Events) == 0 {
				l.Add(jsonptr.Append(rp, "events"), problem.ErrSchema, "range has no events")
			}
			for k, e := range rg.Events {
				n := 0
				for _, v := range []string{e.Introduced, e.Fixed, e.LastAffected, e.Limit} {
					if v != "" {
						n++
					}
				}
				if n != 1 {
					l.Add(jsonptr.Index(jsonptr.Append(rp, "events"), k), problem.ErrSchema, "an event needs exactly one of introduced, fixed, last_affected, limit")
				}
			}
		}
	}
	if len(l) > 0 {
		l.Sort()
		return nil, l.ErrMax(lim.MaxProblems)
	}
	return &rec, nil
}

// MatchStatus is the result of matching a vulnerability to a component.
type MatchStatus int

const (
	// MatchAffected: the component's version is in an affected range or list.
	MatchAffected MatchStatus = iota + 1
	// MatchNotAffected: the component's version is decidably outside every
	// affected range (SEMVER ranges or a complete version list).
	MatchNotAffected
	// MatchUndetermined: the package matches but the version cannot be
	// decided (ECOSYSTEM or GIT ranges, no version, a version that is not
	// SemVer). Never read this as not affected.
	MatchUndetermined
)

var matchNames = []string{MatchAffected: "affected", MatchNotAffected: "not-affected", MatchUndetermined: "undetermined"}

// Valid reports whether s is known.
func (s MatchStatus) Valid() bool { return s >= MatchAffected && s <= MatchUndetermined }

// String returns "affected", "not-affected" or "undetermined".
func (s MatchStatus) String() string { return enumString(matchNames, int(s)) }

// MarshalText implements encoding.TextMarshaler.
func (s MatchStatus) MarshalText() ([]byte, error) {
	return enumMarshal(matchNames, int(s), "MatchStatus")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *MatchStatus) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(matchNames, b, "match status")
	*s = MatchStatus(v)
	return err
}

// Match is one vulnerability whose package matches one component.
type Match struct {
	// Vulnerability is the OSV record's ID.
	Vulnerability string `json:"vulnerability"`
	// Aliases are the record's aliases.
	Aliases []string `json:"aliases,omitzero"`
	// Component is the component's Ref.
	Component string `json:"component"`
	// Pointer locates the component in the SBOM.
	Pointer string `json:"pointer"`
	// Status says whether the component's version is affected.
	Status MatchStatus `json:"status"`
	// Reason says how the status was decided.
	Reason string `json:"reason"`
}

// osvEcosystem is the purl type (and, for distributions, namespace) of an
// OSV ecosystem.
type osvEcosystem struct{ typ, namespace string }

// ecosystemTypes maps OSV ecosystems to purl types. Linux distributions
// name their packages in a purl namespace (pkg:deb/debian/zlib1g,
// pkg:apk/alpine/busybox), so their ecosystems map to a type and a
// namespace.
var ecosystemTypes = map[string]osvEcosystem{
	"Go":             {typ: "golang"},
	"npm":            {typ: "npm"},
	"PyPI":           {typ: "pypi"},
	"Maven":          {typ: "maven"},
	"crates.io":      {typ: "cargo"},
	"NuGet":          {typ: "nuget"},
	"RubyGems":       {typ: "gem"},
	"Packagist":      {typ: "composer"},
	"Hex":            {typ: "hex"},
	"Pub":            {typ: "pub"},
	"Hackage":        {typ: "hackage"},
	"CRAN":           {typ: "cran"},
	"SwiftURL":       {typ: "swift"},
	"GitHub Actions": {typ: "githubactions"},
	"ConanCenter":    {typ: "conan"},
	"Debian":         {typ: "deb", namespace: "debian"},
	"Ubuntu":         {typ: "deb", namespace: "ubuntu"},
	"Alpine":         {typ: "apk", namespace: "alpine"},
}

// osvKey gives the purl identity (type/namespace/name) of an OSV package,
// or why it has none.
func osvKey(p OSVPackage) (string, string) {
	if p.PURL != "" {
		pu, err := ParsePURL(p.PURL)
		if err != nil {
			return "", fmt.Sprintf("its purl %q is not valid", clip(p.PURL))
		}
		return normKey(purlKey(pu)), ""
	}
	if p.Ecosystem == "" || p.Name == "" {
		return "", "it has neither a purl nor an ecosystem and a name"
	}
	// A release may follow the ecosystem: "Debian:12", "Alpine:v3.18",
	// "Ubuntu:22.04:LTS". The release is not compared (purl qualifiers
	// such as distro are ignored), which can only widen the match.
	eco, _, _ := strings.Cut(p.Ecosystem, ":")
	e, ok := ecosystemTypes[eco]
	if !ok {
		return "", fmt.Sprintf("its ecosystem %q has no known purl type", clip(p.Ecosystem))
	}
	name := p.Name
	if e.typ == "maven" {
		name = strings.Replace(name, ":", "/", 1)
	}
	if e.namespace != "" {
		name = e.namespace + "/" + name
	}
	return normKey(e.typ + "/" + name), ""
}

// normKey lower-cases keys of case-insensitive ecosystems.
func normKey(k string) string {
	if strings.HasPrefix(k, "pypi/") || strings.HasPrefix(k, "npm/") || strings.HasPrefix(k, "composer/") {
		k = strings.ToLower(k)
		if strings.HasPrefix(k, "pypi/") {
			k = strings.ReplaceAll(strings.ReplaceAll(k, "_", "-"), ".", "-")
		}
	}
	return k
}

// MatchSkip is something [MatchOSV] could not match: a component without
// a usable purl (no vulnerability record can be matched to it), or an
// affected package of a record whose identity it cannot work out (an
// unknown ecosystem, an invalid purl). A skip is never "not affected": the
// caller has to look at it.
type MatchSkip struct {
	// Vulnerability is the OSV record's ID for a skipped affected package;
	// "" for a skipped component.
	Vulnerability string `json:"vulnerability,omitzero"`
	// Component is the skipped component's Ref ("" for an affected package,
	// and for a component without a Ref).
	Component string `json:"component,omitzero"`
	// Pointer locates what was skipped: the component in the SBOM
	// (/components/3), or the affected package in the OSV record
	// (/affected/2/package).
	Pointer string `json:"pointer"`
	// Reason says why it was skipped.
	Reason string `json:"reason"`
}

// MatchReport is the result of [MatchOSV].
type MatchReport struct {
	// Matches has one entry per (record, component) whose package matches,
	// ordered by record (as given), then component (document order).
	Matches []Match `json:"matches,omitzero"`
	// Skipped lists, first, the components that have no usable purl, in
	// document order, then the affected packages that could not be
	// identified, by record (as given) and position in the record.
	Skipped []MatchSkip `json:"skipped,omitzero"`
}

// MatchOSV matches OSV records against the inventory's components
// (and its subject) by purl identity and version. It returns one [Match]
// per (record, component) whose package matches, and lists in Skipped
// every component without a valid purl and every affected package whose
// identity is unknown (an ecosystem without a known purl type, an invalid
// purl): for those nothing is decided, in particular not "not affected".
// Withdrawn records are skipped without a note (they no longer claim
// anything). The inventory is indexed once: the cost is linear in
// components plus records. A nil inventory is an error wrapping
// problem.ErrNilInput; nil records are skipped. When ctx is cancelled,
// MatchOSV stops and returns ctx.Err().
func MatchOSV(ctx context.Context, inv *Inventory, records []*OSVRecord) (*MatchReport, error) {
	if ctx == nil {
		return nil, fmt.Errorf("sbom: match OSV: nil context: %w", problem.ErrNilInput)
	}
	if inv == nil {
		return nil, fmt.Errorf("sbom: match OSV: nil inventory: %w", problem.ErrNilInput)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type entry struct {
		c       *Component
		version string
	}
	rep := &MatchReport{}
	index := map[string][]entry{}
	inv.allComponents(func(c *Component) {
		if c.PURL == "" {
			rep.Skipped = append(rep.Skipped, MatchSkip{Component: c.Ref, Pointer: c.Pointer, Reason: fmt.Sprintf("component %s has no purl; OSV records are matched by purl", label(c))})
			return
		}
		p, err := ParsePURL(c.PURL)
		if err != nil {
			rep.Skipped = append(rep.Skipped, MatchSkip{Component: c.Ref, Pointer: jsonptr.Append(c.Pointer, "purl"), Reason: fmt.Sprintf("component %s: %v", label(c), err)})
			return
		}
		v := p.Version
		if v == "" {
			v = c.Version
		}
		k := normKey(purlKey(p))
		index[k] = append(index[k], entry{c, v})
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for n, rec := range records {
		if n%cancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if rec == nil || rec.Withdrawn != "" {
			continue
		}
		type res struct {
			st     MatchStatus
			reason string
		}
		found := map[*Component]res{}
		var order []*Component
		for i, a := range rec.Affected {
			k, why := osvKey(a.Package)
			if why != "" {
				rep.Skipped = append(rep.Skipped, MatchSkip{Vulnerability: rec.ID, Pointer: jsonptr.Append(jsonptr.Index("/affected", i), "package"),
					Reason: fmt.Sprintf("affected package %d of %s cannot be matched: %s", i, clip(rec.ID), why)})
				continue
			}
			for _, e := range index[k] {
				st, why := matchVersion(a, e.version)
				prev, seen := found[e.c]
				if !seen {
					order = append(order, e.c)
				}
				if !seen || rank(st) > rank(prev.st) {
					found[e.c] = res{st, why}
				}
			}
		}
		slices.SortStableFunc(order, func(a, b *Component) int { return compareDocOrder(a.Pointer, b.Pointer) })
		for _, c := range order {
			r := found[c]
			rep.Matches = append(rep.Matches, Match{Vulnerability: rec.ID, Aliases: slices.Clone(rec.Aliases), Component: c.Ref, Pointer: c.Pointer, Status: r.st, Reason: r.reason})
		}
	}
	return rep, nil
}

// compareDocOrder orders pointers by document position (metadata first,
// then components by index).
func compareDocOrder(a, b string) int {
	ta, _ := jsonptr.Split(a)
	tb, _ := jsonptr.Split(b)
	for i := 0; i < len(ta) && i < len(tb); i++ {
		if ta[i] == tb[i] {
			continue
		}
		na, ea := parseIndex(ta[i])
		nb, eb := parseIndex(tb[i])
		if ea && eb {
			return na - nb
		}
		if ta[i] == "metadata" {
			return -1
		}
		if tb[i] == "metadata" {
			return 1
		}
		return strings.Compare(ta[i], tb[i])
	}
	return len(ta) - len(tb)
}

func parseIndex(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func rank(s MatchStatus) int {
	switch s {
	case MatchAffected:
		return 3
	case MatchUndetermined:
		return 2
	case MatchNotAffected:
		return 1
	}
	return 0
}

// matchVersion decides whether version v is affected by a.
func matchVersion(a OSVAffected, v string) (MatchStatus, string) {
	if v == "" {
		return MatchUndetermined, "the component has no version"
	}
	for _, x := range a.Versions {
		if x == v || strings.TrimPrefix(x, "v") == strings.TrimPrefix(v, "v") {
			return MatchAffected, fmt.Sprintf("version %s is listed as affected", v)
		}
	}
	if len(a.Ranges) == 0 {
		if len(a.Versions) == 0 {
			return MatchUndetermined, "the record gives neither versions nor ranges"
		}
		return MatchNotAffected, fmt.Sprintf("version %s is not in the list of affected versions", v)
	}
	undetermined := ""
	for _, rg := range a.Ranges {
		if rg.Type != "SEMVER" {
			undetermined = fmt.Sprintf("%s ranges cannot be evaluated offline", rg.Type)
			continue
		}
		st, why := semverRange(rg, v)
		switch st {
		case MatchAffected:
			return st, why
		case MatchUndetermined:
			undetermined = why
		case MatchNotAffected:
		}
	}
	if undetermined != "" {
		return MatchUndetermined, undetermined
	}
	return MatchNotAffected, fmt.Sprintf("version %s is outside every SEMVER range", v)
}

// semverRange evaluates one SEMVER range for v (OSV's algorithm: walk the
// events in version order; introduced opens, fixed and last_affected close).
func semverRange(rg OSVRange, v string) (MatchStatus, string) {
	ver, ok := parseSemver(v)
	if !ok {
		return MatchUndetermined, fmt.Sprintf("version %q is not SemVer", clip(v))
	}
	type ev struct {
		kind int // 0 introduced, 1 fixed, 2 last_affected
		v    semVersion
		zero bool
	}
	evs := make([]ev, 0, len(rg.Events))
	for _, e := range rg.Events {
		var x ev
		var s string
		switch {
		case e.Introduced != "":
			x.kind, s = 0, e.Introduced
		case e.Fixed != "":
			x.kind, s = 1, e.Fixed
		case e.LastAffected != "":
			x.kind, s = 2, e.LastAffected
		default:
			continue // limit: GIT only
		}
		if s == "0" && x.kind == 0 {
			x.zero = true
		} else if x.v, ok = parseSemver(s); !ok {
			return MatchUndetermined, fmt.Sprintf("range event %q is not SemVer", clip(s))
		}
		evs = append(evs, x)
	}
	slices.SortStableFunc(evs, func(a, b ev) int {
		switch {
		case a.zero && b.zero:
			return 0
		case a.zero:
			return -1
		case b.zero:
			return 1
		}
		return a.v.compare(b.v)
	})
	affected := false
	for _, e := range evs {
		switch e.kind {
		case 0:
			if e.zero || ver.compare(e.v) >= 0 {
				affected = true
			}
		case 1:
			if ver.compare(e.v) >= 0 {
				affected = false
			}
		case 2:
			if ver.compare(e.v) > 0 {
				affected = false
			}
		}
	}
	if affected {
		return MatchAffected, fmt.Sprintf("version %s is in a SEMVER range", v)
	}
	return MatchNotAffected, fmt.Sprintf("version %s is outside the SEMVER range", v)
}
