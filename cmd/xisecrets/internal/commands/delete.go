package commands

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/hint"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

func deleteCommand() cli.Command {
	return cli.Command{Name: "delete", Args: []string{nameOrID}, Summary: "Delete a secret (refused while a tool, agent, phone number, MCP server or environment variable uses it).",
		Examples: []string{`xisecrets delete OLD_KEY                        # refused while something uses it: see deps`, `xisecrets delete --id sec_0123456789abcdef --ignore-not-found`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			asJSON := jsonFlag(fs, "print JSON")
			ignoreNotFound := fs.Bool("ignore-not-found", false, "exit 0, with status \"not found\", when the secret is already gone "+
				"(a 404 counts as gone only once a listing at this base URL has answered: a wrong --base-url or --region gets a 404 too)")
			isID := idFlag(fs)
			return func(ctx context.Context, e cli.Env, c *client.Client, args []string) error {
				t, err := resolveSecret(ctx, c, args[0], *isID)
				if err != nil {
					return err
				}
				// A binding is a use the API may not refuse the delete for
				// (its behaviour is not documented): checked first, so
				// that nothing is sent and the message names the binding.
				bound, err := boundBy(ctx, c, t.id)
				switch {
				case errors.Is(err, client.ErrNotFound):
					return fmt.Errorf("%w (listing the environment variables that may bind the secret; nothing was deleted; check --base-url or --region)", err)
				case err != nil:
					return err
				case len(bound) > 0:
					return errBound(t.id, bound)
				}
				// That listing answered at this base URL: a 404 for the
				// id is about the secret, as after the name lookup's.
				t.listed = true
				status := "deleted"
				var resp client.Response
				err = c.Secrets.Delete(ctx, t.id, client.WithResponseInto(&resp))
				notFound := err != nil && *ignoreNotFound && errors.Is(err, client.ErrNotFound)
				if err != nil && !notFound {
					if errors.Is(err, client.ErrSecretInUse) {
						err = hint.With(err, fmt.Sprintf("%s shows what uses it; remove it from those first", suggest("xisecrets deps NAME|ID", "deps", args[0])))
					}
					return t.explain(err)
				}
				// A 404 counts as gone, here or after a lost answer
				// (AlreadyGone), only once a listing answered at this base
				// URL: the name lookup's did; with --id, one more must.
				if (notFound || resp.AlreadyGone) && !t.listed {
					if lerr := apiAnswers(ctx, c); lerr != nil {
						if err == nil {
							err = errors.New("xisecrets: delete secret: the retry of an attempt whose answer was lost got 404")
						}
						return fmt.Errorf("%w (listing secrets at this base URL failed too: %s; check --base-url or --region)", err, cli.TrimPrefix(lerr))
					}
				}
				if notFound {
					status = "not found"
				}
				out := output.NewPrinter(e.Stdout, *asJSON, "STATUS", "ID")
				out.Row(output.Deleted{Status: status, SecretID: t.id}, status, t.id)
				return out.Flush()
			}
		}}
}

// apiAnswers lists one secret to tell a 404 for a missing secret from a
// 404 for a missing route (a wrong base URL or region): both are 404, and
// the vendor's body cannot be relied on to tell them apart. If the API
// lists secrets here, the route was right and the secret is gone.
func apiAnswers(ctx context.Context, c *client.Client) error {
	for _, err := range c.Secrets.List(ctx, client.ListOptions{PageSize: 1}) {
		return err // the first page answered, or its error
	}
	return nil // an empty workspace: the listing answered
}
