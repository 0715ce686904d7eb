package transport

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/sealed"
)

// step answers one attempt.
type step func(*http.Request) (*http.Response, error)

// script is an http.RoundTripper that answers attempt i with steps[i] (the
// last step repeats) and records what it was sent. No network.
type script struct {
	mu     sync.Mutex
	steps  []step
	bodies []string // the request body of each attempt
}

func (s *script) RoundTrip(req *http.Request) (*http.Response, error) {
	body := ""
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		_ = req.Body.Close()
		body = string(b)
	}
	s.mu.Lock()
	n := len(s.bodies)
	s.bodies = append(s.bodies, body)
	s.mu.Unlock()
	return s.steps[min(n, len(s.steps)-1)](req)
}

func (s *script) attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

// status answers with code, the header pairs kv and a small body.
func status(code int, kv ...string) step {
	return func(req *http.Request) (*http.Response, error) {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		body := `{"ok":true}`
		return &http.Response{StatusCode: code, Header: h, Body: io.NopCloser(strings.NewReader(body)),
			ContentLength: int64(len(body)), Request: req}, nil
	}
}

// connected reports a connection to the attempt's trace, as net/http does
// once it has one, then fails with err: the request may have been sent.
func connected(err error) step {
	return func(req *http.Request) (*http.Response, error) {
		if tr := httptrace.ContextClientTrace(req.Context()); tr != nil && tr.GotConn != nil {
			tr.GotConn(httptrace.GotConnInfo{})
		}
		return nil, err
	}
}

// fail fails without a connection.
func fail(err error) step {
	return func(*http.Request) (*http.Response, error) { return nil, err }
}

var (
	errRefused = &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	errReset   = &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
)

const testKey = "xi-doer-test-key-0123456789"

// waits records the Doer's waits without waiting. The Doer sleeps on the
// caller's goroutine, so a plain slice will do.
type waits []time.Duration

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	*w = append(*w, d)
	return ctx.Err()
}

// testRouter knows /v1/x as an API whose create (POST) is the one
// operation that is not Repeatable.
var testRouter = NewRouter(&url.URL{Scheme: "https", Host: "api.example.com"}, []Route{
	{Method: "GET", Template: "v1/x", Repeatable: true},
	{Method: "PATCH", Template: "v1/x", Repeatable: true},
	{Method: "DELETE", Template: "v1/x", Repeatable: true},
	{Method: "POST", Template: "v1/x"},
})

// newDoer is a Doer over the script with up to maxRetries retries, a
// fixed 2 ms backoff and recorded waits.
func newDoer(sc *script, maxRetries int) (*Doer, *waits) {
	sl := &waits{}
	return &Doer{
		HTTP:          &http.Client{Transport: sc},
		Router:        testRouter,
		MaxRetries:    maxRetries,
		BackoffBase:   2 * time.Millisecond,
		BackoffMax:    2 * time.Millisecond,
		Sleep:         sl.sleep,
		Key:           sealed.Seal(testKey),
		MaxValueBytes: 1 << 10,
	}, sl
}

// request is a request of method with a JSON body holding value (a body
// the Doer can read again), and a CallRecord in its context.
func request(t *testing.T, ctx context.Context, method, value string) (*http.Request, *CallRecord) {
	t.Helper()
	var body io.Reader
	if value != "" {
		body = strings.NewReader(`{"name":"N","value":"` + value + `"}`)
	}
	rec := &CallRecord{}
	req, err := http.NewRequestWithContext(WithCallRecord(ctx, rec), method, "https://api.example.com/v1/x", body)
	if err != nil {
		t.Fatal(err)
	}
	return req, rec
}

// The attempt loop for each method: how many attempts a failure gets,
// counted in the CallRecord, with a wait before each retry.
func TestDoerAttempts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		method   string
		steps    []step
		attempts int
		wantErr  bool
	}{
		{"GET success", "GET", []step{status(200)}, 1, false},
		{"GET 503 then 200", "GET", []step{status(503), status(503), status(200)}, 3, false},
		{"GET 503 exhausts the retries", "GET", []step{status(503)}, 4, false},
		{"GET 500, 502, 504, 408", "GET", []step{status(500), status(502), status(504), status(408), status(200)}, 4, false},
		{"GET 501 is final", "GET", []step{status(501)}, 1, false},
		{"GET 404 is final", "GET", []step{status(404)}, 1, false},
		{"GET reset", "GET", []step{connected(errReset), status(200)}, 2, false},
		{"PATCH 503", "PATCH", []step{status(503), status(200)}, 2, false},
		{"DELETE reset", "DELETE", []step{connected(errReset), status(204)}, 2, false},
		{"POST 429 (not acted on)", "POST", []step{status(429), status(201)}, 2, false},
		{"POST refused dial (never sent)", "POST", []step{fail(errRefused), status(201)}, 2, false},
		{"POST 503 (may have acted)", "POST", []step{status(503)}, 1, false},
		{"POST 500", "POST", []step{status(500)}, 1, false},
		{"POST 408", "POST", []step{status(408)}, 1, false},
		{"POST reset after connecting", "POST", []step{connected(errReset)}, 1, true},
		{"POST dial error after connecting", "POST", []step{connected(errRefused)}, 1, true},
		{"POST failure without a connection, not a dial's", "POST", []step{fail(errReset)}, 1, true},
		{"unsafe request refused by the guard", "GET", []step{fail(ErrUnsafeRequest)}, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := &script{steps: tc.steps}
			d, sl := newDoer(sc, 3)
			req, rec := request(t, context.Background(), tc.method, "v")
			resp, err := d.Do(req)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err == nil && resp == nil {
				t.Fatal("no response and no error")
			}
			if sc.attempts() != tc.attempts || rec.Attempts != tc.attempts || len(*sl) != tc.attempts-1 {
				t.Errorf("sent %d times, recorded %d attempts, %d waits; want %d attempts", sc.attempts(), rec.Attempts, len(*sl), tc.attempts)
			}
			for i, b := range sc.bodies {
				if tc.method != "GET" && b != `{"name":"N","value":"v"}` {
					t.Errorf("attempt %d sent body %q", i+1, b)
				}
			}
		})
	}
}

// The retry class is the route's, never the method's: a POST route declared
// Repeatable (an idempotent POST) is retried after a reset, a PATCH route
// that is not (a merging PATCH) is not retried after a 503, and a request
// that matches no route is treated as not Repeatable.
func TestDoerRetryClassIsTheRoutes(t *testing.T) {
	router := NewRouter(&url.URL{Scheme: "https", Host: "api.example.com"}, []Route{
		{Method: "POST", Template: "v1/x", Repeatable: true},
		{Method: "PATCH", Template: "v1/x"},
	})
	for _, tc := range []struct {
		method   string
		steps    []step
		attempts int
	}{
		{"POST", []step{connected(errReset), status(200)}, 2},
		{"POST", []step{status(503), status(200)}, 2},
		{"PATCH", []step{status(503), status(200)}, 1},
		{"PATCH", []step{connected(errReset), status(200)}, 1},
		{"GET", []step{status(503), status(200)}, 1}, // no GET route
	} {
		sc := &script{steps: tc.steps}
		d, _ := newDoer(sc, 3)
		d.Router = router
		req, _ := request(t, context.Background(), tc.method, "v")
		_, _ = d.Do(req)
		if sc.attempts() != tc.attempts {
			t.Errorf("%s, first answer %v: %d attempts, want %d", tc.method, tc.steps[0], sc.attempts(), tc.attempts)
		}
	}
}

// A body the Doer cannot read again is sent once, whatever the answer.
func TestDoerSendsAnUnrewindableBodyOnce(t *testing.T) {
	sc := &script{steps: []step{status(503), status(200)}}
	d, _ := newDoer(sc, 3)
	req, rec := request(t, context.Background(), "PATCH", "v")
	req.GetBody = nil
	req.Body = io.NopCloser(io.MultiReader(strings.NewReader(`{"value":"v"}`)))
	resp, err := d.Do(req)
	if err != nil || resp.StatusCode != 503 || sc.attempts() != 1 || rec.Attempts != 1 {
		t.Errorf("err %v, status %v, %d attempts; want the 503 after 1", err, resp, sc.attempts())
	}
}

// MaxRetries 0 is one attempt.
func TestDoerMaxRetriesZero(t *testing.T) {
	sc := &script{steps: []step{status(503)}}
	d, sl := newDoer(sc, 0)
	req, _ := request(t, context.Background(), "GET", "")
	if resp, err := d.Do(req); err != nil || resp.StatusCode != 503 || sc.attempts() != 1 || len(*sl) != 0 {
		t.Errorf("err %v, %d attempts, waits %v", err, sc.attempts(), *sl)
	}
}

// Retry-After replaces the backoff, up to MaxRetryAfter; longer, the
// answer is returned at once, unshortened, for the caller to decide; a
// wait that would pass the caller's deadline is not started.
func TestDoerRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		name     string
		header   string
		deadline time.Duration // 0: none
		waits    []time.Duration
	}{
		{"seconds", "7", 0, []time.Duration{7 * time.Second}},
		{"zero", "0", 0, []time.Duration{0}},
		{"at the cap", "60", 0, []time.Duration{MaxRetryAfter}},
		{"over the cap", "61", 0, nil},
		{"unparsable: the backoff", "soon", 0, []time.Duration{-1}},
		{"past the caller's deadline", "30", 10 * time.Second, nil},
		{"within the caller's deadline", "3", 10 * time.Second, []time.Duration{3 * time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := &script{steps: []step{status(429, "Retry-After", tc.header), status(200)}}
			d, sl := newDoer(sc, 3)
			ctx := context.Background()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			req, _ := request(t, ctx, "GET", "")
			resp, err := d.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got := *sl
			if len(got) != len(tc.waits) || sc.attempts() != len(tc.waits)+1 {
				t.Fatalf("waits %v, %d attempts; want %v", got, sc.attempts(), tc.waits)
			}
			if len(got) == 0 {
				if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != tc.header {
					t.Errorf("answer %d, Retry-After %q; want the 429 as sent", resp.StatusCode, resp.Header.Get("Retry-After"))
				}
				return
			}
			if want := tc.waits[0]; want >= 0 && got[0] != want || want < 0 && (got[0] < d.BackoffBase/2 || got[0] > d.BackoffBase) {
				t.Errorf("waited %s, want %s", got[0], want)
			}
		})
	}
}

// A cancel during the wait ends the call at once: the real SleepCtx is
// used, with an hour's backoff. The error says why, names the last
// answer and matches context.Canceled.
func TestDoerCancelEndsTheWait(t *testing.T) {
	for _, tc := range []struct {
		name string
		step step
		last string
	}{
		{"after a status", status(503), "status 503"},
		{"after a failure", connected(errReset), "connection reset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			sc := &script{steps: []step{tc.step}}
			d, _ := newDoer(sc, 3)
			d.BackoffBase, d.BackoffMax = time.Hour, time.Hour
			d.Sleep = func(ctx context.Context, w time.Duration) error {
				cancel()
				return SleepCtx(ctx, w)
			}
			req, _ := request(t, ctx, "GET", "")
			start := time.Now()
			resp, err := d.Do(req)
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("the call took %s", took)
			}
			if resp != nil || !errors.Is(err, context.Canceled) || sc.attempts() != 1 {
				t.Fatalf("resp %v, err %v, %d attempts; want context.Canceled after 1", resp, err, sc.attempts())
			}
			if msg := err.Error(); !strings.Contains(msg, "while waiting to retry") || !strings.Contains(msg, tc.last) {
				t.Errorf("err = %q, want it to name the wait and %q", msg, tc.last)
			}
		})
	}
}

// A canceled context before a retry stops the loop without waiting.
func TestDoerStopsOnACanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	sc := &script{steps: []step{func(r *http.Request) (*http.Response, error) { cancel(); return status(503)(r) }}}
	d, sl := newDoer(sc, 3)
	req, _ := request(t, ctx, "GET", "")
	if resp, err := d.Do(req); err != nil || resp.StatusCode != 503 || sc.attempts() != 1 || len(*sl) != 0 {
		t.Errorf("err %v, %d attempts, waits %v; want the 503 at once", err, sc.attempts(), *sl)
	}
}

// Each attempt runs under Timeout: a GET that hangs is cut and retried; a
// POST that may have been sent is not, and its error is DeadlineExceeded.
func TestDoerAttemptTimeout(t *testing.T) {
	hang := func(req *http.Request) (*http.Response, error) {
		if tr := httptrace.ContextClientTrace(req.Context()); tr != nil && tr.GotConn != nil {
			tr.GotConn(httptrace.GotConnInfo{})
		}
		<-req.Context().Done()
		return nil, req.Context().Err()
	}
	for _, tc := range []struct {
		method   string
		attempts int
	}{{"GET", 2}, {"POST", 1}} {
		sc := &script{steps: []step{hang, status(200)}}
		d, _ := newDoer(sc, 3)
		d.Timeout = 5 * time.Millisecond
		req, rec := request(t, context.Background(), tc.method, "v")
		_, err := d.Do(req)
		if rec.Attempts != tc.attempts {
			t.Errorf("%s: %d attempts, want %d", tc.method, rec.Attempts, tc.attempts)
		}
		if tc.method == "POST" && (!errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "attempt timed out after 5ms")) {
			t.Errorf("POST: err = %v, want the attempt's timeout", err)
		}
		if tc.method == "GET" && err != nil {
			t.Errorf("GET: %v", err)
		}
	}
}

// The body is read inside the attempt: a success body over the limits is
// ErrResponseTooLarge and not retried.
func TestDoerRefusesATooLargeBodyOnce(t *testing.T) {
	big := func(req *http.Request) (*http.Response, error) {
		body := strings.Repeat("x", SuccessBodyLimit+1)
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(body)), ContentLength: -1, Request: req}, nil
	}
	sc := &script{steps: []step{big}}
	d, _ := newDoer(sc, 3)
	req, _ := request(t, context.Background(), "GET", "")
	if _, err := d.Do(req); !errors.Is(err, ErrResponseTooLarge) || sc.attempts() != 1 {
		t.Errorf("err = %v after %d attempts, want ErrResponseTooLarge after 1", err, sc.attempts())
	}
}

// MayHaveActed, and with it AlreadyGone, is set only by a failed attempt
// the server may have carried out before a retry: a DELETE's 404 then
// means "gone, as asked"; after a 429 or a refused dial it is a real 404.
func TestDoerRecordsAnAttemptThatMayHaveActed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		method string
		first  step
		gone   bool
	}{
		{"DELETE after a 502", "DELETE", status(502), true},
		{"DELETE after a reset", "DELETE", connected(errReset), true},
		{"DELETE after a 429", "DELETE", status(429), false},
		{"DELETE after a 408", "DELETE", status(408), false},
		{"DELETE after a refused dial", "DELETE", fail(errRefused), false},
		{"DELETE at once", "DELETE", status(404), false},
		{"PATCH after a 502", "PATCH", status(502), false},
		{"GET after a 502", "GET", status(502), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := &script{steps: []step{tc.first, status(404)}}
			d, _ := newDoer(sc, 3)
			req, rec := request(t, context.Background(), tc.method, "")
			resp, err := d.Do(req)
			if err != nil || resp.StatusCode != 404 {
				t.Fatalf("err %v, answer %v; want the 404", err, resp)
			}
			if got := rec.AlreadyGone(resp); got != tc.gone {
				t.Errorf("AlreadyGone = %v (MayHaveActed %v), want %v", got, rec.MayHaveActed, tc.gone)
			}
		})
	}
}

// A failure's text is redacted of the key and of the request's value (the
// server or net/http may quote either), and still matches its cause.
func TestDoerRedactsItsErrors(t *testing.T) {
	const value = "the-secret-value-0123"
	quoting := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("malformed answer quoting " + testKey + " and " + value)}
	sc := &script{steps: []step{connected(quoting)}}
	d, _ := newDoer(sc, 0)
	req, _ := request(t, context.Background(), "POST", value)
	_, err := d.Do(req)
	var op *net.OpError
	if !errors.As(err, &op) {
		t.Fatalf("err = %v, want it to match the *net.OpError", err)
	}
	if msg := err.Error(); strings.Contains(msg, testKey) || strings.Contains(msg, value) || !strings.Contains(msg, "[REDACTED]") {
		t.Errorf("err = %q, want both secrets redacted", msg)
	}
}

// Errors name the request sent, never a query or a redirect's target.
func TestDoerNamesTheRequestInURLErrors(t *testing.T) {
	sc := &script{steps: []step{fail(&tls.CertificateVerificationError{Err: errors.New("bad cert")})}}
	d, _ := newDoer(sc, 0)
	req, _ := request(t, context.Background(), "GET", "")
	req.URL.RawQuery = "cursor=server-text"
	_, err := d.Do(req)
	if err == nil || strings.Contains(err.Error(), "cursor") || !strings.Contains(err.Error(), "https://api.example.com/v1/x") {
		t.Errorf("err = %v, want the request named without its query", err)
	}
}
