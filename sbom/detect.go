package sbom

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/problem"
)

// Syntax is how an SBOM document is written.
type Syntax int

const (
	// SyntaxJSON: CycloneDX JSON or SPDX 2 JSON.
	SyntaxJSON Syntax = iota + 1
	// SyntaxXML: CycloneDX XML.
	SyntaxXML
	// SyntaxTagValue: SPDX 2 tag-value.
	SyntaxTagValue
	// SyntaxJSONLD: SPDX 3 JSON-LD.
	SyntaxJSONLD
)

var syntaxNames = []string{SyntaxJSON: "json", SyntaxXML: "xml", SyntaxTagValue: "tag-value", SyntaxJSONLD: "json-ld"}

// Syntaxes returns every syntax in a fresh slice.
func Syntaxes() []Syntax { return []Syntax{SyntaxJSON, SyntaxXML, SyntaxTagValue, SyntaxJSONLD} }

// Valid reports whether s is known.
func (s Syntax) Valid() bool { return s >= SyntaxJSON && s <= SyntaxJSONLD }

// String returns "json", "xml", "tag-value" or "json-ld".
func (s Syntax) String() string { return enumString(syntaxNames, int(s)) }

// MarshalText implements encoding.TextMarshaler.
func (s Syntax) MarshalText() ([]byte, error) { return enumMarshal(syntaxNames, int(s), "Syntax") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Syntax) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(syntaxNames, b, "syntax")
	*s = Syntax(v)
	return err
}

// Detection is what [Detect] found out about a document from its first
// bytes.
type Detection struct {
	// Format is CycloneDX or SPDX.
	Format Format `json:"format"`
	// Syntax is JSON, XML, tag-value or JSON-LD.
	Syntax Syntax `json:"syntax"`
	// SpecVersion is the version the document declares as the inventory
	// states it ("1.6", "SPDX-2.3", "SPDX-3.0.1"); "" when the first bytes
	// do not say.
	SpecVersion string `json:"spec_version,omitzero"`
}

// detectPeek is how much of a document Detect looks at.
const detectPeek = 1 << 20

var (
	tagValueVersion = regexp.MustCompile(`(?m)^[ \t]*SPDXVersion:[ \t]*(\S+)`)
	spdx3Context    = regexp.MustCompile(`spdx\.org/rdf/(3\.\d+(?:\.\d+)?)/spdx-context\.jsonld`)
)

// Detect tells the format and syntax of an SBOM from its content, not from
// a file name: CycloneDX JSON or XML, SPDX 2 JSON or tag-value, SPDX 3
// JSON-LD. It reads at most the first MiB of r and returns a reader that
// yields the whole input again (the bytes read first), so it works on a
// pipe or standard input. Input that is none of these gives an error
// wrapping [ErrUnsupportedFormat] (SPDX RDF/XML too); a failing reader,
// its error.
func Detect(r io.Reader) (Detection, io.Reader, error) {
	if r == nil {
		return Detection{}, nil, fmt.Errorf("sbom: detect: nil reader: %w", problem.ErrNilInput)
	}
	br := bufio.NewReaderSize(r, detectPeek)
	head, err := br.Peek(detectPeek)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return Detection{}, br, fmt.Errorf("sbom: detect: %w", err)
	}
	d, derr := detect(head)
	return d, br, derr
}

func detect(head []byte) (Detection, error) {
	b := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	var errs located.Errors
	switch {
	case len(b) == 0:
		errs.Add("", ErrUnsupportedFormat, "empty input: want a CycloneDX (JSON or XML) or SPDX (JSON, tag-value or JSON-LD) document")
	case b[0] == '{':
		if d, ok := detectJSON(b); ok {
			return d, nil
		}
		errs.Add("", ErrUnsupportedFormat, "a JSON document that is neither CycloneDX (bomFormat) nor SPDX (spdxVersion, or an SPDX 3 @context)")
	case b[0] == '<':
		if d, ok := detectXML(b); ok {
			return d, nil
		}
		errs.Add("", ErrUnsupportedFormat, "an XML document that is not CycloneDX (SPDX RDF/XML is not read: convert it to SPDX JSON)")
	default:
		if m := tagValueVersion.FindSubmatch(b); m != nil {
			return Detection{Format: FormatSPDX, Syntax: SyntaxTagValue, SpecVersion: string(m[1])}, nil
		}
		errs.Add("", ErrUnsupportedFormat, "neither JSON, XML nor SPDX tag-value (no SPDXVersion: line)")
	}
	return Detection{}, errs.Err()
}

// detectJSON reads the top-level keys of the (possibly truncated) JSON
// object in b.
func detectJSON(b []byte) (Detection, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return Detection{}, false
	}
	var bomFormat, specVersion, spdxVersion, context string
	keys := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := t.(string)
		keys[key] = true
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			break // the first MiB ends inside this value
		}
		var s string
		switch key {
		case "bomFormat":
			_ = json.Unmarshal(raw, &bomFormat)
		case "specVersion":
			_ = json.Unmarshal(raw, &specVersion)
		case "spdxVersion":
			_ = json.Unmarshal(raw, &spdxVersion)
		case "@context":
			if json.Unmarshal(raw, &s) == nil {
				context = s
			} else {
				context = string(raw)
			}
		}
		if bomFormat != "" && specVersion != "" || spdxVersion != "" || context != "" {
			break
		}
	}
	switch {
	case context != "":
		d := Detection{Format: FormatSPDX, Syntax: SyntaxJSONLD}
		if m := spdx3Context.FindStringSubmatch(context); m != nil {
			d.SpecVersion = "SPDX-" + m[1]
			return d, true
		}
		return d, strings.Contains(context, "spdx")
	case spdxVersion != "":
		return Detection{Format: FormatSPDX, Syntax: SyntaxJSON, SpecVersion: spdxVersion}, true
	case bomFormat == "CycloneDX":
		return Detection{Format: FormatCycloneDX, Syntax: SyntaxJSON, SpecVersion: specVersion}, true
	case keys["spdxVersion"]: // its value is cut off or not a string: the reader says what is wrong
		return Detection{Format: FormatSPDX, Syntax: SyntaxJSON}, true
	case keys["bomFormat"]:
		return Detection{Format: FormatCycloneDX, Syntax: SyntaxJSON, SpecVersion: specVersion}, true
	case bomFormat == "" && (keys["components"] || keys["metadata"]) && !keys["packages"]:
		return Detection{Format: FormatCycloneDX, Syntax: SyntaxJSON, SpecVersion: specVersion}, true
	case keys["SPDXID"] || keys["packages"]:
		return Detection{Format: FormatSPDX, Syntax: SyntaxJSON}, true
	}
	return Detection{}, false
}

// detectXML reads the first element of the XML document in b.
func detectXML(b []byte) (Detection, bool) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		t, err := dec.Token()
		if err != nil {
			return Detection{}, false
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		v, isCDX := strings.CutPrefix(se.Name.Space, "http://cyclonedx.org/schema/bom/")
		if se.Name.Local != "bom" || !isCDX {
			return Detection{}, false
		}
		return Detection{Format: FormatCycloneDX, Syntax: SyntaxXML, SpecVersion: v}, true
	}
}

// Decode reads any SBOM this package reads, whatever its format: it
// [Detect]s the format from the content and reads the document with
// [DecodeCycloneDX] (JSON or XML) or [DecodeSPDX] (SPDX 2.2 and 2.3 JSON
// and tag-value, SPDX 3.0.1 JSON-LD). When ctx is cancelled, it stops and
// returns ctx.Err().
func Decode(ctx context.Context, r io.Reader, opts *DecodeOptions) (*Inventory, error) {
	if err := checkArgs(ctx, r); err != nil {
		return nil, fmt.Errorf("sbom: decode: %w", err)
	}
	d, r, err := detectLimited(r, opts)
	if err != nil {
		return nil, err
	}
	if d.Format == FormatSPDX {
		return DecodeSPDX(ctx, r, opts)
	}
	enc := EncodingJSON
	if d.Syntax == SyntaxXML {
		enc = EncodingXML
	}
	return DecodeCycloneDX(ctx, r, enc, opts)
}

// sized is a reader that tells the size of the input it replays, so that
// the readers can refuse or allocate by it after Detect.
type sized struct {
	io.Reader
	n int64
}

func (s sized) Size() int64 { return s.n }

// detectLimited is Detect for the decoders: input larger than
// opts.Limits.MaxBytes, when its size is known, is refused before a byte
// is read, and the reader returned still tells the size.
func detectLimited(r io.Reader, opts *DecodeOptions) (Detection, io.Reader, error) {
	hint := sizeHint(r)
	if hint > opts.limits().MaxBytes {
		return Detection{}, r, readError("SBOM", newLimitReader(r, opts.limits(), false).named("SBOM").tooLarge())
	}
	d, r, err := Detect(r)
	if hint >= 0 {
		r = sized{r, hint}
	}
	return d, r, err
}
