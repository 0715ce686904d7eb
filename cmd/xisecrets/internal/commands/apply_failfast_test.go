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

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
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

// --prune stops the same way: when the API goes away while it deletes,
// the deletions in flight fail, no other is tried, and the message
// counts the deletions not tried. Nothing it did not try is gone.
func TestPruneStopsWhenTheAPIGoesAway(t *testing.T) {
	const extras, parallel, names = 200, 4, 5
	h := newHarness(t)
	for i := range extras {
		id, err := h.srv.Seed(fmt.Sprintf("OLD%03d", i), testValue)
		if err != nil {
			t.Fatal(err)
		}
		if i%20 == 0 { // kept, with no request: counted apart from the deletions done
			if err := h.srv.MarkInUse(id, client.DependencyTools, "tool"); err != nil {
				t.Fatal(err)
			}
		}
	}
	var file strings.Builder
	for i := range names {
		fmt.Fprintf(&file, "N%d=v\n", i)
	}
	// The secrets' listing (two pages of 100, one of none left), the
	// environment variables' listing, a create per name, then 10
	// deletions.
	const before = 3 + 1 + names
	front, count := stoppingFront(t, h, before+10)
	h.via = front
	r := h.run("", "apply", "--file", writeFile(t, file.String()), "--prune", "--yes", "--json", "--parallel", fmt.Sprint(parallel))
	if r.code != cli.ExitAPI {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	deleted, failed, inUse := 0, 0, 0
	for _, row := range applyRows(t, r.stdout) {
		switch row.Status {
		case "deleted":
			deleted++
		case "failed":
			failed++
		case statusInUse:
			inUse++
		}
	}
	if got := count(); got < before+10 {
		t.Fatalf("the front served %d requests, want %d: the run stopped before the deletions (stderr: %s)", got, before+10, r.stderr)
	}
	if tried := deleted + failed; tried > 10+2*parallel || failed == 0 || failed > 2*parallel {
		t.Errorf("%d deletions tried (%d failed) of %d after the API stopped having served 10; want at most %d tried, 1 to %d failed",
			tried, failed, extras, 10+2*parallel, 2*parallel)
	}
	if left := h.srv.Len(); left != extras+names-deleted {
		t.Errorf("the fake holds %d secrets, want %d: only the deletions reported deleted happened", left, extras+names-deleted)
	}
	want := fmt.Sprintf("apply stopped: the API cannot be reached: %d of %d names done (0 failed, 0 of them on this), 0 not tried; of %d deletions, %d done, %d kept in use, %d failed (%d of them on this), %d not tried; run it again once the API answers: delete secret: ",
		names, names, extras, deleted, inUse, failed, failed, extras-deleted-failed-inUse)
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
	}
	if n := strings.Count(r.stderr, "connection refused"); n > 2 {
		t.Errorf("stderr says connection refused %d times, want it once in the message and once in the hint:\n%s", n, r.stderr)
	}
}

// A 429 asking for a longer wait than the client waits (Retry-After over
// 60 s) is the workspace's limit, not the name's: apply stops after the
// requests in flight, says when to run it again, and tries no other name.
func TestApplyStopsWhenRateLimitedPastTheRetries(t *testing.T) {
	const names, parallel = 100, 4
	h := newHarness(t)
	faults := make([]secretstest.Fault, names)
	for i := range faults {
		faults[i] = secretstest.Fault{Method: http.MethodPost, Status: http.StatusTooManyRequests,
			Header: http.Header{"Retry-After": {"120"}}, Body: `{"detail":{"status":"rate_limit_exceeded","message":"slow down"}}`}
	}
	h.srv.Inject(faults...)
	var file strings.Builder
	for i := range names {
		fmt.Fprintf(&file, "N%03d=v\n", i)
	}
	r := h.run("", "apply", "--file", writeFile(t, file.String()), "--json", "--parallel", fmt.Sprint(parallel))
	if r.code != cli.ExitAPI {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	posts := 0
	for _, req := range h.srv.Requests() {
		if req.Method == http.MethodPost {
			posts++
		}
	}
	if rows := len(applyRows(t, r.stdout)); posts > parallel || rows != posts {
		t.Errorf("%d creates sent, %d names reported; want at most %d, one per create", posts, rows, parallel)
	}
	for _, w := range []string{
		fmt.Sprintf("apply stopped: the API rate-limits the workspace: 0 of %d names done (%d failed, %d of them on this), %d not tried", names, posts, posts, names-posts),
		"hint: the API rate-limits this workspace: run it again after 2m0s (the API's Retry-After)",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
		}
	}
}
