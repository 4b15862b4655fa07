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
// only: a path or symlink that leads outside the directory is refused as
// bad input.
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
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/problem"
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
	exitHolds    = 0
	exitGaps     = 1
	exitBadInput = 2
)

func run(args []string, stdout, stderr io.Writer, clock func() time.Time) int {
	fl := flag.NewFlagSet("assess", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "md", "report format: md, json or html")
	out := fl.String("o", "", "write the report to this file instead of standard output")
	nowFlag := fl.String("now", "", "assessment time, RFC 3339 (default: now; the embedded example uses 2026-11-20T12:00:00Z)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: assess [-format md|json|html] [-o FILE] [-now RFC3339] [dossier.json|dossier.yaml]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitHolds // -h asked for the usage, like flag.ExitOnError
		}
		return exitBadInput
	}
	if fl.NArg() > 1 {
		fl.Usage()
		return exitBadInput
	}
	if *format != "md" && *format != "json" && *format != "html" {
		fmt.Fprintf(stderr, "assess: unknown format %q (want md, json or html)\n", *format)
		return exitBadInput
	}

	var fsys fs.FS
	var name string
	now := clock()
	if fl.NArg() == 0 {
		sub, err := fs.Sub(example, "dossier")
		if err != nil {
			fmt.Fprintln(stderr, "assess:", err)
			return exitBadInput
		}
		fsys, name, now = sub, "dossier.json", exampleNow
	} else {
		abs, err := filepath.Abs(fl.Arg(0))
		if err != nil {
			fmt.Fprintln(stderr, "assess:", err)
			return exitBadInput
		}
		// os.Root, unlike os.DirFS, refuses any path, symlinks included,
		// that leads out of the dossier's directory.
		root, err := os.OpenRoot(filepath.Dir(abs))
		if err != nil {
			fmt.Fprintln(stderr, "assess:", err)
			return exitBadInput
		}
		defer func() { _ = root.Close() }() // read-only: nothing to flush, so its error tells nothing
		fsys, name = root.FS(), filepath.Base(abs)
	}
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			fmt.Fprintf(stderr, "assess: -now %q: want RFC 3339, such as 2026-11-20T12:00:00Z\n", *nowFlag)
			return exitBadInput
		}
		now = t
	}

	d, err := iec62443.Load(fsys, name, nil)
	if err != nil {
		printProblems(stderr, name, err)
		return exitBadInput
	}
	rep, err := iec62443.Assess(d, &iec62443.Options{Now: now})
	if err != nil {
		printProblems(stderr, name, err)
		return exitBadInput
	}

	var buf bytes.Buffer
	switch *format {
	case "json":
		err = rep.WriteJSON(&buf)
	case "html":
		err = rep.WriteHTML(&buf)
	default:
		err = rep.WriteMarkdown(&buf)
	}
	if err != nil {
		fmt.Fprintln(stderr, "assess:", err)
		return exitBadInput
	}
	if *out != "" {
		// written only once the report is complete: a failed run leaves no half file
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			fmt.Fprintln(stderr, "assess:", err)
			return exitBadInput
		}
	} else if _, err := stdout.Write(buf.Bytes()); err != nil {
		fmt.Fprintln(stderr, "assess:", err)
		return exitBadInput
	}
	if rep.Verdict.Holds {
		return exitHolds
	}
	return exitGaps
}

// printProblems prints every located problem on its own line.
func printProblems(w io.Writer, name string, err error) {
	var list problem.List
	if errors.As(err, &list) {
		fmt.Fprintf(w, "assess: %s: %d problem(s):\n", name, len(list))
		for _, e := range list {
			src := e.Source
			if src == "" {
				src = name
			}
			ptr := e.Pointer
			if ptr == "" {
				ptr = "/"
			}
			fmt.Fprintf(w, "  %s#%s: %s\n", src, ptr, e.Message)
		}
		return
	}
	fmt.Fprintf(w, "assess: %s: %v\n", name, err)
}
