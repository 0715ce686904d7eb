package commands

import (
	"context"
	"flag"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

func createCommand() cli.Command {
	return cli.Command{Name: "create", Args: []string{"NAME"}, TakesValue: true, Summary: "Create a secret, unless one has this name; the value is read from stdin or --value-file.",
		Examples: []string{`printf '%s' "$TOKEN" | xisecrets create OPENAI_API_KEY   # fails if the name exists`, `xisecrets create PEM_KEY --value-file key.pem`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			allowDuplicate := fs.Bool("allow-duplicate", false, allowDuplicateHelp)
			return writeAction(fs, func(ctx context.Context, c *client.Client, args []string, value string) (client.Secret, string, error) {
				if !*allowDuplicate {
					if err := refuseExisting(ctx, c, args[0]); err != nil {
						return client.Secret{}, "", err
					}
				}
				s, err := c.Secrets.Create(ctx, args[0], value)
				return s, "created", err
			})
		}}
}
