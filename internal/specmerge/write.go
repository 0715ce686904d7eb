package specmerge

import (
	"fmt"
	"os"
	"path/filepath"
)

// Options says where Run reads and writes.
type Options struct {
	APIDir string // the vendor pages, e.g. "api"
	Out    string // the merged document, e.g. "gen/openapi.yaml"
	Config string // oapi-codegen's config file; "" skips the trial generation
}

// Run merges, validates and trial-generates, and only then replaces Out.
// On any error Out is left exactly as it was. The error shows page text
// escaped: see [escapedError].
func Run(opts Options) (*Result, error) {
	res, err := runPipeline(opts)
	if err != nil {
		return nil, escapedError{err}
	}
	return res, nil
}

func runPipeline(opts Options) (*Result, error) {
	srcs, err := readDir(opts.APIDir)
	if err != nil {
		return nil, err
	}
	res, err := merge(srcs)
	if err != nil {
		return nil, err
	}
	doc, err := validate(res.yaml)
	if err != nil {
		return nil, res.locate(err)
	}
	if opts.Config != "" {
		cfg, err := loadGeneratorConfig(opts.Config)
		if err != nil {
			return nil, err
		}
		if _, err := trialGenerate(doc, cfg); err != nil {
			return nil, res.locateGenerated(err)
		}
	}
	return res, WriteAtomic(opts.Out, res.yaml)
}

// WriteAtomic replaces path with data through a temporary file in the same
// directory and a rename, so readers see the old file or the new, never half.
func WriteAtomic(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
		return nil // unchanged: keep the mtime, so make sees nothing to do
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return nil
}
