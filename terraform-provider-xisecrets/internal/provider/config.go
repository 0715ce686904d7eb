package provider

import (
	"errors"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
)

// The environment variables the provider block falls back on: the
// library's for the key, the CLI's for the host.
const (
	envAPIKey  = "ELEVENLABS_API_KEY"
	envRegion  = "XISECRETS_REGION"
	envBaseURL = "XISECRETS_BASE_URL"
)

// settings is the provider block once known: "" is an attribute not set.
type settings struct {
	APIKey, Region, BaseURL string
	// apiKeySet: api_key was written in the block (even as ""), which is
	// refused rather than silently replaced by the environment's key.
	APIKeySet bool
}

// clientOptions turns the provider block and the environment into the
// library's options, by the CLI's rule: an attribute beats its
// environment variable, and a region and a base URL given at one level
// (both attributes, or both variables) are an error rather than one
// silently winning. Values are never quoted back: api_key may have been
// pasted in the wrong attribute, and so may anything else.
func clientOptions(s settings, getenv func(string) string) ([]client.Option, error) {
	var opts []client.Option
	switch {
	case s.APIKeySet && s.APIKey == "":
		return nil, errors.New("api_key is empty: set it to the workspace's API key, or remove it to use " + envAPIKey)
	case s.APIKeySet:
		opts = append(opts, client.WithAPIKey(s.APIKey))
	case getenv(envAPIKey) == "":
		return nil, errors.New("no API key: set api_key in the provider block, or the environment variable " + envAPIKey)
	default:
		opts = append(opts, client.WithAPIKey(getenv(envAPIKey)))
	}
	region, baseURL, level := s.Region, s.BaseURL, "the provider block sets both region and base_url"
	if region == "" && baseURL == "" {
		region, baseURL, level = getenv(envRegion), getenv(envBaseURL), "both "+envRegion+" and "+envBaseURL+" are set"
	}
	switch {
	case region != "" && baseURL != "":
		return nil, fmt.Errorf("%s: a region stands for a base URL: set only one of them", level)
	case region != "":
		r, err := client.ParseRegion(region)
		if err != nil {
			return nil, fmt.Errorf("region: %w", err)
		}
		opts = append(opts, client.WithRegion(r))
	case baseURL != "":
		opts = append(opts, client.WithBaseURL(baseURL))
	}
	return opts, nil
}
