package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/redact"
	"github.com/xisecrets/xisecrets/client/internal/sealed"
)

// retryDoer is the gen.HttpRequestDoer behind the facade and Raw(): it runs
// each attempt with its own timeout, buffers the (bounded) body inside that
// attempt, and decides whether and when to try again.
//
// It is ours rather than hashicorp/go-retryablehttp because the policy for
// POST needs "did we ever get a connection?", which retryablehttp's
// CheckRetry cannot see, and because retryablehttp has no per-attempt
// timeout that also covers reading the body.
type retryDoer struct {
	hc          *http.Client
	maxRetries  int
	timeout     time.Duration
	backoffBase time.Duration
	backoffMax  time.Duration
	sleep       func(ctx context.Context, d time.Duration) error
	logger      *slog.Logger
	key         sealed.Value // for redacting server text in log lines and errors
}

// Do implements gen.HttpRequestDoer.
func (d *retryDoer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	// A body we cannot rewind can only be sent once.
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	red := requestRedaction{key: d.key.Reveal(), req: req}
	req = red.keepBody(req)
	for attempt := 1; ; attempt++ {
		if st := callStateFrom(ctx); st != nil {
			st.attempts = attempt
		}
		start := time.Now()
		resp, connected, err := d.attempt(req, attempt > 1)
		d.logAttempt(ctx, req, resp, err, attempt, time.Since(start), &red)

		if attempt > d.maxRetries || !replayable || ctx.Err() != nil ||
			!shouldRetry(req.Method, resp, err, connected) {
			return resp, red.wrap(err)
		}
		wait := d.backoff(attempt)
		if resp != nil {
			if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				if ra > maxRetryAfter {
					return resp, nil // not shortened: the caller sees the 429 and RetryAfter
				}
				wait = ra
			}
		}
		if dl, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(dl) {
			// Sleeping into the deadline would only turn a meaningful
			// error into context.DeadlineExceeded.
			return resp, red.wrap(err)
		}
		d.logRetry(ctx, req, resp, err, attempt, wait, &red)
		if serr := d.sleep(ctx, wait); serr != nil {
			last := ""
			if err == nil {
				err = fmt.Errorf("last attempt: status %d", resp.StatusCode)
				last = err.Error()
			} else {
				last = red.redactor().ErrText(err)
			}
			return nil, &redact.Error{
				Msg:   fmt.Sprintf("%s %s: %v while waiting to retry (%s)", req.Method, req.URL.EscapedPath(), serr, last),
				Cause: fmt.Errorf("%w (%w)", serr, err),
			}
		}
	}
}

// attempt sends one copy of req under the per-attempt timeout and returns
// the response with its body fully read (bounded), so that no timer or
// connection outlives the attempt. connected reports whether a connection
// was obtained: without one, the server cannot have seen the request.
func (d *retryDoer) attempt(req *http.Request, rewind bool) (resp *http.Response, connected bool, err error) {
	ctx := req.Context()
	actx, cancel := ctx, context.CancelFunc(func() {})
	if d.timeout > 0 && !endsWithin(ctx, d.timeout) {
		actx, cancel = context.WithTimeout(ctx, d.timeout)
	}
	defer cancel()

	// Only the policy for unsafe methods asks whether a connection was
	// made, so only they pay for the trace; safe methods report true.
	traced := !isSafe(req.Method)
	var gotConn atomic.Bool
	if traced {
		actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
			GotConn: func(httptrace.GotConnInfo) { gotConn.Store(true) },
		})
	}
	// A shallow copy is enough: http.Client and the transports never
	// modify a request's URL or Header (the key is set once, before Do,
	// by the generated client's editor), and the body is replaced on the
	// copy only.
	r := req.WithContext(actx)
	if rewind && req.GetBody != nil {
		if r.Body, err = req.GetBody(); err != nil {
			return nil, false, err
		}
	}
	resp, err = d.hc.Do(r)
	if err == nil {
		err = bufferBody(resp)
	} else {
		nameRequest(err, req)
	}
	if err != nil {
		if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			err = attemptTimeoutError(d.timeout, err)
		}
		return nil, !traced || gotConn.Load(), err
	}
	return resp, true, nil
}

// endsWithin reports whether ctx's deadline comes within d: then the
// caller's deadline ends the attempt before its own timeout would, and a
// timer of ours would never fire (net/http skips Client.Timeout the same
// way). A context with a timer is close to half of what the facade costs
// over the generated client on a small call (BENCHMARKS.md).
func endsWithin(ctx context.Context, d time.Duration) bool {
	dl, ok := ctx.Deadline()
	return ok && time.Until(dl) <= d
}

// nameRequest makes a *url.Error in err name req, without its query
// (redact.ErrorURL): after a refused redirect net/http names the redirect's
// target, which is server text, and a query may hold a server's cursor.
func nameRequest(err error, req *http.Request) {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		urlErr.URL = redact.ErrorURL(req.URL)
	}
}

func attemptTimeoutError(timeout time.Duration, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("attempt timed out after %s: %w", timeout, err)
	}
	return fmt.Errorf("attempt timed out after %s: %w: %w", timeout, context.DeadlineExceeded, err)
}

// shouldRetry is the retry policy. Safe methods (GET, PATCH as a full
// replacement, DELETE) repeat on 408, 429, 5xx but 501, and any transport
// failure or attempt timeout. POST repeats only when the server certainly
// did not act: a 429, or a dial failure before any connection existed.
func shouldRetry(method string, resp *http.Response, err error, connected bool) bool {
	safe := isSafe(method)
	if err != nil {
		if errors.Is(err, ErrUnsafeRequest) || errors.Is(err, ErrResponseTooLarge) {
			return false
		}
		return safe || (!connected && isDialError(err))
	}
	switch s := resp.StatusCode; {
	case s == http.StatusTooManyRequests:
		return true
	case s == http.StatusRequestTimeout, s >= 500 && s != http.StatusNotImplemented:
		return safe
	}
	return false
}

// isSafe reports whether repeating a request cannot do harm: every method
// this API uses but POST (create).
func isSafe(method string) bool { return method != http.MethodPost }

func isDialError(err error) bool {
	var op *net.OpError
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.As(err, &op) && op.Op == "dial"
}

// backoff is exponential with "equal jitter": half fixed, half random, so
// waits spread out across clients but never collapse to zero.
func (d *retryDoer) backoff(attempt int) time.Duration {
	w := d.backoffMax
	if shift := attempt - 1; shift < 30 && d.backoffBase<<shift < d.backoffMax {
		w = d.backoffBase << shift
	}
	if w <= 0 {
		return 0
	}
	return w/2 + rand.N(w/2+1)
}

// retryAfter parses Retry-After as delay-seconds or an HTTP-date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(min(n, int64(24*time.Hour/time.Second))) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// parseRetryAfter is retryAfter for APIError, where absence is just 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	d, _ := retryAfter(v, now)
	return d
}

// sleepCtx waits d or until ctx is done, whichever is first; the timer is
// stopped so it never outlives the wait.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// requestRedaction redacts server text about one request: its secrets are
// the key and the secret value in the request's JSON body, the one place
// where both the facade and Raw() put it (read again with GetBody, or
// kept as it is sent: keepBody). The Redactor is built on first
// use, so a request that logs nothing and fails with nothing pays nothing.
type requestRedaction struct {
	key   string
	req   *http.Request
	tee   *bodyTee // the copy of a body without GetBody (keepBody)
	m     redact.Redactor
	built bool
}

func (r *requestRedaction) redactor() redact.Redactor {
	if !r.built {
		value := ""
		if r.tee != nil {
			value = r.tee.value()
		} else {
			value = bodyValue(r.req)
		}
		r.m, r.built = redact.Secrets{r.key, value}.Redactor(), true
	}
	return r.m
}

// wrap redacts err's text, keeping err for errors.Is and errors.As.
func (r *requestRedaction) wrap(err error) error {
	if err == nil {
		return nil
	}
	return &redact.Error{Msg: r.redactor().ErrText(err), Cause: err}
}

// bodyValue returns the "value" member of a request's JSON body, or "".
func bodyValue(req *http.Request) string {
	if req.GetBody == nil {
		return ""
	}
	body, err := req.GetBody()
	if err != nil {
		return ""
	}
	defer func() { _ = body.Close() }()
	var v struct {
		Value string `json:"value"`
	}
	if json.NewDecoder(body).Decode(&v) != nil {
		return ""
	}
	return v.Value
}

// logAttempt logs each attempt at Debug. The request id and the error are
// server text, redacted; method, path, attempt and duration are ours.
func (d *retryDoer) logAttempt(ctx context.Context, req *http.Request, resp *http.Response, err error, attempt int, took time.Duration, red *requestRedaction) {
	if d.logger == nil || !d.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.EscapedPath()),
		slog.Int("attempt", attempt),
		slog.Duration("duration", took),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := requestID(resp.Header); id != "" {
			attrs = append(attrs, slog.String("request_id", red.redactor().SafeHeaderCut(id, 128)))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", red.redactor().ErrText(err)))
	}
	d.logger.LogAttrs(ctx, slog.LevelDebug, "xisecrets: request", attrs...)
}

// logRetry logs each retry at Info, with its reason redacted.
func (d *retryDoer) logRetry(ctx context.Context, req *http.Request, resp *http.Response, err error, attempt int, wait time.Duration, red *requestRedaction) {
	if d.logger == nil || !d.logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	reason := ""
	if resp != nil {
		reason = "status " + strconv.Itoa(resp.StatusCode)
	} else if err != nil {
		reason = red.redactor().ErrText(err)
	}
	d.logger.LogAttrs(ctx, slog.LevelInfo, "xisecrets: retrying",
		slog.String("method", req.Method),
		slog.String("path", req.URL.EscapedPath()),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
		slog.String("reason", reason),
	)
}
