package client

import (
	"time"

	"github.com/xisecrets/xisecrets/gen"
	"github.com/xisecrets/xisecrets/internal/apijson"
)

// DependencyKind is a kind of resource that can use a secret.
type DependencyKind string

// The kinds of Dependent.Kind; secretstest.MarkInUse takes the first four.
// Secrets.Dependencies lists the first three (gen.SecretDependencyResourceType);
// the API has no listing of MCP servers, so it refuses DependencyMCPServers
// (and DependencyEnvironmentVariables) with ErrInvalidArgument, and
// StoredSecret.UsedBy.MCPServers is where they are. Secrets.Dependents
// yields every kind.
const (
	DependencyTools        DependencyKind = DependencyKind(gen.SecretDependencyResourceTypeTools)
	DependencyAgents       DependencyKind = DependencyKind(gen.SecretDependencyResourceTypeAgents)
	DependencyPhoneNumbers DependencyKind = DependencyKind(gen.SecretDependencyResourceTypePhoneNumbers)
	DependencyMCPServers   DependencyKind = "mcp_servers"
	// DependencyEnvironmentVariables is an environment variable that
	// binds the secret in one environment (Dependent.Environment):
	// Secrets.Dependents and EnvironmentVariables.BindingsOf find them.
	DependencyEnvironmentVariables DependencyKind = "environment_variables"
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
	// Environment is set for environment variables: the environment in
	// which the variable (ID, its label as Name) binds the secret.
	Environment string
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

// Get, List and Dependencies decode into the hand-written apijson types in
// one pass (its package doc says why not the generated models); the
// functions below make them the facade's.

func toDependent(w apijson.Dependent, kind DependencyKind) Dependent {
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
func toDependents(in []apijson.Dependent, kind DependencyKind) []Dependent {
	if len(in) == 0 {
		return nil
	}
	out := make([]Dependent, len(in))
	for i, w := range in {
		out[i] = toDependent(w, kind)
	}
	return out
}

func toUsage(w apijson.Usage) Usage {
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
