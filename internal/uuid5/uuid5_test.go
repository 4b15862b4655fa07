package uuid5

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNew(t *testing.T) {
	// the well-known vector of the RFC 9562 DNS name space
	dns := UUID{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	assert.Equal(t, "2ed6657d-e927-568b-95e1-2665a8aea6a2", New(dns, "www.example.com").String())
	assert.Equal(t, "6ba7b811-9dad-11d1-80b4-00c04fd430c8", NamespaceURL.String())
	a := New(NamespaceURL, Join("catalog", "A11"))
	assert.Equal(t, a, New(NamespaceURL, Join("catalog", "A11")), "stable")
	assert.NotEqual(t, New(NamespaceURL, Join("ab")), New(NamespaceURL, Join("a", "b")))
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, a.String())
}
