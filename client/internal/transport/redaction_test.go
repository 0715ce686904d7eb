package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// bodyValue reads the "value" member of a body the request can give
// again, and nothing of any other body.
func TestBodyValue(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		rewind     bool
		want       string
	}{
		{"a JSON body", `{"type":"new","name":"N","value":"s3cr3t"}`, true, "s3cr3t"},
		{"escapes decoded", `{"value":"a\"b\u00e9"}`, true, "a\"bé"},
		{"no value", `{"name":"N"}`, true, ""},
		{"not a string", `{"value":12}`, true, ""},
		{"not JSON", `value=s3cr3t`, true, ""},
		{"no GetBody", `{"value":"s3cr3t"}`, false, ""},
	} {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/v1/x", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		if !tc.rewind {
			req.GetBody = nil
		}
		if got := bodyValue(req); got != tc.want {
			t.Errorf("%s: bodyValue = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The redaction of a request hides the key and the value of its body,
// whether the body can be read again or was kept as it was sent
// (keepBody), and wrap keeps the cause for errors.Is and errors.As.
func TestRequestRedaction(t *testing.T) {
	const key, value = "xi-redaction-key-0123456", "s3cr3t-v4lue-zzzz"
	body := `{"name":"N","value":"` + value + `"}`
	cause := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("server said " + key + " / " + value)}
	for _, rewind := range []bool{true, false} {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/v1/x", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if !rewind {
			req.GetBody = nil
			req.Body = io.NopCloser(strings.NewReader(body))
		}
		red := requestRedaction{key: key, req: req}
		sent := red.keepBody(req, 1<<10)
		if rewind != (sent == req) {
			t.Errorf("rewind %v: keepBody returned the request itself: %v", rewind, sent == req)
		}
		if b, _ := io.ReadAll(sent.Body); string(b) != body { // as the transport sends it
			t.Errorf("rewind %v: sent %q", rewind, b)
		}
		err = red.wrap(cause)
		var op *net.OpError
		if !errors.As(err, &op) || op != cause {
			t.Errorf("rewind %v: the cause is lost: %v", rewind, err)
		}
		if msg := err.Error(); strings.Contains(msg, key) || strings.Contains(msg, value) {
			t.Errorf("rewind %v: err = %q, want the key and value redacted", rewind, msg)
		}
	}
	if err := (&requestRedaction{}).wrap(nil); err != nil {
		t.Errorf("wrap(nil) = %v", err)
	}
}

// The redactor is built on first use only, and once.
func TestRequestRedactionIsLazy(t *testing.T) {
	calls := 0
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, "https://api.example.com/v1/x", strings.NewReader(`{"value":"v-0123456789"}`))
	if err != nil {
		t.Fatal(err)
	}
	getBody := req.GetBody
	req.GetBody = func() (io.ReadCloser, error) { calls++; return getBody() }
	red := requestRedaction{key: "k", req: req}
	if calls != 0 {
		t.Fatal("read before use")
	}
	for range 3 {
		if got := red.redactor().Redact("x v-0123456789 y"); got != "x [REDACTED] y" {
			t.Errorf("Redact = %q", got)
		}
	}
	if calls != 1 {
		t.Errorf("the body was read %d times, want once", calls)
	}
}
