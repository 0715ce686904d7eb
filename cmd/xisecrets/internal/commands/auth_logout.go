package commands

import (
	"context"
	"flag"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

func authLogoutCommand() cli.Command {
	return authCommand("logout", "Remove a profile and its stored key (from the OS keyring and credentials.json).",
		[]string{`xisecrets auth logout --profile staging`},
		func(fs *flag.FlagSet, g *config.Globals) { g.RegisterProfile(fs) },
		func(_ context.Context, e cli.Env, g *config.Globals) error { return config.Logout(e, g) })
}
