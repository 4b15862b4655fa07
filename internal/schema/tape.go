package schema

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"math"
	"math/big"
	"sort"
)

// A tape is a JSON value laid out flat for the fast path of validation:
// one token per value or object key, containers followed by their
// members, each token knowing where the next value starts, so that the
// validator walks the value without building maps, strings or interfaces.
// Strings and numbers are byte ranges: of the input for [Schema.ValidJSON]
// (strings without escapes), of the tape's own buffer otherwise.
type tape struct {
	src  []byte // the input (read only)
	own  []byte // unescaped strings, and scalars of a decoded value
	toks []tok
}

// Token kinds.
const (
	kObject byte = '{'
	kArray  byte = '['
	kString byte = '"'
	kNumber byte = '0'
	kTrue   byte = 't'
	kFalse  byte = 'f'
	kNull   byte = 'n'
)

type tok struct {
	kind       byte
	own        bool  // the bytes are in tape.own
	start, end int32 // the string's (unescaped) or number's bytes
	next       int32 // index of the token after this value
	n          int32 // members or elements of a container
}

// bytes returns the bytes of a string or number token.
func (t *tape) bytes(i int32) []byte {
	k := &t.toks[i]
	if k.own {
		return t.own[k.start:k.end]
	}
	return t.src[k.start:k.end]
}

// reset prepares t for a new value.
func (t *tape) reset(src []byte) {
	t.src, t.own, t.toks = src, t.own[:0], t.toks[:0]
}

// errTape says the input is not the JSON the builder expects.
var errTape = fmt.Errorf("malformed JSON")

// maxTapeTokens keeps token indexes within int32.
const maxTapeTokens = math.MaxInt32 - 1

// fromJSON lays out the JSON value in data (white space around it
// allowed), which must be valid JSON (the builder does not check it all).
func (t *tape) fromJSON(data []byte) error {
	if len(data) >= math.MaxInt32 {
		return errTape
	}
	t.reset(data)
	p := tapeParser{t: t, data: data}
	if err := p.value(); err != nil {
		return err
	}
	p.space()
	if p.i != len(data) {
		return errTape
	}
	return nil
}

type tapeParser struct {
	t    *tape
	data []byte
	i    int
}

func (p *tapeParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *tapeParser) push(k tok) (int32, error) {
	if len(p.t.toks) >= maxTapeTokens {
		return 0, errTape
	}
	p.t.toks = append(p.t.toks, k)
	return int32(len(p.t.toks) - 1), nil
}

func (p *tapeParser) value() error {
	p.space()
	if p.i >= len(p.data) {
		return errTape
	}
	switch c := p.data[p.i]; c {
	case '{', '[':
		idx, err := p.push(tok{kind: c})
		if err != nil {
			return err
		}
		p.i++
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		var n int32
		p.space()
		if p.i < len(p.data) && p.data[p.i] == closing {
			p.i++
		} else {
			for {
				if c == '{' {
					p.space()
					if p.i >= len(p.data) || p.data[p.i] != '"' {
						return errTape
					}
					if err := p.str(); err != nil {
						return err
					}
					p.space()
					if p.i >= len(p.data) || p.data[p.i] != ':' {
						return errTape
					}
					p.i++
				}
				if err := p.value(); err != nil {
					return err
				}
				n++
				p.space()
				if p.i >= len(p.data) {
					return errTape
				}
				if p.data[p.i] == ',' {
					p.i++
					continue
				}
				if p.data[p.i] != closing {
					return errTape
				}
				p.i++
				break
			}
		}
		p.t.toks[idx].n = n
		p.t.toks[idx].next = int32(len(p.t.toks))
		return nil
	case '"':
		return p.str()
	case 't':
		return p.literal("true", kTrue)
	case 'f':
		return p.literal("false", kFalse)
	case 'n':
		return p.literal("null", kNull)
	default:
		if c != '-' && (c < '0' || c > '9') {
			return errTape
		}
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
		idx, err := p.push(tok{kind: kNumber, start: int32(start), end: int32(p.i)})
		if err != nil {
			return err
		}
		p.t.toks[idx].next = idx + 1
		return nil
	}
}

func (p *tapeParser) literal(word string, kind byte) error {
	if len(p.data)-p.i < len(word) || string(p.data[p.i:p.i+len(word)]) != word {
		return errTape
	}
	p.i += len(word)
	idx, err := p.push(tok{kind: kind})
	if err != nil {
		return err
	}
	p.t.toks[idx].next = idx + 1
	return nil
}

// str lays out a string (or key); one with escapes is unquoted by
// encoding/json into the tape's own buffer, so that every escape means
// what it means there.
func (p *tapeParser) str() error {
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
			k := tok{kind: kString, start: int32(start + 1), end: int32(p.i - 1)}
			if escaped {
				var s string
				if err := json.Unmarshal(p.data[start:p.i], &s); err != nil {
					return errTape
				}
				k.own, k.start = true, int32(len(p.t.own))
				p.t.own = append(p.t.own, s...)
				k.end = int32(len(p.t.own))
			}
			idx, err := p.push(k)
			if err != nil {
				return err
			}
			p.t.toks[idx].next = idx + 1
			return nil
		}
		p.i++
	}
	return errTape
}

// fromValue lays out a decoded JSON value (map[string]any, []any, string,
// json.Number or another number, bool, nil); false for anything else.
func (t *tape) fromValue(v any) bool {
	t.reset(nil)
	return t.addValue(v)
}

func (t *tape) addString(s string) {
	start := int32(len(t.own))
	t.own = append(t.own, s...)
	idx := int32(len(t.toks))
	t.toks = append(t.toks, tok{kind: kString, own: true, start: start, end: int32(len(t.own)), next: idx + 1})
}

func (t *tape) addValue(v any) bool {
	if len(t.toks) >= maxTapeTokens || len(t.own) >= math.MaxInt32/2 {
		return false
	}
	idx := int32(len(t.toks))
	switch x := v.(type) {
	case map[string]any:
		t.toks = append(t.toks, tok{kind: kObject, n: int32(len(x))})
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys) // a deterministic layout
		for _, k := range keys {
			t.addString(k)
			if !t.addValue(x[k]) {
				return false
			}
		}
		t.toks[idx].next = int32(len(t.toks))
	case []any:
		t.toks = append(t.toks, tok{kind: kArray, n: int32(len(x))})
		for _, e := range x {
			if !t.addValue(e) {
				return false
			}
		}
		t.toks[idx].next = int32(len(t.toks))
	case string:
		t.addString(x)
	case bool:
		kind := kFalse
		if x {
			kind = kTrue
		}
		t.toks = append(t.toks, tok{kind: kind, next: idx + 1})
	case nil:
		t.toks = append(t.toks, tok{kind: kNull, next: idx + 1})
	case json.Number:
		t.addNumber(string(x))
	case float32, float64, int, int8, int32, int64, uint, uint8, uint32, uint64:
		t.addNumber(fmt.Sprint(x)) // as jsonschema/v5 reads numbers
	default:
		return false
	}
	return true
}

func (t *tape) addNumber(s string) {
	start := int32(len(t.own))
	t.own = append(t.own, s...)
	idx := int32(len(t.toks))
	t.toks = append(t.toks, tok{kind: kNumber, own: true, start: start, end: int32(len(t.own)), next: idx + 1})
}

// value rebuilds the decoded value of token i, as encoding/json with
// UseNumber gives it (for the rare keywords that need a Go value).
func (t *tape) value(i int32) any {
	k := &t.toks[i]
	switch k.kind {
	case kObject:
		m := make(map[string]any, k.n)
		j := i + 1
		for range k.n {
			m[string(t.bytes(j))] = t.value(j + 1)
			j = t.toks[j+1].next
		}
		return m
	case kArray:
		a := make([]any, 0, k.n)
		for j := i + 1; j < k.next; j = t.toks[j].next {
			a = append(a, t.value(j))
		}
		return a
	case kString:
		return string(t.bytes(i))
	case kNumber:
		return json.Number(t.bytes(i))
	case kTrue:
		return true
	case kFalse:
		return false
	}
	return nil
}

// UniqueKey identifies a JSON value for uniqueness checks: two 64-bit
// hashes (with independent seeds) of a form in which values equal as
// [EqualJSON] compares them hash alike (object members in any order,
// numbers by value). Distinct values share a key with a probability of
// about 2^-128 per pair.
type UniqueKey [2]uint64

var keySeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// key returns the uniqueness key of token i.
func (t *tape) key(i int32) UniqueKey {
	var h [2]maphash.Hash
	h[0].SetSeed(keySeeds[0])
	h[1].SetSeed(keySeeds[1])
	t.hash(&h, i)
	return UniqueKey{h[0].Sum64(), h[1].Sum64()}
}

func writeBoth(h *[2]maphash.Hash, b []byte) {
	_, _ = h[0].Write(b)
	_, _ = h[1].Write(b)
}

func (t *tape) hash(h *[2]maphash.Hash, i int32) {
	k := &t.toks[i]
	switch k.kind {
	case kString:
		writeBoth(h, []byte{'s'})
		writeBoth(h, t.bytes(i))
		writeBoth(h, []byte{0})
	case kNumber:
		writeBoth(h, []byte{'#'})
		b := t.bytes(i)
		if plainInteger(b) {
			writeBoth(h, b)
		} else if r, ok := new(big.Rat).SetString(string(b)); ok {
			writeBoth(h, []byte(r.RatString()))
		} else {
			writeBoth(h, b)
		}
	case kArray:
		writeBoth(h, []byte{'['})
		for e := i + 1; e < k.next; e = t.toks[e].next {
			t.hash(h, e)
		}
		writeBoth(h, []byte{']'})
	case kObject:
		// Members in any order: the sum of their own hashes.
		var sum [2]uint64
		j := i + 1
		for range k.n {
			var m [2]maphash.Hash
			m[0].SetSeed(keySeeds[0])
			m[1].SetSeed(keySeeds[1])
			writeBoth(&m, t.bytes(j))
			writeBoth(&m, []byte{0})
			t.hash(&m, j+1)
			sum[0] += m[0].Sum64()
			sum[1] += m[1].Sum64()
			j = t.toks[j+1].next
		}
		var b [17]byte
		b[0] = '{'
		binary.LittleEndian.PutUint64(b[1:], sum[0])
		_, _ = h[0].Write(b[:])
		binary.LittleEndian.PutUint64(b[1:], sum[1])
		_, _ = h[1].Write(b[:])
		writeBoth(h, binary.LittleEndian.AppendUint32(nil, uint32(k.n)))
	default:
		writeBoth(h, []byte{k.kind})
	}
}

// plainInteger reports whether b is an integer in canonical form: digits
// without a leading zero, "-" and digits, not "-0".
func plainInteger(b []byte) bool {
	d := b
	if len(d) > 0 && d[0] == '-' {
		d = d[1:]
	}
	if len(d) == 0 || len(d) > 1 && d[0] == '0' || string(b) == "-0" {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
