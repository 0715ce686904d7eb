//go:build unix

package commands

import (
	"path/filepath"
	"syscall"
	"testing"
)

// mkfifo makes a FIFO in a temporary directory, or skips the test.
func mkfifo(t *testing.T) string {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), "value.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	return fifo
}
