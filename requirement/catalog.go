package requirement

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"sync"

	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
)

// Catalog is the set of requirements of one edition, in catalog order
// (practice order, then requirement number). A Catalog is immutable and safe
// for concurrent use; an overlay produces a new Catalog and leaves the old one
// untouched.
type Catalog struct {
	edition Edition
	version string
	reqs    []Requirement
	index   map[ID]int
	spans   [practice.SG + 1][2]int
}

// Default returns the embedded A11 catalog (the draft amendment, all additions
// provisional). It is built once, on first use.
func Default() *Catalog { return defaultA11() }

var defaultA11 = sync.OnceValue(func() *Catalog { return mustBuild(EditionA11, dataA11Version, dataA11) })

var default2018 = sync.OnceValue(func() *Catalog { return mustBuild(Edition2018, data2018Version, data2018) })

// ForEdition returns the embedded catalog of edition e. It fails with an error
// wrapping problem.ErrUnknownEdition for any other value.
func ForEdition(e Edition) (*Catalog, error) {
	switch e {
	case Edition2018:
		return default2018(), nil
	case EditionA11:
		return defaultA11(), nil
	}
	return nil, fmt.Errorf("requirement: catalog for edition %s: %w (want Edition2018 or EditionA11)", e, problem.ErrUnknownEdition)
}

func mustBuild(e Edition, version string, reqs []Requirement) *Catalog {
	c, err := build(e, version, slices.Clone(reqs))
	if err != nil {
		panic(err) // the embedded data is validated by tests
	}
	return c
}

// build indexes reqs, which must be valid, unique and of edition e; it sorts
// them into catalog order. reqs is owned by the catalog afterwards.
func build(e Edition, version string, reqs []Requirement) (*Catalog, error) {
	sortByID(reqs)
	c := &Catalog{edition: e, version: version, reqs: reqs, index: make(map[ID]int, len(reqs))}
	for i, r := range reqs {
		if !r.id.Valid() {
			return nil, fmt.Errorf("requirement: catalog %s: ID %q: %w", version, r.id, problem.ErrInvalidID)
		}
		if r.edition != e {
			return nil, fmt.Errorf("requirement: catalog %s: %s has edition %s: %w", version, r.id, r.edition, problem.ErrWrongEdition)
		}
		if !r.practice.In(e) || r.practice != r.id.Practice() {
			return nil, fmt.Errorf("requirement: catalog %s: %s: practice %s does not fit edition %s: %w", version, r.id, r.practice, e, problem.ErrInvalidValue)
		}
		if _, dup := c.index[r.id]; dup {
			return nil, fmt.Errorf("requirement: catalog %s: %s: %w", version, r.id, problem.ErrDuplicate)
		}
		c.index[r.id] = i
		sp := &c.spans[r.practice]
		if sp[1] == 0 {
			sp[0] = i
		}
		sp[1] = i + 1
	}
	return c, nil
}

// orDefault returns c, or the default catalog when c is nil: a nil *Catalog
// means [Default] everywhere in the SDK.
func (c *Catalog) orDefault() *Catalog {
	if c == nil {
		return Default()
	}
	return c
}

// Edition returns the catalog's edition.
func (c *Catalog) Edition() Edition {
	c = c.orDefault()
	return c.edition
}

// Version names the catalog data, such as "2018" or "A11 draft 2026.1";
// an overlay sets its own.
func (c *Catalog) Version() string {
	c = c.orDefault()
	return c.version
}

// Len returns the number of requirements.
func (c *Catalog) Len() int {
	c = c.orDefault()
	return len(c.reqs)
}

// Lookup returns the requirement with the given ID. It does not allocate.
func (c *Catalog) Lookup(id ID) (Requirement, bool) {
	c = c.orDefault()
	i, ok := c.index[id]
	if !ok {
		return Requirement{}, false
	}
	return c.reqs[i], true
}

// Has reports whether the catalog holds id.
func (c *Catalog) Has(id ID) bool {
	c = c.orDefault()
	_, ok := c.index[id]
	return ok
}

// Position returns the 0-based catalog-order index of id, for sorting by
// catalog order.
func (c *Catalog) Position(id ID) (int, bool) {
	c = c.orDefault()
	i, ok := c.index[id]
	return i, ok
}

// All iterates over the requirements in catalog order.
func (c *Catalog) All() iter.Seq[Requirement] {
	c = c.orDefault()
	return func(yield func(Requirement) bool) {
		for _, r := range c.reqs {
			if !yield(r) {
				return
			}
		}
	}
}

// IDs returns the IDs in catalog order, in a fresh slice.
func (c *Catalog) IDs() []ID {
	c = c.orDefault()
	out := make([]ID, len(c.reqs))
	for i, r := range c.reqs {
		out[i] = r.id
	}
	return out
}

// ByPractice iterates over the requirements of practice p in catalog order;
// it yields nothing for a practice the edition lacks.
func (c *Catalog) ByPractice(p practice.Practice) iter.Seq[Requirement] {
	c = c.orDefault()
	return func(yield func(Requirement) bool) {
		if !p.Valid() {
			return
		}
		sp := c.spans[p]
		for _, r := range c.reqs[sp[0]:sp[1]] {
			if !yield(r) {
				return
			}
		}
	}
}

// Practices returns the practices of the catalog's edition, in order, in a
// fresh slice.
func (c *Catalog) Practices() []practice.Practice {
	c = c.orDefault()
	return practice.ForEdition(c.edition)
}

// Provisional returns the IDs of the provisional requirements in catalog order.
func (c *Catalog) Provisional() []ID {
	c = c.orDefault()
	var out []ID
	for _, r := range c.reqs {
		if r.provisional {
			out = append(out, r.id)
		}
	}
	return out
}

// requirementJSON is the JSON form of a Requirement, shared with the catalog
// data files and overlays.
type requirementJSON struct {
	ID            ID                `json:"id"`
	Edition       Edition           `json:"edition"`
	Practice      practice.Practice `json:"practice"`
	Clause        string            `json:"clause"`
	Title         string            `json:"title"`
	Summary       string            `json:"summary"`
	NormativeText string            `json:"normative_text,omitzero"`
	Lists         []List            `json:"lists,omitzero"`
	Artifacts     []ArtifactKind    `json:"artifacts,omitzero"`
	Lifecycle     Lifecycle         `json:"lifecycle"`
	Supersedes    []ID              `json:"supersedes,omitzero"`
	Change        string            `json:"change,omitzero"`
	Provisional   bool              `json:"provisional"`
	Provenance    []Provenance      `json:"provenance,omitzero"`
}

// MarshalJSON encodes the requirement with every field, for reports and exports.
func (r Requirement) MarshalJSON() ([]byte, error) {
	return json.Marshal(requirementJSON{
		ID: r.id, Edition: r.edition, Practice: r.practice, Clause: r.clause, Title: r.title,
		Summary: r.summary, NormativeText: r.normativeText, Lists: r.lists, Artifacts: r.artifacts,
		Lifecycle: r.lifecycle, Supersedes: r.supersedes, Change: r.change, Provisional: r.provisional,
		Provenance: r.provenance,
	})
}

// sortByID sorts reqs into catalog order, parsing each ID once; the embedded
// tables are already sorted, which costs one pass.
func sortByID(reqs []Requirement) {
	keys := make([]int, len(reqs))
	sorted := true
	for i, r := range reqs {
		p, n, err := split(string(r.id))
		if err != nil {
			keys[i] = 1 << 30 // invalid IDs last; build reports them
		} else {
			keys[i] = int(p)*1000 + n
		}
		if i > 0 && keys[i] < keys[i-1] {
			sorted = false
		}
	}
	if sorted {
		return
	}
	idx := make([]int, len(reqs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return keys[a] - keys[b] })
	out := make([]Requirement, len(reqs))
	for i, j := range idx {
		out[i] = reqs[j]
	}
	copy(reqs, out)
}
