package commands

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// applyFile is a dotenv file and the exact value each name must store.
var applyFile = struct {
	text   string
	values map[string]string
}{
	text: "# operator secrets\n" +
		"export OPENAI_KEY=" + testValue + "\n" +
		"DB_URL=\"postgres://u:p@h/db?x=$HOME\"\n" +
		"PEM='-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n'\n",
	values: map[string]string{
		"OPENAI_KEY": testValue,
		"DB_URL":     "postgres://u:p@h/db?x=$HOME",
		"PEM":        "-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n",
	},
}

func writeFile(t testing.TB, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "secrets.env")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// applyRow is one JSON line of apply --json.
type applyRow struct {
	Name     string `json:"name"`
	Status   string `json:"status"`
	SecretID string `json:"secret_id"`
	Error    string `json:"error"`
}

func applyRows(t testing.TB, out string) map[string]applyRow {
	t.Helper()
	rows := map[string]applyRow{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r applyRow
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("apply --json: a line is not JSON: %v", err)
		}
		rows[r.Name] = r
	}
	return rows
}

// checkStored checks that each name is stored exactly once, with its value.
func (h *harness) checkStored(values map[string]string, ids map[string]string) {
	h.t.Helper()
	if h.srv.Len() != len(values) {
		h.t.Errorf("the fake holds %d secrets, want exactly one per name (%d)", h.srv.Len(), len(values))
	}
	for name, v := range values {
		if !h.srv.ValueIs(ids[name], v) {
			h.t.Errorf("%s: the stored value is not the file's bytes", name)
		}
	}
}

func TestApplyTwiceConverges(t *testing.T) {
	h := newHarness(t)
	file := writeFile(t, applyFile.text)
	first := applyRows(t, h.mustRun("", "apply", "--file", file, "--json"))
	ids := map[string]string{}
	for name := range applyFile.values {
		if r := first[name]; r.Status != "created" || r.SecretID == "" {
			t.Errorf("first apply, %s: %+v, want created with an id", name, r)
		}
		ids[name] = first[name].SecretID
	}
	h.checkStored(applyFile.values, ids)

	second := applyRows(t, h.mustRun("", "apply", "--file", file, "--json"))
	for name := range applyFile.values {
		if r := second[name]; r.Status != "updated" || r.SecretID != ids[name] {
			t.Errorf("second apply, %s: %+v, want updated %s", name, r, ids[name])
		}
	}
	h.checkStored(applyFile.values, ids)
}

func TestApplyListsOnce(t *testing.T) {
	h := newHarness(t)
	h.createJSON("OPENAI_KEY")
	before := len(h.srv.Requests())
	h.mustRun("", "apply", "--file", writeFile(t, applyFile.text))
	gets := 0
	for _, r := range h.srv.Requests()[before:] {
		if r.Method == http.MethodGet {
			gets++
		}
	}
	if gets != 1 {
		t.Errorf("apply of 3 names made %d listing requests, want 1", gets)
	}
}

func TestApplyBadFileSendsNothing(t *testing.T) {
	cases := []struct {
		what, file, line string
	}{
		{"duplicate name", "A=1\nB=2\nA=" + testValue + "\n", "line 3"},
		{"invalid line", "A=1\n" + testValue + "\n", "line 2"},
		{"empty value", "A=1\nB=\n", "line 2"},
		{"not UTF-8", "A=" + testValue + "\xff\n", "line 1"},
		{"no entries", "# nothing\n", "no NAME=value"},
	}
	for _, tc := range cases {
		t.Run(tc.what, func(t *testing.T) {
			h := newHarness(t)
			r := h.run("", "apply", "--file", writeFile(t, tc.file))
			if r.code != cli.ExitUsage || !strings.Contains(r.stderr, tc.line) {
				t.Errorf("want exit 2 naming %q, got %d: %s", tc.line, r.code, r.stderr)
			}
			if n := len(h.srv.Requests()); n != 0 {
				t.Errorf("a bad file sent %d request(s); want none", n)
			}
		})
	}
	h := newHarness(t)
	if r := h.run("", "apply"); r.code != cli.ExitUsage || len(h.srv.Requests()) != 0 {
		t.Errorf("apply without --file: exit %d and %d request(s), want 2 and none", r.code, len(h.srv.Requests()))
	}
}

// A failure mid-way: the other names are applied, the failure is named,
// exit 1; the second run converges.
func TestApplyFaultMidway(t *testing.T) {
	h := newHarness(t)
	existing := h.createJSON("OPENAI_KEY") // an update first, then two creates
	// A create is not retried after a 503 (the server may have acted), so
	// the first create of this run fails and the second goes through.
	h.srv.Inject(secretstest.Fault{Method: http.MethodPost, Status: http.StatusServiceUnavailable, Body: `{"detail":"busy"}`})
	file := writeFile(t, applyFile.text)
	// One request at a time: the fault is the first create's.
	r := h.run("", "apply", "--file", file, "--json", "--parallel", "1")
	if r.code != cli.ExitAPI {
		t.Fatalf("apply with one failing name: exit %d, want 1 (stderr: %s)", r.code, r.stderr)
	}
	rows := applyRows(t, r.stdout)
	if rows["OPENAI_KEY"].Status != "updated" || rows["DB_URL"].Status != "failed" || rows["PEM"].Status != "created" {
		t.Errorf("want updated, failed, created; got %+v", rows)
	}
	if !strings.Contains(r.stderr, "DB_URL") || !strings.Contains(r.stderr, "503") || !strings.Contains(r.stderr, "run it again") {
		t.Errorf("stderr must name the failed name, the cause and the remedy: %s", r.stderr)
	}

	second := applyRows(t, h.mustRun("", "apply", "--file", file, "--json"))
	ids := map[string]string{}
	for name, row := range second {
		ids[name] = row.SecretID
	}
	if ids["OPENAI_KEY"] != existing || second["DB_URL"].Status != "created" {
		t.Errorf("second run: %+v, want DB_URL created and the others updated", second)
	}
	h.checkStored(applyFile.values, ids)
}

func TestApplyDryRunAndCreateOnly(t *testing.T) {
	h := newHarness(t)
	id := h.createJSON("OPENAI_KEY")
	file := writeFile(t, applyFile.text)
	before := len(h.srv.Requests())
	plan := applyRows(t, h.mustRun("", "apply", "--file", file, "--dry-run", "--json"))
	if plan["OPENAI_KEY"].Status != "would update" || plan["OPENAI_KEY"].SecretID != id || plan["PEM"].Status != "would create" {
		t.Errorf("dry run: %+v", plan)
	}
	for _, r := range h.srv.Requests()[before:] {
		if r.Method != http.MethodGet {
			t.Errorf("--dry-run sent %s %s", r.Method, r.Path)
		}
	}
	if h.srv.Len() != 1 {
		t.Errorf("--dry-run changed the workspace: %d secrets", h.srv.Len())
	}

	out := applyRows(t, h.mustRun("", "apply", "--file", file, "--create-only", "--json"))
	if out["OPENAI_KEY"].Status != "skipped" || out["PEM"].Status != "created" || out["DB_URL"].Status != "created" {
		t.Errorf("--create-only: %+v", out)
	}
	if !h.srv.ValueIs(id, testValue) || h.srv.Len() != 3 {
		t.Error("--create-only: the existing secret was changed, or a name was not created")
	}
}

func TestApplyWorkspaceDuplicateFailsThatNameOnly(t *testing.T) {
	h := newHarness(t)
	h.createJSON("DB_URL")
	h.createJSON("DB_URL", "--allow-duplicate")
	r := h.run("", "apply", "--file", writeFile(t, applyFile.text), "--json")
	rows := applyRows(t, r.stdout)
	if r.code != cli.ExitAPI || rows["DB_URL"].Status != "failed" || rows["PEM"].Status != "created" {
		t.Errorf("want exit 1, DB_URL failed and the rest applied; got %d %+v", r.code, rows)
	}
	if !strings.Contains(rows["DB_URL"].Error, "2 secrets are named") {
		t.Errorf("the error must say the name is duplicated: %q", rows["DB_URL"].Error)
	}
	if h.srv.Len() != 4 {
		t.Errorf("the fake holds %d secrets, want the 2 duplicates and 2 new", h.srv.Len())
	}
}

// TestApplyClosingMessage: the last line of stderr says what happened and
// what to do, and claims nothing that did not happen: nothing was applied
// in a dry run or when every name failed, and a name shared by several
// secrets fails every run until the extras are deleted.
func TestApplyClosingMessage(t *testing.T) {
	cases := []struct {
		what   string
		file   string
		args   []string
		shared []string // names two secrets each bear
		fail   bool     // the next create gets a 503
		says   map[string]bool
	}{
		{what: "dry run with a shared name", file: applyFile.text, args: []string{"--dry-run"}, shared: []string{"DB_URL"},
			says: map[string]bool{"1 of 3 names would fail": true, "nothing was changed": true, "xisecrets list --search DB_URL": true,
				"no run converges": true, "applied": false, "run it again": false}},
		{what: "every name failed", file: "DB_URL=" + testValue + "\n", fail: true,
			says: map[string]bool{"1 of 1 names failed": true, "run it again to converge": true, "others": false, "applied": false}},
		{what: "a shared name", file: applyFile.text, shared: []string{"DB_URL"},
			says: map[string]bool{"1 of 3 names failed (the others were applied)": true, "xisecrets list --search DB_URL": true, "no run converges": true}},
		{what: "two shared names", file: applyFile.text, shared: []string{"DB_URL", "PEM"},
			says: map[string]bool{"2 of 3 names failed": true, "named DB_URL, PEM (xisecrets list --search NAME": true, "no run converges": true}},
		{what: "a failure that a second run fixes", file: applyFile.text, fail: true,
			says: map[string]bool{"1 of 3 names failed (the others were applied); run it again to converge": true, "list --search": false}},
	}
	for _, tc := range cases {
		t.Run(tc.what, func(t *testing.T) {
			h := newHarness(t)
			for _, name := range tc.shared {
				h.createJSON(name)
				h.createJSON(name, "--allow-duplicate")
			}
			if tc.fail {
				h.srv.Inject(secretstest.Fault{Method: http.MethodPost, Status: http.StatusServiceUnavailable, Body: `{"detail":"busy"}`})
			}
			r := h.run("", append([]string{"apply", "--file", writeFile(t, tc.file)}, tc.args...)...)
			if r.code != cli.ExitAPI {
				t.Errorf("exit %d, want 1", r.code)
			}
			stderr := strings.Split(strings.TrimSpace(r.stderr), "\n")
			last := stderr[len(stderr)-1]
			for text, want := range tc.says {
				if strings.Contains(last, text) != want {
					t.Errorf("closing message %q: has %q is %v, want %v", last, text, !want, want)
				}
			}
		})
	}
}

func TestApplyFromStdin(t *testing.T) {
	h := newHarness(t)
	rows := applyRows(t, h.mustRun("A="+testValue+"\n", "apply", "--file", "-", "--json"))
	if !h.srv.ValueIs(rows["A"].SecretID, testValue) {
		t.Error("apply --file -: the value from stdin was not stored")
	}
}

func TestDeleteIgnoreNotFound(t *testing.T) {
	h := newHarness(t)
	if r := h.run("", "delete", "sec_gone"); r.code != cli.ExitAPI {
		t.Errorf("delete of a missing id: exit %d, want 1", r.code)
	}
	before := len(h.srv.Requests())
	out := h.mustRun("", "delete", "sec_gone", "--id", "--ignore-not-found")
	if !strings.Contains(out, "not found") {
		t.Errorf("delete --ignore-not-found: want status 'not found', got %s", out)
	}
	// With --id, the 404 is confirmed as a missing secret by the listing
	// of the environment variables that may bind it, sent first: the API
	// answers at this base URL.
	if reqs := h.srv.Requests()[before:]; len(reqs) != 2 || reqs[0].Path != "/v1/convai/environment-variables" || reqs[1].Method != http.MethodDelete {
		t.Errorf("delete --ignore-not-found of a missing id: want the listing of environment variables and the DELETE, got %d request(s)", len(reqs))
	}
	h.key = "xi-wrong-LEAKCANARY"
	if r := h.run("", "delete", "sec_gone", "--ignore-not-found"); r.code != cli.ExitAPI {
		t.Errorf("delete --ignore-not-found with a wrong key: exit %d, want 1 (only 404 is ignored)", r.code)
	}
}

// TestDeleteIgnoreNotFoundOnAWrongRoute: a base URL with an extra /v1
// gets a 404 for the route, not for the secret, which is still there: that
// 404 must not read as "already gone".
func TestDeleteIgnoreNotFoundOnAWrongRoute(t *testing.T) {
	h := newHarness(t)
	id := h.createJSON("KEPT")
	h.basePath = "/v1"
	for _, extra := range [][]string{nil, {"--json"}} {
		r := h.run("", append([]string{"delete", id, "--ignore-not-found"}, extra...)...)
		if r.code != cli.ExitAPI || r.stdout != "" {
			t.Errorf("delete %v on a wrong base path: exit %d, stdout %q; want 1 and nothing", extra, r.code, r.stdout)
		}
		if !strings.Contains(r.stderr, "404") || !strings.Contains(r.stderr, "--base-url") {
			t.Errorf("delete %v on a wrong base path: stderr must give the 404 and suggest checking --base-url: %s", extra, r.stderr)
		}
	}
	if h.srv.Len() != 1 {
		t.Errorf("the fake holds %d secrets, want the one never deleted", h.srv.Len())
	}
}

// TestApplyNeverPrintsAPastedBase64Line: a base64 value pasted as a line of
// its own reads as NAME= (one "=" of padding) or NAME== (two); apply
// refuses both, sends nothing, and prints neither.
func TestApplyNeverPrintsAPastedBase64Line(t *testing.T) {
	const b64 = "dGhpc2lzYXNlY3JldGtleQ" // base64 of a secret, as a pasted line
	for _, file := range []string{
		"API_TOKEN=abc\n" + b64 + "=\n",
		"API_TOKEN=abc\n" + b64 + "==\n",
	} {
		h := newHarness(t)
		r := h.run("", "apply", "--dry-run", "--file", writeFile(t, file))
		if strings.Contains(r.stdout+r.stderr, b64) {
			t.Errorf("apply printed a pasted base64 value (exit %d): %s", r.code, strings.ReplaceAll(r.stderr+r.stdout, b64, "<value>"))
		}
		if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "line 2: ") || len(h.srv.Requests()) != 0 {
			t.Errorf("want exit 2 naming line 2 and no request, got %d (%d requests): %s", r.code, len(h.srv.Requests()), strings.ReplaceAll(r.stderr, b64, "<value>"))
		}
	}
}

// TestDeleteWhoseAnswerWasLost: the fake deletes, the answer is lost, the
// retry gets 404: the secret is gone, which is what delete is for (issue
// 17, item 1).
func TestDeleteWhoseAnswerWasLost(t *testing.T) {
	h := newHarness(t)
	for _, extra := range [][]string{nil, {"--id"}} {
		id := h.createJSON("GONE")
		h.srv.Inject(secretstest.Fault{Method: http.MethodDelete, Drop: secretstest.DropAfterApply})
		out := h.mustRun("", append([]string{"delete", id, "--json"}, extra...)...)
		if !strings.Contains(out, `"status":"deleted"`) || h.srv.Len() != 0 {
			t.Errorf("delete %v whose answer was lost: %s, %d secrets left; want status deleted and none", extra, out, h.srv.Len())
		}
	}
}

// TestDeleteAnswerLostOnAWrongRoute: with --id a listing must answer at
// this base URL before a 404 counts as gone (there, the listing of the
// environment variables that may bind the secret): on a wrong base path
// it fails, naming --base-url, and nothing is deleted.
func TestDeleteAnswerLostOnAWrongRoute(t *testing.T) {
	h := newHarness(t)
	id := h.createJSON("KEPT")
	h.basePath = "/v1"
	h.srv.Inject(secretstest.Fault{Method: http.MethodDelete, Status: http.StatusBadGateway})
	r := h.run("", "delete", id, "--id")
	if r.code != cli.ExitAPI || r.stdout != "" || !strings.Contains(r.stderr, "--base-url") {
		t.Errorf("delete --id on a wrong base path after a 502: exit %d, stdout %q, stderr %q; want 1, nothing, and a hint to check --base-url", r.code, r.stdout, r.stderr)
	}
	if h.srv.Len() != 1 {
		t.Error("the secret is gone")
	}
}
