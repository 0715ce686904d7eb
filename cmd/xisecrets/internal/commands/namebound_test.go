package commands

import (
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// TestLongNameRefusedUnquoted: a name over client.MaxNameBytes (often a
// value pasted in its place) is refused by every command that takes one,
// with an error that does not repeat it, and nothing is sent.
func TestLongNameRefusedUnquoted(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("Q", client.MaxNameBytes+1)
	for _, args := range [][]string{{"create", long}, {"get", long}, {"delete", long}, {"deps", long}} {
		r := h.run(testValue+"\n", args...)
		if r.code == cli.ExitOK || !strings.Contains(r.stderr, "-byte limit") {
			t.Errorf("%s LONG: exit %d, %q; want the name refused for its length", args[0], r.code, r.stderr)
		}
		if strings.Contains(r.stdout+r.stderr, "QQQQ") {
			t.Errorf("%s LONG: the output repeats the name", args[0])
		}
	}
	if n := len(h.srv.Requests()); n != 0 {
		t.Errorf("%d request(s) sent for names over the bound", n)
	}
}
