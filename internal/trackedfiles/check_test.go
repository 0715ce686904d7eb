package trackedfiles

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A scratch repository with a tracked file of each kind the check refuses,
// and of each it lets through, checked as make lint checks this one.
func TestCheckNamesEachRefusedFile(t *testing.T) {
	repo := scratchRepo(t, map[string]file{
		"main.go":              {data: []byte("package main\n")},
		"scripts/run":          {data: []byte("#!/usr/bin/env bash\necho hi\n"), exec: true},
		"testdata/small.bin":   {data: bytes.Repeat([]byte{0}, 1024)},
		"cmd/tool/tool":        {data: append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 64)...)},
		"dist/tool-darwin":     {data: append([]byte{0xcf, 0xfa, 0xed, 0xfe}, make([]byte, 64)...)},
		"dist/fat-darwin":      {data: append([]byte{0xca, 0xfe, 0xba, 0xbe}, make([]byte, 64)...)},
		"dist/tool.exe":        {data: append([]byte("MZ\x90\x00"), make([]byte, 64)...)},
		"notes.txt":            {data: []byte("not a script\n"), exec: true},
		"testdata/big.json.gz": {data: bytes.Repeat([]byte("x"), MaxSize+1)},
	})
	problems, err := Check(repo)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(problems, "\n")
	for _, want := range []string{
		"cmd/tool/tool: an ELF executable",
		"dist/tool-darwin: a Mach-O executable",
		"dist/fat-darwin: a Mach-O executable",
		"dist/tool.exe: a PE (Windows) executable",
		"notes.txt: the executable bit is set on a file that is not a script (no #! line)",
		"testdata/big.json.gz: 4194305 bytes, over the 4194304-byte limit",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q; got:\n%s", want, got)
		}
	}
	for _, fine := range []string{"main.go", "scripts/run", "testdata/small.bin"} {
		if strings.Contains(got, fine+":") {
			t.Errorf("%s is refused, want it let through; got:\n%s", fine, got)
		}
	}
	if len(problems) != 6 {
		t.Errorf("%d problems, want 6:\n%s", len(problems), got)
	}
}

// A file only in the work tree is not tracked, and not the check's: build
// outputs that .gitignore misses are caught once they are added.
func TestCheckReadsOnlyTrackedFiles(t *testing.T) {
	repo := scratchRepo(t, map[string]file{"main.go": {data: []byte("package main\n")}})
	if err := os.WriteFile(filepath.Join(repo, "tool"), []byte("\x7fELF"), 0o755); err != nil {
		t.Fatal(err)
	}
	problems, err := Check(repo)
	if err != nil || len(problems) != 0 {
		t.Fatalf("Check = %q, %v; want no problems", problems, err)
	}
	git(t, repo, "add", "tool")
	if problems, err := Check(repo); err != nil || len(problems) != 1 || !strings.HasPrefix(problems[0], "tool: an ELF executable") {
		t.Fatalf("Check after git add = %q, %v; want tool named", problems, err)
	}
}

func TestCheckOutsideARepositoryFails(t *testing.T) {
	if _, err := Check(t.TempDir()); err == nil || !strings.Contains(err.Error(), "git ls-files") {
		t.Fatalf("Check of a plain directory: err = %v, want the git ls-files failure", err)
	}
}

// This repository passes: the check make lint runs is green on the tree.
func TestRepositoryHasNoBinaries(t *testing.T) {
	problems, err := Check("../..")
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("tracked files make lint refuses:\n%s", strings.Join(problems, "\n"))
	}
}

type file struct {
	data []byte
	exec bool
}

func scratchRepo(t *testing.T, files map[string]file) string {
	t.Helper()
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	for name, f := range files {
		path := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			t.Fatal(err)
		}
		git(t, repo, "add", name)
		if f.exec {
			// The index's mode, as on Windows where the file system has none.
			git(t, repo, "update-index", "--chmod=+x", name)
		}
	}
	return repo
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
