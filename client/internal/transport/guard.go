package transport

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
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
	// prefix is the base URL's path, decoded, split into segments.
	prefix []string
	// routes are the API's path templates (gen.Routes): segments, "*" for
	// a parameter, "" for a template's final empty segment.
	routes [][]string
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
	if u.Opaque != "" || !t.isAPIPath(u.EscapedPath()) {
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

// isAPIPath reports whether an escaped request path is the base URL's
// path followed by one of the spec's paths (gen.Routes): each literal
// segment as the template writes it, a final empty segment (a trailing
// slash) only where the template ends in one, and each parameter one
// segment that decodes to a valid id (never empty, "." or ".."). Checking
// the segments is not enough: the generated client resolves dot segments
// before the request reaches us, so Raw().SecretsGetDependencies(ctx, "..",
// ...) would arrive as /v1/convai/dependencies/tools, a path made only of
// plain segments; CheckPathParam, run by gen.CheckPathParams before the
// URL is built, refuses such an id. These checks stay for what a request
// editor sets.
func (t *hostGuard) isAPIPath(escaped string) bool {
	rest, ok := strings.CutPrefix(escaped, "/")
	if !ok {
		return false
	}
	segs := make([]string, 0, 16) // on the stack for any path the API has
	for seg := range strings.SplitSeq(rest, "/") {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return false
		}
		segs = append(segs, dec)
	}
	if len(segs) < len(t.prefix) || !slices.Equal(segs[:len(t.prefix)], t.prefix) {
		return false
	}
	segs = segs[len(t.prefix):]
	for _, route := range t.routes {
		if len(route) == len(segs) && routeMatches(route, segs) {
			return true
		}
	}
	return false
}

func routeMatches(route, segs []string) bool {
	for i, want := range route {
		if want == "*" && UnsafeID(segs[i]) || want != "*" && segs[i] != want {
			return false
		}
	}
	return true
}
