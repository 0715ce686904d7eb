package commands

import "golang.org/x/sys/unix"

// flushInput discards the terminal's unread input: tcflush(fd, TCIFLUSH),
// which on Linux is the TCFLSH ioctl.
func flushInput(fd int) error { return unix.IoctlSetInt(fd, unix.TCFLSH, unix.TCIFLUSH) }
