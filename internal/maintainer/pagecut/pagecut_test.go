package pagecut

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// A page keeps the operation, the schemas it reaches and the document-level
// fields a page needs; the vendor's tags list, its extensions and the other
// operations stay behind.
func TestCutKeepsOnlyWhatThePageNeeds(t *testing.T) {
	doc, err := Parse("vendor.yaml", []byte(`openapi: 3.1.0
info: {title: api, version: "1"}
servers: [{url: "https://api.example"}]
security: [{key: []}]
externalDocs: {url: "https://docs.example"}
x-vendor-build: 42
tags:
  - {name: one, description: every tag of the whole API}
  - {name: two, description: another}
paths:
  /a:
    get:
      tags: [one]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/A"}}}}
  /b:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/B"}}}}
components:
  schemas:
    A: {type: object, properties: {c: {$ref: "#/components/schemas/C"}}}
    B: {type: string}
    C: {type: string}
`))
	if err != nil {
		t.Fatal(err)
	}
	page, err := doc.Cut("/a", "get")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Top        yaml.Node
		Paths      map[string]any
		Components struct{ Schemas map[string]any }
	}
	if err := yaml.Unmarshal(page, &got.Top); err != nil {
		t.Fatal(err)
	}
	var keys []string
	top := got.Top.Content[0]
	for i := 0; i < len(top.Content); i += 2 {
		keys = append(keys, top.Content[i].Value)
	}
	if want := "[openapi info servers security paths components]"; fmt.Sprint(keys) != want {
		t.Errorf("page's top-level fields are %v, want %s:\n%s", keys, want, page)
	}
	if err := top.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if len(got.Paths) != 1 || got.Paths["/a"] == nil {
		t.Errorf("page's paths are %v, want only /a", got.Paths)
	}
	if s := got.Components.Schemas; len(s) != 2 || s["A"] == nil || s["C"] == nil {
		t.Errorf("page's schemas are %v, want A and the C it reaches", s)
	}
}

// A path the Marker line cannot hold as it is (white space, a newline
// that would put the vendor's text into the page as YAML, a control
// character) is refused, the error showing it escaped; before, the page
// was written with the rest of the path on lines of its own.
func TestCutRefusesAPathTheMarkerCannotHold(t *testing.T) {
	for _, path := range []string{"/v1/a\nx: injected", "/v1/a b", "/v1/a\tb", "/v1/a\rb", "/v1/a\u2028b"} {
		src := []byte(`{"openapi": "3.1.0", "paths": {` + strconv.Quote(path) + `: {"get": {"responses": {"200": {"description": "ok"}}}}}}`)
		doc, err := Parse("vendor.json", src)
		if err != nil {
			t.Fatal(err)
		}
		page, err := doc.Cut(path, "get")
		if err == nil {
			t.Errorf("%q: cut as\n%s", path, page)
			continue
		}
		if strings.ContainsAny(err.Error(), "\n\r\t\u2028") || !strings.Contains(err.Error(), "white space or a control character") {
			t.Errorf("%q: error %q", path, err)
		}
	}
}
