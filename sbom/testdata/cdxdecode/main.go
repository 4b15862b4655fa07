// Command cdxdecode is the yardstick of the SBOM checker's benchmarks: it
// only decodes a CycloneDX JSON document with github.com/CycloneDX/cyclonedx-go,
// as a program that reads an SBOM and does nothing else would, and prints
// the number of components, so that the decode cannot be optimised away.
//
//	go build -o /tmp/cdxdecode ./sbom/testdata/cdxdecode
//	/tmp/cdxdecode bom.cdx.json
//
// It lives under testdata so that the module's layering (only sbom and
// attest import cyclonedx-go) is kept and "go build ./..." skips it.
package main

import (
	"fmt"
	"os"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: cdxdecode FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer f.Close()
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(f, cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	n := 0
	if bom.Components != nil {
		n = len(*bom.Components)
	}
	fmt.Println(n, "components")
}
