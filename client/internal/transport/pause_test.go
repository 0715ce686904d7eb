package transport

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that only Sleep moves.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

// advance moves the clock to from+d, unless it is past that already.
func (c *fakeClock) advance(from time.Time, d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t := from.Add(d); t.After(c.now) {
		c.now = t
	}
}

// One request's 429 with Retry-After pauses every request of the Doer:
// on a fake clock, no request is sent by any goroutine before the
// Retry-After ends, counted at the transport.
func TestA429PausesEveryRequest(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	const retryAfter = 3 * time.Second
	var mu sync.Mutex
	var sent []time.Time // the clock at each request sent
	first := true
	var others sync.WaitGroup // each of the eight has sent
	others.Add(8)
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, clock.Now())
		if n := len(sent); n >= 2 && n <= 9 {
			others.Done() // one of the eight: they all send before the first one's retry
		}
		resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}
		if first {
			first = false
			resp.StatusCode = http.StatusTooManyRequests
			resp.Header.Set("Retry-After", "3")
		}
		return resp, nil
	})
	paused := make(chan struct{}) // the 429's own retry waits: the pause is set
	release := make(chan struct{})
	var once sync.Once
	d := &Doer{
		HTTP:       &http.Client{Transport: rt},
		MaxRetries: 2,
		Now:        clock.Now,
		Sleep: func(ctx context.Context, w time.Duration) error {
			from := clock.Now()
			isFirst := false
			once.Do(func() { isFirst = true })
			if isFirst {
				close(paused)
				<-release // the others start while this one waits
			}
			clock.advance(from, w)
			return nil
		},
	}
	do := func() {
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/v1/convai/secrets", nil)
		resp, err := d.Do(req)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("Do: %v, %v", resp, err)
		}
	}
	start := clock.Now()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); do() }()
	<-paused
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); do() }()
	}
	// Once each of the eight has sent (after its own wait, if it waits),
	// the first one's wait ends.
	others.Wait()
	close(release)
	wg.Wait()
	if len(sent) != 10 {
		t.Fatalf("%d requests sent, want 10 (one 429, its retry, eight others)", len(sent))
	}
	early := 0
	for _, at := range sent[1:] {
		if at.Before(start.Add(retryAfter)) {
			early++
		}
	}
	if early > 0 {
		var b strings.Builder
		for _, at := range sent {
			b.WriteString(at.Sub(start).String() + " ")
		}
		t.Errorf("%d requests were sent before the 429's Retry-After (%s) ended; sent at %s", early, retryAfter, b.String())
	}
}
