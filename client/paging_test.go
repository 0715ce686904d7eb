package client_test

import (
	"context"
	"fmt"
	"net/http"
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
			if strings.Contains(err.Error(), "same") {
				t.Error("the error quotes the server's cursor")
			}
			if n := calls.Load(); n != tc.wantCalls {
				t.Errorf("%d requests, want %d", n, tc.wantCalls)
			}
		})
	}
}
