package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

// specPath is the merged spec, relative to a tree's root.
const specPath = "gen/openapi.yaml"

// wireChange is one entry of oasdiff's changelog.
type wireChange struct {
	Level checker.Level
	Where string // "DELETE /v1/convai/secrets/{secret_id}", or the section: components, security, info
	Text  string
	ID    string // oasdiff's rule, e.g. api-removed-without-deprecation
}

// breaking is oasdiff's own verdict: an error or a warning level change may
// break a client of the old spec.
func (c wireChange) breaking() bool { return c.Level.IsBreaking() }

// wireChanges is oasdiff's changelog from old's spec to new's, every level.
// A working tree without gen/openapi.yaml counts as an empty spec, so every
// operation is listed as removed; a base without one is refused earlier
// (baseCommit), as there is nothing to compare with.
func wireChanges(oldTree, newTree string) ([]wireChange, error) {
	base, err := loadSpec(oldTree)
	if err != nil {
		return nil, err
	}
	rev, err := loadSpec(newTree)
	if err != nil {
		return nil, err
	}
	d, sources, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), base, rev)
	if err != nil {
		return nil, fmt.Errorf("oasdiff: %w", err)
	}
	changes := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), d, sources, checker.INFO)
	l := checker.NewDefaultLocalizer()
	out := make([]wireChange, 0, len(changes))
	for _, c := range changes {
		wc := wireChange{Level: c.GetLevel(), Where: c.GetSection(), Text: c.GetUncolorizedText(l), ID: c.GetId()}
		if c.GetPath() != "" {
			wc.Where = c.GetOperation() + " " + c.GetPath()
		}
		out = append(out, wc)
	}
	return out, nil
}

func loadSpec(tree string) (*load.SpecInfo, error) {
	path := filepath.Join(tree, filepath.FromSlash(specPath))
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return &load.SpecInfo{Url: path, Spec: &openapi3.T{OpenAPI: "3.0.3", Paths: openapi3.NewPaths()}}, nil
	}
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true // oasdiff places changes by origin
	loader.ReadFromURIFunc = onlyFile(path)
	s, err := load.NewSpecInfo(loader, load.NewSource(path))
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", path, err)
	}
	return s, nil
}

// onlyFile is a loader's reader that reads the spec at path, afresh, and
// refuses every other location. specmerge writes gen/openapi.yaml
// self-contained (every $ref is "#/..."), so a $ref to another document is
// either a bug or a trap: an absolute path or "../" would read outside the
// trees compared, and a FIFO there blocks for ever, /dev/zero fills memory.
// With a reader of its own the loader enforces nothing itself
// (IsExternalRefsAllowed is ignored), and kin-openapi's default reader
// fetches http refs and caches files for the life of the process.
func onlyFile(path string) openapi3.ReadFromURIFunc {
	return func(_ *openapi3.Loader, location *url.URL) ([]byte, error) {
		local := location.Scheme == "" || location.Scheme == "file"
		if local && filepath.Clean(filepath.FromSlash(location.Path)) == filepath.Clean(path) {
			// Not a FIFO or a device behind a symbolic link: a regular file.
			info, err := os.Stat(path)
			if err != nil {
				return nil, err
			}
			if !info.Mode().IsRegular() {
				return nil, fmt.Errorf("%s is not a regular file", path)
			}
			return os.ReadFile(path)
		}
		where := location.Redacted()
		if local {
			where = location.Path // decoded: the report escapes what needs it
		}
		return nil, fmt.Errorf("refusing the $ref to %s: %s must be self-contained, every $ref in it starting with #/", where, specPath)
	}
}
