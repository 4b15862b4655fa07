package risk

import (
	"testing"

	"github.com/sdlkit/iec62443/internal/nilwalk"
)

// TestNilInput calls every exported function and method with nil and zero
// arguments: errors, never panics.
func TestNilInput(t *testing.T) {
	fns := map[string]any{
		"Advance": Advance, "AdvanceRisk": AdvanceRisk, "Applicability.Lookup": (*Applicability).Lookup,
		"ApplicabilityBases": ApplicabilityBases, "ApplicabilityBasis.MarshalText": ApplicabilityBasis.MarshalText,
		"ApplicabilityBasis.String": ApplicabilityBasis.String, "ApplicabilityBasis.UnmarshalText": (*ApplicabilityBasis).UnmarshalText,
		"ApplicabilityBasis.Valid": ApplicabilityBasis.Valid, "AssessApplicability": AssessApplicability,
		"AssetKind.MarshalText": AssetKind.MarshalText, "AssetKind.String": AssetKind.String,
		"AssetKind.UnmarshalText": (*AssetKind).UnmarshalText, "AssetKind.Valid": AssetKind.Valid, "AssetKinds": AssetKinds,
		"AttackVector.MarshalText": AttackVector.MarshalText, "AttackVector.String": AttackVector.String,
		"AttackVector.UnmarshalText": (*AttackVector).UnmarshalText, "AttackVector.Valid": AttackVector.Valid, "AttackVectors": AttackVectors,
		"CSVHeader": CSVHeader, "CanTransition": CanTransition, "Check": Check, "Decode": Decode, "DecodeYAML": DecodeYAML,
		"DefaultBaselinePractices": DefaultBaselinePractices, "DefaultMatrix": DefaultMatrix, "Encode": Encode, "Evaluate": Evaluate,
		"Evaluation.LastReview": (*Evaluation).LastReview, "Evaluation.RiskState": (*Evaluation).RiskState,
		"ImportThreatDragon": ImportThreatDragon, "InterfaceKind.MarshalText": InterfaceKind.MarshalText,
		"InterfaceKind.String": InterfaceKind.String, "InterfaceKind.UnmarshalText": (*InterfaceKind).UnmarshalText,
		"InterfaceKind.Valid": InterfaceKind.Valid, "InterfaceKinds": InterfaceKinds, "Matrix.IsZero": Matrix.IsZero,
		"Matrix.Rate": Matrix.Rate, "Matrix.RatingOf": Matrix.RatingOf, "ModuleCovers": ModuleCovers, "ParseCVSS": ParseCVSS,
		"Rating.IsZero": Rating.IsZero, "Rating.String": Rating.String, "RenderCSV": RenderCSV, "RenderMarkdown": RenderMarkdown,
		"ReviewTrigger.MarshalText": ReviewTrigger.MarshalText, "ReviewTrigger.String": ReviewTrigger.String,
		"ReviewTrigger.UnmarshalText": (*ReviewTrigger).UnmarshalText, "ReviewTrigger.Valid": ReviewTrigger.Valid,
		"ReviewTriggers": ReviewTriggers, "Rules": Rules, "Schema": Schema, "State.MarshalText": State.MarshalText,
		"State.String": State.String, "State.UnmarshalText": (*State).UnmarshalText, "State.Valid": State.Valid, "States": States,
		"Stride.Letter": Stride.Letter, "Stride.MarshalText": Stride.MarshalText, "Stride.String": Stride.String,
		"Stride.UnmarshalText": (*Stride).UnmarshalText, "Stride.Valid": Stride.Valid, "Strides": Strides,
		"ThreatSource.MarshalText": ThreatSource.MarshalText, "ThreatSource.String": ThreatSource.String,
		"ThreatSource.UnmarshalText": (*ThreatSource).UnmarshalText, "ThreatSource.Valid": ThreatSource.Valid,
		"ThreatSources": ThreatSources, "TransitionError.Error": (*TransitionError).Error,
		"TransitionError.Unwrap": (*TransitionError).Unwrap, "TreatmentOption.MarshalText": TreatmentOption.MarshalText,
		"TreatmentOption.String": TreatmentOption.String, "TreatmentOption.UnmarshalText": (*TreatmentOption).UnmarshalText,
		"TreatmentOption.Valid": TreatmentOption.Valid, "TreatmentOptions": TreatmentOptions, "Validate": Validate,
	}
	nilwalk.Check(t, ".", fns, nil)
}
