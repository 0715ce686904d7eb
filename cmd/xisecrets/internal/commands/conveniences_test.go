package commands

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// update takes NAME|ID, as every other command does: by name, by id
// (looked up as a name first, or not with --id), and a name that is
// neither is a 404 saying both.
func TestUpdateByNameOrID(t *testing.T) {
	h := newHarness(t)
	id := h.createJSON("OPENAI_API_KEY")
	if out := h.mustRun("rotated\n", "update", "OPENAI_API_KEY", "OPENAI_KEY_2"); !strings.Contains(out, id) || !strings.Contains(out, "OPENAI_KEY_2") {
		t.Errorf("update by name: %s", out)
	}
	if !h.srv.ValueIs(id, "rotated") {
		t.Error("update by name: the value is not the new one")
	}
	h.mustRun("again\n", "update", id, "OPENAI_KEY_3")
	h.mustRun("third\n", "update", "--id", id, "OPENAI_KEY_4")
	if !h.srv.ValueIs(id, "third") {
		t.Error("update --id: the value is not the new one")
	}
	r := h.run("v\n", "update", "NO_SUCH_NAME", "OTHER")
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, `nor is any secret named "NO_SUCH_NAME"`) {
		t.Errorf("update of a name that is no secret's: exit %d: %s", r.code, r.stderr)
	}
}

// fake --key K accepts K (and only K), for scripts that need a known key.
func TestFakeKey(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &lockedBuffer{}
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"fake", "--addr", "127.0.0.1:0", "--key", "xi-script-key"}, cli.Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: &lockedBuffer{}, Getenv: keyOnlyEnv})
	}()
	stdout.waitFor(t, "use it with --base-url ")
	out := stdout.String()
	if !strings.Contains(out, "it accepts the key given with --key") {
		t.Errorf("fake --key says: %s", out)
	}
	url := strings.TrimSpace(out[strings.Index(out, "--base-url ")+len("--base-url "):])
	for key, want := range map[string]int{"xi-script-key": 200, testKey: 401} {
		req, _ := http.NewRequest(http.MethodGet, url+"/v1/convai/secrets", nil)
		req.Header.Set("xi-api-key", key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("a listing with the key %s: %d, want %d", map[bool]string{true: "given", false: "in the environment"}[key == "xi-script-key"], resp.StatusCode, want)
		}
	}
	cancel()
	if code := <-done; code != cli.ExitOK {
		t.Errorf("fake exited %d", code)
	}
}

// Every command's --help shows examples, and no help is Markdown.
func TestEveryCommandHasExamples(t *testing.T) {
	for _, c := range commands() {
		if len(c.Examples) == 0 {
			t.Errorf("%s has no examples", c.Name)
		}
		r := runWithout(t, append(strings.Fields(c.Name), "--help")...)
		if !strings.Contains(r.stdout, "\nexamples:\n  ") {
			t.Errorf("%s --help shows no examples:\n%s", c.Name, r.stdout)
		}
	}
	for _, args := range [][]string{{"auth", "--help"}, {"--help"}} {
		if out := runWithout(t, args...).stdout; strings.Contains(out, "|---|") || strings.Contains(out, "| ") || strings.Contains(out, "`") {
			t.Errorf("xisecrets %s prints Markdown:\n%s", strings.Join(args, " "), out)
		}
	}
}
