package docjson

import (
	"bytes"
	"errors"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
)

// FromYAML converts a YAML document to JSON, strictly and within the limits,
// so that it can then be read exactly like a JSON document (one schema, one
// decoder, the same pointers).
//
// The input is bounded before the parser sees it (MaxBytes, valid UTF-8; a
// leading byte-order mark is removed). The conversion then applies every
// other limit while it walks the parsed document, before it writes the
// members or elements concerned: a mapping or sequence with more than
// MaxEntries entries, a scalar longer than MaxStringLen, nesting deeper than
// MaxDepth, and JSON output longer than MaxBytes (which bounds alias
// expansion: a "billion laughs" document stops there) are ErrLimit problems;
// an alias that contains itself is an ErrSyntax problem.
//
// Strictness: a stream of more than one document is an ErrSyntax problem
// ("YAML stream has N documents, want one"), not cut to its first document; a
// key given twice in one mapping is an ErrDuplicateKey problem per repeat.
// Merge keys ("<<: *anchor", "<<: [*a, *b]") follow the YAML merge rules:
// the mapping's own keys override merged ones and an earlier merged mapping
// overrides a later one, so an override is not a duplicate. Scalars follow
// the YAML 1.2 core schema (yes and no are strings); timestamps and binary
// stay strings; .inf and .nan, which JSON cannot express, and keys that are
// not scalars are ErrInvalidValue problems.
//
// Every problem carries the pointer of the JSON value concerned and the
// 1-based YAML line (problem.Error.Line); the parser's syntax errors carry
// the line and the root pointer.
func FromYAML(data []byte, lim Limits) ([]byte, located.Errors) {
	lim = lim.WithDefaults()
	data = TrimBOM(data)
	var errs located.Errors
	if int64(len(data)) > lim.MaxBytes {
		errs.Add("", located.ErrLimit, "document is larger than the limit of %d bytes (raise MaxBytes in the options)", lim.MaxBytes)
		return nil, errs
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		errs.Add("", located.ErrSyntax, "invalid UTF-8 at byte offset %d (documents must be UTF-8)", off)
		locate(errs, data, int64(off))
		return nil, errs
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			errs.Add("", located.ErrSyntax, "empty document, want a YAML mapping")
			locate(errs, data, int64(len(data)))
			return nil, errs
		}
		yamlSyntax(&errs, data, err)
		return nil, errs
	}
	// The rest of the stream must be empty. Counting the documents costs a
	// parse of the rest, which MaxBytes bounds.
	n, second := 1, 0
	for {
		var more yaml.Node
		err := dec.Decode(&more)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			yamlSyntax(&errs, data, err)
			return nil, errs
		}
		n++
		if second == 0 {
			second = more.Line
		}
	}
	if n > 1 {
		errs.AddLine("", second, located.ErrSyntax, "YAML stream has %d documents, want one (the second starts on line %d: split the stream into files or remove the '---' separator)", n, second)
		return nil, errs
	}
	c := yconv{lim: lim, out: make([]byte, 0, len(data)+len(data)/2), members: map[*yaml.Node][]member{}, expanding: map[*yaml.Node]bool{}}
	var root *yaml.Node
	if len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	if root == nil {
		c.out = append(c.out, "null"...)
	} else {
		c.value(root, 0)
	}
	if c.errs != nil {
		c.errs.Sort()
		return nil, c.errs
	}
	return c.out, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlParserProblems are the problems the YAML parser (rather than its
// scanner) reports. go.yaml.in/yaml/v3 prints the line of a parser problem
// 0-based and that of a scanner problem 1-based, and prints none when the
// problem is on the first line; TestFromYAMLProblems pins the lines.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlSyntax adds the parser's error as a syntax problem with its 1-based
// line (for a problem at the end of the input, the last line).
func yamlSyntax(errs *located.Errors, data []byte, err error) {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if slices.Contains(yamlParserProblems, msg) {
			line++
		}
	}
	last := bytes.Count(data, []byte{'\n'})
	if len(data) > 0 && data[len(data)-1] != '\n' {
		last++
	}
	line = max(min(line, last), 1)
	msg = strings.TrimPrefix(msg, "yaml: ")
	errs.AddLine("", line, located.ErrSyntax, "malformed YAML: %s", msg)
}

// member is one key and value of a mapping after merging.
type member struct {
	key        string
	knode, val *yaml.Node
}

// ref is one reference token of the pointer being written: a key or an index.
type ref struct {
	key   string
	index int
	isKey bool
}

// yconv converts a parsed YAML document to JSON within the limits. The
// pointer of the value being written is kept as a stack of tokens and built
// only for a problem.
type yconv struct {
	lim       Limits
	out       []byte
	errs      located.Errors
	path      []ref
	members   map[*yaml.Node][]member // merged members per mapping, computed once
	expanding map[*yaml.Node]bool     // aliases being expanded (cycle check)
	work      int64                   // nodes visited, alias and merge expansion included
	stop      bool                    // a limit was passed: write nothing more
}

func (c *yconv) ptr() string {
	p := ""
	for _, r := range c.path {
		if r.isKey {
			p = jsonptr.Append(p, r.key)
		} else {
			p = jsonptr.Index(p, r.index)
		}
	}
	return p
}

// fail records a problem at the current pointer and the node's line.
func (c *yconv) fail(n *yaml.Node, kind error, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	c.errs.AddLine(c.ptr(), line, kind, format, args...)
}

// limit records a limit problem and stops the conversion.
func (c *yconv) limit(n *yaml.Node, format string, args ...any) {
	c.fail(n, located.ErrLimit, format, args...)
	c.stop = true
}

// tick counts one unit of work and stops the conversion when the output or
// the work passes MaxBytes (alias and merge expansion are bounded so).
func (c *yconv) tick(n *yaml.Node) bool {
	c.work++
	switch {
	case c.stop:
		return false
	case int64(len(c.out)) > c.lim.MaxBytes:
		c.limit(n, "document expands to more than %d bytes of JSON (aliases?; raise MaxBytes in the options)", c.lim.MaxBytes)
		return false
	case c.work > c.lim.MaxBytes:
		c.limit(n, "document takes more than %d steps to expand (aliases or merge keys?; raise MaxBytes in the options)", c.lim.MaxBytes)
		return false
	}
	return true
}

// resolve follows an alias to its anchored node, refusing a cycle.
func (c *yconv) resolve(n *yaml.Node) (*yaml.Node, bool) {
	for n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			c.fail(n, located.ErrSyntax, "alias *%s names no anchor", clipKey(n.Value))
			return nil, false
		}
		n = n.Alias
	}
	return n, true
}

func (c *yconv) value(n *yaml.Node, depth int) {
	if !c.tick(n) {
		return
	}
	if n.Kind == yaml.AliasNode {
		t, ok := c.resolve(n)
		if !ok {
			return
		}
		if c.expanding[t] {
			c.fail(n, located.ErrSyntax, "alias *%s is part of the node it names (a YAML cycle has no JSON form)", clipKey(n.Value))
			c.stop = true
			return
		}
		c.expanding[t] = true
		c.value(t, depth)
		delete(c.expanding, t)
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		c.scalar(n)
	case yaml.SequenceNode:
		if depth+1 > c.lim.MaxDepth {
			c.limit(n, "nesting deeper than %d levels (raise MaxDepth in the options)", c.lim.MaxDepth)
			return
		}
		if len(n.Content) > c.lim.MaxEntries {
			c.limit(n, "sequence has %d elements, more than %d (raise MaxEntries in the options)", len(n.Content), c.lim.MaxEntries)
			return
		}
		c.out = append(c.out, '[')
		for i, e := range n.Content {
			if i > 0 {
				c.out = append(c.out, ',')
			}
			c.path = append(c.path, ref{index: i})
			c.value(e, depth+1)
			c.path = c.path[:len(c.path)-1]
			if c.stop {
				return
			}
		}
		c.out = append(c.out, ']')
	case yaml.MappingNode:
		if depth+1 > c.lim.MaxDepth {
			c.limit(n, "nesting deeper than %d levels (raise MaxDepth in the options)", c.lim.MaxDepth)
			return
		}
		ms, ok := c.mapping(n)
		if !ok {
			return
		}
		c.out = append(c.out, '{')
		for i, m := range ms {
			if i > 0 {
				c.out = append(c.out, ',')
			}
			c.out = appendString(c.out, m.key)
			c.out = append(c.out, ':')
			c.path = append(c.path, ref{key: m.key, isKey: true})
			c.value(m.val, depth+1)
			c.path = c.path[:len(c.path)-1]
			if c.stop {
				return
			}
		}
		c.out = append(c.out, '}')
	default: // a document node inside a document does not occur
		c.fail(n, located.ErrSyntax, "unexpected YAML node")
		c.stop = true
	}
}

// isMerge reports whether key node k is the merge key "<<" (plain, or tagged
// !!merge).
func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge"
}

// mapping returns the members of mapping n after merging: its own keys, in
// order, then the merged keys it does not override. The members are computed
// once per node, so a mapping's duplicate keys are reported once, where it is
// first met (written, or merged into another), however often aliases repeat
// it.
func (c *yconv) mapping(n *yaml.Node) ([]member, bool) {
	if ms, ok := c.members[n]; ok {
		return ms, true
	}
	pairs := len(n.Content) / 2
	if pairs > c.lim.MaxEntries {
		c.limit(n, "mapping has %d members, more than %d (raise MaxEntries in the options)", pairs, c.lim.MaxEntries)
		return nil, false
	}
	own := make([]member, 0, pairs)
	var seen map[string]int // key -> index in own, past smallObject keys
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if !c.tick(kn) {
			return nil, false
		}
		if isMerge(kn) {
			merges = append(merges, vn)
			continue
		}
		key, ok := c.key(kn)
		if !ok {
			return nil, false
		}
		first := -1
		if seen != nil {
			if j, ok := seen[key]; ok {
				first = j
			}
		} else {
			for j := range own {
				if own[j].key == key {
					first = j
					break
				}
			}
		}
		if first >= 0 {
			// Reported, and the first value kept so that the rest of the
			// document is still checked.
			c.path = append(c.path, ref{key: key, isKey: true})
			c.fail(kn, located.ErrDuplicateKey, "key %q is given twice in one mapping (line %d; first on line %d): keep one", clipKey(key), kn.Line, own[first].knode.Line)
			c.path = c.path[:len(c.path)-1]
			continue
		}
		own = append(own, member{key: key, knode: kn, val: vn})
		if seen == nil && len(own) > smallObject {
			seen = make(map[string]int, 2*smallObject)
			for j, m := range own {
				seen[m.key] = j
			}
		} else if seen != nil {
			seen[key] = len(own) - 1
		}
	}
	if len(merges) > 0 {
		if seen == nil {
			seen = make(map[string]int, len(own))
			for j, m := range own {
				seen[m.key] = j
			}
		}
		for _, mv := range merges {
			for _, src := range c.mergeSources(mv) {
				if c.stop {
					return nil, false
				}
				if c.expanding[src] {
					c.fail(mv, located.ErrSyntax, "merge key takes in the mapping that contains it (a YAML cycle has no JSON form)")
					c.stop = true
					return nil, false
				}
				c.expanding[src] = true
				sms, ok := c.mapping(src)
				delete(c.expanding, src)
				if !ok {
					return nil, false
				}
				for _, m := range sms {
					if !c.tick(m.knode) {
						return nil, false
					}
					if _, taken := seen[m.key]; taken {
						continue // overridden by an own key or an earlier merge
					}
					seen[m.key] = len(own)
					own = append(own, m)
				}
				if len(own) > c.lim.MaxEntries {
					c.limit(n, "mapping has more than %d members after merging (raise MaxEntries in the options)", c.lim.MaxEntries)
					return nil, false
				}
			}
		}
	}
	c.members[n] = own
	return own, true
}

// mergeSources returns the mappings a merge key's value names: one mapping
// (or alias of one), or a sequence of them.
func (c *yconv) mergeSources(v *yaml.Node) []*yaml.Node {
	t, ok := c.resolve(v)
	if !ok {
		c.stop = true
		return nil
	}
	switch t.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{t}
	case yaml.SequenceNode:
		out := make([]*yaml.Node, 0, len(t.Content))
		for _, e := range t.Content {
			m, ok := c.resolve(e)
			if !ok {
				c.stop = true
				return nil
			}
			if m.Kind != yaml.MappingNode {
				c.fail(e, located.ErrSyntax, "a merge key takes mappings, and this sequence holds a %s", kindName(m))
				c.stop = true
				return nil
			}
			out = append(out, m)
		}
		return out
	default:
		c.fail(v, located.ErrSyntax, "a merge key takes a mapping or a sequence of mappings, not a %s", kindName(t))
		c.stop = true
		return nil
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return "scalar"
	case yaml.SequenceNode:
		return "sequence"
	case yaml.MappingNode:
		return "mapping"
	default: // documents and aliases are resolved before a kind is named
		return "node"
	}
}

// key returns the JSON key of a mapping key node: the text of a scalar (an
// alias of one is followed), canonical for numbers and booleans.
func (c *yconv) key(kn *yaml.Node) (string, bool) {
	t, ok := c.resolve(kn)
	if !ok {
		c.stop = true
		return "", false
	}
	if t.Kind != yaml.ScalarNode {
		c.fail(kn, located.ErrInvalidValue, "a mapping key is a %s: JSON keys are strings (use a scalar key)", kindName(t))
		c.stop = true
		return "", false
	}
	if len(t.Value) > c.lim.MaxStringLen {
		c.limit(kn, "a key is %d bytes long, over the limit of %d (raise MaxStringLen in the options)", len(t.Value), c.lim.MaxStringLen)
		return "", false
	}
	switch t.ShortTag() {
	case "!!null":
		return "null", true
	case "!!bool", "!!int", "!!float":
		lit, ok := c.literal(t)
		if !ok {
			return "", false
		}
		return lit, true
	}
	return t.Value, true
}

func (c *yconv) scalar(n *yaml.Node) {
	if len(n.Value) > c.lim.MaxStringLen {
		c.limit(n, "string is %d bytes long, over the limit of %d (raise MaxStringLen in the options)", len(n.Value), c.lim.MaxStringLen)
		return
	}
	switch n.ShortTag() {
	case "!!null":
		c.out = append(c.out, "null"...)
	case "!!bool", "!!int", "!!float":
		if lit, ok := c.literal(n); ok {
			c.out = append(c.out, lit...)
		}
	default: // !!str, !!timestamp, !!binary, !!merge as a value, custom tags
		c.out = appendString(c.out, n.Value)
	}
}

// literal returns the JSON text of a boolean or number scalar.
func (c *yconv) literal(n *yaml.Node) (string, bool) {
	v := n.Value
	if n.ShortTag() != "!!bool" && jsonNumber(v) {
		return v, true
	}
	var x any
	if err := n.Decode(&x); err != nil {
		c.fail(n, located.ErrInvalidValue, "%s value %q: %v", strings.TrimPrefix(n.ShortTag(), "!!"), clipKey(v), strings.TrimPrefix(err.Error(), "yaml: "))
		return "", false
	}
	switch x := x.(type) {
	case bool:
		return strconv.FormatBool(x), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case uint64:
		return strconv.FormatUint(x, 10), true
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			c.fail(n, located.ErrInvalidValue, "%s has no JSON form (JSON numbers are finite: quote it to keep it as text)", clipKey(v))
			return "", false
		}
		return strconv.FormatFloat(x, 'g', -1, 64), true
	}
	// A number the decoder could only keep as text (an integer beyond 64
	// bits): write it as a string rather than lose digits.
	return string(appendString(nil, v)), true
}

// jsonNumber reports whether s is a number in JSON syntax.
func jsonNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i == len(s) || s[i] < '0' || s[i] > '9' {
			return false
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i == len(s) || s[i] < '0' || s[i] > '9' {
			return false
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	return i == len(s)
}

// appendString appends s as a JSON string (no HTML escaping; s is valid
// UTF-8, checked before parsing).
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// clipKey shortens text quoted in a message.
func clipKey(s string) string { return truncate(s) }
