package client

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/sealed"
	"github.com/xisecrets/xisecrets/client/internal/transport"
)

// Option configures a Client in New. Options are applied in order; an
// invalid value makes New fail rather than being silently ignored.
type Option func(*config) error

// Defaults, chosen for a small JSON API that sometimes rate-limits.
const (
	defaultMaxRetries     = 2
	defaultAttemptTimeout = 240 * time.Second
	defaultBackoffBase    = 500 * time.Millisecond
	defaultBackoffMax     = 8 * time.Second
)

// envAPIKey is read by New when WithAPIKey is not given.
const envAPIKey = "ELEVENLABS_API_KEY"

// config collects the options; New turns it into an immutable Client. It
// holds the API key, sealed.
type config struct {
	apiKey      sealed.Value
	apiKeySet   bool
	region      Region
	regionSet   bool
	baseURL     string
	baseURLSet  bool
	httpClient  *http.Client
	maxRetries  int
	timeout     time.Duration
	logger      *slog.Logger
	backoffBase time.Duration
	backoffMax  time.Duration
	// sleep waits between attempts; tests replace it to observe the
	// requested waits without spending them.
	sleep func(ctx context.Context, d time.Duration) error
}

func defaultConfig() *config {
	return &config{
		region:      RegionDefault,
		maxRetries:  defaultMaxRetries,
		timeout:     defaultAttemptTimeout,
		backoffBase: defaultBackoffBase,
		backoffMax:  defaultBackoffMax,
		sleep:       transport.SleepCtx,
	}
}

// WithAPIKey sets the API key sent as the xi-api-key header. It wins over
// the ELEVENLABS_API_KEY environment variable. An empty key is an error.
func WithAPIKey(key string) Option {
	return func(c *config) error {
		if key == "" {
			return invalidf("WithAPIKey: empty key")
		}
		c.apiKey, c.apiKeySet = sealed.Seal(key), true
		return nil
	}
}

// WithRegion selects a vendor region (default: RegionDefault). It cannot be
// combined with WithBaseURL: one of the two would be silently ignored.
func WithRegion(r Region) Option {
	return func(c *config) error {
		if r.BaseURL() == "" {
			return invalidf("WithRegion: unknown region %s", regionChoices())
		}
		c.region, c.regionSet = r, true
		return nil
	}
}

// WithBaseURL points the client at any API host, e.g. a proxy or a fake in
// tests. It must be https, or http to a loopback host: the name localhost
// or an IP literal in 127.0.0.0/8 or ::1 (not "localhost.", 127.1 or other
// spellings). The key must never cross a network in clear text, so plain
// http never goes through a proxy and only connects to a loopback address
// (see WithHTTPClient). The host is lower-cased (BaseURL shows it so). A
// path prefix is kept, unless it has an empty, "." or ".." segment; a
// query, fragment or user info is refused.
func WithBaseURL(u string) Option {
	return func(c *config) error {
		c.baseURL, c.baseURLSet = u, true
		return nil
	}
}

// WithHTTPClient supplies the *http.Client to send requests with (its
// Transport, Jar, Timeout). The client is copied, not modified: the copy
// gets the guarding transport (other hosts and paths refused) and a
// CheckRedirect that refuses every
// redirect (see ErrUnsafeRequest). Without it, a clone of
// http.DefaultTransport (proxies from the environment) with 64 idle
// connections per host and at most 64 KiB of response headers is used.
//
// With an https base URL any RoundTripper is used as it is, its proxy
// included: a proxy only relays the TLS connection. With a plain-http
// (loopback) base URL the Transport must be an *http.Transport (or nil,
// meaning http.DefaultTransport), and a clone of it is used without a
// proxy, with at most 64 KiB of response headers unless it sets its own
// MaxResponseHeaderBytes, and with its dialer wrapped to refuse a
// connection whose peer is not a loopback address or Unix socket; New
// refuses any other RoundTripper (ErrInvalidArgument), since it could
// proxy or dial the key anywhere.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return invalidf("WithHTTPClient: nil client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithMaxRetries sets how many times a failed request may be repeated
// (default 2, so at most 3 attempts); 0 disables retries.
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return invalidf("WithMaxRetries: negative count %d", n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithTimeout sets the timeout of each attempt, including reading the
// response body (default 240s); 0 means none. The caller's context bounds
// the whole call, retries and waits included; an attempt that the
// caller's deadline ends first is not given a timer of its own, which
// makes a call with a deadline of d or less a little cheaper.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return invalidf("WithTimeout: negative duration %s", d)
		}
		c.timeout = d
		return nil
	}
}

// WithLogger logs each attempt (method, path, status, attempt, duration) at
// Debug and each retry at Info. Headers, bodies, the key and secret values
// are never logged. Default: no logging.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// withBackoff and withSleep are the test hooks for short, observable waits;
// they are unexported so the public API keeps one way to configure retries.
func withBackoff(base, maxWait time.Duration) Option {
	return func(c *config) error {
		c.backoffBase, c.backoffMax = base, maxWait
		return nil
	}
}

func withSleep(f func(ctx context.Context, d time.Duration) error) Option {
	return func(c *config) error {
		c.sleep = f
		return nil
	}
}
