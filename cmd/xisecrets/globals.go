package main

import (
	"flag"

	"github.com/xisecrets/xisecrets/client"
)

// globals are the flags every command accepts.
type globals struct {
	region  string
	baseURL string
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.region, "region", "", "API region: default, us, eu, in or sg (default \"default\")")
	fs.StringVar(&g.baseURL, "base-url", "", "API base URL, overriding --region (https, or http on loopback)")
}

// client builds an API client from the flags and ELEVENLABS_API_KEY (read by
// client.New itself, so the key never passes through our code).
func (g *globals) client(e env) (*client.Client, error) {
	var opts []client.Option
	switch {
	case g.region != "" && g.baseURL != "":
		return nil, usagef("--region and --base-url both given; use one")
	case g.region != "":
		region, err := client.ParseRegion(g.region)
		if err != nil {
			return nil, usageError{err.Error()}
		}
		opts = append(opts, client.WithRegion(region))
	}
	if key := e.getenv("ELEVENLABS_API_KEY"); key != "" {
		opts = append(opts, client.WithAPIKey(key))
	}
	if g.baseURL != "" {
		opts = append(opts, client.WithBaseURL(g.baseURL))
	}
	c, err := client.New(opts...)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return c, nil
}
