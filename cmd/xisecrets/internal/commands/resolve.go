package commands

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/hint"
)

// nameOrID is the positional argument of get, delete and deps.
const nameOrID = "NAME|ID"

// idFlagHelp is the --id help of every command that takes NAME|ID: the
// rule, and what it costs.
const idFlagHelp = "the argument is an id: skip the name lookup. Without it, NAME|ID is first looked up " +
	"as an exact name, which costs one extra listing request (of the secrets whose names start with it); " +
	"if no secret has that name, it is taken as an id; if two or more have it, nothing is done"

// target is the secret a NAME|ID argument stands for.
type target struct {
	id  string
	arg string
	// listed: the name lookup's listing answered at this base URL, so a
	// 404 for the id is about the secret, not a wrong route.
	listed bool
	// noSuchName: the listing answered and no secret has the argument as
	// its name, so it is used as an id.
	noSuchName bool
}

// idFlag declares --id on fs; resolveSecret takes its value.
func idFlag(fs *flag.FlagSet) *bool { return fs.Bool("id", false, idFlagHelp) }

// resolveSecret turns a NAME|ID argument into an id, by the one rule of the
// CLI: unless isID, arg is looked up as an exact name first (FindByName:
// one listing pass over the names that start with it). One secret has that
// name: its id. None (ErrNoSuchName, which only a listing that answered
// gives): arg itself, as an id. Several: an error listing their ids,
// escaped. Any other failure of the lookup (a 401, the network, a 404 of
// the listing from a wrong --base-url) is an error too: arg is never taken
// as an id because the lookup could not be done.
func resolveSecret(ctx context.Context, c *client.Client, arg string, isID bool) (target, error) {
	if isID {
		return target{id: arg, arg: arg}, nil
	}
	found, err := c.Secrets.FindByName(ctx, arg)
	switch {
	case err == nil:
		return target{id: found.ID, arg: arg, listed: true}, nil
	case errors.Is(err, client.ErrNoSuchName):
		return target{id: arg, arg: arg, listed: true, noSuchName: true}, nil
	case errors.Is(err, client.ErrDuplicateName):
		// The library's message lists the ids, escaped and capped.
		return target{}, fmt.Errorf("%w; nothing was done: give one of the ids with --id", err)
	case errors.Is(err, client.ErrInvalidArgument):
		// No secret can bear such a name (one over client.MaxNameBytes,
		// often a value pasted in its place): the argument is not quoted.
		return target{}, fmt.Errorf("%w (the NAME|ID argument, looked up as a name; nothing was done; --id skips the lookup)", err)
	}
	more := "; --id skips the lookup"
	switch {
	case errors.Is(err, client.ErrNotFound):
		// Not ErrNoSuchName: the listing itself got a 404.
		more = "; check --base-url or --region; --id skips the lookup"
	case hint.Unreachable(err), errors.Is(err, client.ErrUnauthorized):
		// --id would fail the same way: the hint says what to check.
		more = ""
	}
	return target{}, fmt.Errorf("%w (while looking up %q as a secret's name; nothing was done%s)", err, arg, more)
}

// explain words a failure of a call made with t's id. When the argument
// was no secret's name and is no secret's id either, the bare 404 would
// hide the first half: say both.
func (t target) explain(err error) error {
	if t.noSuchName && errors.Is(err, client.ErrNotFound) {
		return fmt.Errorf("%w; nor is any secret named %q", err, t.arg)
	}
	return err
}
