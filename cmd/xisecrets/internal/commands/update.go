package commands

import (
	"context"
	"flag"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

func updateCommand() cli.Command {
	return cli.Command{Name: "update", Args: []string{"ID", "NAME"}, TakesValue: true, Summary: "Replace a secret's name and value; the value is read from stdin or --value-file.",
		Flags: func(fs *flag.FlagSet) cli.Action {
			return writeAction(fs, func(ctx context.Context, c *client.Client, args []string, value string) (client.Secret, string, error) {
				s, err := c.Secrets.Update(ctx, args[0], args[1], value)
				return s, "updated", err
			})
		}}
}
