package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
)

// The pages in api/ are data: these tests prove they are exactly what the
// vendor published, so no one hand-edits them. testdata holds verbatim
// copies of the inputs: the vendor's OpenAPI document (cut to the six
// secrets operations) and the two documentation pages the project started
// from.

const (
	apiDir    = "../../../../api"
	vendorDoc = "testdata/vendor-secrets-openapi.json"
)

// Each cut page is what pagecut makes from the vendor document, and says
// so in its first line: the four operations the documentation site does not
// publish as YAML blocks.
func TestCutPagesAreReproducible(t *testing.T) {
	want := map[string]string{
		"convai-secrets-list.yaml":         "get /v1/convai/secrets",
		"convai-secrets-create.yaml":       "post /v1/convai/secrets",
		"convai-secrets-get.yaml":          "get /v1/convai/secrets/{secret_id}",
		"convai-secrets-dependencies.yaml": "get /v1/convai/secrets/{secret_id}/dependencies/{resource_type}",
	}
	pages, err := filepath.Glob(filepath.Join(apiDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pages {
		op, ok := pagecut.Source(read(t, name))
		base := filepath.Base(name)
		if got := op.Method + " " + op.Path; ok && got != want[base] || !ok && want[base] != "" {
			t.Errorf("api/%s: marked as cut from %q, want %q", base, got, want[base])
		}
	}
	for page, op := range want {
		method, path, _ := strings.Cut(op, " ")
		out := filepath.Join(t.TempDir(), page)
		if err := run(vendorDoc, path, method, out); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		if want, got := read(t, filepath.Join(apiDir, page)), read(t, out); !bytes.Equal(want, got) {
			t.Errorf("api/%s differs from pagecut's cut of %s: re-cut it, never edit it by hand", page, op)
		}
	}
}

// The update and delete pages are the YAML blocks of the vendor's
// documentation pages, byte for byte.
func TestSeedPagesAreTheDocumentationBlocks(t *testing.T) {
	for page, doc := range map[string]string{
		"convai-secrets-update.yaml": "testdata/seed-update-page.txt",
		"convai-secrets-delete.yaml": "testdata/seed-delete-page.txt",
	} {
		block, ok := yamlBlock(string(read(t, doc)))
		if !ok {
			t.Fatalf("%s: no ```yaml block", doc)
		}
		if got := string(read(t, filepath.Join(apiDir, page))); got != block {
			t.Errorf("api/%s is not the YAML block of %s byte for byte", page, doc)
		}
	}
}

func TestRunRefusesUnknownOperation(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.yaml")
	err := run(vendorDoc, "/v1/nope", "get", out)
	if err == nil || !strings.Contains(err.Error(), "#/paths/~1v1~1nope/get") {
		t.Fatalf("err = %v, want one naming #/paths/~1v1~1nope/get", err)
	}
	if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
		t.Error("a page was written for an unknown operation")
	}
}

// yamlBlock returns the first ```yaml fenced block of a page, with its
// final newline.
func yamlBlock(page string) (string, bool) {
	_, rest, ok := strings.Cut(page, "```yaml\n")
	if !ok {
		return "", false
	}
	block, _, ok := strings.Cut(rest, "```")
	return block, ok
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
