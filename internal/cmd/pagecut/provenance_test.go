package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The pages in api/ are data: these tests prove they are exactly what the
// vendor published, so no one hand-edits them. testdata holds verbatim
// copies of the inputs: the vendor's OpenAPI document (cut to the six
// secrets operations) and the two documentation pages the project started
// from.

const apiDir = "../../../api"

// Each cut page is what pagecut makes from the vendor document.
func TestCutPagesAreReproducible(t *testing.T) {
	for _, tc := range []struct{ page, path, method string }{
		{"convai-secrets-list.yaml", "/v1/convai/secrets", "get"},
		{"convai-secrets-create.yaml", "/v1/convai/secrets", "post"},
		{"convai-secrets-get.yaml", "/v1/convai/secrets/{secret_id}", "get"},
		{"convai-secrets-dependencies.yaml", "/v1/convai/secrets/{secret_id}/dependencies/{resource_type}", "get"},
	} {
		out := filepath.Join(t.TempDir(), tc.page)
		if err := run("testdata/vendor-secrets-openapi.json", tc.path, tc.method, out); err != nil {
			t.Fatalf("%s: %v", tc.page, err)
		}
		if want, got := read(t, filepath.Join(apiDir, tc.page)), read(t, out); !bytes.Equal(want, got) {
			t.Errorf("api/%s differs from pagecut's cut of %s %s: re-cut it, never edit it by hand", tc.page, tc.method, tc.path)
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
	err := run("testdata/vendor-secrets-openapi.json", "/v1/nope", "get", out)
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
