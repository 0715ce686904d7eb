package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRoutesOf(t *testing.T) {
	got, err := routesOf([]byte(`paths:
  /v1/convai/secrets/{secret_id}/dependencies/{resource_type}: {}
  /v1/convai/secrets: {}
  /v1/convai/secrets/{secret_id}: {}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"v1", "convai", "secrets"},
		{"v1", "convai", "secrets", "*"},
		{"v1", "convai", "secrets", "*", "dependencies", "*"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("routes = %q, want %q", got, want)
	}
}

// A route the guard could not match segment by segment fails, naming the
// path as a JSON pointer, and nothing is written.
func TestUnmatchableRouteRefused(t *testing.T) {
	for _, path := range []string{"/v1/files/{id}.json", "/v1//x", "v1/x"} {
		dir := t.TempDir()
		spec := filepath.Join(dir, "openapi.yaml")
		out := filepath.Join(dir, "routes.gen.go")
		if err := os.WriteFile(spec, []byte("paths:\n  "+path+": {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := run(spec, out, "gen")
		want := "#/paths/" + escapeToken(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want one naming %s", path, err, want)
		}
		if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
			t.Errorf("%s: a file was written", path)
		}
	}
}
