package transport

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// endpoint is a scheme plus a canonical host:port, the unit of trust for
// the key: https://API.example.com and https://api.example.com:443 match.
type endpoint struct{ scheme, hostport string }

func endpointOf(u *url.URL) endpoint {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[scheme]
	}
	return endpoint{scheme, net.JoinHostPort(strings.ToLower(u.Hostname()), port)}
}

func (e endpoint) matches(u *url.URL) bool { return u != nil && endpointOf(u) == e }

// hostGuard is the RoundTripper under every request: it sees every hop,
// redirects included, and refuses any request whose scheme and host are
// not the base URL's, so a request edited to point elsewhere can never
// carry the key there. It only reads the request.
type hostGuard struct {
	next http.RoundTripper
	base endpoint
	// scheme and host as the generated client spells them (from the base
	// URL), the fast path that spares the canonical comparison.
	scheme, host string
	// router knows the API's operations under the base URL's path.
	router *Router
}

// RoundTrip implements http.RoundTripper.
func (t *hostGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.check(req); err != nil {
		if req.Body != nil {
			_ = req.Body.Close() // a RoundTripper must close the body, even on error
		}
		return nil, err
	}
	return t.next.RoundTrip(req)
}

// check refuses a request to another scheme or host than the base URL's,
// by URL or by Host header (a CDN or virtual host routes by the header, so
// another name there can reach another site with our key), and one whose
// path could reach another endpoint once a server or proxy resolves it.
// The path is not quoted: a request editor may have put anything there.
func (t *hostGuard) check(req *http.Request) error {
	u := req.URL
	if u == nil {
		return fmt.Errorf("%w: request without a URL", ErrUnsafeRequest)
	}
	if (u.Scheme != t.scheme || u.Host != t.host) && !t.base.matches(u) {
		return fmt.Errorf("%w: request to %s://%s", ErrUnsafeRequest, u.Scheme, u.Host)
	}
	if req.Host != "" && req.Host != t.host && !t.base.matches(&url.URL{Scheme: u.Scheme, Host: req.Host}) {
		return fmt.Errorf("%w: the Host header names another host than the base URL", ErrUnsafeRequest)
	}
	if u.Opaque != "" {
		return fmt.Errorf("%w: %s request with an opaque URL", ErrUnsafeRequest, req.Method)
	}
	if rt, pathKnown := t.router.match(req.Method, u.EscapedPath()); rt == nil {
		if pathKnown {
			return fmt.Errorf("%w: %s request to a path that has no %s operation", ErrUnsafeRequest, req.Method, req.Method)
		}
		return fmt.Errorf(`%w: %s request to a path that is not one of the API's endpoints (an id that is empty, ".", ".." or has such a part between slashes or backslashes?)`, ErrUnsafeRequest, req.Method)
	}
	if !isRequestLineQuery(u.RawQuery) {
		return fmt.Errorf("%w: %s request whose query has a space, control, non-ASCII or '#' character", ErrUnsafeRequest, req.Method)
	}
	return nil
}

// isRequestLineQuery reports whether a raw query can go into the request
// line as it is: net/http writes RawQuery verbatim, and a space there
// ends the request target early for a lenient server or proxy, which then
// reads the rest as something else. The generated client percent-encodes
// every query; only a request editor can set such bytes.
func isRequestLineQuery(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i]; c <= ' ' || c >= 0x7f || c == '#' {
			return false
		}
	}
	return true
}
