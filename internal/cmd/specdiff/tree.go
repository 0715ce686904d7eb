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

// isGitTree reports whether repo is in a git repository where ref names a
// commit.
func isGitTree(repo, ref string) bool {
	return exec.Command("git", "-C", repo, "rev-parse", "--verify", "--quiet", ref+"^{commit}").Run() == nil
}

// checkout writes the tree of ref into a new temporary directory, leaving
// the repository (index, worktrees, stash) untouched, and returns the
// directory and how to remove it.
func checkout(repo, ref string) (dir string, cleanup func(), err error) {
	if !isGitTree(repo, ref) {
		return "", nil, fmt.Errorf("%s: %q is not a commit of a git repository", repo, ref)
	}
	var archive, stderr bytes.Buffer
	cmd := exec.Command("git", "-C", repo, "archive", "--format=tar", ref)
	cmd.Stdout, cmd.Stderr = &archive, &stderr
	if err := cmd.Run(); err != nil {
		return "", nil, fmt.Errorf("git archive %s: %v: %s", ref, err, strings.TrimSpace(stderr.String()))
	}
	dir, err = os.MkdirTemp("", "specdiff-base-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	if err := untar(&archive, dir); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("extracting %s: %w", ref, err)
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
