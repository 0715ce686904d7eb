package commands

import (
	"io"
	"syscall"
)

// discardTypeAhead drops what was typed on tty before the question was
// shown, so that only keys pressed after reading it answer: a stray "y"
// and Enter typed while apply ran (meant for the shell, or for an earlier
// prompt) must not confirm deleting secrets. tty that is not a terminal
// file (a test's fake) has nothing to discard. Best effort: a terminal
// that refuses the flush is asked as before, never answered for.
func discardTypeAhead(tty io.Reader) {
	conn, ok := tty.(syscall.Conn)
	if !ok {
		return
	}
	raw, err := conn.SyscallConn()
	if err != nil {
		return
	}
	_ = raw.Control(func(fd uintptr) { _ = flushInput(int(fd)) })
}
