package commands

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// cliChildEnv makes the test binary, run again as a child, be the CLI as
// main runs it: the arguments after "--", the real environment, the OS
// keyring, and a context that SIGINT and SIGTERM end (cli.NotifyContext),
// so the exit status is main's.
const cliChildEnv = "XISECRETS_TEST_CLI_CHILD"

// TestCLIChild is the CLI in a child process (see cliChildEnv).
func TestCLIChild(t *testing.T) {
	if os.Getenv(cliChildEnv) != "1" {
		t.Skip("run as a child by other tests")
	}
	ctx, stop := cli.NotifyContext(context.Background())
	code := run(ctx, flag.Args(), osEnv())
	stop()
	os.Exit(code)
}

// barrier is a loopback host in front of a fake that holds each request
// until n have come (or a few seconds have passed), then lets them all
// through at once: every login checks its key, then all of them store it
// at the same moment.
type barrier struct {
	n       int
	mu      sync.Mutex
	arrived int
	open    chan struct{}
}

func (b *barrier) front(t *testing.T, srv *secretstest.Server) string {
	target, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		if b.arrived++; b.arrived == b.n {
			close(b.open)
		}
		b.mu.Unlock()
		select {
		case <-b.open:
		case <-time.After(10 * time.Second):
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	return front.URL
}

// concurrentLogins runs one auth login per profile at once, as child
// processes, plus two logins of profile "both", one per host (each host
// takes only its own key); then checks that every login said so, and
// that every profile works with its own host. keyring is the parent's
// view of the children's OS keyring; storages are the flags the profiles
// take in turn ("" for the keyring).
func concurrentLogins(t *testing.T, keyring cli.KeyStore, storages []string, childEnv []string) {
	h := newAuthHarness(t)
	h.keyring = keyring
	h.srv = secretstest.NewServer(t, secretstest.WithAPIKey(testKey))
	other := secretstest.NewServer(t, secretstest.WithAPIKey(otherKey))
	type login struct {
		profile, key, host, storage string
	}
	var logins []login
	for i := range 6 {
		logins = append(logins, login{fmt.Sprintf("p%d", i), testKey, "", storages[i%len(storages)]})
	}
	logins = append(logins, login{"both", testKey, "", storages[0]}, login{"both", otherKey, "other", storages[len(storages)-1]})
	b := &barrier{n: len(logins), open: make(chan struct{})}
	hostA, hostB := b.front(t, h.srv), b.front(t, other)
	type result struct {
		out string
		err error
	}
	results := make([]result, len(logins))
	var wg sync.WaitGroup
	for i, l := range logins {
		host := hostA
		if l.host == "other" {
			host = hostB
		}
		args := []string{"-test.run=^TestCLIChild$", "--", "auth", "login", "--profile", l.profile, "--base-url", host}
		if l.storage != "" {
			args = append(args, l.storage)
		}
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), append(childEnv, cliChildEnv+"=1", config.EnvConfigDir+"="+h.dir)...)
		cmd.Stdin = strings.NewReader(l.key)
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := cmd.CombinedOutput()
			results[i] = result{strings.NewReplacer(testKey, "<key>", otherKey, "<other key>").Replace(string(out)), err}
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.err != nil || !strings.Contains(r.out, "logged in: profile "+logins[i].profile) {
			t.Errorf("login of %s: %v\n%s", logins[i].profile, r.err, r.out)
		}
	}
	// Each profile works: its key is stored, and its host is the one
	// that takes that key (for "both": whichever login came last, whole).
	cfg, err := config.LoadConfig(h.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range logins {
		got, ok := cfg.Profiles[l.profile]
		if !ok {
			t.Errorf("profile %s is not in config.json", l.profile)
			continue
		}
		if l.profile != "both" && got.BaseURL != hostA {
			t.Errorf("profile %s has host %s, want %s", l.profile, got.BaseURL, hostA)
		}
		if r := h.run("", "list", "--profile", l.profile); r.code != cli.ExitOK {
			t.Errorf("list --profile %s: exit %d: %s", l.profile, r.code, r.stderr)
		}
	}
	noKeyRefused(t, h)
	for _, r := range other.Requests() {
		if r.Status == 401 {
			t.Errorf("the other host was sent a key not its own")
		}
	}
}

// Logins at once, to credentials.json, as real processes: none is lost,
// and two of one profile leave one whole (key and host of one login).
func TestConcurrentLoginsToTheFile(t *testing.T) {
	// The children never reach the user's keyring: no session bus.
	noBus := "DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(t.TempDir(), "no-bus")
	concurrentLogins(t, nil, []string{"--insecure-storage"}, []string{noBus})
}
