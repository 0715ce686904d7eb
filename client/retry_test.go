package client_test

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

func TestRetryMatrix(t *testing.T) {
	type op func(c *client.Client, id string) error
	get := func(c *client.Client, id string) error { _, err := c.Secrets.Get(context.Background(), id); return err }
	create := func(c *client.Client, _ string) error {
		_, err := c.Secrets.Create(context.Background(), "N", "v")
		return err
	}
	update := func(c *client.Client, id string) error {
		_, err := c.Secrets.Update(context.Background(), id, "N", "v2")
		return err
	}
	del := func(c *client.Client, id string) error { return c.Secrets.Delete(context.Background(), id) }

	h := func(kv ...string) http.Header {
		hh := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			hh.Set(kv[i], kv[i+1])
		}
		return hh
	}
	tests := []struct {
		name     string
		method   string
		op       op
		fault    secretstest.Fault
		attempts int
		wantErr  error // nil: success
	}{
		{"GET 429 Retry-After seconds", "GET", get, secretstest.Fault{Status: 429, Header: h("Retry-After", "2")}, 2, nil},
		{"GET 503", "GET", get, secretstest.Fault{Status: 503}, 2, nil},
		{"GET 500", "GET", get, secretstest.Fault{Status: 500}, 2, nil},
		{"GET 408", "GET", get, secretstest.Fault{Status: 408}, 2, nil},
		{"GET 501 not retried", "GET", get, secretstest.Fault{Status: 501}, 1, &client.APIError{}},
		{"GET 404 not retried", "GET", get, secretstest.Fault{Status: 404}, 1, client.ErrNotFound},
		{"GET dropped before response", "GET", get, secretstest.Fault{Drop: secretstest.DropBeforeResponse}, 2, nil},
		{"GET dropped mid body", "GET", get, secretstest.Fault{Drop: secretstest.DropMidBody}, 2, nil},
		{"PATCH 503", "PATCH", update, secretstest.Fault{Status: 503}, 2, nil},
		{"PATCH dropped", "PATCH", update, secretstest.Fault{Drop: secretstest.DropBeforeResponse}, 2, nil},
		{"DELETE 502", "DELETE", del, secretstest.Fault{Status: 502, Body: "<html>bad gateway</html>"}, 2, nil},
		{"POST 429 retried", "POST", create, secretstest.Fault{Status: 429}, 2, nil},
		{"POST 503 not retried", "POST", create, secretstest.Fault{Status: 503}, 1, &client.APIError{}},
		{"POST 500 not retried", "POST", create, secretstest.Fault{Status: 500}, 1, &client.APIError{}},
		{"POST 408 not retried", "POST", create, secretstest.Fault{Status: 408}, 1, &client.APIError{}},
		{"POST dropped not retried", "POST", create, secretstest.Fault{Drop: secretstest.DropBeforeResponse}, 1, errAny},
		{"POST dropped mid body not retried", "POST", create, secretstest.Fault{Drop: secretstest.DropMidBody}, 1, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c, _ := fake(t)
			id := ""
			if tt.method != "POST" {
				id = mustCreate(t, c, "N", "v").ID
			}
			tt.fault.Method = tt.method
			srv.Inject(tt.fault)
			before := count(srv, tt.method)
			err := tt.op(c, id)
			if got := count(srv, tt.method) - before; got != tt.attempts {
				t.Errorf("%s sent %d times, want %d", tt.method, got, tt.attempts)
			}
			switch want := tt.wantErr.(type) {
			case nil:
				if err != nil {
					t.Errorf("err = %v, want success", err)
				}
			case *client.APIError:
				var apiErr *client.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.fault.Status {
					t.Errorf("err = %v, want APIError %d", err, tt.fault.Status)
				}
			default:
				if err == nil || (want != errAny && !errors.Is(err, want)) {
					t.Errorf("err = %v, want %v", err, want)
				}
			}
		})
	}
}

var errAny = errors.New("any error")

func count(srv *secretstest.Server, method string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

func TestRetryAfterOverCapNotRetried(t *testing.T) {
	srv, c, w := fake(t)
	srv.Inject(secretstest.Fault{Status: 429, Header: http.Header{"Retry-After": {"120"}}})
	_, err := c.Secrets.Get(context.Background(), "x")
	var apiErr *client.APIError
	if !errors.Is(err, client.ErrRateLimited) || !errors.As(err, &apiErr) || apiErr.RetryAfter != 120*time.Second {
		t.Fatalf("err = %v", err)
	}
	if len(w.all()) != 0 || len(srv.Requests()) != 1 {
		t.Errorf("waited %v, sent %d", w.all(), len(srv.Requests()))
	}
}

func TestWaitPastDeadlineRefused(t *testing.T) {
	srv, c, w := fake(t)
	srv.Inject(secretstest.Fault{Status: 429, Header: http.Header{"Retry-After": {"30"}}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.Secrets.Get(ctx, "x")
	if !errors.Is(err, client.ErrRateLimited) || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the rate-limit error at once", err)
	}
	if len(w.all()) != 0 || len(srv.Requests()) != 1 {
		t.Errorf("waited %v, sent %d", w.all(), len(srv.Requests()))
	}
}

func TestRetriesExhausted(t *testing.T) {
	srv, c, w := fake(t)
	srv.Inject(
		secretstest.Fault{Status: 503}, secretstest.Fault{Status: 503},
		secretstest.Fault{Status: 503}, secretstest.Fault{Status: 503})
	var resp client.Response
	_, err := c.Secrets.Get(context.Background(), "x", client.WithResponseInto(&resp))
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("err = %v", err)
	}
	if resp.Attempts != 3 || len(srv.Requests()) != 3 || len(w.all()) != 2 {
		t.Errorf("attempts %d, requests %d, waits %v; want 3, 3, 2 waits", resp.Attempts, len(srv.Requests()), w.all())
	}
}

func TestMaxRetriesZero(t *testing.T) {
	srv, c, _ := fake(t, client.WithMaxRetries(0))
	srv.Inject(secretstest.Fault{Status: 503})
	if _, err := c.Secrets.Get(context.Background(), "x"); err == nil {
		t.Fatal("want error")
	}
	if len(srv.Requests()) != 1 {
		t.Errorf("sent %d", len(srv.Requests()))
	}
}

// The real sleeper: a cancel during a one-hour backoff ends the call at
// once (the test would time out otherwise).
func TestCancelDuringBackoff(t *testing.T) {
	srv := secretstest.NewServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, err := client.New(client.WithAPIKey(srv.APIKey()), client.WithBaseURL(srv.URL()),
		client.WithBackoffForTest(time.Hour, time.Hour),
		client.WithLogger(slog.New(cancelOnRetry{cancel})))
	if err != nil {
		t.Fatal(err)
	}
	srv.Inject(secretstest.Fault{Status: 503})
	var resp client.Response
	_, err = c.Secrets.Get(ctx, "x", client.WithResponseInto(&resp))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(srv.Requests()) != 1 {
		t.Errorf("sent %d", len(srv.Requests()))
	}
}

// cancelOnRetry is a slog.Handler that cancels when the client announces a
// retry, i.e. just before it starts waiting.
type cancelOnRetry struct{ cancel context.CancelFunc }

func (h cancelOnRetry) Enabled(context.Context, slog.Level) bool { return true }
func (h cancelOnRetry) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "xisecrets: retrying" {
		h.cancel()
	}
	return nil
}
func (h cancelOnRetry) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h cancelOnRetry) WithGroup(string) slog.Handler      { return h }

// slowFirstGet is a client with a 500 ms attempt timeout, a secret's id,
// and a fake whose next GET takes 5 s. 500 ms, not less: the retried
// attempt must finish inside it on a loaded machine under -race. The
// secret is seeded, not created through the client: a create is never
// retried, so one slow POST would fail the setup.
func slowFirstGet(t *testing.T) (*client.Client, string) {
	t.Helper()
	srv, c, _ := fake(t, client.WithTimeout(500*time.Millisecond))
	id, err := srv.Seed("N", "v")
	if err != nil {
		t.Fatal(err)
	}
	srv.Inject(secretstest.Fault{Method: "GET", Latency: 5 * time.Second})
	return c, id
}

func TestAttemptTimeoutRetriedForSafeMethods(t *testing.T) {
	c, id := slowFirstGet(t)
	var resp client.Response
	if _, err := c.Secrets.Get(context.Background(), id, client.WithResponseInto(&resp)); err != nil {
		t.Fatalf("Get after one slow attempt: %v", err)
	}
	if resp.Attempts != 2 {
		t.Errorf("attempts = %d, want 2", resp.Attempts)
	}
}

// A caller's deadline later than the attempt timeout does not replace it:
// each attempt is still cut at the timeout and retried.
func TestAttemptTimeoutUnderALaterCallerDeadline(t *testing.T) {
	c, id := slowFirstGet(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	var resp client.Response
	if _, err := c.Secrets.Get(ctx, id, client.WithResponseInto(&resp)); err != nil {
		t.Fatalf("Get after one slow attempt: %v", err)
	}
	if resp.Attempts != 2 {
		t.Errorf("attempts = %d, want 2", resp.Attempts)
	}
}

func TestAttemptTimeoutNotRetriedForCreate(t *testing.T) {
	srv, c, _ := fake(t, client.WithTimeout(50*time.Millisecond))
	srv.Inject(secretstest.Fault{Method: "POST", Latency: 5 * time.Second})
	_, err := c.Secrets.Create(context.Background(), "N", "v")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	// The fake records the abandoned POST when it notices; never more than one.
	if n := count(srv, "POST"); n > 1 || srv.Len() != 0 {
		t.Errorf("POST sent %d times, %d stored", n, srv.Len())
	}
}

func TestCallerDeadlineKeepsCause(t *testing.T) {
	srv, c, _ := fake(t)
	srv.Inject(secretstest.Fault{Latency: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Secrets.Get(ctx, "x")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	// The fake records an abandoned request when it notices; never more than one.
	if len(srv.Requests()) > 1 {
		t.Errorf("retried after the caller's deadline: %d requests", len(srv.Requests()))
	}
}

// A create whose dial failed was never seen by the server: retrying it is
// safe, and it happens.
func TestCreateRetriedAfterDialFailure(t *testing.T) {
	srv := secretstest.NewServer(t)
	var dials atomic.Int32
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connection refused")}
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	c, err := client.New(client.WithAPIKey(srv.APIKey()), client.WithBaseURL(srv.URL()),
		client.WithHTTPClient(&http.Client{Transport: tr}), client.WithBackoffForTest(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Secrets.Create(context.Background(), "N", "v")
	if err != nil {
		t.Fatal(err)
	}
	if srv.Len() != 1 || !srv.ValueIs(s.ID, "v") || dials.Load() != 2 {
		t.Errorf("len %d, dials %d", srv.Len(), dials.Load())
	}
}

func TestConnectionRefusedExhausts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	w := &waits{}
	c, err := client.New(client.WithAPIKey("k"), client.WithBaseURL("http://"+addr),
		client.WithBackoffForTest(0, 0), client.WithSleepForTest(w.sleep))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Secrets.Create(context.Background(), "N", "v")
	var op *net.OpError
	if !errors.As(err, &op) {
		t.Fatalf("err = %v, want a *net.OpError cause", err)
	}
	if len(w.all()) != 2 {
		t.Errorf("waits = %v, want 2 (create retried on refused dials)", w.all())
	}
}
