package secretstest

import (
	"net/http"
	"strings"
	"testing"
)

// FuzzRequests sends arbitrary requests and checks that the fake never
// answers something the spec forbids (it would report it) and never fails
// with a 500: whatever a client sends, the fake answers like the vendor.
func FuzzRequests(f *testing.F) {
	rt := &recordingTB{TB: f}
	s := NewServer(rt)
	id := create(f, s, "seed", "v")
	if err := s.MarkInUse(id, "tools", "t"); err != nil {
		f.Fatal(err)
	}
	for _, seed := range []struct{ method, path, body string }{
		{"GET", "/v1/convai/secrets?page_size=2&search=s&dependency_limit=1", ""},
		{"POST", "/v1/convai/secrets", `{"type":"new","name":"n","value":"v"}`},
		{"PATCH", "/v1/convai/secrets/" + id, `{"type":"update","name":"n","value":"v"}`},
		{"DELETE", "/v1/convai/secrets/" + id, ""},
		{"GET", "/v1/convai/secrets/" + id + "/dependencies/tools?page_size=1&cursor=x", ""},
		{"GET", "/v1/convai/secrets/%2F", ""},
	} {
		f.Add(seed.method, seed.path, seed.body)
	}
	c := newHTTPClient(f)
	f.Fuzz(func(t *testing.T, method, path, body string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n#") {
			t.Skip()
		}
		req, err := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
		if err != nil {
			t.Skip()
		}
		req.Header.Set("xi-api-key", s.APIKey())
		req.Header.Set("Content-Type", "application/json")
		resp, err := c.Do(req)
		if err != nil {
			t.Skip() // e.g. a method net/http will not send
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Errorf("%q %q %q: %d", method, path, body, resp.StatusCode) // %q: fuzzed text must not act on the terminal
		}
		if errs := rt.errors(); len(errs) > 0 {
			t.Fatalf("%q %q %q: the fake broke the spec: %q", method, path, body, errs)
		}
	})
}
