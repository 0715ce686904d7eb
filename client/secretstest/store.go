package secretstest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/sealed"
)

// errNotFound is what store methods return for an unknown secret id.
var errNotFound = errors.New("secret not found")

// store is the fake's state. One mutex guards it all: the fake is for tests,
// and a single lock makes every operation trivially linearizable.
type store struct {
	mu      sync.Mutex
	seq     uint64             // last sequence number handed out; orders secrets and dependents
	byID    map[string]*secret // secret_id -> secret
	ordered []*secret          // creation order, which list pages follow
}

type secret struct {
	id, name string
	value    sealed.Value
	seq      uint64
	deps     map[string][]dependent // resource type -> dependents, in MarkInUse order
}

// dependent is a resource that uses a secret, as MarkInUse made it.
type dependent struct {
	seq     uint64
	id      string
	name    string
	created int64
}

func newStore() *store { return &store{byID: map[string]*secret{}} }

func (st *store) next() uint64 { st.seq++; return st.seq }

func (st *store) create(name, value string) secretView {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec := &secret{id: "sec_" + randomHex(12), name: name, value: sealed.Seal(value), seq: st.next(), deps: map[string][]dependent{}}
	st.byID[sec.id] = sec
	st.ordered = append(st.ordered, sec)
	return sec.view(0)
}

func (st *store) get(id string) (secretView, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return secretView{}, errNotFound
	}
	return sec.view(0), nil
}

// update replaces name and value: the vendor's PATCH requires both, so it is
// a full replacement and keeps only the id and the dependents.
func (st *store) update(id, name, value string) (secretView, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return secretView{}, errNotFound
	}
	sec.name, sec.value = name, sealed.Seal(value)
	return sec.view(0), nil
}

// inUseError is why delete refused; it counts dependents by type.
type inUseError struct{ tools, agents, phoneNumbers, mcpServers int }

// Error implements error.
func (e *inUseError) Error() string {
	return fmt.Sprintf("Secret is in use by %d tool(s), %d agent(s), %d phone number(s) and %d MCP server(s); remove it from them before deleting it",
		e.tools, e.agents, e.phoneNumbers, e.mcpServers)
}

func (st *store) delete(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return errNotFound
	}
	if e := (&inUseError{len(sec.deps["tools"]), len(sec.deps["agents"]), len(sec.deps["phone_numbers"]), len(sec.deps["mcp_servers"])}); *e != (inUseError{}) {
		return e
	}
	delete(st.byID, id)
	for i, o := range st.ordered {
		if o == sec {
			st.ordered = append(st.ordered[:i], st.ordered[i+1:]...)
			break
		}
	}
	return nil
}

// list returns the secrets created after the one with sequence number
// after, whose names start with prefix, at most pageSize of them (0: all).
// next is the sequence number to continue after, 0 on the last page. Paging
// by sequence number keeps a cursor valid when secrets are deleted between
// pages, and never repeats or skips a secret that existed throughout.
func (st *store) list(prefix string, after uint64, pageSize, depLimit int) (page []secretView, next uint64) {
	st.mu.Lock()
	defer st.mu.Unlock()
	page = []secretView{}
	for _, sec := range st.ordered {
		if sec.seq <= after || !strings.HasPrefix(sec.name, prefix) {
			continue
		}
		if pageSize > 0 && len(page) == pageSize {
			return page, page[len(page)-1].seq
		}
		page = append(page, sec.view(depLimit))
	}
	return page, 0
}

// dependencies pages through one resource type's dependents of a secret in
// the same way list pages through secrets.
func (st *store) dependencies(id, resourceType string, after uint64, pageSize int) (page []any, next uint64, err error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return nil, 0, errNotFound
	}
	page = []any{}
	for i, d := range sec.deps[resourceType] {
		if d.seq <= after {
			continue
		}
		if len(page) == pageSize {
			return page, sec.deps[resourceType][i-1].seq, nil
		}
		page = append(page, d.json(resourceType))
	}
	return page, 0, nil
}

// idPrefixes are the id prefixes of made-up dependents, by resource type;
// they are also the types MarkInUse accepts.
var idPrefixes = map[string]string{"tools": "tool_", "agents": "agent_", "phone_numbers": "phnum_", "mcp_servers": "mcp_"}

func (st *store) markInUse(id, resourceType, name string) error {
	prefix, ok := idPrefixes[resourceType]
	if !ok {
		return fmt.Errorf("secretstest: resource type %q is not one of tools, agents, phone_numbers, mcp_servers", resourceType)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return fmt.Errorf("secretstest: secret %q: %w", id, errNotFound)
	}
	sec.deps[resourceType] = append(sec.deps[resourceType], dependent{
		seq: st.next(), id: prefix + randomHex(10), name: name, created: time.Now().Unix(),
	})
	return nil
}

func (st *store) len() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.byID)
}

func (st *store) valueIs(id, value string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return false
	}
	return sec.value.Equal(value)
}

// secretView is a secret as the API shows it (ConvAIWorkspaceStoredSecretConfig):
// a copy taken under the lock, without the value.
type secretView struct {
	Type     string `json:"type"`
	SecretID string `json:"secret_id"`
	Name     string `json:"name"`
	UsedBy   usedBy `json:"used_by"`
	seq      uint64
}

// usedBy is ConvAIStoredSecretDependencies. The slices are never nil: the
// spec wants arrays, and null would (rightly) fail response validation.
type usedBy struct {
	Tools               []any    `json:"tools"`
	Agents              []any    `json:"agents"`
	Others              []string `json:"others"`
	PhoneNumbers        []any    `json:"phone_numbers"`
	MCPServers          []any    `json:"mcp_servers"`
	ToolsHasMore        bool     `json:"tools_has_more"`
	AgentsHasMore       bool     `json:"agents_has_more"`
	PhoneNumbersHasMore bool     `json:"phone_numbers_has_more"`
}

// view copies sec for a response, each dependents list capped at limit
// (0: no cap) with the matching *_has_more flag.
func (sec *secret) view(limit int) secretView {
	preview := func(rt string, limit int) ([]any, bool) {
		all := sec.deps[rt]
		out := make([]any, 0, len(all))
		for _, d := range all {
			if limit > 0 && len(out) == limit {
				return out, true
			}
			out = append(out, d.json(rt))
		}
		return out, false
	}
	v := secretView{Type: "stored", SecretID: sec.id, Name: sec.name, seq: sec.seq}
	v.UsedBy.Tools, v.UsedBy.ToolsHasMore = preview("tools", limit)
	v.UsedBy.Agents, v.UsedBy.AgentsHasMore = preview("agents", limit)
	v.UsedBy.PhoneNumbers, v.UsedBy.PhoneNumbersHasMore = preview("phone_numbers", limit)
	// The API has no mcp_servers_has_more: its preview is never cut.
	v.UsedBy.MCPServers, _ = preview("mcp_servers", 0)
	v.UsedBy.Others = []string{}
	return v
}

// json renders d as the spec's identifier for its resource type: the
// "available" variant for tools and agents (the caller made them, so it has
// access), DependentPhoneNumberIdentifier for phone numbers, whose label is
// the name given to MarkInUse and whose number is made up from its sequence.
func (d dependent) json(resourceType string) any {
	if resourceType == "phone_numbers" {
		return map[string]any{
			"phone_number_id": d.id,
			"phone_number":    fmt.Sprintf("+1555%07d", d.seq%10_000_000),
			"label":           d.name,
			"provider":        "twilio",
		}
	}
	return map[string]any{
		"type":                 "available",
		"id":                   d.id,
		"name":                 d.name,
		"created_at_unix_secs": d.created,
		"access_level":         "admin",
	}
}
