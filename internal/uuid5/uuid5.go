// Package uuid5 makes version 5 (name-based, SHA-1) UUIDs as RFC 9562
// section 5.5 defines them, so that documents the SDK writes in formats that
// want UUIDs (OSCAL, CycloneDX) get the same UUIDs from the same names: a
// repeated export diffs cleanly.
package uuid5

import (
	"crypto/sha1" //nolint:gosec // RFC 9562 defines version 5 UUIDs over SHA-1; no security rests on it.
	"encoding/hex"
)

// UUID is a 128-bit UUID.
type UUID [16]byte

// NamespaceURL is the RFC 9562 name space for URLs
// (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
var NamespaceURL = UUID{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// New returns the version 5 UUID of name in name space ns.
func New(ns UUID, name string) UUID {
	h := sha1.New() //nolint:gosec // see the import
	h.Write(ns[:])
	h.Write([]byte(name))
	var u UUID
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // variant RFC 9562
	return u
}

// Join returns the name of several parts: the parts joined by NUL bytes, so
// that ("ab") and ("a", "b") name different things.
func Join(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, p...)
	}
	return string(b)
}

// String returns u in the canonical 8-4-4-4-12 form, lower case.
func (u UUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}
