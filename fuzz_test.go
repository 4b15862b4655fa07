package iec62443_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// FuzzDecode feeds the dossier decoder arbitrary documents next to the
// example's files: it must never panic, every error must be a located list,
// and an accepted dossier must encode and decode to itself.
func FuzzDecode(f *testing.F) {
	fsys := fstest.MapFS{}
	osv, err := filepath.Glob(filepath.Join(exampleDir, "osv", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range osv {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		fsys["osv/"+filepath.Base(p)] = &fstest.MapFile{Data: b}
	}
	for _, name := range []string{"register.json", "evidence.json", "tests.json", "sbom.cdx.json", "vex.json"} {
		b, err := os.ReadFile(filepath.Join(exampleDir, name))
		if err != nil {
			f.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	for _, p := range []string{filepath.Join(exampleDir, "dossier.json"), filepath.Join("testdata", "bad-dossier", "dossier.json")} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"schema_version":"1","edition":"A11","product":{"name":"P","version":"1"},"manufacturer":{"name":"M"},"context":{"kind":"software","exposure":"isolated","target_sl_c":1},"register":"register.json"}`))
	f.Add([]byte(`{"schema_version":"1","register":"../x"}`))
	f.Add([]byte(`{"schema_version":"1","edition":"A11","product":{"name":"P","version":"1"},"manufacturer":{"name":"M"},"context":{"kind":"software","exposure":"isolated","target_sl_c":1},"register":"register.json","sbom":{"path":"sbom.cdx.json"},` +
		`"technical_documentation":[{"point":"7","title":"DoC","uri":"https://x.example/doc"}],` +
		`"vulnerability_monitoring":{"osv":[{"id":"X-1","modified":"2026-01-01T00:00:00Z","affected":[{"package":{"purl":"pkg:generic/zlib.net/zlib"},"versions":["1.3.1"]}]}],` +
		`"vex":[{"vulnerability":"X-1","components":["pkg:generic/zlib.net/zlib@1.3.1"],"status":"fixed"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := iec62443.Decode(context.Background(), bytes.NewReader(data), fsys, &iec62443.LoadOptions{Limits: requirement.Limits{MaxBytes: 1 << 20}})
		if err != nil {
			var list problem.List
			if !errorsAs(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a located list: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := iec62443.Encode(&buf, d); err != nil {
			t.Fatalf("encode accepted dossier: %v", err)
		}
		d2, err := iec62443.Decode(context.Background(), bytes.NewReader(buf.Bytes()), fsys, nil)
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, buf.Bytes())
		}
		var buf2 bytes.Buffer
		if err := iec62443.Encode(&buf2, d2); err != nil || !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
			t.Fatalf("round trip differs (%v)", err)
		}
	})
}
