package specmerge

import (
	"reflect"
	"testing"
)

// The key header is dropped wherever a page declares it: on the operation,
// on the path item, or through a shared parameter component.
func TestAPIKeyParamEverywhere(t *testing.T) {
	res := mustMerge(t, []source{src("api/key.yaml", `
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /v1/things/{id}:
    parameters:
      - {name: xi-api-key, in: header, schema: {type: string}}
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: get_thing
      parameters:
        - $ref: '#/components/parameters/ApiKey'
        - {name: q, in: query, schema: {type: string}}
      responses:
        '200': {description: ok}
components:
  parameters:
    ApiKey: {name: XI-API-KEY, in: header, required: true, schema: {type: string}}
`)})
	if got := at(t, res.doc, opPtr("/v1/things/{id}", "get")+"/parameters"); len(listOf(got)) != 1 {
		t.Errorf("operation parameters = %v, want only q", got)
	}
	if got := at(t, res.doc, "#/paths/~1v1~1things~1{id}/parameters"); len(listOf(got)) != 1 {
		t.Errorf("path parameters = %v, want only id", got)
	}
	if has(res.doc, "#/components/parameters/ApiKey") {
		t.Error("the shared key parameter is still in components")
	}
	if !has(res.doc, "#/components/securitySchemes/ApiKeyAuth") {
		t.Error("no ApiKeyAuth security scheme")
	}
	if err := validate(res.yaml); err != nil {
		t.Fatal(err)
	}
}

// A template parameter that nothing declares is declared on each
// operation lacking it, a required string, beside a query parameter of the
// same name; one declared on the path item or the operation is left alone
// (testdata/cases/undeclared-path-params).
func TestUndeclaredPathParams(t *testing.T) {
	res := mergeCase(t, "undeclared-path-params")
	parts := "/v1/things/{thing_id}/parts/{part_id}"
	wantFix(t, res, "undeclared-path-params", opPtr(parts, "get")+"/parameters/1")
	wantFix(t, res, "undeclared-path-params", opPtr("/v1/things/{thing_id}", "get")+"/parameters/0")
	if got := fixesOf(res, "undeclared-path-params"); len(got) != 2 {
		t.Errorf("fixes at %v, want the two undeclared parameters only", got)
	}
	want := map[string]any{"name": "part_id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}}
	if got := at(t, res.doc, opPtr(parts, "get")+"/parameters/1"); !reflect.DeepEqual(got, want) {
		t.Errorf("declared %v, want %v", got, want)
	}
	generate(t, res)
}
