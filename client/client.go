package client

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/xisecrets/xisecrets/client/internal/sealed"
	"github.com/xisecrets/xisecrets/client/internal/transport"
	"github.com/xisecrets/xisecrets/gen"
)

// Client talks to the workspace secrets API. Create one with New and share
// it: it is immutable and safe for concurrent use by many goroutines.
type Client struct {
	// Secrets holds the operations on workspace secrets.
	Secrets *SecretsService
	// EnvironmentVariables holds the operations on workspace environment
	// variables, which bind a label to a value (or a secret) per environment.
	EnvironmentVariables *EnvironmentVariablesService

	baseURL string // no trailing slash
	region  Region // "" when WithBaseURL was used
	raw     *gen.ClientWithResponses
	// key is sealed, so printing a Client (or anything that holds one) by
	// any verb, slog or a reflection-based dumper never shows it.
	key sealed.Value
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
	// The options the caller gave are checked before the key, which may
	// come from the environment: a wrong option is the thing to fix first.
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
	key := cfg.apiKey.Reveal()
	if !cfg.apiKeySet {
		key = os.Getenv(envAPIKey)
	}
	if key == "" {
		return nil, ErrNoAPIKey
	}
	if err := checkKey(key); err != nil {
		return nil, err
	}
	router := transport.NewRouter(base, routes)
	hc, err := transport.NewHTTPClient(cfg.httpClient, base, router)
	if err != nil {
		return nil, invalidf("%v", err) // the caller's transport cannot keep the key local
	}
	doer := &transport.Doer{
		HTTP:          hc,
		Router:        router,
		MaxRetries:    cfg.maxRetries,
		Timeout:       cfg.timeout,
		BackoffBase:   cfg.backoffBase,
		BackoffMax:    cfg.backoffMax,
		Sleep:         cfg.sleep,
		Logger:        cfg.logger,
		Key:           sealed.Seal(key),
		MaxValueBytes: MaxValueBytes,
	}
	inner, err := gen.NewClient(base.String()+"/", gen.WithHTTPClient(doer),
		gen.WithRequestEditorFn(authorize(key)))
	if err != nil {
		return nil, fmt.Errorf("xisecrets: %w", err)
	}
	// Path parameters are checked before the generated client resolves
	// the URL, which would remove "." and ".." segments unseen by the
	// guard below it (transport.CheckPathParam): the facade and Raw() alike.
	raw := &gen.ClientWithResponses{ClientInterface: &boundNames{gen.CheckPathParams(inner, transport.CheckPathParam)}}
	c := &Client{baseURL: base.String(), region: region, raw: raw, key: sealed.Seal(key)}
	c.Secrets = &SecretsService{c: c}
	c.EnvironmentVariables = &EnvironmentVariablesService{c: c}
	return c, nil
}

// Raw returns the generated client for anything the facade does not cover.
// It shares this Client's key, host, retries, timeouts, body limits and
// User-Agent; its response bodies are already buffered. Its creates and
// updates are held to MaxNameBytes, as the facade's are (a longer name
// would break every listing); it applies none of CheckName's other rules,
// nor CheckValue.
func (c *Client) Raw() *gen.ClientWithResponses { return c.raw }

// BaseURL returns the API base URL in use, without a trailing slash.
func (c *Client) BaseURL() string { return c.baseURL }

// Region returns the configured region, or "" when WithBaseURL was used.
func (c *Client) Region() Region { return c.region }

// apiKeyHeader is the vendor's auth header (security scheme ApiKeyAuth).
const apiKeyHeader = "Xi-Api-Key"

// authorize returns the request editor that is the one place the key and
// User-Agent are attached, for the facade and Raw() alike: the generated
// client runs it on every request it builds, after it has set its own
// header parameters.
func authorize(key string) gen.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set(apiKeyHeader, key)
		req.Header.Set("User-Agent", userAgent)
		return nil
	}
}
