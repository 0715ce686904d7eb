package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

func listCommand() command {
	return command{name: "list", summary: "List the workspace's secrets (pages are fetched as the output needs them).",
		flags: func(fs *flag.FlagSet) action {
			search := fs.String("search", "", "only secrets whose names start with this prefix")
			pageSize := fs.Int("page-size", 100, "secrets per request (1-100)")
			asJSON := jsonFlag(fs, "print JSON lines, one secret per line, for scripts")
			return func(ctx context.Context, e env, c *client.Client, _ []string) error {
				if *pageSize < 1 || *pageSize > 100 {
					return usagef("--page-size must be 1-100, got %d", *pageSize)
				}
				out := output.NewPrinter(e.stdout, *asJSON, "ID", "NAME", "USED BY")
				for s, err := range c.Secrets.List(ctx, client.ListOptions{Search: *search, PageSize: *pageSize}) {
					if err != nil {
						out.Abort()
						return err
					}
					out.Row(output.SecretJSON(s), s.ID, s.Name, output.UsageSummary(s.UsedBy))
				}
				return out.Flush()
			}
		}}
}

func getCommand() command {
	return command{name: "get", args: []string{nameOrID}, summary: "Show one secret and who uses it, by kind and name (never its value: the API does not return values).",
		flags: func(fs *flag.FlagSet) action {
			asJSON := jsonFlag(fs, "print JSON")
			isID := idFlag(fs)
			return func(ctx context.Context, e env, c *client.Client, args []string) error {
				t, err := resolveSecret(ctx, c, args[0], *isID)
				if err != nil {
					return err
				}
				s, err := c.Secrets.Get(ctx, t.id)
				if err != nil {
					return t.explain(err)
				}
				out := output.NewPrinter(e.stdout, *asJSON, "ID", "NAME", "USED BY")
				users := output.UsedBy(s.UsedBy)
				out.Row(output.SecretJSON(s), s.ID, s.Name, users[0])
				for _, u := range users[1:] {
					out.More("", "", u)
				}
				return out.Flush()
			}
		}}
}

func createCommand() command {
	return command{name: "create", args: []string{"NAME"}, takesValue: true, summary: "Create a secret, unless one has this name; the value is read from stdin or --value-file.",
		flags: func(fs *flag.FlagSet) action {
			allowDuplicate := fs.Bool("allow-duplicate", false, allowDuplicateHelp)
			return writeAction(fs, func(ctx context.Context, c *client.Client, args []string, value string) (client.Secret, string, error) {
				if !*allowDuplicate {
					if err := refuseExisting(ctx, c, args[0]); err != nil {
						return client.Secret{}, "", err
					}
				}
				s, err := c.Secrets.Create(ctx, args[0], value)
				return s, "created", err
			})
		}}
}

func updateCommand() command {
	return command{name: "update", args: []string{"ID", "NAME"}, takesValue: true, summary: "Replace a secret's name and value; the value is read from stdin or --value-file.",
		flags: func(fs *flag.FlagSet) action {
			return writeAction(fs, func(ctx context.Context, c *client.Client, args []string, value string) (client.Secret, string, error) {
				s, err := c.Secrets.Update(ctx, args[0], args[1], value)
				return s, "updated", err
			})
		}}
}

// writeAction is create, update and set: read the value, write, report
// what write did ("created" or "updated") as the status.
func writeAction(fs *flag.FlagSet, write func(context.Context, *client.Client, []string, string) (client.Secret, string, error)) action {
	valueFile := fs.String("value-file", "", valueFlagHelp)
	asJSON := jsonFlag(fs, "print JSON")
	return func(ctx context.Context, e env, c *client.Client, args []string) error {
		value, err := readValue(ctx, e, *valueFile)
		if err != nil {
			return err
		}
		s, status, err := write(ctx, c, args, value)
		if err != nil {
			return err
		}
		out := output.NewPrinter(e.stdout, *asJSON, "STATUS", "ID", "NAME")
		out.Row(map[string]any{"status": status, "secret_id": s.ID, "name": s.Name}, status, s.ID, s.Name)
		return out.Flush()
	}
}

func deleteCommand() command {
	return command{name: "delete", args: []string{nameOrID}, summary: "Delete a secret (the API refuses while a tool, agent, phone number or MCP server uses it).",
		flags: func(fs *flag.FlagSet) action {
			asJSON := jsonFlag(fs, "print JSON")
			ignoreNotFound := fs.Bool("ignore-not-found", false, "exit 0, with status \"not found\", when the secret is already gone "+
				"(a 404 counts as gone only once a listing at this base URL has answered: a wrong --base-url or --region gets a 404 too)")
			isID := idFlag(fs)
			return func(ctx context.Context, e env, c *client.Client, args []string) error {
				t, err := resolveSecret(ctx, c, args[0], *isID)
				if err != nil {
					return err
				}
				status := "deleted"
				var resp client.Response
				err = c.Secrets.Delete(ctx, t.id, client.WithResponseInto(&resp))
				notFound := err != nil && *ignoreNotFound && errors.Is(err, client.ErrNotFound)
				if err != nil && !notFound {
					return t.explain(err)
				}
				// A 404 counts as gone, here or after a lost answer
				// (AlreadyGone), only once a listing answered at this base
				// URL: the name lookup's did; with --id, one more must.
				if (notFound || resp.AlreadyGone) && !t.listed {
					if lerr := apiAnswers(ctx, c); lerr != nil {
						if err == nil {
							err = errors.New("xisecrets: delete secret: the retry of an attempt whose answer was lost got 404")
						}
						return fmt.Errorf("%w (listing secrets at this base URL failed too: %s; check --base-url or --region)", err, trimPrefix(lerr))
					}
				}
				if notFound {
					status = "not found"
				}
				out := output.NewPrinter(e.stdout, *asJSON, "STATUS", "ID")
				out.Row(map[string]any{"status": status, "secret_id": t.id}, status, t.id)
				return out.Flush()
			}
		}}
}

// apiAnswers lists one secret to tell a 404 for a missing secret from a
// 404 for a missing route (a wrong base URL or region): both are 404, and
// the vendor's body cannot be relied on to tell them apart. If the API
// lists secrets here, the route was right and the secret is gone.
func apiAnswers(ctx context.Context, c *client.Client) error {
	for _, err := range c.Secrets.List(ctx, client.ListOptions{PageSize: 1}) {
		return err // the first page answered, or its error
	}
	return nil // an empty workspace: the listing answered
}

func jsonFlag(fs *flag.FlagSet, help string) *bool { return fs.Bool("json", false, help) }
