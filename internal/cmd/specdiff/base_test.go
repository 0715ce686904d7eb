package main

import (
	"bytes"
	"strings"
	"testing"
)

// A BASE that names no commit cannot be compared: exit 2, and one line
// naming it.
func TestBaseIsNotACommit(t *testing.T) {
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	commitAll(t, repo, "empty")
	var out, errOut bytes.Buffer
	code := run(&out, &errOut, repo, "no-such-ref", false)
	if code != 2 || out.Len() != 0 {
		t.Errorf("exit status %d and output %q, want 2 and none", code, out.String())
	}
	oneLineNaming(t, errOut.String(), `BASE "no-such-ref"`)
}

// A BASE from before the first generation has no gen/openapi.yaml: there is
// nothing to compare with, which is exit 2, not a changelog listing every
// operation as added. make generate's summary skips it, as it skips a tree
// without history.
func TestBaseWithoutSpec(t *testing.T) {
	if testing.Short() {
		t.Skip("commits a scratch copy of the repository")
	}
	repo := scratchRepo(t)
	git(t, repo, "rm", "-q", "--cached", specPath) // gone from HEAD, still in the working tree
	commitAll(t, repo, "before the first generation")

	var out, errOut bytes.Buffer
	code := run(&out, &errOut, repo, "HEAD", false)
	if code != 2 || out.Len() != 0 {
		t.Errorf("exit status %d and output %q, want 2 and none", code, out.String())
	}
	oneLineNaming(t, errOut.String(), `BASE "HEAD"`, "has no gen/openapi.yaml")

	out.Reset()
	errOut.Reset()
	if code := run(&out, &errOut, repo, "HEAD", true); code != 0 || errOut.Len() != 0 {
		t.Errorf("summary exit status %d, stderr %q; want 0 and nothing", code, errOut.String())
	}
	oneLineNaming(t, out.String(), `BASE "HEAD"`, "has no gen/openapi.yaml", "summary skipped")
}

// oneLineNaming fails unless msg is one line holding every one of wants.
func oneLineNaming(t *testing.T, msg string, wants ...string) {
	t.Helper()
	if strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") {
		t.Errorf("message is not one line: %q", msg)
	}
	for _, want := range wants {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}
