// Package problem is the one error vocabulary of the SDK: the sentinel errors
// every package wraps, and the located problem list that decoders and
// validators return for input they cannot read.
//
// # Errors and findings
//
// The SDK separates two things. Input that cannot be read (bad syntax, a
// schema violation, an unknown requirement ID, a dangling reference, a limit
// passed, a missing assessment date) is an error: it wraps exactly one of the
// sentinels below, and decoders list every such problem in a [List] of
// [Error] values, each located by an RFC 6901 JSON pointer into the document
// (and by line or byte offset where the decoder knows them). A readable
// document that describes something incomplete or non-compliant is not an
// error: it yields its model and all of its findings
// (requirement.Finding).
//
// Match a class of failure with errors.Is, and get at the located problems
// with errors.As:
//
//	var list problem.List
//	if errors.As(err, &list) {
//		for _, p := range list {
//			fmt.Println(p.Source, p.Pointer, p.Message)
//		}
//	}
//
// A [List] is capped by the decoder's limits (requirement.Limits.MaxProblems):
// when more problems are found, the last entry wraps [ErrLimit] and says how
// many more there were.
//
// # Layering
//
// Package problem imports only the standard library and sits at the bottom of
// the SDK with package practice, so every package, internal ones included,
// speaks the same vocabulary.
package problem
