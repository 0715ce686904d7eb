package secretstest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/sealed"
	"github.com/xisecrets/xisecrets/gen"
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
	envs    []*envVar          // environment variables, in creation order (envstore.go)
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

func (st *store) create(name, value string) gen.ConvAIWorkspaceStoredSecretConfig {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec := &secret{id: "sec_" + randomHex(12), name: name, value: sealed.Seal(value), seq: st.next(), deps: map[string][]dependent{}}
	st.byID[sec.id] = sec
	st.ordered = append(st.ordered, sec)
	return sec.view(0)
}

func (st *store) get(id string) (gen.ConvAIWorkspaceStoredSecretConfig, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return gen.ConvAIWorkspaceStoredSecretConfig{}, errNotFound
	}
	return sec.view(0), nil
}

// update replaces name and value: the vendor's PATCH requires both, so it is
// a full replacement and keeps only the id and the dependents.
func (st *store) update(id, name, value string) (gen.ConvAIWorkspaceStoredSecretConfig, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return gen.ConvAIWorkspaceStoredSecretConfig{}, errNotFound
	}
	sec.name, sec.value = name, sealed.Seal(value)
	return sec.view(0), nil
}

// inUseError is why delete refused; it counts dependents by type, and
// names the environment variables that bind the secret ("label (env)").
type inUseError struct {
	tools, agents, phoneNumbers, mcpServers int
	bound                                   string
}

// Error implements error.
func (e *inUseError) Error() string {
	msg := fmt.Sprintf("Secret is in use by %d tool(s), %d agent(s), %d phone number(s) and %d MCP server(s)",
		e.tools, e.agents, e.phoneNumbers, e.mcpServers)
	if e.bound != "" {
		msg += " and bound by environment variable(s) " + e.bound
	}
	return msg + "; remove it from them before deleting it"
}

func (st *store) delete(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return errNotFound
	}
	if e := (&inUseError{len(sec.deps["tools"]), len(sec.deps["agents"]), len(sec.deps["phone_numbers"]), len(sec.deps["mcp_servers"]), st.bindings(id)}); *e != (inUseError{}) {
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
func (st *store) list(prefix string, after uint64, pageSize, depLimit int) (page []gen.ConvAIWorkspaceStoredSecretConfig, next uint64) {
	st.mu.Lock()
	defer st.mu.Unlock()
	page = []gen.ConvAIWorkspaceStoredSecretConfig{}
	var last uint64 // the sequence number of page's last secret
	for _, sec := range st.ordered {
		if sec.seq <= after || !strings.HasPrefix(sec.name, prefix) {
			continue
		}
		if pageSize > 0 && len(page) == pageSize {
			return page, last
		}
		page, last = append(page, sec.view(depLimit)), sec.seq
	}
	return page, 0
}

// dependencies pages through one resource type's dependents of a secret in
// the same way list pages through secrets. The resource type is one the
// spec lets a request name: tools, agents or phone_numbers.
func (st *store) dependencies(id, resourceType string, after uint64, pageSize int) (page gen.GetSecretDependenciesResponseModel_Dependencies, next uint64, err error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sec, ok := st.byID[id]
	if !ok {
		return page, 0, errNotFound
	}
	deps := sec.deps[resourceType]
	start := slices.IndexFunc(deps, func(d dependent) bool { return d.seq > after })
	if start < 0 {
		start = len(deps)
	}
	end := min(start+pageSize, len(deps))
	if end < len(deps) {
		next = deps[end-1].seq
	}
	deps = deps[start:end]
	switch resourceType {
	case "tools":
		err = page.FromGetSecretDependenciesResponseModelDependencies0(union(deps, dependent.tool,
			(*gen.GetSecretDependenciesResponseModel_Dependencies_0_Item).FromDependentAvailableToolIdentifier))
	case "agents":
		err = page.FromGetSecretDependenciesResponseModelDependencies1(union(deps, dependent.agent,
			(*gen.GetSecretDependenciesResponseModel_Dependencies_1_Item).FromDependentAvailableAgentIdentifier))
	case "phone_numbers":
		err = page.FromGetSecretDependenciesResponseModelDependencies2(render(deps, dependent.phoneNumber))
	default:
		panic("secretstest: the spec lets dependencies of " + resourceType + " be listed, and the fake cannot")
	}
	mustEncode(err)
	return page, next, nil
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

// view is sec as the API shows it, without the value: each dependents list
// capped at limit (0: no cap) with the matching *_has_more flag. It is
// built under the lock, and shares nothing with sec.
func (sec *secret) view(limit int) gen.ConvAIWorkspaceStoredSecretConfig {
	tools, toolsHasMore := capped(sec.deps["tools"], limit)
	agents, agentsHasMore := capped(sec.deps["agents"], limit)
	phones, phonesHasMore := capped(sec.deps["phone_numbers"], limit)
	phoneNumbers := render(phones, dependent.phoneNumber)
	// The API has no mcp_servers_has_more: its preview is never cut.
	mcpServers := union(sec.deps["mcp_servers"], dependent.mcpServer,
		(*gen.ConvAIStoredSecretDependencies_MCPServers_Item).FromDependentAvailableMCPServerIdentifier)
	return gen.ConvAIWorkspaceStoredSecretConfig{
		Type:     gen.ConvAIWorkspaceStoredSecretConfigTypeStored,
		SecretID: sec.id,
		Name:     sec.name,
		// Every list and flag is sent, empty or false, as the vendor does.
		UsedBy: gen.ConvAIStoredSecretDependencies{
			Tools: union(tools, dependent.tool,
				(*gen.ConvAIStoredSecretDependencies_Tools_Item).FromDependentAvailableToolIdentifier),
			Agents: union(agents, dependent.agent,
				(*gen.ConvAIStoredSecretDependencies_Agents_Item).FromDependentAvailableAgentIdentifier),
			PhoneNumbers:        &phoneNumbers,
			MCPServers:          &mcpServers,
			Others:              []gen.SecretDependencyType{},
			ToolsHasMore:        &toolsHasMore,
			AgentsHasMore:       &agentsHasMore,
			PhoneNumbersHasMore: &phonesHasMore,
		},
	}
}

// capped is deps cut to limit (0: no cap), and whether it was cut.
func capped(deps []dependent, limit int) ([]dependent, bool) {
	if limit > 0 && len(deps) > limit {
		return deps[:limit], true
	}
	return deps, false
}
