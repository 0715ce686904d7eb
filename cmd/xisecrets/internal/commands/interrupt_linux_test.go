package commands

import (
	"os"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// Ctrl-C at a prompt (set's hidden value prompt on a real terminal)
// exits 130, saying nothing was sent.
func TestInterruptAtAPromptExits130(t *testing.T) {
	_, terminal := openPTY(t)
	cmd, stderr := signalChild(t, terminal, "set", "NAME", "--base-url", "http://127.0.0.1:9")
	stderr.waitFor(t, "(not shown)")
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if code := exitOf(t, cmd); code != cli.ExitInterrupted || !strings.Contains(stderr.String(), "interrupted: nothing was sent") {
		t.Errorf("exit %d, stderr %q; want %d, nothing sent", code, stderr, cli.ExitInterrupted)
	}
}
