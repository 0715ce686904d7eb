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
