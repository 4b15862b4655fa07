// Command assess is the main job of the SDK: it assesses a product dossier
// against EN IEC 62443-4-1 (A11 draft) and prints the conformity report.
//
// Usage:
//
//	go run ./examples/assess                       # the embedded example: a PLC with remote maintenance (CRA class I, VPN function)
//	go run ./examples/assess path/to/dossier.json  # your dossier (JSON or YAML); referenced files are read next to it
//	go run ./examples/assess -format html -o report.html
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
//	-format md|json|html   report format (default md)
//	-o FILE                write the report to FILE instead of standard output
//	-now RFC3339           assessment time (default: the current time; the embedded example uses 2026-11-20T12:00:00Z)
//
// Exit status: 0 when the presumption-of-conformity verdict holds, 1 when gaps
// remain, 2 on bad input or usage (every problem of the dossier is printed to
// standard error with its file and JSON pointer). Platform teams wire this
// status into their CI pipelines as a gate.
package main

import (
	"bytes"
	"context"
	"embed"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/internal/cli"
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
	exitHolds    = cli.ExitOK
	exitGaps     = cli.ExitGaps
	exitBadInput = cli.ExitBadInput
)

// renderers are the report formats of -format.
var renderers = map[string]func(io.Writer, *iec62443.Report, *iec62443.RenderOptions) error{
	"md":   iec62443.RenderMarkdown,
	"json": iec62443.RenderJSON,
	"html": iec62443.RenderHTML,
}

func run(args []string, stdout, stderr io.Writer, clock func() time.Time) int {
	prog := cli.Program{Name: "assess", Stderr: stderr}
	fl := prog.FlagSet("assess [-format md|json|html] [-o FILE] [-now RFC3339] [dossier.json|dossier.yaml]")
	format := fl.String("format", "md", "report format: md, json or html")
	out := fl.String("o", "", "write the report to this file instead of standard output")
	nowFlag := fl.String("now", "", "assessment time, RFC 3339 (default: now; the embedded example uses 2026-11-20T12:00:00Z)")
	if exit, ok := prog.Parse(fl, args, 1); !ok {
		return exit
	}
	render, ok := renderers[*format]
	if !ok {
		return prog.Errorf("unknown format %q (want md, json or html)", *format)
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
	if err := render(&buf, rep, nil); err != nil {
		return prog.Errorf("%v", err)
	}
	if err := cli.WriteOutput(*out, stdout, buf.Bytes()); err != nil {
		return prog.Errorf("%v", err)
	}
	if rep.Verdict.Holds {
		return exitHolds
	}
	return exitGaps
}
