package main

import (
	"slices"
	"testing"

	"github.com/xisecrets/xisecrets/internal/shellquote/shelltest"
)

// TestShownCommand: each shell here runs a step's shown command with
// exactly the arguments the demo ran, and the shown line is printable.
func TestShownCommand(t *testing.T) {
	for _, shell := range shelltest.Shells(t) {
		for _, args := range [][]string{
			{"list", "--search", "DEMO_"},
			{"create", "it's \"x\" $(: >pwned) `echo INJECTED >&2`"},
			{"create", "DEMO_\x1b]52;c;cHduZWQ=\x07\x1b[2J\ndemo: all steps passed\r\u009b\u202e\\"},
			{"auth", "login", "--base-url", "http://127.0.0.1:1", "--insecure-storage"},
		} {
			line, err := shownCommand(true, args)
			if err != nil {
				t.Fatal(err)
			}
			if bad := unprintable(line); bad != "" {
				t.Errorf("shown command %q is not printable: %s", line, bad)
			}
			if got := shelltest.Argv(t, shell, "xisecrets", line); !slices.Equal(got, args) {
				t.Errorf("%s runs %q with %q, want %q", shell, line, got, args)
			}
		}
	}
	if bad := unprintable("ok\nraw \x1b[2J"); bad != `"raw \x1b[2J"` {
		t.Errorf("unprintable missed a raw ESC: %s", bad)
	}
}
