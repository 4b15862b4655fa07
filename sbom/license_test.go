package sbom

import (
	"context"
	"strings"
	"testing"

	"github.com/github/go-spdx/v2/spdxexp/spdxlicenses"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestParseLicenseExpression(t *testing.T) {
	tests := []struct {
		in   string
		text string   // String(); "" when invalid
		ids  []string // IDs()
		dep  []string // Deprecated()
		msg  string   // part of the error
	}{
		{in: "MIT", text: "MIT", ids: []string{"MIT"}},
		{in: "  MIT  ", text: "MIT", ids: []string{"MIT"}},
		{in: "mit", text: "mit", ids: []string{"mit"}}, // identifiers match without case
		{in: "MIT OR Apache-2.0", text: "MIT OR Apache-2.0", ids: []string{"MIT", "Apache-2.0"}},
		{in: "MIT AND\t(Apache-2.0 OR BSD-3-Clause)", text: "MIT AND (Apache-2.0 OR BSD-3-Clause)", ids: []string{"MIT", "Apache-2.0", "BSD-3-Clause"}},
		{in: "(MIT)", text: "(MIT)", ids: []string{"MIT"}},
		{in: "GPL-2.0-or-later WITH Classpath-exception-2.0", text: "GPL-2.0-or-later WITH Classpath-exception-2.0", ids: []string{"GPL-2.0-or-later"}},
		{in: "GPL-2.0-only WITH Classpath-exception-2.0 OR MIT", text: "GPL-2.0-only WITH Classpath-exception-2.0 OR MIT", ids: []string{"GPL-2.0-only", "MIT"}},
		{in: "LicenseRef-scancode-public-domain", text: "LicenseRef-scancode-public-domain", ids: []string{"LicenseRef-scancode-public-domain"}},
		{in: "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", text: "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", ids: []string{"DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"}},
		{in: "MIT AND LicenseRef-acme-1", text: "MIT AND LicenseRef-acme-1", ids: []string{"MIT", "LicenseRef-acme-1"}},
		// Deprecated identifiers are valid, and said so.
		{in: "GPL-2.0", text: "GPL-2.0", ids: []string{"GPL-2.0"}, dep: []string{"GPL-2.0"}},
		{in: "GPL-2.0+", text: "GPL-2.0+", ids: []string{"GPL-2.0"}, dep: []string{"GPL-2.0"}},
		{in: "MIT OR GPL-2.0", text: "MIT OR GPL-2.0", ids: []string{"MIT", "GPL-2.0"}, dep: []string{"GPL-2.0"}},
		// Identifiers on neither list: the old hand-written parser let
		// these pass.
		{in: "Foo", msg: `identifier "Foo", which is on neither the SPDX licence list nor its exception list`},
		{in: "MIT AND Foo AND Bar", msg: `identifiers "Foo", "Bar", which are on neither`},
		{in: "Apache-2.0-only", msg: `"Apache-2.0-only"`},
		{in: "MIT WITH Foo-exception", msg: `"Foo-exception"`},
		{in: "MIT WITH Apache-2.0", msg: `uses "Apache-2.0" in the wrong place`},
		{in: "Classpath-exception-2.0", msg: `uses "Classpath-exception-2.0" in the wrong place`},
		// Syntax.
		{in: "", msg: "empty"},
		{in: "mit or isc", msg: `operator "or" must be written in upper case, OR`},
		{in: "MIT AND", msg: "not a valid SPDX licence expression"},
		{in: "AND MIT", msg: "not a valid SPDX licence expression"},
		{in: "(MIT", msg: "not a valid SPDX licence expression"},
		{in: "MIT)", msg: "not a valid SPDX licence expression"},
		{in: "MIT WITH", msg: "not a valid SPDX licence expression"},
		{in: "(MIT OR ISC) WITH Classpath-exception-2.0", msg: "not a valid SPDX licence expression"},
		{in: "LicenseRef-x+", msg: "not a valid SPDX licence expression"},
		{in: "LicenseRef-", msg: "not a valid SPDX licence expression"},
		{in: "DocumentRef-x", msg: "not a valid SPDX licence expression"},
		{in: "Apache 2.0", msg: "not a valid SPDX licence expression"},
		{in: "MIT/X11", msg: "not a valid SPDX licence expression"},
		{in: "Ünicode", msg: "not a valid SPDX licence expression"},
		{in: strings.Repeat("(", 100) + "MIT", msg: "not a valid SPDX licence expression"},
		{in: strings.Repeat("MIT OR ", 1000) + "MIT", msg: "over the limit"},
	}
	for _, tt := range tests {
		t.Run(clip(tt.in), func(t *testing.T) {
			e, err := ParseLicenseExpression(tt.in)
			if tt.msg != "" {
				require.ErrorIs(t, err, problem.ErrInvalidValue)
				assert.Contains(t, err.Error(), tt.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.text, e.String())
			assert.Equal(t, tt.ids, e.IDs())
			assert.Equal(t, tt.dep, e.Deprecated())
		})
	}
}

func TestLicenseListVersion(t *testing.T) {
	assert.Equal(t, "3.29.0", LicenseListVersion(), "the list of github.com/github/go-spdx/v2 v2.8.0")
	// No licence identifier starts with an operator, which go-spdx's
	// scanner would split off.
	for _, id := range append(spdxlicenses.GetLicenses(), spdxlicenses.GetDeprecated()...) {
		for _, op := range []string{"AND", "OR", "WITH"} {
			assert.False(t, strings.HasPrefix(id, op), id)
		}
	}
}

// TestCheckLicenceIdentifiers: an unknown identifier fails
// sbom.licence-expression with a finding that names the component and the
// identifier; a deprecated one passes with a warning; WITH
// Classpath-exception-2.0 is valid; the report states the licence list.
func TestCheckLicenceIdentifiers(t *testing.T) {
	inv := &Inventory{Format: FormatCycloneDX, SpecVersion: "1.7", Components: []Component{
		{Ref: "a", Name: "a", Version: "1", Pointer: "/components/0", Licenses: []License{{Expression: "GPL-2.0-only WITH Classpath-exception-2.0", Acknowledgement: AcknowledgementConcluded}}},
		{Ref: "b", Name: "b", Version: "1", Pointer: "/components/1", Licenses: []License{{Expression: "MIT AND Frobnicate-1.0", Acknowledgement: AcknowledgementConcluded}}},
		{Ref: "c", Name: "c", Version: "1", Pointer: "/components/2", Licenses: []License{{Expression: "GPL-2.0", Acknowledgement: AcknowledgementConcluded}}},
	}}
	rep, err := Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	assert.Equal(t, "3.29.0", rep.LicenseListVersion)
	bad := findingsOf(rep, ruleLicenceExpression)
	require.Len(t, bad, 1)
	assert.Equal(t, "/components/1/licenses", bad[0].Pointer)
	assert.Contains(t, bad[0].Message, `component "b" 1 (bom-ref "b")`)
	assert.Contains(t, bad[0].Message, `"Frobnicate-1.0"`)
	assert.Contains(t, bad[0].Message, "version 3.29.0")
	assert.Equal(t, requirement.SeverityHigh, bad[0].Severity)

	warn := findingsOf(rep, ruleLicenceDeprecated)
	require.Len(t, warn, 1, "a warning is listed without ReportOptional")
	assert.Equal(t, "/components/2/licenses", warn[0].Pointer)
	assert.Contains(t, warn[0].Message, `"GPL-2.0" is deprecated`)
	assert.Equal(t, requirement.SeverityInfo, warn[0].Severity)
	rr := ruleResult(rep, ruleLicenceExpression)
	assert.Equal(t, 2, rr.Passed, "a and c pass")
	assert.Equal(t, 1, rr.Failed)

	// Without b, the licence rule passes; the deprecated identifier is an
	// optional rule's warning, which never decides the outcome.
	inv.Components = append(inv.Components[:1], inv.Components[2])
	rep, err = Check(context.Background(), inv, ProfileTR03183v2_1, nil)
	require.NoError(t, err)
	assert.Equal(t, requirement.OutcomePass, ruleResult(rep, ruleLicenceExpression).Outcome)
	assert.Equal(t, LevelOptional, ruleResult(rep, ruleLicenceDeprecated).Rule.Level)
	assert.Len(t, findingsOf(rep, ruleLicenceDeprecated), 1)
}
