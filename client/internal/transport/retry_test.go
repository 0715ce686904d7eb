package transport

import (
	"context"
	"errors"
	"net"
	"net/http"
	"syscall"
	"testing"
	"time"
)

// Retry-After is delay-seconds or an HTTP-date; anything else, or a
// negative delay, is no Retry-After; a date in the past is no wait; a
// huge delay is capped at a day (the Doer then returns the answer, over
// MaxRetryAfter).
func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"120", 120 * time.Second, true},
		{"99999999999999", 24 * time.Hour, true},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"1.5", 0, false},
		{" 3", 0, false},
		{"soon", 0, false},
	} {
		got, ok := retryAfter(tc.header, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tc.header, got, ok, tc.want, tc.ok)
		}
		if p := ParseRetryAfter(tc.header, now); p != tc.want {
			t.Errorf("ParseRetryAfter(%q) = %s, want %s", tc.header, p, tc.want)
		}
	}
}

// Backoff doubles from BackoffBase up to BackoffMax, with equal jitter:
// each wait is in [w/2, w].
func TestBackoffGrows(t *testing.T) {
	d := &Doer{BackoffBase: 100 * time.Millisecond, BackoffMax: 350 * time.Millisecond}
	for range 50 { // the jitter is random: look at many draws
		for attempt, w := range []time.Duration{100, 200, 350, 350} {
			w *= time.Millisecond
			if got := d.backoff(attempt + 1); got < w/2 || got > w {
				t.Fatalf("backoff(%d) = %s, want in [%s, %s]", attempt+1, got, w/2, w)
			}
		}
	}
	// No overflow for a late attempt, and none without a backoff.
	if got := d.backoff(200); got < 175*time.Millisecond || got > 350*time.Millisecond {
		t.Errorf("backoff(200) = %s", got)
	}
	if got := (&Doer{}).backoff(1); got != 0 {
		t.Errorf("backoff without base or max = %s", got)
	}
}

// SleepCtx waits the duration unless the context ends first.
func TestSleepCtx(t *testing.T) {
	if err := SleepCtx(context.Background(), time.Millisecond); err != nil {
		t.Errorf("a short wait: %v", err)
	}
	if err := SleepCtx(context.Background(), 0); err != nil {
		t.Errorf("no wait: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := SleepCtx(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("no wait, canceled: %v", err)
	}
	start := time.Now()
	if err := SleepCtx(ctx, time.Hour); !errors.Is(err, context.Canceled) || time.Since(start) > 10*time.Second {
		t.Errorf("an hour, canceled: %v after %s", err, time.Since(start))
	}
}

// TestMayHaveActed: which failed attempts may have been carried out, so
// that a DELETE's 404 on the retry means the secret is gone.
func TestMayHaveActed(t *testing.T) {
	status := func(s int) *http.Response { return &http.Response{StatusCode: s} }
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, tc := range []struct {
		name string
		resp *http.Response
		err  error
		want bool
	}{
		{"refused dial", nil, dial, false},
		{"unknown host", nil, &net.DNSError{Err: "no such host", Name: "api.invalid", IsNotFound: true}, false},
		{"dial timed out", nil, attemptTimeoutError(time.Second, dial), false},
		{"reset", nil, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, true},
		{"answer cut", nil, errors.New("unexpected EOF"), true},
		{"attempt timed out", nil, attemptTimeoutError(time.Second, context.DeadlineExceeded), true},
		{"408", status(408), nil, false},
		{"429", status(429), nil, false},
		{"500", status(500), nil, true},
		{"502", status(502), nil, true},
		{"503", status(503), nil, true},
	} {
		if got := mayHaveActed(tc.resp, tc.err); got != tc.want {
			t.Errorf("%s: mayHaveActed = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestAlreadyGoneOnlyForADeletesRetry: a 404 means "gone, as asked" only
// for a DELETE after an attempt that may have acted.
func TestAlreadyGoneOnlyForADeletesRetry(t *testing.T) {
	answer := func(method string, status int) *http.Response {
		return &http.Response{StatusCode: status, Request: &http.Request{Method: method}}
	}
	for _, tc := range []struct {
		name  string
		acted bool
		resp  *http.Response
		want  bool
	}{
		{"DELETE 404 after an attempt that may have acted", true, answer("DELETE", 404), true},
		{"DELETE 404, no such attempt", false, answer("DELETE", 404), false},
		{"DELETE 409 after an attempt that may have acted", true, answer("DELETE", 409), false},
		{"PATCH 404 after an attempt that may have acted", true, answer("PATCH", 404), false},
		{"GET 404 after an attempt that may have acted", true, answer("GET", 404), false},
	} {
		rec := &CallRecord{MayHaveActed: tc.acted}
		if got := rec.AlreadyGone(tc.resp); got != tc.want {
			t.Errorf("%s: AlreadyGone = %v, want %v", tc.name, got, tc.want)
		}
	}
}
