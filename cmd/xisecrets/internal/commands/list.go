package commands

import (
	"context"
	"flag"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

func listCommand() cli.Command {
	return cli.Command{Name: "list", Summary: "List the workspace's secrets (pages are fetched as the output needs them).",
		Examples: []string{`xisecrets list                                  # every secret: id, name, who uses it`, `xisecrets list --search OPENAI_ --json          # names starting OPENAI_, one JSON line each`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			search := fs.String("search", "", "only secrets whose names start with this prefix")
			pageSize := fs.Int("page-size", 100, "secrets per request (1-100)")
			asJSON := jsonFlag(fs, "print JSON lines, one secret per line, for scripts")
			return func(ctx context.Context, e cli.Env, c *client.Client, _ []string) error {
				if *pageSize < 1 || *pageSize > 100 {
					return cli.Usagef("--page-size must be 1-100, got %d", *pageSize)
				}
				out := output.NewPrinter(e.Stdout, *asJSON, "ID", "NAME", "USED BY")
				for s, err := range c.Secrets.List(ctx, client.ListOptions{Search: *search, PageSize: *pageSize}) {
					if err != nil {
						out.Abort()
						return err
					}
					out.Row(output.NewSecret(s), s.ID, s.Name, output.UsageSummary(s.UsedBy))
				}
				return out.Flush()
			}
		}}
}
