package annex

import rq "github.com/sdlkit/iec62443/requirement"

// row is one mapping entry before expansion; conf 0 means the table default.
type row struct {
	src   string
	id    rq.ID
	rel   Relationship
	joint bool
	conf  Confidence
	why   string
}

const (
	eqv = RelEquivalent
	sub = RelSubset
	sup = RelSuperset
	isx = RelIntersects
	lo  = ConfidenceLow
	med = ConfidenceMedium
	hi  = ConfidenceHigh
)

// craRows is the SDK's provisional CRA relationship table (A11 Annex ZZ in
// public commentary). Sources use the short or long reference forms.
var craRows = []row{
	// Annex I Part I (1): cybersecurity appropriate to the risks. The risk
	// management practice, requirements and design together carry it.
	{"I.I.1", rq.SM1, isx, false, 0, "a defined secure development process is how appropriate security is produced, but the process also covers organisational matters the CRA does not ask for"},
	{"I.I.1", rq.SM7, isx, false, 0, "a protected development environment keeps the designed security from being undermined before release"},
	{"I.I.1", rq.SRM1, sub, true, 0, "stating intended and foreseeable use is the first input to judging which risks are appropriate to address"},
	{"I.I.1", rq.SRM2, sub, true, 0, "the product security context fixes the environment and exposure the risks depend on"},
	{"I.I.1", rq.SRM3, sub, true, 0, "threat modelling identifies what the product must resist"},
	{"I.I.1", rq.SRM4, sub, true, 0, "risk assessment and evaluation decide which level of protection is appropriate"},
	{"I.I.1", rq.SRM6, sub, true, 0, "keeping the risk picture current keeps the protection appropriate over time"},
	{"I.I.1", rq.SR1, sub, true, 0, "the product security requirements turn the assessed risks into what the product must do"},
	{"I.I.1", rq.SD1, sub, true, 0, "secure design principles carry the requirements into the architecture"},
	{"I.I.1", rq.SR4, isx, false, 0, "the content of the security requirements shapes the protection, but is also about documentation form"},
	{"I.I.1", rq.SR5, isx, false, 0, "reviewing the security requirements checks they match the risks"},
	{"I.I.1", rq.SD3, isx, false, 0, "design reviews check that the design meets the security requirements"},
	{"I.I.1", rq.SI2, isx, false, 0, "secure coding standards avoid introducing weaknesses that would make protection inadequate"},
	// Annex I Part I (2): product properties. 62443-4-1 is a process
	// standard; it reaches the properties through requirements and design,
	// and full technical coverage needs component requirements (62443-4-2).
	{"I.I.2.a", rq.SVV3, sub, true, 0, "vulnerability testing, including known vulnerability scanning, finds known weaknesses before release"},
	{"I.I.2.a", rq.DM10, sub, true, 0, "monitoring third-party components reveals vulnerabilities that become known in what the product contains"},
	{"I.I.2.a", rq.DM3, sub, true, 0, "assessing reported issues tells whether a known vulnerability is exploitable in the product"},
	{"I.I.2.a", rq.DM4, sub, true, 0, "addressing issues before release removes the known exploitable vulnerabilities"},
	{"I.I.2.a", rq.SVV4, isx, false, 0, "penetration testing may reveal exploitable vulnerabilities but targets unknown ones as much as known ones"},
	// (2)(b) has no joint set: 4-1 has no requirement for a function that
	// resets the product to its original state, so it stays partial.
	// SG-4 (disposal guidance) is not mapped here: guidance on removing data
	// at decommissioning is neither a secure default nor a reset function.
	{"I.I.2.b", rq.SD5, sub, false, 0, "the secure-by-default requirement makes the delivered configuration secure; the CRA also asks for a way to reset the product to its original state, which no 4-1 requirement provides"},
	{"I.I.2.b", rq.SG3, isx, false, 0, "hardening guidelines help users keep the configuration secure but do not make the default secure"},
	// (2)(c) has no joint set: 4-1 does not ask for automatic security
	// updates that are on by default, can be switched off and postponed, so
	// it stays partial.
	{"I.I.2.c", rq.SUM4, sub, false, 0, "a defined update delivery path is what makes vulnerabilities fixable by updates; automatic installation by default is not part of it"},
	{"I.I.2.c", rq.SUM7, isx, false, 0, "telling users that an update is available meets the CRA's notification point only; automatic updates enabled by default, with an opt-out and a temporary postponement, are not asked for"},
	{"I.I.2.c", rq.SUM1, isx, false, 0, "qualifying updates keeps them safe to install but does not itself provide the mechanism"},
	{"I.I.2.c", rq.SUM6, isx, false, 0, "separate security updates ease installing them without feature changes"},
	{"I.I.2.d", rq.SR4, isx, false, 0, "access-control needs enter the product security requirements; the mechanisms themselves are component requirements"},
	{"I.I.2.d", rq.SD4, isx, false, 0, "secure design practices cover authentication and authorisation design"},
	{"I.I.2.d", rq.SG6, isx, false, 0, "account management guidance helps users operate access control correctly"},
	{"I.I.2.e", rq.SD7, isx, false, 0, "validated cryptographic modules underpin confidentiality protection"},
	{"I.I.2.e", rq.SR4, isx, false, 0, "confidentiality needs enter the product security requirements"},
	{"I.I.2.f", rq.SM6, isx, false, 0, "file integrity controls protect programs and configuration during development and delivery, not at run time"},
	{"I.I.2.f", rq.SD7, isx, false, 0, "validated cryptography supports integrity protection of data and commands"},
	{"I.I.2.f", rq.SR4, isx, false, 0, "integrity needs enter the product security requirements"},
	{"I.I.2.f", rq.SM8, isx, false, lo, "protected signing keys keep code signatures trustworthy"},
	{"I.I.2.g", rq.SR4, isx, false, lo, "data minimisation can be stated as a security requirement, but 62443-4-1 does not ask for it as such"},
	{"I.I.2.g", rq.SD4, isx, false, lo, "secure design practice can limit the data processed"},
	{"I.I.2.h", rq.SR4, isx, false, 0, "availability and resilience needs enter the product security requirements"},
	{"I.I.2.h", rq.SVV3, isx, false, 0, "load, capacity and resource testing shows resistance to denial of service"},
	{"I.I.2.h", rq.SG2, isx, false, lo, "documenting the protection expected from the environment helps keep essential functions available"},
	{"I.I.2.i", rq.SD2, isx, false, lo, "defence in depth limits how far a fault or compromise spreads to other devices"},
	{"I.I.2.i", rq.SG2, isx, false, lo, "environment guidance tells integrators how to contain the product's effect on the network"},
	{"I.I.2.j", rq.SD6, eqv, false, 0, "attack surface minimisation asks exactly for limiting the exposed interfaces"},
	{"I.I.2.j", rq.SD1, isx, false, 0, "secure design principles include reducing what is exposed"},
	{"I.I.2.k", rq.SD2, isx, false, 0, "layered defences reduce the impact of an incident"},
	{"I.I.2.k", rq.SD4, isx, false, 0, "secure design practices include exploit mitigation techniques"},
	{"I.I.2.k", rq.SG1, isx, false, 0, "documenting the product's defence in depth lets users rely on its mitigations"},
	{"I.I.2.l", rq.SR4, isx, false, 0, "logging and monitoring needs enter the product security requirements"},
	{"I.I.2.l", rq.SG5, isx, false, lo, "secure operation guidance covers using the product's security monitoring"},
	{"I.I.2.m", rq.SG4, isx, false, 0, "secure disposal guidance covers removing data and settings; the removal function itself is a product property"},
	// Annex I Part II: vulnerability handling.
	{"I.II.1", rq.SM14, sub, true, hi, "the component inventory identifies the components the CRA asks to document"},
	{"I.II.1", rq.SM15, sub, true, hi, "the SBOM requirement provides the machine-readable component list"},
	{"I.II.1", rq.DM10, sub, true, 0, "monitoring third-party components identifies their vulnerabilities"},
	{"I.II.2", rq.DM4, sub, true, 0, "addressing security issues is the remediation the CRA asks for"},
	{"I.II.2", rq.SUM5, sub, true, 0, "timely delivery of patches covers remediating without delay"},
	{"I.II.2", rq.SUM6, sub, true, 0, "separate security updates answer the CRA's wish to ship fixes apart from features"},
	{"I.II.2", rq.SM11, isx, false, 0, "handling security issues found during development contributes to remediation"},
	{"I.II.2", rq.DM2, isx, false, 0, "reviewing reported issues is the step before remediating them"},
	{"I.II.3", rq.SVV1, sub, true, 0, "security requirements testing is one kind of the security tests the CRA expects"},
	{"I.II.3", rq.SVV2, sub, true, 0, "threat mitigation testing is one kind of the security tests the CRA expects"},
	{"I.II.3", rq.SVV3, sub, true, 0, "vulnerability testing is one kind of the security tests the CRA expects"},
	{"I.II.3", rq.SVV4, sub, true, 0, "penetration testing is one kind of the security tests the CRA expects"},
	{"I.II.3", rq.SM19, sub, true, 0, "regular product security reviews provide the recurring reviews"},
	{"I.II.3", rq.SVV5, isx, false, 0, "tester independence makes tests effective, which the CRA asks for"},
	{"I.II.3", rq.SVV6, isx, false, 0, "profile-based test modules organise the tests"},
	{"I.II.3", rq.SRM5, isx, false, 0, "verifying the threat model is a review of the product's security"},
	{"I.II.3", rq.SI1, isx, false, 0, "implementation reviews are security reviews of the code"},
	{"I.II.3", rq.SI3, isx, false, 0, "static application security testing is a regular automated test"},
	{"I.II.4", rq.DM5, sub, true, 0, "disclosing security issues covers publishing fixed vulnerabilities"},
	{"I.II.4", rq.DM9, sub, true, 0, "machine-readable advisories carry the information the CRA lists"},
	{"I.II.4", rq.SUM2, sub, true, 0, "update documentation names the fixed vulnerabilities and the remediation"},
	{"I.II.5", rq.DM7, eqv, false, hi, "both ask for a coordinated vulnerability disclosure policy that is applied"},
	{"I.II.6", rq.DM1, sub, true, 0, "receiving notifications needs the reporting contact the CRA asks for"},
	{"I.II.6", rq.DM8, sub, true, lo, "the vulnerability handling policy says how information is shared with others, including component suppliers"},
	// Part II (7) has no joint set: the catalog asks for a secure, authentic
	// delivery channel but nothing asks for updates to be distributed
	// automatically where applicable (the same gap as Part I (2)(c)), so it
	// stays partial.
	{"I.II.7", rq.SUM4, sub, false, 0, "the update delivery requirement gives users a channel whose updates they can check as authentic; distributing updates automatically where applicable is not part of it"},
	{"I.II.7", rq.SM6, sub, false, 0, "file integrity controls protect update packages from tampering on their way to users"},
	{"I.II.7", rq.SM8, isx, false, 0, "protected signing keys keep update signatures trustworthy"},
	// Part II (8) has no joint set: the catalog asks for timely delivery and
	// advisory documentation, but nothing asks for security updates to be
	// free of charge, so it stays partial.
	{"I.II.8", rq.SUM5, sub, false, 0, "a timely patch policy covers disseminating updates without delay; whether users pay for them is outside the requirement"},
	{"I.II.8", rq.SUM2, sub, false, 0, "update documentation provides the advisory information and the actions users need to take"},
	{"I.II.8", rq.SUM3, isx, false, 0, "documenting updates of dependent components and operating systems informs users of actions to take"},
	{"I.II.8", rq.DM5, isx, false, 0, "disclosing issues includes advising users"},
	// Articles and other annexes that the catalog has requirements for.
	{"Art. 13(2)", rq.SRM4, isx, false, 0, "the risk assessment the CRA requires is the one this requirement produces; the CRA also asks to use it in production and delivery"},
	{"Art. 13(3)", rq.SRM1, sub, false, 0, "intended purpose and foreseeable use are one basis the CRA names for the risk assessment"},
	{"Art. 13(3)", rq.SRM2, sub, false, 0, "the conditions of use and environment are another basis the CRA names"},
	{"Art. 13(3)", rq.SR2, sub, false, 0, "deciding which security requirements apply is the per-requirement applicability statement the CRA asks for"},
	{"Art. 13(3)", rq.SR3, sub, false, 0, "the statement of applicability documents it"},
	{"Art. 13(3)", rq.SM3, isx, false, lo, "identifying which practices apply to the product overlaps the applicability statement"},
	{"Art. 13(5)", rq.SM9, sub, false, 0, "security requirements for supplied components are part of the due diligence"},
	{"Art. 13(5)", rq.SM10, sub, false, 0, "managing custom components from suppliers is part of the due diligence"},
	{"Art. 13(6)", rq.DM4, isx, false, 0, "deciding how to handle an issue includes telling the third parties it concerns, which is where reporting a component's vulnerability to its maintainer belongs; sharing the fix upstream is not asked for"},
	{"Art. 13(6)", rq.DM10, isx, false, lo, "monitoring components finds their vulnerabilities; the CRA also asks to report them upstream"},
	{"Art. 13(7)", rq.SRM6, isx, false, 0, "monitoring and reviewing risks keeps the documented risk assessment up to date"},
	{"Art. 13(8)", rq.SM18, eqv, false, 0, "both ask for a justified support period during which vulnerabilities are handled"},
	{"Art. 14(2)", rq.SM16, eqv, false, 0, "the reporting requirement implements the staged reports on actively exploited vulnerabilities"},
	{"Art. 14(4)", rq.SM16, eqv, false, 0, "the reporting requirement implements the staged reports on severe incidents"},
	{"Art. 14(8)", rq.DM5, isx, false, 0, "disclosing issues to users in good time, with their resolution, informs users of an exploited vulnerability; severe incidents that are not product issues are outside it"},
	{"Art. 14(8)", rq.DM9, isx, false, 0, "machine-readable advisories give users the information in the structured form the CRA prefers where appropriate"},
	{"Art. 14(8)", rq.SUM7, isx, false, lo, "notifying users automatically of an available update tells them of the corrective measure, but not of the vulnerability or incident itself"},
	{"Art. 31", rq.SM17, eqv, false, 0, "the technical documentation requirement asks for the documentation the CRA describes"},
	{"Annex VII", rq.SM17, eqv, false, 0, "the technical documentation requirement covers the Annex VII contents"},
	{"Annex VII (6)", rq.SVV6, isx, false, lo, "test module records are the test reports Annex VII lists"},
	{"Annex II (4)", rq.SG8, sub, false, 0, "intended use and residual risk information tells users the intended purpose and security environment"},
	{"Annex II (5)", rq.SG8, sub, false, 0, "residual risk information covers the foreseeable circumstances that may lead to significant risks"},
	{"Annex II (8)(a)", rq.SG3, sub, false, 0, "hardening guidelines are instructions for secure commissioning"},
	{"Annex II (8)(a)", rq.SG5, sub, false, 0, "secure operation guidelines are instructions for secure use over the lifetime"},
	{"Annex II (8)(a)", rq.SG6, sub, false, 0, "account management guidance is part of secure use"},
	{"Annex II (8)(c)", rq.SUM2, sub, false, 0, "update documentation explains how to install security updates"},
	{"Annex II (8)(d)", rq.SG4, eqv, false, 0, "both ask for instructions on secure decommissioning and data removal"},
	{"Annex II (8)(f)", rq.SG1, sub, false, 0, "describing the product's defence in depth informs integrators"},
	{"Annex II (8)(f)", rq.SG2, sub, false, 0, "describing the measures expected from the environment informs integrators"},
	{"Annex II", rq.SG7, isx, false, lo, "reviewing the user documentation keeps the Annex II information correct"},
}

// craUnmapped lists the A11 requirements without a CRA provision, in
// catalog order.
var craUnmapped = []Unmapped{
	{rq.SM2, "assigning responsibilities is organisational; the CRA sets obligations for the manufacturer as a whole, not for roles inside it"},
	{rq.SM4, "staff expertise is a means to meet the essential requirements, not one of them"},
	{rq.SM5, "scoping the development process to the organisation is a process-management matter the CRA does not regulate"},
	{rq.SM12, "verifying the development process is process assurance; the CRA assesses the product and its vulnerability handling"},
	{rq.SM13, "continuous improvement of the process has no counterpart among the CRA's obligations"},
	{rq.DM6, "periodic review of the defect management practice assures the process; the CRA asks for the handling outcomes (Annex I Part II)"},
}

// annexFRows maps prEN 40000-1-2 clauses (draft numbering) to A11
// requirements (A11 Annex F in public commentary).
var annexFRows = []row{
	{"5.2", rq.SRM4, isx, false, 0, "the risk-based approach principle is put into practice by the risk assessment"},
	{"5.3", rq.SD1, isx, false, med, "security by design is the principle behind the secure design requirements"},
	{"5.3", rq.SD4, isx, false, 0, "secure design best practices apply the principle"},
	{"5.4", rq.SD5, eqv, false, med, "both ask that the product be secure in its delivered configuration"},
	{"5.5", rq.SG8, isx, false, 0, "informing users about intended use and residual risk is one form of transparency"},
	{"5.5", rq.DM5, isx, false, 0, "disclosing security issues is another form of transparency"},
	{"6.2", rq.SRM1, isx, false, med, "the product context includes intended and foreseeable use"},
	{"6.2", rq.SRM2, isx, false, med, "the product context includes the operational environment and users"},
	{"6.2", rq.SM18, isx, false, 0, "the product context includes the support period"},
	{"6.3", rq.SRM4, isx, false, 0, "risk acceptance criteria and method feed the risk evaluation"},
	{"6.4", rq.SRM3, sub, false, med, "threat modelling is one step of the risk assessment clause"},
	{"6.4", rq.SRM4, sub, false, med, "risk determination and evaluation are steps of the risk assessment clause"},
	{"6.5", rq.SR1, isx, false, 0, "risk treatment by mitigation results in security requirements"},
	{"6.5", rq.SR2, isx, false, 0, "deciding which requirements apply records the treatment decisions"},
	{"6.6", rq.SG8, isx, false, 0, "residual risk information communicates risks to users"},
	{"6.7", rq.SRM6, eqv, false, med, "both ask to monitor and review the risks over time"},
	{"7.2", rq.SM1, isx, false, 0, "the cybersecurity plan and the development process both organise the security activities"},
	{"7.2", rq.DM8, isx, false, 0, "the plan includes vulnerability response planning"},
	{"7.3", rq.SR1, isx, false, med, "both ask for product cybersecurity requirements"},
	{"7.3", rq.SR4, isx, false, 0, "the content of the requirements is addressed by both"},
	{"7.4", rq.SD1, isx, false, 0, "secure architecture and design is the subject of the secure design practice"},
	{"7.4", rq.SD2, isx, false, 0, "defence in depth is part of secure architecture"},
	{"7.4", rq.SM9, isx, false, 0, "due diligence on third-party components appears in the design clause"},
	{"7.5", rq.SI1, isx, false, 0, "secure implementation is reviewed for security"},
	{"7.5", rq.SI2, isx, false, 0, "secure implementation follows coding standards"},
	{"7.5", rq.SM15, isx, false, 0, "the clause names the SBOM as an output of implementation"},
	{"7.6", rq.SVV1, sub, false, 0, "security requirements testing is part of verification and validation"},
	{"7.6", rq.SVV2, sub, false, 0, "threat mitigation testing is part of verification and validation"},
	{"7.6", rq.SVV3, sub, false, 0, "vulnerability testing is part of verification and validation"},
	{"7.6", rq.SVV4, sub, false, 0, "penetration testing is part of verification and validation"},
	{"7.7", rq.SM6, isx, false, 0, "file integrity protects what is produced and distributed"},
	{"7.7", rq.SM8, isx, false, 0, "private key control protects distribution signatures"},
	{"7.7", rq.SUM4, isx, false, 0, "secure distribution of software overlaps update delivery"},
	{"7.8", rq.SM11, isx, false, 0, "managing security issues during development"},
	{"7.8", rq.DM3, isx, false, 0, "assessing security issues is part of issue management"},
	{"7.8", rq.DM4, isx, false, 0, "addressing security issues is part of issue management"},
	{"7.9", rq.DM10, isx, false, 0, "product monitoring includes watching third-party components"},
	{"7.9", rq.SRM6, isx, false, 0, "monitoring feeds the review of risks"},
	{"7.10", rq.SG4, isx, false, 0, "decommissioning guidance is the user-facing part of end of life"},
	{"7.11", rq.SM9, isx, false, 0, "third-party component management includes security requirements for them"},
	{"7.11", rq.SM10, isx, false, 0, "custom components from suppliers are third-party components"},
	{"7.11", rq.DM10, isx, false, 0, "monitoring third-party components is part of managing them"},
}

// annexGRows maps prEN 40000-1-3 requirement IDs (draft) to A11
// requirements (A11 Annex G in public commentary).
var annexGRows = []row{
	{"PRE-1", rq.DM8, isx, false, med, "both ask for an internal vulnerability handling policy"},
	{"PRE-2", rq.DM7, isx, false, med, "both ask for a coordinated vulnerability disclosure policy"},
	{"PRE-3", rq.DM8, isx, false, 0, "restricting access to non-public vulnerability information belongs to the handling policy"},
	{"PRE-4", rq.DM1, isx, false, 0, "a single point of contact supports receiving notifications"},
	{"PRE-5", rq.DM1, isx, false, 0, "secure communication channels are needed to receive reports"},
	{"PRE-6", rq.SM14, isx, false, 0, "product identification overlaps the component inventory's identification data"},
	{"PRE-7", rq.SM15, isx, false, med, "both ask for a software bill of materials"},
	{"PRE-7-RQ-01", rq.SM14, isx, false, 0, "inventorying every software component is what the component inventory records"},
	{"PRE-7-RQ-03", rq.SM15, isx, false, 0, "the depth of dependencies in the SBOM is part of the SBOM requirement"},
	{"PRE-7-RQ-04", rq.SM15, isx, false, 0, "a machine-readable SBOM format is part of the SBOM requirement"},
	{"PRE-7-RQ-05", rq.SM15, isx, false, 0, "regenerating the SBOM per release keeps it current"},
	{"PRE-7-RQ-07", rq.SM14, isx, false, 0, "unique component identifiers let the inventory be matched to vulnerability data"},
	{"PRE-8", rq.SM14, isx, false, 0, "the hardware component inventory is part of the component inventory"},
	{"PRE-8-RQ-02", rq.SM14, isx, false, 0, "hardware inventory fields are part of the component inventory"},
	{"PRE-9", rq.SVV6, isx, false, 0, "a security test and review plan overlaps the profile-based test modules"},
	{"PRE-9", rq.SM19, isx, false, 0, "the review plan overlaps the regular product security reviews"},
	{"PRE-10", rq.SUM4, isx, false, med, "both ask for a mechanism to deliver security updates"},
	{"RCP-1", rq.DM1, isx, false, med, "both ask to receive vulnerability reports"},
	{"RCP-2", rq.DM10, isx, false, med, "monitoring sources for vulnerabilities in used components"},
	{"RCP-5", rq.DM7, isx, false, 0, "involving a coordinator is part of coordinated disclosure"},
	{"RCP-6", rq.SVV3, isx, false, 0, "regular tests include vulnerability testing"},
	{"RCP-6", rq.SM19, isx, false, 0, "regular tests are part of regular product security reviews"},
	{"RCP-7", rq.SM19, isx, false, med, "both ask for regular reviews of product security"},
	{"VRF-1", rq.DM2, isx, false, 0, "initial verification reviews the report"},
	{"VRF-1", rq.DM3, isx, false, 0, "assessing severity is part of the initial verification"},
	{"VRF-2", rq.DM3, isx, false, 0, "impact analysis of component vulnerabilities is an assessment"},
	{"VRF-2", rq.DM10, isx, false, 0, "component vulnerabilities come from monitoring third-party components"},
	{"RMD-1", rq.DM4, isx, false, 0, "remediation addresses the security issue"},
	{"RMD-2", rq.DM4, isx, false, 0, "remediating where technically feasible addresses the issue"},
	{"RLS-1", rq.SUM4, isx, false, 0, "releasing updates with integrity protection overlaps update delivery"},
	{"RLS-1", rq.SUM5, isx, false, 0, "timely releases overlap timely patch delivery"},
	{"RLS-2", rq.DM5, isx, false, med, "both ask to disclose fixed vulnerabilities"},
	{"RLS-2", rq.DM9, isx, false, med, "the enhanced requirement asks for machine-readable advisories"},
	{"PRA-1", rq.DM2, isx, false, 0, "maintaining a case after release continues its review and tracking"},
}
