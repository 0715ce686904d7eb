package cli

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/hint"
)

// docsSection is the lines of docs/cli.md under the heading title, up to
// the next heading.
func docsSection(t *testing.T, title string) []string {
	t.Helper()
	guide, err := os.ReadFile("../../../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(guide), "\n"+title+"\n")
	if !ok {
		t.Fatalf("docs/cli.md has no heading %q", title)
	}
	var lines []string
	for _, l := range strings.Split(after, "\n") {
		if strings.HasPrefix(l, "#") {
			break
		}
		lines = append(lines, l)
	}
	return lines
}

// docs/cli.md's exit status table has a row for each status the CLI
// exits with, and no other; the usage text names each.
func TestExitStatusTable(t *testing.T) {
	var documented []int
	for _, l := range docsSection(t, "### Exit status") {
		cells := strings.Split(l, "|")
		if len(cells) < 3 {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSpace(cells[1])); err == nil {
			documented = append(documented, n)
		}
	}
	statuses := []int{ExitOK, ExitAPI, ExitUsage, ExitInterrupted, ExitTerminated}
	if !slices.Equal(documented, statuses) {
		t.Errorf("docs/cli.md's exit statuses are %v, the CLI's %v", documented, statuses)
	}
	var usage strings.Builder
	testApp().printUsage(&usage)
	_, said, _ := strings.Cut(usage.String(), "Exit status:")
	words := strings.Fields(said)
	for _, n := range statuses {
		if !slices.Contains(words, strconv.Itoa(n)) {
			t.Errorf("the usage text's exit statuses do not name %d: %q", n, said)
		}
	}
}

// docs/cli.md's hint table has a row for every kind of error package
// hint gives advice for: the refused key, each kind of unreachable API,
// the rate limit. (The advice itself is tested in package hint.)
func TestHintTableIsDocumented(t *testing.T) {
	var firsts []string
	for _, l := range docsSection(t, "### When something goes wrong") {
		if cells := strings.Split(l, "|"); len(cells) >= 3 {
			firsts = append(firsts, cells[1])
		}
	}
	rows := strings.Join(firsts, "\n")
	for _, kind := range []string{"401 or 403", "429", hint.Refused, hint.DNS, hint.TLS, hint.Timeout, hint.Network, "keyring is locked"} {
		if !strings.Contains(rows, kind) {
			t.Errorf("docs/cli.md's hint table has no row for %q", kind)
		}
	}
}
