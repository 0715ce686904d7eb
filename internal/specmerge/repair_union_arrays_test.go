package specmerge

import "testing"

// A union member that is an inline array gets its items as a component,
// in a component's property and in an operation's body, and the result
// generates (testdata/cases/union-array-items).
func TestUnionArrayItems(t *testing.T) {
	res := mergeCase(t, "union-array-items")
	body := opPtr("/v1/voices/{voice_id}", "patch") + "/responses/200/content/application~1json/schema"
	for ptr, component := range map[string]string{
		body + "/oneOf/0/items":                                 "UpdateVoice200JSONResponseBody0Item",
		schemaPtr("Voice") + "/properties/labels/anyOf/0/items": "VoiceLabels0Item",
	} {
		wantFix(t, res, "union-array-items", ptr)
		if got := at(t, res.doc, ptr+"/$ref"); got != schemaPtr(component) {
			t.Errorf("%s refers to %v, want %s", ptr, got, schemaPtr(component))
		}
		at(t, res.doc, schemaPtr(component))
	}
	generate(t, res)
}
