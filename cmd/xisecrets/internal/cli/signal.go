package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// Interrupted is the cause of a run's context ended by a signal: Ctrl-C
// (SIGINT) or SIGTERM. Its Code is the exit status a shell gives a process
// that signal ends, 128 plus the signal's number, which is what scripts and
// CI test for.
type Interrupted struct {
	Signal string
	Code   int
}

// Error implements error.
func (i Interrupted) Error() string { return "interrupted (" + i.Signal + ")" }

// NotifyContext is parent, ended by the first SIGINT or SIGTERM with
// Interrupted as its cause; stop releases the signals. The process is not
// ended by the first: each command stops what it does, says what it did,
// and Run exits with the signal's status. The signals are then released,
// so that a second one ends the process at once, as the shell's default
// would, should a step not heed the context (the fake's grace period
// listens for it itself).
func NotifyContext(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			signal.Stop(sigs) // before cancel: whoever sees ctx end can count on it
			if s == syscall.SIGTERM {
				cancel(Interrupted{"SIGTERM", ExitTerminated})
			} else {
				cancel(Interrupted{"SIGINT", ExitInterrupted})
			}
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// interruptedCode is the exit status of a run whose ctx a signal ended,
// 0 if none did.
func interruptedCode(ctx context.Context) int {
	var i Interrupted
	if errors.As(context.Cause(ctx), &i) {
		return i.Code
	}
	return 0
}

// IsInterrupted reports whether err is a run's interruption: a request or
// a wait that a signal (or any cancellation) ended.
func IsInterrupted(err error) bool {
	var i Interrupted
	return errors.As(err, &i) || errors.Is(err, context.Canceled)
}
