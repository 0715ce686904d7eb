package secretstest

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

// Server is an in-memory fake of the workspace secrets API.
type Server struct{ url, key string }

// NewServer starts a fake on 127.0.0.1:0 and closes it when t ends.
func NewServer(t testing.TB, opts ...Option) *Server { return &Server{} }

// Start starts a fake on the loopback address addr; the caller must Close it.
func Start(addr string, opts ...Option) (*Server, error) { return nil, errors.New("not implemented") }

// URL is the fake's base URL, "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.url }

// APIKey is the only xi-api-key the fake accepts.
func (s *Server) APIKey() string { return s.key }

// Close stops the fake.
func (s *Server) Close() {}

type config struct{}

// Option configures a Server.
type Option func(*config)

// WithAPIKey sets the accepted API key.
func WithAPIKey(key string) Option { return func(*config) {} }

// WithLogf sets where Start reports its own response-validation failures.
func WithLogf(logf func(format string, args ...any)) Option { return func(*config) {} }

// Drop says how a Fault breaks the connection.
type Drop int

// Drop kinds.
const (
	DropNone Drop = iota
	DropBeforeResponse
	DropMidBody
)

// Fault is one injected misbehaviour.
type Fault struct {
	Method     string
	Path       string
	Status     int
	Header     http.Header
	Body       string
	Latency    time.Duration
	Drop       Drop
	RedirectTo string
}

// Inject queues faults.
func (s *Server) Inject(faults ...Fault) {}

// MarkInUse records a dependent of a secret.
func (s *Server) MarkInUse(secretID, resourceType, dependentName string) error { return nil }

// Requests returns the recorded requests.
func (s *Server) Requests() []RecordedRequest { return nil }

// RecordedRequest is one request the fake saw.
type RecordedRequest struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   map[string]any
	Status                 int
}

// Len is the number of stored secrets.
func (s *Server) Len() int { return 0 }

// ValueIs reports whether the stored value of secretID equals value.
func (s *Server) ValueIs(secretID, value string) bool { return false }
