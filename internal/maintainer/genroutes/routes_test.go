package genroutes

import (
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
// path as a JSON pointer.
func TestUnmatchableRouteRefused(t *testing.T) {
	for _, path := range []string{"/v1/files/{id}.json", "/v1//x", "v1/x", "/v1//", "//"} {
		code, err := Routes([]byte("paths:\n  "+path+": {}\n"), "gen/openapi.yaml", "gen")
		want := "#/paths/" + escapeToken(path)
		if err == nil || !strings.Contains(err.Error(), want) || code != nil {
			t.Errorf("%s: err = %v, want one naming %s and no code", path, err, want)
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

// Page text in an error is made printable.
func TestRouteErrorsEscapePageText(t *testing.T) {
	_, err := routesOf([]byte("paths:\n  \"/v1/x\\e]0;title\\a/{a}.json\": {}\n"))
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Errorf("err = %q, want a refusal without control bytes", err)
	}
}
