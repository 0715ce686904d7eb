package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// A body within the byte bound whose elements would take far more memory
// to decode (BenchmarkDecodeAmplification measures how much) is refused
// with ErrResponseTooLarge, by the facade and Raw() alike, and not
// retried. The memory figures are the benchmark's; a test only checks
// the refusal.
func TestTooManyArrayElementsRefused(t *testing.T) {
	for _, tc := range amplificationCases() {
		if !strings.HasSuffix(tc.name, "1MiB") {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			c, requests := countingBodyClient(t, tc.body)
			if err := tc.call(c); !errors.Is(err, client.ErrResponseTooLarge) {
				t.Errorf("err = %.200v, want ErrResponseTooLarge", err)
			}
			if n := requests.Load(); n != 1 {
				t.Errorf("%d requests, want 1 (not retried)", n)
			}
		})
	}
}

// The bound counts elements exactly: the limit is accepted and decoded,
// one more is refused.
func TestArrayElementsBoundIsExact(t *testing.T) {
	limit := client.MaxBodyElementsForTest
	for _, tc := range []struct {
		name string
		head string
		n    int
	}{
		{"tools", getHead, limit},
		{"referenced ids of one tool", refsHead, limit - 1},
	} {
		tail := map[string]string{getHead: getTail, refsHead: refsTail}[tc.head]
		elem := map[string]string{getHead: `{"type":"unknown","id":"x"}`, refsHead: `"agent_1"`}[tc.head]
		t.Run(tc.name, func(t *testing.T) {
			c, _ := countingBodyClient(t, elementsBody(tc.head, elem, tail, tc.n))
			s, err := c.Secrets.Get(context.Background(), "s")
			if err != nil {
				t.Fatalf("at the limit: %v", err)
			}
			got := len(s.UsedBy.Tools)
			if tc.head == refsHead {
				got = len(s.UsedBy.Tools[0].ReferencedResourceIDs)
			}
			if got != tc.n {
				t.Errorf("decoded %d, want %d", got, tc.n)
			}
			c, _ = countingBodyClient(t, elementsBody(tc.head, elem, tail, tc.n+1))
			if _, err := c.Secrets.Get(context.Background(), "s"); !errors.Is(err, client.ErrResponseTooLarge) {
				t.Errorf("one over the limit: err = %.200v, want ErrResponseTooLarge", err)
			}
		})
	}
}

// countingBodyClient is a client of a server that answers body to every
// request, and the count of requests it got.
func countingBodyClient(t *testing.T, body string) (*client.Client, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(srv.URL), client.WithBackoffForTest(0, 0), client.WithSleepForTest((&waits{}).sleep))
	if err != nil {
		t.Fatal(err)
	}
	return c, &n
}
