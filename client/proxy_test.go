package client_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
)

// Plain http is for a server on this machine only: the key and the value
// must never reach a proxy or another machine in clear text.

// proxyStandIn is a loopback listener standing in for an HTTP proxy. It
// answers like a server would, so a request sent through it succeeds and
// only the count tells.
func proxyStandIn(t *testing.T) (*url.URL, *atomic.Int32) {
	t.Helper()
	var got atomic.Int32
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(p.Close)
	u, err := url.Parse(p.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u, &got
}

// deleteServer answers every request with 204 and counts them.
func deleteServer(t *testing.T) (port string, got *atomic.Int32) {
	t.Helper()
	got = &atomic.Int32{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	_, port, _ = net.SplitHostPort(srv.Listener.Addr().String())
	return port, got
}

func TestLoopbackHostCanonicalised(t *testing.T) {
	for in, want := range map[string]string{
		"http://LOCALHOST:8080":     "http://localhost:8080",
		"http://Localhost:1/Prefix": "http://localhost:1/Prefix",
		"HTTP://127.0.0.1:1":        "http://127.0.0.1:1",
		"https://API.Example.com":   "https://api.example.com",
	} {
		c, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(in))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if c.BaseURL() != want {
			t.Errorf("BaseURL() = %q for %q, want %q", c.BaseURL(), in, want)
		}
	}
	// Only the name localhost and loopback IP literals are loopback
	// (TestIsLoopback in internal/transport has the spellings): any other
	// plain-http host is refused.
	for _, u := range []string{"http://localhost.:1", "http://127.1:1", "http://[::1%25lo]:1"} {
		if _, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(u)); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", u, err)
		}
	}
}

// A caller's transport whose Proxy would send plain http to a proxy: the
// client's copy never uses it, and the caller's transport is not changed.
func TestPlainHTTPNeverThroughTheCallersProxy(t *testing.T) {
	for _, host := range []string{"127.0.0.1", "localhost", "Localhost", "LOCALHOST"} {
		t.Run(host, func(t *testing.T) {
			proxyURL, proxied := proxyStandIn(t)
			port, served := deleteServer(t)
			tr := &http.Transport{Proxy: http.ProxyURL(proxyURL)}
			t.Cleanup(tr.CloseIdleConnections)
			c, err := client.New(client.WithAPIKey("proxy-test-key-0123"), client.WithBaseURL("http://"+host+":"+port),
				client.WithHTTPClient(&http.Client{Transport: tr}), client.WithMaxRetries(0))
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Secrets.Delete(context.Background(), "sec_1"); err != nil {
				t.Errorf("Delete: %v", err)
			}
			if n := proxied.Load(); n != 0 {
				t.Errorf("the proxy got %d plain-http request(s), with the key in clear text", n)
			}
			if n := served.Load(); n != 1 {
				t.Errorf("the server got %d requests, want 1", n)
			}
			if tr.Proxy == nil {
				t.Error("the caller's transport was modified")
			}
		})
	}
}

// proxyChildEnv names the base URL in the child process of
// TestPlainHTTPNeverThroughTheEnvironmentsProxy.
const proxyChildEnv = "XISECRETS_TEST_PROXY_CHILD_BASE"

// The default transport takes proxies from the environment, and net/http
// exempts only the exact name "localhost" and loopback IPs. net/http
// reads the environment once per process, so the call runs in a fresh
// process (this test binary again) with HTTP_PROXY pointing at the
// stand-in.
func TestPlainHTTPNeverThroughTheEnvironmentsProxy(t *testing.T) {
	if base := os.Getenv(proxyChildEnv); base != "" {
		c, err := client.New(client.WithAPIKey("proxy-test-key-0123"), client.WithBaseURL(base), client.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Secrets.Delete(context.Background(), "sec_1"); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, host := range []string{"Localhost", "LOCALHOST", "127.0.0.1"} {
		t.Run(host, func(t *testing.T) {
			proxyURL, proxied := proxyStandIn(t)
			port, served := deleteServer(t)
			for _, k := range []string{"HTTP_PROXY", "http_proxy"} {
				t.Setenv(k, proxyURL.String())
			}
			for _, k := range []string{"NO_PROXY", "no_proxy", "REQUEST_METHOD"} {
				t.Setenv(k, "")
			}
			t.Setenv(proxyChildEnv, "http://"+host+":"+port)
			var out bytes.Buffer
			cmd := exec.Command(os.Args[0], "-test.run=^TestPlainHTTPNeverThroughTheEnvironmentsProxy$", "-test.count=1")
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Errorf("child: %v\n%s", err, out.Bytes())
			}
			if n := proxied.Load(); n != 0 {
				t.Errorf("the proxy got %d plain-http request(s), with the key in clear text", n)
			}
			if n := served.Load(); n != 1 {
				t.Errorf("the server got %d requests, want 1", n)
			}
		})
	}
}

// A dialer that lands somewhere other than a loopback address (here an
// in-memory pipe; a "localhost" that /etc/hosts or DNS sends elsewhere
// is the real case) gets no bytes: the connection is refused before the
// request is written.
func TestPlainHTTPOnlyToALoopbackPeer(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		var received atomic.Int64
		var peers sync.WaitGroup
		pipe := func() (net.Conn, error) {
			ours, theirs := net.Pipe()
			peers.Go(func() {
				defer theirs.Close()
				n, _ := io.Copy(io.Discard, theirs) // until the client closes its end
				received.Add(n)
			})
			return ours, nil
		}
		tr := &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) { return pipe() }}
		if legacy {
			//lint:ignore SA1019 the deprecated field, which callers may still set, is what this case is about
			tr = &http.Transport{Dial: func(string, string) (net.Conn, error) { return pipe() }}
		}
		c, err := client.New(client.WithAPIKey("proxy-test-key-0123"), client.WithBaseURL("http://localhost:1"),
			client.WithHTTPClient(&http.Client{Transport: tr}), client.WithMaxRetries(0), client.WithTimeout(200*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		err = c.Secrets.Delete(context.Background(), "sec_1")
		if !errors.Is(err, client.ErrUnsafeRequest) {
			t.Errorf("legacy Dial %v: err = %v, want ErrUnsafeRequest", legacy, err)
		}
		tr.CloseIdleConnections()
		peers.Wait()
		if n := received.Load(); n != 0 {
			t.Errorf("legacy Dial %v: %d bytes went to a peer that is not loopback", legacy, n)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A RoundTripper the client cannot look into may proxy or dial anywhere:
// plain http refuses it; https accepts it (the key is encrypted end to end).
func TestPlainHTTPNeedsAnHTTPTransport(t *testing.T) {
	opaque := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, errors.New("not reached")
	})}
	_, err := client.New(client.WithAPIKey("k"), client.WithBaseURL("http://127.0.0.1:1"), client.WithHTTPClient(opaque))
	if !errors.Is(err, client.ErrInvalidArgument) || !strings.Contains(err.Error(), "http.Transport") {
		t.Errorf("plain http: err = %v, want ErrInvalidArgument naming *http.Transport", err)
	}
	if _, err := client.New(client.WithAPIKey("k"), client.WithBaseURL("https://api.example.com"), client.WithHTTPClient(opaque)); err != nil {
		t.Errorf("https: %v", err)
	}
}

// https keeps the caller's proxy: a CONNECT tunnel carries TLS, so the
// proxy never sees the key.
func TestHTTPSKeepsTheCallersProxy(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	var asked atomic.Int32
	tr.Proxy = func(*http.Request) (*url.URL, error) { asked.Add(1); return nil, nil }
	c, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(srv.URL), client.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Secrets.Delete(context.Background(), "sec_1"); err != nil {
		t.Fatal(err)
	}
	if asked.Load() == 0 {
		t.Error("an https request did not consult the caller's Proxy")
	}
}
