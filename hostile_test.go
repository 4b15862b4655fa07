package iec62443_test

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/sbom"
	"github.com/sdlkit/iec62443/soa"
)

// decoders lists every decoder of the SDK that reads a document.
var decoders = []struct {
	name string
	dec  func(io.Reader) error
}{
	{"requirement.DecodeOverlay", func(r io.Reader) error { _, err := requirement.DecodeOverlay(r, nil); return err }},
	{"annex.DecodeRules", func(r io.Reader) error { _, err := annex.DecodeRules(r, nil); return err }},
	{"annex.DecodeContext", func(r io.Reader) error { _, err := annex.DecodeContext(r, nil); return err }},
	{"annex.DecodeTestRecords", func(r io.Reader) error { _, err := annex.DecodeTestRecords(r, nil); return err }},
	{"maturity.Decode", func(r io.Reader) error { _, err := maturity.Decode(r, nil); return err }},
	{"risk.Decode", func(r io.Reader) error { _, err := risk.Decode(r, nil); return err }},
	{"risk.DecodeYAML", func(r io.Reader) error { _, err := risk.DecodeYAML(r, nil); return err }},
	{"risk.ImportThreatDragon", func(r io.Reader) error { _, _, err := risk.ImportThreatDragon(r, nil); return err }},
	{"soa.Decode", func(r io.Reader) error { _, err := soa.Decode(r, nil); return err }},
	{"sbom.ReadCycloneDX(json)", func(r io.Reader) error { _, err := sbom.ReadCycloneDX(r, sbom.EncodingJSON, nil); return err }},
	{"sbom.ReadCycloneDX(xml)", func(r io.Reader) error { _, err := sbom.ReadCycloneDX(r, sbom.EncodingXML, nil); return err }},
	{"sbom.ReadSPDX", func(r io.Reader) error { _, err := sbom.ReadSPDX(r, nil); return err }},
	{"sbom.ReadOSV", func(r io.Reader) error { _, err := sbom.ReadOSV(r, nil); return err }},
	{"iec62443.Decode", func(r io.Reader) error { _, err := iec62443.Decode(r, nil, nil); return err }},
	{"iec62443.DecodeYAML", func(r io.Reader) error { _, err := iec62443.DecodeYAML(r, nil, nil); return err }},
}

// hostile returns the corpus of hostile inputs, built on demand (some are large).
func hostile() map[string][]byte {
	return map[string][]byte{
		"empty":            {},
		"deep nesting":     []byte(strings.Repeat(`{"a":`, 100_000) + "1" + strings.Repeat("}", 100_000)),
		"deep arrays":      []byte(strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000)),
		"huge string":      []byte(`{"schema_version": "` + strings.Repeat("x", 40<<20) + `"}`),
		"NaN":              []byte(`{"schema_version": NaN}`),
		"Infinity":         []byte(`{"schema_version": Infinity, "x": -Infinity}`),
		"huge number":      []byte(`{"schema_version": 1e999999}`),
		"invalid UTF-8":    []byte("{\"schema_version\": \"\xff\xfe\"}"),
		"duplicate keys":   []byte(`{"schema_version": "1", "schema_version": "1"}`),
		"10^6 entries":     []byte("[" + strings.Repeat("0,", 1_000_000) + "0]"),
		"10^6 members":     millionMembers(),
		"truncated":        []byte(`{"schema_version": "1", "a": [1, 2`),
		"not a document":   []byte(`"just a string"`),
		"billion laughs":   billionLaughsYAML(),
		"xml entity bomb":  []byte(`<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6">&b;</bom>`),
		"binary garbage":   bytes.Repeat([]byte{0, 1, 2, 0xff, '{', '['}, 10_000),
		"whitespace flood": bytes.Repeat([]byte(" "), 50<<20),
	}
}

func millionMembers() []byte {
	var b bytes.Buffer
	b.WriteString("{")
	for i := 0; i < 1_000_000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"k`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`":0`)
	}
	b.WriteString("}")
	return b.Bytes()
}

func billionLaughsYAML() []byte {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	return []byte(b.String())
}

// TestHostileInput feeds every decoder every hostile input and asserts a
// bounded, classified, located error: never a panic, never success. A decoder
// that hangs or exhausts memory fails the test by its deadline.
func TestHostileInput(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	corpus := hostile()
	for _, d := range decoders {
		for name, input := range corpus {
			t.Run(d.name+"/"+name, func(t *testing.T) {
				var err error
				require.NotPanics(t, func() { err = d.dec(bytes.NewReader(input)) })
				require.Error(t, err, "hostile input accepted")
				assert.ErrorIs(t, err, requirement.ErrInvalidDocument, "classified as a document problem: %v", err)
				var list requirement.LocatedErrors
				if assert.ErrorAs(t, err, &list, "located: %v", err) {
					assert.NotEmpty(t, list)
				}
				assert.Less(t, len(err.Error()), 4096, "the message is bounded")
			})
		}
	}
}

// TestHostileCVSS feeds the CVSS vector parser (a string parser, not a
// document decoder) hostile vectors: each must fail with ErrInvalidValue and
// a bounded message, never panic.
func TestHostileCVSS(t *testing.T) {
	vectors := map[string]string{
		"empty":          "",
		"huge":           "CVSS:3.1/" + strings.Repeat("AV:N/", 1<<20),
		"huge 4.0":       "CVSS:4.0/" + strings.Repeat("AV:N/", 1<<20),
		"invalid UTF-8":  "CVSS:3.1/AV:\xff/AC:L",
		"NaN":            "CVSS:3.1/AV:NaN",
		"duplicate":      "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"missing metric": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
		"version 2":      "AV:N/AC:L/Au:N/C:P/I:P/A:P",
		"version 3.0":    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"NUL":            "CVSS:4.0/\x00",
	}
	for name, v := range vectors {
		t.Run(name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { _, err = risk.ParseCVSS(v) })
			require.ErrorIs(t, err, requirement.ErrInvalidValue)
			assert.Less(t, len(err.Error()), 4096, "the message is bounded")
		})
	}
}
