package specmerge

import "testing"

// A union member that is an inline array or map of an inline enum gets
// the enum as a component, in a component's property and in an operation's body, and
// the result generates (testdata/cases/union-member-elements).
func TestUnionMemberElements(t *testing.T) {
	res := mergeCase(t, "union-member-elements")
	body := opPtr("/v1/voices/{voice_id}", "patch") + "/responses/200/content/application~1json/schema"
	for ptr, component := range map[string]string{
		body + "/oneOf/0/items":                                                "UpdateVoice200JSONResponseBody0Item",
		schemaPtr("Voice") + "/properties/labels/anyOf/0/items":                "VoiceLabels0Item",
		schemaPtr("Voice") + "/properties/counts/oneOf/0/additionalProperties": "VoiceCounts0Value",
	} {
		wantFix(t, res, "union-member-elements", ptr)
		if got := at(t, res.doc, ptr+"/$ref"); got != schemaPtr(component) {
			t.Errorf("%s refers to %v, want %s", ptr, got, schemaPtr(component))
		}
		at(t, res.doc, schemaPtr(component))
	}
	if got := len(fixesOf(res, "union-member-elements")); got != 3 {
		t.Errorf("%d fixes, want 3 (an array of inline objects needs none)", got)
	}
	generate(t, res)
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
// loses nullable
// (testdata/cases/nullable-map-values; the build is what failed, which
// TestGrammarPages checks).
func TestNullableMapValues(t *testing.T) {
	res := mergeCase(t, "nullable-map-values")
	for _, ptr := range []string{
		opPtr("/v1/metadata", "post") + "/requestBody/content/application~1json/schema/additionalProperties",
		schemaPtr("Labels") + "/additionalProperties",
	} {
		wantFix(t, res, "nullable-map-values", ptr+"/nullable")
		if has(res.doc, ptr+"/nullable") {
			t.Errorf("%s is still nullable", ptr)
		}
	}
	generate(t, res)
}

// A nullable map value loses nullable too when an allOf merges its map
// with properties, the map inline or by $ref
// (testdata/cases/allof-nullable-map-values).
func TestAllOfNullableMapValues(t *testing.T) {
	res := mergeCase(t, "allof-nullable-map-values")
	for _, ptr := range []string{
		opPtr("/v1/tags", "post") + "/requestBody/content/application~1json/schema/allOf/1/additionalProperties",
		schemaPtr("Tags") + "/additionalProperties",
	} {
		wantFix(t, res, "nullable-map-values", ptr+"/nullable")
		if has(res.doc, ptr+"/nullable") {
			t.Errorf("%s is still nullable", ptr)
		}
	}
	generate(t, res)
}

// A one-member union is a union type to oapi-codegen, so an inline map
// value whose one-member union property takes the name of a map property
// of its object becomes a component (testdata/cases/map-single-union-names).
func TestMapValueSingleMemberUnionNames(t *testing.T) {
	res := mergeCase(t, "map-single-union-names")
	ptr := schemaPtr("Profile") + "/additionalProperties"
	wantFix(t, res, "map-value-names", ptr)
	generate(t, res)
}

// The inline types under an array's items are named after the array, not
// its Item type, so a map value's union member can take the name of an
// array property's item member (testdata/cases/array-item-names).
func TestMapValueArrayItemNames(t *testing.T) {
	res := mergeCase(t, "array-item-names")
	wantFix(t, res, "map-value-names", schemaPtr("Report")+"/additionalProperties")
	generate(t, res)
}

// An object with `additionalProperties: true` is a map type to
// oapi-codegen as one with a value schema is, so an inline map value's
// union can take its name (testdata/cases/map-true-names).
func TestMapValueMapTrueNames(t *testing.T) {
	res := mergeCase(t, "map-true-names")
	wantFix(t, res, "map-value-names", schemaPtr("Account")+"/additionalProperties")
	generate(t, res)
}
