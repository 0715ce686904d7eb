// Package client is the Go client for ElevenLabs Conversational AI workspace
// secrets: a small, hand-written facade over the generated package gen.
//
//	c, err := client.New(client.WithRegion(client.RegionEU)) // key from ELEVENLABS_API_KEY
//	s, err := c.Secrets.Create(ctx, "OPENAI_KEY", value)
//	for s, err := range c.Secrets.List(ctx, client.ListOptions{Search: "OPENAI_"}) { ... }
//
// # Safety
//
// The API key is attached in exactly one place, a request editor on the
// generated client; a RoundTripper under every request refuses to send it
// to any host but the configured base URL's, and redirects are
// never followed (Go would forward the key header to another host, a 307
// would replay a secret value, and a same-host redirect could turn a call on
// one secret into a call on another endpoint). A request whose path is not
// one of the API's endpoints (an id such as "..", even through Raw()) is
// refused. A plain-http base URL is only accepted for loopback hosts, never
// goes through a proxy and only connects to a loopback address. The key
// is sealed: no fmt verb, slog or reflection-based dumper shows it from a
// type of this package. Server text that reaches an error, a log line or a
// Response (a server or proxy may echo what it was sent, escaped or cut
// short) is redacted of the key and the call's secret value, by
// meaning rather than bytes, and shown with control, bidi and invisible
// characters escaped; a transport error names the request by scheme, host
// and path, never its query, which holds the server's page cursors. The
// redaction has limits (base64 and other re-encodings, fragments under 8
// bytes, a Raw() body read only in part): RELIABILITY.md lists them.
// Listings stop at a page cursor over 4 KiB or after 10,000 pages, and
// response headers are cut before they are redacted, so a hostile server
// cannot make a call's memory or time grow without bound.
//
// # Retries
//
// Reads, updates and deletes are retried on 408, 429, 5xx (but 501) and
// connection failures; a create only when the server certainly did not act
// (see WithMaxRetries). The whole policy is RELIABILITY.md, "Retry policy".
//
// # Errors
//
// Every non-2xx response becomes an *APIError; use errors.Is with
// ErrNotFound, ErrUnauthorized, ErrRateLimited, ErrValidation and
// ErrSecretInUse. The vendor documents no status for deleting a secret that
// is still in use; this package assumes a 409 (or 400) whose detail has
// status/code "secret_in_use", or whose message says the secret is in use.
// Input errors (an empty id, a name or value that fails CheckName or
// CheckValue) match ErrInvalidArgument and are returned before anything is
// sent. FindByName and Upsert, which match names exactly, refuse a name
// that several secrets share with an error matching ErrDuplicateName; a
// name no secret has is ErrNoSuchName, which a 404 of the listing never is.
package client
