package commands

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// listings counts the secrets listings the fake has received.
func (h *harness) listings() int {
	n := 0
	for _, r := range h.srv.Requests() {
		if r.Method == http.MethodGet && r.Path == "/v1/convai/secrets" {
			n++
		}
	}
	return n
}

// TestNameOrID: get, delete and deps take a name, looked up first, or an
// id when no secret has that name; --id skips the lookup.
func TestNameOrID(t *testing.T) {
	h := newHarness(t)
	id := h.createJSON("STRIPE_SECRET_KEY")
	h.createJSON("STRIPE_SECRET_KEY_OLD") // same prefix: not a second match
	for _, args := range [][]string{
		{"get", "STRIPE_SECRET_KEY"},
		{"get", id},
		{"get", id, "--id"},
		{"deps", "STRIPE_SECRET_KEY"},
	} {
		before := h.listings()
		r := h.run("", args...)
		if r.code != cli.ExitOK || (args[0] == "get" && !strings.Contains(r.stdout, id)) {
			t.Errorf("%v: want exit 0 and the secret, got %d: %s%s", args, r.code, r.stdout, r.stderr)
		}
		want := 1
		if len(args) == 3 {
			want = 0
		}
		if n := h.listings() - before; n != want {
			t.Errorf("%v: %d listing requests, want %d", args, n, want)
		}
	}
	h.mustRun("", "delete", "STRIPE_SECRET_KEY")
	if h.srv.Len() != 1 {
		t.Errorf("delete NAME: %d secrets left, want 1", h.srv.Len())
	}
}

// TestANameWinsOverAnID: the rule is "name first": a secret named like
// another's id is the one found.
func TestANameWinsOverAnID(t *testing.T) {
	h := newHarness(t)
	other := h.createJSON("OTHER")
	named := h.createJSON(other)
	if out := h.mustRun("", "get", other); !strings.Contains(out, named) {
		t.Errorf("get %s: want the secret of that name (%s), got:\n%s", other, named, out)
	}
	if out := h.mustRun("", "get", other, "--id"); !strings.Contains(out, "OTHER") {
		t.Errorf("get --id: want the secret of that id, got:\n%s", out)
	}
}

// TestSharedNameDoesNothing: two secrets of the name: get, delete and
// deps exit 1 listing both ids and do nothing else.
func TestSharedNameDoesNothing(t *testing.T) {
	h := newHarness(t)
	ids := h.seedShared("DB_URL")
	for _, cmd := range []string{"get", "delete", "deps"} {
		before := len(h.srv.Requests())
		r := h.run("", cmd, "DB_URL")
		if r.code != cli.ExitAPI || r.stdout != "" {
			t.Errorf("%s: want exit 1 and nothing on stdout, got %d %q", cmd, r.code, r.stdout)
		}
		for _, want := range append(ids, "2 secrets are named", "nothing was done", "--id") {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr %q does not say %q", cmd, r.stderr, want)
			}
		}
		if n := len(h.srv.Requests()) - before; n != 1 {
			t.Errorf("%s: %d requests, want only the lookup", cmd, n)
		}
	}
	if h.srv.Len() != 2 {
		t.Errorf("%d secrets left, want 2", h.srv.Len())
	}
}

// TestSharedNameIDsAreEscaped: the ids listed are the server's text.
func TestSharedNameIDsAreEscaped(t *testing.T) {
	for _, ht := range hostileTexts {
		t.Run(ht.class, func(t *testing.T) {
			h := newHarness(t)
			respond(h.srv, map[string]any{"secrets": []any{storedJSON(ht.text, "NAME"), storedJSON("sec_2", "NAME")}, "next_cursor": nil})
			r := h.run("", "get", "NAME")
			assertTerminalSafe(t, "stderr", r.stderr)
			// The library's message, which escapes the ids its own way.
			listed := cli.TrimPrefix(&client.DuplicateNameError{Name: "NAME", IDs: []string{ht.text, "sec_2"}})
			if r.code != cli.ExitAPI || lines(t, "stderr", r.stderr) != 1 || !strings.Contains(r.stderr, textsafe.EscapeHidden(listed)) {
				t.Errorf("want exit 1 and one line with the id escaped, got %d %q", r.code, r.stderr)
			}
		})
	}
}

// TestLookupFailureIsNotAnID: a lookup that fails (a 401, the network, a
// 404 of the listing from a wrong base URL) fails the command; the
// argument is not then tried as an id.
func TestLookupFailureIsNotAnID(t *testing.T) {
	says := map[string]string{"401": "401", "404": "check --base-url or --region", "dropped": "while looking up"}
	for _, tc := range lookupFailures {
		for _, cmd := range []string{"get", "delete", "deps"} {
			t.Run(tc.what+"/"+cmd, func(t *testing.T) {
				h := newHarness(t)
				id := h.createJSON("KEPT")
				before := len(h.srv.Requests())
				h.srv.Inject(tc.fault, tc.fault, tc.fault) // the first try and both retries
				args := []string{cmd, id}
				if cmd == "delete" {
					args = append(args, "--ignore-not-found") // a failed lookup is not "gone" either
				}
				r := h.run("", args...)
				if r.code != cli.ExitAPI || r.stdout != "" || !strings.Contains(r.stderr, says[tc.what]) || !strings.Contains(r.stderr, "nothing was done") {
					t.Errorf("want exit 1, nothing on stdout and %q, got %d %q %q", says[tc.what], r.code, r.stdout, r.stderr)
				}
				for _, req := range h.srv.Requests()[before:] {
					if req.Path != "/v1/convai/secrets" {
						t.Errorf("after the failed lookup, %s %s was sent", req.Method, req.Path)
					}
				}
				if h.srv.Len() != 1 {
					t.Error("the secret was deleted")
				}
			})
		}
	}
}

// TestNeitherNameNorID: an argument that is no secret's name and no
// secret's id says both, not a bare 404.
func TestNeitherNameNorID(t *testing.T) {
	h := newHarness(t)
	for _, cmd := range []string{"get", "delete", "deps"} {
		r := h.run("", cmd, "STRIPE_SECRET_KEY")
		if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "404") || !strings.Contains(r.stderr, `nor is any secret named "STRIPE_SECRET_KEY"`) {
			t.Errorf("%s: want exit 1, the 404 and that no secret has the name, got %d %q", cmd, r.code, r.stderr)
		}
	}
}

// TestDeleteNameIgnoreNotFound: the lookup's listing already shows the
// API answers at this base URL, so a missing name or id is "not found"
// with no second listing; a wrong route still fails (the lookup's 404).
func TestDeleteNameIgnoreNotFound(t *testing.T) {
	h := newHarness(t)
	id := h.createJSON("KEPT")
	before := len(h.srv.Requests())
	out := h.mustRun("", "delete", "GONE", "--ignore-not-found", "--json")
	if !strings.Contains(out, `"status":"not found"`) {
		t.Errorf("delete NAME --ignore-not-found of a missing name: got %q", out)
	}
	if reqs := h.srv.Requests()[before:]; len(reqs) != 3 || reqs[1].Path != "/v1/convai/environment-variables" || reqs[2].Method != http.MethodDelete {
		t.Errorf("want the lookup, the listing of the environment variables that may bind it, and the DELETE only, got %d request(s)", len(reqs))
	}
	h.basePath = "/v1"
	r := h.run("", "delete", "KEPT", "--ignore-not-found")
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "--base-url") || h.srv.Len() != 1 {
		t.Errorf("delete NAME --ignore-not-found on a wrong route: want exit 1 suggesting --base-url, got %d %q", r.code, r.stderr)
	}
	h.basePath = ""
	if out := h.mustRun("", "delete", "KEPT", "--json"); !strings.Contains(out, `"status":"deleted"`) || !strings.Contains(out, id) {
		t.Errorf("delete NAME: got %q", out)
	}
}
