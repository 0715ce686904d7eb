package specmerge

import (
	"fmt"
	"strings"
)

// Repairs of a page's paths and operations, outside their schemas.

// repairNestedTags flattens a tag given as a list of tags (the vendor nests
// them on some pages): kin-openapi and oapi-codegen refuse to load a tag
// that is not a string.
func repairNestedTags(doc object, fix func(where string)) error {
	forEachOperation(doc, func(path, method string, op object) {
		tags, ok := asList(op["tags"])
		if !ok {
			return
		}
		var flat []any
		nested := false
		var flatten func(v any)
		flatten = func(v any) {
			if l, ok := asList(v); ok {
				nested = true
				for _, e := range l {
					flatten(e)
				}
				return
			}
			flat = append(flat, fmt.Sprint(v))
		}
		for _, t := range tags {
			flatten(t)
		}
		if nested {
			op["tags"] = flat
			fix(pointer("paths", path, method, "tags"))
		}
	})
	return nil
}

// repairUndeclaredPathParams declares every parameter a path template uses
// that neither its path item nor its operation declares, as a required
// string on the operation. The vendor's document has shipped such
// operations: kin-openapi refuses them, and without a declaration the
// generated client has no argument to fill the template with. A string is
// what any path segment is; the vendor's own ids are strings.
func repairUndeclaredPathParams(doc object, fix func(where string)) error {
	paths := child(doc, "paths")
	for _, path := range sortedKeys(paths) {
		item, _ := asObject(paths[path])
		names := templateParams(path)
		if len(names) == 0 {
			continue
		}
		onItem := pathParamNames(doc, item["parameters"])
		for _, m := range httpMethods {
			op, ok := asObject(item[m])
			if !ok {
				continue
			}
			onOp := pathParamNames(doc, op["parameters"])
			for _, name := range names {
				if onItem[name] || onOp[name] {
					continue
				}
				params := append(listOf(op["parameters"]), object{
					"name": name, "in": "path", "required": true, "schema": object{"type": "string"},
				})
				op["parameters"] = params
				fix(pointer("paths", path, m, "parameters", itoa(len(params)-1)))
			}
		}
	}
	return nil
}

// templateParams are the {names} of a path template, in order.
func templateParams(template string) []string {
	var names []string
	for _, seg := range strings.Split(template, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

// pathParamNames are the names of the path parameters in a parameter list,
// inline or by $ref.
func pathParamNames(doc object, params any) map[string]bool {
	names := map[string]bool{}
	for _, param := range listOf(params) {
		po, _ := asObject(param)
		if ref, ok := po["$ref"].(string); ok {
			po, _ = resolveObject(doc, ref)
		}
		if po["in"] == "path" {
			names[fmt.Sprint(po["name"])] = true
		}
	}
	return names
}

// repairNoContentBodies drops the body a 204, 205 or 304 response declares:
// there is none on the wire, so generated clients would fail to decode the
// empty body, and Go's server would keep the declared Content-Type.
func repairNoContentBodies(doc object, fix func(where string)) error {
	forEachOperation(doc, func(path, method string, op object) {
		responses := child(op, "responses")
		for _, code := range []string{"204", "205", "304"} {
			if r := child(responses, code); r != nil {
				if _, ok := r["content"]; ok {
					delete(r, "content")
					fix(pointer("paths", path, method, "responses", code, "content"))
				}
			}
		}
	})
	return nil
}

// apiKeyHeader is the header the vendor reads the API key from.
const apiKeyHeader = "xi-api-key"

// apiKeyScheme is the name of the security scheme that carries it.
const apiKeyScheme = "ApiKeyAuth"

// repairAPIKeyParams turns every `xi-api-key` header parameter, inline or by
// $ref, into one `apiKey` security scheme required by the whole document,
// so that the key is set in one place, and never sent twice or empty.
func repairAPIKeyParams(doc object, fix func(where string)) error {
	found := false
	// drop removes the key parameter, inline or by $ref, from one list.
	drop := func(holder object, ptr string) {
		params, ok := asList(holder["parameters"])
		if !ok {
			return
		}
		kept := params[:0:0]
		for _, param := range params {
			if isAPIKeyParam(doc, param) {
				found = true
				fix(ptr)
				continue
			}
			kept = append(kept, param)
		}
		if len(kept) == 0 {
			delete(holder, "parameters")
		} else {
			holder["parameters"] = kept
		}
	}
	paths := child(doc, "paths")
	for _, path := range sortedKeys(paths) {
		item, _ := asObject(paths[path])
		drop(item, pointer("paths", path, "parameters"))
		for _, m := range httpMethods {
			if op, ok := asObject(item[m]); ok {
				drop(op, pointer("paths", path, m, "parameters"))
			}
		}
	}
	if !found {
		return nil
	}
	shared := child(doc, "components", "parameters")
	for _, name := range sortedKeys(shared) {
		if isAPIKeyParam(doc, shared[name]) {
			delete(shared, name)
		}
	}
	ensure(ensure(doc, "components"), "securitySchemes")[apiKeyScheme] = object{
		"type": "apiKey", "in": "header", "name": apiKeyHeader,
	}
	doc["security"] = []any{object{apiKeyScheme: []any{}}}
	return nil
}

// isAPIKeyParam reports whether param, or the parameter it refers to, is
// the xi-api-key header.
func isAPIKeyParam(doc object, param any) bool {
	po, _ := asObject(param)
	if ref, ok := po["$ref"].(string); ok {
		po, _ = resolveObject(doc, ref)
	}
	return po["in"] == "header" && strings.EqualFold(fmt.Sprint(po["name"]), apiKeyHeader)
}
