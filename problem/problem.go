package problem

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sdlkit/iec62443/internal/jsonptr"
)

// Sentinel errors, one per concept, declared once for the whole SDK. Every
// error a package of the SDK returns for bad input wraps one of these (or a
// package-specific sentinel documented in that package).
var (
	// ErrInvalidDocument: an input document cannot be read. Every [List]
	// wraps it beside the more specific sentinel of each problem.
	ErrInvalidDocument = errors.New("invalid document")
	// ErrSyntax: the document is not well-formed JSON, YAML or XML, or not UTF-8.
	ErrSyntax = errors.New("malformed document")
	// ErrSchema: the document violates its JSON Schema (or, for SBOMs, the
	// official schema of its format and version).
	ErrSchema = errors.New("schema violation")
	// ErrLimit: the input exceeds a size, depth, length, count or problem
	// limit (see requirement.Limits).
	ErrLimit = errors.New("limit exceeded")
	// ErrDuplicateKey: an object has the same key twice. The SDK rejects such
	// documents rather than guessing which value was meant.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrInvalidID: the text is not a syntactically valid requirement ID.
	ErrInvalidID = errors.New("invalid requirement ID")
	// ErrUnknownID: a requirement ID is valid but not in the catalog in use.
	ErrUnknownID = errors.New("unknown requirement ID")
	// ErrUnknownEdition: the edition is not 2018 or A11 (or is unset).
	ErrUnknownEdition = errors.New("unknown edition")
	// ErrWrongEdition: the document, rule or reference is for another
	// edition than the catalog in use.
	ErrWrongEdition = errors.New("wrong edition")
	// ErrDuplicate: the same entry (ID, reference, key) is given twice.
	ErrDuplicate = errors.New("duplicate entry")
	// ErrDanglingReference: a reference names something the document lacks.
	ErrDanglingReference = errors.New("dangling reference")
	// ErrInvalidValue: a value is out of range, badly formed or not one of
	// the names an enumeration accepts.
	ErrInvalidValue = errors.New("invalid value")
	// ErrNoDate: a function whose result depends on "today" was given the
	// zero time. The SDK never reads the clock: pass the assessment date.
	ErrNoDate = errors.New("no assessment date")
	// ErrNilInput: a required pointer, catalog-independent model or reader
	// argument is nil.
	ErrNilInput = errors.New("nil input")
	// ErrUnsupported: the format, version or encoding is not supported.
	ErrUnsupported = errors.New("unsupported format")
	// ErrNotRepresentable: the data cannot be written in the target format
	// without losing part of it.
	ErrNotRepresentable = errors.New("not representable in the target format")
)

// Error is one problem in an input document.
type Error struct {
	// Source names the document the pointer points into when the input spans
	// several documents (a dossier and the files it references): a
	// slash-separated path relative to the caller's fs.FS. "" is the main
	// document.
	Source string
	// Pointer locates the problem as an RFC 6901 JSON pointer into the
	// document (for YAML input, into its JSON form); "" is the document root.
	Pointer string
	// Line is the 1-based line of the problem when the decoder knows it
	// (YAML, XML, JSON syntax errors); 0 when unknown.
	Line int
	// Offset is the byte offset of the problem in the input when the decoder
	// knows it (JSON syntax errors); -1 or 0 when unknown (see Line).
	Offset int64
	// Message says what is wrong and, where possible, how to fix it.
	Message string
	// Err classifies the problem: one of this package's sentinels (or a
	// package-specific sentinel). errors.Is matches it. Never nil in a List
	// built by the SDK.
	Err error
}

// Error implements error as "source#pointer (line N): message"; the root is
// shown as "(root)".
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	if e.Source != "" {
		b.WriteString(e.Source)
		b.WriteByte('#')
	}
	if e.Pointer == "" {
		b.WriteString("(root)")
	} else {
		b.WriteString(e.Pointer)
	}
	if e.Line > 0 {
		b.WriteString(" (line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteByte(')')
	} else if e.Offset > 0 {
		b.WriteString(" (byte ")
		b.WriteString(strconv.FormatInt(e.Offset, 10))
		b.WriteByte(')')
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the classifying sentinel.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// List is every problem found in one input, modelled on
// go/scanner.ErrorList: the zero value is an empty list, [List.Sort] orders
// it, [List.Err] returns nil when it is empty, and [List.Unwrap] exposes every
// problem and [ErrInvalidDocument] to errors.Is and errors.As.
type List []*Error //nolint:errname // a list of Error, named like go/scanner.ErrorList

// Len returns the number of problems.
func (l List) Len() int { return len(l) }

// Pointers returns the JSON pointer of every problem, in list order, in a
// fresh slice.
func (l List) Pointers() []string {
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Pointer
	}
	return out
}

// Sort orders the list by source, pointer (array indexes compared as
// numbers, so /x/2 comes before /x/10), then message, keeping the order of
// equal entries; duplicates (same source, pointer and message) are removed.
func (l *List) Sort() {
	if l == nil {
		return
	}
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
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error implements error: the first problem and how many more there are.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no problems"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more problems)", l[0].Error(), len(l)-1)
}

// Unwrap returns every problem plus [ErrInvalidDocument], so that errors.Is
// matches any problem's sentinel and the generic class.
func (l List) Unwrap() []error {
	out := make([]error, 0, len(l)+1)
	out = append(out, ErrInvalidDocument)
	for _, e := range l {
		out = append(out, e)
	}
	return out
}
