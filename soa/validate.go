package soa

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// DefaultMinJustification is the shortest justification [Validate] accepts,
// in characters (runes), when [ValidateOptions.MinJustification] is zero.
const DefaultMinJustification = 20

// Rule IDs of the findings [Validate] (and so [Resolve]) reports. They are
// stable across releases.
const (
	// RuleNotApproved (low): the statement has no approver or approval date.
	RuleNotApproved requirement.RuleID = "soa.not-approved"
	// RuleCatalogVersionMismatch (low): the statement names another catalog
	// version than the one it was validated against.
	RuleCatalogVersionMismatch requirement.RuleID = "soa.catalog-version-mismatch"
	// RuleContextMissing (medium): an A11 statement without Annex B category or profile.
	RuleContextMissing requirement.RuleID = "soa.context-missing"
	// RuleUnassessed (medium): the assessment did not cover the requirement
	// ([BasisUnassessed]); it is applicable by default.
	RuleUnassessed requirement.RuleID = "soa.unassessed"
	// RuleNewRequirementOpen (medium): a requirement new in the edition
	// ([FlagNewRequirement]) still awaits assessment.
	RuleNewRequirementOpen requirement.RuleID = "soa.new-requirement-open"
	// RuleRequirementChanged (low): a migrated entry's requirement changed
	// ([FlagRequirementChanged]); its evidence needs re-verification.
	RuleRequirementChanged requirement.RuleID = "soa.requirement-changed"
	// RuleOverrideContradicts (medium when an applicable requirement was
	// excluded, low otherwise): the decision contradicts the assessment.
	RuleOverrideContradicts requirement.RuleID = "soa.override-contradicts-assessment"
	// RuleNotStarted (medium): an applying requirement is only planned.
	RuleNotStarted requirement.RuleID = "soa.not-started"
	// RuleInProgress (low): an applying requirement is in progress.
	RuleInProgress requirement.RuleID = "soa.in-progress"
	// RuleNotVerified (low): an applying requirement is implemented, not verified.
	RuleNotVerified requirement.RuleID = "soa.not-verified"
	// RuleVerifiedWithoutEvidence (high): verified, but no evidence is referenced.
	RuleVerifiedWithoutEvidence requirement.RuleID = "soa.verified-without-evidence"
	// RuleImplementedNoEvidence (medium): implemented, but no evidence is referenced.
	RuleImplementedNoEvidence requirement.RuleID = "soa.implemented-without-evidence"
	// RuleNoOwner (low): an applying requirement has no owner.
	RuleNoOwner requirement.RuleID = "soa.no-owner"
	// RuleMaturityBelowTarget (medium): the achieved maturity is below the target.
	RuleMaturityBelowTarget requirement.RuleID = "soa.maturity-below-target"
	// RuleMaturityUnknown (low): a target is set but the achieved maturity is
	// not assessed (unknown, never a pass).
	RuleMaturityUnknown requirement.RuleID = "soa.maturity-unknown"
	// RuleNotApplicableWithRisks (medium): a not-applicable requirement has risks linked.
	RuleNotApplicableWithRisks requirement.RuleID = "soa.not-applicable-with-risks"
	// RuleExclusionUnconfirmed (low): the assessment proposed the exclusion
	// ([BasisRisk] and not applicable) and no override confirmed it.
	RuleExclusionUnconfirmed requirement.RuleID = "soa.exclusion-unconfirmed"
)

// ValidateOptions tunes [Validate]. A nil *ValidateOptions means the defaults.
type ValidateOptions struct {
	// KnownRisks lists the risk IDs of the product's risk register. When it
	// is not nil, every risk an entry names must be in it (otherwise
	// problem.ErrDanglingReference). Nil means risk IDs are checked for
	// form only; an empty non-nil slice means the register has no risks.
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
	"-": true, "--": true, "...": true, "not applicable": true, "see above": true, "same as above": true,
	"not relevant": true, "irrelevant": true, "x": true,
}

// Validate checks s against the catalog cat it claims to be resolved
// against. It separates two kinds of result (see the package documentation):
//
//   - Problems in the document are returned as the error, a
//     [problem.List] list locating every problem by JSON
//     pointer: wrong schema version or edition, missing metadata, an entry
//     for an unknown, duplicated or wrong-edition requirement ID, a catalog
//     requirement without an entry, a missing or trivially short
//     justification, an inherited decision without its source, a status on a
//     not-applicable entry, a risk ID not in opts.KnownRisks, a malformed
//     evidence URI, digest or date, an unknown flag. Findings are nil then.
//   - Compliance gaps of a well-formed statement are returned as findings,
//     sorted by [requirement.SortFindings]: applicable requirements not
//     started or not verified, verified without evidence, maturity below
//     target, overrides contradicting the assessment, entries flagged by a
//     migration, an unapproved statement.
func Validate(s *Statement, cat *requirement.Catalog, opts *ValidateOptions) ([]requirement.Finding, error) {
	var errs located.Errors
	if s == nil || cat == nil {
		errs.Add("", problem.ErrInvalidValue, "soa: validate: nil statement or catalog")
		return nil, errs.Err()
	}
	v := validator{s: s, cat: cat, min: opts.minJustification()}
	if opts != nil && opts.KnownRisks != nil {
		v.known = make(map[string]bool, len(opts.KnownRisks))
		for _, r := range opts.KnownRisks {
			v.known[r] = true
		}
	}
	v.header(&errs)
	v.entries(&errs)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs.Err()
	}
	return requirement.SortFindings(v.findings()), nil
}

type validator struct {
	s     *Statement
	cat   *requirement.Catalog
	min   int
	known map[string]bool
}

func (v *validator) header(errs *located.Errors) {
	s := v.s
	if s.SchemaVersion != SchemaVersion {
		errs.Add("/schema_version", problem.ErrInvalidValue, "soa: schema_version %q is not supported (want %q)", clip(s.SchemaVersion), SchemaVersion)
	}
	switch {
	case !s.Edition.Valid():
		errs.Add("/edition", problem.ErrInvalidValue, "soa: edition is not set (want \"2018\" or \"A11\")")
	case s.Edition != v.cat.Edition():
		errs.Add("/edition", problem.ErrWrongEdition, "soa: statement is for edition %s but the catalog is %s (validate against the %s catalog, or Migrate the statement)", s.Edition, v.cat.Version(), s.Edition)
	}
	if strings.TrimSpace(s.CatalogVersion) == "" {
		errs.Add("/catalog_version", problem.ErrInvalidValue, "soa: catalog_version is empty (want the catalog's version, such as %q)", v.cat.Version())
	}
	required := []struct{ ptr, name, val string }{
		{"/product/name", "product name", s.Product.Name},
		{"/product/version", "product version", s.Product.Version},
		{"/product/manufacturer", "manufacturer", s.Product.Manufacturer},
		{"/author", "author", s.Author},
	}
	for _, r := range required {
		if strings.TrimSpace(r.val) == "" {
			errs.Add(r.ptr, problem.ErrInvalidValue, "soa: %s is empty (fill it in)", r.name)
		}
	}
	if s.Category != 0 && !s.Category.Valid() {
		errs.Add("/category", problem.ErrInvalidValue, "soa: category %d is not C1 to C4", int(s.Category))
	}
	if s.Profile != 0 && !s.Profile.Valid() {
		errs.Add("/profile", problem.ErrInvalidValue, "soa: profile %d is not SP1 to SP4", int(s.Profile))
	}
	// A requirement.Date is either zero or a calendar day (Decode rejects
	// "2026-02-30"), so only missing and out-of-order dates are checked.
	if s.Issued.IsZero() {
		errs.Add("/issued", problem.ErrInvalidValue, "soa: issued date is missing (want YYYY-MM-DD)")
	}
	for _, d := range []struct {
		ptr  string
		date requirement.Date
	}{{"/approved", s.Approved}, {"/next_review", s.NextReview}} {
		if !d.date.IsZero() && !s.Issued.IsZero() && d.date.Before(s.Issued) {
			errs.Add(d.ptr, problem.ErrInvalidValue, "soa: date %s is before the issue date %s", d.date, s.Issued)
		}
	}
}

func (v *validator) otherCatalog() *requirement.Catalog {
	for _, e := range practice.Editions() {
		if e != v.cat.Edition() {
			c, err := requirement.ForEdition(e)
			if err == nil {
				return c
			}
		}
	}
	return nil
}

func (v *validator) entries(errs *located.Errors) {
	seen := make(map[requirement.ID]int, len(v.s.Entries))
	other := v.otherCatalog()
	for i := range v.s.Entries {
		e := &v.s.Entries[i]
		ptr := jsonptr.Index("/entries", i)
		v.entryID(errs, ptr, e, seen, i, other)
		v.entryDecision(errs, ptr, e)
		v.entryRisks(errs, ptr, e)
		v.entryEvidence(errs, ptr, e)
		for _, l := range []struct {
			name string
			l    maturity.Level
		}{{"target_maturity", e.TargetMaturity}, {"achieved_maturity", e.AchievedMaturity}} {
			if l.l != 0 && !l.l.Valid() {
				errs.Add(jsonptr.Append(ptr, l.name), problem.ErrInvalidValue, "soa: entry %q: maturity level %d is not ML1 to ML4", e.Requirement, int(l.l))
			}
		}
		if !e.Origin.IsZero() && (!e.Origin.Edition.Valid() || !e.Origin.Requirement.Valid()) {
			errs.Add(jsonptr.Append(ptr, "origin"), problem.ErrInvalidValue, "soa: entry %q: origin needs a valid edition and requirement ID", e.Requirement)
		}
		flags := make(map[Flag]bool, len(e.Flags))
		for j, f := range e.Flags {
			fp := func() string { return jsonptr.Index(jsonptr.Append(ptr, "flags"), j) }
			switch {
			case !f.Known():
				errs.Add(fp(), problem.ErrInvalidValue, "soa: entry %q: unknown flag %q (see soa.Flags)", e.Requirement, clip(string(f)))
			case flags[f]:
				errs.Add(fp(), problem.ErrDuplicate, "soa: entry %q: flag %q appears twice", e.Requirement, f)
			}
			flags[f] = true
		}
	}
	for _, id := range v.cat.IDs() {
		if _, ok := seen[id]; !ok {
			errs.Add("/entries", problem.ErrInvalidValue, "soa: requirement %s of catalog %s has no entry (add one; a requirement that does not apply needs a not-applicable entry with a justification)", id, v.cat.Version())
		}
	}
}

func (v *validator) entryID(errs *located.Errors, ptr string, e *Entry, seen map[requirement.ID]int, i int, other *requirement.Catalog) {
	rp := func() string { return jsonptr.Append(ptr, "requirement") }
	if !e.Requirement.Valid() {
		errs.Add(rp(), problem.ErrInvalidID, "soa: entry %q: not a requirement ID (want PREFIX-N such as \"SM-1\")", clip(string(e.Requirement)))
		return
	}
	r, ok := v.cat.Lookup(e.Requirement)
	if !ok {
		if other != nil && other.Has(e.Requirement) {
			errs.Add(rp(), problem.ErrWrongEdition, "soa: entry %q: not in catalog %s; it is a requirement of edition %s (use requirement IDs of the statement's edition, or Migrate the statement)", e.Requirement, v.cat.Version(), other.Edition())
		} else {
			errs.Add(rp(), problem.ErrUnknownID, "soa: entry %q: unknown requirement (catalog %s)", e.Requirement, v.cat.Version())
		}
		return
	}
	if first, dup := seen[e.Requirement]; dup {
		errs.Add(rp(), problem.ErrDuplicate, "soa: entry %q: the requirement already has entry %d (keep one entry per requirement)", e.Requirement, first)
		return
	}
	seen[e.Requirement] = i
	if e.Title != r.Title() {
		if o, ok := lookup(other, e.Requirement); ok && o.Title() == e.Title && o.Title() != r.Title() {
			errs.Add(jsonptr.Append(ptr, "title"), problem.ErrWrongEdition, "soa: entry %q: title %q is what %s means in edition %s; in %s it is %q (the entry may describe the wrong requirement: identity is edition and ID)", e.Requirement, clip(e.Title), e.Requirement, other.Edition(), v.cat.Edition(), r.Title())
		} else {
			errs.Add(jsonptr.Append(ptr, "title"), problem.ErrInvalidValue, "soa: entry %q: title %q does not match the catalog's %q (copy the catalog title)", e.Requirement, clip(e.Title), r.Title())
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

func (v *validator) entryDecision(errs *located.Errors, ptr string, e *Entry) {
	if !e.Decision.Valid() {
		errs.Add(jsonptr.Append(ptr, "decision"), problem.ErrInvalidValue, "soa: entry %q: decision is not set (want applicable, not-applicable, tailored or inherited)", e.Requirement)
	}
	if e.Basis != 0 && !e.Basis.Valid() {
		errs.Add(jsonptr.Append(ptr, "basis"), problem.ErrInvalidValue, "soa: entry %q: basis %d is not defined", e.Requirement, int(e.Basis))
	}
	if e.Assessed != 0 && !e.Assessed.Valid() {
		errs.Add(jsonptr.Append(ptr, "assessed"), problem.ErrInvalidValue, "soa: entry %q: assessed decision %d is not defined", e.Requirement, int(e.Assessed))
	}
	contradicts := e.Assessed.Valid() && e.Assessed != e.Decision
	if e.Decision.Valid() && (e.Decision.NeedsJustification() || contradicts) {
		if why, bad := v.trivial(e.Justification); bad {
			reason := "a " + e.Decision.String() + " decision"
			if contradicts {
				reason = fmt.Sprintf("a decision (%s) that differs from the assessment (%s)", e.Decision, e.Assessed)
			}
			errs.Add(jsonptr.Append(ptr, "justification"), problem.ErrInvalidValue, "soa: entry %q: justification %s; %s needs a reason of at least %d characters (say why, with reference to the intended use, context or risks)", e.Requirement, why, reason, v.min)
		}
	}
	switch {
	case e.Decision == DecisionInherited && strings.TrimSpace(e.InheritedFrom) == "":
		errs.Add(jsonptr.Append(ptr, "inherited_from"), problem.ErrInvalidValue, "soa: entry %q: an inherited decision needs inherited_from (the component or platform that meets the requirement)", e.Requirement)
	case e.Decision != DecisionInherited && e.InheritedFrom != "":
		errs.Add(jsonptr.Append(ptr, "inherited_from"), problem.ErrInvalidValue, "soa: entry %q: inherited_from is set but the decision is %s (remove it or make the decision inherited)", e.Requirement, e.Decision)
	}
	switch {
	case e.Decision.Applies() && !e.Status.Valid():
		errs.Add(jsonptr.Append(ptr, "status"), problem.ErrInvalidValue, "soa: entry %q: a requirement that applies needs a status (planned, in-progress, implemented or verified)", e.Requirement)
	case e.Decision == DecisionNotApplicable && e.Status != 0:
		errs.Add(jsonptr.Append(ptr, "status"), problem.ErrInvalidValue, "soa: entry %q: status %s on a not-applicable requirement (remove the status)", e.Requirement, e.Status)
	}
}

func (v *validator) entryRisks(errs *located.Errors, ptr string, e *Entry) {
	seen := make(map[string]bool, len(e.Risks))
	for j, r := range e.Risks {
		rp := func() string { return jsonptr.Index(jsonptr.Append(ptr, "risks"), j) }
		switch {
		case strings.TrimSpace(r) == "":
			errs.Add(rp(), problem.ErrInvalidValue, "soa: entry %q: empty risk ID", e.Requirement)
		case seen[r]:
			errs.Add(rp(), problem.ErrDuplicate, "soa: entry %q: risk %q listed twice", e.Requirement, clip(r))
		case v.known != nil && !v.known[r]:
			errs.Add(rp(), problem.ErrDanglingReference, "soa: entry %q: risk %q is not in the risk register (fix the ID or add the risk)", e.Requirement, clip(r))
		}
		seen[r] = true
	}
}

// ValidDigest reports whether s is a SHA-256 digest in the form statements
// use: 64 lower-case hexadecimal digits.
func ValidDigest(s string) bool {
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
	for j, ev := range e.Evidence {
		ep := func() string { return jsonptr.Index(jsonptr.Append(ptr, "evidence"), j) }
		switch {
		case !validURI(ev.URI):
			errs.Add(jsonptr.Append(ep(), "uri"), problem.ErrInvalidValue, "soa: entry %q: evidence URI %q is not a URI or relative path without spaces", e.Requirement, clip(ev.URI))
		case seen[ev.URI]:
			errs.Add(jsonptr.Append(ep(), "uri"), problem.ErrDuplicate, "soa: entry %q: evidence %q listed twice", e.Requirement, clip(ev.URI))
		}
		seen[ev.URI] = true
		if !ValidDigest(ev.SHA256) {
			errs.Add(jsonptr.Append(ep(), "sha256"), problem.ErrInvalidValue, "soa: entry %q: evidence digest %q is not a SHA-256 digest (want 64 lower-case hex digits)", e.Requirement, clip(ev.SHA256))
		}
		if !ev.Date.Valid() {
			errs.Add(jsonptr.Append(ep(), "date"), problem.ErrInvalidValue, "soa: entry %q: evidence date is missing or not a calendar day (want YYYY-MM-DD)", e.Requirement)
		}
		if ev.Kind != "" && !ev.Kind.Known() {
			errs.Add(jsonptr.Append(ep(), "kind"), problem.ErrInvalidValue, "soa: entry %q: evidence kind %q is unknown (see requirement.ArtifactKinds)", e.Requirement, clip(string(ev.Kind)))
		}
	}
}

// findings reports the compliance gaps of a statement that passed the
// document checks.
func (v *validator) findings() []requirement.Finding {
	s := v.s
	var out []requirement.Finding
	add := func(rule requirement.RuleID, sev requirement.Severity, id requirement.ID, ptr, format string, args ...any) {
		out = append(out, requirement.Finding{Rule: rule, Severity: sev, Requirement: id, Pointer: ptr, Message: fmt.Sprintf(format, args...)})
	}
	if s.Approver == "" || s.Approved.IsZero() {
		ptr := "/approver"
		if s.Approver != "" {
			ptr = "/approved"
		}
		add(RuleNotApproved, requirement.SeverityLow, "", ptr, "the statement is not approved: record the approver and the approval date before submitting it for conformity assessment")
	}
	if s.CatalogVersion != v.cat.Version() {
		add(RuleCatalogVersionMismatch, requirement.SeverityLow, "", "/catalog_version", "the statement names catalog %q but was validated against %q: re-resolve it against the catalog in use", clip(s.CatalogVersion), v.cat.Version())
	}
	if s.Edition == requirement.EditionA11 && (s.Category == 0 || s.Profile == 0) {
		add(RuleContextMissing, requirement.SeverityMedium, "", "/category", "the Annex B category or security profile is not recorded: determine the product security context (annex package) and record both")
	}
	for i, e := range s.Entries {
		ptr := jsonptr.Index("/entries", i)
		id := e.Requirement
		if e.Basis == BasisUnassessed {
			add(RuleUnassessed, requirement.SeverityMedium, id, jsonptr.Append(ptr, "basis"), "%s: the applicability assessment did not cover this requirement; it is kept applicable by default: assess it against the risks and intended use", id)
		}
		if e.HasFlag(FlagNewRequirement) {
			add(RuleNewRequirementOpen, requirement.SeverityMedium, id, jsonptr.Append(ptr, "flags"), "%s is new in edition %s: assess its applicability, plan its implementation and remove the %s flag", id, s.Edition, FlagNewRequirement)
		}
		if e.HasFlag(FlagRequirementChanged) {
			add(RuleRequirementChanged, requirement.SeverityLow, id, jsonptr.Append(ptr, "flags"), "%s changed since the statement it was migrated from: check the decision and re-verify the evidence against the new edition, then remove the %s flag", id, FlagRequirementChanged)
		}
		if e.Assessed.Valid() && e.Assessed.Applies() != e.Decision.Applies() {
			sev := requirement.SeverityLow
			if e.Assessed.Applies() {
				sev = requirement.SeverityMedium
			}
			add(RuleOverrideContradicts, sev, id, jsonptr.Append(ptr, "decision"), "%s: the decision %s contradicts the applicability assessment (%s): make sure the justification convinces an assessor, or follow the assessment", id, e.Decision, e.Assessed)
		}
		if e.Decision == DecisionNotApplicable && len(e.Risks) > 0 {
			add(RuleNotApplicableWithRisks, requirement.SeverityMedium, id, jsonptr.Append(ptr, "risks"), "%s is not applicable but %d risk(s) are linked to it: treat the risks another way and unlink them, or make the requirement applicable", id, len(e.Risks))
		}
		if e.Decision == DecisionNotApplicable && e.Basis == BasisRisk {
			add(RuleExclusionUnconfirmed, requirement.SeverityLow, id, jsonptr.Append(ptr, "justification"), "%s: the applicability assessment proposed to exclude it and nobody confirmed that: confirm the exclusion with a justification in the manufacturer's words (an override), or make it applicable", id)
		}
		if !e.Applies() {
			continue
		}
		switch e.Status {
		case StatusPlanned:
			add(RuleNotStarted, requirement.SeverityMedium, id, jsonptr.Append(ptr, "status"), "%s applies but its implementation has not started: schedule the work and an owner", id)
		case StatusInProgress:
			add(RuleInProgress, requirement.SeverityLow, id, jsonptr.Append(ptr, "status"), "%s is being implemented: finish, verify and attach the evidence", id)
		case StatusImplemented:
			add(RuleNotVerified, requirement.SeverityLow, id, jsonptr.Append(ptr, "status"), "%s is implemented but not verified: verify it (test, review) and record the result as evidence", id)
		case StatusVerified:
		}
		if len(e.Evidence) == 0 {
			switch e.Status {
			case StatusVerified:
				add(RuleVerifiedWithoutEvidence, requirement.SeverityHigh, id, jsonptr.Append(ptr, "evidence"), "%s is marked verified but no evidence is referenced: attach the verification records (URI and SHA-256) or lower the status", id)
			case StatusImplemented:
				add(RuleImplementedNoEvidence, requirement.SeverityMedium, id, jsonptr.Append(ptr, "evidence"), "%s is marked implemented but no evidence is referenced: attach the artifacts that show it", id)
			case StatusPlanned, StatusInProgress:
			}
		}
		if strings.TrimSpace(e.Owner) == "" {
			add(RuleNoOwner, requirement.SeverityLow, id, jsonptr.Append(ptr, "owner"), "%s applies but has no owner: name the person or role accountable for it", id)
		}
		switch {
		case e.TargetMaturity.Valid() && e.AchievedMaturity.Valid() && e.AchievedMaturity < e.TargetMaturity:
			add(RuleMaturityBelowTarget, requirement.SeverityMedium, id, jsonptr.Append(ptr, "achieved_maturity"), "%s: achieved maturity %s is below the target %s: improve the process (documented, practised, evidenced) or revise the target", id, e.AchievedMaturity, e.TargetMaturity)
		case e.TargetMaturity.Valid() && !e.AchievedMaturity.Valid():
			add(RuleMaturityUnknown, requirement.SeverityLow, id, jsonptr.Append(ptr, "achieved_maturity"), "%s: target maturity %s is set but the achieved maturity is not assessed (unknown, not met): assess and record it", id, e.TargetMaturity)
		}
	}
	return out
}

func lookup(c *requirement.Catalog, id requirement.ID) (requirement.Requirement, bool) {
	if c == nil {
		return requirement.Requirement{}, false
	}
	return c.Lookup(id)
}
