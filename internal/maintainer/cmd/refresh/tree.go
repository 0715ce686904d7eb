package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// command runs name with args in dir and returns its combined output.
func command(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return string(out), nil
}

// checkClean refuses a tree whose api/ or gen/ differs from HEAD: the
// report compares the refreshed tree with HEAD, and would pass local
// edits off as the vendor's.
func checkClean(repo string) error {
	out, err := command(repo, "git", "status", "--porcelain", "--", "api", "gen")
	if err != nil {
		return fmt.Errorf("%s is not a git repository with a commit to compare with: %v: %s", repo, err, strings.TrimSpace(out))
	}
	if strings.TrimSpace(out) != "" {
		return fmt.Errorf("api/ or gen/ differ from HEAD; commit or stash them first, since the report compares the refreshed tree with HEAD:\n%s", out)
	}
	return nil
}

// specReport is spec-diff's JSON report (spec-diff -json).
type specReport struct {
	Wire        []wireChange `json:"wire"`
	Go          []goPackage  `json:"go"`
	Breaking    bool         `json:"breaking"`
	NotCompared []string     `json:"not_compared"`
}

// wireChange is one change oasdiff found, in spec-diff's report.
type wireChange struct {
	Mark  string `json:"mark"`  // BREAKING, MAYBREAK or info
	Where string `json:"where"` // "PATCH /v1/convai/secrets/{secret_id}"
	Text  string `json:"text"`
	ID    string `json:"id"`
}

// goPackage is what changed in one Go package, in spec-diff's report.
type goPackage struct {
	Dir          string   `json:"dir"`
	Incompatible []string `json:"incompatible"`
	Compatible   []string `json:"compatible"`
	BrokenBy     []string `json:"broken_by"`
	BaseBrokenBy []string `json:"base_broken_by"`
	Added        bool     `json:"added"`
	Removed      bool     `json:"removed"`
}

// specDiff runs the spec-diff binary on repo against its HEAD.
func specDiff(bin, repo string) (*specReport, error) {
	cmd := exec.Command(bin, "-json", "-repo", repo, "-base", "HEAD")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && (!errors.As(err, &exit) || stdout.Len() == 0) {
		return nil, fmt.Errorf("spec-diff: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var r specReport
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return nil, fmt.Errorf("spec-diff's report: %w", err)
	}
	return &r, nil
}

// copyTree copies the working tree at src, but for .git, into dst, as
// make verify does.
func copyTree(src, dst string) error {
	out, err := command(src, "sh", "-c", `tar --exclude=./.git -cf - . | tar -xf - -C "$1"`, "sh", dst)
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

// commitAll commits the whole tree of the scratch repository dir, making
// it one on first use.
func commitAll(dir, msg string) error {
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=refresh", "-c", "user.email=refresh@invalid", "commit", "-q", "--allow-empty", "-m", msg},
	} {
		if out, err := command(dir, "git", args...); err != nil {
			return fmt.Errorf("%v: %s", err, out)
		}
	}
	return nil
}
