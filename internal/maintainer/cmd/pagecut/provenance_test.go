package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
)

// The pages in api/ are data: these tests prove they are exactly what the
// vendor published, so no one hand-edits them. The inputs are verbatim
// copies: the vendor's whole OpenAPI document of the day the pages were cut
// (internal/specmerge's corpus, which vendorDoc unpacks) and, in testdata,
// the two documentation pages the project started from.

const apiDir = "../../../../api"

// documentationPages are the pages of api/ that are the vendor's
// documentation YAML blocks (testdata/seed-*-page.txt), not cuts.
var documentationPages = map[string]string{
	"convai-secrets-update.yaml": "testdata/seed-update-page.txt",
	"convai-secrets-delete.yaml": "testdata/seed-delete-page.txt",
}

// vendorDoc is the vendor's document the pages were cut from, unpacked by
// TestMain.
var vendorDoc string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pagecut-test")
	if err == nil {
		vendorDoc = filepath.Join(dir, "vendor-openapi.json")
		err = gunzip("../../specmerge/testdata/corpus/vendor-openapi-2026-05-26.json.gz", vendorDoc)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pagecut tests: unpacking the vendor corpus:", err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func gunzip(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		return err
	}
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, zr); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Each page that says in its first line that it was cut is what pagecut
// makes of that operation from the vendor document; every other page is a
// documentation page. The list of pages is api/'s own: which operations it
// holds is internal/operations' to check.
func TestCutPagesAreReproducible(t *testing.T) {
	want := map[string]string{}
	pages, err := filepath.Glob(filepath.Join(apiDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pages {
		op, ok := pagecut.Source(read(t, name))
		base := filepath.Base(name)
		_, isDoc := documentationPages[base]
		switch {
		case ok && isDoc:
			t.Errorf("api/%s: a documentation page marked as cut from %s %s", base, op.Method, op.Path)
		case ok:
			want[base] = op.Method + " " + op.Path
		case !isDoc && base != "overlay.yaml":
			t.Errorf("api/%s: neither cut (its first line names no operation) nor a documentation page: cut it with pagecut, never write a page by hand", base)
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
	for page, doc := range documentationPages {
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
