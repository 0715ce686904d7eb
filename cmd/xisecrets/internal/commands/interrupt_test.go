package commands

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// signalChild starts the CLI with args as a child process, with the key in
// its environment and a configuration directory of its own.
func signalChild(t *testing.T, stdin *os.File, args ...string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestCLIChild$", "-test.count=1", "--"}, args...)...)
	cmd.Env = append(os.Environ(), cliChildEnv+"=1", config.EnvKey+"="+testKey, config.EnvConfigDir+"="+t.TempDir())
	stderr := &lockedBuffer{}
	cmd.Stdin, cmd.Stderr = stdin, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, stderr
}

// lockedBuffer is a child's stderr, read while the child writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits until the child's stderr holds text.
func (b *lockedBuffer) waitFor(t *testing.T, text string) {
	t.Helper()
	for deadline := time.Now().Add(fakeStopBound); !strings.Contains(b.String(), text); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the child never said %q: %q", text, b.String())
		}
	}
}

// exitOf waits for cmd (at most a bound that only a hung child reaches)
// and returns its status.
func exitOf(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(fakeStopBound):
		t.Fatal("the child did not exit after the signal")
	}
	return cmd.ProcessState.ExitCode()
}

// Ctrl-C during a request: apply stops, says how many names were not
// attempted, and exits 130 (SIGTERM: 143).
func TestInterruptDuringARequestExits130(t *testing.T) {
	for _, tc := range []struct {
		sig  os.Signal
		code int
	}{{os.Interrupt, cli.ExitInterrupted}, {syscall.SIGTERM, cli.ExitTerminated}} {
		h := newHarness(t)
		target, _ := url.Parse(h.srv.URL())
		proxy := httputil.NewSingleHostReverseProxy(target)
		arrived := make(chan struct{}, 10)
		release := make(chan struct{})
		front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost { // a create: held until the test ends
				arrived <- struct{}{}
				select {
				case <-release:
				case <-r.Context().Done():
				}
				return
			}
			proxy.ServeHTTP(w, r)
		}))
		file := filepath.Join(t.TempDir(), "prod.env")
		if err := os.WriteFile(file, []byte("A=1\nB=2\nC=3\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd, stderr := signalChild(t, nil, "apply", "--file", file, "--parallel", "1", "--base-url", front.URL)
		select {
		case <-arrived:
		case <-time.After(fakeStopBound):
			t.Fatal("apply sent no create")
		}
		if err := cmd.Process.Signal(tc.sig); err != nil {
			t.Fatal(err)
		}
		code := exitOf(t, cmd)
		close(release)
		front.Close()
		if code != tc.code || !strings.Contains(stderr.String(), "interrupted") || !strings.Contains(stderr.String(), "of 3 names not attempted") {
			t.Errorf("%v: exit %d, stderr %q; want %d and the summary", tc.sig, code, stderr, tc.code)
		}
	}
}
