package soa_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/soa"
)

func TestDiff(t *testing.T) {
	a, _ := plcResolved(t)
	b, _ := plcResolved(t)
	none, err := soa.Diff(a, b)
	require.NoError(t, err)
	assert.Empty(t, none, "identical statements")

	b.Approver = "CTO"
	e := entry(t, b, "SVV-6")
	e.Status = soa.StatusVerified
	e.AchievedMaturity = maturity.ML3
	e.Evidence = append(e.Evidence, soa.EvidenceRef{URI: docBase + "test-modules.pdf", SHA256: digest("tm"), Date: date("2026-10-20")})
	sm6 := entry(t, b, "SM-6")
	sm6.Evidence[0].SHA256 = digest("new signing procedure")
	sm6.Evidence = sm6.Evidence[:1] // the audit report is dropped
	sum7 := entry(t, b, "SUM-7")
	sum7.Decision, sum7.Justification = soa.Applicable, ""
	entry(t, b, "SD-1").Risks = []string{"R-04", "R-01", "R-08"}
	entry(t, b, "SG-8").Owner = "Product manager PLC-7"
	// Entry removed and one added (statements need not be valid to diff).
	b.Entries = b.Entries[1:]
	b.Entries = append(b.Entries, soa.Entry{Requirement: "SG-9", Decision: soa.Applicable})

	got, err := soa.Diff(a, b)
	require.NoError(t, err)
	want := []soa.Difference{
		{Kind: soa.DiffMetadata, Field: "approver", From: "Head of Engineering", To: "CTO"},
		{Kind: soa.DiffEntryRemoved, Requirement: "SM-1", Field: "entry", From: "applicable"},
		{Kind: soa.DiffEvidence, Requirement: "SM-6", Field: "evidence/" + docBase + "firmware-signing-procedure.pdf",
			From: digest("firmware-signing-procedure.pdf") + " 2026-09-15", To: digest("new signing procedure") + " 2026-09-15"},
		{Kind: soa.DiffEvidence, Requirement: "SM-6", Field: "evidence/" + docBase + "signing-audit-2026q3.pdf",
			From: digest("signing-audit-2026q3.pdf") + " 2026-09-15"},
		{Kind: soa.DiffRisks, Requirement: "SD-1", Field: "risks", From: "R-01, R-04", To: "R-01, R-04, R-08"},
		{Kind: soa.DiffStatus, Requirement: "SVV-6", Field: "status", From: "in-progress", To: "verified"},
		{Kind: soa.DiffEvidence, Requirement: "SVV-6", Field: "evidence/" + docBase + "test-modules.pdf", To: digest("tm") + " 2026-10-20"},
		{Kind: soa.DiffMaturity, Requirement: "SVV-6", Field: "achieved_maturity", From: "ML2", To: "ML3"},
		{Kind: soa.DiffDecision, Requirement: "SUM-7", Field: "decision", From: "tailored", To: "applicable"},
		{Kind: soa.DiffJustification, Requirement: "SUM-7", Field: "justification", From: entry(t, a, "SUM-7").Justification},
		{Kind: soa.DiffOwner, Requirement: "SG-8", Field: "owner", From: "Technical documentation", To: "Product manager PLC-7"},
		{Kind: soa.DiffEntryAdded, Requirement: "SG-9", Field: "entry", To: "applicable"},
	}
	assert.Equal(t, want, got)
	assert.Equal(t, "SVV-6 status: in-progress -> verified", got[5].String())
	assert.Equal(t, "approver: Head of Engineering -> CTO", got[0].String())

	// Reversed, every change flips: the same changes in the same order, From
	// and To swapped, an added entry removed and the reverse.
	back, err := soa.Diff(b, a)
	require.NoError(t, err)
	flipped := make([]soa.Difference, len(want))
	for i, c := range want {
		c.From, c.To = c.To, c.From
		switch c.Kind {
		case soa.DiffEntryAdded:
			c.Kind = soa.DiffEntryRemoved
		case soa.DiffEntryRemoved:
			c.Kind = soa.DiffEntryAdded
		default: // the other kinds keep their kind; only From and To swap
		}
		flipped[i] = c
	}
	assert.Equal(t, flipped, back)
}

func TestDiffEditions(t *testing.T) {
	a, _ := plcResolved(t)
	_, err := soa.Diff(plc2018(), a)
	assert.ErrorIs(t, err, problem.ErrWrongEdition)
	_, err = soa.Diff(nil, a)
	assert.ErrorIs(t, err, problem.ErrNilInput)
}

func TestChangeKindText(t *testing.T) {
	for _, k := range soa.DiffKinds() {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back soa.DiffKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
	var k soa.DiffKind
	assert.ErrorIs(t, k.UnmarshalText([]byte("moved")), problem.ErrInvalidValue)
	_, err := soa.DiffKind(0).MarshalText()
	assert.Error(t, err)
}

func TestResolveInputErrors(t *testing.T) {
	cat := reqpkg.Default()
	cases := []struct {
		name   string
		mutate func(a *risk.Applicability, m *soa.Metadata, o *[]soa.Override)
		ptr    string
		err    error
	}{
		{"assessment edition", func(a *risk.Applicability, _ *soa.Metadata, _ *[]soa.Override) { a.Edition = reqpkg.Edition2018 }, "/assessment/edition", problem.ErrWrongEdition},
		{"category mismatch", func(_ *risk.Applicability, m *soa.Metadata, _ *[]soa.Override) { m.Category = 1 }, "/metadata/category", problem.ErrInvalidValue},
		{"assessment invalid ID", func(a *risk.Applicability, _ *soa.Metadata, _ *[]soa.Override) { a.Entries[2].Requirement = "XX-1" }, "/assessment/entries/2/requirement", problem.ErrInvalidID},
		{"assessment unknown ID", func(a *risk.Applicability, _ *soa.Metadata, _ *[]soa.Override) { a.Entries[2].Requirement = "SM-77" }, "/assessment/entries/2/requirement", problem.ErrUnknownID},
		{"assessment duplicate", func(a *risk.Applicability, _ *soa.Metadata, _ *[]soa.Override) { a.Entries[2] = a.Entries[1] }, "/assessment/entries/2/requirement", problem.ErrDuplicate},
		{"override invalid ID", func(_ *risk.Applicability, _ *soa.Metadata, o *[]soa.Override) { (*o)[0].Requirement = "sm-1" }, "/overrides/0/requirement", problem.ErrInvalidID},
		{"override unknown ID", func(_ *risk.Applicability, _ *soa.Metadata, o *[]soa.Override) { (*o)[0].Requirement = "SRM-9" }, "/overrides/0/requirement", problem.ErrUnknownID},
		{"override duplicate", func(_ *risk.Applicability, _ *soa.Metadata, o *[]soa.Override) { (*o)[1].Requirement = "SM-1" }, "/overrides/1/requirement", problem.ErrDuplicate},
		{"override decision", func(_ *risk.Applicability, _ *soa.Metadata, o *[]soa.Override) { (*o)[0].Decision = 42 }, "/overrides/0/decision", problem.ErrInvalidValue},
		{"override status", func(_ *risk.Applicability, _ *soa.Metadata, o *[]soa.Override) { (*o)[0].Status = 42 }, "/overrides/0/status", problem.ErrInvalidValue},
		// Problems found in the assembled statement are located there.
		{"malformed override evidence", func(_ *risk.Applicability, _ *soa.Metadata, o *[]soa.Override) {
			(*o)[62].Evidence = []soa.EvidenceRef{{URI: "a b", SHA256: "x"}}
		}, "/entries/62/evidence/0/uri", problem.ErrInvalidValue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, m, o := plcAssessment(cat), plcMeta(), plcOverrides()
			c.mutate(a, &m, &o)
			_, _, err := soa.Resolve(cat, m, a, o, nil)
			require.Error(t, err)
			var list problem.List
			require.ErrorAs(t, err, &list)
			var hit *problem.Error
			for _, e := range list {
				if e.Pointer == c.ptr {
					hit = e
				}
			}
			require.NotNil(t, hit, "no problem at %s in %v", c.ptr, list)
			assert.ErrorIs(t, hit, c.err)
		})
	}
	_, _, err := soa.Resolve(cat, plcMeta(), nil, nil, nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
	// A nil catalog is the default (A11) catalog.
	s, fs, err := soa.Resolve(nil, plcMeta(), plcAssessment(cat), plcOverrides(), nil)
	require.NoError(t, err)
	want, _ := plcResolved(t)
	assert.Equal(t, want.Entries, s.Entries)
	assert.NotEmpty(t, fs)
}

// TestResolveIncompleteIsFindings: an override that excludes a requirement
// without any justification (and one whose justification is a placeholder,
// and a status on an exclusion) leave the statement readable: Resolve returns
// it with every finding, where it used to return no statement at all.
func TestResolveIncompleteIsFindings(t *testing.T) {
	cat := reqpkg.Default()
	o := plcOverrides()
	o[9].Justification = ""         // SM-10 excluded against the assessment, no reason
	o[62].Justification = "n/a"     // SUM-7 tailored, placeholder
	o[9].Status = soa.StatusPlanned // a status on the exclusion
	s, fs, err := soa.Resolve(cat, plcMeta(), plcAssessment(cat), o, &soa.ResolveOptions{Validate: &soa.ValidateOptions{KnownRisks: plcRisks}})
	require.NoError(t, err)
	require.NotNil(t, s)
	require.Len(t, s.Entries, cat.Len())
	_, complete := plcResolved(t)
	assert.GreaterOrEqual(t, len(fs), len(complete), "every other finding is still reported")
	got := map[string]reqpkg.Finding{}
	for _, f := range fs {
		got[string(f.Rule)+" "+f.Pointer] = f
	}
	sm10 := got[string(reqpkg.RuleID("soa.justification-missing"))+" /entries/9/justification"]
	assert.Equal(t, reqpkg.SeverityHigh, sm10.Severity, "an unjustified exclusion weighs high")
	assert.Equal(t, reqpkg.ID("SM-10"), sm10.Requirement)
	assert.Equal(t, "SM-10", sm10.Subject)
	assert.Equal(t, reqpkg.EditionA11, sm10.Edition)
	assert.Contains(t, got, string(reqpkg.RuleID("soa.justification-missing"))+" /entries/62/justification")
	assert.Contains(t, got, string(reqpkg.RuleID("soa.status-on-exclusion"))+" /entries/9/status")
	assert.Contains(t, got, string(reqpkg.RuleID("soa.override-contradicts-assessment"))+" /entries/9/decision")
}

// TestResolveOverrideEditions: an override names a requirement of the
// catalog's edition. Against the 2018 catalog an A11-only ID is refused as
// the wrong edition, and SR-2 (in both editions, meaning different things)
// lands on 2018's SR-2, the threat model, not on A11's applicability
// assessment.
func TestResolveOverrideEditions(t *testing.T) {
	c18 := mustCatalog(reqpkg.Edition2018)
	meta := plcMeta()
	meta.Category, meta.Profile = 0, 0
	reg := &risk.Applicability{Edition: c18.Edition(), CatalogVersion: c18.Version()}
	for r := range c18.All() {
		reg.Entries = append(reg.Entries, risk.ApplicabilityDecision{Requirement: r.ID(), Applies: true, Basis: risk.BasisRiskDriven,
			Risks: []string{"R-01"}, Rationale: "mitigations of risks R-01 realise " + string(r.ID())})
	}
	_, _, err := soa.Resolve(c18, meta, reg, []soa.Override{{Requirement: "SRM-1", Status: soa.StatusVerified}}, nil)
	require.Error(t, err)
	var list problem.List
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 1)
	assert.Equal(t, "/overrides/0/requirement", list[0].Pointer)
	assert.ErrorIs(t, list[0], problem.ErrWrongEdition)
	assert.Contains(t, list[0].Message, "edition A11")

	sr2 := soa.Override{Requirement: "SR-2", Status: soa.StatusVerified, Owner: "Lead security architect"}
	s, fs, err := soa.Resolve(c18, meta, reg, []soa.Override{sr2}, nil)
	require.NoError(t, err)
	e := entry(t, s, "SR-2")
	assert.Equal(t, "Threat model", e.Title, "2018 SR-2 is the threat model")
	assert.Equal(t, soa.StatusVerified, e.Status)
	for _, f := range fs {
		if f.Requirement != "" {
			assert.Equal(t, reqpkg.Edition2018, f.Edition, "%s names a 2018 requirement", f)
		}
	}

	a11 := reqpkg.Default()
	s, _, err = soa.Resolve(a11, plcMeta(), plcAssessment(a11), []soa.Override{sr2}, nil)
	require.NoError(t, err)
	assert.Equal(t, "Requirements applicability assessment", entry(t, s, "SR-2").Title, "A11 SR-2 is another requirement")
}

func TestResolveDefaults(t *testing.T) {
	cat := reqpkg.Default()
	a := plcAssessment(cat)
	a.Entries = a.Entries[1:] // SM-1 unassessed
	m := plcMeta()
	m.Category = 0
	s, fs, err := soa.Resolve(cat, m, a, nil, &soa.ResolveOptions{DefaultTarget: maturity.ML3})
	require.NoError(t, err)
	assert.Equal(t, a.Category, s.Category, "category from the assessment")
	sm1 := s.Entries[0]
	assert.Equal(t, soa.Applicable, sm1.Decision, "missing data never excludes")
	assert.Equal(t, soa.BasisUnassessed, sm1.Basis)
	assert.Equal(t, soa.StatusPlanned, sm1.Status)
	assert.Equal(t, maturity.ML3, sm1.TargetMaturity)
	sd7 := entry(t, s, "SD-7")
	assert.Equal(t, soa.NotApplicable, sd7.Decision)
	assert.Zero(t, sd7.Status)
	assert.Zero(t, sd7.TargetMaturity, "no target for an excluded requirement")
	rules := map[reqpkg.RuleID]bool{}
	for _, f := range fs {
		rules[f.Rule] = true
	}
	assert.True(t, rules[reqpkg.RuleID("soa.unassessed")])
	assert.True(t, rules[reqpkg.RuleID("soa.exclusion-unconfirmed")])

	// Confirming the exclusion with an override silences the finding.
	s, fs, err = soa.Resolve(cat, m, a, []soa.Override{{Requirement: "SD-7", Decision: soa.NotApplicable,
		Justification: "The PLC-7 has no cryptographic function: remote maintenance runs through the plant's VPN gateway."}}, nil)
	require.NoError(t, err)
	assert.Equal(t, soa.BasisOverride, entry(t, s, "SD-7").Basis)
	assert.Zero(t, entry(t, s, "SD-7").Assessed, "a confirmation is no contradiction")
	for _, f := range fs {
		assert.NotEqual(t, reqpkg.RuleID("soa.exclusion-unconfirmed"), f.Rule)
	}

	// Repeating the exclusion without a justification confirms nothing: the
	// entry keeps the assessment's basis and rationale, and the finding stays.
	s, fs, err = soa.Resolve(cat, m, a, []soa.Override{{Requirement: "SD-7", Decision: soa.NotApplicable}}, nil)
	require.NoError(t, err)
	sd7 = entry(t, s, "SD-7")
	assert.Equal(t, soa.BasisRisk, sd7.Basis)
	assert.Equal(t, assessed(t, a, "SD-7").Rationale, sd7.Justification)
	var unconfirmed []reqpkg.ID
	for _, f := range fs {
		if f.Rule == reqpkg.RuleID("soa.exclusion-unconfirmed") {
			unconfirmed = append(unconfirmed, f.Requirement)
		}
	}
	assert.Contains(t, unconfirmed, reqpkg.ID("SD-7"))
}

// assessed returns the assessment's decision on id.
func assessed(t *testing.T, a *risk.Applicability, id reqpkg.ID) risk.ApplicabilityDecision {
	t.Helper()
	for _, d := range a.Entries {
		if d.Requirement == id {
			return d
		}
	}
	require.Failf(t, "not assessed", "%s", id)
	return risk.ApplicabilityDecision{}
}

func TestResolveDoesNotModifyInputs(t *testing.T) {
	cat := reqpkg.Default()
	a, o := plcAssessment(cat), plcOverrides()
	a2, o2 := plcAssessment(cat), plcOverrides()
	s, _, err := soa.Resolve(cat, plcMeta(), a, o, nil)
	require.NoError(t, err)
	s.Entries[5].Evidence[0].URI = "changed"
	s.Entries[5].Risks[0] = "changed"
	assert.Equal(t, a2, a)
	assert.Equal(t, o2, o)
}
