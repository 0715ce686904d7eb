package commands

import (
	"context"
	"errors"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
)

// allowDuplicateHelp is create's --allow-duplicate help: what the check
// costs, and that it is a check, not a lock.
const allowDuplicateHelp = "create even if a secret already has this exact name (apply then fails for that name). " +
	"Without it, create first lists the secrets whose names start with NAME (one listing pass) " +
	"and exits 1, creating nothing, if one is named exactly NAME; a check, not a lock"

// refuseExisting fails when a secret is already named exactly name: a
// second one is almost always a mistake (a rotation meant as an update),
// and it breaks every later apply of that name. Only ErrNoSuchName lets
// the create go on: a 404 from the listing itself (a wrong --base-url)
// is an error like any other.
func refuseExisting(ctx context.Context, c *client.Client, name string) error {
	found, err := c.Secrets.FindByName(ctx, name)
	switch {
	case errors.Is(err, client.ErrNoSuchName):
		return nil
	case err == nil:
		return fmt.Errorf("a secret named %q already exists (%s); nothing was created. To set its value: "+
			"%s; to keep many names in step from a file: xisecrets apply; "+
			"to create a second secret of the same name anyway: --allow-duplicate", name, found.ID,
			suggest("xisecrets update --id ID NAME", "update", "--id", found.ID, name))
	case errors.Is(err, client.ErrDuplicateName):
		// The library's message lists the ids, escaped and capped.
		return fmt.Errorf("%w; nothing was created. Then set its value with %s, "+
			"or create yet another anyway with --allow-duplicate", err, suggest("xisecrets update --id ID NAME", "update", "--id", "ID", name))
	}
	return fmt.Errorf("%w (while checking that no secret is named %q; nothing was created)", err, name)
}
