package secretstest

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// bound is how long a test waits for what must happen within about a
// second: generous slack for a loaded machine, not a timing benchmark.
const bound = 5 * time.Second

// withTimeouts replaces the fake's connection timeouts, so that a test
// sees a stalled client cut without waiting the real ones.
func withTimeouts(t timeouts) Option { return func(c *config) { c.timeouts = t } }

// halfABody is a request whose body stops halfway: its client then stalls.
const halfABody = "POST /v1/convai/secrets HTTP/1.1\r\nHost: fake\r\nContent-Type: application/json\r\n" +
	"Content-Length: 100\r\n\r\n{\"type\":\"new\","

// dial opens a raw loopback connection to s, closed when the test ends.
func dial(t *testing.T, s *Server) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// stallMidBody sends halfABody on a new connection and returns once the
// fake's handler is reading the body.
func stallMidBody(t *testing.T, s *Server) net.Conn {
	t.Helper()
	conn := dial(t, s)
	if _, err := io.WriteString(conn, halfABody); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(bound); s.inFlight.Load() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the fake never started the request")
		}
	}
	return conn
}

// trickle writes an endless header, one byte every 20ms, on a new
// connection until the fake closes it or the test ends.
func trickle(t *testing.T, s *Server) net.Conn {
	t.Helper()
	conn := dial(t, s)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		line := "GET /v1/convai/secrets HTTP/1.1\r\nX-Slow: "
		for i := 0; ; i++ {
			b := byte('a')
			if i < len(line) {
				b = line[i]
			}
			if _, err := conn.Write([]byte{b}); err != nil {
				return
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return conn
}

// Close ends within a second whatever clients do: a t.Cleanup must not
// hang on a client that stopped halfway.
func TestCloseEndsWithStalledClients(t *testing.T) {
	for name, stall := range map[string]func(*testing.T, *Server) net.Conn{
		"half a body":     stallMidBody,
		"trickled header": trickle,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := NewServer(t)
			conn := stall(t, s)
			time.Sleep(50 * time.Millisecond) // let a trickle start
			closed := make(chan struct{})
			go func() { s.Close(); close(closed) }()
			select {
			case <-closed:
			case <-time.After(bound):
				t.Errorf("Close still waits after %v for a client that stalled", bound)
				conn.Close() // let it end, so that the test can
				<-closed
			}
		})
	}
}

// Shutdown waits for requests in progress until its context ends, then
// cuts them and says so.
func TestShutdownCutsWhatOutlivesItsContext(t *testing.T) {
	s := NewServer(t)
	stallMidBody(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Shutdown(ctx) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Shutdown with a request still in progress: %v, want context.DeadlineExceeded", err)
		}
	case <-time.After(bound):
		t.Fatalf("Shutdown still waits %v after its context ended", bound)
	}
	if err := s.Shutdown(context.Background()); err != nil {
		t.Errorf("Shutdown again: %v", err)
	}
}

// The fake's own timeouts cut a client that holds a connection without
// finishing a request, even if no one closes the fake.
func TestStalledClientsAreCut(t *testing.T) {
	short := timeouts{readHeader: 200 * time.Millisecond, read: 300 * time.Millisecond, idle: 300 * time.Millisecond}
	idle := func(t *testing.T, s *Server) net.Conn {
		conn := dial(t, s)
		if _, err := io.WriteString(conn, "GET /v1/convai/secrets HTTP/1.1\r\nHost: fake\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		return conn // kept alive after a 401, then idle
	}
	for name, stall := range map[string]func(*testing.T, *Server) net.Conn{
		"trickled header (read header timeout)": trickle,
		"half a body (read timeout)":            stallMidBody,
		"idle after a request (idle timeout)":   idle,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := NewServer(t, withTimeouts(short))
			conn := stall(t, s)
			if err := conn.SetReadDeadline(time.Now().Add(bound)); err != nil {
				t.Fatal(err)
			}
			// The fake may answer (a 401, a 413 for the cut body) before it
			// closes: read to the end.
			_, err := io.Copy(io.Discard, conn)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Errorf("the fake still holds the connection after %v", bound)
			}
		})
	}
}

// The defaults never cut what the fake itself does slowly on purpose.
func TestDefaultTimeoutsOutlastInjectedLatency(t *testing.T) {
	d := defaultTimeouts
	if d.readHeader <= 0 || d.read <= 2*maxLatency || d.idle <= 90*time.Second {
		t.Errorf("timeouts %+v: want a header timeout, a read timeout well over maxLatency (%v), and an idle timeout over the 90s Go clients keep idle connections", d, maxLatency)
	}
}
