package soa_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/problem"
	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// load2018 reads the realistic 2018 statement of the PLC-7 (47 entries).
func load2018(t testing.TB) *soa.Statement {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "plc7-2018.soa.json"))
	require.NoError(t, err)
	defer f.Close()
	s, err := soa.Decode(f, nil)
	require.NoError(t, err)
	return s
}

func catalogs(t testing.TB) (*reqpkg.Catalog, *reqpkg.Catalog) {
	t.Helper()
	c18, err := reqpkg.ForEdition(reqpkg.Edition2018)
	require.NoError(t, err)
	return c18, reqpkg.Default()
}

const (
	carried = soa.ActionCarried
	rekeyed = soa.ActionReKeyed
)

var (
	none    []soa.Flag
	changed = []soa.Flag{soa.FlagRequirementChanged}
	moved   = []soa.Flag{soa.FlagReKeyed, soa.FlagRequirementChanged}
)

// migration2018 is the expected fate of every 2018 requirement, written by
// hand from the public change descriptions (not computed from the catalogs).
var migration2018 = []struct {
	from, to reqpkg.ID
	action   soa.MigrationAction
	flags    []soa.Flag
}{
	{"SM-1", "SM-1", carried, none}, {"SM-2", "SM-2", carried, none}, {"SM-3", "SM-3", carried, changed},
	{"SM-4", "SM-4", carried, changed}, {"SM-5", "SM-5", carried, changed}, {"SM-6", "SM-6", carried, none},
	{"SM-7", "SM-7", carried, none}, {"SM-8", "SM-8", carried, none}, {"SM-9", "SM-9", carried, none},
	{"SM-10", "SM-10", carried, none}, {"SM-11", "SM-11", carried, none}, {"SM-12", "SM-12", carried, none},
	{"SM-13", "SM-13", carried, changed},
	// The identity trap: 2018 SR-1..SR-3 are not A11 SR-1..SR-3.
	{"SR-1", "SRM-2", rekeyed, moved}, {"SR-2", "SRM-3", rekeyed, moved}, {"SR-3", "SR-1", rekeyed, moved},
	{"SR-4", "SR-4", carried, none}, {"SR-5", "SR-5", carried, changed},
	{"SD-1", "SD-1", carried, changed}, {"SD-2", "SD-2", carried, changed}, {"SD-3", "SD-3", carried, none}, {"SD-4", "SD-4", carried, none},
	{"SI-1", "SI-1", carried, none}, {"SI-2", "SI-2", carried, changed},
	{"SVV-1", "SVV-1", carried, none}, {"SVV-2", "SVV-2", carried, changed}, {"SVV-3", "SVV-3", carried, none},
	{"SVV-4", "SVV-4", carried, none}, {"SVV-5", "SVV-5", carried, changed},
	{"DM-1", "DM-1", carried, none}, {"DM-2", "DM-2", carried, none}, {"DM-3", "DM-3", carried, none},
	{"DM-4", "DM-4", carried, none}, {"DM-5", "DM-5", carried, none}, {"DM-6", "DM-6", carried, none},
	{"SUM-1", "SUM-1", carried, changed}, {"SUM-2", "SUM-2", carried, none}, {"SUM-3", "SUM-3", carried, none},
	{"SUM-4", "SUM-4", carried, none}, {"SUM-5", "SUM-5", carried, none},
	{"SG-1", "SG-1", carried, none}, {"SG-2", "SG-2", carried, none}, {"SG-3", "SG-3", carried, changed},
	{"SG-4", "SG-4", carried, changed}, {"SG-5", "SG-5", carried, none}, {"SG-6", "SG-6", carried, changed},
	{"SG-7", "SG-7", carried, changed},
}

// newInA11 are the requirements A11 adds, in catalog order.
var newInA11 = []reqpkg.ID{
	"SM-14", "SM-15", "SM-16", "SM-17", "SM-18", "SM-19", "SRM-1", "SRM-4", "SRM-5", "SRM-6", "SR-2", "SR-3",
	"SD-5", "SD-6", "SD-7", "SI-3", "SVV-6", "DM-7", "DM-8", "DM-9", "DM-10", "SUM-6", "SUM-7", "SG-8",
}

func TestMigrateEntryByEntry(t *testing.T) {
	old := load2018(t)
	require.Len(t, old.Entries, 47)
	require.Len(t, migration2018, 47)
	c18, a11 := catalogs(t)
	got, rep, err := soa.Migrate(old, c18, a11, &soa.MigrateOptions{Issued: date("2026-10-01"), Author: "Migration by PSO"})
	require.NoError(t, err)

	// The result is a valid A11 statement with one entry per A11 requirement.
	_, err = soa.Validate(got, a11, nil)
	require.NoError(t, err)
	assert.Equal(t, reqpkg.EditionA11, got.Edition)
	assert.Equal(t, a11.Version(), got.CatalogVersion)
	assert.Equal(t, date("2026-10-01"), got.Issued)
	assert.Equal(t, "Migration by PSO", got.Author)
	assert.Empty(t, got.Approver, "a migrated statement needs a new approval")
	assert.True(t, got.Approved.IsZero())
	assert.Equal(t, old.Product, got.Product)

	oldByID := map[reqpkg.ID]soa.Entry{}
	for _, e := range old.Entries {
		oldByID[e.Requirement] = e
	}
	for _, m := range migration2018 {
		t.Run(string(m.from), func(t *testing.T) {
			was := oldByID[m.from]
			now := *entry(t, got, m.to)
			assert.Equal(t, was.Decision, now.Decision, "decision kept")
			// Kept, with the 2018 IDs it names qualified by their edition.
			assert.Equal(t, strings.ReplaceAll(was.Justification, "SM-9", "2018 SM-9"), now.Justification, "justification kept")
			assert.Equal(t, was.InheritedFrom, now.InheritedFrom)
			assert.Equal(t, was.Risks, now.Risks, "risks kept")
			assert.Equal(t, was.Status, now.Status, "status kept")
			assert.Equal(t, was.Evidence, now.Evidence, "evidence kept")
			assert.Equal(t, was.Owner, now.Owner)
			assert.Equal(t, was.TargetMaturity, now.TargetMaturity)
			assert.Equal(t, was.AchievedMaturity, now.AchievedMaturity)
			assert.Equal(t, soa.Origin{Edition: reqpkg.Edition2018, Requirement: m.from}, now.Origin)
			assert.Equal(t, m.flags, now.Flags)
			r, _ := a11.Lookup(m.to)
			assert.Equal(t, r.Title(), now.Title, "title of the A11 requirement")

			recs := rep.From(m.from)
			require.Len(t, recs, 1)
			assert.Equal(t, m.to, recs[0].To)
			assert.Equal(t, m.action, recs[0].Action)
			assert.Equal(t, was, recs[0].Original, "the report keeps the original entry")
			assert.NotEmpty(t, recs[0].Summary)
		})
	}
	// The identity trap, spelled out.
	assert.Equal(t, "Product security requirements", entry(t, got, "SR-1").Title)
	assert.Equal(t, oldByID["SR-3"].Evidence, entry(t, got, "SR-1").Evidence)
	assert.Equal(t, oldByID["SR-1"].Evidence, entry(t, got, "SRM-2").Evidence)

	for _, id := range newInA11 {
		e := entry(t, got, id)
		assert.Equal(t, soa.Applicable, e.Decision, id)
		assert.Equal(t, soa.StatusPlanned, e.Status, id)
		assert.Equal(t, []soa.Flag{soa.FlagNewRequirement}, e.Flags, id)
		assert.True(t, e.Origin.IsZero(), id)
	}
	assert.Len(t, got.Entries, 47+len(newInA11))

	// The report accounts for every 2018 entry, then every new requirement.
	require.Len(t, rep.Records, 47+len(newInA11))
	for i, m := range migration2018 {
		assert.Equal(t, m.from, rep.Records[i].From)
	}
	for i, id := range newInA11 {
		rec := rep.Records[47+i]
		assert.Equal(t, id, rec.To)
		assert.Equal(t, soa.ActionOpened, rec.Action)
		assert.Equal(t, reqpkg.ChangeAdded, rec.Change)
	}
	assert.Equal(t, 0, rep.Count(soa.ActionRetired))
	assert.Equal(t, 3, rep.Count(soa.ActionReKeyed))

	// The new requirements show up as open gaps.
	fs, err := soa.Validate(got, a11, nil)
	require.NoError(t, err)
	open := 0
	for _, f := range fs {
		if f.Rule == reqpkg.RuleID("soa.new-requirement-open") {
			open++
		}
	}
	assert.Equal(t, len(newInA11), open)

	// The migrated statement round-trips through its JSON form.
	var b bytes.Buffer
	require.NoError(t, soa.Encode(&b, got))
	back, err := soa.Decode(&b, nil)
	require.NoError(t, err)
	assert.Equal(t, got, back)

	// The input is untouched.
	assert.Equal(t, load2018(t), old)
}

// overlayCatalog applies an overlay to the A11 catalog for the retired and
// merged cases, which the embedded data does not contain.
func overlayCatalog(t *testing.T, o *reqpkg.Overlay) *reqpkg.Catalog {
	t.Helper()
	o.SchemaVersion, o.Edition = reqpkg.OverlaySchemaVersion, reqpkg.EditionA11
	c, err := reqpkg.Default().Apply(o)
	require.NoError(t, err)
	return c
}

func TestMigrateRetired(t *testing.T) {
	c18, _ := catalogs(t)
	to := overlayCatalog(t, &reqpkg.Overlay{CatalogVersion: "A11 test retire",
		Remove: []reqpkg.OverlayRemove{{ID: "SUM-5", Reason: "test: pretend A11 drops the patch timeliness requirement"}}})
	got, rep, err := soa.Migrate(load2018(t), c18, to, nil)
	require.NoError(t, err)
	for _, e := range got.Entries {
		assert.NotEqual(t, reqpkg.ID("SUM-5"), e.Requirement)
	}
	recs := rep.From("SUM-5")
	require.Len(t, recs, 1)
	assert.Equal(t, soa.ActionRetired, recs[0].Action)
	assert.Empty(t, recs[0].To)
	assert.Equal(t, entry(t, load2018(t), "SUM-5").Evidence, recs[0].Original.Evidence, "the retired entry's evidence survives in the report")
	_, err = soa.Validate(got, to, nil)
	assert.NoError(t, err)
}

func TestMigrateMerged(t *testing.T) {
	c18, _ := catalogs(t)
	to := overlayCatalog(t, &reqpkg.Overlay{CatalogVersion: "A11 test merge",
		Remove: []reqpkg.OverlayRemove{{ID: "SUM-2", Reason: "test: merge update documentation"}, {ID: "SUM-3", Reason: "test: merge update documentation"}},
		Add: []reqpkg.OverlayAdd{{ID: "SUM-2", Clause: "12.3", Title: "Security update documentation", Summary: "Document security updates, including those of dependent components.",
			Supersedes: []reqpkg.ID{"SUM-2", "SUM-3"}, Artifacts: []reqpkg.ArtifactKind{reqpkg.ArtifactUpdateDocumentation},
			Provenance: []reqpkg.Provenance{{Source: "test", Locator: "merge", Confidence: reqpkg.ConfidenceUncertain}}}}})
	old := load2018(t)
	got, rep, err := soa.Migrate(old, c18, to, nil)
	require.NoError(t, err)
	e := entry(t, got, "SUM-2")
	// 2018 SUM-2 is applicable and verified; SUM-3 is not applicable.
	assert.Equal(t, soa.Applicable, e.Decision)
	assert.Equal(t, soa.StatusVerified, e.Status)
	assert.Contains(t, e.Flags, soa.FlagMerged)
	assert.Contains(t, e.Justification, "2018 SUM-3: ")
	assert.NotContains(t, strings.ReplaceAll(e.Justification, "2018 SUM-3", ""), "SUM-3", "the merged text names 2018 IDs with their edition")
	assert.Equal(t, entry(t, old, "SUM-2").Evidence, e.Evidence)
	for _, id := range []reqpkg.ID{"SUM-2", "SUM-3"} {
		recs := rep.From(id)
		require.Len(t, recs, 1)
		assert.Equal(t, soa.ActionMerged, recs[0].Action)
		assert.Equal(t, reqpkg.ID("SUM-2"), recs[0].To)
	}
	_, err = soa.Validate(got, to, nil)
	assert.NoError(t, err)

	// Two applying entries merged: every risk and piece of evidence, once
	// and in order; the least advanced status and achieved maturity win,
	// whichever entry comes first; the higher target stays.
	ev := func(name string) soa.EvidenceRef {
		return soa.EvidenceRef{URI: docBase + "2018/" + name, SHA256: digest(name), Date: date("2025-06-01")}
	}
	cases := []struct {
		name             string
		sum2, sum3       soa.Status
		ach2, ach3       maturity.Level
		status           soa.Status
		achieved, target maturity.Level
	}{
		{"SUM-3 behind", soa.StatusVerified, soa.StatusInProgress, maturity.ML3, maturity.ML2, soa.StatusInProgress, maturity.ML2, maturity.ML4},
		{"SUM-2 behind", soa.StatusPlanned, soa.StatusImplemented, maturity.ML1, maturity.ML3, soa.StatusPlanned, maturity.ML1, maturity.ML4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old := load2018(t)
			s2, s3 := entry(t, old, "SUM-2"), entry(t, old, "SUM-3")
			s2.Status, s2.AchievedMaturity, s2.TargetMaturity = c.sum2, c.ach2, maturity.ML3
			s2.Risks = []string{"R-01", "R-02"}
			s2.Evidence = []soa.EvidenceRef{ev("release-notes-4.1.pdf"), ev("shared-update-guide.pdf")}
			s3.Decision, s3.Basis, s3.Justification = soa.Applicable, soa.BasisRisk, ""
			s3.Status, s3.AchievedMaturity, s3.TargetMaturity = c.sum3, c.ach3, maturity.ML4
			s3.Risks = []string{"R-05", "R-02"}
			s3.Evidence = []soa.EvidenceRef{ev("shared-update-guide.pdf"), ev("third-party-advisories.pdf")}
			s3.Owner = "Supplier manager"
			got, _, err := soa.Migrate(old, c18, to, nil)
			require.NoError(t, err)
			e := entry(t, got, "SUM-2")
			assert.Equal(t, soa.Applicable, e.Decision)
			assert.Equal(t, []string{"R-01", "R-02", "R-05"}, e.Risks, "the risks are unioned")
			assert.Equal(t, []soa.EvidenceRef{ev("release-notes-4.1.pdf"), ev("shared-update-guide.pdf"), ev("third-party-advisories.pdf")}, e.Evidence)
			assert.Equal(t, c.status, e.Status, "the least advanced status wins")
			assert.Equal(t, c.achieved, e.AchievedMaturity, "the lowest achieved maturity wins")
			assert.Equal(t, c.target, e.TargetMaturity, "the highest target stays")
			assert.Equal(t, "Release manager", e.Owner, "the first entry's owner")
			_, err = soa.Validate(got, to, nil)
			assert.NoError(t, err)
		})
	}
}

func TestMigrateErrors(t *testing.T) {
	c18, a11 := catalogs(t)
	t.Run("unreadable input", func(t *testing.T) {
		s := load2018(t)
		s.Entries[0].Evidence[0].SHA256 = "not a digest"
		_, _, err := soa.Migrate(s, c18, a11, nil)
		var list problem.List
		require.ErrorAs(t, err, &list)
		assert.Equal(t, "/entries/0/evidence/0/sha256", list[0].Pointer)
	})
	t.Run("A11 statement", func(t *testing.T) {
		s, _ := plcResolved(t)
		_, _, err := soa.Migrate(s, c18, a11, nil)
		assert.ErrorIs(t, err, problem.ErrWrongEdition)
	})
	t.Run("catalogs swapped", func(t *testing.T) {
		s, _ := plcResolved(t)
		_, _, err := soa.Migrate(s, a11, c18, nil)
		assert.ErrorIs(t, err, problem.ErrWrongEdition)
	})
	t.Run("nil", func(t *testing.T) {
		_, _, err := soa.Migrate(nil, c18, a11, nil)
		assert.ErrorIs(t, err, problem.ErrNilInput)
	})
	t.Run("nil source catalog is the A11 catalog", func(t *testing.T) {
		_, _, err := soa.Migrate(load2018(t), nil, nil, nil)
		assert.ErrorIs(t, err, problem.ErrWrongEdition, "a 2018 statement does not validate against the A11 catalog")
	})
}

func TestMigrateDeterministic(t *testing.T) {
	c18, a11 := catalogs(t)
	var prev string
	for range 3 {
		got, _, err := soa.Migrate(load2018(t), c18, a11, nil)
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, soa.Encode(&b, got))
		if prev != "" {
			assert.Equal(t, prev, b.String())
		}
		prev = b.String()
	}
}

// TestMigrateIncomplete: an incomplete 2018 statement (an exclusion without
// a justification, no entry for SR-4) is readable, so it migrates: it used to
// be refused. The requirement without an older entry is opened for
// assessment.
func TestMigrateIncomplete(t *testing.T) {
	c18, a11 := catalogs(t)
	s := load2018(t)
	entry(t, s, "SM-10").Justification = ""
	s.Entries = slices.DeleteFunc(s.Entries, func(e soa.Entry) bool { return e.Requirement == "SR-4" })
	fs, err := soa.Validate(s, c18, nil)
	require.NoError(t, err)
	var rules []reqpkg.RuleID
	for _, f := range fs {
		if f.Requirement == "SM-10" || f.Requirement == "SR-4" {
			rules = append(rules, f.Rule)
		}
	}
	assert.Contains(t, rules, reqpkg.RuleID("soa.justification-missing"))
	assert.Contains(t, rules, reqpkg.RuleID("soa.entry-missing"))

	got, rep, err := soa.Migrate(s, c18, a11, nil)
	require.NoError(t, err)
	sr4 := entry(t, got, "SR-4")
	assert.Equal(t, soa.Applicable, sr4.Decision)
	assert.Equal(t, soa.BasisUnassessed, sr4.Basis)
	assert.True(t, sr4.Origin.IsZero())
	recs := rep.From("SR-4")
	require.Len(t, recs, 1)
	assert.Equal(t, soa.ActionOpened, recs[0].Action)
	assert.Equal(t, reqpkg.ID("SR-4"), recs[0].To)
	assert.Zero(t, recs[0].Original)
	fs, err = soa.Validate(got, a11, nil)
	require.NoError(t, err)
	var open []reqpkg.RuleID
	for _, f := range fs {
		if f.Requirement == "SR-4" || f.Requirement == "SM-10" {
			open = append(open, f.Rule)
		}
	}
	assert.Contains(t, open, reqpkg.RuleID("soa.unassessed"))
	assert.Contains(t, open, reqpkg.RuleID("soa.justification-missing"), "the unjustified exclusion stays a gap in A11")
}

// anyID matches a requirement ID of either edition in text.
var anyID = regexp.MustCompile(`\b(?:SM|SRM|SR|SD|SI|SVV|DM|SUM|SG)-[1-9][0-9]?\b`)

// bareIDs returns the requirement IDs in text that no edition qualifies (a
// token such as "SG-7-reviews.xlsx" is no ID).
func bareIDs(text string) []string {
	var out []string
	for _, l := range anyID.FindAllStringIndex(text, -1) {
		before := text[:l[0]]
		if strings.HasSuffix(before, "-") || strings.HasPrefix(text[l[1]:], "-") {
			continue
		}
		if strings.HasSuffix(before, "2018 ") || strings.HasSuffix(before, "A11 ") {
			continue
		}
		out = append(out, text[l[0]:l[1]])
	}
	return out
}

// resolved2018 resolves a 2018 statement against the 2018 catalog, as a
// dossier of the 2018 edition does: its baseline justifications are the
// SDK's, naming 2018 IDs.
func resolved2018(t testing.TB) (*soa.Statement, []reqpkg.Finding) {
	t.Helper()
	c18 := mustCatalog(reqpkg.Edition2018)
	m := plcMeta()
	m.Profile = 0
	s, fs, err := soa.Resolve(c18, m, plcAssessment(c18), nil, nil)
	require.NoError(t, err)
	return s, fs
}

// TestMigrateQualifiesIDs: no migrated entry carries a bare requirement ID
// of the older edition into the newer one. Resolved 2018 text such as
// "SR-1 (Product security context) applies ..." lands on A11 SRM-2, where a
// bare "SR-1" would name A11's product security requirements.
func TestMigrateQualifiesIDs(t *testing.T) {
	c18, a11 := catalogs(t)
	s18, _ := resolved2018(t)
	fixture := load2018(t)
	entry(t, fixture, "SG-7").Justification = "Reviewed together with SR-5 and SUM-2 (see SR-1/SR-3 records); tracked in SG-7-reviews.xlsx"
	entry(t, fixture, "SG-7").Evidence[0].Description = "SG-7 review of the 2018 SR-3 records"
	for name, old := range map[string]*soa.Statement{"resolved": s18, "fixture": fixture} {
		t.Run(name, func(t *testing.T) {
			got, _, err := soa.Migrate(old, c18, a11, nil)
			require.NoError(t, err)
			n := 0
			for _, e := range got.Entries {
				if e.Origin.IsZero() {
					continue
				}
				n++
				texts := []string{e.Justification, e.InheritedFrom, e.Owner}
				for _, ev := range e.Evidence {
					texts = append(texts, ev.Description)
				}
				for _, txt := range texts {
					assert.Empty(t, bareIDs(txt), "%s (from 2018 %s): %q", e.Requirement, e.Origin.Requirement, txt)
				}
			}
			assert.Equal(t, 47, n, "every migrated entry is checked")
		})
	}
	got, _, err := soa.Migrate(s18, c18, a11, nil)
	require.NoError(t, err)
	srm2 := entry(t, got, "SRM-2")
	assert.True(t, strings.HasPrefix(srm2.Justification, "2018 SR-1 (Product security context) applies to every product"), srm2.Justification)
	sg7 := entry(t, func() *soa.Statement { g, _, _ := soa.Migrate(fixture, c18, a11, nil); return g }(), "SG-7")
	assert.Equal(t, "Reviewed together with 2018 SR-5 and 2018 SUM-2 (see 2018 SR-1/2018 SR-3 records); tracked in SG-7-reviews.xlsx", sg7.Justification,
		"IDs are qualified once; a file name is no ID")
	assert.Equal(t, "2018 SG-7 review of the 2018 SR-3 records", sg7.Evidence[0].Description)
}
