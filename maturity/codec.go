package maturity

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// SchemaID is the $id of the evidence manifest's JSON Schema.
const SchemaID = "https://github.com/sdlkit/iec62443/schemas/evidence-manifest-1.json"

//go:embed manifest.schema.json
var manifestSchemaJSON []byte

var manifestSchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile(SchemaID, manifestSchemaJSON)
})

// Schema returns the JSON Schema (draft 2020-12) of the evidence manifest, in
// a fresh slice.
func Schema() []byte { return append([]byte(nil), manifestSchemaJSON...) }

// DecodeOptions tunes [Decode]. A nil *DecodeOptions means the defaults.
type DecodeOptions struct {
	// Catalog is the catalog requirement IDs are checked against; nil means
	// [requirement.Default] (the A11 draft catalog).
	Catalog *requirement.Catalog
	// Limits bounds the document. Zero fields mean: MaxBytes 32 MiB (about
	// 60,000 evidence records of typical size: raise it for larger
	// manifests), MaxDepth 64, MaxStringLen 1 MiB, MaxEntries 200,000 (the
	// most elements of one array, such as evidence), MaxProblems 1,000.
	Limits requirement.Limits
}

// Decode reads an evidence manifest from r. It rejects malformed JSON,
// duplicate keys, oversized input and schema violations, then checks the
// manifest's references with [Manifest.Validate]. On failure the error is a
// [problem.List] listing every problem with its JSON pointer (at most
// Limits.MaxProblems, and a last one counting the rest); errors.Is matches
// [problem.ErrInvalidDocument] and each problem's own sentinel (such as
// [problem.ErrUnknownID] or [problem.ErrDanglingReference]). A leading UTF-8
// byte-order mark is accepted. A nil r is an error wrapping
// [problem.ErrNilInput].
func Decode(r io.Reader, opts *DecodeOptions) (*Manifest, error) {
	if r == nil {
		return nil, fmt.Errorf("maturity: decode manifest: nil reader: %w", problem.ErrNilInput)
	}
	var o DecodeOptions
	if opts != nil {
		o = *opts
	}
	lim := docjson.Limits(o.Limits).WithDefaults()
	data, errs := docjson.ReadAll(r, lim)
	if errs != nil {
		return nil, lim.Err(errs)
	}
	tree, errs := docjson.Parse(data, lim)
	if errs != nil {
		return nil, lim.Err(errs)
	}
	if errs := manifestSchema().Validate(tree); errs != nil {
		return nil, lim.Err(errs)
	}
	// Artifact kinds are a Go-side closed set; an unknown one would stop
	// encoding/json at the first occurrence, unlocated. Report each here and
	// decode a copy with the bad kinds blanked, so that every other problem
	// is still found.
	var kindErrs located.Errors
	root, _ := tree.(map[string]any)
	if ev, ok := root["evidence"].([]any); ok {
		for i, e := range ev {
			obj, _ := e.(map[string]any)
			k, _ := obj["kind"].(string)
			if !requirement.ArtifactKind(k).Known() {
				kindErrs.Add(jsonptr.Append(jsonptr.Index("/evidence", i), "kind"), problem.ErrInvalidValue, "artifact kind %q is unknown (see requirement.ArtifactKinds for the list)", clip(k))
				obj["kind"] = string(requirement.ArtifactProcessDescription)
			}
		}
	}
	if kindErrs != nil {
		var err error
		if data, err = json.Marshal(tree); err != nil {
			return nil, fmt.Errorf("maturity: decode manifest: %w", err)
		}
	}
	var m Manifest
	if err := docjson.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if err := m.Validate(o.Catalog); err != nil || kindErrs != nil {
		if err != nil {
			var list problem.List
			if !errors.As(err, &list) {
				return nil, err
			}
			kindErrs.Append(list)
		}
		// The blanked kinds are valid, so Validate reports nothing extra at
		// their pointers.
		kindErrs.Sort()
		return nil, lim.Err(kindErrs)
	}
	return &m, nil
}

// Encode writes m as indented JSON with a trailing newline. The output is
// deterministic: fields in a fixed order, slices in the manifest's order, so
// Decode(Encode(m)) equals m. Encode does not validate m; call
// [Manifest.Validate] first when m was built in Go.
//
// A nil w or m is an error wrapping [problem.ErrNilInput].
func Encode(w io.Writer, m *Manifest) error {
	if w == nil || m == nil {
		return fmt.Errorf("maturity: encode manifest: nil writer or manifest: %w", problem.ErrNilInput)
	}
	b, err := docjson.Marshal(m)
	if err != nil {
		return fmt.Errorf("maturity: encode manifest: %w", err)
	}
	_, err = w.Write(b)
	return err
}
