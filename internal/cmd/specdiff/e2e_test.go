package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoRoot is the repository this module lives in.
const repoRoot = "../../.."

// The vendor drops an operation: regenerating from the pages without it must
// produce a report naming the endpoint and the Go function that disappear,
// saying plainly that client no longer compiles, and exit 1.
func TestRemovedOperationIsBreaking(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates a scratch copy of the repository")
	}
	repo := scratchRepo(t)
	if err := os.Remove(filepath.Join(repo, "api", "convai-secrets-delete.yaml")); err != nil {
		t.Fatal(err)
	}
	goGenerate(t, repo)

	report := runReport(t, repo, "HEAD", 1)
	for _, want := range []string{
		"BREAKING  DELETE /v1/convai/secrets/{secret_id}",
		"INCOMPATIBLE (*Client).SecretsDelete: removed",
		"package client: INCOMPATIBLE: client no longer compiles against the new gen",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if compileError := regexp.MustCompile(`\n    client/\S+\.go:\d+:\d+: .*SecretsDelete\w* undefined`); !compileError.MatchString(report) {
		t.Errorf("report lacks the compiler's error on client's use of SecretsDelete:\n%s", report)
	}

	if s := runSummary(t, repo, "HEAD"); !strings.Contains(s, "client NO LONGER COMPILES") || !strings.Contains(s, "run make spec-diff") {
		t.Errorf("summary does not say client broke or point to make spec-diff: %s", s)
	}
}

// A regeneration that changes nothing reports nothing and exits 0.
func TestUnchangedTreeIsClean(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks a scratch copy of the repository")
	}
	repo := scratchRepo(t)
	var out, errOut bytes.Buffer
	if code := run(&out, &errOut, repo, "HEAD", fullReport); code != 0 {
		t.Fatalf("exit status %d, want 0; stderr: %s\n%s", code, errOut.String(), out.String())
	}
	for _, want := range []string{"Wire changes (gen/openapi.yaml, by oasdiff): 0, 0 breaking", "package gen: no changes", "package client: no changes", "Nothing breaking."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// Without git history (make verify's scratch copy) the summary is skipped,
// not failed; a full comparison is an error.
func TestNoGitHistory(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run(&out, &errOut, dir, "HEAD", summaryLine); code != 0 || !strings.Contains(out.String(), "summary skipped") {
		t.Errorf("summary without git: exit %d, output %q; want 0 and a skip note", code, out.String())
	}
	out.Reset()
	if code := run(&out, &errOut, dir, "HEAD", fullReport); code != 2 || !strings.Contains(errOut.String(), "not a commit") {
		t.Errorf("comparison without git: exit %d, stderr %q; want 2 naming the missing commit", code, errOut.String())
	}
}

// runReport runs a full comparison of the working tree at repo with base,
// logs the report and fails unless the exit status is want.
func runReport(t *testing.T, repo, base string, want int) string {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(&out, &errOut, repo, base, fullReport)
	t.Logf("report:\n%s", out.String())
	if code != want {
		t.Errorf("exit status %d, want %d; stderr: %s", code, want, errOut.String())
	}
	return out.String()
}

// runSummary runs the comparison make generate ends with, which exits 0
// whatever it finds.
func runSummary(t *testing.T, repo, base string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(&out, &errOut, repo, base, summaryLine); code != 0 {
		t.Errorf("summary exit status %d, want 0; stderr: %s", code, errOut.String())
	}
	return out.String()
}

// scratchRepo copies the repository (without its history) into a temporary
// git repository with one commit, so that HEAD is the tree as it is now.
func scratchRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(repoRoot, path)
		if err != nil {
			return err
		}
		switch {
		case d.Name() == ".git": // a directory, or in a git worktree a file naming the real one
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	git(t, dir, "init", "-q")
	// Never commit to the repository under test by accident.
	if top := strings.TrimSpace(git(t, dir, "rev-parse", "--show-toplevel")); top != dir {
		t.Fatalf("scratch git repository is %s, want %s", top, dir)
	}
	git(t, dir, "add", "-A")
	commitAll(t, dir, "base")
	return dir
}

// commitAll commits what is staged in the git repository dir.
func commitAll(t *testing.T, dir, msg string) {
	t.Helper()
	git(t, dir, "-c", "user.name=specdiff test", "-c", "user.email=test@invalid", "commit", "-q", "--allow-empty", "-m", msg)
}

// goGenerate runs go generate in dir, a scratch copy, with the caller's
// build cache and flags plus -trimpath: without it the copy's random
// directory is part of every cache key, and the generators go generate
// runs would be compiled and linked again on every run.
func goGenerate(t *testing.T, dir string) {
	t.Helper()
	flags, err := exec.Command("go", "env", "GOFLAGS").Output()
	if err != nil {
		t.Fatalf("go env GOFLAGS: %v", err)
	}
	cmd := exec.Command("go", "generate", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(string(flags)+" -trimpath"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go generate: %v\n%s", err, out)
	}
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
