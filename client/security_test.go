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
	"github.com/xisecrets/xisecrets/gen"
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
				w := newWire(t, 404, `{"detail":"nope"}`)
				op.run(wireClient(t, w, client.WithMaxRetries(0)), tt.id)
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

func TestInvalidInputSendsNothing(t *testing.T) {
	w := newWire(t, 200, `{}`)
	c := wireClient(t, w)
	ctx := context.Background()
	tests := []struct {
		name, field string
		err         error
	}{
		{"create empty name", "name", func() error { _, err := c.Secrets.Create(ctx, "", "v"); return err }()},
		{"create empty value", "value", func() error { _, err := c.Secrets.Create(ctx, "n", ""); return err }()},
		{"update empty id", "id", func() error { _, err := c.Secrets.Update(ctx, "", "n", "v"); return err }()},
		{"update empty name", "name", func() error { _, err := c.Secrets.Update(ctx, "x", "", "v"); return err }()},
		{"update empty value", "value", func() error { _, err := c.Secrets.Update(ctx, "x", "n", ""); return err }()},
		{"update dot-dot", "id", func() error { _, err := c.Secrets.Update(ctx, "..", "n", "v"); return err }()},
		{"delete empty id", "id", c.Secrets.Delete(ctx, "")},
		{"delete dot", "id", c.Secrets.Delete(ctx, ".")},
		{"delete dot-dot", "id", c.Secrets.Delete(ctx, "..")},
		{"get empty id", "id", func() error { _, err := c.Secrets.Get(ctx, ""); return err }()},
		{"get dot-dot", "id", func() error { _, err := c.Secrets.Get(ctx, ".."); return err }()},
		{"dependencies empty id", "id", func() error {
			_, err := collect(t, c.Secrets.Dependencies(ctx, "", client.DependencyAgents))
			return err
		}()},
		{"list page size", "PageSize", func() error {
			_, err := collect(t, c.Secrets.List(ctx, client.ListOptions{PageSize: 101}))
			return err
		}()},
		{"list dependency limit", "DependencyLimit", func() error {
			_, err := collect(t, c.Secrets.List(ctx, client.ListOptions{DependencyLimit: -1}))
			return err
		}()},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, client.ErrInvalidArgument) || !strings.Contains(tt.err.Error(), tt.field) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument naming %s", tt.name, tt.err, tt.field)
		}
	}
	if n := len(w.requests()); n != 0 {
		t.Errorf("%d requests sent for invalid input", n)
	}
}

func TestRedirectToOtherHostRefused(t *testing.T) {
	for _, method := range []string{"GET", "POST"} {
		t.Run(method, func(t *testing.T) {
			other := newWire(t, 200, `{}`)
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
	other := newWire(t, 200, `{"secrets":[]}`)
	_, c, _ := fake(t)
	_, err := c.Raw().SecretsListWithResponse(context.Background(), nil, func(_ context.Context, r *http.Request) error {
		r.URL.Host = strings.TrimPrefix(other.URL, "http://")
		return nil
	})
	if !errors.Is(err, client.ErrUnsafeRequest) || len(other.requests()) != 0 {
		t.Errorf("err = %v, other got %d requests", err, len(other.requests()))
	}
}

func TestBaseURLChecks(t *testing.T) {
	ok := []string{"https://api.example.com", "https://api.example.com/prefix/", "http://localhost:8080", "http://127.0.0.1:1", "http://[::1]:9"}
	bad := []string{"http://api.example.com", "http://10.0.0.1", "ftp://x", "https://", "https://u:p@api.example.com", "https://api.example.com/?q=1", "https://api.example.com/#f", "::"}
	for _, u := range ok {
		c, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(u))
		if err != nil {
			t.Errorf("%s: %v", u, err)
			continue
		}
		if c.BaseURL() != strings.TrimRight(u, "/") {
			t.Errorf("BaseURL() = %q for %q", c.BaseURL(), u)
		}
	}
	for _, u := range bad {
		if _, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(u)); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", u, err)
		}
	}
}

// A key pasted into the base URL (as user info or a query) is refused,
// and the error names the URL by scheme and host only: it never repeats
// the key.
func TestBaseURLErrorNeverQuotesUserInfoOrQuery(t *testing.T) {
	const key = "sk_base_0123456789abcdef0123456789abcdef"
	for _, base := range []string{
		"https://user:" + key + "@api.example.com",
		"https://" + key + "@api.example.com",
		"https://api.example.com/?xi-api-key=" + key,
		"https://api.example.com/#" + key,
		"http://user:" + key + "@10.0.0.1",
		"https://api.example.com:" + key,
		"ht tp://" + key,
	} {
		_, err := client.New(client.WithAPIKey(key), client.WithBaseURL(base))
		if !errors.Is(err, client.ErrInvalidArgument) {
			t.Fatalf("err = %v, want ErrInvalidArgument", err)
		}
		if strings.Contains(err.Error(), key[:12]) {
			t.Errorf("New's base URL error leaked the key given in the URL: %s", strings.ReplaceAll(err.Error(), key, "<key>"))
		}
	}
}

func TestAPIKeySources(t *testing.T) {
	srv := secretstest.NewServer(t)
	t.Setenv("ELEVENLABS_API_KEY", "env-key-is-wrong")
	c, err := client.New(client.WithAPIKey(srv.APIKey()), client.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{})); err != nil {
		t.Errorf("WithAPIKey should win over the environment: %v", err)
	}

	t.Setenv("ELEVENLABS_API_KEY", srv.APIKey())
	c, err = client.New(client.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{})); err != nil {
		t.Errorf("key from the environment: %v", err)
	}

	t.Setenv("ELEVENLABS_API_KEY", "")
	if _, err := client.New(); !errors.Is(err, client.ErrNoAPIKey) {
		t.Errorf("no key: %v, want ErrNoAPIKey", err)
	}
	if _, err := client.New(client.WithAPIKey("")); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("empty WithAPIKey: %v", err)
	}
	// A wrong option is reported before a missing key: it is what to fix.
	if _, err := client.New(client.WithBaseURL("")); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("empty base URL, no key: %v, want ErrInvalidArgument", err)
	}
	if _, err := client.New(client.WithRegion(client.RegionEU), client.WithBaseURL("https://x")); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("region and base URL, no key: %v, want ErrInvalidArgument", err)
	}
	t.Setenv("ELEVENLABS_API_KEY", "sk-from-file\n")
	if _, err := client.New(); !errors.Is(err, client.ErrInvalidArgument) || strings.Contains(err.Error(), "sk-from-file") {
		t.Errorf("key with a newline: %v", err)
	}
}

func TestOptionErrors(t *testing.T) {
	for name, o := range map[string]client.Option{
		"region":   client.WithRegion("mars"),
		"retries":  client.WithMaxRetries(-1),
		"timeout":  client.WithTimeout(-1),
		"http nil": client.WithHTTPClient(nil),
	} {
		if _, err := client.New(client.WithAPIKey("k"), o); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := client.New(client.WithAPIKey("k"), client.WithRegion(client.RegionEU), client.WithBaseURL("https://x")); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("region and base URL: %v", err)
	}
}

func TestRegions(t *testing.T) {
	want := map[string]string{
		"default": gen.ServerURLDefault, "us": gen.ServerURLUS, "eu": gen.ServerURLEU,
		"in": gen.ServerURLIndia, "sg": gen.ServerURLSingapore, " EU ": gen.ServerURLEU,
	}
	for name, u := range want {
		r, err := client.ParseRegion(name)
		if err != nil {
			t.Fatalf("ParseRegion(%q): %v", name, err)
		}
		c, err := client.New(client.WithAPIKey("k"), client.WithRegion(r))
		if err != nil || c.BaseURL() != u || c.Region() != r {
			t.Errorf("%s: BaseURL %q, Region %q, err %v; want %q", name, c.BaseURL(), c.Region(), err, u)
		}
	}
	for _, bad := range []string{"", "mars", "europe", "eu-west"} {
		if _, err := client.ParseRegion(bad); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("ParseRegion(%q) = %v", bad, err)
		}
	}
	c, err := client.New(client.WithAPIKey("k"))
	if err != nil || c.BaseURL() != gen.ServerURLDefault {
		t.Errorf("default BaseURL %q, %v", c.BaseURL(), err)
	}
}

// A region comes from a flag or a config file, where a secret may be
// pasted by mistake: the errors list the valid names, never the value.
func TestRegionErrorsNeverQuoteTheValue(t *testing.T) {
	const pasted = "sk_live_LEAKCANARY"
	_, perr := client.ParseRegion(pasted)
	_, werr := client.New(client.WithAPIKey("k"), client.WithRegion(pasted))
	for name, err := range map[string]error{"ParseRegion": perr, "WithRegion": werr} {
		if err == nil || strings.Contains(err.Error(), "LEAKCANARY") || !strings.Contains(err.Error(), "default, us, eu, in, sg") {
			t.Errorf("%s: want the valid names and not the value, got %v", name, err)
		}
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
