package sbom

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sdlkit/iec62443/problem"
)

// VEXStatus is the status of a product with respect to a vulnerability
// (the four statuses shared by CSAF VEX, OpenVEX and CISA's VEX minimum
// elements).
type VEXStatus int

const (
	// StatusNotAffected: no remediation needed; give a Justification or an
	// Impact statement.
	StatusNotAffected VEXStatus = iota + 1
	// StatusAffected: action is recommended; give Responses or an Action.
	StatusAffected
	// StatusFixed: the product version contains a fix.
	StatusFixed
	// StatusUnderInvestigation: not yet known.
	StatusUnderInvestigation
)

var vexStatusNames = []string{StatusNotAffected: "not_affected", StatusAffected: "affected", StatusFixed: "fixed", StatusUnderInvestigation: "under_investigation"}

// Valid reports whether s is known.
func (s VEXStatus) Valid() bool { return s >= StatusNotAffected && s <= StatusUnderInvestigation }

// String returns the OpenVEX spelling: "not_affected", "affected", "fixed"
// or "under_investigation".
func (s VEXStatus) String() string { return enumString(vexStatusNames, int(s)) }

// MarshalText implements encoding.TextMarshaler.
func (s VEXStatus) MarshalText() ([]byte, error) {
	return enumMarshal(vexStatusNames, int(s), "VEXStatus")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *VEXStatus) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(vexStatusNames, b, "VEX status")
	*s = VEXStatus(v)
	return err
}

// Justification says why a product is not affected (the five CSAF VEX
// flag labels, also used by OpenVEX).
type Justification int

const (
	// JustificationComponentNotPresent: the vulnerable component is not in the product.
	JustificationComponentNotPresent Justification = iota + 1
	// JustificationVulnerableCodeNotPresent: the component is, the vulnerable code is not.
	JustificationVulnerableCodeNotPresent
	// JustificationVulnerableCodeNotInExecutePath: the code cannot be executed.
	JustificationVulnerableCodeNotInExecutePath
	// JustificationVulnerableCodeCannotBeControlledByAdversary: an attacker cannot reach it.
	JustificationVulnerableCodeCannotBeControlledByAdversary
	// JustificationInlineMitigationsAlreadyExist: built-in protections prevent exploitation.
	JustificationInlineMitigationsAlreadyExist
)

var justificationNames = []string{
	JustificationComponentNotPresent:                         "component_not_present",
	JustificationVulnerableCodeNotPresent:                    "vulnerable_code_not_present",
	JustificationVulnerableCodeNotInExecutePath:              "vulnerable_code_not_in_execute_path",
	JustificationVulnerableCodeCannotBeControlledByAdversary: "vulnerable_code_cannot_be_controlled_by_adversary",
	JustificationInlineMitigationsAlreadyExist:               "inline_mitigations_already_exist",
}

// cdxJustifications is the SDK's cross-walk to CycloneDX (the CycloneDX set
// is finer; this mapping is a documented choice, not a standard).
var cdxJustifications = []cdx.ImpactAnalysisJustification{
	JustificationComponentNotPresent:                         cdx.IAJCodeNotPresent,
	JustificationVulnerableCodeNotPresent:                    cdx.IAJCodeNotPresent,
	JustificationVulnerableCodeNotInExecutePath:              cdx.IAJCodeNotReachable,
	JustificationVulnerableCodeCannotBeControlledByAdversary: cdx.IAJRequiresEnvironment,
	JustificationInlineMitigationsAlreadyExist:               cdx.IAJProtectedByMitigatingControl,
}

// Valid reports whether j is known.
func (j Justification) Valid() bool {
	return j >= JustificationComponentNotPresent && j <= JustificationInlineMitigationsAlreadyExist
}

// String returns the CSAF flag label, such as "vulnerable_code_not_present".
func (j Justification) String() string {
	return enumString(justificationNames, int(j))
}

// MarshalText implements encoding.TextMarshaler.
func (j Justification) MarshalText() ([]byte, error) {
	return enumMarshal(justificationNames, int(j), "Justification")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (j *Justification) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(justificationNames, b, "justification")
	*j = Justification(v)
	return err
}

// Response is what the manufacturer does about an affected product
// (CycloneDX analysis.response).
type Response int

const (
	// ResponseCanNotFix: a fix is not possible.
	ResponseCanNotFix Response = iota + 1
	// ResponseWillNotFix: no fix is planned.
	ResponseWillNotFix
	// ResponseUpdate: update to a fixed version.
	ResponseUpdate
	// ResponseRollback: go back to an unaffected version.
	ResponseRollback
	// ResponseWorkaroundAvailable: a workaround exists.
	ResponseWorkaroundAvailable
)

var responseNames = []string{ResponseCanNotFix: "can_not_fix", ResponseWillNotFix: "will_not_fix", ResponseUpdate: "update", ResponseRollback: "rollback", ResponseWorkaroundAvailable: "workaround_available"}

// csafRemediationCategory maps responses to CSAF remediation categories.
var csafRemediationCategory = []string{ResponseCanNotFix: "none_available", ResponseWillNotFix: "no_fix_planned", ResponseUpdate: "vendor_fix", ResponseRollback: "mitigation", ResponseWorkaroundAvailable: "workaround"}

// Valid reports whether r is known.
func (r Response) Valid() bool { return r >= ResponseCanNotFix && r <= ResponseWorkaroundAvailable }

// String returns the CycloneDX spelling, such as "workaround_available".
func (r Response) String() string { return enumString(responseNames, int(r)) }

// MarshalText implements encoding.TextMarshaler.
func (r Response) MarshalText() ([]byte, error) {
	return enumMarshal(responseNames, int(r), "Response")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Response) UnmarshalText(b []byte) error {
	v, err := enumUnmarshal(responseNames, b, "response")
	*r = Response(v)
	return err
}

// VEXStatement is one VEX statement: the status of some components of the
// inventory with respect to one vulnerability.
type VEXStatement struct {
	// Vulnerability is the vulnerability's ID (a CVE ID where one exists).
	Vulnerability string `json:"vulnerability"`
	// Components are the Refs of the inventory components concerned.
	Components []string `json:"components"`
	// Status is the VEX status.
	Status VEXStatus `json:"status"`
	// Justification says why not affected; zero when not given.
	Justification Justification `json:"justification,omitzero"`
	// Impact explains in words why not affected (CSAF threat of category
	// impact); "" when not given.
	Impact string `json:"impact,omitzero"`
	// Responses say what is done about an affected product.
	Responses []Response `json:"responses,omitzero"`
	// Action says in words what users should do (affected); "" when not given.
	Action string `json:"action,omitzero"`
	// Detail is a free-text description of the status (CSAF note,
	// CycloneDX analysis detail); "" when not given.
	Detail string `json:"detail,omitzero"`
}

// validateStatements checks statements against the inventory and the VEX
// rules both formats share.
func validateStatements(inv *Inventory, stmts []VEXStatement) (map[string]*Component, error) {
	byRef := make(map[string]*Component, len(inv.Components)+1)
	inv.allComponents(func(c *Component) {
		if c.Ref != "" {
			byRef[c.Ref] = c
		}
	})
	var problems []string
	for i, s := range stmts {
		at := fmt.Sprintf("statement %d (%s)", i, clip(s.Vulnerability))
		if s.Vulnerability == "" {
			problems = append(problems, at+": no vulnerability ID")
		}
		if len(s.Components) == 0 {
			problems = append(problems, at+": no components")
		}
		for _, ref := range s.Components {
			if _, ok := byRef[ref]; !ok {
				problems = append(problems, fmt.Sprintf("%s: component %q is not in the inventory", at, clip(ref)))
			}
		}
		if !s.Status.Valid() {
			problems = append(problems, at+": no valid status")
		}
		if s.Justification != 0 && !s.Justification.Valid() {
			problems = append(problems, at+": invalid justification")
		}
		for _, r := range s.Responses {
			if !r.Valid() {
				problems = append(problems, at+": invalid response")
			}
		}
		switch s.Status {
		case StatusNotAffected:
			if s.Justification == 0 && s.Impact == "" {
				problems = append(problems, at+": not_affected needs a justification or an impact statement")
			}
		case StatusAffected:
			if len(s.Responses) == 0 && s.Action == "" {
				problems = append(problems, at+": affected needs a response or an action statement")
			}
			if slices.Contains(s.Responses, ResponseUpdate) && (slices.Contains(s.Responses, ResponseCanNotFix) || slices.Contains(s.Responses, ResponseWillNotFix)) {
				problems = append(problems, at+": update contradicts can_not_fix and will_not_fix (CSAF: vendor_fix excludes none_available and no_fix_planned)")
			}
		case StatusFixed, StatusUnderInvestigation:
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("sbom: VEX: %s: %w", strings.Join(problems, "; "), problem.ErrInvalidValue)
	}
	return byRef, nil
}

// VEXOptions tunes [EncodeCycloneDXVEX]. A nil *VEXOptions means the defaults.
type VEXOptions struct {
	// SerialNumber is the VEX BOM's serial number (urn:uuid:...); "" writes none.
	SerialNumber string
	// SpecVersion is the CycloneDX version: "1.4" to "1.7"; "" means "1.6".
	SpecVersion string
}

// EncodeCycloneDXVEX writes a CycloneDX VEX document (JSON): a BOM with one
// vulnerability per statement, its analysis (state, justification,
// response, detail) and the affected components. When the inventory has a
// urn:uuid serial number, components are referenced by BOM-Link into that
// SBOM; otherwise the referenced components are copied into the VEX BOM.
// issued is the analysis time (deterministic output: no clock is read).
func EncodeCycloneDXVEX(w io.Writer, inv *Inventory, stmts []VEXStatement, issued time.Time, opts *VEXOptions) error {
	if err := checkWriter(w, inv); err != nil {
		return fmt.Errorf("sbom: VEX: %w", err)
	}
	if opts == nil {
		opts = &VEXOptions{}
	}
	byRef, err := validateStatements(inv, stmts)
	if err != nil {
		return err
	}
	sv := cdx.SpecVersion1_6
	if opts.SpecVersion != "" {
		v, ok := parseSpecVersion(opts.SpecVersion)
		if !ok {
			return fmt.Errorf("sbom: VEX: spec version %q: %w", opts.SpecVersion, problem.ErrInvalidValue)
		}
		sv = v
	}
	ts := issued.UTC().Format(time.RFC3339)
	bom := cdx.NewBOM()
	bom.SerialNumber = opts.SerialNumber
	bom.Metadata = &cdx.Metadata{Timestamp: ts}
	link := ""
	if strings.HasPrefix(inv.SerialNumber, "urn:uuid:") {
		v := inv.Version
		if v == 0 {
			v = 1
		}
		link = fmt.Sprintf("urn:cdx:%s/%d#", strings.TrimPrefix(inv.SerialNumber, "urn:uuid:"), v)
	}
	var comps []cdx.Component
	copied := map[string]bool{}
	vulns := make([]cdx.Vulnerability, 0, len(stmts))
	for _, s := range stmts {
		v := cdx.Vulnerability{ID: s.Vulnerability}
		a := &cdx.VulnerabilityAnalysis{Detail: joinText(s.Detail, s.Impact, s.Action), FirstIssued: ts, LastUpdated: ts}
		switch s.Status {
		case StatusNotAffected:
			a.State = cdx.IASNotAffected
			if s.Justification.Valid() {
				a.Justification = cdxJustifications[s.Justification]
			}
		case StatusAffected:
			a.State = cdx.IASExploitable
		case StatusFixed:
			a.State = cdx.IASResolved
		case StatusUnderInvestigation:
			a.State = cdx.IASInTriage
		}
		if len(s.Responses) > 0 {
			rs := make([]cdx.ImpactAnalysisResponse, len(s.Responses))
			for i, r := range s.Responses {
				rs[i] = cdx.ImpactAnalysisResponse(r.String())
			}
			a.Response = &rs
		}
		v.Analysis = a
		affects := make([]cdx.Affects, 0, len(s.Components))
		for _, ref := range s.Components {
			if link != "" {
				affects = append(affects, cdx.Affects{Ref: link + bomLinkEscape(ref)})
				continue
			}
			affects = append(affects, cdx.Affects{Ref: ref})
			if !copied[ref] {
				copied[ref] = true
				c := byRef[ref]
				comps = append(comps, cdx.Component{BOMRef: c.Ref, Type: cdx.ComponentType(c.Type), Group: c.Group, Name: c.Name, Version: c.Version, PackageURL: c.PURL, CPE: c.CPE})
			}
		}
		v.Affects = &affects
		vulns = append(vulns, v)
	}
	if len(comps) > 0 {
		bom.Components = &comps
	}
	bom.Vulnerabilities = &vulns
	e := cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON).SetPretty(true).SetEscapeHTML(false)
	if err := e.EncodeVersion(bom, sv); err != nil {
		return fmt.Errorf("sbom: VEX: %w", err)
	}
	return nil
}

// bomLinkEscape percent-encodes the characters a BOM-Link fragment cannot
// hold literally.
func bomLinkEscape(ref string) string {
	var b strings.Builder
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		if c <= ' ' || c == '#' || c == '%' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func joinText(parts ...string) string {
	parts = slices.DeleteFunc(slices.Clone(parts), func(s string) bool { return s == "" })
	return strings.Join(parts, "\n\n")
}

// Triage turns matches into first VEX statements, one per vulnerability and
// status: affected and undetermined matches become under_investigation
// (a vulnerable version is present, exploitability is not yet assessed);
// not-affected matches become not_affected with justification
// vulnerable_code_not_present (the version in the product is outside the
// affected ranges). When matches disagree about a component (two records
// with the same ID), under_investigation wins: a component is never both.
// Matches of components without a Ref are left out (a statement names
// components by Ref). The order follows the matches; the cost is linear.
func Triage(matches []Match) []VEXStatement {
	type pair struct{ vuln, comp string }
	// The status of each (vulnerability, component): the cautious one wins.
	status := make(map[pair]VEXStatus, len(matches))
	for _, m := range matches {
		if m.Component == "" {
			continue
		}
		k := pair{m.Vulnerability, m.Component}
		if m.Status != MatchNotAffected {
			status[k] = StatusUnderInvestigation
		} else if _, ok := status[k]; !ok {
			status[k] = StatusNotAffected
		}
	}
	type key struct {
		vuln string
		st   VEXStatus
	}
	idx := map[key]int{}
	added := make(map[pair]bool, len(status))
	var out []VEXStatement
	for _, m := range matches {
		p := pair{m.Vulnerability, m.Component}
		if m.Component == "" || added[p] {
			continue
		}
		added[p] = true
		st := status[p]
		k := key{m.Vulnerability, st}
		i, ok := idx[k]
		if !ok {
			s := VEXStatement{Vulnerability: m.Vulnerability, Status: st}
			if st == StatusNotAffected {
				s.Justification = JustificationVulnerableCodeNotPresent
				s.Detail = "The component version in the product is outside the affected version ranges."
			} else {
				s.Detail = "A matching component is present; exploitability is being assessed."
			}
			out = append(out, s)
			i = len(out) - 1
			idx[k] = i
		}
		out[i].Components = append(out[i].Components, m.Component)
	}
	return out
}
