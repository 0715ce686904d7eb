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
			if got := at(t, res.doc, tt.ptr); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s:\n got  %#v\n want %#v", tt.ptr, got, tt.want)
			}
		})
	}
	if has(res.doc, schemaPtr("Widget")+"/$defs") {
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
		if err := repairTypeArray(object{}, s, tt.types, "#"); err != nil {
			t.Fatalf("type %v: %v", tt.types, err)
		}
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

// Regression: "#/$defs/Part" means the Part of the schema that holds the
// ref, so two schemas' Parts must stay two (the rewrite once sent both to
// whichever was hoisted last).
func TestDefsHoistKeepsEachParentsDefs(t *testing.T) {
	res := mustMerge(t, []source{schemaPage(t, "defs.yaml", `
A:
  type: object
  properties: {part: {$ref: '#/$defs/Part'}}
  $defs:
    Part: {type: string}
B:
  type: object
  properties:
    part: {$ref: '#/$defs/Part'}
    other: {$ref: '#/components/schemas/A/$defs/Part'}
  $defs:
    Part: {type: integer}
`)})
	for ptr, want := range map[string]string{
		schemaPtr("A") + "/properties/part/$ref":  schemaPtr("APart"),
		schemaPtr("B") + "/properties/part/$ref":  schemaPtr("BPart"),
		schemaPtr("B") + "/properties/other/$ref": schemaPtr("APart"),
	} {
		if got := at(t, res.doc, ptr); got != want {
			t.Errorf("%s = %v, want %s", ptr, got, want)
		}
	}
	if got := at(t, res.doc, schemaPtr("BPart")+"/type"); got != "integer" {
		t.Errorf("BPart is a %v, want B's own integer Part", got)
	}
	generate(t, res)
}

// Regression: a type array beside a union once replaced the union with a
// oneOf of bare types, losing the members.
func TestTypeArrayKeepsAnExistingUnion(t *testing.T) {
	res := mustMerge(t, []source{schemaPage(t, "union.yaml", `
When:
  type: [string, integer, 'null']
  oneOf:
    - {type: string, format: date}
    - {$ref: '#/components/schemas/Epoch'}
Epoch: {type: integer, minimum: 0}
`)})
	want := []any{
		map[string]any{"type": "string", "format": "date"},
		map[string]any{"$ref": schemaPtr("Epoch")},
	}
	if got := at(t, res.doc, schemaPtr("When")+"/oneOf"); !reflect.DeepEqual(got, want) {
		t.Errorf("oneOf = %v, want the schema's own members %v", got, want)
	}
	if has(res.doc, schemaPtr("When")+"/type") || at(t, res.doc, schemaPtr("When")+"/nullable") != true {
		t.Errorf("When = %v, want no type (the members give it) and nullable", at(t, res.doc, schemaPtr("When")))
	}
	generate(t, res)
}

// A type array that the union beside it does not imply cannot be spelt in
// 3.0 without guessing: the merge names the place and what to do.
func TestTypeArrayBesideAnUnrelatedUnionFails(t *testing.T) {
	mustFail(t, []source{schemaPage(t, "union.yaml", `
When:
  type: [string, integer]
  anyOf: [{type: string}, {type: object}]
`)}, "api/union.yaml: #/components/schemas/When/type: type array [string integer] beside `anyOf`, whose", "overlay")
}

// The registry is the order the merge runs: every page-level repair
// before every document-level one, IDs unique, each with a reason and a
// function.
func TestRepairsRegistry(t *testing.T) {
	seen := map[string]bool{}
	level := PageLevel
	for _, r := range Repairs {
		if seen[r.ID] {
			t.Errorf("repair %q is listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Level < level {
			t.Errorf("page-level repair %q comes after a document-level one, but the merge runs all page-level repairs first", r.ID)
		}
		level = r.Level
		if r.run == nil || r.Reason == "" {
			t.Errorf("repair %q lacks a function or a reason", r.ID)
		}
	}
}

// Constructs of the vendor's whole API come out as 3.0 that kin-openapi
// accepts and oapi-codegen generates (testdata/cases/vendor-constructs).
func TestRepairVendorConstructs(t *testing.T) {
	res := mergeCase(t, "vendor-constructs")
	gadget := schemaPtr("Gadget") + "/properties/"
	list := opPtr("/v1/gadgets", "get")
	tests := []struct {
		repair, fixedAt, ptr string
		want                 any
	}{
		{"keyword-spelling", list + "/parameters/0/schema/max_items", list + "/parameters/0/schema/maxItems", 100},
		// The keyword wins over its snake_case copy.
		{"keyword-spelling", list + "/parameters/1/schema/max_items", list + "/parameters/1/schema/maxItems", 5},
		{"unknown-keywords", list + "/parameters/0/schema/embed", list + "/parameters/0/schema",
			map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "maxItems": 100, "title": "Ids"}},
		{"unknown-keywords", gadget + "name/optional", gadget + "name",
			map[string]any{"type": "string", "nullable": true, "example": "My gadget"}},
		{"tuple-items", gadget + "size/prefixItems", gadget + "size",
			map[string]any{"type": "array", "items": map[string]any{"type": "integer"}, "minItems": 2, "maxItems": 2}},
		{"tuple-items", gadget + "pair/prefixItems", gadget + "pair/items",
			map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}}}},
		{"null-union", gadget + "note/anyOf", gadget + "note", map[string]any{"type": "string", "nullable": true}},
		{"null-type", gadget + "retired/type", gadget + "retired",
			map[string]any{"nullable": true, "enum": []any{nil}, "description": "Always null since v2"}},
		{"array-items", gadget + "anything/items", gadget + "anything", map[string]any{"type": "array", "items": map[string]any{}}},
		{"keywords-3.1-only", gadget + "labels/propertyNames", gadget + "labels",
			map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}}},
		{"keywords-3.1-only", schemaPtr("GadgetList") + "/$comment", schemaPtr("GadgetList"),
			map[string]any{"type": "array", "items": map[string]any{"$ref": schemaPtr("Gadget")}}},
		{"both-unions", list + "/responses/200/content/application~1json/schema/anyOf", list + "/responses/200/content/application~1json/schema",
			map[string]any{"oneOf": []any{map[string]any{"$ref": schemaPtr("Gadget")}, map[string]any{"$ref": schemaPtr("GadgetList")}}}},
		// An example is documentation: one that does not match its schema
		// is kept, and does not stop validation or generation.
		{"keywords-3.0", gadget + "budget", gadget + "budget", map[string]any{"type": "integer", "example": "50000"}},
	}
	for _, tt := range tests {
		t.Run(tt.repair+" "+tt.ptr, func(t *testing.T) {
			wantFix(t, res, tt.repair, tt.fixedAt)
			if got := at(t, res.doc, tt.ptr); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s:\n got  %#v\n want %#v", tt.ptr, got, tt.want)
			}
		})
	}
	generate(t, res)
}

// A schema whose anyOf and oneOf say different things is refused: which
// one the API means is not the merge's guess.
func TestBothUnionsDisagreeingFails(t *testing.T) {
	mustFail(t, []source{schemaPage(t, "both.yaml", `
Either:
  anyOf: [{type: string}, {type: integer}]
  oneOf: [{type: string}, {type: boolean}]
`)}, "api/both.yaml: #/components/schemas/Either: both `anyOf` and `oneOf`", "overlay action")
}

// `$defs` deeper than a component's top level are hoisted too, and refs to
// them by absolute pointer follow.
func TestDefsHoistNested(t *testing.T) {
	res := mustMerge(t, []source{schemaPage(t, "nested.yaml", `
Outer:
  type: object
  properties:
    inner:
      type: object
      properties: {leaf: {$ref: '#/components/schemas/Outer/properties/inner/$defs/Leaf'}}
      $defs:
        Leaf: {type: object, properties: {top: {$ref: '#/$defs/Top'}}}
  $defs:
    Top: {type: string}
`)})
	wantFix(t, res, "defs-hoist", schemaPtr("Outer")+"/properties/inner/$defs/Leaf")
	for ptr, want := range map[string]string{
		schemaPtr("Outer") + "/properties/inner/properties/leaf/$ref": schemaPtr("OuterLeaf"),
		schemaPtr("OuterLeaf") + "/properties/top/$ref":               schemaPtr("OuterTop"),
	} {
		if got := at(t, res.doc, ptr); got != want {
			t.Errorf("%s = %v, want %s", ptr, got, want)
		}
	}
	generate(t, res)
}

// Dropping patternProperties never narrows what validates: beside
// additionalProperties false or a schema, the keys the patterns allowed
// stay allowed (the fake validates responses with the merged spec).
func TestPatternPropertiesNeverNarrow(t *testing.T) {
	res := mustMerge(t, []source{schemaPage(t, "maps.yaml", `
One:
  type: object
  additionalProperties: false
  patternProperties: {'^x-': {type: string}}
Two:
  type: object
  additionalProperties: false
  patternProperties: {'^x-': {type: string}, '^n-': {type: integer}}
Typed:
  type: object
  additionalProperties: {type: boolean}
  patternProperties: {'^x-': {type: string}}
Open:
  type: object
  properties: {id: {type: string}}
  patternProperties: {'^x-': {type: string}}
`)})
	for name, want := range map[string]any{
		"One":   map[string]any{"type": "string"},
		"Two":   map[string]any{},
		"Typed": map[string]any{},
	} {
		ptr := schemaPtr(name) + "/additionalProperties"
		wantFix(t, res, "keywords-3.1-only", ptr)
		if got := at(t, res.doc, ptr); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", ptr, got, want)
		}
	}
	if has(res.doc, schemaPtr("Open")+"/additionalProperties") {
		t.Errorf("Open gained additionalProperties: it allowed any key already")
	}
	if has(res.doc, schemaPtr("One")+"/patternProperties") {
		t.Errorf("patternProperties kept")
	}
	generate(t, res)
}
