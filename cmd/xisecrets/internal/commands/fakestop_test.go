package commands

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// fakeChildEnv makes the test binary, run again as a child, be
// `xisecrets fake` through the real main: its own signal handling and exit.
const fakeChildEnv = "XISECRETS_TEST_FAKE_CHILD"

// fakeProcess is `xisecrets fake` running as a process of its own.
type fakeProcess struct {
	cmd    *exec.Cmd
	addr   string        // host:port it serves on
	stderr chan string   // its stderr, line by line
	exited chan struct{} // closed when it has exited
}

// startFakeProcess starts `xisecrets fake` as a child process, waits until
// it serves, and kills it when the test ends if it still runs.
func startFakeProcess(t *testing.T) *fakeProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFakeProcessChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), fakeChildEnv+"=1", "ELEVENLABS_API_KEY="+testKey)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &fakeProcess{cmd: cmd, stderr: make(chan string, 100), exited: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.stderr <- sc.Text()
		}
		close(p.stderr)
	}()
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "serving the secrets API fake on http://"); ok {
			p.addr = rest
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	go func() { _ = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.exited
	})
	if p.addr == "" {
		t.Fatal("xisecrets fake did not start")
	}
	return p
}

// stall connects to the fake, sends headers and half a body, and stops;
// it returns once the fake is reading that body.
func (p *fakeProcess) stall(t *testing.T) {
	t.Helper()
	conn, err := net.Dial("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_, err = io.WriteString(conn, "POST /v1/convai/secrets HTTP/1.1\r\nHost: fake\r\nxi-api-key: "+testKey+
		"\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"type\":\"new\",")
	if err != nil {
		t.Fatal(err)
	}
	// Another request sees it in progress: the fake counts it in the
	// vendor's concurrency header.
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for deadline := time.Now().Add(fakeStopBound); ; time.Sleep(10 * time.Millisecond) {
		resp, err := hc.Get("http://" + p.addr + "/v1/convai/secrets")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("current-concurrent-requests") == "2" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the fake never started the stalled request")
		}
	}
}

func (p *fakeProcess) interrupt(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
}

// waitExit waits up to d for the process to exit, and returns what it
// wrote on stderr.
func (p *fakeProcess) waitExit(t *testing.T, d time.Duration) string {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(d):
		t.Fatalf("xisecrets fake still runs %v later", d)
	}
	var lines []string
	for l := range p.stderr {
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// waitLine waits up to bound for a stderr line holding want.
func (p *fakeProcess) waitLine(t *testing.T, want string) {
	t.Helper()
	timeout := time.After(fakeStopBound)
	for {
		select {
		case l, ok := <-p.stderr:
			if !ok {
				t.Fatalf("xisecrets fake exited without saying %q", want)
			}
			if strings.Contains(l, want) {
				return
			}
		case <-timeout:
			t.Fatalf("xisecrets fake did not say %q within %v", want, fakeStopBound)
		}
	}
}

// fakeStopBound is slack for a loaded machine, not a timing benchmark.
const fakeStopBound = 5 * time.Second

// TestFakeProcessChild is the child of the tests below; it does nothing
// in a normal run.
func TestFakeProcessChild(t *testing.T) {
	if os.Getenv(fakeChildEnv) != "1" {
		return
	}
	os.Args = []string{"xisecrets", "fake", "--addr", "127.0.0.1:0"}
	// As main runs it: an interrupt or SIGTERM ends the command's context.
	ctx, stop := cli.NotifyContext(context.Background())
	code := run(ctx, os.Args[1:], osEnv())
	stop()
	os.Exit(code)
}

// Ctrl-C stops the fake within its grace period, though a client sent half
// a request and stalled.
func TestFakeInterruptedWithAStalledClient(t *testing.T) {
	t.Parallel()
	p := startFakeProcess(t)
	p.stall(t)
	p.interrupt(t)
	stderr := p.waitExit(t, fakeGrace+fakeStopBound)
	if code := p.cmd.ProcessState.ExitCode(); code != 0 || !strings.Contains(stderr, "were cut") {
		t.Errorf("exit %d, stderr %q; want 0, saying the stalled request was cut", code, stderr)
	}
}

// A second Ctrl-C stops the fake at once, without waiting out the grace
// period for a stalled client.
func TestFakeInterruptedTwice(t *testing.T) {
	t.Parallel()
	p := startFakeProcess(t)
	p.stall(t)
	p.interrupt(t)
	p.waitLine(t, "interrupt again to stop now")
	p.interrupt(t)
	// Well within the grace period: the fake did not wait it out.
	if stderr := p.waitExit(t, fakeGrace/2); !strings.Contains(stderr, "interrupted again") {
		t.Errorf("stderr %q; want it to say it stopped on the second interrupt", stderr)
	}
}
