package transport

import (
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/redact"
)

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// guardOf returns the host guard NewHTTPClient installed.
func guardOf(t *testing.T, hc *http.Client) *hostGuard {
	t.Helper()
	g, ok := hc.Transport.(*hostGuard)
	if !ok {
		t.Fatalf("Transport is a %T, want the host guard", hc.Transport)
	}
	return g
}

// Without a caller's client: a fresh one over a clone of the default
// transport, with the connection and header bounds, the guard on top and
// redirects refused.
func TestNewHTTPClientDefault(t *testing.T) {
	for _, base := range []string{"https://api.example.com", "http://127.0.0.1:8080"} {
		hc, err := NewHTTPClient(nil, mustParse(t, base), nil)
		if err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		next, ok := guardOf(t, hc).next.(*http.Transport)
		if !ok || next == http.DefaultTransport {
			t.Fatalf("%s: under the guard a %T, want a clone of the default transport", base, guardOf(t, hc).next)
		}
		if next.MaxConnsPerHost != maxConnsPerHost || next.MaxIdleConnsPerHost != maxConnsPerHost || next.MaxResponseHeaderBytes != redact.MaxHeaderBytes {
			t.Errorf("%s: conns %d, idle %d, header bytes %d", base, next.MaxConnsPerHost, next.MaxIdleConnsPerHost, next.MaxResponseHeaderBytes)
		}
		if err := hc.CheckRedirect(&http.Request{}, nil); !errors.Is(err, ErrUnsafeRequest) {
			t.Errorf("%s: CheckRedirect = %v, want ErrUnsafeRequest", base, err)
		}
	}
}

// A caller's https client is copied: its timeout, jar and transport (TLS
// settings, proxy) are kept as they are, its CheckRedirect is replaced on
// the copy only.
func TestNewHTTPClientKeepsTheCallersHTTPSSettings(t *testing.T) {
	jar, _ := cookiejar.New(nil)
	tlsConf := &tls.Config{ServerName: "pinned.example", MinVersion: tls.VersionTLS13}
	proxy := http.ProxyURL(mustParse(t, "http://proxy.example:3128"))
	tr := &http.Transport{TLSClientConfig: tlsConf, Proxy: proxy}
	ownRedirect := func(*http.Request, []*http.Request) error { return nil }
	user := &http.Client{Transport: tr, Timeout: 7 * time.Second, Jar: jar, CheckRedirect: ownRedirect}

	hc, err := NewHTTPClient(user, mustParse(t, "https://api.example.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if hc == user || hc.Timeout != 7*time.Second || hc.Jar != jar {
		t.Errorf("copy %p of %p: timeout %s, jar kept %v", hc, user, hc.Timeout, hc.Jar == jar)
	}
	if next := guardOf(t, hc).next; next != tr {
		t.Errorf("under the guard a %T, want the caller's transport itself", next)
	}
	if tr.TLSClientConfig != tlsConf || tr.Proxy == nil || tr.MaxResponseHeaderBytes != 0 {
		t.Error("the caller's transport was changed")
	}
	if user.Transport != tr || user.CheckRedirect == nil || hc.CheckRedirect(&http.Request{}, nil) == nil {
		t.Error("CheckRedirect: the caller's client was changed, or the copy follows redirects")
	}
	// Any RoundTripper will do for https: the key is encrypted end to end.
	opaque := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, nil })}
	if _, err := NewHTTPClient(opaque, mustParse(t, "https://api.example.com"), nil); err != nil {
		t.Errorf("https over an opaque RoundTripper: %v", err)
	}
}

// A caller's client for plain http keeps its TLS settings and header
// bound but never its proxy; a transport the client cannot look into is
// refused; a caller's client without a transport gets a local-only copy
// of net/http's default.
func TestNewHTTPClientPlainHTTP(t *testing.T) {
	base := mustParse(t, "http://localhost:8080")
	tlsConf := &tls.Config{ServerName: "kept.example"}
	tr := &http.Transport{TLSClientConfig: tlsConf, Proxy: http.ProxyFromEnvironment, MaxResponseHeaderBytes: 4096}
	hc, err := NewHTTPClient(&http.Client{Transport: tr}, base, nil)
	if err != nil {
		t.Fatal(err)
	}
	next := guardOf(t, hc).next.(*http.Transport)
	if next == tr || next.Proxy != nil || next.MaxResponseHeaderBytes != 4096 || next.TLSClientConfig.ServerName != "kept.example" {
		t.Errorf("copy: proxy set %v, header bytes %d, TLS server name %q", next.Proxy != nil, next.MaxResponseHeaderBytes, next.TLSClientConfig.ServerName)
	}
	if tr.Proxy == nil {
		t.Error("the caller's transport lost its proxy")
	}

	hc, err = NewHTTPClient(&http.Client{}, base, nil)
	if err != nil {
		t.Fatal(err)
	}
	if next := guardOf(t, hc).next.(*http.Transport); next == http.DefaultTransport || next.Proxy != nil || next.MaxResponseHeaderBytes != redact.MaxHeaderBytes {
		t.Errorf("no transport: got %p (default %p), proxy set %v, header bytes %d", next, http.DefaultTransport, next.Proxy != nil, next.MaxResponseHeaderBytes)
	}

	opaque := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, nil })}
	if _, err := NewHTTPClient(opaque, base, nil); err == nil || !strings.Contains(err.Error(), "*http.Transport") {
		t.Errorf("plain http over an opaque RoundTripper: err = %v, want one naming *http.Transport", err)
	}
}

// The guard is set up from the base URL: its scheme and host as written,
// its path as the prefix every request must start with, and the API's
// routes.
func TestNewHTTPClientGuardsTheBaseURL(t *testing.T) {
	for base, prefix := range map[string][]string{
		"https://api.example.com":          nil,
		"https://API.example.com:443/a/v2": {"a", "v2"},
	} {
		u := mustParse(t, base)
		router := NewRouter(u, []Route{{Method: "GET", Template: "v1/x", Repeatable: true}})
		hc, err := NewHTTPClient(nil, u, router)
		if err != nil {
			t.Fatal(err)
		}
		g := guardOf(t, hc)
		if g.scheme != "https" || !slices.Equal(g.router.prefix, prefix) || g.router != router || g.base.hostport != "api.example.com:443" {
			t.Errorf("%s: scheme %q, prefix %q, endpoint %q", base, g.scheme, g.router.prefix, g.base.hostport)
		}
	}
}
