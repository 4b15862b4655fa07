package oscal

import (
	"crypto/sha1" //nolint:gosec // RFC 9562 defines version 5 UUIDs over SHA-1; no security rests on it.
	"encoding/hex"
)

// namespaceURL is the RFC 9562 name space for URLs
// (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
var namespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// sdkNamespace is the name space of every UUID the package writes: the
// version 5 UUID of the URL [Namespace] in the URL name space.
var sdkNamespace = uuid5(namespaceURL, Namespace)

// uuid5 returns the version 5 (SHA-1, name-based) UUID of name in name space
// ns, as RFC 9562 section 5.5 defines it.
func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New() //nolint:gosec // see the import
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // variant RFC 9562
	return u
}

// format writes u in the canonical 8-4-4-4-12 form, lower case.
func format(u [16]byte) string {
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

// newUUID returns the UUID the package writes for the stable name parts:
// the version 5 UUID of the parts joined by NUL bytes in the SDK's name space. The
// same names give the same UUID in every export, so repeated exports diff
// cleanly.
func newUUID(parts ...string) string {
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
	return format(uuid5(sdkNamespace, string(b)))
}
