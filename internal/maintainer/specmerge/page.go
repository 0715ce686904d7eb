package specmerge

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/speakeasy-api/openapi/overlay"
	"gopkg.in/yaml.v3"
)

// page is one vendor API page: a small OpenAPI document as published.
type page struct {
	File string // the name errors use, e.g. api/convai-secrets-update.yaml
	Doc  object
}

// source is the raw content of one file in api/.
type source struct {
	File string
	Data []byte
}

// readDir reads every *.yaml and *.yml file of dir, in name order.
func readDir(dir string) ([]source, error) {
	var names []string
	for _, pattern := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return nil, err
		}
		names = append(names, m...)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no *.yaml pages", dir)
	}
	srcs := make([]source, 0, len(names))
	for _, n := range names {
		data, err := readAtMost(n, maxPageBytes+1)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, source{File: filepath.ToSlash(n), Data: data})
	}
	return srcs, nil
}

// readAtMost reads the first limit bytes of a file: enough for
// parseSources to refuse a page that is too large, without holding all of
// it.
func readAtMost(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// parsed is a source decoded to YAML, before the overlay.
type parsed struct {
	file string
	node *yaml.Node
}

// parseSources decodes every source and splits out the overlay, of which
// there may be one: it is the reviewed record of accepted vendor drift.
func parseSources(srcs []source) ([]parsed, *overlaySource, error) {
	var pages []parsed
	var ov *overlaySource
	for _, s := range srcs {
		if len(s.Data) > maxPageBytes {
			return nil, nil, fmt.Errorf("%s: larger than %d MiB, the most a page may be", s.File, maxPageBytes>>20)
		}
		var node yaml.Node
		if err := yaml.Unmarshal(s.Data, &node); err != nil {
			return nil, nil, fmt.Errorf("%s: invalid YAML: %w", s.File, err)
		}
		if err := checkDepth(s.File, &node); err != nil {
			return nil, nil, err
		}
		if len(node.Content) == 0 || node.Content[0].Kind != yaml.MappingNode {
			return nil, nil, fmt.Errorf("%s:%d: not an OpenAPI document: the top level is not a mapping", s.File, node.Line)
		}
		if hasKey(node.Content[0], "overlay") {
			if ov != nil {
				return nil, nil, fmt.Errorf("%s and %s are both overlays: keep accepted drift in one reviewed file", ov.file, s.File)
			}
			o, err := parseOverlay(s)
			if err != nil {
				return nil, nil, err
			}
			ov = o
			continue
		}
		if !hasKey(node.Content[0], "openapi") {
			return nil, nil, fmt.Errorf("%s:%d: not an OpenAPI page: no `openapi` key (nor `overlay`)", s.File, node.Content[0].Line)
		}
		pages = append(pages, parsed{file: s.File, node: &node})
	}
	if len(pages) == 0 {
		var files []string
		for _, s := range srcs {
			files = append(files, s.File)
		}
		return nil, nil, fmt.Errorf("no OpenAPI pages among the inputs (%s)", strings.Join(files, ", "))
	}
	return pages, ov, nil
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}

// overlaySource is the parsed overlay and how often each action matched.
type overlaySource struct {
	file    string
	overlay *overlay.Overlay
	matched []bool
}

func parseOverlay(s source) (*overlaySource, error) {
	var o overlay.Overlay
	if err := yaml.Unmarshal(s.Data, &o); err != nil {
		return nil, fmt.Errorf("%s: invalid overlay: %w", s.File, err)
	}
	if err := o.Validate(); err != nil {
		return nil, fmt.Errorf("%s: invalid overlay: %w", s.File, err)
	}
	return &overlaySource{file: s.File, overlay: &o, matched: make([]bool, len(o.Actions))}, nil
}

// apply runs every overlay action against one page. An action only has to
// match somewhere among all the pages: see unmatched.
func (ov *overlaySource) apply(p parsed) error {
	for i, a := range ov.overlay.Actions {
		one := *ov.overlay
		one.Actions = []overlay.Action{a}
		path, err := one.NewPath(a.Target, nil)
		if err != nil {
			return fmt.Errorf("%s: action %d: target %q: %w", ov.file, i, a.Target, err)
		}
		if len(path.Query(p.node)) == 0 {
			continue
		}
		ov.matched[i] = true
		if err := one.ApplyTo(p.node); err != nil {
			return fmt.Errorf("%s: action %d on %s: %w", ov.file, i, p.file, err)
		}
	}
	return nil
}

// unmatched fails when an action matched no page: stale drift records must
// not linger silently once the vendor fixes a page.
func (ov *overlaySource) unmatched() error {
	for i, ok := range ov.matched {
		if !ok {
			return fmt.Errorf("%s: action %d (target %q) matches no page", ov.file, i, ov.overlay.Actions[i].Target)
		}
	}
	return nil
}

// decode turns a page's YAML into a plain tree.
func decode(p parsed) (page, error) {
	var doc any
	if err := p.node.Decode(&doc); err != nil {
		return page{}, fmt.Errorf("%s: %w", p.file, err)
	}
	m, _ := asObject(normalizeKeys(doc))
	page := page{File: p.file, Doc: m}
	return page, checkVersion(page)
}
