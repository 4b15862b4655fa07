// Command sbomcheck checks a CycloneDX or SPDX SBOM against BSI TR-03183-2 (version
// 2.1.0 unless told otherwise) and against CRA Annex I Part II (1), and prints
// first the verdict of each profile with its reasons and the exit status,
// then per profile the counts per rule and the gaps grouped by rule, each
// rule naming the components that fail it (at most -list per rule, the rest
// counted) with the requirement (A11, provisional) and the JSON pointer into
// the SBOM, so that a build pipeline can fail on an SBOM an authority would
// reject and say exactly what to fix. The output does not grow with the
// number of gaps.
//
// It reads the SBOM with [sbom.Decode], which tells the format from the
// content (CycloneDX 1.4 to 1.7 JSON or XML, SPDX 2.2 and 2.3 JSON or
// tag-value, SPDX 3.0.1 JSON-LD), and applies [sbom.Check] once per profile.
//
// Usage:
//
//	go run ./examples/sbomcheck                          # the embedded sample: the SBOM of the Acme CX-500 PLC firmware
//	go run ./examples/sbomcheck path/to/bom.cdx.json     # CycloneDX JSON or XML, SPDX JSON, tag-value or JSON-LD
//	go run ./examples/sbomcheck - < bom.spdx             # "-" reads standard input, any of these formats
//	go run ./examples/sbomcheck -profile ntia-minimum-elements -json -o report.json bom.cdx.json
//
// Flags:
//
//	-profile NAME  the main profile, one of bsi-tr-03183-2-v2.1.0 (default),
//	               bsi-tr-03183-2-v2.0.0, ntia-minimum-elements and
//	               cra-annex-i-part-ii-1; the CRA profile is always checked too
//	-optional      also list the gaps in optional fields as findings (they are always counted)
//	-list N        list at most N components per rule (default 20; -1 lists all)
//	-strict        exit 1 also when a rule's outcome is unknown (a field that
//	               must be given if it exists is missing everywhere)
//	-skip-schema   do not validate the SBOM against the official schema of its
//	               format version (for an SBOM validated already); the rule
//	               sbom.schema-valid is then not applicable
//	-json          write the inventory summary, the exit status with its meaning
//	               and the reports (verdict and reasons per profile) as JSON
//	-o FILE        write to FILE instead of standard output
//
// Exit status: 0 when no required rule fails, 1 when one does (with -strict,
// also when a rule is unknown), 2 on bad input or usage. Every problem of an
// unreadable SBOM is printed to standard error on its own line, located by
// JSON pointer (XML input is located by the pointers of the equivalent JSON
// document).
//
// The input is bounded before it is read: a file larger than the SBOM
// readers' limit (512 MiB) is refused by its size, standard input as soon as
// it passes the limit, and a directory, FIFO or device at once.
//
// The checks need no clock: the output depends on the SBOM and the flags only.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sdlkit/iec62443/internal/cli"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/sbom"
)

// sample is the SBOM checked when no path is given: the firmware of a PLC
// (embedded Linux, OpenSSL, strongSwan, an OPC UA stack, the manufacturer's
// runtime) with two gaps against TR-03183-2 v2.1.0.
//
//go:embed testdata/cx500-firmware.cdx.json
var sample []byte

// sampleName names the embedded sample in messages.
const sampleName = "cx500-firmware.cdx.json (embedded sample)"

// Exit statuses.
const (
	exitOK       = 0
	exitGaps     = 1
	exitBadInput = 2
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// run is the whole program: it parses args, reads the SBOM (the embedded
// sample, a file, or stdin for "-"), checks it and writes the result. It
// returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	prog := cli.Program{Name: "sbomcheck", Stderr: stderr}
	fl := prog.FlagSet("sbomcheck [-profile NAME] [-optional] [-list N] [-strict] [-skip-schema] [-json] [-o FILE] [SBOM | -]")
	profileName := fl.String("profile", sbom.ProfileTR03183v2_1.String(), "main profile: "+profileNames()+" (the CRA profile is always checked too)")
	optional := fl.Bool("optional", false, "also list the gaps in optional fields as findings")
	listed := fl.Int("list", sbom.DefaultMaxSubjects, "components listed per rule (the others are counted); -1 lists all")
	strict := fl.Bool("strict", false, "exit 1 also when a rule's outcome is unknown")
	asJSON := fl.Bool("json", false, "write the inventory summary and the reports as JSON")
	skipSchema := fl.Bool("skip-schema", false, "do not validate against the official schema (the SBOM was validated already)")
	out := fl.String("o", "", "write to this file instead of standard output")
	if exit, ok := prog.Parse(fl, args, 1); !ok {
		return exit
	}
	var profile sbom.CheckProfile
	if err := profile.UnmarshalText([]byte(*profileName)); err != nil || !profile.Valid() {
		return prog.Errorf("-profile %q: unknown profile (want one of %s)", *profileName, profileNames())
	}
	profiles := []sbom.CheckProfile{profile}
	if profile != sbom.ProfileCRA {
		profiles = append(profiles, sbom.ProfileCRA)
	}

	// The input is streamed to the reader, within the reader's size limit:
	// a file is refused by its size before it is read, a pipe once it
	// passes the limit, a FIFO or device named as the input at once.
	name, in, err := openInput(fl.Arg(0), stdin)
	if err != nil {
		return prog.Errorf("%v", err)
	}
	defer in.Close()
	// The format comes from the content, not the name: CycloneDX JSON or
	// XML, SPDX 2.2/2.3 JSON or tag-value, SPDX 3.0.1 JSON-LD, from a file
	// or from standard input alike.
	ctx := context.Background()
	// The inventory is only checked, never written back: it need not keep
	// a copy of the document (NoAugment), so that CycloneDX JSON streams
	// from the input to the decoder.
	inv, err := sbom.Decode(ctx, in, &sbom.DecodeOptions{SkipSchema: *skipSchema, NoAugment: true})
	if err != nil {
		return prog.Fail(name, err)
	}
	reports := make([]*sbom.Report, 0, len(profiles))
	for _, p := range profiles {
		rep, err := sbom.Check(ctx, inv, p, &sbom.CheckOptions{ReportOptional: *optional, MaxSubjects: maxSubjects(*listed)})
		if err != nil {
			return prog.Errorf("%s: %v", name, err)
		}
		reports = append(reports, rep)
	}

	exit, why := exitStatus(reports, *strict)
	var buf bytes.Buffer
	if *asJSON {
		err = writeJSON(&buf, inv, reports, exit, why)
	} else {
		err = writeText(&buf, inv, reports, exit, why)
	}
	if err != nil {
		return prog.Errorf("%v", err)
	}
	if err := cli.WriteOutput(*out, stdout, buf.Bytes()); err != nil {
		return prog.Errorf("%v", err)
	}
	return exit
}

// maxSubjects turns -list into CheckOptions.MaxSubjects: a negative value
// lists every component, 0 means the default (20).
func maxSubjects(n int) int {
	if n == 0 {
		return sbom.DefaultMaxSubjects
	}
	return n
}

// profileNames lists the text names of every profile, for usage and errors.
func profileNames() string {
	var names []string
	for _, p := range sbom.CheckProfiles() {
		names = append(names, p.String())
	}
	return strings.Join(names, ", ")
}

// openInput opens the input: the embedded sample for "", standard input for
// "-", otherwise the file at path, within the SBOM readers' size limit.
func openInput(path string, stdin io.Reader) (string, io.ReadCloser, error) {
	if path == "" {
		return sampleName, io.NopCloser(bytes.NewReader(sample)), nil
	}
	return cli.OpenInput(path, stdin, sbom.DefaultMaxBytes)
}

// subject names the product the SBOM describes, such as "cx500-firmware 3.2.0".
func subject(inv *sbom.Inventory) string {
	if inv.Subject == nil {
		return "(no metadata.component)"
	}
	return strings.TrimSpace(inv.Subject.Name + " " + inv.Subject.Version)
}

// writeText writes the human-readable report: the SBOM, the verdict of each
// profile and why (all profiles first, with the exit status), then per
// profile the counts per rule and the gaps grouped by rule, each rule
// listing the components it names (at most -list of them, the rest
// counted).
func writeText(w io.Writer, inv *sbom.Inventory, reports []*sbom.Report, exit int, why string) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("SBOM of %s\n", cli.OneLine(subject(inv)))
	if inv.Format == sbom.FormatSPDX {
		p("  format       %s\n", inv.SpecVersion) // "SPDX-2.3"
	} else {
		p("  format       CycloneDX %s\n", inv.SpecVersion)
	}
	p("  serial       %s\n", orNone(inv.SerialNumber))
	p("  created      %s\n", orNone(inv.Timestamp))
	p("  components   %s\n", componentCount(inv))

	p("\nVerdicts:\n")
	for _, rep := range reports {
		p("  %-24s %-8s score %s of 100\n", rep.Profile, rep.Outcome, strconv.FormatFloat(rep.Score, 'f', -1, 64))
		for _, r := range rep.Reasons {
			p("    %s\n", r)
		}
	}
	p("Exit status %d: %s\n", exit, why)

	for _, rep := range reports {
		p("\n== %s: %s, score %s of 100 ==\n\n", rep.Profile, rep.Outcome, strconv.FormatFloat(rep.Score, 'f', -1, 64))
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tREQUIREMENT\tLEVEL\tCHECKED\tPASSED\tFAILED\tUNKNOWN\tOUTCOME")
		for _, r := range rep.Rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", r.Rule.ID, orDash(string(r.Rule.Requirement)), r.Rule.Level, r.Checked, r.Passed, r.Failed, r.Unknown, r.Outcome)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		p("\nComponents with gaps: %d of %d\n", rep.ComponentsWithGaps, rep.Components)

		byRule := map[requirement.RuleID][]requirement.Finding{}
		for _, f := range rep.Findings {
			byRule[f.Rule] = append(byRule[f.Rule], f)
		}
		if len(byRule) == 0 {
			p("\nGaps: none\n")
			continue
		}
		p("\nGaps by rule (%d findings: %s):\n", len(rep.Findings), cli.SeverityCounts(rep.Findings))
		for _, r := range rep.Rules {
			fs := byRule[r.Rule.ID]
			if len(fs) == 0 {
				continue
			}
			p("\n  %s (%s, %s", r.Rule.ID, r.Rule.Level, fs[0].Severity)
			if r.Rule.Requirement != "" {
				p(", %s", r.Rule.Requirement)
			}
			p("): %s\n", ruleCounts(r))
			for _, f := range fs {
				p("    %s\n", cli.Pointer(f.Pointer))
				p("      %s\n", cli.OneLine(f.Message))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// componentCount says how many components were checked, the product the
// SBOM describes included, as the per-rule counts count them.
func componentCount(inv *sbom.Inventory) string {
	if inv.Subject == nil {
		return fmt.Sprintf("%d", len(inv.Components))
	}
	return fmt.Sprintf("%d (the product and %d components)", len(inv.Components)+1, len(inv.Components))
}

// ruleCounts says what a rule found, such as "failed for 1 of 13
// components" or "unknown for 13 of 13 components".
func ruleCounts(r sbom.RuleResult) string {
	var parts []string
	if r.Failed > 0 {
		parts = append(parts, fmt.Sprintf("failed for %d", r.Failed))
	}
	if r.Unknown > 0 {
		parts = append(parts, fmt.Sprintf("unknown for %d", r.Unknown))
	}
	what := "components"
	if !r.Rule.Component {
		what = "checks of the SBOM"
	}
	s := fmt.Sprintf("%s of %d %s", strings.Join(parts, ", "), r.Checked, what)
	if r.Omitted > 0 {
		s += fmt.Sprintf(", %d of them not listed", r.Omitted)
	}
	return s
}

// exitStatus returns the exit status the reports give and what it means.
func exitStatus(reports []*sbom.Report, strict bool) (int, string) {
	var failed, unknown []string
	for _, rep := range reports {
		switch rep.Outcome {
		case requirement.OutcomeFail:
			failed = append(failed, rep.Profile.String())
		case requirement.OutcomeUnknown:
			unknown = append(unknown, rep.Profile.String())
		case requirement.OutcomePass, requirement.OutcomeNotApplicable:
		}
	}
	switch {
	case len(failed) > 0:
		return exitGaps, "a required rule failed (" + strings.Join(failed, ", ") + ")"
	case len(unknown) > 0 && strict:
		return exitGaps, "a rule is unknown and -strict is set (" + strings.Join(unknown, ", ") + ")"
	case len(unknown) > 0:
		return exitOK, "no required rule failed; some data that must be given if it exists is missing (" + strings.Join(unknown, ", ") + "; -strict makes this exit 1)"
	}
	return exitOK, "every profile passed"
}

// jsonOutput is the document -json writes.
type jsonOutput struct {
	// Subject names the product the SBOM describes; "" when it names none.
	Subject string `json:"subject,omitzero"`
	// Format is the SBOM's format: "cyclonedx" or "spdx".
	Format sbom.Format `json:"format"`
	// SpecVersion is the version of the format, as the SBOM states it.
	SpecVersion string `json:"spec_version"`
	// SerialNumber is the SBOM's serial number; "" when it has none.
	SerialNumber string `json:"serial_number,omitzero"`
	// Components counts the components checked: the SBOM's components and
	// the product it describes, as the per-rule counts do.
	Components int `json:"components"`
	// Exit is the program's exit status and what it means.
	Exit jsonExit `json:"exit"`
	// Reports holds one report per profile checked, the main profile first:
	// each has its verdict (outcome and reasons), the counts per rule and
	// the gaps, at most -list components per rule.
	Reports []*sbom.Report `json:"reports"`
}

// jsonExit is the exit status in the JSON output.
type jsonExit struct {
	// Code is 0 when no required rule fails, 1 when one does (with
	// -strict, also when a rule is unknown).
	Code int `json:"code"`
	// Meaning says why.
	Meaning string `json:"meaning"`
}

// writeJSON writes the inventory summary, the exit status and the reports
// as indented JSON.
func writeJSON(w io.Writer, inv *sbom.Inventory, reports []*sbom.Report, exit int, why string) error {
	doc := jsonOutput{
		Format:       inv.Format,
		SpecVersion:  inv.SpecVersion,
		SerialNumber: inv.SerialNumber,
		Components:   len(inv.Components),
		Exit:         jsonExit{Code: exit, Meaning: why},
		Reports:      reports,
	}
	if inv.Subject != nil {
		doc.Subject = subject(inv)
		doc.Components++
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// orDash returns s, or "-" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// orNone returns s, or "(none)" when it is empty.
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return cli.OneLine(s)
}
