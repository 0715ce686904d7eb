package specmerge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Shared helpers of the package's tests. The fixtures live in
// testdata/cases/<case>/*.yaml (every case there must merge cleanly; see
// TestEveryRepairIsTriggered) or inline for the error cases.

const (
	repoRoot      = "../.."
	realAPIDir    = repoRoot + "/api"
	repoConfig    = repoRoot + "/oapi-codegen.yaml"
	committedSpec = repoRoot + "/gen/openapi.yaml"
	committedGo   = repoRoot + "/gen/secrets.gen.go"
	casesDir      = "testdata/cases"
)

// src is one inline page called api/<name>.
func src(name, yaml string) source {
	return source{File: "api/" + name, Data: []byte(yaml)}
}

// caseSources reads the pages of testdata/cases/<name>.
func caseSources(t testing.TB, name string) []source {
	t.Helper()
	srcs, err := readDir(filepath.Join(casesDir, name))
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return srcs
}

// realSources reads the repository's api/ pages.
func realSources(t testing.TB) []source {
	t.Helper()
	srcs, err := readDir(realAPIDir)
	if err != nil {
		t.Fatalf("reading the real pages: %v", err)
	}
	return srcs
}

func mustMerge(t testing.TB, srcs []source) *Result {
	t.Helper()
	res, err := merge(srcs)
	if err != nil {
		t.Fatalf("merge(%s) failed: %v", files(srcs), err)
	}
	return res
}

func mergeCase(t testing.TB, name string) *Result {
	t.Helper()
	return mustMerge(t, caseSources(t, name))
}

// mustFail merges srcs, expecting an error that contains every one of want.
func mustFail(t testing.TB, srcs []source, want ...string) error {
	t.Helper()
	res, err := merge(srcs)
	if err == nil {
		t.Fatalf("merge(%s) succeeded, want an error containing %q; merged:\n%s", files(srcs), want, res.yaml)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not contain %q:\n  %v", w, err)
		}
	}
	return err
}

func files(srcs []source) string {
	var names []string
	for _, s := range srcs {
		names = append(names, s.File)
	}
	return strings.Join(names, ", ")
}

// at returns the value at a JSON pointer of doc, failing the test when there
// is none.
func at(t testing.TB, doc map[string]any, ptr string) any {
	t.Helper()
	v, ok := lookup(doc, ptr)
	if !ok {
		t.Fatalf("merged document has nothing at %s", ptr)
	}
	return v
}

func has(doc map[string]any, ptr string) bool {
	_, ok := lookup(doc, ptr)
	return ok
}

// lookup resolves a JSON pointer such as #/paths/~1v1/get/parameters/0,
// through lists as well as objects.
func lookup(doc map[string]any, ptr string) (any, bool) { return resolve(doc, ptr) }

// opPtr is the pointer of an operation: opPtr("/v1/x/{id}", "get").
func opPtr(path, method string) string {
	return pointer("paths", path, method)
}

func schemaPtr(name string) string {
	return pointer("components", "schemas", name)
}

// fixesOf returns where repair id was made.
func fixesOf(res *Result, id string) []string {
	var where []string
	for _, f := range res.Fixes {
		if f.Repair == id {
			where = append(where, f.Where)
		}
	}
	return where
}

// wantFix fails unless repair id was made at where.
func wantFix(t testing.TB, res *Result, id, where string) {
	t.Helper()
	for _, w := range fixesOf(res, id) {
		if w == where {
			return
		}
	}
	t.Errorf("no %s fix at %s; fixes made: %v", id, where, res.Fixes)
}

// generate validates a merged document with kin-openapi and trial-generates
// it with the repository's oapi-codegen configuration.
func generate(t testing.TB, res *Result) string {
	t.Helper()
	doc, err := validate(res.yaml)
	if err != nil {
		t.Fatalf("%v\nmerged:\n%s", err, res.yaml)
	}
	code, err := trialGenerate(doc, repoGeneratorConfig(t))
	if err != nil {
		t.Fatalf("%v\nmerged:\n%s", err, res.yaml)
	}
	return code
}

func repoGeneratorConfig(t testing.TB) generatorConfig {
	t.Helper()
	cfg, err := loadGeneratorConfig(repoConfig)
	if err != nil {
		t.Fatalf("loading %s: %v", repoConfig, err)
	}
	return cfg
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// readCaseDirs lists the fixtures of testdata/cases.
func readCaseDirs() ([]string, error) {
	entries, err := os.ReadDir(casesDir)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs, nil
}

// schemaPage is a page called api/<name> whose components/schemas are the
// given YAML, each reached by its one operation (so none is pruned).
func schemaPage(t testing.TB, name, schemas string) source {
	t.Helper()
	var comps map[string]any
	if err := yaml.Unmarshal([]byte(schemas), &comps); err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	props := map[string]any{}
	for k := range comps {
		props[k] = map[string]any{"$ref": "#/components/schemas/" + k}
	}
	stem := strings.TrimSuffix(name, ".yaml")
	page := map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]any{"title": stem, "version": "1"},
		"paths": map[string]any{"/v1/" + stem: map[string]any{"get": map[string]any{
			"operationId": "get_" + stem,
			"responses": map[string]any{"200": map[string]any{
				"description": "ok",
				"content": map[string]any{"application/json": map[string]any{
					"schema": map[string]any{"type": "object", "properties": props},
				}},
			}},
		}}},
		"components": map[string]any{"schemas": comps},
	}
	data, err := yaml.Marshal(page)
	if err != nil {
		t.Fatal(err)
	}
	return source{File: "api/" + name, Data: data}
}
