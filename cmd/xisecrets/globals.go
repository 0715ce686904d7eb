package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/xisecrets/xisecrets/client"
)

// globals are the flags every command that calls the API accepts.
type globals struct {
	region  regionFlag
	baseURL nonEmpty
	profile nonEmpty
	// chosen is what the last resolve picked, for explain.
	chosen choice
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.Var(&g.region, "region", "API `region`: "+strings.Join(regionNames(), ", ")+" (default \"default\"); not with --base-url")
	fs.Var(&g.baseURL, "base-url", "API base `URL` (https, or http on loopback); not with --region")
	g.registerProfile(fs)
}

// registerProfile registers --profile alone, for auth logout.
func (g *globals) registerProfile(fs *flag.FlagSet) {
	fs.Var(&g.profile, "profile", "the `NAME` of a profile made by auth login (default \"default\"); its stored key is then the only key used")
}

// regionFlag is --region: a nonEmpty whose words completion offers. Its
// value is checked by client.ParseRegion where the settings are resolved,
// so every level (flag, variable, profile) gets the same message.
type regionFlag struct{ nonEmpty }

// Choices are the regions client.ParseRegion accepts (completion's choicer).
func (*regionFlag) Choices() []string { return regionNames() }

// regionNames are the names client.ParseRegion accepts.
func regionNames() []string {
	var names []string
	for _, r := range client.Regions() {
		names = append(names, r.String())
	}
	return names
}

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

// resolve applies precedenceTable to the flags, the environment and the
// configuration directory.
func (g *globals) resolve(e env) (choice, error) { return g.resolveWith(e, e.lookup) }

// resolveWith is resolve with the environment seen through lookupenv.
func (g *globals) resolveWith(e env, lookupenv func(string) (string, bool)) (choice, error) {
	c, err := resolve(sources{
		flagProfile: string(g.profile),
		flagRegion:  string(g.region.nonEmpty),
		flagBaseURL: string(g.baseURL),
		lookupenv:   lookupenv,
		profiles:    func() (config, error) { return profilesIn(e) },
	})
	g.chosen = c
	return c, err
}

// client builds an API client from the chosen host and key.
func (g *globals) client(e env) (*client.Client, error) {
	ch, err := g.resolve(e)
	if err != nil {
		return nil, err
	}
	return ch.client(e)
}

// newClient is a client for key at h; its refusals (a bad base URL) are
// usage errors.
func newClient(key string, h host) (*client.Client, error) {
	c, err := client.New(client.WithAPIKey(key), h.option())
	if err != nil {
		return nil, usageError{err.Error()}
	}
	return c, nil
}

// explain adds to a 401 for a stored key which profile's key it was and
// how to replace it.
func (g *globals) explain(err error) error {
	var apiErr *client.APIError
	stored := g.chosen.keyFrom == keyFromKeyring || g.chosen.keyFrom == keyFromFile
	if !stored || !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		return err
	}
	return fmt.Errorf("%w (the key stored for profile %s was refused: log in again with xisecrets auth login --profile %s)", err, g.chosen.profile, g.chosen.profile)
}
