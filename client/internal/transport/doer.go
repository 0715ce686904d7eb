package transport

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/redact"
	"github.com/xisecrets/xisecrets/client/internal/sealed"
)

// Doer is the gen.HttpRequestDoer behind the facade and Raw(): it runs
// each attempt with its own timeout, buffers the (bounded) body inside that
// attempt, and decides whether and when to try again.
//
// It is ours rather than hashicorp/go-retryablehttp because the policy for
// POST needs "did we ever get a connection?", which retryablehttp's
// CheckRetry cannot see, and because retryablehttp has no per-attempt
// timeout that also covers reading the body.
type Doer struct {
	HTTP *http.Client // from NewHTTPClient: guarded, no redirects
	// Router is the one given to NewHTTPClient: it says which requests
	// are Repeatable; with none, no request is.
	Router      *Router
	MaxRetries  int
	Timeout     time.Duration // per attempt; 0 for none
	BackoffBase time.Duration
	BackoffMax  time.Duration
	// Sleep waits between attempts (SleepCtx; tests observe the waits).
	Sleep  func(ctx context.Context, d time.Duration) error
	Logger *slog.Logger // nil: no logging
	Key    sealed.Value // for redacting server text in log lines and errors
	// MaxValueBytes is the largest secret value the facade sends: it sizes
	// the copy kept of a request body that cannot be read again (bodyTee).
	MaxValueBytes int
	// Now is the clock of Retry-After pauses; nil: time.Now (tests give
	// a fake one, with a Sleep that advances it).
	Now func() time.Time

	// pausedUntil (Unix nanoseconds; 0: none) is when the latest 429's
	// Retry-After ends. The rate limit is the key's, not one request's:
	// every request of this Doer, new ones and retries, waits it out
	// before its next attempt, so callers running many at once back off
	// together instead of each earning its own 429.
	pausedUntil atomic.Int64
}

// now is d's clock.
func (d *Doer) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// notePause records a 429's Retry-After (up to MaxRetryAfter: a longer
// one is the caller's to decide on) as a pause of every request.
func (d *Doer) notePause(resp *http.Response) {
	if resp == nil || resp.StatusCode != http.StatusTooManyRequests {
		return
	}
	now := d.now()
	ra, ok := retryAfter(resp.Header.Get("Retry-After"), now)
	if !ok || ra <= 0 || ra > MaxRetryAfter {
		return
	}
	until := now.Add(ra).UnixNano()
	for {
		cur := d.pausedUntil.Load()
		if cur >= until || d.pausedUntil.CompareAndSwap(cur, until) {
			return
		}
	}
}

// pauseLeft is how much of the pause notePause recorded is left.
func (d *Doer) pauseLeft() time.Duration {
	until := d.pausedUntil.Load()
	if until == 0 {
		return 0
	}
	return max(time.Unix(0, until).Sub(d.now()), 0)
}

// waitPause waits out the pause before a request's first attempt.
func (d *Doer) waitPause(ctx context.Context, attempt int) error {
	w := d.pauseLeft()
	if attempt > 1 || w <= 0 {
		return nil
	}
	return d.sleep(ctx, w)
}

// sleep is d.Sleep, or SleepCtx.
func (d *Doer) sleep(ctx context.Context, w time.Duration) error {
	if d.Sleep != nil {
		return d.Sleep(ctx, w)
	}
	return SleepCtx(ctx, w)
}

// Do implements gen.HttpRequestDoer.
func (d *Doer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	// A body we cannot rewind can only be sent once.
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	red := requestRedaction{key: d.Key.Reveal(), req: req}
	req = red.keepBody(req, d.MaxValueBytes)
	rec := callRecordFrom(ctx)
	repeatable := d.Router.repeatable(req)
	for attempt := 1; ; attempt++ {
		if rec != nil {
			rec.Attempts = attempt
		}
		// A retry's wait below covers the pause; a first attempt waits
		// it out here.
		if perr := d.waitPause(ctx, attempt); perr != nil {
			return nil, &redact.Error{Msg: fmt.Sprintf("%s %s: %v while waiting out a 429's Retry-After", req.Method, req.URL.EscapedPath(), perr), Cause: perr}
		}
		start := time.Now()
		resp, connected, err := d.attempt(req, attempt > 1, !repeatable)
		d.notePause(resp)
		d.logAttempt(ctx, req, resp, err, attempt, time.Since(start), &red)

		if attempt > d.MaxRetries || !replayable || ctx.Err() != nil ||
			!shouldRetry(repeatable, resp, err, connected) {
			return resp, red.wrap(err)
		}
		wait := d.backoff(attempt)
		if resp != nil {
			if ra, ok := retryAfter(resp.Header.Get("Retry-After"), d.now()); ok {
				if ra > MaxRetryAfter {
					return resp, nil // not shortened: the caller sees the 429 and RetryAfter
				}
				wait = ra
			}
		}
		// Another request's 429 pauses this one's retry too.
		wait = max(wait, d.pauseLeft())
		if dl, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(dl) {
			// Sleeping into the deadline would only turn a meaningful
			// error into context.DeadlineExceeded.
			return resp, red.wrap(err)
		}
		d.logRetry(ctx, req, resp, err, attempt, wait, &red)
		if rec != nil && mayHaveActed(resp, err) {
			rec.MayHaveActed = true
		}
		if serr := d.Sleep(ctx, wait); serr != nil {
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
func (d *Doer) attempt(req *http.Request, rewind, traced bool) (resp *http.Response, connected bool, err error) {
	ctx := req.Context()
	actx, cancel := ctx, context.CancelFunc(func() {})
	if d.Timeout > 0 && !endsWithin(ctx, d.Timeout) {
		actx, cancel = context.WithTimeout(ctx, d.Timeout)
	}
	defer cancel()

	// Only the policy for requests that are not Repeatable asks whether a
	// connection was made, so only they pay for the trace (traced); the
	// others report true.
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
	resp, err = d.HTTP.Do(r)
	if err == nil {
		err = bufferBody(resp)
	} else {
		nameRequest(err, req)
	}
	if err != nil {
		if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			err = attemptTimeoutError(d.Timeout, err)
		}
		return nil, !traced || gotConn.Load(), err
	}
	return resp, true, nil
}

// endsWithin reports whether ctx's deadline comes within d: then the
// caller's deadline ends the attempt before its own timeout would, and a
// timer of ours would never fire (net/http skips Client.Timeout the same
// way). A context with a timer is a large part of what the facade costs
// over the generated client on a small call, worth sparing when it cannot
// fire.
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

// logAttempt logs each attempt at Debug. The request id and the error are
// server text, redacted; method, path, attempt and duration are ours.
func (d *Doer) logAttempt(ctx context.Context, req *http.Request, resp *http.Response, err error, attempt int, took time.Duration, red *requestRedaction) {
	if d.Logger == nil || !d.Logger.Enabled(ctx, slog.LevelDebug) {
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
		if id := RequestID(resp.Header); id != "" {
			attrs = append(attrs, slog.String("request_id", red.redactor().SafeHeaderCut(id, 128)))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", red.redactor().ErrText(err)))
	}
	d.Logger.LogAttrs(ctx, slog.LevelDebug, "xisecrets: request", attrs...)
}

// logRetry logs each retry at Info, with its reason redacted.
func (d *Doer) logRetry(ctx context.Context, req *http.Request, resp *http.Response, err error, attempt int, wait time.Duration, red *requestRedaction) {
	if d.Logger == nil || !d.Logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	reason := ""
	if resp != nil {
		reason = "status " + strconv.Itoa(resp.StatusCode)
	} else if err != nil {
		reason = red.redactor().ErrText(err)
	}
	d.Logger.LogAttrs(ctx, slog.LevelInfo, "xisecrets: retrying",
		slog.String("method", req.Method),
		slog.String("path", req.URL.EscapedPath()),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
		slog.String("reason", reason),
	)
}
