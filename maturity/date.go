package maturity

import "github.com/sdlkit/iec62443/requirement"

func maxDate(a, b requirement.Date) requirement.Date {
	if a.After(b) {
		return a
	}
	return b
}
