package secretstest

import (
	"testing"

	apiops "github.com/xisecrets/xisecrets/internal/operations"
)

// The fake serves exactly the operations whose row of internal/operations
// says Fake: a missing handler fails here, not as a 501 in a user's test.
func TestFakeServesTheOperationsItsRowsSay(t *testing.T) {
	rows := map[string]bool{}
	for _, op := range apiops.All {
		rows[op.ID] = true
		_, served := operations[op.ID]
		switch {
		case op.Fake && !served:
			t.Errorf("internal/operations says the fake serves %s (%s %s), but client/secretstest has no handler for it: add one to operations in operations.go", op.ID, op.Method, op.Path)
		case !op.Fake && served:
			t.Errorf("client/secretstest serves %s, but its row in internal/operations says Fake: false", op.ID)
		}
	}
	for id := range operations {
		if !rows[id] {
			t.Errorf("client/secretstest has a handler for %s, which internal/operations does not list", id)
		}
	}
}
