package risk

import (
	"fmt"
	"slices"
	"strings"

	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"

	"github.com/sdlkit/iec62443/problem"
)

// Matrix is a likelihood x impact rating matrix of 3x3 to 5x5 named levels.
// Levels and ratings are listed lowest first; Cells[l][i] is the name of the
// rating of likelihood level l and impact level i. Raising the likelihood or
// the impact never lowers the rating. The zero value stands for [DefaultMatrix].
type Matrix struct {
	Likelihood []string   `json:"likelihood"`
	Impact     []string   `json:"impact"`
	Ratings    []string   `json:"ratings"`
	Cells      [][]string `json:"cells"`
}

// Rating is a rating of the matrix: its name and its rank (1 is the lowest).
// The zero value means not rated.
type Rating struct {
	Name string
	Rank int
}

// IsZero reports whether r is unrated.
func (r Rating) IsZero() bool { return r.Rank == 0 }

// String returns the name, or "unrated".
func (r Rating) String() string {
	if r.Rank == 0 {
		return "unrated"
	}
	return r.Name
}

// DefaultMatrix returns the 3x3 matrix used when a register gives none:
// levels and ratings low, medium, high.
func DefaultMatrix() Matrix {
	lmh := []string{"low", "medium", "high"}
	return Matrix{
		Likelihood: slices.Clone(lmh),
		Impact:     slices.Clone(lmh),
		Ratings:    slices.Clone(lmh),
		Cells: [][]string{
			{"low", "low", "medium"},
			{"low", "medium", "high"},
			{"medium", "high", "high"},
		},
	}
}

// IsZero reports whether no matrix is given.
func (m Matrix) IsZero() bool {
	return len(m.Likelihood) == 0 && len(m.Impact) == 0 && len(m.Ratings) == 0 && len(m.Cells) == 0
}

// orDefault returns m, or DefaultMatrix when m is zero.
func (m Matrix) orDefault() Matrix {
	if m.IsZero() {
		return DefaultMatrix()
	}
	return m
}

// Rate looks up the rating of a likelihood and an impact level, by name. It
// fails with an error wrapping [problem.ErrInvalidValue] when a name is not a level of
// the matrix or the matrix is malformed. A zero Matrix rates with [DefaultMatrix].
func (m Matrix) Rate(likelihood, impact string) (Rating, error) {
	m = m.orDefault()
	l := slices.Index(m.Likelihood, likelihood)
	i := slices.Index(m.Impact, impact)
	switch {
	case l < 0:
		return Rating{}, fmt.Errorf("risk: likelihood %q: %w (want %s)", clip(likelihood), problem.ErrInvalidValue, strings.Join(m.Likelihood, ", "))
	case i < 0:
		return Rating{}, fmt.Errorf("risk: impact %q: %w (want %s)", clip(impact), problem.ErrInvalidValue, strings.Join(m.Impact, ", "))
	case l >= len(m.Cells) || i >= len(m.Cells[l]):
		return Rating{}, fmt.Errorf("risk: matrix has no cell for (%s, %s): %w", likelihood, impact, problem.ErrInvalidValue)
	}
	return m.rating(m.Cells[l][i])
}

// RatingOf returns the rating with the given name.
func (m Matrix) RatingOf(name string) (Rating, error) { return m.orDefault().rating(name) }

func (m Matrix) rating(name string) (Rating, error) {
	r := slices.Index(m.Ratings, name)
	if r < 0 {
		return Rating{}, fmt.Errorf("risk: rating %q: %w (want %s)", clip(name), problem.ErrInvalidValue, strings.Join(m.Ratings, ", "))
	}
	return Rating{Name: name, Rank: r + 1}, nil
}

// ranks returns the rank of every cell's rating, indexed [likelihood][impact];
// m must be well formed (no problems).
func (m Matrix) ranks() [][]uint8 {
	out := make([][]uint8, len(m.Cells))
	for l, row := range m.Cells {
		out[l] = make([]uint8, len(row))
		for i, c := range row {
			out[l][i] = uint8(slices.Index(m.Ratings, c) + 1)
		}
	}
	return out
}

// problems lists what is wrong with a non-zero matrix, as (pointer suffix,
// message) pairs relative to the matrix.
func (m Matrix) problems() [][2]string {
	var out [][2]string
	add := func(ptr, format string, args ...any) { out = append(out, [2]string{ptr, fmt.Sprintf(format, args...)}) }
	levels := func(name string, names []string, lo, hi int) {
		if len(names) < lo || len(names) > hi {
			add("/"+name, "%s has %d levels, want %d to %d", name, len(names), lo, hi)
		}
		seen := map[string]bool{}
		for i, n := range names {
			if strings.TrimSpace(n) == "" {
				add(fmt.Sprintf("/%s/%d", name, i), "level name is empty")
			}
			if seen[n] {
				add(fmt.Sprintf("/%s/%d", name, i), "level %q appears twice (names must be unique)", n)
			}
			seen[n] = true
		}
	}
	levels("likelihood", m.Likelihood, 3, 5)
	levels("impact", m.Impact, 3, 5)
	levels("ratings", m.Ratings, 2, 5)
	if len(m.Cells) != len(m.Likelihood) {
		add("/cells", "cells has %d rows, want one per likelihood level (%d)", len(m.Cells), len(m.Likelihood))
		return out
	}
	rank := make([][]int, len(m.Cells))
	for l, row := range m.Cells {
		if len(row) != len(m.Impact) {
			add(fmt.Sprintf("/cells/%d", l), "row has %d cells, want one per impact level (%d)", len(row), len(m.Impact))
			return out
		}
		rank[l] = make([]int, len(row))
		for i, c := range row {
			r := slices.Index(m.Ratings, c)
			if r < 0 {
				add(fmt.Sprintf("/cells/%d/%d", l, i), "rating %q is not one of the ratings (%s)", c, strings.Join(m.Ratings, ", "))
			}
			rank[l][i] = r
		}
	}
	for l := range rank {
		for i := range rank[l] {
			if l > 0 && rank[l][i] >= 0 && rank[l-1][i] > rank[l][i] {
				add(fmt.Sprintf("/cells/%d/%d", l, i), "rating %q is lower than at the lower likelihood %q (ratings must not fall as likelihood rises)", m.Cells[l][i], m.Likelihood[l-1])
			}
			if i > 0 && rank[l][i] >= 0 && rank[l][i-1] > rank[l][i] {
				add(fmt.Sprintf("/cells/%d/%d", l, i), "rating %q is lower than at the lower impact %q (ratings must not fall as impact rises)", m.Cells[l][i], m.Impact[i-1])
			}
		}
	}
	return out
}

// CVSS is a parsed and scored CVSS vector.
type CVSS struct {
	// Version is "3.1" or "4.0".
	Version string
	// Vector is the vector as given.
	Vector string
	// Score is the most specific score the vector supports, 0.0 to 10.0: for
	// v3.1 the environmental score when an environmental metric is set, else
	// the temporal score when a temporal metric is set, else the base score;
	// for v4.0 the CVSS-B, -BT, -BE or -BTE score. ScoreType says which.
	Score float64
	// ScoreType names the score: "base", "temporal" or "environmental" for
	// v3.1; "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE" for v4.0.
	ScoreType string
	// Severity is the qualitative rating: "NONE", "LOW", "MEDIUM", "HIGH" or "CRITICAL".
	Severity string
}

// ParseCVSS parses a CVSS v3.1 ("CVSS:3.1/...") or v4.0 ("CVSS:4.0/...")
// vector with github.com/pandatix/go-cvss and scores it with every metric
// group it gives (see [CVSS.Score]), so that both versions account for
// threat/temporal and environmental metrics alike. Metrics given as "X"
// (not defined) count as absent. Other versions and malformed vectors fail
// with an error wrapping [problem.ErrInvalidValue].
func ParseCVSS(vector string) (CVSS, error) {
	switch {
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		v, err := gocvss31.ParseVector(vector)
		if err != nil {
			return CVSS{}, fmt.Errorf("risk: CVSS vector %q: %w: %w", clip(vector), problem.ErrInvalidValue, err)
		}
		s, typ := v.BaseScore(), "base"
		switch {
		case cvss31Defined(v, cvss31Environmental):
			s, typ = v.EnvironmentalScore(), "environmental"
		case cvss31Defined(v, cvss31Temporal):
			s, typ = v.TemporalScore(), "temporal"
		}
		sev, err := gocvss31.Rating(s)
		if err != nil {
			return CVSS{}, fmt.Errorf("risk: CVSS vector %q: %w: %w", clip(vector), problem.ErrInvalidValue, err)
		}
		return CVSS{Version: "3.1", Vector: vector, Score: s, ScoreType: typ, Severity: sev}, nil
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		v, err := gocvss40.ParseVector(vector)
		if err != nil {
			return CVSS{}, fmt.Errorf("risk: CVSS vector %q: %w: %w", clip(vector), problem.ErrInvalidValue, err)
		}
		s := v.Score()
		sev, err := gocvss40.Rating(s)
		if err != nil {
			return CVSS{}, fmt.Errorf("risk: CVSS vector %q: %w: %w", clip(vector), problem.ErrInvalidValue, err)
		}
		return CVSS{Version: "4.0", Vector: vector, Score: s, ScoreType: v.Nomenclature(), Severity: sev}, nil
	}
	return CVSS{}, fmt.Errorf("risk: CVSS vector %q: %w (want a \"CVSS:3.1/\" or \"CVSS:4.0/\" vector)", clip(vector), problem.ErrInvalidValue)
}

// The optional metric groups of CVSS v3.1.
var (
	cvss31Temporal      = []string{"E", "RL", "RC"}
	cvss31Environmental = []string{"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"}
)

// cvss31Defined reports whether v sets one of the metrics to a value other
// than X (not defined).
func cvss31Defined(v *gocvss31.CVSS31, metrics []string) bool {
	for _, m := range metrics {
		if val, err := v.Get(m); err == nil && val != "X" {
			return true
		}
	}
	return false
}
