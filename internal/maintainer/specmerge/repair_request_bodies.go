package specmerge

import "github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"

// hoistUnionRequestBodies moves a request body's inline union schema (an
// `anyOf` or `oneOf` at the root of a media type's schema) to
// components/schemas, named <Operation>Request (<Operation><Tag>Request
// for a media type other than JSON, with 2, 3... if taken), and refers to
// it there. oapi-codegen declares an inline body as a type of its own,
// <Operation>JSONBody, and the request body type the client method takes
// as a new named type of it (`type XJSONRequestBody XJSONBody`), which
// has none of the union's methods: its MarshalJSON gone, json.Marshal
// sees a struct of one unexported field and the client sends `{}`
// whatever the caller built. A body by $ref gets an alias
// (`type XJSONRequestBody = X`), which keeps them. It runs after the
// operations are named (the component is named after its operation) and
// before the inline-name repairs and the collision check, which then see
// the new component.
func hoistUnionRequestBodies(doc object, fix func(where string)) error {
	forEachOperation(doc, func(path, method string, op object) {
		name, _ := op["operationId"].(string)
		content := child(op, "requestBody", "content")
		for _, mt := range sortedKeys(content) {
			media, _ := asObject(content[mt])
			schema, _ := asObject(media["schema"])
			if schema["$ref"] != nil || len(unionMembers(schema)) == 0 {
				continue
			}
			tag := mediaTypeTag(mt)
			if tag == "JSON" {
				tag = ""
			}
			component := freeComponentName(doc, name+tag+"Request")
			ensure(ensure(doc, "components"), "schemas")[component] = schema
			media["schema"] = object{"$ref": "#/components/schemas/" + component}
			fix(pointer("paths", path, method) + "/requestBody/content/" + jsonpointer.Escape(mt) + "/schema")
		}
	})
	return nil
}
