package commands

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// stoppingFront is a loopback host in front of the fake that serves
// `serve` requests, then stops listening: every later connection is
// refused, as when the fake is stopped mid-run. Each answer closes its
// connection, so no request after the stop rides on an old one.
func stoppingFront(t *testing.T, h *harness, serve int) (base string, served func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	target, _ := url.Parse(h.srv.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	var mu sync.Mutex
	n := 0
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		if n == serve {
			ln.Close()
		}
		mu.Unlock()
		w.Header().Set("Connection", "close")
		proxy.ServeHTTP(w, r)
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String(), func() int { mu.Lock(); defer mu.Unlock(); return n }
}

// When the API goes away mid-run, apply stops: the names in flight fail,
// no other is tried, and one message names the host and the counts;
// the per-name lines do not repeat "connection refused".
func TestApplyStopsWhenTheAPIGoesAway(t *testing.T) {
	const names, parallel, served = 300, 4, 11 // the listing and 10 creates
	h := newHarness(t)
	var file strings.Builder
	for i := range names {
		fmt.Fprintf(&file, "N%03d=v\n", i)
	}
	front, count := stoppingFront(t, h, served)
	h.via = front
	r := h.run("", "apply", "--file", writeFile(t, file.String()), "--json", "--parallel", fmt.Sprint(parallel))
	if r.code != cli.ExitAPI {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	rows := applyRows(t, r.stdout)
	failed := 0
	for _, row := range rows {
		if row.Status == "failed" {
			failed++
		}
	}
	// Tried after the stop: the names in flight when it came, at most
	// one per worker, or two where a connection the front accepted just
	// before it stopped was reset (a reset is not "unreachable"); none
	// later.
	servedCreates := count() - 1
	if tried := len(rows); tried > servedCreates+2*parallel || failed > 2*parallel || failed == 0 {
		t.Errorf("%d names tried (%d failed) of %d after the API stopped having served %d creates; want at most %d tried, 1 to %d failed",
			tried, failed, names, servedCreates, servedCreates+2*parallel, 2*parallel)
	}
	if count() < served {
		t.Errorf("the front served %d requests, want %d", count(), served)
	}
	want := []string{
		fmt.Sprintf("apply stopped: the API cannot be reached: %d of %d names done (%d failed, ", len(rows)-failed, names, failed),
		fmt.Sprintf("), %d not tried", names-len(rows)),
		"hint: the API at " + front + " cannot be reached (connection refused; host set by --base-url)",
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
		}
	}
	if n := strings.Count(r.stderr, "connection refused"); n > 2 {
		t.Errorf("stderr says connection refused %d times, want it once in the message and once in the hint:\n%s", n, r.stderr)
	}
}
