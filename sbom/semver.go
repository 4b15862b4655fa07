package sbom

import (
	"strconv"
	"strings"
)

// semVersion is a parsed Semantic Versioning 2.0.0 version.
type semVersion struct {
	major, minor, patch uint64
	pre                 []string
}

// parseSemver parses a SemVer 2.0.0 version; a leading "v" is accepted (Go
// module versions) and build metadata is ignored.
func parseSemver(s string) (semVersion, bool) {
	s = strings.TrimPrefix(s, "v")
	if i := strings.IndexByte(s, '+'); i >= 0 {
		s = s[:i]
	}
	var pre string
	if i := strings.IndexByte(s, '-'); i >= 0 {
		s, pre = s[:i], s[i+1:]
		if pre == "" {
			return semVersion{}, false
		}
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return semVersion{}, false
	}
	var nums [3]uint64
	for i, p := range parts {
		if p == "" || (len(p) > 1 && p[0] == '0') {
			return semVersion{}, false
		}
		n, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			return semVersion{}, false
		}
		nums[i] = n
	}
	v := semVersion{major: nums[0], minor: nums[1], patch: nums[2]}
	if pre != "" {
		v.pre = strings.Split(pre, ".")
		for _, id := range v.pre {
			if id == "" {
				return semVersion{}, false
			}
			for i := 0; i < len(id); i++ {
				c := id[i]
				if !isIdentChar(c) {
					return semVersion{}, false
				}
			}
		}
	}
	return v, true
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compare orders versions by SemVer precedence.
func (a semVersion) compare(b semVersion) int {
	if c := cmpUint(a.major, b.major); c != 0 {
		return c
	}
	if c := cmpUint(a.minor, b.minor); c != 0 {
		return c
	}
	if c := cmpUint(a.patch, b.patch); c != 0 {
		return c
	}
	switch {
	case len(a.pre) == 0 && len(b.pre) == 0:
		return 0
	case len(a.pre) == 0:
		return 1
	case len(b.pre) == 0:
		return -1
	}
	for i := 0; i < len(a.pre) && i < len(b.pre); i++ {
		x, y := a.pre[i], b.pre[i]
		xn, xerr := strconv.ParseUint(x, 10, 64)
		yn, yerr := strconv.ParseUint(y, 10, 64)
		switch {
		case xerr == nil && yerr == nil:
			if c := cmpUint(xn, yn); c != 0 {
				return c
			}
		case xerr == nil:
			return -1
		case yerr == nil:
			return 1
		default:
			if c := strings.Compare(x, y); c != 0 {
				return c
			}
		}
	}
	return cmpUint(uint64(len(a.pre)), uint64(len(b.pre)))
}

// isIdentChar reports whether c may appear in a SemVer identifier.
func isIdentChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-'
}
