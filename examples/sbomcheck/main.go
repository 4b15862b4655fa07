// Command sbomcheck checks a CycloneDX SBOM against BSI TR-03183-2 (version
// 2.1.0 unless told otherwise) and against CRA Annex I Part II (1), and prints
// for each profile the outcome, the score and the counts per rule, then every
// finding with its requirement (A11, provisional) and its JSON pointer into
// the SBOM, so that a build pipeline can fail on an SBOM an authority would
// reject and say exactly what to fix.
//
// It reads the SBOM with [sbom.ReadCycloneDX] and applies [sbom.Check] once
// per profile.
//
// Usage:
//
//	go run ./examples/sbomcheck                          # the embedded sample: the SBOM of the Acme CX-500 PLC firmware
//	go run ./examples/sbomcheck path/to/bom.cdx.json     # CycloneDX JSON; "-" reads JSON from standard input
//	go run ./examples/sbomcheck path/to/bom.cdx.xml      # a path ending in .xml is read as CycloneDX XML
//	go run ./examples/sbomcheck -profile ntia-minimum-elements -json -o report.json bom.cdx.json
//
// Flags:
//
//	-profile NAME  the main profile, one of bsi-tr-03183-2-v2.1.0 (default),
//	               bsi-tr-03183-2-v2.0.0, ntia-minimum-elements and
//	               cra-annex-i-part-ii-1; the CRA profile is always checked too
//	-optional      also list the gaps in optional fields as findings (they are always counted)
//	-strict        exit 1 also when a rule's outcome is unknown (a field that
//	               must be given if it exists is missing everywhere)
//	-json          write the inventory summary and the reports as JSON
//	-o FILE        write to FILE instead of standard output
//
// Exit status: 0 when no required rule fails, 1 when one does (with -strict,
// also when a rule is unknown), 2 on bad input or usage. Every problem of an
// unreadable SBOM is printed to standard error on its own line, located by
// JSON pointer (XML input is located by the pointers of the equivalent JSON
// document).
//
// The checks need no clock: the output depends on the SBOM and the flags only.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sdlkit/iec62443/problem"
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
	fl := flag.NewFlagSet("sbomcheck", flag.ContinueOnError)
	fl.SetOutput(stderr)
	profileName := fl.String("profile", sbom.ProfileTR03183v2_1.String(), "main profile: "+profileNames()+" (the CRA profile is always checked too)")
	optional := fl.Bool("optional", false, "also list the gaps in optional fields as findings")
	strict := fl.Bool("strict", false, "exit 1 also when a rule's outcome is unknown")
	asJSON := fl.Bool("json", false, "write the inventory summary and the reports as JSON")
	out := fl.String("o", "", "write to this file instead of standard output")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: sbomcheck [-profile NAME] [-optional] [-strict] [-json] [-o FILE] [bom.cdx.json | bom.cdx.xml | -]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK // -h asked for the usage
		}
		return exitBadInput
	}
	if fl.NArg() > 1 {
		fl.Usage()
		return exitBadInput
	}
	var profile sbom.Profile
	if err := profile.UnmarshalText([]byte(*profileName)); err != nil || !profile.Valid() {
		fmt.Fprintf(stderr, "sbomcheck: -profile %q: unknown profile (want one of %s)\n", *profileName, profileNames())
		return exitBadInput
	}
	profiles := []sbom.Profile{profile}
	if profile != sbom.ProfileCRA {
		profiles = append(profiles, sbom.ProfileCRA)
	}

	name, data, err := readInput(fl.Arg(0), stdin)
	if err != nil {
		fmt.Fprintln(stderr, "sbomcheck:", err)
		return exitBadInput
	}
	enc := sbom.EncodingJSON
	if strings.EqualFold(fileExt(fl.Arg(0)), ".xml") {
		enc = sbom.EncodingXML
	}
	inv, err := sbom.ReadCycloneDX(bytes.NewReader(data), enc, nil)
	if err != nil {
		printProblems(stderr, name, err)
		return exitBadInput
	}
	reports := make([]*sbom.Report, 0, len(profiles))
	for _, p := range profiles {
		rep, err := sbom.Check(inv, p, &sbom.CheckOptions{ReportOptional: *optional})
		if err != nil {
			fmt.Fprintf(stderr, "sbomcheck: %s: %v\n", name, err)
			return exitBadInput
		}
		reports = append(reports, rep)
	}

	var buf bytes.Buffer
	if *asJSON {
		err = writeJSON(&buf, inv, reports)
	} else {
		err = writeText(&buf, inv, reports)
	}
	if err != nil {
		fmt.Fprintln(stderr, "sbomcheck:", err)
		return exitBadInput
	}
	if err := writeOutput(*out, stdout, buf.Bytes()); err != nil {
		fmt.Fprintln(stderr, "sbomcheck:", err)
		return exitBadInput
	}
	for _, rep := range reports {
		switch rep.Outcome() {
		case requirement.OutcomeFail:
			return exitGaps
		case requirement.OutcomeUnknown:
			if *strict {
				return exitGaps
			}
		case requirement.OutcomePass, requirement.OutcomeNotApplicable:
		}
	}
	return exitOK
}

// profileNames lists the text names of every profile, for usage and errors.
func profileNames() string {
	var names []string
	for _, p := range sbom.Profiles() {
		names = append(names, p.String())
	}
	return strings.Join(names, ", ")
}

// fileExt returns the extension of a path, such as ".xml"; "" for none.
func fileExt(path string) string {
	i := strings.LastIndexAny(path, "./\\")
	if i < 0 || path[i] != '.' {
		return ""
	}
	return path[i:]
}

// readInput returns the name and content of the input: the embedded sample
// for "", standard input for "-", otherwise the file at path.
func readInput(path string, stdin io.Reader) (string, []byte, error) {
	switch path {
	case "":
		return sampleName, sample, nil
	case "-":
		b, err := io.ReadAll(stdin)
		return "stdin", b, err
	default:
		b, err := os.ReadFile(path)
		return path, b, err
	}
}

// writeOutput writes b to the file path, or to stdout when path is "".
// Nothing is written unless the whole output is ready.
func writeOutput(path string, stdout io.Writer, b []byte) error {
	if path == "" {
		_, err := stdout.Write(b)
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// printProblems prints every located problem of err on its own line as
// "name#pointer: message", after a line with their number.
func printProblems(w io.Writer, name string, err error) {
	var list problem.List
	if !errors.As(err, &list) {
		fmt.Fprintf(w, "sbomcheck: %s: %v\n", name, err)
		return
	}
	fmt.Fprintf(w, "sbomcheck: %s: %d problem(s):\n", name, len(list))
	for _, e := range list {
		fmt.Fprintf(w, "  %s#%s: %s\n", name, pointer(e.Pointer), e.Message)
	}
}

// subject names the product the SBOM describes, such as "cx500-firmware 3.2.0".
func subject(inv *sbom.Inventory) string {
	if inv.Subject == nil {
		return "(no metadata.component)"
	}
	return strings.TrimSpace(inv.Subject.Name + " " + inv.Subject.Version)
}

// writeText writes the human-readable summary and findings.
func writeText(w io.Writer, inv *sbom.Inventory, reports []*sbom.Report) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("SBOM of %s\n", subject(inv))
	p("  format       CycloneDX %s\n", inv.SpecVersion)
	p("  serial       %s\n", orNone(inv.SerialNumber))
	p("  created      %s\n", orNone(inv.Timestamp))
	p("  components   %d\n", len(inv.Components))

	for _, rep := range reports {
		p("\n== %s: %s, score %s of 100 ==\n\n", rep.Profile, rep.Outcome(), strconv.FormatFloat(rep.Score, 'f', -1, 64))
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tREQUIREMENT\tLEVEL\tCHECKED\tPASSED\tFAILED\tUNKNOWN\tOUTCOME")
		for _, r := range rep.Rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", r.Rule.ID, r.Rule.Requirement, r.Rule.Level, r.Checked, r.Passed, r.Failed, r.Unknown, r.Outcome)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		p("\n")

		var failed, unknown, optional []string
		for _, r := range rep.Rules {
			switch {
			case r.Outcome == requirement.OutcomeFail && r.Rule.Level == sbom.LevelRequired:
				failed = append(failed, fmt.Sprintf("%s (%d)", r.Rule.ID, r.Failed))
			case r.Outcome == requirement.OutcomeFail:
				optional = append(optional, fmt.Sprintf("%s (%d)", r.Rule.ID, r.Failed))
			case r.Outcome == requirement.OutcomeUnknown:
				unknown = append(unknown, fmt.Sprintf("%s (%d)", r.Rule.ID, r.Unknown))
			}
		}
		p("Required rules failed: %s\n", list(failed))
		p("Unknown (must be given if the data exists): %s\n", list(unknown))
		p("Gaps in non-required fields: %s\n", list(optional))
		p("Components with gaps: %d\n", len(rep.Gaps))

		if len(rep.Findings) == 0 {
			p("\nFindings: none\n")
			continue
		}
		p("\nFindings (%d: %s):\n", len(rep.Findings), severityCounts(rep.Findings))
		for _, f := range rep.Findings {
			p("  %-6s %s %s %s\n", f.Severity, f.Rule, f.Requirement, pointer(f.Pointer))
			p("         %s\n", oneLine(f.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonOutput is the document -json writes.
type jsonOutput struct {
	// Subject names the product the SBOM describes; "" when it names none.
	Subject string `json:"subject,omitzero"`
	// SpecVersion is the CycloneDX version of the SBOM.
	SpecVersion string `json:"spec_version"`
	// SerialNumber is the SBOM's serial number; "" when it has none.
	SerialNumber string `json:"serial_number,omitzero"`
	// Components counts the SBOM's components (without the subject).
	Components int `json:"components"`
	// Reports holds one report per profile checked, the main profile first.
	Reports []*sbom.Report `json:"reports"`
}

// writeJSON writes the inventory summary and the reports as indented JSON.
func writeJSON(w io.Writer, inv *sbom.Inventory, reports []*sbom.Report) error {
	doc := jsonOutput{
		SpecVersion:  inv.SpecVersion,
		SerialNumber: inv.SerialNumber,
		Components:   len(inv.Components),
		Reports:      reports,
	}
	if inv.Subject != nil {
		doc.Subject = subject(inv)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// severityCounts says how many findings of each severity fs has, most severe
// first, such as "2 high, 26 low".
func severityCounts(fs []requirement.Finding) string {
	var parts []string
	sev := requirement.Severities()
	slices.Reverse(sev)
	for _, s := range sev {
		n := 0
		for _, f := range fs {
			if f.Severity == s {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	return strings.Join(parts, ", ")
}

// list joins items with ", ", or says "none".
func list(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ", ")
}

// orNone returns s, or "(none)" when it is empty.
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// pointer shows the root pointer "" as "/".
func pointer(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// oneLine keeps a message from the SBOM on one line of the output.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
