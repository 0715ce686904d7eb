package commands

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// TestCreateRefusesAnExistingName: a second secret of the same name breaks
// every later apply of it, so create refuses, sends no create, and says
// which secret exists and what to run instead.
func TestCreateRefusesAnExistingName(t *testing.T) {
	h := newHarness(t)
	id := h.createJSON("OPENAI_KEY")
	before := h.srv.Len()
	r := h.run(testValue+"\n", "create", "OPENAI_KEY")
	if r.code != cli.ExitAPI || r.stdout != "" {
		t.Errorf("want exit 1 and nothing on stdout, got %d %q", r.code, r.stdout)
	}
	if h.srv.Len() != before {
		t.Errorf("the fake holds %d secrets, want %d: a duplicate was created", h.srv.Len(), before)
	}
	for _, want := range []string{id, "xisecrets update --id " + id + " OPENAI_KEY", "xisecrets apply", "--allow-duplicate", "nothing was created"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not say %q", r.stderr, want)
		}
	}
	if posts := h.sent()[http.MethodPost]; posts != 1 {
		t.Errorf("want only the first create sent, got %d POSTs", posts)
	}
}

// TestCreateRefusesANameAlreadyShared: when several secrets share the name
// already, the message names each of them.
func TestCreateRefusesANameAlreadyShared(t *testing.T) {
	h := newHarness(t)
	ids := h.seedShared("DB_URL")
	r := h.run(testValue, "create", "DB_URL")
	if r.code != cli.ExitAPI || h.srv.Len() != 2 {
		t.Errorf("want exit 1 and still 2 secrets, got %d and %d", r.code, h.srv.Len())
	}
	for _, want := range append(ids, "2 secrets are named", "nothing was created", "--allow-duplicate") {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not say %q", r.stderr, want)
		}
	}
}

// TestCreateAllowDuplicate: the flag creates a second secret of the name,
// without the listing the check costs.
func TestCreateAllowDuplicate(t *testing.T) {
	h := newHarness(t)
	first := h.createJSON("OPENAI_KEY")
	gets := h.sent()[http.MethodGet]
	second := h.createJSON("OPENAI_KEY", "--allow-duplicate")
	if second == first || h.srv.Len() != 2 || !h.srv.ValueIs(second, testValue) {
		t.Errorf("--allow-duplicate: want a second secret with the value, got ids %s %s and %d secrets", first, second, h.srv.Len())
	}
	if n := h.sent()[http.MethodGet] - gets; n != 0 {
		t.Errorf("--allow-duplicate still listed (%d GETs)", n)
	}
}

// TestCreateFreshName: a name only a longer name starts with (the search
// is a prefix match) is free, and the check is one listing request.
func TestCreateFreshName(t *testing.T) {
	h := newHarness(t)
	h.createJSON("OPENAI_KEY_2")
	gets := h.sent()[http.MethodGet]
	out := h.mustRun(testValue, "create", "OPENAI_KEY", "--json")
	if !strings.HasPrefix(out, `{"`) || !strings.Contains(out, `"status":"created"`) || !strings.Contains(out, `"name":"OPENAI_KEY"`) {
		t.Errorf("create --json: got %q", out)
	}
	if h.srv.Len() != 2 {
		t.Errorf("the fake holds %d secrets, want 2", h.srv.Len())
	}
	if n := h.sent()[http.MethodGet] - gets; n != 1 {
		t.Errorf("the name check sent %d GETs, want 1", n)
	}
}

// TestCreateLookupFailureCreatesNothing: if the listing fails, create
// cannot know the name is free, so it stops with that error. A 404 from
// the listing (a wrong base URL) is not "no secret has this name".
func TestCreateLookupFailureCreatesNothing(t *testing.T) {
	says := map[string]string{"401": "401", "404": "404", "dropped": "checking that no secret is named"}
	for _, tc := range lookupFailures {
		t.Run(tc.what, func(t *testing.T) {
			h := newHarness(t)
			h.srv.Inject(tc.fault, tc.fault, tc.fault) // the first try and both retries of a GET
			r := h.run(testValue, "create", "OPENAI_KEY")
			if r.code != cli.ExitAPI || h.srv.Len() != 0 || h.sent()[http.MethodPost] != 0 {
				t.Errorf("want exit 1 and no create sent, got %d, %d secrets", r.code, h.srv.Len())
			}
			if !strings.Contains(r.stderr, says[tc.what]) || !strings.Contains(r.stderr, "nothing was created") {
				t.Errorf("stderr %q: want %q and that nothing was created", r.stderr, says[tc.what])
			}
		})
	}
}

// lookupFailures are the ways a name lookup's listing fails, for each try
// of the GET: an answer that is not the listing (a 401; a 404 of the
// route, from a wrong base URL) or none at all.
var lookupFailures = []struct {
	what  string
	fault secretstest.Fault
}{
	{"401", secretstest.Fault{Method: http.MethodGet, Status: http.StatusUnauthorized, Body: `{"detail":"invalid api key"}`}},
	{"404", secretstest.Fault{Method: http.MethodGet, Status: http.StatusNotFound, Body: `{"detail":"Not Found"}`}},
	{"dropped", secretstest.Fault{Method: http.MethodGet, Drop: secretstest.DropBeforeResponse}},
}

// seedShared stores two secrets of one name, valued "seeded", as the API
// allows, and returns their ids.
func (h *harness) seedShared(name string) []string {
	h.t.Helper()
	var ids []string
	for range 2 {
		id, err := h.srv.Seed(name, "seeded")
		if err != nil {
			h.t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// sent counts the requests the fake has received, by method.
func (h *harness) sent() map[string]int {
	n := map[string]int{}
	for _, r := range h.srv.Requests() {
		n[r.Method]++
	}
	return n
}

// TestCreateRefusalEscapesTheID: the existing id in the refusal is the
// server's text: shown escaped, on the one line of the message (escaped as
// report escapes every message: backslashes are not doubled there).
func TestCreateRefusalEscapesTheID(t *testing.T) {
	for _, h := range hostileTexts {
		t.Run(h.class, func(t *testing.T) {
			hn := newHarness(t)
			respond(hn.srv, map[string]any{"secrets": []any{storedJSON(h.text, "NAME")}, "next_cursor": nil})
			r := hn.run(testValue, "create", "NAME")
			assertTerminalSafe(t, "stderr", r.stderr)
			shown := textsafe.EscapeHidden(h.text)
			if r.code != cli.ExitAPI || lines(t, "stderr", r.stderr) != 1 || !strings.Contains(r.stderr, "("+shown+")") {
				t.Errorf("want exit 1 and one line showing the id as %q, got %d %q", shown, r.code, r.stderr)
			}
			if hn.srv.Len() != 0 {
				t.Error("a secret was created")
			}
		})
	}
}
