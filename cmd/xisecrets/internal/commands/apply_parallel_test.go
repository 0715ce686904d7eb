package commands

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// delayFront is a loopback host in front of the fake that adds a round
// trip's delay to each request, as the real API's network does, and
// answers every storm-th request (0: none) 429 with Retry-After: 1,
// without passing it on. It records the request shape: how many were in
// flight at most, and how many arrived while a 429's Retry-After ran
// that the client had not already sent (see early).
type delayFront struct {
	URL string

	mu                sync.Mutex
	inFlight, maxSeen int
	requests, limited int
	pauseEnd          time.Time // when the last 429's Retry-After ends
	inFlightAt429     int       // requests in flight when it was answered
	duringPause       int       // arrivals before pauseEnd, since the 429
	early             int       // arrivals beyond those already sent
}

func newDelayFront(tb testing.TB, h *harness, delay time.Duration, storm int) *delayFront {
	tb.Helper()
	target, _ := url.Parse(h.srv.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	f := &delayFront{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests++
		n := f.requests
		f.inFlight++
		f.maxSeen = max(f.maxSeen, f.inFlight)
		if time.Now().Before(f.pauseEnd) {
			f.duringPause++
			// Requests the client had sent before it read the 429 (at
			// most one per other worker) may still arrive; any more were
			// sent during the pause.
			f.early = max(f.early, f.duringPause-f.inFlightAt429)
		}
		f.mu.Unlock()
		defer func() { f.mu.Lock(); f.inFlight--; f.mu.Unlock() }()
		time.Sleep(delay)
		if storm > 0 && n%storm == 0 {
			f.mu.Lock()
			f.limited++
			f.pauseEnd = time.Now().Add(time.Second)
			f.inFlightAt429, f.duringPause = f.inFlight-1, 0
			f.mu.Unlock()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

// changedNames seeds the fake with names secrets and returns a file that
// sets each to a new value (every line an update), and their ids.
func changedNames(tb testing.TB, h *harness, names int) (string, []string) {
	tb.Helper()
	var file strings.Builder
	ids := make([]string, names)
	for i := range names {
		name := fmt.Sprintf("NAME_%04d", i)
		var err error
		if ids[i], err = h.srv.Seed(name, "old"); err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(&file, "%s=new-%d\n", name, i)
	}
	return writeFile(tb, file.String()), ids
}

// Under a 429 storm, apply keeps at most --parallel requests in flight,
// sends none during a 429's Retry-After beyond those it had sent before
// reading it, prints the file's order, and converges.
func TestApplyParallelUnderA429Storm(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out two 429s of Retry-After: 1")
	}
	const names, parallel = 60, 4
	h := newHarness(t)
	file, ids := changedNames(t, h, names)
	f := newDelayFront(t, h, 5*time.Millisecond, 25)
	h.via = f.URL
	r := h.run("", "apply", "--file", file, "--parallel", fmt.Sprint(parallel))
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.maxSeen > parallel || f.maxSeen < 2 {
		t.Errorf("at most %d requests were in flight, want 2 to %d", f.maxSeen, parallel)
	}
	if f.limited < 2 || f.early > 0 {
		t.Errorf("%d 429s; %d requests sent during a Retry-After; want 2 or more 429s and none sent", f.limited, f.early)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")[1:]
	for i, l := range lines {
		if want := fmt.Sprintf("NAME_%04d", i); !strings.HasPrefix(l, want+" ") {
			t.Fatalf("line %d is %q, want %s: not the file's order", i+1, l, want)
		}
	}
	for i := range names {
		if !h.srv.ValueIs(ids[i], fmt.Sprintf("new-%d", i)) {
			t.Fatalf("NAME_%04d does not hold its new value", i)
		}
	}
}

// BenchmarkApplyDelayed is apply of 400 changed names through a loopback
// host that adds 50 ms to each request, one request at a time and eight
// (the default); "storm" answers every 50th request 429, Retry-After: 1.
// make bench-apply runs it (BENCHMARKS.md, Apply).
func BenchmarkApplyDelayed(b *testing.B) {
	for _, bc := range []struct {
		name            string
		parallel, storm int
	}{{"parallel=1", 1, 0}, {"parallel=8", 8, 0}, {"parallel=8/storm", 8, 50}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				h := newHarness(b)
				file, _ := changedNames(b, h, 400)
				f := newDelayFront(b, h, 50*time.Millisecond, bc.storm)
				h.via = f.URL
				b.StartTimer()
				h.mustRun("", "apply", "--file", file, "--parallel", fmt.Sprint(bc.parallel))
				b.StopTimer()
				b.ReportMetric(float64(f.maxSeen), "max-in-flight")
				b.ReportMetric(float64(f.limited), "429s")
				b.ReportMetric(float64(f.requests), "requests")
				b.StartTimer()
			}
		})
	}
}

// apply --env runs on the same pool: at most --parallel requests in
// flight, results in the file's order, and every label bound to its
// environment's secret, NAME@staging.
func TestApplyEnvParallel(t *testing.T) {
	const names, parallel = 40, 4
	h := newHarness(t)
	var prod, staging strings.Builder
	for i := range names {
		fmt.Fprintf(&prod, "NAME_%04d=p%d\n", i, i)
		fmt.Fprintf(&staging, "NAME_%04d=s%d\n", i, i)
	}
	h.mustRun("", "apply", "--file", writeFile(t, prod.String()), "--env", "production")
	f := newDelayFront(t, h, 5*time.Millisecond, 0)
	h.via = f.URL
	r := h.run("", "apply", "--file", writeFile(t, staging.String()), "--env", "staging", "--parallel", fmt.Sprint(parallel))
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	f.mu.Lock()
	if f.maxSeen > parallel || f.maxSeen < 2 {
		t.Errorf("at most %d requests were in flight, want 2 to %d", f.maxSeen, parallel)
	}
	f.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")[1:]
	for i, l := range lines {
		if want := fmt.Sprintf("NAME_%04d@staging ", i); !strings.HasPrefix(l, want) {
			t.Fatalf("line %d is %q, want %s: not the file's order", i+1, l, want)
		}
	}
	for i := range names {
		label := fmt.Sprintf("NAME_%04d", i)
		ev, ok := h.srv.EnvironmentVariable(label)
		if !ok || ev.Values["staging"].SecretID() == "" || ev.Values["staging"] == ev.Values["production"] {
			t.Fatalf("%s: staging is not bound to a secret of its own: %+v", label, ev)
		}
		if !h.srv.ValueIs(ev.Values["staging"].SecretID(), fmt.Sprintf("s%d", i)) {
			t.Fatalf("%s: staging's secret does not hold the staging value", label)
		}
	}
}
