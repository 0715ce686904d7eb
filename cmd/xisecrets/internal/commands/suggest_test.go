package commands

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/internal/shellquote/shelltest"
)

// A command the CLI suggests runs exactly what it shows when pasted, or is
// a placeholder: a secret named to run something when pasted (anyone in
// the workspace can name one) gets the placeholder, never a line that runs
// it. Before, create and set suggested xisecrets update ID "$(touch x)".
func TestSuggestedCommandsNeverRunAName(t *testing.T) {
	updateLine := regexp.MustCompile(`xisecrets update --id [^\s;,]+ [^\s;,]+`)
	for _, name := range []string{"PLAIN_NAME", "$(touch pwned)", "`touch pwned`", "a'b", "a b", "x;rm", "NAME.with-dots_1"} {
		h := newHarness(t)
		id, err := h.srv.Seed(name, "v")
		if err != nil {
			t.Fatal(err)
		}
		r := h.run(testValue+"\n", "create", name)
		if r.code == cli.ExitOK {
			t.Fatalf("create of an existing name %q succeeded", name)
		}
		line := updateLine.FindString(r.stderr)
		if line == "" {
			t.Fatalf("create %q: no update command suggested in %q", name, r.stderr)
		}
		if line == "xisecrets update --id ID NAME" {
			if name == "PLAIN_NAME" {
				t.Errorf("a plain name got the placeholder: %q", r.stderr)
			}
			continue
		}
		for _, sh := range shelltest.Shells(t) {
			if got := shelltest.Argv(t, sh, "xisecrets", line); !slices.Equal(got, []string{"update", "--id", id, name}) {
				t.Errorf("%s: pasting %q gives xisecrets %q, want update %s %q", sh, line, got, id, name)
			}
		}
		if strings.ContainsAny(line, "$`'") {
			t.Errorf("create %q suggested a quoted line %q, which stderr's escaping would change", name, line)
		}
	}
}
