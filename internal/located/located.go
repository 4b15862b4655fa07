// Package located holds the located error types that the public packages
// re-export through package requirement. It exists so that internal decoders
// and the public packages share one error vocabulary without an import cycle.
package located

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/sdlkit/iec62443/internal/jsonptr"
)

// Sentinels shared by every decoder and validator of the SDK.
var (
	ErrInvalidDocument   = errors.New("invalid document")
	ErrSyntax            = errors.New("malformed JSON")
	ErrSchema            = errors.New("schema violation")
	ErrLimit             = errors.New("input limit exceeded")
	ErrDuplicateKey      = errors.New("duplicate key")
	ErrUnknownID         = errors.New("unknown requirement ID")
	ErrDuplicate         = errors.New("duplicate entry")
	ErrWrongEdition      = errors.New("wrong edition")
	ErrDanglingReference = errors.New("dangling reference")
	ErrInvalidValue      = errors.New("invalid value")
)

// Error is one problem in an input document, located by an RFC 6901 JSON
// pointer into that document. Err is the sentinel that classifies it.
type Error struct {
	// Source names the document the pointer points into when the input spans
	// several documents (such as a dossier and the files it references): a
	// slash-separated path relative to the caller's fs.FS. "" is the main
	// document.
	Source string
	// Pointer locates the problem; "" is the document root.
	Pointer string
	// Message says what is wrong and, where possible, how to fix it.
	Message string
	// Err classifies the problem; errors.Is matches it. Never nil when built by Add.
	Err error
}

// Error implements error as `pointer: message`; the root is shown as "/".
func (e *Error) Error() string {
	p := e.Pointer
	if p == "" {
		p = "(root)"
	}
	if e.Source != "" {
		p = e.Source + "#" + p
	}
	return p + ": " + e.Message
}

// Unwrap returns the classifying sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Errors is a list of located problems, modelled on go/scanner.ErrorList. The
// zero value is an empty list ready to use.
type Errors []*Error

// Add appends a problem located at pointer, classified by sentinel kind.
// Every problem is also an ErrInvalidDocument.
func (l *Errors) Add(pointer string, kind error, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	*l = append(*l, &Error{Pointer: pointer, Message: msg, Err: kind})
}

// Append adds every problem of other.
func (l *Errors) Append(other Errors) { *l = append(*l, other...) }

// Len returns the number of problems.
func (l Errors) Len() int { return len(l) }

// Pointers returns the JSON pointer of every problem, in list order, in a
// fresh slice: the shape tests and tools compare.
func (l Errors) Pointers() []string {
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Pointer
	}
	return out
}

// Rebase returns a copy of the list with every problem moved under prefix
// (a JSON pointer into an enclosing document) and, when source is not "",
// attributed to that source document.
func (l Errors) Rebase(source, prefix string) Errors {
	out := make(Errors, len(l))
	for i, e := range l {
		c := *e
		if source != "" {
			c.Source = source
		}
		c.Pointer = prefix + e.Pointer
		out[i] = &c
	}
	return out
}

// Sort orders the list by source, pointer (array indexes compared as
// numbers), then message, keeping the order of equal
// entries; duplicates (same pointer and message) are removed.
func (l *Errors) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Source != s[j].Source {
			return s[i].Source < s[j].Source
		}
		if c := jsonptr.Compare(s[i].Pointer, s[j].Pointer); c != 0 {
			return c < 0
		}
		return s[i].Message < s[j].Message
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Source == s[i-1].Source && e.Pointer == s[i-1].Pointer && e.Message == s[i-1].Message {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error, or nil when it is empty.
func (l Errors) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error implements error: the first problem and how many more there are.
func (l Errors) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	b.WriteString(l[0].Error())
	fmt.Fprintf(&b, " (and %d more problems)", len(l)-1)
	return b.String()
}

// Unwrap returns every problem plus ErrInvalidDocument, so that errors.Is
// matches any problem's sentinel and the generic class.
func (l Errors) Unwrap() []error {
	out := make([]error, 0, len(l)+1)
	out = append(out, ErrInvalidDocument)
	for _, e := range l {
		out = append(out, e)
	}
	return out
}
