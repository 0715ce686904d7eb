package specmerge

import "testing"

// A union member that is an inline array or map of an inline enum gets
// the enum as a component, in a component's property and in an
// operation's body, also when the enum is further down, through arrays'
// items and maps' values, and the result generates
// (testdata/cases/union-member-elements and union-member-nested-elements;
// an array or map of inline objects needs no fix).
func TestUnionMemberElements(t *testing.T) {
	body := opPtr("/v1/voices/{voice_id}", "patch") + "/responses/200/content/application~1json/schema"
	for name, components := range map[string]map[string]string{
		"union-member-elements": {
			body + "/oneOf/0/items":                                                "UpdateVoice200JSONResponseBody0Item",
			schemaPtr("Voice") + "/properties/labels/anyOf/0/items":                "VoiceLabels0Item",
			schemaPtr("Voice") + "/properties/counts/oneOf/0/additionalProperties": "VoiceCounts0Value",
		},
		"union-member-nested-elements": {
			body + "/oneOf/0/items/items": "UpdateVoice200JSONResponseBody0ItemItem",
			schemaPtr("Voice") + "/properties/labels/anyOf/0/items/additionalProperties": "VoiceLabels0ItemValue",
			schemaPtr("Voice") + "/properties/counts/oneOf/0/additionalProperties/items": "VoiceCounts0ValueItem",
			schemaPtr("Voice") + "/properties/labels/anyOf/1/items/additionalProperties": "VoiceLabels1ItemValue",
		},
	} {
		t.Run(name, func(t *testing.T) {
			res := mergeCase(t, name)
			for ptr, component := range components {
				wantFix(t, res, "union-member-elements", ptr)
				if got := at(t, res.doc, ptr+"/$ref"); got != schemaPtr(component) {
					t.Errorf("%s refers to %v, want %s", ptr, got, schemaPtr(component))
				}
				at(t, res.doc, schemaPtr(component))
			}
			if got := len(fixesOf(res, "union-member-elements")); got != len(components) {
				t.Errorf("%d fixes, want %d", got, len(components))
			}
			generate(t, res)
		})
	}
}

// In an allOf, a second map member allows any additional property, and the
// result generates (testdata/cases/allof-maps).
func TestAllOfMaps(t *testing.T) {
	res := mergeCase(t, "allof-maps")
	ptr := schemaPtr("Labels") + "/properties/extra/allOf/1/additionalProperties"
	wantFix(t, res, "allof-maps", ptr)
	if got := at(t, res.doc, ptr); got != true {
		t.Errorf("%s = %v, want true", ptr, got)
	}
	generate(t, res)
}

// An object's inline map value schema becomes a component only when its
// inline types take its properties' names (testdata/cases/map-value-names).
func TestMapValueNames(t *testing.T) {
	res := mergeCase(t, "map-value-names")
	ptr := schemaPtr("Settings") + "/additionalProperties"
	wantFix(t, res, "map-value-names", ptr)
	if got := fixesOf(res, "map-value-names"); len(got) != 1 {
		t.Errorf("fixes at %v, want Settings' only", got)
	}
	if ref, _ := at(t, res.doc, ptr+"/$ref").(string); !has(res.doc, ref) {
		t.Errorf("%s refers to %q, which is not there", ptr, ref)
	}
	generate(t, res)
}

// A nullable map value (a union, a $ref) of an object with properties
// loses nullable, also when an allOf merges the map, inline or by $ref,
// with properties (testdata/cases/nullable-map-values and
// allof-nullable-map-values; the build is what failed, which
// TestGrammarPages checks).
func TestNullableMapValues(t *testing.T) {
	for name, ptrs := range map[string][]string{
		"nullable-map-values": {
			opPtr("/v1/metadata", "post") + "/requestBody/content/application~1json/schema/additionalProperties",
			schemaPtr("Labels") + "/additionalProperties",
		},
		"allof-nullable-map-values": {
			opPtr("/v1/tags", "post") + "/requestBody/content/application~1json/schema/allOf/1/additionalProperties",
			schemaPtr("Tags") + "/additionalProperties",
		},
	} {
		t.Run(name, func(t *testing.T) {
			res := mergeCase(t, name)
			for _, ptr := range ptrs {
				wantFix(t, res, "nullable-map-values", ptr+"/nullable")
				if has(res.doc, ptr+"/nullable") {
					t.Errorf("%s is still nullable", ptr)
				}
			}
			generate(t, res)
		})
	}
}

// Where oapi-codegen names an inline type of a map value like one of its
// object's properties', the value becomes a component:
//   - map-single-union-names: a one-member union is a union type too;
//   - array-item-names: the inline types under an array's items are named
//     after the array, not its Item type;
//   - map-true-names: an object with `additionalProperties: true` is a map
//     type as one with a value schema is.
func TestMapValueNamesFound(t *testing.T) {
	for name, object := range map[string]string{
		"map-single-union-names": "Profile",
		"array-item-names":       "Report",
		"map-true-names":         "Account",
	} {
		t.Run(name, func(t *testing.T) {
			res := mergeCase(t, name)
			wantFix(t, res, "map-value-names", schemaPtr(object)+"/additionalProperties")
			generate(t, res)
		})
	}
}
