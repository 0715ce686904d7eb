// Package client is the Go client for ElevenLabs Conversational AI workspace
// secrets: a small, hand-written facade over the generated package gen.
//
//	c, err := client.New(client.WithRegion(client.RegionEU)) // key from ELEVENLABS_API_KEY
//	s, err := c.Secrets.Create(ctx, "OPENAI_KEY", value)
//	for s, err := range c.Secrets.List(ctx, client.ListOptions{Search: "OPENAI_"}) { ... }
//
// # Safety
//
// The API key is attached in exactly one place, a RoundTripper that refuses
// to send it to any host but the configured base URL's, and redirects are
// never followed (Go would forward the key header to another host, a 307
// would replay a secret value, and a same-host redirect could turn a call on
// one secret into a call on another endpoint). A request whose path is not
// one of the API's endpoints (an id such as "..", even through Raw()) is
// refused. A plain-http base URL is only accepted for loopback hosts, never
// goes through a proxy and only connects to a loopback address. The key and
// secret values never appear in errors, logs or the fmt/slog output of any
// type in this package.
//
// # Retries
//
// GET, PATCH (a full replacement) and DELETE are retried on 408, 429, 5xx
// (except 501), connection failures and per-attempt timeouts. POST (create)
// is retried only when the server certainly did not act: a 429, or a dial
// failure before a connection existed. See WithMaxRetries.
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
// that several secrets share with an error matching ErrDuplicateName.
package client
