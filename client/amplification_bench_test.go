package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
)

// Response bodies whose decoded form is far bigger than their bytes: a
// small JSON element ({}, "", null) becomes a struct or string header of
// tens to hundreds of bytes. The byte bound (1 MiB) holds them; the
// element bound and the one-pass decoding keep what decoding them costs.

// elementsBody is head, then elem repeated n times (comma-separated), then
// tail.
func elementsBody(head, elem, tail string, n int) string {
	var b strings.Builder
	b.Grow(len(head) + n*(len(elem)+1) + len(tail))
	b.WriteString(head)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(elem)
	}
	b.WriteString(tail)
	return b.String()
}

// fill is how many elem fit in a body of 1 MiB with head and tail.
func fill(head, elem, tail string) int {
	return (1<<20 - len(head) - len(tail)) / (len(elem) + 1)
}

const (
	getHead  = `{"secret_id":"s","name":"n","type":"stored","used_by":{"others":[],"agents":[],"tools":[`
	getTail  = `]}}`
	listHead = `{"secrets":[`
	listTail = `]}`
	depsHead = `{"dependencies":[`
	depsTail = `]}`
	refsHead = getHead + `{"type":"available","id":"t","referenced_resource_ids":[`
	refsTail = `]}` + getTail
)

// amplificationCases are the hostile shapes: each a body and the call
// that reads it.
func amplificationCases() []amplificationCase {
	get := func(c *client.Client) error { _, err := c.Secrets.Get(context.Background(), "s"); return err }
	list := func(c *client.Client) error { return drain(c.Secrets.List(context.Background(), client.ListOptions{})) }
	deps := func(c *client.Client) error {
		return drain(c.Secrets.Dependencies(context.Background(), "s", client.DependencyTools))
	}
	raw := func(c *client.Client) error {
		_, err := c.Raw().SecretsGetWithResponse(context.Background(), "s")
		return err
	}
	limit := client.MaxBodyElementsForTest // "at-limit": the most elements accepted
	update := func(c *client.Client) error {
		_, err := c.Secrets.Update(context.Background(), "s", "N", "v")
		return err
	}
	const errHead, errTail = `{"detail":[`, `]}`
	const locHead, locTail = errHead + `{"loc":[`, `]}` + errTail
	return []amplificationCase{
		{"Get/tools-1MiB", elementsBody(getHead, `{}`, getTail, fill(getHead, `{}`, getTail)), get},
		{"Get/tools-at-limit", elementsBody(getHead, `{}`, getTail, limit), get},
		{"Get/tools-numbers-1MiB", elementsBody(getHead, `0`, getTail, fill(getHead, `0`, getTail)), get},
		{"Get/refs-at-limit", elementsBody(refsHead, `""`, refsTail, limit-1), get},
		{"List/secrets-at-limit", elementsBody(listHead, `{"secret_id":"a"}`, listTail, limit), list},
		{"Dependencies/1MiB", elementsBody(depsHead, `{}`, depsTail, fill(depsHead, `{}`, depsTail)), deps},
		{"RawGet/tools-1MiB", elementsBody(getHead, `{}`, getTail, fill(getHead, `{}`, getTail)), raw},
		{"RawGet/tools-at-limit", elementsBody(getHead, `{}`, getTail, limit), raw},
		// Error bodies are cut at 64 KiB and parsed for a message and
		// field errors, without the element bound.
		{"Update422/detail-64KiB", elementsBody(errHead, `{}`, errTail, (64<<10-len(errHead)-len(errTail))/3), update},
		{"Update422/loc-64KiB", elementsBody(locHead, `0`, locTail, (64<<10-len(locHead)-len(locTail))/2), update},
	}
}

// amplificationCase is a body and the call that reads it; a name with
// "Update422" is served with status 422, any other with 200.
type amplificationCase struct {
	name string
	body string
	call func(c *client.Client) error
}

// drain runs an iterator to its end without keeping its items (only the
// client's memory is measured) and returns its error.
func drain[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// bodyServer answers every request with status and body.
func bodyServer(tb testing.TB, status int, body string) *httptest.Server {
	tb.Helper()
	b := []byte(body)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(b)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// heapObjects is the heap memory in objects, live or not yet swept.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// peakHeap runs f after a collection and returns the most heap memory in
// objects seen above where it started, sampled every 20 µs from another
// goroutine (runtime/metrics reads without stopping the world) and once
// more when f returns, so memory f keeps counts too.
func peakHeap(f func()) uint64 {
	runtime.GC()
	base := heapObjects()
	var mu sync.Mutex
	peak := base
	note := func(v uint64) {
		mu.Lock()
		peak = max(peak, v)
		mu.Unlock()
	}
	done := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		for {
			note(heapObjects())
			select {
			case <-done:
				return
			case <-time.After(20 * time.Microsecond):
			}
		}
	})
	f()
	note(heapObjects())
	close(done)
	sampler.Wait()
	return peak - base
}

// BenchmarkDecodeAmplification measures, per hostile body shape, the peak
// heap of one call above the heap before it ("peak-heap-MiB", the largest
// seen over all iterations) and what it allocated (B/op, which bounds the
// peak from above: it is the peak with the collector off). "x8" runs
// eight calls at once. Run with -benchtime=5x or so: every op starts with
// a full collection.
func BenchmarkDecodeAmplification(b *testing.B) {
	for _, tc := range amplificationCases() {
		for _, parallel := range []int{1, 8} {
			if parallel > 1 && !strings.HasSuffix(tc.name, "1MiB") {
				continue
			}
			b.Run(fmt.Sprintf("%s/x%d", tc.name, parallel), func(b *testing.B) {
				status := http.StatusOK
				if strings.HasPrefix(tc.name, "Update422") {
					status = http.StatusUnprocessableEntity
				}
				srv := bodyServer(b, status, tc.body)
				c, err := client.New(client.WithAPIKey(benchKey), client.WithBaseURL(srv.URL), client.WithMaxRetries(0))
				if err != nil {
					b.Fatal(err)
				}
				var worst uint64
				b.ReportAllocs()
				for b.Loop() {
					worst = max(worst, peakHeap(func() {
						var wg sync.WaitGroup
						for range parallel {
							wg.Go(func() { _ = tc.call(c) }) // an error is the fix working
						}
						wg.Wait()
					}))
				}
				b.ReportMetric(float64(worst)/(1<<20), "peak-heap-MiB")
			})
		}
	}
}
