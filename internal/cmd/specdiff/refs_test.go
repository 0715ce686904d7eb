package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// refSpec is a gen/openapi.yaml whose one response schema is a $ref to
// ref, written in a YAML double-quoted string, where \u202e is an escape.
func refSpec(ref string) string {
	return `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v1/x:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "` + ref + `"
`
}

// selfContained is a gen/openapi.yaml as specmerge writes it: every $ref
// within it.
var selfContained = refSpec("#/components/schemas/X") + "components:\n  schemas:\n    X: {type: object}\n"

// mkfifo makes a FIFO at path. When the test ends it opens it for writing
// and closes it, so that a reader blocked opening it (a bug) gets EOF.
func mkfifo(t *testing.T, path string) string {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	return path
}

// boundedWireChanges compares the two trees' specs and returns the error;
// it fails the test if the comparison still runs after 10s.
func boundedWireChanges(t *testing.T, oldTree, newTree string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { _, err := wireChanges(oldTree, newTree); done <- err }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("the comparison still runs after 10s")
		return nil
	}
}

// writeSpec writes spec as tree's gen/openapi.yaml.
func writeSpec(t *testing.T, tree, spec string) {
	t.Helper()
	path := filepath.Join(tree, filepath.FromSlash(specPath))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A $ref out of gen/openapi.yaml, which specmerge writes self-contained, is
// refused and named, whichever tree holds it: spec-diff never reads a file
// outside the two trees (a FIFO would block it for ever, /dev/zero fill
// its memory), nor another file of them.
func TestRefsOutOfTheSpecRefused(t *testing.T) {
	dir := t.TempDir()
	schema := "type: object\n"
	outside := filepath.Join(dir, "outside.yaml")
	if err := os.WriteFile(outside, []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := mkfifo(t, filepath.Join(dir, "fifo.yaml"))
	for _, tc := range []struct {
		name, ref string
		named     string // the file the refusal names: where the ref leads
		inBase    bool   // the base's spec holds the ref, not the working tree's
	}{
		{"absolute path", outside + "#/", outside, false},
		{"absolute path in the base", outside, outside, true},
		{"../ out of the tree", "../../../outside.yaml", outside, false},
		{"FIFO", fifo, fifo, false},
		{"another file of the tree", "sibling.yaml", "sibling.yaml", false},
		{"http", "http://127.0.0.1:9/x.yaml", "http://127.0.0.1:9/x.yaml", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			trees := filepath.Join(dir, strings.NewReplacer("/", "", " ", "-").Replace(tc.name))
			oldTree, newTree := filepath.Join(trees, "old"), filepath.Join(trees, "new")
			writeSpec(t, oldTree, selfContained)
			writeSpec(t, newTree, refSpec(tc.ref))
			if err := os.WriteFile(filepath.Join(newTree, "gen", "sibling.yaml"), []byte(schema), 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.inBase {
				oldTree, newTree = newTree, oldTree
			}
			err := boundedWireChanges(t, oldTree, newTree)
			if err == nil || !strings.Contains(err.Error(), "$ref") || !strings.Contains(err.Error(), tc.named) {
				t.Errorf("$ref to %s: error %v, want a refusal naming it", tc.ref, err)
			}
		})
	}
}

// The refusal is a comparison that could not be made (exit 2), in one
// line, with the ref's hidden runes escaped.
func TestRefRefusalExitsTwoEscaped(t *testing.T) {
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	writeSpec(t, repo, selfContained)
	git(t, repo, "add", "-A")
	commitAll(t, repo, "base")
	writeSpec(t, repo, refSpec(`/etc/passwd\u202e\u200btxt.yaml`))

	var out, errOut bytes.Buffer
	if code := run(&out, &errOut, repo, "HEAD", fullReport); code != 2 || out.Len() != 0 {
		t.Errorf("exit status %d and output %q, want 2 and none", code, out.String())
	}
	oneLineNaming(t, errOut.String(), "$ref", `/etc/passwd\u202e\u200btxt.yaml`)
	noHiddenRunes(t, errOut.String())
	if strings.ContainsAny(errOut.String(), "\u202e\u200b") {
		t.Errorf("message holds the ref's bidi override or zero-width space raw: %q", errOut.String())
	}
}

// The spec itself is read only if it is a regular file: a FIFO or a
// device in its place, or behind a symbolic link, is refused at once.
func TestSpecThatIsNotAFileRefused(t *testing.T) {
	dir := t.TempDir()
	oldTree, newTree := filepath.Join(dir, "old"), filepath.Join(dir, "new")
	writeSpec(t, oldTree, selfContained)
	fifo := mkfifo(t, filepath.Join(dir, "fifo"))
	if err := os.MkdirAll(filepath.Join(newTree, "gen"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(fifo, filepath.Join(newTree, filepath.FromSlash(specPath))); err != nil {
		t.Fatal(err)
	}
	if err := boundedWireChanges(t, oldTree, newTree); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a spec that is a FIFO: error %v, want it refused as not a regular file", err)
	}
}
