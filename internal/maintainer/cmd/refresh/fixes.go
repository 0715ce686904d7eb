package main

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/xisecrets/xisecrets/internal/maintainer/specmerge"
)

// repairs merges the pages of repo's api/ as go generate does, into a
// scratch file, and returns every repair it made, each as
// "<repair> in api/<page> at <pointer>" (specmerge -v's list).
func repairs(repo string) (map[string]bool, error) {
	tmp, err := os.MkdirTemp("", "refresh-merge-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	res, err := specmerge.Run(specmerge.Options{APIDir: filepath.Join(repo, "api"), Out: filepath.Join(tmp, "openapi.yaml")})
	if err != nil {
		return nil, err
	}
	fixes := map[string]bool{}
	for _, f := range res.Fixes {
		if f.File != "" {
			f.File = "api/" + filepath.Base(f.File)
		}
		fixes[f.String()] = true
	}
	return fixes, nil
}

// newRepairs are the repairs of after that before lacks, in a stable order.
func newRepairs(before, after map[string]bool) []string {
	var out []string
	for f := range after {
		if !before[f] {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}
