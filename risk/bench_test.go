package risk

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/requirement"
)

// synthetic builds a well-formed register with n threats and 5n links:
// every threat names an asset and an interface, a risk rates it, the risk's
// treatment names a mitigation, and a verification claims the threat.
func synthetic(n int) *Register {
	reg := base()
	reg.Assets, reg.Interfaces, reg.Threats, reg.Risks, reg.Mitigations, reg.Verifications = nil, nil, nil, nil, nil, nil
	na, nm := max(n/10, 1), max(n/2, 1)
	reqs := []requirement.ID{requirement.SR1, requirement.SD2, requirement.SD4, requirement.SI2, requirement.SD7}
	for i := range na {
		reg.Assets = append(reg.Assets, Asset{ID: fmt.Sprintf("A-%d", i), Name: "asset", Kind: AssetComponent})
		reg.Interfaces = append(reg.Interfaces, Interface{ID: fmt.Sprintf("IF-%d", i), Name: "if", Kind: InterfaceNetwork, External: true})
	}
	for i := range nm {
		reg.Mitigations = append(reg.Mitigations, Mitigation{ID: fmt.Sprintf("M-%d", i), Title: "m", Requirements: []requirement.ID{reqs[i%len(reqs)]}, DesignElements: []string{"DE"}})
	}
	for i := range n {
		tid := fmt.Sprintf("T-%d", i)
		reg.Threats = append(reg.Threats, Threat{ID: tid, Title: "t", Category: Strides()[i%6], Assets: []string{fmt.Sprintf("A-%d", i%na)}, Interfaces: []string{fmt.Sprintf("IF-%d", i%na)}})
		mid := fmt.Sprintf("M-%d", i%nm)
		reg.Risks = append(reg.Risks, Risk{ID: fmt.Sprintf("R-%d", i), Threats: []string{tid}, Likelihood: "medium", Impact: "medium",
			Treatment: Treatment{Option: TreatMitigate, Mitigations: []string{mid}}, Residual: Residual{Likelihood: "low", Impact: "low"}})
		reg.Verifications = append(reg.Verifications, Verification{ID: fmt.Sprintf("V-%d", i), Title: "v", Module: annex.ModuleThreatMitigationTesting, Outcome: requirement.OutcomePass, Threats: []string{tid}})
	}
	return reg
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		reg := synthetic(n)
		if fs, err := Validate(reg, nil, testNow); err != nil || len(fs) != 0 {
			b.Fatalf("synthetic register: %v %v", err, fs)
		}
		b.Run(fmt.Sprintf("threats=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Validate(reg, nil, testNow); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRiskStates derives the workflow state of every risk, the way
// examples/threatdragon does: one Evaluate, then one RiskState lookup per
// risk. Per risk the cost must not grow with the register (it grew
// linearly, and the whole quadratically, when every risk's state re-checked
// the register: 2,000 risks took over a minute). Compare ns/op per risk
// across the sizes.
func BenchmarkRiskStates(b *testing.B) {
	for _, n := range []int{500, 1_000, 2_000} {
		reg := synthetic(n)
		b.Run(fmt.Sprintf("risks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e, err := Evaluate(reg, nil, testNow)
				if err != nil {
					b.Fatal(err)
				}
				for i := range reg.Risks {
					if s, ok := e.RiskState(reg.Risks[i].ID); !ok || s != StateVerified {
						b.Fatalf("risk %d: %s %v", i, s, ok)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/risk")
		})
	}
}

// BenchmarkTouchRegister reads a byte of every ID and reference of the
// synthetic register once and does nothing else: the memory floor of any
// pass over the register, against which the scaling of BenchmarkValidate is
// to be read (once the register no longer fits in the caches, this floor
// itself grows faster than the register).
func BenchmarkTouchRegister(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		reg := synthetic(n)
		b.Run(fmt.Sprintf("threats=%d", n), func(b *testing.B) {
			sum := 0
			for b.Loop() {
				for i := range reg.Threats {
					t := &reg.Threats[i]
					sum += int(t.ID[0]) + int(t.Assets[0][0]) + int(t.Interfaces[0][0])
				}
				for i := range reg.Risks {
					r := &reg.Risks[i]
					sum += int(r.ID[0]) + int(r.Threats[0][0]) + int(r.Treatment.Mitigations[0][0])
				}
				for i := range reg.Verifications {
					v := &reg.Verifications[i]
					sum += int(v.ID[0]) + int(v.Threats[0][0])
				}
			}
			if sum == 0 {
				b.Fatal("nothing read")
			}
		})
	}
}

func BenchmarkAssessApplicability(b *testing.B) {
	reg := synthetic(10_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AssessApplicability(reg, nil, annex.Category3, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	if err := Encode(&buf, synthetic(10_000)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(data), nil); err != nil {
			b.Fatal(err)
		}
	}
}
