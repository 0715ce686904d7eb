package commands

import (
	"context"
	"os"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// run is the whole CLI in-process, as main runs it.
func run(ctx context.Context, args []string, e cli.Env) int { return Main(ctx, args, e) }

// osEnv is the environment main gives the CLI, for a test binary run as
// the CLI in a child process.
func osEnv() cli.Env {
	return cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Lookupenv: os.LookupEnv,
		UserConfigDir: os.UserConfigDir, Keyring: config.NewOSKeyring(), TTY: OpenTerminal}
}
