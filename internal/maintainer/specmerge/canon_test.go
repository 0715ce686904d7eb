package specmerge

import (
	"reflect"
	"strings"
	"testing"
)

// Two pages defining the same component: kept once when they mean the same.
func TestDuplicateComponentsEqualAfterNormalisation(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"identical",
			`Thing: {type: object, properties: {n: {type: string}}}`,
			`Thing: {type: object, properties: {n: {type: string}}}`},
		{"titles and descriptions differ",
			`Thing: {type: object, title: Thing, description: one, properties: {n: {type: string, title: N, example: x}}}`,
			`Thing: {type: object, title: Other, description: two, properties: {n: {type: string, description: the n}}}`},
		{"const vs one-value enum",
			`Thing: {type: string, const: stored}`,
			`Thing: {type: string, enum: [stored]}`},
		{"inline vs $ref of an equal schema",
			`{Thing: {type: object, properties: {loc: {type: array, items: {anyOf: [{type: string}, {type: integer}]}}}}}`,
			`{Thing: {type: object, properties: {loc: {type: array, items: {$ref: '#/components/schemas/Loc'}}}}, Loc: {anyOf: [{type: string}, {type: integer}]}}`},
		{"oneOf vs anyOf of disjoint simple types",
			`Thing: {oneOf: [{type: string}, {type: integer}, {type: boolean}]}`,
			`Thing: {anyOf: [{type: string}, {type: integer}, {type: boolean}]}`},
		{"required in another order",
			`Thing: {type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}`,
			`Thing: {type: object, required: [b, a], properties: {a: {type: string}, b: {type: string}}}`},
		{"3.1 null union vs type array",
			`Thing: {anyOf: [{type: string}, {type: "null"}]}`,
			`Thing: {type: [string, "null"]}`},
		{"integer vs float spelling of a number",
			`Thing: {type: number, minimum: 1}`,
			`Thing: {type: number, minimum: 1.0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := schemaPage(t, "a.yaml", tt.a), schemaPage(t, "b.yaml", tt.b)
			res := mustMerge(t, []source{b, a})
			// The first page by file name gives the kept copy, as it spells it.
			want := at(t, mustMerge(t, []source{a}).doc, schemaPtr("Thing"))
			if got := at(t, res.doc, schemaPtr("Thing")); !reflect.DeepEqual(got, want) {
				t.Errorf("Thing is not a.yaml's:\n got  %v\n want %v", got, want)
			}
			generate(t, res)
		})
	}
}

// Two pages defining the same component differently: the error names both
// files and the JSON pointer of the first difference.
func TestDuplicateComponentsConflict(t *testing.T) {
	tests := []struct{ name, a, b, thing, where string }{
		{"property type",
			`Thing: {type: object, properties: {n: {type: string}}}`,
			`Thing: {type: object, properties: {n: {type: integer}}}`,
			"#/components/schemas/Thing", "#/components/schemas/Thing/properties/n/type"},
		{"enum value",
			`Thing: {type: string, enum: [a, b]}`,
			`Thing: {type: string, enum: [a, c]}`,
			"#/components/schemas/Thing", "#/components/schemas/Thing/enum/1"},
		{"required missing",
			`Thing: {type: object, required: [n], properties: {n: {type: string}}}`,
			`Thing: {type: object, properties: {n: {type: string}}}`,
			"#/components/schemas/Thing", "#/components/schemas/Thing/required"},
		{"enum length",
			`Thing: {type: string, enum: [a, b]}`,
			`Thing: {type: string, enum: [a]}`,
			"#/components/schemas/Thing", "#/components/schemas/Thing/enum"},
		// Refs are compared by what they point at: the pointer runs through
		// the ref, into the definition that differs.
		// The same ref on both sides is not followed: the conflict is
		// reported where it is, at the component both refer to.
		{"behind a $ref",
			`{Thing: {type: object, properties: {p: {$ref: '#/components/schemas/Zpart'}}}, Zpart: {type: string}}`,
			`{Thing: {type: object, properties: {p: {$ref: '#/components/schemas/Zpart'}}}, Zpart: {type: integer}}`,
			"#/components/schemas/Zpart", "#/components/schemas/Zpart/type"},
		{"inline vs $ref of a different schema",
			`{Thing: {type: object, properties: {p: {$ref: '#/components/schemas/Part'}}}, Part: {type: string}}`,
			`{Thing: {type: object, properties: {p: {type: integer}}}}`,
			"#/components/schemas/Thing", "#/components/schemas/Thing/properties/p/type"},
		// integer and number overlap: oneOf and anyOf then differ.
		{"oneOf vs anyOf of overlapping types",
			`Thing: {oneOf: [{type: integer}, {type: number}]}`,
			`Thing: {anyOf: [{type: integer}, {type: number}]}`,
			"#/components/schemas/Thing", "#/components/schemas/Thing/anyOf"},
		{"nullable",
			`Thing: {type: [string, "null"]}`,
			`Thing: {type: string}`,
			"#/components/schemas/Thing", "#/components/schemas/Thing/nullable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := schemaPage(t, "a.yaml", tt.a), schemaPage(t, "b.yaml", tt.b)
			mustFail(t, []source{b, a},
				"conflict: api/a.yaml and api/b.yaml both define "+tt.thing+" but differ at "+tt.where+";")
		})
	}
}

// The same operation on two pages must agree as well.
func TestDuplicateOperationConflict(t *testing.T) {
	page := func(name, idType string) source {
		return src(name, `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /v1/things/{id}:
    get:
      operationId: get_`+strings.TrimSuffix(name, ".yaml")+`
      parameters:
        - {name: id, in: path, required: true, schema: {type: `+idType+`}}
      responses: {"200": {description: ok}}
`)
	}
	// Only documentation differs (operationId): one operation.
	res := mustMerge(t, []source{page("a.yaml", "string"), page("b.yaml", "string")})
	if got := operationIDs(res.doc); len(got) != 1 {
		t.Errorf("operations = %v, want one", got)
	}
	mustFail(t, []source{page("a.yaml", "string"), page("b.yaml", "integer")},
		"conflict: api/a.yaml and api/b.yaml both define #/paths/~1v1~1things~1{id}/get but differ at #/paths/~1v1~1things~1{id}/get/parameters/0/schema/type;")
}
