package sbom

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/github/go-spdx/v2/spdxexp"
	"github.com/github/go-spdx/v2/spdxexp/spdxlicenses"

	"github.com/sdlkit/iec62443/problem"
)

// LicenseListVersion returns the version of the SPDX licence list (and
// exception list) that licence identifiers are checked against: the lists
// github.com/github/go-spdx/v2 embeds, such as "3.29.0".
func LicenseListVersion() string { return spdxlicenses.LicenseListVersion() }

// LicenseExpression is an SPDX licence expression (SPDX 2.3 Annex D, SPDX
// 3.0.1 Annex B) checked by [ParseLicenseExpression]: its syntax by
// github.com/github/go-spdx/v2, its identifiers against the SPDX licence and
// exception lists ([LicenseListVersion]). The zero value is the empty
// expression.
type LicenseExpression struct {
	text       string
	ids        []string
	deprecated []string
}

// String returns the expression as written, with runs of white space
// collapsed to one space.
func (e LicenseExpression) String() string { return e.text }

// IDs returns the licence identifiers and LicenseRef-/DocumentRef-
// references the expression names, in order of appearance (with
// duplicates), without "+" and without the exceptions that follow WITH.
func (e LicenseExpression) IDs() []string { return append([]string(nil), e.ids...) }

// Deprecated returns the identifiers of the expression that the SPDX
// licence list marks deprecated (such as "GPL-2.0"), in order of
// appearance: valid, but to be replaced by their current identifiers.
func (e LicenseExpression) Deprecated() []string { return append([]string(nil), e.deprecated...) }

// maxLicenseExpression bounds the length of an expression accepted by
// [ParseLicenseExpression]; longer input is rejected.
const maxLicenseExpression = 4096

// ParseLicenseExpression checks an SPDX licence expression. The error
// wraps problem.ErrInvalidValue and says what is wrong: a syntax error (as
// github.com/github/go-spdx/v2 reports it; operators are upper case: AND,
// OR, WITH), an identifier on neither the SPDX licence list nor its
// exception list (LicenseRef- and DocumentRef- references are always
// accepted), an exception where a licence belongs or a licence after WITH.
// Identifiers are matched without regard to case, as SPDX specifies.
// Deprecated identifiers are valid: see [LicenseExpression.Deprecated].
func ParseLicenseExpression(s string) (LicenseExpression, error) {
	lc := checkLicense(s)
	if err := lc.err(s); err != nil {
		return LicenseExpression{}, err
	}
	return LicenseExpression{text: lc.text, ids: lc.ids, deprecated: lc.deprecated}, nil
}

// licenceCheck is what checking one expression found.
type licenceCheck struct {
	text       string   // white space normalised
	syntax     string   // the syntax error; "" when the syntax is valid
	unknown    []string // identifiers on no list
	misplaced  []string // an exception as a licence, or a licence after WITH
	ids        []string // licence identifiers and references, in order
	deprecated []string // deprecated licence or exception identifiers
}

func (lc *licenceCheck) valid() bool {
	return lc.syntax == "" && len(lc.unknown) == 0 && len(lc.misplaced) == 0
}

// problem describes what is wrong in words for a finding or an error; ""
// when the expression is valid.
func (lc *licenceCheck) problem() string {
	switch {
	case lc.syntax != "":
		return "is not a valid SPDX licence expression (" + lc.syntax + ")"
	case len(lc.unknown) > 0:
		what := "identifier " + strconv.Quote(clip(lc.unknown[0])) + ", which is"
		if len(lc.unknown) > 1 {
			what = "identifiers " + quoteList(lc.unknown) + ", which are"
		}
		return "names the " + what + " on neither the SPDX licence list nor its exception list (version " + LicenseListVersion() +
			"); use the SPDX identifier, or LicenseRef-<entity>-<name> for a licence the list does not have"
	case len(lc.misplaced) > 0:
		return "uses " + quoteList(lc.misplaced) + " in the wrong place: an exception belongs after WITH, a licence before it"
	}
	return ""
}

func (lc *licenceCheck) err(s string) error {
	if p := lc.problem(); p != "" {
		return fmt.Errorf("sbom: licence expression %q %s: %w", clip(s), p, problem.ErrInvalidValue)
	}
	return nil
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(clip(s))
	}
	return strings.Join(q, ", ")
}

func isLicenceRef(id string) bool {
	return strings.HasPrefix(id, "LicenseRef-") || strings.HasPrefix(id, "DocumentRef-")
}

// isIDChar reports the characters of an SPDX idstring, plus ":" (of
// DocumentRef-x:LicenseRef-y).
func isIDChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':'
}

// simpleID reports whether s is one identifier (a licence ID or a
// reference, possibly with "+") and nothing else.
func simpleID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIDChar(s[i]) && (s[i] != '+' || i != len(s)-1) {
			return false
		}
	}
	return true
}

// licenceCache remembers the check of each distinct expression: an SBOM
// names a few hundred distinct expressions over 10^5 components, and
// parsing one with go-spdx costs microseconds (it compiles regular
// expressions on every call). The results are immutable (their slices are
// copied by their readers). It holds at most maxCachedLicences entries of
// at most maxCachedLicenceLen bytes; once full, further expressions are
// checked each time.
var licenceCache struct {
	sync.RWMutex
	m map[string]licenceCheck
}

const (
	maxCachedLicences   = 4096
	maxCachedLicenceLen = 256
)

// checkLicense checks s through licenceCache.
func checkLicense(s string) licenceCheck {
	if len(s) > maxCachedLicenceLen {
		return checkLicenseUncached(s)
	}
	licenceCache.RLock()
	lc, ok := licenceCache.m[s]
	licenceCache.RUnlock()
	if ok {
		return lc
	}
	lc = checkLicenseUncached(s)
	licenceCache.Lock()
	if licenceCache.m == nil {
		licenceCache.m = make(map[string]licenceCheck)
	}
	if len(licenceCache.m) < maxCachedLicences {
		licenceCache.m[strings.Clone(s)] = lc
	}
	licenceCache.Unlock()
	return lc
}

// checkLicenseUncached checks s: the identifiers against the lists, the
// syntax with go-spdx (with unknown identifiers replaced by known ones, so
// that a syntax error and an unknown identifier are told apart).
func checkLicenseUncached(s string) licenceCheck {
	var lc licenceCheck
	if len(s) > maxLicenseExpression {
		lc.syntax = fmt.Sprintf("%d bytes long, over the limit of %d", len(s), maxLicenseExpression)
		return lc
	}
	lc.text = strings.Join(strings.Fields(s), " ")
	if lc.text == "" {
		lc.syntax = "empty"
		return lc
	}
	if simpleID(lc.text) {
		// The common case, one identifier: no parse needed.
		id := strings.TrimSuffix(lc.text, "+")
		if isLicenceRef(id) {
			if err := validRef(id); err != "" || id != lc.text {
				if err == "" {
					err = "\"+\" cannot follow a LicenseRef"
				}
				lc.syntax = err
				return lc
			}
		} else {
			lc.classify(id)
		}
		lc.ids = []string{id}
		return lc
	}
	// Split into words: identifiers, operators and parentheses.
	words := strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ").Replace(lc.text))
	subst := make([]string, len(words))
	afterWith := false
	for i, w := range words {
		subst[i] = w
		switch w {
		case "(", ")", "AND", "OR":
			afterWith = false
			continue
		case "WITH":
			afterWith = true
			continue
		}
		if u := strings.ToUpper(w); u == "AND" || u == "OR" || u == "WITH" {
			lc.syntax = fmt.Sprintf("operator %q must be written in upper case, %s", w, u)
			return lc
		}
		id := strings.TrimSuffix(w, "+")
		if !simpleID(w) || id == "" {
			continue // go-spdx reports it
		}
		switch {
		case isLicenceRef(id):
			lc.ids = append(lc.ids, id)
		case afterWith:
			if ok, _ := spdxlicenses.IsException(id); ok {
				break
			}
			if lc.known(id) {
				lc.misplaced = append(lc.misplaced, id)
			} else {
				lc.unknown = append(lc.unknown, id)
			}
			subst[i] = "Classpath-exception-2.0"
		default:
			lc.ids = append(lc.ids, id)
			if !lc.classify(id) {
				subst[i] = "MIT"
			}
		}
		afterWith = false
	}
	if _, err := spdxexp.ExtractLicenses(strings.Join(subst, " ")); err != nil {
		lc.syntax = err.Error()
	}
	return lc
}

// known reports whether id is on the licence list, current or deprecated.
func (lc *licenceCheck) known(id string) bool {
	if ok, _ := spdxlicenses.IsActiveLicense(id); ok {
		return true
	}
	ok, _ := spdxlicenses.IsDeprecatedLicense(id)
	return ok
}

// classify records licence identifier id as deprecated, misplaced (an
// exception) or unknown; it reports whether id is a licence identifier.
func (lc *licenceCheck) classify(id string) bool {
	if ok, _ := spdxlicenses.IsActiveLicense(id); ok {
		return true
	}
	if ok, _ := spdxlicenses.IsDeprecatedLicense(id); ok {
		lc.deprecated = append(lc.deprecated, id)
		return true
	}
	if ok, _ := spdxlicenses.IsException(id); ok {
		lc.misplaced = append(lc.misplaced, id)
		return false
	}
	lc.unknown = append(lc.unknown, id)
	return false
}

// validRef checks a LicenseRef-x or DocumentRef-x:LicenseRef-y; it returns
// what is wrong, "" when nothing is.
func validRef(id string) string {
	doc, ref, hasDoc := strings.Cut(id, ":")
	if !hasDoc {
		ref, doc = doc, ""
	}
	switch {
	case hasDoc && (!strings.HasPrefix(doc, "DocumentRef-") || len(doc) == len("DocumentRef-")):
		return "a DocumentRef needs an id and \":LicenseRef-...\""
	case !hasDoc && strings.HasPrefix(ref, "DocumentRef-"):
		return "a DocumentRef must be followed by \":LicenseRef-...\""
	case !strings.HasPrefix(ref, "LicenseRef-") || len(ref) == len("LicenseRef-") || strings.Contains(ref, ":"):
		return "a LicenseRef needs an id of letters, digits, \".\" and \"-\""
	}
	return ""
}

// licenceExpressionRule is the rule sbom.licence-expression for one
// component: every licence is an SPDX expression whose identifiers are on
// the SPDX licence or exception list (or are LicenseRef-/DocumentRef-
// references). The message names the identifier; the caller names the
// component.
func licenceExpressionRule(c *Component) (status, string, string) {
	if len(c.Licenses) == 0 {
		return stNA, "", ""
	}
	for _, l := range c.Licenses {
		if l.Expression == "" {
			return stFail, "licenses", fmt.Sprintf("licence %q is not an SPDX identifier; use the SPDX identifier or LicenseRef-<entity>-<name>", clip(l.Name))
		}
		lc := checkLicense(l.Expression)
		if p := lc.problem(); p != "" {
			return stFail, "licenses", fmt.Sprintf("licence %q %s", clip(l.Expression), p)
		}
	}
	return stPass, "", ""
}

// licenceDeprecatedRule is the rule sbom.licence-deprecated for one
// component.
func licenceDeprecatedRule(c *Component) (status, string, string) {
	var deprecated []string
	checked := false
	for _, l := range c.Licenses {
		if l.Expression == "" {
			continue
		}
		checked = true
		lc := checkLicense(l.Expression)
		deprecated = append(deprecated, lc.deprecated...)
	}
	switch {
	case !checked:
		return stNA, "", ""
	case len(deprecated) == 0:
		return stPass, "", ""
	}
	return stFail, "licenses", fmt.Sprintf("licence identifier %s is deprecated on the SPDX licence list %s; still valid, but replace it with its current identifier (GPL-2.0 became GPL-2.0-only or GPL-2.0-or-later)",
		quoteList(deprecated), LicenseListVersion())
}
