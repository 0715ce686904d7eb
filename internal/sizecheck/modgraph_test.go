package sizecheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// maxConsumerModules is how many modules `go list -m all` may show in a
// program that imports client and uses client/secretstest in its tests,
// itself and this module included. Every one is a go.mod the consumer
// downloads and a module its scanners report advisories for: the runtime's
// dependencies and our own go.mod's requirements, which is why the
// generator and the linters live in internal/maintainer's go.mod (111
// before that and oapi-codegen/runtime v1.9.1; 37 after).
const maxConsumerModules = 40

// The consumer is made as a user's would be, in a scratch module that
// requires this one through a replace, tidied. Our go.sum holds every
// checksum its graph needs (a consumer's graph is part of ours), but go mod
// tidy also loads the tests of the consumer's dependencies, whose modules
// building this one does not download: it may need the module proxy, so
// -short (make test) skips it; make test-all, make ci and make size run it.
func TestConsumerModuleGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("go mod tidy of a scratch consumer may download modules")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"go.mod": "module example.com/consumer\n\ngo 1.26.0\n\nrequire github.com/xisecrets/xisecrets v0.0.0\n\n" +
			"replace github.com/xisecrets/xisecrets => " + filepath.ToSlash(root) + "\n",
		"go.sum":       string(gosum),
		"main.go":      "package main\n\nimport \"github.com/xisecrets/xisecrets/client\"\n\nfunc main() { println(client.RegionEU.BaseURL()) }\n",
		"main_test.go": "package main\n\nimport (\n\t\"testing\"\n\n\t\"github.com/xisecrets/xisecrets/client/secretstest\"\n)\n\nfunc TestFake(t *testing.T) { secretstest.NewServer(t) }\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goCmd(t, dir, "mod", "tidy")
	modules := strings.Fields(goCmd(t, dir, "list", "-m", "-f", "{{.Path}}", "all"))
	t.Logf("a consumer of client and client/secretstest: %d modules in go list -m all (at most %d)", len(modules), maxConsumerModules)
	if len(modules) > maxConsumerModules {
		t.Errorf("a consumer of client and client/secretstest has %d modules in go list -m all, more than %d:\n%s\n"+
			"a tool's or the generator's dependency belongs in internal/maintainer/go.mod, not the library's",
			len(modules), maxConsumerModules, strings.Join(modules, "\n"))
	}
}

// goCmd runs the go command in dir, with no GOFLAGS of the caller's (the
// scratch module's go.mod is the go command's to write), and returns its
// standard output.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		msg := err.Error()
		if exit, ok := err.(*exec.ExitError); ok {
			msg += "\n" + string(exit.Stderr)
		}
		t.Fatalf("go %s in the scratch consumer: %s", strings.Join(args, " "), msg)
	}
	return string(out)
}
