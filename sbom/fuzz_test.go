package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func addFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err == nil {
			f.Add(data)
		}
	}
}

var fuzzLimits = &DecodeOptions{Limits: requirement.Limits{MaxBytes: 1 << 20, MaxDepth: 64}}

// FuzzDecodeCycloneDX: no panic on any input; whatever reads also writes
// (or says why not) and reads back to the same inventory: equal in
// everything the inventory models.
func FuzzDecodeCycloneDX(f *testing.F) {
	addFiles(f, "check/good.cdx.json")
	addFiles(f, "augment.cdx.json")
	f.Add([]byte(`<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="library"><name>a</name></component></components></bom>`))
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.4","version":1,"components":[{"type":"library","name":"a","components":[{"type":"file","name":"b"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		enc := EncodingJSON
		if bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")) {
			enc = EncodingXML
		}
		inv, err := DecodeCycloneDX(context.Background(), bytes.NewReader(data), enc, fuzzLimits)
		if err != nil {
			return
		}
		if _, err := Check(context.Background(), inv, ProfileTR03183v2_1, nil); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := EncodeCycloneDX(&out, inv, EncodingJSON, nil); err != nil {
			return // not representable: reported, not dropped
		}
		inv2, err := DecodeCycloneDX(context.Background(), &out, EncodingJSON, nil)
		if err != nil {
			t.Fatalf("re-read of written BOM: %v\n%s", err, out.Bytes())
		}
		if a, b := modelled(inv), modelled(inv2); !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip changed the inventory:\nread    %+v\nwritten %+v", a, b)
		}
	})
}

// modelled is what an inventory models, for comparing decode(encode(x))
// with x: everything but the pointers into the document and the document
// kept for augmenting; an unknown BOM version (0) is written as 1, and an
// empty dependency list reads as an absent one (HasDependencies tells
// them apart).
func modelled(inv *Inventory) Inventory {
	norm := func(c Component) Component {
		c.Pointer = ""
		if len(c.DependsOn) == 0 {
			c.DependsOn = nil
		}
		return c
	}
	m := *inv
	m.orig = nil
	m.schema = nil
	m.meta = nil
	if m.Version == 0 {
		m.Version = 1
	}
	if inv.Subject != nil {
		s := norm(*inv.Subject)
		m.Subject = &s
	}
	m.Components = make([]Component, len(inv.Components))
	for i, c := range inv.Components {
		m.Components[i] = norm(c)
	}
	return m
}

// FuzzDecodeSPDX: no panic on any input.
func FuzzDecodeSPDX(f *testing.F) {
	addFiles(f, "spdx/*.json")
	addFiles(f, "spdx/*.jsonld")
	addFiles(f, "spdx/*.spdx") // tag-value
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := DecodeSPDX(context.Background(), bytes.NewReader(data), fuzzLimits)
		if err != nil {
			return
		}
		if _, err := Check(context.Background(), inv, ProfileNTIA, nil); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzDecodeOSV: no panic; a record that reads can be matched.
func FuzzDecodeOSV(f *testing.F) {
	addFiles(f, "osv/*.json")
	inv, err := DecodeCycloneDX(context.Background(), strings.NewReader(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"zlib","version":"1.3.1","purl":"pkg:generic/zlib@1.3.1"},{"type":"library","name":"left-pad","version":"1.3.0","purl":"pkg:npm/left-pad@1.3.0"}]}`), EncodingJSON, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := DecodeOSV(context.Background(), bytes.NewReader(data), fuzzLimits)
		if err != nil {
			return
		}
		rep, err := MatchOSV(context.Background(), inv, []*OSVRecord{rec})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range rep.Matches {
			if !m.Status.Valid() {
				t.Fatalf("invalid status %v", m.Status)
			}
		}
		for _, s := range rep.Skipped {
			if s.Reason == "" || s.Vulnerability != rec.ID {
				t.Fatalf("skip without reason or record: %+v", s)
			}
		}
	})
}

// FuzzParseLicenseExpression: no panic; a valid expression's text parses
// to the same expression, and checking it alone agrees with the check.
func FuzzParseLicenseExpression(f *testing.F) {
	for _, s := range []string{"MIT", "MIT OR Apache-2.0", "(MIT OR Apache-2.0) AND BSD-3-Clause", "GPL-2.0-only WITH Classpath-exception-2.0",
		"GPL-2.0+", "LicenseRef-acme-1", "DocumentRef-x:LicenseRef-y", "mit and (isc or zlib)", "a AND (b AND c)", "((MIT))", "MIT AND", "(MIT", "MIT WITH"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseLicenseExpression(s)
		lc := checkLicense(s)
		if (err == nil) != lc.valid() {
			t.Fatalf("parse and check disagree on %q: %v", s, err)
		}
		if err != nil {
			return
		}
		e2, err := ParseLicenseExpression(e.String())
		if err != nil {
			t.Fatalf("text %q of %q does not parse: %v", e.String(), s, err)
		}
		if e2.String() != e.String() || !slices.Equal(e2.IDs(), e.IDs()) {
			t.Fatalf("not stable: %q -> %q", e.String(), e2.String())
		}
	})
}

// FuzzParsePURL: no panic; a valid purl's string form parses to the same
// purl.
func FuzzParsePURL(f *testing.F) {
	for _, s := range []string{"pkg:npm/left-pad@1.3.0", "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1?type=jar", "pkg:golang/github.com/sdlkit/iec62443@v0.1.0#sbom",
		"pkg:generic/openssl@3.0.15?file=libcrypto", "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=bookworm", "pkg:pypi/Django@5.0", "zlib@1.3.1", "pkg:/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePURL(s)
		if err != nil || len(p.String()) > 4096 { // escaping may pass the length limit
			return
		}
		p2, err := ParsePURL(p.String())
		if err != nil {
			t.Fatalf("%q -> %q does not parse: %v", clip(s), clip(p.String()), err)
		}
		if p2.String() != p.String() {
			t.Fatalf("not stable: %q -> %q", clip(p.String()), clip(p2.String()))
		}
	})
}

// scanAll streams r through a JSON limitReader and returns its error.
func scanAll(r io.Reader, lim requirement.Limits) error {
	lr := newLimitReader(r, lim, true)
	buf := make([]byte, 7) // odd chunks, so that tokens and runes straddle them
	for {
		if _, err := lr.Read(buf); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// FuzzJSONScanner: the streaming checker accepts exactly the UTF-8 JSON
// that encoding/json accepts (a leading byte-order mark aside), less
// duplicate keys and documents over the limits, whatever the chunks it
// is fed; and fed byte by byte it finds the same problem at the same place.
func FuzzJSONScanner(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e-3,true,null,"x\u00e9\n"]}`, `{"a":1,"A":2}`, `[]`, `-0.0E+1`, `"\ud800"`, "\ufeff{}", `{"a":{"b":[]}}x`, `[1,]`, `{"a" :1 , "b":-01}`, "[\"\xc3\xa9\"]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := requirement.Limits{MaxDepth: 1 << 20, MaxEntries: 1 << 30, MaxStringLen: 1 << 30, MaxBytes: 1 << 30}
		err := scanAll(bytes.NewReader(data), lim)
		oneByte := scanAll(iotest.OneByteReader(bytes.NewReader(data)), lim)
		var a, b *limitError
		switch {
		case err == nil && oneByte == nil:
		case errors.As(err, &a) && errors.As(oneByte, &b):
			if a.p != b.p {
				t.Fatalf("chunking changed the problem:\n%+v\n%+v", a.p, b.p)
			}
		default:
			t.Fatalf("chunking changed the result: %v / %v", err, oneByte)
		}
		doc := bytes.TrimPrefix(data, utf8BOM)
		valid := utf8.Valid(doc) && json.Valid(doc)
		switch {
		case err == nil && !valid:
			t.Fatalf("invalid JSON accepted: %q", data)
		case err == nil:
		case valid && !errors.Is(a.p.Err, problem.ErrDuplicateKey):
			t.Fatalf("valid JSON refused: %v", err)
		case valid && errors.Is(a.p.Err, problem.ErrSyntax):
			t.Fatalf("valid JSON called malformed: %v", err)
		}
	})
}
