package config

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/hint"
)

// Globals are the flags every command that calls the API accepts.
type Globals struct {
	region  regionFlag
	baseURL nonEmpty
	profile profileFlag
	// chosen is what the last resolve picked, for explain.
	chosen Choice
}

func (g *Globals) Register(fs *flag.FlagSet) {
	fs.Var(&g.region, "region", "API `region`: "+strings.Join(cli.RegionNames(), ", ")+" (default \"default\"); not with --base-url")
	fs.Var(&g.baseURL, "base-url", "API base `URL` (https, or http on loopback); not with --region")
	g.RegisterProfile(fs)
}

// RegisterProfile registers --profile alone, for auth logout.
func (g *Globals) RegisterProfile(fs *flag.FlagSet) {
	fs.Var(&g.profile, "profile", "the `NAME` of a profile made by auth login (default \"default\"); its stored key is then the only key used")
}

// regionFlag is --region: a nonEmpty whose words completion offers. Its
// value is checked by client.ParseRegion where the settings are resolved,
// so every level (flag, variable, profile) gets the same message.
type regionFlag struct{ nonEmpty }

// Choices are the regions client.ParseRegion accepts (completion's choicer).
func (*regionFlag) Choices() []string { return cli.RegionNames() }

// profileFlag is --profile: a nonEmpty whose words completion asks the
// CLI for, since only the user's configuration directory knows them.
type profileFlag struct{ nonEmpty }

// DynamicChoices is the command that prints the profile names, one a
// line (completion's dynamicChoicer): offline, quiet when there are none.
func (*profileFlag) DynamicChoices() []string { return []string{"auth", "list", "--names"} }

// nonEmpty is a string flag that refuses "": in CI, --region "$UNSET"
// must not quietly fall back to the global host and send the key and
// values to the wrong data region.
type nonEmpty string

// String implements flag.Value.
func (v *nonEmpty) String() string { return string(*v) }

// Set implements flag.Value.
func (v *nonEmpty) Set(s string) error {
	if s == "" {
		return errors.New("empty (an unset variable?): give a value or leave the flag out")
	}
	*v = nonEmpty(s)
	return nil
}

// Resolve applies precedenceTable to the flags, the environment and the
// configuration directory.
func (g *Globals) Resolve(e cli.Env) (Choice, error) { return g.ResolveWith(e, e.Lookup) }

// ResolveWith is resolve with the environment seen through lookupenv.
func (g *Globals) ResolveWith(e cli.Env, lookupenv func(string) (string, bool)) (Choice, error) {
	c, err := resolve(sources{
		flagProfile: string(g.profile.nonEmpty),
		flagRegion:  string(g.region.nonEmpty),
		flagBaseURL: string(g.baseURL),
		lookupenv:   lookupenv,
		profiles:    func() (Config, error) { return profilesIn(e) },
	})
	g.chosen = c
	return c, err
}

// Client builds an API Client from the chosen host and key.
func (g *Globals) Client(e cli.Env) (*client.Client, error) {
	ch, err := g.Resolve(e)
	if err != nil {
		return nil, err
	}
	return ch.Client(e)
}

// NewClient is a client for key at h; its refusals (a bad base URL) are
// usage errors.
func NewClient(key string, h HostSetting) (*client.Client, error) {
	c, err := client.New(client.WithAPIKey(key), h.option())
	if err != nil {
		return nil, hint.With(cli.UsageError{Msg: err.Error()}, hint.BaseURL(h.baseURL))
	}
	return c, nil
}

// Explain adds to err what to check (package hint): which key a 401 or
// 403 refused and which host refused it, or which flag or variable set a
// host that cannot be reached.
// Globals that resolved nothing (an offline command's: auth resolves its
// own) add nothing.
func (g *Globals) Explain(err error) error {
	if g.chosen.HostFrom == "" {
		return err
	}
	return hint.For(err, g.chosen.HintContext())
}

// HintContext is where c's settings came from, as package hint words them.
func (c Choice) HintContext() hint.Context {
	h := hint.Context{Host: c.Host.String(), HostFrom: c.HostFrom}
	switch c.KeyFrom {
	case KeyFromEnv:
		h.Key = "the key in " + EnvKey
	case KeyFromKeyring, KeyFromFile:
		h.Key = fmt.Sprintf("the key stored for profile %s (in the %s)", c.Profile, c.KeyFrom)
		h.Profile = c.Profile
	}
	return h
}
