package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"
)

// goPackage is what changed in one package's exported API.
type goPackage struct {
	Dir     string           // relative to the module root: "gen", "client"
	Changes []apidiff.Change // apidiff's, incompatible first
	// BrokenBy holds the compiler's errors when the package does not
	// compile in the new tree: the most incompatible change of all, and one
	// apidiff cannot describe.
	BrokenBy []string
	// BaseBrokenBy holds the compiler's errors when the package did not
	// compile in the base tree: there is no API to compare with.
	BaseBrokenBy []string
	Added        bool // absent from the base tree
	Removed      bool // absent from the working tree
}

// notCompared reports whether the package compiles now but did not at the
// base, so that what changed in its API is unknown.
func (p goPackage) notCompared() bool { return len(p.BaseBrokenBy) > 0 && len(p.BrokenBy) == 0 }

// against says what a package that does not compile fails against: the
// new gen, for every package but gen itself.
func (p goPackage) against() string {
	if p.Dir == "gen" {
		return ""
	}
	return " against the new gen"
}

func (p goPackage) incompatible() int {
	n := len(p.BrokenBy)
	if p.Removed {
		n++
	}
	for _, c := range p.Changes {
		if !c.Compatible {
			n++
		}
	}
	return n
}

// goChanges runs apidiff on each package directory of the two trees.
func goChanges(oldTree, newTree string, dirs []string) ([]goPackage, error) {
	old, err := loadPackages(oldTree, dirs)
	if err != nil {
		return nil, err
	}
	cur, err := loadPackages(newTree, dirs)
	if err != nil {
		return nil, err
	}
	var out []goPackage
	for _, dir := range dirs {
		o, n := old[dir], cur[dir]
		p := goPackage{Dir: dir, Added: o == nil, Removed: n == nil}
		switch {
		case o == nil || n == nil:
		case len(n.Errors) > 0 || len(o.Errors) > 0:
			p.BrokenBy = errorLines(n, newTree)
			p.BaseBrokenBy = errorLines(o, oldTree)
		default:
			p.Changes = apidiff.Changes(o.Types, n.Types).Changes
			sortIncompatibleFirst(p.Changes)
		}
		out = append(out, p)
	}
	return out, nil
}

// loadPackages type-checks the packages from source in tree, keyed by
// directory; a directory holding no Go package is absent from the map.
func loadPackages(tree string, dirs []string) (map[string]*packages.Package, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedImports,
		Dir:  tree,
		// Each tree is its own module: a go.work around it must not mix them.
		Env: append(os.Environ(), "GOWORK=off"),
	}
	patterns := make([]string, len(dirs))
	for i, d := range dirs {
		patterns[i] = "./" + d
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s in %s: %w", strings.Join(patterns, " "), tree, err)
	}
	byDir := map[string]*packages.Package{}
	for _, p := range pkgs {
		if p.Types == nil || len(p.GoFiles) == 0 && len(p.CompiledGoFiles) == 0 {
			continue // no Go files there: the package does not exist in this tree
		}
		dir, err := filepath.Rel(tree, filepath.Dir(firstFile(p)))
		if err != nil {
			return nil, err
		}
		byDir[filepath.ToSlash(dir)] = p
	}
	return byDir, nil
}

func firstFile(p *packages.Package) string {
	if len(p.CompiledGoFiles) > 0 {
		return p.CompiledGoFiles[0]
	}
	return p.GoFiles[0]
}

// errorLines are a package's errors with positions relative to the tree:
// the type checker's, or when it has none (say a missing import) the go
// command's, which repeat the type checker's when both exist.
func errorLines(p *packages.Package, tree string) []string {
	errs := slices.DeleteFunc(slices.Clone(p.Errors), func(e packages.Error) bool { return e.Kind == packages.ListError })
	if len(errs) == 0 {
		errs = p.Errors
	}
	var lines []string
	for _, e := range errs {
		msg := e.Error()
		if rel, ok := strings.CutPrefix(msg, tree+string(filepath.Separator)); ok {
			msg = rel
		}
		lines = append(lines, msg)
	}
	return lines
}

func sortIncompatibleFirst(cs []apidiff.Change) {
	var in, co []apidiff.Change
	for _, c := range cs {
		if c.Compatible {
			co = append(co, c)
		} else {
			in = append(in, c)
		}
	}
	copy(cs, append(in, co...))
}
