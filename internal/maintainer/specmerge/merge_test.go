package specmerge

import (
	"reflect"
	"testing"
)

// The shape of the merged document, one fixture of testdata/cases each.

func TestMergeShape(t *testing.T) {
	secret := "/v1/convai/secrets/{secret_id}"
	tests := []struct {
		name  string
		check func(t *testing.T, res *Result)
	}{
		{"nested-tags", func(t *testing.T, res *Result) {
			want := []any{"subpackage_conversationalAi", "subpackage_conversationalAi/secrets"}
			if got := at(t, res.doc, opPtr(secret, "delete")+"/tags"); !reflect.DeepEqual(got, want) {
				t.Errorf("tags = %v, want the nested list flattened to %v", got, want)
			}
			wantFix(t, res, "nested-tags", opPtr(secret, "delete")+"/tags")
		}},
		{"dotted-tags", func(t *testing.T, res *Result) {
			want := []any{"subpackage_conversationalAi.subpackage_conversationalAi/secrets"}
			if got := at(t, res.doc, opPtr(secret, "patch")+"/tags"); !reflect.DeepEqual(got, want) {
				t.Errorf("a dotted tag is kept as it is: tags = %v, want %v", got, want)
			}
			if fixes := fixesOf(res, "nested-tags"); len(fixes) != 0 {
				t.Errorf("a dotted tag is not nested, yet nested-tags was applied at %v", fixes)
			}
		}},
		{"two-methods", func(t *testing.T, res *Result) {
			paths := at(t, res.doc, "#/paths").(map[string]any)
			if len(paths) != 1 {
				t.Fatalf("two pages with one path each: want one path item, got %v", sortedKeys(paths))
			}
			item := at(t, res.doc, pointer("paths", secret)).(map[string]any)
			if got := sortedKeys(item); !reflect.DeepEqual(got, []string{"get", "patch"}) {
				t.Errorf("path item keys = %v, want [get patch]", got)
			}
			for method, page := range map[string]string{"get": "get.yaml", "patch": "patch.yaml"} {
				if got := at(t, res.doc, opPtr(secret, method)+"/x-source-page"); got != page {
					t.Errorf("%s came from %v, want %s", method, got, page)
				}
			}
		}},
		{"shared-components", func(t *testing.T, res *Result) {
			// Both pages define HTTPValidationError, ValidationError and Stored,
			// spelled differently but meaning the same: kept once, as the first
			// page (by file name) spells them.
			for _, name := range []string{"HTTPValidationError", "ValidationError", "Stored"} {
				at(t, res.doc, schemaPtr(name))
			}
			if got := at(t, res.doc, schemaPtr("Stored")+"/description"); got != "A stored secret (page a's words)." {
				t.Errorf("Stored/description = %q, want a.yaml's", got)
			}
			if got := at(t, res.doc, schemaPtr("ValidationError")+"/properties/loc/items/anyOf/0/type"); got != "string" {
				t.Errorf("ValidationError is not a.yaml's inline spelling: loc/items/anyOf/0/type = %v", got)
			}
			if has(res.doc, schemaPtr("ValidationErrorLocItems")) {
				t.Error("ValidationErrorLocItems (only b.yaml's ValidationError used it) should be pruned")
			}
		}},
		{"nested-tags", func(t *testing.T, res *Result) {
			// 204 with a body: the body goes, and with it the schema only it used.
			resp := at(t, res.doc, opPtr(secret, "delete")+"/responses/204").(map[string]any)
			if _, ok := resp["content"]; ok {
				t.Errorf("204 response still has content: %v", resp)
			}
			wantFix(t, res, "no-content-body", opPtr(secret, "delete")+"/responses/204/content")
			if has(res.doc, schemaPtr("conversational_ai_secrets_delete_Response_204")) {
				t.Error("the 204 body's schema is referenced by nothing any more and should be pruned")
			}
			wantFix(t, res, "prune-unreferenced", schemaPtr("conversational_ai_secrets_delete_Response_204"))
			if has(res.doc, "#/components/schemas") {
				t.Errorf("an emptied section should be dropped: %v", at(t, res.doc, "#/components/schemas"))
			}
		}},
		{"nested-tags", func(t *testing.T, res *Result) {
			// xi-api-key header -> the ApiKeyAuth scheme, required everywhere.
			params := at(t, res.doc, opPtr(secret, "delete")+"/parameters").([]any)
			if len(params) != 1 || params[0].(map[string]any)["name"] != "secret_id" {
				t.Errorf("parameters = %v, want only secret_id (xi-api-key removed)", params)
			}
			want := map[string]any{"type": "apiKey", "in": "header", "name": "xi-api-key"}
			if got := at(t, res.doc, "#/components/securitySchemes/ApiKeyAuth"); !reflect.DeepEqual(got, want) {
				t.Errorf("ApiKeyAuth = %v, want %v", got, want)
			}
			wantSec := []any{map[string]any{"ApiKeyAuth": []any{}}}
			if got := at(t, res.doc, "#/security"); !reflect.DeepEqual(got, wantSec) {
				t.Errorf("security = %v, want %v", got, wantSec)
			}
			wantFix(t, res, "api-key-security", opPtr(secret, "delete")+"/parameters")
		}},
		{"overlay", func(t *testing.T, res *Result) {
			want := []any{
				map[string]any{"url": "https://api.example.com", "description": "Default region.", "x-go-name": "ServerURLDefault"},
				map[string]any{"url": "https://api.eu.example.com", "description": "EU.", "x-go-name": "ServerURLEU"},
			}
			if got := at(t, res.doc, "#/servers"); !reflect.DeepEqual(got, want) {
				t.Errorf("servers after the overlay = %v\nwant %v", got, want)
			}
			if got := at(t, res.doc, opPtr("/v1/things", "get")+"/summary"); got != "List the things (overlay)." {
				t.Errorf("summary = %v, want the overlay's", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mergeCase(t, tt.name)
			tt.check(t, res)
			generate(t, res)
		})
	}
}

func TestMergeVersionIs30(t *testing.T) {
	res := mergeCase(t, "nested-tags")
	if got := at(t, res.doc, "#/openapi"); got != "3.0.3" {
		t.Errorf("openapi = %v, want 3.0.3", got)
	}
	wantFix(t, res, "openapi-3.0", "#/openapi")
	if res.Fixes[1].File != "testdata/cases/nested-tags/delete.yaml" {
		t.Errorf("a page's fix names the page: %+v", res.Fixes[1])
	}
}
