package commands

import (
	"context"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// Main runs the xisecrets command line args in e and returns the exit
// status.
func Main(ctx context.Context, args []string, e cli.Env) int { return App().Run(ctx, args, e) }

// App is the xisecrets program: the command table, config's global
// flags, and what "xisecrets auth" says after its subcommands.
func App() cli.App {
	return cli.App{
		Commands:   commands,
		NewGlobals: func() cli.Globals { return &config.Globals{} },
		GroupNotes: map[string]string{
			"env":  envNote,
			"auth": "\nWhere each setting comes from:\n\n" + cli.PlainTable(config.PrecedenceTable) + "\n" + config.PrecedenceNotes,
		},
	}
}

// commands is the command table, in the order help lists it.
func commands() []cli.Command {
	return []cli.Command{
		setCommand(), listCommand(), getCommand(), createCommand(), updateCommand(),
		deleteCommand(), depsCommand(), applyCommand(),
		envListCommand(), envGetCommand(), envSetCommand(), envUnsetCommand(),
		fakeCommand(), completionCommand(), versionCommand(),
		authLoginCommand(), authStatusCommand(), authListCommand(), authLogoutCommand(),
	}
}
