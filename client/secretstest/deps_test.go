package secretstest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/gen"
)

func TestMarkInUseErrors(t *testing.T) {
	s := NewServer(t)
	id := create(t, s, "n", "v")
	if err := s.MarkInUse("unknown", "tools", "t"); err == nil {
		t.Error("unknown secret: no error")
	}
	if err := s.MarkInUse(id, "users", "m"); err == nil {
		t.Error("unknown resource type: no error")
	}
}

// MCP servers are a kind like the others: MarkInUse takes it, used_by
// shows it (validated against the spec), and delete refuses.
func TestMarkInUseMCPServer(t *testing.T) {
	s := NewServer(t)
	id := create(t, s, "n", "v")
	if err := s.MarkInUse(id, client.DependencyMCPServers, "search server"); err != nil {
		t.Fatal(err)
	}
	r := call(t, s, "GET", "/v1/convai/secrets/"+id, nil)
	mcp, _ := r.json(t)["used_by"].(map[string]any)["mcp_servers"].([]any)
	if r.status != http.StatusOK || len(mcp) != 1 || mcp[0].(map[string]any)["name"] != "search server" {
		t.Fatalf("get: %d, used_by.mcp_servers = %v; want the server", r.status, mcp)
	}
	if r := call(t, s, "DELETE", "/v1/convai/secrets/"+id, nil); r.status != http.StatusConflict {
		t.Errorf("delete of a secret an MCP server uses: %d, want 409", r.status)
	}
}

func TestSeed(t *testing.T) {
	s := NewServer(t)
	a, err := s.Seed("DUP", "one")
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Seed("DUP", "two")
	if err != nil || a == b || !s.ValueIs(a, "one") || !s.ValueIs(b, "two") || s.Len() != 2 {
		t.Fatalf("Seed twice: %s %s %v; want two secrets with their values", a, b, err)
	}
	if len(s.Requests()) != 0 {
		t.Error("Seed recorded a request")
	}
	for _, bad := range [][2]string{{"", "v"}, {" ", "v"}, {"n", ""}, {"n", "\xff"}} {
		if _, err := s.Seed(bad[0], bad[1]); err == nil {
			t.Errorf("Seed(%q, value) accepted what the client refuses", bad[0])
		}
	}
}

func TestDeleteInUse(t *testing.T) {
	s := NewServer(t)
	id := create(t, s, "n", "v")
	if err := s.MarkInUse(id, "tools", "webhook"); err != nil {
		t.Fatal(err)
	}
	r := call(t, s, "DELETE", "/v1/convai/secrets/"+id, nil)
	if r.status != http.StatusConflict || r.detailStatus(t) != "secret_in_use" {
		t.Fatalf("delete in use: %d %s, want 409 secret_in_use", r.status, r.body)
	}
	msg := r.json(t)["detail"].(map[string]any)["message"].(string)
	if !strings.HasPrefix(msg, "Secret is in use by 1 tool(s)") {
		t.Errorf("message %q", msg)
	}
	if s.Len() != 1 {
		t.Error("a secret in use was deleted")
	}
}

func TestDependenciesPaging(t *testing.T) {
	s := NewServer(t)
	c, ctx := genClient(t, s), context.Background()
	id := create(t, s, "n", "v")
	for i := range 25 {
		if err := s.MarkInUse(id, "agents", fmt.Sprintf("agent%02d", i)); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	var sizes []int
	params := &gen.SecretsGetDependenciesParams{}
	for {
		r, err := c.SecretsGetDependenciesWithResponse(ctx, id, gen.SecretDependencyResourceType("agents"), params)
		if err != nil || r.JSON200 == nil {
			t.Fatalf("dependencies: %v %d %s", err, r.StatusCode(), r.Body)
		}
		agents, err := r.JSON200.Dependencies.AsGetSecretDependenciesResponseModelDependencies1()
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range agents {
			v, err := a.AsDependentAvailableAgentIdentifier()
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, v.Name)
		}
		sizes = append(sizes, len(agents))
		if r.JSON200.NextCursor == nil {
			break
		}
		params.Cursor = r.JSON200.NextCursor
	}
	if fmt.Sprint(sizes) != "[20 5]" || names[0] != "agent00" || names[24] != "agent24" {
		t.Errorf("default page size: pages %v, names %v", sizes, names)
	}

	r := call(t, s, "GET", "/v1/convai/secrets/"+id+"/dependencies/tools?page_size=1", nil)
	if deps := r.json(t)["dependencies"].([]any); r.status != http.StatusOK || len(deps) != 0 || r.json(t)["next_cursor"] != nil {
		t.Errorf("no tools: %d %s", r.status, r.body)
	}
}

func TestPhoneNumberDependents(t *testing.T) {
	s := NewServer(t)
	id := create(t, s, "n", "v")
	if err := s.MarkInUse(id, "phone_numbers", "Support line"); err != nil {
		t.Fatal(err)
	}
	r := call(t, s, "GET", "/v1/convai/secrets/"+id+"/dependencies/phone_numbers", nil)
	deps := r.json(t)["dependencies"].([]any)
	if len(deps) != 1 || deps[0].(map[string]any)["label"] != "Support line" {
		t.Errorf("phone numbers: %s", r.body)
	}
	used := call(t, s, "GET", "/v1/convai/secrets/"+id, nil).json(t)["used_by"].(map[string]any)
	if len(used["phone_numbers"].([]any)) != 1 {
		t.Errorf("used_by: %v", used)
	}
}
