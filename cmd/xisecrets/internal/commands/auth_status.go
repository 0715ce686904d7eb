package commands

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/hint"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

func authStatusCommand() cli.Command {
	var asJSON bool
	return authCommand("status", "Show the profile, where the key comes from, the host, and whether the key works (one listing call).",
		[]string{`xisecrets auth status                           # profile, host, key source; whether the key works`, `xisecrets auth status --profile staging`, `xisecrets auth status --json | jq .works           # true, false, or null: not checked (no key, API unreachable)`},
		func(fs *flag.FlagSet, g *config.Globals) {
			g.Register(fs)
			fs.BoolVar(&asJSON, "json", false, "print one JSON line: the settings, where each came from, and works (true, false, or null: not checked)")
		},
		func(ctx context.Context, e cli.Env, g *config.Globals) error { return status(ctx, e, g, asJSON) })
}

// status prints the choice resolve makes, then checks the key with one
// listing. It exits 1 when there is no key or it does not work; with
// --json the line is printed all the same, and the error too (stderr).
func status(ctx context.Context, e cli.Env, g *config.Globals, asJSON bool) error {
	ch, err := g.Resolve(e)
	if err != nil {
		return err
	}
	w := e.Stdout
	if !asJSON {
		fmt.Fprintf(w, "profile  %s (%s)\n", ch.Profile, config.From(ch.ProfileFrom))
		fmt.Fprintf(w, "host     %s (%s)\n", textsafe.EscapeHidden(ch.Host.String()), config.From(ch.HostFrom))
		fmt.Fprintf(w, "key      %s\n", config.KeySource(e, ch))
	}
	works, err := checkKey(ctx, e, g, ch)
	if asJSON {
		line := statusLine(e, ch, works, err)
		_, _ = w.Write(append(output.TerminalJSON(line), '\n'))
		return err
	}
	switch {
	case works == nil && hint.Unreachable(err):
		fmt.Fprintln(w, "works    unknown: the API cannot be reached")
	case works == nil:
		fmt.Fprintln(w, "works    unknown: not checked, nothing sent (the error says why)")
	case !*works:
		fmt.Fprintln(w, "works    no")
	default:
		fmt.Fprintln(w, "works    yes (one listing answered)")
	}
	return err
}

// checkKey sends one listing with ch's key: works is whether the listing
// answered, nil when that says nothing of the key: there is no key to
// send, or one that cannot be sent (to another host than it was stored
// for), or the API cannot be reached.
func checkKey(ctx context.Context, e cli.Env, g *config.Globals, ch config.Choice) (works *bool, err error) {
	c, err := ch.Client(e)
	if err != nil {
		return nil, err
	}
	if err = apiAnswers(ctx, c); hint.Unreachable(err) {
		return nil, g.Explain(err)
	}
	ok := err == nil
	return &ok, g.Explain(err)
}

func statusLine(e cli.Env, ch config.Choice, works *bool, err error) output.AuthStatus {
	account, file := ch.KeyLocation(e)
	line := output.AuthStatus{
		BaseURL: ch.Host.BaseURL(), Region: ch.Host.Region(), HostFrom: jsonFrom(ch.HostFrom),
		KeyFrom: ch.KeyFrom, KeyringAccount: account, CredentialsFile: file,
		Profile: ch.Profile, ProfileFrom: ch.ProfileFrom, Works: works,
	}
	if account != "" {
		line.KeyringService = config.KeyringService
	}
	if err != nil {
		line.Error = cli.TrimPrefix(err)
	}
	return line
}

// jsonFrom is where a host came from as auth status --json says it: the
// flag or variable, "profile", or "default" (the global host).
func jsonFrom(from string) string {
	switch from {
	case "the profile":
		return "profile"
	case "the global host":
		return "default"
	}
	return strings.TrimPrefix(from, "the ")
}
