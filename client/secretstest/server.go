package secretstest

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// closeGrace is how long Close waits for requests in progress before it
// cuts their connections: it keeps Close within about a second whatever
// clients do, while a request the fake is answering has ample time to end
// (injected latency ends at once when the server closes).
const closeGrace = 500 * time.Millisecond

// Server is a running fake. All methods are safe for concurrent use.
//
// A Server formats as "secretstest.Server(URL)" with every verb, %#v
// included, so that logging it cannot reveal the API key or stored values.
type Server struct {
	cfg     *config
	http    *httptest.Server
	spec    *spec
	store   *store
	faults  faultQueue
	records recorder

	inFlight atomic.Int64
	// done is closed by Close so that injected latency does not hold up
	// shutdown for its full duration.
	done      chan struct{}
	closeOnce sync.Once
}

// NewServer starts a fake on 127.0.0.1:0 and closes it when t's test ends.
// If the fake itself answers something the spec does not allow, that is
// reported with t.Errorf: the test fails even if the code under test
// happened to tolerate the bad response. WithLogf is ignored.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := startForTest(t, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// startForTest is NewServer returning its error rather than failing t.
func startForTest(t testing.TB, opts []Option) (*Server, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	cfg.report = t.Errorf
	s, err := start("127.0.0.1:0", cfg)
	if err != nil {
		return nil, err
	}
	t.Cleanup(s.Close)
	return s, nil
}

// Start starts a fake on addr for use outside tests, such as
// `xisecrets fake --addr 127.0.0.1:8080`; the caller must Close it. addr must
// name a loopback IP (or "localhost"): the fake accepts a known key and
// holds secrets in plain memory, so it refuses to listen where other hosts
// could reach it. Its own response-validation failures go to the WithLogf
// function, by default the standard logger.
func Start(addr string, opts ...Option) (*Server, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	if cfg.report == nil {
		cfg.report = log.Printf
	}
	return start(addr, cfg)
}

func start(addr string, cfg *config) (*Server, error) {
	addr, err := loopbackAddr(addr)
	if err != nil {
		return nil, err
	}
	sp, err := loadSpec(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("secretstest: %w", err)
	}
	s := &Server{
		cfg:   cfg,
		spec:  sp,
		store: newStore(),
		done:  make(chan struct{}),
	}
	s.http = &httptest.Server{
		Listener: ln,
		Config: &http.Server{
			Handler:           http.HandlerFunc(s.serveHTTP),
			ReadHeaderTimeout: cfg.timeouts.readHeader,
			ReadTimeout:       cfg.timeouts.read,
			IdleTimeout:       cfg.timeouts.idle,
		},
	}
	s.http.Start()
	return s, nil
}

// loopbackAddr checks that addr ("host:port") is on a loopback interface and
// rewrites "localhost" to 127.0.0.1 so that the check cannot be defeated by
// name resolution.
func loopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("secretstest: address %q: %w", addr, err)
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("secretstest: refusing to listen on %q: the fake only listens on a loopback IP such as 127.0.0.1", addr)
	}
	return net.JoinHostPort(ip.String(), port), nil
}

// URL is the fake's base URL, e.g. "http://127.0.0.1:PORT", to use in place
// of the vendor's server URL.
func (s *Server) URL() string { return s.http.URL }

// APIKey is the only xi-api-key value the fake accepts.
func (s *Server) APIKey() string { return s.cfg.apiKey.Reveal() }

// Close stops the fake, ending any injected latency early. It waits for
// requests in progress up to half a second, then closes every connection
// that remains: it returns within about a second whatever clients do (one
// that sent half a request and stalled, say). It is safe to call more than
// once.
func (s *Server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), closeGrace)
	defer cancel()
	_ = s.Shutdown(ctx)
}

// Shutdown stops the fake gracefully: it stops accepting connections, ends
// any injected latency early, and waits for requests in progress until they
// end or ctx does. Then it closes every connection that remains, whatever
// its client is doing, and returns ctx's error if a request was still in
// progress; it returns soon after ctx ends. Only the first call of Close or
// Shutdown stops the server; later ones wait until it has stopped.
func (s *Server) Shutdown(ctx context.Context) error {
	var err error
	s.closeOnce.Do(func() {
		close(s.done)
		err = s.http.Config.Shutdown(ctx)
		// httptest's Close waits for active connections as long as their
		// clients like: cut them first.
		s.http.CloseClientConnections()
		s.http.Close()
	})
	return err
}

// String names the server by its URL only.
func (s *Server) String() string {
	if s == nil || s.http == nil {
		return "secretstest.Server(<nil>)"
	}
	return "secretstest.Server(" + s.http.URL + ")"
}

// GoString is String: %#v must not dump the key.
func (s *Server) GoString() string { return s.String() }

// Format prints String for every verb, because fmt would otherwise print the
// fields (and so the API key) for %v, %+v and %#v of the struct.
func (s *Server) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, s.String()) }
