package transport

import (
	"context"
	"fmt"
	"net"
	"net/http"

	"github.com/xisecrets/xisecrets/client/internal/redact"
)

// IsLoopback reports whether a canonical (lower-case) host is loopback,
// strictly: the name localhost or a loopback IP literal. Not "localhost."
// or "x.localhost", which reach a resolver; not 127.1, 0x7f000001 or a
// zone, which net.ParseIP rejects and other parsers read differently.
// Even localhost is only a name: the transport also checks that the
// connection's peer is a loopback address (loopbackOnly).
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// localOnly returns a copy of a transport for plain http that never uses a
// proxy, whatever the environment or the transport's Proxy says (the
// proxy would read the key in clear text; https is different: a proxy
// only relays its TLS), and that only keeps connections whose peer is on
// this machine. It needs an *http.Transport to see and change those: any
// other RoundTripper is refused, since it could proxy or dial anywhere:
// the error says so, without a prefix, for the caller to report as a bad
// argument.
func localOnly(rt http.RoundTripper) (http.RoundTripper, error) {
	t, ok := rt.(*http.Transport)
	if !ok {
		return nil, fmt.Errorf("plain http needs an *http.Transport (or none), so that the client can keep the key on this machine; got a %T", rt)
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
