package iec62443

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/sbom"
)

// Vulnerability monitoring (A11 DM-10; CRA Annex I Part I (2)(a)): a
// dossier gives a snapshot of OSV advisories and the manufacturer's VEX
// statements, and Assess matches the snapshot against the SBOM.

// VEXStatementsSchemaID is the $id of the published JSON Schema of the VEX
// statements a dossier gives ([VEXStatementsSchema]).
const VEXStatementsSchemaID = "https://github.com/sdlkit/iec62443/schemas/vex-statements-1.json"

//go:embed schemas/vex-statements.schema.json
var vexSchemaJSON []byte

var vexSchema = sync.OnceValue(func() *schema.Schema { return schema.MustCompile(VEXStatementsSchemaID, vexSchemaJSON) })

// VEXStatementsSchema returns the JSON Schema of the VEX statements a
// dossier gives under vulnerability_monitoring.vex (inline, or as a file),
// for publishing.
func VEXStatementsSchema() []byte { return bytes.Clone(vexSchemaJSON) }

// Limits of the advisory snapshot ([LoadOptions]).
const (
	// DefaultMaxOSVBytes is the default size limit of an advisory snapshot:
	// all its files together.
	DefaultMaxOSVBytes = 256 << 20
	// DefaultMaxOSVFiles is the default limit of the entries of an advisory
	// snapshot directory.
	DefaultMaxOSVFiles = 10_000
)

// VulnerabilityMonitoring is what a dossier gives for the monitoring of the
// product's components for known vulnerabilities (A11 DM-10): a snapshot of
// OSV advisories, which [Assess] matches against the SBOM, and the
// manufacturer's VEX statements on the matches.
//
// In a dossier file, vulnerability_monitoring.osv is a path (relative to
// the dossier) of a file holding one OSV record or a JSON array of records,
// or of a directory whose *.json files hold them (only the directory
// itself is read, not its subdirectories; files in name order), or the
// records inline (one record or an array). vulnerability_monitoring.vex is
// optional: a path of a JSON file holding an array of VEX statements
// ([VEXStatementsSchema], the form of [sbom.VEXStatement]), or the array
// inline. Statements name components by their SBOM bom-ref and
// vulnerabilities by their OSV ID or an alias (the CVE).
type VulnerabilityMonitoring struct {
	// OSV is the advisory snapshot. A non-nil empty slice is a snapshot
	// without records (monitoring found nothing); nil means no snapshot
	// was given. Where the records came from is in [Paths].OSV and
	// [Paths].OSVRecords.
	OSV []*sbom.OSVRecord `json:"osv,omitzero"`
	// VEX are the manufacturer's statements on the vulnerabilities of the
	// snapshot: a component with a not_affected or fixed statement is not
	// reported as vulnerable. Its file, if any, is [Paths].VEX.
	VEX []sbom.VEXStatement `json:"vex,omitzero"`
}

// IsZero reports whether the dossier gives no snapshot and no statements.
func (m VulnerabilityMonitoring) IsZero() bool { return m.OSV == nil && m.VEX == nil }

// VulnerabilitySummary condenses the advisory snapshot of a dossier and its
// match against the SBOM. The findings name each component concerned.
type VulnerabilitySummary struct {
	// Source is the snapshot's path as the dossier gives it (a file or a
	// directory); "" when the records are inline or set by a program.
	Source string `json:"source,omitzero"`
	// Records is the number of OSV records in the snapshot.
	Records int `json:"records"`
	// Withdrawn counts the records that are withdrawn (they claim nothing).
	Withdrawn int `json:"withdrawn"`
	// NewestModified is the latest modified time among the records (how
	// recent the snapshot is, at best); zero when no record gives one in
	// RFC 3339.
	NewestModified time.Time `json:"newest_modified,omitzero"`
	// Statements is the number of VEX statements given.
	Statements int `json:"vex_statements"`
	// Matched is false when the snapshot could not be matched: the dossier
	// has no SBOM. The counts below are then zero.
	Matched bool `json:"matched"`
	// Affected counts the (vulnerability, component) pairs whose version
	// is affected and that no VEX statement resolves: each is a finding.
	Affected int `json:"affected"`
	// Undetermined counts the pairs whose version could not be decided
	// and that no VEX statement resolves: each is a finding.
	Undetermined int `json:"undetermined"`
	// ResolvedByVEX counts the affected or undetermined pairs that a VEX
	// statement resolves (not_affected or fixed).
	ResolvedByVEX int `json:"resolved_by_vex"`
	// NotAffected counts the pairs whose version is outside the affected
	// versions.
	NotAffected int `json:"not_affected"`
	// Skipped counts what could not be matched: components without a
	// usable purl and affected packages of unknown identity (each an info
	// finding).
	Skipped int `json:"skipped"`
}

// monitoringJSON is the wire form of vulnerability_monitoring: its members
// are raw until resolved.
type monitoringJSON struct {
	OSV json.RawMessage `json:"osv"`
	VEX json.RawMessage `json:"vex,omitzero"`
}

// monitoringOut is the written form of vulnerability_monitoring.
type monitoringOut struct {
	OSV any `json:"osv"`
	VEX any `json:"vex,omitempty"`
}

const (
	ptrOSV = "/vulnerability_monitoring/osv"
	ptrVEX = "/vulnerability_monitoring/vex"
)

func (o *LoadOptions) maxOSVBytes() int64 {
	if o == nil || o.MaxOSVBytes <= 0 {
		return DefaultMaxOSVBytes
	}
	return o.MaxOSVBytes
}

func (o *LoadOptions) maxOSVFiles() int {
	if o == nil || o.MaxOSVFiles <= 0 {
		return DefaultMaxOSVFiles
	}
	return o.MaxOSVFiles
}

// monitoring reads the dossier's vulnerability_monitoring member into d:
// the snapshot (a path or inline records) and the VEX statements (a path
// or inline), whose components must be in the SBOM read before.
func (res *resolver) monitoring(d *Dossier, w *monitoringJSON) {
	osv := bytes.TrimSpace(w.OSV)
	switch {
	case len(osv) == 0 || !res.live():
	case osv[0] == '"':
		var ref string
		if json.Unmarshal(osv, &ref) != nil {
			return // reported by the schema
		}
		d.Paths.OSV = ref
		d.Monitoring.OSV, d.Paths.OSVRecords = res.osvPath(ref)
	default:
		recs, single := res.osvData("", ptrOSV, osv)
		d.Monitoring.OSV = recs
		for i := range recs {
			doc := fmt.Sprintf("#%s/%d", ptrOSV, i)
			if single {
				doc = "#" + ptrOSV
			}
			d.Paths.OSVRecords = append(d.Paths.OSVRecords, doc)
		}
	}
	vex := bytes.TrimSpace(w.VEX)
	if len(vex) == 0 || !res.live() {
		return
	}
	var stmts []sbom.VEXStatement
	source, prefix := "", ptrVEX
	if vex[0] == '"' {
		var ref string
		if json.Unmarshal(vex, &ref) != nil {
			return
		}
		d.Paths.VEX = ref
		data, ok := res.read(ptrVEX, ref, res.opts.maxBytes(), "MaxBytes")
		if !ok {
			return
		}
		if err := docjson.DecodeBytes(data, docjson.Limits(res.opts.limits()), vexSchema(), &stmts); err != nil {
			res.add(ref, "", err)
			return
		}
		source, prefix = ref, ""
	} else if err := docjson.Unmarshal(vex, &stmts); err != nil {
		res.add("", ptrVEX, err)
		return
	}
	if stmts == nil {
		stmts = []sbom.VEXStatement{}
	}
	d.Monitoring.VEX = stmts
	// Statements name components of the SBOM: one that names another is a
	// dangling reference. Without an SBOM they name nothing at all; an SBOM
	// that could not be read has its own problems already.
	inv := d.SBOM.Inventory
	switch {
	case inv != nil:
		refs := map[string]bool{}
		if inv.Subject != nil {
			refs[inv.Subject.Ref] = true
		}
		for i := range inv.Components {
			refs[inv.Components[i].Ref] = true
		}
		var errs located.Errors
		for i, s := range stmts {
			for j, c := range s.Components {
				if c == "" || !refs[c] {
					errs.Add(fmt.Sprintf("/%d/components/%d", i, j), problem.ErrDanglingReference,
						"component %q is not in the SBOM: name components by their bom-ref", clip(c, 200))
				}
			}
		}
		res.errs.Append(errs.Rebase(source, prefix))
	case d.SBOM.IsZero() && len(stmts) > 0:
		res.errs.Add(ptrVEX, problem.ErrDanglingReference, "the VEX statements name SBOM components, but the dossier names no SBOM")
	}
}

// osvPath reads the snapshot at ref: a file, or a directory of files. It
// returns the records and the document of each (see [Paths].OSVRecords).
func (res *resolver) osvPath(ref string) ([]*sbom.OSVRecord, []string) {
	if res.fsys == nil || !fs.ValidPath(ref) || ref == "." || strings.Contains(ref, `\`) {
		_, _ = res.read(ptrOSV, ref, 0, "MaxOSVBytes") // reports the bad reference
		return nil, nil
	}
	full := path.Join(res.dir, ref)
	fi, err := fs.Stat(res.fsys, full)
	if err != nil {
		res.errs.Add(ptrOSV, problem.ErrDanglingReference, "cannot open %q: %s", ref, fsErrText(err))
		return nil, nil
	}
	budget := res.opts.maxOSVBytes()
	if !fi.IsDir() {
		data, ok := res.read(ptrOSV, ref, budget, "MaxOSVBytes")
		if !ok {
			return nil, nil
		}
		recs, single := res.osvData(ref, "", data)
		return recs, recordDocs(ref, len(recs), single)
	}
	names, ok := res.osvDir(ref, full)
	if !ok {
		return nil, nil
	}
	recs, docs := []*sbom.OSVRecord{}, []string{}
	for _, name := range names {
		if !res.live() {
			return nil, nil
		}
		file := path.Join(ref, name)
		if budget <= 0 {
			res.errs.Add(ptrOSV, problem.ErrLimit, "the snapshot %q is larger than the limit of %d bytes (raise MaxOSVBytes in the LoadOptions): %q and the files after it were not read", ref, res.opts.maxOSVBytes(), file)
			return nil, nil
		}
		data, ok := res.read(ptrOSV, file, budget, "MaxOSVBytes")
		if !ok {
			continue
		}
		budget -= int64(len(data))
		r, single := res.osvData(file, "", data)
		recs = append(recs, r...)
		docs = append(docs, recordDocs(file, len(r), single)...)
	}
	return recs, docs
}

// recordDocs names the document of each of n records read from file: the
// file itself for a single record, a fragment of it for an array.
func recordDocs(file string, n int, single bool) []string {
	docs := make([]string, n)
	for i := range docs {
		docs[i] = file
		if !single {
			docs[i] = fmt.Sprintf("%s#/%d", file, i)
		}
	}
	return docs
}

// osvDir lists the snapshot directory ref (full in the fs.FS): the names of
// the *.json files directly in it, sorted. Listing stops as soon as the
// directory holds more entries than MaxOSVFiles, whatever their kind, so a
// directory of millions of files costs no more than the limit.
func (res *resolver) osvDir(ref, full string) ([]string, bool) {
	f, err := res.fsys.Open(full)
	if err != nil {
		res.errs.Add(ptrOSV, problem.ErrDanglingReference, "cannot open %q: %s", ref, fsErrText(err))
		return nil, false
	}
	defer f.Close()
	dir, ok := f.(fs.ReadDirFile)
	if !ok {
		res.errs.Add(ptrOSV, problem.ErrInvalidValue, "%q cannot be listed as a directory", ref)
		return nil, false
	}
	limit := res.opts.maxOSVFiles()
	var entries []fs.DirEntry
	for {
		if !res.live() {
			return nil, false
		}
		batch, err := dir.ReadDir(256)
		entries = append(entries, batch...)
		if len(entries) > limit {
			res.errs = append(res.errs, &located.Error{Source: ref, Err: problem.ErrLimit,
				Message: fmt.Sprintf("the snapshot directory holds more than %d entries (raise MaxOSVFiles in the LoadOptions, or give a snapshot of the advisories for the product's components)", limit)})
			return nil, false
		}
		if errors.Is(err, io.EOF) || (err == nil && len(batch) == 0) {
			break
		}
		if err != nil {
			res.errs.Add(ptrOSV, problem.ErrInvalidValue, "cannot list %q: %s", ref, fsErrText(err))
			return nil, false
		}
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") {
			continue // one level; only JSON files (a README may sit beside them)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names, true
}

// osvData decodes the OSV records of data (a file, source, or the inline
// member at prefix): one record or an array of records. single reports
// whether data was one record. Problems are located in source (or under
// prefix), a record of an array under its index.
func (res *resolver) osvData(source, prefix string, data []byte) (recs []*sbom.OSVRecord, single bool) {
	lim := res.opts.limits()
	lim.MaxBytes = max(int64(len(data)), 1)
	opts := &sbom.DecodeOptions{Limits: lim}
	trimmed := bytes.TrimLeft(docjson.TrimBOM(data), " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '[' {
		rec, err := sbom.DecodeOSV(res.ctx, bytes.NewReader(data), opts)
		if err != nil {
			if res.live() {
				res.add(source, prefix, err)
			}
			return nil, true
		}
		return []*sbom.OSVRecord{rec}, true
	}
	if errs := docjson.Check(data, docjson.Limits(lim)); errs != nil {
		res.errs.Append(errs.Rebase(source, prefix))
		return nil, false
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(trimmed, &raws); err != nil {
		res.add(source, prefix, err)
		return nil, false
	}
	recs = make([]*sbom.OSVRecord, 0, len(raws))
	for i, raw := range raws {
		if i%256 == 0 && !res.live() {
			return nil, false
		}
		lim.MaxBytes = max(int64(len(raw)), 1)
		rec, err := sbom.DecodeOSV(res.ctx, bytes.NewReader(raw), &sbom.DecodeOptions{Limits: lim})
		if err != nil {
			if res.live() {
				res.add(source, fmt.Sprintf("%s/%d", prefix, i), err)
			}
			continue
		}
		recs = append(recs, rec)
	}
	return recs, false
}

// monitoringForEncode returns vulnerability_monitoring as [Encode] writes
// it: each member its path, or inline; nil when the dossier gives neither.
func monitoringForEncode(d *Dossier) (*monitoringOut, error) {
	m := d.Monitoring
	if m.IsZero() && d.Paths.OSV == "" && d.Paths.VEX == "" {
		return nil, nil
	}
	out := &monitoringOut{}
	switch {
	case d.Paths.OSV != "":
		out.OSV = d.Paths.OSV
	default:
		recs := make([]*sbom.OSVRecord, 0, len(m.OSV))
		for i, r := range m.OSV {
			if r == nil {
				return nil, fmt.Errorf("vulnerability_monitoring: OSV record %d is nil: %w", i, problem.ErrInvalidValue)
			}
			recs = append(recs, r)
		}
		out.OSV = recs
	}
	switch {
	case d.Paths.VEX != "":
		out.VEX = d.Paths.VEX
	case m.VEX != nil:
		out.VEX = m.VEX
	}
	return out, nil
}

// checkVulnerabilities matches the dossier's advisory snapshot against the
// SBOM and records a finding for every affected or undetermined component
// that no VEX statement resolves, and an info finding for everything that
// could not be matched. Without a snapshot it records that the components
// were not checked. It returns the summary for the report (nil without a
// snapshot).
func (a *assessment) checkVulnerabilities(d *Dossier) (*VulnerabilitySummary, error) {
	m := d.Monitoring
	if m.OSV == nil && d.Paths.OSV == "" {
		a.add(SourceSBOM, "", a.finding(ruleNoAdvisorySnapshot, "/vulnerability_monitoring", "",
			"the dossier gives no advisory snapshot: the SBOM's components were not checked for known vulnerabilities, which remain unknown (add vulnerability_monitoring.osv: OSV records for the components)"))
		return nil, nil
	}
	sum := &VulnerabilitySummary{Source: d.Paths.OSV, Statements: len(m.VEX)}
	byID := map[string]int{}
	for i, r := range m.OSV {
		if r == nil {
			continue
		}
		sum.Records++
		if r.Withdrawn != "" {
			sum.Withdrawn++
		}
		if t, err := time.Parse(time.RFC3339, r.Modified); err == nil && t.After(sum.NewestModified) {
			sum.NewestModified = t.UTC()
		}
		if _, ok := byID[r.ID]; !ok {
			byID[r.ID] = i
		}
	}
	inv := d.SBOM.Inventory
	if inv == nil && d.SBOM.Data != nil {
		var err error
		if inv, err = d.SBOM.parse(a.ctx, nil); err != nil {
			return nil, fmt.Errorf("sbom %q: %w", d.SBOM.Path, err)
		}
	}
	if inv == nil {
		return sum, nil // the dossier names no SBOM: a finding of its own
	}
	sum.Matched = true
	mr, err := sbom.MatchOSV(a.ctx, inv, m.OSV)
	if err != nil {
		return nil, err
	}
	comps := map[string]*sbom.Component{}
	if inv.Subject != nil {
		comps[inv.Subject.Pointer] = inv.Subject
	}
	for i := range inv.Components {
		comps[inv.Components[i].Pointer] = &inv.Components[i]
	}
	vex := indexVEX(m.VEX)
	sbomDoc := sbomDocument(d.SBOM)

	// One verdict per (vulnerability, component): two records with the
	// same ID give one finding, the more cautious status winning.
	type key struct{ vuln, comp string }
	worst := map[key]int{}
	var matches []sbom.Match
	for _, mt := range mr.Matches {
		k := key{mt.Vulnerability, mt.Pointer}
		i, seen := worst[k]
		switch {
		case !seen:
			worst[k] = len(matches)
			matches = append(matches, mt)
		case matchRank(mt.Status) > matchRank(matches[i].Status):
			matches[i] = mt
		}
	}
	for n, mt := range matches {
		if n%1024 == 0 {
			if err := a.ctx.Err(); err != nil {
				return nil, err
			}
		}
		if mt.Status == sbom.MatchNotAffected {
			sum.NotAffected++
			continue
		}
		statuses := vex.statuses(mt)
		if resolves(statuses) {
			sum.ResolvedByVEX++
			continue
		}
		what := componentText(comps[mt.Pointer], mt.Component)
		vuln := vulnText(mt, m.OSV, byID)
		said := ""
		if len(statuses) > 0 {
			said = fmt.Sprintf(" (the VEX statements say %s)", joinStatuses(statuses))
		}
		if mt.Status == sbom.MatchAffected {
			sum.Affected++
			a.add(SourceSBOM, sbomDoc, a.finding(ruleKnownVulnerability, mt.Pointer, mt.Component,
				"%s is affected by %s: %s%s; update the component, or assess the vulnerability and record a VEX statement (not_affected with its justification, or fixed)",
				what, vuln, mt.Reason, said))
			continue
		}
		sum.Undetermined++
		a.add(SourceSBOM, sbomDoc, a.finding(ruleVulnerabilityUndetermined, mt.Pointer, mt.Component,
			"%s matches %s, but whether its version is affected cannot be decided (%s)%s: assess it and record a VEX statement",
			what, vuln, mt.Reason, said))
	}
	for _, sk := range mr.Skipped {
		sum.Skipped++
		if sk.Vulnerability == "" {
			a.add(SourceSBOM, sbomDoc, a.finding(ruleVulnerabilityMatchSkipped, sk.Pointer, sk.Component,
				"%s; no advisory can be matched to it, so its known vulnerabilities are unknown", sk.Reason))
			continue
		}
		doc := ptrOSV
		if i, ok := byID[sk.Vulnerability]; ok && i < len(d.Paths.OSVRecords) {
			doc = d.Paths.OSVRecords[i]
		} else if ok {
			doc = fmt.Sprintf("#%s/%d", ptrOSV, i)
		}
		a.add(SourceSBOM, doc, a.finding(ruleVulnerabilityMatchSkipped, sk.Pointer, sk.Vulnerability,
			"%s; whether a component of the product is affected is unknown", sk.Reason))
	}
	return sum, nil
}

func matchRank(s sbom.MatchStatus) int {
	switch s {
	case sbom.MatchAffected:
		return 3
	case sbom.MatchUndetermined:
		return 2
	case sbom.MatchNotAffected:
		return 1
	}
	return 0
}

// vexIndex maps a vulnerability ID (upper case) and a component bom-ref to
// the statuses the statements give.
type vexIndex map[string]map[string][]sbom.VEXStatus

func indexVEX(stmts []sbom.VEXStatement) vexIndex {
	idx := vexIndex{}
	for _, s := range stmts {
		id := strings.ToUpper(s.Vulnerability)
		byComp := idx[id]
		if byComp == nil {
			byComp = map[string][]sbom.VEXStatus{}
			idx[id] = byComp
		}
		for _, c := range s.Components {
			if !slices.Contains(byComp[c], s.Status) {
				byComp[c] = append(byComp[c], s.Status)
			}
		}
	}
	return idx
}

// statuses returns the statuses the statements give to the match's
// component for its vulnerability, named by the record's ID or an alias.
func (idx vexIndex) statuses(mt sbom.Match) []sbom.VEXStatus {
	if mt.Component == "" || len(idx) == 0 {
		return nil
	}
	var out []sbom.VEXStatus
	for _, id := range append([]string{mt.Vulnerability}, mt.Aliases...) {
		for _, st := range idx[strings.ToUpper(id)][mt.Component] {
			if !slices.Contains(out, st) {
				out = append(out, st)
			}
		}
	}
	slices.Sort(out)
	return out
}

// resolves reports whether statements with these statuses resolve a match:
// some say not_affected or fixed, and none says affected or
// under_investigation (statements that disagree resolve nothing).
func resolves(statuses []sbom.VEXStatus) bool {
	ok := false
	for _, s := range statuses {
		switch s {
		case sbom.StatusNotAffected, sbom.StatusFixed:
			ok = true
		case sbom.StatusAffected, sbom.StatusUnderInvestigation:
			return false
		}
	}
	return ok
}

func joinStatuses(ss []sbom.VEXStatus) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.String()
	}
	return strings.Join(out, " and ")
}

// componentText names a component for a message.
func componentText(c *sbom.Component, ref string) string {
	if c == nil {
		return fmt.Sprintf("component %q", clip(ref, 200))
	}
	s := fmt.Sprintf("component %q", clip(c.Name, 200))
	if c.Version != "" {
		s += " " + clip(c.Version, 100)
	}
	if c.Ref != "" {
		s += fmt.Sprintf(" (bom-ref %q)", clip(c.Ref, 200))
	}
	return s
}

// vulnText names a vulnerability for a message: its ID, aliases and
// summary.
func vulnText(mt sbom.Match, recs []*sbom.OSVRecord, byID map[string]int) string {
	s := clip(mt.Vulnerability, 200)
	if len(mt.Aliases) > 0 {
		aliases := mt.Aliases
		if len(aliases) > 5 {
			aliases = aliases[:5]
		}
		s += " (" + clip(strings.Join(aliases, ", "), 300) + ")"
	}
	if i, ok := byID[mt.Vulnerability]; ok && recs[i] != nil && recs[i].Summary != "" {
		s += fmt.Sprintf(", %q", clip(recs[i].Summary, 200))
	}
	return s
}

// writeVulnerabilitiesMarkdown writes the report's summary of the advisory
// snapshot as a Markdown section, through p (RenderMarkdown's writer).
func writeVulnerabilitiesMarkdown(p func(string, ...any), r *Report) {
	p("\n## Known vulnerabilities (advisory snapshot)\n\n")
	v := r.Vulnerabilities
	if v == nil {
		p("The dossier gives no advisory snapshot: the components were not checked for known vulnerabilities.\n")
		return
	}
	p("%s\n", mdEscape(v.String()))
}

// String says in words what the snapshot holds and what matching it
// against the SBOM found, as the reports show it.
func (v *VulnerabilitySummary) String() string {
	if v == nil {
		return "no advisory snapshot"
	}
	var b strings.Builder
	b.WriteString("Snapshot")
	if v.Source != "" {
		fmt.Fprintf(&b, " %s", v.Source)
	}
	fmt.Fprintf(&b, ": %d OSV record(s), %d withdrawn", v.Records, v.Withdrawn)
	if !v.NewestModified.IsZero() {
		fmt.Fprintf(&b, ", newest modified %s", v.NewestModified.Format("2006-01-02"))
	}
	fmt.Fprintf(&b, "; %d VEX statement(s). ", v.Statements)
	if !v.Matched {
		b.WriteString("Not matched: the dossier has no SBOM.")
		return b.String()
	}
	fmt.Fprintf(&b, "Matched against the SBOM: %d affected and %d undetermined (vulnerability, component) pair(s) without a resolving VEX statement (each a finding), %d resolved by a VEX statement (not_affected or fixed), %d outside the affected versions, %d that could not be matched.",
		v.Affected, v.Undetermined, v.ResolvedByVEX, v.NotAffected, v.Skipped)
	return b.String()
}
