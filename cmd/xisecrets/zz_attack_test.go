package main

// Security review PoCs (branch review). Each test FAILS while the finding
// it names stands; failure messages never print the key or a value.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// main turns SIGINT/SIGTERM into a cancelled context, so the signals no
// longer end the process; readValue and readApplyFile then block in
// os.Open/io.ReadAll on a FIFO (or a stalled stdin) without looking at
// the context: Ctrl-C is swallowed and only SIGKILL ends the command.
func TestAttackFIFOValueFileIgnoresCancel(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "value.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the operator pressed Ctrl-C
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = readValue(ctx, env{stdin: strings.NewReader(""), stderr: io.Discard, stdout: io.Discard}, fifo)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Errorf("readValue on a FIFO with no writer ignores a cancelled context (Ctrl-C) and blocks")
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil { // unblock the reader
			_ = w.Close()
		}
		<-done
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
