package commands

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

// The statuses of one environment's value, as env set, env unset and
// apply --env print them.
const (
	envCreated   = "created"   // the variable was made, with its production value
	envSet       = "set"       // the environment's value was set (a PATCH)
	envUnchanged = "unchanged" // it held that value already: nothing was sent
	envUnset     = "unset"     // the environment's value was removed
	envNotSet    = "not set"   // it had none: nothing was sent
)

func envSetCommand() cli.Command {
	return cli.Command{Name: "env set", Args: []string{"LABEL"},
		Examples: []string{`xisecrets env set OPENAI_API_KEY --env staging --secret OPENAI_API_KEY@staging`, `xisecrets env set API_BASE_URL --env staging --string https://staging.example.com`},
		Summary:  "Set one environment's value of an environment variable: bind it to a secret (--secret) or to a string (--string); a new label needs production first.",
		Flags: func(fs *flag.FlagSet) cli.Action {
			env := &envFlag{}
			fs.Var(env, "env", "the `environment` to set (required): "+envNameRule)
			secret := fs.String("secret", "", "bind the environment to this secret, by `NAME|ID` as get takes it")
			text := fs.String("string", "", "set the environment to this `text` (a string variable: a URL, a host; it is shown by env get, so never a secret)")
			isID := fs.Bool("id", false, "--secret is an id: skip the name lookup")
			asJSON := jsonFlag(fs, "print JSON")
			return func(ctx context.Context, e cli.Env, c *client.Client, args []string) error {
				// Flags are never quoted back: one may be a pasted secret.
				switch {
				case env.value == "":
					return cli.Usagef("env set needs --env: the environment to set (%s)", envNameRule)
				case (*secret == "") == (*text == ""):
					return cli.Usagef("env set takes one of --secret NAME|ID (a secret variable) or --string VALUE (a string variable), not both or neither; nothing was sent")
				}
				if err := client.CheckLabel(args[0]); err != nil {
					return err
				}
				value := client.StringValue(*text)
				if *secret != "" {
					t, err := resolveSecret(ctx, c, *secret, *isID)
					if err != nil {
						return err
					}
					if t.noSuchName {
						// Not a secret's name: check that it is an id before
						// binding, as what the API does with an unknown id is
						// not documented.
						// The 404's text quotes the id, that is the flag's
						// value: it is not repeated.
						if _, err := c.Secrets.Get(ctx, t.id); errors.Is(err, client.ErrNotFound) {
							return errNoSuchSecretFlag
						} else if err != nil {
							return err
						}
					}
					value = client.SecretValue(t.id)
				}
				ev, err := c.EnvironmentVariables.GetByLabel(ctx, args[0])
				if err != nil && !errors.Is(err, client.ErrNoSuchLabel) {
					return err
				}
				var have *client.EnvironmentVariable
				if err == nil {
					have = &ev
				}
				ev, status, err := setEnvValue(ctx, c, have, args[0], env.value, value)
				if err != nil {
					return err
				}
				return printEnvWritten(e, *asJSON, ev, args[0], env.value, status)
			}
		}}
}

func envUnsetCommand() cli.Command {
	return cli.Command{Name: "env unset", Args: []string{"LABEL"},
		Examples: []string{`xisecrets env unset OPENAI_API_KEY --env staging  # production cannot be removed`},
		Summary:  "Remove one environment's value of an environment variable (never production's: the API requires it).",
		Flags: func(fs *flag.FlagSet) cli.Action {
			env := &envFlag{}
			fs.Var(env, "env", "the `environment` to remove (required; not production): "+envNameRule)
			asJSON := jsonFlag(fs, "print JSON")
			return func(ctx context.Context, e cli.Env, c *client.Client, args []string) error {
				switch {
				case env.value == "":
					return cli.Usagef("env unset needs --env: the environment to remove (%s)", envNameRule)
				case env.value == client.EnvironmentProduction:
					return cli.Usagef("env unset cannot remove the production value: the API requires one; set another with xisecrets env set LABEL --env production; nothing was sent")
				}
				if err := client.CheckLabel(args[0]); err != nil {
					return err
				}
				ev, err := c.EnvironmentVariables.GetByLabel(ctx, args[0])
				if err != nil {
					return err
				}
				status := envNotSet
				if _, ok := ev.Values[env.value]; ok {
					if ev, err = c.EnvironmentVariables.Update(ctx, ev.ID, nil, []string{env.value}); err != nil {
						return err
					}
					status = envUnset
				}
				return printEnvWritten(e, *asJSON, ev, args[0], env.value, status)
			}
		}}
}

// errNoSuchSecretFlag is env set's --secret that is neither a secret's
// name nor its id (the listing answered, then a get of it as an id 404ed).
var errNoSuchSecretFlag = errors.New("xisecrets: env set --secret: no secret has that name, nor that id (xisecrets list shows them; the value given is not repeated); nothing was changed")

// printEnvWritten prints the line of env set and env unset.
func printEnvWritten(e cli.Env, asJSON bool, ev client.EnvironmentVariable, label, env, status string) error {
	out := output.NewPrinter(e.Stdout, asJSON, "LABEL", "ENVIRONMENT", "STATUS", "ID")
	out.Row(output.EnvWritten{Label: label, Environment: env, Status: status, ID: ev.ID}, label, env, status, ev.ID)
	return out.Flush()
}

// setEnvValue makes the variable labelled label hold value in env. have is
// the variable as a lookup or a listing found it, nil for none. A missing
// label is created (of value's type) only for production: the API makes
// a variable only with its production value. A variable of another type
// is refused, and one that holds the value already gets no request. A
// create that finds the label taken (made since the lookup, or by a create
// of ours whose answer was lost) adopts it, as a rerun would.
func setEnvValue(ctx context.Context, c *client.Client, have *client.EnvironmentVariable, label, env string, value client.EnvironmentValue) (client.EnvironmentVariable, string, error) {
	if have == nil {
		if env != client.EnvironmentProduction {
			return client.EnvironmentVariable{}, "", noProductionError([]string{label})
		}
		ev, err := c.EnvironmentVariables.Create(ctx, label, value.Type(), map[string]client.EnvironmentValue{env: value})
		if !errors.Is(err, client.ErrDuplicateLabel) {
			return ev, envCreated, err
		}
		if ev, err = c.EnvironmentVariables.GetByLabel(ctx, label); err != nil {
			return ev, "", err
		}
		have = &ev
	}
	switch {
	case have.Type != value.Type():
		return *have, "", wrongTypeError([]string{label}, value.Type())
	case have.Values[env] == value:
		return *have, envUnchanged, nil
	}
	ev, err := c.EnvironmentVariables.Update(ctx, have.ID, map[string]client.EnvironmentValue{env: value}, nil)
	return ev, envSet, err
}

// noProductionError refuses labels that do not exist yet for an
// environment other than production, naming them and what to do: a usage
// error, as nothing was changed.
func noProductionError(labels []string) error {
	return cli.Usagef("no environment variable has the label %s, and the API creates one only with its production value: "+
		"apply the production file first (xisecrets apply --file F --env production), or bind production with "+
		"xisecrets env set LABEL --env production --secret NAME|ID; nothing was changed", joinNames(labels))
}

// wrongTypeError refuses labels whose variables are of another type than
// the value to set.
func wrongTypeError(labels []string, want client.EnvironmentVariableType) error {
	return cli.Usagef("the environment variable %s is not of type %s, so it cannot hold this value (xisecrets env get LABEL shows it); nothing was changed", joinNames(labels), want)
}

// joinNames lists names in a message, the first few of many.
func joinNames(names []string) string {
	const maxNamed = 10
	s := ""
	for i, n := range names {
		if i == maxNamed {
			return s + fmt.Sprintf(" and %d more", len(names)-i)
		}
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
