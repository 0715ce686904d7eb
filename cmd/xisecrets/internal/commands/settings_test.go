package commands

import (
	"os"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// The CLI guide and auth --help show one table (in Markdown, and as plain
// text): the one resolve implements.
func TestCLIGuideHasThePrecedenceTable(t *testing.T) {
	guide, err := os.ReadFile("../../../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(guide), config.PrecedenceTable) {
		t.Errorf("docs/cli.md does not hold PrecedenceTable verbatim:\n%s", config.PrecedenceTable)
	}
	h := newAuthHarness(t)
	if r := h.run("", "auth", "--help"); r.code != cli.ExitOK || !strings.Contains(r.stdout, cli.PlainTable(config.PrecedenceTable)) {
		t.Errorf("auth --help: exit %d, want the table, as plain text; got:\n%s", r.code, r.stdout)
	}
}
