package specmerge

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Options says where Run reads and writes.
type Options struct {
	APIDir string // the vendor pages, e.g. "api"
	Out    string // the merged document, e.g. "gen/openapi.yaml"
	// Configs are oapi-codegen configuration files. Run generates each
	// config's Go from the merged document in process and writes it to the
	// config's output, as `go tool oapi-codegen -config` would; a relative
	// output is relative to the working directory, as for the command.
	Configs []string
	// Routes and PathParams, when set, are where the client's guards are
	// written (package internal/maintainer/genroutes): the spec's path templates, and
	// CheckPathParams, which wraps the Go of the one config that generates
	// the client (generate.client) and joins its package.
	Routes, PathParams string
}

// Run merges, validates and generates, and only when all of that succeeded
// replaces Out, every config's output, Routes and PathParams, each
// atomically. On any error
// they are left exactly as they were. The error shows page text escaped:
// see [escapedError].
func Run(opts Options) (*Result, error) {
	res, err := runPipeline(opts)
	if err != nil {
		return nil, escapedError{err}
	}
	return res, nil
}

// output is one file Run writes.
type output struct {
	path string
	data []byte
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
	if err := validate(res.yaml); err != nil {
		return nil, res.locate(err)
	}
	outs := []output{{opts.Out, res.yaml}}
	var clients []generatedClient
	for _, path := range opts.Configs {
		cfg, err := loadGeneratorConfig(path)
		if err != nil {
			return nil, err
		}
		if err := checkOutput(path, cfg.Output, outs); err != nil {
			return nil, err
		}
		code, err := generateGo(res.yaml, opts.Out, cfg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, res.locateGenerated(err))
		}
		outs = append(outs, output{cfg.Output, []byte(code)})
		if cfg.Generate.Client {
			clients = append(clients, generatedClient{path, cfg, []byte(code)})
		}
		res.Warnings = append(res.Warnings, configWarnings(path, cfg)...)
	}
	guards, err := guardOutputs(opts, res.yaml, clients, outs)
	if err != nil {
		return nil, err
	}
	outs = append(outs, guards...)
	for _, o := range outs {
		if err := os.MkdirAll(filepath.Dir(o.path), 0o755); err != nil {
			return nil, err
		}
		if err := WriteAtomic(o.path, o.data); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// checkOutput refuses a config (or flag) that writes nowhere or over
// another output.
func checkOutput(config, path string, outs []output) error {
	if path == "" {
		return fmt.Errorf("%s: no output: name the Go file to write", config)
	}
	for _, o := range outs {
		if filepath.Clean(o.path) == filepath.Clean(path) {
			return fmt.Errorf("%s: output %s is written twice", config, path)
		}
	}
	return nil
}

// configWarnings are the warnings `go tool oapi-codegen` prints for a
// config, each naming the config file.
func configWarnings(config string, cfg generatorConfig) []string {
	var out []string
	for _, ws := range []map[string]string{cfg.Generate.Warnings(), cfg.Configuration.Warnings()} {
		for key, msg := range ws {
			out = append(out, fmt.Sprintf("%s: %s: %s", config, key, msg))
		}
	}
	sort.Strings(out)
	return out
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
