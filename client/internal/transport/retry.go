package transport

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// MaxRetryAfter caps how long a server may ask us to wait. A longer
// Retry-After is not shortened (that would just earn another 429): the
// rate-limit error is returned so the caller can decide.
const MaxRetryAfter = 60 * time.Second

// shouldRetry is the retry policy. Repeatable requests (Route.Repeatable,
// declared per operation in internal/operations) repeat on 408, 429, 5xx
// but 501, and any transport failure or attempt timeout. Others (a create)
// repeat only when the server certainly did not act: a 429, or a dial
// failure before any connection existed.
func shouldRetry(safe bool, resp *http.Response, err error, connected bool) bool {
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

// mayHaveActed reports whether a failed attempt may have been carried out
// by the server: it failed after the request may have left (a reset, a
// cut answer, a timeout: anything but a failed dial) or answered 5xx (a
// gateway's 502 or 504 can come after the API acted). A 408 or 429 says
// the server did not take the request up.
func mayHaveActed(resp *http.Response, err error) bool {
	if err != nil {
		return !isDialError(err)
	}
	return resp.StatusCode >= 500
}

func isDialError(err error) bool {
	var op *net.OpError
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.As(err, &op) && op.Op == "dial"
}

// backoff is exponential with "equal jitter": half fixed, half random, so
// waits spread out across clients but never collapse to zero.
func (d *Doer) backoff(attempt int) time.Duration {
	w := d.BackoffMax
	if shift := attempt - 1; shift < 30 && d.BackoffBase<<shift < d.BackoffMax {
		w = d.BackoffBase << shift
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

// ParseRetryAfter is retryAfter for an error's RetryAfter, where absence
// is just 0.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	d, _ := retryAfter(v, now)
	return d
}

// SleepCtx waits d or until ctx is done, whichever is first; the timer is
// stopped so it never outlives the wait.
func SleepCtx(ctx context.Context, d time.Duration) error {
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
