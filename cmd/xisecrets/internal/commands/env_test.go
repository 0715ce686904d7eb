package commands

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// writes returns the requests since before that could change state.
func (h *harness) writesSince(before int) []secretstest.RecordedRequest {
	var out []secretstest.RecordedRequest
	for _, r := range h.srv.Requests()[before:] {
		if r.Method != http.MethodGet {
			out = append(out, r)
		}
	}
	return out
}

// TestEnvSetGetUnset: env set creates a label with its production value,
// binds another environment, changes nothing (no write) when it holds the
// value already; env get names each environment's secret; env unset
// removes one environment, and says "not set" (no write) the second time.
func TestEnvSetGetUnset(t *testing.T) {
	h := newHarness(t)
	prod := h.createJSON("DB_URL")
	staging := h.createJSON("DB_URL@staging")
	set := func(env, secret string) string {
		t.Helper()
		var w struct{ Status, Environment, Label, ID string }
		if err := json.Unmarshal([]byte(h.mustRun("", "env", "set", "DB_URL", "--env", env, "--secret", secret, "--json")), &w); err != nil {
			t.Fatal(err)
		}
		if w.Environment != env || w.Label != "DB_URL" || w.ID == "" {
			t.Errorf("env set --json: %+v", w)
		}
		return w.Status
	}
	if got := set("production", "DB_URL"); got != envCreated {
		t.Errorf("env set of a new label in production: status %q, want created", got)
	}
	if got := set("staging", staging); got != envSet {
		t.Errorf("env set staging by id: status %q, want set", got)
	}
	before := len(h.srv.Requests())
	if got := set("staging", "DB_URL@staging"); got != envUnchanged || len(h.writesSince(before)) != 0 {
		t.Errorf("env set of the value held: status %q, %d writes; want unchanged and none", got, len(h.writesSince(before)))
	}
	ev, _ := h.srv.EnvironmentVariable("DB_URL")
	if ev.Values["production"].SecretID() != prod || ev.Values["staging"].SecretID() != staging {
		t.Errorf("stored: %v", ev.Values)
	}

	var got struct {
		Type   string
		Values map[string]struct {
			SecretID   string `json:"secret_id"`
			SecretName string `json:"secret_name"`
		}
	}
	if err := json.Unmarshal([]byte(h.mustRun("", "env", "get", "DB_URL", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if got.Type != "secret" || got.Values["production"].SecretName != "DB_URL" || got.Values["staging"].SecretName != "DB_URL@staging" || got.Values["staging"].SecretID != staging {
		t.Errorf("env get --json: %+v", got)
	}
	if out := h.mustRun("", "env", "get", "DB_URL"); !strings.Contains(out, "DB_URL@staging ("+staging+")") {
		t.Errorf("env get: want the staging secret by name and id, got:\n%s", out)
	}
	if out := h.mustRun("", "env", "list"); !strings.Contains(out, "production, staging") {
		t.Errorf("env list: want the environments, got:\n%s", out)
	}

	if out := h.mustRun("", "env", "unset", "DB_URL", "--env", "staging"); !strings.Contains(out, envUnset) {
		t.Errorf("env unset: %s", out)
	}
	before = len(h.srv.Requests())
	if out := h.mustRun("", "env", "unset", "DB_URL", "--env", "staging"); !strings.Contains(out, envNotSet) || len(h.writesSince(before)) != 0 {
		t.Errorf("env unset again: want not set and no write, got %s", out)
	}

	// A string variable: its text is set and shown (it is not a secret).
	h.mustRun("", "env", "set", "API_HOST", "--env", "production", "--string", "https://api.example.com")
	if out := h.mustRun("", "env", "get", "API_HOST", "--json"); !strings.Contains(out, `"values":{"production":"https://api.example.com"}`) {
		t.Errorf("env get of a string variable: %s", out)
	}
}

// TestEnvRefusesBeforeWriting: every refusal of env set and env unset
// comes before any write, most before any request, with exit 2; no flag
// value is quoted back.
func TestEnvRefusesBeforeWriting(t *testing.T) {
	h := newHarness(t)
	h.createJSON("S")
	h.mustRun("", "env", "set", "HOST", "--env", "production", "--string", "h.example")
	const pasted = "sk_live_LEAKCANARY42"
	for _, tc := range []struct {
		args      []string
		sends     bool // a lookup is needed to know
		code      int
		wantInErr string
	}{
		{[]string{"env", "set", "NEW", "--env", "staging", "--secret", "S"}, true, cli.ExitUsage, "apply the production file first"},
		{[]string{"env", "set", "HOST", "--env", "staging", "--secret", "S"}, true, cli.ExitUsage, "is not of type secret"},
		{[]string{"env", "set", "HOST", "--env", "staging", "--secret", pasted}, true, cli.ExitAPI, "no secret has that name, nor that id"},
		{[]string{"env", "set", "NEW", "--env", "staging", "--string", pasted}, true, cli.ExitUsage, "apply the production file first"},
		{[]string{"env", "set", "NEW", "--env", "Staging", "--string", "x"}, false, cli.ExitUsage, "an environment name is lower-case"},
		{[]string{"env", "set", "NEW", "--env", pasted, "--string", "x"}, false, cli.ExitUsage, "an environment name is"},
		{[]string{"env", "set", "NEW", "--string", pasted}, false, cli.ExitUsage, "needs --env"},
		{[]string{"env", "set", "NEW", "--env", "staging", "--string", pasted, "--secret", "S"}, false, cli.ExitUsage, "not both or neither"},
		{[]string{"env", "set", "NEW", "--env", "staging"}, false, cli.ExitUsage, "not both or neither"},
		{[]string{"env", "set", "BAD LABEL", "--env", "staging", "--string", "x"}, false, cli.ExitUsage, "label"},
		{[]string{"env", "unset", "HOST", "--env", "production"}, false, cli.ExitUsage, "cannot remove the production value"},
		{[]string{"env", "unset", "HOST"}, false, cli.ExitUsage, "needs --env"},
	} {
		before := len(h.srv.Requests())
		r := h.run("", tc.args...)
		sent := h.srv.Requests()[before:]
		if r.code != tc.code || !strings.Contains(r.stderr, tc.wantInErr) || strings.Contains(r.stderr, pasted) {
			t.Errorf("%v: exit %d, stderr %q; want %d with %q, no flag value", tc.args, r.code, strings.ReplaceAll(r.stderr, pasted, "<pasted>"), tc.code, tc.wantInErr)
		}
		if w := h.writesSince(before); len(w) != 0 || (!tc.sends && len(sent) != 0) {
			t.Errorf("%v: %d request(s), %d write(s) sent; want no write (and no request unless a lookup is needed)", tc.args, len(sent), len(w))
		}
	}
}

// TestDeleteRefusesABoundSecret: a secret an environment variable binds
// is not deleted, and no DELETE is sent: the message names the label and
// the environment; once unbound, delete goes through.
func TestDeleteRefusesABoundSecret(t *testing.T) {
	h := newHarness(t)
	h.createJSON("DB_URL")
	staging := h.createJSON("DB_URL@staging")
	h.mustRun("", "env", "set", "DB_URL", "--env", "production", "--secret", "DB_URL")
	h.mustRun("", "env", "set", "DB_URL", "--env", "staging", "--secret", staging, "--id")
	before := len(h.srv.Requests())
	r := h.run("", "delete", "DB_URL@staging")
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "DB_URL (staging) binds it") || !strings.Contains(r.stderr, "xisecrets env unset DB_URL --env staging") {
		t.Errorf("delete of a bound secret: exit %d, stderr %q; want 1 naming the binding and the unset", r.code, r.stderr)
	}
	if w := h.writesSince(before); len(w) != 0 || h.srv.Len() != 2 {
		t.Errorf("delete of a bound secret sent %d write(s)", len(w))
	}
	if out := h.mustRun("", "deps", "DB_URL@staging"); !strings.Contains(out, "environment_variables") || !strings.Contains(out, "DB_URL (staging)") {
		t.Errorf("deps: want the binding, got:\n%s", out)
	}
	h.mustRun("", "env", "unset", "DB_URL", "--env", "staging")
	if out := h.mustRun("", "delete", "DB_URL@staging"); !strings.Contains(out, "deleted") {
		t.Errorf("delete once unbound: %s", out)
	}
	if _, ok := h.srv.EnvironmentVariable("DB_URL"); !ok {
		t.Error("the variable is gone")
	}
}
