package soa

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/enum"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// SchemaVersion is the schema_version every statement carries, as in every
// other document of the SDK; [Decode] rejects any other value.
const SchemaVersion = "1"

// SchemaID is the $id of the published JSON Schema of statements
// (soa/statement.schema.json, returned by [Schema]).
const SchemaID = "https://github.com/sdlkit/iec62443/schemas/soa-1.json"

// Statement is an Annex E statement of applicability: document metadata and
// one [Entry] per requirement of the catalog it was resolved against, in
// catalog order. A Statement is plain data; the package never keeps a
// reference to one it was given.
type Statement struct {
	// SchemaVersion must be [SchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// Metadata describes the product and the document.
	Metadata
	// Entries holds one entry per catalog requirement, in catalog order.
	Entries []Entry `json:"entries"`
}

// Product names the product the statement is about.
type Product struct {
	// Name is the product name, such as "Acme PLC-7".
	Name string `json:"name"`
	// Version is the product version or version range the statement covers.
	Version string `json:"version"`
	// Manufacturer is the legal name of the manufacturer.
	Manufacturer string `json:"manufacturer"`
}

// Metadata is the document header of a [Statement]. [Resolve] sets Edition
// and CatalogVersion from the catalog it resolves against.
type Metadata struct {
	// Product is the product the statement covers.
	Product Product `json:"product"`
	// Edition is the edition of the standard whose requirements the entries
	// name; requirement IDs mean something only together with it.
	Edition requirement.Edition `json:"edition"`
	// CatalogVersion names the catalog data used, such as "A11 draft 2026.1"
	// ([requirement.Catalog.Version]).
	CatalogVersion string `json:"catalog_version"`
	// Category is the Annex B product security context category; zero when
	// not determined (a 2018 statement has none).
	Category annex.Category `json:"category,omitzero"`
	// Profile is the Annex B/D security profile; zero when not determined.
	Profile annex.SecurityProfile `json:"profile,omitzero"`
	// Author is the person or role who prepared the statement.
	Author string `json:"author"`
	// Approver is the person or role who approved it; "" while unapproved.
	Approver string `json:"approver,omitzero"`
	// Issued is the date the statement was prepared.
	Issued requirement.Date `json:"issued"`
	// Approved is the date of approval; zero while unapproved.
	Approved requirement.Date `json:"approved,omitzero"`
	// NextReview is the date the statement is due for review; zero when not planned.
	NextReview requirement.Date `json:"next_review,omitzero"`
}

// Entry is the statement's record for one requirement.
type Entry struct {
	// Requirement is the requirement's ID in the statement's edition.
	Requirement requirement.ID `json:"requirement"`
	// Title is the requirement's title in the catalog, copied for readers of
	// the document; [Validate] checks it against the catalog.
	Title string `json:"title"`
	// Decision says whether and how the requirement applies.
	Decision Disposition `json:"decision"`
	// Basis says where the decision comes from; zero when not recorded.
	Basis DecisionBasis `json:"basis,omitzero"`
	// Assessed is the decision of the applicability assessment when an
	// override replaced it with a different one; zero otherwise. It keeps a
	// contradicted assessment visible in the document.
	Assessed Disposition `json:"assessed,omitzero"`
	// Justification explains the decision and names its basis: the risks it
	// rests on, the baseline rule, a legal or contractual source, or the
	// product context. Every decision needs one; a missing or generic
	// justification is a finding (`soa.justification-missing`,
	// `soa.justification-generic`), not an error.
	Justification string `json:"justification,omitzero"`
	// InheritedFrom names the component or platform that meets the
	// requirement for [Inherited]; "" otherwise.
	InheritedFrom string `json:"inherited_from,omitzero"`
	// Risks are the IDs of the risks (of the risk register) that drive the decision.
	Risks []string `json:"risks,omitzero"`
	// Status is how far implementation got; zero only for [NotApplicable].
	Status Status `json:"status,omitzero"`
	// Evidence lists the artifacts that show the requirement is met.
	Evidence []EvidenceRef `json:"evidence,omitzero"`
	// Owner is the person or role accountable for the requirement.
	Owner string `json:"owner,omitzero"`
	// TargetMaturity is the maturity level the organisation aims at; zero when not set.
	TargetMaturity maturity.Level `json:"target_maturity,omitzero"`
	// AchievedMaturity is the maturity level reached; zero when not assessed.
	AchievedMaturity maturity.Level `json:"achieved_maturity,omitzero"`
	// Origin records the entry of an older statement this entry was migrated
	// from; zero for entries not produced by [Migrate].
	Origin Origin `json:"origin,omitzero"`
	// Flags mark entries that need attention, such as a requirement new in
	// the edition; sorted, without duplicates.
	Flags []Flag `json:"flags,omitzero"`
}

// Applies reports whether the entry's decision puts the requirement in scope
// (applicable, tailored or inherited).
func (e Entry) Applies() bool { return e.Decision.Applies() }

// HasFlag reports whether the entry carries flag f.
func (e Entry) HasFlag(f Flag) bool {
	for _, g := range e.Flags {
		if g == f {
			return true
		}
	}
	return false
}

// EvidenceRef references one artifact that shows a requirement is met (an
// evidence record of package maturity is a different thing: it grades a
// process).
type EvidenceRef struct {
	// URI locates the artifact (an absolute URI such as https://..., or a
	// path relative to the technical documentation).
	URI string `json:"uri"`
	// SHA256 is the SHA-256 digest of the artifact: 64 lower-case hex digits.
	SHA256 string `json:"sha256"`
	// Date is the date of the artifact.
	Date requirement.Date `json:"date"`
	// Kind classifies the artifact; "" when not given.
	Kind requirement.ArtifactKind `json:"kind,omitzero"`
	// Description says what the artifact is, in a few words; "" when not given.
	Description string `json:"description,omitzero"`
}

// Origin names the entry of an older statement an entry was migrated from.
type Origin struct {
	// Edition is the older statement's edition.
	Edition requirement.Edition `json:"edition"`
	// Requirement is the ID in that edition.
	Requirement requirement.ID `json:"requirement"`
}

// IsZero reports whether o is unset.
func (o Origin) IsZero() bool { return o.Edition == 0 && o.Requirement == "" }

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// parseEnum parses the text form of an enum whose names are indexed by value
// (names[0] is the unset value and never matches).
func parseEnum[T ~int](what string, names []string, b []byte) (T, error) {
	if v, ok := enum.Parse(names, string(b)); ok {
		return T(v), nil
	}
	return 0, fmt.Errorf("soa: %s %q: %w (want %s)", what, clip(string(b)), problem.ErrInvalidValue, strings.Join(names[1:], ", "))
}

// marshalEnum is MarshalText of an enum: its name, or an error for an unset
// or undefined value.
func marshalEnum(what string, names []string, v int) ([]byte, error) {
	if v <= 0 || v >= len(names) {
		return nil, fmt.Errorf("soa: %s %s: %w (want %s)", what, enum.Name(names, v), problem.ErrInvalidValue, strings.Join(names[1:], ", "))
	}
	return []byte(names[v]), nil
}
