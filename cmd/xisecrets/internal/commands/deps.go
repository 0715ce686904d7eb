package commands

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

// dependencyKinds are the kinds deps lists, in its order: the three the
// API lists, then MCP servers, which only a secret's used_by names, then
// the environment variables that bind it.
var dependencyKinds = []client.DependencyKind{
	client.DependencyTools, client.DependencyAgents, client.DependencyPhoneNumbers, client.DependencyMCPServers,
	client.DependencyEnvironmentVariables,
}

func depsCommand() cli.Command {
	kindNames := make([]string, len(dependencyKinds))
	for i, k := range dependencyKinds {
		kindNames[i] = string(k)
	}
	return cli.Command{Name: "deps", Args: []string{nameOrID}, Summary: "List everything that uses a secret: tools, agents, phone numbers, MCP servers and the environment variables that bind it.",
		Examples: []string{`xisecrets deps OPENAI_API_KEY                   # every tool, agent, phone number and MCP server using it`, `xisecrets deps OPENAI_API_KEY --type agents --json`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			only := &choiceFlag{choices: kindNames}
			fs.Var(only, "type", "list only this `kind`: "+strings.Join(kindNames, ", ")+" (default: every kind; "+
				"MCP servers come from the secret's used_by, as the API has no listing of them; environment_variables, one line per environment that binds it, from one listing of the variables)")
			asJSON := jsonFlag(fs, "print JSON lines, one dependent per line")
			isID := idFlag(fs)
			return func(ctx context.Context, e cli.Env, c *client.Client, args []string) error {
				kinds := dependencyKinds
				if only.value != "" {
					kinds = []client.DependencyKind{client.DependencyKind(only.value)}
				}
				t, err := resolveSecret(ctx, c, args[0], *isID)
				if err != nil {
					return err
				}
				out := output.NewPrinter(e.Stdout, *asJSON, "KIND", "ID", "NAME", "ACCESS")
				var failed []string
				var firstErr error
				for _, k := range kinds {
					ds, err := dependents(ctx, c, t.id, k)
					if err != nil {
						failed = append(failed, string(k))
						if firstErr == nil {
							firstErr = t.explain(err)
						}
						continue
					}
					for _, d := range ds {
						out.Row(output.NewDependent(d), string(d.Kind), d.ID, output.DependentName(d), cellOr(output.Access(d), "-"))
					}
				}
				if failed == nil {
					return out.Flush()
				}
				out.Abort()
				listed := ""
				if len(failed) < len(kinds) {
					listed = "; the other kinds are listed above"
				}
				return fmt.Errorf("%w (could not list its %s%s)", firstErr, strings.Join(failed, ", "), listed)
			}
		}}
}

// dependents returns every dependent of one kind: the API's listing for
// tools, agents and phone numbers; for MCP servers, which the API cannot
// list, the secret's used_by; for environment variables, their listing. A kind's dependents come whole or not at
// all, so a listing that fails halfway prints none of its kind.
func dependents(ctx context.Context, c *client.Client, id string, k client.DependencyKind) ([]client.Dependent, error) {
	if k == client.DependencyEnvironmentVariables {
		bound, err := boundBy(ctx, c, id)
		return bindingDependents(bound), err
	}
	if k == client.DependencyMCPServers {
		s, err := c.Secrets.Get(ctx, id)
		return s.UsedBy.MCPServers, err
	}
	var out []client.Dependent
	for d, err := range c.Secrets.Dependencies(ctx, id, k) {
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// choiceFlag is a string flag that takes one of a few words. A bad value
// is refused by listing the words, never by repeating it: a flag value may
// be a secret pasted in the wrong place. Completion scripts offer the words
// (Choices).
type choiceFlag struct {
	value   string
	choices []string
}

// String implements flag.Value.
func (f *choiceFlag) String() string { return f.value }

// Set implements flag.Value.
func (f *choiceFlag) Set(s string) error {
	if !slices.Contains(f.choices, s) {
		return fmt.Errorf("want one of %s (the value given is not repeated)", strings.Join(f.choices, ", "))
	}
	f.value = s
	return nil
}

// Choices returns the words the flag takes.
func (f *choiceFlag) Choices() []string { return f.choices }
