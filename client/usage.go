package client

import (
	"encoding/json"
	"fmt"
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

// decodeDependents converts any generated list (union items marshal back
// to their raw JSON) into Dependents of one kind.
func decodeDependents(items any, kind DependencyKind) ([]Dependent, error) {
	raw, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	var wire []wireDependent
	if err := json.Unmarshal(raw, &wire); err != nil {
		return nil, fmt.Errorf("decoding %s: %w", kind, err)
	}
	if len(wire) == 0 {
		return nil, nil
	}
	out := make([]Dependent, len(wire))
	for i, w := range wire {
		out[i] = w.toDependent(kind)
	}
	return out, nil
}

func toUsage(in gen.ConvAIStoredSecretDependencies) (Usage, error) {
	var u Usage
	var err error
	lists := []struct {
		dst   *[]Dependent
		items any
		kind  DependencyKind
	}{
		{&u.Tools, in.Tools, DependencyTools},
		{&u.Agents, in.Agents, DependencyAgents},
		{&u.PhoneNumbers, deref(in.PhoneNumbers), DependencyPhoneNumbers},
		{&u.MCPServers, deref(in.MCPServers), DependencyMCPServers},
	}
	for _, l := range lists {
		if *l.dst, err = decodeDependents(l.items, l.kind); err != nil {
			return Usage{}, err
		}
	}
	for _, o := range in.Others {
		u.Others = append(u.Others, string(o))
	}
	u.ToolsHasMore, u.AgentsHasMore, u.PhoneNumbersHasMore = deref(in.ToolsHasMore), deref(in.AgentsHasMore), deref(in.PhoneNumbersHasMore)
	return u, nil
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
