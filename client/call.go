package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// transportError is a failure below HTTP: a reset, a timeout, a refused
// redirect. Its text is redacted like an APIError's, because net/http
// quotes server bytes in some errors (a malformed Content-Length, a URL);
// Unwrap keeps the cause reachable for errors.Is (context.DeadlineExceeded,
// ErrUnsafeRequest).
type transportError struct {
	msg   string
	cause error
}

// Error implements error.
func (e *transportError) Error() string { return e.msg }

// Unwrap returns the cause, whose own text is not redacted.
func (e *transportError) Unwrap() error { return e.cause }

// call is the one path from a facade method to a decoded result: it sends
// through the generated client, fills a WithResponseInto target, turns a
// non-2xx status into a redacted *APIError and decodes a 2xx body into out
// (nil out: the body is ignored, as for DELETE's 204).
//
// We use the generated *Client methods, not the ...WithResponse ones: the
// latter fail outright on a JSON error body of an unexpected shape (losing
// the status) and keep a `content: {}` 422 as bytes, so parsing by status
// here is both simpler and total.
func call(ctx context.Context, op string, send func(context.Context) (*http.Response, error), out any, red redactor, opts []CallOption) error {
	var cs callSettings
	for _, o := range opts {
		if o != nil {
			o(&cs)
		}
	}
	// Only a WithResponseInto target reads the attempt count, so a call
	// without one skips the context value and its allocations.
	var st *callState
	if cs.response != nil {
		st = &callState{}
		ctx = withCallState(ctx, st)
	}
	resp, err := send(ctx)
	if cs.response != nil {
		*cs.response = Response{Attempts: st.attempts}
		if resp != nil {
			cs.response.StatusCode, cs.response.Header = resp.StatusCode, resp.Header
		}
	}
	if err != nil {
		return &transportError{msg: red.apply(fmt.Sprintf("xisecrets: %s: %v", op, err)), cause: err}
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := bodyBytes(resp) // already bounded and buffered by the doer
	if err != nil {
		return fmt.Errorf("xisecrets: %s: reading response: %w", op, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newAPIError(resp, body, red)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("xisecrets: %s: decoding %d response: %w", op, resp.StatusCode, err)
	}
	return nil
}
