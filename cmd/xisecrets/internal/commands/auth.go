package commands

import (
	"context"
	"flag"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// authCommand declares "auth SUB". It is offline, so run builds no client:
// register declares the global flags it takes (and its own), and do
// resolves the settings itself.
func authCommand(sub, summary string, examples []string, register func(*flag.FlagSet, *config.Globals), do func(context.Context, cli.Env, *config.Globals) error) cli.Command {
	return cli.Command{Name: "auth " + sub, Offline: true, Summary: summary, Examples: examples,
		Flags: func(fs *flag.FlagSet) cli.Action {
			g := &config.Globals{}
			register(fs, g)
			return func(ctx context.Context, e cli.Env, _ *client.Client, _ []string) error { return do(ctx, e, g) }
		}}
}
