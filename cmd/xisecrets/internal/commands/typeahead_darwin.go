package commands

import "golang.org/x/sys/unix"

// fread is FREAD of <sys/fcntl.h>: the input queue, for TIOCFLUSH.
const fread = 0x1

// flushInput discards the terminal's unread input: tcflush(fd, TCIFLUSH),
// which macOS's libc implements as TIOCFLUSH of FREAD.
func flushInput(fd int) error { return unix.IoctlSetPointerInt(fd, unix.TIOCFLUSH, fread) }
