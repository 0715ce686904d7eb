package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/xisecrets/xisecrets/client/internal/redact"
	"github.com/xisecrets/xisecrets/client/internal/transport"
)

// call is the one path from a facade method to a decoded result: it sends
// through the generated client, fills a WithResponseInto target, turns a
// non-2xx status into a redacted *APIError and decodes a 2xx body into out
// (nil out: the body is ignored, as for DELETE's 204). A DELETE's 404
// after an attempt that may have deleted is success (AlreadyGone).
//
// We use the generated *Client methods, not the ...WithResponse ones: the
// latter fail outright on a JSON error body of an unexpected shape (losing
// the status) and keep a `content: {}` 422 as bytes, so parsing by status
// here is both simpler and total.
//
// Everything of the response that reaches the caller is redacted: the
// headers of a WithResponseInto target, the error text.
func call(ctx context.Context, op string, send func(context.Context) (*http.Response, error), out any, red redact.Secrets, opts []CallOption) error {
	var cs callSettings
	for _, o := range opts {
		if o != nil {
			o(&cs)
		}
	}
	rec := &transport.CallRecord{}
	resp, err := send(transport.WithCallRecord(ctx, rec))
	if cs.response != nil {
		*cs.response = Response{Attempts: rec.Attempts}
		if resp != nil {
			cs.response.StatusCode, cs.response.Header = resp.StatusCode, red.Redactor().SafeHeader(resp.Header)
		}
	}
	if err != nil {
		return transportError(op, err, red)
	}
	defer func() { _ = resp.Body.Close() }()
	success := resp.StatusCode >= 200 && resp.StatusCode <= 299
	if success && out == nil {
		return nil
	}
	// The doer buffered the body and set ContentLength to its size, so
	// this is one exact-size copy, where io.ReadAll would start small and
	// grow: a measurable part of a small call's cost.
	body, err := transport.ReadLimited(resp.Body, resp.ContentLength, transport.SuccessBodyLimit)
	if err != nil {
		return fmt.Errorf("xisecrets: %s: reading response: %w", op, err)
	}
	if !success {
		if rec.AlreadyGone(resp) {
			if cs.response != nil {
				cs.response.AlreadyGone = true
			}
			return nil
		}
		return newAPIError(resp, body, red)
	}
	if err := json.Unmarshal(body, out); err != nil {
		// encoding/json quotes numbers it cannot store ("cannot
		// unmarshal number 12345..."), which can be an echoed secret.
		return unexpectedResponse(fmt.Sprintf("xisecrets: %s: decoding %d response: ", op, resp.StatusCode), err, red)
	}
	return nil
}

// transportError is a failure below HTTP (a reset, a timeout, a refused
// redirect, a malformed response) with the call's name. The retry layer
// has already redacted its text, with the key and the value in the
// request body, which are this call's secrets; anything else is redacted
// here.
func transportError(op string, err error, red redact.Secrets) error {
	text := ""
	if re, ok := err.(*redact.Error); ok {
		text = re.Msg
	} else {
		text = red.Redactor().ErrText(err)
	}
	return &redact.Error{Msg: "xisecrets: " + op + ": " + text, Cause: err}
}
