package commands

import (
	"context"
	"flag"
	"fmt"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

func authStatusCommand() cli.Command {
	return authCommand("status", "Show the profile, where the key comes from, the host, and whether the key works (one listing call).",
		[]string{`xisecrets auth status                           # profile, host, key source; whether the key works`, `xisecrets auth status --profile staging`},
		func(fs *flag.FlagSet, g *config.Globals) { g.Register(fs) }, status)
}

// status prints the choice resolve makes, then checks the key with one
// listing. It exits 1 when there is no key or it does not work.
func status(ctx context.Context, e cli.Env, g *config.Globals) error {
	ch, err := g.Resolve(e)
	if err != nil {
		return err
	}
	w := e.Stdout
	fmt.Fprintf(w, "profile  %s (%s)\n", ch.Profile, config.From(ch.ProfileFrom))
	fmt.Fprintf(w, "host     %s (%s)\n", textsafe.EscapeHidden(ch.Host.String()), config.From(ch.HostFrom))
	fmt.Fprintf(w, "key      %s\n", config.KeySource(e, ch))
	c, err := ch.Client(e)
	if err != nil {
		fmt.Fprintln(w, "works    unknown: no key to check (none sent)")
		return err
	}
	if err := apiAnswers(ctx, c); err != nil {
		fmt.Fprintln(w, "works    no")
		return g.Explain(err)
	}
	fmt.Fprintln(w, "works    yes (one listing answered)")
	return nil
}
