package problem_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

// Every decoder of the SDK reports unreadable input as a problem.List: match
// the class of failure with errors.Is and list the located problems with
// errors.As.
func Example() {
	_, err := requirement.DecodeOverlay(strings.NewReader(`{"schema_version":"9"}`), nil)
	fmt.Println(errors.Is(err, problem.ErrInvalidDocument), errors.Is(err, problem.ErrSchema))
	var list problem.List
	if errors.As(err, &list) {
		fmt.Println(list.Len() > 0, errors.Is(list[0].Err, problem.ErrSchema))
	}
	// Output:
	// true true
	// true true
}
