package soa_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

func TestGolden(t *testing.T) {
	s, fs := plcResolved(t)
	opts := &soa.RenderOptions{Findings: fs}
	cases := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"plc7-a11.soa.json", func(b *bytes.Buffer) error { return soa.Encode(b, s) }},
		{"plc7-a11.md", func(b *bytes.Buffer) error { return soa.RenderMarkdown(b, s, opts) }},
		{"plc7-a11.csv", func(b *bytes.Buffer) error { return soa.RenderCSV(b, s) }},
		{"plc7-a11.html", func(b *bytes.Buffer) error { return soa.RenderHTML(b, s, opts) }},
		{"plc7-2018.soa.json", func(b *bytes.Buffer) error { return soa.Encode(b, plc2018()) }},
		{"plc7-2018-migrated.soa.json", func(b *bytes.Buffer) error {
			got, _, err := migrateFixture()
			if err != nil {
				return err
			}
			return soa.Encode(b, got)
		}},
		{"plc7-2018-migration-report.json", func(b *bytes.Buffer) error {
			_, rep, err := migrateFixture()
			if err != nil {
				return err
			}
			data, err := json.MarshalIndent(rep, "", "  ")
			b.Write(append(data, '\n'))
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, c.render(&b))
			golden(t, c.name, b.Bytes())
			// Rendering twice gives the same bytes.
			var again bytes.Buffer
			require.NoError(t, c.render(&again))
			assert.Equal(t, b.String(), again.String())
		})
	}
}

// migrateFixture migrates the 2018 statement built by plc2018 (the same
// content as testdata/plc7-2018.soa.json).
func migrateFixture() (*soa.Statement, *soa.MigrationReport, error) {
	c18, err := reqpkg.ForEdition(reqpkg.Edition2018)
	if err != nil {
		return nil, nil, err
	}
	return soa.Migrate(plc2018(), c18, reqpkg.Default(), &soa.MigrateOptions{Issued: date("2026-10-01")})
}

func TestConcurrentUse(t *testing.T) {
	s, fs := plcResolved(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			assert.NoError(t, soa.RenderHTML(&b, s, &soa.RenderOptions{Findings: fs}))
			assert.NoError(t, soa.Encode(&b, s))
			_, err := soa.Decode(bytes.NewReader(b.Bytes()[bytes.LastIndex(b.Bytes(), []byte("</html>"))+8:]), nil)
			assert.NoError(t, err)
			_, _, err = migrateFixture()
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
}

func TestRoundTrip(t *testing.T) {
	s, fs := plcResolved(t)
	var b bytes.Buffer
	require.NoError(t, soa.Encode(&b, s))
	got, err := soa.Decode(bytes.NewReader(b.Bytes()), nil)
	require.NoError(t, err)
	assert.Equal(t, s, got, "decode(encode(x)) must equal x")
	fs2, err := soa.Validate(got, reqpkg.Default(), &soa.ValidateOptions{KnownRisks: plcRisks})
	require.NoError(t, err)
	assert.Equal(t, fs, fs2, "the decoded statement must have the same findings as the resolved one")
	var b2 bytes.Buffer
	require.NoError(t, soa.Encode(&b2, got))
	assert.Equal(t, b.String(), b2.String())
}

func TestExampleStatementShape(t *testing.T) {
	s, fs := plcResolved(t)
	cat := reqpkg.Default()
	require.Len(t, s.Entries, cat.Len())
	for i, id := range cat.IDs() {
		assert.Equal(t, id, s.Entries[i].Requirement, "entries follow catalog order")
	}
	byID := map[reqpkg.ID]soa.Entry{}
	for _, e := range s.Entries {
		byID[e.Requirement] = e
	}
	// SM-10: the override contradicts the baseline decision and stays visible.
	sm10 := byID["SM-10"]
	assert.Equal(t, soa.DecisionNotApplicable, sm10.Decision)
	assert.Equal(t, soa.DecisionApplicable, sm10.Assessed)
	assert.Equal(t, soa.BasisOverride, sm10.Basis)
	assert.Equal(t, []soa.Flag{soa.FlagOverride}, sm10.Flags)
	assert.Zero(t, sm10.Status)
	// SD-7: inherited, against an assessment that excluded it.
	sd7 := byID["SD-7"]
	assert.Equal(t, soa.DecisionInherited, sd7.Decision)
	assert.Equal(t, soa.DecisionNotApplicable, sd7.Assessed)
	// Risk-driven entries carry their risks.
	assert.Equal(t, []string{"R-01", "R-04"}, byID["SVV-4"].Risks)
	assert.Equal(t, soa.BasisRisk, byID["SVV-4"].Basis)
	assert.Equal(t, soa.BasisContext, byID["SVV-5"].Basis)
	assert.Equal(t, soa.BasisBaseline, byID["SM-1"].Basis)

	rules := map[reqpkg.RuleID][]reqpkg.ID{}
	for _, f := range fs {
		rules[f.Rule] = append(rules[f.Rule], f.Requirement)
	}
	assert.Equal(t, []reqpkg.ID{"SM-10", "SD-7"}, rules[soa.RuleOverrideContradicts])
	assert.Equal(t, []reqpkg.ID{"SM-19", "SRM-6", "SUM-7"}, rules[soa.RuleNotStarted])
	assert.Contains(t, rules[soa.RuleMaturityBelowTarget], reqpkg.ID("SM-4"))
	assert.Contains(t, rules[soa.RuleImplementedNoEvidence], reqpkg.ID("SUM-6"))
	assert.NotContains(t, rules, soa.RuleVerifiedWithoutEvidence, "SVV-4 has its pentest report")
	assert.NotContains(t, rules, soa.RuleNotApproved)
}

func TestRenderEscapesUserText(t *testing.T) {
	s, _ := plcResolved(t)
	evil := `<script>alert("x")</script> | *bold* [link](javascript:alert(1))` + "\nnext line"
	s.Product.Name = evil
	s.Entries[0].Justification = evil
	s.Entries[0].Owner = "=HYPERLINK(\"http://evil\")"
	s.Entries[0].Evidence[0].URI = "javascript:alert(1)"

	var h bytes.Buffer
	require.NoError(t, soa.RenderHTML(&h, s, nil))
	assert.NotContains(t, h.String(), "<script>alert")
	assert.NotContains(t, h.String(), `href="javascript:`)
	assert.Contains(t, h.String(), "&lt;script&gt;")

	var m bytes.Buffer
	require.NoError(t, soa.RenderMarkdown(&m, s, nil))
	assert.NotContains(t, m.String(), "<script>")
	for _, line := range strings.Split(m.String(), "\n") {
		if strings.HasPrefix(line, "| SM-1 ") {
			// 9 columns: 10 unescaped pipes.
			assert.Equal(t, 10, strings.Count(line, "|")-strings.Count(line, `\|`), line)
		}
	}

	var c bytes.Buffer
	require.NoError(t, soa.RenderCSV(&c, s))
	rows, err := csv.NewReader(&c).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(s.Entries)+1)
	assert.Equal(t, soa.CSVHeader(), rows[0])
	assert.Equal(t, `'=HYPERLINK("http://evil")`, rows[1][11])
	assert.Equal(t, evil, rows[1][6], "CSV keeps the text itself")
}

func TestRenderNil(t *testing.T) {
	var b bytes.Buffer
	assert.ErrorIs(t, soa.RenderHTML(&b, nil, nil), reqpkg.ErrInvalidValue)
	assert.ErrorIs(t, soa.RenderMarkdown(&b, nil, nil), reqpkg.ErrInvalidValue)
	assert.ErrorIs(t, soa.RenderCSV(&b, nil), reqpkg.ErrInvalidValue)
	assert.ErrorIs(t, soa.Encode(&b, nil), reqpkg.ErrInvalidValue)
}

func TestEncodeRejectsInvalidValues(t *testing.T) {
	s, _ := plcResolved(t)
	s.Entries[3].Decision = 0
	var b bytes.Buffer
	assert.ErrorIs(t, soa.Encode(&b, s), soa.ErrUnknownValue)
}
