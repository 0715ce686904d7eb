package secretstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// reply is a response as a test sees it.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the reply's body into a generic value.
func (r reply) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return m
}

// detailStatus is detail.status of a vendor error body.
func (r reply) detailStatus(t testing.TB) string {
	t.Helper()
	d, _ := r.json(t)["detail"].(map[string]any)
	s, _ := d["status"].(string)
	return s
}

// newHTTPClient returns a client with its own connections, so that one
// test's connection reuse (and Go's retry of idempotent requests on a reused
// connection) cannot change what another test's faults do.
func newHTTPClient(t testing.TB) *http.Client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// call sends a request with the server's key; body, if not nil, is sent as
// JSON (a string as is).
func call(t testing.TB, s *Server, method, path string, body any) reply {
	t.Helper()
	return callWithKey(t, s, s.APIKey(), method, path, body)
}

func callWithKey(t testing.TB, s *Server, key, method, path string, body any) reply {
	t.Helper()
	r, err := try(newHTTPClient(t), s, key, method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

func try(c *http.Client, s *Server, key, method, path string, body any) (reply, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		rd = bytes.NewReader(mustJSON(b))
	}
	req, err := http.NewRequest(method, s.URL()+path, rd)
	if err != nil {
		return reply{}, err
	}
	if key != "" {
		req.Header.Set("xi-api-key", key)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, b}, err
}

// create makes a secret through the API and returns its id.
func create(t testing.TB, s *Server, name, value string) string {
	t.Helper()
	r := call(t, s, "POST", "/v1/convai/secrets", map[string]any{"type": "new", "name": name, "value": value})
	if r.status != http.StatusOK {
		t.Fatalf("create %q: %d %s", name, r.status, r.body)
	}
	return r.json(t)["secret_id"].(string)
}

// recordingTB stands in for the testing.TB of a test that uses the fake, to
// observe what the fake reports with Errorf instead of failing this test.
type recordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recordingTB) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// withTamper rewrites the fake's response bodies before validation, to
// stand for a bug in the fake.
func withTamper(f func(operationID string, body []byte) []byte) Option {
	return func(c *config) { c.tamper = f }
}
