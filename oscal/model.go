package oscal

import "time"

// Namespace is the ns of every prop and part the SDK defines (OSCAL's own
// names, such as the "statement" part or the "label" prop, carry no ns).
const Namespace = "https://github.com/sdlkit/iec62443/ns/oscal"

// Version is the OSCAL version the package writes (oscal-version); every
// document it writes validates against the official OSCAL 1.2.2 complete JSON
// schema. [DecodeCatalog] reads catalogs of OSCAL 1.1.x and 1.2.x.
const Version = "1.2.2"

// Catalog is an OSCAL catalog: the part of the OSCAL catalog model the SDK
// writes ([EncodeCatalog]) and reads ([DecodeCatalog]). Members it does not
// model (parameters, back matter) are ignored on reading.
type Catalog struct {
	// UUID identifies this catalog instance.
	UUID string `json:"uuid"`
	// Metadata describes the document.
	Metadata Metadata `json:"metadata"`
	// Groups holds the groups (the SDK writes one per practice).
	Groups []Group `json:"groups,omitzero"`
	// Controls holds controls outside any group.
	Controls []Control `json:"controls,omitzero"`
}

// Metadata is the metadata of an OSCAL document.
type Metadata struct {
	// Title names the document.
	Title string `json:"title"`
	// Published is when the document was published; zero when not given.
	Published time.Time `json:"published,omitzero"`
	// LastModified is when the document was last stored.
	LastModified time.Time `json:"last-modified"`
	// Version is the document's own version; for catalogs the SDK writes,
	// the catalog version ([requirement.Catalog.Version]).
	Version string `json:"version"`
	// OSCALVersion is the OSCAL version the document conforms to.
	OSCALVersion string `json:"oscal-version"`
	// Props are properties of the document.
	Props []Property `json:"props,omitzero"`
	// Links are references to related resources.
	Links []Link `json:"links,omitzero"`
	// Roles defines the roles parties play.
	Roles []Role `json:"roles,omitzero"`
	// Parties are the people and organisations the document names.
	Parties []Party `json:"parties,omitzero"`
	// ResponsibleParties assigns parties to roles.
	ResponsibleParties []ResponsibleParty `json:"responsible-parties,omitzero"`
	// Remarks is free text (Markdown).
	Remarks string `json:"remarks,omitzero"`
}

// Role is a function a party plays, such as "assessor".
type Role struct {
	// ID names the role.
	ID string `json:"id"`
	// Title is the role's display name.
	Title string `json:"title"`
}

// Party is a person or organisation.
type Party struct {
	// UUID identifies the party.
	UUID string `json:"uuid"`
	// Type is "person" or "organization".
	Type string `json:"type"`
	// Name is the full name.
	Name string `json:"name"`
}

// ResponsibleParty assigns parties to a role.
type ResponsibleParty struct {
	// RoleID is the ID of a role of the metadata.
	RoleID string `json:"role-id"`
	// PartyUUIDs are the UUIDs of parties of the metadata.
	PartyUUIDs []string `json:"party-uuids"`
}

// Property is a name-value pair that qualifies its parent. The SDK's own
// properties carry [Namespace] as NS.
type Property struct {
	// Name names the property.
	Name string `json:"name"`
	// NS is the namespace of Name; "" for OSCAL's own names.
	NS string `json:"ns,omitzero"`
	// Value is the value: one line without leading or trailing space.
	Value string `json:"value"`
	// Class sub-types the property.
	Class string `json:"class,omitzero"`
	// Remarks is free text (Markdown).
	Remarks string `json:"remarks,omitzero"`
}

// Link is a reference to a resource.
type Link struct {
	// Href is the URI reference.
	Href string `json:"href"`
	// Rel says how the resource relates to the parent.
	Rel string `json:"rel,omitzero"`
	// MediaType is the resource's media type.
	MediaType string `json:"media-type,omitzero"`
	// Text is the link text.
	Text string `json:"text,omitzero"`
}

// Group is a group of controls; the SDK writes one group per practice.
type Group struct {
	// ID identifies the group, such as "SM".
	ID string `json:"id,omitzero"`
	// Class sub-types the group; the SDK writes "practice".
	Class string `json:"class,omitzero"`
	// Title is the group's name.
	Title string `json:"title"`
	// Props are properties of the group.
	Props []Property `json:"props,omitzero"`
	// Links are references to related resources.
	Links []Link `json:"links,omitzero"`
	// Parts hold the group's text.
	Parts []Part `json:"parts,omitzero"`
	// Groups are sub-groups.
	Groups []Group `json:"groups,omitzero"`
	// Controls are the group's controls.
	Controls []Control `json:"controls,omitzero"`
}

// Control is one control; the SDK writes one control per requirement, with
// the requirement ID as control ID.
type Control struct {
	// ID identifies the control, such as "SM-1".
	ID string `json:"id"`
	// Class sub-types the control; the SDK writes "requirement".
	Class string `json:"class,omitzero"`
	// Title is the control's title.
	Title string `json:"title"`
	// Props are properties of the control.
	Props []Property `json:"props,omitzero"`
	// Links are references to related resources.
	Links []Link `json:"links,omitzero"`
	// Parts hold the control's text.
	Parts []Part `json:"parts,omitzero"`
	// Controls are sub-controls (enhancements).
	Controls []Control `json:"controls,omitzero"`
}

// Part is a piece of the text of a group, control or part.
type Part struct {
	// ID identifies the part.
	ID string `json:"id,omitzero"`
	// Name says what the part is, such as "statement" or "item".
	Name string `json:"name"`
	// NS is the namespace of Name; "" for OSCAL's own names.
	NS string `json:"ns,omitzero"`
	// Class sub-types the part.
	Class string `json:"class,omitzero"`
	// Title is the part's title.
	Title string `json:"title,omitzero"`
	// Props are properties of the part.
	Props []Property `json:"props,omitzero"`
	// Prose is the part's text (Markdown).
	Prose string `json:"prose,omitzero"`
	// Parts are sub-parts.
	Parts []Part `json:"parts,omitzero"`
	// Links are references to related resources.
	Links []Link `json:"links,omitzero"`
}
