package client_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

// waits records the waits the retry loop asked for, without spending them.
type waits struct {
	mu sync.Mutex
	ds []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.ds = append(w.ds, d)
	w.mu.Unlock()
	return ctx.Err()
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.ds...)
}

// fake starts a secretstest server and a client for it with instant,
// recorded backoff.
func fake(t *testing.T, opts ...client.Option) (*secretstest.Server, *client.Client, *waits) {
	t.Helper()
	srv := secretstest.NewServer(t)
	w := &waits{}
	base := []client.Option{
		client.WithAPIKey(srv.APIKey()),
		client.WithBaseURL(srv.URL()),
		client.WithBackoffForTest(0, 0),
		client.WithSleepForTest(w.sleep),
	}
	c, err := client.New(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, w
}

func mustCreate(t *testing.T, c *client.Client, name, value string) client.Secret {
	t.Helper()
	s, err := c.Secrets.Create(context.Background(), name, value)
	if err != nil {
		t.Fatalf("Create(%q): %v", name, err)
	}
	return s
}

// recorder is an httptest server that records exactly what each request
// brought: method, request URI, the id in its path, headers and body.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []recordedRequest
}

// recordedRequest is one request as a recorder received it.
type recordedRequest struct {
	Method, RequestURI, PathID string
	Header                     http.Header
	Body                       string
}

func newRecorder(t testing.TB, status int, body string) *recorder {
	t.Helper()
	w := &recorder{}
	// No ServeMux: it would "clean" a decoded path like /secrets/%2F with a
	// redirect, hiding what the client sent.
	w.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		_, _ = b.ReadFrom(r.Body)
		id := ""
		if rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/v1/convai/secrets/"); ok {
			seg, _, _ := strings.Cut(rest, "/")
			id, _ = url.PathUnescape(seg)
		}
		w.mu.Lock()
		w.reqs = append(w.reqs, recordedRequest{r.Method, r.RequestURI, id, r.Header.Clone(), b.String()})
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/json")
		rw.WriteHeader(status)
		_, _ = rw.Write([]byte(body))
	}))
	t.Cleanup(w.Close)
	return w
}

func (w *recorder) requests() []recordedRequest {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]recordedRequest(nil), w.reqs...)
}

// take returns the recorded requests and forgets them (the fuzz target
// would otherwise copy an ever-growing list on every input).
func (w *recorder) take() []recordedRequest {
	w.mu.Lock()
	defer w.mu.Unlock()
	r := w.reqs
	w.reqs = nil
	return r
}

func recorderClient(t *testing.T, w *recorder, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(append([]client.Option{
		client.WithAPIKey("wire-key-0123456789"),
		client.WithBaseURL(w.URL),
		client.WithBackoffForTest(0, 0),
		client.WithSleepForTest((&waits{}).sleep),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// logBuffer is a concurrency-safe sink for a Debug-level slog logger.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) ([]T, error) {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
