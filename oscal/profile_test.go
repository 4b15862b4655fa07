package oscal_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// statement is a small hand-made statement of applicability over the A11
// catalog: two exclusions, an inherited entry, evidence on two entries (one
// artifact cited twice, one path with a space).
func statement() *soa.Statement {
	cat := requirement.Default()
	st := &soa.Statement{
		SchemaVersion: soa.SchemaVersion,
		Metadata: soa.Metadata{
			Product: soa.Product{Name: "Acme PLC-7", Version: "3.3", Manufacturer: "Acme Automation GmbH"},
			Edition: cat.Edition(), CatalogVersion: cat.Version(),
			Category: annex.Category3, Profile: annex.ProfileSP3,
			Author: "Product Security Officer", Approver: "Head of R&D",
			Issued: requirement.MustParseDate("2026-02-01"), Approved: requirement.MustParseDate("2026-02-03"),
		},
	}
	sbomEvidence := soa.EvidenceRef{URI: "https://acme.example/plc7/3.3/sbom.cdx.json", SHA256: "4f3c2b1a00000000000000000000000000000000000000000000000000000001", Date: requirement.MustParseDate("2026-01-20"), Kind: requirement.ArtifactSBOM, Description: "SBOM of release 3.3"}
	for r := range cat.All() {
		e := soa.Entry{Requirement: r.ID(), Title: r.Title(), Decision: soa.Applicable, Basis: soa.BasisRisk, Status: soa.StatusImplemented, Owner: "PSO", TargetMaturity: maturity.ML3, AchievedMaturity: maturity.ML2}
		switch r.ID() {
		case "SM-14", "SG-7":
			e = soa.Entry{Requirement: r.ID(), Title: r.Title(), Decision: soa.NotApplicable, Basis: soa.BasisContext, Justification: "The product has no " + string(r.ID()) + " scope: no such function."}
		case "SI-2":
			e.Decision, e.InheritedFrom, e.Justification = soa.Inherited, "Vendor RTOS 5.1", "The RTOS vendor's secure coding process covers the kernel."
		case "SM-9":
			e.Evidence = []soa.EvidenceRef{sbomEvidence, {URI: "docs/supplier assessment.pdf", SHA256: "4f3c2b1a00000000000000000000000000000000000000000000000000000002", Date: requirement.MustParseDate("2026-01-10"), Kind: requirement.ArtifactSupplierAssessment}}
			e.Risks = []string{"R-01", "R-04"}
		case "SM-12":
			e.Evidence = []soa.EvidenceRef{sbomEvidence}
		}
		st.Entries = append(st.Entries, e)
	}
	return st
}

func TestEncodeProfileOfficialSchema(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, oscal.EncodeProfile(&buf, statement(), exportTime))
	assertOfficial(t, "1.2.2", buf.Bytes())
	assertOfficial(t, "1.1.3", buf.Bytes())
	golden(t, "profile-statement.golden.json", buf.Bytes())

	var again bytes.Buffer
	require.NoError(t, oscal.EncodeProfile(&again, statement(), exportTime.Add(time.Hour)))
	assert.Equal(t, uuidOf(t, buf.Bytes(), "profile"), uuidOf(t, again.Bytes(), "profile"), "the UUID does not depend on the export time")
}

func uuidOf(t *testing.T, data []byte, key string) string {
	t.Helper()
	var doc map[string]struct {
		UUID string `json:"uuid"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	return doc[key].UUID
}

func TestEncodeProfileSelection(t *testing.T) {
	var buf bytes.Buffer
	st := statement()
	require.NoError(t, oscal.EncodeProfile(&buf, st, exportTime))
	var doc struct {
		Profile struct {
			Metadata oscal.Metadata `json:"metadata"`
			Imports  []struct {
				Href    string `json:"href"`
				Include []struct {
					WithIDs []string `json:"with-ids"`
				} `json:"include-controls"`
				Exclude []struct {
					WithIDs []string `json:"with-ids"`
				} `json:"exclude-controls"`
			} `json:"imports"`
			Modify struct {
				Alters []struct {
					ControlID string `json:"control-id"`
					Adds      []struct {
						Props []oscal.Property `json:"props"`
						Parts []oscal.Part     `json:"parts"`
						Links []oscal.Link     `json:"links"`
					} `json:"adds"`
				} `json:"alters"`
			} `json:"modify"`
			BackMatter struct {
				Resources []struct {
					UUID   string `json:"uuid"`
					RLinks []struct {
						Href   string `json:"href"`
						Hashes []struct {
							Algorithm, Value string
						} `json:"hashes"`
					} `json:"rlinks"`
				} `json:"resources"`
			} `json:"back-matter"`
		} `json:"profile"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	p := doc.Profile
	require.Len(t, p.Imports, 1)
	assert.Len(t, p.Imports[0].Include[0].WithIDs, len(st.Entries)-2)
	assert.Equal(t, []string{"SM-14", "SG-7"}, p.Imports[0].Exclude[0].WithIDs)
	var excluded []oscal.Property
	for _, pr := range p.Metadata.Props {
		if pr.Name == "excluded-control" {
			excluded = append(excluded, pr)
		}
	}
	require.Len(t, excluded, 2)
	assert.Equal(t, "SM-14", excluded[0].Value)
	assert.Equal(t, "context", excluded[0].Class)
	assert.Equal(t, "The product has no SM-14 scope: no such function.", excluded[0].Remarks, "the justification of an exclusion")

	alters := map[string]int{}
	for i, a := range p.Modify.Alters {
		alters[a.ControlID] = i
	}
	si2 := p.Modify.Alters[alters["SI-2"]].Adds[0]
	assert.Contains(t, si2.Props, oscal.Property{Name: "decision", NS: oscal.Namespace, Value: "inherited"})
	assert.Contains(t, si2.Props, oscal.Property{Name: "inherited-from", NS: oscal.Namespace, Value: "Vendor RTOS 5.1"})
	require.Len(t, si2.Parts, 1)
	assert.Equal(t, "The RTOS vendor's secure coding process covers the kernel.", si2.Parts[0].Prose, "the justification of a selected control")

	sm9 := p.Modify.Alters[alters["SM-9"]].Adds[0]
	require.Len(t, sm9.Links, 2)
	sm12 := p.Modify.Alters[alters["SM-12"]].Adds[0]
	assert.Equal(t, sm9.Links[0].Href, sm12.Links[0].Href, "one resource per artifact")
	assert.Len(t, p.BackMatter.Resources, 3, "the catalog and two artifacts")
	res := p.BackMatter.Resources[2]
	assert.Equal(t, "docs/supplier%20assessment.pdf", res.RLinks[0].Href)
	assert.Equal(t, "SHA-256", res.RLinks[0].Hashes[0].Algorithm)
	assert.Equal(t, "4f3c2b1a00000000000000000000000000000000000000000000000000000002", res.RLinks[0].Hashes[0].Value)
}

func TestEncodeProfileEdgeCases(t *testing.T) {
	var buf bytes.Buffer
	assert.ErrorIs(t, oscal.EncodeProfile(&buf, nil, exportTime), problem.ErrNilInput)
	assert.ErrorIs(t, oscal.EncodeProfile(nil, statement(), exportTime), problem.ErrNilInput)
	assert.ErrorIs(t, oscal.EncodeProfile(&buf, statement(), time.Time{}), problem.ErrNoDate)
	assert.Error(t, oscal.EncodeProfile(failWriter{}, statement(), exportTime))

	// an empty statement and one that excludes everything are still valid profiles
	for _, st := range []*soa.Statement{{}, func() *soa.Statement {
		st := statement()
		for i := range st.Entries {
			st.Entries[i].Decision = soa.NotApplicable
		}
		return st
	}()} {
		buf.Reset()
		require.NoError(t, oscal.EncodeProfile(&buf, st, exportTime))
		assertOfficial(t, "1.2.2", buf.Bytes())
	}
}
