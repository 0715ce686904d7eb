package secretstest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"
)

func TestFaultStatus(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault Fault
	}{
		{"429 with Retry-After", Fault{Status: 429, Header: http.Header{"Retry-After": {"3"}},
			Body: `{"detail":{"status":"too_many_concurrent_requests","message":"slow down"}}`}},
		{"503", Fault{Status: 503, Body: `{"detail":"unavailable"}`}},
		{"HTML body", Fault{Status: 502, Header: http.Header{"Content-Type": {"text/html"}}, Body: "<html><body>Bad Gateway</body></html>"}},
		{"malformed JSON", Fault{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: `{"secrets":[`}},
		{"204 typed but empty", Fault{Status: 204, Header: http.Header{"Content-Type": {"application/json"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewServer(t)
			s.Inject(tc.fault)
			r := call(t, s, "GET", "/v1/convai/secrets", nil)
			if r.status != tc.fault.Status || string(r.body) != tc.fault.Body {
				t.Errorf("got %d %q, want %d %q", r.status, r.body, tc.fault.Status, tc.fault.Body)
			}
			for k := range tc.fault.Header {
				if r.header.Get(k) != tc.fault.Header.Get(k) {
					t.Errorf("header %s = %q, want %q", k, r.header.Get(k), tc.fault.Header.Get(k))
				}
			}
			if r.header.Get("request-id") == "" {
				t.Error("a fault response lacks request-id")
			}
			// Used once: the next request is served normally.
			if r := call(t, s, "GET", "/v1/convai/secrets", nil); r.status != http.StatusOK {
				t.Errorf("after the fault: %d %s", r.status, r.body)
			}
		})
	}
}

func TestFaultMatchingIsFIFO(t *testing.T) {
	s := NewServer(t)
	s.Inject(
		Fault{Method: "GET", Path: "/v1/convai/secrets", Status: 500},
		Fault{Method: "POST", Status: 503},
		Fault{Status: 502},
		Fault{Status: 504},
	)
	for _, step := range []struct {
		method string
		want   int
	}{
		{"POST", 503}, // skips the GET fault
		{"DELETE", 502},
		{"GET", 500}, // the first fault, still queued
		{"GET", 504},
		{"GET", 200},
	} {
		path := "/v1/convai/secrets"
		if step.method == "DELETE" {
			path += "/x"
		}
		var body any
		if step.method == "POST" {
			body = map[string]any{"type": "new", "name": "n", "value": "v"}
		}
		if r := call(t, s, step.method, path, body); r.status != step.want {
			t.Errorf("%s: %d, want %d", step.method, r.status, step.want)
		}
	}
	if s.Len() != 0 {
		t.Error("a faulted create was carried out")
	}
}

func TestFaultEscapedPath(t *testing.T) {
	s := NewServer(t)
	s.Inject(Fault{Path: "/v1/convai/secrets/a%20b", Status: 418})
	if r := call(t, s, "GET", "/v1/convai/secrets/a b", nil); r.status != 418 {
		t.Errorf("escaped path: %d, want 418", r.status)
	}
}

func TestFaultLatencyThenServes(t *testing.T) {
	s := NewServer(t)
	s.Inject(Fault{Latency: time.Millisecond})
	if r := call(t, s, "GET", "/v1/convai/secrets", nil); r.status != http.StatusOK {
		t.Errorf("latency-only fault: %d, want normal service", r.status)
	}
}

func TestFaultLatencyClientGoesAway(t *testing.T) {
	s := NewServer(t)
	s.Inject(Fault{Latency: time.Hour}) // capped at 10s, and cut short here
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"/v1/convai/secrets", nil)
	req.Header.Set("xi-api-key", s.APIKey())
	done := make(chan error, 1)
	go func() {
		resp, err := newHTTPClient(t).Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for s.inFlight.Load() == 0 { // wait until the fake holds the request
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("client: %v, want context.Canceled", err)
	}
	for len(s.Requests()) == 0 { // the fake notices and records it
		time.Sleep(time.Millisecond)
	}
	if got := s.Requests()[0].Status; got != 0 {
		t.Errorf("recorded status %d, want 0 (not served)", got)
	}
}

func TestFaultDropBeforeResponse(t *testing.T) {
	s := NewServer(t)
	s.Inject(Fault{Method: "POST", Drop: DropBeforeResponse})
	_, err := try(newHTTPClient(t), s, s.APIKey(), "POST", "/v1/convai/secrets", map[string]any{"type": "new", "name": "n", "value": "v"})
	if err == nil {
		t.Fatal("dropped request: no error")
	}
	if s.Len() != 0 {
		t.Error("the dropped create was carried out")
	}
	if rs := s.Requests(); len(rs) != 1 || rs[0].Status != 0 {
		t.Errorf("records: %+v", rs)
	}
}

func TestFaultDropMidBody(t *testing.T) {
	s := NewServer(t)
	s.Inject(Fault{Drop: DropMidBody})
	req, _ := http.NewRequest("GET", s.URL()+"/v1/convai/secrets", nil)
	req.Header.Set("xi-api-key", s.APIKey())
	resp, err := newHTTPClient(t).Do(req)
	if err != nil {
		t.Fatalf("headers should arrive: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("request-id") == "" {
		t.Errorf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
	b, err := io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) || len(b) == 0 || len(b) >= len(defaultCutBody) {
		t.Errorf("body read: %d bytes, %v; want part of the body, then io.ErrUnexpectedEOF", len(b), err)
	}
}

// DropAfterApply: the fake acts, then the answer is lost; a request it
// refuses is still refused, its refusal lost the same way.
func TestFaultDropAfterApply(t *testing.T) {
	s := NewServer(t)
	id := create(t, s, "n", "v")
	path := "/v1/convai/secrets/" + id
	s.Inject(Fault{Method: "PATCH", Drop: DropAfterApply, Status: 503}, Fault{Method: "DELETE", Drop: DropAfterApply})
	c := newHTTPClient(t)
	if _, err := try(c, s, s.APIKey(), "PATCH", path, map[string]any{"type": "update", "name": "n", "value": "v2"}); err == nil {
		t.Fatal("update with its answer dropped: no error")
	}
	if !s.ValueIs(id, "v2") {
		t.Error("the update whose answer was dropped was not carried out")
	}
	if _, err := try(c, s, s.APIKey(), "DELETE", path, nil); err == nil {
		t.Fatal("delete with its answer dropped: no error")
	}
	if s.Len() != 0 {
		t.Error("the delete whose answer was dropped was not carried out")
	}
	if r := call(t, s, "DELETE", path, nil); r.status != http.StatusNotFound {
		t.Errorf("delete again: %d, want 404", r.status)
	}
	if rs := s.Requests(); len(rs) != 4 || rs[1].Status != 0 || rs[2].Status != 0 {
		t.Errorf("records: %+v", rs)
	}

	// A wrong key is refused as usual: nothing is carried out.
	id = create(t, s, "n", "v")
	s.Inject(Fault{Drop: DropAfterApply})
	if _, err := try(c, s, "wrong", "DELETE", "/v1/convai/secrets/"+id, nil); err == nil {
		t.Fatal("refused delete with its answer dropped: no error")
	}
	if s.Len() != 1 {
		t.Error("a delete with a wrong key was carried out")
	}
}

func TestFaultRedirect(t *testing.T) {
	s, other := NewServer(t), NewServer(t)
	s.Inject(Fault{RedirectTo: other.URL() + "/v1/convai/secrets"})
	r := call(t, s, "GET", "/v1/convai/secrets", nil)
	if r.status != http.StatusTemporaryRedirect || r.header.Get("Location") != other.URL()+"/v1/convai/secrets" {
		t.Errorf("got %d Location %q", r.status, r.header.Get("Location"))
	}
	if len(other.Requests()) != 0 {
		t.Error("the test client followed the redirect")
	}
}

func TestInjectRejectsWhatItCannotDo(t *testing.T) {
	rt := &recordingTB{TB: t}
	s := NewServer(rt)
	s.Inject(Fault{Drop: 7}, Fault{Drop: -1}, Fault{Status: 99}, Fault{Status: 600})
	if n := len(rt.errors()); n != 4 {
		t.Errorf("%d reports, want 4: %q", n, rt.errors())
	}
	if r := call(t, s, "GET", "/v1/convai/secrets", nil); r.status != http.StatusOK {
		t.Errorf("a rejected fault was queued: %d", r.status)
	}
}
