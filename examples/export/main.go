// Command export writes the SDK's catalog, the mapping tables and a statement
// of applicability (SoA) in the formats GRC platforms and SBOM tools read:
// OSCAL (package oscal) and CycloneDX attestations (package attest).
//
// Usage:
//
//	go run ./examples/export                                  # the catalog of A11 as an OSCAL catalog
//	go run ./examples/export -format cyclonedx                # ... as a CycloneDX standard definition
//	go run ./examples/export -edition 2018 -o catalog-2018.json
//	go run ./examples/export -what mappings                   # Annex F/G and CRA mappings as an OSCAL mapping collection
//	go run ./examples/export -what soa                        # the embedded sample statement as an OSCAL profile
//	go run ./examples/export -what soa -format cyclonedx path/to/soa.json   # your statement as CycloneDX claims; "-" reads standard input
//
// Flags:
//
//	-what catalog|mappings|soa   what to export (default catalog)
//	-format oscal|cyclonedx      the format (default oscal; mappings are OSCAL only)
//	-edition A11|2018            the catalog's edition (-what catalog; default A11)
//	-now RFC3339                 the export time: OSCAL's last-modified (default: now)
//	-o FILE                      write to FILE instead of standard output
//
// A statement (-what soa) is read in the SDK's SoA JSON form (package soa);
// without an argument the program exports its embedded sample, the
// statement that examples/assess resolves for its example dossier. As
// CycloneDX, a statement becomes one claim per entry (decision, basis,
// status, justification, evidence with digests) in the declarations of a
// document that defines the catalog; the attestation has no conformance
// gaps, since a statement alone has not been assessed (examples/assess
// -format cyclonedx writes an assessment's).
//
// Exit status: 0 on success, 2 on bad input or usage; every problem of a bad
// statement is printed to standard error on its own line, located by JSON
// pointer.
//
// A11 is a draft: its catalog, and everything exported against it, is
// provisional, and the documents say so.
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"
	"time"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/attest"
	"github.com/sdlkit/iec62443/internal/cli"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// sample is the statement exported when -what soa names no file: the
// statement examples/assess resolves for its example dossier (a test keeps
// it in step).
//
//go:embed testdata/example.soa.json
var sample []byte

// sampleName names the embedded sample in messages.
const sampleName = "example.soa.json (embedded sample)"

// maxInput bounds the statement read: 32 MiB, the default size limit of the
// SDK's decoders.
const maxInput = 32 << 20

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now)) }

// run is the whole program; clock gives the default export time. It returns
// the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, clock func() time.Time) int {
	prog := cli.Program{Name: "export", Stderr: stderr}
	fl := prog.FlagSet("export [-what catalog|mappings|soa] [-format oscal|cyclonedx] [-edition A11|2018] [-now RFC3339] [-o FILE] [soa.json | -]")
	what := fl.String("what", "catalog", "what to export: catalog, mappings or soa")
	format := fl.String("format", "oscal", "the format: oscal or cyclonedx")
	editionFlag := fl.String("edition", "A11", "the catalog's edition (-what catalog): A11 or 2018")
	nowFlag := fl.String("now", "", "export time, RFC 3339: OSCAL's last-modified (default: now)")
	out := fl.String("o", "", "write to this file instead of standard output")
	if exit, ok := prog.Parse(fl, args, 1); !ok {
		return exit
	}
	if *format != "oscal" && *format != "cyclonedx" {
		return prog.Errorf("unknown format %q (want oscal or cyclonedx)", *format)
	}
	if *what != "soa" && fl.NArg() > 0 {
		return prog.Errorf("a statement file is read with -what soa only")
	}
	now, err := cli.ParseNow(*nowFlag, clock())
	if err != nil {
		return prog.Errorf("%v", err)
	}

	var buf bytes.Buffer
	switch *what {
	case "catalog":
		e, err := practice.ParseEdition(*editionFlag)
		if err != nil {
			return prog.Errorf("-edition %q: want A11 or 2018", *editionFlag)
		}
		cat, err := requirement.ForEdition(e)
		if err != nil {
			return prog.Errorf("%v", err)
		}
		if *format == "oscal" {
			err = oscal.EncodeCatalog(&buf, cat, now)
		} else {
			err = attest.EncodeCatalog(&buf, cat, nil)
		}
		if err != nil {
			return prog.Errorf("%v", err)
		}
	case "mappings":
		if *format != "oscal" {
			return prog.Errorf("the mappings are written as an OSCAL mapping collection only (-format oscal)")
		}
		if err := oscal.EncodeMappings(&buf, now); err != nil {
			return prog.Errorf("%v", err)
		}
	case "soa":
		name, data := sampleName, sample
		if fl.NArg() == 1 {
			if name, data, err = cli.ReadInput(fl.Arg(0), stdin, maxInput); err != nil {
				return prog.Errorf("%v", err)
			}
		}
		st, err := soa.Decode(bytes.NewReader(data), nil)
		if err != nil {
			return prog.Fail(name, err)
		}
		if err := exportStatement(&buf, st, *format, now); err != nil {
			return prog.Errorf("%s: %v", name, err)
		}
	default:
		return prog.Errorf("unknown -what %q (want catalog, mappings or soa)", *what)
	}
	if err := cli.WriteOutput(*out, stdout, buf.Bytes()); err != nil {
		return prog.Errorf("%v", err)
	}
	return cli.ExitOK
}

// exportStatement writes a statement as an OSCAL profile or as CycloneDX
// claims.
func exportStatement(w io.Writer, st *soa.Statement, format string, now time.Time) error {
	if format == "oscal" {
		return oscal.EncodeProfile(w, st, now)
	}
	// A statement alone is a report without findings: its claims carry the
	// decisions, statuses and evidence, and no gaps.
	rep := &iec62443.Report{
		Edition:        st.Edition,
		CatalogVersion: st.CatalogVersion,
		Product:        iec62443.Product{Name: st.Product.Name, Version: st.Product.Version},
		Manufacturer:   iec62443.Manufacturer{Name: st.Product.Manufacturer},
		SoA:            st,
	}
	if err := attest.EncodeAssessment(w, rep, nil); err != nil {
		return fmt.Errorf("as CycloneDX: %w", err)
	}
	return nil
}
