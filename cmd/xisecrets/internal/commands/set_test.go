package commands

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// setJSON runs set --json and decodes its one line.
func (h *harness) setJSON(stdin, name string, flags ...string) (status, id, gotName string) {
	h.t.Helper()
	out := h.mustRun(stdin, append([]string{"set", name, "--json"}, flags...)...)
	var v struct {
		Status   string `json:"status"`
		SecretID string `json:"secret_id"`
		Name     string `json:"name"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || strings.Count(out, "\n") != 1 {
		h.t.Fatalf("set --json: want one JSON line, got %q (%v)", out, err)
	}
	return v.Status, v.SecretID, v.Name
}

// TestSetCreatesThenUpdates: set creates the secret no secret is named
// after, then updates that same secret, never adding a second.
func TestSetCreatesThenUpdates(t *testing.T) {
	h := newHarness(t)
	h.createJSON("OPENAI_KEY_2") // shares the prefix, not the name
	status, id, name := h.setJSON(testValue+"\n", "OPENAI_KEY")
	if status != "created" || name != "OPENAI_KEY" || !h.srv.ValueIs(id, testValue) || h.srv.Len() != 2 {
		t.Fatalf("first set: status %q name %q, %d secrets; want created, the value stored from stdin less its newline", status, name, h.srv.Len())
	}
	file := filepath.Join(t.TempDir(), "value")
	if err := os.WriteFile(file, []byte("rotated-"+testValue+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	posts := h.sent()[http.MethodPost]
	status, again, _ := h.setJSON("", "OPENAI_KEY", "--value-file", file)
	if status != "updated" || again != id || h.srv.Len() != 2 || !h.srv.ValueIs(id, "rotated-"+testValue+"\n") {
		t.Errorf("second set: status %q, id %s (want %s), %d secrets; want the same secret updated with the file byte for byte", status, again, id, h.srv.Len())
	}
	if n := h.sent()[http.MethodPost] - posts; n != 0 {
		t.Errorf("the update sent %d POSTs", n)
	}
	out := h.mustRun(testValue, "set", "OPENAI_KEY")
	if !strings.HasPrefix(out, "STATUS") || !strings.Contains(out, "updated") || !strings.Contains(out, id) || !strings.Contains(out, "OPENAI_KEY") {
		t.Errorf("set: want a table with the status, id and name, got:\n%s", out)
	}
}

// TestSetRefusesASharedName: two secrets of the name: exit 1 naming both,
// nothing written.
func TestSetRefusesASharedName(t *testing.T) {
	h := newHarness(t)
	ids := h.seedShared("DB_URL")
	r := h.run(testValue, "set", "DB_URL")
	if r.code != cli.ExitAPI || r.stdout != "" {
		t.Errorf("want exit 1 and nothing on stdout, got %d %q", r.code, r.stdout)
	}
	for _, want := range append(ids, "2 secrets are named", "nothing was written") {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not say %q", r.stderr, want)
		}
	}
	for _, id := range ids {
		if !h.srv.ValueIs(id, "seeded") {
			t.Errorf("%s was written", id)
		}
	}
	if n := h.sent(); n[http.MethodPost]+n[http.MethodPatch] != 0 {
		t.Errorf("writes were sent: %v", n)
	}
}

// TestSetLookupFailureWritesNothing: a failed lookup (a 401, a 404 of the
// listing from a wrong base URL) is not "no such name": nothing is created.
func TestSetLookupFailureWritesNothing(t *testing.T) {
	for _, tc := range lookupFailures {
		h := newHarness(t)
		h.srv.Inject(tc.fault, tc.fault, tc.fault) // the first try and both retries
		if r := h.run(testValue, "set", "OPENAI_KEY"); r.code != cli.ExitAPI || h.srv.Len() != 0 || h.sent()[http.MethodPost] != 0 {
			t.Errorf("lookup %s: want exit 1 and nothing created, got %d and %d secrets", tc.what, r.code, h.srv.Len())
		}
	}
}

// TestSetInputRules: set reads its value as create does.
func TestSetInputRules(t *testing.T) {
	for _, tc := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"", []string{"set", "N"}, "empty secret value from stdin"},
		{"", []string{"set", "N", testValue}, "never taken from arguments"},
		{"", []string{"set", "  "}, "name must not be only white space"},
		{strings.Repeat("v", 70_000), []string{"set", "N"}, "more than 64 KiB"},
	} {
		h := newHarness(t)
		if r := h.run(tc.stdin, tc.args...); r.code != cli.ExitUsage || !strings.Contains(r.stderr, tc.want) || len(h.srv.Requests()) != 0 {
			t.Errorf("set %v: want exit 2 with %q and nothing sent, got %d: %s", len(tc.args), tc.want, r.code, r.stderr)
		}
	}
}
