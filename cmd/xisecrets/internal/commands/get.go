package commands

import (
	"context"
	"flag"
	"slices"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

func getCommand() cli.Command {
	return cli.Command{Name: "get", Args: []string{nameOrID}, Summary: "Show one secret and who uses it, by kind and name, with the environment variables that bind it (never its value: the API does not return values).",
		Examples: []string{`xisecrets get OPENAI_API_KEY                    # by name`, `xisecrets get --id sec_0123456789abcdef --json  # by id, as JSON`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			asJSON := jsonFlag(fs, "print JSON")
			isID := idFlag(fs)
			return func(ctx context.Context, e cli.Env, c *client.Client, args []string) error {
				t, err := resolveSecret(ctx, c, args[0], *isID)
				if err != nil {
					return err
				}
				s, err := c.Secrets.Get(ctx, t.id)
				if err != nil {
					return t.explain(err)
				}
				bound, err := boundBy(ctx, c, s.ID)
				if err != nil {
					return err
				}
				deps := bindingDependents(bound)
				out := output.NewPrinter(e.Stdout, *asJSON, "ID", "NAME", "USED BY")
				users := output.UsedBy(s.UsedBy)
				if len(deps) > 0 {
					users = append(slices.DeleteFunc(users, func(u string) bool { return u == "-" }), output.BoundBy(deps)...)
				}
				out.Row(output.NewSecretBound(s, deps), s.ID, s.Name, users[0])
				for _, u := range users[1:] {
					out.More("", "", u)
				}
				return out.Flush()
			}
		}}
}
