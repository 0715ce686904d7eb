package specmerge

import (
	"reflect"
	"testing"
)

// OpenAPI 3.1 constructs come out in their 3.0 spelling (testdata/cases/openapi31).
func TestRepairOpenAPI31(t *testing.T) {
	res := mergeCase(t, "openapi31")
	widget := schemaPtr("Widget") + "/properties/"
	tests := []struct {
		repair, fixedAt, ptr string
		want                 any
	}{
		{"const-to-enum", widget + "kind", widget + "kind", map[string]any{"type": "string", "enum": []any{"widget"}}},
		{"type-array", widget + "label/type", widget + "label", map[string]any{"type": "string", "nullable": true}},
		{"type-array", widget + "size/type", widget + "size", map[string]any{"oneOf": []any{
			map[string]any{"type": "string"}, map[string]any{"type": "integer"}}}},
		{"null-union", opPtr("/v1/widgets", "post") + "/parameters/0/schema/anyOf", opPtr("/v1/widgets", "post") + "/parameters/0/schema",
			map[string]any{"type": "string", "nullable": true, "title": "Cursor"}},
		// A 3.0 $ref ignores its siblings: nullable goes on an allOf wrapper.
		{"null-union", widget + "part/anyOf", widget + "part", map[string]any{"nullable": true, "allOf": []any{
			map[string]any{"$ref": schemaPtr("WidgetPart")}}}},
		{"keywords-3.0", widget + "weight", widget + "weight", map[string]any{"type": "number",
			"minimum": 0, "exclusiveMinimum": true, "maximum": 1000, "exclusiveMaximum": true}},
		{"keywords-3.0", widget + "colour", widget + "colour", map[string]any{"type": "string", "example": "red"}},
		{"defs-hoist", schemaPtr("Widget") + "/$defs/Part", schemaPtr("WidgetPart"), map[string]any{"type": "object",
			"properties": map[string]any{"name": map[string]any{"type": "string"}}}},
		{"union-duplicates", widget + "spare/anyOf", widget + "spare/anyOf", []any{
			map[string]any{"$ref": schemaPtr("WidgetPart")}, map[string]any{"type": "string"}}},
		{"openapi-3.0", "#/openapi", "#/openapi", "3.0.3"},
	}
	for _, tt := range tests {
		t.Run(tt.repair+" "+tt.ptr, func(t *testing.T) {
			wantFix(t, res, tt.repair, tt.fixedAt)
			if got := at(t, res.Doc, tt.ptr); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s:\n got  %#v\n want %#v", tt.ptr, got, tt.want)
			}
		})
	}
	if has(res.Doc, schemaPtr("Widget")+"/$defs") {
		t.Error("Widget still has $defs after hoisting")
	}
	generate(t, res)
}

func TestRepairTypeArray(t *testing.T) {
	tests := []struct {
		types []any
		want  object
	}{
		{[]any{"string", "null"}, object{"type": "string", "nullable": true}},
		{[]any{"null", "integer"}, object{"type": "integer", "nullable": true}},
		{[]any{"string", "integer"}, object{"oneOf": []any{object{"type": "string"}, object{"type": "integer"}}}},
		{[]any{"string", "integer", "null"}, object{"nullable": true, "oneOf": []any{object{"type": "string"}, object{"type": "integer"}}}},
		{[]any{"null"}, object{"nullable": true}},
	}
	for _, tt := range tests {
		s := object{"type": tt.types}
		repairTypeArray(s, tt.types)
		if !reflect.DeepEqual(s, tt.want) {
			t.Errorf("type %v became %v, want %v", tt.types, s, tt.want)
		}
	}
}

// Every entry of Repairs is made somewhere in testdata/cases, and no fix
// names a repair that Repairs does not list.
func TestEveryRepairIsTriggered(t *testing.T) {
	seen := map[string][]string{}
	dirs, err := readCaseDirs()
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		for _, f := range mergeCase(t, dir).Fixes {
			seen[f.Repair] = append(seen[f.Repair], dir)
		}
	}
	known := map[string]bool{}
	for _, r := range Repairs {
		known[r.ID] = true
		if len(seen[r.ID]) == 0 {
			t.Errorf("repair %q is not triggered by any fixture in %s: add one", r.ID, casesDir)
		}
		if r.Reason == "" {
			t.Errorf("repair %q gives no reason", r.ID)
		}
	}
	for id, in := range seen {
		if !known[id] {
			t.Errorf("fixtures %v made repair %q, which Repairs does not list", in, id)
		}
	}
}
