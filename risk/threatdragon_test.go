package risk

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

func importFixture(t *testing.T) (*Register, *ImportReport) {
	t.Helper()
	f, err := os.Open("testdata/threatdragon-plc.json")
	require.NoError(t, err)
	defer f.Close()
	reg, rep, err := ImportThreatDragon(f, nil)
	require.NoError(t, err)
	return reg, rep
}

func noteAt(rep *ImportReport, ptr string) string {
	for _, n := range rep.Notes {
		if n.Pointer == ptr {
			return n.Message
		}
	}
	return ""
}

// TestImportThreatDragonProperties: element properties without a register
// field are kept in descriptions and noted; stored credentials become a
// credential asset; the threat number is kept.
func TestImportThreatDragonProperties(t *testing.T) {
	reg, rep := importFixture(t)
	store, cred := reg.Assets[3], reg.Assets[6]
	assert.Equal(t, "Project and configuration store", store.Name)
	assert.Equal(t, Asset{ID: "A-7", Name: "Credentials in Project and configuration store", Kind: AssetCredential, PartOf: "A-4",
		Description: "Credentials that Threat Dragon marks as stored in Project and configuration store.",
		ExternalRef: "c0a1e6d2-0000-4000-8000-0000000000s1#storesCredentials"}, cred)
	assert.Contains(t, noteAt(rep, "/detail/diagrams/0/cells/5/data/storesCredentials"), "credential asset A-7 added")

	log := reg.Assets[5]
	assert.Equal(t, "Audit log", log.Name)
	assert.Contains(t, log.Description, "Threat Dragon store: a log.")
	assert.Contains(t, noteAt(rep, "/detail/diagrams/0/cells/7/data"), "store properties (a log)")

	assert.Equal(t, "Any program download is executed. Threat Dragon threat #1.", reg.Threats[0].Description)

	doc := `{"summary": {"title": "m"}, "detail": {"reviewer": "Jane Doe", "diagrams": [{"cells": [
		{"id": "p", "shape": "process", "data": {"type": "tm.Process", "name": "Shop", "isWebApplication": true, "handlesCardPayment": true, "handlesGoodsOrServices": true,
			"threats": [{"title": "x", "type": "Spoofing", "status": "Open", "severity": "Low", "number": "7"}, {"title": "y", "type": "Spoofing", "status": "Open", "severity": "Low", "number": {"n": 1}}]}},
		{"id": "a", "shape": "actor", "data": {"type": "tm.Actor", "name": "IdP", "providesAuthentication": true}},
		{"id": "s", "shape": "store", "data": {"type": "tm.Store", "name": "Keys", "isEncrypted": true, "isSigned": true, "storesInventory": true}}
	]}]}}`
	reg, rep, err := ImportThreatDragon(strings.NewReader(doc), nil)
	require.NoError(t, err)
	require.Len(t, reg.Assets, 3)
	assert.Equal(t, "Threat Dragon process: web application, handles card payment, handles goods or services.", reg.Assets[0].Description)
	assert.Equal(t, "Threat Dragon actor: provides authentication.", reg.Assets[1].Description)
	assert.Equal(t, "Threat Dragon store: encrypted, signed, stores inventory.", reg.Assets[2].Description)
	for _, ptr := range []string{"/detail/diagrams/0/cells/0/data", "/detail/diagrams/0/cells/1/data", "/detail/diagrams/0/cells/2/data"} {
		assert.Contains(t, noteAt(rep, ptr), "kept in the description", ptr)
	}
	assert.Contains(t, noteAt(rep, "/detail/reviewer"), `reviewer "Jane Doe"`)
	assert.Equal(t, "Threat Dragon threat #7.", reg.Threats[0].Description, "a number written as a string")
	assert.Empty(t, reg.Threats[1].Description)
	assert.Contains(t, noteAt(rep, "/detail/diagrams/0/cells/0/data/threats/1/number"), "not mapped")
}

// TestImportThreatDragonSeverity: the note says what the title keeps, and
// TBD is Threat Dragon's "not yet decided".
func TestImportThreatDragonSeverity(t *testing.T) {
	tests := []struct {
		severity, title, note string
	}{
		{"High", "x (Threat Dragon severity High)", "severity High kept in the title of R-1: Threat Dragon has no likelihood and impact, rate them on the matrix"},
		{"critical", "x (Threat Dragon severity Critical)", "severity Critical kept in the title of R-1 (the default matrix tops out at high): rate likelihood and impact on the matrix"},
		{"TBD", "x", "severity is TBD (not yet decided in Threat Dragon): rate R-1 on the matrix"},
		{"", "x", "threat has no severity: rate R-1 on the matrix"},
		{"Severe", "x", `severity "Severe" is not one of Threat Dragon's (TBD, Low, Medium, High, Critical): not mapped; rate R-1 on the matrix`},
	}
	for _, tt := range tests {
		t.Run(tt.severity, func(t *testing.T) {
			doc := `{"summary": {"title": "m"}, "detail": {"diagrams": [{"cells": [{"id": "a", "shape": "actor", "data": {"type": "tm.Actor", "name": "u",
				"threats": [{"title": "x", "type": "Spoofing", "status": "Open", "severity": "` + tt.severity + `"}]}}]}]}}`
			reg, rep, err := ImportThreatDragon(strings.NewReader(doc), nil)
			require.NoError(t, err)
			assert.Equal(t, tt.title, reg.Risks[0].Title)
			assert.Equal(t, tt.note, noteAt(rep, "/detail/diagrams/0/cells/0/data/threats/0/severity"))
		})
	}
}

// TestImportThreatDragonSlicesNotShared: the threats of one cell get their
// own asset and interface lists.
func TestImportThreatDragonSlicesNotShared(t *testing.T) {
	reg, _ := importFixture(t)
	// T-1..T-3 are on the PLC runtime process.
	require.Equal(t, []string{"A-3"}, reg.Threats[0].Assets)
	require.Equal(t, []string{"A-3"}, reg.Threats[1].Assets)
	reg.Threats[0].Assets[0] = "A-1"
	assert.Equal(t, []string{"A-3"}, reg.Threats[1].Assets, "changing one threat's assets changed another's")
	assert.Equal(t, []string{"A-3"}, reg.Threats[2].Assets)
}

// TestImportThreatDragonInconsistent: a register the mapping gets wrong is
// reported as errImportInconsistent (which the fuzz test fails on), wrapping
// the Check error.
func TestImportThreatDragonInconsistent(t *testing.T) {
	im := &tdImport{reg: &Register{SchemaVersion: SchemaVersion, Product: Product{Name: "p"},
		Threats: []Threat{{ID: "T-1", Title: "t", Category: Spoofing, Assets: []string{"A-9"}}}}, rep: &ImportReport{}}
	_, _, err := im.finish()
	require.Error(t, err)
	assert.ErrorIs(t, err, errImportInconsistent)
	assert.ErrorIs(t, err, problem.ErrDanglingReference)

	// Input errors are not errImportInconsistent.
	_, _, err = ImportThreatDragon(bytes.NewReader([]byte(`{"summary": `)), nil)
	require.Error(t, err)
	assert.NotErrorIs(t, err, errImportInconsistent)
}
