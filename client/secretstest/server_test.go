package secretstest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestNewServerURLAndKey(t *testing.T) {
	a, b := NewServer(t), NewServer(t)
	if !strings.HasPrefix(a.URL(), "http://127.0.0.1:") {
		t.Errorf("URL() = %q, want http://127.0.0.1:PORT", a.URL())
	}
	if !strings.HasPrefix(a.APIKey(), "xi-test-") || a.APIKey() == b.APIKey() {
		t.Errorf("keys %q and %q: want random xi-test-... keys, one per server", a.APIKey(), b.APIKey())
	}
	if r := callWithKey(t, b, a.APIKey(), "GET", "/v1/convai/secrets", nil); r.status != http.StatusUnauthorized {
		t.Errorf("one server's key on another: %d, want 401", r.status)
	}
}

func TestWithAPIKey(t *testing.T) {
	s := NewServer(t, WithAPIKey("my-key"))
	if s.APIKey() != "my-key" {
		t.Fatalf("APIKey() = %q", s.APIKey())
	}
	if r := callWithKey(t, s, "my-key", "GET", "/v1/convai/secrets", nil); r.status != http.StatusOK {
		t.Errorf("with the chosen key: %d %s", r.status, r.body)
	}
	for _, bad := range []string{"", "has space", "tab\there"} {
		if _, err := Start("127.0.0.1:0", WithAPIKey(bad)); err == nil {
			t.Errorf("Start with key %q: no error", bad)
		}
	}
}

func TestStartLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0", "example.com:0", "127.0.0.1"} {
		if s, err := Start(addr); err == nil {
			s.Close()
			t.Errorf("Start(%q) succeeded, want a refusal", addr)
		}
	}
	s, err := Start("localhost:0", WithLogf(t.Errorf))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL() = %q", s.URL())
	}
	if r := call(t, s, "GET", "/v1/convai/secrets", nil); r.status != http.StatusOK {
		t.Errorf("list: %d %s", r.status, r.body)
	}
	s.Close() // a second Close is harmless
}

func TestFormatHidesKeyAndValues(t *testing.T) {
	s := NewServer(t, WithAPIKey("key-that-must-not-print"))
	create(t, s, "n", "value-that-must-not-print")
	holder := struct{ S *Server }{s}
	hidden := struct{ s *Server }{s}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, v := range []any{s, holder, hidden, s.store, s.store.ordered[0], s.cfg} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, "must-not-print") || strings.Contains(out, fmt.Sprintf("%x", "must-not-print")) {
				t.Errorf("%s of %T reveals a secret: %s", verb, v, out)
			}
		}
	}
	if got := s.String(); got != "secretstest.Server("+s.URL()+")" {
		t.Errorf("String() = %q", got)
	}
}

func TestVendorHeaders(t *testing.T) {
	s := NewServer(t)
	s.Inject(Fault{Path: "/faulty", Status: http.StatusServiceUnavailable})
	seen := map[string]bool{}
	for _, r := range []reply{
		call(t, s, "GET", "/v1/convai/secrets", nil),                            // 200
		callWithKey(t, s, "", "GET", "/v1/convai/secrets", nil),                 // 401
		call(t, s, "GET", "/v1/convai/secrets/unknown", nil),                    // 404
		call(t, s, "GET", "/v1/convai/secrets?page_size=0", nil),                // 422
		call(t, s, "GET", "/faulty", nil),                                       // fault
		call(t, s, "GET", "/not/an/endpoint", nil),                              // no route
		call(t, s, "DELETE", "/v1/convai/secrets/"+create(t, s, "x", "v"), nil), // 204
	} {
		id := r.header.Get("request-id")
		if id == "" || seen[id] {
			t.Errorf("%d: request-id %q missing or repeated", r.status, id)
		}
		seen[id] = true
		if r.header.Get("current-concurrent-requests") == "" || r.header.Get("maximum-concurrent-requests") == "" {
			t.Errorf("%d: concurrency headers missing: %v", r.status, r.header)
		}
	}
}

func TestUnknownRouteAndMethod(t *testing.T) {
	s := NewServer(t)
	if r := call(t, s, "GET", "/v1/convai/nothing", nil); r.status != http.StatusNotFound {
		t.Errorf("unknown path: %d", r.status)
	}
	for _, path := range []string{"/v1/convai/secrets", "/v1/convai/secrets/some-id"} {
		if r := call(t, s, "PUT", path, nil); r.status != http.StatusMethodNotAllowed {
			t.Errorf("PUT %s: %d, want 405", path, r.status)
		}
	}
}
