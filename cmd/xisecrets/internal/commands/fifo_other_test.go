//go:build !unix

package commands

import "testing"

// mkfifo skips the test: FIFOs are Unix's (the CLI is vetted for Windows
// too, tests and all).
func mkfifo(t *testing.T) string {
	t.Helper()
	t.Skip("no FIFOs on this system")
	return ""
}
