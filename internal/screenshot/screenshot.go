// Package screenshot renders an HTML page in headless Chromium for the tests
// that check the SDK's HTML reports the way a person sees them. It runs the
// repository's .ci/screenshot script, so the browser flags live in one place
// and contributors can run the same command by hand (CONTRIBUTING.md).
//
// Only tests import it. A test calls [Require] first: without Chromium the test
// is skipped, unless the environment variable IEC62443_REQUIRE_BROWSER is set
// to 1 (as .ci/run does after installing Chromium), in which case it fails.
package screenshot

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// RequireEnv is the environment variable that turns a missing browser from a
// skip into a failure.
const RequireEnv = "IEC62443_REQUIRE_BROWSER"

// Require skips t when Chromium is not on PATH, or fails it when [RequireEnv]
// is "1".
func Require(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("chromium"); err == nil {
		return
	}
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("chromium is not on PATH and %s=1: install it (apt-get install -y chromium)", RequireEnv)
	}
	t.Skip("chromium is not on PATH (apt-get install -y chromium); see CONTRIBUTING.md")
}

// script returns the path of .ci/screenshot, found from this source file.
func script() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", fmt.Errorf("screenshot: cannot locate the source file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", ".ci", "screenshot"), nil
}

// Take renders the page at path (a file) at the given width and height in
// headless Chromium, with a deadline of one minute, and returns the decoded
// screenshot. The PNG is written into dir.
func Take(path, dir string, width, height int) (image.Image, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	sh, err := script()
	if err != nil {
		return nil, err
	}
	out := filepath.Join(dir, filepath.Base(path)+".png")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", sh, abs, out, fmt.Sprintf("%d,%d", width, height))
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("screenshot: %s: %w: %s", path, err, msg)
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// Stats summarises a screenshot: enough to tell a rendered report from a
// blank page, a browser error page or a page whose styles did not apply.
type Stats struct {
	// Colours is the number of distinct colours among the sampled pixels
	// (every second pixel in each direction, 5 bits per channel).
	Colours int
	// Ink is the share of sampled pixels that are not (near) white.
	Ink float64
}

// Measure computes the [Stats] of img.
func Measure(img image.Image) Stats {
	b := img.Bounds()
	colours := map[uint32]bool{}
	var n, ink int
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[(r>>11)<<10|(g>>11)<<5|bl>>11] = true
			n++
			if r>>8 < 235 || g>>8 < 235 || bl>>8 < 235 {
				ink++
			}
		}
	}
	if n == 0 {
		return Stats{}
	}
	return Stats{Colours: len(colours), Ink: float64(ink) / float64(n)}
}

// Count returns how many pixels of img are within tol (per 8-bit channel) of
// the colour given as 0xRRGGBB: a test asserts that a chart colour of the
// page was actually drawn.
func Count(img image.Image, rgb uint32, tol int) int {
	wr, wg, wb := int(rgb>>16&0xff), int(rgb>>8&0xff), int(rgb&0xff)
	near := func(a, b int) bool { d := a - b; return d <= tol && d >= -tol }
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(int(r>>8), wr) && near(int(g>>8), wg) && near(int(bl>>8), wb) {
				n++
			}
		}
	}
	return n
}
