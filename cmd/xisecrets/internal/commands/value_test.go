package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// hangLimit is how long a read may take before a test calls it hung: a
// deadlock detector, far above any real run, not a speed check.
const hangLimit = 10 * time.Second

// returnsOrHangs runs f and fails the test if it does not return.
func returnsOrHangs(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(hangLimit):
		t.Fatalf("%s ignores Ctrl-C (a cancelled context) and blocks", what)
	}
}

func quietEnv(stdin io.Reader) cli.Env {
	return cli.Env{Stdin: stdin, Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
}

// main turns SIGINT into a cancelled context, so Ctrl-C no longer ends the
// process by itself: reading a --value-file or an apply file that is a FIFO
// with no writer (opening it blocks) must end on the context.
func TestReadingAFIFOEndsOnCtrlC(t *testing.T) {
	fifo := mkfifo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the operator pressed Ctrl-C
	e := quietEnv(strings.NewReader(""))
	returnsOrHangs(t, "create --value-file FIFO", func() {
		if _, err := readValue(ctx, e, fifo); err != errInterrupted {
			t.Errorf("readValue: err = %v, want %v", err, errInterrupted)
		}
	})
	returnsOrHangs(t, "apply --file FIFO", func() {
		if _, err := readApplyFile(ctx, e, fifo); err != errInterrupted {
			t.Errorf("readApplyFile: err = %v, want %v", err, errInterrupted)
		}
	})
}

// The same, with Ctrl-C pressed while the read is already under way,
// blocked opening the FIFO.
func TestReadAsideEndsOnCtrlCDuringTheRead(t *testing.T) {
	fifo := mkfifo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	started := make(chan struct{})
	go func() {
		<-started
		cancel()
	}()
	var finished = make(chan struct{})
	returnsOrHangs(t, "a read blocked opening a FIFO", func() {
		_, err := readAside(ctx, func() ([]byte, error) {
			defer close(finished)
			close(started)
			return readInput(quietEnv(nil), fifo, "--value-file", 16)
		})
		if err != errInterrupted {
			t.Errorf("err = %v, want %v", err, errInterrupted)
		}
	})
	// Let the abandoned read end, as the process's exit would.
	if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
		_ = w.Close()
	}
	<-finished
}

// A stalled stdin (a pipe whose writer never writes nor closes) ends on
// Ctrl-C too.
func TestStalledStdinEndsOnCtrlC(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close() // ends the abandoned read
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(10*time.Millisecond, cancel)
	returnsOrHangs(t, "create with a stalled stdin", func() {
		if _, err := readValue(ctx, quietEnv(pr), ""); !errors.Is(err, errInterrupted) {
			t.Errorf("err = %v, want %v", err, errInterrupted)
		}
	})
}

// A FIFO with a writer, and a process substitution's /dev/fd/N, are read
// whole: the read runs aside, nothing refuses a file that is not regular.
func TestValueFileMayBeAPipe(t *testing.T) {
	ctx := context.Background()
	fifo := mkfifo(t)
	go func() {
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			_, _ = w.WriteString(testValue + "\n")
			_ = w.Close()
		}
	}()
	if v, err := readValue(ctx, quietEnv(nil), fifo); err != nil || v != testValue+"\n" {
		t.Errorf("--value-file FIFO: err %v, value read whole %t", err, v == testValue+"\n")
	}

	r, w, err := os.Pipe() // what bash's <(...) hands over as /dev/fd/N
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() {
		_, _ = w.WriteString("A=" + testValue + "\n")
		_ = w.Close()
	}()
	path := fmt.Sprintf("/dev/fd/%d", r.Fd())
	if _, err := os.Stat(path); err != nil {
		t.Skip("no /dev/fd here:", err)
	}
	entries, err := readApplyFile(ctx, quietEnv(nil), path)
	if err != nil || len(entries) != 1 || entries[0].Value != testValue {
		t.Errorf("apply --file /dev/fd/N: err %v, %d entries", err, len(entries))
	}
}

// TestValueOverTheLimit: reading stops just past the limit, so the size of
// a longer value is unknown: the message says "more than 64 KiB", never a
// size (the 65,539 bytes read of a 70,000-byte input), and an endless file
// ends the read.
func TestValueOverTheLimit(t *testing.T) {
	big := strings.Repeat("v", 70_000)
	file := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(file, []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		stdin string
		args  []string
	}{
		{big, []string{"create", "N"}},
		{strings.Repeat("v", 64<<10) + "\n\n", []string{"create", "N"}}, // one newline dropped, one too many bytes kept
		{"", []string{"set", "N", "--value-file", file}},
		{"", []string{"update", "sec_1", "N", "--value-file", "/dev/zero"}},
	} {
		h := newHarness(t)
		r := h.run(tc.stdin, tc.args...)
		if r.code != cli.ExitUsage || !strings.HasSuffix(r.stderr, " is more than 64 KiB, the limit\n") || strings.Contains(r.stderr, "bytes") {
			t.Errorf("%v: want exit 2 and 'more than 64 KiB' without a size, got %d: %s", tc.args, r.code, r.stderr)
		}
		if len(h.srv.Requests()) != 0 {
			t.Errorf("%v: a value over the limit sent a request", tc.args)
		}
	}
	// At the limit exactly, and with stdin's newline, the value is taken.
	h := newHarness(t)
	id := h.createJSONFrom(strings.Repeat("v", 64<<10) + "\r\n")
	if !h.srv.ValueIs(id, strings.Repeat("v", 64<<10)) {
		t.Error("a value of exactly 64 KiB and a newline was not stored")
	}
}
