package specmerge

import (
	"strings"
	"unicode"

	"github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"
)

// The merged document is OpenAPI 3.0, whose Schema Object has a closed set
// of fields; kin-openapi refuses any other ("extra sibling fields", "field
// ... is for OpenAPI >=3.1"). The vendor's schemas carry three kinds of
// other keys, each repaired here as a class.

// schemaFields30 are the fields of an OpenAPI 3.0 Schema Object.
var schemaFields30 = setOf("$ref", "title", "multipleOf", "maximum", "exclusiveMaximum",
	"minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
	"minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum",
	"type", "allOf", "oneOf", "anyOf", "not", "items", "properties",
	"additionalProperties", "description", "format", "default", "nullable",
	"discriminator", "readOnly", "writeOnly", "xml", "externalDocs", "example",
	"deprecated")

// keywordsOnly31 are JSON Schema 2020-12 keywords that 3.0 cannot spell
// and no earlier repair rewrites. All of them but patternProperties (see
// keepPatternKeysAllowed) only narrow what validates or annotate, and
// oapi-codegen v2.8 makes no Go of any of them. (`$defs` left here is
// outside components, where defs-hoist does not reach: a ref into it then
// fails, naming the ref.)
var keywordsOnly31 = setOf("propertyNames", "contains", "minContains", "maxContains",
	"dependentRequired", "dependentSchemas", "if", "then", "else",
	"unevaluatedItems", "unevaluatedProperties", "patternProperties", "$schema",
	"$id", "$anchor", "$comment", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
	"contentEncoding", "contentMediaType", "contentSchema", "$defs")

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// repairKeywordSpelling renames a snake_case spelling of a schema keyword
// (`max_items`, as Python models leak it) to the keyword, unless the
// keyword is given too, in which case the keyword wins and the copy goes.
var repairKeywordSpelling = schemaRepair(func(s object, ptr string, fix func(string)) error {
	for _, k := range sortedKeys(s) {
		camel := lowerCamel(k)
		if camel == k || !schemaFields30[camel] {
			continue
		}
		if _, given := s[camel]; !given {
			s[camel] = s[k]
		}
		delete(s, k)
		fix(ptr + "/" + jsonpointer.Escape(k))
	}
	return nil
})

// lowerCamel turns max_items into maxItems.
func lowerCamel(k string) string {
	parts := strings.Split(k, "_")
	for i := 1; i < len(parts); i++ {
		if p := []rune(parts[i]); len(p) > 0 {
			p[0] = unicode.ToUpper(p[0])
			parts[i] = string(p)
		}
	}
	return strings.Join(parts, "")
}

// repairKeywordsOnly31 drops the 3.1 keywords 3.0 has no spelling for
// (keywordsOnly31): they only narrow what validates or annotate, and
// kin-openapi refuses them in a 3.0 document. The one that allows,
// patternProperties, first widens additionalProperties so that the keys it
// allowed stay allowed (keepPatternKeysAllowed).
var repairKeywordsOnly31 = schemaRepair(func(s object, ptr string, fix func(string)) error {
	keepPatternKeysAllowed(s, ptr, fix)
	dropKeys(s, ptr, fix, func(k string) bool { return keywordsOnly31[k] })
	return nil
})

// keepPatternKeysAllowed makes dropping patternProperties widen what
// validates, never narrow it: the one keyword of keywordsOnly31 that
// allows rather than restricts. Beside an additionalProperties that is
// false or a schema, the keys the patterns matched would be held to that
// (and refused by the fake); they get what the patterns allowed instead:
// the one pattern's schema beside false, else any value.
func keepPatternKeysAllowed(s object, ptr string, fix func(string)) {
	patterns, ok := asObject(s["patternProperties"])
	extra, has := s["additionalProperties"]
	if !ok || len(patterns) == 0 || !has || extra == true {
		return
	}
	s["additionalProperties"] = object{}
	if extra == false && len(patterns) == 1 {
		for _, only := range patterns {
			s["additionalProperties"] = only
		}
	}
	fix(ptr + "/additionalProperties")
}

// repairUnknownKeywords drops keys that are neither schema fields nor
// extensions (`optional`, `embed`, `name`: Python field options the
// vendor's generator leaks). JSON Schema ignores unknown keywords, so
// dropping them changes no meaning; kin-openapi refuses them as extra
// sibling fields.
var repairUnknownKeywords = schemaRepair(func(s object, ptr string, fix func(string)) error {
	dropKeys(s, ptr, fix, func(k string) bool { return !schemaFields30[k] && !strings.HasPrefix(k, "x-") })
	return nil
})

func dropKeys(s object, ptr string, fix func(string), drop func(k string) bool) {
	for _, k := range sortedKeys(s) {
		if drop(k) {
			delete(s, k)
			fix(ptr + "/" + jsonpointer.Escape(k))
		}
	}
}
