package main

import (
	"os/exec"
	"testing"
)

// TestShellQuote: bash reads each shown argument back to exactly the
// argument the demo ran.
func TestShellQuote(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	for _, a := range []string{"DEMO_KEY", "", "it's \"x\"", "a\x1b]52;c;AA\x07\nb\r\u009b\u202e\\"} {
		out, err := exec.Command(bash, "-c", "printf %s "+shellQuote(a)).Output()
		if err != nil || string(out) != a {
			t.Errorf("shellQuote(%q) = %q reads back as %q (%v)", a, shellQuote(a), out, err)
		}
		if bad := unprintable(shellQuote(a)); bad != "" {
			t.Errorf("shellQuote(%q) is not printable: %s", a, bad)
		}
	}
	if bad := unprintable("ok\nraw \x1b[2J"); bad != `"raw \x1b[2J"` {
		t.Errorf("unprintable missed a raw ESC: %s", bad)
	}
}
