package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
)

func listCommand() command {
	return command{name: "list", args: "", summary: "List the workspace's secrets (pages are fetched as the output needs them).",
		flags: func(fs *flag.FlagSet, g *globals) action {
			search := fs.String("search", "", "only secrets whose names start with this prefix")
			pageSize := fs.Int("page-size", 100, "secrets per request (1-100)")
			asJSON := fs.Bool("json", false, "print JSON lines, one secret per line, for scripts")
			return func(ctx context.Context, e env, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				if *pageSize < 1 || *pageSize > 100 {
					return usagef("--page-size must be 1-100, got %d", *pageSize)
				}
				c, err := g.client(e)
				if err != nil {
					return err
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
	return command{name: "get", args: "ID", summary: "Show one secret and what uses it (never its value: the API does not return values).",
		flags: func(fs *flag.FlagSet, g *globals) action {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, e env, args []string) error {
				if err := wantArgs(args, "ID"); err != nil {
					return err
				}
				c, err := g.client(e)
				if err != nil {
					return err
				}
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
	return command{name: "create", args: "NAME", summary: "Create a secret; the value is read from stdin or --value-file.",
		flags: func(fs *flag.FlagSet, g *globals) action {
			valueFile := fs.String("value-file", "", valueFlagHelp)
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, e env, args []string) error {
				if err := wantArgs(args, "NAME"); err != nil {
					return err
				}
				c, err := g.client(e)
				if err != nil {
					return err
				}
				value, err := readValue(e, *valueFile)
				if err != nil {
					return err
				}
				s, err := c.Secrets.Create(ctx, args[0], value)
				if err != nil {
					return err
				}
				return printSecret(e, *asJSON, "created", s)
			}
		}}
}

func updateCommand() command {
	return command{name: "update", args: "ID NAME", summary: "Replace a secret's name and value; the value is read from stdin or --value-file.",
		flags: func(fs *flag.FlagSet, g *globals) action {
			valueFile := fs.String("value-file", "", valueFlagHelp)
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, e env, args []string) error {
				if err := wantArgs(args, "ID", "NAME"); err != nil {
					return err
				}
				c, err := g.client(e)
				if err != nil {
					return err
				}
				value, err := readValue(e, *valueFile)
				if err != nil {
					return err
				}
				s, err := c.Secrets.Update(ctx, args[0], args[1], value)
				if err != nil {
					return err
				}
				return printSecret(e, *asJSON, "updated", s)
			}
		}}
}

func deleteCommand() command {
	return command{name: "delete", args: "ID", summary: "Delete a secret (the API refuses while a tool, agent or phone number uses it).",
		flags: func(fs *flag.FlagSet, g *globals) action {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, e env, args []string) error {
				if err := wantArgs(args, "ID"); err != nil {
					return err
				}
				c, err := g.client(e)
				if err != nil {
					return err
				}
				if err := c.Secrets.Delete(ctx, args[0]); err != nil {
					return err
				}
				out := newPrinter(e.stdout, *asJSON, "STATUS", "ID")
				out.row(map[string]any{"status": "deleted", "secret_id": args[0]}, "deleted", args[0])
				return out.flush()
			}
		}}
}

func depsCommand() command {
	return command{name: "deps", args: "ID", summary: "List the tools, agents or phone numbers that use a secret.",
		flags: func(fs *flag.FlagSet, g *globals) action {
			kind := fs.String("type", "tools", "tools, agents or phone_numbers")
			asJSON := fs.Bool("json", false, "print JSON lines, one dependent per line")
			return func(ctx context.Context, e env, args []string) error {
				if err := wantArgs(args, "ID"); err != nil {
					return err
				}
				k := client.DependencyKind(*kind)
				switch k {
				case client.DependencyTools, client.DependencyAgents, client.DependencyPhoneNumbers:
				default:
					return usagef("--type must be tools, agents or phone_numbers, got %q", *kind)
				}
				c, err := g.client(e)
				if err != nil {
					return err
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

func printSecret(e env, asJSON bool, status string, s client.Secret) error {
	out := newPrinter(e.stdout, asJSON, "STATUS", "ID", "NAME")
	out.row(map[string]any{"status": status, "secret_id": s.ID, "name": s.Name}, status, s.ID, s.Name)
	return out.flush()
}

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
