package docjson

import (
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/sdlkit/iec62443/internal/located"
)

// FromYAML converts a YAML document to JSON, strictly: a key given twice in
// one mapping is an ErrDuplicateKey problem per key, any other failure an
// ErrSyntax problem, and JSON longer than limit an ErrLimit problem. The
// YAML library locates its errors by line only, so the pointer is the root
// and the message gives the line.
func FromYAML(data []byte, limit int64) ([]byte, located.Errors) {
	var errs located.Errors
	j, err := yaml.YAMLToJSONStrict(data)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")
		if _, lerr := yaml.YAMLToJSON(data); lerr != nil {
			errs.Add("", located.ErrSyntax, "malformed YAML: %s", msg)
			return nil, errs
		}
		// Only the strict conversion failed, and for a generic document
		// the one thing it adds is the duplicate-key check: the message
		// lists each duplicate on its own line.
		for line := range strings.Lines(msg) {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasSuffix(line, "unmarshal errors:") {
				continue
			}
			errs.Add("", located.ErrDuplicateKey, "key given twice in one mapping (YAML %s): keep one", line)
		}
		if len(errs) == 0 {
			errs.Add("", located.ErrDuplicateKey, "key given twice in one mapping (YAML %s): keep one", msg)
		}
		return nil, errs
	}
	if int64(len(j)) > limit {
		errs.Add("", located.ErrLimit, "document expands to %d bytes of JSON, over the limit of %d (raise MaxBytes in the options)", len(j), limit)
		return nil, errs
	}
	return j, nil
}
