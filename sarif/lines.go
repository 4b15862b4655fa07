package sarif

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// lineFinder finds the line of a JSON pointer in the documents of
// Options.Root, reading and indexing each document once.
type lineFinder struct {
	root     fs.FS
	maxBytes int64
	docs     map[string]map[string]int // document -> pointer -> line; nil: no lines
}

func newLineFinder(o *Options) *lineFinder {
	lf := &lineFinder{maxBytes: 32 << 20, docs: map[string]map[string]int{}}
	if o != nil {
		lf.root = o.Root
		if o.MaxDocumentBytes > 0 {
			lf.maxBytes = o.MaxDocumentBytes
		}
	}
	return lf
}

// line returns the 1-based line of ptr in document name, or of its nearest
// ancestor the document has; 0 when unknown.
func (lf *lineFinder) line(name, ptr string) int {
	if lf.root == nil {
		return 0
	}
	idx, ok := lf.docs[name]
	if !ok {
		idx = lf.index(name)
		lf.docs[name] = idx
	}
	if idx == nil {
		return 0
	}
	for _, p := range pointerPrefixes(ptr) {
		if l, ok := idx[p]; ok {
			return l
		}
	}
	return 0
}

func (lf *lineFinder) index(name string) map[string]int {
	if !fs.ValidPath(name) {
		return nil
	}
	f, err := lf.root.Open(name)
	if err != nil {
		return nil
	}
	defer func() { _ = f.Close() }()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(f, lf.maxBytes+1))
	if err != nil || int64(len(data)) > lf.maxBytes {
		return nil
	}
	return pointerLines(data)
}

// pointerLines returns the line of every value of a JSON document by its
// pointer: for an object member, the line of its key; for an array element,
// the line where it starts. It returns nil for input that is not JSON (a
// YAML document, for one).
func pointerLines(data []byte) map[string]int {
	var starts []int // offsets where lines begin
	starts = append(starts, 0)
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	lineOf := func(off int) int { return sort.SearchInts(starts, off+1) }
	// skip moves past white space, commas and colons to the next token.
	skip := func(off int64) int {
		i := int(off)
		for i < len(data) && strings.IndexByte(" \t\r\n,:", data[i]) >= 0 {
			i++
		}
		return i
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	out := map[string]int{}
	var walk func(ptr string) bool
	walk = func(ptr string) bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return true
		}
		switch d {
		case '{':
			for dec.More() {
				at := skip(dec.InputOffset())
				k, err := dec.Token()
				if err != nil {
					return false
				}
				key, _ := k.(string)
				child := ptr + "/" + escaper.Replace(key)
				out[child] = lineOf(at)
				if !walk(child) {
					return false
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				child := ptr + "/" + strconv.Itoa(i)
				out[child] = lineOf(skip(dec.InputOffset()))
				if !walk(child) {
					return false
				}
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err == nil
	}
	out[""] = lineOf(skip(0))
	if !walk("") {
		return nil
	}
	return out
}

var escaper = strings.NewReplacer("~", "~0", "/", "~1")
