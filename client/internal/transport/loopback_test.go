package transport

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/internal/redact"
)

// IsLoopback accepts the name localhost and loopback IP literals only:
// every other spelling is a name a resolver (or /etc/hosts) may send
// anywhere, or a form that other parsers read differently.
func TestIsLoopback(t *testing.T) {
	loopback := []string{
		"localhost", "127.0.0.1", "127.0.0.2", "127.1.2.3", "127.255.255.254",
		"::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", // IPv4-mapped: dials 127.0.0.1
	}
	refused := []string{
		"", "localhost.", "a.localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "loopback",
		"LOCALHOST", // not canonical: the caller lower-cases first
		"127.1", "0x7f000001", "2130706433", "0177.0.0.1", "127.0.0.1.", " 127.0.0.1",
		"::1%lo", "[::1]", "0.0.0.0", "::", "::2", "128.0.0.1", "126.255.255.255", "::ffff:128.0.0.1",
		"10.0.0.1", "api.example.com",
	}
	wantEach(t, "IsLoopback", IsLoopback, loopback, true)
	wantEach(t, "IsLoopback", IsLoopback, refused, false)
}

// fakeConn is a connection to a peer of the given address; Close is
// recorded.
type fakeConn struct {
	net.Conn
	peer   net.Addr
	closed bool
}

func (c *fakeConn) RemoteAddr() net.Addr { return c.peer }
func (c *fakeConn) Close() error         { c.closed = true; return nil }

// loopbackOnly keeps a connection to a loopback TCP address or a Unix
// socket, and closes any other before returning ErrUnsafeRequest.
func TestLoopbackOnlyChecksThePeer(t *testing.T) {
	pipe, other := net.Pipe()
	t.Cleanup(func() { _ = pipe.Close(); _ = other.Close() })
	for _, tc := range []struct {
		name string
		peer net.Addr
		keep bool
	}{
		{"127.0.0.1", &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 80}, true},
		{"127.9.9.9", &net.TCPAddr{IP: net.ParseIP("127.9.9.9"), Port: 80}, true},
		{"::1", &net.TCPAddr{IP: net.IPv6loopback, Port: 80}, true},
		{"unix socket", &net.UnixAddr{Name: "/tmp/s", Net: "unix"}, true},
		{"10.0.0.1", &net.TCPAddr{IP: net.ParseIP("10.0.0.1"), Port: 80}, false},
		{"0.0.0.0", &net.TCPAddr{IP: net.IPv4zero, Port: 80}, false},
		{"an address of another kind", pipe.RemoteAddr(), false},
	} {
		conn := &fakeConn{peer: tc.peer}
		dial := loopbackOnly(func(context.Context, string, string) (net.Conn, error) { return conn, nil })
		got, err := dial(context.Background(), "tcp", "localhost:80")
		if tc.keep {
			if err != nil || got != conn || conn.closed {
				t.Errorf("%s: conn %v, err %v, closed %v; want it kept", tc.name, got, err, conn.closed)
			}
			continue
		}
		if !errors.Is(err, ErrUnsafeRequest) || got != nil || !conn.closed {
			t.Errorf("%s: conn %v, err %v, closed %v; want it closed and ErrUnsafeRequest", tc.name, got, err, conn.closed)
		}
	}
	// A failed dial is reported as it is.
	failed := errors.New("connection refused")
	dial := loopbackOnly(func(context.Context, string, string) (net.Conn, error) { return nil, failed })
	if _, err := dial(context.Background(), "tcp", "localhost:80"); err != failed {
		t.Errorf("failed dial: err = %v, want it unchanged", err)
	}
}

// A real loopback listener passes the peer check.
func TestLoopbackOnlyAcceptsARealLoopbackPeer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	conn, err := loopbackOnly((&net.Dialer{}).DialContext)(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.Close()
}

// localOnly clones the caller's *http.Transport without its proxy, with
// a bounded header size unless the caller set one, and with the peer
// check over whichever dial function the caller set (DialContext, or the
// deprecated Dial); the caller's transport is not changed. Any other
// RoundTripper is refused with an error naming what is needed.
func TestLocalOnly(t *testing.T) {
	proxy := http.ProxyURL(&url.URL{Scheme: "http", Host: "proxy.example:3128"})
	for _, tc := range []struct {
		name       string
		tr         *http.Transport
		wantHeader int64
		remoteDial bool // the caller's dialer lands on 10.0.0.1
	}{
		{"no dialer", &http.Transport{Proxy: proxy}, redact.MaxHeaderBytes, false},
		{"own header bound", &http.Transport{Proxy: proxy, MaxResponseHeaderBytes: 1234}, 1234, false},
		{"DialContext", &http.Transport{Proxy: proxy, DialContext: dialTo(&net.TCPAddr{IP: net.ParseIP("10.0.0.1")})}, redact.MaxHeaderBytes, true},
		//lint:ignore SA1019 the deprecated field, which callers may still set, is what this case is about
		{"legacy Dial", &http.Transport{Proxy: proxy, Dial: func(string, string) (net.Conn, error) {
			return &fakeConn{peer: &net.TCPAddr{IP: net.ParseIP("10.0.0.1")}}, nil
		}}, redact.MaxHeaderBytes, true},
	} {
		header := tc.tr.MaxResponseHeaderBytes
		rt, err := localOnly(tc.tr)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := rt.(*http.Transport)
		if got == tc.tr || tc.tr.Proxy == nil || tc.tr.MaxResponseHeaderBytes != header {
			t.Errorf("%s: the caller's transport was changed or reused", tc.name)
		}
		if got.Proxy != nil {
			t.Errorf("%s: the copy keeps a proxy", tc.name)
		}
		if got.MaxResponseHeaderBytes != tc.wantHeader {
			t.Errorf("%s: MaxResponseHeaderBytes = %d, want %d", tc.name, got.MaxResponseHeaderBytes, tc.wantHeader)
		}
		if tc.remoteDial {
			if _, err := got.DialContext(context.Background(), "tcp", "localhost:80"); !errors.Is(err, ErrUnsafeRequest) {
				t.Errorf("%s: a dial to a non-loopback peer: err = %v, want ErrUnsafeRequest", tc.name, err)
			}
		}
	}
	_, err := localOnly(roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, nil }))
	if err == nil || !strings.Contains(err.Error(), "*http.Transport") {
		t.Errorf("an opaque RoundTripper: err = %v, want one naming *http.Transport", err)
	}
}

func dialTo(peer net.Addr) func(context.Context, string, string) (net.Conn, error) {
	return func(context.Context, string, string) (net.Conn, error) { return &fakeConn{peer: peer}, nil }
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
