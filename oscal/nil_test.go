package oscal_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/sdlkit/iec62443/internal/nilwalk"

	iec62443 "github.com/sdlkit/iec62443"
	"github.com/sdlkit/iec62443/oscal"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/soa"
)

// TestNilInputs calls every exported function with nil and zero values: no
// panic, and an error where an input is required.
func TestNilInputs(t *testing.T) {
	var buf bytes.Buffer
	assert.NotPanics(t, func() {
		assert.Error(t, oscal.EncodeCatalog(nil, nil, time.Time{}))
		assert.NoError(t, oscal.EncodeCatalog(&buf, nil, exportTime))
		_, err := oscal.DecodeCatalog(nil, nil)
		assert.Error(t, err)
		_, err = oscal.DecodeCatalog(bytes.NewReader(nil), &oscal.DecodeOptions{})
		assert.Error(t, err)
		_, _, err = oscal.ImportCatalog(nil, nil)
		assert.Error(t, err)
		_, _, err = oscal.ImportCatalog(nil, &oscal.Catalog{})
		assert.NoError(t, err)
		assert.Error(t, oscal.EncodeMappings(nil, time.Time{}))
		assert.Error(t, oscal.EncodeMappings(&buf, exportTime, 0))
		assert.Error(t, oscal.EncodeProfile(nil, nil, time.Time{}))
		assert.Error(t, oscal.EncodeProfile(&buf, nil, exportTime))
		assert.NoError(t, oscal.EncodeProfile(&buf, &soa.Statement{}, exportTime))
		assert.Error(t, oscal.EncodeAssessmentResults(nil, nil, time.Time{}, nil))
		assert.Error(t, oscal.EncodeAssessmentResults(&buf, &iec62443.Report{}, exportTime, &oscal.ResultsOptions{}))
		assert.NoError(t, oscal.EncodeAssessmentResults(&buf, &iec62443.Report{SoA: &soa.Statement{}}, exportTime, &oscal.ResultsOptions{Register: &risk.Register{}}))
		_ = oscal.Mismatch{}.String()
		assert.NotEmpty(t, oscal.CatalogReadSchema())
	})
}

// TestNilWalk calls every exported function and method with zero input and
// checks that the list covers the package.
func TestNilWalk(t *testing.T) {
	nilwalk.Check(t, ".", map[string]any{
		"EncodeCatalog":           oscal.EncodeCatalog,
		"DecodeCatalog":           oscal.DecodeCatalog,
		"CatalogReadSchema":       oscal.CatalogReadSchema,
		"ImportCatalog":           oscal.ImportCatalog,
		"Mismatch.String":         oscal.Mismatch.String,
		"EncodeMappings":          oscal.EncodeMappings,
		"EncodeProfile":           oscal.EncodeProfile,
		"EncodeAssessmentResults": oscal.EncodeAssessmentResults,
	}, nil)
}
