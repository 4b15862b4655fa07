package soa_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/maturity"
	"github.com/sdlkit/iec62443/practice"
	reqpkg "github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/risk"
	"github.com/sdlkit/iec62443/soa"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./soa -update to create %s", path)
	require.Equal(t, string(want), string(got), "golden %s differs (run with -update after checking the change)", path)
}

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func date(s string) reqpkg.Date {
	d, err := reqpkg.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// plcRisks is the risk register of the example product (IDs only).
var plcRisks = []string{"R-01", "R-02", "R-03", "R-04", "R-05", "R-06", "R-07", "R-08"}

const docBase = "https://docs.example-automation.eu/plc7/"

// plcMeta is the header of the example: a PLC with remote maintenance.
func plcMeta() soa.Metadata {
	return soa.Metadata{
		Product:  soa.Product{Name: "Nordwerk PLC-7 controller", Version: "4.2", Manufacturer: "Nordwerk Automation GmbH"},
		Category: annex.Category3,
		Profile:  annex.ProfileSP2,
		Author:   "Product Security Officer, PLC-7",
		Approver: "Head of Engineering",
		Issued:   date("2026-10-05"),
		Approved: date("2026-10-12"),
		// NextReview one year on.
		NextReview: date("2027-10-12"),
	}
}

// plcRiskLinks are the risks whose mitigations realise a requirement.
var plcRiskLinks = map[reqpkg.ID][]string{
	"SM-6": {"R-02"}, "SM-8": {"R-02"}, "SM-9": {"R-05"}, "SM-14": {"R-05"}, "SM-15": {"R-05"},
	"SRM-3": {"R-01", "R-03"}, "SRM-5": {"R-01"},
	"SD-1": {"R-01", "R-04"}, "SD-2": {"R-01", "R-03"}, "SD-4": {"R-04"}, "SD-5": {"R-06"}, "SD-6": {"R-01", "R-04"},
	"SI-1": {"R-07"}, "SI-2": {"R-07"}, "SI-3": {"R-07"},
	"SVV-1": {"R-01"}, "SVV-2": {"R-01", "R-03"}, "SVV-3": {"R-05", "R-07"}, "SVV-4": {"R-01", "R-04"},
	"DM-10": {"R-05"}, "SUM-4": {"R-02"}, "SG-3": {"R-06"}, "SG-6": {"R-03"},
}

// plcAssessment is the applicability assessment of the example, in the shape
// package risk produces: baseline practices apply, the design and testing
// requirements are risk-driven or context-driven; SD-7 is not linked to a
// risk (the manufacturer overrides that: the crypto is inherited).
func plcAssessment(cat *reqpkg.Catalog) *risk.Applicability {
	a := &risk.Applicability{Edition: cat.Edition(), CatalogVersion: cat.Version(), Category: annex.Category3}
	baseline := map[practice.Practice]bool{practice.SM: true, practice.SRM: true, practice.SR: true, practice.DM: true, practice.SUM: true, practice.SG: true}
	for r := range cat.All() {
		id := r.ID()
		d := risk.ApplicabilityDecision{Requirement: id, Risks: plcRiskLinks[id]}
		switch {
		case baseline[id.Practice()]:
			d.Applies, d.Basis = true, risk.BasisBaseline
			d.Rationale = fmt.Sprintf("%s is a lifecycle process requirement (practice %s) that applies to every product", id, id.Practice())
		case len(d.Risks) > 0:
			d.Applies, d.Basis = true, risk.BasisRiskDriven
			d.Rationale = fmt.Sprintf("mitigations of risks %s realise %s", strings.Join(d.Risks, ", "), id)
		case id == "SD-7":
			d.Basis = risk.BasisNotApplicable
			d.Rationale = "no mitigation of any risk links SD-7 and category C3 does not demand it; confirm the exclusion in the statement of applicability"
		default:
			d.Applies, d.Basis = true, risk.BasisContext
			d.Context = []string{"category=C3"}
			d.Rationale = fmt.Sprintf("no risk links %s, but the product context demands it (category=C3)", id)
		}
		a.Entries = append(a.Entries, d)
	}
	return a
}

// plcState is the implementation state of every A11 requirement of the
// example: status, owner, achieved maturity, evidence files.
const plcState = `
SM-1 verified psirt ML3 sdl-process-manual.pdf
SM-2 verified psirt ML3 raci-product-security.xlsx
SM-3 verified psirt ML3 sdl-tailoring-plc7.pdf
SM-4 verified hr ML2 training-matrix-2026.xlsx
SM-5 verified psirt ML3 project-scoping-plc7.pdf
SM-6 verified build ML3 firmware-signing-procedure.pdf,signing-audit-2026q3.pdf
SM-7 verified it ML3 dev-environment-hardening.pdf
SM-8 verified build ML3 hsm-key-ceremony-2026.pdf
SM-9 implemented purchasing ML2 supplier-security-assessments.xlsx
SM-10 - - - -
SM-11 verified psirt ML3 issue-tracker-export.csv
SM-12 implemented quality ML2 process-audit-2026.pdf
SM-13 in-progress quality ML2 -
SM-14 implemented build ML2 component-inventory.json
SM-15 verified build ML3 plc7-4.2-sbom.cdx.json
SM-16 in-progress psirt ML2 cra-reporting-procedure-draft.pdf
SM-17 in-progress compliance ML2 -
SM-18 implemented product ML3 support-period-statement.pdf
SM-19 planned product - -
SRM-1 verified product ML3 intended-use-plc7.pdf
SRM-2 verified architect ML3 security-context-plc7.pdf
SRM-3 verified architect ML3 threat-model-plc7-v5.tm7
SRM-4 verified architect ML3 risk-register-plc7.json
SRM-5 in-progress test ML2 threat-model-verification-plan.pdf
SRM-6 planned psirt - -
SR-1 verified architect ML3 security-requirements-plc7.pdf
SR-2 implemented architect ML3 applicability-assessment-plc7.json
SR-3 implemented architect ML3 soa-plc7-4.2.json
SR-4 verified architect ML3 security-requirements-plc7.pdf
SR-5 verified architect ML3 requirements-review-2026-07.pdf
SD-1 verified architect ML3 architecture-plc7.pdf
SD-2 verified architect ML3 defense-in-depth-plc7.pdf
SD-3 verified architect ML3 design-review-2026-08.pdf
SD-4 verified architect ML3 secure-design-guideline.pdf
SD-5 implemented firmware ML2 default-config-report.pdf
SD-6 in-progress firmware ML2 -
SD-7 verified firmware ML3 se050-cc-certificate.pdf
SI-1 verified firmware ML3 code-review-records-4.2.zip
SI-2 verified firmware ML3 misra-c-2012-compliance.pdf
SI-3 implemented firmware ML2 sast-report-4.2.sarif
SVV-1 verified test ML3 security-test-report-4.2.pdf
SVV-2 verified test ML3 threat-mitigation-tests-4.2.pdf
SVV-3 verified test ML3 fuzzing-report-4.2.pdf,vuln-scan-4.2.pdf
SVV-4 verified test ML3 -
SVV-5 verified test ML3 tester-independence.pdf
SVV-6 in-progress test ML2 -
DM-1 verified psirt ML3 psirt-intake-procedure.pdf
DM-2 verified psirt ML3 issue-triage-records.csv
DM-3 verified psirt ML3 cvss-assessments-2026.csv
DM-4 verified psirt ML3 issue-resolution-records.csv
DM-5 verified psirt ML3 advisories-2026.pdf
DM-6 implemented psirt ML2 dm-process-review-2026.pdf
DM-7 verified psirt ML3 cvd-policy.html
DM-8 verified psirt ML3 vulnerability-handling-policy.pdf
DM-9 implemented psirt ML2 csaf-feed-sample.json
DM-10 in-progress psirt ML2 -
SUM-1 verified release ML3 update-qualification-4.2.pdf
SUM-2 verified release ML3 release-notes-4.2.pdf
SUM-3 verified release ML3 dependency-update-notes-4.2.pdf
SUM-4 verified release ML3 update-signature-verification.pdf
SUM-5 implemented release ML2 patch-timeline-policy.pdf
SUM-6 implemented release ML2 -
SUM-7 planned release - -
SG-1 verified docs ML3 security-manual-plc7.pdf
SG-2 verified docs ML3 security-manual-plc7.pdf
SG-3 verified docs ML3 hardening-guide-plc7.pdf
SG-4 implemented docs ML2 decommissioning-guide-plc7.pdf
SG-5 verified docs ML3 security-manual-plc7.pdf
SG-6 verified docs ML3 account-management-guide.pdf
SG-7 implemented docs ML2 documentation-review-2026.pdf
SG-8 in-progress docs ML2 -
`

var plcOwners = map[string]string{
	"psirt": "PSIRT lead", "hr": "HR training coordinator", "build": "Build and release engineering",
	"it": "IT operations", "purchasing": "Strategic purchasing", "quality": "Quality management",
	"product": "Product manager PLC-7", "architect": "Lead security architect", "compliance": "Regulatory compliance",
	"test": "Security test team", "firmware": "Firmware team lead", "release": "Release manager", "docs": "Technical documentation",
}

// plcOverrides turns plcState into overrides and adds the manufacturer's
// decisions that differ from the assessment.
func plcOverrides() []soa.Override {
	var out []soa.Override
	for _, line := range strings.Split(strings.TrimSpace(plcState), "\n") {
		f := strings.Fields(line)
		o := soa.Override{Requirement: reqpkg.ID(f[0]), TargetMaturity: maturity.ML3}
		if f[1] != "-" {
			var st soa.Status
			if err := st.UnmarshalText([]byte(f[1])); err != nil {
				panic(err)
			}
			o.Status = st
		}
		o.Owner = plcOwners[f[2]]
		if f[3] != "-" {
			l, err := maturity.ParseLevel(f[3])
			if err != nil {
				panic(err)
			}
			o.AchievedMaturity = l
		}
		if f[4] != "-" {
			for _, file := range strings.Split(f[4], ",") {
				o.Evidence = append(o.Evidence, soa.EvidenceRef{URI: docBase + file, SHA256: digest(file), Date: date("2026-09-15")})
			}
		}
		switch o.Requirement {
		case "SM-10":
			o = soa.Override{Requirement: "SM-10", Decision: soa.NotApplicable,
				Justification: "No component of the PLC-7 is custom-developed by a third party: the firmware is written in-house and third-party code is off-the-shelf, handled under SM-9."}
		case "SD-7":
			o.Decision = soa.Inherited
			o.InheritedFrom = "NXP EdgeLock SE050 secure element"
			o.Justification = "All cryptographic operations of the remote maintenance channel run in the certified secure element; the firmware calls it and implements no cryptography of its own."
			o.Evidence[0].Kind = reqpkg.ArtifactCryptoValidation
		case "SUM-7":
			o.Decision = soa.Tailored
			o.Justification = "PLCs run in segmented plant networks without internet access: users are notified of updates through the customer portal and the CSAF feed, not by the device itself."
		case "SVV-4":
			o.Evidence = []soa.EvidenceRef{{URI: docBase + "pentest-2026-remote-maintenance.pdf", SHA256: digest("pentest"), Date: date("2026-09-30"),
				Kind: reqpkg.ArtifactPenetrationTestReport, Description: "External penetration test of the remote maintenance gateway"}}
		}
		out = append(out, o)
	}
	return out
}

// plcResolved resolves the example statement.
func plcResolved(t testing.TB) (*soa.Statement, []reqpkg.Finding) {
	t.Helper()
	cat := reqpkg.Default()
	s, fs, err := soa.Resolve(cat, plcMeta(), plcAssessment(cat), plcOverrides(), &soa.ResolveOptions{Validate: &soa.ValidateOptions{KnownRisks: plcRisks}})
	require.NoError(t, err)
	return s, fs
}

// plc2018State is the 2018 statement of the same product, the one a
// migration starts from: status, owner, achieved maturity, evidence.
const plc2018State = `
SM-1 verified psirt ML3 sdl-process-manual.pdf
SM-2 verified psirt ML3 raci-product-security.xlsx
SM-3 verified psirt ML3 sdl-tailoring-plc7.pdf
SM-4 verified hr ML2 training-matrix-2025.xlsx
SM-5 verified psirt ML3 project-scoping-plc7.pdf
SM-6 verified build ML3 firmware-signing-procedure.pdf
SM-7 verified it ML3 dev-environment-hardening.pdf
SM-8 verified build ML3 hsm-key-ceremony-2025.pdf
SM-9 implemented purchasing ML2 supplier-security-assessments.xlsx
SM-10 - - - -
SM-11 verified psirt ML3 issue-tracker-export.csv
SM-12 implemented quality ML2 process-audit-2025.pdf
SM-13 in-progress quality ML2 -
SR-1 verified architect ML3 security-context-plc7.pdf
SR-2 verified architect ML3 threat-model-plc7-v4.tm7
SR-3 verified architect ML3 security-requirements-plc7.pdf
SR-4 verified architect ML3 security-requirements-plc7.pdf
SR-5 verified architect ML3 requirements-review-2025-06.pdf
SD-1 verified architect ML3 architecture-plc7.pdf
SD-2 verified architect ML3 defense-in-depth-plc7.pdf
SD-3 verified architect ML3 design-review-2025-05.pdf
SD-4 verified architect ML3 secure-design-guideline.pdf
SI-1 verified firmware ML3 code-review-records-4.1.zip
SI-2 verified firmware ML3 misra-c-2012-compliance.pdf
SVV-1 verified test ML3 security-test-report-4.1.pdf
SVV-2 verified test ML3 threat-mitigation-tests-4.1.pdf
SVV-3 verified test ML3 fuzzing-report-4.1.pdf,vuln-scan-4.1.pdf
SVV-4 inherited - - -
SVV-5 verified test ML2 tester-independence.pdf
DM-1 verified psirt ML3 psirt-intake-procedure.pdf
DM-2 verified psirt ML3 issue-triage-records.csv
DM-3 verified psirt ML3 cvss-assessments-2025.csv
DM-4 verified psirt ML3 issue-resolution-records.csv
DM-5 verified psirt ML3 advisories-2025.pdf
DM-6 implemented psirt ML2 dm-process-review-2025.pdf
SUM-1 verified release ML3 update-qualification-4.1.pdf
SUM-2 verified release ML3 release-notes-4.1.pdf
SUM-3 - - - -
SUM-4 verified release ML3 update-signature-verification.pdf
SUM-5 implemented release ML2 patch-timeline-policy.pdf
SG-1 verified docs ML3 security-manual-plc7.pdf
SG-2 verified docs ML3 security-manual-plc7.pdf
SG-3 verified docs ML3 hardening-guide-plc7.pdf
SG-4 implemented docs ML2 decommissioning-guide-plc7.pdf
SG-5 verified docs ML3 security-manual-plc7.pdf
SG-6 verified docs ML3 account-management-guide.pdf
SG-7 tailored docs ML2 documentation-review-2025.pdf
`

// plc2018 builds the realistic 2018 statement (47 entries) the migration
// fixture testdata/plc7-2018.soa.json holds.
func plc2018() *soa.Statement {
	cat, err := reqpkg.ForEdition(reqpkg.Edition2018)
	if err != nil {
		panic(err)
	}
	m := plcMeta()
	m.Edition, m.CatalogVersion = cat.Edition(), cat.Version()
	m.Category, m.Profile = 0, 0
	m.Product.Version = "4.1"
	m.Issued, m.Approved, m.NextReview = date("2025-06-20"), date("2025-06-30"), reqpkg.Date{}
	s := &soa.Statement{SchemaVersion: soa.SchemaVersion, Metadata: m}
	for _, line := range strings.Split(strings.TrimSpace(plc2018State), "\n") {
		f := strings.Fields(line)
		id := reqpkg.ID(f[0])
		r, ok := cat.Lookup(id)
		if !ok {
			panic(id)
		}
		e := soa.Entry{Requirement: id, Title: r.Title(), Decision: soa.Applicable, Basis: soa.BasisRisk, Owner: plcOwners[f[2]], TargetMaturity: maturity.ML3}
		switch f[1] {
		case "-":
			e.Decision, e.Owner, e.TargetMaturity = soa.NotApplicable, "", 0
		case "inherited":
			e.Decision, e.Status = soa.Inherited, soa.StatusVerified
			e.InheritedFrom = "Group penetration test service (Nordwerk Corporate Security)"
			e.Owner, e.TargetMaturity = plcOwners["test"], 0
			e.Justification = "Penetration tests of all Nordwerk controllers are run by the corporate red team under a shared contract; its reports cover the PLC-7."
		case "tailored":
			e.Decision, e.Status = soa.Tailored, soa.StatusImplemented
			e.Justification = "Documentation reviews cover the security manual and the hardening guide; the online help is generated from them and not reviewed separately."
		default:
			if err := e.Status.UnmarshalText([]byte(f[1])); err != nil {
				panic(err)
			}
		}
		if f[3] != "-" {
			l, err := maturity.ParseLevel(f[3])
			if err != nil {
				panic(err)
			}
			e.AchievedMaturity = l
		}
		if f[4] != "-" {
			for _, file := range strings.Split(f[4], ",") {
				e.Evidence = append(e.Evidence, soa.EvidenceRef{URI: docBase + "2018/" + file, SHA256: digest(file), Date: date("2025-05-30")})
			}
		}
		switch id {
		case "SM-10":
			e.Justification = "No component of the PLC-7 is custom-developed by a third party; third-party code is off-the-shelf and covered by SM-9."
		case "SUM-3":
			e.Justification = "The PLC-7 firmware runs on bare metal with no third-party operating system or dependent component that receives its own updates."
		case "SR-1", "SR-2":
			e.Risks = []string{"R-01", "R-03"}
		case "SR-3":
			e.Risks = []string{"R-01"}
		}
		s.Entries = append(s.Entries, e)
	}
	return s
}
