package annex

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sdlkit/iec62443/problem"
)

// ErrInvalidCRARef is wrapped by [ParseCRARef] (and the text unmarshaller of
// [CRARef]) when the text is not a well-formed reference to a provision of the
// Cyber Resilience Act.
var ErrInvalidCRARef = errors.New("invalid CRA reference")

// CRARef is a typed reference to a provision of the Cyber Resilience Act
// (Regulation (EU) 2024/2847): an article with optional paragraph and point,
// or an annex with optional part (Annex I) or class (Annex III), point and
// letter. Exactly one of Article and Annex is set. The zero value is the
// empty reference; it is not valid. CRARef is comparable and usable as a map
// key.
//
// Canonical text ([CRARef.String]):
//
//	Art. 14               Art. 13(8)            Art. 14(2)(a)
//	Annex VII             Annex I Part II (3)   Annex I Part I (2)(f)
//	Annex III Class I (5) Annex IV (3)          Annex II (8)(c)
//
// Short form ([CRARef.Short]), for annexes only: roman annex number, then
// part or class as a roman numeral, point and letter, separated by dots:
// "I.I.2.f", "I.II.3", "III.I.5", "IV.3", "II.8.c".
type CRARef struct {
	// Article is the article number (1 to 71), or 0 for an annex reference.
	Article int
	// Annex is the annex number (1 to 8, printed in roman numerals), or 0
	// for an article reference.
	Annex int
	// Part is the part of Annex I (1 or 2), or 0.
	Part int
	// Class is the class of Annex III (1 or 2), or 0.
	Class int
	// Point is the paragraph of an article or the point of an annex, or 0
	// for the whole article, annex, part or class.
	Point int
	// Letter is the lettered point ('a' to 'z') below Point, or 0.
	Letter byte
}

// Art returns a reference to an article, paragraph and point. Pass 0 for the
// parts that are not wanted. The result is not validated; see [CRARef.Valid].
func Art(article, paragraph int, letter byte) CRARef {
	return CRARef{Article: article, Point: paragraph, Letter: letter}
}

// AnnexIPartI returns a reference to Annex I Part I (point)(letter).
func AnnexIPartI(point int, letter byte) CRARef {
	return CRARef{Annex: 1, Part: 1, Point: point, Letter: letter}
}

// AnnexIPartII returns a reference to Annex I Part II (point).
func AnnexIPartII(point int) CRARef { return CRARef{Annex: 1, Part: 2, Point: point} }

var romans = []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"}

// romanTokens lists the numerals the parser accepts, longest first.
var romanTokens = []struct {
	s string
	n int
}{{"VIII", 8}, {"VII", 7}, {"III", 3}, {"VI", 6}, {"IV", 4}, {"II", 2}, {"V", 5}, {"I", 1}}

// IsZero reports whether r is the empty reference.
func (r CRARef) IsZero() bool { return r == CRARef{} }

// Valid reports whether r is a well-formed reference (see [CRARef.Check]).
func (r CRARef) Valid() bool { return r.Check() == nil }

// Check returns nil when r is well formed, or an error wrapping
// [ErrInvalidCRARef] that says what was expected.
func (r CRARef) Check() error {
	if msg := r.problem(); msg != "" {
		return fmt.Errorf("annex: CRA reference %+v: %w: %s", r.fields(), ErrInvalidCRARef, msg)
	}
	return nil
}

func (r CRARef) fields() string {
	return fmt.Sprintf("{Article:%d Annex:%d Part:%d Class:%d Point:%d Letter:%q}", r.Article, r.Annex, r.Part, r.Class, r.Point, r.Letter)
}

// problem returns "" or what is wrong with r, phrased as what was expected.
func (r CRARef) problem() string {
	if r.Letter != 0 && (r.Letter < 'a' || r.Letter > 'z') {
		return "want a lower-case letter a to z as the lettered point"
	}
	if r.Letter != 0 && r.Point == 0 {
		return "a lettered point needs a point or paragraph number before it"
	}
	if r.Point < 0 || r.Point > 99 {
		return "want a point or paragraph number from 1 to 99"
	}
	switch {
	case r.Article != 0 && r.Annex != 0:
		return "want either an article or an annex, not both"
	case r.Article != 0:
		if r.Article < 1 || r.Article > 71 {
			return "want an article number from 1 to 71 (the CRA has 71 articles)"
		}
		if r.Part != 0 || r.Class != 0 {
			return "articles have no part or class"
		}
		return ""
	case r.Annex == 0:
		return "want an article or an annex"
	case r.Annex < 1 || r.Annex > 8:
		return "want an annex from I to VIII"
	}
	if r.Part != 0 && r.Annex != 1 {
		return "only Annex I has parts"
	}
	if r.Class != 0 && r.Annex != 3 {
		return "only Annex III has classes"
	}
	switch r.Annex {
	case 1:
		switch r.Part {
		case 0:
			if r.Point != 0 {
				return "want Part I or Part II before a point of Annex I"
			}
		case 1:
			if r.Point > 2 {
				return "Annex I Part I has points (1) and (2)"
			}
			if r.Letter != 0 && (r.Point != 2 || r.Letter > 'm') {
				return "only Annex I Part I (2) has lettered points, (a) to (m)"
			}
		case 2:
			if r.Point > 8 {
				return "Annex I Part II has points (1) to (8)"
			}
			if r.Letter != 0 {
				return "Annex I Part II has no lettered points"
			}
		default:
			return "want Part I or Part II"
		}
	case 3:
		switch r.Class {
		case 0:
			if r.Point != 0 {
				return "want Class I or Class II before a point of Annex III"
			}
		case 1:
			if r.Point > 19 {
				return "Annex III Class I has points (1) to (19)"
			}
		case 2:
			if r.Point > 4 {
				return "Annex III Class II has points (1) to (4)"
			}
		default:
			return "want Class I or Class II"
		}
		if r.Letter != 0 {
			return "Annex III has no lettered points"
		}
	case 4:
		if r.Point > 3 {
			return "Annex IV has points (1) to (3)"
		}
		if r.Letter != 0 {
			return "Annex IV has no lettered points"
		}
	case 2:
		if r.Point > 9 {
			return "Annex II has points (1) to (9)"
		}
		if r.Letter != 0 && (r.Point != 8 || r.Letter > 'f') {
			return "only Annex II (8) has lettered points, (a) to (f)"
		}
	case 7:
		if r.Point > 8 {
			return "Annex VII has points (1) to (8)"
		}
		if r.Letter != 0 && (r.Point != 1 || r.Letter > 'd') && (r.Point != 2 || r.Letter > 'c') {
			return "only Annex VII (1) (letters a to d) and (2) (letters a to c) have lettered points"
		}
	}
	return ""
}

// String returns the canonical text, such as "Annex I Part I (2)(f)" or
// "Art. 14(2)(a)". An invalid reference prints as "CRARef{...}".
func (r CRARef) String() string {
	if !r.Valid() {
		return "CRARef" + r.fields()
	}
	var b strings.Builder
	if r.Article != 0 {
		b.WriteString("Art. ")
		b.WriteString(strconv.Itoa(r.Article))
	} else {
		b.WriteString("Annex ")
		b.WriteString(romans[r.Annex])
		if r.Part != 0 {
			b.WriteString(" Part ")
			b.WriteString(romans[r.Part])
		}
		if r.Class != 0 {
			b.WriteString(" Class ")
			b.WriteString(romans[r.Class])
		}
		if r.Point != 0 {
			b.WriteByte(' ')
		}
	}
	if r.Point != 0 {
		b.WriteByte('(')
		b.WriteString(strconv.Itoa(r.Point))
		b.WriteByte(')')
	}
	if r.Letter != 0 {
		b.WriteByte('(')
		b.WriteByte(r.Letter)
		b.WriteByte(')')
	}
	return b.String()
}

// Short returns the short form of an annex reference, such as "I.I.2.f" or
// "III.I.5"; articles have no short form and print as [CRARef.String].
func (r CRARef) Short() string {
	if !r.Valid() || r.Article != 0 {
		return r.String()
	}
	var b strings.Builder
	b.WriteString(romans[r.Annex])
	if r.Part != 0 {
		b.WriteByte('.')
		b.WriteString(romans[r.Part])
	}
	if r.Class != 0 {
		b.WriteByte('.')
		b.WriteString(romans[r.Class])
	}
	if r.Point != 0 {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(r.Point))
	}
	if r.Letter != 0 {
		b.WriteByte('.')
		b.WriteByte(r.Letter)
	}
	return b.String()
}

// Contains reports whether other is r itself or a provision inside r (Annex I
// contains Annex I Part I (2)(f); Art. 14 contains Art. 14(2)(a)).
func (r CRARef) Contains(other CRARef) bool {
	if r.Article != other.Article || r.Annex != other.Annex {
		return false
	}
	for _, f := range [][2]int{{r.Part, other.Part}, {r.Class, other.Class}, {r.Point, other.Point}, {int(r.Letter), int(other.Letter)}} {
		if f[0] == 0 {
			if f[1] == 0 {
				continue // neither has this level (an article has no part)
			}
			return true // r stops above other
		}
		if f[0] != f[1] {
			return false
		}
	}
	return true
}

// CompareCRARefs orders references: articles (by number) before annexes (by
// number), then by part or class, point and letter, a provision before the
// provisions inside it. It returns -1, 0 or +1.
func CompareCRARefs(a, b CRARef) int {
	if a.Article != 0 && b.Article == 0 {
		return -1
	}
	if a.Article == 0 && b.Article != 0 {
		return 1
	}
	return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Annex, b.Annex), cmp.Compare(a.Part, b.Part),
		cmp.Compare(a.Class, b.Class), cmp.Compare(a.Point, b.Point), cmp.Compare(a.Letter, b.Letter))
}

// MarshalText implements [encoding.TextMarshaler] with the canonical text.
func (r CRARef) MarshalText() ([]byte, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	return []byte(r.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseCRARef].
func (r *CRARef) UnmarshalText(b []byte) error {
	if r == nil {
		return fmt.Errorf("annex: unmarshal CRA reference into a nil pointer: %w", problem.ErrNilInput)
	}
	v, err := ParseCRARef(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MustParseCRARef is [ParseCRARef] for literals known to be valid; it panics
// otherwise.
func MustParseCRARef(s string) CRARef {
	r, err := ParseCRARef(s)
	if err != nil {
		panic(err)
	}
	return r
}

// ParseCRARef parses a CRA reference in its canonical long form ("Annex I
// Part I (2)(f)", "Art. 14(2)(a)", "Annex III Class I (5)"), with "Article"
// or "Art" accepted for "Art." and the space before a parenthesis optional,
// or in the short form of an annex reference ("I.I.2.f", "III.I.5", "IV.3").
// The reference must also exist in the Regulation's structure as far as the
// SDK knows it (Annex I Part I (2) runs from (a) to (m), Annex III Class II
// from (1) to (4), and so on). Errors wrap [ErrInvalidCRARef] and say what
// was expected.
func ParseCRARef(s string) (CRARef, error) {
	p := refParser{s: s}
	r, msg := p.parse()
	if msg == "" {
		msg = r.problem()
	}
	if msg != "" {
		return CRARef{}, fmt.Errorf("annex: CRA reference %q: %w: %s", clip(s), ErrInvalidCRARef, msg)
	}
	return r, nil
}

type refParser struct {
	s string
	i int
}

func (p *refParser) rest() string { return p.s[p.i:] }

func (p *refParser) eat(lit string) bool {
	if strings.HasPrefix(p.rest(), lit) {
		p.i += len(lit)
		return true
	}
	return false
}

func (p *refParser) spaces() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// number reads 1 to 2 decimal digits without a leading zero.
func (p *refParser) number() (int, bool) {
	j := p.i
	for j < len(p.s) && j-p.i < 3 && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j == p.i || j-p.i > 2 || p.s[p.i] == '0' {
		return 0, false
	}
	n, _ := strconv.Atoi(p.s[p.i:j])
	p.i = j
	return n, true
}

// roman reads a roman numeral I to VIII that ends at a delimiter.
func (p *refParser) roman() (int, bool) {
	for _, t := range romanTokens {
		if strings.HasPrefix(p.rest(), t.s) {
			end := p.i + len(t.s)
			if end < len(p.s) && p.s[end] != ' ' && p.s[end] != '.' && p.s[end] != '(' {
				continue
			}
			p.i = end
			return t.n, true
		}
	}
	return 0, false
}

func (p *refParser) letter() (byte, bool) {
	if p.i < len(p.s) && p.s[p.i] >= 'a' && p.s[p.i] <= 'z' {
		p.i++
		return p.s[p.i-1], true
	}
	return 0, false
}

// parens reads the optional "(n)" and "(x)" groups.
func (p *refParser) parens(r *CRARef) string {
	p.spaces()
	if !p.eat("(") {
		return ""
	}
	n, ok := p.number()
	if !ok {
		return "want a number from 1 to 99 inside the first parenthesis, such as (2)"
	}
	if !p.eat(")") {
		return "want ')' after the number"
	}
	r.Point = n
	p.spaces()
	if !p.eat("(") {
		return ""
	}
	l, ok := p.letter()
	if !ok {
		return "want a lower-case letter inside the second parenthesis, such as (f)"
	}
	if !p.eat(")") {
		return "want ')' after the letter"
	}
	r.Letter = l
	return ""
}

func (p *refParser) parse() (CRARef, string) {
	var r CRARef
	p.s = strings.TrimSpace(p.s)
	switch {
	case p.s == "":
		return r, "empty; want a reference such as \"Annex I Part I (2)(f)\", \"I.I.2.f\" or \"Art. 14(2)(a)\""
	case p.eat("Article") || p.eat("Art.") || p.eat("Art"):
		p.spaces()
		n, ok := p.number()
		if !ok {
			return r, "want an article number after \"Art.\", such as \"Art. 14\""
		}
		r.Article = n
		if msg := p.parens(&r); msg != "" {
			return r, msg
		}
	case p.eat("Annex"):
		if !p.eat(" ") {
			return r, "want a space and a roman numeral after \"Annex\", such as \"Annex I\""
		}
		p.spaces()
		n, ok := p.roman()
		if !ok {
			return r, "want a roman numeral I to VIII after \"Annex\""
		}
		r.Annex = n
		p.spaces()
		switch {
		case p.eat("Part"):
			p.spaces()
			if r.Part, ok = p.roman(); !ok {
				return r, "want a roman numeral after \"Part\", such as \"Part I\""
			}
		case p.eat("Class"):
			p.spaces()
			if r.Class, ok = p.roman(); !ok {
				return r, "want a roman numeral after \"Class\", such as \"Class I\""
			}
		}
		if msg := p.parens(&r); msg != "" {
			return r, msg
		}
	default:
		if msg := p.short(&r); msg != "" {
			return r, msg
		}
	}
	p.spaces()
	if p.i != len(p.s) {
		return r, fmt.Sprintf("unexpected %q at the end", clip(p.rest()))
	}
	return r, ""
}

// short parses ROMAN [.ROMAN] [.N [.x]].
func (p *refParser) short(r *CRARef) string {
	n, ok := p.roman()
	if !ok {
		return "want \"Art.\", \"Annex\" or a short annex reference such as \"I.I.2.f\""
	}
	r.Annex = n
	if !p.eat(".") {
		return ""
	}
	if p.i < len(p.s) && p.s[p.i] >= 'A' && p.s[p.i] <= 'Z' {
		m, ok := p.roman()
		if !ok {
			return "want a roman part or class numeral after the annex, such as \"I.II\""
		}
		switch n {
		case 1:
			r.Part = m
		case 3:
			r.Class = m
		default:
			return "only Annex I (parts) and Annex III (classes) take a second roman numeral"
		}
		if !p.eat(".") {
			return ""
		}
	}
	pt, ok := p.number()
	if !ok {
		return "want a point number after '.', such as \"I.I.2\""
	}
	r.Point = pt
	if !p.eat(".") {
		return ""
	}
	l, ok := p.letter()
	if !ok {
		return "want a lower-case letter after the point, such as \"I.I.2.f\""
	}
	r.Letter = l
	return ""
}
