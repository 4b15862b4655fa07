package annex

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCRARef(t *testing.T) {
	tests := []struct {
		in        string
		want      CRARef
		canonical string
		short     string
	}{
		{"Annex I Part I (2)(f)", AnnexIPartI(2, 'f'), "Annex I Part I (2)(f)", "I.I.2.f"},
		{"I.I.2.f", AnnexIPartI(2, 'f'), "Annex I Part I (2)(f)", "I.I.2.f"},
		{"Annex I Part I (1)", AnnexIPartI(1, 0), "Annex I Part I (1)", "I.I.1"},
		{"Annex I Part II (8)", AnnexIPartII(8), "Annex I Part II (8)", "I.II.8"},
		{"I.II.3", AnnexIPartII(3), "Annex I Part II (3)", "I.II.3"},
		{"Annex I Part II", CRARef{Annex: 1, Part: 2}, "Annex I Part II", "I.II"},
		{"Annex I", CRARef{Annex: 1}, "Annex I", "I"},
		{"Art. 14(2)(a)", Art(14, 2, 'a'), "Art. 14(2)(a)", "Art. 14(2)(a)"},
		{"Article 14 (2) (a)", Art(14, 2, 'a'), "Art. 14(2)(a)", "Art. 14(2)(a)"},
		{"Art 13(8)", Art(13, 8, 0), "Art. 13(8)", "Art. 13(8)"},
		{"Art. 31", Art(31, 0, 0), "Art. 31", "Art. 31"},
		{"Annex III Class I (5)", CRARef{Annex: 3, Class: 1, Point: 5}, "Annex III Class I (5)", "III.I.5"},
		{"III.II.2", CRARef{Annex: 3, Class: 2, Point: 2}, "Annex III Class II (2)", "III.II.2"},
		{"Annex IV (3)", CRARef{Annex: 4, Point: 3}, "Annex IV (3)", "IV.3"},
		{"IV.1", CRARef{Annex: 4, Point: 1}, "Annex IV (1)", "IV.1"},
		{"Annex II (8)(c)", CRARef{Annex: 2, Point: 8, Letter: 'c'}, "Annex II (8)(c)", "II.8.c"},
		{"Annex VII(2)(b)", CRARef{Annex: 7, Point: 2, Letter: 'b'}, "Annex VII (2)(b)", "VII.2.b"},
		{"  Annex VIII  ", CRARef{Annex: 8}, "Annex VIII", "VIII"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCRARef(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.canonical, got.String())
			assert.Equal(t, tt.short, got.Short())
			again, err := ParseCRARef(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, again)
			again, err = ParseCRARef(got.Short())
			require.NoError(t, err)
			assert.Equal(t, got, again)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			var back CRARef
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, got, back)
		})
	}
}

func TestParseCRARefErrors(t *testing.T) {
	tests := []struct{ in, expect string }{
		{"", "empty"},
		{"Annex I Part III (1)", "want Part I or Part II"},
		{"Annex I (2)", "want Part I or Part II before a point of Annex I"},
		{"Annex I Part I (2)(n)", "(a) to (m)"},
		{"Annex I Part I (3)", "points (1) and (2)"},
		{"Annex I Part I (1)(a)", "only Annex I Part I (2) has lettered points"},
		{"Annex I Part II (9)", "(1) to (8)"},
		{"Annex I Part II (2)(a)", "no lettered points"},
		{"Annex III Class I (20)", "(1) to (19)"},
		{"Annex III Class II (5)", "(1) to (4)"},
		{"Annex III (5)", "want Class I or Class II"},
		{"Annex IV (4)", "(1) to (3)"},
		{"Annex IX", "want a roman numeral I to VIII"},
		{"Annex", "want a space"},
		{"Annex II Part I", "only Annex I has parts"},
		{"Art. 72", "1 to 71"},
		{"Art. 0", "want an article number"},
		{"Art. 14(2", "want ')'"},
		{"Art. 14(x)", "want a number"},
		{"Art. 14(2)(A)", "lower-case letter"},
		{"Art. 14(02)", "want a number"},
		{"Art. 14(2)(a) extra", "unexpected"},
		{"I.IV.2", "want Part I or Part II"},
		{"II.I.1", "only Annex I (parts) and Annex III (classes)"},
		{"I.I.2.F", "lower-case letter"},
		{"Section 5", "want \"Art.\", \"Annex\""},
		{"I.I.", "want a point number"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseCRARef(tt.in)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidCRARef)
			assert.Contains(t, err.Error(), tt.expect)
		})
	}
}

func TestCRARefMisc(t *testing.T) {
	var zero CRARef
	assert.True(t, zero.IsZero())
	assert.False(t, zero.Valid())
	assert.ErrorIs(t, zero.Check(), ErrInvalidCRARef)
	_, err := zero.MarshalText()
	assert.ErrorIs(t, err, ErrInvalidCRARef)
	assert.Contains(t, zero.String(), "CRARef{")
	assert.True(t, MustParseCRARef("Annex I").Contains(AnnexIPartI(2, 'f')))
	assert.True(t, MustParseCRARef("I.I.2").Contains(AnnexIPartI(2, 'f')))
	assert.False(t, MustParseCRARef("I.II").Contains(AnnexIPartI(2, 'f')))
	assert.True(t, Art(14, 0, 0).Contains(Art(14, 2, 'a')))
	assert.False(t, Art(14, 2, 0).Contains(Art(14, 4, 'a')))
	assert.Equal(t, -1, CompareCRARefs(Art(99, 0, 0), AnnexIPartI(1, 0)))
	assert.Equal(t, -1, CompareCRARefs(AnnexIPartI(2, 0), AnnexIPartI(2, 'a')))
	assert.Equal(t, 1, CompareCRARefs(AnnexIPartII(1), AnnexIPartI(2, 'm')))
	assert.Panics(t, func() { MustParseCRARef("nope") })
}

func FuzzParseCRARef(f *testing.F) {
	for _, s := range []string{"Annex I Part I (2)(f)", "I.I.2.f", "Art. 14(2)(a)", "Annex III Class I (5)", "IV.3", "Annex VII (2)(b)", "Article 13 (8)", "III.II", "Annex I Part II", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseCRARef(s)
		if err != nil {
			if r != (CRARef{}) {
				t.Fatalf("error with non-zero result %+v", r)
			}
			return
		}
		if !r.Valid() {
			t.Fatalf("parsed %q into invalid %+v", s, r)
		}
		for _, form := range []string{r.String(), r.Short()} {
			back, err := ParseCRARef(form)
			if err != nil {
				t.Fatalf("%q -> %q does not parse: %v", s, form, err)
			}
			if back != r {
				t.Fatalf("%q -> %q -> %+v, want %+v", s, form, back, r)
			}
		}
	})
}

func FuzzCRARefRoundTrip(f *testing.F) {
	f.Add(1, 0, 1, 0, 2, byte('f'))
	f.Add(0, 14, 0, 0, 2, byte('a'))
	f.Add(3, 0, 0, 1, 5, byte(0))
	f.Fuzz(func(t *testing.T, annex, article, part, class, point int, letter byte) {
		r := CRARef{Annex: annex, Article: article, Part: part, Class: class, Point: point, Letter: letter}
		if !r.Valid() {
			return
		}
		back, err := ParseCRARef(r.String())
		if err != nil || back != r {
			t.Fatalf("%+v -> %q -> %+v, %v", r, r.String(), back, err)
		}
	})
}

func BenchmarkParseCRARef(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCRARef("Annex I Part I (2)(f)"); err != nil {
			b.Fatal(err)
		}
	}
}
