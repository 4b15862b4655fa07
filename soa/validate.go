package soa

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// DefaultMinJustification is the shortest justification [Validate] accepts,
// in characters (runes), when [ValidateOptions.MinJustification] is zero.
const DefaultMinJustification = 20

// ValidateOptions tunes [Validate]. A nil *ValidateOptions means the defaults.
type ValidateOptions struct {
	// KnownRisks lists the risk IDs of the product's risk register. When it
	// is not nil, every risk an entry names must be in it (otherwise
	// problem.ErrDanglingReference), and a justification that names one of
	// them names its basis. Nil means risk IDs are checked for form only; an
	// empty non-nil slice means the register has no risks.
	KnownRisks []string
	// MinJustification is the shortest justification accepted, in
	// characters. Zero means [DefaultMinJustification].
	MinJustification int
}

func (o *ValidateOptions) minJustification() int {
	if o == nil || o.MinJustification <= 0 {
		return DefaultMinJustification
	}
	return o.MinJustification
}

// trivialJustifications are placeholders that never justify a decision,
// compared after trimming and lower-casing.
var trivialJustifications = map[string]bool{
	"n/a": true, "na": true, "n.a.": true, "tbd": true, "tbc": true, "todo": true, "none": true,
	"-": true, "--": true, "...": true, "not applicable": true, "applicable": true, "see above": true,
	"same as above": true, "not relevant": true, "irrelevant": true, "x": true, "yes": true, "no": true,
}

// basisWords are the words by which a justification names its basis, besides
// the IDs of the risks it rests on. A word ending in "*" matches as a prefix
// ("certif*": certified, certificate); a phrase matches as a whole.
var basisWords = []string{
	// The baseline rule.
	"baseline",
	// A legal or contractual source.
	"cra", "regulation", "article", "art.", "annex", "law", "laws", "legal*", "contract*", "directive", "certif*",
	// The product context and intended use.
	"intended use", "context", "category", "profile", "interface*", "environment*", "network*", "feature*",
	"function*", "component*", "platform*", "hardware", "firmware", "supplier*", "inherit*", "deploy*", "operat*",
}

// Validate checks s against the catalog cat it claims to be resolved against
// (nil means [requirement.Default], the A11 catalog; pass the 2018 catalog
// for a 2018 statement). It separates two kinds of result (see the package
// documentation):
//
//   - Input that cannot be read is the error, a [problem.List] locating
//     every problem by JSON pointer: a wrong schema version, an edition that
//     is unset or not the catalog's, empty required header fields, an
//     undefined enum value or flag, an entry whose requirement ID is
//     malformed, unknown to the catalog, of the other edition (an ID or a
//     title) or given twice, a risk ID that is empty, repeated or (with
//     opts.KnownRisks) not in the register, a malformed evidence reference,
//     an incomplete origin. Findings are nil then.
//   - Everything else is a finding of a readable statement, sorted by
//     [requirement.SortFindings]: a missing entry, a missing or generic
//     justification (for every decision, applicable or not), an inherited
//     decision without its source, a missing status, work not started or not
//     verified, verified without evidence, maturity below target, overrides
//     contradicting the assessment, entries flagged by a migration, an
//     unapproved statement. Every finding names its rule ([Rules]), the
//     catalog's edition when it names a requirement, and the entry's
//     requirement ID as its subject.
//
// A nil statement is an error wrapping problem.ErrNilInput.
func Validate(s *Statement, cat *requirement.Catalog, opts *ValidateOptions) ([]requirement.Finding, error) {
	if s == nil {
		return nil, fmt.Errorf("soa: validate: nil statement: %w", problem.ErrNilInput)
	}
	if cat == nil {
		cat = requirement.Default()
	}
	v := validator{s: s, cat: cat, ed: cat.Edition(), min: opts.minJustification()}
	if opts != nil && opts.KnownRisks != nil {
		v.known = make(map[string]bool, len(opts.KnownRisks))
		for _, r := range opts.KnownRisks {
			v.known[r] = true
		}
	}
	var errs located.Errors
	v.header(&errs)
	v.entries(&errs)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs.Err()
	}
	return requirement.SortFindings(v.out), nil
}

type validator struct {
	s     *Statement
	cat   *requirement.Catalog
	ed    requirement.Edition
	min   int
	known map[string]bool
	out   []requirement.Finding
}

// add records a finding of rule id at its registered severity (sev, when not
// zero, grades it); req is the entry's requirement ("" for the statement).
func (v *validator) add(id requirement.RuleID, sev requirement.Severity, req requirement.ID, ptr, format string, args ...any) {
	v.out = append(v.out, newFinding(id, sev, v.ed, req, ptr, string(req), format, args...))
}

func (v *validator) header(errs *located.Errors) {
	s := v.s
	if s.SchemaVersion != SchemaVersion {
		errs.Add("/schema_version", problem.ErrInvalidValue, "soa: schema_version %q is not supported (want %q)", clip(s.SchemaVersion), SchemaVersion)
	}
	switch {
	case !s.Edition.Valid():
		errs.Add("/edition", problem.ErrUnknownEdition, "soa: edition is not set (want \"2018\" or \"A11\")")
	case s.Edition != v.ed:
		errs.Add("/edition", problem.ErrWrongEdition, "soa: statement is for edition %s but the catalog is %s (validate against the %s catalog, or Migrate the statement)", s.Edition, v.cat.Version(), s.Edition)
	}
	required := []struct{ ptr, name, val string }{
		{"/product/name", "product name", s.Product.Name},
		{"/product/version", "product version", s.Product.Version},
		{"/product/manufacturer", "manufacturer", s.Product.Manufacturer},
		{"/catalog_version", "catalog_version", s.CatalogVersion},
		{"/author", "author", s.Author},
	}
	for _, r := range required {
		if strings.TrimSpace(r.val) == "" {
			errs.Add(r.ptr, problem.ErrInvalidValue, "soa: %s is empty (fill it in; the schema requires it)", r.name)
		}
	}
	if s.Category != 0 && !s.Category.Valid() {
		errs.Add("/category", problem.ErrInvalidValue, "soa: category %d is not C1 to C4", int(s.Category))
	}
	if s.Profile != 0 && !s.Profile.Valid() {
		errs.Add("/profile", problem.ErrInvalidValue, "soa: profile %d is not SP1 to SP4", int(s.Profile))
	}
	// A requirement.Date is either zero or a calendar day (Decode rejects
	// "2026-02-30"); the issue date is required by the schema.
	if s.Issued.IsZero() {
		errs.Add("/issued", problem.ErrInvalidValue, "soa: issued date is missing (want YYYY-MM-DD)")
	}

	// Findings about the statement as a whole.
	for _, d := range []struct {
		ptr, name string
		date      requirement.Date
	}{{"/approved", "approval", s.Approved}, {"/next_review", "next review", s.NextReview}} {
		if !d.date.IsZero() && !s.Issued.IsZero() && d.date.Before(s.Issued) {
			v.add(ruleDateOrder, 0, "", d.ptr, "the %s date %s is before the issue date %s: correct the dates", d.name, d.date, s.Issued)
		}
	}
	if s.Approver == "" || s.Approved.IsZero() {
		ptr := "/approver"
		if s.Approver != "" {
			ptr = "/approved"
		}
		v.add(ruleNotApproved, 0, "", ptr, "the statement is not approved: record the approver and the approval date before submitting it for conformity assessment")
	}
	if s.CatalogVersion != v.cat.Version() && strings.TrimSpace(s.CatalogVersion) != "" {
		v.add(ruleCatalogVersionMismatch, 0, "", "/catalog_version", "the statement names catalog %q but was validated against %q: re-resolve it against the catalog in use", clip(s.CatalogVersion), v.cat.Version())
	}
	if s.Edition == requirement.EditionA11 && (s.Category == 0 || s.Profile == 0) {
		v.add(ruleContextMissing, 0, "", "/category", "the Annex B category or security profile is not recorded: determine the product security context (annex package) and record both")
	}
}

func (v *validator) entries(errs *located.Errors) {
	seen := make(map[requirement.ID]int, len(v.s.Entries))
	other := otherCatalog(v.ed)
	for i := range v.s.Entries {
		e := &v.s.Entries[i]
		ptr := jsonptr.Index("/entries", i)
		known := v.entryID(errs, ptr, e, seen, i, other)
		v.entryValues(errs, ptr, e)
		v.entryRisks(errs, ptr, e)
		v.entryEvidence(errs, ptr, e)
		if known {
			v.entryFindings(ptr, e)
		}
	}
	for _, id := range v.cat.IDs() {
		if _, ok := seen[id]; !ok {
			v.add(ruleEntryMissing, 0, id, "/entries", "%s has no entry in the statement: add one (a requirement that does not apply needs a not-applicable entry with a justification)", id)
		}
	}
}

// entryID checks the entry's requirement ID and title; it reports whether the
// entry names a requirement of the catalog for the first time.
func (v *validator) entryID(errs *located.Errors, ptr string, e *Entry, seen map[requirement.ID]int, i int, other *requirement.Catalog) bool {
	rp := func() string { return jsonptr.Append(ptr, "requirement") }
	if !e.Requirement.Valid() {
		errs.Add(rp(), problem.ErrInvalidID, "soa: entry %q: not a requirement ID (want PREFIX-N such as \"SM-1\")", clip(string(e.Requirement)))
		return false
	}
	r, ok := v.cat.Lookup(e.Requirement)
	if !ok {
		if other != nil && other.Has(e.Requirement) {
			errs.Add(rp(), problem.ErrWrongEdition, "soa: entry %q: not in catalog %s; it is a requirement of edition %s (use requirement IDs of the statement's edition, or Migrate the statement)", e.Requirement, v.cat.Version(), other.Edition())
		} else {
			errs.Add(rp(), problem.ErrUnknownID, "soa: entry %q: unknown requirement (catalog %s)", e.Requirement, v.cat.Version())
		}
		return false
	}
	if first, dup := seen[e.Requirement]; dup {
		errs.Add(rp(), problem.ErrDuplicate, "soa: entry %q: the requirement already has entry %d (keep one entry per requirement)", e.Requirement, first)
		return false
	}
	seen[e.Requirement] = i
	if e.Title != r.Title() {
		if o, ok := lookup(other, e.Requirement); ok && o.Title() == e.Title && o.Title() != r.Title() {
			errs.Add(jsonptr.Append(ptr, "title"), problem.ErrWrongEdition, "soa: entry %q: title %q is what %s %s means; in %s it is %q (the entry may describe the wrong requirement: identity is edition and ID)", e.Requirement, clip(e.Title), other.Edition(), e.Requirement, v.ed, r.Title())
		} else {
			v.add(ruleTitleMismatch, 0, e.Requirement, jsonptr.Append(ptr, "title"), "%s: the title %q is not the catalog's %q: copy the catalog title", e.Requirement, clip(e.Title), r.Title())
		}
	}
	return true
}

// entryValues checks that every enum of the entry is defined.
func (v *validator) entryValues(errs *located.Errors, ptr string, e *Entry) {
	if !e.Decision.Valid() {
		errs.Add(jsonptr.Append(ptr, "decision"), problem.ErrInvalidValue, "soa: entry %q: decision is %s (want applicable, not-applicable, tailored or inherited)", clip(string(e.Requirement)), e.Decision)
	}
	if e.Basis != 0 && !e.Basis.Valid() {
		errs.Add(jsonptr.Append(ptr, "basis"), problem.ErrInvalidValue, "soa: entry %q: basis %s is not defined", clip(string(e.Requirement)), e.Basis)
	}
	if e.Assessed != 0 && !e.Assessed.Valid() {
		errs.Add(jsonptr.Append(ptr, "assessed"), problem.ErrInvalidValue, "soa: entry %q: assessed decision %s is not defined", clip(string(e.Requirement)), e.Assessed)
	}
	if e.Status != 0 && !e.Status.Valid() {
		errs.Add(jsonptr.Append(ptr, "status"), problem.ErrInvalidValue, "soa: entry %q: status %s is not defined", clip(string(e.Requirement)), e.Status)
	}
	for _, l := range []struct {
		name string
		l    maturity.Level
	}{{"target_maturity", e.TargetMaturity}, {"achieved_maturity", e.AchievedMaturity}} {
		if l.l != 0 && !l.l.Valid() {
			errs.Add(jsonptr.Append(ptr, l.name), problem.ErrInvalidValue, "soa: entry %q: maturity level %d is not ML1 to ML4", clip(string(e.Requirement)), int(l.l))
		}
	}
	if !e.Origin.IsZero() && (!e.Origin.Edition.Valid() || !e.Origin.Requirement.Valid()) {
		errs.Add(jsonptr.Append(ptr, "origin"), problem.ErrInvalidValue, "soa: entry %q: origin needs a valid edition and requirement ID", clip(string(e.Requirement)))
	}
	flags := make(map[Flag]bool, len(e.Flags))
	for j, f := range e.Flags {
		fp := func() string { return jsonptr.Index(jsonptr.Append(ptr, "flags"), j) }
		switch {
		case !f.Known():
			errs.Add(fp(), problem.ErrInvalidValue, "soa: entry %q: unknown flag %q (see soa.Flags)", clip(string(e.Requirement)), clip(string(f)))
		case flags[f]:
			errs.Add(fp(), problem.ErrDuplicate, "soa: entry %q: flag %q appears twice", clip(string(e.Requirement)), f)
		}
		flags[f] = true
	}
}

func (v *validator) entryRisks(errs *located.Errors, ptr string, e *Entry) {
	seen := make(map[string]bool, len(e.Risks))
	for j, r := range e.Risks {
		rp := func() string { return jsonptr.Index(jsonptr.Append(ptr, "risks"), j) }
		switch {
		case strings.TrimSpace(r) == "":
			errs.Add(rp(), problem.ErrInvalidValue, "soa: entry %q: empty risk ID", clip(string(e.Requirement)))
		case seen[r]:
			errs.Add(rp(), problem.ErrDuplicate, "soa: entry %q: risk %q listed twice", clip(string(e.Requirement)), clip(r))
		case v.known != nil && !v.known[r]:
			errs.Add(rp(), problem.ErrDanglingReference, "soa: entry %q: risk %q is not in the risk register (fix the ID or add the risk)", clip(string(e.Requirement)), clip(r))
		}
		seen[r] = true
	}
}

// validDigest reports whether s is a SHA-256 digest in the form statements
// use: 64 lower-case hexadecimal digits.
func validDigest(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func validURI(s string) bool {
	if strings.TrimSpace(s) != s || s == "" || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return u.Scheme != "" || u.Path != ""
}

func (v *validator) entryEvidence(errs *located.Errors, ptr string, e *Entry) {
	seen := make(map[string]bool, len(e.Evidence))
	id := clip(string(e.Requirement))
	for j, ev := range e.Evidence {
		ep := func() string { return jsonptr.Index(jsonptr.Append(ptr, "evidence"), j) }
		switch {
		case !validURI(ev.URI):
			errs.Add(jsonptr.Append(ep(), "uri"), problem.ErrInvalidValue, "soa: entry %q: evidence URI %q is not a URI or relative path without spaces", id, clip(ev.URI))
		case seen[ev.URI]:
			errs.Add(jsonptr.Append(ep(), "uri"), problem.ErrDuplicate, "soa: entry %q: evidence %q listed twice", id, clip(ev.URI))
		}
		seen[ev.URI] = true
		if !validDigest(ev.SHA256) {
			errs.Add(jsonptr.Append(ep(), "sha256"), problem.ErrInvalidValue, "soa: entry %q: evidence digest %q is not a SHA-256 digest (want 64 lower-case hex digits)", id, clip(ev.SHA256))
		}
		if !ev.Date.Valid() {
			errs.Add(jsonptr.Append(ep(), "date"), problem.ErrInvalidValue, "soa: entry %q: evidence date is missing or not a calendar day (want YYYY-MM-DD)", id)
		}
		if ev.Kind != "" && !ev.Kind.Known() {
			errs.Add(jsonptr.Append(ep(), "kind"), problem.ErrInvalidValue, "soa: entry %q: evidence kind %q is unknown (see requirement.ArtifactKinds)", id, clip(string(ev.Kind)))
		}
	}
}

// trivial reports whether a justification is missing or a placeholder.
func (v *validator) trivial(j string) (string, bool) {
	t := strings.TrimSpace(j)
	switch {
	case t == "":
		return "is missing", true
	case trivialJustifications[strings.ToLower(t)]:
		return fmt.Sprintf("%q is a placeholder", clip(t)), true
	case utf8.RuneCountInString(t) < v.min:
		return fmt.Sprintf("%q is shorter than %d characters", clip(t), v.min), true
	}
	return "", false
}

// namesBasis reports whether justification j names the basis of entry e: one
// of the risks the entry lists (or, with KnownRisks, any risk of the
// register) or a word of basisWords. An entry that rests on risks
// ([BasisRisk] with risks listed) must name at least one of them. It returns
// what is missing when the basis is not named.
func (v *validator) namesBasis(e *Entry, j string) (string, bool) {
	words := wordsOf(j)
	hasWord := func(w string) bool { return slices.Contains(words, w) }
	namesRisk := false
	for _, r := range e.Risks {
		if containsToken(j, r) {
			namesRisk = true
			break
		}
	}
	if e.Basis == BasisRisk && len(e.Risks) > 0 {
		if namesRisk {
			return "", true
		}
		return fmt.Sprintf("does not name the risks it rests on (%s)", clip(strings.Join(e.Risks, ", "))), false
	}
	if namesRisk {
		return "", true
	}
	for r := range v.known {
		if containsToken(j, r) {
			return "", true
		}
	}
	if e.InheritedFrom != "" && strings.Contains(strings.ToLower(j), strings.ToLower(strings.TrimSpace(e.InheritedFrom))) {
		return "", true
	}
	lower := " " + strings.Join(words, " ") + " "
	for _, w := range basisWords {
		switch {
		case strings.Contains(w, " "):
			if strings.Contains(lower, " "+w+" ") {
				return "", true
			}
		case strings.HasSuffix(w, "*"):
			p := strings.TrimSuffix(w, "*")
			if slices.ContainsFunc(words, func(x string) bool { return strings.HasPrefix(x, p) }) {
				return "", true
			}
		case hasWord(w):
			return "", true
		}
	}
	return "names no basis (no risk it rests on, no baseline rule, no legal or contractual source, no product context)", false
}

// wordsOf splits s into lower-case words of letters, digits and dots (a
// trailing dot is dropped unless the word is an abbreviation such as
// "art.").
func wordsOf(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	out := make([]string, 0, len(f))
	for _, w := range f {
		if w != "art." {
			w = strings.TrimRight(w, ".")
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// containsToken reports whether s contains tok as a whole token: not part of
// a longer run of letters, digits or hyphens.
func containsToken(s, tok string) bool {
	if tok == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(s[i:], tok)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(tok)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !tokenRune(before) && !tokenRune(after) {
			return true
		}
		i = start + 1
	}
}

func tokenRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_')
}

// entryFindings reports the compliance gaps of one entry whose requirement
// is in the catalog.
func (v *validator) entryFindings(ptr string, e *Entry) {
	id := e.Requirement
	if e.Basis == BasisUnassessed {
		v.add(ruleUnassessed, 0, id, jsonptr.Append(ptr, "basis"), "%s: the applicability assessment did not cover this requirement; it is kept applicable by default: assess it against the risks and intended use", id)
	}
	if e.HasFlag(FlagNewRequirement) {
		v.add(ruleNewRequirementOpen, 0, id, jsonptr.Append(ptr, "flags"), "%s is new in edition %s: assess its applicability, plan its implementation and remove the %s flag", id, v.ed, FlagNewRequirement)
	}
	if e.HasFlag(FlagRequirementChanged) {
		from := ""
		if !e.Origin.IsZero() {
			from = fmt.Sprintf(" (migrated from %s %s)", e.Origin.Edition, e.Origin.Requirement)
		}
		v.add(ruleRequirementChanged, 0, id, jsonptr.Append(ptr, "flags"), "%s changed since the statement it was migrated from%s: check the decision and re-verify the evidence against edition %s, then remove the %s flag", id, from, v.ed, FlagRequirementChanged)
	}
	contradicts := e.Assessed.Valid() && e.Decision.Valid() && e.Assessed.Applies() != e.Decision.Applies()
	if contradicts {
		sev := requirement.SeverityLow
		if e.Assessed.Applies() {
			sev = requirement.SeverityMedium
		}
		v.add(ruleOverrideContradicts, sev, id, jsonptr.Append(ptr, "decision"), "%s: the decision %s contradicts the applicability assessment (%s): make sure the justification convinces an assessor, or follow the assessment", id, e.Decision, e.Assessed)
	}
	v.justification(ptr, e, e.Assessed.Valid() && e.Assessed != e.Decision)

	switch {
	case e.Decision == Inherited && strings.TrimSpace(e.InheritedFrom) == "":
		v.add(ruleInheritedWithoutSource, 0, id, jsonptr.Append(ptr, "inherited_from"), "%s is inherited but names no source: record the component or platform that meets it in inherited_from", id)
	case e.Decision.Valid() && e.Decision != Inherited && e.InheritedFrom != "":
		v.add(ruleInheritedFromUnused, 0, id, jsonptr.Append(ptr, "inherited_from"), "%s: inherited_from is set but the decision is %s: remove it, or make the decision inherited", id, e.Decision)
	}
	if e.Decision == NotApplicable {
		if e.Status != 0 {
			v.add(ruleStatusOnExclusion, 0, id, jsonptr.Append(ptr, "status"), "%s is not applicable but has status %s: remove the status, or make the requirement applicable", id, e.Status)
		}
		if len(e.Risks) > 0 {
			v.add(ruleNotApplicableWithRisks, 0, id, jsonptr.Append(ptr, "risks"), "%s is not applicable but %d risk(s) are linked to it: treat the risks another way and unlink them, or make the requirement applicable", id, len(e.Risks))
		}
		if e.Basis == BasisRisk {
			v.add(ruleExclusionUnconfirmed, 0, id, jsonptr.Append(ptr, "justification"), "%s: the applicability assessment proposed to exclude it and nobody confirmed that: confirm the exclusion with a justification in the manufacturer's words (an override), or make it applicable", id)
		}
	}
	if !e.Applies() {
		return
	}
	switch e.Status {
	case StatusPlanned:
		v.add(ruleNotStarted, 0, id, jsonptr.Append(ptr, "status"), "%s applies but its implementation has not started: schedule the work and an owner", id)
	case StatusInProgress:
		v.add(ruleInProgress, 0, id, jsonptr.Append(ptr, "status"), "%s is being implemented: finish, verify and attach the evidence", id)
	case StatusImplemented:
		v.add(ruleNotVerified, 0, id, jsonptr.Append(ptr, "status"), "%s is implemented but not verified: verify it (test, review) and record the result as evidence", id)
	case StatusVerified:
	default:
		v.add(ruleStatusMissing, 0, id, jsonptr.Append(ptr, "status"), "%s applies but has no status: record how far its implementation got (planned, in-progress, implemented or verified); until then it counts as not met", id)
	}
	if len(e.Evidence) == 0 {
		switch e.Status {
		case StatusVerified:
			v.add(ruleVerifiedWithoutEvidence, 0, id, jsonptr.Append(ptr, "evidence"), "%s is marked verified but no evidence is referenced: attach the verification records (URI and SHA-256) or lower the status", id)
		case StatusImplemented:
			v.add(ruleImplementedNoEvidence, 0, id, jsonptr.Append(ptr, "evidence"), "%s is marked implemented but no evidence is referenced: attach the artifacts that show it", id)
		case StatusPlanned, StatusInProgress:
		}
	}
	if strings.TrimSpace(e.Owner) == "" {
		v.add(ruleNoOwner, 0, id, jsonptr.Append(ptr, "owner"), "%s applies but has no owner: name the person or role accountable for it", id)
	}
	switch {
	case e.TargetMaturity.Valid() && e.AchievedMaturity.Valid() && e.AchievedMaturity < e.TargetMaturity:
		v.add(ruleMaturityBelowTarget, 0, id, jsonptr.Append(ptr, "achieved_maturity"), "%s: achieved maturity %s is below the target %s: improve the process (documented, practised, evidenced) or revise the target", id, e.AchievedMaturity, e.TargetMaturity)
	case e.TargetMaturity.Valid() && !e.AchievedMaturity.Valid():
		v.add(ruleMaturityUnknown, 0, id, jsonptr.Append(ptr, "achieved_maturity"), "%s: target maturity %s is set but the achieved maturity is not assessed (unknown, not met): assess and record it", id, e.TargetMaturity)
	}
}

// justification reports a missing or generic justification. Every decision
// needs one; one other than applicable, or one that differs from the
// assessment, weighs more. An entry that still awaits assessment
// ([BasisUnassessed], [FlagNewRequirement]) is reported by those rules
// instead.
func (v *validator) justification(ptr string, e *Entry, differs bool) {
	if !e.Decision.Valid() || e.Basis == BasisUnassessed || e.HasFlag(FlagNewRequirement) {
		return
	}
	id := e.Requirement
	weighty := e.Decision != Applicable || differs
	what := "a " + e.Decision.String() + " decision"
	if d := e.Decision; d == Applicable || d == Inherited {
		what = "an " + d.String() + " decision"
	}
	if differs {
		what = fmt.Sprintf("a decision (%s) that differs from the assessment (%s)", e.Decision, e.Assessed)
	}
	jp := jsonptr.Append(ptr, "justification")
	if why, bad := v.trivial(e.Justification); bad {
		sev := requirement.SeverityMedium
		if weighty {
			sev = requirement.SeverityHigh
		}
		v.add(ruleJustificationMissing, sev, id, jp, "%s: the justification %s; %s needs a reason of at least %d characters that names its basis (the risks and their ratings, the baseline rule, a legal source or the product context)", id, why, what, v.min)
		return
	}
	if why, ok := v.namesBasis(e, e.Justification); !ok {
		sev := requirement.SeverityLow
		if weighty {
			sev = requirement.SeverityMedium
		}
		v.add(ruleJustificationGeneric, sev, id, jp, "%s: the justification of %s %s: say which risks (with their ratings), baseline rule, legal source or product context the decision rests on", id, what, why)
	}
}

func lookup(c *requirement.Catalog, id requirement.ID) (requirement.Requirement, bool) {
	if c == nil {
		return requirement.Requirement{}, false
	}
	return c.Lookup(id)
}
