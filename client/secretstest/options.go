package secretstest

import (
	"errors"
	"fmt"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/sealed"
)

// config is what Options set; NewServer and Start fill in the rest.
type config struct {
	apiKey    sealed.Value
	apiKeySet bool
	// report receives the fake's own failures (a response that does not match
	// the spec, a misused Inject). It is t.Errorf for NewServer so that such a
	// failure fails the test that used the fake, and logf for Start.
	report func(format string, args ...any)
	// tamper, when set, rewrites a response body before it is validated. Only
	// tests of this package use it, to prove that a broken response is caught.
	tamper func(operationID string, body []byte) []byte
	// spec, when set, is the OpenAPI document served in place of the
	// embedded one: see hook.go.
	spec []byte
	// timeouts are the connection timeouts: defaultTimeouts but in this
	// package's tests, which shorten them to see a stalled client cut.
	timeouts timeouts
}

// timeouts bound what a client can hold a connection of the fake with;
// http.Server's fields of the same names.
type timeouts struct {
	readHeader, read, idle time.Duration
}

// defaultTimeouts are long enough that no real test client meets them and
// short enough that a stalled client cannot hold a connection for ever.
// RELIABILITY.md lists them.
var defaultTimeouts = timeouts{
	// Any HTTP client writes a request's headers at once.
	readHeader: 10 * time.Second,
	// The whole request, body included. It must outlast maxLatency: the
	// deadline stays on the connection while an injected latency is
	// waited, and net/http cancels the request when it passes.
	read: 60 * time.Second,
	// Longer than Go clients keep an idle connection (90s in
	// http.DefaultTransport), so that a client drops it first and never
	// sends a request on a connection the fake is closing.
	idle: 120 * time.Second,
}

// Option configures a Server made by NewServer or Start.
type Option func(*config)

// WithAPIKey makes the fake accept key instead of a random per-server key,
// e.g. so that a CLI pointed at `xisecrets fake` can use a key from its
// environment. The key must not be empty.
func WithAPIKey(key string) Option {
	return func(c *config) { c.apiKey, c.apiKeySet = sealed.Seal(key), true }
}

// WithLogf sets where a server made by Start reports its own
// response-validation failures; there is no testing.TB to fail there. The
// default writes to the standard logger. NewServer ignores it and uses t.Errorf,
// because a fake that breaks the spec must fail the test, not just log.
func WithLogf(logf func(format string, args ...any)) Option {
	return func(c *config) { c.report = logf }
}

func newConfig(opts []Option) (*config, error) {
	c := &config{timeouts: defaultTimeouts}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	if !c.apiKeySet {
		// A random key per server means a test cannot pass with a key it made
		// up or copied from another test.
		c.apiKey = sealed.Seal("xi-test-" + randomHex(16))
	}
	key := c.apiKey.Reveal()
	if key == "" || len(key) > 1024 {
		return nil, errors.New("secretstest: the API key must be 1..1024 bytes")
	}
	for i := 0; i < len(key); i++ {
		if b := key[i]; b < 0x21 || b > 0x7e {
			return nil, fmt.Errorf("secretstest: the API key must be printable ASCII without spaces (byte %d is not)", i)
		}
	}
	return c, nil
}
