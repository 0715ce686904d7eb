package specmerge

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
	"gopkg.in/yaml.v3"
)

// The vendor's whole published document (testdata/corpus, see its README),
// cut one page per operation as internal/maintainer/pagecut cuts api/: the constructs
// the next vendor page may bring, all at once.
const vendorCorpus = "testdata/corpus/vendor-openapi-2026-05-26.json.gz"

// vendorPages cuts every operation of the vendor document into its own page,
// named after its method and path so that errors say which operation.
func vendorPages(t testing.TB) []source {
	t.Helper()
	f, err := os.Open(vendorCorpus)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", vendorCorpus, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", vendorCorpus, err)
	}
	doc, err := pagecut.Parse(vendorCorpus, data)
	if err != nil {
		t.Fatal(err)
	}
	var srcs []source
	for _, op := range doc.Operations() {
		page, err := doc.Cut(op.Path, op.Method)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("vendor/%s%s.yaml", op.Method, strings.NewReplacer("/", "-", "{", "", "}", "").Replace(op.Path))
		srcs = append(srcs, source{File: name, Data: page})
	}
	return srcs
}

// The whole pipeline on the vendor's 314 operations, run as `make generate`
// runs it (the specmerge command with both configs and the guards), the
// generated Go compared byte for byte with `go tool oapi-codegen`'s, and the
// generated packages built and vetted in a scratch module, and the fake
// started on the embedded spec generated and sent requests: no construct of
// the vendor's API stops generation, and what generates, the fake serves. The commands run as subprocesses, so the
// race detector does not slow them; BenchmarkPipelineVendor times the
// pipeline in process. They share the caller's build cache: go run caches
// the specmerge command, and -trimpath keeps the scratch module's random
// directory out of the cache keys, so a second run on the same pages does
// not compile the generated package again.
func TestVendorCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline on the vendor's 314 operations and builds the result")
	}
	srcs := vendorPages(t)
	if len(srcs) != 314 {
		t.Fatalf("the vendor document has %d operations, want 314", len(srcs))
	}
	dir := t.TempDir()
	api := filepath.Join(dir, "api")
	for _, s := range srcs {
		writeFile(t, filepath.Join(api, filepath.Base(s.File)), s.Data)
	}
	mod := scratchModule(t, dir)
	spec := filepath.Join(mod.dir, "gen", "openapi.yaml")
	// The routes and the path parameter check too, as generate.go writes them.
	run(t, maintainerModule, "go", "run", "./cmd/specmerge", "-api", api, "-out", spec, "-config", mod.config, "-config", mod.specConfig,
		"-routes", filepath.Join(mod.dir, "gen", "routes.gen.go"), "-pathparams", filepath.Join(mod.dir, "gen", "pathparams.gen.go"))
	sameAsTool(t, spec, mod.config, mod.specConfig)
	run(t, mod.dir, "go", "build", "-trimpath", "./gen/...")
	run(t, mod.dir, "go", "vet", "-trimpath", "./gen/...")
	// The fake starts on the embedded spec as generated, and serves it.
	srv, err := serveSpecGo(t, readFile(t, filepath.Join(mod.dir, "gen", "genspec", "spec.gen.go")))
	checkSecretsServed(t, mustServe(t, srv, err))

	var merged map[string]any
	if err := yaml.Unmarshal(readFile(t, spec), &merged); err != nil {
		t.Fatal(err)
	}
	if got := len(operationIDs(merged)); got != len(srcs) {
		t.Errorf("%d pages gave %d operations", len(srcs), got)
	}
}

// scratch is a module that requires exactly what ours does (its go.mod and
// go.sum), so generated Go meets the same oapi-codegen runtime as gen/, and
// copies of our oapi-codegen configs that write into it: config to
// gen/gen.go, specConfig to gen/genspec/spec.gen.go.
type scratch struct{ dir, config, specConfig string }

func scratchModule(t *testing.T, parent string) scratch {
	t.Helper()
	dir := filepath.Join(parent, "module")
	gomod := bytes.Replace(readFile(t, repoRoot+"/go.mod"),
		[]byte("module github.com/xisecrets/xisecrets"), []byte("module scratch.example/corpus"), 1)
	writeFile(t, filepath.Join(dir, "go.mod"), gomod)
	writeFile(t, filepath.Join(dir, "go.sum"), readFile(t, repoRoot+"/go.sum"))
	if err := os.MkdirAll(filepath.Join(dir, "gen", "genspec"), 0o755); err != nil {
		t.Fatal(err)
	}
	mod := scratch{dir: dir, config: filepath.Join(parent, "oapi-codegen.yaml"), specConfig: filepath.Join(parent, "oapi-codegen-spec.yaml")}
	scratchConfig(t, repoConfig, mod.config, filepath.Join(dir, "gen", "gen.go"))
	scratchConfig(t, repoSpecConfig, mod.specConfig, filepath.Join(dir, "gen", "genspec", "spec.gen.go"))
	return mod
}

// scratchConfig writes to dst a copy of the oapi-codegen config src whose
// output is output.
func scratchConfig(t *testing.T, src, dst, output string) {
	t.Helper()
	var cfg map[string]any
	if err := yaml.Unmarshal(readFile(t, src), &cfg); err != nil {
		t.Fatal(err)
	}
	cfg["output"] = output
	data, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dst, data)
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs a command in dir, failing the test with its output.
func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	start := time.Now()
	defer func() { t.Logf("%s %s: %v", filepath.Base(name), args[0], time.Since(start).Round(time.Millisecond)) }()
	if out, err := command(dir, name, args...); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, firstLines(out, 40))
	}
}

// command runs a command in dir as run does, returning its combined output.
func command(dir, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	return cmd.CombinedOutput()
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(string(b), "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}

// SPECMERGE_VENDOR_DIR=<dir> go test -run TestWriteVendorCorpus writes the
// vendor's 314 pages to dir, for measuring the command on them (see
// BENCHMARKS.md).
func TestWriteVendorCorpus(t *testing.T) {
	dir := os.Getenv("SPECMERGE_VENDOR_DIR")
	if dir == "" {
		t.Skip("set SPECMERGE_VENDOR_DIR to write the vendor's pages")
	}
	for _, s := range vendorPages(t) {
		writeFile(t, filepath.Join(dir, filepath.Base(s.File)), s.Data)
	}
}
