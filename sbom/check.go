package sbom

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// DefaultMaxSubjects is how many subjects (components, or gaps of the SBOM
// as a whole) with a gap each rule lists as findings when
// CheckOptions.MaxSubjects is zero.
const DefaultMaxSubjects = 20

// CheckOptions tunes [Check]. A nil *CheckOptions means the defaults.
type CheckOptions struct {
	// ReportOptional also reports gaps in optional fields as info findings.
	// False (the default) only counts them (a deprecated licence identifier
	// is reported either way).
	ReportOptional bool
	// MaxSubjects bounds the findings: each rule lists the first
	// MaxSubjects subjects with a gap (in document order, the product
	// first) as findings of their own, and sums up the others in one more
	// finding and in RuleResult.Omitted; the counts of RuleResult are always
	// complete. Zero means DefaultMaxSubjects (20); a negative value lists
	// every subject.
	MaxSubjects int
	// Edition is the edition of the catalog whose requirements the findings
	// name; zero means A11. The SBOM rules evidence requirements new in A11
	// (SM-14, SM-15, DM-10): against the 2018 catalog the findings name no
	// requirement (and ProfileRule.Requirement is empty in the report).
	Edition requirement.Edition
}

// RuleResult is the outcome of one rule over the whole SBOM.
type RuleResult struct {
	// Rule is the rule and its catalog mapping.
	Rule ProfileRule `json:"rule"`
	// Checked counts the subjects the rule applied to (the SBOM, or each
	// component the rule concerns, the product included).
	Checked int `json:"checked"`
	// Passed counts the subjects that meet the rule.
	Passed int `json:"passed"`
	// Failed counts the subjects that do not.
	Failed int `json:"failed"`
	// Unknown counts the subjects for which the SBOM does not say
	// (additional fields: the data may not exist).
	Unknown int `json:"unknown"`
	// Outcome is fail when any subject failed, unknown when any is
	// unknown, not-applicable when the rule had nothing to check (no
	// component has a licence to check the syntax of, say), pass otherwise.
	Outcome requirement.Outcome `json:"outcome"`
	// Omitted counts the subjects with a gap reported without a finding of
	// their own (beyond CheckOptions.MaxSubjects); one more finding of the
	// rule says how many there are.
	Omitted int `json:"omitted,omitzero"`
}

// Report is the result of checking an SBOM against a [CheckProfile]. Its
// size is bounded by the number of rules, not of components: findings are
// aggregated per rule (see CheckOptions.MaxSubjects).
type Report struct {
	// Profile is the rule set applied.
	Profile CheckProfile `json:"profile"`
	// Outcome is the verdict on the profile: fail when a required rule
	// failed; unknown when a required rule is unknown or an additional rule
	// has a gap (the data it asks for may not exist); pass otherwise.
	// Optional rules and rules with nothing to check do not count.
	Outcome requirement.Outcome `json:"outcome"`
	// Reasons says why, one line per rule that decides the outcome (for
	// pass, one line saying that every required rule passed).
	Reasons []string `json:"reasons"`
	// Components counts the components checked: those of the inventory
	// and, when the SBOM names it, the product it describes (CycloneDX
	// metadata.component, SPDX DESCRIBES), which the per-rule counts
	// include too.
	Components int `json:"components"`
	// ComponentsWithGaps counts the components (the product included) with
	// a gap in at least one rule that is reported (required or additional;
	// optional ones with ReportOptional).
	ComponentsWithGaps int `json:"components_with_gaps"`
	// Rules has one result per rule of the profile, in report order.
	Rules []RuleResult `json:"rules"`
	// Findings lists, per rule, the gaps of the first
	// CheckOptions.MaxSubjects subjects (each with its JSON pointer and the
	// component's bom-ref as Subject) and one finding for the rest, sorted
	// by requirement.CompareFindings.
	Findings []requirement.Finding `json:"findings,omitzero"`
	// LicenseListVersion is the version of the SPDX licence list that
	// licence identifiers were checked against (see [LicenseListVersion]).
	LicenseListVersion string `json:"license_list_version"`
	// Score is the share of passed checks among all checks of required
	// and additional rules, from 0 to 100. Unknown counts as not passed.
	Score float64 `json:"score"`
}

// CheckCycloneDX reads a CycloneDX SBOM from r and checks it against
// profile p: [DecodeCycloneDX] followed by [Check], without keeping the
// original document (the inventory is dropped after the check), so that
// the check costs about what the decoding does. When ctx is cancelled, it
// stops and returns ctx.Err().
func CheckCycloneDX(ctx context.Context, r io.Reader, enc Encoding, p CheckProfile, dopts *DecodeOptions, copts *CheckOptions) (*Report, error) {
	if !p.Valid() {
		return nil, fmt.Errorf("sbom: check: profile %v: %w", p, problem.ErrInvalidValue)
	}
	inv, err := decodeInventory(ctx, r, enc, dopts, false)
	if err != nil {
		return nil, err
	}
	return Check(ctx, inv, p, copts)
}

type status int

const (
	stNA status = iota
	stPass
	stFail
	stUnknown
)

// Check checks inv against profile p. Findings are located by JSON pointer
// into the document inv was read from, carry the component's bom-ref as
// Subject, and their messages name the component by name, version and
// bom-ref; each rule lists at most CheckOptions.MaxSubjects of them (see
// [Report]). Check is linear in the number of components, and its memory
// does not grow with the number of gaps. An unknown profile is an error
// wrapping problem.ErrInvalidValue, a nil inventory one wrapping
// problem.ErrNilInput. When ctx is cancelled, Check stops and returns
// ctx.Err().
func Check(ctx context.Context, inv *Inventory, p CheckProfile, opts *CheckOptions) (*Report, error) {
	switch {
	case ctx == nil:
		return nil, fmt.Errorf("sbom: check: nil context: %w", problem.ErrNilInput)
	case inv == nil:
		return nil, fmt.Errorf("sbom: check: nil inventory: %w", problem.ErrNilInput)
	case !p.Valid():
		return nil, fmt.Errorf("sbom: check: profile %v: %w", p, problem.ErrInvalidValue)
	}
	if opts == nil {
		opts = &CheckOptions{}
	}
	edition := opts.Edition
	if edition == 0 {
		edition = requirement.EditionA11
	}
	if !edition.Valid() {
		return nil, fmt.Errorf("sbom: check: edition %v: %w", edition, problem.ErrUnknownEdition)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	maxSubjects := opts.MaxSubjects
	switch {
	case maxSubjects == 0:
		maxSubjects = DefaultMaxSubjects
	case maxSubjects < 0:
		maxSubjects = int(^uint(0) >> 1)
	}
	rules := ProfileRules(p)
	rep := &Report{Profile: p, Rules: make([]RuleResult, len(rules)), LicenseListVersion: LicenseListVersion()}
	ck := checker{inv: inv, p: p, opts: opts, rep: rep, max: maxSubjects, edition: edition,
		entries: make([]requirement.Rule, len(rules)), omitted: make([]omission, len(rules))}
	var compRules []int
	for i, r := range rules {
		ck.entries[i] = registryEntry(ruleDefs[slices.IndexFunc(ruleDefs, func(d ruleDef) bool { return d.kind == r.kind })])
		if req, ok := ck.entries[i].RequirementIn(edition); ok {
			r.Requirement = req
		} else {
			r.Requirement = ""
		}
		rep.Rules[i].Rule = r
		if r.Component {
			compRules = append(compRules, i)
			continue
		}
		if r.kind == kSchemaValid {
			ck.schemaRule(i)
			continue
		}
		st, ptr, msg := ck.sbomRule(r.kind)
		ck.record(i, st, ptr, msg, nil)
	}
	n := 0
	var cancelled error
	visit := func(c *Component) {
		if cancelled != nil {
			return
		}
		if n%cancelEvery == 0 {
			if cancelled = ctx.Err(); cancelled != nil {
				return
			}
		}
		n++
		gap := false
		for _, i := range compRules {
			st, field, msg := ck.componentRule(rep.Rules[i].Rule.kind, c)
			if st == stNA {
				continue
			}
			gap = ck.record(i, st, field, msg, c) || gap
		}
		if gap {
			rep.ComponentsWithGaps++
		}
	}
	inv.allComponents(visit)
	if cancelled != nil {
		return nil, cancelled
	}
	rep.Components = n
	var checked, passed int
	for i := range rep.Rules {
		rr := &rep.Rules[i]
		switch {
		case rr.Failed > 0:
			rr.Outcome = requirement.OutcomeFail
		case rr.Unknown > 0:
			rr.Outcome = requirement.OutcomeUnknown
		case rr.Checked == 0:
			// Nothing to check (no licence to parse; a document not
			// validated): neither a pass nor a gap.
			rr.Outcome = requirement.OutcomeNotApplicable
		default:
			rr.Outcome = requirement.OutcomePass
		}
		if rr.Rule.Level != LevelOptional {
			checked += rr.Checked
			passed += rr.Passed
		}
		ck.summarise(i)
	}
	if checked > 0 {
		rep.Score = float64(int(float64(passed)*10000/float64(checked))) / 100
	}
	rep.Outcome, rep.Reasons = verdict(rep.Rules)
	requirement.SortFindings(rep.Findings)
	return rep, nil
}

// verdict decides the outcome of a profile from its rule results, and
// says why.
func verdict(rules []RuleResult) (requirement.Outcome, []string) {
	var failed, unknown []string
	for _, rr := range rules {
		if rr.Rule.Level == LevelOptional {
			continue
		}
		switch rr.Outcome {
		case requirement.OutcomeFail:
			if rr.Rule.Level == LevelRequired {
				failed = append(failed, ruleReason(rr, rr.Failed, "failed"))
			} else {
				unknown = append(unknown, ruleReason(rr, rr.Failed, "failed"))
			}
		case requirement.OutcomeUnknown:
			unknown = append(unknown, ruleReason(rr, rr.Unknown, "is unknown"))
		case requirement.OutcomePass, requirement.OutcomeNotApplicable:
		}
	}
	switch {
	case len(failed) > 0:
		return requirement.OutcomeFail, failed
	case len(unknown) > 0:
		return requirement.OutcomeUnknown, unknown
	}
	return requirement.OutcomePass, []string{"every required and additional rule passed (or had nothing to check)"}
}

// ruleReason says how one rule decides the verdict, such as "required rule
// sbom.hash-sha512 failed for 3 of 101 components".
func ruleReason(rr RuleResult, n int, what string) string {
	s := fmt.Sprintf("%s rule %s %s", rr.Rule.Level, rr.Rule.ID, what)
	if rr.Rule.Component {
		s += fmt.Sprintf(" for %d of %d components", n, rr.Checked)
	}
	if rr.Rule.Level == LevelAdditional {
		s += " (the SBOM must give it if the data exists)"
	}
	return s
}

type checker struct {
	inv     *Inventory
	p       CheckProfile
	opts    *CheckOptions
	rep     *Report
	max     int // findings listed per rule
	edition requirement.Edition
	entries []requirement.Rule // registry entry per rule of the report
	omitted []omission

	byPointer map[string]string // component pointer -> bom-ref, built on first use
}

// omission is where the first gap of a rule that got no finding of its own
// was, and whether it concerned a component.
type omission struct {
	pointer   string
	component bool
}

// record counts st for rule i and, for a gap, adds a finding (or counts it
// as omitted beyond the first MaxSubjects); it reports whether the gap is
// reported. For a component rule (c not nil), ptr is the field name,
// turned into a pointer (and the message prefixed with the component's
// label) only when a finding is made.
func (ck *checker) record(i int, st status, ptr, msg string, c *Component) bool {
	rr := &ck.rep.Rules[i]
	switch st {
	case stNA:
		return false
	case stPass:
		rr.Checked++
		rr.Passed++
		return false
	case stFail:
		rr.Checked++
		rr.Failed++
	case stUnknown:
		rr.Checked++
		rr.Unknown++
	}
	if rr.Rule.Level == LevelOptional && !ck.opts.ReportOptional && rr.Rule.kind != kLicenceDeprecated { // a warning is always listed
		return false
	}
	listed := rr.Failed + rr.Unknown - rr.Omitted - 1 // gaps of this rule before this one, with a finding
	if listed >= ck.max {
		if rr.Omitted == 0 {
			p := ptr
			if c != nil {
				p = ck.fieldPtr(c.Pointer, ptr)
			}
			ck.omitted[i] = omission{pointer: p, component: c != nil}
		}
		rr.Omitted++
		return c != nil
	}
	var subject string
	if c != nil {
		ptr = ck.fieldPtr(c.Pointer, ptr)
		msg = "component " + label(c) + ": " + msg
		subject = c.Ref
	} else {
		subject = ck.subjectAt(ptr)
	}
	ck.rep.Findings = append(ck.rep.Findings, ck.finding(i, ptr, subject, msg))
	return c != nil
}

// subjectAt returns the bom-ref of the innermost component that ptr points
// into (a schema violation in a component's field), "" when none.
func (ck *checker) subjectAt(ptr string) string {
	if ptr == "" {
		return ""
	}
	if ck.byPointer == nil {
		ck.byPointer = make(map[string]string, len(ck.inv.Components)+1)
		ck.inv.allComponents(func(c *Component) {
			if c.Pointer != "" {
				ck.byPointer[c.Pointer] = c.Ref
			}
		})
	}
	for p := ptr; p != ""; p = p[:strings.LastIndexByte(p, '/')] {
		if ref, ok := ck.byPointer[p]; ok {
			return ref
		}
	}
	return ""
}

// finding builds a finding of rule i from its registry entry, at the
// severity of the rule's level in the profile.
func (ck *checker) finding(i int, ptr, subject, msg string) requirement.Finding {
	rr := &ck.rep.Rules[i]
	f := ck.entries[i].Finding(rr.Rule.Requirement, ptr, subject, "%s", msg)
	f.Severity = rr.Rule.Severity()
	if f.Requirement != "" {
		f.Edition = ck.edition
	}
	return f
}

// summarise adds the finding that stands for the gaps of rule i without a
// finding of their own.
func (ck *checker) summarise(i int) {
	rr := &ck.rep.Rules[i]
	if rr.Omitted == 0 {
		return
	}
	o := ck.omitted[i]
	msg := fmt.Sprintf("and %d more findings of this rule, not listed one by one (the first is here; raise CheckOptions.MaxSubjects to list them)", rr.Omitted)
	if o.component {
		msg = fmt.Sprintf("and %d more components with a gap in this rule, not listed one by one (the first is here; raise CheckOptions.MaxSubjects to list them)", rr.Omitted)
	}
	ck.rep.Findings = append(ck.rep.Findings, ck.finding(i, o.pointer, "", msg))
}

func label(c *Component) string {
	var b strings.Builder
	b.WriteString(strconv.Quote(clip(c.Name)))
	if c.Version != "" {
		b.WriteString(" ")
		b.WriteString(clip(c.Version))
	}
	if c.Ref != "" {
		b.WriteString(" (bom-ref ")
		b.WriteString(strconv.Quote(clip(c.Ref)))
		b.WriteString(")")
	}
	return b.String()
}

// fieldPtr builds the pointer of a field of the component at base, in the
// vocabulary of the source format.
func (ck *checker) fieldPtr(base, field string) string {
	return fieldPointer(ck.inv.Format, base, field)
}

// fieldPointer builds the pointer of a field (named as in CycloneDX) of
// the component at base, in the vocabulary of format.
func fieldPointer(format Format, base, field string) string {
	if field == "" || base == "" {
		return base
	}
	if format == FormatSPDX {
		return spdxFieldPointer(base, field)
	}
	return jsonptr.Append(base, field)
}

func (ck *checker) sbomRule(k ruleKind) (status, string, string) {
	inv := ck.inv
	// Component-level kinds are handled by componentRule.
	//exhaustive:ignore
	switch k {
	case kMachineReadable:
		if inv.Format.Valid() {
			return stPass, "", ""
		}
		return stUnknown, "", "the inventory was not read from an SBOM; publish it as CycloneDX or SPDX"
	case kFormatVersion:
		return ck.formatVersion()
	case kSBOMCreator:
		if ck.p == ProfileNTIA {
			return ntiaAuthorRule(inv, ck.metaPtr("authors"))
		}
		for _, a := range inv.Authors {
			if a.Reachable() {
				return stPass, "", ""
			}
		}
		if inv.Manufacturer.Reachable() {
			return stPass, "", ""
		}
		return stFail, ck.metaPtr("authors"), "the SBOM's creator has no e-mail address or URL; give one in metadata.authors or metadata.manufacturer"
	case kSBOMTimestamp:
		if inv.Timestamp == "" {
			return stFail, ck.metaPtr("timestamp"), "no creation timestamp; set metadata.timestamp (RFC 3339, UTC recommended)"
		}
		if _, err := time.Parse(time.RFC3339, inv.Timestamp); err != nil {
			return stFail, ck.metaPtr("timestamp"), fmt.Sprintf("timestamp %q is not RFC 3339; write it like 2026-01-31T12:00:00Z", clip(inv.Timestamp))
		}
		return stPass, "", ""
	case kSBOMURI:
		if inv.SerialNumber != "" {
			return stPass, "", ""
		}
		ptr := "/serialNumber"
		if inv.Format == FormatSPDX {
			ptr = "/documentNamespace"
		}
		return stUnknown, ptr, "no SBOM URI; give the BOM a serialNumber (urn:uuid:...) so that it can be referenced"
	case kNoVulnerabilities:
		if inv.Vulnerabilities == 0 {
			return stPass, "", ""
		}
		return stFail, "/vulnerabilities", fmt.Sprintf("the SBOM carries %d vulnerabilities; move vulnerability information to a CSAF or VEX document", inv.Vulnerabilities)
	case kTopLevelDependencies:
		s := inv.Subject
		if s == nil {
			return stFail, ck.metaPtr("component"), "the SBOM does not say which product it describes; add metadata.component with its direct dependencies"
		}
		if !s.HasDependencies || (len(s.DependsOn) == 0 && s.DependenciesComplete != CompletenessComplete) {
			return stFail, "/dependencies", fmt.Sprintf("the product %s has no direct dependencies listed; add a dependency entry for its bom-ref", label(s))
		}
		return stPass, "", ""
	}
	return stNA, "", ""
}

func (ck *checker) metaPtr(field string) string {
	if ck.inv.meta != nil {
		return ck.inv.meta.pointer(field)
	}
	if ck.inv.Format == FormatSPDX {
		switch field {
		case "authors":
			return "/creationInfo/creators"
		case "timestamp":
			return "/creationInfo/created"
		case "component":
			return "/documentDescribes"
		}
	}
	return "/metadata/" + field
}

func (ck *checker) formatVersion() (status, string, string) {
	inv := ck.inv
	switch inv.Format {
	case FormatCycloneDX:
		minor := 0
		if rest, ok := strings.CutPrefix(inv.SpecVersion, "1."); ok {
			minor, _ = strconv.Atoi(rest)
		}
		want := 6
		if ck.p == ProfileTR03183v2_0 {
			want = 5
		}
		if minor >= want {
			return stPass, "", ""
		}
		return stFail, "/specVersion", fmt.Sprintf("CycloneDX %s is older than the %s minimum 1.%d; produce the SBOM as CycloneDX 1.%d or newer", clip(inv.SpecVersion), ck.p, want, want)
	case FormatSPDX:
		return spdxFormatVersion(ck.p, inv)
	}
	return stUnknown, "", "the inventory was not read from an SBOM, so its format version is unknown"
}

func (ck *checker) componentRule(k ruleKind, c *Component) (status, string, string) {
	// SBOM-level kinds are handled by sbomRule.
	//exhaustive:ignore
	switch k {
	case kComponentCreator:
		if c.Creator.Reachable() {
			return stPass, "", ""
		}
		return stFail, "manufacturer", "the creator has no e-mail address or URL; give the manufacturer's URL or contact e-mail"
	case kComponentSupplier:
		if c.Supplier.Name != "" || c.Creator.Name != "" {
			return stPass, "", ""
		}
		return stFail, "supplier", "no supplier name; name the supplier"
	case kComponentName:
		if c.Name != "" {
			return stPass, "", ""
		}
		return stFail, "name", "no name; give the creator's name for the component, else its file name"
	case kComponentVersion:
		if c.Version != "" {
			return stPass, "", ""
		}
		return stFail, "version", "no version; give the creator's version (SemVer or CalVer), else the file date"
	case kComponentFilename:
		switch {
		case c.Filename == "":
			return stFail, "properties", "no file name; add the property " + PropFilename + " with the deployable file's name (no path)"
		case strings.ContainsAny(c.Filename, `/\`):
			return stFail, "properties", fmt.Sprintf("file name %q is a path; give only the file's name (%s wants the name, not where it lies)", clip(c.Filename), PropFilename)
		}
		return stPass, "", ""
	case kComponentDependencies:
		if c.HasDependencies {
			return stPass, "", ""
		}
		return stFail, "", "no dependency entry; list its direct dependencies in /dependencies (an empty dependsOn for a leaf)"
	case kDependencyCompleteness:
		return dependencyCompletenessRule(c)
	case kDistributionLicence:
		return distributionLicenceRule(ck.p, c)
	case kLicenceExpression:
		return licenceExpressionRule(c)
	case kLicenceDeprecated:
		return licenceDeprecatedRule(c)
	case kHashSHA512:
		for _, h := range c.Hashes {
			if h.Algorithm == "SHA-512" && isHex(h.Value, 128) {
				return stPass, "", ""
			}
		}
		return stFail, "hashes", "no SHA-512 hash; add the SHA-512 of the deployable file (128 hex digits)"
	case kExecutable:
		return flagRule(c.Executable, PropExecutable)
	case kArchive:
		return flagRule(c.Archive, PropArchive)
	case kStructured:
		return flagRule(c.Structured, PropStructured)
	case kSourceURI:
		if c.SourceURI != "" {
			return stPass, "", ""
		}
		return stUnknown, "externalReferences", "no source code URI; if the source is available, add an external reference of type vcs"
	case kDeployableURI:
		if c.DeployableURI != "" {
			return stPass, "", ""
		}
		return stUnknown, "externalReferences", "no URI of the deployable form; if it can be downloaded, add an external reference of type distribution"
	case kIdentifier:
		if c.PURL != "" || c.CPE != "" || c.SWID != nil {
			return stPass, "", ""
		}
		if ck.p == ProfileNTIA {
			return stFail, "purl", "no unique identifier; add a purl, CPE or SWID tag so that vulnerabilities can be matched"
		}
		return stUnknown, "purl", "no other unique identifier; add a purl, CPE or SWID tag so that vulnerabilities can be matched"
	case kPURLValid:
		if c.PURL == "" {
			return stNA, "", ""
		}
		if _, err := ParsePURL(c.PURL); err != nil {
			return stFail, "purl", fmt.Sprintf("purl %q is not a valid package URL; fix it (pkg:type/namespace/name@version)", clip(c.PURL))
		}
		return stPass, "", ""
	case kOriginalLicence:
		return originalLicenceRule(c)
	case kEffectiveLicence:
		if c.EffectiveLicense != "" {
			return stPass, "", ""
		}
		return stFail, "properties", "no effective licence; add the property " + PropEffectiveLicense
	case kSecurityTxt:
		if c.SecurityTxtURL != "" {
			return stPass, "", ""
		}
		return stFail, "externalReferences", "no security.txt URL; add an external reference of type rfc-9116"
	}
	return stNA, "", ""
}

func flagRule(f Flag, prop string) (status, string, string) {
	if f.Valid() {
		return stPass, "", ""
	}
	v := flagValues[prop]
	return stFail, "properties", fmt.Sprintf("no valid %s; add the property with value %q or %q", prop, v[0], v[1])
}

var hexDigit = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEF" {
		t[c] = true
	}
	return t
}()

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	ok := true
	for i := 0; i < len(s); i++ {
		ok = ok && hexDigit[s[i]]
	}
	return ok
}
