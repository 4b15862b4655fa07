// Package located builds the located problem lists of package problem. The
// builder methods (Add, Append, Rebase) live here so that the public
// [problem.List] type carries none of them.
package located

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/sdlkit/iec62443/problem"
)

// The sentinels of package problem, re-declared for brevity inside the SDK.
var (
	ErrInvalidDocument   = problem.ErrInvalidDocument
	ErrSyntax            = problem.ErrSyntax
	ErrSchema            = problem.ErrSchema
	ErrLimit             = problem.ErrLimit
	ErrDuplicateKey      = problem.ErrDuplicateKey
	ErrUnknownID         = problem.ErrUnknownID
	ErrDuplicate         = problem.ErrDuplicate
	ErrWrongEdition      = problem.ErrWrongEdition
	ErrDanglingReference = problem.ErrDanglingReference
	ErrInvalidValue      = problem.ErrInvalidValue
)

// Error is the public located problem.
type Error = problem.Error

// DefaultMaxProblems caps a list when the caller sets no limit.
const DefaultMaxProblems = 1000

// Errors is a problem list under construction. Convert it with Err (or
// List) when it leaves the SDK.
type Errors problem.List

// Add appends a problem located at pointer, classified by sentinel kind.
func (l *Errors) Add(pointer string, kind error, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	*l = append(*l, &problem.Error{Pointer: pointer, Message: msg, Err: kind})
}

// AddLine appends a problem located at pointer and a 1-based line.
func (l *Errors) AddLine(pointer string, line int, kind error, format string, args ...any) {
	l.Add(pointer, kind, format, args...)
	(*l)[len(*l)-1].Line = line
}

// Append adds every problem of other.
func (l *Errors) Append(other problem.List) { *l = append(*l, other...) }

// Len returns the number of problems.
func (l Errors) Len() int { return len(l) }

// Pointers returns the pointers of the problems in order.
func (l Errors) Pointers() []string { return problem.List(l).Pointers() }

// Sort sorts and deduplicates the list (see problem.List.Sort).
func (l *Errors) Sort() {
	p := problem.List(*l)
	p.Sort()
	*l = Errors(p)
}

// List returns the public list (sharing the entries).
func (l Errors) List() problem.List { return problem.List(l) }

// Rebase returns a copy of other with every problem moved under prefix (a
// JSON pointer into an enclosing document) and, when source is not "",
// attributed to that source document.
func Rebase(other problem.List, source, prefix string) problem.List {
	out := make(problem.List, len(other))
	for i, e := range other {
		c := *e
		if source != "" && c.Source == "" {
			c.Source = source
		}
		c.Pointer = prefix + e.Pointer
		out[i] = &c
	}
	return out
}

// Rebase is [Rebase] on a list under construction.
func (l Errors) Rebase(source, prefix string) problem.List {
	return Rebase(problem.List(l), source, prefix)
}

// MaxMessageLen is the longest message, in bytes, a capped list keeps: a
// longer one (an "unknown keys" message listing megabytes of keys) is cut at
// a character boundary and ends in "... (N more bytes)".
const MaxMessageLen = 1024

// clipMessage cuts msg to MaxMessageLen bytes at a UTF-8 boundary.
func clipMessage(msg string) string {
	if len(msg) <= MaxMessageLen {
		return msg
	}
	cut := MaxMessageLen
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + fmt.Sprintf("... (%d more bytes)", len(msg)-cut)
}

// Cap sorts nothing; it keeps the first max problems of l and, when more
// were found, replaces the rest by one problem wrapping ErrLimit that says
// how many were left out. max <= 0 means DefaultMaxProblems. Every message
// kept is clipped to MaxMessageLen bytes.
func (l *Errors) Cap(max int) {
	if max <= 0 {
		max = DefaultMaxProblems
	}
	cloned := false
	for i, e := range *l {
		if i >= max {
			break
		}
		if len(e.Message) > MaxMessageLen {
			if !cloned { // Err and ErrMax must leave the builder's list as it was
				*l, cloned = slices.Clone(*l), true
			}
			c := *e
			c.Message = clipMessage(e.Message)
			(*l)[i] = &c
		}
	}
	if len(*l) <= max {
		return
	}
	more := len(*l) - max
	last := (*l)[max-1]
	*l = append((*l)[:max:max], &problem.Error{
		Source:  last.Source,
		Pointer: last.Pointer,
		Message: fmt.Sprintf("and %d more problems (raise Limits.MaxProblems to see them)", more),
		Err:     ErrLimit,
	})
}

// Err returns the list as a problem.List error (capped at
// DefaultMaxProblems), or nil when it is empty.
func (l Errors) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Cap(0)
	return problem.List(l)
}

// ErrMax is Err with an explicit cap (<= 0: DefaultMaxProblems).
func (l Errors) ErrMax(max int) error {
	if len(l) == 0 {
		return nil
	}
	l.Cap(max)
	return problem.List(l)
}
