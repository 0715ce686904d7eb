package client_test

// Security review PoCs (branch review). Each test FAILS while the finding
// it names stands; failure messages never print the key or a value.

import (
	"context"
	"net/http"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

const attackKey = "sk_attack_0123456789abcdef0123456789abcdef"

func attackClient(t *testing.T, base string, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(append([]client.Option{
		client.WithAPIKey(attackKey),
		client.WithBaseURL(base),
		client.WithMaxRetries(0),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkID and the host guard decode an id once; an id that is itself
// percent-encoded ("%2e%2e", "%2E%2E%2F..") passes both and reaches the
// wire as %252e%252e, which a proxy or router that decodes twice resolves
// to DELETE /v1/convai/ (or another endpoint). Vendor ids are plain
// tokens (sec_...), so refusing '%' in ids costs nothing.
func TestAttackDoubleEncodedDotID(t *testing.T) {
	w := newWire(t, http.StatusNoContent, "")
	c := wireClient(t, w)
	for _, id := range []string{"%2e%2e", "%2E%2E%2F%2E%2E", "x%2F%2e%2e"} {
		if err := c.Secrets.Delete(context.Background(), id); err == nil {
			t.Errorf("Delete(%q) was sent (as %s); a twice-decoding proxy routes it to another endpoint", id, w.requests()[len(w.requests())-1].RequestURI)
		}
	}
}
