package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// A hostile or broken server can put the key or the value anywhere in its
// answer: a redirect's Location, a request id, a malformed header, an echo
// cut at the body limit. None of it may reach the caller's error or logs.

const (
	hostileKey   = "xi-HOSTILE-key-0123456789abcdef"
	hostileValue = "sk-HOSTILE-value-abcdefghijklmnop"
)

// hostileClient talks to handler with the recognisable key, instant
// retries and a Debug log captured in logs.
func hostileClient(t *testing.T, handler http.HandlerFunc) (*client.Client, *logBuffer) {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return hostileClientAt(t, srv.URL)
}

// hostileClientAt is hostileClient for a server the test runs itself.
func hostileClientAt(t *testing.T, baseURL string) (*client.Client, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	c, err := client.New(client.WithAPIKey(hostileKey), client.WithBaseURL(baseURL),
		client.WithLogger(logs.logger()), client.WithBackoffForTest(0, 0), client.WithSleepForTest((&waits{}).sleep))
	if err != nil {
		t.Fatal(err)
	}
	return c, logs
}

// assertClean fails if the key or the value (or a long fragment of either)
// is in any of texts.
func assertClean(t *testing.T, where string, texts ...string) {
	t.Helper()
	for _, text := range texts {
		for _, secret := range []string{hostileKey, hostileValue} {
			if strings.Contains(text, secret[:16]) {
				t.Errorf("%s: the key or the value (or 16 bytes of it) leaked", where)
			}
		}
	}
}

func TestRedirectTargetNotQuoted(t *testing.T) {
	c, logs := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://evil.example/"+hostileKey+"/"+hostileValue, http.StatusTemporaryRedirect)
	})
	_, err := c.Secrets.Update(context.Background(), "sec_1", "N", hostileValue)
	if !errors.Is(err, client.ErrUnsafeRequest) {
		t.Fatalf("err = %v, want ErrUnsafeRequest", err)
	}
	assertClean(t, "redirect", err.Error(), fmt.Sprintf("%+v", err), logs.String())
}

func TestRequestIDRedacted(t *testing.T) {
	c, logs := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req-"+hostileKey)
		w.WriteHeader(http.StatusUnauthorized)
	})
	_, err := c.Secrets.Get(context.Background(), "sec_1")
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	assertClean(t, "request id", err.Error(), apiErr.RequestID, logs.String())
}

func TestMalformedResponseTextRedacted(t *testing.T) {
	// net/http quotes a malformed Content-Length in its error.
	c, logs := hostileClientAt(t, rawServer(t, "HTTP/1.1 200 OK\r\nContent-Length: "+hostileKey+"\r\n\r\n"))
	_, err := c.Secrets.Get(context.Background(), "sec_1")
	if err == nil {
		t.Fatal("a malformed response was accepted")
	}
	assertClean(t, "malformed Content-Length", err.Error(), logs.String())
}

func TestEchoCutAtTheBodyLimitRedacted(t *testing.T) {
	// A value as long as allowed, echoed after 1 KiB of text, crosses the
	// 64 KiB error-body limit: what is left before the cut is not the
	// whole value, so plain redaction misses it.
	value := strings.Repeat(hostileValue, client.MaxValueBytes/len(hostileValue))
	c, _ := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnprocessableEntity)
		fmt.Fprintf(w, `{"detail":"%s%s"}`, strings.Repeat("x", 1<<10), value)
	})
	_, err := c.Secrets.Update(context.Background(), "sec_1", "N", value)
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	assertClean(t, "echo cut at the limit", err.Error(), apiErr.Body, apiErr.Message)
}

func TestNonUTF8ValueRefused(t *testing.T) {
	srv, c, _ := fake(t)
	_, err := c.Secrets.Create(context.Background(), "N", "AKIA-secret-\xff-rest")
	if !errors.Is(err, client.ErrInvalidArgument) || !strings.Contains(err.Error(), "value") {
		t.Fatalf("err = %v, want ErrInvalidArgument naming the value", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("a value that is not UTF-8 sent %d request(s)", n)
	}
}

// Server text in an error is one line that shows every control, bidi or
// invisible character as an escape, so a library user who logs err.Error()
// cannot have a line forged, a terminal driven or text reordered.
func TestServerTextInErrorsIsOneEscapedLine(t *testing.T) {
	const msg = "boom\nlevel=INFO msg=ok\r\x1b]52;c;AAAA\x07 \u009b2J KEY\u202etxt \\x1b"
	c, _ := hostileClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Request-Id", "id\u202e\u0085x")
		w.WriteHeader(http.StatusBadRequest)
		body, _ := json.Marshal(map[string]any{"detail": map[string]string{"status": "bad\tcode", "message": msg}})
		_, _ = w.Write(body)
	})
	_, err := c.Secrets.Get(context.Background(), "sec_1")
	var e *client.APIError
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want an *APIError", err)
	}
	for name, text := range map[string]string{"Error()": err.Error(), "Message": e.Message, "Code": e.Code, "RequestID": e.RequestID, "Body": e.Body} {
		if strings.ContainsFunc(text, textsafe.Hidden) {
			t.Errorf("%s holds a raw control, bidi or invisible character: %q", name, text)
		}
	}
	want := `boom\nlevel=INFO msg=ok\r\x1b]52;c;AAAA\x07 \u009b2J KEY\u202etxt \\x1b`
	if e.Message != want || !strings.Contains(err.Error(), want) || e.Code != `bad\tcode` || e.RequestID != `id\u202e\u0085x` {
		t.Errorf("server text not shown as escapes: Message %q, Code %q, RequestID %q", e.Message, e.Code, e.RequestID)
	}
}

// allocatedBy reports how many bytes f allocates.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Header values are server text of the server's size: net/http accepts
// 10 MiB of them. Our transports accept 64 KiB, and whatever the
// transport, a header value is cut to 1 KiB before it is redacted and a
// Response's headers to 64 KiB in all, so an error response or a
// WithResponseInto target costs a bounded amount of redaction.
func TestHugeResponseHeadersRedactionBounded(t *testing.T) {
	id := strings.Repeat(`\u0041%41&#65;`, (7<<20)/15)
	handler := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header()["Request-Id"] = []string{id}
		for i := range 2000 { // 2 MiB of smaller values
			w.Header()[fmt.Sprintf("X-Echo-%d", i)] = []string{id[:1000]}
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	t.Run("our transport refuses them", func(t *testing.T) {
		c, _ := hostileClient(t, handler)
		var err error
		alloc := allocatedBy(func() { err = c.Secrets.Delete(context.Background(), "sec_1") })
		if err == nil || errors.As(err, new(*client.APIError)) {
			t.Errorf("err = %v, want a transport error for headers over 64 KiB", err)
		}
		if alloc > 64<<20 {
			t.Errorf("one response with 10 MiB of headers made the client allocate %d MiB", alloc>>20)
		}
	})
	t.Run("a caller's transport", func(t *testing.T) {
		srv := httptest.NewTLSServer(handler)
		t.Cleanup(srv.Close)
		c, err := client.New(client.WithAPIKey(hostileKey), client.WithBaseURL(srv.URL),
			client.WithHTTPClient(srv.Client()), client.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		var resp client.Response
		alloc := allocatedBy(func() {
			err = c.Secrets.Delete(context.Background(), "sec_1", client.WithResponseInto(&resp))
		})
		var e *client.APIError
		if !errors.As(err, &e) || len(e.RequestID) > 128+len("…") {
			t.Errorf("err = %v, want an *APIError with a request id of at most 128 bytes", err)
		}
		size := 0
		for k, vs := range resp.Header {
			for _, v := range vs {
				size += len(k) + len(v)
			}
		}
		if size > 128<<10 {
			t.Errorf("Response.Header holds %d KiB of redacted text; want it cut near 64 KiB", size>>10)
		}
		// net/http itself takes about 3 times the headers' size to read them.
		if alloc > 96<<20 {
			t.Errorf("one response with 10 MiB of headers made the client allocate %d MiB", alloc>>20)
		}
	})
}

// Response headers are server text: a WithResponseInto target shows their
// control, bidi and invisible characters as escapes, like an error does,
// so Response.RequestID() can be printed as it is.
func TestResponseHeaderShownAsEscapes(t *testing.T) {
	c, _ := hostileClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header()["Request-Id"] = []string{"req\u009b2J\u009d0;pwned\u009c\u202e"}
		w.Header()["X-Other"] = []string{"a\u0085\u2066b\u200b"}
		w.WriteHeader(http.StatusNoContent)
	})
	var resp client.Response
	if err := c.Secrets.Delete(context.Background(), "sec_1", client.WithResponseInto(&resp)); err != nil {
		t.Fatal(err)
	}
	if got, want := resp.RequestID(), `req\u009b2J\u009d0;pwned\u009c\u202e`; got != want {
		t.Errorf("Response.RequestID() = %q, want the server's controls as escapes: %q", got, want)
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			if strings.ContainsFunc(k+v, textsafe.Hidden) {
				t.Errorf("Response.Header[%q] holds a raw control, bidi or invisible character: %q", k, v)
			}
		}
	}
}
