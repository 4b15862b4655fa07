package requirement

import (
	"errors"

	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/practice"
)

// Sentinel errors. Every decoder and validator of the SDK wraps one of these,
// so callers can classify a failure with errors.Is.
var (
	// ErrInvalidID: the text is not a syntactically valid requirement ID.
	ErrInvalidID = errors.New("invalid requirement ID")
	// ErrUnknownEdition: the edition is not 2018 or A11.
	ErrUnknownEdition = practice.ErrUnknownEdition
	// ErrInvalidDocument: an input document is malformed; every problem in
	// the list that carries it is also classified by a more specific sentinel.
	ErrInvalidDocument = located.ErrInvalidDocument
	// ErrSyntax: the document is not well-formed JSON (or YAML), or not UTF-8.
	ErrSyntax = located.ErrSyntax
	// ErrSchema: the document violates its JSON Schema.
	ErrSchema = located.ErrSchema
	// ErrLimit: the document exceeds a size, depth, length or count limit.
	ErrLimit = located.ErrLimit
	// ErrDuplicateKey: an object has the same key twice. The SDK rejects such
	// documents rather than guessing which value was meant.
	ErrDuplicateKey = located.ErrDuplicateKey
	// ErrUnknownID: a requirement ID is valid but not in the catalog in use.
	ErrUnknownID = located.ErrUnknownID
	// ErrDuplicate: the same entry (ID, reference, key) is given twice.
	ErrDuplicate = located.ErrDuplicate
	// ErrWrongEdition: the document is for another edition than the catalog.
	ErrWrongEdition = located.ErrWrongEdition
	// ErrDanglingReference: a reference names something the document lacks.
	ErrDanglingReference = located.ErrDanglingReference
	// ErrInvalidValue: a value is out of range or badly formed.
	ErrInvalidValue = located.ErrInvalidValue
)

// LocatedError is one problem in an input document, located by an RFC 6901
// JSON pointer. Its Err field is the sentinel that classifies it.
type LocatedError = located.Error

// LocatedErrors lists every problem found in one document, like
// go/scanner.ErrorList: the zero value is ready to use, Sort orders it, Err
// returns nil when it is empty, and Unwrap exposes every problem (and
// ErrInvalidDocument) to errors.Is and errors.As.
type LocatedErrors = located.Errors //nolint:errname // a list of LocatedError, named like go/scanner.ErrorList
