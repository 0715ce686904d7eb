package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

func TestInvalidInputSendsNothing(t *testing.T) {
	w := newRecorder(t, 200, `{}`)
	c := recorderClient(t, w)
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
