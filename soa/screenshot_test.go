package soa_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/internal/screenshot"
	"github.com/sdlkit/iec62443/soa"
)

// TestHTMLScreenshot renders the example statement to HTML, opens the page in
// headless Chromium (through internal/screenshot, which runs .ci/screenshot;
// see CONTRIBUTING.md for the command) and checks that the page a person sees
// is the statement: not blank, not a browser error page, and with the
// per-practice summary bars of the inline SVG drawn in their colours. Without
// Chromium on PATH it is skipped, unless IEC62443_REQUIRE_BROWSER=1.
func TestHTMLScreenshot(t *testing.T) {
	screenshot.Require(t)
	s, fs := plcResolved(t)
	var b bytes.Buffer
	require.NoError(t, soa.RenderHTML(&b, s, &soa.RenderOptions{Findings: fs}))
	dir := t.TempDir()
	page := filepath.Join(dir, "plc7-a11.html")
	require.NoError(t, os.WriteFile(page, b.Bytes(), 0o644))

	img, err := screenshot.Take(page, dir, 1280, 2200)
	require.NoError(t, err)
	assert.Equal(t, 1280, img.Bounds().Dx())
	st := screenshot.Measure(img)
	assert.Greater(t, st.Colours, 40, "the screenshot is blank or nearly so")
	assert.Greater(t, st.Ink, 0.02, "almost nothing is drawn")
	// The summary chart's bars (statement.html.tmpl, decisionColours and
	// statusColours in render_html.go). Each legend square is 12x12 pixels, so
	// a count well above 144 means a bar was drawn, not only the legend. The
	// example has applicable and not-applicable requirements, and verified
	// and in-progress ones. (The other bar colours also tint badges or text,
	// so a count of them would prove less.)
	bars := []struct {
		name string
		rgb  uint32
		min  int
	}{
		{"applicable", 0x2da44e, 5000},
		{"not applicable", 0xafb8c1, 1000},
		{"verified", 0x116329, 5000},
		{"in progress", 0xd4a72c, 1000},
	}
	for _, c := range bars {
		assert.Greater(t, screenshot.Count(img, c.rgb, 8), c.min, "no %s bar was drawn (#%06x)", c.name, c.rgb)
	}
}
