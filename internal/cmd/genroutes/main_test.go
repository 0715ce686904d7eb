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
	for _, path := range []string{"/v1/files/{id}.json", "/v1//x", "v1/x", "/v1//", "//"} {
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

// A template with a trailing slash is a route with a final empty segment,
// which the guard matches exactly (issue 19, section 2).
func TestTrailingSlashRoute(t *testing.T) {
	got, err := routesOf([]byte(`paths:
  /v1/items/: {}
  /v1/items/{id}/tags/: {}
  /v1/items/{id}/tags/{tag}/labels: {}
  /: {}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{""},
		{"v1", "items", ""},
		{"v1", "items", "*", "tags", ""},
		{"v1", "items", "*", "tags", "*", "labels"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("routes = %q, want %q", got, want)
	}
}

// A spec in which an id the guard refuses would turn one template into
// another's path is refused, naming both: the guard sees only the
// resolved path, so it could not refuse that id.
func TestIDThatReachesAnotherRouteRefused(t *testing.T) {
	for _, tc := range []struct {
		paths    []string
		from, to string // the templates the error names
		id       string // how it names the refused id
	}{
		// "" for {id} is /v1/items/.
		{[]string{"/v1/items/", "/v1/items/{id}"}, "/v1/items/{id}", "/v1/items/", `"" as parameter 1`},
		// ".." for {tag} is /v1/items/ID/ (and "." for {id} with "" for
		// {tag} is /v1/items/tags/, which it finds first).
		{[]string{"/v1/items/{id}/", "/v1/items/{id}/tags/{tag}"}, "/v1/items/{id}/tags/{tag}", "/v1/items/{id}/", `as parameter 2`},
		// "." for {id} is /v1/items/tags: a collision without any
		// trailing slash, which the guard could not refuse either.
		{[]string{"/v1/items/tags", "/v1/items/{id}/tags"}, "/v1/items/{id}/tags", "/v1/items/tags", `"." as parameter 1`},
		// ".." for {id} is /v1/labels.
		{[]string{"/v1/labels", "/v1/items/{id}/labels"}, "/v1/items/{id}/labels", "/v1/labels", `".." as parameter 1`},
	} {
		spec := "paths:\n"
		for _, p := range tc.paths {
			spec += "  " + p + ": {}\n"
		}
		_, err := routesOf([]byte(spec))
		if err == nil {
			t.Errorf("%q: accepted", tc.paths)
			continue
		}
		for _, want := range []string{"#/paths/" + escapeToken(tc.from), "a path of #/paths/" + escapeToken(tc.to), tc.id} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q: err = %v, want it to name %s", tc.paths, err, want)
			}
		}
	}
}

// What no refused id can reach is accepted: today's spec, and trailing
// slashes that no other template resolves to.
func TestRoutesNoIDReachesAccepted(t *testing.T) {
	for _, paths := range [][]string{
		{"/v1/convai/secrets", "/v1/convai/secrets/{secret_id}", "/v1/convai/secrets/{secret_id}/dependencies/{resource_type}"},
		{"/v1/items/", "/v1/items/{id}/tags"},
		// The table of the transport's guard tests (trailingRoutes).
		{"/v1/items/", "/v1/items/{id}/tags", "/v1/items/{id}/tags/"},
		{"/v1/items/{id}/tags/", "/v1/items/{id}/tags/{tag}/x"},
		{"/v1/a/{p1}/{p2}/{p3}/{p4}/{p5}/{p6}/{p7}/{p8}"},
	} {
		spec := "paths:\n"
		for _, p := range paths {
			spec += "  " + p + ": {}\n"
		}
		if _, err := routesOf([]byte(spec)); err != nil {
			t.Errorf("%q: %v", paths, err)
		}
	}
	if _, err := routesOf([]byte("paths:\n  /{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}: {}\n")); err == nil || !strings.Contains(err.Error(), "9 path parameters") {
		t.Errorf("9 parameters: err = %v, want a refusal", err)
	}
}

// Page text in an error is made printable.
func TestRouteErrorsEscapePageText(t *testing.T) {
	_, err := routesOf([]byte("paths:\n  \"/v1/x\\e]0;title\\a/{a}.json\": {}\n"))
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Errorf("err = %q, want a refusal without control bytes", err)
	}
}
