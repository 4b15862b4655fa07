package soa_test

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHTMLScreenshot opens the golden HTML page in headless Chromium (through
// testdata/screenshot.sh) and checks that the screenshot is not blank. It
// runs only where the chromium binary is on PATH (Debian: apt-get install -y
// chromium).
func TestHTMLScreenshot(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("chromium not on PATH")
	}
	page, err := filepath.Abs(filepath.Join("testdata", "plc7-a11.html"))
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "plc7-a11.png")
	cmd := exec.Command("sh", filepath.Join("testdata", "screenshot.sh"), page, out)
	cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)

	f, err := os.Open(out)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	bounds := img.Bounds()
	assert.Equal(t, 1280, bounds.Dx())
	colours := map[[4]uint32]bool{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, b, a := img.At(x, y).RGBA()
			colours[[4]uint32{r >> 8, g >> 8, b >> 8, a >> 8}] = true
		}
	}
	// A blank or error page has a handful of colours; the rendered statement
	// (text, badges, the SVG bars) has hundreds.
	assert.Greater(t, len(colours), 100, "the screenshot looks blank")
}
