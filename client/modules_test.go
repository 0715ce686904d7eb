package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// linkableModules are the only modules, besides the standard library, that
// a program importing client may link: this module, the generated client's
// runtime and the runtime's own dependencies. Every module added here is
// added to every consumer's binary and go.sum, so it is an API decision,
// not a refactoring detail (the embedded spec once added kin-openapi and
// five more: see gen/genspec).
var linkableModules = []string{
	"github.com/xisecrets/xisecrets",
	"github.com/oapi-codegen/runtime",
	"github.com/google/uuid",
	"github.com/apapsch/go-jsonmerge/v2",
}

func TestClientLinksOnlyItsRuntime(t *testing.T) {
	deps := listDeps(t, ".")
	if !slices.Contains(deps.modules(), "github.com/oapi-codegen/runtime") {
		// The generated client needs the runtime: a listing without it
		// was not read right, and would let anything through.
		t.Fatalf("go list -deps of client names no github.com/oapi-codegen/runtime; modules: %q", deps.modules())
	}
	if problems := deps.unlinkable("client"); len(problems) > 0 {
		t.Errorf("%s\na consumer of client may link, besides the standard library, only %s",
			strings.Join(problems, "\n"), strings.Join(linkableModules, ", "))
	}
}

// The check can fail, and names the module and who pulls it in: the fake
// links kin-openapi to validate against the spec.
func TestUnlinkableModulesAreNamed(t *testing.T) {
	got := strings.Join(listDeps(t, "./secretstest").unlinkable("client/secretstest"), "\n")
	want := "client/secretstest links module github.com/getkin/kin-openapi (package github.com/getkin/kin-openapi/openapi3 imported by github.com/xisecrets/xisecrets/"
	if !strings.Contains(got, want) {
		t.Errorf("problems of client/secretstest lack %q; got:\n%s", want, got)
	}
}

// listedPackage is the part of `go list -json` output the check reads.
type listedPackage struct {
	ImportPath string
	Imports    []string
	Module     *struct{ Path string }
}

// depGraph is every package a program importing one package links.
type depGraph []listedPackage

// listDeps lists the packages pkg depends on, test files excluded, as the
// go command resolves them for a build on this platform. It needs no
// network: building the tests has already filled the module cache.
func listDeps(t *testing.T, pkg string) depGraph {
	t.Helper()
	// go test puts its own GOROOT/bin first in PATH, so this is the go
	// command that is running the test.
	out, err := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports,Module", pkg).Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, exit.Stderr)
		}
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	var g depGraph
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list -deps %s: decoding its output: %v", pkg, err)
		}
		g = append(g, p)
	}
	return g
}

func (g depGraph) modules() []string {
	var mods []string
	for _, p := range g {
		if p.Module != nil && !slices.Contains(mods, p.Module.Path) {
			mods = append(mods, p.Module.Path)
		}
	}
	slices.Sort(mods)
	return mods
}

// unlinkable names each module outside linkableModules that package who
// links, with the first of its packages that a package of another module
// imports, and that importer: where to look to drop it.
func (g depGraph) unlinkable(who string) []string {
	module := map[string]string{}
	for _, p := range g {
		if p.Module != nil {
			module[p.ImportPath] = p.Module.Path
		}
	}
	var problems []string
	for _, mod := range g.modules() {
		if slices.Contains(linkableModules, mod) {
			continue
		}
		problems = append(problems, fmt.Sprintf("%s links module %s%s", who, mod, g.entry(mod, module)))
	}
	return problems
}

// entry describes where module mod is first imported from outside it.
func (g depGraph) entry(mod string, module map[string]string) string {
	for _, p := range g {
		if module[p.ImportPath] == mod {
			continue
		}
		for _, imp := range p.Imports {
			if module[imp] == mod {
				return fmt.Sprintf(" (package %s imported by %s)", imp, p.ImportPath)
			}
		}
	}
	return ""
}
