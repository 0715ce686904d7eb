package commands

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

func completionCommand() cli.Command {
	return cli.Command{Name: "completion", Args: []string{"SHELL"}, Offline: true, Choices: cli.CompletionShells(),
		Examples: []string{`source <(xisecrets completion bash)             # bash, this shell`, `xisecrets completion fish > ~/.config/fish/completions/xisecrets.fish`},
		Summary:  "Print a completion script for bash, zsh or fish: source <(xisecrets completion bash).",
		Flags: func(*flag.FlagSet) cli.Action {
			return func(_ context.Context, e cli.Env, _ *client.Client, args []string) error {
				script, ok := App().CompletionScript(args[0])
				if !ok {
					// Not quoted: an argument may be a value typed in the wrong place.
					return cli.Usagef("completion: SHELL must be one of %s", strings.Join(cli.CompletionShells(), ", "))
				}
				_, err := fmt.Fprint(e.Stdout, script)
				return err
			}
		}}
}
