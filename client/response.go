package client

import (
	"net/http"
	"strconv"

	"github.com/xisecrets/xisecrets/client/internal/transport"
)

// Response describes the HTTP exchange behind a call: fill one with
// WithResponseInto to read the status, headers and attempt count without
// dropping to Raw(). It is filled on success and on *APIError alike; after
// a transport failure StatusCode is 0. A call refused before sending
// (ErrInvalidArgument) leaves it as it was. For a call of several requests
// (a List or Dependencies page each, FindByName, Upsert's listing and
// write) it describes the last request sent.
type Response struct {
	StatusCode int
	// Header is the response headers with every name and value redacted
	// of the key and the call's secret value and made printable (controls
	// escaped), like all server text: a server or proxy may echo the
	// request's headers. A name or value over 1 KiB is cut (ending in
	// "…"), and values past 64 KiB of headers are only "…".
	Header http.Header
	// Attempts is how many times the request was sent (1 + retries).
	Attempts int
	// AlreadyGone reports a Delete that succeeded because the secret was
	// already gone: an attempt failed in a way that may have reached the
	// server (a reset, a lost or cut answer, a timeout, a 5xx), and the
	// retry got 404. That attempt most likely deleted the secret; someone
	// else may have, or the id never existed. StatusCode is then 404.
	AlreadyGone bool
}

// RequestID returns the vendor's request id, for support tickets: redacted
// and printable, as Header is.
func (r *Response) RequestID() string { return transport.RequestID(r.Header) }

// CurrentConcurrentRequests returns the vendor's current-concurrent-requests
// header, if present and numeric.
func (r *Response) CurrentConcurrentRequests() (int, bool) {
	return intHeader(r.Header, "current-concurrent-requests")
}

// MaximumConcurrentRequests returns the vendor's maximum-concurrent-requests
// header (the plan's concurrency limit), if present and numeric.
func (r *Response) MaximumConcurrentRequests() (int, bool) {
	return intHeader(r.Header, "maximum-concurrent-requests")
}

func intHeader(h http.Header, key string) (int, bool) {
	n, err := strconv.Atoi(h.Get(key))
	return n, err == nil
}

// CallOption adjusts every request of a call: the one of Create, Update,
// Delete and Get, each page request of List and Dependencies, and the
// listing and write of FindByName, IndexByName and Upsert.
type CallOption func(*callSettings)

type callSettings struct {
	response *Response
}

// WithResponseInto makes the call fill *r with the response's status,
// headers and attempt count.
func WithResponseInto(r *Response) CallOption {
	return func(s *callSettings) { s.response = r }
}
