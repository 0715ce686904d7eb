package commands

import (
	"context"
	"flag"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

func updateCommand() cli.Command {
	return cli.Command{Name: "update", Args: []string{nameOrID, "NEW_NAME"}, TakesValue: true, Summary: "Replace a secret's name and value; the value is read from stdin or --value-file.",
		Examples: []string{`printf '%s' "$NEW" | xisecrets update OPENAI_API_KEY OPENAI_API_KEY   # a new value, same name`, `xisecrets update --id sec_0123456789abcdef NEW_NAME --value-file token.txt`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			isID := idFlag(fs)
			return writeAction(fs, func(ctx context.Context, c *client.Client, args []string, value string) (client.Secret, string, error) {
				// NAME|ID as every command takes it; the value is read
				// first, so a lookup never waits on a pipe.
				t, err := resolveSecret(ctx, c, args[0], *isID)
				if err != nil {
					return client.Secret{}, "", err
				}
				s, err := c.Secrets.Update(ctx, t.id, args[1], value)
				return s, "updated", t.explain(err)
			})
		}}
}
