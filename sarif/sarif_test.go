package sarif_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/sarif"
)

// officialSchema is the SARIF 2.1.0 schema go-sarif embeds, copied into
// testdata (see testdata/README.md), compiled once.
var officialSchema = sync.OnceValue(func() *schema.Schema {
	data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		panic(err)
	}
	return schema.MustCompile("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json", data)
})

// assertOfficial validates a SARIF log against the official SARIF 2.1.0
// schema and returns it read back through go-sarif.
func assertOfficial(t *testing.T, data []byte) *gosarif.Report {
	t.Helper()
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	assert.Empty(t, officialSchema().Validate(doc), "valid by the official SARIF 2.1.0 schema")
	log, err := gosarif.FromBytes(data)
	require.NoError(t, err)
	require.NoError(t, log.Validate(), "go-sarif's own check of what it read")
	return log
}

// TestSchemaCopy checks that testdata holds the schema the go-sarif version
// in go.mod embeds, when the module's source is at hand.
func TestSchemaCopy(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3").Output()
	if err != nil {
		t.Skipf("go-sarif source not available: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "pkg", "report", "v210", "sarif", "schema.go"))
	if err != nil {
		t.Skipf("go-sarif source not available: %v", err)
	}
	copied, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	require.NoError(t, err)
	assert.Contains(t, string(src), "const schema = `"+string(copied)+"`")
}

func TestEncodeExampleReport(t *testing.T) {
	rep := exampleReport(t)
	var buf bytes.Buffer
	require.NoError(t, sarif.EncodeReport(&buf, rep, &sarif.Options{Dossier: "dossier.json", Root: exampleDossier}))
	log := assertOfficial(t, buf.Bytes())
	golden(t, "example.golden.sarif.json", buf.Bytes())

	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Len(t, run.Tool.Driver.Rules, len(iec62443.Rules()), "one rule per registry entry")
	n := 0
	for _, g := range rep.Findings {
		n += len(g.Findings)
	}
	assert.Len(t, run.Results, n, "one result per finding")
	withLine := 0
	for _, r := range run.Results {
		rule := run.Tool.Driver.Rules[r.RuleIndex]
		assert.Equal(t, *r.RuleID, *rule.ID, "the rule index names the result's rule")
		if pl := r.Locations[0].PhysicalLocation; pl != nil && pl.Region != nil {
			withLine++
		}
	}
	assert.Positive(t, withLine, "results in the dossier's JSON documents carry lines")

	var again bytes.Buffer
	require.NoError(t, sarif.EncodeReport(&again, rep, &sarif.Options{Dossier: "dossier.json", Root: exampleDossier}))
	assert.Equal(t, buf.String(), again.String(), "deterministic")
}

func TestRulesCarryBasisAndHelp(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, sarif.EncodeReport(&buf, &iec62443.Report{}, nil))
	log := assertOfficial(t, buf.Bytes())
	rules := iec62443.Rules()
	require.Len(t, log.Runs[0].Tool.Driver.Rules, len(rules))
	for i, d := range log.Runs[0].Tool.Driver.Rules {
		r := rules[i]
		assert.Equal(t, string(r.ID), *d.ID)
		assert.Equal(t, r.Basis.String(), d.Properties.Properties["basis"], r.ID)
		assert.Contains(t, d.Properties.Tags, r.Basis.String())
		assert.Contains(t, *d.Help.Text, "Basis: ")
		assert.Equal(t, r.Description, *d.ShortDescription.Text)
	}
	assert.Empty(t, log.Runs[0].Results)
}

// handReport has a finding in each kind of document a finding group names.
func handReport() *iec62443.Report {
	f := func(rule requirement.RuleID, sev requirement.Severity, ptr, msg string) requirement.Finding {
		return requirement.Finding{Rule: rule, Severity: sev, Basis: requirement.BasisProvisional, Edition: requirement.EditionA11, Requirement: "SRM-2", Pointer: ptr, Subject: "R-01", Message: msg}
	}
	return &iec62443.Report{
		Edition: requirement.EditionA11, CatalogVersion: "A11 draft 2026.1",
		Findings: []iec62443.FindingGroup{
			{Source: iec62443.SourceCRA, Findings: []requirement.Finding{f(requirement.RuleID("dossier.no-cvd-policy"), requirement.SeverityHigh, "/cvd", "no policy")}},
			{Source: iec62443.SourceRisk, Document: "register.json", Findings: []requirement.Finding{
				f("risk.example", requirement.SeverityMedium, "/risks/1/treatment", "medium gap"),
				f("risk.example", requirement.SeverityLow, "/risks/0/missing", "low gap"),
			}},
			{Source: iec62443.SourceTests, Document: "#/test_records", Findings: []requirement.Finding{f("annex.example", requirement.SeverityInfo, "/0", "note")}},
			{Source: iec62443.SourceSoA, Document: "report#/soa", Findings: []requirement.Finding{f("soa.example", requirement.SeverityCritical, "/entries/3", "critical")}},
			{Source: iec62443.SourceSBOM, Document: "sbom", Findings: []requirement.Finding{f("sbom.example", requirement.SeverityMedium, "/components/0", "sbom gap")},
				Omitted: []iec62443.Omission{{Rule: "sbom.example", Severity: requirement.SeverityMedium, Count: 7}}},
		},
	}
}

const handDossier = `{
  "cvd": {},
  "test_records": [
    {"module": "M1"}
  ]
}
`

const handRegister = `{"risks": [
  {"id": "R-01"},
  {"id": "R-02",
   "treatment": "accept"}
]}
`

func TestLocationsAndLevels(t *testing.T) {
	root := fstest.MapFS{
		"c/dossier.json":  {Data: []byte(handDossier)},
		"c/register.json": {Data: []byte(handRegister)},
	}
	var buf bytes.Buffer
	require.NoError(t, sarif.EncodeReport(&buf, handReport(), &sarif.Options{Dossier: "c/dossier.json", Root: root}))
	log := assertOfficial(t, buf.Bytes())
	results := log.Runs[0].Results
	require.Len(t, results, 6)

	type loc struct {
		uri   string
		line  int
		fqn   string
		level string
	}
	var got []loc
	for _, r := range results {
		l := loc{level: r.Level, fqn: *r.Locations[0].LogicalLocations[0].FullyQualifiedName}
		if pl := r.Locations[0].PhysicalLocation; pl != nil {
			l.uri = *pl.ArtifactLocation.URI
			if pl.Region != nil {
				l.line = *pl.Region.StartLine
			}
		}
		got = append(got, l)
	}
	assert.Equal(t, []loc{
		{"c/dossier.json", 2, "c/dossier.json#/cvd", "error"},
		{"c/register.json", 4, "c/register.json#/risks/1/treatment", "warning"},
		{"c/register.json", 2, "c/register.json#/risks/0/missing", "note"}, // the nearest existing ancestor
		{"c/dossier.json", 4, "c/dossier.json#/test_records/0", "note"},    // an inline part: pointer relative to it
		{"", 0, "report#/soa#/entries/3", "error"},
		{"", 0, "sbom#/components/0", "warning"},
	}, got)

	r := results[1]
	assert.Equal(t, "medium", r.Properties.Properties["severity"])
	assert.Equal(t, "provisional", r.Properties.Properties["basis"])
	assert.Equal(t, "SRM-2", r.Properties.Properties["requirement"])
	assert.Equal(t, "A11", r.Properties.Properties["edition"])
	assert.Equal(t, "R-01", r.Properties.Properties["subject"])
	assert.Len(t, r.PartialFingerprints[sarif.FingerprintKey], 32)
	assert.NotEqual(t, r.PartialFingerprints[sarif.FingerprintKey], results[2].PartialFingerprints[sarif.FingerprintKey])

	// rules outside the registry are described from their findings
	rules := log.Runs[0].Tool.Driver.Rules
	assert.Equal(t, "risk.example", *rules[results[1].RuleIndex].ID)

	var raw struct {
		Runs []struct {
			Properties map[string]any `json:"properties"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &raw))
	assert.Equal(t, []any{map[string]any{"rule": "sbom.example", "severity": "medium", "count": 7.0, "document": "sbom"}}, raw.Runs[0].Properties["omitted"])
}

func TestWithoutRoot(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, sarif.EncodeReport(&buf, handReport(), nil))
	log := assertOfficial(t, buf.Bytes())
	r := log.Runs[0].Results[0]
	assert.Equal(t, "dossier.json", *r.Locations[0].PhysicalLocation.ArtifactLocation.URI, "default dossier name")
	assert.Nil(t, r.Locations[0].PhysicalLocation.Region, "no root, no lines")
}

func TestEncodeReportErrors(t *testing.T) {
	var buf bytes.Buffer
	assert.ErrorIs(t, sarif.EncodeReport(&buf, nil, nil), problem.ErrNilInput)
	assert.ErrorIs(t, sarif.EncodeReport(nil, &iec62443.Report{}, nil), problem.ErrNilInput)
	assert.Error(t, sarif.EncodeReport(failWriter{}, &iec62443.Report{}, nil))
	assert.NotPanics(t, func() {
		assert.NoError(t, sarif.EncodeReport(&buf, &iec62443.Report{Findings: []iec62443.FindingGroup{{}}}, &sarif.Options{}))
	})
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
