package attest

import (
	"fmt"
	"slices"
	"strings"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// Claim is what an assessment attests about one requirement: the entry of
// its statement of applicability, the evidence that shows it is met, the
// gaps the assessment found and the resulting conformance. [EncodeAssessment]
// writes one CycloneDX claim, and one attestation map entry, per Claim;
// [DecodeClaims] reads them back.
type Claim struct {
	// Requirement is the requirement's ID in Edition.
	Requirement requirement.ID
	// Edition is the edition of the catalog the assessment used.
	Edition requirement.Edition
	// Title is the requirement's title.
	Title string
	// Decision is the statement of applicability's decision.
	Decision soa.Disposition
	// Basis says where the decision comes from; zero when not recorded.
	Basis soa.DecisionBasis
	// Status is how far implementation got; zero when not recorded.
	Status soa.Status
	// Justification explains the decision (the claim's reasoning).
	Justification string
	// InheritedFrom names what meets an inherited requirement.
	InheritedFrom string
	// Evidence lists the artifacts that show the requirement is met, each
	// with its SHA-256 digest.
	Evidence []soa.EvidenceRef
	// Gaps are the assessment's findings against the requirement (the
	// claim's counter-evidence).
	Gaps []requirement.Finding
	// Conformance is the conformance score from 0 to 1 of a requirement in
	// scope (see [ClaimsOf]); 0 for one out of scope.
	Conformance float64
	// Rationale explains the score; "" for a requirement out of scope.
	Rationale string
}

// InScope reports whether the claim's decision puts the requirement in scope.
func (c Claim) InScope() bool { return c.Decision.Applies() }

// statusScores are the conformance scores of the implementation statuses.
var statusScores = map[soa.Status]float64{
	soa.StatusPlanned:     0.25,
	soa.StatusInProgress:  0.5,
	soa.StatusImplemented: 0.75,
	soa.StatusVerified:    1,
}

// gapCap is the most a requirement with an open high or critical finding
// scores.
const gapCap = 0.5

// ClaimsOf returns the claims of a report: one per entry of its statement of
// applicability, in catalog order, with the findings raised against the
// entry's requirement as gaps (findings that name no requirement belong to no
// claim).
//
// The conformance score of a requirement in scope follows its status:
// planned 0.25, in progress 0.5, implemented 0.75, verified 1, none 0; an
// open high or critical finding against it caps the score at 0.5. The
// rationale says which rule set the score. A requirement out of scope has no
// score. A nil report, or one without a statement, has no claims.
func ClaimsOf(rep *iec62443.Report) []Claim {
	if rep == nil || rep.SoA == nil {
		return nil
	}
	gaps := map[requirement.ID][]requirement.Finding{}
	for _, g := range rep.Findings {
		for _, f := range g.Findings {
			if f.Requirement != "" && (f.Edition == 0 || f.Edition == rep.Edition) {
				gaps[f.Requirement] = append(gaps[f.Requirement], f)
			}
		}
	}
	out := make([]Claim, 0, len(rep.SoA.Entries))
	for _, e := range rep.SoA.Entries {
		c := Claim{
			Requirement: e.Requirement, Edition: rep.Edition, Title: e.Title,
			Decision: e.Decision, Basis: e.Basis, Status: e.Status,
			Justification: e.Justification, InheritedFrom: e.InheritedFrom,
			Evidence: slices.Clone(e.Evidence), Gaps: requirement.SortFindings(slices.Clone(gaps[e.Requirement])),
		}
		if c.InScope() {
			c.Conformance, c.Rationale = conformance(c.Status, c.Gaps)
		}
		out = append(out, c)
	}
	return out
}

func conformance(st soa.Status, gaps []requirement.Finding) (float64, string) {
	score := statusScores[st]
	why := fmt.Sprintf("status %s scores %s", statusName(st), formatScore(score))
	var high, other int
	for _, f := range gaps {
		if f.Severity >= requirement.SeverityHigh {
			high++
		} else {
			other++
		}
	}
	var parts []string
	if high > 0 {
		parts = append(parts, plural(high, "high or critical finding"))
	}
	if other > 0 {
		parts = append(parts, plural(other, "lesser finding"))
	}
	if high > 0 && score > gapCap {
		score = gapCap
		why += "; " + strings.Join(parts, " and ") + " open, so the score is capped at " + formatScore(gapCap)
	} else if len(parts) > 0 {
		why += "; " + strings.Join(parts, " and ") + " open"
	}
	return score, why + "."
}

func statusName(s soa.Status) string {
	if !s.Valid() {
		return "none"
	}
	return s.String()
}

func formatScore(f float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
