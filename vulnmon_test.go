package iec62443_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/sbom"
)

// Components of the example SBOM (examples/assess/dossier/sbom.cdx.json).
const (
	openssl = "pkg:generic/openssl.org/openssl@3.0.15"
	busybox = "pkg:generic/busybox.net/busybox@1.36.1"
)

// osvRecord is an OSV record for purl (without version) affected from
// introduced to fixed (SEMVER).
func osvRecord(id, purl, introduced, fixed string, aliases ...string) string {
	al := ""
	if len(aliases) > 0 {
		al = `, "aliases": ["` + strings.Join(aliases, `", "`) + `"]`
	}
	return fmt.Sprintf(`{"schema_version": "1.6.0", "id": %q, "modified": "2026-10-01T00:00:00Z"%s, "summary": "test record",
	  "affected": [{"package": {"purl": %q}, "ranges": [{"type": "SEMVER", "events": [{"introduced": %q}, {"fixed": %q}]}]}]}`,
		id, al, purl, introduced, fixed)
}

// vulnDossier returns a dossier file system: the example's register and
// SBOM, vulnerability_monitoring as given (raw JSON; "" for none) and the
// extra files.
func vulnDossier(t *testing.T, monitoring string, files map[string]string) fstest.MapFS {
	t.Helper()
	parts := exampleParts(t)
	doc := `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
	  "register": "register.json", "sbom": {"path": "sbom.cdx.json"}`
	if monitoring != "" {
		doc += `, "vulnerability_monitoring": ` + monitoring
	}
	fsys := fstest.MapFS{
		"dossier.json":  {Data: []byte(doc + "}")},
		"register.json": {Data: parts["register.json"]},
		"sbom.cdx.json": {Data: parts["sbom.cdx.json"]},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func assessFS(t *testing.T, fsys fs.FS) *iec62443.Report {
	t.Helper()
	d, err := iec62443.Load(ctx, fsys, "dossier.json", nil)
	require.NoError(t, err)
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	return rep
}

// TestVulnerabilityMonitoringExample: the example's snapshot, matched
// against its SBOM: the affected busybox without a VEX statement is a high
// finding of DM-10, the undecidable u-boot a medium one, the kernel record
// an info finding located in its OSV file; openssl and dropbear, resolved
// by VEX statements, and strongswan, outside the range, are not findings.
func TestVulnerabilityMonitoringExample(t *testing.T) {
	rep := assessExample(t)
	require.NotNil(t, rep.Vulnerabilities)
	assert.Equal(t, iec62443.VulnerabilitySummary{
		Source: "osv", Records: 6, Withdrawn: 0, NewestModified: time.Date(2026, 11, 2, 16, 30, 0, 0, time.UTC),
		Statements: 2, Matched: true, Affected: 1, Undetermined: 1, ResolvedByVEX: 2, NotAffected: 1, Skipped: 1,
	}, *rep.Vulnerabilities)

	known := findingsOf(rep, requirement.RuleID("dossier.known-vulnerability"))
	require.Len(t, known, 1)
	f := known[0]
	assert.Equal(t, busybox, f.Subject)
	assert.Equal(t, "/components/1", f.Pointer)
	assert.Equal(t, requirement.SeverityHigh, f.Severity)
	assert.Equal(t, requirement.DM10, f.Requirement)
	assert.Equal(t, requirement.EditionA11, f.Edition)
	assert.Equal(t, requirement.BasisPublished, f.Basis)
	assert.Contains(t, f.Message, "SYNTH-2026-0102")

	und := findingsOf(rep, requirement.RuleID("dossier.vulnerability-undetermined"))
	require.Len(t, und, 1)
	assert.Equal(t, "pkg:generic/denx.de/u-boot@2024.07", und[0].Subject)
	assert.Contains(t, und[0].Message, "ECOSYSTEM")

	skipped := findingsOf(rep, requirement.RuleID("dossier.vulnerability-match-skipped"))
	require.Len(t, skipped, 1)
	assert.Equal(t, "SYNTH-2026-0106", skipped[0].Subject)
	assert.Equal(t, "/affected/0/package", skipped[0].Pointer)
	assert.Equal(t, requirement.SeverityInfo, skipped[0].Severity)
	for _, g := range rep.Findings {
		for _, f := range g.Findings {
			if f.Rule == requirement.RuleID("dossier.vulnerability-match-skipped") {
				assert.Equal(t, "osv/SYNTH-2026-0106.json", g.Document)
			}
			if f.Rule == requirement.RuleID("dossier.known-vulnerability") {
				assert.Equal(t, "sbom.cdx.json", g.Document)
			}
		}
	}
	assert.Empty(t, findingsOf(rep, requirement.RuleID("dossier.no-advisory-snapshot")))
	checkFindings(t, "example", append(append(known, und...), skipped...))
}

// TestVEXResolves: a VEX statement not_affected or fixed, naming the
// record's ID or an alias (in any case), resolves the match; affected,
// under_investigation, disagreeing statements and statements on another
// component do not.
func TestVEXResolves(t *testing.T) {
	osv := `[` + osvRecord("GHSA-aaaa-bbbb-cccc", "pkg:generic/openssl.org/openssl", "3.0.0", "3.0.16", "CVE-2099-0001") + `]`
	for _, tc := range []struct {
		name     string
		vex      string
		resolved bool
		says     string
	}{
		{"none", ``, false, ""},
		{"not_affected by ID", `[{"vulnerability": "GHSA-aaaa-bbbb-cccc", "components": ["` + openssl + `"], "status": "not_affected", "justification": "vulnerable_code_not_present"}]`, true, ""},
		{"not_affected by alias, lower case", `[{"vulnerability": "cve-2099-0001", "components": ["` + openssl + `"], "status": "not_affected", "impact": "not reachable"}]`, true, ""},
		{"fixed", `[{"vulnerability": "CVE-2099-0001", "components": ["` + openssl + `"], "status": "fixed"}]`, true, ""},
		{"affected", `[{"vulnerability": "CVE-2099-0001", "components": ["` + openssl + `"], "status": "affected", "action": "update to 3.0.16"}]`, false, "affected"},
		{"disagreeing", `[{"vulnerability": "CVE-2099-0001", "components": ["` + openssl + `"], "status": "fixed"},
		  {"vulnerability": "GHSA-aaaa-bbbb-cccc", "components": ["` + openssl + `"], "status": "under_investigation"}]`, false, "fixed and under_investigation"},
		{"another component", `[{"vulnerability": "CVE-2099-0001", "components": ["` + busybox + `"], "status": "fixed"}]`, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := `{"osv": ` + osv
			if tc.vex != "" {
				m += `, "vex": ` + tc.vex
			}
			rep := assessFS(t, vulnDossier(t, m+`}`, nil))
			known := findingsOf(rep, requirement.RuleID("dossier.known-vulnerability"))
			if tc.resolved {
				assert.Empty(t, known)
				assert.Equal(t, 1, rep.Vulnerabilities.ResolvedByVEX)
				return
			}
			require.Len(t, known, 1)
			assert.Equal(t, openssl, known[0].Subject)
			assert.Contains(t, known[0].Message, "GHSA-aaaa-bbbb-cccc (CVE-2099-0001)")
			if tc.says != "" {
				assert.Contains(t, known[0].Message, "the VEX statements say "+tc.says)
			}
			assert.Equal(t, 1, rep.Vulnerabilities.Affected)
		})
	}
}

// TestDuplicateRecordsOneFinding: two records with one ID (two snapshot
// files) give one finding per component, the more cautious status winning.
func TestDuplicateRecordsOneFinding(t *testing.T) {
	files := map[string]string{
		"osv/a.json": osvRecord("OSV-1", "pkg:generic/openssl.org/openssl", "3.1.0", "3.1.5"), // not affected
		"osv/b.json": osvRecord("OSV-1", "pkg:generic/openssl.org/openssl", "3.0.0", "3.0.16"),
	}
	rep := assessFS(t, vulnDossier(t, `{"osv": "osv"}`, files))
	assert.Len(t, findingsOf(rep, requirement.RuleID("dossier.known-vulnerability")), 1)
	assert.Equal(t, 1, rep.Vulnerabilities.Affected)
	assert.Equal(t, 0, rep.Vulnerabilities.NotAffected)
}

// TestNoAdvisorySnapshot: without a snapshot, the report says that the
// components were not checked (a finding of DM-10, none in 2018) and has
// no summary; an empty snapshot is a snapshot that found nothing.
func TestNoAdvisorySnapshot(t *testing.T) {
	for _, e := range []requirement.Edition{requirement.EditionA11, requirement.Edition2018} {
		rep, err := iec62443.Assess(ctx, minimalDossier(e), exampleNow, nil)
		require.NoError(t, err)
		assert.Nil(t, rep.Vulnerabilities)
		fs := findingsOf(rep, requirement.RuleID("dossier.no-advisory-snapshot"))
		require.Len(t, fs, 1, "%s", e)
		assert.Equal(t, "/vulnerability_monitoring", fs[0].Pointer)
		assert.Equal(t, requirement.BasisProvisional, fs[0].Basis)
		if e == requirement.Edition2018 {
			assert.Empty(t, fs[0].Requirement, "DM-10 has no 2018 counterpart")
		} else {
			assert.Equal(t, requirement.DM10, fs[0].Requirement)
		}
		var md bytes.Buffer
		require.NoError(t, iec62443.RenderMarkdown(&md, rep, nil))
		assert.Contains(t, md.String(), "\n## Known vulnerabilities (advisory snapshot)\n\nThe dossier gives no advisory snapshot")
	}

	rep := assessFS(t, vulnDossier(t, `{"osv": []}`, nil))
	assert.Empty(t, findingsOf(rep, requirement.RuleID("dossier.no-advisory-snapshot")))
	require.NotNil(t, rep.Vulnerabilities)
	assert.True(t, rep.Vulnerabilities.Matched)
	assert.Zero(t, rep.Vulnerabilities.Records)
}

// TestSnapshotWithoutSBOM: a snapshot without an SBOM is summarised but
// not matched (the missing SBOM is its own finding).
func TestSnapshotWithoutSBOM(t *testing.T) {
	d := minimalDossier(requirement.EditionA11)
	rec, err := sbom.DecodeOSV(ctx, strings.NewReader(osvRecord("OSV-1", "pkg:generic/openssl.org/openssl", "3.0.0", "3.0.16")), nil)
	require.NoError(t, err)
	d.Monitoring.OSV = []*sbom.OSVRecord{rec}
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	require.NotNil(t, rep.Vulnerabilities)
	assert.False(t, rep.Vulnerabilities.Matched)
	assert.Equal(t, 1, rep.Vulnerabilities.Records)
	assert.NotEmpty(t, findingsOf(rep, requirement.RuleID("dossier.no-sbom")))
	assert.Empty(t, findingsOf(rep, requirement.RuleID("dossier.known-vulnerability")))
	assert.Contains(t, rep.Vulnerabilities.String(), "Not matched: the dossier has no SBOM.")
}

// TestVulnerabilityIn2018: in a 2018 assessment the findings name no
// requirement (DM-10 has no 2018 counterpart) and keep their basis.
func TestVulnerabilityIn2018(t *testing.T) {
	d := minimalDossier(requirement.Edition2018)
	d.SBOM = iec62443.SBOMRef{Data: exampleParts(t)["sbom.cdx.json"]}
	rec, err := sbom.DecodeOSV(ctx, strings.NewReader(osvRecord("OSV-1", "pkg:generic/busybox.net/busybox", "0", "1.37.0")), nil)
	require.NoError(t, err)
	d.Monitoring.OSV = []*sbom.OSVRecord{rec}
	rep, err := iec62443.Assess(ctx, d, exampleNow, nil)
	require.NoError(t, err)
	known := findingsOf(rep, requirement.RuleID("dossier.known-vulnerability"))
	require.Len(t, known, 1)
	assert.Empty(t, known[0].Requirement)
	assert.Zero(t, known[0].Edition)
	assert.Equal(t, requirement.BasisPublished, known[0].Basis)
	assert.Equal(t, busybox, known[0].Subject)
}

// TestOSVSnapshotForms: a snapshot is one record or an array, in a file or
// inline, or a directory of such files read in name order (its
// subdirectories and files other than *.json are not read); each record
// keeps the document it came from.
func TestOSVSnapshotForms(t *testing.T) {
	r1 := osvRecord("OSV-1", "pkg:generic/openssl.org/openssl", "3.0.0", "3.0.16")
	r2 := osvRecord("OSV-2", "pkg:generic/busybox.net/busybox", "0", "1.37.0")
	for _, tc := range []struct {
		name       string
		monitoring string
		files      map[string]string
		ids        []string
		docs       []string
	}{
		{"one record in a file", `{"osv": "osv.json"}`, map[string]string{"osv.json": r1}, []string{"OSV-1"}, []string{"osv.json"}},
		{"an array in a file", `{"osv": "osv.json"}`, map[string]string{"osv.json": "[" + r1 + "," + r2 + "]"},
			[]string{"OSV-1", "OSV-2"}, []string{"osv.json#/0", "osv.json#/1"}},
		{"inline record", `{"osv": ` + r2 + `}`, nil, []string{"OSV-2"}, []string{"#/vulnerability_monitoring/osv"}},
		{"inline array", `{"osv": [` + r1 + "," + r2 + `]}`, nil, []string{"OSV-1", "OSV-2"},
			[]string{"#/vulnerability_monitoring/osv/0", "#/vulnerability_monitoring/osv/1"}},
		{"a directory", `{"osv": "feed"}`, map[string]string{
			"feed/b.json": r2, "feed/a.json": "[" + r1 + "]", "feed/README.md": "not JSON",
			"feed/.hidden.json": "not read", "feed/sub/c.json": "not read either",
		}, []string{"OSV-1", "OSV-2"}, []string{"feed/a.json#/0", "feed/b.json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := iec62443.Load(ctx, vulnDossier(t, tc.monitoring, tc.files), "dossier.json", nil)
			require.NoError(t, err)
			var ids []string
			for _, r := range d.Monitoring.OSV {
				ids = append(ids, r.ID)
			}
			assert.Equal(t, tc.ids, ids)
			assert.Equal(t, tc.docs, d.Paths.OSVRecords)
		})
	}
}

// TestOSVLocatedProblems: a malformed OSV record is a located problem of
// its file (under its index in an array) or of the dossier's member.
func TestOSVLocatedProblems(t *testing.T) {
	good := osvRecord("OSV-1", "pkg:generic/openssl.org/openssl", "3.0.0", "3.0.16")
	noID := strings.Replace(good, `"id": "OSV-1", `, "", 1)
	badPURL := strings.Replace(good, `"pkg:generic/openssl.org/openssl"`, `"not a purl"`, 1)
	for _, tc := range []struct {
		name       string
		monitoring string
		files      map[string]string
		key        string
		kind       error
	}{
		{"array file", `{"osv": "osv.json"}`, map[string]string{"osv.json": "[" + good + "," + noID + "]"}, "osv.json#/1/id", problem.ErrSchema},
		{"directory file", `{"osv": "d"}`, map[string]string{"d/a.json": good, "d/b.json": badPURL}, "d/b.json#/affected/0/package/purl", problem.ErrInvalidValue},
		{"syntax", `{"osv": "osv.json"}`, map[string]string{"osv.json": `{"id": `}, "osv.json#/id", problem.ErrSyntax},
		{"duplicate key", `{"osv": "osv.json"}`, map[string]string{"osv.json": `[{"id": "a", "id": "b"}]`}, "osv.json#/0/id", problem.ErrDuplicateKey},
		{"inline array", `{"osv": [` + noID + `]}`, nil, "#/vulnerability_monitoring/osv/0/id", problem.ErrSchema},
		{"missing file", `{"osv": "nowhere.json"}`, nil, "#/vulnerability_monitoring/osv", problem.ErrDanglingReference},
		{"path outside", `{"osv": "../osv.json"}`, nil, "#/vulnerability_monitoring/osv", problem.ErrInvalidValue},
		{"not a path or records", `{"osv": 3}`, nil, "#/vulnerability_monitoring/osv", problem.ErrSchema},
		{"no osv", `{"vex": []}`, nil, "#/vulnerability_monitoring", problem.ErrSchema},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := iec62443.Load(ctx, vulnDossier(t, tc.monitoring, tc.files), "dossier.json", nil)
			require.ErrorIs(t, err, problem.ErrInvalidDocument)
			got := located(t, err)
			if assert.Contains(t, got, tc.key, "%v", err) {
				assert.ErrorIs(t, got[tc.key], tc.kind)
			}
		})
	}
}

// TestVEXProblems: VEX statements are checked against their schema (in a
// file too) and must name components of the SBOM.
func TestVEXProblems(t *testing.T) {
	osv := `"osv": []`
	for _, tc := range []struct {
		name       string
		monitoring string
		files      map[string]string
		key        string
		kind       error
	}{
		{"unknown status in a file", `{` + osv + `, "vex": "vex.json"}`,
			map[string]string{"vex.json": `[{"vulnerability": "X", "components": ["` + openssl + `"], "status": "bogus"}]`}, "vex.json#/0/status", problem.ErrSchema},
		{"not_affected without justification", `{` + osv + `, "vex": "vex.json"}`,
			map[string]string{"vex.json": `[{"vulnerability": "X", "components": ["` + openssl + `"], "status": "not_affected"}]`}, "vex.json#/0", problem.ErrSchema},
		{"dangling component in a file", `{` + osv + `, "vex": "vex.json"}`,
			map[string]string{"vex.json": `[{"vulnerability": "X", "components": ["pkg:generic/nowhere@1"], "status": "fixed"}]`}, "vex.json#/0/components/0", problem.ErrDanglingReference},
		{"dangling component inline", `{` + osv + `, "vex": [{"vulnerability": "X", "components": ["` + openssl + `", "nope"], "status": "fixed"}]}`,
			nil, "#/vulnerability_monitoring/vex/0/components/1", problem.ErrDanglingReference},
		{"unknown member inline", `{` + osv + `, "vex": [{"vulnerability": "X", "components": ["` + openssl + `"], "status": "fixed", "extra": 1}]}`,
			nil, "#/vulnerability_monitoring/vex/0", problem.ErrSchema},
		{"a directory", `{` + osv + `, "vex": "dir"}`, map[string]string{"dir/x": "x"}, "#/vulnerability_monitoring/vex", problem.ErrInvalidValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := iec62443.Load(ctx, vulnDossier(t, tc.monitoring, tc.files), "dossier.json", nil)
			got := located(t, err)
			if assert.Contains(t, got, tc.key, "%v", err) {
				assert.ErrorIs(t, got[tc.key], tc.kind)
			}
		})
	}

	// Statements without an SBOM name nothing.
	doc := `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
	  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
	  "register": {"schema_version": "1", "product": {"name": "P"}, "intended_use": {"purpose": "x", "environment": "y"}},
	  "vulnerability_monitoring": {"osv": [], "vex": [{"vulnerability": "X", "components": ["a"], "status": "fixed"}]}}`
	_, err := iec62443.Decode(ctx, strings.NewReader(doc), nil, nil)
	got := located(t, err)
	if assert.Contains(t, got, "#/vulnerability_monitoring/vex") {
		assert.ErrorIs(t, got["#/vulnerability_monitoring/vex"], problem.ErrDanglingReference)
	}
}

// TestMonitoringRoundTrip: a snapshot and statements set by a program are
// written inline, validate against the schema and decode to the same
// monitoring; one read from files is written as its paths (the example's
// round trip in TestDossierRoundTrip). A nil record cannot be written.
func TestMonitoringRoundTrip(t *testing.T) {
	d := loadExample(t)
	d.Paths.OSV, d.Paths.OSVRecords, d.Paths.VEX = "", nil, ""
	var buf bytes.Buffer
	require.NoError(t, iec62443.Encode(&buf, d))
	tree, errs := docjson.Parse(buf.Bytes(), docjson.Limits{})
	require.Nil(t, errs)
	assert.Empty(t, dossierSchema().Validate(tree))
	back, err := iec62443.Decode(ctx, bytes.NewReader(buf.Bytes()), os.DirFS(exampleDir), nil)
	require.NoError(t, err)
	assert.Equal(t, d.Monitoring, back.Monitoring)
	assert.Len(t, back.Paths.OSVRecords, 6)
	assert.Equal(t, "#/vulnerability_monitoring/osv/5", back.Paths.OSVRecords[5])
	assert.Empty(t, back.Paths.OSV)
	assert.Empty(t, back.Paths.VEX)

	// An empty snapshot stays a snapshot.
	d.Monitoring = iec62443.VulnerabilityMonitoring{OSV: []*sbom.OSVRecord{}}
	buf.Reset()
	require.NoError(t, iec62443.Encode(&buf, d))
	assert.Contains(t, buf.String(), `"vulnerability_monitoring": {`)
	back, err = iec62443.Decode(ctx, bytes.NewReader(buf.Bytes()), os.DirFS(exampleDir), nil)
	require.NoError(t, err)
	assert.NotNil(t, back.Monitoring.OSV)
	assert.Empty(t, back.Monitoring.OSV)

	d.Monitoring = iec62443.VulnerabilityMonitoring{OSV: []*sbom.OSVRecord{nil}}
	buf.Reset()
	require.ErrorIs(t, iec62443.Encode(&buf, d), problem.ErrInvalidValue)
	assert.Zero(t, buf.Len())
}

// TestOSVHostileFiles: a FIFO as the snapshot or inside its directory is a
// located problem, never a blocked read; a huge (sparse) file is refused by
// its size before it is read; the snapshot's total size is bounded.
func TestOSVHostileFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := t.TempDir()
	parts := exampleParts(t)
	write := func(name string, data []byte) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	dossier := func(name, osv string) {
		write(name, []byte(`{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
		  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
		  "register": "register.json", "sbom": {"path": "sbom.cdx.json"}, "vulnerability_monitoring": {"osv": "`+osv+`"}}`))
	}
	write("register.json", parts["register.json"])
	write("sbom.cdx.json", parts["sbom.cdx.json"])
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "fifo.json"), 0o600))
	dossier("fifo-dossier.json", "fifo.json")
	write("feed/a.json", []byte(osvRecord("OSV-1", "pkg:generic/openssl.org/openssl", "3.0.0", "3.0.16")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "feed", "b.json"), 0o600))
	dossier("feed-dossier.json", "feed")
	f, err := os.Create(filepath.Join(dir, "huge.json"))
	require.NoError(t, err)
	require.NoError(t, f.Truncate(1<<40)) // sparse: a terabyte that takes no space
	require.NoError(t, f.Close())
	dossier("huge-dossier.json", "huge.json")

	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	var fifoErr, feedErr, hugeErr error
	withTimeout(t, func() {
		_, fifoErr = iec62443.Load(ctx, root.FS(), "fifo-dossier.json", nil)
		_, feedErr = iec62443.Load(ctx, root.FS(), "feed-dossier.json", nil)
		_, hugeErr = iec62443.Load(ctx, root.FS(), "huge-dossier.json", nil)
	})
	for what, err := range map[string]error{"fifo.json": fifoErr, "feed/b.json": feedErr} {
		got := located(t, err)
		if assert.Contains(t, got, "#/vulnerability_monitoring/osv", "%v", err) {
			e := got["#/vulnerability_monitoring/osv"]
			assert.ErrorIs(t, e, problem.ErrInvalidValue)
			assert.Contains(t, e.Message, "named pipe")
			assert.Contains(t, e.Message, what)
			assert.NotContains(t, e.Message, dir, "no host path")
		}
		assert.Len(t, got, 1, "%v", err)
	}
	got := located(t, hugeErr)
	if assert.Contains(t, got, "huge.json#", "%v", hugeErr) {
		assert.ErrorIs(t, got["huge.json#"], problem.ErrLimit)
		assert.Contains(t, got["huge.json#"].Message, "MaxOSVBytes")
	}

	// The snapshot's files together are bounded by MaxOSVBytes.
	rec := osvRecord("OSV-1", "pkg:generic/openssl.org/openssl", "3.0.0", "3.0.16")
	files := map[string]string{"d/a.json": rec, "d/b.json": rec, "d/c.json": rec}
	_, err = iec62443.Load(ctx, vulnDossier(t, `{"osv": "d"}`, files), "dossier.json", &iec62443.LoadOptions{MaxOSVBytes: int64(2*len(rec) + 10)})
	got = located(t, err)
	if assert.Contains(t, got, "d/c.json#", "%v", err) {
		assert.ErrorIs(t, got["d/c.json#"], problem.ErrLimit)
	}
}

// countingFS counts the directory entries its directories hand out.
type countingFS struct {
	fstest.MapFS
	listed *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	f, err := c.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	if d, ok := f.(fs.ReadDirFile); ok {
		return countingDir{d, c.listed}, nil
	}
	return f, nil
}

type countingDir struct {
	fs.ReadDirFile
	listed *atomic.Int64
}

func (d countingDir) ReadDir(n int) ([]fs.DirEntry, error) {
	es, err := d.ReadDirFile.ReadDir(n)
	d.listed.Add(int64(len(es)))
	return es, err
}

// TestOSVDirectoryCapped: a snapshot directory of 100,000 files is refused
// once its listing passes MaxOSVFiles, without listing the rest or reading
// any file.
func TestOSVDirectoryCapped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a directory of 100,000 entries")
	}
	fsys := vulnDossier(t, `{"osv": "osv"}`, nil)
	for i := range 100_000 {
		fsys[fmt.Sprintf("osv/%06d.json", i)] = &fstest.MapFile{Data: []byte("never read")}
	}
	var listed atomic.Int64
	_, err := iec62443.Load(ctx, countingFS{fsys, &listed}, "dossier.json", nil)
	got := located(t, err)
	if assert.Contains(t, got, "osv#", "%v", err) {
		assert.ErrorIs(t, got["osv#"], problem.ErrLimit)
		assert.Contains(t, got["osv#"].Message, "more than 10000 entries")
		assert.Contains(t, got["osv#"].Message, "MaxOSVFiles")
	}
	assert.Len(t, got, 1, "no file was read: %v", err)
	assert.LessOrEqual(t, listed.Load(), int64(iec62443.DefaultMaxOSVFiles+256), "listing stopped at the limit")

	// A lower limit is an option.
	small := vulnDossier(t, `{"osv": "osv"}`, map[string]string{"osv/a.json": "{}", "osv/b.json": "{}", "osv/c.json": "{}"})
	_, err = iec62443.Load(ctx, small, "dossier.json", &iec62443.LoadOptions{MaxOSVFiles: 2})
	assert.ErrorIs(t, err, problem.ErrLimit)
}

// cancellingFS cancels a context when a file under dir is opened for the
// n-th time.
type cancellingFS struct {
	fstest.MapFS
	dir    string
	n      int64
	opened *atomic.Int64
	cancel context.CancelFunc
}

func (c cancellingFS) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, c.dir+"/") && c.opened.Add(1) == c.n {
		c.cancel()
	}
	return c.MapFS.Open(name)
}

// TestOSVCancelled: a cancelled context stops the reading of a snapshot
// between files, and Load returns the context's error.
func TestOSVCancelled(t *testing.T) {
	files := map[string]string{}
	for i := range 50 {
		files[fmt.Sprintf("osv/%02d.json", i)] = osvRecord(fmt.Sprintf("OSV-%d", i), "pkg:generic/openssl.org/openssl", "3.0.0", "3.0.16")
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var opened atomic.Int64
	fsys := cancellingFS{vulnDossier(t, `{"osv": "osv"}`, files), "osv", 3, &opened, cancel}
	_, err := iec62443.Load(cctx, fsys, "dossier.json", nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, opened.Load(), int64(10), "reading stopped soon after the cancellation")

	// Assess stops too.
	d := loadExample(t)
	done, cancel2 := context.WithCancel(ctx)
	cancel2()
	_, err = iec62443.Assess(done, d, exampleNow, nil)
	require.ErrorIs(t, err, context.Canceled)
}

// TestVulnerabilitiesRendered: the summary is a section of the Markdown and
// HTML reports, and the JSON carries it.
func TestVulnerabilitiesRendered(t *testing.T) {
	rep := assessExample(t)
	var md, html, js bytes.Buffer
	require.NoError(t, iec62443.RenderMarkdown(&md, rep, nil))
	require.NoError(t, iec62443.RenderHTML(&html, rep, nil))
	require.NoError(t, iec62443.RenderJSON(&js, rep, nil))
	want := "Snapshot osv: 6 OSV record(s), 0 withdrawn, newest modified 2026-11-02; 2 VEX statement(s). Matched against the SBOM: 1 affected and 1 undetermined"
	assert.Contains(t, md.String(), "\n## Known vulnerabilities (advisory snapshot)\n\n"+want)
	assert.Contains(t, html.String(), "<h2>Known vulnerabilities (advisory snapshot)</h2>\n<p>"+want)
	assert.Contains(t, js.String(), `"vulnerabilities": {`)
	assert.Contains(t, js.String(), `"newest_modified": "2026-11-02T16:30:00Z"`)
}
