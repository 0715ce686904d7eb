package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
)

// vendorCutDir holds, beside each documentation page, the vendor
// document's cut of the same operation as the last refresh saw it: the
// baseline that tells a change the vendor made from the standing
// differences between its documentation site and its document.
const vendorCutDir = "vendor-cut"

// page is one file of api/ that documents an operation.
type page struct {
	File string // relative to the repository, e.g. api/convai-secrets-get.yaml
	Op   pagecut.Operation
	Cut  bool   // cut from the vendor's document, not a documentation page
	Old  []byte // the page as it is
}

func (p page) String() string { return p.Op.Method + " " + p.Op.Path }

// readPages lists the pages of api/ that document an operation: cut pages
// by their first line, documentation pages by their one operation. The
// overlay and any page without an operation are not pages here.
func readPages(repo string) ([]page, error) {
	names, err := filepath.Glob(filepath.Join(repo, "api", "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var pages []page
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		file := "api/" + filepath.Base(name)
		if op, ok := pagecut.Source(src); ok {
			pages = append(pages, page{File: file, Op: op, Cut: true, Old: src})
			continue
		}
		doc, err := pagecut.Parse(file, src)
		if err != nil {
			return nil, err
		}
		switch ops := doc.Operations(); len(ops) {
		case 0: // the overlay
		case 1:
			pages = append(pages, page{File: file, Op: ops[0], Old: src})
		default:
			return nil, fmt.Errorf("%s documents %d operations; a page documents one", file, len(ops))
		}
	}
	return pages, nil
}

// plan is what a refresh changes in the tree, and what it found.
type plan struct {
	write   map[string][]byte // file (relative to the repository) -> new content
	remove  []string          // files to remove
	recut   []string          // cut pages whose content changes
	removed []removal         // operations the vendor no longer has
	docs    []docChange       // documentation pages whose vendor operation changed
	kept    []string          // documentation pages left as they are, their operation unchanged
	// standing is every documentation page left in api/ whose operation
	// the vendor still has, its Baseline the page and New the vendor's
	// cut: what replacing it would change, reported every time, whether
	// or not the vendor changed anything since the last refresh.
	standing []docChange
}

// removal is a page whose operation the vendor removed.
type removal struct {
	page
	Kept bool // a documentation page, left in api/ (no -replace-docs)
}

// docChange is a documentation page whose operation in the vendor's
// document differs from the baseline: the cut of the last refresh, or
// without one the page itself. New is nil when the vendor removed it.
type docChange struct {
	page
	Baseline    []byte
	HasBaseline bool // Baseline is the last refresh's cut, not the page
	New         []byte
}

// changesPages reports whether the plan changes a page the merge reads,
// so that gen/ must be regenerated.
func (p *plan) changesPages() bool {
	for f := range p.write {
		if filepath.Dir(f) == "api" {
			return true
		}
	}
	for _, f := range p.remove {
		if filepath.Dir(f) == "api" {
			return true
		}
	}
	return false
}

// makePlan re-cuts every page from doc. A documentation page is replaced
// by its cut only with replaceDocs; otherwise its operation is cut beside
// it, into vendorCutDir, to compare with the last refresh's cut.
func makePlan(repo string, doc *pagecut.Document, pages []page, replaceDocs bool) *plan {
	p := &plan{write: map[string][]byte{}}
	for _, pg := range pages {
		cut, err := doc.Cut(pg.Op.Path, pg.Op.Method)
		gone := err != nil
		ref := filepath.ToSlash(filepath.Join("api", vendorCutDir, filepath.Base(pg.File)))
		switch {
		case pg.Cut || replaceDocs:
			if gone {
				p.remove = append(p.remove, pg.File)
				p.removed = append(p.removed, removal{page: pg})
			} else if !bytes.Equal(cut, pg.Old) {
				p.write[pg.File] = cut
				p.recut = append(p.recut, pg.File)
			}
			if !pg.Cut {
				p.remove = append(p.remove, ref) // no longer a documentation page
			}
			continue
		}
		if !gone {
			p.standing = append(p.standing, docChange{page: pg, Baseline: pg.Old, New: cut})
		}
		base, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(ref)))
		hasBase := err == nil
		if !hasBase {
			base = pg.Old
		}
		switch {
		case gone:
			p.removed = append(p.removed, removal{page: pg, Kept: true})
			p.remove = append(p.remove, ref)
			p.docs = append(p.docs, docChange{page: pg, Baseline: base, HasBaseline: hasBase})
		case !bytes.Equal(cut, base):
			p.write[ref] = cut
			p.docs = append(p.docs, docChange{page: pg, Baseline: base, HasBaseline: hasBase, New: cut})
		default:
			p.kept = append(p.kept, pg.File)
		}
	}
	return p
}

// apply writes and removes the plan's files in repo.
func (p *plan) apply(repo string) error {
	files := make([]string, 0, len(p.write))
	for f := range p.write {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		path := filepath.Join(repo, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, p.write[f], 0o644); err != nil {
			return err
		}
	}
	for _, f := range p.remove {
		if err := os.Remove(filepath.Join(repo, filepath.FromSlash(f))); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

// uncovered lists the vendor's operations on the paths api/ covers, or
// below them, that no page documents: what the vendor added beside them.
func uncovered(doc *pagecut.Document, pages []page) []pagecut.Operation {
	covered := map[pagecut.Operation]bool{}
	for _, pg := range pages {
		covered[pg.Op] = true
	}
	var out []pagecut.Operation
	for _, op := range doc.Operations() {
		if covered[op] {
			continue
		}
		for c := range covered {
			if op.Path == c.Path || strings.HasPrefix(op.Path, c.Path+"/") {
				out = append(out, op)
				break
			}
		}
	}
	return out
}
