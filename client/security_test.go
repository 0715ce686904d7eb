package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

// Every id reaches the server as exactly one escaped path segment, which
// decodes back to the id: never another path, query or endpoint. (Ids
// with an empty, "." or ".." part between slashes, as they are or
// percent-decoded, are refused before sending: TestIDsWithDotSegmentsInvalid.)
func TestIDEscapingOnTheWire(t *testing.T) {
	tests := []struct{ id, segment string }{
		{"abc", "abc"},
		{"a/b", "a%2Fb"},
		{"?x", "%3Fx"},
		{"#", "%23"},
		{"a b", "a%20b"},
		{"é", "%C3%A9"},
		{"a/b/c", "a%2Fb%2Fc"},
		{"%41", "%2541"},
		{"100%", "100%25"},
		{"a;b,c", "a%3Bb%2Cc"},
		{"...", "..."},
		{"a\x00b", "a%00b"},
	}
	ops := []struct {
		name, method, suffix string
		run                  func(c *client.Client, id string)
	}{
		{"Get", "GET", "", func(c *client.Client, id string) { _, _ = c.Secrets.Get(context.Background(), id) }},
		{"Update", "PATCH", "", func(c *client.Client, id string) { _, _ = c.Secrets.Update(context.Background(), id, "n", "v") }},
		{"Delete", "DELETE", "", func(c *client.Client, id string) { _ = c.Secrets.Delete(context.Background(), id) }},
		{"Dependencies", "GET", "/dependencies/tools", func(c *client.Client, id string) {
			for range c.Secrets.Dependencies(context.Background(), id, client.DependencyTools) {
				break
			}
		}},
	}
	for _, op := range ops {
		for _, tt := range tests {
			t.Run(op.name+"/"+tt.segment, func(t *testing.T) {
				w := newRecorder(t, 404, `{"detail":"nope"}`)
				op.run(recorderClient(t, w, client.WithMaxRetries(0)), tt.id)
				reqs := w.requests()
				if len(reqs) != 1 {
					t.Fatalf("%d requests", len(reqs))
				}
				r := reqs[0]
				want := "/v1/convai/secrets/" + tt.segment + op.suffix
				if op.suffix != "" {
					want += "?page_size=100"
				}
				if r.Method != op.method || r.RequestURI != want {
					t.Errorf("sent %s %s, want %s %s", r.Method, r.RequestURI, op.method, want)
				}
				if r.PathID != tt.id {
					t.Errorf("server decoded id %q, want %q", r.PathID, tt.id)
				}
			})
		}
	}
}

func TestRedirectToOtherHostRefused(t *testing.T) {
	for _, method := range []string{"GET", "POST"} {
		t.Run(method, func(t *testing.T) {
			other := newRecorder(t, 200, `{}`)
			srv, c, _ := fake(t)
			srv.Inject(secretstest.Fault{Method: method, RedirectTo: other.URL + "/v1/convai/secrets"})
			var err error
			if method == "GET" {
				_, err = collect(t, c.Secrets.List(context.Background(), client.ListOptions{}))
			} else {
				_, err = c.Secrets.Create(context.Background(), "N", "the-secret-value")
			}
			if !errors.Is(err, client.ErrUnsafeRequest) {
				t.Errorf("err = %v, want ErrUnsafeRequest", err)
			}
			if n := len(other.requests()); n != 0 {
				t.Errorf("other host got %d requests", n)
			}
			if len(srv.Requests()) != 1 {
				t.Errorf("refused redirect retried: %d requests", len(srv.Requests()))
			}
		})
	}
}

// Even a Raw() request edited to point elsewhere never carries the key.
func TestRawRequestToOtherHostRefused(t *testing.T) {
	other := newRecorder(t, 200, `{"secrets":[]}`)
	_, c, _ := fake(t)
	_, err := c.Raw().SecretsListWithResponse(context.Background(), nil, func(_ context.Context, r *http.Request) error {
		r.URL.Host = strings.TrimPrefix(other.URL, "http://")
		return nil
	})
	if !errors.Is(err, client.ErrUnsafeRequest) || len(other.requests()) != 0 {
		t.Errorf("err = %v, other got %d requests", err, len(other.requests()))
	}
}

// The key and secret values must appear in no error, log line or printed
// value, even when the server echoes them back.
func TestNoSecretsInErrorsLogsOrPrints(t *testing.T) {
	const value = `sk-"very secret" \ value`
	var logs logBuffer
	srv, c, _ := fake(t, client.WithLogger(logs.logger()))
	key := srv.APIKey()
	ctx := context.Background()
	echo := func(status int) secretstest.Fault {
		body, _ := json.Marshal(map[string]any{
			"detail": []map[string]any{{"loc": []string{"body", "value"}, "msg": "bad value " + value + " key " + key, "type": "x", "input": value}},
			"key":    key,
		})
		return secretstest.Fault{Status: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: string(body)}
	}
	var errs []error
	srv.Inject(echo(422))
	_, err := c.Secrets.Create(ctx, "N", value)
	errs = append(errs, err)
	s := mustCreate(t, c, "N", value)
	srv.Inject(echo(400))
	_, err = c.Secrets.Update(ctx, s.ID, "N", value)
	errs = append(errs, err)
	srv.Inject(echo(503), echo(503), echo(503))
	_, err = c.Secrets.Update(ctx, s.ID, "N", value)
	errs = append(errs, err)
	srv.Inject(secretstest.Fault{Method: "PATCH", Drop: secretstest.DropMidBody})
	srv.Inject(secretstest.Fault{Method: "PATCH", Drop: secretstest.DropMidBody})
	srv.Inject(secretstest.Fault{Method: "PATCH", Drop: secretstest.DropMidBody})
	_, err = c.Secrets.Update(ctx, s.ID, "N", value)
	errs = append(errs, err)

	var texts []string
	for _, err := range errs {
		if err == nil {
			t.Fatal("expected an error")
		}
		var e *client.APIError
		if errors.As(err, &e) {
			texts = append(texts, e.Body, fmt.Sprintf("%+v", *e), fmt.Sprintf("%#v", e))
		}
		texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		texts = append(texts, fmt.Sprintf(verb, c), fmt.Sprintf(verb, *c), fmt.Sprintf(verb, c.Secrets), fmt.Sprintf(verb, *c.Secrets), fmt.Sprintf(verb, c.Raw()), fmt.Sprintf(verb, c.Raw().ClientInterface))
	}
	slog.New(slog.NewTextHandler(&logs, nil)).Info("client", "c", c, "s", c.Secrets)
	texts = append(texts, logs.String())

	for _, text := range texts {
		for _, secret := range []string{key, value, `sk-\"very secret\" \\ value`} {
			if strings.Contains(text, secret) {
				t.Errorf("secret %q leaked in: %s", secret, text)
			}
		}
	}
	if !strings.Contains(logs.String(), "attempt=") || !strings.Contains(logs.String(), "status=503") {
		t.Errorf("logs lack attempt lines:\n%s", logs.String())
	}
	var e *client.APIError
	if !errors.As(errs[0], &e) || !strings.Contains(e.Body, "[REDACTED]") || !strings.Contains(e.Fields[0].Msg, "[REDACTED]") {
		t.Errorf("echoed value not visibly redacted: %+v", e)
	}
}
