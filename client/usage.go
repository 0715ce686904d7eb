package client

import (
	"time"

	"github.com/xisecrets/xisecrets/gen"
)

// DependencyKind is a kind of resource that can use a secret.
type DependencyKind string

// The kinds of Dependent.Kind and secretstest.MarkInUse. Secrets.Dependencies
// lists the first three (gen.SecretDependencyResourceType); the API has no
// listing of MCP servers, so it refuses DependencyMCPServers with
// ErrInvalidArgument, and StoredSecret.UsedBy.MCPServers is where they are.
const (
	DependencyTools        DependencyKind = DependencyKind(gen.SecretDependencyResourceTypeTools)
	DependencyAgents       DependencyKind = DependencyKind(gen.SecretDependencyResourceTypeAgents)
	DependencyPhoneNumbers DependencyKind = DependencyKind(gen.SecretDependencyResourceTypePhoneNumbers)
	DependencyMCPServers   DependencyKind = "mcp_servers"
)

// Dependent is one resource that uses a secret.
type Dependent struct {
	Kind DependencyKind
	// ID is the resource id (for phone numbers, the phone number id).
	ID string
	// Name is the resource name (for phone numbers, the label).
	Name string
	// Accessible is false for a resource the caller has no access to; the
	// API then reveals only its ID.
	Accessible bool
	// AccessLevel is the caller's access: admin, editor, commenter, viewer.
	AccessLevel string
	// CreatedAt is zero when unknown.
	CreatedAt time.Time
	// PhoneNumber and Provider are set for phone numbers.
	PhoneNumber string
	Provider    string
	// ReferencedResourceIDs is set for agents that depend on the secret
	// transitively, through the listed resources.
	ReferencedResourceIDs []string
}

// Usage is the preview of a secret's users that Get and List return. The
// *HasMore flags say the preview was cut; Dependencies lists them all.
type Usage struct {
	Tools        []Dependent
	Agents       []Dependent
	PhoneNumbers []Dependent
	MCPServers   []Dependent
	// Others names non-resource users, e.g. "conversation_initiation_webhook".
	Others []string

	ToolsHasMore        bool
	AgentsHasMore       bool
	PhoneNumbersHasMore bool
}

// InUse reports whether anything uses the secret, i.e. whether Delete
// would fail with ErrSecretInUse.
func (u Usage) InUse() bool {
	return len(u.Tools)+len(u.Agents)+len(u.PhoneNumbers)+len(u.MCPServers)+len(u.Others) > 0 ||
		u.ToolsHasMore || u.AgentsHasMore || u.PhoneNumbersHasMore
}

// The wire types below are the API's JSON for Get, List and Dependencies,
// decoded in one pass straight into the shapes the facade returns. The
// generated types hold each dependent as a union (its raw JSON), which the
// facade had to marshal back and decode again: three copies of every
// dependent, ~200 MiB of heap for a hostile 1 MiB body. TestWireTypesMatch
// keeps their fields those of the generated types.

// wireSecret is a stored secret (gen.ConvAIWorkspaceStoredSecretConfig).
type wireSecret struct {
	SecretID string    `json:"secret_id"`
	Name     string    `json:"name"`
	UsedBy   wireUsage `json:"used_by"`
}

// wireSecretsPage is a List page (gen.GetWorkspaceSecretsResponseModel).
type wireSecretsPage struct {
	Secrets    []wireSecret `json:"secrets"`
	NextCursor *string      `json:"next_cursor"`
}

// wireDependentsPage is a Dependencies page
// (gen.GetSecretDependenciesResponseModel); its list is a union of arrays
// of the three dependent shapes, all of which wireDependent decodes.
type wireDependentsPage struct {
	Dependencies []wireDependent `json:"dependencies"`
	NextCursor   *string         `json:"next_cursor"`
}

// wireUsage is a secret's used_by (gen.ConvAIStoredSecretDependencies).
type wireUsage struct {
	Tools               []wireDependent `json:"tools"`
	Agents              []wireDependent `json:"agents"`
	PhoneNumbers        []wireDependent `json:"phone_numbers"`
	MCPServers          []wireDependent `json:"mcp_servers"`
	Others              []string        `json:"others"`
	ToolsHasMore        bool            `json:"tools_has_more"`
	AgentsHasMore       bool            `json:"agents_has_more"`
	PhoneNumbersHasMore bool            `json:"phone_numbers_has_more"`
}

// wireDependent is the union of the vendor's dependent shapes (available,
// unknown, phone number). The generated union types need a discriminator
// switch per list; one flat struct decodes them all.
type wireDependent struct {
	Type                  string   `json:"type"`
	ID                    string   `json:"id"`
	Name                  string   `json:"name"`
	AccessLevel           string   `json:"access_level"`
	CreatedAtUnixSecs     *int64   `json:"created_at_unix_secs"`
	ReferencedResourceIDs []string `json:"referenced_resource_ids"`
	PhoneNumberID         string   `json:"phone_number_id"`
	PhoneNumber           string   `json:"phone_number"`
	Label                 string   `json:"label"`
	Provider              string   `json:"provider"`
}

func (w wireDependent) toDependent(kind DependencyKind) Dependent {
	d := Dependent{
		Kind:                  kind,
		ID:                    w.ID,
		Name:                  w.Name,
		Accessible:            w.Type != "unknown",
		AccessLevel:           w.AccessLevel,
		ReferencedResourceIDs: w.ReferencedResourceIDs,
		PhoneNumber:           w.PhoneNumber,
		Provider:              w.Provider,
	}
	if w.CreatedAtUnixSecs != nil {
		d.CreatedAt = time.Unix(*w.CreatedAtUnixSecs, 0).UTC()
	}
	if kind == DependencyPhoneNumbers {
		d.ID, d.Name = w.PhoneNumberID, w.Label
	}
	return d
}

// toDependents converts a decoded list; an empty one is nil.
func toDependents(in []wireDependent, kind DependencyKind) []Dependent {
	if len(in) == 0 {
		return nil
	}
	out := make([]Dependent, len(in))
	for i, w := range in {
		out[i] = w.toDependent(kind)
	}
	return out
}

func (w wireUsage) toUsage() Usage {
	u := Usage{
		Tools:               toDependents(w.Tools, DependencyTools),
		Agents:              toDependents(w.Agents, DependencyAgents),
		PhoneNumbers:        toDependents(w.PhoneNumbers, DependencyPhoneNumbers),
		MCPServers:          toDependents(w.MCPServers, DependencyMCPServers),
		ToolsHasMore:        w.ToolsHasMore,
		AgentsHasMore:       w.AgentsHasMore,
		PhoneNumbersHasMore: w.PhoneNumbersHasMore,
	}
	if len(w.Others) > 0 {
		u.Others = w.Others
	}
	return u
}
