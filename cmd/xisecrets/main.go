// Command xisecrets manages ElevenLabs Conversational AI workspace secrets
// from a terminal or a CI pipeline, and runs a local fake of the API.
//
//	xisecrets [global flags] <command> [flags] [args]
//
// The API key comes from ELEVENLABS_API_KEY or a profile stored by auth
// login (in the OS keyring); secret values come from stdin,
// --value-file or an apply file, never from the command line, where every
// user of the machine could read them. Exit status: 0 ok, 1 API or network error, 2 usage error
// (nothing written), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM); docs/cli.md has the table.
package main

import (
	"context"
	"os"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/commands"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// Set by a release build's linker flags (-X main.version=v1.2.3
// -X main.commit=... -X main.date=..., see .goreleaser.yaml): the
// version command reports them (commands.Linked).
var (
	version string
	commit  string
	date    string
)

func main() {
	commands.Linked.Version, commands.Linked.Commit, commands.Linked.Date = version, commit, date
	ctx, stop := cli.NotifyContext(context.Background())
	code := commands.Main(ctx, os.Args[1:], cli.Env{
		Stdin:         os.Stdin,
		Stdout:        os.Stdout,
		Stderr:        os.Stderr,
		Getenv:        os.Getenv,
		Lookupenv:     os.LookupEnv,
		UserConfigDir: os.UserConfigDir,
		Keyring:       config.NewOSKeyring(),
		TTY:           commands.OpenTerminal,
	})
	stop()
	os.Exit(code)
}
