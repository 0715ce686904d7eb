package transport

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/xisecrets/xisecrets/client/internal/redact"
)

// refuseRedirects is the CheckRedirect of every client: the API does not
// redirect, and following one is never safe here. To another host,
// net/http would forward the custom key header (it only strips
// Authorization and Cookie) and a 307/308 would replay the body, which
// holds the secret value; on the same host, a redirect could turn
// DELETE /secrets/{id} into a request to another endpoint.
//
// The target is not quoted: it is server text, and a hostile Location could
// carry anything, the key or the value included.
func refuseRedirects(_ *http.Request, _ []*http.Request) error {
	return fmt.Errorf("%w: the server answered with a redirect, which is never followed", ErrUnsafeRequest)
}

// maxConnsPerHost bounds the default transport's connections to the API.
const maxConnsPerHost = 64

// defaultTransport clones http.DefaultTransport (so proxies come from the
// environment, for https: see localOnly) with more idle connections per host than the default 2, so
// many goroutines sharing one Client reuse connections instead of dialling,
// and as many connections at most: without the cap net/http dials a spare
// connection whenever one frees up during a dial, and 64 goroutines end up
// with 80-90 connections. A 65th concurrent call waits for a free
// connection, within its attempt timeout; the vendor's own concurrency
// limits are far lower than 64. Response headers are capped at 64 KiB
// rather than net/http's 10 MiB: they are server text the client redacts.
func defaultTransport() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport // replaced by the program; respect that
	}
	t = t.Clone()
	t.MaxIdleConnsPerHost = maxConnsPerHost
	t.MaxConnsPerHost = maxConnsPerHost
	t.MaxResponseHeaderBytes = redact.MaxHeaderBytes
	return t
}

// NewHTTPClient copies the user's client (or makes one) and installs the
// host guard and the redirect refusal on the copy (replacing any
// CheckRedirect of the user's). For plain http the transport is made
// local-only (localOnly); its error, the one NewHTTPClient can return, is
// about the caller's transport.
func NewHTTPClient(user *http.Client, base *url.URL, router *Router) (*http.Client, error) {
	var hc http.Client
	next := defaultTransport()
	if user != nil {
		hc = *user
		next = http.DefaultTransport
		if user.Transport != nil {
			next = user.Transport
		}
	}
	if base.Scheme == "http" {
		var err error
		if next, err = localOnly(next); err != nil {
			return nil, err
		}
	}
	hc.Transport = &hostGuard{next: next, base: endpointOf(base), scheme: base.Scheme, host: base.Host, router: router}
	hc.CheckRedirect = refuseRedirects
	return &hc, nil
}
