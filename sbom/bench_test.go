package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/requirement"
)

var (
	genMu    sync.Mutex
	genCache = map[int][]byte{}
)

func cachedSBOM(b *testing.B, n int) []byte {
	genMu.Lock()
	defer genMu.Unlock()
	if d, ok := genCache[n]; ok {
		return d
	}
	d := genSBOM(b, n)
	genCache = map[int][]byte{n: d} // keep one: the 100k document is big
	return d
}

// peakHeap runs f and returns the peak of heap objects above the level
// before f, sampled every 200µs (runtime/metrics, no stop-the-world).
// Callers collect garbage before, outside their timing.
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(s)
				if v := s[0].Value.Uint64(); v > peak {
					peak = v
				}
			}
		}
	}()
	f()
	metrics.Read(sample)
	close(done)
	wg.Wait()
	if v := sample[0].Value.Uint64(); v > peak {
		peak = v
	}
	return peak - base
}

// BenchmarkTR03183 measures, side by side on the same generated document,
// merely decoding it with cyclonedx-go ("decode") and the full TR-03183-2
// v2.1.0 check from the bytes ("check": decode, build the inventory, run
// every rule). peak-heap-B is the peak of live heap above the start.
//
//	go test -run='^$' -bench=BenchmarkTR03183 -benchtime=3x ./sbom/
func BenchmarkTR03183(b *testing.B) {
	for _, n := range benchSizes {
		data := cachedSBOM(b, n)
		b.Run(fmt.Sprintf("n=%d/decode", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var peak uint64
			for range b.N {
				b.StopTimer()
				runtime.GC()
				b.StartTimer()
				p := peakHeap(func() {
					var bom cdx.BOM
					if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
						b.Fatal(err)
					}
					runtime.KeepAlive(&bom)
				})
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak), "peak-heap-B")
		})
		b.Run(fmt.Sprintf("n=%d/check", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var peak uint64
			for range b.N {
				b.StopTimer()
				runtime.GC()
				b.StartTimer()
				p := peakHeap(func() {
					rep, err := CheckCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, ProfileTR03183v2_1, nil, nil)
					if err != nil {
						b.Fatal(err)
					}
					runtime.KeepAlive(rep)
				})
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak), "peak-heap-B")
		})
	}
}

// BenchmarkTR03183SideBySide runs, in every iteration, first the decode
// alone and then the full check on the same document (with the official
// schema, from a reader of unknown length, and without the schema), and
// reports them (wall and CPU time, peak live heap) and their ratios, so
// that all see the same machine load.
//
//	go test -run='^$' -bench=BenchmarkTR03183SideBySide -benchtime=3x ./sbom/
func BenchmarkTR03183SideBySide(b *testing.B) {
	for _, n := range benchSizes {
		data := cachedSBOM(b, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			var decWall, chkWall, decCPU, chkCPU, strWall, nsWall, nsCPU time.Duration
			var decPeak, chkPeak, strPeak, nsPeak uint64
			for range b.N {
				runtime.GC()
				t0, c0 := time.Now(), cpuTime()
				p := peakHeap(func() {
					var bom cdx.BOM
					if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
						b.Fatal(err)
					}
					runtime.KeepAlive(&bom)
				})
				decWall += time.Since(t0)
				decCPU += cpuTime() - c0
				decPeak = max(decPeak, p)
				runtime.GC()
				t0, c0 = time.Now(), cpuTime()
				p = peakHeap(func() {
					rep, err := CheckCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, ProfileTR03183v2_1, nil, nil)
					if err != nil {
						b.Fatal(err)
					}
					runtime.KeepAlive(rep)
				})
				chkWall += time.Since(t0)
				chkCPU += cpuTime() - c0
				chkPeak = max(chkPeak, p)
				// The same check from a reader that does not tell its
				// length (a network stream): no pre-sized buffer.
				runtime.GC()
				t0 = time.Now()
				p = peakHeap(func() {
					rep, err := CheckCycloneDX(context.Background(), io.MultiReader(bytes.NewReader(data)), EncodingJSON, ProfileTR03183v2_1, nil, nil)
					if err != nil {
						b.Fatal(err)
					}
					runtime.KeepAlive(rep)
				})
				strWall += time.Since(t0)
				strPeak = max(strPeak, p)
				// The check without the official schema (for callers who
				// validated already): what the inventory and the rules cost.
				runtime.GC()
				t0, c0 = time.Now(), cpuTime()
				p = peakHeap(func() {
					rep, err := CheckCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, ProfileTR03183v2_1, &DecodeOptions{SkipSchema: true}, nil)
					if err != nil {
						b.Fatal(err)
					}
					runtime.KeepAlive(rep)
				})
				nsWall += time.Since(t0)
				nsCPU += cpuTime() - c0
				nsPeak = max(nsPeak, p)
			}
			nn := float64(b.N)
			b.ReportMetric(float64(decWall.Nanoseconds())/nn, "decode-ns/op")
			b.ReportMetric(float64(chkWall.Nanoseconds())/nn, "check-ns/op")
			b.ReportMetric(float64(decCPU.Nanoseconds())/nn, "decode-cpu-ns/op")
			b.ReportMetric(float64(chkCPU.Nanoseconds())/nn, "check-cpu-ns/op")
			b.ReportMetric(float64(decPeak), "decode-peak-B")
			b.ReportMetric(float64(chkPeak), "check-peak-B")
			b.ReportMetric(float64(chkWall)/float64(decWall), "time-ratio")
			if decCPU > 0 {
				b.ReportMetric(float64(chkCPU)/float64(decCPU), "cpu-ratio")
			}
			b.ReportMetric(float64(chkPeak)/float64(decPeak), "peak-ratio")
			b.ReportMetric(float64(strWall)/float64(decWall), "stream-time-ratio")
			b.ReportMetric(float64(strPeak)/float64(decPeak), "stream-peak-ratio")
			b.ReportMetric(float64(nsWall)/float64(decWall), "noschema-time-ratio")
			if decCPU > 0 {
				b.ReportMetric(float64(nsCPU)/float64(decCPU), "noschema-cpu-ratio")
			}
			b.ReportMetric(float64(nsPeak)/float64(decPeak), "noschema-peak-ratio")
		})
	}
}

// BenchmarkMatchOSV measures matching 100 OSV records against inventories
// of growing size.
func BenchmarkMatchOSV(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		inv, err := DecodeCycloneDX(context.Background(), bytes.NewReader(cachedSBOM(b, n)), EncodingJSON, nil)
		if err != nil {
			b.Fatal(err)
		}
		recs := make([]*OSVRecord, 100)
		for i := range recs {
			recs[i] = &OSVRecord{ID: fmt.Sprintf("OSV-%d", i), Affected: []OSVAffected{{
				Package: OSVPackage{Ecosystem: "npm", Name: fmt.Sprintf("component-%06d", i*5)},
				Ranges:  []OSVRange{{Type: "SEMVER", Events: []OSVEvent{{Introduced: "0"}, {Fixed: "10.0.0"}}}},
			}}}
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, err := MatchOSV(context.Background(), inv, recs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLicenseExpression measures parsing a compound expression.
func BenchmarkLicenseExpression(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, err := ParseLicenseExpression("(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0 AND LicenseRef-acme-1"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLimitReader measures the streaming limit check alone.
func BenchmarkLimitReader(b *testing.B) {
	data := cachedSBOM(b, 10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	buf := make([]byte, 32<<10)
	for range b.N {
		lr := newLimitReader(bytes.NewReader(data), requirement.Limits{}, true)
		for {
			if _, err := lr.Read(buf); err != nil {
				break
			}
		}
		if lr.err != nil || lr.sc.depth != 0 {
			b.Fatal(lr.err, lr.sc.depth)
		}
	}
}

// BenchmarkTriageAndCSAF measures Triage and EncodeCSAFVEX for one
// vulnerability that matches every component: both index what they have
// seen, so the cost grows linearly with the components named.
//
//	go test -run='^$' -bench=BenchmarkTriageAndCSAF ./sbom/
func BenchmarkTriageAndCSAF(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		inv, err := DecodeCycloneDX(context.Background(), bytes.NewReader(cachedSBOM(b, n)), EncodingJSON, nil)
		if err != nil {
			b.Fatal(err)
		}
		matches := make([]Match, 0, len(inv.Components))
		for i := range inv.Components {
			c := &inv.Components[i]
			var bad located.Errors // the generator plants invalid purls
			if checkCSAFProduct(&bad, inv.Format, c); c.Ref != "" && len(bad) == 0 {
				matches = append(matches, Match{Vulnerability: "CVE-2026-0001", Component: c.Ref, Pointer: c.Pointer, Status: MatchUndetermined})
			}
		}
		b.Run(fmt.Sprintf("triage/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = Triage(matches)
			}
		})
		stmts := Triage(matches)
		b.Run(fmt.Sprintf("csaf/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if err := EncodeCSAFVEX(io.Discard, inv, stmts, CSAFInfo{ID: "X-1", Title: "t", PublisherName: "p", PublisherNamespace: "https://p.example"}, time.Unix(0, 0)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncodeCycloneDX measures augmenting: writing an inventory read
// from a generated SBOM back over its document (build the BOM, encode,
// then read the output back and compare it with the BOM and the inventory).
//
//	go test -run='^$' -bench=BenchmarkEncodeCycloneDX -benchmem ./sbom/
func BenchmarkEncodeCycloneDX(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		inv, err := DecodeCycloneDX(context.Background(), bytes.NewReader(cachedSBOM(b, n)), EncodingJSON, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if err := EncodeCycloneDX(io.Discard, inv, EncodingJSON, &EncodeOptions{Compact: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckManyGaps measures, side by side, decoding an SBOM of
// components that miss most fields with cyclonedx-go alone ("decode") and
// checking it ("check": decode, inventory, every rule of TR-03183-2 v2.1.0,
// with and without the official schema), and reports the peak live heap
// of each, their ratio, and the size of the report as JSON: the findings
// are aggregated per rule, so neither grows with the number of gaps.
//
//	go test -run='^$' -bench=BenchmarkCheckManyGaps -benchtime=1x ./sbom/
func BenchmarkCheckManyGaps(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		data := genGappySBOM(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			var decPeak, chkPeak, valPeak uint64
			var reportBytes, findings int
			for range b.N {
				runtime.GC()
				decPeak = max(decPeak, peakHeap(func() {
					var bom cdx.BOM
					if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
						b.Fatal(err)
					}
					runtime.KeepAlive(&bom)
				}))
				for _, skip := range []bool{true, false} {
					runtime.GC()
					p := peakHeap(func() {
						rep, err := CheckCycloneDX(context.Background(), bytes.NewReader(data), EncodingJSON, ProfileTR03183v2_1, &DecodeOptions{SkipSchema: skip}, nil)
						if err != nil {
							b.Fatal(err)
						}
						out, err := json.Marshal(rep)
						if err != nil {
							b.Fatal(err)
						}
						reportBytes, findings = len(out), len(rep.Findings)
					})
					if skip {
						chkPeak = max(chkPeak, p)
					} else {
						valPeak = max(valPeak, p)
					}
				}
			}
			b.ReportMetric(float64(decPeak), "decode-peak-B")
			b.ReportMetric(float64(chkPeak), "check-peak-B")
			b.ReportMetric(float64(valPeak), "check+schema-peak-B")
			b.ReportMetric(float64(chkPeak)/float64(decPeak), "peak-ratio")
			b.ReportMetric(float64(valPeak)/float64(decPeak), "schema-peak-ratio")
			b.ReportMetric(float64(reportBytes), "report-B")
			b.ReportMetric(float64(findings), "findings")
		})
	}
}

// benchSizes are the numbers of components the SBOM checker is measured
// at, in the library's benchmarks and in the whole-program ones.
var benchSizes = []int{1_000, 5_000, 20_000, 100_000}
