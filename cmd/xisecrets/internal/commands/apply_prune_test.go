package commands

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// fakeTTY is a terminal on which a person answers and reads the question.
type fakeTTY struct {
	answer io.Reader
	shown  bytes.Buffer
}

func (f *fakeTTY) Read(p []byte) (int, error)  { return f.answer.Read(p) }
func (f *fakeTTY) Write(p []byte) (int, error) { return f.shown.Write(p) }
func (f *fakeTTY) Close() error                { return nil }

// withTerminal gives h a terminal on which answer is typed.
func (h *harness) withTerminal(answer string) *fakeTTY {
	tty := &fakeTTY{answer: strings.NewReader(answer)}
	h.tty = func() (io.ReadWriteCloser, error) { return tty, nil }
	return tty
}

// pruneWorkspace is a workspace for --prune against applyFile: secrets
// the file does not name (one alone, two sharing a name, one in use) and
// one it does, each by id.
type pruneWorkspace struct{ stale, dup1, dup2, inUse, named string }

func seedPrune(t *testing.T, srv *secretstest.Server) pruneWorkspace {
	t.Helper()
	seed := func(name string) string {
		id, err := srv.Seed(name, testValue)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	w := pruneWorkspace{stale: seed("STALE"), dup1: seed("OLD_DUP"), dup2: seed("OLD_DUP"), inUse: seed("USED"), named: seed("OPENAI_KEY")}
	if err := srv.MarkInUse(w.inUse, client.DependencyAgents, "support agent"); err != nil {
		t.Fatal(err)
	}
	return w
}

// byID is apply --json's rows by secret id.
func byID(t *testing.T, out string) map[string]applyRow {
	t.Helper()
	rows := map[string]applyRow{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		r := applyRows(t, line)
		for _, row := range r {
			rows[row.SecretID] = row
		}
	}
	return rows
}

func (h *harness) writes() int {
	n := 0
	for _, r := range h.srv.Requests() {
		if r.Method != http.MethodGet {
			n++
		}
	}
	return n
}

// TestApplyPruneDryRun: the plan lists every secret the file does not
// name (both of a shared name), keeps the file's, reports the one in use
// (exit 1), and changes nothing.
func TestApplyPruneDryRun(t *testing.T) {
	h := newHarness(t)
	w := seedPrune(t, h.srv)
	r := h.run("", "apply", "--file", writeFile(t, applyFile.text), "--prune", "--dry-run", "--json")
	rows := byID(t, r.stdout)
	for id, want := range map[string]string{w.stale: "would delete", w.dup1: "would delete", w.dup2: "would delete", w.inUse: "in use", w.named: "would update"} {
		if rows[id].Status != want {
			t.Errorf("%s: status %q, want %q", rows[id].Name, rows[id].Status, want)
		}
	}
	if n := strings.Count(r.stdout, "\n"); n != 7 {
		t.Errorf("%d rows, want 7: the file's 3 names and the 4 secrets not in it", n)
	}
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "used by 1 agent") || !strings.Contains(r.stderr, "1 of 4 secrets not in the file are in use and would not be deleted") {
		t.Errorf("exit %d, want 1 naming the secret in use and why: %s", r.code, r.stderr)
	}
	if h.writes() != 0 || h.srv.Len() != 5 {
		t.Errorf("--dry-run wrote %d time(s); the fake holds %d secrets, want 5", h.writes(), h.srv.Len())
	}
}

// TestApplyPruneWithoutTerminalNeedsYes: in CI, --prune without --yes is
// refused before anything is sent, the creates and updates too.
func TestApplyPruneWithoutTerminalNeedsYes(t *testing.T) {
	h := newHarness(t)
	seedPrune(t, h.srv)
	h.tty = func() (io.ReadWriteCloser, error) { return nil, errors.New("no /dev/tty") }
	for _, tty := range []bool{false, true} {
		if !tty {
			h.tty = nil
		}
		r := h.run("", "apply", "--file", writeFile(t, applyFile.text), "--prune")
		if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "add --yes") {
			t.Errorf("--prune with no terminal: exit %d, want 2 asking for --yes: %s", r.code, r.stderr)
		}
	}
	if n := len(h.srv.Requests()); n != 0 || h.srv.Len() != 5 {
		t.Errorf("--prune with no terminal sent %d request(s) and left %d secrets; want none and 5", n, h.srv.Len())
	}
}

// TestApplyPruneYes deletes what the file does not name, but the secret in
// use (exit 1), and applies the file; a second run has nothing to delete
// but that one.
func TestApplyPruneYes(t *testing.T) {
	h := newHarness(t)
	w := seedPrune(t, h.srv)
	file := writeFile(t, applyFile.text)
	r := h.run("", "apply", "--file", file, "--prune", "--yes", "--json")
	rows := byID(t, r.stdout)
	for id, want := range map[string]string{w.stale: "deleted", w.dup1: "deleted", w.dup2: "deleted", w.inUse: "in use", w.named: "updated"} {
		if rows[id].Status != want {
			t.Errorf("%s: status %q, want %q", rows[id].Name, rows[id].Status, want)
		}
	}
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "1 of 4 secrets not in the file are in use and were not deleted") {
		t.Errorf("exit %d, want 1 for the secret in use: %s", r.code, r.stderr)
	}
	if h.srv.Len() != 4 {
		t.Errorf("the fake holds %d secrets, want the file's 3 and the one in use", h.srv.Len())
	}
	r = h.run("", "apply", "--file", file, "--prune", "--yes", "--json")
	if rows := byID(t, r.stdout); strings.Count(r.stdout, "\n") != 4 || rows[w.inUse].Status != "in use" || r.code != cli.ExitAPI {
		t.Errorf("second run: exit %d, %d rows; want 1, the file's 3 updated and the one in use", r.code, len(rows))
	}
}

// TestApplyPruneInUseByTheAPI: a secret the listing showed unused but the
// API refuses to delete (409: in use since, or by what the listing does
// not show) is reported as in use, not as a failure to retry.
func TestApplyPruneInUseByTheAPI(t *testing.T) {
	h := newHarness(t)
	id, err := h.srv.Seed("STALE", testValue)
	if err != nil {
		t.Fatal(err)
	}
	h.srv.Inject(secretstest.Fault{Method: http.MethodDelete, Status: http.StatusConflict, Body: `{"detail":{"status":"secret_in_use","message":"Secret is in use"}}`})
	r := h.run("", "apply", "--file", writeFile(t, "A=1\n"), "--prune", "--yes", "--json")
	if rows := byID(t, r.stdout); rows[id].Status != "in use" || r.code != cli.ExitAPI || !strings.Contains(r.stderr, "were not deleted") {
		t.Errorf("a 409 on delete: status %q, exit %d, want in use and 1: %s", rows[id].Status, r.code, r.stderr)
	}
	if h.srv.Len() != 2 {
		t.Errorf("the fake holds %d secrets, want A and the one in use", h.srv.Len())
	}
}

// TestApplyPruneAsks: on a terminal, --prune shows what it would delete
// (not the secret in use, which it never deletes) and goes on only on y;
// anything else changes nothing, the creates and updates included.
func TestApplyPruneAsks(t *testing.T) {
	for _, tc := range []struct {
		answer string
		yes    bool
	}{{"y\n", true}, {"YES\n", true}, {"n\n", false}, {"\n", false}, {"", false}, {"yes please\n", false}} {
		h := newHarness(t)
		w := seedPrune(t, h.srv)
		tty := h.withTerminal(tc.answer)
		r := h.run("", "apply", "--file", writeFile(t, applyFile.text), "--prune")
		question := tty.shown.String()
		for _, id := range []string{w.stale, w.dup1, w.dup2} {
			if !strings.Contains(question, id) {
				t.Errorf("answer %q: the question does not show %s", tc.answer, id)
			}
		}
		if strings.Contains(question, w.inUse) || !strings.Contains(question, "Delete 3 secret(s), and apply the file? [y/N]") {
			t.Errorf("answer %q: the question shows the secret in use, or asks otherwise:\n%s", tc.answer, question)
		}
		switch {
		case tc.yes && (r.code != cli.ExitAPI || h.srv.Len() != 4):
			t.Errorf("answer %q: exit %d, %d secrets; want 1 (the one in use) and 4", tc.answer, r.code, h.srv.Len())
		case !tc.yes && (r.code != cli.ExitUsage || h.writes() != 0 || !strings.Contains(r.stderr, "not confirmed; nothing was changed")):
			t.Errorf("answer %q: exit %d, %d write(s); want 2 and none: %s", tc.answer, r.code, h.writes(), r.stderr)
		}
	}
}

// TestApplyPruneAsksNothingWhenNothingGoes: with nothing to delete, no
// question: the file is applied.
func TestApplyPruneAsksNothingWhenNothingGoes(t *testing.T) {
	h := newHarness(t)
	tty := h.withTerminal("")
	h.mustRun("", "apply", "--file", writeFile(t, applyFile.text), "--prune")
	if tty.shown.Len() != 0 || h.srv.Len() != 3 {
		t.Errorf("nothing to delete: asked %q, %d secrets; want no question and 3", tty.shown.String(), h.srv.Len())
	}
}

// TestApplyPruneFlags: --prune with --create-only contradicts itself, and
// --yes confirms only --prune; both are refused before anything is sent.
func TestApplyPruneFlags(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"--prune", "--create-only", "--yes"}, {"--yes"}} {
		r := h.run("", append([]string{"apply", "--file", writeFile(t, applyFile.text)}, args...)...)
		if r.code != cli.ExitUsage || len(h.srv.Requests()) != 0 {
			t.Errorf("apply %v: exit %d, %d request(s); want 2 and none", args, r.code, len(h.srv.Requests()))
		}
	}
}
