package commands

import (
	"context"
	"flag"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

// envNote is what "xisecrets env" says after its subcommands.
const envNote = `
An environment variable has a unique label and one value per environment:
production always, others optional. Tools, MCP servers and webhooks read it
as {{system_env__LABEL}}, in the conversation's environment.
Environment names: ` + envNameRule + `.
apply --file F --env ENV binds each NAME of a file to the secret NAME
(production) or NAME@ENV (any other environment). See docs/environments.md.
`

func envListCommand() cli.Command {
	return cli.Command{Name: "env list", Summary: "List the workspace's environment variables: label, type and the environments that have a value.",
		Examples: []string{`xisecrets env list`, `xisecrets env list --json                          # one JSON line per variable`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			asJSON := jsonFlag(fs, "print JSON lines, one variable per line")
			return func(ctx context.Context, e cli.Env, c *client.Client, _ []string) error {
				out := output.NewPrinter(e.Stdout, *asJSON, "ID", "LABEL", "TYPE", "ENVIRONMENTS")
				for ev, err := range c.EnvironmentVariables.List(ctx, client.EnvironmentVariableListOptions{}) {
					if err != nil {
						out.Abort()
						return err
					}
					out.Row(output.NewEnvVariable(ev), ev.ID, ev.Label, string(ev.Type), strings.Join(ev.Environments(), ", "))
				}
				return out.Flush()
			}
		}}
}

func envGetCommand() cli.Command {
	return cli.Command{Name: "env get", Args: []string{"LABEL"}, Summary: "Show one environment variable's value in each environment; a secret is shown by id and name (one listing of the secrets), never its value.",
		Examples: []string{`xisecrets env get OPENAI_API_KEY                # each environment's secret, by name and id`, `xisecrets env get API_BASE_URL --json`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			asJSON := jsonFlag(fs, "print JSON: id, label, type and values by environment")
			return func(ctx context.Context, e cli.Env, c *client.Client, args []string) error {
				if err := client.CheckLabel(args[0]); err != nil {
					return err
				}
				ev, err := c.EnvironmentVariables.GetByLabel(ctx, args[0])
				if err != nil {
					return err
				}
				var names map[string]string
				if ev.Type == client.EnvironmentVariableSecret {
					if names, err = secretNames(ctx, c); err != nil {
						return err
					}
				}
				out := output.NewPrinter(e.Stdout, *asJSON, "ID", "LABEL", "TYPE", "ENVIRONMENT", "VALUE")
				envs := ev.Environments()
				if len(envs) == 0 { // the API always sends production; shown all the same
					out.Row(output.NewEnvVariableValues(ev, names), ev.ID, ev.Label, string(ev.Type), "-", "-")
				}
				for i, env := range envs {
					cell := output.EnvValueCell(ev.Values[env], names)
					if i == 0 {
						out.Row(output.NewEnvVariableValues(ev, names), ev.ID, ev.Label, string(ev.Type), env, cell)
					} else {
						out.More("", "", "", env, cell)
					}
				}
				return out.Flush()
			}
		}}
}
