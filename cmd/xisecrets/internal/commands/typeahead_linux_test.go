package commands

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"golang.org/x/sys/unix"
)

// openPTY opens a real pseudo-terminal pair through /dev/ptmx: the
// master, where the test types and reads the screen, and the terminal
// (the slave) the command asks on, in the kernel's default cooked mode.
func openPTY(t *testing.T) (master, terminal *os.File) {
	t.Helper()
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal to test on: %v", err)
	}
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	t.Cleanup(func() { master.Close() })
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil { // unlockpt
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN) // ptsname
	if err != nil {
		t.Fatal(err)
	}
	terminal, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal to test on: %v", err)
	}
	t.Cleanup(func() { terminal.Close() })
	return master, terminal
}

// watchScreen reads all the terminal shows, so that the command's writes
// never wait on a full pty buffer, and closes the channel it returns once
// the screen shows text.
func watchScreen(master io.Reader, text string) <-chan struct{} {
	shown := make(chan struct{})
	go func() {
		var screen []byte
		buf := make([]byte, 4096)
		for seen := false; ; {
			n, err := master.Read(buf)
			screen = append(screen, buf[:n]...)
			if !seen && bytes.Contains(screen, []byte(text)) {
				close(shown)
				seen = true
			}
			if err != nil {
				return // master closed by the test's cleanup
			}
		}
	}()
	return shown
}

// waitFor polls until done, failing the test after a generous bound: a
// synchronisation with the command, through the terminal, not a timing claim.
func waitFor(t *testing.T, what string, done func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !done(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// unread is how many bytes the terminal holds that no one has read.
func unread(t *testing.T, terminal *os.File) int {
	t.Helper()
	raw, err := terminal.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	n, ierr := 0, error(nil)
	if err := raw.Control(func(fd uintptr) { n, ierr = unix.IoctlGetInt(int(fd), unix.TIOCINQ) }); err != nil || ierr != nil {
		t.Fatal(err, ierr)
	}
	return n
}

// A "y" and Enter typed on the terminal before apply --prune asks (while
// the file was read and the workspace listed) does not answer: once the
// question is up the test types "n", and nothing is deleted. Without the
// flush the early "y" confirms, and this test fails.
func TestApplyPruneIgnoresTypeAhead(t *testing.T) {
	master, terminal := openPTY(t)
	asked := watchScreen(master, "[y/N]")

	h := newHarness(t)
	seedPrune(t, h.srv)
	h.tty = func() (io.ReadWriteCloser, error) { return terminal, nil }
	if _, err := master.Write([]byte("y\n")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the early y to reach the terminal", func() bool { return unread(t, terminal) > 0 })

	done := make(chan cliRun, 1)
	file := writeFile(t, applyFile.text)
	go func() { done <- h.run("", "apply", "--file", file, "--prune") }()
	select {
	case <-asked:
	case <-time.After(30 * time.Second):
		t.Fatal("apply --prune did not ask")
	}
	// The flush empties the input; so would a read of the early y
	// (without the flush), after which "n" answers nothing.
	waitFor(t, "the early y to be flushed or read", func() bool { return unread(t, terminal) == 0 })
	if _, err := master.Write([]byte("n\n")); err != nil {
		t.Fatal(err)
	}
	var r cliRun
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("apply --prune did not finish after the answer")
	}
	if r.code != cli.ExitUsage || h.writes() != 0 || !strings.Contains(r.stderr, "not confirmed; nothing was changed") {
		t.Errorf("type-ahead answered the question: exit %d, %d write(s), want 2 and none: %s", r.code, h.writes(), r.stderr)
	}
}
