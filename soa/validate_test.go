package soa_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// entry returns a pointer to the entry for id.
func entry(t testing.TB, s *soa.Statement, id reqpkg.ID) *soa.Entry {
	t.Helper()
	for i := range s.Entries {
		if s.Entries[i].Requirement == id {
			return &s.Entries[i]
		}
	}
	t.Fatalf("no entry %s", id)
	return nil
}

// TestValidateRules gives every document rule of Validate a failing fixture:
// a mutation of the valid example statement, the pointer and the sentinel.
func TestValidateRules(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(t *testing.T, s *soa.Statement)
		ptr    string
		err    error
	}{
		{"schema version", func(t *testing.T, s *soa.Statement) { s.SchemaVersion = "0.9" }, "/schema_version", problem.ErrInvalidValue},
		{"edition unset", func(t *testing.T, s *soa.Statement) { s.Edition = 0 }, "/edition", problem.ErrUnknownEdition},
		{"wrong edition", func(t *testing.T, s *soa.Statement) { s.Edition = reqpkg.Edition2018 }, "/edition", problem.ErrWrongEdition},
		{"catalog version empty", func(t *testing.T, s *soa.Statement) { s.CatalogVersion = " " }, "/catalog_version", problem.ErrInvalidValue},
		{"product name empty", func(t *testing.T, s *soa.Statement) { s.Product.Name = "" }, "/product/name", problem.ErrInvalidValue},
		{"product version empty", func(t *testing.T, s *soa.Statement) { s.Product.Version = "" }, "/product/version", problem.ErrInvalidValue},
		{"manufacturer empty", func(t *testing.T, s *soa.Statement) { s.Product.Manufacturer = "" }, "/product/manufacturer", problem.ErrInvalidValue},
		{"author empty", func(t *testing.T, s *soa.Statement) { s.Author = "" }, "/author", problem.ErrInvalidValue},
		{"category invalid", func(t *testing.T, s *soa.Statement) { s.Category = 9 }, "/category", problem.ErrInvalidValue},
		{"profile invalid", func(t *testing.T, s *soa.Statement) { s.Profile = 9 }, "/profile", problem.ErrInvalidValue},
		{"issued missing", func(t *testing.T, s *soa.Statement) { s.Issued = reqpkg.Date{} }, "/issued", problem.ErrInvalidValue},
		{"invalid ID", func(t *testing.T, s *soa.Statement) { s.Entries[0].Requirement = "SM1" }, "/entries/0/requirement", problem.ErrInvalidID},
		{"unknown ID", func(t *testing.T, s *soa.Statement) { s.Entries[0].Requirement = "SM-42" }, "/entries/0/requirement", problem.ErrUnknownID},
		{"duplicate ID", func(t *testing.T, s *soa.Statement) { s.Entries[1] = s.Entries[0] }, "/entries/1/requirement", problem.ErrDuplicate},
		{"wrong-edition title", func(t *testing.T, s *soa.Statement) {
			entry(t, s, "SR-1").Title = "Product security context" // 2018's SR-1
		}, "/entries/25/title", problem.ErrWrongEdition},
		{"decision unset", func(t *testing.T, s *soa.Statement) { s.Entries[0].Decision = 0 }, "/entries/0/decision", problem.ErrInvalidValue},
		{"status undefined", func(t *testing.T, s *soa.Statement) { s.Entries[0].Status = 9 }, "/entries/0/status", problem.ErrInvalidValue},
		{"basis invalid", func(t *testing.T, s *soa.Statement) { s.Entries[0].Basis = 99 }, "/entries/0/basis", problem.ErrInvalidValue},
		{"assessed invalid", func(t *testing.T, s *soa.Statement) { s.Entries[0].Assessed = 99 }, "/entries/0/assessed", problem.ErrInvalidValue},
		{"empty risk", func(t *testing.T, s *soa.Statement) { s.Entries[0].Risks = []string{" "} }, "/entries/0/risks/0", problem.ErrInvalidValue},
		{"duplicate risk", func(t *testing.T, s *soa.Statement) { s.Entries[0].Risks = []string{"R-01", "R-01"} }, "/entries/0/risks/1", problem.ErrDuplicate},
		{"dangling risk", func(t *testing.T, s *soa.Statement) { s.Entries[0].Risks = []string{"R-99"} }, "/entries/0/risks/0", problem.ErrDanglingReference},
		{"evidence URI empty", func(t *testing.T, s *soa.Statement) { s.Entries[0].Evidence[0].URI = "" }, "/entries/0/evidence/0/uri", problem.ErrInvalidValue},
		{"evidence URI with space", func(t *testing.T, s *soa.Statement) { s.Entries[0].Evidence[0].URI = "my report.pdf" }, "/entries/0/evidence/0/uri", problem.ErrInvalidValue},
		{"evidence URI malformed", func(t *testing.T, s *soa.Statement) { s.Entries[0].Evidence[0].URI = "http://[::1" }, "/entries/0/evidence/0/uri", problem.ErrInvalidValue},
		{"evidence duplicate", func(t *testing.T, s *soa.Statement) {
			e := entry(t, s, "SM-6")
			e.Evidence[1].URI = e.Evidence[0].URI
		}, "/entries/5/evidence/1/uri", problem.ErrDuplicate},
		{"digest upper case", func(t *testing.T, s *soa.Statement) {
			s.Entries[0].Evidence[0].SHA256 = strings.ToUpper(s.Entries[0].Evidence[0].SHA256)
		}, "/entries/0/evidence/0/sha256", problem.ErrInvalidValue},
		{"digest short", func(t *testing.T, s *soa.Statement) { s.Entries[0].Evidence[0].SHA256 = "abc123" }, "/entries/0/evidence/0/sha256", problem.ErrInvalidValue},
		{"digest missing", func(t *testing.T, s *soa.Statement) { s.Entries[0].Evidence[0].SHA256 = "" }, "/entries/0/evidence/0/sha256", problem.ErrInvalidValue},
		{"evidence date missing", func(t *testing.T, s *soa.Statement) { s.Entries[0].Evidence[0].Date = reqpkg.Date{} }, "/entries/0/evidence/0/date", problem.ErrInvalidValue},
		{"evidence kind unknown", func(t *testing.T, s *soa.Statement) { s.Entries[0].Evidence[0].Kind = "selfie" }, "/entries/0/evidence/0/kind", problem.ErrInvalidValue},
		{"target maturity invalid", func(t *testing.T, s *soa.Statement) { s.Entries[0].TargetMaturity = 7 }, "/entries/0/target_maturity", problem.ErrInvalidValue},
		{"achieved maturity invalid", func(t *testing.T, s *soa.Statement) { s.Entries[0].AchievedMaturity = -1 }, "/entries/0/achieved_maturity", problem.ErrInvalidValue},
		{"origin incomplete", func(t *testing.T, s *soa.Statement) { s.Entries[0].Origin = soa.Origin{Requirement: "SM-1"} }, "/entries/0/origin", problem.ErrInvalidValue},
		{"unknown flag", func(t *testing.T, s *soa.Statement) { s.Entries[0].Flags = []soa.Flag{"shiny"} }, "/entries/0/flags/0", problem.ErrInvalidValue},
		{"duplicate flag", func(t *testing.T, s *soa.Statement) {
			s.Entries[0].Flags = []soa.Flag{soa.FlagOverride, soa.FlagOverride}
		}, "/entries/0/flags/1", problem.ErrDuplicate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := plcResolved(t)
			c.mutate(t, s)
			fs, err := soa.Validate(s, reqpkg.Default(), &soa.ValidateOptions{KnownRisks: plcRisks})
			require.Error(t, err)
			assert.Nil(t, fs, "no findings for an invalid document")
			assert.ErrorIs(t, err, problem.ErrInvalidDocument)
			var list problem.List
			require.ErrorAs(t, err, &list)
			found := false
			for _, e := range list {
				if e.Pointer == c.ptr {
					found = true
					assert.ErrorIs(t, e, c.err, "%s: %s", e.Pointer, e.Message)
					assert.True(t, strings.HasPrefix(e.Message, "soa: "), e.Message)
				}
			}
			assert.True(t, found, "no problem at %s in %v", c.ptr, list)
		})
	}
}

func TestValidateWrongEditionID(t *testing.T) {
	s := plc2018()
	s.Entries[13].Requirement = "SRM-2" // 2018's SR-1 written with its A11 ID
	cat, err := reqpkg.ForEdition(reqpkg.Edition2018)
	require.NoError(t, err)
	_, err = soa.Validate(s, cat, nil)
	require.Error(t, err)
	var list problem.List
	require.ErrorAs(t, err, &list)
	var hit *problem.Error
	for _, e := range list {
		if e.Pointer == "/entries/13/requirement" {
			hit = e
		}
	}
	require.NotNil(t, hit, "%v", list)
	assert.ErrorIs(t, hit, problem.ErrWrongEdition)
	assert.Contains(t, hit.Message, "edition A11")
}

func TestValidateReportsEveryProblem(t *testing.T) {
	s, _ := plcResolved(t)
	s.Author = ""
	s.Entries[0].Evidence[0].SHA256 = "xyz"
	s.Entries[3].Decision = 0
	_, err := soa.Validate(s, reqpkg.Default(), nil)
	var list problem.List
	require.ErrorAs(t, err, &list)
	ptrs := list.Pointers()
	assert.Equal(t, []string{"/author", "/entries/0/evidence/0/sha256", "/entries/3/decision"}, ptrs)
}

// TestValidateDates checks the header dates: a Date is zero or a calendar
// day, so the problems are a missing issue date (an error: the schema
// requires it) and an approval or review before the issue date (a finding).
func TestValidateDates(t *testing.T) {
	cases := []struct {
		name                      string
		issued, approved, nextRev string
		err                       map[string]string // pointer -> message
		order                     map[string]string // pointer -> finding message
	}{
		{"issued missing", "", "2026-10-06", "", map[string]string{"/issued": "soa: issued date is missing (want YYYY-MM-DD)"}, nil},
		{"approved on the issue day", "2026-10-05", "2026-10-05", "2027-10-05", nil, map[string]string{}},
		{"approved before", "2026-10-05", "2026-10-04", "", nil, map[string]string{"/approved": "the approval date 2026-10-04 is before the issue date 2026-10-05: correct the dates"}},
		{"review before", "2026-10-05", "", "2026-01-01", nil, map[string]string{"/next_review": "the next review date 2026-01-01 is before the issue date 2026-10-05: correct the dates"}},
	}
	parse := func(v string) reqpkg.Date {
		if v == "" {
			return reqpkg.Date{}
		}
		return date(v)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := plcResolved(t)
			s.Issued, s.Approved, s.NextReview = parse(c.issued), parse(c.approved), parse(c.nextRev)
			if c.approved == "" {
				s.Approver = ""
			}
			fs, err := soa.Validate(s, reqpkg.Default(), nil)
			if c.err != nil {
				var list problem.List
				require.ErrorAs(t, err, &list)
				got := map[string]string{}
				for _, e := range list {
					got[e.Pointer] = e.Message
				}
				assert.Equal(t, c.err, got)
				return
			}
			require.NoError(t, err)
			got := map[string]string{}
			for _, f := range fs {
				if f.Rule == reqpkg.RuleID("soa.date-order") {
					got[f.Pointer] = f.Message
				}
			}
			assert.Equal(t, c.order, got)
		})
	}
}

func TestValidateNil(t *testing.T) {
	_, err := soa.Validate(nil, reqpkg.Default(), nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
	// A nil catalog is the default (A11) catalog.
	s, want := plcResolved(t)
	got, err := soa.Validate(s, nil, &soa.ValidateOptions{KnownRisks: plcRisks})
	require.NoError(t, err)
	assert.Equal(t, want, got)
	_, err = soa.Validate(&soa.Statement{}, nil, nil)
	assert.ErrorIs(t, err, problem.ErrInvalidDocument)
}

func TestValidateMinJustification(t *testing.T) {
	rulesOf := func(fs []reqpkg.Finding) []reqpkg.RuleID {
		var out []reqpkg.RuleID
		for _, f := range fs {
			if f.Requirement == "SM-10" && (f.Rule == reqpkg.RuleID("soa.justification-missing") || f.Rule == reqpkg.RuleID("soa.justification-generic")) {
				out = append(out, f.Rule)
			}
		}
		return out
	}
	s, _ := plcResolved(t)
	entry(t, s, "SM-10").Justification = "No third-party supplier customises any component."
	fs, err := soa.Validate(s, reqpkg.Default(), nil)
	require.NoError(t, err)
	assert.Empty(t, rulesOf(fs), "50 characters that name the components pass the default minimum")
	fs, err = soa.Validate(s, reqpkg.Default(), &soa.ValidateOptions{MinJustification: 60})
	require.NoError(t, err, "a short justification is a finding, not an error")
	assert.Equal(t, []reqpkg.RuleID{reqpkg.RuleID("soa.justification-missing")}, rulesOf(fs))
}

// findingCase is a mutation of the valid example statement that fires one
// finding rule, with the finding's severity, requirement and pointer.
type findingCase struct {
	name   string
	rule   reqpkg.RuleID
	sev    reqpkg.Severity
	id     reqpkg.ID
	ptr    string
	mutate func(t *testing.T, s *soa.Statement)
}

// findingCases fire every finding rule of the package; several fired errors
// before findings came first (an incomplete statement is readable).
var findingCases = []findingCase{
	{"", reqpkg.RuleID("soa.not-approved"), reqpkg.SeverityLow, "SR-3", "/approver", func(t *testing.T, s *soa.Statement) { s.Approver, s.Approved = "", reqpkg.Date{} }},
	{"", reqpkg.RuleID("soa.catalog-version-mismatch"), reqpkg.SeverityLow, "SR-3", "/catalog_version", func(t *testing.T, s *soa.Statement) { s.CatalogVersion = "A11 draft 2025.9" }},
	{"", reqpkg.RuleID("soa.context-missing"), reqpkg.SeverityMedium, "SR-3", "/category", func(t *testing.T, s *soa.Statement) { s.Profile = 0 }},
	{"approved before issued", reqpkg.RuleID("soa.date-order"), reqpkg.SeverityLow, "SR-3", "/approved", func(t *testing.T, s *soa.Statement) { s.Approved = date("2026-01-01") }},
	{"review before issued", reqpkg.RuleID("soa.date-order"), reqpkg.SeverityLow, "SR-3", "/next_review", func(t *testing.T, s *soa.Statement) { s.NextReview = date("2025-01-01") }},
	{"", reqpkg.RuleID("soa.entry-missing"), reqpkg.SeverityHigh, "SM-1", "/entries", func(t *testing.T, s *soa.Statement) { s.Entries = s.Entries[1:] }},
	{"", reqpkg.RuleID("soa.title-mismatch"), reqpkg.SeverityLow, "SM-1", "/entries/0/title", func(t *testing.T, s *soa.Statement) { s.Entries[0].Title = "Development" }},
	{"", reqpkg.RuleID("soa.unassessed"), reqpkg.SeverityMedium, "SM-1", "/entries/0/basis", func(t *testing.T, s *soa.Statement) { s.Entries[0].Basis = soa.BasisUnassessed }},
	{"", reqpkg.RuleID("soa.new-requirement-open"), reqpkg.SeverityMedium, "SM-1", "/entries/0/flags", func(t *testing.T, s *soa.Statement) { s.Entries[0].Flags = []soa.Flag{soa.FlagNewRequirement} }},
	{"", reqpkg.RuleID("soa.requirement-changed"), reqpkg.SeverityLow, "SM-1", "/entries/0/flags", func(t *testing.T, s *soa.Statement) { s.Entries[0].Flags = []soa.Flag{soa.FlagRequirementChanged} }},
	{"", reqpkg.RuleID("soa.override-contradicts-assessment"), reqpkg.SeverityMedium, "SM-10", "/entries/9/decision", func(t *testing.T, s *soa.Statement) {}},
	{"exclusion without justification", reqpkg.RuleID("soa.justification-missing"), reqpkg.SeverityHigh, "SM-10", "/entries/9/justification", func(t *testing.T, s *soa.Statement) { entry(t, s, "SM-10").Justification = "" }},
	{"placeholder", reqpkg.RuleID("soa.justification-missing"), reqpkg.SeverityHigh, "SM-10", "/entries/9/justification", func(t *testing.T, s *soa.Statement) { entry(t, s, "SM-10").Justification = " N/A " }},
	{"tbd", reqpkg.RuleID("soa.justification-missing"), reqpkg.SeverityHigh, "SUM-7", "/entries/62/justification", func(t *testing.T, s *soa.Statement) { entry(t, s, "SUM-7").Justification = "TBD" }},
	{"short", reqpkg.RuleID("soa.justification-missing"), reqpkg.SeverityHigh, "SD-7", "/entries/36/justification", func(t *testing.T, s *soa.Statement) { entry(t, s, "SD-7").Justification = "secure element" }},
	{"contradiction without justification", reqpkg.RuleID("soa.justification-missing"), reqpkg.SeverityHigh, "SM-1", "/entries/0/justification", func(t *testing.T, s *soa.Statement) {
		e := entry(t, s, "SM-1")
		e.Decision, e.Status, e.Assessed = soa.Applicable, soa.StatusVerified, soa.NotApplicable
		e.Justification = ""
	}},
	{"applicable without justification", reqpkg.RuleID("soa.justification-missing"), reqpkg.SeverityMedium, "SM-1", "/entries/0/justification", func(t *testing.T, s *soa.Statement) { s.Entries[0].Justification = "" }},
	{"generic exclusion", reqpkg.RuleID("soa.justification-generic"), reqpkg.SeverityMedium, "SM-10", "/entries/9/justification", func(t *testing.T, s *soa.Statement) {
		entry(t, s, "SM-10").Justification = "We decided that this is not needed for us."
	}},
	{"generic baseline sentence", reqpkg.RuleID("soa.justification-generic"), reqpkg.SeverityLow, "SM-1", "/entries/0/justification", func(t *testing.T, s *soa.Statement) {
		s.Entries[0].Justification = "SM-1 is a lifecycle process requirement (practice SM) that applies to every product"
	}},
	{"risks not named", reqpkg.RuleID("soa.justification-generic"), reqpkg.SeverityLow, "SD-1", "/entries/30/justification", func(t *testing.T, s *soa.Statement) {
		entry(t, s, "SD-1").Justification = "Required by our risk assessment of the product."
	}},
	{"", reqpkg.RuleID("soa.inherited-without-source"), reqpkg.SeverityMedium, "SD-7", "/entries/36/inherited_from", func(t *testing.T, s *soa.Statement) { entry(t, s, "SD-7").InheritedFrom = "" }},
	{"", reqpkg.RuleID("soa.inherited-from-unused"), reqpkg.SeverityLow, "SM-1", "/entries/0/inherited_from", func(t *testing.T, s *soa.Statement) { s.Entries[0].InheritedFrom = "platform" }},
	{"", reqpkg.RuleID("soa.status-missing"), reqpkg.SeverityMedium, "SM-1", "/entries/0/status", func(t *testing.T, s *soa.Statement) { s.Entries[0].Status = 0 }},
	{"", reqpkg.RuleID("soa.status-on-exclusion"), reqpkg.SeverityLow, "SM-10", "/entries/9/status", func(t *testing.T, s *soa.Statement) { entry(t, s, "SM-10").Status = soa.StatusPlanned }},
	{"", reqpkg.RuleID("soa.not-applicable-with-risks"), reqpkg.SeverityMedium, "SM-10", "/entries/9/risks", func(t *testing.T, s *soa.Statement) { entry(t, s, "SM-10").Risks = []string{"R-05"} }},
	{"", reqpkg.RuleID("soa.exclusion-unconfirmed"), reqpkg.SeverityLow, "SM-10", "/entries/9/justification", func(t *testing.T, s *soa.Statement) {
		e := entry(t, s, "SM-10")
		e.Basis, e.Assessed, e.Flags = soa.BasisRisk, 0, nil
	}},
	{"", reqpkg.RuleID("soa.not-started"), reqpkg.SeverityMedium, "SM-19", "/entries/18/status", func(t *testing.T, s *soa.Statement) {}},
	{"", reqpkg.RuleID("soa.in-progress"), reqpkg.SeverityLow, "SM-13", "/entries/12/status", func(t *testing.T, s *soa.Statement) {}},
	{"", reqpkg.RuleID("soa.not-verified"), reqpkg.SeverityLow, "SM-9", "/entries/8/status", func(t *testing.T, s *soa.Statement) {}},
	{"", reqpkg.RuleID("soa.verified-without-evidence"), reqpkg.SeverityHigh, "SVV-4", "/entries/43/evidence", func(t *testing.T, s *soa.Statement) { entry(t, s, "SVV-4").Evidence = nil }},
	{"", reqpkg.RuleID("soa.implemented-without-evidence"), reqpkg.SeverityMedium, "SUM-6", "/entries/61/evidence", func(t *testing.T, s *soa.Statement) {}},
	{"", reqpkg.RuleID("soa.no-owner"), reqpkg.SeverityLow, "SM-1", "/entries/0/owner", func(t *testing.T, s *soa.Statement) { s.Entries[0].Owner = "" }},
	{"", reqpkg.RuleID("soa.maturity-below-target"), reqpkg.SeverityMedium, "SM-4", "/entries/3/achieved_maturity", func(t *testing.T, s *soa.Statement) {}},
	{"", reqpkg.RuleID("soa.maturity-unknown"), reqpkg.SeverityLow, "SM-1", "/entries/0/achieved_maturity", func(t *testing.T, s *soa.Statement) { s.Entries[0].AchievedMaturity = 0 }},
}

// TestFindingRules fires every finding rule on a fixture and checks the
// severity, pointer, requirement, edition, subject and basis; the cases
// together fire every rule of the registry.
func TestFindingRules(t *testing.T) {
	fired := map[reqpkg.RuleID]bool{}
	for _, c := range findingCases {
		name := string(c.rule)
		if c.name != "" {
			name += "/" + c.name
		}
		t.Run(name, func(t *testing.T) {
			s, _ := plcResolved(t)
			c.mutate(t, s)
			fs, err := soa.Validate(s, reqpkg.Default(), nil)
			require.NoError(t, err, "an incomplete statement is readable: findings, not errors")
			var hit *reqpkg.Finding
			for i := range fs {
				if fs[i].Rule == c.rule && fs[i].Requirement == c.id && fs[i].Pointer == c.ptr {
					hit = &fs[i]
				}
			}
			require.NotNil(t, hit, "rule %s did not fire for %q at %s", c.rule, c.id, c.ptr)
			fired[c.rule] = true
			assert.Equal(t, c.sev, hit.Severity)
			assert.NotEmpty(t, hit.Message)
			assert.Equal(t, reqpkg.EditionA11, hit.Edition, "a finding naming a requirement names its edition")
			assert.Equal(t, reqpkg.BasisProvisional, hit.Basis)
			if strings.HasPrefix(c.ptr, "/entries/") {
				assert.Equal(t, string(c.id), hit.Subject, "the subject of an entry finding is the entry's requirement")
			}
			assertRegistered(t, fs)
		})
	}
	for _, r := range soa.Rules() {
		assert.True(t, fired[r.ID], "no case fires %s", r.ID)
	}
}

func TestFindingsAreSorted(t *testing.T) {
	_, fs := plcResolved(t)
	require.NotEmpty(t, fs)
	for i := 1; i < len(fs); i++ {
		assert.LessOrEqual(t, reqpkg.CompareFindings(fs[i-1], fs[i]), 0)
	}
}

func TestMaturityAboveTargetIsNoGap(t *testing.T) {
	s, _ := plcResolved(t)
	e := entry(t, s, "SM-4")
	e.TargetMaturity, e.AchievedMaturity = maturity.ML2, maturity.ML4
	fs, err := soa.Validate(s, reqpkg.Default(), nil)
	require.NoError(t, err)
	for _, f := range fs {
		if f.Requirement == "SM-4" {
			assert.NotEqual(t, reqpkg.RuleID("soa.maturity-below-target"), f.Rule)
		}
	}
}

// TestDecodeProblems: Decode locates every problem of a malformed document.
func TestDecodeProblems(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join("testdata", "plc7-a11.soa.json"))
	require.NoError(t, err)
	cases := []struct {
		name string
		doc  string
		ptrs []string
		err  error
	}{
		{"syntax", `{"schema_version": "1",`, nil, problem.ErrSyntax},
		{"empty", ``, []string{""}, problem.ErrSyntax},
		{"duplicate key", strings.Replace(string(valid), `"author":`, `"author": "x", "author":`, 1), []string{"/author"}, problem.ErrDuplicateKey},
		{"wrong schema version", strings.Replace(string(valid), `"schema_version": "1"`, `"schema_version": "2"`, 1), []string{"/schema_version"}, problem.ErrSchema},
		{"schema version of v0", strings.Replace(string(valid), `"schema_version": "1"`, `"schema_version": "1.0"`, 1), []string{"/schema_version"}, problem.ErrSchema},
		{"bad decision and digest", strings.Replace(strings.Replace(string(valid), `"decision": "applicable"`, `"decision": "maybe"`, 1),
			`"sha256": "eb3f`, `"sha256": "EB3F`, 1), []string{"/entries/0/decision", "/entries/0/evidence/0/sha256"}, problem.ErrSchema},
		{"bad date", strings.Replace(string(valid), `"issued": "2026-10-05"`, `"issued": "2026-02-30"`, 1), []string{"/issued"}, problem.ErrSchema},
		{"unknown field", strings.Replace(string(valid), `"author":`, `"autor": "x", "author":`, 1), []string{""}, problem.ErrSchema},
		{"bad ID", strings.Replace(string(valid), `"requirement": "SM-1"`, `"requirement": "SM-01"`, 1), []string{"/entries/0/requirement"}, problem.ErrSchema},
		{"invalid UTF-8", "{\"author\": \"\xff\"}", []string{""}, problem.ErrSyntax},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := soa.Decode(strings.NewReader(c.doc), nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, problem.ErrInvalidDocument)
			assert.ErrorIs(t, err, c.err)
			var list problem.List
			require.ErrorAs(t, err, &list)
			got := map[string]bool{}
			for _, e := range list {
				got[e.Pointer] = true
			}
			for _, p := range c.ptrs {
				assert.True(t, got[p], "no problem at %q in %v", p, list)
			}
		})
	}
}

func TestDecodeLimits(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join("testdata", "plc7-a11.soa.json"))
	require.NoError(t, err)
	// Problems are capped at MaxProblems, with a last one saying how many
	// more there were.
	bad := strings.ReplaceAll(string(valid), `"decision": "applicable"`, `"decision": "maybe"`)
	_, err = soa.Decode(strings.NewReader(bad), nil)
	var all problem.List
	require.ErrorAs(t, err, &all)
	require.Greater(t, len(all), 5)
	_, err = soa.Decode(strings.NewReader(bad), &soa.DecodeOptions{Limits: reqpkg.Limits{MaxProblems: 3}})
	var capped problem.List
	require.ErrorAs(t, err, &capped)
	require.Len(t, capped, 4)
	assert.ErrorIs(t, capped[3], problem.ErrLimit)
	assert.Contains(t, capped[3].Message, "more problems")
	_, err = soa.Decode(bytes.NewReader(valid), &soa.DecodeOptions{Limits: reqpkg.Limits{MaxBytes: 1000}})
	assert.ErrorIs(t, err, problem.ErrLimit)
	_, err = soa.Decode(bytes.NewReader(valid), &soa.DecodeOptions{Limits: reqpkg.Limits{MaxEntries: 10}})
	assert.ErrorIs(t, err, problem.ErrLimit)
}

func TestSchemaPublished(t *testing.T) {
	var doc map[string]any
	require.NoError(t, json.Unmarshal(soa.Schema(), &doc))
	assert.Equal(t, soa.SchemaID, doc["$id"])
	props := doc["properties"].(map[string]any)
	assert.Equal(t, soa.SchemaVersion, props["schema_version"].(map[string]any)["const"])
	// The evidence kinds of the schema are exactly requirement.ArtifactKinds.
	kinds := doc["$defs"].(map[string]any)["evidence"].(map[string]any)["properties"].(map[string]any)["kind"].(map[string]any)["enum"].([]any)
	var want []any
	for _, k := range reqpkg.ArtifactKinds() {
		want = append(want, string(k))
	}
	assert.Equal(t, want, kinds, "regenerate the kind enum of statement.schema.json from requirement.ArtifactKinds")
	flags := doc["$defs"].(map[string]any)["entry"].(map[string]any)["properties"].(map[string]any)["flags"].(map[string]any)["items"].(map[string]any)["enum"].([]any)
	var wantFlags []any
	for _, f := range soa.Flags() {
		wantFlags = append(wantFlags, string(f))
	}
	assert.Equal(t, wantFlags, flags)
}
