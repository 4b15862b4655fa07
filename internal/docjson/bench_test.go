package docjson_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sdlkit/iec62443/internal/docjson"
)

// registerYAML returns a YAML document shaped like a risk register with n
// threats, each a small mapping with a list, and a merge key per threat.
func registerYAML(n int) []byte {
	var b strings.Builder
	b.WriteString("schema_version: \"1\"\ndefaults: &d {stride: spoofing, status: open}\nthreats:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - <<: *d\n    id: T-%d\n    title: threat %d with a title of some length\n    assets: [A-1, A-2]\n", i, i)
	}
	return []byte(b.String())
}

// BenchmarkFromYAML: converting YAML to JSON within the limits (go test
// ./internal/docjson -run '^$' -bench FromYAML -benchmem).
func BenchmarkFromYAML(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		data := registerYAML(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, errs := docjson.FromYAML(data, docjson.Limits{}); errs != nil {
					b.Fatal(errs)
				}
			}
		})
	}
}
