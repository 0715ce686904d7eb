package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// relistCursor is the cursor relistProxy adds to a listing's last page.
const relistCursor = "relist"

// proxied puts a loopback proxy in front of h's fake: each request goes
// to handle, which may answer it itself or pass it to the fake with fwd.
func (h *harness) proxied(handle func(w http.ResponseWriter, r *http.Request, fwd http.Handler)) {
	h.t.Helper()
	target, err := url.Parse(h.srv.URL())
	if err != nil {
		h.t.Fatal(err)
	}
	fwd := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handle(w, r, fwd) }))
	h.t.Cleanup(proxy.Close)
	h.via = proxy.URL
}

// forward sends r to fwd and returns the answer, for a proxy to rewrite.
func forward(fwd http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	fwd.ServeHTTP(rec, r)
	return rec
}

// rewriteJSON sends the fake's answer rec, its JSON object changed by edit
// when it is a 200.
func rewriteJSON(w http.ResponseWriter, rec *httptest.ResponseRecorder, edit func(map[string]any)) {
	body := rec.Body.Bytes()
	var obj map[string]any
	if rec.Code == http.StatusOK && json.Unmarshal(body, &obj) == nil {
		edit(obj)
		body, _ = json.Marshal(obj)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

// relisting puts a proxy in front of h's fake that makes every listing
// two pages: the fake's listing, then (after between runs, once) the
// fake's listing again. Every secret is so listed twice, as a server may
// repeat secrets across pages, and a change made by between (a rename)
// shows on the second page only, as when it happens between two page
// fetches.
func (h *harness) relisting(between func()) {
	var once sync.Once
	h.proxied(func(w http.ResponseWriter, r *http.Request, fwd http.Handler) {
		if r.Method != http.MethodGet || r.URL.Path != "/v1/convai/secrets" {
			fwd.ServeHTTP(w, r)
			return
		}
		q := r.URL.Query()
		if q.Get("cursor") == relistCursor {
			once.Do(between)
			q.Del("cursor")
			r.URL.RawQuery = q.Encode()
			rewriteJSON(w, forward(fwd, r), func(map[string]any) {})
			return
		}
		rewriteJSON(w, forward(fwd, r), func(page map[string]any) {
			if page["next_cursor"] == nil {
				page["next_cursor"] = relistCursor
			}
		})
	})
}

// renameInFake renames the secret id in h's fake, through the API.
func (h *harness) renameInFake(id, name string) {
	h.t.Helper()
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(h.srv.URL()))
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := c.Secrets.Update(context.Background(), id, name, testValue); err != nil {
		h.t.Fatal(err)
	}
}

// seedOne stores a secret named name in h's fake and returns its id.
func (h *harness) seedOne(name string) string {
	h.t.Helper()
	id, err := h.srv.Seed(name, testValue)
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

// deletes is the ids h's fake was asked to delete.
func (h *harness) deletes() []string {
	var ids []string
	for _, r := range h.srv.Requests() {
		if r.Method == http.MethodDelete {
			ids = append(ids, strings.TrimPrefix(r.Path, "/v1/convai/secrets/"))
		}
	}
	return ids
}

// jsonRows is apply --json's rows in order, repeats kept.
func jsonRows(t *testing.T, out string) []applyRow {
	t.Helper()
	var rows []applyRow
	dec := json.NewDecoder(bytes.NewReader([]byte(out)))
	for dec.More() {
		var r applyRow
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("apply --json: a line is not JSON: %v", err)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestPruneKeepsARenamedSecretTheFileSets: the secret the file sets as
// DB_PASSWORD is renamed to it from OLD_DB_PASSWORD between two page
// fetches, so the listing holds its id under both names. apply updates it
// as DB_PASSWORD and --prune must not then delete it as OLD_DB_PASSWORD:
// prune decides by id, and never deletes an id the file names or this run
// wrote. The secret the file does not name still goes, once.
func TestPruneKeepsARenamedSecretTheFileSets(t *testing.T) {
	h := newHarness(t)
	renamed := h.seedOne("OLD_DB_PASSWORD")
	stale := h.seedOne("STALE")
	h.relisting(func() { h.renameInFake(renamed, "DB_PASSWORD") })
	file := writeFile(t, "DB_PASSWORD="+testValue+"\n")
	r := h.run("", "apply", "--file", file, "--prune", "--yes", "--json")
	if r.code != cli.ExitOK {
		t.Errorf("exit %d, want 0: %s", r.code, r.stderr)
	}
	if got := h.deletes(); len(got) != 1 || got[0] != stale {
		t.Errorf("deleted %v, want only STALE (%s): never %s, which the file sets", got, stale, renamed)
	}
	for _, row := range jsonRows(t, r.stdout) {
		if row.SecretID == renamed && row.Status != "updated" {
			t.Errorf("the renamed secret: a %q row (as %s), want only its update", row.Status, row.Name)
		}
	}
	if h.srv.Len() != 1 {
		t.Errorf("the fake holds %d secrets, want the file's one", h.srv.Len())
	}
}

// TestRepeatedListingIsNotADuplicateInTheCLI: every listing repeats every
// secret. No command calls DB_URL a name that two secrets share (and
// advises deleting "the extra one", the only one): apply updates it,
// --prune deletes the secret the file does not name once, get and deps
// find it by name, create refuses it as existing, and list shows each
// secret once.
func TestRepeatedListingIsNotADuplicateInTheCLI(t *testing.T) {
	h := newHarness(t)
	id := h.seedOne("DB_URL")
	stale := h.seedOne("STALE")
	h.relisting(func() {})
	file := writeFile(t, "DB_URL="+testValue+"\n")
	r := h.run("", "apply", "--file", file, "--prune", "--yes", "--json")
	rows := jsonRows(t, r.stdout)
	if r.code != cli.ExitOK || len(rows) != 2 {
		t.Errorf("apply --prune: exit %d, %d rows, want 0 and 2 (DB_URL updated, STALE deleted): %s", r.code, len(rows), r.stderr)
	}
	if got := h.deletes(); len(got) != 1 || got[0] != stale {
		t.Errorf("deleted %v, want STALE once", got)
	}
	for _, args := range [][]string{{"get", "DB_URL"}, {"deps", "DB_URL"}, {"list"}} {
		r := h.run("", args...)
		if r.code != cli.ExitOK || strings.Contains(r.stderr, "named") {
			t.Errorf("%s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		if args[0] == "list" && strings.Count(r.stdout, id) != 1 {
			t.Errorf("list shows %s %d times, want once:\n%s", id, strings.Count(r.stdout, id), r.stdout)
		}
	}
	r = h.run(testValue+"\n", "create", "DB_URL")
	if r.code == cli.ExitOK || !strings.Contains(r.stderr, "already exists ("+id+")") {
		t.Errorf("create DB_URL: exit %d, %s; want it refused as existing", r.code, r.stderr)
	}
}

// TestPruneKeepsWhatThisRunWrote: a create answered with the id of a
// secret the listing showed under another name (a server that resolved
// the create to an existing secret, or a rename the listing missed): this
// run wrote that id for a name the file sets, so --prune keeps it.
func TestPruneKeepsWhatThisRunWrote(t *testing.T) {
	h := newHarness(t)
	old := h.seedOne("OLD_NAME")
	h.proxied(func(w http.ResponseWriter, r *http.Request, fwd http.Handler) {
		if r.Method != http.MethodPost {
			fwd.ServeHTTP(w, r)
			return
		}
		rewriteJSON(w, forward(fwd, r), func(sec map[string]any) { sec["secret_id"] = old })
	})
	file := writeFile(t, "NEW_NAME="+testValue+"\n")
	r := h.run("", "apply", "--file", file, "--prune", "--yes", "--json")
	if got := h.deletes(); len(got) != 0 {
		t.Errorf("deleted %v: the create of NEW_NAME answered with that id, so this run wrote it", got)
	}
	rows := jsonRows(t, r.stdout)
	if r.code != cli.ExitOK || len(rows) != 2 || rows[1].SecretID != old || rows[1].Status != statusKept {
		t.Errorf("exit %d, rows %+v; want 0, NEW_NAME created and %s kept", r.code, rows, old)
	}
}
