package oscal

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUUID5(t *testing.T) {
	// RFC 9562 name spaces and the well-known vector of the DNS name space.
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	assert.Equal(t, "2ed6657d-e927-568b-95e1-2665a8aea6a2", format(uuid5(dns, "www.example.com")))
	// The URL name space differs from the DNS one only in the first octets.
	assert.Equal(t, "6ba7b811-9dad-11d1-80b4-00c04fd430c8", format(namespaceURL))

	a, b := newUUID("catalog", "A11", "v1"), newUUID("catalog", "A11", "v1")
	assert.Equal(t, a, b, "stable")
	assert.NotEqual(t, a, newUUID("catalog", "A11", "v2"))
	assert.NotEqual(t, newUUID("ab"), newUUID("a", "b"))
	oscalUUID := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	assert.Regexp(t, oscalUUID, a)
}
