// Package shelltest runs a command line of package shellquote in the real
// shells of this machine, with the command a stub that reports its
// arguments, for the tests of every tool that shows a command to paste.
package shelltest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Shells are the POSIX shells found on this machine among sh, dash, bash
// and zsh (sh at least, or the test fails: the check is the point).
func Shells(t *testing.T) []string {
	t.Helper()
	var found []string
	for _, name := range []string{"sh", "dash", "bash", "zsh"} {
		if path, err := exec.LookPath(name); err == nil {
			found = append(found, path)
		}
	}
	if len(found) == 0 || filepath.Base(found[0]) != "sh" {
		t.Fatal("no sh on PATH: the commands shown to paste cannot be checked")
	}
	return found
}

// Argv runs line with shell, first checking its syntax (shell -n), in an
// empty directory with PATH holding only a stub named command, and returns
// the arguments the stub received. The test fails if the line does not
// parse, writes to stderr, exits non-zero, or leaves a file behind:
// hostile text whose payload is a builtin (echo >&2, : >file) shows there.
func Argv(t *testing.T, shell, command, line string) []string {
	t.Helper()
	if out, err := exec.Command(shell, "-n", "-c", line).CombinedOutput(); err != nil {
		t.Fatalf("%s -n rejects %q: %v\n%s", shell, line, err, out)
	}
	bin, dir := t.TempDir(), t.TempDir()
	stub := "#!" + shell + "\nfor a in \"$@\"; do printf '%s\\000' \"$a\"; done\n"
	if err := os.WriteFile(filepath.Join(bin, command), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(shell, "-c", line)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + bin, "HOME=" + dir, "LC_ALL=C.UTF-8"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s -c %q: %v; stderr: %q", shell, line, err, stderr.String())
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Fatalf("%s -c %q left %s behind: something but the stub ran", shell, line, left[0].Name())
	}
	argv := strings.Split(stdout.String(), "\x00")
	return argv[:len(argv)-1]
}
