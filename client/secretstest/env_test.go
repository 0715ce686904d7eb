package secretstest

import (
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

const envPath = "/v1/convai/environment-variables"

// The fake's environment variables over raw HTTP: unique labels (409 in
// the vendor's shape), the per-key merge PATCH, production kept, dangling
// bindings and type mismatches refused, a bound secret not deletable.
func TestEnvironmentVariablesOverHTTP(t *testing.T) {
	s := NewServer(t)
	prod, err := s.Seed("DB", "pw-prod")
	if err != nil {
		t.Fatal(err)
	}
	staging, _ := s.Seed("DB_STAGING", "pw-staging")
	create := map[string]any{"type": "secret", "label": "DB", "values": map[string]any{"production": map[string]any{"secret_id": prod}}}
	r := call(t, s, "POST", envPath, create)
	if r.status != 200 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	id, _ := r.json(t)["id"].(string)
	if r := call(t, s, "POST", envPath, create); r.status != 409 || r.detailStatus(t) != "environment_variable_already_exists" {
		t.Errorf("duplicate label: %d %s", r.status, r.body)
	}
	for name, tc := range map[string]struct {
		method, path string
		body         any
		status       int
		msg          string
	}{
		"no production":     {"POST", envPath, map[string]any{"type": "string", "label": "U", "values": map[string]any{"staging": "https://s"}}, 400, "'production'"},
		"dangling secret":   {"POST", envPath, map[string]any{"type": "secret", "label": "X", "values": map[string]any{"production": map[string]any{"secret_id": "sec_nope"}}}, 400, "secret sec_nope not found"},
		"remove production": {"PATCH", envPath + "/" + id, map[string]any{"values": map[string]any{"production": nil}}, 400, "cannot be removed"},
		"type mismatch":     {"PATCH", envPath + "/" + id, map[string]any{"values": map[string]any{"staging": "https://s"}}, 400, "Type mismatch"},
		"unknown id":        {"GET", envPath + "/envvar_nope", nil, 404, "envvar_nope not found"},
	} {
		r := call(t, s, tc.method, tc.path, tc.body)
		if r.status != tc.status || !strings.Contains(string(r.body), tc.msg) {
			t.Errorf("%s: %d %s, want %d naming %q", name, r.status, r.body, tc.status, tc.msg)
		}
	}
	if r := call(t, s, "PATCH", envPath+"/"+id, map[string]any{"values": map[string]any{"staging": map[string]any{"secret_id": staging}}}); r.status != 200 {
		t.Fatalf("set staging: %d %s", r.status, r.body)
	}
	if r := call(t, s, "DELETE", "/v1/convai/secrets/"+staging, nil); r.status != 409 || !strings.Contains(string(r.body), "DB (staging)") {
		t.Errorf("delete of a bound secret: %d %s", r.status, r.body)
	}
	// Absent keys stay, null removes.
	if r := call(t, s, "PATCH", envPath+"/"+id, map[string]any{"values": map[string]any{"staging": nil}}); r.status != 200 {
		t.Fatalf("remove staging: %d %s", r.status, r.body)
	}
	ev, _ := s.EnvironmentVariable("DB")
	if len(ev.Values) != 1 || ev.Values["production"].SecretID() != prod {
		t.Errorf("after the merges: %v", ev.Values)
	}
	if r := call(t, s, "DELETE", "/v1/convai/secrets/"+staging, nil); r.status != 204 {
		t.Errorf("delete of the unbound secret: %d %s", r.status, r.body)
	}
}

// Seeding applies create's rules, and what it stores is listed.
func TestSeedEnvironmentVariable(t *testing.T) {
	s := NewServer(t)
	sec, _ := s.Seed("K", "v-seed")
	if _, err := s.SeedEnvironmentVariable("K", client.EnvironmentVariableSecret, map[string]client.EnvironmentValue{"production": client.SecretValue(sec), "dev": client.SecretValue(sec)}); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"duplicate":     seedErr(s.SeedEnvironmentVariable("K", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": client.StringValue("x")})),
		"no production": seedErr(s.SeedEnvironmentVariable("U", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"dev": client.StringValue("x")})),
		"mixed":         seedErr(s.SeedEnvironmentVariable("U", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": client.SecretValue(sec)})),
		"dangling":      seedErr(s.SeedEnvironmentVariable("U", client.EnvironmentVariableSecret, map[string]client.EnvironmentValue{"production": client.SecretValue("sec_nope")})),
		"bad label":     seedErr(s.SeedEnvironmentVariable("A B", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": client.StringValue("x")})),
	} {
		if err == nil {
			t.Errorf("%s: seeded", name)
		}
	}
	r := call(t, s, "GET", envPath+"?environment=dev&type=secret", nil)
	list, _ := r.json(t)["environment_variables"].([]any)
	if r.status != 200 || len(list) != 1 || r.json(t)["has_more"] != false {
		t.Fatalf("list: %d %s", r.status, r.body)
	}
	if values := list[0].(map[string]any)["values"].(map[string]any); len(values) != 1 || values["dev"] == nil {
		t.Errorf("the dev listing shows %v", values)
	}
	if r := call(t, s, "GET", envPath+"?label=KK", nil); !strings.Contains(string(r.body), `"environment_variables":[]`) {
		t.Errorf("label is an exact match: %s", r.body)
	}
}

func seedErr(_ string, err error) error { return err }
