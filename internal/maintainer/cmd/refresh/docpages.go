package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// compareDocs reports what spec-diff would say of changing documentation
// pages from one content to another: in a scratch copy of the refreshed
// tree, each such page is set to its Baseline, generated and committed,
// then set to New (or removed when nil) and generated again, and spec-diff
// compares the two. The tree at repo is not touched. It measures the
// vendor's change to their operations (Baseline the last refresh's cut, or
// the page itself; New the vendor's cut) and the standing difference of
// each page from the vendor's document (Baseline the page).
func compareDocs(repo, specdiff string, docs []docChange) (*specReport, error) {
	scratch, err := os.MkdirTemp("", "refresh-docs-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(scratch)
	if err := copyTree(repo, scratch); err != nil {
		return nil, err
	}
	set := func(pick func(docChange) []byte) error {
		for _, d := range docs {
			path := filepath.Join(scratch, filepath.FromSlash(d.File))
			var err error
			if content := pick(d); content == nil {
				err = os.Remove(path)
			} else {
				err = os.WriteFile(path, content, 0o644)
			}
			if err != nil {
				return err
			}
		}
		if out, err := command(scratch, "go", "generate", "./..."); err != nil {
			return fmt.Errorf("%v\n%s", err, out)
		}
		return nil
	}
	if err := set(func(d docChange) []byte { return d.Baseline }); err != nil {
		return nil, fmt.Errorf("regenerating from the documentation pages' baselines: %w", err)
	}
	if err := commitAll(scratch, "baseline"); err != nil {
		return nil, err
	}
	if err := set(func(d docChange) []byte { return d.New }); err != nil {
		return nil, fmt.Errorf("regenerating from the vendor's cuts of the documentation pages' operations: %w", err)
	}
	return specDiff(specdiff, scratch)
}
