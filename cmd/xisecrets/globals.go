package main

import (
	"errors"
	"flag"

	"github.com/xisecrets/xisecrets/client"
)

// globals are the flags every command that calls the API accepts.
type globals struct {
	region  nonEmpty
	baseURL nonEmpty
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.Var(&g.region, "region", "API `region`: default, us, eu, in or sg (default \"default\"); not with --base-url")
	fs.Var(&g.baseURL, "base-url", "API base `URL` (https, or http on loopback); not with --region")
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

// client builds an API client from the flags and ELEVENLABS_API_KEY.
func (g *globals) client(e env) (*client.Client, error) {
	key := e.getenv("ELEVENLABS_API_KEY")
	if key == "" {
		return nil, usagef("no API key: set ELEVENLABS_API_KEY")
	}
	opts := []client.Option{client.WithAPIKey(key)}
	region, err := client.ParseRegion(string(g.region))
	switch {
	case g.region != "" && err != nil:
		return nil, usageError{err.Error()}
	case g.region != "" && g.baseURL != "":
		return nil, usagef("--region and --base-url both given; use one")
	case g.region != "":
		opts = append(opts, client.WithRegion(region))
	case g.baseURL != "":
		opts = append(opts, client.WithBaseURL(string(g.baseURL)))
	}
	c, err := client.New(opts...)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	return c, nil
}
