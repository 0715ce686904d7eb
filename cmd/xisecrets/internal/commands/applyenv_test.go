package commands

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// TestApplyEnvRefusesBeforeWriting: labels with no production value yet
// (for staging) and labels of another type are all named, exit 2, and
// only the two listings are sent.
func TestApplyEnvRefusesBeforeWriting(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "env", "set", "HOST", "--env", "production", "--string", "h.example")
	before := len(h.srv.Requests())
	r := h.run("", "apply", "--file", writeFile(t, "A_KEY="+testValue+"\nB_KEY="+testValue+"\nHOST="+testValue+"\n"), "--env", "staging")
	if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "A_KEY, B_KEY") || !strings.Contains(r.stderr, "apply the production file first") ||
		!strings.Contains(r.stderr, "HOST is not of type secret") {
		t.Errorf("want exit 2 naming A_KEY, B_KEY and HOST, got %d %q", r.code, r.stderr)
	}
	for _, q := range h.srv.Requests()[before:] {
		if q.Method != http.MethodGet {
			t.Errorf("a %s %s was sent before the refusal", q.Method, q.Path)
		}
	}
	if n := len(h.srv.Requests()) - before; n != 2 {
		t.Errorf("want the two listings only, got %d requests", n)
	}
}

// TestApplyEnvBindsAndRerunsWithoutBindingWrites: production then
// staging bind each label to NAME and NAME@staging; a rerun sends no
// environment-variable write (the secrets are updated, as apply does).
func TestApplyEnvBindsAndRerunsWithoutBindingWrites(t *testing.T) {
	h := newHarness(t)
	prod := writeFile(t, "A_KEY="+testValue+"\nB_KEY="+testValue+"\n")
	h.mustRun("", "apply", "--file", prod, "--env", "production")
	staging := writeFile(t, "A_KEY=stg-"+testValue+"\nB_KEY=stg-"+testValue+"\n")
	h.mustRun("", "apply", "--file", staging, "--env", "staging")
	ev, ok := h.srv.EnvironmentVariable("A_KEY")
	if !ok || ev.Type != client.EnvironmentVariableSecret || len(ev.Values) != 2 {
		t.Fatalf("A_KEY: %v %v", ok, ev.Values)
	}
	if !h.srv.ValueIs(ev.Values["staging"].SecretID(), "stg-"+testValue) || !h.srv.ValueIs(ev.Values["production"].SecretID(), testValue) {
		t.Error("the bound secrets do not hold the files' values")
	}
	for _, file := range []string{prod, staging} {
		env := "production"
		if file == staging {
			env = "staging"
		}
		before := len(h.srv.Requests())
		out := h.mustRun("", "apply", "--file", file, "--env", env, "--json")
		if strings.Count(out, `"binding":"unchanged"`) != 2 {
			t.Errorf("rerun --env %s: want both bindings unchanged, got %s", env, out)
		}
		for _, q := range h.srv.Requests()[before:] {
			if strings.HasPrefix(q.Path, "/v1/convai/environment-variables") && q.Method != http.MethodGet {
				t.Errorf("rerun --env %s sent %s %s", env, q.Method, q.Path)
			}
		}
	}
}

// TestApplyEnvPrune: staging's --prune unsets the label the file dropped,
// then deletes its NAME@staging secret; a staging secret production also
// binds is kept (in use); production's --prune keeps a dropped label's
// value and secret (kept); a plain --prune deletes no bound secret.
func TestApplyEnvPrune(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "apply", "--file", writeFile(t, "A_KEY=a\nB_KEY=b\nC_KEY=c\n"), "--env", "production")
	h.mustRun("", "apply", "--file", writeFile(t, "A_KEY=a2\nB_KEY=b2\nC_KEY=c2\n"), "--env", "staging")
	// Production promoted to staging's C secret: it must survive.
	h.mustRun("", "env", "set", "C_KEY", "--env", "production", "--secret", "C_KEY@staging")
	r := h.run("", "apply", "--file", writeFile(t, "A_KEY=a3\n"), "--env", "staging", "--prune", "--yes", "--json")
	if !strings.Contains(r.stdout, `{"binding":"unset","environment":"staging","label":"B_KEY","name":"B_KEY@staging"`) ||
		!strings.Contains(r.stdout, `"status":"deleted"`) || !strings.Contains(r.stderr, "C_KEY (production) binds it") || r.code != cli.ExitAPI {
		t.Errorf("staging --prune: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	b, _ := h.srv.EnvironmentVariable("B_KEY")
	if _, ok := b.Values["staging"]; ok || len(b.Values) != 1 {
		t.Errorf("B_KEY staging still set: %v", b.Values)
	}
	// Production: B_KEY and C_KEY's values are kept, with their secrets;
	// the plain C_KEY, which nothing binds since the promotion, goes.
	before := h.srv.Len()
	out := h.mustRun("", "apply", "--file", writeFile(t, "A_KEY=a4\n"), "--env", "production", "--prune", "--yes")
	if strings.Count(out, "kept     ") != 2 || strings.Count(out, "deleted") != 1 || h.srv.Len() != before-1 {
		t.Errorf("production --prune: want B_KEY and C_KEY kept and the unbound C_KEY deleted, got (%d -> %d secrets)\n%s", before, h.srv.Len(), out)
	}
	before = h.srv.Len()
	r = h.run("", "apply", "--file", writeFile(t, "A_KEY=a5\n"), "--prune", "--yes")
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "B_KEY (production) binds it") || h.srv.Len() != before {
		t.Errorf("plain --prune: want bound secrets kept, got %d (%d -> %d secrets) %q", r.code, before, h.srv.Len(), r.stderr)
	}
}
