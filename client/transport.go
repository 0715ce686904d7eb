package client

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/xisecrets/xisecrets/client/internal/redact"
	"github.com/xisecrets/xisecrets/gen"
)

// apiKeyHeader is the vendor's auth header (security scheme ApiKeyAuth).
const apiKeyHeader = "Xi-Api-Key"

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

// parseBaseURL validates a base URL and canonicalises its host (lower
// case) before anything is decided on it: net/http exempts only the exact
// name "localhost" from environment proxies, so "Localhost" must not mean
// something else to us than to it. Plain http is refused unless the host
// is loopback, so the key never crosses a network in clear text.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// Not even the scheme and host are known for sure: quote nothing.
		return nil, invalidf("base URL: not a URL")
	}
	bad := func(why string) error { return baseURLError(u, why) }
	if !strings.Contains(u.Host, "%") { // an IPv6 zone may be case-sensitive
		u.Host = strings.ToLower(u.Host)
	}
	switch {
	case u.Host == "" || u.Hostname() == "":
		return nil, bad("no host")
	case u.User != nil:
		return nil, bad("user info is not allowed")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, bad("query and fragment are not allowed")
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	case u.Scheme == "http":
		return nil, bad("plain http is only allowed to a loopback host; use https")
	default:
		return nil, bad("scheme must be https")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if u.Path != "" && hasDotOrEmptySegment(u.Path) {
		// The generated client would resolve it away, and every request
		// would then fail the host guard's path check.
		return nil, bad(`the path has an empty, "." or ".." segment`)
	}
	return u, nil
}

// baseURLError names a refused base URL by scheme and host only: a key
// pasted into it as user info, a query or a fragment (or in a URL that
// does not parse) must not be repeated in the error.
func baseURLError(u *url.URL, why string) error {
	if u.Host == "" {
		return invalidf("base URL: %s", why)
	}
	return invalidf("base URL %q: %s", u.Scheme+"://"+u.Host, why)
}

// isLoopback reports whether a canonical (lower-case) host is loopback,
// strictly: the name localhost or a loopback IP literal. Not "localhost."
// or "x.localhost", which reach a resolver; not 127.1, 0x7f000001 or a
// zone, which net.ParseIP rejects and other parsers read differently.
// Even localhost is only a name: the transport also checks that the
// connection's peer is a loopback address (loopbackOnly).
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// authorize returns the request editor that is the one place the key and
// User-Agent are attached, for the facade and Raw() alike: the generated
// client runs it on every request it builds, after it has set its own
// header parameters.
func authorize(key string) gen.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set(apiKeyHeader, key)
		req.Header.Set("User-Agent", userAgent)
		return nil
	}
}

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
// path followed by one of the spec's paths (gen.Routes), each parameter one segment that
// decodes to a valid id. Checking the segments is not enough: the
// generated client resolves dot segments before the request reaches us,
// so Raw().SecretsGetDependencies(ctx, "..", ...) arrives as
// /v1/convai/dependencies/tools, a path made only of plain segments.
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
	for _, route := range gen.Routes {
		if len(route) == len(segs) && routeMatches(route, segs) {
			return true
		}
	}
	return false
}

func routeMatches(route, segs []string) bool {
	for i, want := range route {
		if want == "*" && unsafeID(segs[i]) || want != "*" && segs[i] != want {
			return false
		}
	}
	return true
}

// hasDotOrEmptySegment reports whether a decoded URL path is not of the
// form /seg/seg/...: it has an empty segment (//, a trailing slash, no
// path at all), or "." or "..", as it is or percent-decoded again
// (unsafeID), which URL resolution, a proxy or the server's router could
// turn into another endpoint (DELETE /v1/convai/secrets/.. is DELETE
// /v1/convai/).
func hasDotOrEmptySegment(path string) bool {
	rest, ok := strings.CutPrefix(path, "/")
	return !ok || unsafeID(rest)
}

// dotOrEmptyPart reports whether s, split at slashes and backslashes, has
// an empty, "." or ".." part, ignoring a ";" path parameter. For a decoded
// id this catches what a server or proxy that decodes %2F before routing
// would resolve, one that reads a backslash as a slash (IIS and some path
// normalisers do) and one that drops path parameters.
func dotOrEmptyPart(s string) bool {
	for {
		part, rest, more := s, "", false
		if i := strings.IndexAny(s, `/\`); i >= 0 {
			part, rest, more = s[:i], s[i+1:], true
		}
		// A router may drop a ";" path parameter (Tomcat, Spring):
		// "..;x" is ".." to it.
		part, _, _ = strings.Cut(part, ";")
		if part == "" || part == "." || part == ".." {
			return true
		}
		if !more {
			return false
		}
		s = rest
	}
}

// maxIDDecodings bounds how many times unsafeID percent-decodes an id.
const maxIDDecodings = 4

// unsafeID reports whether a decoded id could reach another endpoint: it
// has an empty, "." or ".." part (dotOrEmptyPart) as it is, or once
// percent-decoded again, up to maxIDDecodings times, as a proxy or router
// that decodes more than once would see it ("%2e%2e" arrives as
// %252e%252e and turns into ".." after two decodings). An id still
// changing after that many decodings is refused too. Vendor ids are plain
// tokens, so only a hostile or mistaken id pays for the loop.
func unsafeID(id string) bool {
	for range maxIDDecodings {
		if dotOrEmptyPart(id) {
			return true
		}
		if !strings.Contains(id, "%") {
			return false
		}
		dec, err := url.PathUnescape(id)
		if err != nil || dec == id {
			return false // nothing further decodes it
		}
		id = dec
	}
	return true
}

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

// newHTTPClient copies the user's client (or makes one) and installs the
// host guard and the redirect refusal on the copy (replacing any
// CheckRedirect of the user's). For plain http the transport is made
// local-only (localOnly).
func newHTTPClient(user *http.Client, base *url.URL) (*http.Client, error) {
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
	var prefix []string
	if base.Path != "" {
		prefix = strings.Split(base.Path[1:], "/")
	}
	hc.Transport = &hostGuard{next: next, base: endpointOf(base), scheme: base.Scheme, host: base.Host, prefix: prefix}
	hc.CheckRedirect = refuseRedirects
	return &hc, nil
}

// localOnly returns a copy of a transport for plain http that never uses a
// proxy, whatever the environment or the transport's Proxy says (the
// proxy would read the key in clear text; https is different: a proxy
// only relays its TLS), and that only keeps connections whose peer is on
// this machine. It needs an *http.Transport to see and change those: any
// other RoundTripper is refused, since it could proxy or dial anywhere.
func localOnly(rt http.RoundTripper) (http.RoundTripper, error) {
	t, ok := rt.(*http.Transport)
	if !ok {
		return nil, invalidf("plain http needs an *http.Transport (or none), so that the client can keep the key on this machine; got a %T", rt)
	}
	t = t.Clone()
	t.Proxy = nil
	if t.MaxResponseHeaderBytes == 0 { // net/http's default is 10 MiB
		t.MaxResponseHeaderBytes = redact.MaxHeaderBytes
	}
	dial := t.DialContext
	if dial == nil {
		dial = (&net.Dialer{}).DialContext // what net/http uses without one
		//lint:ignore SA1019 a caller's transport may still set Dial; the DialContext set below would silently replace it
		if legacy := t.Dial; legacy != nil {
			dial = func(_ context.Context, network, addr string) (net.Conn, error) { return legacy(network, addr) }
		}
	}
	t.DialContext = loopbackOnly(dial) // takes priority over Dial
	return t, nil
}

// loopbackOnly wraps a dial function so that a connection whose peer is
// not a loopback address (or a Unix socket) is closed before anything is
// written: "localhost" is a name that /etc/hosts or DNS may send
// elsewhere, and a caller's dialer may go anywhere.
func loopbackOnly(dial func(context.Context, string, string) (net.Conn, error)) func(context.Context, string, string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		local := false
		switch peer := conn.RemoteAddr().(type) {
		case *net.TCPAddr:
			local = peer.IP.IsLoopback()
		case *net.UnixAddr:
			local = true
		}
		if !local {
			_ = conn.Close()
			return nil, fmt.Errorf("%w: the plain-http connection for %s is not to a loopback address", ErrUnsafeRequest, addr)
		}
		return conn, nil
	}
}
