package commands

import (
	"slices"
	"testing"

	"github.com/xisecrets/xisecrets/internal/operations"
)

// commandsWithoutTheAPI are the commands that call no operation.
var commandsWithoutTheAPI = []string{"fake", "completion", "version", "auth list", "auth logout"}

// Each command a row of internal/operations names exists, and each command
// is named by a row or calls no operation: a new command is registered
// against the operations it calls.
func TestOperationRowsNameTheCommands(t *testing.T) {
	have := map[string]bool{}
	for _, c := range commands() {
		have[c.Name] = true
	}
	named := map[string]bool{}
	for _, op := range operations.All {
		for _, name := range op.CLI {
			named[name] = true
			if !have[name] {
				t.Errorf("internal/operations: %s names the command %q, which xisecrets does not have", op.ID, name)
			}
		}
	}
	for name := range have {
		if !named[name] && !slices.Contains(commandsWithoutTheAPI, name) {
			t.Errorf("the command %q is named by no row of internal/operations: add it to the CLI of each operation it calls", name)
		}
	}
}
