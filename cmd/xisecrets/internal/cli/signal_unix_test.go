//go:build unix

package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

const notifyChildEnv = "XISECRETS_TEST_NOTIFY_CHILD"

// TestNotifyChild is the child of TestSecondSignalEndsTheProcess: a run
// whose step ignores the context after the first signal.
func TestNotifyChild(t *testing.T) {
	if os.Getenv(notifyChildEnv) != "1" {
		t.Skip("run as a child by TestSecondSignalEndsTheProcess")
	}
	ctx, stop := NotifyContext(context.Background())
	defer stop()
	fmt.Println("ready")
	<-ctx.Done()
	fmt.Println("interrupted")
	time.Sleep(time.Minute) // a step that does not heed ctx
	os.Exit(0)
}

// The first SIGINT ends the context and leaves the process running; a
// second one ends the process, killed by SIGINT as a shell's Ctrl-C
// would. So does a SIGTERM after either.
func TestSecondSignalEndsTheProcess(t *testing.T) {
	for _, second := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNotifyChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), notifyChildEnv+"=1")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		expect := func(want string) {
			t.Helper()
			if !lines.Scan() || lines.Text() != want {
				_ = cmd.Process.Kill()
				t.Fatalf("the child did not say %q (got %q)", want, lines.Text())
			}
		}
		expect("ready")
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		expect("interrupted") // alive, its context ended
		if err := cmd.Process.Signal(second); err != nil {
			t.Fatal(err)
		}
		// Bounded only so that a child the signal left running fails the
		// test instead of hanging it: not a timing claim.
		timer := time.AfterFunc(10*time.Second, func() { _ = cmd.Process.Kill() })
		err = cmd.Wait()
		timer.Stop()
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("after a second signal: %v, want the process killed", err)
		}
		if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != second {
			t.Errorf("after a second %v: %v, want killed by it", second, err)
		}
	}
}
