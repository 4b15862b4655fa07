package sarif

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// ToolName is the name of the tool a SARIF log of this package names as
// driver.
const ToolName = "sdlkit-iec62443"

// InformationURI is the tool's information URI.
const InformationURI = "https://github.com/sdlkit/iec62443"

// FingerprintKey is the key of the partial fingerprint each result carries:
// a hash of its rule, document, pointer, subject and requirement, stable
// across runs, so code-scanning tools track a finding while its message
// changes.
const FingerprintKey = "sdlkitFinding/v1"

// Options tunes [EncodeReport]. A nil *Options means defaults.
type Options struct {
	// Dossier is the path of the dossier file as the results' artifact URIs
	// should give it, relative to the root the consumer resolves URIs
	// against (for code scanning: the repository root), such as
	// "compliance/plc7/dossier.json". The parts the dossier references are
	// located relative to its directory. Zero means "dossier.json".
	Dossier string
	// Root, when not nil, is the file system Dossier is a path in (slash
	// separated, as fs.FS wants it); the results located in its JSON
	// documents then get the line of their pointer (the line of the member
	// or element it names, or of its nearest existing ancestor). Nil means
	// results carry no line.
	Root fs.FS
	// MaxDocumentBytes bounds each document read from Root to find lines; a
	// larger document gets no lines. Zero means 32 MiB.
	MaxDocumentBytes int64
}

func (o *Options) dossier() string {
	if o == nil || o.Dossier == "" {
		return "dossier.json"
	}
	return o.Dossier
}

// level maps a severity to a SARIF level: critical and high findings are
// errors, medium ones warnings, low and informational ones notes.
func level(s requirement.Severity) string {
	switch s {
	case requirement.SeverityCritical, requirement.SeverityHigh:
		return gosarif.LevelError
	case requirement.SeverityMedium:
		return gosarif.LevelWarning
	case requirement.SeverityLow, requirement.SeverityInfo:
		return gosarif.LevelNote
	}
	return gosarif.LevelWarning
}

// securitySeverity is the CVSS-like score code-scanning tools (GitHub) read
// from a rule's "security-severity" property to rank security alerts.
func securitySeverity(s requirement.Severity) string {
	switch s {
	case requirement.SeverityCritical:
		return "9.5"
	case requirement.SeverityHigh:
		return "8.0"
	case requirement.SeverityMedium:
		return "5.5"
	case requirement.SeverityLow:
		return "3.0"
	case requirement.SeverityInfo:
		return "0.0"
	}
	return "5.5"
}

func str(s string) *string { return &s }

// basisText says what a basis means for a reader of a rule's help.
func basisText(b requirement.Basis) string {
	switch b {
	case requirement.BasisPublished:
		return "published text: it checks what EN IEC 62443-4-1:2018, the CRA, BSI TR-03183-2 or the NTIA minimum elements ask for"
	case requirement.BasisProvisional:
		return "provisional: it checks the SDK's reading of the unpublished A11 draft, which may change when the final text is cited"
	}
	return "not recorded"
}

// ruleDescriptor is the SARIF reporting descriptor of a registry rule.
func ruleDescriptor(r requirement.Rule) *gosarif.ReportingDescriptor {
	d := gosarif.NewRule(string(r.ID))
	d.ShortDescription = &gosarif.MultiformatMessageString{Text: str(r.Description)}
	full := fmt.Sprintf("%s. Basis: %s.", strings.TrimSuffix(r.Description, "."), basisText(r.Basis))
	d.FullDescription = &gosarif.MultiformatMessageString{Text: str(full)}
	var refs []string
	for _, ref := range r.Requirements {
		refs = append(refs, ref.Edition.String()+" "+string(ref.ID))
	}
	help := []string{
		"Checks that " + strings.TrimSuffix(r.Description, ".") + ".",
		"Default severity: " + r.Severity.String() + ".",
		"Basis: " + basisText(r.Basis) + ".",
	}
	md := []string{
		"**" + string(r.ID) + "**: " + r.Description,
		"",
		"- default severity: " + r.Severity.String(),
		"- basis: " + basisText(r.Basis),
	}
	if len(refs) > 0 {
		help = append(help, "Requirements: "+strings.Join(refs, ", ")+".")
		md = append(md, "- requirements: "+strings.Join(refs, ", "))
	}
	if r.Package != "" {
		md = append(md, "- raised by package `"+r.Package+"`")
	}
	d.Help = &gosarif.MultiformatMessageString{Text: str(strings.Join(help, " ")), Markdown: str(strings.Join(md, "\n"))}
	d.HelpURI = str(InformationURI)
	cfg := gosarif.NewReportingConfiguration()
	cfg.Level = level(r.Severity)
	d.DefaultConfiguration = cfg
	props := gosarif.NewPropertyBag()
	props.Add("basis", r.Basis.String())
	props.Add("severity", r.Severity.String())
	props.Add("security-severity", securitySeverity(r.Severity))
	pkg := r.Package
	if pkg == "" {
		pkg = "iec62443"
	}
	props.Add("package", pkg)
	if len(refs) > 0 {
		props.Add("requirements", refs)
	}
	props.Tags = []string{"security", "compliance", "iec62443-4-1", r.Basis.String()}
	d.Properties = props
	return d
}

// location says where a group's findings are: the artifact URI of its
// document (empty when it is no file), the prefix its pointers are relative
// to inside that file, and the document name for logical locations.
type location struct {
	uri, prefix, document string
}

func locate(dossier, document string) location {
	dir := path.Dir(dossier)
	switch {
	case document == "":
		return location{uri: dossier, document: dossier}
	case strings.HasPrefix(document, "#"):
		return location{uri: dossier, prefix: strings.TrimPrefix(document, "#"), document: dossier}
	case strings.HasPrefix(document, "report#"), document == "sbom":
		// the report's own members ("report#/soa") and SBOM data a program
		// set without a path: no file to point into
		return location{document: document}
	case strings.Contains(document, "#"):
		// a part of a file, such as one record of an OSV array file
		// ("osv.json#/1"): the file, with the pointers under that part
		file, prefix, _ := strings.Cut(document, "#")
		p := path.Join(dir, file)
		return location{uri: p, prefix: prefix, document: p}
	}
	return location{uri: path.Join(dir, document), document: path.Join(dir, document)}
}

// EncodeReport writes the findings of a report as a SARIF 2.1.0 log (JSON):
// one run whose tool lists every rule of the registry ([iec62443.Rules])
// with its description, help text, default level and whether it rests on
// published or provisional text (the "basis" property and a tag), and one
// result per finding.
//
// A result's level follows its severity (critical and high: error; medium:
// warning; low and info: note). It is located by the document its finding
// group names, as an artifact URI relative to [Options].Dossier, with the
// JSON pointer as logical location (fully qualified name
// "document#/pointer"); with [Options].Root, also by the line the pointer
// names. Results of the resolved statement of applicability or of SBOM data
// without a path have only the logical location. Each result carries its
// severity, basis, edition, requirement, subject and pointer as properties
// and a partial fingerprint ([FingerprintKey]). Findings a report left out
// by its per-rule cap are counted in the run's "omitted" property.
//
// A nil rep fails with problem.ErrNilInput. The output is deterministic.
func EncodeReport(w io.Writer, rep *iec62443.Report, opts *Options) error {
	switch {
	case w == nil:
		return fmt.Errorf("sarif: encode report: nil writer: %w", problem.ErrNilInput)
	case rep == nil:
		return fmt.Errorf("sarif: encode report: nil report: %w", problem.ErrNilInput)
	}
	doc := gosarif.NewReport()
	run := gosarif.NewRunWithInformationURI(ToolName, InformationURI)
	run.Tool.Driver.FullName = str("sdlkit IEC 62443-4-1 assessment")
	run.Tool.Driver.Organization = str("sdlkit")
	index := map[requirement.RuleID]int{}
	for _, r := range iec62443.Rules() {
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, ruleDescriptor(r))
	}
	lines := newLineFinder(opts)
	var omitted []map[string]any
	for _, g := range rep.Findings {
		loc := locate(opts.dossier(), g.Document)
		for _, f := range g.Findings {
			i, ok := index[f.Rule]
			if !ok {
				// not in the registry: describe it from the finding
				i = len(run.Tool.Driver.Rules)
				index[f.Rule] = i
				run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, ruleDescriptor(requirement.Rule{
					ID: f.Rule, Severity: f.Severity, Basis: f.Basis, Description: "a rule outside the SDK's registry",
				}))
			}
			run.AddResult(result(f, i, loc, lines))
		}
		for _, o := range g.Omitted {
			omitted = append(omitted, map[string]any{"rule": string(o.Rule), "severity": o.Severity.String(), "count": o.Count, "document": loc.document})
		}
	}
	props := gosarif.NewPropertyBag()
	props.Add("edition", rep.Edition.String())
	props.Add("catalog-version", rep.CatalogVersion)
	if !rep.AssessedAt.IsZero() {
		props.Add("assessed-at", rep.AssessedAt.UTC().Format("2006-01-02T15:04:05Z"))
	}
	props.Add("product", strings.TrimSpace(rep.Product.Name+" "+rep.Product.Version))
	props.Add("verdict", rep.Verdict.Outcome.String())
	if len(omitted) > 0 {
		props.Add("omitted", omitted)
	}
	run.Properties = props
	doc.AddRun(run)
	b, err := compact(doc)
	if err != nil {
		return fmt.Errorf("sarif: encode report: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("sarif: encode report: %w", err)
	}
	return nil
}

func result(f requirement.Finding, ruleIndex int, loc location, lines *lineFinder) *gosarif.Result {
	r := gosarif.NewRuleResult(string(f.Rule))
	r.RuleIndex = ruleIndex
	r.Level = level(f.Severity)
	r.Message = gosarif.NewTextMessage(f.Message)
	pointer := loc.prefix + f.Pointer
	l := gosarif.NewLocation()
	ll := gosarif.NewLogicalLocation()
	ll.FullyQualifiedName = str(loc.document + "#" + pointer)
	ll.Name = str(lastToken(pointer))
	ll.Kind = str("member")
	l.LogicalLocations = []*gosarif.LogicalLocation{ll}
	if loc.uri != "" {
		al := gosarif.NewArtifactLocation()
		al.URI = str(loc.uri)
		pl := gosarif.NewPhysicalLocation()
		pl.ArtifactLocation = al
		if line := lines.line(loc.uri, pointer); line > 0 {
			region := gosarif.NewRegion()
			region.StartLine = &line
			pl.Region = region
		}
		l.PhysicalLocation = pl
	}
	r.Locations = []*gosarif.Location{l}
	props := gosarif.NewPropertyBag()
	props.Add("severity", f.Severity.String())
	if f.Basis.Valid() {
		props.Add("basis", f.Basis.String())
	}
	if f.Requirement != "" {
		props.Add("requirement", string(f.Requirement))
		if f.Edition.Valid() {
			props.Add("edition", f.Edition.String())
		}
	}
	if f.Subject != "" {
		props.Add("subject", f.Subject)
	}
	props.Add("pointer", pointer)
	r.Properties = props
	sum := sha256.Sum256([]byte(strings.Join([]string{string(f.Rule), loc.document, pointer, f.Subject, string(f.Requirement)}, "\x00")))
	r.PartialFingerprints = map[string]string{FingerprintKey: hex.EncodeToString(sum[:16])}
	return r
}

// lastToken returns the last reference token of a JSON pointer, unescaped;
// "" for the root.
func lastToken(ptr string) string {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return ""
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(ptr[i+1:])
}

// pointerPrefixes returns ptr and every ancestor of it, longest first,
// ending with the root "".
func pointerPrefixes(ptr string) []string {
	out := []string{ptr}
	for ptr != "" {
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			break
		}
		ptr = ptr[:i]
		out = append(out, ptr)
	}
	if !slices.Contains(out, "") {
		out = append(out, "")
	}
	return out
}

// sentinels are the members go-sarif writes with the value -1 to mean
// "unset"; -1 is also their schema default, so leaving them out changes
// nothing.
var sentinels = map[string]bool{"index": true, "parentIndex": true, "id": true, "byteOffset": true, "charOffset": true, "rank": true}

// compact marshals a log as go-sarif builds it, without the empty arrays and
// the -1 "unset" values it writes for every optional member (SARIF defaults
// them all), so that the log reads like one a person would write. The
// results array stays, even when empty: an empty array says the run found
// nothing, a missing one that it did not run.
func compact(doc *gosarif.Report) ([]byte, error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return docjson.Marshal(prune(v))
}

func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if a, ok := e.([]any); ok && len(a) == 0 && k != "results" && k != "runs" {
				delete(x, k)
				continue
			}
			if n, ok := e.(json.Number); ok && n == "-1" && sentinels[k] {
				delete(x, k)
				continue
			}
			x[k] = prune(e)
		}
	case []any:
		for i, e := range x {
			x[i] = prune(e)
		}
	}
	return v
}
