package requirement_test

import (
	"testing"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/requirement"
)

func BenchmarkLookup(b *testing.B) {
	c := requirement.Default()
	ids := c.IDs()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := c.Lookup(ids[i%len(ids)]); !ok {
			b.Fatal("missing")
		}
	}
}

func BenchmarkFirstDefault(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if requirement.BuildDefaultForBench().Len() == 0 {
			b.Fatal("empty")
		}
	}
}

func BenchmarkByPractice(b *testing.B) {
	c := requirement.Default()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		n := 0
		for range c.ByPractice(practice.SM) {
			n++
		}
		if n == 0 {
			b.Fatal("empty")
		}
	}
}

func BenchmarkParseID(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := requirement.ParseID("SVV-5"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDelta(b *testing.B) {
	c18, _ := requirement.ForEdition(requirement.Edition2018)
	a11 := requirement.Default()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := requirement.Delta(c18, a11); err != nil {
			b.Fatal(err)
		}
	}
}
