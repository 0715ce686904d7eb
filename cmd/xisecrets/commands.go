package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
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
				out := newPrinter(e.stdout, *asJSON, "ID", "NAME", "USED BY")
				for s, err := range c.Secrets.List(ctx, client.ListOptions{Search: *search, PageSize: *pageSize}) {
					if err != nil {
						out.abort()
						return err
					}
					out.row(secretJSON(s), s.ID, s.Name, usageSummary(s.UsedBy))
				}
				return out.flush()
			}
		}}
}

func getCommand() command {
	return command{name: "get", args: []string{"ID"}, summary: "Show one secret and what uses it (never its value: the API does not return values).",
		flags: func(fs *flag.FlagSet) action {
			asJSON := jsonFlag(fs, "print JSON")
			return func(ctx context.Context, e env, c *client.Client, args []string) error {
				s, err := c.Secrets.Get(ctx, args[0])
				if err != nil {
					return err
				}
				out := newPrinter(e.stdout, *asJSON, "ID", "NAME", "USED BY")
				out.row(secretJSON(s), s.ID, s.Name, usageSummary(s.UsedBy))
				return out.flush()
			}
		}}
}

func createCommand() command {
	return command{name: "create", args: []string{"NAME"}, takesValue: true, summary: "Create a secret, unless one has this name; the value is read from stdin or --value-file.",
		flags: func(fs *flag.FlagSet) action {
			allowDuplicate := fs.Bool("allow-duplicate", false, allowDuplicateHelp)
			return writeAction(fs, "created", func(ctx context.Context, c *client.Client, args []string, value string) (client.Secret, error) {
				if !*allowDuplicate {
					if err := refuseExisting(ctx, c, args[0]); err != nil {
						return client.Secret{}, err
					}
				}
				return c.Secrets.Create(ctx, args[0], value)
			})
		}}
}

func updateCommand() command {
	return command{name: "update", args: []string{"ID", "NAME"}, takesValue: true, summary: "Replace a secret's name and value; the value is read from stdin or --value-file.",
		flags: func(fs *flag.FlagSet) action {
			return writeAction(fs, "updated", func(ctx context.Context, c *client.Client, args []string, value string) (client.Secret, error) {
				return c.Secrets.Update(ctx, args[0], args[1], value)
			})
		}}
}

// writeAction is create and update: read the value, write, report.
func writeAction(fs *flag.FlagSet, status string, write func(context.Context, *client.Client, []string, string) (client.Secret, error)) action {
	valueFile := fs.String("value-file", "", valueFlagHelp)
	asJSON := jsonFlag(fs, "print JSON")
	return func(ctx context.Context, e env, c *client.Client, args []string) error {
		value, err := readValue(ctx, e, *valueFile)
		if err != nil {
			return err
		}
		s, err := write(ctx, c, args, value)
		if err != nil {
			return err
		}
		out := newPrinter(e.stdout, *asJSON, "STATUS", "ID", "NAME")
		out.row(map[string]any{"status": status, "secret_id": s.ID, "name": s.Name}, status, s.ID, s.Name)
		return out.flush()
	}
}

func deleteCommand() command {
	return command{name: "delete", args: []string{"ID"}, summary: "Delete a secret (the API refuses while a tool, agent or phone number uses it).",
		flags: func(fs *flag.FlagSet) action {
			asJSON := jsonFlag(fs, "print JSON")
			ignoreNotFound := fs.Bool("ignore-not-found", false, "exit 0, with status \"not found\", when the secret is already gone")
			return func(ctx context.Context, e env, c *client.Client, args []string) error {
				status := "deleted"
				if err := c.Secrets.Delete(ctx, args[0]); err != nil {
					if !*ignoreNotFound || !errors.Is(err, client.ErrNotFound) {
						return err
					}
					if lerr := apiAnswers(ctx, c); lerr != nil {
						return fmt.Errorf("%w (listing secrets at this base URL failed too: %s; check --base-url or --region)", err, trimPrefix(lerr))
					}
					status = "not found"
				}
				out := newPrinter(e.stdout, *asJSON, "STATUS", "ID")
				out.row(map[string]any{"status": status, "secret_id": args[0]}, status, args[0])
				return out.flush()
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

func depsCommand() command {
	return command{name: "deps", args: []string{"ID"}, summary: "List the tools, agents or phone numbers that use a secret.",
		flags: func(fs *flag.FlagSet) action {
			kind := fs.String("type", "tools", "tools, agents or phone_numbers")
			asJSON := jsonFlag(fs, "print JSON lines, one dependent per line")
			return func(ctx context.Context, e env, c *client.Client, args []string) error {
				k := client.DependencyKind(*kind)
				switch k {
				case client.DependencyTools, client.DependencyAgents, client.DependencyPhoneNumbers:
				case client.DependencyMCPServers:
					return usagef("the API cannot list MCP servers by secret; get ID shows them")
				default:
					return usagef("--type must be tools, agents or phone_numbers, got \"%s\"", *kind)
				}
				out := newPrinter(e.stdout, *asJSON, "KIND", "ID", "NAME", "ACCESS")
				for d, err := range c.Secrets.Dependencies(ctx, args[0], k) {
					if err != nil {
						out.abort()
						return err
					}
					out.row(dependentJSON(d), string(d.Kind), d.ID, d.Name, access(d))
				}
				return out.flush()
			}
		}}
}

func jsonFlag(fs *flag.FlagSet, help string) *bool { return fs.Bool("json", false, help) }

func access(d client.Dependent) string {
	if !d.Accessible {
		return "no access"
	}
	return d.AccessLevel
}

// usageSummary says who uses a secret in a few words: "2 tools, 1 agent".
func usageSummary(u client.Usage) string {
	parts := ""
	add := func(n int, more bool, one, many string) {
		if n == 0 && !more {
			return
		}
		if parts != "" {
			parts += ", "
		}
		word := many
		if n == 1 && !more {
			word = one
		}
		plus := ""
		if more {
			plus = "+"
		}
		parts += fmt.Sprintf("%d%s %s", n, plus, word)
	}
	add(len(u.Tools), u.ToolsHasMore, "tool", "tools")
	add(len(u.Agents), u.AgentsHasMore, "agent", "agents")
	add(len(u.PhoneNumbers), u.PhoneNumbersHasMore, "phone number", "phone numbers")
	add(len(u.MCPServers), false, "MCP server", "MCP servers")
	add(len(u.Others), false, "other", "others")
	if parts == "" {
		return "-"
	}
	return parts
}
