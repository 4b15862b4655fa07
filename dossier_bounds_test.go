package iec62443_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/sbom"
)

// partsDossier references every part by path, from the example's files.
const partsDossier = `{"schema_version": "1", "edition": "A11", "product": {"name": "P", "version": "1"}, "manufacturer": {"name": "M"},
  "context": {"kind": "software", "exposure": "plant-network", "target_sl_c": 1},
  "register": "register.json", "evidence": "evidence.json", "test_records": "tests.json",
  "sbom": {"path": "sbom.cdx.json"}}`

// exampleParts returns the example's part files by name.
func exampleParts(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range []string{"register.json", "evidence.json", "tests.json", "sbom.cdx.json"} {
		b, err := os.ReadFile(filepath.Join(exampleDir, name))
		require.NoError(t, err)
		out[name] = b
	}
	return out
}

// withTimeout runs f and fails the test when it does not return in time:
// a read of a FIFO blocks for ever.
func withTimeout(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("blocked: a special file was opened or read")
	}
}

// TestSpecialFilesRefused: a part that is a FIFO, a device, a socket or a
// directory is a located problem of the dossier at the referencing pointer,
// naming the path as the dossier gives it, never opened or read.
func TestSpecialFilesRefused(t *testing.T) {
	for _, tc := range []struct {
		kind string
		mode fs.FileMode
		word string
	}{
		{"FIFO", fs.ModeNamedPipe, "named pipe"},
		{"device", fs.ModeDevice | fs.ModeCharDevice, "device"},
		{"socket", fs.ModeSocket, "socket"},
		{"directory", fs.ModeDir, "directory"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			fsys := fstest.MapFS{"dossier.json": {Data: []byte(partsDossier)}}
			for name, b := range exampleParts(t) {
				fsys[name] = &fstest.MapFile{Mode: tc.mode}
				if name == "sbom.cdx.json" || name == "register.json" {
					fsys[name] = &fstest.MapFile{Data: b}
				}
			}
			_, err := iec62443.Load(ctx, neverRead{fsys, map[string]bool{"evidence.json": true, "tests.json": true}}, "dossier.json", nil)
			got := located(t, err)
			for _, key := range []string{"#/evidence", "#/test_records"} {
				e, ok := got[key]
				if assert.True(t, ok, "want a problem at %s: %v", key, err) {
					assert.ErrorIs(t, e, problem.ErrInvalidValue)
					assert.Contains(t, e.Message, tc.word)
					assert.Contains(t, e.Message, "not a regular file")
				}
			}
			assert.Len(t, got, 2, "%v", err)
		})
	}
}

// neverRead is an fs.FS whose named files fail the test when opened.
type neverRead struct {
	fs.FS
	refuse map[string]bool
}

func (n neverRead) Open(name string) (fs.File, error) {
	if n.refuse[name] {
		panic("opened " + name + ", which must be refused by its Stat")
	}
	return n.FS.Open(name)
}

func (n neverRead) Stat(name string) (fs.FileInfo, error) { return fs.Stat(n.FS, name) }

// TestFIFOOnDisk: real FIFOs under os.Root (as examples/assess opens a
// dossier) fail Load at once instead of blocking it for ever; so does a
// dossier file that is itself a FIFO.
func TestFIFOOnDisk(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := t.TempDir()
	parts := exampleParts(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dossier.json"), []byte(partsDossier), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "register.json"), parts["register.json"], 0o644))
	for _, name := range []string{"evidence.json", "tests.json", "sbom.cdx.json"} {
		require.NoError(t, syscall.Mkfifo(filepath.Join(dir, name), 0o600))
	}
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "fifo-dossier.json"), 0o600))
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()

	var loadErr, fifoErr error
	withTimeout(t, func() {
		_, loadErr = iec62443.Load(ctx, root.FS(), "dossier.json", nil)
		_, fifoErr = iec62443.Load(ctx, root.FS(), "fifo-dossier.json", nil)
	})
	got := located(t, loadErr)
	for _, key := range []string{"#/evidence", "#/test_records", "#/sbom/path"} {
		if assert.Contains(t, got, key, "%v", loadErr) {
			assert.ErrorIs(t, got[key], problem.ErrInvalidValue)
			assert.Contains(t, got[key].Message, "named pipe")
			assert.NotContains(t, got[key].Message, dir, "no host path")
		}
	}
	require.ErrorIs(t, fifoErr, problem.ErrInvalidValue)
	assert.Contains(t, fifoErr.Error(), "not a regular file")
}

// TestDirectoryReference: a directory given as a part is blamed on the
// dossier (the reference is wrong), with the path as the dossier gives it,
// never the absolute host path.
func TestDirectoryReference(t *testing.T) {
	dir := t.TempDir()
	parts := exampleParts(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "register.json"), parts["register.json"], 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "evidence"), 0o755))
	doc := strings.Replace(partsDossier, `"evidence": "evidence.json", "test_records": "tests.json",
  "sbom": {"path": "sbom.cdx.json"}`, `"evidence": "evidence"`, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dossier.json"), []byte(doc), 0o644))
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	_, err = iec62443.Load(ctx, root.FS(), "dossier.json", nil)
	var list problem.List
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 1, "%v", err)
	assert.Empty(t, list[0].Source, "blamed on the dossier, which names the directory")
	assert.Equal(t, "/evidence", list[0].Pointer)
	assert.Equal(t, `"evidence" is a directory, not a regular file: name a file`, list[0].Message)
	assert.NotContains(t, err.Error(), dir)
}

// bigStat reports a size over the limit for one file and fails the test if
// that file is opened: the size is checked by Stat before reading.
type bigStat struct {
	fs.FS
	name string
}

type bigInfo struct{ fs.FileInfo }

func (bigInfo) Size() int64 { return 2 << 30 }

func (b bigStat) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(b.FS, name)
	if err == nil && name == b.name {
		fi = bigInfo{fi}
	}
	return fi, err
}

func (b bigStat) Open(name string) (fs.File, error) {
	if name == b.name {
		panic("read " + name + " before its size was checked")
	}
	return b.FS.Open(name)
}

func TestSizeCheckedBeforeReading(t *testing.T) {
	fsys := fstest.MapFS{"dossier.json": {Data: []byte(partsDossier)}}
	for name, b := range exampleParts(t) {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	for _, tc := range []struct{ name, option string }{
		{"evidence.json", "MaxBytes"},
		{"sbom.cdx.json", "MaxSBOMBytes"},
		{"dossier.json", "MaxBytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := iec62443.Load(ctx, bigStat{fsys, tc.name}, "dossier.json", nil)
			require.ErrorIs(t, err, problem.ErrLimit)
			got := located(t, err)
			require.Contains(t, got, tc.name+"#", "the file over the limit is blamed: %v", err)
			assert.Contains(t, got[tc.name+"#"].Message, "raise "+tc.option)
		})
	}
}

// cancelOn is an fs.FS that cancels a context when a file is opened and
// records every file opened after that.
type cancelOn struct {
	fs.FS
	name   string
	cancel context.CancelFunc
	mu     sync.Mutex
	after  []string
	fired  bool
}

// Stat does not open the file, so that only a real Open counts.
func (c *cancelOn) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *cancelOn) Open(name string) (fs.File, error) {
	c.mu.Lock()
	if c.fired {
		c.after = append(c.after, name)
	}
	if name == c.name {
		c.fired = true
		c.cancel()
	}
	c.mu.Unlock()
	return c.FS.Open(name)
}

func TestLoadCancelled(t *testing.T) {
	fsys := fstest.MapFS{"dossier.json": {Data: []byte(partsDossier)}}
	for name, b := range exampleParts(t) {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := iec62443.Load(cancelled, fsys, "dossier.json", nil)
	require.ErrorIs(t, err, context.Canceled)
	_, err = iec62443.Decode(cancelled, strings.NewReader(partsDossier), fsys, nil)
	require.ErrorIs(t, err, context.Canceled)

	// Cancelled while the register is read: nothing else is read, and the
	// error is the context's, not a list of problems.
	c, cancel := context.WithCancel(context.Background())
	defer cancel()
	spy := &cancelOn{FS: fsys, name: "register.json", cancel: cancel}
	_, err = iec62443.Load(c, spy, "dossier.json", nil)
	require.ErrorIs(t, err, context.Canceled)
	var list problem.List
	assert.NotErrorAs(t, err, &list, "cancellation is not a document problem: %v", err)
	assert.True(t, spy.fired)
	assert.Empty(t, spy.after, "no part read after the cancellation")

	// Assess stops too.
	_, err = iec62443.Assess(cancelled, loadExample(t), exampleNow, nil)
	require.ErrorIs(t, err, context.Canceled)
}

// TestEditionRequired: a dossier without an edition is invalid (it used to
// mean A11), located at the root by the schema; Encode refuses a zero
// edition.
func TestEditionRequired(t *testing.T) {
	doc := strings.Replace(partsDossier, `"edition": "A11", `, "", 1)
	fsys := fstest.MapFS{}
	for name, b := range exampleParts(t) {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	_, err := iec62443.Decode(ctx, strings.NewReader(doc), fsys, nil)
	got := located(t, err)
	require.Contains(t, got, "#", "%v", err)
	assert.ErrorIs(t, got["#"], problem.ErrSchema)
	assert.Contains(t, got["#"].Message, "edition")
	assert.Len(t, got, 1, "only the edition is missing: %v", err)

	d := loadExample(t)
	d.Edition = 0
	var buf bytes.Buffer
	require.ErrorIs(t, iec62443.Encode(&buf, d), problem.ErrUnknownEdition)
	assert.Zero(t, buf.Len())
	d.Edition = requirement.Edition(9)
	require.ErrorIs(t, iec62443.Encode(io.Discard, d), problem.ErrUnknownEdition)
}

// TestSBOMFormatFromContent: without a format, the SBOM's format is told
// from its content, whatever its file is called (an SPDX document named
// bom.json used to be read as CycloneDX and refused).
func TestSBOMFormatFromContent(t *testing.T) {
	spdx, err := os.ReadFile(filepath.Join("sbom", "testdata", "spdx", "gateway.spdx.json"))
	require.NoError(t, err)
	parts := exampleParts(t)
	fsys := fstest.MapFS{"register.json": {Data: parts["register.json"]}, "bom.json": {Data: spdx}, "cdx": {Data: parts["sbom.cdx.json"]}}
	head := strings.Replace(partsDossier, `"evidence": "evidence.json", "test_records": "tests.json",
  "sbom": {"path": "sbom.cdx.json"}}`, "", 1)
	for file, format := range map[string]sbom.Format{"bom.json": sbom.FormatSPDX, "cdx": sbom.FormatCycloneDX} {
		d, err := iec62443.Decode(ctx, strings.NewReader(head+`"sbom": {"path": "`+file+`"}}`), fsys, nil)
		require.NoError(t, err, file)
		require.NotNil(t, d.SBOM.Inventory, file)
		assert.Equal(t, format, d.SBOM.Inventory.Format, file)
	}
}
