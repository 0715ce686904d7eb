package client

import (
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/xisecrets/xisecrets/gen"
)

// Client talks to the workspace secrets API. Create one with New and share
// it: it is immutable and safe for concurrent use by many goroutines.
type Client struct {
	// Secrets holds the operations on workspace secrets.
	Secrets *SecretsService

	baseURL string // no trailing slash
	region  Region // "" when WithBaseURL was used
	raw     *gen.ClientWithResponses
	// sec is behind a pointer so that even printing a Client value by
	// reflection shows an address, not the key.
	sec *sensitive
}

// sensitive holds what the facade needs to redact server text.
type sensitive struct {
	noPrint
	key string
}

// New builds a Client. The key comes from WithAPIKey, else from the
// ELEVENLABS_API_KEY environment variable; with neither, New fails with
// ErrNoAPIKey. The host is RegionDefault unless WithRegion or WithBaseURL
// says otherwise.
func New(opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(cfg); err != nil {
			return nil, err
		}
	}
	if !cfg.apiKeySet {
		cfg.apiKey = os.Getenv(envAPIKey)
	}
	if cfg.apiKey == "" {
		return nil, ErrNoAPIKey
	}
	if err := checkKey(cfg.apiKey); err != nil {
		return nil, err
	}
	if cfg.regionSet && cfg.baseURLSet {
		return nil, invalidf("WithRegion and WithBaseURL both given; use one")
	}
	rawBase, region := cfg.region.BaseURL(), cfg.region
	if cfg.baseURLSet {
		rawBase, region = cfg.baseURL, ""
	}
	base, err := parseBaseURL(rawBase)
	if err != nil {
		return nil, err
	}
	hc, err := newHTTPClient(cfg.httpClient, base)
	if err != nil {
		return nil, err
	}
	doer := &retryDoer{
		hc:          hc,
		maxRetries:  cfg.maxRetries,
		timeout:     cfg.timeout,
		backoffBase: cfg.backoffBase,
		backoffMax:  cfg.backoffMax,
		sleep:       cfg.sleep,
		logger:      cfg.logger,
		key:         cfg.apiKey,
	}
	raw, err := gen.NewClientWithResponses(base.String()+"/", gen.WithHTTPClient(doer),
		gen.WithRequestEditorFn(authorize(cfg.apiKey)))
	if err != nil {
		return nil, fmt.Errorf("xisecrets: %w", err)
	}
	c := &Client{baseURL: base.String(), region: region, raw: raw, sec: &sensitive{key: cfg.apiKey}}
	c.Secrets = &SecretsService{c: c}
	return c, nil
}

// Raw returns the generated client for anything the facade does not cover.
// It shares this Client's key, host, retries, timeouts, body limits and
// User-Agent; its response bodies are already buffered.
func (c *Client) Raw() *gen.ClientWithResponses { return c.raw }

// BaseURL returns the API base URL in use, without a trailing slash.
func (c *Client) BaseURL() string { return c.baseURL }

// Region returns the configured region, or "" when WithBaseURL was used.
func (c *Client) Region() Region { return c.region }

// String describes the client without secrets: its host and region. The
// fmt and slog methods have value receivers so that printing a Client value
// (not just a pointer) never walks its fields by reflection.
func (c Client) String() string {
	if c.region != "" {
		return fmt.Sprintf("client.Client{BaseURL: %s, Region: %s}", c.baseURL, c.region)
	}
	return fmt.Sprintf("client.Client{BaseURL: %s}", c.baseURL)
}

// GoString makes %#v safe too.
func (c Client) GoString() string { return c.String() }

// Format makes every verb (%v, %+v, %#v, %s, %x, ...) print String.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue makes slog print the same safe summary.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", c.baseURL), slog.String("region", string(c.region)))
}
