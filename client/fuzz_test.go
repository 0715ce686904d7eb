package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// FuzzIDIsOneSegment: whatever the id, the request goes to
// /v1/convai/secrets/<one segment> that decodes back to the id, or the id
// is refused before anything is sent.
func FuzzIDIsOneSegment(f *testing.F) {
	for _, seed := range []string{"abc", "a/b", "..", ".", "?x", "#", "a b", "é", "%2e%2e", "a/../../b", "\x00", "//x"} {
		f.Add(seed)
	}
	w := newRecorder(f, 404, `{"detail":"nope"}`)
	c, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(w.URL), client.WithMaxRetries(0))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, id string) {
		w.take()
		var resp client.Response
		_, err := c.Secrets.Get(context.Background(), id, client.WithResponseInto(&resp))
		reqs := w.take()
		if errors.Is(err, client.ErrInvalidArgument) {
			if len(reqs) != 0 {
				t.Fatalf("invalid id %q was sent", id)
			}
			return
		}
		if resp.StatusCode != http.StatusNotFound || len(reqs) != 1 {
			t.Fatalf("id %q: status %d, %d requests, err %v", id, resp.StatusCode, len(reqs), err)
		}
		r := reqs[0]
		rest, ok := strings.CutPrefix(r.RequestURI, "/v1/convai/secrets/")
		if !ok || strings.ContainsAny(rest, "/?#") || r.PathID != id {
			t.Fatalf("id %q sent as %s (server saw %q)", id, r.RequestURI, r.PathID)
		}
	})
}
