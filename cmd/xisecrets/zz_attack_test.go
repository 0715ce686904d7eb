package main

// Security review PoCs (branch review). Each test FAILS while the finding
// it names stands; failure messages never print the key or a value.

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// --base-url with the key as user info (or in a query) is refused, and the
// refusal prints the URL as given, key and all.
func TestAttackBaseURLWithKeyPrinted(t *testing.T) {
	for _, base := range []string{"https://" + testKey + "@api.elevenlabs.io", "https://api.elevenlabs.io?xi-api-key=" + testKey} {
		r := runWithout(t, "list", "--base-url", base)
		if strings.Contains(r.stdout+r.stderr, testKey) {
			t.Errorf("--base-url refusal printed the key: %s", strings.ReplaceAll(r.stderr, testKey, "<key>"))
		}
	}
}

// The client's url.Error text keeps the request URL unredacted, cursor
// included (client/redact.go errText): a server that echoes the key as
// next_cursor and then drops the connection gets `xisecrets list` to
// print the key on stderr (a CI log).
func TestAttackListPrintsKeyEchoedAsCursor(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"secrets":[{"secret_id":"s1","name":"n1","used_by":{}}],"next_cursor":"` + r.Header.Get("xi-api-key") + `"}`))
			return
		}
		conn, _, _ := http.NewResponseController(w).Hijack()
		_ = conn.Close()
	}))
	defer srv.Close()
	r := runWithout(t, "list", "--base-url", srv.URL)
	if strings.Contains(r.stdout+r.stderr, testKey) {
		t.Errorf("xisecrets list printed the key (echoed as a cursor): %s", strings.ReplaceAll(r.stderr, testKey, "<key>"))
	}
}
