package commands

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// loggedIn is a harness with two profiles: default, its key in a keyring
// (memKeys), and staging, its key in credentials.json and its host region
// eu (set in config.json afterwards: a login checks the key there).
func loggedIn(t *testing.T) *authHarness {
	h := newAuthHarness(t)
	h.keyring = &memKeys{keys: map[string]string{}}
	h.mustRun(testKey, "auth", "login", "--base-url", h.srv.URL())
	h.mustRun(testKey, "auth", "login", "--profile", "staging", "--base-url", h.srv.URL(), "--insecure-storage")
	path := filepath.Join(h.dir, config.ConfigFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	staging := cfg["profiles"].(map[string]any)["staging"].(map[string]any)
	delete(staging, "base_url")
	staging["region"] = "eu"
	if data, err = json.Marshal(cfg); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return h
}

// auth list shows every profile, its host and where its key is kept, and
// marks the one a command given no --profile uses.
func TestAuthList(t *testing.T) {
	h := loggedIn(t)
	r := h.mustRun("", "auth", "list")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "PROFILE") {
		t.Fatalf("want a header and two profiles, got:\n%s", r.stdout)
	}
	creds := filepath.Join(h.dir, config.CredentialsFile)
	for i, want := range [][]string{
		{"default", h.srv.URL(), "keyring (service xisecrets, account " + h.account("default") + ")", "yes (the default)"},
		{"staging", "(region eu)", "file (" + creds + ")"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i+1], w) {
				t.Errorf("line %d: want %q in %q", i+1, w, lines[i+1])
			}
		}
	}
	if strings.Contains(lines[2], "yes") || r.stderr != "" {
		t.Errorf("staging is not active, and nothing needs saying: %q, stderr %q", lines[2], r.stderr)
	}

	h.env[config.EnvProfile] = "staging"
	r = h.mustRun("", "auth", "list")
	if !strings.Contains(r.stdout, "yes (from XISECRETS_PROFILE)") || strings.Contains(r.stdout, "yes (the default)") {
		t.Errorf("XISECRETS_PROFILE=staging: want staging active, got:\n%s", r.stdout)
	}

	// An active profile that is not logged in, and a key in the
	// environment that wins over the default profile's, are said.
	h.env[config.EnvProfile] = "prod"
	if r = h.mustRun("", "auth", "list"); !strings.Contains(r.stderr, "prod (from XISECRETS_PROFILE), is not logged in: xisecrets auth login --profile prod") || strings.Contains(r.stdout, "yes") {
		t.Errorf("want prod said not logged in, got:\n%s%s", r.stdout, r.stderr)
	}
	delete(h.env, config.EnvProfile)
	h.env[config.EnvKey] = "xi-env-key"
	envNote := config.EnvKey + " is set: commands given no --profile use that key"
	if r = h.mustRun("", "auth", "list"); !strings.Contains(r.stderr, envNote) {
		t.Errorf("want the environment's key said, got:\n%s", r.stderr)
	}
	if r = h.mustRun("", "auth", "list", "--json"); !strings.Contains(r.stderr, envNote) || strings.Contains(r.stdout, "is set") {
		t.Errorf("--json: want the note on stderr alone, got:\n%s%s", r.stdout, r.stderr)
	}
	// default's host is the fake's, staging's region eu: the variable
	// strands staging's key alone.
	h.env[config.EnvBaseURL] = h.srv.URL()
	if r = h.mustRun("", "auth", "list"); !strings.Contains(r.stderr, config.EnvBaseURL+" names another host than profile staging: a stored key goes only to its own host") {
		t.Errorf("want the host variable said, got:\n%s", r.stderr)
	}

	// With the key in the environment, whether default is logged in
	// (or anything is) does not matter to commands given no --profile:
	// the environment's key is said, and nothing contrary.
	empty := newAuthHarness(t)
	empty.env[config.EnvKey] = "xi-env-key"
	if r = empty.mustRun("", "auth", "list"); !strings.Contains(r.stderr, envNote) || strings.Contains(r.stderr, "no profiles") {
		t.Errorf("no profiles, the key in the environment: got %q", r.stderr)
	}
	h.mustRun("", "auth", "logout")
	delete(h.env, config.EnvBaseURL)
	if r = h.mustRun("", "auth", "list"); !strings.Contains(r.stderr, envNote) || strings.Contains(r.stderr, "not logged in") {
		t.Errorf("default logged out, the key in the environment: got %q", r.stderr)
	}
}

// auth list --json pins its fields; --names prints names alone, what
// completion reads; neither reads a key nor sends a request.
func TestAuthListJSONAndNames(t *testing.T) {
	h := loggedIn(t)
	before := len(h.srv.Requests())
	r := h.mustRun("", "auth", "list", "--json")
	var got []map[string]any
	fields := map[string]bool{}
	for line := range strings.Lines(r.stdout) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		got = append(got, m)
		shape(t, "", json.RawMessage(line), fields)
	}
	want := []string{"active:bool", "base_url:string", "credentials_file:string", "key_storage:string",
		"keyring_account:string", "keyring_service:string", "profile:string", "region:string"}
	if g := sortedKeys(fields); !slices.Equal(g, want) {
		t.Errorf("fields\n got %v\nwant %v", g, want)
	}
	if len(got) != 2 || got[0]["profile"] != "default" || got[0]["active"] != true || got[0]["key_storage"] != "keyring" ||
		got[1]["profile"] != "staging" || got[1]["region"] != "eu" || got[1]["key_storage"] != "file" || got[1]["active"] != false {
		t.Errorf("lines: %v", got)
	}

	if r := h.mustRun("", "auth", "list", "--names"); r.stdout != "default\nstaging\n" {
		t.Errorf("--names: got %q", r.stdout)
	}
	if n := len(h.srv.Requests()) - before; n != 0 {
		t.Errorf("auth list sent %d requests", n)
	}
	if r := h.run("", "auth", "list", "--names", "--json"); r.code != cli.ExitUsage {
		t.Errorf("--names --json: want exit 2, got %d", r.code)
	}

	// No configuration yet: nothing to print, not an error.
	empty := newAuthHarness(t)
	if r := empty.mustRun("", "auth", "list", "--names"); r.stdout != "" {
		t.Errorf("no profiles: got %q", r.stdout)
	}
	if r := empty.mustRun("", "auth", "list"); r.stdout != "" || !strings.Contains(r.stderr, "auth login") {
		t.Errorf("no profiles: want nothing on stdout and how to make one, got %q %q", r.stdout, r.stderr)
	}
}

// auth status --json is one line whose works is true, false, or null
// when there is no key (nothing sent); the exit status is the text's.
func TestAuthStatusJSON(t *testing.T) {
	h := loggedIn(t)
	status := func(args ...string) (map[string]any, cliRun) {
		t.Helper()
		r := h.run("", append([]string{"auth", "status", "--json"}, args...)...)
		var m map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &m); err != nil || strings.Count(r.stdout, "\n") != 1 {
			t.Fatalf("want one JSON line, got %q (exit %d, %s)", r.stdout, r.code, r.stderr)
		}
		return m, r
	}
	m, r := status()
	if r.code != cli.ExitOK || m["works"] != true || m["profile"] != "default" || m["profile_from"] != "default" ||
		m["host_from"] != "profile" || m["base_url"] != h.srv.URL() || m["key_from"] != "keyring" || m["keyring_account"] != h.account("default") {
		t.Errorf("logged in: got %v (exit %d)", m, r.code)
	}
	fields := map[string]bool{}
	shape(t, "", json.RawMessage(r.stdout), fields)
	if g, want := sortedKeys(fields), []string{"base_url:string", "host_from:string", "key_from:string", "keyring_account:string",
		"keyring_service:string", "profile:string", "profile_from:string", "works:bool"}; !slices.Equal(g, want) {
		t.Errorf("fields\n got %v\nwant %v", g, want)
	}

	h.env[config.EnvKey] = "xi-wrong-key"
	m, r = status("--base-url", h.srv.URL())
	if r.code != cli.ExitAPI || m["works"] != false || m["key_from"] != "environment" || m["host_from"] != "--base-url" ||
		!strings.Contains(m["error"].(string), "401") || !strings.Contains(r.stderr, "hint:") {
		t.Errorf("refused key: got %v (exit %d, %s)", m, r.code, r.stderr)
	}
	delete(h.env, config.EnvKey)

	// An API that cannot be reached says nothing of the key: null.
	h.env[config.EnvKey] = "xi-some-key"
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	m, r = status("--base-url", dead.URL)
	if r.code != cli.ExitAPI || m["works"] != nil || !strings.Contains(m["error"].(string), "connection refused") {
		t.Errorf("unreachable: got %v (exit %d)", m, r.code)
	}
	delete(h.env, config.EnvKey)

	before := len(h.srv.Requests())
	m, r = status("--profile", "nobody", "--base-url", h.srv.URL())
	if r.code != cli.ExitUsage || m["works"] != nil || m["key_from"] != "none" || m["profile_from"] != "--profile" {
		t.Errorf("no key: got %v (exit %d, want 2)", m, r.code)
	}
	if n := len(h.srv.Requests()) - before; n != 0 {
		t.Errorf("no key: %d requests sent", n)
	}
}

// A write of credentials.json that a killed process left half done (its
// temporary file, holding keys, never renamed) is cleaned up by the next
// write; other files of the directory are not touched.
func TestStrayCredentialsTempRemoved(t *testing.T) {
	h := newAuthHarness(t)
	h.mustRun(testKey, "auth", "login", "--base-url", h.srv.URL(), "--insecure-storage")
	stray := filepath.Join(h.dir, "."+config.CredentialsFile+".123456")
	other := filepath.Join(h.dir, "notes.txt")
	for _, p := range []string{stray, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	h.mustRun(testKey, "auth", "login", "--profile", "staging", "--base-url", h.srv.URL(), "--insecure-storage")
	if _, err := os.Stat(stray); err == nil {
		t.Error("the stray temporary file of credentials.json is still there")
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another file of the directory was removed: %v", err)
	}
}
