package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// A recognisable key and value: the leak checks look for them in all output.
const (
	testKey   = "xi-key-LEAKCANARY-0123456789"
	testValue = "sk-value-LEAKCANARY-abcdef"
)

// keyOnlyEnv is an environment with testKey as ELEVENLABS_API_KEY and
// nothing else set.
func keyOnlyEnv(name string) string {
	if name == config.EnvKey {
		return testKey
	}
	return ""
}

// cliRun is one in-process run of the CLI.
type cliRun struct {
	code           int
	stdout, stderr string
}

// harness runs CLI commands against one fake server.
type harness struct {
	t   testing.TB
	srv *secretstest.Server
	key string
	// basePath is appended to the fake's URL in --base-url: a mistaken
	// base URL, to which the fake answers 404 as for any unknown route.
	basePath string
	// via, when set, is the base URL instead of the fake's: a proxy in
	// front of it that changes what the fake answers.
	via string
	// tty is env.tty: nil, no terminal (as in CI).
	tty func() (io.ReadWriteCloser, error)
}

func newHarness(t testing.TB) *harness {
	srv := secretstest.NewServer(t, secretstest.WithAPIKey(testKey))
	return &harness{t: t, srv: srv, key: testKey}
}

// run runs the CLI with stdin and the fake's base URL, and checks that
// neither the key nor the test value leaked into its output.
func (h *harness) run(stdin string, args ...string) cliRun {
	h.t.Helper()
	var stdout, stderr bytes.Buffer
	e := cli.Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(k string) string {
			if k == "ELEVENLABS_API_KEY" {
				return h.key
			}
			return ""
		},
		TTY: h.tty,
	}
	base := h.srv.URL()
	if h.via != "" {
		base = h.via
	}
	args = append(args, "--base-url", base+h.basePath)
	r := cliRun{code: run(context.Background(), args, e), stdout: stdout.String(), stderr: stderr.String()}
	for _, secret := range []string{testKey, testValue} {
		if strings.Contains(r.stdout+r.stderr, secret) {
			h.t.Errorf("xisecrets %s: output contains a secret (key or value); it must never", args[0])
		}
	}
	return r
}

func (h *harness) mustRun(stdin string, args ...string) string {
	h.t.Helper()
	return h.run(stdin, args...).ok(h.t, args).stdout
}

// ok fails the test at once unless the run of args exited 0.
func (r cliRun) ok(t testing.TB, args []string) cliRun {
	t.Helper()
	if r.code != cli.ExitOK {
		t.Fatalf("xisecrets %s: exit %d, stderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// createJSON creates a secret, with any extra flags, and returns its id.
func (h *harness) createJSON(name string, flags ...string) string {
	h.t.Helper()
	var out struct {
		SecretID string `json:"secret_id"`
	}
	if err := json.Unmarshal([]byte(h.mustRun(testValue+"\n", append([]string{"create", name, "--json"}, flags...)...)), &out); err != nil || out.SecretID == "" {
		h.t.Fatalf("create --json: no secret_id (%v)", err)
	}
	return out.SecretID
}

func TestLifecycle(t *testing.T) {
	h := newHarness(t)
	id := h.createJSON("OPENAI_KEY")
	if !h.srv.ValueIs(id, testValue) {
		t.Error("create: the stored value is not stdin minus its trailing newline")
	}

	out := h.mustRun("", "list", "--search", "OPENAI_")
	if !strings.Contains(out, id) || !strings.HasPrefix(out, "ID") {
		t.Errorf("list: want a table with a header and %s, got:\n%s", id, out)
	}

	file := filepath.Join(t.TempDir(), "value")
	if err := os.WriteFile(file, []byte("rotated-"+testValue), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := h.mustRun("", "update", id, "OPENAI_KEY_2", "--value-file", file); !strings.Contains(out, "OPENAI_KEY_2") {
		t.Errorf("update: want the new name in the output, got:\n%s", out)
	}
	if !h.srv.ValueIs(id, "rotated-"+testValue) {
		t.Error("update --value-file: the stored value is not the file's content")
	}
	if out := h.mustRun("", "get", id, "--json"); !strings.Contains(out, `"name":"OPENAI_KEY_2"`) {
		t.Errorf("get --json: want the new name, got:\n%s", out)
	}
	h.mustRun("", "delete", id)
	if h.srv.Len() != 0 {
		t.Errorf("delete: the fake still holds %d secrets", h.srv.Len())
	}
}

func TestListPagesLazily(t *testing.T) {
	h := newHarness(t)
	for _, n := range []string{"A1", "A2", "A3", "A4", "A5"} {
		h.createJSON(n)
	}
	before := len(h.srv.Requests())
	out := h.mustRun("", "list", "--page-size", "2", "--json")
	if lines := strings.Count(out, "\n"); lines != 5 {
		t.Errorf("list --json: want 5 JSON lines, got %d:\n%s", lines, out)
	}
	if got := len(h.srv.Requests()) - before; got != 3 {
		t.Errorf("list --page-size 2 of 5 secrets: want 3 requests, got %d", got)
	}
}

// TestDependentJSONKeepsReferencedResources: an agent that uses a secret
// through other resources comes with their ids, and --json keeps them, in
// deps and in get's used_by.
func TestDependentJSONKeepsReferencedResources(t *testing.T) {
	agent := map[string]any{"type": "unknown", "id": "agent_1", "referenced_resource_ids": []string{"tool_1", "tool_2"}}
	want := []any{"tool_1", "tool_2"}
	h := newHarness(t)
	respond(h.srv, map[string]any{"dependencies": []any{agent}, "next_cursor": nil})
	var dep map[string]any
	if err := json.Unmarshal([]byte(h.mustRun("", "deps", "sec_1", "--id", "--type", "agents", "--json")), &dep); err != nil {
		t.Fatalf("deps --json: not JSON: %v", err)
	}
	if !reflect.DeepEqual(dep["referenced_resource_ids"], want) {
		t.Errorf("deps --json: referenced_resource_ids %v, want %v", dep["referenced_resource_ids"], want)
	}

	stored := storedJSON("sec_1", "NAME")
	stored["used_by"].(map[string]any)["agents"] = []any{agent}
	respond(h.srv, stored)
	var got struct {
		UsedBy struct {
			Agents []map[string]any `json:"agents"`
		} `json:"used_by"`
	}
	if err := json.Unmarshal([]byte(h.mustRun("", "get", "sec_1", "--id", "--json")), &got); err != nil || len(got.UsedBy.Agents) != 1 {
		t.Fatalf("get --json: want one agent in used_by (%v)", err)
	}
	if ids := got.UsedBy.Agents[0]["referenced_resource_ids"]; !reflect.DeepEqual(ids, want) {
		t.Errorf("get --json: used_by agent's referenced_resource_ids %v, want %v", ids, want)
	}
}

func TestUsageErrorsSendNothing(t *testing.T) {
	cases := []struct {
		name  string
		stdin string
		args  []string
	}{
		{"unknown command", "", []string{"frobnicate"}},
		{"missing id", "", []string{"get"}},
		{"empty id", "", []string{"delete", ""}},
		{"dot-dot id", "", []string{"get", "--id", ".."}},
		{"dot-dot id of deps", "", []string{"deps", "--id", ".."}},
		{"extra argument", "", []string{"delete", "a", "b"}},
		{"empty value", "", []string{"create", "NAME"}},
		{"only a newline", "\n", []string{"create", "NAME"}},
		{"missing value file", "", []string{"create", "NAME", "--value-file", "/nonexistent/value"}},
		{"unknown region", "", []string{"list", "--region", "mars"}},
		{"bad deps type", "", []string{"deps", "id", "--type", "users"}},
		{"page size 0", "", []string{"list", "--page-size", "0"}},
		{"unknown flag", "", []string{"list", "--colour"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			r := h.run(tc.stdin, tc.args...)
			if r.code != cli.ExitUsage {
				t.Errorf("want exit %d, got %d (stderr: %s)", cli.ExitUsage, r.code, r.stderr)
			}
			if r.stderr == "" {
				t.Error("want a message on stderr")
			}
			if n := len(h.srv.Requests()); n != 0 {
				t.Errorf("a usage error sent %d request(s)", n)
			}
		})
	}
}

func TestFakeAddressErrors(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want int
	}{
		{"0.0.0.0:0", cli.ExitUsage},   // not loopback: the caller's mistake
		{"127.0.0.1:x", cli.ExitUsage}, // not an address
	} {
		var stderr bytes.Buffer
		e := cli.Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr, Getenv: func(string) string { return "" }}
		if code := run(context.Background(), []string{"fake", "--addr", tc.addr}, e); code != tc.want {
			t.Errorf("fake --addr %s: exit %d, want %d (%s)", tc.addr, code, tc.want, stderr.String())
		}
	}
}

func TestRefusesRegionAndBaseURLTogether(t *testing.T) {
	h := newHarness(t)
	if r := h.run("", "list", "--region", "eu"); r.code != cli.ExitUsage {
		t.Errorf("--region with --base-url: want exit 2, got %d", r.code)
	}
}

func TestRefusesPlainHTTPToAnotherHost(t *testing.T) {
	var stderr bytes.Buffer
	e := cli.Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr,
		Getenv: keyOnlyEnv}
	code := run(context.Background(), []string{"list", "--base-url", "http://example.com"}, e)
	if code != cli.ExitUsage || strings.Contains(stderr.String(), testKey) {
		t.Errorf("plain http to a remote host: want exit 2 and no key in %q, got %d", stderr.String(), code)
	}
}

func TestAPIErrorsExitOne(t *testing.T) {
	h := newHarness(t)
	if r := h.run("", "get", "sec_missing"); r.code != cli.ExitAPI || !strings.Contains(r.stderr, "404") {
		t.Errorf("get of an unknown id: want exit 1 and 404, got %d: %s", r.code, r.stderr)
	}
	h.key = "xi-wrong-LEAKCANARY"
	r := h.run("", "list")
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "401") || r.stdout != "" {
		t.Errorf("wrong key: want exit 1, 401 on stderr and nothing on stdout, got %d: %q %q", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stderr, h.key) {
		t.Error("the wrong key was printed")
	}
}

// TestHelpOnEveryCommand: "NAME --help" and "help NAME" print the
// command's own usage on stdout, with a flags heading only above flags.
func TestHelpOnEveryCommand(t *testing.T) {
	for _, c := range commands() {
		for _, args := range [][]string{{c.Name, "--help"}, {"help", c.Name}, {"--region", "eu", "help", c.Name}} {
			r := runWithout(t, args...)
			if r.code != cli.ExitOK {
				t.Errorf("%s: exit %d", strings.Join(args, " "), r.code)
			}
			if !strings.HasPrefix(r.stdout, "usage: xisecrets "+c.Name) || r.stderr != "" {
				first, _, _ := strings.Cut(r.stdout, "\n")
				t.Errorf("%s: want the command's usage on stdout and nothing on stderr, got %q... and %q", strings.Join(args, " "), first, r.stderr)
			}
			if strings.HasSuffix(r.stdout, "flags:\n") {
				t.Errorf("%s: ends with a flags heading and no flags: %q", strings.Join(args, " "), r.stdout)
			}
		}
	}
}

// TestHelpOfAnUnknownCommand: "help NAME" of no command is a usage error
// naming the commands' list, like "NAME" alone.
func TestHelpOfAnUnknownCommand(t *testing.T) {
	for _, args := range [][]string{{"help", "lst"}, {"help", "list", "get"}} {
		if r := runWithout(t, args...); r.code != cli.ExitUsage || r.stdout != "" || r.stderr == "" {
			first, _, _ := strings.Cut(r.stdout, "\n")
			t.Errorf("%s: want exit 2 and a message on stderr only, got %d: %q... %q", strings.Join(args, " "), r.code, first, r.stderr)
		}
	}
}
