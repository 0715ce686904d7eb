package commands

import (
	"context"
	"flag"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

// writeAction is create, update and set: read the value, write, report
// what write did ("created" or "updated") as the status.
func writeAction(fs *flag.FlagSet, write func(context.Context, *client.Client, []string, string) (client.Secret, string, error)) cli.Action {
	valueFile := fs.String("value-file", "", valueFlagHelp)
	asJSON := jsonFlag(fs, "print JSON")
	return func(ctx context.Context, e cli.Env, c *client.Client, args []string) error {
		value, err := readValue(ctx, e, *valueFile)
		if err != nil {
			return err
		}
		s, status, err := write(ctx, c, args, value)
		if err != nil {
			return err
		}
		out := output.NewPrinter(e.Stdout, *asJSON, "STATUS", "ID", "NAME")
		out.Row(output.Written{Status: status, SecretID: s.ID, Name: s.Name}, status, s.ID, s.Name)
		return out.Flush()
	}
}

func jsonFlag(fs *flag.FlagSet, help string) *bool { return fs.Bool("json", false, help) }
