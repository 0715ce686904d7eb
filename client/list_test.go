package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// A buggy server must not make List page forever.
func TestPagingStopsOnServerBugs(t *testing.T) {
	secret := `{"type":"stored","secret_id":"sec_1","name":"n","used_by":{"tools":[],"agents":[],"others":[]}}`
	for _, tc := range []struct {
		name      string
		page      func(n int64) string // the nth response body
		wantErr   string
		wantCalls int64
	}{
		{"repeated cursor",
			func(int64) string { return `{"secrets":[` + secret + `],"next_cursor":"same"}` },
			"repeated a page cursor", 2},
		{"empty pages that promise more",
			func(n int64) string { return fmt.Sprintf(`{"secrets":[],"next_cursor":"c%d"}`, n) },
			"empty pages", 10},
		{"a cursor over 4 KiB",
			func(int64) string {
				return `{"secrets":[` + secret + `],"next_cursor":"` + strings.Repeat("c", 4<<10+1) + `"}`
			},
			"over the 4 KiB limit", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int64
			c, _ := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, tc.page(calls.Add(1)))
			})
			_, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{}))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want one saying %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), "same") || strings.Contains(err.Error(), "cc") {
				t.Error("the error quotes the server's cursor")
			}
			if n := calls.Load(); n != tc.wantCalls {
				t.Errorf("%d requests, want %d", n, tc.wantCalls)
			}
		})
	}
}

// A listing that never ends (a new cursor and one secret on every page)
// stops after 10,000 pages with an error matching ErrResponseTooLarge, and
// holds hashes of the cursors it was given, not the cursors: the heap
// does not grow by the 40 MiB of 4 KiB cursors the server sent.
func TestEndlessListingStopsWithBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 requests")
	}
	var page atomic.Int64
	c, _ := hostileClient(t, func(w http.ResponseWriter, _ *http.Request) {
		n := page.Add(1)
		cursor := fmt.Sprintf("%08d", n) + strings.Repeat("c", 4<<10-8)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"secrets":[{"secret_id":"s%d","name":"n","used_by":{}}],"next_cursor":"%s"}`, n, cursor)
	})
	var base, m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	var err error
	items := 0
	for _, err = range c.Secrets.List(context.Background(), client.ListOptions{}) {
		if err != nil {
			break
		}
		if items++; items == 9_000 {
			runtime.GC()
			runtime.ReadMemStats(&m)
		}
	}
	if !errors.Is(err, client.ErrResponseTooLarge) || page.Load() != 10_000 {
		t.Fatalf("err = %v after %d pages, want ErrResponseTooLarge after 10,000", err, page.Load())
	}
	if grew := int64(m.HeapAlloc) - int64(base.HeapAlloc); grew > 8<<20 {
		t.Errorf("9,000 pages of 4 KiB cursors grew the heap by %d MiB", grew>>20)
	}
}
