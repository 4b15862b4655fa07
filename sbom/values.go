package sbom

// Formats returns every Format in a fresh slice.
func Formats() []Format { return []Format{FormatCycloneDX, FormatSPDX} }

// Encodings returns every Encoding in a fresh slice.
func Encodings() []Encoding { return []Encoding{EncodingJSON, EncodingXML} }

// Origins returns every Origin in a fresh slice.
func Origins() []Origin { return []Origin{OriginFirstParty, OriginThirdParty, OriginOpenSource} }

// Flags returns every stated Flag in a fresh slice.
func Flags() []Flag { return []Flag{FlagYes, FlagNo} }

// Completenesses returns every stated Completeness in a fresh slice.
func Completenesses() []Completeness {
	return []Completeness{CompletenessComplete, CompletenessIncomplete, CompletenessUnknown}
}

// Acknowledgements returns every stated Acknowledgement in a fresh slice.
func Acknowledgements() []Acknowledgement {
	return []Acknowledgement{AcknowledgementConcluded, AcknowledgementDeclared}
}

// RuleLevels returns every RuleLevel, most binding first, in a fresh slice.
func RuleLevels() []RuleLevel { return []RuleLevel{LevelRequired, LevelAdditional, LevelOptional} }

// MatchStatuses returns every MatchStatus in a fresh slice.
func MatchStatuses() []MatchStatus {
	return []MatchStatus{MatchAffected, MatchNotAffected, MatchUndetermined}
}

// VEXStatuses returns every VEXStatus in a fresh slice.
func VEXStatuses() []VEXStatus {
	return []VEXStatus{StatusNotAffected, StatusAffected, StatusFixed, StatusUnderInvestigation}
}

// Justifications returns every Justification in a fresh slice.
func Justifications() []Justification {
	return []Justification{JustificationComponentNotPresent, JustificationVulnerableCodeNotPresent,
		JustificationVulnerableCodeNotInExecutePath, JustificationVulnerableCodeCannotBeControlledByAdversary,
		JustificationInlineMitigationsAlreadyExist}
}

// Responses returns every Response in a fresh slice.
func Responses() []Response {
	return []Response{ResponseCanNotFix, ResponseWillNotFix, ResponseUpdate, ResponseRollback, ResponseWorkaroundAvailable}
}
