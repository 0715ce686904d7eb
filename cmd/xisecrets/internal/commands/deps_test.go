package commands

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// usedByEveryKind creates a secret that one dependent of each kind uses.
func usedByEveryKind(t *testing.T, h *harness, name string) string {
	t.Helper()
	id := h.createJSON(name)
	for _, k := range dependencyKinds {
		if k == client.DependencyEnvironmentVariables {
			// A binding is the use; a label has no spaces.
			if _, err := h.srv.SeedEnvironmentVariable(envUser, client.EnvironmentVariableSecret,
				map[string]client.EnvironmentValue{client.EnvironmentProduction: client.SecretValue(id)}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := h.srv.MarkInUse(id, k, "the "+string(k)+" user"); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// envUser is the label of the environment variable usedByEveryKind binds.
const envUser = "the_environment_variables_user"

// depsKinds runs deps --json and returns the kind of each line.
func depsKinds(t *testing.T, out string) []string {
	t.Helper()
	var kinds []string
	for line := range strings.Lines(out) {
		var d struct{ Kind, Name string }
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("deps --json: %q is not JSON: %v", line, err)
		}
		if d.Name != "the "+d.Kind+" user" && (d.Kind != string(client.DependencyEnvironmentVariables) || d.Name != envUser) {
			t.Errorf("deps --json: %s dependent named %q", d.Kind, d.Name)
		}
		kinds = append(kinds, d.Kind)
	}
	return kinds
}

// TestDepsListsEveryKind: without --type, deps lists tools, agents, phone
// numbers and MCP servers (these from used_by), in that order; --type
// narrows it to one.
func TestDepsListsEveryKind(t *testing.T) {
	h := newHarness(t)
	usedByEveryKind(t, h, "SHARED")
	all := []string{"tools", "agents", "phone_numbers", "mcp_servers", "environment_variables"}
	if got := depsKinds(t, h.mustRun("", "deps", "SHARED", "--json")); !slices.Equal(got, all) {
		t.Errorf("deps --json: kinds %v, want %v", got, all)
	}
	out := h.mustRun("", "deps", "SHARED")
	if !strings.HasPrefix(out, "KIND") {
		t.Errorf("deps: want the KIND table, got:\n%s", out)
	}
	for _, k := range all[:4] {
		if !strings.Contains(out, "the "+k+" user") {
			t.Errorf("deps: the %s dependent is missing:\n%s", k, out)
		}
	}
	for _, k := range all {
		if got := depsKinds(t, h.mustRun("", "deps", "SHARED", "--type", k, "--json")); !slices.Equal(got, []string{k}) {
			t.Errorf("deps --type %s: kinds %v", k, got)
		}
	}
}

// TestDepsKindFailure: a kind whose listing fails is named, after the
// kinds that were listed; exit 1.
func TestDepsKindFailure(t *testing.T) {
	h := newHarness(t)
	id := usedByEveryKind(t, h, "SHARED")
	f := secretstest.Fault{Path: "/v1/convai/secrets/" + id + "/dependencies/agents", Status: http.StatusInternalServerError, Body: `{"detail":"boom"}`}
	h.srv.Inject(f, f, f) // the first try and both retries
	r := h.run("", "deps", "SHARED", "--json")
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "could not list its agents; the other kinds are listed above") {
		t.Errorf("want exit 1 naming agents, got %d %q", r.code, r.stderr)
	}
	if got, want := depsKinds(t, r.stdout), []string{"tools", "phone_numbers", "mcp_servers", "environment_variables"}; !slices.Equal(got, want) {
		t.Errorf("listed kinds %v, want %v", got, want)
	}
}

// TestDepsTypeIsNeverQuoted: a bad --type is refused by listing the
// kinds; the value (which may be a pasted secret) is not repeated.
func TestDepsTypeIsNeverQuoted(t *testing.T) {
	const value = "sk_live_LEAKCANARY9"
	for _, args := range [][]string{{"deps", "X", "--type", value}, {"deps", "X", "--type=" + value}, {"deps", "X", "--type="}} {
		r := runWithout(t, args...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != cli.ExitUsage || strings.Contains(r.stderr, value) || first != "xisecrets: flag --type: want one of tools, agents, phone_numbers, mcp_servers, environment_variables (the value given is not repeated)" {
			t.Errorf("want exit 2 listing the kinds, got %d %q", r.code, strings.ReplaceAll(first, value, "<value>"))
		}
	}
}

// TestGetShowsDependentsByName: get's USED BY lists each dependent as
// "kind: name", one per line, and says when the preview was cut; --json
// keeps the used_by object.
func TestGetShowsDependentsByName(t *testing.T) {
	h := newHarness(t)
	id := usedByEveryKind(t, h, "SHARED")
	out := h.mustRun("", "get", "SHARED")
	for _, want := range []string{"tool: the tools user", "agent: the agents user", "phone number: the phone_numbers user", "MCP server: the mcp_servers user",
		"environment variable: " + envUser + " (production)"} {
		if !strings.Contains(out, want) {
			t.Errorf("get: want %q in USED BY, got:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 6 {
		t.Errorf("get: want a header and 5 lines, got %d:\n%s", n, out)
	}
	var got struct {
		ID    string `json:"secret_id"`
		Bound []struct {
			Kind, ID, Name, Environment string
		} `json:"environment_variables"`
		UsedBy struct {
			Tools      []map[string]any `json:"tools"`
			MCPServers []map[string]any `json:"mcp_servers"`
		} `json:"used_by"`
	}
	if err := json.Unmarshal([]byte(h.mustRun("", "get", "SHARED", "--json")), &got); err != nil || got.ID != id || len(got.UsedBy.Tools) != 1 || len(got.UsedBy.MCPServers) != 1 ||
		len(got.Bound) != 1 || got.Bound[0].Name != envUser || got.Bound[0].Environment != client.EnvironmentProduction || got.Bound[0].Kind != "environment_variables" {
		t.Errorf("get --json: want the used_by object with one tool and one MCP server (%v): %+v", err, got)
	}
	free := h.createJSON("FREE")
	if out := h.mustRun("", "get", free, "--id"); !strings.Contains(out, "FREE  -") {
		t.Errorf("get of an unused secret: want USED BY '-', got:\n%s", out)
	}
}
