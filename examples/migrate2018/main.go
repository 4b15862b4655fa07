// Command migrate2018 moves a statement of applicability (SoA) written against
// EN IEC 62443-4-1:2018 to the A11 draft catalog and tells the team what is new:
// which requirements were re-keyed to another ID, which changed and need their
// evidence re-verified, which are new in A11 (open gaps, grouped by practice),
// which were retired, and which gaps the migrated statement still has.
//
// It reads a 2018 statement in the SDK's SoA JSON form (package soa), migrates
// it with [soa.Migrate] along the catalogs' delta and validates the result
// with [soa.Validate] against [requirement.Default] (the A11 catalog).
//
// Usage:
//
//	go run ./examples/migrate2018                        # the embedded sample: the 2018 SoA of the Nordwerk PLC-7 controller
//	go run ./examples/migrate2018 path/to/soa-2018.json  # your statement; "-" reads standard input
//	go run ./examples/migrate2018 -json -o soa-a11.json path/to/soa-2018.json
//
// Flags:
//
//	-json          write the migrated A11 statement (SoA JSON) instead of the Markdown report
//	-o FILE        write to FILE instead of standard output
//	-now RFC3339   migration time: its date becomes the migrated statement's issue date (default: now)
//	-author NAME   author of the migrated statement (default: the 2018 statement's author)
//
// Exit status: 0 when the migrated statement has no findings, 1 when gaps
// remain (always the case for a real 2018 statement: the requirements new in
// A11 are open), 2 on bad input or usage. Every problem of a bad statement is
// printed to standard error on its own line, located by JSON pointer.
//
// The input is bounded before it is read: a file larger than 32 MiB (the
// SDK decoders' default limit) is refused by its size, standard input as
// soon as it passes the limit, and a directory, FIFO or device at once.
//
// A11 is a draft: its requirement IDs, titles and the delta used here are
// provisional (see package requirement).
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/internal/cli"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// sample is the statement migrated when no path is given: the 2018 SoA of a
// PLC, with a realistic mix of verified, in-progress and excluded entries.
//
//go:embed testdata/plc7-2018.soa.json
var sample []byte

// sampleName names the embedded sample in messages.
const sampleName = "plc7-2018.soa.json (embedded sample)"

// Exit statuses.
const (
	exitOK       = cli.ExitOK
	exitGaps     = cli.ExitGaps
	exitBadInput = cli.ExitBadInput
)

// maxInput bounds the input read: 32 MiB, the default size limit of the
// SDK's decoders.
const maxInput = 32 << 20

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// run is the whole program: it parses args, reads the statement (the embedded
// sample, a file, or stdin for "-"), migrates it and writes the result. It
// returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	prog := cli.Program{Name: "migrate2018", Stderr: stderr}
	fl := prog.FlagSet("migrate2018 [-json] [-o FILE] [-now RFC3339] [-author NAME] [soa-2018.json | -]")
	asJSON := fl.Bool("json", false, "write the migrated A11 statement (SoA JSON) instead of the Markdown report")
	out := fl.String("o", "", "write to this file instead of standard output")
	nowFlag := fl.String("now", "", "migration time, RFC 3339; its date is the migrated statement's issue date (default: now)")
	author := fl.String("author", "", "author of the migrated statement (default: the 2018 statement's author)")
	if exit, ok := prog.Parse(fl, args, 1); !ok {
		return exit
	}
	now, err := cli.ParseNow(*nowFlag, time.Now())
	if err != nil {
		return prog.Errorf("%v", err)
	}

	name, data, err := readInput(fl.Arg(0), stdin)
	if err != nil {
		return prog.Errorf("%v", err)
	}
	old, err := soa.Decode(bytes.NewReader(data), nil)
	if err != nil {
		return prog.Fail(name, err)
	}
	if old.Edition != requirement.Edition2018 {
		return prog.Errorf("%s#/edition: the statement is of edition %s; this program migrates 2018 statements", name, old.Edition)
	}
	from, err := requirement.ForEdition(requirement.Edition2018)
	if err != nil {
		return prog.Errorf("%v", err)
	}
	to := requirement.Default()
	migrated, report, err := soa.Migrate(old, from, to, &soa.MigrateOptions{Issued: requirement.DateOf(now), Author: *author})
	if err != nil {
		return prog.Fail(name, err)
	}
	findings, err := soa.Validate(migrated, to, nil)
	if err != nil {
		// A migrated statement that does not validate is a defect of the
		// SDK, not of the input; report it as such.
		return prog.Fail(name+" (migrated)", err)
	}

	var buf bytes.Buffer
	if *asJSON {
		err = soa.Encode(&buf, migrated)
	} else {
		err = writeReport(&buf, migrated, report, findings, to)
	}
	if err != nil {
		return prog.Errorf("%v", err)
	}
	if err := cli.WriteOutput(*out, stdout, buf.Bytes()); err != nil {
		return prog.Errorf("%v", err)
	}
	if len(findings) > 0 {
		return exitGaps
	}
	return exitOK
}

// readInput returns the name and content of the input: the embedded sample
// for "", standard input for "-", otherwise the file at path, read within
// maxInput bytes (a larger file is refused by its size before it is read; a
// FIFO, device or directory at once).
func readInput(path string, stdin io.Reader) (string, []byte, error) {
	if path == "" {
		return sampleName, sample, nil
	}
	return cli.ReadInput(path, stdin, maxInput)
}

// writeReport writes the Markdown report "what is new for the team".
func writeReport(w io.Writer, s *soa.Statement, rep *soa.MigrationReport, findings []requirement.Finding, to *requirement.Catalog) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	var unchanged, changed, rekeyed, merged, opened, retired []soa.MigrationRecord
	for _, r := range rep.Records {
		switch r.Action {
		case soa.ActionCarried:
			if r.Change == requirement.ChangeUnchanged {
				unchanged = append(unchanged, r)
			} else {
				changed = append(changed, r)
			}
		case soa.ActionReKeyed:
			rekeyed = append(rekeyed, r)
		case soa.ActionMerged:
			merged = append(merged, r)
		case soa.ActionOpened:
			opened = append(opened, r)
		case soa.ActionRetired:
			retired = append(retired, r)
		}
	}

	p("# What is new in A11 for %s %s\n\n", md(s.Product.Name), md(s.Product.Version))
	p("The statement of applicability of **%s** %s (%s) was migrated from edition %s (catalog %s) to edition %s (catalog %s), issued %s.\n\n",
		md(s.Product.Name), md(s.Product.Version), md(s.Product.Manufacturer),
		rep.FromEdition, md(rep.FromCatalog), rep.ToEdition, md(rep.ToCatalog), s.Issued)
	p("> A11 is a draft: its requirement IDs, titles and the changes listed here are provisional.\n")
	p("> Requirement IDs mean something only with their edition: A11 SR-1 is not 2018 SR-1.\n\n")

	p("## Summary\n\n")
	p("| What happened | Requirements |\n|---|---:|\n")
	p("| Carried over unchanged | %d |\n", len(unchanged))
	p("| Carried over, requirement changed: re-verify the evidence | %d |\n", len(changed))
	p("| Re-keyed to another ID | %d |\n", len(rekeyed))
	p("| Merged into one A11 requirement | %d |\n", len(merged))
	p("| New in A11: open gaps | %d |\n", len(opened))
	p("| Retired: no longer required | %d |\n", len(retired))
	p("| Findings on the migrated statement | %d |\n\n", len(findings))

	entry := entryIndex(s)

	p("## Re-keyed requirements\n\n")
	if len(rekeyed) == 0 {
		p("None.\n\n")
	} else {
		p("The same obligation under another ID: update references in documents, tickets and tools.\n\n")
		p("| 2018 | A11 | A11 title | Decision | Status | What changes |\n|---|---|---|---|---|---|\n")
		for _, r := range rekeyed {
			e := entry[r.To]
			p("| %s | %s | %s | %s | %s | %s |\n", r.From, r.To, md(title(to, r.To)), text(e.Decision), text(e.Status), md(r.Summary))
		}
		p("\n")
	}

	p("## Changed requirements: re-verify the evidence\n\n")
	if len(changed) == 0 {
		p("None.\n\n")
	} else {
		p("Decision, status and evidence were carried over; A11 asks for more or something else, so the evidence must be checked again.\n\n")
		p("| ID | Title | Status carried over | What changes |\n|---|---|---|---|\n")
		for _, r := range changed {
			e := entry[r.To]
			p("| %s | %s | %s | %s |\n", r.To, md(title(to, r.To)), text(e.Status), md(r.Summary))
		}
		p("\n")
	}

	p("## Merged requirements\n\n")
	if len(merged) == 0 {
		p("None.\n\n")
	} else {
		p("Several 2018 entries now make up one A11 requirement; the merged entry keeps the most demanding decision and the least advanced status.\n\n")
		p("| 2018 | A11 | A11 title | What changes |\n|---|---|---|---|\n")
		for _, r := range merged {
			p("| %s | %s | %s | %s |\n", r.From, r.To, md(title(to, r.To)), md(r.Summary))
		}
		p("\n")
	}

	p("## New in A11: open gaps by practice\n\n")
	if len(opened) == 0 {
		p("None.\n\n")
	} else {
		p("Each is in the migrated statement as applicable and planned, without owner, flagged `%s`: decide whether it applies (with a justification if not), name an owner and plan the work.\n\n", soa.FlagNewRequirement)
		for _, pr := range to.Practices() {
			var rs []soa.MigrationRecord
			for _, r := range opened {
				if r.To.Practice() == pr {
					rs = append(rs, r)
				}
			}
			if len(rs) == 0 {
				continue
			}
			p("### %s: %s (%d)\n\n", pr, md(pr.Name()), len(rs))
			p("| ID | Title | What to do |\n|---|---|---|\n")
			for _, r := range rs {
				p("| %s | %s | %s |\n", r.To, md(title(to, r.To)), md(r.Summary))
			}
			p("\n")
		}
	}

	p("## Retired requirements\n\n")
	if len(retired) == 0 {
		p("None: every 2018 requirement is carried into A11.\n\n")
	} else {
		p("Nothing in A11 carries these over; their 2018 entries are kept in the migration report only.\n\n")
		p("| 2018 | Decision | Status | Why |\n|---|---|---|---|\n")
		for _, r := range retired {
			p("| %s | %s | %s | %s |\n", r.From, text(r.Original.Decision), text(r.Original.Status), md(r.Summary))
		}
		p("\n")
	}

	// The findings on the new requirements and the requirement-changed
	// flags repeat the sections above; list the others one by one.
	isOpened := make(map[requirement.ID]bool, len(opened))
	for _, r := range opened {
		isOpened[r.To] = true
	}
	var rest []requirement.Finding
	for _, f := range findings {
		if f.Rule != requirement.RuleID("soa.requirement-changed") && (f.Subject == "" || !isOpened[f.Requirement]) {
			rest = append(rest, f)
		}
	}
	flaggedChanged := 0
	for _, e := range s.Entries {
		if e.HasFlag(soa.FlagRequirementChanged) {
			flaggedChanged++
		}
	}
	p("## Findings on the migrated statement\n\n")
	if len(findings) == 0 {
		p("None.\n\n")
	} else {
		p("%d finding(s) (%s) from validating the migrated statement against the A11 catalog, by rule:\n\n", len(findings), cli.SeverityCounts(findings))
		p("| Rule | Severity | Findings |\n|---|---|---:|\n")
		for _, rc := range ruleCounts(findings) {
			p("| `%s` | %s | %d |\n", rc.rule, rc.severity, rc.n)
		}
		p("\n")
		p("### Other findings (%d)\n\n", len(rest))
		if len(rest) == 0 {
			p("None besides the new requirements and the `%s` flags above.\n\n", soa.FlagRequirementChanged)
		} else {
			p("Besides the new requirements and the `%s` flags above; pointers locate each gap in the migrated statement (write it with `-json`).\n\n", soa.FlagRequirementChanged)
			p("| Requirement | Severity | Rule | Where | What to do |\n|---|---|---|---|---|\n")
			for _, f := range rest {
				req := string(f.Requirement)
				if req == "" {
					req = "(statement)"
				}
				p("| %s | %s | `%s` | `%s` | %s |\n", req, f.Severity, f.Rule, cli.Pointer(f.Pointer), md(f.Message))
			}
			p("\n")
		}
	}

	p("## Next steps\n\n")
	n := 0
	step := func(format string, args ...any) {
		n++
		p("%d. ", n)
		p(format, args...)
		p("\n")
	}
	if len(opened) > 0 {
		step("Assess the %d new requirement(s): decide applicability, name owners, plan the work.", len(opened))
	}
	if flaggedChanged > 0 {
		step("Re-verify the evidence of the %d requirement(s) flagged `%s` (changed, re-keyed or merged), then remove the flag.", flaggedChanged, soa.FlagRequirementChanged)
	}
	if len(rekeyed) > 0 {
		step("Update references to the %d re-keyed requirement(s) in documents, tickets and tools.", len(rekeyed))
	}
	if len(retired) > 0 {
		step("Archive the evidence of the %d retired requirement(s).", len(retired))
	}
	if hasRule(findings, requirement.RuleID("soa.context-missing")) {
		step("Record the Annex B category and security profile (a 2018 statement has neither).")
	}
	if hasRule(findings, requirement.RuleID("soa.not-approved")) {
		step("Have the migrated statement approved: the migration clears the approval.")
	}
	step("Keep working in the migrated statement: `migrate2018 -json -o soa-a11.json`.")

	_, err := io.WriteString(w, b.String())
	return err
}

// entryIndex maps each requirement of s to its entry.
func entryIndex(s *soa.Statement) map[requirement.ID]soa.Entry {
	m := make(map[requirement.ID]soa.Entry, len(s.Entries))
	for _, e := range s.Entries {
		m[e.Requirement] = e
	}
	return m
}

// title returns the catalog title of id, or "" when cat lacks it.
func title(cat *requirement.Catalog, id requirement.ID) string {
	r, ok := cat.Lookup(id)
	if !ok {
		return ""
	}
	return r.Title()
}

// text returns v's String, or "-" for the unset zero value.
func text[T interface {
	Valid() bool
	String() string
}](v T) string {
	if !v.Valid() {
		return "-"
	}
	return v.String()
}

// hasRule reports whether a finding of rule r is in fs.
func hasRule(fs []requirement.Finding, r requirement.RuleID) bool {
	return slices.ContainsFunc(fs, func(f requirement.Finding) bool { return f.Rule == r })
}

type ruleCount struct {
	rule     requirement.RuleID
	severity requirement.Severity
	n        int
}

// ruleCounts counts the findings per rule and severity, most severe first,
// then by rule ID.
func ruleCounts(fs []requirement.Finding) []ruleCount {
	var rcs []ruleCount
	for _, f := range fs {
		i := slices.IndexFunc(rcs, func(rc ruleCount) bool { return rc.rule == f.Rule && rc.severity == f.Severity })
		if i < 0 {
			rcs = append(rcs, ruleCount{rule: f.Rule, severity: f.Severity})
			i = len(rcs) - 1
		}
		rcs[i].n++
	}
	slices.SortFunc(rcs, func(a, b ruleCount) int {
		if a.severity != b.severity {
			return int(b.severity - a.severity)
		}
		return strings.Compare(string(a.rule), string(b.rule))
	})
	return rcs
}

// mdEscaper keeps text on one line and escapes the characters Markdown would
// interpret in a table cell or a line.
var mdEscaper = strings.NewReplacer(
	"\\", "\\\\", "|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`",
	"<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]",
	"\r\n", " ", "\n", " ", "\r", " ",
)

// md escapes user and catalog text for Markdown (see mdEscaper), on one
// line and without control characters (cli.OneLine).
func md(s string) string { return mdEscaper.Replace(cli.OneLine(s)) }
