package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Re-cutting from the document the pages came from restores a cut page that
// drifted, and leaves the documentation pages (and the overlay) alone.
func TestRefreshRecutsOnlyCutPages(t *testing.T) {
	dir, list := copyAPIWithDrift(t)
	before := snapshot(t, dir)

	changed, err := runRefresh(vendorDoc, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) != 1 || changed[0] != list {
		t.Errorf("re-cut %v, want only %s", changed, list)
	}
	for name, page := range snapshot(t, dir) {
		switch {
		case name == list:
			if !bytes.Equal(page, read(t, filepath.Join(apiDir, name[len(dir)+1:]))) {
				t.Errorf("%s is not its cut after the refresh", name)
			}
		case !bytes.Equal(page, before[name]):
			t.Errorf("%s changed, but it was not cut from the vendor document or was already current", name)
		}
	}
	if changed, err := runRefresh(vendorDoc, dir); err != nil || len(changed) != 0 {
		t.Errorf("second refresh: changed %v, err %v; want nothing", changed, err)
	}
}

// A vendor document that no longer has a page's operation fails naming the
// page and the operation, and writes no page at all, not even the ones it
// could re-cut.
func TestRefreshFailsForVanishedOperation(t *testing.T) {
	dir, _ := copyAPIWithDrift(t)
	before := snapshot(t, dir)
	vendor := withoutPath(t, "/v1/convai/secrets/{secret_id}/dependencies/{resource_type}")

	_, err := runRefresh(vendor, dir)
	if err == nil {
		t.Fatal("refresh succeeded without the dependencies operation")
	}
	for _, want := range []string{"convai-secrets-dependencies.yaml", "get /v1/convai/secrets/{secret_id}/dependencies/{resource_type}", "nothing written"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	after := snapshot(t, dir)
	for name, page := range before {
		if !bytes.Equal(page, after[name]) {
			t.Errorf("%s was written by a failed refresh", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("a failed refresh left %d files, want %d", len(after), len(before))
	}
}

func TestRefreshNeedsAVendorDocument(t *testing.T) {
	if _, err := runRefresh("", copyAPI(t)); err == nil || !strings.Contains(err.Error(), "VENDOR=") {
		t.Errorf("err = %v, want one saying how to pass the vendor document", err)
	}
}

// copyAPI copies api/ into a temporary directory.
func copyAPI(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, page := range snapshot(t, apiDir) {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// copyAPIWithDrift copies api/ and appends a line to the copy's list page,
// which a refresh from the vendor document must undo; it returns the
// directory and the page.
func copyAPIWithDrift(t *testing.T) (dir, list string) {
	t.Helper()
	dir = copyAPI(t)
	list = filepath.Join(dir, "convai-secrets-list.yaml")
	if err := os.WriteFile(list, append(read(t, list), "# drift\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, list
}

// snapshot reads every file of dir (not of its subdirectories, such as
// api/vendor-cut, which a refresh of dir never reads).
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		files[filepath.Join(dir, e.Name())] = read(t, filepath.Join(dir, e.Name()))
	}
	return files
}

// withoutPath writes the vendor document without one path, as a newer
// document that dropped it would be.
func withoutPath(t *testing.T, path string) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(read(t, vendorDoc), &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc["paths"].(map[string]any), path)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "vendor.json")
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}
