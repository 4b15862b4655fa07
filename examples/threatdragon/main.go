// Command threatdragon imports an OWASP Threat Dragon v2 threat model into the
// SDK's risk register and tells the team where the Annex C risk workflow
// stands: what was imported (counts), what could not be mapped or was mapped
// only approximately (the import report, located in the Threat Dragon model),
// the workflow state the data supports for the product and for each risk, and
// the risk workflow findings with their A11 requirement (provisional) and
// their JSON pointer into the imported register.
//
// It uses [risk.ImportThreatDragon] and [risk.Evaluate] against
// [requirement.Default] (the A11 catalog): one evaluation gives the findings
// and the state of the product and of every risk.
//
// Usage:
//
//	go run ./examples/threatdragon                                  # the embedded sample: the Threat Dragon model of the Acme CX-500 PLC
//	go run ./examples/threatdragon path/to/model.json               # your Threat Dragon v2 model; "-" reads standard input
//	go run ./examples/threatdragon -register register.json model.json
//
// Flags:
//
//	-register FILE  also write the imported register (risk register JSON) to FILE, to complete by hand
//	-o FILE         write the report to FILE instead of standard output
//	-now RFC3339    assessment time, for the review interval of released products (default: now)
//
// Exit status: 0 when the imported register has no findings, 1 when findings
// remain (the usual case: Threat Dragon records no likelihood, impact or
// requirement links), 2 on bad input or usage. Every problem of a model that
// cannot be imported is printed to standard error on its own line, located by
// JSON pointer.
//
// The input is bounded before it is read: a file larger than 32 MiB (the
// SDK decoders' default limit) is refused by its size, standard input as
// soon as it passes the limit, and a directory, FIFO or device at once.
//
// The workflow states and finding rules are the SDK's own modelling of the A11
// draft's Annex C and are provisional (see package risk).
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/internal/cli"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
)

// sample is the model imported when no path is given: the data flow diagram
// of a PLC with remote maintenance by its manufacturer, with mitigated, open
// and not-applicable threats, a LINDDUN threat and a curved trust boundary.
//
//go:embed testdata/cx500.threatdragon.json
var sample []byte

// sampleName names the embedded sample in messages.
const sampleName = "cx500.threatdragon.json (embedded sample)"

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

// run is the whole program: it parses args, reads the model (the embedded
// sample, a file, or stdin for "-"), imports and validates it and writes the
// report. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	prog := cli.Program{Name: "threatdragon", Stderr: stderr}
	fl := prog.FlagSet("threatdragon [-o FILE] [-register FILE] [-now RFC3339] [model.json | -]")
	out := fl.String("o", "", "write the report to this file instead of standard output")
	regOut := fl.String("register", "", "also write the imported risk register (JSON) to this file")
	nowFlag := fl.String("now", "", "assessment time, RFC 3339 (default: now)")
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
	reg, imp, err := risk.ImportThreatDragon(bytes.NewReader(data), nil)
	if err != nil {
		return prog.Fail(name, err)
	}
	cat := requirement.Default()
	res, err := analyse(reg, now, cat)
	if err != nil {
		// The importer promises a well-formed register; anything else is a
		// defect of the SDK, reported against the imported register.
		return prog.Fail(name+" (imported register)", err)
	}

	var report bytes.Buffer
	if err := writeReport(&report, reg, imp, res, now, cat); err != nil {
		return prog.Errorf("%v", err)
	}
	if *regOut != "" {
		var b bytes.Buffer
		if err := risk.Encode(&b, reg); err != nil {
			return prog.Errorf("%v", err)
		}
		if err := os.WriteFile(*regOut, b.Bytes(), 0o644); err != nil {
			return prog.Errorf("%v", err)
		}
	}
	if err := cli.WriteOutput(*out, stdout, report.Bytes()); err != nil {
		return prog.Errorf("%v", err)
	}
	if len(res.findings) > 0 {
		return exitGaps
	}
	return exitOK
}

// analysis is what the program derives from an imported register.
type analysis struct {
	state      risk.State
	riskStates []risk.State // per risk, in register order
	findings   []requirement.Finding
}

// analyse derives the workflow states and the findings of reg, from one
// evaluation of the register (linear in its size, however many risks).
func analyse(reg *risk.Register, now time.Time, cat *requirement.Catalog) (analysis, error) {
	e, err := risk.Evaluate(reg, cat, now)
	if err != nil {
		return analysis{}, err
	}
	a := analysis{state: e.State, findings: e.Findings}
	for _, r := range reg.Risks {
		st, _ := e.RiskState(r.ID)
		a.riskStates = append(a.riskStates, st)
	}
	return a, nil
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

// writeReport writes the plain-text report.
func writeReport(w io.Writer, reg *risk.Register, imp *risk.ImportReport, a analysis, now time.Time, cat *requirement.Catalog) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("Threat Dragon model of %q imported into a risk register:\n", reg.Product.Name)
	for _, c := range []struct {
		what string
		n    int
	}{
		{"assets", len(reg.Assets)},
		{"trust boundaries", len(reg.TrustBoundaries)},
		{"interfaces", len(reg.Interfaces)},
		{"threats", len(reg.Threats)},
		{"risks", len(reg.Risks)},
		{"mitigations", len(reg.Mitigations)},
	} {
		p("  %-18s %d\n", c.what, c.n)
	}

	p("\nNot mapped, or mapped only approximately (%d note(s); pointers locate the Threat Dragon model):\n", len(imp.Notes))
	if len(imp.Notes) == 0 {
		p("  none\n")
	}
	for _, n := range imp.Notes {
		p("  %s\n      %s\n", cli.Pointer(n.Pointer), cli.OneLine(n.Message))
	}

	p("\nAnnex C workflow state the data supports: %s\n", a.state)
	if next := nextStep(a.state); next != "" {
		p("  next: %s\n", next)
	}
	if len(reg.Risks) > 0 {
		p("  per risk:\n")
		for i, r := range reg.Risks {
			p("    %-6s %-22s %s\n", r.ID, a.riskStates[i], cli.OneLine(r.Title))
		}
	}

	p("\nRisk workflow findings at %s, catalog %s (pointers locate the imported register; write it with -register):\n",
		now.Format(time.DateOnly), cat.Version())
	if len(a.findings) == 0 {
		p("  none\n")
	} else {
		p("  %d finding(s): %s\n", len(a.findings), cli.SeverityCounts(a.findings))
	}
	for _, f := range a.findings {
		req := string(f.Requirement)
		if req == "" {
			req = "-"
		}
		p("  %-6s %s %s %s\n", f.Severity, f.Rule, req, cli.Pointer(f.Pointer))
		p("         %s\n", cli.OneLine(f.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// nextStep says what the data must show to reach the state after s; "" for
// the last state.
func nextStep(s risk.State) string {
	switch s {
	case risk.StateDraft:
		return "context-defined: record the purpose and the operational environment of the intended use"
	case risk.StateContextDefined:
		return "threats-modelled: model at least one threat"
	case risk.StateThreatsModelled:
		return "risks-assessed: rate every threat on the matrix (likelihood and impact)"
	case risk.StateRisksAssessed:
		return "applicability-decided: decide a treatment for every risk (mitigate, avoid, transfer or accept)"
	case risk.StateApplicabilityDecided:
		return "mitigations-designed: link every mitigation of a risk to be mitigated to the requirements it realises and the design elements that implement it"
	case risk.StateMitigationsDesigned:
		return "treated: complete every treatment (acceptances justified and approved) and rate the residual risks"
	case risk.StateTreated:
		return "verified: verify every mitigated threat with a passing test"
	case risk.StateVerified:
		return "monitored: review the threat model after the last new threat and the last verification"
	case risk.StateMonitored:
		return ""
	}
	return ""
}
