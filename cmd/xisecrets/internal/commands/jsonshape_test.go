package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// Every field a secret's used_by holds, with its JSON type; a dependent's
// fields are listed per kind in the cases below.
var usageShape = []string{
	"used_by:object",
	"used_by.agents:array", "used_by.agents_has_more:bool",
	"used_by.mcp_servers:array", "used_by.others:array", "used_by.others[]:string",
	"used_by.phone_numbers:array", "used_by.phone_numbers_has_more:bool",
	"used_by.tools:array", "used_by.tools_has_more:bool",
}

// dependentShape is a dependent's fields under prefix: the four every
// dependent has, and extra.
func dependentShape(prefix string, extra ...string) []string {
	var s []string
	for _, f := range append([]string{"kind:string", "id:string", "name:string", "accessible:bool"}, extra...) {
		s = append(s, prefix+f)
	}
	return s
}

// fullSecret is a stored secret as the API sends it, with a dependent of
// every kind and every optional field set.
func fullSecret() map[string]any {
	created := int64(1700000000)
	return map[string]any{"type": "stored", "secret_id": "sec_1", "name": "NAME", "used_by": map[string]any{
		"tools":         []any{map[string]any{"type": "available", "id": "tool_1", "name": "T", "created_at_unix_secs": created, "access_level": "admin"}},
		"agents":        []any{map[string]any{"type": "unknown", "id": "agent_1", "referenced_resource_ids": []string{"tool_1"}}},
		"phone_numbers": []any{map[string]any{"phone_number_id": "ph_1", "label": "L", "phone_number": "+15550100", "provider": "twilio"}},
		"mcp_servers":   []any{map[string]any{"type": "available", "id": "mcp_1", "name": "M", "created_at_unix_secs": created, "access_level": "viewer"}},
		"others":        []any{"x"}, "tools_has_more": true, "agents_has_more": false, "phone_numbers_has_more": true,
	}}
}

// envVarJSON is one environment variable labelled L as the API sends it.
func envVarJSON(typ string, values map[string]any) map[string]any {
	return map[string]any{"id": "envvar_1", "label": "L", "type": typ, "values": values,
		"created_at_unix_secs": 1700000000, "updated_at_unix_secs": 1700000000, "workspace_id": "ws_1"}
}

// envListing is a last page of environment variables.
func envListing(evs ...map[string]any) map[string]any {
	return map[string]any{"environment_variables": evs, "has_more": false, "next_cursor": nil}
}

// envWrittenShape is the line of env set and env unset --json.
var envWrittenShape = []string{"environment:string", "id:string", "label:string", "status:string"}

// TestJSONShapes pins the fields of every --json line each command
// prints, and their JSON types (path:type, a list's elements as path[]),
// so a renamed, retyped, dropped or added field fails here. The lines are
// the union over every line the command printed.
func TestJSONShapes(t *testing.T) {
	inSecret := func(prefix string) []string {
		s := []string{prefix + "name:string", prefix + "secret_id:string"}
		for _, f := range usageShape {
			s = append(s, prefix+f)
		}
		s = append(s, dependentShape(prefix+"used_by.tools[].", "access_level:string", "created_at:string")...)
		s = append(s, dependentShape(prefix+"used_by.mcp_servers[].", "access_level:string", "created_at:string")...)
		s = append(s, dependentShape(prefix+"used_by.agents[].", "referenced_resource_ids:array", "referenced_resource_ids[]:string")...)
		s = append(s, dependentShape(prefix+"used_by.phone_numbers[].", "phone_number:string", "provider:string")...)
		for _, list := range []string{"tools", "agents", "phone_numbers", "mcp_servers"} {
			s = append(s, prefix+"used_by."+list+"[]:object")
		}
		return s
	}
	writeShape := []string{"name:string", "secret_id:string", "status:string"}
	cases := []struct {
		name  string
		setup func(h *harness) (stdin string, args []string)
		want  []string
	}{
		{"create", func(h *harness) (string, []string) {
			return testValue, []string{"create", "NEW", "--json"}
		}, writeShape},
		{"update", func(h *harness) (string, []string) {
			return testValue, []string{"update", h.createJSON("OLD"), "RENAMED", "--json"}
		}, writeShape},
		{"set", func(h *harness) (string, []string) {
			return testValue, []string{"set", "SET", "--json"}
		}, writeShape},
		{"delete", func(h *harness) (string, []string) {
			return "", []string{"delete", h.createJSON("GONE"), "--id", "--json"}
		}, []string{"secret_id:string", "status:string"}},
		{"get", func(h *harness) (string, []string) {
			respond(h.srv, fullSecret())
			respond(h.srv, envListing(envVarJSON("secret", map[string]any{"production": map[string]any{"secret_id": "sec_1"}})))
			return "", []string{"get", "sec_1", "--id", "--json"}
		}, append(inSecret(""), append(dependentShape("environment_variables[].", "environment:string"), "environment_variables:array", "environment_variables[]:object")...)},
		{"deps environment_variables", func(h *harness) (string, []string) {
			respond(h.srv, envListing(envVarJSON("secret", map[string]any{"production": map[string]any{"secret_id": "sec_1"}})))
			return "", []string{"deps", "sec_1", "--id", "--type", "environment_variables", "--json"}
		}, dependentShape("", "environment:string")},
		{"env list", func(h *harness) (string, []string) {
			respond(h.srv, envListing(envVarJSON("string", map[string]any{"production": "https://p", "staging": "https://s"})))
			return "", []string{"env", "list", "--json"}
		}, []string{"environments:array", "environments[]:string", "id:string", "label:string", "type:string"}},
		{"env get secret", func(h *harness) (string, []string) {
			id := h.createJSON("P")
			missing := "sec_0123456789abcdef01234567"
			respond(h.srv, envListing(envVarJSON("secret", map[string]any{"production": map[string]any{"secret_id": id}, "staging": map[string]any{"secret_id": missing}})))
			return "", []string{"env", "get", "L", "--json"}
		}, []string{"id:string", "label:string", "type:string", "values:object", "values.production:object",
			"values.production.secret_id:string", "values.production.secret_name:string", "values.staging:object", "values.staging.secret_id:string"}},
		{"env get string", func(h *harness) (string, []string) {
			respond(h.srv, envListing(envVarJSON("string", map[string]any{"production": "https://p"})))
			return "", []string{"env", "get", "L", "--json"}
		}, []string{"id:string", "label:string", "type:string", "values:object", "values.production:string"}},
		{"env get auth_connection", func(h *harness) (string, []string) {
			respond(h.srv, envListing(envVarJSON("auth_connection", map[string]any{"production": map[string]any{"auth_connection_id": "ac_1"}})))
			return "", []string{"env", "get", "L", "--json"}
		}, []string{"id:string", "label:string", "type:string", "values:object", "values.production:object", "values.production.auth_connection_id:string"}},
		{"env set", func(h *harness) (string, []string) {
			return "", []string{"env", "set", "L", "--env", "production", "--secret", h.createJSON("P"), "--id", "--json"}
		}, envWrittenShape},
		{"env unset", func(h *harness) (string, []string) {
			h.mustRun("", "env", "set", "L", "--env", "production", "--string", "https://p")
			return "", []string{"env", "unset", "L", "--env", "staging", "--json"}
		}, envWrittenShape},
		{"list", func(h *harness) (string, []string) {
			respond(h.srv, map[string]any{"secrets": []any{fullSecret()}, "next_cursor": nil})
			return "", []string{"list", "--json"}
		}, inSecret("")},
		{"deps tools", func(h *harness) (string, []string) {
			respond(h.srv, map[string]any{"dependencies": fullSecret()["used_by"].(map[string]any)["tools"], "next_cursor": nil})
			return "", []string{"deps", "sec_1", "--id", "--type", "tools", "--json"}
		}, dependentShape("", "access_level:string", "created_at:string")},
		{"deps agents", func(h *harness) (string, []string) {
			respond(h.srv, map[string]any{"dependencies": fullSecret()["used_by"].(map[string]any)["agents"], "next_cursor": nil})
			return "", []string{"deps", "sec_1", "--id", "--type", "agents", "--json"}
		}, dependentShape("", "referenced_resource_ids:array", "referenced_resource_ids[]:string")},
		{"deps phone_numbers", func(h *harness) (string, []string) {
			respond(h.srv, map[string]any{"dependencies": fullSecret()["used_by"].(map[string]any)["phone_numbers"], "next_cursor": nil})
			return "", []string{"deps", "sec_1", "--id", "--type", "phone_numbers", "--json"}
		}, dependentShape("", "phone_number:string", "provider:string")},
		{"apply", func(h *harness) (string, []string) {
			h.createJSON("UPDATED")
			for range 2 {
				if _, err := h.srv.Seed("TWICE", testValue); err != nil {
					h.t.Fatal(err)
				}
			}
			return "CREATED=" + testValue + "\nUPDATED=" + testValue + "\nTWICE=" + testValue + "\n",
				[]string{"apply", "--file", "-", "--json"}
		}, []string{"error:string", "name:string", "secret_id:string", "status:string"}},
		{"apply --prune", func(h *harness) (string, []string) {
			h.createJSON("PRUNED")
			return "KEPT=" + testValue + "\n", []string{"apply", "--file", "-", "--prune", "--yes", "--json"}
		}, []string{"name:string", "secret_id:string", "status:string"}},
		{"apply --dry-run", func(h *harness) (string, []string) {
			return "NEW=" + testValue + "\n", []string{"apply", "--file", "-", "--dry-run", "--json"}
		}, []string{"name:string", "status:string"}},
		{"apply --env", func(h *harness) (string, []string) {
			return "NEW=" + testValue + "\n", []string{"apply", "--file", "-", "--env", "production", "--json"}
		}, []string{"binding:string", "environment:string", "label:string", "name:string", "secret_id:string", "status:string"}},
		{"version", func(h *harness) (string, []string) {
			return "", []string{"version", "--json"}
		}, []string{"client_version:string", "commit:string", "date:string", "go:string", "modified:bool", "platform:string", "version:string"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			stdin, args := tc.setup(h)
			var r cliRun
			if args[0] == "version" { // offline: it takes no --base-url
				var stdout, stderr bytes.Buffer
				code := run(context.Background(), args, cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: keyOnlyEnv})
				r = cliRun{code: code, stdout: stdout.String(), stderr: stderr.String()}
			} else {
				r = h.run(stdin, args...)
			}
			if r.stdout == "" {
				t.Fatalf("xisecrets %s: no output (exit %d, stderr: %s)", strings.Join(args, " "), r.code, r.stderr)
			}
			got := map[string]bool{}
			for line := range strings.Lines(r.stdout) {
				shape(t, "", json.RawMessage(line), got)
			}
			want := slices.Clone(tc.want)
			sort.Strings(want)
			if g := sortedKeys(got); !slices.Equal(g, want) {
				t.Errorf("xisecrets %s: JSON fields\n got %v\nwant %v\noutput: %s", strings.Join(args, " "), g, want, r.stdout)
			}
		})
	}
}

// shape adds to got every path:type in raw, a JSON value at path.
func shape(t *testing.T, path string, raw json.RawMessage, got map[string]bool) {
	t.Helper()
	raw = bytes.TrimSpace(raw)
	kind := "null"
	switch {
	case len(raw) == 0:
		t.Fatalf("%s: no JSON value", path)
	case raw[0] == '{':
		kind = "object"
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		prefix := path + "."
		if path == "" {
			prefix = ""
		}
		for k, v := range m {
			shape(t, prefix+k, v, got)
		}
	case raw[0] == '[':
		kind = "array"
		var a []json.RawMessage
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, v := range a {
			shape(t, path+"[]", v, got)
		}
	case raw[0] == '"':
		kind = "string"
	case raw[0] == 't' || raw[0] == 'f':
		kind = "bool"
	case raw[0] != 'n':
		kind = "number"
	}
	if path != "" {
		got[path+":"+kind] = true
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
