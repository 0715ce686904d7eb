package commands

import (
	"context"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

func authListCommand() cli.Command {
	var asJSON, names bool
	return authCommand("list", "List every profile: its host, where its key is kept, and which one a command given no --profile uses. Offline: reads config.json, no key.",
		[]string{`xisecrets auth list`, `xisecrets auth list --json                         # one JSON line per profile`, `xisecrets auth list --names                        # the names alone, one per line (shell completion uses it)`},
		func(fs *flag.FlagSet, _ *config.Globals) {
			fs.BoolVar(&asJSON, "json", false, "print JSON lines, one profile per line")
			fs.BoolVar(&names, "names", false, "print the profile names alone, one per line")
		},
		func(_ context.Context, e cli.Env, _ *config.Globals) error {
			if asJSON && names {
				return cli.Usagef("--json and --names both given; use one")
			}
			return authList(e, asJSON, names)
		})
}

// authList prints the profiles of the configuration directory. The
// active one is the profile XISECRETS_PROFILE names, else default; a
// note says when the commands would not use its key (ELEVENLABS_API_KEY
// is set and no profile was chosen) or when it is not logged in.
func authList(e cli.Env, asJSON, names bool) error {
	profiles, err := config.Profiles(e)
	if err != nil {
		return err
	}
	if names {
		for _, p := range profiles {
			fmt.Fprintln(e.Stdout, p.Name)
		}
		return nil
	}
	active, from, err := config.ActiveProfile(e)
	if err != nil {
		return err
	}
	if len(profiles) == 0 {
		if !asJSON {
			fmt.Fprintln(e.Stderr, "no profiles: xisecrets auth login makes one")
		}
		return nil
	}
	out := output.NewPrinter(e.Stdout, asJSON, "PROFILE", "HOST", "KEY", "ACTIVE")
	found := false
	for _, p := range profiles {
		isActive := p.Name == active
		found = found || isActive
		out.Row(profileLine(p, isActive), p.Name, p.Host.String(), p.Place, activeCell(isActive, from))
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if asJSON {
		return nil
	}
	_, envKey := e.Lookup(config.EnvKey)
	if !found {
		fmt.Fprintf(e.Stderr, "the active profile, %s (%s), is not logged in: xisecrets auth login --profile %s\n", active, config.From(from), active)
	}
	if envKey && from == config.DefaultProfile {
		fmt.Fprintf(e.Stderr, "%s is set: commands given no --profile use that key, not the default profile's\n", config.EnvKey)
	}
	return nil
}

// activeCell is the ACTIVE column: "yes" and what chose it, or empty.
func activeCell(active bool, from string) string {
	if !active {
		return ""
	}
	return "yes (" + config.From(from) + ")"
}

func profileLine(p config.Listed, active bool) output.Profile {
	line := output.Profile{Active: active, BaseURL: p.Host.BaseURL(), Region: p.Host.Region(), KeyStorage: p.Storage,
		KeyringAccount: p.KeyringAccount, CredentialsFile: p.CredentialsFile, Profile: p.Name}
	if p.Storage == config.KeyFromKeyring {
		line.KeyringService = config.KeyringService
	}
	return line
}
