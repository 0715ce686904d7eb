package client_test

// Security review PoCs (branch review). Each test FAILS while the finding
// it names stands; failure messages never print the key or a value.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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

// hasTerminalControl reports a rune a terminal acts on: C0 but tab, DEL,
// C1 (U+0080-U+009F; U+009B is a CSI, U+009D an OSC), and bidi overrides.
func hasTerminalControl(s string, allowNewline bool) bool {
	for _, r := range s {
		switch {
		case r == '\t', r == '\n' && allowNewline:
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return true
		}
	}
	return false
}

// Response.Header is redacted but not made printable: Response.RequestID()
// returns the server's bytes, C1 controls included.
func TestAttackResponseRequestIDControls(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Request-Id"] = []string{"req\u009b2J\u009d0;pwned\u009c\u202e"}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := attackClient(t, srv.URL)
	var resp client.Response
	if err := c.Secrets.Delete(context.Background(), "sec_1", client.WithResponseInto(&resp)); err != nil {
		t.Fatal(err)
	}
	if hasTerminalControl(resp.RequestID(), false) {
		t.Errorf("Response.RequestID() carries terminal controls from the server: %q", resp.RequestID())
	}
}

// DuplicateNameError.Error() joins the server's ids raw: ESC, CR and C1
// from a listing reach whoever prints the error.
func TestAttackDuplicateNameIDsUnescaped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"secrets":[{"secret_id":"a\u001b]52;c;cHduZWQ=\u0007","name":"DB","used_by":{}},{"secret_id":"b\r\u001b[2K\u009b2J","name":"DB","used_by":{}}],"next_cursor":null}`))
	}))
	defer srv.Close()
	c := attackClient(t, srv.URL)
	_, err := c.Secrets.FindByName(context.Background(), "DB")
	if err == nil {
		t.Fatal("want a duplicate-name error")
	}
	if hasTerminalControl(err.Error(), false) {
		t.Errorf("DuplicateNameError text carries the server's control characters: %q", err.Error())
	}
}

// The redaction cost bound in RELIABILITY.md (64 KiB of escapes, ~0.16 s)
// holds for bodies, but header values are not bounded before redaction:
// net/http accepts up to 10 MiB of response headers, and every error
// response's request id (APIError.RequestID, snippet cuts after cleaning),
// each Debug log line and every WithResponseInto header is cleaned whole.
func TestAttackHugeRequestIDRedactionCost(t *testing.T) {
	id := strings.Repeat(`\u0041%41&#65;`, (8<<20)/15)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Request-Id"] = []string{id}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := attackClient(t, srv.URL)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	err := c.Secrets.Delete(context.Background(), "sec_1")
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("one 503 with an 8 MiB request id: %v, %d MiB allocated (err is %d bytes)", took, alloc>>20, len(err.Error()))
	// The documented worst case is ~28 MB of allocation for a whole call.
	if alloc > 64<<20 {
		t.Errorf("one error response made the client allocate %d MiB redacting a header (documented bound: about 28 MB)", alloc>>20)
	}
}

// paginate remembers every cursor a listing was given (list.go seen map),
// and a server may make each one as long as a success body allows: a
// listing that never ends (new cursor, one secret, every page) grows the
// heap by the cursors' size, page after page. IndexByName, FindByName and
// Upsert (and the CLI's apply) run such a listing to its end.
func TestAttackEndlessCursorsGrowTheHeap(t *testing.T) {
	var page atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := page.Add(1)
		cursor := fmt.Sprintf("%08d", n) + strings.Repeat("c", 256<<10)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"secrets":[{"secret_id":"s%d","name":"n","used_by":{}}],"next_cursor":"%s"}`, n, cursor)
	}))
	defer srv.Close()
	c := attackClient(t, srv.URL)
	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	const pages = 300
	var grew uint64
	i := 0
	for _, err := range c.Secrets.List(context.Background(), client.ListOptions{}) {
		if err != nil {
			t.Logf("stopped with %v after %d pages", err, i)
			return
		}
		if i++; i == pages {
			var m runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m)
			grew = m.HeapAlloc - base.HeapAlloc
			break
		}
	}
	t.Logf("%d pages: heap grew by %d MiB", pages, grew>>20)
	if grew > 32<<20 {
		t.Errorf("a listing of %d pages holds %d MiB of the server's cursors; it has no bound on pages or cursor size", pages, grew>>20)
	}
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
