package specmerge

import (
	"strings"

	"github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"
)

// oapi-codegen names some inline schemas itself, from the path that leads to
// them: an enum property `kind` of schema Widget becomes type WidgetKind, a
// union property `u` becomes Widget_U with members WidgetU0, WidgetU1, and
// the like under additionalProperties and array items. Such a name can equal
// a component's, or another inline type's, and oapi-codegen then stops:
// "duplicate typename ... can't auto-rename". The merge lists the names each
// schema will bring, so that the collision check sees them too.

// inlineTypeKeys returns the goKeys of the types oapi-codegen may generate
// for the inline schemas under s, a schema generated as type root of doc.
// It errs on the side of listing a name: a spare one costs at worst a
// component rename, a missing one a failed generation. oapi-codegen merges
// an allOf's members into one type, a $ref member's inline schemas
// included, so those are named after the allOf's path too.
func inlineTypeKeys(doc object, root string, s any) []string {
	var keys []string
	merging := map[string]bool{} // the $refs of allOf members being walked
	// item says v is an array's items schema: its inline types are named
	// after the array's path, but a union or map items type itself is
	// <path>_Item (an enum's is the array's path).
	var walk func(v any, path []string, item bool)
	walk = func(v any, path []string, item bool) {
		so, ok := asObject(v)
		if !ok {
			return
		}
		if _, isRef := so["$ref"]; isRef {
			return // a named type already
		}
		if len(path) > 1 && so["enum"] != nil {
			keys = append(keys, goKey(strings.Join(path, "")))
		}
		if isUnion(so) || isMapSchema(so) {
			if item {
				keys = append(keys, goKey(strings.Join(path, "")+"Item"))
			} else if len(path) > 1 {
				keys = append(keys, goKey(strings.Join(path, "")))
			}
		}
		for i, m := range unionMembers(so) {
			member := appendPath(path, itoa(i))
			if mo, ok := asObject(m); ok && mo["$ref"] == nil {
				keys = append(keys, goKey(strings.Join(member, "")))
			}
			walk(m, member, false)
		}
		for _, m := range listOf(so["allOf"]) {
			ref, isRef := asObject(m)
			if r, ok := ref["$ref"].(string); isRef && ok {
				if target, found := resolveObject(doc, r); found && !merging[r] {
					merging[r] = true
					walk(target, path, item)
					delete(merging, r)
				}
				continue
			}
			walk(m, path, item)
		}
		props, _ := asObject(so["properties"])
		for _, name := range sortedKeys(props) {
			walk(props[name], appendPath(path, name), false)
		}
		walk(so["items"], path, true)
		// A map's value type is <path>_AdditionalProperties, but the inline
		// types under it are named after the map's own path: Foo0 for
		// member 0 of a union value of map Foo.
		if value, ok := asObject(so["additionalProperties"]); ok && value["$ref"] == nil {
			keys = append(keys, goKey(strings.Join(path, "")+"AdditionalProperties"))
			walk(value, path, false)
		}
	}
	walk(s, []string{root}, false)
	return keys
}

// isUnion reports whether s has a oneOf or anyOf, which oapi-codegen
// gives a union type of its own even with one member (or none).
func isUnion(s object) bool {
	_, oneOf := s["oneOf"]
	_, anyOf := s["anyOf"]
	return oneOf || anyOf
}

func unionMembers(s object) []any {
	return append(listOf(s["oneOf"]), listOf(s["anyOf"])...)
}

// isMapSchema reports whether s allows additional properties, by a schema
// or by `true`: oapi-codegen may give either a named type of its own.
func isMapSchema(s object) bool {
	_, ok := asObject(s["additionalProperties"])
	return ok || s["additionalProperties"] == true
}

// appendPath extends a path without sharing the backing array of another.
func appendPath(path []string, elem string) []string {
	return append(path[:len(path):len(path)], elem)
}

// operationTypeRoots are the names oapi-codegen gives an operation's inline
// request and response bodies, with each body's schema.
func operationTypeRoots(op object, name string) map[string]any {
	roots := map[string]any{}
	for _, b := range operationBodies(op, name, "") {
		roots[b.name] = b.schema
	}
	return roots
}

// typeRoot is a schema oapi-codegen generates a type for, the type's name
// and the schema's JSON pointer.
type typeRoot struct {
	name, ptr string
	schema    any
}

// operationBodies are the schemas of an operation's request and response
// bodies, named as oapi-codegen names their types; ptr is the
// operation's.
func operationBodies(op object, name, ptr string) []typeRoot {
	var roots []typeRoot
	for _, mt := range sortedKeys(child(op, "requestBody", "content")) {
		roots = append(roots, typeRoot{name + mediaTypeTag(mt) + "Body",
			ptr + "/requestBody/content/" + jsonpointer.Escape(mt) + "/schema",
			child(op, "requestBody", "content", mt)["schema"]})
	}
	responses := child(op, "responses")
	for _, code := range sortedKeys(responses) {
		for _, mt := range sortedKeys(child(responses, code, "content")) {
			roots = append(roots, typeRoot{name + camel(code) + mediaTypeTag(mt) + "ResponseBody",
				ptr + "/responses/" + jsonpointer.Escape(code) + "/content/" + jsonpointer.Escape(mt) + "/schema",
				child(responses, code, "content", mt)["schema"]})
		}
	}
	return roots
}

// mediaTypeTag approximates oapi-codegen's tag for a media type; goKey
// folding makes its exact spelling (JSON or Json) irrelevant.
func mediaTypeTag(mt string) string {
	switch {
	case mt == "application/json":
		return "JSON"
	case strings.HasPrefix(mt, "multipart/"):
		return "Multipart"
	case mt == "application/x-www-form-urlencoded":
		return "Formdata"
	case mt == "text/plain":
		return "Text"
	}
	return camel(mt)
}
