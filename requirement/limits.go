package requirement

// Limits bounds what a decoder of the SDK reads and how much it reports. It is
// the one limits type of the SDK: every decoder's options embed it. A zero
// field means the default of the decoder that uses it; each package documents
// its defaults (SBOM readers allow larger documents than the others).
//
// What Limits cannot bound is the caller's side: a reader that never ends
// (a FIFO, a network stream) is cut at MaxBytes, but a caller that opens
// special files itself must refuse them itself (the dossier loader reads only
// regular files).
type Limits struct {
	// MaxBytes is the largest document accepted, in bytes. Where the file
	// system can say, the size is checked before reading.
	MaxBytes int64
	// MaxDepth is the deepest nesting of objects and arrays (JSON, YAML) or
	// of elements (XML).
	MaxDepth int
	// MaxStringLen is the longest string (key or value) in bytes.
	MaxStringLen int
	// MaxEntries is the most members of one object or elements of one array.
	MaxEntries int
	// MaxProblems is the most located problems one error lists; more are
	// summarised by a last problem that says how many were left out.
	MaxProblems int
}
