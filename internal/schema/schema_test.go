package schema_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
)

func TestCompileOfflineAndValidate(t *testing.T) {
	_, err := schema.Compile("https://x.test/a.json", []byte(`{"$ref": "https://elsewhere.test/b.json"}`))
	require.Error(t, err, "remote references are never fetched")

	s, err := schema.Compile("https://x.test/a.json", []byte(`{"type":"object","properties":{"b":{"$ref":"https://x.test/b.json"}}}`),
		schema.Resource{URL: "https://x.test/b.json", Data: []byte(`{"type":"integer"}`)})
	require.NoError(t, err)
	assert.Empty(t, s.Validate(map[string]any{"b": 1.0}))
	errs := s.Validate(map[string]any{"b": "x"})
	require.Len(t, errs, 1)
	assert.Equal(t, "/b", errs[0].Pointer)
	assert.ErrorIs(t, errs[0], located.ErrSchema)

	_, err = schema.Compile("https://x.test/c.json", []byte(`{"type": 12}`))
	assert.Error(t, err)
	assert.Panics(t, func() { schema.MustCompile("https://x.test/d.json", []byte(`{`)) })
}
