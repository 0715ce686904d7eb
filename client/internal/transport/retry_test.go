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
