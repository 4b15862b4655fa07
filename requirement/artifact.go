package requirement

import (
	"fmt"
	"slices"

	"github.com/sdlkit/iec62443/problem"
)

// ArtifactKind names a kind of evidence artifact a requirement expects, such
// as a threat model or a static analysis report. The set is closed: use the
// constants; [ArtifactKind.Known] checks a value read from a document.
type ArtifactKind string

// The artifact kinds, in catalog order.
const (
	// ArtifactProcessDescription: a documented, approved procedure for a process.
	ArtifactProcessDescription ArtifactKind = "process-description"
	// ArtifactRoleAssignment: a record of roles and the people who hold them.
	ArtifactRoleAssignment ArtifactKind = "role-assignment"
	// ArtifactTrainingRecord: a record of security training delivered to a person.
	ArtifactTrainingRecord ArtifactKind = "training-record"
	// ArtifactCompetenceAssessment: a verified assessment of a person's role-specific security competence.
	ArtifactCompetenceAssessment ArtifactKind = "competence-assessment"
	// ArtifactScopingRecord: a justified record of which parts of the standard apply to a product or project.
	ArtifactScopingRecord ArtifactKind = "scoping-record"
	// ArtifactIntegrityMechanism: evidence of the integrity protection of shipped files (signatures, hashes).
	ArtifactIntegrityMechanism ArtifactKind = "integrity-mechanism"
	// ArtifactEnvironmentControls: a description and record of the controls protecting the development environment.
	ArtifactEnvironmentControls ArtifactKind = "environment-controls"
	// ArtifactKeyManagementRecord: records of how private signing keys are protected and who accessed them.
	ArtifactKeyManagementRecord ArtifactKind = "key-management-record"
	// ArtifactSupplierAssessment: a security risk assessment of an externally provided component or its supplier.
	ArtifactSupplierAssessment ArtifactKind = "supplier-assessment"
	// ArtifactSupplierSDLEvidence: evidence that a third party's development lifecycle conforms for custom-built components.
	ArtifactSupplierSDLEvidence ArtifactKind = "supplier-sdl-evidence"
	// ArtifactIssueTrackingRecord: records that tracks security-related issues to closure.
	ArtifactIssueTrackingRecord ArtifactKind = "issue-tracking-record"
	// ArtifactReleaseApproval: a release record confirming that every applicable security process was completed.
	ArtifactReleaseApproval ArtifactKind = "release-approval"
	// ArtifactImprovementRecord: a record of a lifecycle improvement action, its cause and its closure.
	ArtifactImprovementRecord ArtifactKind = "improvement-record"
	// ArtifactInternalAuditReport: the report of an internal audit of the development lifecycle.
	ArtifactInternalAuditReport ArtifactKind = "internal-audit-report"
	// ArtifactProcessMetrics: measurements used to control the effectiveness of a process.
	ArtifactProcessMetrics ArtifactKind = "process-metrics"
	// ArtifactComponentInventory: the inventory of hardware and software components of a product.
	ArtifactComponentInventory ArtifactKind = "component-inventory"
	// ArtifactSBOM: a machine-readable software bill of materials (CycloneDX or SPDX).
	ArtifactSBOM ArtifactKind = "sbom"
	// ArtifactReportingProcedure: the procedure for notifying exploited vulnerabilities and severe incidents to the CSIRT and ENISA.
	ArtifactReportingProcedure ArtifactKind = "reporting-procedure"
	// ArtifactIncidentNotification: a notification sent to the CSIRT and ENISA (early warning, notification, final report).
	ArtifactIncidentNotification ArtifactKind = "incident-notification"
	// ArtifactTechnicalDocumentation: the CRA technical documentation of a product (Annex VII).
	ArtifactTechnicalDocumentation ArtifactKind = "technical-documentation"
	// ArtifactSupportPeriodStatement: the published security support period of a product and its rationale.
	ArtifactSupportPeriodStatement ArtifactKind = "support-period-statement"
	// ArtifactSecurityReviewRecord: the record of a periodic product security review.
	ArtifactSecurityReviewRecord ArtifactKind = "security-review-record"
	// ArtifactIntendedUseStatement: the documented intended use, reasonably foreseeable misuse and operational boundaries.
	ArtifactIntendedUseStatement ArtifactKind = "intended-use-statement"
	// ArtifactSecurityContext: the documented product security context and its category.
	ArtifactSecurityContext ArtifactKind = "security-context"
	// ArtifactThreatModel: the product's threat model.
	ArtifactThreatModel ArtifactKind = "threat-model"
	// ArtifactRiskAssessment: the rated security risks of the product and their evaluation.
	ArtifactRiskAssessment ArtifactKind = "risk-assessment"
	// ArtifactRiskAcceptanceCriteria: the criteria by which residual risks are accepted.
	ArtifactRiskAcceptanceCriteria ArtifactKind = "risk-acceptance-criteria"
	// ArtifactThreatModelVerification: evidence that the finished product mitigates the threats of the threat model.
	ArtifactThreatModelVerification ArtifactKind = "threat-model-verification"
	// ArtifactRiskReviewRecord: the record of a review of the threat model and risks.
	ArtifactRiskReviewRecord ArtifactKind = "risk-review-record"
	// ArtifactRequirementsSpecification: the product's security requirements.
	ArtifactRequirementsSpecification ArtifactKind = "requirements-specification"
	// ArtifactApplicabilityAssessment: the risk-driven assessment of which requirements apply.
	ArtifactApplicabilityAssessment ArtifactKind = "applicability-assessment"
	// ArtifactStatementOfApplicability: the statement of applicability (Annex E).
	ArtifactStatementOfApplicability ArtifactKind = "statement-of-applicability"
	// ArtifactRequirementsReviewRecord: the record of a review of the security requirements.
	ArtifactRequirementsReviewRecord ArtifactKind = "requirements-review-record"
	// ArtifactDesignSpecification: the secure design, with its interfaces characterised.
	ArtifactDesignSpecification ArtifactKind = "design-specification"
	// ArtifactTraceabilityMatrix: the trace between threats, requirements, design elements and tests.
	ArtifactTraceabilityMatrix ArtifactKind = "traceability-matrix"
	// ArtifactDesignReviewRecord: the record of a security design review.
	ArtifactDesignReviewRecord ArtifactKind = "design-review-record"
	// ArtifactDesignGuideline: the organisation's secure design practices.
	ArtifactDesignGuideline ArtifactKind = "design-guideline"
	// ArtifactDefaultConfiguration: the documented secure default configuration and its verification.
	ArtifactDefaultConfiguration ArtifactKind = "default-configuration"
	// ArtifactAttackSurfaceAnalysis: an analysis of the product's attack surface.
	ArtifactAttackSurfaceAnalysis ArtifactKind = "attack-surface-analysis"
	// ArtifactCryptoValidation: evidence that cryptographic modules are validated (certificates, test reports).
	ArtifactCryptoValidation ArtifactKind = "crypto-validation"
	// ArtifactImplementationReviewRecord: the record of a security implementation review.
	ArtifactImplementationReviewRecord ArtifactKind = "implementation-review-record"
	// ArtifactCodingStandard: the secure coding standard in force.
	ArtifactCodingStandard ArtifactKind = "coding-standard"
	// ArtifactCodingStandardCompliance: a report of compliance with the coding standard, with justified deviations.
	ArtifactCodingStandardCompliance ArtifactKind = "coding-standard-compliance"
	// ArtifactStaticAnalysisReport: the report of a static application security testing run.
	ArtifactStaticAnalysisReport ArtifactKind = "static-analysis-report"
	// ArtifactTestPlan: the security test plan.
	ArtifactTestPlan ArtifactKind = "test-plan"
	// ArtifactTestReport: the report of a security test activity.
	ArtifactTestReport ArtifactKind = "test-report"
	// ArtifactPenetrationTestReport: the report of a penetration test.
	ArtifactPenetrationTestReport ArtifactKind = "penetration-test-report"
	// ArtifactTesterIndependenceRecord: a record of the independence of the testers from the developers.
	ArtifactTesterIndependenceRecord ArtifactKind = "tester-independence-record"
	// ArtifactVulnerabilityReport: a received report of a security-related issue.
	ArtifactVulnerabilityReport ArtifactKind = "vulnerability-report"
	// ArtifactIssueAssessment: the analysis of a security-related issue (impact, severity, root cause).
	ArtifactIssueAssessment ArtifactKind = "issue-assessment"
	// ArtifactSecurityAdvisory: a published security advisory (CSAF or human-readable).
	ArtifactSecurityAdvisory ArtifactKind = "security-advisory"
	// ArtifactVEXDocument: a VEX document stating the exploitability of vulnerabilities.
	ArtifactVEXDocument ArtifactKind = "vex-document"
	// ArtifactCVDPolicy: the published coordinated vulnerability disclosure policy.
	ArtifactCVDPolicy ArtifactKind = "cvd-policy"
	// ArtifactVulnerabilityHandlingPolicy: the policy on vulnerability handling.
	ArtifactVulnerabilityHandlingPolicy ArtifactKind = "vulnerability-handling-policy"
	// ArtifactVulnerabilityMonitoringRecord: a record of monitoring components for newly published vulnerabilities.
	ArtifactVulnerabilityMonitoringRecord ArtifactKind = "vulnerability-monitoring-record"
	// ArtifactProcessReviewRecord: the record of a periodic review of a process.
	ArtifactProcessReviewRecord ArtifactKind = "process-review-record"
	// ArtifactUpdateQualificationRecord: the record qualifying a security update before release.
	ArtifactUpdateQualificationRecord ArtifactKind = "update-qualification-record"
	// ArtifactUpdateDocumentation: the documentation delivered with a security update.
	ArtifactUpdateDocumentation ArtifactKind = "update-documentation"
	// ArtifactUpdateDeliveryRecord: evidence that updates were delivered with verifiable authenticity.
	ArtifactUpdateDeliveryRecord ArtifactKind = "update-delivery-record"
	// ArtifactPatchPolicy: the policy and timeframes for qualifying and delivering security updates.
	ArtifactPatchPolicy ArtifactKind = "patch-policy"
	// ArtifactUpdateNotificationRecord: evidence that users were notified automatically of an update.
	ArtifactUpdateNotificationRecord ArtifactKind = "update-notification-record"
	// ArtifactUserGuideline: security guidance for users (integration, hardening, operation, disposal).
	ArtifactUserGuideline ArtifactKind = "user-guideline"
	// ArtifactDocumentationReviewRecord: the record of a review of the user documentation.
	ArtifactDocumentationReviewRecord ArtifactKind = "documentation-review-record"
)

var artifactKinds = [...]ArtifactKind{
	ArtifactProcessDescription,
	ArtifactRoleAssignment,
	ArtifactTrainingRecord,
	ArtifactCompetenceAssessment,
	ArtifactScopingRecord,
	ArtifactIntegrityMechanism,
	ArtifactEnvironmentControls,
	ArtifactKeyManagementRecord,
	ArtifactSupplierAssessment,
	ArtifactSupplierSDLEvidence,
	ArtifactIssueTrackingRecord,
	ArtifactReleaseApproval,
	ArtifactImprovementRecord,
	ArtifactInternalAuditReport,
	ArtifactProcessMetrics,
	ArtifactComponentInventory,
	ArtifactSBOM,
	ArtifactReportingProcedure,
	ArtifactIncidentNotification,
	ArtifactTechnicalDocumentation,
	ArtifactSupportPeriodStatement,
	ArtifactSecurityReviewRecord,
	ArtifactIntendedUseStatement,
	ArtifactSecurityContext,
	ArtifactThreatModel,
	ArtifactRiskAssessment,
	ArtifactRiskAcceptanceCriteria,
	ArtifactThreatModelVerification,
	ArtifactRiskReviewRecord,
	ArtifactRequirementsSpecification,
	ArtifactApplicabilityAssessment,
	ArtifactStatementOfApplicability,
	ArtifactRequirementsReviewRecord,
	ArtifactDesignSpecification,
	ArtifactTraceabilityMatrix,
	ArtifactDesignReviewRecord,
	ArtifactDesignGuideline,
	ArtifactDefaultConfiguration,
	ArtifactAttackSurfaceAnalysis,
	ArtifactCryptoValidation,
	ArtifactImplementationReviewRecord,
	ArtifactCodingStandard,
	ArtifactCodingStandardCompliance,
	ArtifactStaticAnalysisReport,
	ArtifactTestPlan,
	ArtifactTestReport,
	ArtifactPenetrationTestReport,
	ArtifactTesterIndependenceRecord,
	ArtifactVulnerabilityReport,
	ArtifactIssueAssessment,
	ArtifactSecurityAdvisory,
	ArtifactVEXDocument,
	ArtifactCVDPolicy,
	ArtifactVulnerabilityHandlingPolicy,
	ArtifactVulnerabilityMonitoringRecord,
	ArtifactProcessReviewRecord,
	ArtifactUpdateQualificationRecord,
	ArtifactUpdateDocumentation,
	ArtifactUpdateDeliveryRecord,
	ArtifactPatchPolicy,
	ArtifactUpdateNotificationRecord,
	ArtifactUserGuideline,
	ArtifactDocumentationReviewRecord,
}

var artifactDescriptions = map[ArtifactKind]string{
	ArtifactProcessDescription:            "a documented, approved procedure for a process",
	ArtifactRoleAssignment:                "a record of roles and the people who hold them",
	ArtifactTrainingRecord:                "a record of security training delivered to a person",
	ArtifactCompetenceAssessment:          "a verified assessment of a person's role-specific security competence",
	ArtifactScopingRecord:                 "a justified record of which parts of the standard apply to a product or project",
	ArtifactIntegrityMechanism:            "evidence of the integrity protection of shipped files (signatures, hashes)",
	ArtifactEnvironmentControls:           "a description and record of the controls protecting the development environment",
	ArtifactKeyManagementRecord:           "records of how private signing keys are protected and who accessed them",
	ArtifactSupplierAssessment:            "a security risk assessment of an externally provided component or its supplier",
	ArtifactSupplierSDLEvidence:           "evidence that a third party's development lifecycle conforms for custom-built components",
	ArtifactIssueTrackingRecord:           "records that tracks security-related issues to closure",
	ArtifactReleaseApproval:               "a release record confirming that every applicable security process was completed",
	ArtifactImprovementRecord:             "a record of a lifecycle improvement action, its cause and its closure",
	ArtifactInternalAuditReport:           "the report of an internal audit of the development lifecycle",
	ArtifactProcessMetrics:                "measurements used to control the effectiveness of a process",
	ArtifactComponentInventory:            "the inventory of hardware and software components of a product",
	ArtifactSBOM:                          "a machine-readable software bill of materials (CycloneDX or SPDX)",
	ArtifactReportingProcedure:            "the procedure for notifying exploited vulnerabilities and severe incidents to the CSIRT and ENISA",
	ArtifactIncidentNotification:          "a notification sent to the CSIRT and ENISA (early warning, notification, final report)",
	ArtifactTechnicalDocumentation:        "the CRA technical documentation of a product (Annex VII)",
	ArtifactSupportPeriodStatement:        "the published security support period of a product and its rationale",
	ArtifactSecurityReviewRecord:          "the record of a periodic product security review",
	ArtifactIntendedUseStatement:          "the documented intended use, reasonably foreseeable misuse and operational boundaries",
	ArtifactSecurityContext:               "the documented product security context and its category",
	ArtifactThreatModel:                   "the product's threat model",
	ArtifactRiskAssessment:                "the rated security risks of the product and their evaluation",
	ArtifactRiskAcceptanceCriteria:        "the criteria by which residual risks are accepted",
	ArtifactThreatModelVerification:       "evidence that the finished product mitigates the threats of the threat model",
	ArtifactRiskReviewRecord:              "the record of a review of the threat model and risks",
	ArtifactRequirementsSpecification:     "the product's security requirements",
	ArtifactApplicabilityAssessment:       "the risk-driven assessment of which requirements apply",
	ArtifactStatementOfApplicability:      "the statement of applicability (Annex E)",
	ArtifactRequirementsReviewRecord:      "the record of a review of the security requirements",
	ArtifactDesignSpecification:           "the secure design, with its interfaces characterised",
	ArtifactTraceabilityMatrix:            "the trace between threats, requirements, design elements and tests",
	ArtifactDesignReviewRecord:            "the record of a security design review",
	ArtifactDesignGuideline:               "the organisation's secure design practices",
	ArtifactDefaultConfiguration:          "the documented secure default configuration and its verification",
	ArtifactAttackSurfaceAnalysis:         "an analysis of the product's attack surface",
	ArtifactCryptoValidation:              "evidence that cryptographic modules are validated (certificates, test reports)",
	ArtifactImplementationReviewRecord:    "the record of a security implementation review",
	ArtifactCodingStandard:                "the secure coding standard in force",
	ArtifactCodingStandardCompliance:      "a report of compliance with the coding standard, with justified deviations",
	ArtifactStaticAnalysisReport:          "the report of a static application security testing run",
	ArtifactTestPlan:                      "the security test plan",
	ArtifactTestReport:                    "the report of a security test activity",
	ArtifactPenetrationTestReport:         "the report of a penetration test",
	ArtifactTesterIndependenceRecord:      "a record of the independence of the testers from the developers",
	ArtifactVulnerabilityReport:           "a received report of a security-related issue",
	ArtifactIssueAssessment:               "the analysis of a security-related issue (impact, severity, root cause)",
	ArtifactSecurityAdvisory:              "a published security advisory (CSAF or human-readable)",
	ArtifactVEXDocument:                   "a VEX document stating the exploitability of vulnerabilities",
	ArtifactCVDPolicy:                     "the published coordinated vulnerability disclosure policy",
	ArtifactVulnerabilityHandlingPolicy:   "the policy on vulnerability handling",
	ArtifactVulnerabilityMonitoringRecord: "a record of monitoring components for newly published vulnerabilities",
	ArtifactProcessReviewRecord:           "the record of a periodic review of a process",
	ArtifactUpdateQualificationRecord:     "the record qualifying a security update before release",
	ArtifactUpdateDocumentation:           "the documentation delivered with a security update",
	ArtifactUpdateDeliveryRecord:          "evidence that updates were delivered with verifiable authenticity",
	ArtifactPatchPolicy:                   "the policy and timeframes for qualifying and delivering security updates",
	ArtifactUpdateNotificationRecord:      "evidence that users were notified automatically of an update",
	ArtifactUserGuideline:                 "security guidance for users (integration, hardening, operation, disposal)",
	ArtifactDocumentationReviewRecord:     "the record of a review of the user documentation",
}

// ArtifactKinds returns every artifact kind in catalog order, in a fresh slice.
func ArtifactKinds() []ArtifactKind { return slices.Clone(artifactKinds[:]) }

// Known reports whether k is one of the defined artifact kinds.
func (k ArtifactKind) Known() bool {
	_, ok := artifactDescriptions[k]
	return ok
}

// Description says in a few words what an artifact of kind k is; "" for an
// unknown kind.
func (k ArtifactKind) Description() string { return artifactDescriptions[k] }

// String returns the kind as text.
func (k ArtifactKind) String() string { return string(k) }

// ParseArtifactKind returns the kind named s, or an error wrapping
// problem.ErrInvalidValue for an unknown name.
func ParseArtifactKind(s string) (ArtifactKind, error) {
	k := ArtifactKind(s)
	if !k.Known() {
		return "", fmt.Errorf("requirement: artifact kind %q: %w (see requirement.ArtifactKinds for the list)", clip(s), problem.ErrInvalidValue)
	}
	return k, nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; unknown kinds are an error.
func (k *ArtifactKind) UnmarshalText(b []byte) error {
	v, err := ParseArtifactKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}
