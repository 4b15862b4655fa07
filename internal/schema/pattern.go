package schema

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"sync"
)

// Patterns in the fast path.
//
// Many patterns of the official SBOM schemas are anchored runs of one
// character class: the hash values of CycloneDX
// ^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|...|[a-fA-F0-9]{128})$, two-letter
// codes ^[A-Z]{2}$. Go's regexp runs its backtracker over them, about
// three microseconds for a SHA-512 value. Whether such a pattern matches a
// string depends only on whether every character is in the class and on
// the string's length: the fast path checks the one and asks the pattern
// once per length (on a string of that length of one character of the
// class), which gives the same answer as matching the string itself.

// classPattern is what the fast path knows about one pattern.
type classPattern struct {
	simple bool       // an anchored run of one ASCII character class
	in     [128]bool  // the class, for a simple pattern
	sample byte       // a character of the class
	mu     sync.Mutex // guards lengths
	// lengths caches the answer per length (up to maxCachedLength).
	lengths map[int]bool
}

const maxCachedLength = 4096

var classPatterns sync.Map // *regexp.Regexp -> *classPattern

// matchPattern reports whether re matches b, as re.Match(b) does.
func matchPattern(re *regexp.Regexp, b []byte) bool {
	cp := classPatternOf(re)
	if !cp.simple || len(b) > maxCachedLength {
		return re.Match(b)
	}
	for _, c := range b {
		if c >= 128 || !cp.in[c] {
			return false
		}
	}
	cp.mu.Lock()
	defer cp.mu.Unlock()
	ok, known := cp.lengths[len(b)]
	if !known {
		ok = re.Match(bytes.Repeat([]byte{cp.sample}, len(b)))
		cp.lengths[len(b)] = ok
	}
	return ok
}

func classPatternOf(re *regexp.Regexp) *classPattern {
	if cp, ok := classPatterns.Load(re); ok {
		return cp.(*classPattern)
	}
	cp := analysePattern(re.String())
	got, _ := classPatterns.LoadOrStore(re, cp)
	return got.(*classPattern)
}

// analysePattern tells whether pattern (as regexp.Compile reads it) is
// ^X$ where every character X matches comes from one class of ASCII
// characters: X is made of that class alone, with concatenation,
// alternation, repetition and groups.
func analysePattern(pattern string) *classPattern {
	cp := &classPattern{}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return cp
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat || len(re.Sub) < 3 || re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return cp
	}
	var class []rune
	var walk func(r *syntax.Regexp) bool
	walk = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpCharClass:
			if class == nil {
				class = r.Rune
				return true
			}
			if len(class) != len(r.Rune) {
				return false
			}
			for i := range class {
				if class[i] != r.Rune[i] {
					return false
				}
			}
			return true
		case syntax.OpConcat, syntax.OpAlternate, syntax.OpCapture, syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			for _, s := range r.Sub {
				if !walk(s) {
					return false
				}
			}
			return true
		case syntax.OpEmptyMatch:
			return true
		case syntax.OpNoMatch, syntax.OpLiteral, syntax.OpAnyCharNotNL, syntax.OpAnyChar, syntax.OpBeginLine, syntax.OpEndLine,
			syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
			// Anything else than the class, or an anchor inside.
		}
		return false
	}
	for _, s := range re.Sub[1 : len(re.Sub)-1] {
		if !walk(s) {
			return cp
		}
	}
	if len(class) == 0 {
		return cp
	}
	for i := 0; i+1 < len(class); i += 2 {
		lo, hi := class[i], class[i+1]
		if hi >= 128 {
			return cp
		}
		for c := lo; c <= hi; c++ {
			cp.in[c] = true
		}
	}
	cp.sample = byte(class[0])
	cp.simple = true
	cp.lengths = map[int]bool{}
	return cp
}
