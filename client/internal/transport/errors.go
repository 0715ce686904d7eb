package transport

import "errors"

// The sentinels the transport's errors wrap. Package client exports them
// under the same names, where their documentation is.
var (
	// ErrResponseTooLarge: a body over a limit (body.go).
	ErrResponseTooLarge = errors.New("xisecrets: response body too large")
	// ErrUnsafeRequest: a request or redirect the guard refused (guard.go,
	// loopback.go, httpclient.go).
	ErrUnsafeRequest = errors.New("xisecrets: unsafe request refused")
)
