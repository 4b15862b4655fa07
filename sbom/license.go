package sbom

import (
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/problem"
)

// LicenseExpression is a parsed SPDX licence expression (SPDX 2.3 Annex D):
// licence identifiers (optionally with "+"), LicenseRef-/DocumentRef-
// references, WITH exceptions, AND, OR and parentheses. Its String method
// gives the canonical form: operators in upper case, parentheses only where
// needed. The zero value is the empty expression.
type LicenseExpression struct {
	root *licNode
}

type licOp int

const (
	licLeaf licOp = iota + 1
	licWith
	licAnd
	licOr
)

type licNode struct {
	op        licOp
	id        string // leaf: licence ID or reference; with: exception ID
	plus      bool   // leaf: "+"
	l, r      *licNode
	exception string
}

// maxLicenseExpression bounds the length of an expression accepted by
// [ParseLicenseExpression]; longer input is rejected.
const maxLicenseExpression = 4096

// ParseLicenseExpression parses an SPDX licence expression. It checks the
// syntax only: whether an identifier is on the SPDX licence list is not
// checked (the list is not embedded). Operators may be upper or lower case.
// Errors wrap [problem.ErrInvalidValue] and name the offending position.
func ParseLicenseExpression(s string) (LicenseExpression, error) {
	n, err := parseLicense(s, true)
	if err != nil {
		return LicenseExpression{}, err
	}
	return LicenseExpression{root: n}, nil
}

// validateLicenseExpression is ParseLicenseExpression without building
// the tree (no allocation on valid input), for the checks.
func validateLicenseExpression(s string) error {
	_, err := parseLicense(s, false)
	return err
}

// Shared nodes stand in for the tree when only validating.
var (
	licLeafNode     = &licNode{op: licLeaf}
	licCompoundNode = &licNode{op: licAnd}
)

func parseLicense(s string, build bool) (*licNode, error) {
	if len(s) > maxLicenseExpression {
		return nil, fmt.Errorf("sbom: licence expression is %d bytes long, over the limit of %d: %w", len(s), maxLicenseExpression, problem.ErrInvalidValue)
	}
	p := licParser{src: s, build: build}
	p.next()
	if p.tok.kind == tEOF {
		return nil, fmt.Errorf("sbom: empty licence expression: %w", problem.ErrInvalidValue)
	}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, p.errorf("unexpected %q", p.tok.text)
	}
	return n, nil
}

// String returns the canonical form of the expression.
func (e LicenseExpression) String() string {
	if e.root == nil {
		return ""
	}
	var b strings.Builder
	e.root.write(&b, licOr)
	return b.String()
}

// IDs returns the licence identifiers and references the expression
// mentions, in order of appearance (with duplicates), without "+".
func (e LicenseExpression) IDs() []string {
	var out []string
	var walk func(n *licNode)
	walk = func(n *licNode) {
		if n == nil {
			return
		}
		switch n.op {
		case licLeaf:
			out = append(out, n.id)
		case licWith:
			walk(n.l)
		case licAnd, licOr:
			walk(n.l)
			walk(n.r)
		}
	}
	walk(e.root)
	return out
}

func (n *licNode) write(b *strings.Builder, parent licOp) {
	switch n.op {
	case licLeaf:
		b.WriteString(n.id)
		if n.plus {
			b.WriteByte('+')
		}
	case licWith:
		n.l.write(b, licWith)
		b.WriteString(" WITH ")
		b.WriteString(n.exception)
	case licAnd, licOr:
		// AND binds tighter than OR; parenthesise a looser child.
		paren := n.op > parent
		if paren {
			b.WriteByte('(')
		}
		n.l.write(b, n.op)
		if n.op == licAnd {
			b.WriteString(" AND ")
		} else {
			b.WriteString(" OR ")
		}
		// Right operand of the same operator: keep the tree shape by
		// parenthesising when it is the same operator (left-assoc).
		rp := n.op
		if n.r.op == n.op {
			rp = n.op - 1
		}
		n.r.write(b, rp)
		if paren {
			b.WriteByte(')')
		}
	}
}

type licTokKind int

const (
	tEOF licTokKind = iota
	tID
	tAnd
	tOr
	tWith
	tLParen
	tRParen
	tPlus
)

type licTok struct {
	kind licTokKind
	text string
	pos  int
}

type licParser struct {
	src   string
	pos   int
	tok   licTok
	build bool
}

// node returns n, or a shared stand-in when not building the tree.
func (p *licParser) node(n licNode) *licNode {
	if p.build {
		return &n
	}
	if n.op == licLeaf {
		return licLeafNode
	}
	return licCompoundNode
}

func (p *licParser) errorf(format string, args ...any) error {
	return fmt.Errorf("sbom: licence expression %q at byte %d: %s: %w", clip(p.src), p.tok.pos, fmt.Sprintf(format, args...), problem.ErrInvalidValue)
}

func isIDChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':'
}

func (p *licParser) next() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n' || p.src[p.pos] == '\r') {
		p.pos++
	}
	start := p.pos
	if p.pos >= len(p.src) {
		p.tok = licTok{kind: tEOF, pos: start}
		return
	}
	switch c := p.src[p.pos]; {
	case c == '(':
		p.pos++
		p.tok = licTok{tLParen, "(", start}
	case c == ')':
		p.pos++
		p.tok = licTok{tRParen, ")", start}
	case c == '+':
		p.pos++
		p.tok = licTok{tPlus, "+", start}
	case isIDChar(c):
		for p.pos < len(p.src) && isIDChar(p.src[p.pos]) {
			p.pos++
		}
		w := p.src[start:p.pos]
		switch w {
		case "AND", "and":
			p.tok = licTok{tAnd, w, start}
		case "OR", "or":
			p.tok = licTok{tOr, w, start}
		case "WITH", "with":
			p.tok = licTok{tWith, w, start}
		default:
			p.tok = licTok{tID, w, start}
		}
	default:
		p.tok = licTok{kind: tID, text: string(rune(c)), pos: start}
		p.tok.kind = -1
		p.pos++
	}
}

func (p *licParser) or(depth int) (*licNode, error) {
	l, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tOr {
		p.next()
		r, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		l = p.node(licNode{op: licOr, l: l, r: r})
	}
	return l, nil
}

func (p *licParser) and(depth int) (*licNode, error) {
	l, err := p.with(depth)
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tAnd {
		p.next()
		r, err := p.with(depth)
		if err != nil {
			return nil, err
		}
		l = p.node(licNode{op: licAnd, l: l, r: r})
	}
	return l, nil
}

func (p *licParser) with(depth int) (*licNode, error) {
	l, err := p.primary(depth)
	if err != nil {
		return nil, err
	}
	if p.tok.kind == tWith {
		if l.op != licLeaf {
			return nil, p.errorf("WITH must follow a single licence identifier")
		}
		p.next()
		if p.tok.kind != tID || !validSimpleID(p.tok.text) {
			return nil, p.errorf("WITH must be followed by an exception identifier")
		}
		l = p.node(licNode{op: licWith, l: l, exception: p.tok.text})
		p.next()
	}
	return l, nil
}

func (p *licParser) primary(depth int) (*licNode, error) {
	switch p.tok.kind {
	case tLParen:
		if depth >= 64 {
			return nil, p.errorf("parentheses nested deeper than 64")
		}
		p.next()
		n, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, p.errorf("missing \")\"")
		}
		p.next()
		return n, nil
	case tID:
		id := p.tok.text
		if !validLicenseRef(id) {
			return nil, p.errorf("%q is not a licence identifier or LicenseRef", id)
		}
		p.next()
		leaf := licNode{op: licLeaf, id: id}
		if p.tok.kind == tPlus {
			if strings.Contains(id, "LicenseRef-") {
				return nil, p.errorf("\"+\" cannot follow a LicenseRef")
			}
			leaf.plus = true
			p.next()
		}
		return p.node(leaf), nil
	case tEOF:
		return nil, p.errorf("unexpected end, want a licence identifier")
	default:
		return nil, p.errorf("unexpected %q, want a licence identifier", p.tok.text)
	}
}

// validSimpleID: idstring = 1*(ALPHA / DIGIT / "-" / ".").
func validSimpleID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ':' || !isIDChar(c) {
			return false
		}
	}
	return true
}

// validLicenseRef accepts a licence ID, LicenseRef-x or DocumentRef-x:LicenseRef-y.
func validLicenseRef(s string) bool {
	if validSimpleID(s) {
		return !strings.HasPrefix(s, "DocumentRef-") && s != "LicenseRef-"
	}
	doc, ref, ok := strings.Cut(s, ":")
	return ok && strings.HasPrefix(doc, "DocumentRef-") && len(doc) > len("DocumentRef-") &&
		strings.HasPrefix(ref, "LicenseRef-") && len(ref) > len("LicenseRef-") && validSimpleID(doc) && validSimpleID(ref)
}
