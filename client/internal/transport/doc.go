// Package transport is everything between a generated client's request
// and the network: the one path every request of the facade and of Raw()
// takes.
//
// The contract:
//   - NewHTTPClient returns a copy of the caller's *http.Client (or a new
//     one) whose RoundTripper refuses any request that is not to the base
//     URL's scheme and host (by URL or Host header) or whose method and
//     path are not one of the Routes it is given (NewRouter; the client
//     gives internal/operations' rows) with each id a single safe segment
//     (UnsafeID), and whose CheckRedirect refuses every redirect.
//     For plain http (loopback hosts only: IsLoopback) it never uses a
//     proxy and only keeps connections whose peer is a loopback address.
//     Its refusals wrap ErrUnsafeRequest.
//   - Doer sends a request with retries (retry.go: a Repeatable route on
//     408, 429, 5xx but 501 and transport failures; any other only when
//     the server certainly did not act), each attempt under its own timeout, and
//     returns the response with its body read within the limits (body.go:
//     a success body over SuccessBodyLimit bytes or SuccessBodyElements
//     array elements is ErrResponseTooLarge, an error body is cut at
//     ErrorBodyLimit) and buffered, so nothing outlives the attempt.
//   - Everything of the server that the Doer puts into an error or a log
//     line is redacted (package redact) of the key and of the secret value
//     in the request body, read again or kept as it is sent (bodytee.go).
//   - The Doer records the number of attempts in a CallRecord carried by
//     the request context (WithCallRecord).
//
// It takes what it needs as parameters (the routes, the key, limits,
// logger, sleep); it never imports package client, which builds on it, nor
// gen.
package transport
