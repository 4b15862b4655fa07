// Command assess is the main job of the SDK: it assesses a product dossier
// against EN IEC 62443-4-1 (the edition the dossier names: the published
// 2018 edition or the A11 draft) and prints the conformity report.
//
// Usage:
//
//	go run ./examples/assess                       # the embedded example: a PLC with remote maintenance (CRA class I, VPN function)
//	go run ./examples/assess path/to/dossier.json  # your dossier (JSON or YAML); referenced files are read next to it
//	go run ./examples/assess -format html -o report.html
//	go run ./examples/assess -now 2026-11-20T12:00:00Z examples/assess/testdata/plc-2018/dossier.json   # the same PLC against the 2018 edition
//
// The files a dossier references are read from its directory or below it
// only (the directory is opened with os.Root): a path or symlink that leads
// outside the directory, or a reference to anything but a regular file (a
// FIFO, a device), is refused as bad input. The report lists at most 50
// findings of one rule per group and counts the others, so that it stays
// small for an SBOM with 100,000 components.
//
// Flags:
//
//	-format FORMAT   report format (default md): md, json or html (the report
//	                 itself), sarif (its findings as a SARIF 2.1.0 log, for code
//	                 scanning), cyclonedx (a CycloneDX attestation of the
//	                 assessment) or oscal (OSCAL assessment results)
//	-o FILE          write the report to FILE instead of standard output
//	-now RFC3339     assessment time (default: the current time; the embedded example uses 2026-11-20T12:00:00Z)
//
// # The verdict, and what it is not
//
// The verdict says whether the product meets the ML3 demand of the A11 draft
// as the SDK models it (every applicable requirement at ML3 with five
// demonstrations, and no high or critical finding), and keeps apart the gaps
// against published requirements (rules resting on the 2018 edition, the
// CRA, BSI TR-03183-2 or NTIA) from the gaps only the SDK's provisional
// modelling of the draft finds. It is not a presumption of conformity: under
// CRA Art. 27 a standard gives one only as a harmonised standard cited in the
// Official Journal of the EU, and neither edition is cited.
//
// # Exit status
//
//	0  the verdict holds: no gap against published requirements, and the A11
//	   draft's ML3 demand, as the SDK models it, is met
//	1  gaps remain against published requirements (whatever the rest)
//	2  bad input or usage (every problem of the dossier is printed to standard
//	   error with its file and JSON pointer)
//	3  no gap against published requirements, but the product would fail under
//	   the A11 draft as the SDK models it (or that cannot be decided yet)
//
// Platform teams wire this status into their CI pipelines as a gate: fail on
// anything but 0 for the draft's demand, or accept 3 to gate on published
// requirements only. The status is the same whatever -format is.
package main

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/attest"
	"github.com/sdlkit/iec62443/internal/cli"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/sarif"
)

//go:embed dossier
var example embed.FS

// exampleNow is the assessment time of the embedded example, so that its
// report is reproducible.
var exampleNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now))
}

// Exit statuses.
const (
	// exitHolds: no gap against published requirements, and the A11
	// draft's ML3 demand, as the SDK models it, is met.
	exitHolds = cli.ExitOK
	// exitGaps: gaps remain against published requirements.
	exitGaps = cli.ExitGaps
	// exitBadInput: bad input or usage.
	exitBadInput = cli.ExitBadInput
	// exitProvisionalGaps: no gap against published requirements, but the
	// A11 draft's ML3 demand, as the SDK models it, is not met or cannot be
	// decided.
	exitProvisionalGaps = 3
)

// help follows the flags in the usage (-h): what the verdict is and is not,
// and the exit statuses.
const help = `
The verdict says whether the product meets the ML3 demand of the A11 draft as
the SDK models it (every applicable requirement at ML3 with five
demonstrations, and no high or critical finding), with the gaps against
published requirements (the 2018 edition, the CRA, BSI TR-03183-2, NTIA) apart
from those only the SDK's provisional modelling finds. It is not a presumption
of conformity: under CRA Art. 27 a standard gives one only as a harmonised
standard cited in the Official Journal of the EU, and neither edition is cited.

Exit status:
  0  no gap against published requirements, and the A11 draft's ML3 demand,
     as the SDK models it, is met
  1  gaps remain against published requirements
  2  bad input or usage
  3  no gap against published requirements, but the product would fail under
     the A11 draft as the SDK models it (or that cannot be decided yet)
`

// formats are the values of -format, in the order the usage lists them.
var formats = []string{"md", "json", "html", "sarif", "cyclonedx", "oscal"}

// render writes the report rep on dossier d (file name in fsys) in format f,
// assessed at now.
func render(w io.Writer, f string, rep *iec62443.Report, d *iec62443.Dossier, fsys fs.FS, name string, now time.Time) error {
	switch f {
	case "md":
		return iec62443.RenderMarkdown(w, rep, nil)
	case "json":
		return iec62443.RenderJSON(w, rep, nil)
	case "html":
		return iec62443.RenderHTML(w, rep, nil)
	case "sarif":
		return sarif.EncodeReport(w, rep, &sarif.Options{Dossier: name, Root: fsys})
	case "cyclonedx":
		return attest.EncodeAssessment(w, rep, nil)
	case "oscal":
		return oscal.EncodeAssessmentResults(w, rep, now, &oscal.ResultsOptions{Register: d.Register})
	}
	return fmt.Errorf("unknown format %q (want %s)", f, strings.Join(formats, ", "))
}

// exitStatus is the status of a report's verdict.
func exitStatus(v iec62443.Verdict) int {
	switch {
	case v.Holds:
		return exitHolds
	case v.PublishedOutcome == requirement.OutcomeFail:
		return exitGaps
	}
	return exitProvisionalGaps
}

func run(args []string, stdout, stderr io.Writer, clock func() time.Time) int {
	prog := cli.Program{Name: "assess", Stderr: stderr}
	fl := prog.FlagSet("assess [-format " + strings.Join(formats, "|") + "] [-o FILE] [-now RFC3339] [dossier.json|dossier.yaml]")
	usage := fl.Usage
	fl.Usage = func() { usage(); fmt.Fprint(stderr, help) }
	format := fl.String("format", "md", "report format: md, json, html (the report), sarif (its findings, SARIF 2.1.0), cyclonedx (a CycloneDX attestation) or oscal (OSCAL assessment results)")
	out := fl.String("o", "", "write the report to this file instead of standard output")
	nowFlag := fl.String("now", "", "assessment time, RFC 3339 (default: now; the embedded example uses 2026-11-20T12:00:00Z)")
	if exit, ok := prog.Parse(fl, args, 1); !ok {
		return exit
	}
	if !slices.Contains(formats, *format) {
		return prog.Errorf("unknown format %q (want %s)", *format, strings.Join(formats, ", "))
	}

	// The embedded example, or the dossier's directory through os.Root:
	// no path or symlink a dossier names can lead out of it.
	fsys, name, now := fs.FS(nil), "dossier.json", clock()
	if fl.NArg() == 0 {
		sub, err := fs.Sub(example, "dossier")
		if err != nil {
			return prog.Errorf("%v", err)
		}
		fsys, now = sub, exampleNow
	} else {
		dir, file, closeDir, err := cli.OpenDir(fl.Arg(0))
		if err != nil {
			return prog.Errorf("%v", err)
		}
		defer closeDir()
		fsys, name = dir, file
	}
	now, err := cli.ParseNow(*nowFlag, now)
	if err != nil {
		return prog.Errorf("%v", err)
	}

	ctx := context.Background()
	d, err := iec62443.Load(ctx, fsys, name, nil)
	if err != nil {
		return prog.Fail(name, err)
	}
	rep, err := iec62443.Assess(ctx, d, now, nil)
	if err != nil {
		return prog.Fail(name, err)
	}
	var buf bytes.Buffer
	if err := render(&buf, *format, rep, d, fsys, name, now); err != nil {
		return prog.Errorf("%v", err)
	}
	if err := cli.WriteOutput(*out, stdout, buf.Bytes()); err != nil {
		return prog.Errorf("%v", err)
	}
	return exitStatus(rep.Verdict)
}
