package oscal_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func encodeCatalog(t *testing.T, cat *requirement.Catalog) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, oscal.EncodeCatalog(&buf, cat, exportTime))
	return buf.Bytes()
}

func TestEncodeCatalogOfficialSchema(t *testing.T) {
	for _, e := range practice.Editions() {
		t.Run(e.String(), func(t *testing.T) {
			cat, err := requirement.ForEdition(e)
			require.NoError(t, err)
			out := encodeCatalog(t, cat)
			assertOfficial(t, "1.2.2", out)
			// The catalog model did not change between 1.1.3 and 1.2.2:
			// tools that read only OSCAL 1.1 read it too.
			assertOfficial(t, "1.1.3", out)
			golden(t, "catalog-"+strings.ToLower(e.String())+".golden.json", out)
			assert.Equal(t, out, encodeCatalog(t, cat), "deterministic")
		})
	}
}

func TestEncodeCatalogShape(t *testing.T) {
	var doc struct {
		Catalog oscal.Catalog `json:"catalog"`
	}
	require.NoError(t, json.Unmarshal(encodeCatalog(t, nil), &doc), "nil catalog means the A11 default")
	c := doc.Catalog
	assert.Equal(t, "A11 draft 2026.1", c.Metadata.Version)
	assert.Equal(t, oscal.Version, c.Metadata.OSCALVersion)
	assert.Equal(t, exportTime, c.Metadata.LastModified)
	require.Len(t, c.Groups, 9, "one group per A11 practice")
	assert.Equal(t, "SRM", c.Groups[1].ID)
	var sr5 *oscal.Control
	for i, ctl := range c.Groups[2].Controls {
		if ctl.ID == "SR-5" {
			sr5 = &c.Groups[2].Controls[i]
		}
	}
	require.NotNil(t, sr5)
	r, _ := requirement.Default().Lookup("SR-5")
	assert.Equal(t, r.Title(), sr5.Title)
	require.NotEmpty(t, sr5.Parts)
	stmt := sr5.Parts[0]
	assert.Equal(t, "statement", stmt.Name)
	assert.Equal(t, "summary", stmt.Class)
	assert.Equal(t, r.Summary(), stmt.Prose)
	require.Len(t, stmt.Parts, len(r.Lists()), "one item of class list per enumeration")
	if len(r.Lists()) > 0 {
		assert.Equal(t, r.Lists()[0].Name, stmt.Parts[0].Title)
		assert.Len(t, stmt.Parts[0].Parts, len(r.Lists()[0].Items))
	}
	props := map[string][]string{}
	for _, p := range sr5.Props {
		props[p.Name] = append(props[p.Name], p.Value)
		if p.Name != "label" {
			assert.Equal(t, oscal.Namespace, p.NS, p.Name)
		}
	}
	assert.Equal(t, []string{"SR-5"}, props["label"])
	assert.Equal(t, []string{r.Clause()}, props["clause"])
	assert.Equal(t, []string{r.Lifecycle().String()}, props["lifecycle"])
	assert.Equal(t, []string{"true"}, props["provisional"])
	assert.Len(t, props["artifact"], len(r.Artifacts()))
	assert.Len(t, props["provenance"], len(r.Provenance()))
}

func TestEncodeCatalogErrors(t *testing.T) {
	var buf bytes.Buffer
	assert.ErrorIs(t, oscal.EncodeCatalog(&buf, nil, time.Time{}), problem.ErrNoDate)
	assert.ErrorIs(t, oscal.EncodeCatalog(nil, nil, exportTime), problem.ErrNilInput)
	assert.Error(t, oscal.EncodeCatalog(failWriter{}, nil, exportTime))
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// requirements returns the requirements of a catalog, for comparing catalogs.
func requirements(cat *requirement.Catalog) []requirement.Requirement {
	return slices.Collect(cat.All())
}

func importInto(t *testing.T, base *requirement.Catalog, data []byte) (*requirement.Catalog, *oscal.ImportReport) {
	t.Helper()
	doc, err := oscal.DecodeCatalog(bytes.NewReader(data), nil)
	require.NoError(t, err)
	ov, rep, err := oscal.ImportCatalog(base, doc)
	require.NoError(t, err)
	got, err := base.Apply(ov)
	require.NoError(t, err)
	return got, rep
}

func TestCatalogRoundTripUnchanged(t *testing.T) {
	for _, e := range practice.Editions() {
		t.Run(e.String(), func(t *testing.T) {
			cat, err := requirement.ForEdition(e)
			require.NoError(t, err)
			doc, err := oscal.DecodeCatalog(bytes.NewReader(encodeCatalog(t, cat)), nil)
			require.NoError(t, err)
			ov, rep, err := oscal.ImportCatalog(cat, doc)
			require.NoError(t, err)
			assert.Empty(t, ov.Patch, "the catalog's own export changes nothing")
			assert.Empty(t, ov.Add)
			assert.Equal(t, cat.IDs(), rep.Unchanged)
			assert.Empty(t, rep.Missing)
			assert.Empty(t, rep.Unmatched)
			assert.Empty(t, rep.Ignored)
			got, err := cat.Apply(ov)
			require.NoError(t, err)
			assert.Equal(t, requirements(cat), requirements(got))
			assert.Equal(t, cat.Version(), got.Version())
		})
	}
}

// licensed is the A11 catalog as a licensee might overlay it: normative
// text, a corrected title and clause, a confirmed requirement, new lists,
// more provenance, a change text, and an added requirement.
func licensed(t *testing.T) *requirement.Catalog {
	t.Helper()
	no := false
	ov := &requirement.Overlay{
		SchemaVersion: requirement.OverlaySchemaVersion, Edition: requirement.EditionA11, CatalogVersion: "A11 licensed 2027-01",
		Patch: []requirement.OverlayPatch{
			{ID: "SM-1", NormativeText: "The licensee's text of SM-1.\n\nSecond paragraph.", Title: "Secure development process", Provisional: &no},
			{ID: "SR-5", Clause: "7.6", Lists: []requirement.List{{Name: "reviewers", Items: []requirement.Item{{Label: "a", Text: "architects"}, {Label: "b", Text: "testers"}}}}},
			{ID: "DM-4", Provenance: []requirement.Provenance{{Source: "licensed-copy", Locator: "clause 8.5", Confidence: requirement.ConfidencePrimary}}},
			{ID: "SUM-2", Change: "Asks for more than 2018: update delivery in good time."},
		},
		Add: []requirement.OverlayAdd{{
			ID: "SG-20", Clause: "12.20", Title: "Decommissioning guidance", Summary: "Tell users how to retire the product securely.",
			Provisional: true, Artifacts: []requirement.ArtifactKind{requirement.ArtifactProcessDescription},
			Provenance: []requirement.Provenance{{Source: "licensed-copy", Locator: "clause 12.20", Confidence: requirement.ConfidencePrimary}},
		}},
	}
	cat, err := requirement.Default().Apply(ov)
	require.NoError(t, err)
	return cat
}

func TestCatalogRoundTripLicensed(t *testing.T) {
	want := licensed(t)
	out := encodeCatalog(t, want)
	assertOfficial(t, "1.2.2", out)
	got, rep := importInto(t, requirement.Default(), out)
	assert.Equal(t, requirements(want), requirements(got), "catalog -> OSCAL -> overlay import gives the same catalog")
	assert.Equal(t, want.Version(), got.Version())
	assert.Equal(t, []requirement.ID{"SM-1", "SR-5", "DM-4", "SUM-2"}, rep.Patched)
	assert.Equal(t, []requirement.ID{"SG-20"}, rep.Added)
	assert.Empty(t, rep.Missing)
	assert.Empty(t, rep.Unmatched)
	assert.Empty(t, rep.Ignored)
}

func TestImportLicenseeCatalog(t *testing.T) {
	data, err := os.ReadFile("testdata/licensee-1.1.3.json")
	require.NoError(t, err)
	assertOfficial(t, "1.1.3", data)
	doc, err := oscal.DecodeCatalog(bytes.NewReader(data), nil)
	require.NoError(t, err)
	cat := requirement.Default()
	ov, rep, err := oscal.ImportCatalog(cat, doc)
	require.NoError(t, err)
	got, err := cat.Apply(ov)
	require.NoError(t, err)
	assert.Equal(t, "licensee 2027-02", ov.CatalogVersion)
	assert.Equal(t, []requirement.ID{"SM-1", "SR-2"}, rep.Patched)
	assert.Equal(t, []requirement.ID{"SM-2"}, rep.Unchanged, "same title, no statement")
	assert.Empty(t, rep.Added)
	require.Len(t, rep.Unmatched, 3)
	assert.Equal(t, "sm-99", rep.Unmatched[0].Control)
	assert.Contains(t, rep.Unmatched[0].Reason, "cannot be added")
	assert.Equal(t, "/catalog/groups/0/controls/2", rep.Unmatched[0].Pointer)
	assert.Equal(t, "ac-1", rep.Unmatched[1].Control)
	assert.Contains(t, rep.Unmatched[1].Reason, "is a requirement ID")
	assert.Equal(t, "/catalog/groups/1/controls/0", rep.Unmatched[1].Pointer)
	assert.Equal(t, "SM-1", rep.Unmatched[2].Control, "given twice")
	assert.Contains(t, rep.Unmatched[2].Reason, "already given by the control at /catalog/groups/0/controls/0")
	sr2, _ := got.Lookup("SR-2")
	assert.Equal(t, "Requirements applicability assessment (licensed)", sr2.Title(), "matched by its label, nested in another control")
	assert.Len(t, rep.Missing, cat.Len()-3)

	sm1, _ := got.Lookup("SM-1")
	assert.Equal(t, "Security development process", sm1.Title())
	assert.Equal(t, "The organisation shall follow a documented process.\na) first item\nb) second item\nb.1) nested item", sm1.NormativeText())
	assert.Equal(t, requirement.Default().IDs(), got.IDs(), "nothing removed, nothing added")
	old, _ := cat.Lookup("SM-1")
	assert.Equal(t, old.Summary(), sm1.Summary(), "a licensee's statement is normative text, the summary stays")
}

func TestImportCatalogErrors(t *testing.T) {
	_, _, err := oscal.ImportCatalog(nil, nil)
	require.ErrorIs(t, err, problem.ErrNilInput)

	c2018, err := requirement.ForEdition(requirement.Edition2018)
	require.NoError(t, err)
	doc, err := oscal.DecodeCatalog(bytes.NewReader(encodeCatalog(t, c2018)), nil)
	require.NoError(t, err)
	_, _, err = oscal.ImportCatalog(nil, doc)
	require.ErrorIs(t, err, problem.ErrWrongEdition, "a 2018 catalog into the A11 default")

	// an empty document changes nothing and misses everything
	ov, rep, err := oscal.ImportCatalog(nil, &oscal.Catalog{})
	require.NoError(t, err)
	assert.Empty(t, ov.Patch)
	assert.Equal(t, requirement.Default().Version(), ov.CatalogVersion)
	assert.Len(t, rep.Missing, requirement.Default().Len())
}

func TestImportIgnored(t *testing.T) {
	var doc struct {
		Catalog oscal.Catalog `json:"catalog"`
	}
	require.NoError(t, json.Unmarshal(encodeCatalog(t, nil), &doc))
	c := &doc.Catalog.Groups[0].Controls[0] // SM-1
	c.Props = append(c.Props,
		oscal.Property{Name: "artifact", NS: oscal.Namespace, Value: "hologram"},
		oscal.Property{Name: "supersedes", NS: oscal.Namespace, Value: "SM-9"},
		oscal.Property{Name: "provisional", NS: oscal.Namespace, Value: "maybe"},
		oscal.Property{Name: "provenance", NS: oscal.Namespace, Value: "x", Class: "certain"},
	)
	_, rep, err := oscal.ImportCatalog(nil, &doc.Catalog)
	require.NoError(t, err)
	var reasons []string
	for _, m := range rep.Ignored {
		assert.Equal(t, "SM-1", m.Control)
		reasons = append(reasons, m.Reason)
	}
	joined := strings.Join(reasons, "\n")
	assert.Contains(t, joined, `artifact kind "hologram" is unknown`)
	assert.Contains(t, joined, "supersedes SM-1, SM-9")
	assert.Contains(t, joined, `provisional "maybe"`)
	assert.Contains(t, joined, `confidence "certain"`)
	assert.Len(t, rep.Ignored, 4)
}

func TestDecodeCatalogErrors(t *testing.T) {
	valid := string(encodeCatalog(t, nil))
	tests := []struct {
		name, doc string
		opts      *oscal.DecodeOptions
		want      error
		pointer   string
	}{
		{"syntax", `{"catalog": `, nil, problem.ErrSyntax, "/catalog"},
		{"duplicate key", `{"catalog": {}, "catalog": {}}`, nil, problem.ErrDuplicateKey, "/catalog"},
		{"not a catalog", `{"profile": {}}`, nil, problem.ErrSchema, ""},
		{"bad uuid", strings.Replace(valid, `"uuid": "`, `"uuid": "x`, 1), nil, problem.ErrSchema, "/catalog/uuid"},
		{"oscal 1.0", strings.Replace(valid, `"oscal-version": "1.2.2"`, `"oscal-version": "1.0.4"`, 1), nil, problem.ErrUnsupported, "/catalog/metadata/oscal-version"},
		{"control without title", `{"catalog": {"uuid": "2ed6657d-e927-568b-95e1-2665a8aea6a2", "metadata": {"title": "t", "last-modified": "2026-01-01T00:00:00Z", "version": "1", "oscal-version": "1.1.2"}, "controls": [{"id": "SM-1"}]}}`, nil, problem.ErrSchema, "/catalog/controls/0"},
		{"too large", valid, &oscal.DecodeOptions{Limits: requirement.Limits{MaxBytes: 100}}, problem.ErrLimit, ""},
		{"too deep", valid, &oscal.DecodeOptions{Limits: requirement.Limits{MaxDepth: 4}}, problem.ErrLimit, "/catalog/metadata/props/0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := oscal.DecodeCatalog(strings.NewReader(tt.doc), tt.opts)
			require.ErrorIs(t, err, tt.want)
			require.ErrorIs(t, err, problem.ErrInvalidDocument)
			var list problem.List
			require.ErrorAs(t, err, &list)
			assert.Contains(t, list.Pointers(), tt.pointer)
		})
	}
	_, err := oscal.DecodeCatalog(nil, nil)
	assert.ErrorIs(t, err, problem.ErrNilInput)
}
