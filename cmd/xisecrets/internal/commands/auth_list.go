package commands

import (
	"context"
	"flag"
	"fmt"
	"strings"

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
// active one is the profile XISECRETS_PROFILE names, else default. Notes
// on stderr (with --json too: stdout stays the lines) say what the table
// cannot: that commands given no --profile use ELEVENLABS_API_KEY rather
// than the default profile's key, that the active profile is not logged
// in, that a host variable strands a profile's stored key.
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
	found := false
	if len(profiles) > 0 {
		out := output.NewPrinter(e.Stdout, asJSON, "PROFILE", "HOST", "KEY", "ACTIVE")
		for _, p := range profiles {
			isActive := p.Name == active
			found = found || isActive
			out.Row(profileLine(p, isActive), p.Name, p.Host.String(), p.Place, activeCell(isActive, from))
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	for _, note := range listNotes(e, profiles, found, active, from) {
		fmt.Fprintln(e.Stderr, "xisecrets: "+note)
	}
	return nil
}

// listNotes are auth list's notes, given the profiles and whether the
// active one (active, chosen by from) is among them (found).
func listNotes(e cli.Env, profiles []config.Listed, found bool, active, from string) []string {
	var notes []string
	_, envKey := e.Lookup(config.EnvKey)
	switch {
	case envKey && from == config.DefaultProfile:
		// The key in the environment wins: whether default is logged in
		// does not matter to commands given no --profile.
		notes = append(notes, config.EnvKey+" is set: commands given no --profile use that key, not the default profile's")
	case len(profiles) == 0:
		notes = append(notes, "no profiles: xisecrets auth login makes one")
	case !found:
		notes = append(notes, fmt.Sprintf("the active profile, %s (%s), is not logged in: xisecrets auth login --profile %s", active, config.From(from), active))
	}
	// A host variable overrides every profile's host, and a stored key
	// goes only to its own: name the profiles it strands.
	if h, variable, err := config.HostVariable(e); err == nil && variable != "" {
		var stranded []string
		for _, p := range profiles {
			if p.Host.BaseURL() != h.BaseURL() {
				stranded = append(stranded, p.Name)
			}
		}
		if len(stranded) > 0 {
			which := "profile " + stranded[0]
			if len(stranded) > 1 {
				which = "profiles " + strings.Join(stranded, ", ")
			}
			notes = append(notes, fmt.Sprintf("%s names another host than %s: a stored key goes only to its own host, so commands with it fail while %s is set, nothing sent (unset it, or log in again for that host)",
				variable, which, variable))
		}
	}
	return notes
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
