package secretstest

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

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
	cfg, err := newConfig(opts)
	if err != nil {
		t.Fatal(err)
	}
	cfg.report = t.Errorf
	s, err := start("127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
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
	sp, err := loadSpec(cfg.apiKey)
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
		Config:   &http.Server{Handler: http.HandlerFunc(s.serveHTTP)},
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

// Close stops the fake, ending any injected latency early, and waits for
// requests in progress. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.http.Close()
	})
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
