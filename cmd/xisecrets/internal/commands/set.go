package commands

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

func setCommand() cli.Command {
	return cli.Command{Name: "set", Args: []string{"NAME"}, TakesValue: true,
		Summary:  "Set the value of the secret named NAME: update it, or create it if no secret has this exact name; the value is read from stdin or --value-file.",
		Examples: []string{`printf '%s' "$TOKEN" | xisecrets set OPENAI_API_KEY      # create it, or update the one secret of that name`, `xisecrets set OPENAI_API_KEY --value-file token.txt     # the value from a file, byte for byte`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			return writeAction(fs, func(ctx context.Context, c *client.Client, args []string, value string) (client.Secret, string, error) {
				s, created, err := c.Secrets.Upsert(ctx, args[0], value)
				switch {
				case errors.Is(err, client.ErrDuplicateName):
					// The library's message lists the ids, escaped and capped.
					return s, "", fmt.Errorf("%w; nothing was written. Delete the extra ones with xisecrets delete --id ID, "+
						"or set one of them with %s", err, suggest("xisecrets update --id ID NAME", "update", "--id", "ID", args[0]))
				case err != nil:
					return s, "", err
				case created:
					return s, "created", nil
				}
				return s, "updated", nil
			})
		}}
}
