package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

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
