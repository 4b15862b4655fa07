package annex

import (
	"bytes"
	_ "embed"
	"io"
	"sync"

	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/problem"
)

// TestMatrixSchemaURL is the $id of the JSON Schema of test matrices.
const TestMatrixSchemaURL = "https://github.com/sdlkit/iec62443/schemas/annex-d-test-matrix-1.json"

//go:embed data/test-matrix.schema.json
var testMatrixSchemaJSON []byte

//go:embed data/test-matrix-default.json
var defaultTestMatrixJSON []byte

var testMatrixSchema = sync.OnceValue(func() *schema.Schema {
	return schema.MustCompile(TestMatrixSchemaURL, testMatrixSchemaJSON)
})

// TestMatrixSchema returns the JSON Schema of test matrices (a fresh copy).
func TestMatrixSchema() []byte { return bytes.Clone(testMatrixSchemaJSON) }

// DefaultTestMatrixJSON returns the embedded default test matrix (a fresh
// copy), a starting point for a replacement matrix.
func DefaultTestMatrixJSON() []byte { return bytes.Clone(defaultTestMatrixJSON) }

// DefaultTestMatrix returns the embedded, provisional default test matrix
// (see the package documentation). It is decoded once; the embedded matrix
// is validated by the package tests.
func DefaultTestMatrix() *TestMatrix { return defaultTestMatrix() }

var defaultTestMatrix = sync.OnceValue(func() *TestMatrix {
	m, err := DecodeTestMatrix(bytes.NewReader(defaultTestMatrixJSON), nil)
	if err != nil {
		panic(err)
	}
	return m
})

// matrixCell is what one row decides for one module at one profile.
type matrixCell struct {
	row       string
	need      Need
	ind       Independence
	rationale string
}

// TestMatrix is a validated Annex D test matrix: for every module and every
// security profile, the need, the least tester independence and the reason,
// each decided by exactly one row. It is immutable and safe for concurrent
// use. A nil *TestMatrix stands for [DefaultTestMatrix], in its methods as
// in [PlanTests].
type TestMatrix struct {
	name        string
	version     string
	provisional bool
	cells       map[Module]*[4]matrixCell // index SP1..SP4 - 1
}

func (m *TestMatrix) orDefault() *TestMatrix {
	if m == nil {
		return DefaultTestMatrix()
	}
	return m
}

// Name returns the matrix's name.
func (m *TestMatrix) Name() string { return m.orDefault().name }

// Version returns the matrix's version, or "".
func (m *TestMatrix) Version() string { return m.orDefault().version }

// Provisional reports whether the matrix marks itself provisional.
func (m *TestMatrix) Provisional() bool { return m.orDefault().provisional }

// String summarises the matrix for messages and traces: name and version.
func (m *TestMatrix) String() string {
	m = m.orDefault()
	if m.version == "" {
		return m.name
	}
	return m.name + " " + m.version
}

type matrixJSON struct {
	SchemaVersion string          `json:"schema_version"`
	Name          string          `json:"name"`
	Version       string          `json:"version,omitzero"`
	Provisional   bool            `json:"provisional,omitzero"`
	Description   string          `json:"description,omitzero"`
	Rows          []matrixRowJSON `json:"rows"`
}

type matrixRowJSON struct {
	ID              string            `json:"id"`
	Module          Module            `json:"module"`
	Profiles        []SecurityProfile `json:"profiles"`
	Need            Need              `json:"need"`
	MinIndependence Independence      `json:"min_independence"`
	Rationale       string            `json:"rationale"`
}

// DecodeTestMatrix reads a test matrix (JSON, schema [TestMatrixSchema])
// and validates it: row IDs are unique ([problem.ErrDuplicate]); every
// module is decided at every profile by exactly one row (no gaps,
// [ErrRuleGap]; no overlaps, [ErrRuleOverlap]); and no row asks less than
// IEC 62443-4-1:2018: a module whose test type the 2018 edition asks of
// every product ([ModuleInfo].BaseNeed required) must be required, and the
// least independence must not be below the module's 2018 base
// ([ModuleInfo].BaseIndependence); both wrap [problem.ErrInvalidValue]. The
// error is nil or a [problem.List] with every problem located by a JSON
// pointer. Input is limited like a rule table (1 MiB, depth 8, strings of
// 64 KiB by default, see [DecodeOptions]); a nil reader is an error
// wrapping [problem.ErrNilInput].
func DecodeTestMatrix(r io.Reader, opts *DecodeOptions) (*TestMatrix, error) {
	var doc matrixJSON
	if err := decode("test matrix", r, opts, tableLimits, testMatrixSchema(), &doc); err != nil {
		return nil, err
	}
	var errs located.Errors
	m := &TestMatrix{name: doc.Name, version: doc.Version, provisional: doc.Provisional, cells: map[Module]*[4]matrixCell{}}
	ids := map[string]int{}
	decidedBy := map[Module]*[4]int{} // row index + 1 per profile
	for i, row := range doc.Rows {
		ptr := jsonptr.Index("/rows", i)
		if prev, dup := ids[row.ID]; dup {
			errs.Add(jsonptr.Append(ptr, "id"), problem.ErrDuplicate, "row ID %q is already used by row %d (give each row its own ID)", row.ID, prev)
		} else {
			ids[row.ID] = i
		}
		info, _ := ModuleInfoFor(row.Module) // the schema admits only known modules
		if row.Need < info.BaseNeed {
			errs.Add(jsonptr.Append(ptr, "need"), problem.ErrInvalidValue, "row %q: %s is %s, below what IEC 62443-4-1:2018 asks of every product (%s; raise the need)", row.ID, row.Module, row.Need, info.BaseNeed)
		}
		if row.MinIndependence < info.BaseIndependence {
			errs.Add(jsonptr.Append(ptr, "min_independence"), problem.ErrInvalidValue, "row %q: %s with %s tester independence is below the 2018 base %s (SVV-5 Table 3; raise it to at least the base)", row.ID, row.Module, row.MinIndependence, info.BaseIndependence)
		}
		if m.cells[row.Module] == nil {
			m.cells[row.Module] = new([4]matrixCell)
			decidedBy[row.Module] = new([4]int)
		}
		for _, p := range row.Profiles {
			if by := decidedBy[row.Module][p-1]; by != 0 {
				errs.Add(jsonptr.Append(ptr, "profiles"), ErrRuleOverlap, "row %q decides %s at %s, which row %q (index %d) already decides (let one row decide each module at each profile)",
					row.ID, row.Module, p, doc.Rows[by-1].ID, by-1)
				continue
			}
			decidedBy[row.Module][p-1] = i + 1
			m.cells[row.Module][p-1] = matrixCell{row: row.ID, need: row.Need, ind: row.MinIndependence, rationale: row.Rationale}
		}
	}
	for _, mod := range Modules() {
		for _, p := range SecurityProfiles() {
			if c := m.cells[mod]; c == nil || c[p-1].row == "" {
				errs.Add("/rows", ErrRuleGap, "no row decides %s at %s (add a row for it)", mod, p)
			}
		}
	}
	errs.Sort()
	if err := errs.ErrMax(opts.maxProblems()); err != nil {
		return nil, err
	}
	return m, nil
}

// cell returns what m decides for module mod at profile p; ok is false for
// an unknown module or profile.
func (m *TestMatrix) cell(mod Module, p SecurityProfile) (matrixCell, bool) {
	c := m.orDefault().cells[mod]
	if c == nil || !p.Valid() {
		return matrixCell{}, false
	}
	return c[p-1], true
}
