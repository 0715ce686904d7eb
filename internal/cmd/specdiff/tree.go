package main

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// baseCommit resolves ref, once, to the commit it names in the git
// repository at repo, and checks that the commit holds a spec to compare
// with: a commit from before the first generation has none.
func baseCommit(repo, ref string) (string, error) {
	out, err := exec.Command("git", "-C", repo, "rev-parse", "--verify", "--quiet", ref+"^{commit}").Output()
	if err != nil {
		return "", fmt.Errorf("BASE %q is not a commit of a git repository at %s", ref, repo)
	}
	commit := strings.TrimSpace(string(out))
	// "./" reads the path from repo, as git archive does.
	if exec.Command("git", "-C", repo, "cat-file", "-e", commit+":./"+specPath).Run() != nil {
		return "", fmt.Errorf("BASE %q has no %s to compare with", ref, specPath)
	}
	return commit, nil
}

// checkout writes the tree of commit into a new temporary directory,
// leaving the repository (index, worktrees, stash) untouched, and returns
// the directory and how to remove it.
func checkout(repo, commit string) (dir string, cleanup func(), err error) {
	var archive, stderr bytes.Buffer
	cmd := exec.Command("git", "-C", repo, "archive", "--format=tar", commit)
	cmd.Stdout, cmd.Stderr = &archive, &stderr
	if err := cmd.Run(); err != nil {
		return "", nil, fmt.Errorf("git archive %s: %v: %s", commit, err, strings.TrimSpace(stderr.String()))
	}
	dir, err = os.MkdirTemp("", "specdiff-base-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	if err := untar(&archive, dir); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("extracting %s: %w", commit, err)
	}
	return dir, cleanup, nil
}

// untar extracts the regular files and directories of a git archive; git
// archive writes nothing else a Go module needs.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Join(dir, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(name, dir+string(filepath.Separator)) {
			return fmt.Errorf("%q leaves the archive", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(name, 0o755)
		case tar.TypeReg:
			err = writeFile(name, tr, h.FileInfo().Mode().Perm())
		}
		if err != nil {
			return err
		}
	}
}

func writeFile(name string, r io.Reader, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	return errors.Join(err, f.Close())
}
