// Package hint is the one place that words what an operator should check
// after an error: which key was refused and by which host, which flag or
// variable set a host that does not answer, how to unlock a keyring. Every
// command's error passes through For (config.Globals.Explain calls it), so
// every command gets the same advice; docs/cli.md ("When something goes
// wrong") is its table: TestHintTable checks the advice of each row, and
// TestHintTableIsDocumented (package cli) that each kind has a row.
//
// A hint never quotes a value that may be a secret: it names where a key
// came from, never the key; a host is a base URL the operator chose (not
// a secret), escaped and cut.
package hint

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// Context is what the run knows about where its settings came from.
type Context struct {
	// Key words where the key came from: "ELEVENLABS_API_KEY", or
	// "the key stored for profile prod"; "" when unknown.
	Key string
	// Profile is the profile whose stored key was used, "" for the
	// environment's key: a refused stored key is fixed by logging in.
	Profile string
	// Host is the base URL the client used.
	Host string
	// HostFrom is what set the host: "--region", "--base-url",
	// XISECRETS_REGION, XISECRETS_BASE_URL, "the profile" or
	// "the global host".
	HostFrom string
}

// Error is an error with the advice For found for it. Its text is the
// error's alone; the framework prints Hint on a line of its own
// (cli.Report), and a caller that folds the error into a line of its own
// (apply's per-name lines) drops it.
type Error struct {
	Err  error
	hint string
}

// Error implements error.
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap gives errors.Is and errors.As the error.
func (e *Error) Unwrap() error { return e.Err }

// Hint is the advice, one line.
func (e *Error) Hint() string { return e.hint }

// With is err with hint h; nil stays nil, and an empty h adds nothing.
func With(err error, h string) error {
	if err == nil || h == "" {
		return err
	}
	var already *Error
	if errors.As(err, &already) {
		return err // the first hint is the one about the cause
	}
	return &Error{Err: err, hint: h}
}

// For is err with the advice its kind calls for, given where the settings
// came from; nil stays nil, and an error with no advice is returned as it
// is.
func For(err error, c Context) error {
	if err == nil {
		return nil
	}
	return With(err, text(err, c))
}

// text is the advice for err, "" if none.
func text(err error, c Context) string {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && (apiErr.StatusCode == 401 || apiErr.StatusCode == 403) {
		return refused(apiErr.StatusCode, c)
	}
	if errors.As(err, &apiErr) && apiErr.StatusCode == 429 {
		return rateLimited(apiErr)
	}
	if k := Kind(err); k != "" {
		return unreachable(k, c)
	}
	return ""
}

// refused is the advice for a 401 or 403.
func refused(status int, c Context) string {
	key := c.Key
	if key == "" {
		key = "the API key"
	}
	host := shownHost(c.Host)
	var b strings.Builder
	fmt.Fprintf(&b, "%s was refused by %s (host %s)", key, host, from(c.HostFrom))
	if c.Profile != "" {
		fmt.Fprintf(&b, ": log in again with xisecrets auth login --profile %s, or", c.Profile)
	} else {
		b.WriteString(": check that the key is current (not revoked), and")
	}
	b.WriteString(" check the host: a key works only in the region it was made in (--region, --base-url, XISECRETS_REGION, XISECRETS_BASE_URL)")
	if status == 403 {
		b.WriteString("; a 403 can also mean the key lacks the permission for workspace secrets")
	}
	return b.String()
}

// rateLimited is the advice for a 429 the client gave up on: after its
// retries, or at once when the wait asked for is longer than it waits.
// The limit is the workspace's, shared by every client of its keys.
func rateLimited(e *client.APIError) string {
	wait := "a while"
	if e.RetryAfter > 0 {
		wait = e.RetryAfter.Round(time.Second).String() + " (the API's Retry-After)"
	}
	return "the API rate-limits this workspace: run it again after " + wait +
		"; other clients of the workspace share the limit (for apply: a lower --parallel sends fewer requests at once)"
}

// Kinds of unreachable API, as Kind names them.
const (
	Refused = "connection refused"
	DNS     = "host name not found"
	TLS     = "TLS handshake failed"
	Timeout = "no answer in time"
	Network = "network unreachable"
)

// Kind tells an error that says the API cannot be reached at all (so
// every other request would fail the same way) from one about a request:
// Refused, DNS, TLS, Timeout or Network; "" for any other error, a status
// the server sent included. A cancelled run is none of these.
func Kind(err error) string {
	if err == nil || errors.Is(err, context.Canceled) {
		return ""
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		return ""
	}
	var dns *net.DNSError
	var certInvalid x509.CertificateInvalidError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var netErr net.Error
	switch {
	case errors.As(err, &dns):
		return DNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return Refused
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return Network
	case errors.As(err, &verify), errors.As(err, &certInvalid), errors.As(err, &unknownAuthority),
		errors.As(err, &hostname), errors.As(err, &record):
		return TLS
	case errors.As(err, &netErr) && netErr.Timeout():
		return Timeout
	case strings.Contains(err.Error(), "attempt timed out"):
		return Timeout
	}
	return ""
}

// Unreachable reports whether err says the API cannot be reached (Kind).
func Unreachable(err error) bool { return Kind(err) != "" }

// unreachable is the advice for an API that cannot be reached.
func unreachable(kind string, c Context) string {
	host := shownHost(c.Host)
	what := ""
	switch kind {
	case Refused:
		what = "nothing listens there: check that the server runs (xisecrets fake?) and the port"
	case DNS:
		what = "check the host name's spelling, and the network's DNS"
	case TLS:
		what = "check that the host is the API, and that a proxy inspecting TLS has its CA trusted (SSL_CERT_FILE)"
	case Timeout:
		what = "check the network, a proxy (HTTPS_PROXY), and that the host is the API"
	case Network:
		what = "check the network connection and any VPN"
	}
	return fmt.Sprintf("the API at %s cannot be reached (%s; host %s): %s; %s", host, kind, from(c.HostFrom), what, settingsAdvice(c.HostFrom))
}

// settingsAdvice names the settings to check for the host.
func settingsAdvice(hostFrom string) string {
	switch hostFrom {
	case "", "the global host":
		return "no flag, variable or profile set the host (--region, --base-url, XISECRETS_REGION, XISECRETS_BASE_URL choose another)"
	case "the profile":
		return "the profile's host is the one auth login stored (xisecrets auth status shows it)"
	}
	return "check " + hostFrom
}

// from words where the host came from.
func from(hostFrom string) string {
	switch hostFrom {
	case "":
		return "chosen by default"
	case "the global host":
		return "the default"
	case "the profile":
		return "from the profile"
	}
	return "set by " + hostFrom
}

// maxShownHost bounds a host in a hint: a base URL an operator typed is
// short; anything longer is cut.
const maxShownHost = 120

// shownHost is a base URL as a hint shows it: escaped, cut.
func shownHost(h string) string {
	if h == "" {
		return "the API"
	}
	if len(h) > maxShownHost {
		h = h[:maxShownHost] + "…"
	}
	return textsafe.EscapeHidden(h)
}
