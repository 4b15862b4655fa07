package sbom

import (
	"fmt"

	"github.com/package-url/packageurl-go"

	"github.com/sdlkit/iec62443/problem"
)

// ParsePURL parses and validates a package URL (purl) with
// github.com/package-url/packageurl-go. Errors wrap [problem.ErrInvalidValue].
func ParsePURL(s string) (packageurl.PackageURL, error) {
	if len(s) > 4096 {
		return packageurl.PackageURL{}, fmt.Errorf("sbom: purl is %d bytes long, over the limit of 4096: %w", len(s), problem.ErrInvalidValue)
	}
	p, err := packageurl.FromString(s)
	if err != nil {
		return packageurl.PackageURL{}, fmt.Errorf("sbom: purl %q: %w: %w", clip(s), err, problem.ErrInvalidValue)
	}
	if p.Name == "" {
		return packageurl.PackageURL{}, fmt.Errorf("sbom: purl %q: no name: %w", clip(s), problem.ErrInvalidValue)
	}
	return p, nil
}

// purlKey is the identity of a package in a purl: type, namespace and name
// (no version, qualifiers or subpath), as compared by vulnerability matching.
func purlKey(p packageurl.PackageURL) string {
	if p.Namespace == "" {
		return p.Type + "/" + p.Name
	}
	return p.Type + "/" + p.Namespace + "/" + p.Name
}
