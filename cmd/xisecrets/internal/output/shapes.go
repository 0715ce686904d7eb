package output

import (
	"strings"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// The --json shapes, one struct per kind of line; the package doc lists
// which command prints which. A field means the same, under the same name,
// in every shape: secret_id, name, status, error. Fields are in the order
// of their names, as encoding/json wrote the maps these structs replaced,
// so the bytes printed did not change; Build keeps its own order.

// Secret is a line of list --json and the line of get --json. It keeps the
// API's field names (secret_id, name, used_by and its lists and *_has_more
// flags), so scripts that know the API read it as they would the API's.
type Secret struct {
	Name     string `json:"name"`
	SecretID string `json:"secret_id"`
	UsedBy   Usage  `json:"used_by"`
}

// SecretBound is the line of get --json: the secret as list shows it, and
// environment_variables, one Dependent (kind environment_variables) per
// environment of a variable that binds it, from one listing of the
// environment variables: used_by keeps the API's own fields only.
type SecretBound struct {
	EnvironmentVariables []Dependent `json:"environment_variables"`
	Secret
}

// Usage is a secret's used_by: every list is there, empty rather than
// null; others names users that are not resources, such as
// "conversation_initiation_webhook".
type Usage struct {
	Agents              []Dependent `json:"agents"`
	AgentsHasMore       bool        `json:"agents_has_more"`
	MCPServers          []Dependent `json:"mcp_servers"`
	Others              []string    `json:"others"`
	PhoneNumbers        []Dependent `json:"phone_numbers"`
	PhoneNumbersHasMore bool        `json:"phone_numbers_has_more"`
	Tools               []Dependent `json:"tools"`
	ToolsHasMore        bool        `json:"tools_has_more"`
}

// Dependent is a line of deps --json and an entry of a Usage list. It is
// the library's client.Dependent, one flat shape for the API's several,
// with its own names: kind (the list it is in), id (the API's
// phone_number_id for a phone number), name (the API's label for a phone
// number), accessible (false where the API's type is "unknown"),
// created_at (RFC 3339, not created_at_unix_secs); access_level,
// phone_number, provider and referenced_resource_ids keep the API's names.
// An environment variable (kind environment_variables) has its label as
// name and the environment in which it binds the secret as environment.
// Those six appear only when set.
type Dependent struct {
	AccessLevel           string   `json:"access_level,omitempty"`
	Accessible            bool     `json:"accessible"`
	CreatedAt             string   `json:"created_at,omitempty"`
	Environment           string   `json:"environment,omitempty"`
	ID                    string   `json:"id"`
	Kind                  string   `json:"kind"`
	Name                  string   `json:"name"`
	PhoneNumber           string   `json:"phone_number,omitempty"`
	Provider              string   `json:"provider,omitempty"`
	ReferencedResourceIDs []string `json:"referenced_resource_ids,omitempty"`
}

// Written is the line of create, update and set --json: what the write
// did (status "created" or "updated") to which secret.
type Written struct {
	Name     string `json:"name"`
	SecretID string `json:"secret_id"`
	Status   string `json:"status"`
}

// Deleted is the line of delete --json: status "deleted", or "not found"
// with --ignore-not-found.
type Deleted struct {
	SecretID string `json:"secret_id"`
	Status   string `json:"status"`
}

// Applied is a line of apply --json: one per name in the file and one per
// secret --prune deletes. SecretID is absent where there is no secret yet
// ("would create", a failed lookup); Error is there only with status
// "failed", and never holds a value.
//
// With --env, Label and Environment name the environment variable and
// the environment, and Binding says what was done to that environment's
// value ("created", "set", "unchanged", "unset", "kept", "would ...",
// "failed"); all three are absent without --env.
type Applied struct {
	Binding     string `json:"binding,omitempty"`
	Environment string `json:"environment,omitempty"`
	Error       string `json:"error,omitempty"`
	Label       string `json:"label,omitempty"`
	Name        string `json:"name"`
	SecretID    string `json:"secret_id,omitempty"`
	Status      string `json:"status"`
}

// Build is the line of version --json, what the running binary is; its
// String is the line version prints without --json.
type Build struct {
	Version  string `json:"version"`
	Commit   string `json:"commit"`   // "" when unknown
	Date     string `json:"date"`     // the commit's time; "" when unknown
	Modified bool   `json:"modified"` // uncommitted changes, as far as Go's VCS stamp tells
	Go       string `json:"go"`
	Platform string `json:"platform"` // GOOS/GOARCH
	// ClientVersion is the version the library sends in its User-Agent:
	// the same as Version, unless a build set main.version alone.
	ClientVersion string `json:"client_version"`
}

// NewSecret is s as list and get print it.
func NewSecret(s client.StoredSecret) Secret {
	return Secret{SecretID: s.ID, Name: s.Name, UsedBy: newUsage(s.UsedBy)}
}

// NewSecretBound is s as get prints it, with bound, the environment
// variables that bind it.
func NewSecretBound(s client.StoredSecret, bound []client.Dependent) SecretBound {
	return SecretBound{Secret: NewSecret(s), EnvironmentVariables: newDependents(bound)}
}

func newUsage(u client.Usage) Usage {
	others := u.Others
	if others == nil {
		others = []string{}
	}
	return Usage{
		Tools: newDependents(u.Tools), Agents: newDependents(u.Agents),
		PhoneNumbers: newDependents(u.PhoneNumbers), MCPServers: newDependents(u.MCPServers),
		Others: others, ToolsHasMore: u.ToolsHasMore, AgentsHasMore: u.AgentsHasMore,
		PhoneNumbersHasMore: u.PhoneNumbersHasMore,
	}
}

// newDependents is never nil: an empty list prints as [], not null.
func newDependents(ds []client.Dependent) []Dependent {
	out := make([]Dependent, 0, len(ds))
	for _, d := range ds {
		out = append(out, NewDependent(d))
	}
	return out
}

// NewDependent is d as deps prints it.
func NewDependent(d client.Dependent) Dependent {
	j := Dependent{Kind: string(d.Kind), ID: d.ID, Name: d.Name, Accessible: d.Accessible,
		AccessLevel: d.AccessLevel, PhoneNumber: d.PhoneNumber, Provider: d.Provider, Environment: d.Environment,
		ReferencedResourceIDs: d.ReferencedResourceIDs}
	if !d.CreatedAt.IsZero() {
		j.CreatedAt = d.CreatedAt.Format(time.RFC3339)
	}
	return j
}

// String is the one line `xisecrets version` prints, e.g.
// "xisecrets v1.2.3 (commit 0123abc, 2026-01-02T03:04:05Z; go1.26.0 linux/amd64)".
// Every part is escaped: linker flags are text from outside the code.
func (b Build) String() string {
	var s strings.Builder
	s.WriteString("xisecrets " + textsafe.Escape(b.Version) + " (")
	if b.Commit != "" {
		s.WriteString("commit " + textsafe.Escape(b.Commit))
		if b.Modified {
			s.WriteString(" with uncommitted changes")
		}
		if b.Date != "" {
			s.WriteString(", " + textsafe.Escape(b.Date))
		}
		s.WriteString("; ")
	}
	s.WriteString(textsafe.Escape(b.Go) + " " + b.Platform + ")")
	return s.String()
}
