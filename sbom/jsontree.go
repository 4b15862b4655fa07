package sbom

import (
	"encoding/json"
	"errors"
)

// treeParser builds the generic tree of a JSON value (map[string]any,
// []any, string, json.Number, bool, nil) as encoding/json does with
// UseNumber, for schema validation, several times faster: the input has
// passed the streaming checker already (syntax, UTF-8, no duplicate keys),
// so the parser does not check it again beyond what it needs to walk it.
// Object keys are shared between the values it builds. A treeParser is not
// safe for concurrent use.
type treeParser struct {
	data []byte
	i    int
	keys map[string]string
}

// maxInternedKeys bounds the keys a treeParser shares between values.
const maxInternedKeys = 4096

var errTree = errors.New("malformed JSON value")

// parse returns the generic tree of the JSON value in data (white space
// around it allowed).
func (p *treeParser) parse(data []byte) (any, error) {
	p.data, p.i = data, 0
	if p.keys == nil {
		p.keys = make(map[string]string, 64)
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.data) {
		return nil, errTree
	}
	p.data = nil
	return v, nil
}

func (p *treeParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *treeParser) value() (any, error) {
	p.space()
	if p.i >= len(p.data) {
		return nil, errTree
	}
	switch c := p.data[p.i]; c {
	case '{':
		return p.object()
	case '[':
		return p.array()
	case '"':
		return p.str(false)
	case 't':
		return p.literal("true", true)
	case 'f':
		return p.literal("false", false)
	case 'n':
		return p.literal("null", nil)
	default:
		if c == '-' || c >= '0' && c <= '9' {
			start := p.i
			p.i++
			for p.i < len(p.data) {
				c := p.data[p.i]
				if c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' {
					p.i++
					continue
				}
				break
			}
			return json.Number(p.data[start:p.i]), nil
		}
	}
	return nil, errTree
}

func (p *treeParser) literal(word string, v any) (any, error) {
	if len(p.data)-p.i < len(word) || string(p.data[p.i:p.i+len(word)]) != word {
		return nil, errTree
	}
	p.i += len(word)
	return v, nil
}

func (p *treeParser) object() (any, error) {
	p.i++ // '{'
	m := make(map[string]any)
	p.space()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return m, nil
	}
	for {
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil, errTree
		}
		k, err := p.str(true)
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, errTree
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		m[k.(string)] = v
		p.space()
		if p.i >= len(p.data) {
			return nil, errTree
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return m, nil
		default:
			return nil, errTree
		}
	}
}

func (p *treeParser) array() (any, error) {
	p.i++ // '['
	a := []any{}
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return a, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		p.space()
		if p.i >= len(p.data) {
			return nil, errTree
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return a, nil
		default:
			return nil, errTree
		}
	}
}

// str reads a string; key says it is an object key (shared when seen
// before). A string with escapes is unquoted by encoding/json, so that
// every escape (a lone surrogate too) means what it means there.
func (p *treeParser) str(key bool) (any, error) {
	start := p.i
	p.i++ // '"'
	escaped := false
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case '\\':
			escaped = true
			p.i += 2
			continue
		case '"':
			p.i++
			raw := p.data[start+1 : p.i-1]
			if escaped {
				var s string
				if err := json.Unmarshal(p.data[start:p.i], &s); err != nil {
					return nil, err
				}
				return s, nil
			}
			if key {
				if s, ok := p.keys[string(raw)]; ok {
					return s, nil
				}
				s := string(raw)
				if len(p.keys) < maxInternedKeys {
					p.keys[s] = s
				}
				return s, nil
			}
			return string(raw), nil
		}
		p.i++
	}
	return nil, errTree
}
