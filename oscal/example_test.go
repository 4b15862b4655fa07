package oscal_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/requirement"
)

// A catalog as an OSCAL catalog: one group per practice, one control per
// requirement.
func ExampleEncodeCatalog() {
	var buf bytes.Buffer
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) // the export time: last-modified
	if err := oscal.EncodeCatalog(&buf, requirement.Default(), now); err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		Catalog oscal.Catalog `json:"catalog"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		fmt.Println(err)
		return
	}
	c := doc.Catalog
	fmt.Println(c.UUID, c.Metadata.OSCALVersion)
	fmt.Println(len(c.Groups), "groups; the second:", c.Groups[1].ID, c.Groups[1].Title)
	ctl := c.Groups[1].Controls[0]
	fmt.Println(ctl.ID, ctl.Title, "-", ctl.Parts[0].Name, ctl.Parts[0].Class)
	// Output:
	// 2081abe3-f684-5828-9e5b-0393ba0173bb 1.2.2
	// 9 groups; the second: SRM Security risk management
	// SRM-1 Intended use - statement summary
}

// A licensee's OSCAL catalog merged into the embedded catalog: the overlay
// carries what differs, the report what did not match.
func ExampleImportCatalog() {
	const licensed = `{"catalog": {
	  "uuid": "0f1b9c6e-7d2a-4c3b-8e5f-1a2b3c4d5e6f",
	  "metadata": {"title": "Licensed copy", "last-modified": "2027-02-01T12:00:00Z", "version": "licensed 2027-02", "oscal-version": "1.1.3"},
	  "controls": [
	    {"id": "sm-1", "title": "Development process",
	     "parts": [{"name": "statement", "prose": "The text of the standard."}]},
	    {"id": "ac-1", "title": "Not a requirement of the standard"}
	  ]}}`
	doc, err := oscal.DecodeCatalog(strings.NewReader(licensed), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	overlay, report, err := oscal.ImportCatalog(requirement.Default(), doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	cat, err := requirement.Default().Apply(overlay)
	if err != nil {
		fmt.Println(err)
		return
	}
	sm1, _ := cat.Lookup("SM-1")
	fmt.Println(cat.Version(), "-", sm1.NormativeText())
	fmt.Println("patched:", report.Patched, "missing:", len(report.Missing))
	for _, m := range report.Unmatched {
		fmt.Println("unmatched:", m)
	}
	// Output:
	// licensed 2027-02 - The text of the standard.
	// patched: [SM-1] missing: 70
	// unmatched: ac-1 (/catalog/controls/1): neither the control ID nor its label is a requirement ID (want PREFIX-N such as "SM-1")
}
